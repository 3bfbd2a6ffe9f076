package httpx

import (
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/govtrain/lms/api/platform/errs"
)

const requestIDKey = "request_id"

// RequestID returns the id of the request being served.
func RequestID(c *gin.Context) string { return c.GetString(requestIDKey) }

// Metrics are the request counters and latency histogram, by route.
type Metrics struct {
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
}

// NewMetrics registers the HTTP metrics with reg.
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "lms_http_requests_total", Help: "HTTP requests by route, method and status.",
		}, []string{"route", "method", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "lms_http_request_duration_seconds", Help: "HTTP request latency by route.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
		}, []string{"route", "method"}),
	}
	reg.MustRegister(m.requests, m.latency)
	return m
}

// Observe gives each request an id (kept from a sane X-Request-Id header or
// made up), logs it once when it ends, counts it, and turns a panic into a 500
// in the one error shape.
func Observe(m *Metrics) gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		id := c.GetHeader("X-Request-Id")
		if len(id) == 0 || len(id) > 64 || strings.ContainsFunc(id, func(r rune) bool { return r < '!' || r > '~' }) {
			var b [8]byte
			rand.Read(b[:])
			id = hex.EncodeToString(b[:])
		}
		c.Set(requestIDKey, id)
		c.Header("X-Request-Id", id)
		defer func() {
			if p := recover(); p != nil {
				slog.ErrorContext(c.Request.Context(), "panic", "panic", p, "request_id", id)
				WriteError(c, errs.New(errs.Kind(0), "internal", "panic"))
			}
			route := c.FullPath()
			if route == "" {
				route = "unmatched"
			}
			status := c.Writer.Status()
			d := time.Since(start)
			m.requests.WithLabelValues(route, c.Request.Method, strconv.Itoa(status)).Inc()
			m.latency.WithLabelValues(route, c.Request.Method).Observe(d.Seconds())
			level := slog.LevelInfo
			if status >= 500 {
				level = slog.LevelError
			}
			slog.Log(c.Request.Context(), level, "http", "method", c.Request.Method, "path", c.Request.URL.Path,
				"route", route, "status", status, "duration_ms", float64(d.Microseconds())/1000,
				"bytes", c.Writer.Size(), "client", c.ClientIP(), "request_id", id)
		}()
		c.Next()
	}
}

// BodyLimit caps request bodies at n bytes; reading past it fails and
// BindJSON turns that into 413.
func BodyLimit(n int64) gin.HandlerFunc {
	return func(c *gin.Context) {
		if c.Request.ContentLength > n {
			WriteError(c, errs.New(errs.TooLarge, "too_large", "the body is larger than "+strconv.FormatInt(n, 10)+" bytes"))
			return
		}
		c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, n)
		c.Next()
	}
}

// ClientIP returns the address of the client: the connection's peer, or, when
// the peer is a configured trusted proxy, the last X-Forwarded-For address not
// itself a trusted proxy.
func ClientIP(r *http.Request, trusted []netip.Prefix) string {
	peer, err := netip.ParseAddrPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	addr := peer.Addr().Unmap()
	if !isTrusted(addr, trusted) {
		return addr.String()
	}
	hops := strings.Split(r.Header.Get("X-Forwarded-For"), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		a, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			break
		}
		addr = a.Unmap()
		if !isTrusted(addr, trusted) {
			break
		}
	}
	return addr.String()
}

func isTrusted(a netip.Addr, trusted []netip.Prefix) bool {
	for _, p := range trusted {
		if p.Contains(a) {
			return true
		}
	}
	return false
}
