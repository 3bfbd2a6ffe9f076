package bench

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/google/uuid"
	"github.com/lib/pq"

	"github.com/govtrain/lms/api/platform/vcode"
	"github.com/govtrain/lms/api/seed"
)

// clientIP is a made-up address for client i, sent as X-Forwarded-For
// (the server trusts 127.0.0.1 as its proxy): per-address limits see a
// crowd, as behind a real load balancer.
func clientIP(i int) string { return fmt.Sprintf("10.%d.%d.%d", (i>>16)&255, (i>>8)&255, i&255) }

func runSignIn(ctx context.Context, e *Env, p Params) ([]Result, error) {
	n, win := p.n(5000), p.window(5*time.Minute)
	k := p.n(1000)
	signers, err := e.takerRange(0, n)
	if err != nil {
		return nil, err
	}
	others, err := e.takerRange(n, k)
	if err != nil {
		return nil, err
	}
	goals := map[string]Goal{
		"sign-in":              {ZeroErrors: true, P99: 5 * time.Second},
		"autosave (meanwhile)": {ZeroErrors: true, P99: 50 * time.Millisecond},
		"start (meanwhile)":    {ZeroErrors: true, P99: time.Second},
		"submit (meanwhile)":   {ZeroErrors: true, P99: 100 * time.Millisecond},
	}
	rs, err := e.Measure(ctx, goals, func(ctx context.Context) []Sample {
		done := make(chan []Sample)
		go func() {
			done <- e.takeExams(ctx, others, win, false, " (meanwhile)")
		}()
		s := e.spread(ctx, "sign-in", n, win, func(i int) request { return signInReq(signers[i], i) }, nil)
		return append(s, <-done...)
	})
	if err != nil {
		return nil, err
	}
	return rs, e.checkAcks(ctx, rs)
}

// takeExams runs one closed-loop exam taker per taker: sign in (when
// signIn), start, save one answer every 5 s (±1 s of think time) until d
// has passed, submit. The ops are named with suffix.
func (e *Env) takeExams(ctx context.Context, takers []Taker, d time.Duration, signIn bool, suffix string) []Sample {
	end := time.Now().Add(d)
	return closedLoop(ctx, len(takers), func(ctx context.Context, i int, add func(Sample)) {
		t := takers[i]
		r := rand.New(rand.NewPCG(uint64(i), 7))
		// Arrivals spread over the first 5 s, as a crowd does.
		sleep(ctx, time.Duration(r.Int64N(int64(5*time.Second))))
		if signIn {
			var session struct {
				AccessToken string `json:"access_token"`
			}
			s, err := e.do(ctx, signInReq(t, i), &session)
			s.Op = "sign-in" + suffix
			add(s)
			if err != nil {
				return
			}
			t.Token = session.AccessToken
		}
		var at attemptView
		s, err := e.do(ctx, e.startReq(t), &at)
		s.Op = "start" + suffix
		add(s)
		if err != nil || len(at.Questions) == 0 {
			return
		}
		for seq := int64(1); time.Now().Before(end) && ctx.Err() == nil; seq++ {
			sleep(ctx, 4*time.Second+time.Duration(r.Int64N(int64(2*time.Second))))
			slot := at.Questions[int(seq)%len(at.Questions)].Slot
			s, err := e.do(ctx, saveReq(t, at, seq, slot, passes(i)), nil)
			s.Op = "autosave" + suffix
			add(s)
			if err == nil {
				e.acks.Add(Ack{Kind: "autosave", Attempt: at.ID, Slot: slot, Seq: seq, Value: passes(i)})
			}
		}
		s, err = e.do(ctx, submitReq(t, at, uuid.NewString()), nil)
		s.Op = "submit" + suffix
		add(s)
		if err == nil {
			e.acks.Add(Ack{Kind: "submit", Attempt: at.ID})
		}
	})
}

// signInReq signs taker t in from client i's address.
func signInReq(t Taker, i int) request {
	return request{method: "POST", path: "/api/v1/auth/login", forwardedFor: clientIP(i),
		body: map[string]string{"username": t.Username, "password": seed.DemoPassword}}
}

func sleep(ctx context.Context, d time.Duration) {
	select {
	case <-ctx.Done():
	case <-time.After(d):
	}
}

func runExam(ctx context.Context, e *Env, p Params) ([]Result, error) {
	takers, err := e.takerRange(0, p.n(1000))
	if err != nil {
		return nil, err
	}
	goals := map[string]Goal{
		"sign-in":  {ZeroErrors: true, P99: 5 * time.Second},
		"start":    {ZeroErrors: true, P99: time.Second},
		"autosave": {ZeroErrors: true, P99: 50 * time.Millisecond},
		"submit":   {ZeroErrors: true, P99: 100 * time.Millisecond},
	}
	rs, err := e.Measure(ctx, goals, func(ctx context.Context) []Sample {
		return e.takeExams(ctx, takers, p.window(60*time.Second), true, "")
	})
	if err != nil {
		return nil, err
	}
	return rs, e.checkAcks(ctx, rs)
}

func runTargets(ctx context.Context, e *Env, p Params) ([]Result, error) {
	token, err := e.homeAffairs(ctx)
	if err != nil {
		return nil, err
	}
	goal := Goal{ZeroErrors: true, P99: 50 * time.Millisecond}
	if len(e.takers) >= 1_000_000 {
		goal.P99 = 300 * time.Millisecond
	}
	return e.Measure(ctx, map[string]Goal{"targets": goal}, func(ctx context.Context) []Sample {
		return e.openLoop(ctx, "targets", max(2, 10*p.Scale), p.window(30*time.Second), func(int) (request, error) {
			return request{method: "GET", path: "/api/v1/targets", token: token}, nil
		}, nil)
	})
}

func runVerify(ctx context.Context, e *Env, p Params) ([]Result, error) {
	d, err := e.DB(ctx)
	if err != nil {
		return nil, err
	}
	var codes []string
	if err := d.SelectContext(ctx, &codes, `SELECT code FROM certificates ORDER BY id LIMIT 100000`); err != nil {
		return nil, err
	}
	if len(codes) == 0 {
		return nil, fmt.Errorf("bench: the template has no certificates to verify")
	}
	unknown := vcode.NewN(1000)
	if err := d.GetContext(ctx, new(int), `SELECT count(*) FROM certificates WHERE code = ANY($1)`, pq.Array(unknown)); err != nil {
		return nil, err
	}
	rate := p.n(5000)
	goals := map[string]Goal{"verify": {ZeroErrors: true, P99: 10 * time.Millisecond, MinRate: float64(rate)}}
	return e.Measure(ctx, goals, func(ctx context.Context) []Sample {
		s := e.openLoop(ctx, "verify", float64(rate), p.window(20*time.Second), func(i int) (request, error) {
			code := codes[(i*7919)%len(codes)]
			if i%10 == 9 {
				code = unknown[i%len(unknown)]
			}
			return request{method: "GET", path: "/api/v1/verify/" + code, forwardedFor: clientIP(i)}, nil
		}, nil)
		// An unknown code answers 404 by design; a known one 200.
		for j := range s {
			if s[j].Index%10 == 9 && s[j].Code == 404 {
				s[j].Code = 200
			} else if s[j].Index%10 == 9 && s[j].Code == 200 {
				s[j].Code = 0
				s[j].Err = "an unknown code was found"
			}
		}
		return s
	})
}
