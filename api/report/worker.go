package report

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/govtrain/lms/api/platform/db"
	"github.com/govtrain/lms/api/target"
)

// Run makes queued runs until ctx ends: at once when this process queued
// one, else every poll (another process may have). Several processes may
// run it against one database; each run is made once (FOR UPDATE SKIP
// LOCKED), and a run whose worker died is taken over after Stale.
func (s *Service) Run(ctx context.Context, poll time.Duration) {
	t := time.NewTicker(poll)
	defer t.Stop()
	for {
		for {
			did, err := s.Work(ctx)
			if err != nil && ctx.Err() == nil {
				slog.Error("report: job", "err", err)
			}
			if !did || ctx.Err() != nil {
				break
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-s.wake:
		case <-t.C:
		}
	}
}

// Work makes one pending run, if there is one, and says whether there was.
// A run that fails is marked failed with the reason; the error is returned
// too.
func (s *Service) Work(ctx context.Context) (bool, error) {
	j := &job{s: s, files: map[string][]byte{}}
	var raw []byte
	err := s.db.QueryRowxContext(ctx, `UPDATE report_runs SET status = 'running', started_at = now(), heartbeat_at = now(), step = 0
		WHERE id = (SELECT id FROM report_runs
		            WHERE status = 'queued' OR (status = 'running' AND heartbeat_at < now() - make_interval(secs => $1))
		            ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
		RETURNING id, started_at, as_of, coalesce(agency_id, 0), params`, s.Stale.Seconds()).
		Scan(&j.id, &j.started, &j.asOf, &j.scope, &raw)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if err := json.Unmarshal(raw, &j.params); err != nil {
		return true, s.fail(j, err)
	}
	j.data = Data{Period: j.params.Period, AsOf: j.asOf.Format(time.DateOnly), Previous: PreviousPeriod(j.params.Period),
		Created: j.started}
	for i, st := range steps {
		if err := st(ctx, j); err != nil {
			return true, s.fail(j, err)
		}
		if err := s.beat(ctx, j, i+1); err != nil {
			return true, err
		}
	}
	return true, s.finish(ctx, j)
}

// errTakenOver says another worker took the run over (this one was thought
// dead): this one stops without writing.
var errTakenOver = errors.New("report: run taken over by another worker")

// beat records progress, and that this worker is alive.
func (s *Service) beat(ctx context.Context, j *job, step int) error {
	r, err := s.db.ExecContext(ctx, `UPDATE report_runs SET step = $3, heartbeat_at = now()
		WHERE id = $1 AND status = 'running' AND started_at = $2`, j.id, j.started, step)
	if err != nil {
		return err
	}
	if n, _ := r.RowsAffected(); n == 0 {
		return errTakenOver
	}
	return nil
}

// finish stores the files and the figures and freezes the run, in one
// transaction.
func (s *Service) finish(ctx context.Context, j *job) error {
	if j.data.Agencies == nil {
		j.data.Agencies = []target.AgencyRow{} // a scope without departments or districts
	}
	data, err := json.Marshal(j.data)
	if err != nil {
		return s.fail(j, err)
	}
	return db.WithTx(ctx, s.db, func(tx *sqlx.Tx) error {
		r, err := tx.ExecContext(ctx, `UPDATE report_runs SET status = 'done', data = $3, step = steps, finished_at = now()
			WHERE id = $1 AND status = 'running' AND started_at = $2`, j.id, j.started, data)
		if err != nil {
			return err
		}
		if n, _ := r.RowsAffected(); n == 0 {
			return errTakenOver
		}
		for _, f := range Formats {
			sum := sha256.Sum256(j.files[f])
			if _, err := tx.ExecContext(ctx, `INSERT INTO report_files (run_id, format, content, sha256) VALUES ($1, $2, $3, $4)`,
				j.id, f, j.files[f], hex.EncodeToString(sum[:])); err != nil {
				return err
			}
		}
		return nil
	})
}

// fail marks the run failed; the reason shown is generic, the error is
// logged and returned.
func (s *Service) fail(j *job, cause error) error {
	if errors.Is(cause, errTakenOver) {
		return cause
	}
	if errors.Is(cause, context.Canceled) {
		return cause // shutting down: the run stays running and is taken over after Stale
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := s.db.ExecContext(ctx, `UPDATE report_runs SET status = 'failed', error = 'generation_failed', finished_at = now()
		WHERE id = $1 AND status = 'running' AND started_at = $2`, j.id, j.started); err != nil {
		return errors.Join(cause, err)
	}
	return fmt.Errorf("report run %d: %w", j.id, cause)
}

// scopeName reads the code and name of the run's agency, or the province's.
func (j *job) scopeName(ctx context.Context) error {
	err := j.s.db.GetContext(ctx, &j.data.Scope, `SELECT $1::bigint AS id, code, name FROM agencies
		WHERE id = $1 OR ($1 = 0 AND parent_id IS NULL) ORDER BY id LIMIT 1`, j.scope)
	if errors.Is(err, sql.ErrNoRows) {
		return nil // a province without agencies: nothing to name
	}
	return err
}
