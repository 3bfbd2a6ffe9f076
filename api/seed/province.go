package seed

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand"
	randv2 "math/rand/v2"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/govtrain/lms/api/auth"
	"github.com/govtrain/lms/api/platform/db"
)

// ProvinceSummary says what Province loaded.
type ProvinceSummary struct {
	Agencies, People, Moves, Users              int
	Positions, Degrees, Mailboxes, Certificates int
	Revoked, Renewed, Enrolments, Attempts      int
	Duration                                    time.Duration
}

func (s ProvinceSummary) String() string {
	return fmt.Sprintf("loaded %d agencies, %d people (%d moved agency), %d users; %d positions, %d IT degrees, "+
		"%d mailboxes, %d certificates (%d renewals, %d revoked), %d enrolments, %d quiz attempts in %s",
		s.Agencies, s.People, s.Moves, s.Users, s.Positions, s.Degrees, s.Mailboxes, s.Certificates, s.Renewed, s.Revoked,
		s.Enrolments, s.Attempts, s.Duration.Round(time.Millisecond))
}

// Province loads, into an empty migrated database whose courses are synced,
// a province of n people for benchmarks: the agencies of agencies.csv, the
// demo people and accounts, n-5 more people with Vietnamese names spread
// over the agencies like the sample's (about 14 per department, 10 per
// district, 2.5 per commune), some moving agency in 2008-2010, and the
// history that History draws for the sample (positions, the 2008 CIO wave,
// degrees, mailboxes, certificates at each agency's pace), plus what a real
// province has and the sample lacks: certificates of those who moved,
// revocations, CIO certificates expiring and renewed, and the enrolments,
// quiz attempts and grades behind each certificate (of one person in ten
// at two million, see learning). It is deterministic: the same n and seed
// give the same rows. Rows go in by COPY into tables whose secondary
// indexes are built once at the end, so two million people take minutes,
// not hours.
func Province(ctx context.Context, d *sqlx.DB, n int, seed uint64, log *slog.Logger) (ProvinceSummary, error) {
	start := time.Now()
	var sum ProvinceSummary
	if n < len(demoPeople) {
		return sum, fmt.Errorf("seed: --people must be at least %d", len(demoPeople))
	}
	certs, err := targetCertifications(ctx, d)
	if err != nil {
		return sum, err
	}
	var used bool
	if err := d.GetContext(ctx, &used, `SELECT EXISTS (SELECT 1 FROM agencies) OR EXISTS (SELECT 1 FROM people)
		OR EXISTS (SELECT 1 FROM certificates)`); err != nil {
		return sum, err
	}
	if used {
		return sum, errors.New("seed: --people needs an empty database (migrated, courses synced, nothing seeded)")
	}
	agencies, err := parseAgencies(agenciesCSV)
	if err != nil {
		return sum, err
	}
	people := generateProvince(agencies, n, int64(seed))
	hash, err := auth.HashPassword(DemoPassword)
	if err != nil {
		return sum, fmt.Errorf("seed: hash password: %w", err)
	}
	err = db.WithTx(ctx, d, func(tx *sqlx.Tx) error {
		if err := insertAgencies(ctx, tx, agencies); err != nil {
			return err
		}
		b, err := newBulk(ctx, tx, people, seed)
		if err != nil {
			return err
		}
		indexes, err := b.dropIndexes("people", "memberships", "certificates", "enrolments", "quiz_attempts", "target_spans")
		if err != nil {
			return err
		}
		if err := b.writePeople(); err != nil {
			return err
		}
		if sum.Users, err = insertUsers(ctx, tx, hash, people); err != nil {
			return err
		}
		log.InfoContext(ctx, "seed: people loaded", "people", len(people), "duration", time.Since(start))
		var hist HistorySummary
		r := randv2.New(randv2.NewPCG(seed, seed^0x3260))
		if err := drawHistory(r, b.historyAgencies(), certs, b, &hist); err != nil {
			return err
		}
		b.movers(r, certs)
		b.renewals(r, certs["cio"], certs["it_specialist"])
		b.revocations(r)
		if err := b.flush(); err != nil {
			return err
		}
		if err := b.writeMemberships(); err != nil {
			return err
		}
		log.InfoContext(ctx, "seed: history loaded", "certificates", len(b.certs), "duration", time.Since(start))
		if sum.Enrolments, sum.Attempts, err = b.learning(max(1, n/200_000)); err != nil {
			return err
		}
		for _, def := range indexes {
			if _, err := tx.ExecContext(ctx, def); err != nil {
				return err
			}
		}
		log.InfoContext(ctx, "seed: learning loaded, indexes built", "duration", time.Since(start))
		sum.Agencies, sum.People, sum.Moves = len(agencies), len(people), b.moves
		sum.Positions, sum.Degrees, sum.Mailboxes = hist.Positions, hist.Degrees, hist.Mailboxes
		sum.Certificates, sum.Renewed, sum.Revoked = len(b.certs), b.renewed, b.revoked
		_, err = tx.ExecContext(ctx, `INSERT INTO audit_log (actor_name, action, entity_type, after)
			VALUES ('seed', 'seed.loaded', 'system', jsonb_build_object('people', $1::int, 'seed', $2::text))`, n, fmt.Sprint(seed))
		return err
	})
	if err != nil {
		return sum, err
	}
	// Fresh statistics, so the first queries are planned on what is there.
	if _, err := d.ExecContext(ctx, `ANALYZE`); err != nil {
		return sum, err
	}
	sum.Duration = time.Since(start)
	log.InfoContext(ctx, "seed: province loaded", "people", sum.People, "certificates", sum.Certificates, "duration", sum.Duration)
	return sum, nil
}

// targetCertifications is the first active certification of each target,
// as History finds them.
func targetCertifications(ctx context.Context, d sqlx.QueryerContext) (map[string]int64, error) {
	var rows []struct {
		ID     int64  `db:"id"`
		Target string `db:"target"`
	}
	if err := sqlx.SelectContext(ctx, d, &rows, `SELECT id, target FROM certifications WHERE target IS NOT NULL AND active ORDER BY id`); err != nil {
		return nil, err
	}
	certs := map[string]int64{}
	for _, r := range rows {
		if _, ok := certs[r.Target]; !ok {
			certs[r.Target] = r.ID
		}
	}
	if len(certs) < 4 {
		return nil, fmt.Errorf("seed: the certifications are missing; run `lms courses sync` first")
	}
	return certs, nil
}

// generateProvince returns the demo people followed by n minus them spread
// over the agencies below the root by the sample's weights (largest
// remainder, so the total is exactly n).
func generateProvince(agencies []agency, n int, seed int64) []person {
	weight := map[string]float64{"department": 14, "district": 10, "commune": 2.5}
	total := 0.0
	for _, a := range agencies {
		total += weight[a.Level]
	}
	rest := n - len(demoPeople)
	counts := make([]int, len(agencies))
	type frac struct {
		i int
		f float64
	}
	var fracs []frac
	given := 0
	for i, a := range agencies {
		x := float64(rest) * weight[a.Level] / total
		counts[i] = int(x)
		given += counts[i]
		if weight[a.Level] > 0 {
			fracs = append(fracs, frac{i, x - float64(counts[i])})
		}
	}
	// Largest remainders first; ties by position, so the split is stable.
	for k := 0; given < rest; k++ {
		best := -1
		for j, f := range fracs {
			if f.f >= 0 && (best < 0 || f.f > fracs[best].f) {
				best = j
			}
		}
		counts[fracs[best].i]++
		fracs[best].f = -1
		given++
	}
	r := rand.New(rand.NewSource(seed))
	g := generator{r: r, emails: make(map[string]bool, n), numbered: map[string]int{}, phones: make(map[string]bool, n),
		names: map[string]bool{}}
	out := make([]person, 0, n)
	out = append(out, g.demo()...)
	for i, a := range agencies {
		used := map[string]bool{}
		for range counts[i] {
			p := g.person(a, used)
			p.Code = fmt.Sprintf("CB%06d", len(out)+1)
			out = append(out, p)
		}
	}
	return out
}
