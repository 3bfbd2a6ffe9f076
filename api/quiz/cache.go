package quiz

import (
	"context"
	"encoding/json"
	"sync"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/govtrain/lms/api/platform/richtext"
	"github.com/govtrain/lms/api/qformat"
)

// version is a question version as attempts use it: the stored question
// (for grading) and its rendered copy (for screens). Versions never change,
// so a version loaded once serves every attempt of every process forever.
type version struct {
	ID         int64
	QuestionID int64
	Version    int
	Name       string
	Q          qformat.Question // as stored: what Grade reads
	R          qformat.Question // texts as safe HTML: what learners see
}

// versionCacheMax bounds the version cache; past it the cache starts over
// (a province's whole bank is a few thousand versions).
const versionCacheMax = 50000

type versionCache struct {
	mu sync.RWMutex
	m  map[int64]*version
}

func (c *versionCache) get(id int64) *version {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.m[id]
}

// load returns the versions ids, reading the ones not cached in one query.
func (c *versionCache) load(ctx context.Context, q sqlx.QueryerContext, ids []int64) (map[int64]*version, error) {
	out := make(map[int64]*version, len(ids))
	var missing []int64
	c.mu.RLock()
	for _, id := range ids {
		if v, ok := c.m[id]; ok {
			out[id] = v
		} else {
			missing = append(missing, id)
		}
	}
	c.mu.RUnlock()
	if len(missing) == 0 {
		return out, nil
	}
	var rows []struct {
		ID         int64  `db:"id"`
		QuestionID int64  `db:"question_id"`
		Version    int    `db:"version"`
		Name       string `db:"name"`
		Body       []byte `db:"body"`
	}
	err := sqlx.SelectContext(ctx, q, &rows, `SELECT v.id, v.question_id, v.version, q.name, v.body
		FROM question_versions v JOIN questions q ON q.id = v.question_id WHERE v.id = ANY($1)`, pq.Array(missing))
	if err != nil {
		return nil, err
	}
	loaded := make(map[int64]*version, len(rows))
	for _, r := range rows {
		v := &version{ID: r.ID, QuestionID: r.QuestionID, Version: r.Version, Name: r.Name}
		if err := json.Unmarshal(r.Body, &v.Q); err != nil {
			return nil, err
		}
		loaded[r.ID] = v
	}
	if err := linkPictures(ctx, q, loaded); err != nil {
		return nil, err
	}
	for _, v := range loaded {
		v.R = Render(v.Q)
		if len(Rights(v.R)) != len(Rights(v.Q)) {
			// Two right sides that differ only in what rendering drops:
			// show them as plain text so that positions still line up.
			for i, a := range v.Q.Answers {
				v.R.Answers[i].Match = richtext.Plain(a.Match)
			}
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m)+len(loaded) > versionCacheMax {
		c.m = make(map[int64]*version)
	}
	for id, v := range loaded {
		c.m[id] = v
		out[id] = v
	}
	return out, nil
}
