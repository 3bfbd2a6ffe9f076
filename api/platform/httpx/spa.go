package httpx

import (
	"io/fs"
	"net/http"
	"path"
	"strings"

	"github.com/gin-gonic/gin"
)

const notBuilt = `<!doctype html><meta charset="utf-8"><title>LMS</title>
<p>Giao diện web chưa được build. Chạy <code>make build</code> rồi khởi động lại.</p>
<p>The web frontend has not been built. Run <code>make build</code> and restart.</p>`

// SPA serves the built frontend from dist: files under assets/ (hashed names)
// with a one-year immutable cache, other files as they are, and index.html,
// never cached, for every other path so client-side routes work on reload.
func SPA(dist fs.FS) gin.HandlerFunc {
	files := http.FileServer(http.FS(dist))
	index, err := fs.ReadFile(dist, "index.html")
	if err != nil {
		index = []byte(notBuilt)
	}
	return func(c *gin.Context) {
		if c.Request.Method != http.MethodGet && c.Request.Method != http.MethodHead {
			c.Status(http.StatusNotFound)
			return
		}
		p := strings.TrimPrefix(path.Clean(c.Request.URL.Path), "/")
		if p != "" && p != "index.html" {
			if st, err := fs.Stat(dist, p); err == nil && !st.IsDir() {
				if strings.HasPrefix(p, "assets/") {
					c.Header("Cache-Control", "public, max-age=31536000, immutable")
				} else {
					c.Header("Cache-Control", "public, max-age=3600")
				}
				files.ServeHTTP(c.Writer, c.Request)
				return
			}
			if strings.HasPrefix(p, "assets/") {
				c.Status(http.StatusNotFound)
				return
			}
		}
		c.Header("Cache-Control", "no-cache")
		c.Data(http.StatusOK, "text/html; charset=utf-8", index)
	}
}
