package bench

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
	"time"
)

func runConnections(ctx context.Context, e *Env, p Params) ([]Result, error) {
	n := p.n(10000)
	goals := map[string]Goal{
		"connect + first request": {ZeroErrors: true},
		"request on open conn":    {ZeroErrors: true, MaxRSSMiB: 256},
	}
	var held []*keptConn
	defer func() {
		for _, c := range held {
			c.conn.Close()
		}
	}()
	rs, err := e.Measure(ctx, goals, func(ctx context.Context) []Sample {
		var mu sync.Mutex
		var samples []Sample
		parallel(ctx, n, 64, func(ctx context.Context, i int) error {
			c, s := e.dialKept(ctx)
			mu.Lock()
			defer mu.Unlock()
			samples = append(samples, s)
			if c != nil {
				held = append(held, c)
			}
			return nil
		})
		// Every connection open at once: one more request on each.
		var wg sync.WaitGroup
		for _, c := range held {
			wg.Go(func() {
				s := c.get()
				s.Op = "request on open conn"
				mu.Lock()
				samples = append(samples, s)
				mu.Unlock()
			})
		}
		wg.Wait()
		sleep(ctx, 2*time.Second) // the server holds them idle
		return samples
	})
	if err != nil {
		return nil, err
	}
	rs[0].Checks = append(rs[0].Checks, fmt.Sprintf("%d of %d connections held open at once", len(held), n))
	return rs, nil
}

// keptConn is a keep-alive HTTP/1.1 connection the harness holds open.
type keptConn struct {
	conn net.Conn
	r    *bufio.Reader
	host string
}

// dialKept opens a connection and makes its first request.
func (e *Env) dialKept(ctx context.Context) (*keptConn, Sample) {
	start := time.Now()
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", e.srv.Addr)
	if err != nil {
		return nil, Sample{Op: "connect + first request", Latency: time.Since(start), Err: err.Error()}
	}
	c := &keptConn{conn: conn, r: bufio.NewReader(conn), host: e.srv.Addr}
	s := c.get()
	s.Op, s.Latency = "connect + first request", time.Since(start)
	if s.failed() {
		conn.Close()
		return nil, s
	}
	return c, s
}

// get sends GET /healthz and reads the answer, keeping the connection.
func (c *keptConn) get() Sample {
	start := time.Now()
	c.conn.SetDeadline(time.Now().Add(30 * time.Second))
	_, err := fmt.Fprintf(c.conn, "GET /healthz HTTP/1.1\r\nHost: %s\r\n\r\n", c.host)
	if err != nil {
		return Sample{Latency: time.Since(start), Err: err.Error()}
	}
	resp, err := http.ReadResponse(c.r, nil)
	if err != nil {
		return Sample{Latency: time.Since(start), Err: err.Error()}
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return Sample{Latency: time.Since(start), Code: resp.StatusCode}
}
