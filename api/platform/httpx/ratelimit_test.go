package httpx

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gin-gonic/gin"
)

func TestRateLimit(t *testing.T) {
	gin.SetMode(gin.TestMode)
	r := gin.New()
	r.GET("/", RateLimit(3, nil), func(c *gin.Context) { c.Status(http.StatusOK) })
	get := func(ip string) *httptest.ResponseRecorder {
		req := httptest.NewRequest("GET", "/", nil)
		req.RemoteAddr = ip + ":1234"
		w := httptest.NewRecorder()
		r.ServeHTTP(w, req)
		return w
	}
	for i := range 3 {
		if w := get("192.0.2.1"); w.Code != http.StatusOK {
			t.Fatalf("request %d: %d", i, w.Code)
		}
	}
	if w := get("192.0.2.1"); w.Code != http.StatusTooManyRequests || w.Header().Get("Retry-After") == "" {
		t.Errorf("fourth request: %d, Retry-After %q", w.Code, w.Header().Get("Retry-After"))
	}
	if w := get("192.0.2.2"); w.Code != http.StatusOK {
		t.Errorf("another client: %d", w.Code)
	}
}
