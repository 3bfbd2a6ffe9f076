package quiz

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"slices"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/govtrain/lms/api/audit"
	"github.com/govtrain/lms/api/auth"
	"github.com/govtrain/lms/api/platform/db"
	"github.com/govtrain/lms/api/platform/errs"
	"github.com/govtrain/lms/api/qformat"
)

// UpdatedQuestion is a question whose newer version a regrade uses.
type UpdatedQuestion struct {
	QuestionID  int64  `json:"question_id"`
	Name        string `json:"name"`
	FromVersion int    `json:"from_version"`
	ToVersion   int    `json:"to_version"`
}

// RegradeChange is an attempt whose grade a regrade changes.
type RegradeChange struct {
	AttemptID  int64    `json:"attempt_id"`
	PersonName string   `json:"person_name"`
	Number     int      `json:"number"`
	OldPercent *float64 `json:"old_percent"`
	NewPercent *float64 `json:"new_percent"`
	OldPassed  *bool    `json:"old_passed"`
	NewPassed  *bool    `json:"new_passed"`
	Slots      []int    `json:"slots"`
}

// RegradeReport says what a regrade changed (or, dry, would change).
type RegradeReport struct {
	DryRun           bool              `json:"dry_run"`
	AttemptsChecked  int               `json:"attempts_checked"`
	UpdatedQuestions []UpdatedQuestion `json:"updated_questions"`
	Changes          []RegradeChange   `json:"changes"`
}

// compatible says whether an attempt laid out for question old can be
// regraded with new: same type and as many options, so that the saved
// responses still point at the same places.
func compatible(old, new qformat.Question) bool {
	return old.Type == new.Type && len(old.Answers) == len(new.Answers) && len(Rights(old)) == len(Rights(new))
}

// Regrade regrades every finished attempt of a quiz with the current
// version of each of its questions (when compatible), keeping trainers'
// marks for essays, and rewrites the grades that change. With dryRun it only
// reports.
func (s *Service) Regrade(ctx context.Context, p auth.Principal, actor audit.Actor, quizID int64, dryRun bool) (RegradeReport, error) {
	rep := RegradeReport{DryRun: dryRun, UpdatedQuestions: []UpdatedQuestion{}, Changes: []RegradeChange{}}
	if err := s.grader(ctx, p, quizID); err != nil {
		return rep, err
	}
	err := db.WithTx(ctx, s.db, func(tx *sqlx.Tx) error {
		var q struct {
			Method   string  `db:"grading_method"`
			Pass     float64 `db:"pass_percent"`
			CourseID int64   `db:"course_id"`
		}
		if err := tx.GetContext(ctx, &q, `SELECT grading_method, pass_percent, course_id FROM quizzes WHERE id = $1 FOR UPDATE`, quizID); err != nil {
			return notFound(err)
		}
		var rows []struct {
			attemptRow
			PersonName string `db:"person_name"`
		}
		if err := tx.SelectContext(ctx, &rows, `SELECT a.id, a.person_id, a.number, a.layout, a.responses, a.results, a.percent,
			a.passed, a.needs_grading, p.full_name AS person_name
			FROM quiz_attempts a JOIN people p ON p.id = a.person_id
			WHERE a.quiz_id = $1 AND a.state = 'finished' ORDER BY a.id FOR UPDATE OF a`, quizID); err != nil {
			return err
		}
		// The current version of every question the attempts use.
		var current []struct {
			QuestionID int64 `db:"question_id"`
			VersionID  int64 `db:"version_id"`
		}
		var qids []int64
		for i := range rows {
			if err := rows[i].decode(); err != nil {
				return err
			}
			for _, sl := range rows[i].slots {
				if !slices.Contains(qids, sl.Question) {
					qids = append(qids, sl.Question)
				}
			}
		}
		if err := tx.SelectContext(ctx, &current, `SELECT q.id AS question_id, v.id AS version_id FROM questions q
			JOIN question_versions v ON v.question_id = q.id AND v.version = q.latest_version WHERE q.id = ANY($1)`, pq.Array(qids)); err != nil {
			return err
		}
		latest := map[int64]int64{}
		for _, c := range current {
			latest[c.QuestionID] = c.VersionID
		}
		seen := map[int64]bool{}
		touched := map[int64]bool{} // people whose grade must be rewritten
		for _, r := range rows {
			a := r.attemptRow
			rep.AttemptsChecked++
			ids := slotVersions(a.slots)
			for _, sl := range a.slots {
				ids = append(ids, latest[sl.Question])
			}
			versions, err := s.versions.load(ctx, tx, ids)
			if err != nil {
				return err
			}
			slots := slices.Clone(a.slots)
			for i, sl := range slots {
				old, cur := versions[sl.Version], versions[latest[sl.Question]]
				if cur == nil || old == nil || cur.ID == old.ID || !compatible(old.Q, cur.Q) {
					continue
				}
				slots[i].Version = cur.ID
				if !seen[old.ID] {
					seen[old.ID] = true
					rep.UpdatedQuestions = append(rep.UpdatedQuestions, UpdatedQuestion{QuestionID: sl.Question,
						Name: cur.Name, FromVersion: old.Version, ToVersion: cur.Version})
				}
			}
			g := grade(slots, a.saved, versions)
			old := a.results()
			var changed []int
			for i := range g.results {
				var was *float64
				if i < len(old) {
					was = old[i].Fraction
					if versions[slots[i].Version].Q.Type == qformat.Essay && was != nil {
						g.results[i] = old[i] // a trainer's mark stands
					}
				}
				now := g.results[i].Fraction
				if (was == nil) != (now == nil) || (was != nil && math.Abs(*was-*now) > 1e-9) {
					changed = append(changed, i)
				}
			}
			score, max, pending := 0.0, 0.0, false
			for i, res := range g.results {
				max += slots[i].Mark
				if res.Fraction == nil {
					pending = true
				} else {
					score += *res.Fraction * slots[i].Mark
				}
			}
			pct := percentOf(score, max)
			var newPct *float64
			var newPassed *bool
			if !pending {
				ok := pct >= q.Pass
				newPct, newPassed = &pct, &ok
			}
			oldPct, oldPassed := a.Percent, a.Passed
			if a.NeedsGrading {
				oldPct, oldPassed = nil, nil
			}
			if len(changed) == 0 && slices.Equal(slotVersions(slots), slotVersions(a.slots)) {
				continue
			}
			if len(changed) > 0 {
				rep.Changes = append(rep.Changes, RegradeChange{AttemptID: a.ID, PersonName: r.PersonName, Number: a.Number,
					OldPercent: oldPct, NewPercent: newPct, OldPassed: oldPassed, NewPassed: newPassed, Slots: changed})
			}
			if dryRun {
				continue
			}
			layout, _ := json.Marshal(slots)
			results, _ := json.Marshal(g.results)
			if _, err := tx.ExecContext(ctx, `UPDATE quiz_attempts SET layout = $2, results = $3, score = $4, max_score = $5,
				percent = $6, passed = $7, needs_grading = $8, graded_at = CASE WHEN $8 THEN NULL ELSE now() END WHERE id = $1`,
				a.ID, layout, results, score, max, pct, newPassed, pending); err != nil {
				return err
			}
			touched[a.PersonID] = true
		}
		if dryRun {
			return nil
		}
		for person := range touched {
			if err := recomputeGrade(ctx, tx, quizID, person, q.Method, q.Pass, q.CourseID); err != nil && !errors.Is(err, errs.ErrNotFound) {
				return err
			}
		}
		return audit.Write(ctx, tx, actor, audit.Entry{Action: "quiz.regraded", EntityType: "quiz", EntityID: itoa64(quizID),
			After: map[string]any{"attempts_checked": rep.AttemptsChecked, "changes": len(rep.Changes), "questions": rep.UpdatedQuestions}})
	})
	return rep, err
}
