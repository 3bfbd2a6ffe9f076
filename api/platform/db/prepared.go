package db

import (
	"context"
	"sync"

	"github.com/jmoiron/sqlx"
)

// Prepared keeps statements prepared once for a pool, by their text, so
// that a hot query is planned once per connection and sent in one round
// trip (an unprepared lib/pq query with arguments costs two: parse, then
// bind and execute). It keeps at most max texts (0: no limit); past that,
// Stmt answers nil and the caller runs the query unprepared, so that
// statements built from data cannot grow it without bound.
type Prepared struct {
	db  *sqlx.DB
	max int
	m   sync.Map   // text -> *sqlx.Stmt, read without a lock
	mu  sync.Mutex // held while preparing (rare)
	n   int
}

// NewPrepared returns a Prepared for d keeping at most max texts (0: no limit).
func NewPrepared(d *sqlx.DB, max int) *Prepared { return &Prepared{db: d, max: max} }

// Stmt returns the statement of q, preparing it on first use; nil past max.
func (p *Prepared) Stmt(ctx context.Context, q string) (*sqlx.Stmt, error) {
	if st, ok := p.m.Load(q); ok {
		return st.(*sqlx.Stmt), nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if st, ok := p.m.Load(q); ok {
		return st.(*sqlx.Stmt), nil
	}
	if p.max > 0 && p.n >= p.max {
		return nil, nil
	}
	st, err := p.db.PreparexContext(ctx, q)
	if err != nil {
		return nil, err
	}
	p.m.Store(q, st)
	p.n++
	return st, nil
}

// Close releases the statements.
func (p *Prepared) Close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.m.Range(func(k, v any) bool {
		v.(*sqlx.Stmt).Close()
		p.m.Delete(k)
		return true
	})
	p.n = 0
}
