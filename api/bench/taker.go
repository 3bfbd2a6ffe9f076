package bench

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/govtrain/lms/api/auth"
	"github.com/govtrain/lms/api/platform/db"
)

// Taker is a learner account of the template (password Demo@2026) with an
// access token the harness signed with the server's secret, so that a
// scenario that is not about signing in skips the password hash.
type Taker struct {
	UserID   int64  `db:"id"`
	Username string `db:"username"`
	PersonID int64  `db:"person_id"`
	Token    string `db:"-"`
}

// tokenMaker signs access tokens as the server would.
type tokenMaker struct{ tokens *auth.Tokens }

func newTokenMaker(secret []byte) tokenMaker {
	return tokenMaker{tokens: auth.NewTokens(secret, "lms", 6*time.Hour)}
}

func (m tokenMaker) issue(userID int64, username string, role auth.Role, person *int64) (string, error) {
	tok, _, err := m.tokens.Issue(auth.Principal{UserID: userID, Username: username, Name: username, Role: role, PersonID: person})
	return tok, err
}

// loadTakers reads the bench accounts and the exam's quiz id.
func (e *Env) loadTakers(ctx context.Context) error {
	d, err := e.DB(ctx)
	if err != nil {
		return err
	}
	if err := d.GetContext(ctx, &e.quiz, `SELECT q.id FROM quizzes q JOIN courses c ON c.id = q.course_id
		WHERE c.slug = $1 AND q.slug = $2`, examCourse, examQuiz); err != nil {
		return fmt.Errorf("bench: the exam quiz: %w", err)
	}
	e.takers = nil
	if err := d.SelectContext(ctx, &e.takers, `SELECT id, username, person_id FROM users
		WHERE username LIKE 'bench%' ORDER BY id`); err != nil {
		return err
	}
	for i := range e.takers {
		t := &e.takers[i]
		if t.Token, err = e.tokens.issue(t.UserID, t.Username, auth.Learner, &t.PersonID); err != nil {
			return err
		}
	}
	return nil
}

// takers returns n takers from first on, failing when the template is too small.
func (e *Env) takerRange(first, n int) ([]Taker, error) {
	if first+n > len(e.takers) {
		return nil, fmt.Errorf("bench: %d takers needed, the template has %d people with bench accounts; raise -people", first+n, len(e.takers))
	}
	return e.takers[first : first+n], nil
}

// homeAffairs is a token of the demo Home Affairs account (noivu).
func (e *Env) homeAffairs(ctx context.Context) (string, error) {
	d, err := e.DB(ctx)
	if err != nil {
		return "", err
	}
	var id int64
	if err := d.GetContext(ctx, &id, `SELECT id FROM users WHERE username = 'noivu'`); err != nil {
		return "", err
	}
	return e.tokens.issue(id, "noivu", auth.HomeAffairs, nil)
}

// attemptView is what starting an attempt answers, as far as the harness needs.
type attemptView struct {
	ID        int64 `json:"id"`
	Questions []struct {
		Slot int    `json:"slot"`
		Type string `json:"type"`
	} `json:"questions"`
}

func (e *Env) startReq(t Taker) request {
	return request{method: "POST", path: fmt.Sprintf("/api/v1/quizzes/%d/attempts", e.quiz), token: t.Token}
}

// saveReq saves value in slot, or in every slot when slot < 0.
func saveReq(t Taker, at attemptView, seq int64, slot int, value bool) request {
	answers := map[string]any{}
	for _, q := range at.Questions {
		if slot < 0 || q.Slot == slot {
			answers[fmt.Sprint(q.Slot)] = map[string]any{"value": value}
		}
	}
	return request{method: "PUT", path: fmt.Sprintf("/api/v1/attempts/%d/answers", at.ID), token: t.Token,
		body: map[string]any{"seq": seq, "answers": answers}}
}

func submitReq(t Taker, at attemptView, key string) request {
	return request{method: "POST", path: fmt.Sprintf("/api/v1/attempts/%d/submit", at.ID), token: t.Token, key: key}
}

// passes says whether taker i answers to pass: 7 in 10 do.
func passes(i int) bool { return i%10 < 7 }

// openAttempts starts an attempt for each of takers (not measured), and
// when answer is set saves every answer, passing or failing by passes.
func (e *Env) openAttempts(ctx context.Context, takers []Taker, answer bool) ([]attemptView, error) {
	out := make([]attemptView, len(takers))
	err := parallel(ctx, len(takers), 16, func(ctx context.Context, i int) error {
		if _, err := e.do(ctx, e.startReq(takers[i]), &out[i]); err != nil {
			return err
		}
		if len(out[i].Questions) != examQuestions {
			return fmt.Errorf("bench: attempt %d has %d questions, want %d", out[i].ID, len(out[i].Questions), examQuestions)
		}
		if !answer {
			return nil
		}
		_, err := e.do(ctx, saveReq(takers[i], out[i], 1, -1, passes(i)), nil)
		return err
	})
	return out, err
}

// examTakers are the first n takers, each with an attempt opened (and
// answered, when answer is set) by openAttempts.
func (e *Env) examTakers(ctx context.Context, n int, answer bool) ([]Taker, []attemptView, error) {
	takers, err := e.takerRange(0, n)
	if err != nil {
		return nil, nil, err
	}
	open, err := e.openAttempts(ctx, takers, answer)
	return takers, open, err
}

// count runs a query returning one number on the run's database.
func (e *Env) count(ctx context.Context, query string, args ...any) (int, error) {
	d, err := e.DB(ctx)
	if err != nil {
		return 0, err
	}
	var n int
	err = d.GetContext(ctx, &n, query, args...)
	return n, err
}

// openPool opens a small pool on dsn for setup and checks.
func openPool(ctx context.Context, dsn string) (*sqlx.DB, error) {
	d, err := db.Open(ctx, dsn)
	if err != nil {
		return nil, err
	}
	d.SetMaxOpenConns(4)
	return d, nil
}
