package quiz

import (
	"context"
	"math/rand/v2"
	"sync"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/govtrain/lms/api/platform/errs"
)

// def is what starting an attempt needs of a quiz: its slots and, for each,
// the current version of its fixed question or the pool a draw picks from.
// It is cached under the quiz's version and the bank epoch, which the first
// statement of a start reads, so every process sees every change at once.
type def struct {
	Version int
	Epoch   int64
	Shuffle struct{ Questions, Answers bool }
	Slots   []defSlot
}

type defSlot struct {
	Mark  float64
	Count int
	Pool  []poolEntry // a fixed question: one entry
	Fixed bool
}

type poolEntry struct {
	Question int64 `db:"question_id"`
	Version  int64 `db:"version_id"`
}

type defCache struct {
	mu sync.Mutex
	m  map[int64]*def
}

// get returns quiz quizID's def, and whether it was read just now.
func (c *defCache) get(ctx context.Context, q sqlx.QueryerContext, quizID int64, ver int, epoch int64) (*def, bool, error) {
	c.mu.Lock()
	d := c.m[quizID]
	c.mu.Unlock()
	if d != nil && d.Version == ver && d.Epoch == epoch {
		return d, false, nil
	}
	d, err := loadDef(ctx, q, quizID)
	if err != nil {
		return nil, false, err
	}
	// What was read may be newer than the start's first statement saw;
	// cache it under what it really is.
	c.mu.Lock()
	if c.m == nil {
		c.m = map[int64]*def{}
	}
	c.m[quizID] = d
	c.mu.Unlock()
	return d, true, nil
}

func loadDef(ctx context.Context, q sqlx.QueryerContext, quizID int64) (*def, error) {
	var head struct {
		Version          int   `db:"version"`
		Epoch            int64 `db:"epoch"`
		ShuffleQuestions bool  `db:"shuffle_questions"`
		ShuffleAnswers   bool  `db:"shuffle_answers"`
	}
	if err := sqlx.GetContext(ctx, q, &head, `SELECT version, shuffle_questions, shuffle_answers, (SELECT n FROM bank_epoch) AS epoch
		FROM quizzes WHERE id = $1`, quizID); err != nil {
		return nil, err
	}
	var slots []struct {
		Position   int     `db:"position"`
		QuestionID *int64  `db:"question_id"`
		CategoryID *int64  `db:"category_id"`
		Count      int     `db:"draw_count"`
		IncludeSub bool    `db:"include_sub"`
		Mark       float64 `db:"mark"`
	}
	if err := sqlx.SelectContext(ctx, q, &slots, `SELECT position, question_id, category_id, draw_count, include_sub, mark
		FROM quiz_slots WHERE quiz_id = $1 ORDER BY position`, quizID); err != nil {
		return nil, err
	}
	d := &def{Version: head.Version, Epoch: head.Epoch}
	d.Shuffle.Questions, d.Shuffle.Answers = head.ShuffleQuestions, head.ShuffleAnswers
	for _, s := range slots {
		ds := defSlot{Mark: s.Mark, Count: s.Count, Fixed: s.QuestionID != nil}
		var err error
		if s.QuestionID != nil {
			ds.Count = 1
			err = sqlx.SelectContext(ctx, q, &ds.Pool, `SELECT q.id AS question_id, v.id AS version_id
				FROM questions q JOIN question_versions v ON v.question_id = q.id AND v.version = q.latest_version
				WHERE q.id = $1`, *s.QuestionID)
		} else {
			err = sqlx.SelectContext(ctx, q, &ds.Pool, `SELECT q.id AS question_id, v.id AS version_id
				FROM questions q JOIN question_versions v ON v.question_id = q.id AND v.version = q.latest_version
				WHERE q.archived_at IS NULL AND v.type <> 'description' AND q.category_id = ANY($1) ORDER BY q.id`,
				pq.Array(categoryIDs(ctx, q, *s.CategoryID, s.IncludeSub)))
		}
		if err != nil {
			return nil, err
		}
		d.Slots = append(d.Slots, ds)
	}
	return d, nil
}

// categoryIDs is the category and, when asked, its subcategories.
func categoryIDs(ctx context.Context, q sqlx.QueryerContext, id int64, sub bool) []int64 {
	if !sub {
		return []int64{id}
	}
	var ids []int64
	if err := sqlx.SelectContext(ctx, q, &ids, `WITH RECURSIVE sub AS (SELECT id FROM question_categories WHERE id = $1
		UNION ALL SELECT c.id FROM question_categories c JOIN sub ON c.parent_id = sub.id) SELECT id FROM sub`, id); err != nil {
		return []int64{id}
	}
	return ids
}

var errEmptyQuiz = errs.New(errs.Conflict, "quiz_not_ready", "the quiz has no questions to draw; ask its author to fix it")

// draw picks an attempt's questions: fixed ones as they are, random ones
// without repeating a question already in the attempt, and shuffles the
// slots when the quiz says so. Options are laid out by layOut.
func (d *def) draw(r *rand.Rand) ([]slot, error) {
	used := map[int64]bool{}
	for _, s := range d.Slots {
		if s.Fixed {
			for _, p := range s.Pool {
				used[p.Question] = true
			}
		}
	}
	var out []slot
	for _, s := range d.Slots {
		if s.Fixed {
			for _, p := range s.Pool {
				out = append(out, slot{Version: p.Version, Question: p.Question, Mark: s.Mark})
			}
			continue
		}
		free := make([]poolEntry, 0, len(s.Pool))
		for _, p := range s.Pool {
			if !used[p.Question] {
				free = append(free, p)
			}
		}
		r.Shuffle(len(free), func(i, j int) { free[i], free[j] = free[j], free[i] })
		for _, p := range free[:min(s.Count, len(free))] {
			used[p.Question] = true
			out = append(out, slot{Version: p.Version, Question: p.Question, Mark: s.Mark})
		}
	}
	if len(out) == 0 {
		return nil, errEmptyQuiz
	}
	if d.Shuffle.Questions {
		r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	}
	return out, nil
}

// layOut fixes the order of each slot's options (shuffled when the quiz
// says so).
func (d *def) layOut(r *rand.Rand, slots []slot, versions map[int64]*version) {
	var shuffle func(n int) []int
	if d.Shuffle.Answers {
		shuffle = r.Perm
	}
	for i := range slots {
		if v := versions[slots[i].Version]; v != nil {
			l := NewLayout(v.Q, shuffle)
			slots[i].Options, slots[i].Rights = l.Options, l.Rights
		}
	}
}

// versionIDs lists every version a draw may pick.
func (d *def) versionIDs() []int64 {
	var ids []int64
	for _, s := range d.Slots {
		for _, p := range s.Pool {
			ids = append(ids, p.Version)
		}
	}
	return ids
}
