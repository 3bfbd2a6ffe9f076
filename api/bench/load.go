package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

// Sample is one request as the client saw it.
type Sample struct {
	Op      string
	Latency time.Duration
	Code    int    // 0: no answer
	Err     string // transport error
	Index   int    // the request's number in an open-loop attack
	At      time.Time
}

// failed reports whether the request counts as an error: no answer or
// not 2xx.
func (s Sample) failed() bool { return s.Err != "" || s.Code < 200 || s.Code > 299 }

// request is one HTTP request of a scenario.
type request struct {
	method, path, token, key string
	body                     any
	forwardedFor             string
	server                   *Server // nil: the scenario's server
}

// url is where r goes.
func (e *Env) url(r request) string {
	if r.server != nil {
		return r.server.URL() + r.path
	}
	return e.srv.URL() + r.path
}

// do sends r and decodes a 2xx answer's JSON into out (when not nil).
func (e *Env) do(ctx context.Context, r request, out any) (Sample, error) {
	var body io.Reader
	if r.body != nil {
		b, err := json.Marshal(r.body)
		if err != nil {
			return Sample{}, err
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, r.method, e.url(r), body)
	if err != nil {
		return Sample{}, err
	}
	setHeaders(req.Header, r)
	start := time.Now()
	resp, err := e.client.Do(req)
	s := Sample{Latency: time.Since(start), At: start}
	if err != nil {
		s.Err = err.Error()
		return s, fmt.Errorf("%s %s: %w", r.method, r.path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	s.Latency, s.Code = time.Since(start), resp.StatusCode
	if err != nil {
		s.Err = err.Error()
		return s, err
	}
	if s.failed() {
		return s, fmt.Errorf("%s %s: %d %s", r.method, r.path, resp.StatusCode, bytes.TrimSpace(data))
	}
	if out != nil {
		return s, json.Unmarshal(data, out)
	}
	return s, nil
}

func setHeaders(h http.Header, r request) {
	if r.token != "" {
		h.Set("Authorization", "Bearer "+r.token)
	}
	if r.body != nil {
		h.Set("Content-Type", "application/json")
	}
	if r.key != "" {
		h.Set("Idempotency-Key", r.key)
	}
	if r.forwardedFor != "" {
		h.Set("X-Forwarded-For", r.forwardedFor)
	}
}

// errNoMore ends an open-loop attack before its duration: every target was sent.
var errNoMore = errors.New("bench: no more targets")

// openLoop sends next(0), next(1), ... at rate per second for at most d
// (less when next returns errNoMore), whatever the server's speed: a slow
// answer does not delay the next request (vegeta). done receives each
// answer with its index.
func (e *Env) openLoop(ctx context.Context, op string, rate float64, d time.Duration,
	next func(i int) (request, error), done func(i int, code int, body []byte)) []Sample {
	var n atomic.Int64
	targeter := func(t *vegeta.Target) error {
		i := int(n.Add(1) - 1)
		r, err := next(i)
		if err != nil {
			return err
		}
		var body []byte
		if r.body != nil {
			if body, err = json.Marshal(r.body); err != nil {
				return err
			}
		}
		*t = vegeta.Target{Method: r.method, URL: fmt.Sprintf("%s#%d", e.url(r), i), Body: body, Header: http.Header{}}
		setHeaders(t.Header, r)
		return nil
	}
	atk := vegeta.NewAttacker(vegeta.Timeout(30*time.Second), vegeta.KeepAlive(true), vegeta.Connections(20000),
		vegeta.Workers(64), vegeta.MaxBody(1<<20), vegeta.Redirects(vegeta.NoFollow))
	freq := max(1, int(math.Round(rate*100)))
	pace := vegeta.Rate{Freq: freq, Per: 100 * time.Second}
	var samples []Sample
	results := atk.Attack(targeter, pace, d, op)
	stop := context.AfterFunc(ctx, func() { atk.Stop() })
	defer stop()
	for res := range results {
		if res.Error == errNoMore.Error() {
			continue
		}
		i := fragmentIndex(res.URL)
		s := Sample{Op: op, Latency: res.Latency, Code: int(res.Code), Err: res.Error, Index: i, At: res.Timestamp}
		if s.Code != 0 {
			s.Err = "" // vegeta's "404 Not Found": the code says it
		}
		samples = append(samples, s)
		if done != nil && res.Code >= 200 && res.Code <= 299 {
			done(i, int(res.Code), res.Body)
		}
	}
	return samples
}

// spread sends the n requests req(0) ... req(n-1) evenly over win, open loop.
func (e *Env) spread(ctx context.Context, op string, n int, win time.Duration, req func(i int) request,
	done func(i, code int, body []byte)) []Sample {
	return e.openLoop(ctx, op, float64(n)/win.Seconds(), win+5*time.Second, func(i int) (request, error) {
		if i >= n {
			return request{}, errNoMore
		}
		return req(i), nil
	}, done)
}

// fragmentIndex reads the request index put after # in a target's URL (the
// fragment is never sent).
func fragmentIndex(url string) int {
	i := bytes.LastIndexByte([]byte(url), '#')
	n := 0
	for _, c := range url[i+1:] {
		n = n*10 + int(c-'0')
	}
	return n
}

// closedLoop runs n clients at once, each calling fn(ctx, client index)
// once; fn reports its samples through add.
func closedLoop(ctx context.Context, n int, fn func(ctx context.Context, i int, add func(Sample))) []Sample {
	var mu sync.Mutex
	var samples []Sample
	add := func(s Sample) {
		mu.Lock()
		samples = append(samples, s)
		mu.Unlock()
	}
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { fn(ctx, i, add) })
	}
	wg.Wait()
	return samples
}

// parallel runs fn(i) for i in [0, n) on workers goroutines, returning the
// first error; setup work that is not measured.
func parallel(ctx context.Context, n, workers int, fn func(ctx context.Context, i int) error) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(workers, max(n, 1)) {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= n || ctx.Err() != nil {
					return
				}
				if err := fn(ctx, i); err != nil {
					cancel(err)
					return
				}
			}
		})
	}
	wg.Wait()
	return context.Cause(ctx)
}
