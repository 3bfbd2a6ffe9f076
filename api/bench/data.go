package bench

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/govtrain/lms/api/cert"
	"github.com/govtrain/lms/api/course"
	"github.com/govtrain/lms/api/platform/db"
	"github.com/govtrain/lms/api/seed"
)

// templateVersion changes when what prepare loads changes, so that an
// older template is built again.
const templateVersion = 1

// Template is the prepared database the runs are cloned from.
type Template struct {
	Name   string
	People int
}

// ensureTemplate returns the template of people people on the cluster,
// preparing it when missing, stale or fresh is set.
func ensureTemplate(ctx context.Context, c *Cluster, people int, coursesDir string, fresh bool, log *slog.Logger) (Template, error) {
	t := Template{Name: fmt.Sprintf("bench_tpl_%d", people), People: people}
	admin, err := db.Open(ctx, c.Admin())
	if err != nil {
		return t, err
	}
	defer admin.Close()
	latest, err := db.LatestVersion()
	if err != nil {
		return t, err
	}
	key := fmt.Sprintf("lms bench template v%d, schema %d, %d people", templateVersion, latest, people)
	var comment *string
	err = admin.GetContext(ctx, &comment, `SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = $1`, t.Name)
	if err == nil && comment != nil && *comment == key && !fresh {
		log.Info("bench: using template", "db", t.Name)
		return t, nil
	}
	start := time.Now()
	if _, err := admin.ExecContext(ctx, `DROP DATABASE IF EXISTS `+pq.QuoteIdentifier(t.Name)+` WITH (FORCE)`); err != nil {
		return t, err
	}
	if _, err := admin.ExecContext(ctx, `CREATE DATABASE `+pq.QuoteIdentifier(t.Name)); err != nil {
		return t, err
	}
	d, err := db.Open(ctx, c.DSN(t.Name))
	if err != nil {
		return t, err
	}
	err = prepare(ctx, d, people, coursesDir, log)
	d.Close()
	if err != nil {
		return t, fmt.Errorf("bench: preparing %s: %w", t.Name, err)
	}
	if _, err := admin.ExecContext(ctx, `COMMENT ON DATABASE `+pq.QuoteIdentifier(t.Name)+` IS `+pq.QuoteLiteral(key)); err != nil {
		return t, err
	}
	log.Info("bench: template prepared", "db", t.Name, "people", people, "duration", time.Since(start).Round(time.Millisecond))
	return t, nil
}

// prepare loads an empty database: the schema, the curriculum with the
// bench exam, the province of people, a learner account for everyone
// (one password hash, Demo@2026) enrolled in the exam's course, and a
// certification that passing the exam earns.
func prepare(ctx context.Context, d *sqlx.DB, people int, coursesDir string, log *slog.Logger) error {
	if err := db.MigrateUp(ctx, d); err != nil {
		return err
	}
	courses, probs := course.LoadAll(os.DirFS(coursesDir))
	exam, eprobs := course.LoadAll(examFiles())
	defs, dprobs := cert.LoadDefinitions(os.DirFS(coursesDir), course.Known(courses))
	if probs = append(probs, eprobs...); len(probs) > 0 {
		return fmt.Errorf("%d problems in the courses (first: %v)", len(probs), probs[0])
	}
	if len(dprobs) > 0 {
		return fmt.Errorf("%d problems in the certifications (first: %s)", len(dprobs), dprobs[0])
	}
	if _, err := course.Sync(ctx, d, append(courses, exam...), false); err != nil {
		return err
	}
	if err := db.WithTx(ctx, d, func(tx *sqlx.Tx) error {
		_, err := cert.SyncDefinitions(ctx, tx, defs)
		return err
	}); err != nil {
		return err
	}
	if _, err := seed.Province(ctx, d, people, 3260, log); err != nil {
		return err
	}
	return db.WithTx(ctx, d, func(tx *sqlx.Tx) error {
		_, err := tx.ExecContext(ctx, `
			INSERT INTO users (username, password_hash, role, person_id, display_name)
			SELECT 'bench' || p.id, (SELECT password_hash FROM users WHERE username = 'admin'), 'learner', p.id, p.full_name
			FROM people p WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.person_id = p.id)`)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO enrolments (course_id, person_id, source)
			SELECT c.id, p.id, 'assigned' FROM courses c, people p WHERE c.slug = $1
			ON CONFLICT DO NOTHING`, examCourse); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `
			WITH ce AS (
				INSERT INTO certifications (code, name_vi, name_en, issuer, serial_prefix, source)
				VALUES ($1, 'Đạt kỳ thi thử tải', 'Passed the load test exam', 'SỞ NỘI VỤ', $1, 'app') RETURNING id)
			INSERT INTO certification_requirements (certification_id, position, quiz_id)
			SELECT ce.id, 1, q.id FROM ce, quizzes q JOIN courses c ON c.id = q.course_id WHERE c.slug = $2 AND q.slug = $3`,
			examCert, examCourse, examQuiz)
		return err
	})
}

// clone creates database name from the template (dropping an older one).
func clone(ctx context.Context, c *Cluster, t Template, name string) error {
	admin, err := db.Open(ctx, c.Admin())
	if err != nil {
		return err
	}
	defer admin.Close()
	if _, err := admin.ExecContext(ctx, `DROP DATABASE IF EXISTS `+pq.QuoteIdentifier(name)+` WITH (FORCE)`); err != nil {
		return err
	}
	// FILE_COPY: the template is copied as files after a checkpoint, not
	// written to the WAL page by page (PostgreSQL 15's default), which would
	// leave the measured window a checkpoint to run.
	_, err = admin.ExecContext(ctx, `CREATE DATABASE `+pq.QuoteIdentifier(name)+` TEMPLATE `+pq.QuoteIdentifier(t.Name)+
		` STRATEGY = FILE_COPY`)
	return err
}

// drop removes database name.
func drop(ctx context.Context, c *Cluster, name string) error {
	admin, err := db.Open(ctx, c.Admin())
	if err != nil {
		return err
	}
	defer admin.Close()
	_, err = admin.ExecContext(ctx, `DROP DATABASE IF EXISTS `+pq.QuoteIdentifier(name)+` WITH (FORCE)`)
	return err
}
