package seed

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/govtrain/lms/api/platform/db"
	"github.com/govtrain/lms/api/platform/vcode"
)

// HistorySummary says what History loaded.
type HistorySummary struct {
	Skipped                                     bool
	Positions, Degrees, Mailboxes, Certificates int
}

func (s HistorySummary) String() string {
	if s.Skipped {
		return "the history is already there (positions exist), nothing loaded"
	}
	return fmt.Sprintf("loaded the 2008-2010 history: %d positions, %d IT degrees, %d mailboxes, %d certificates",
		s.Positions, s.Degrees, s.Mailboxes, s.Certificates)
}

// wave2008 are the sectors whose CIOs the decision trains first (II.4.1),
// with Hà Tĩnh city.
var wave2008 = []string{"economic-general", "internal-affairs", "natural-resources", "agriculture-rural"}

// History loads, once, a plausible 2008-2010 for the sample province, so
// that the targets dashboard tells a story: IT officers, CIOs and IT
// specialists appointed over the period (the 2008 CIO wave first), IT
// degrees, official mailboxes, and certificates issued as people passed
// the curriculum, some agencies ahead and others behind. It needs the
// certifications of courses/ (run after `lms courses sync`); it is
// deterministic (the same seed value gives the same history).
func History(ctx context.Context, d *sqlx.DB, seed uint64, log *slog.Logger) (HistorySummary, error) {
	var sum HistorySummary
	var n int
	if err := d.GetContext(ctx, &n, `SELECT count(*) FROM positions`); err != nil {
		return sum, err
	}
	if n > 0 {
		sum.Skipped = true
		return sum, nil
	}
	certs := map[string]int64{}
	var rows []struct {
		ID     int64  `db:"id"`
		Target string `db:"target"`
	}
	if err := d.SelectContext(ctx, &rows, `SELECT id, target FROM certifications WHERE target IS NOT NULL AND active ORDER BY id`); err != nil {
		return sum, err
	}
	for _, r := range rows {
		if _, ok := certs[r.Target]; !ok {
			certs[r.Target] = r.ID
		}
	}
	if len(certs) < 4 {
		return sum, fmt.Errorf("seed history: the certifications are missing; run `lms courses sync` first")
	}
	var agencies []struct {
		ID      int64          `db:"id"`
		Code    string         `db:"code"`
		Level   string         `db:"level"`
		Sectors pq.StringArray `db:"sectors"`
	}
	if err := d.SelectContext(ctx, &agencies, `SELECT id, code, level, sectors FROM agencies ORDER BY code`); err != nil {
		return sum, err
	}
	r := rand.New(rand.NewPCG(seed, seed^0x3260))
	day := func(from, to string) time.Time {
		a, _ := time.Parse(time.DateOnly, from)
		b, _ := time.Parse(time.DateOnly, to)
		return a.AddDate(0, 0, r.IntN(int(b.Sub(a).Hours()/24)+1))
	}
	err := db.WithTx(ctx, d, func(tx *sqlx.Tx) error {
		issue := func(cert, person int64, on time.Time) error {
			var holds bool
			if err := tx.GetContext(ctx, &holds, `SELECT EXISTS (SELECT 1 FROM certificates WHERE certification_id = $1
				AND person_id = $2 AND superseded_at IS NULL)`, cert, person); err != nil || holds {
				return err
			}
			_, err := tx.ExecContext(ctx, `SELECT insert_certificate($1, $2, 'auto', $3, $4, NULL, $5, '', '', '', NULL)`,
				cert, person, vcode.New(), fmt.Sprintf("Đạt – %d/100", 70+r.IntN(30)), on)
			if err == nil {
				sum.Certificates++
			}
			return err
		}
		// people of an agency (its own staff, hired by 2008) in a stable order
		staffOf := func(agency int64) ([]int64, error) {
			var ids []int64
			err := tx.SelectContext(ctx, &ids, `SELECT m.person_id FROM memberships m WHERE m.agency_id = $1
				AND m.valid_from <= '2008-01-01' AND m.valid_to IS NULL ORDER BY m.person_id`, agency)
			return ids, err
		}
		for _, a := range agencies {
			inScope := a.Level == "department" || a.Level == "district"
			if a.Level != "commune" && r.Float64() < 0.9 { // most province- and district-level agencies get a mailbox
				if _, err := tx.ExecContext(ctx, `INSERT INTO agency_mailboxes (agency_id, address, valid_from) VALUES ($1, $2, $3)`,
					a.ID, "vanthu."+a.Code+"@hatinh.gov.vn", day("2008-03-01", "2009-11-30")); err != nil {
					return err
				}
				sum.Mailboxes++
			}
			staff, err := staffOf(a.ID)
			if err != nil {
				return err
			}
			if len(staff) == 0 {
				continue
			}
			// The staff pass the curriculum over the period, each agency at its own pace.
			pace := 0.35 + 0.6*r.Float64()
			for _, p := range staff {
				if r.Float64() < pace {
					if err := issue(certs["it_basic"], p, day("2008-04-01", "2010-12-15")); err != nil {
						return err
					}
				}
				if r.Float64() < pace*0.9 {
					if err := issue(certs["email_internet"], p, day("2008-06-01", "2010-12-15")); err != nil {
						return err
					}
				}
			}
			if !inScope {
				continue
			}
			early := a.Code == "436" || slices.ContainsFunc(wave2008, func(s string) bool { return slices.Contains(a.Sectors, s) })
			position := func(role string, person int64, from time.Time) error {
				_, err := tx.ExecContext(ctx, `INSERT INTO positions (person_id, agency_id, role, valid_from, decision_no, decision_date)
					VALUES ($1, $2, $3, $4, $5, $6)`, person, a.ID, role, from,
					fmt.Sprintf("%d/QĐ-%s", 10+r.IntN(290), a.Code), from.AddDate(0, 0, -7))
				if err == nil {
					sum.Positions++
				}
				return err
			}
			if r.Float64() < 0.85 {
				if err := position("it_officer", staff[0], day("2008-01-15", "2010-06-30")); err != nil {
					return err
				}
			}
			if early || r.Float64() < 0.7 {
				from := day("2009-01-01", "2010-10-31")
				if early {
					from = day("2008-02-01", "2008-09-30")
				}
				cio := staff[len(staff)/2]
				if err := position("cio", cio, from); err != nil {
					return err
				}
				if early || r.Float64() < 0.8 { // trained after the appointment
					if err := issue(certs["cio"], cio, from.AddDate(0, 1+r.IntN(3), 0)); err != nil {
						return err
					}
				}
			}
			if len(staff) > 2 && r.Float64() < 0.6 {
				spec := staff[len(staff)-1]
				from := day("2008-03-01", "2010-09-30")
				if err := position("it_specialist", spec, from); err != nil {
					return err
				}
				if r.Float64() < 0.75 {
					if _, err := tx.ExecContext(ctx, `INSERT INTO qualifications (person_id, level, field, awarded_on, institution)
						VALUES ($1, 'university', 'Công nghệ thông tin', $2, 'Trường Đại học Vinh')`, spec, day("1998-06-01", "2009-06-30")); err != nil {
						return err
					}
					sum.Degrees++
				}
			}
		}
		return nil
	})
	if err == nil {
		log.InfoContext(ctx, "seed: history loaded", "positions", sum.Positions, "certificates", sum.Certificates)
	}
	return sum, err
}
