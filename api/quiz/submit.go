package quiz

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/govtrain/lms/api/auth"
	"github.com/govtrain/lms/api/platform/db"
	"github.com/govtrain/lms/api/platform/errs"
	"github.com/govtrain/lms/api/platform/vcode"
)

// SaveRequest is an autosave: the answers changed since the last save the
// browser saw acknowledged, under an increasing sequence number.
type SaveRequest struct {
	Seq     int64               `json:"seq"`
	Answers map[string]Response `json:"answers"`
	Page    *int                `json:"page"`
}

// SaveResult acknowledges a save.
type SaveResult struct {
	SaveSeq    int64      `db:"save_seq" json:"save_seq"`
	Furthest   int        `db:"furthest" json:"furthest"`
	Deadline   *time.Time `db:"deadline" json:"deadline"`
	ServerTime time.Time  `db:"now" json:"server_time"`
}

// Limits of what one save may carry.
const (
	maxSlot        = 9999
	maxAnswers     = 500
	maxTextRunes   = 20000
	maxChoices     = 100
	maxSeq         = 1 << 53
	submitAttempts = 5
)

func (r SaveRequest) check() error {
	f := errs.Fields{}
	if r.Seq <= 0 || r.Seq > maxSeq {
		f["seq"] = "out_of_range"
	}
	if len(r.Answers) > maxAnswers {
		f["answers"] = "out_of_range"
	}
	for k, a := range r.Answers {
		n, err := strconv.Atoi(k)
		switch {
		case err != nil || n < 0 || n > maxSlot || strconv.Itoa(n) != k:
			f["answers."+k] = "invalid"
		case a.Text != nil && utf8.RuneCountInString(*a.Text) > maxTextRunes:
			f["answers."+k] = "too_long"
		case len(a.Choices) > maxChoices || len(a.Pairs) > maxChoices:
			f["answers."+k] = "out_of_range"
		}
	}
	if r.Page != nil && (*r.Page < 0 || *r.Page > maxSlot) {
		f["page"] = "out_of_range"
	}
	if len(f) > 0 {
		return f.Err()
	}
	return nil
}

// stamped is the save's answers as the save statement merges them.
func (r SaveRequest) stamped() map[string]saved {
	out := make(map[string]saved, len(r.Answers))
	for k, a := range r.Answers {
		out[k] = saved{Seq: r.Seq, Response: a}
	}
	return out
}

// Save stores an autosave with one statement. A repeated or late save
// changes nothing (each answer carries the sequence of its save; an older
// one never replaces a newer one).
func (s *Service) Save(ctx context.Context, p auth.Principal, id int64, r SaveRequest) (SaveResult, error) {
	if err := r.check(); err != nil {
		return SaveResult{}, err
	}
	if p.PersonID == nil {
		return SaveResult{}, errs.ErrNotFound
	}
	answers, err := json.Marshal(r.stamped())
	if err != nil {
		return SaveResult{}, err
	}
	st, err := s.stmt(ctx, saveAnswers)
	if err != nil {
		return SaveResult{}, err
	}
	var out SaveResult
	err = st.GetContext(ctx, &out, id, *p.PersonID, answers, r.Page, r.Seq, s.grace.Seconds())
	if err == nil {
		return out, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return out, err
	}
	// Refused: say why (not the hot path).
	a, err := s.own(ctx, p, id)
	switch {
	case err != nil:
		return out, err
	case a.State != "in_progress":
		return out, errFinished
	case a.late(s.grace):
		return out, errTimeUp
	case r.Page != nil && *r.Page >= a.SlotCount:
		return out, errs.Fields{"page": "out_of_range"}.Err()
	default:
		return out, errNotReached
	}
}

// late says whether the attempt's time, grace included, is over.
func (a *attemptRow) late(grace time.Duration) bool {
	return a.Deadline != nil && a.Now.After(a.Deadline.Add(grace))
}

// merge applies a save to the attempt read, by the rule of the save statement.
func (a *attemptRow) merge(r SaveRequest) {
	first := 0
	if a.Sequential {
		first = a.Furthest
	}
	for k, v := range r.stamped() {
		n, err := strconv.Atoi(k)
		if err != nil || n < first || n >= a.SlotCount {
			continue
		}
		if old, ok := a.saved[k]; !ok || old.Seq < v.Seq {
			a.saved[k] = v
		}
	}
}

var errBadKey = errs.Fields{"Idempotency-Key": "invalid"}.Err()

// Submit finishes p's attempt exactly once. The first submit grades it and
// stores the grade, the person's quiz grade and the course completion in one
// statement; a repeat with the same idempotency key answers the same
// result, any other submit of a finished attempt is refused. final carries
// the answers the browser had not yet seen saved; after the deadline and its
// grace they no longer count, and the attempt is closed with what was saved.
func (s *Service) Submit(ctx context.Context, p auth.Principal, id int64, key string, final *SaveRequest) (AttemptSummary, error) {
	if key == "" {
		key = uuid.NewString() // no replay possible: a repeat is refused as finished
	}
	k, err := uuid.Parse(key)
	if err != nil {
		return AttemptSummary{}, errBadKey
	}
	key = k.String()
	if final != nil && (final.Seq != 0 || len(final.Answers) > 0) {
		if err := final.check(); err != nil {
			return AttemptSummary{}, err
		}
	} else {
		final = nil
	}
	for range submitAttempts {
		a, err := s.own(ctx, p, id)
		if err != nil {
			return AttemptSummary{}, err
		}
		if a.State == "finished" {
			if a.SubmitKey != nil && *a.SubmitKey == key {
				return a.summary(false), nil
			}
			return AttemptSummary{}, errFinished
		}
		late := a.late(s.grace)
		if final != nil && !late {
			a.merge(*final)
		}
		done, err := s.finish(ctx, on{}, a, &key, late)
		if err != nil {
			return AttemptSummary{}, err
		}
		if done {
			return a.summary(false), nil
		}
		// A save or another submit changed the attempt between the read
		// and the write: read it again.
	}
	return AttemptSummary{}, errs.New(errs.Conflict, "submit_conflict", "the attempt kept changing while it was submitted; try again")
}

// gradeExpr is a person's quiz grade by the quiz's grading method over
// their graded attempts (columns percent and number); $%d is the method.
const gradeExpr = `CASE $%[1]d WHEN 'highest' THEN max(percent) WHEN 'average' THEN round(avg(percent), 2)
	WHEN 'first' THEN (array_agg(percent ORDER BY number))[1] ELSE (array_agg(percent ORDER BY number DESC))[1] END`

// upsertGrade writes the quiz grade from the graded attempts in relation
// src (quiz_id, person_id, number, percent); $%[1]d is the grading method,
// $%[2]d the pass mark.
const upsertGrade = `
	INSERT INTO quiz_grades AS g (quiz_id, person_id, attempts, percent, passed, passed_at)
	SELECT quiz_id, person_id, n, grade, grade >= $%[2]d, CASE WHEN grade >= $%[2]d THEN now() END
	FROM (SELECT quiz_id, person_id, count(*) AS n, ` + gradeExpr + ` AS grade FROM (%[3]s) src GROUP BY quiz_id, person_id) t
	ON CONFLICT (quiz_id, person_id) DO UPDATE SET attempts = EXCLUDED.attempts, percent = EXCLUDED.percent,
	    passed = EXCLUDED.passed, passed_at = CASE WHEN EXCLUDED.passed THEN COALESCE(g.passed_at, EXCLUDED.passed_at) END,
	    updated_at = now()
	RETURNING passed, percent`

// codesPerSubmit is how many fresh verification codes a submit brings, for
// the certificates it may issue (one per certification the quiz or its
// course completes).
const codesPerSubmit = 4

// finishAttempt finishes an attempt that is still as it was read (state and
// save sequence) and, when it needs no trainer, updates the quiz grade,
// completes the course and issues the certificates this completes: one
// statement, so all of it or none.
var finishAttempt = `
	WITH a AS (
	    UPDATE quiz_attempts SET state = 'finished', finished_at = now(), auto_finished = $3, submit_key = $4,
	        responses = $5, results = $6, score = $7, max_score = $8, percent = $9, passed = $10, needs_grading = $11,
	        graded_at = CASE WHEN $11 THEN NULL ELSE now() END
	    WHERE id = $1 AND state = 'in_progress' AND save_seq = $2
	    RETURNING quiz_id, person_id, number, percent, needs_grading, finished_at),
	g AS (` + fmt.Sprintf(upsertGrade, 12, 13, `
	    SELECT x.quiz_id, x.person_id, x.number, x.percent FROM quiz_attempts x JOIN a ON x.quiz_id = a.quiz_id
	        AND x.person_id = a.person_id WHERE x.state = 'finished' AND NOT x.needs_grading
	    UNION ALL SELECT quiz_id, person_id, number, percent FROM a WHERE NOT needs_grading`) + `)
	SELECT a.finished_at, c.completed_at, ARRAY(SELECT issue_certificates(a.person_id,
	           CASE WHEN c.completed_at IS NOT NULL THEN $14::bigint END, a.quiz_id, g.percent, $15)
	       WHERE g.passed) AS certificates
	FROM a LEFT JOIN g ON true
	LEFT JOIN LATERAL (SELECT CASE WHEN g.passed THEN complete_enrolment($14, a.person_id, a.quiz_id) END AS completed_at) c ON true`

// finish grades attempt a and writes it; false when the attempt changed
// since it was read.
func (s *Service) finish(ctx context.Context, o on, a *attemptRow, key *string, auto bool) (bool, error) {
	versions, err := s.versions.load(ctx, s.db, slotVersions(a.slots))
	if err != nil {
		return false, err
	}
	g := grade(a.slots, a.saved, versions)
	responses, err := json.Marshal(a.saved)
	if err != nil {
		return false, err
	}
	results, err := json.Marshal(g.results)
	if err != nil {
		return false, err
	}
	var passed *bool
	if !g.manual {
		ok := g.percent >= a.PassPercent
		passed = &ok
	}
	st, err := s.stmt(ctx, finishAttempt)
	if err != nil {
		return false, err
	}
	var row struct {
		FinishedAt   time.Time     `db:"finished_at"`
		CompletedAt  *time.Time    `db:"completed_at"`
		Certificates pq.Int64Array `db:"certificates"`
	}
	err = o.stmtx(st).GetContext(ctx, &row, a.ID, a.SaveSeq, auto, key, responses, results, g.score, g.max, g.percent,
		passed, g.manual, a.Method, a.PassPercent, a.CourseID, pq.StringArray(vcode.NewN(codesPerSubmit)))
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, db.MapError(err)
	}
	a.State, a.FinishedAt, a.AutoFinished, a.SubmitKey = "finished", &row.FinishedAt, auto, key
	a.Score, a.MaxScore, a.Percent, a.Passed, a.NeedsGrading = &g.score, &g.max, &g.percent, passed, g.manual
	return true, nil
}

// graded is an attempt's grade.
type graded struct {
	results             []result
	score, max, percent float64
	manual              bool // an answered essay waits for a trainer
}

// grade grades every slot of an attempt.
func grade(slots []slot, responses map[string]saved, versions map[int64]*version) graded {
	g := graded{results: make([]result, len(slots))}
	for i, sl := range slots {
		g.max += sl.Mark
		v := versions[sl.Version]
		if v == nil {
			zero := 0.0
			g.results[i] = result{Fraction: &zero}
			continue
		}
		var res Result
		if r, ok := responses[strconv.Itoa(i)]; ok {
			res = Grade(v.Q, sl.layout().Stored(r.Response))
		} else {
			res = Grade(v.Q, Response{})
		}
		if res.Manual && res.Answered {
			g.manual = true
			continue
		}
		f := res.Fraction
		g.results[i] = result{Fraction: &f}
		g.score += f * sl.Mark
	}
	g.percent = percentOf(g.score, g.max)
	return g
}

func percentOf(score, max float64) float64 {
	if max <= 0 {
		return 0
	}
	return math.Round(score/max*10000) / 100
}

// CloseExpired finishes, with what was saved, the attempts whose time and
// grace are over, at most limit of them; safe with several processes
// running (each takes rows the others have not locked).
func (s *Service) CloseExpired(ctx context.Context, limit int) (int, error) {
	n := 0
	err := db.WithTx(ctx, s.db, func(tx *sqlx.Tx) error {
		var ids []int64
		if err := tx.SelectContext(ctx, &ids, `SELECT id FROM quiz_attempts WHERE state = 'in_progress'
			AND deadline < now() - make_interval(secs => $1) ORDER BY deadline LIMIT $2 FOR UPDATE SKIP LOCKED`,
			s.grace.Seconds(), limit); err != nil {
			return err
		}
		for _, id := range ids {
			a, err := s.readAttempt(ctx, on{tx}, id)
			if err != nil {
				return err
			}
			done, err := s.finish(ctx, on{tx}, a, nil, true)
			if err != nil {
				return err
			}
			if done {
				n++
			}
		}
		return nil
	})
	return n, err
}

// RunExpiry closes expired attempts every interval until ctx ends.
func (s *Service) RunExpiry(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		for {
			n, err := s.CloseExpired(ctx, 200)
			if err != nil {
				if ctx.Err() == nil {
					slog.Error("closing expired attempts", "err", err)
				}
				break
			}
			if n > 0 {
				slog.Info("closed expired attempts", "count", n)
			}
			if n < 200 {
				break
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
