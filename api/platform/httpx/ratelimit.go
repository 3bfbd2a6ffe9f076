package httpx

import (
	"net/netip"
	"strconv"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/govtrain/lms/api/platform/errs"
)

// RateLimit lets each client (by ClientIP) make at most n requests a
// minute to the routes it guards, answering 429 with Retry-After beyond.
// The counts live in this process: behind a load balancer each node
// allows n, which is what a limit against guessing needs, not an exact
// quota.
func RateLimit(n int, trusted []netip.Prefix) gin.HandlerFunc {
	type window struct {
		start time.Time
		count int
	}
	var mu sync.Mutex
	clients := map[string]*window{}
	return func(c *gin.Context) {
		ip := ClientIP(c.Request, trusted)
		now := time.Now()
		mu.Lock()
		if len(clients) > 100_000 { // a flood of addresses: start over rather than grow
			clients = map[string]*window{}
		}
		w := clients[ip]
		if w == nil || now.Sub(w.start) >= time.Minute {
			w = &window{start: now}
			clients[ip] = w
		}
		w.count++
		over, wait := w.count > n, time.Minute-now.Sub(w.start)
		mu.Unlock()
		if over {
			c.Header("Retry-After", strconv.Itoa(int(wait.Seconds())+1))
			WriteError(c, errs.New(errs.TooMany, "too_many_requests", "too many requests from your address; wait a minute"))
			return
		}
		c.Next()
	}
}
