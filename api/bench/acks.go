package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"sync"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// Ack is an operation the server acknowledged with a 2xx: an autosave (its
// slot and save sequence) or a submit of an attempt.
type Ack struct {
	Kind    string `json:"kind"` // "autosave" or "submit"
	Attempt int64  `json:"attempt"`
	Slot    int    `json:"slot,omitempty"`
	Seq     int64  `json:"seq,omitempty"`
	Value   bool   `json:"value,omitempty"` // the answer saved
}

// Acks records acknowledged operations so that a run can check afterwards,
// against the database, that none was lost (after a kill or a restart too).
type Acks struct {
	mu  sync.Mutex
	ops []Ack
}

// Add records a.
func (r *Acks) Add(a Ack) {
	r.mu.Lock()
	r.ops = append(r.ops, a)
	r.mu.Unlock()
}

// Len is the number of acknowledged operations.
func (r *Acks) Len() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.ops)
}

// Check compares the acknowledged operations with the database: every
// acknowledged autosave is there (its answer, or a newer one of the same
// slot), every acknowledged submit left its attempt finished and graded.
// It returns one line per problem, at most limit.
func (r *Acks) Check(ctx context.Context, d sqlx.QueryerContext, limit int) (problems []string, err error) {
	r.mu.Lock()
	ops := append([]Ack(nil), r.ops...)
	r.mu.Unlock()
	ids := map[int64]bool{}
	for _, a := range ops {
		ids[a.Attempt] = true
	}
	list := make([]int64, 0, len(ids))
	for id := range ids {
		list = append(list, id)
	}
	var rows []struct {
		ID        int64  `db:"id"`
		State     string `db:"state"`
		Graded    bool   `db:"graded"`
		Responses []byte `db:"responses"`
	}
	if err := sqlx.SelectContext(ctx, d, &rows, `SELECT id, state, graded_at IS NOT NULL AS graded, responses
		FROM quiz_attempts WHERE id = ANY($1)`, pq.Array(list)); err != nil {
		return nil, err
	}
	type saved struct {
		S int64           `json:"s"`
		R json.RawMessage `json:"r"`
	}
	byID := map[int64]map[string]saved{}
	state := map[int64]string{}
	for _, row := range rows {
		m := map[string]saved{}
		if err := json.Unmarshal(row.Responses, &m); err != nil {
			return nil, fmt.Errorf("bench: attempt %d responses: %w", row.ID, err)
		}
		byID[row.ID] = m
		state[row.ID] = row.State
		if row.Graded {
			state[row.ID] += "+graded"
		}
	}
	add := func(format string, args ...any) {
		if len(problems) < limit {
			problems = append(problems, fmt.Sprintf(format, args...))
		}
	}
	for _, a := range ops {
		m, ok := byID[a.Attempt]
		switch {
		case !ok:
			add("attempt %d of an acknowledged %s is missing", a.Attempt, a.Kind)
		case a.Kind == "submit" && state[a.Attempt] != "finished+graded":
			add("attempt %d: submit acknowledged, state %s", a.Attempt, state[a.Attempt])
		case a.Kind == "autosave":
			got, ok := m[strconv.Itoa(a.Slot)]
			if !ok || got.S < a.Seq {
				add("attempt %d slot %d: save %d acknowledged, database has save %d", a.Attempt, a.Slot, a.Seq, got.S)
			}
		}
	}
	return problems, nil
}
