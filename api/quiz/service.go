package quiz

import (
	"context"
	"math/rand/v2"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/govtrain/lms/api/platform/db"
	"github.com/govtrain/lms/api/platform/errs"
)

// Service holds quizzes, attempts and grades.
type Service struct {
	db       *sqlx.DB
	grace    time.Duration // how long after the deadline saves and submits still count
	versions versionCache
	defs     defCache

	prepared *db.Prepared
}

// NewService returns a Service; grace is how long after an attempt's
// deadline a save or submit that was in flight still counts.
func NewService(d *sqlx.DB, grace time.Duration) *Service {
	return &Service{db: d, grace: grace, prepared: db.NewPrepared(d, 0)}
}

// stmt returns query prepared once for the pool: the exam-day path runs
// only prepared statements, one round trip each.
func (s *Service) stmt(ctx context.Context, query string) (*sqlx.Stmt, error) {
	return s.prepared.Stmt(ctx, query)
}

// Close releases the prepared statements.
func (s *Service) Close() { s.prepared.Close() }

// on is where a prepared statement runs: the pool, or a transaction (the
// job that closes attempts whose time is up).
type on struct{ tx *sqlx.Tx }

func (o on) stmtx(st *sqlx.Stmt) *sqlx.Stmt {
	if o.tx != nil {
		return o.tx.Stmtx(st)
	}
	return st
}

func newRand() *rand.Rand { return rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64())) }

var (
	errNoPerson     = errs.New(errs.Invalid, "no_person", "your account is not linked to a civil servant record")
	errNotEnrolled  = errs.New(errs.Forbidden, "not_enrolled", "enrol in the course to take its quizzes")
	errNotPublished = errs.New(errs.NotFound, "not_found", "not found")
	errNotOpen      = errs.New(errs.Conflict, "quiz_not_open", "the quiz is not open yet")
	errQuizClosed   = errs.New(errs.Conflict, "quiz_closed", "the quiz has closed")
	errNoAttempts   = errs.New(errs.Conflict, "no_attempts_left", "you have used every attempt this quiz allows")
	errWait         = errs.New(errs.Conflict, "attempt_delay", "wait before starting another attempt")
	errFinished     = errs.New(errs.Conflict, "attempt_finished", "this attempt is finished")
	errTimeUp       = errs.New(errs.Conflict, "time_up", "the time for this attempt is over; what was saved has been submitted")
	errNotReached   = errs.New(errs.Forbidden, "not_reached", "this quiz is answered in order; you have not reached that question")
)
