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
	certs, err := targetCertifications(ctx, d)
	if err != nil {
		return sum, err
	}
	agencies, err := historyAgencies(ctx, d)
	if err != nil {
		return sum, err
	}
	r := rand.New(rand.NewPCG(seed, seed^0x3260))
	err = db.WithTx(ctx, d, func(tx *sqlx.Tx) error {
		return drawHistory(r, agencies, certs, &txHistory{ctx: ctx, tx: tx}, &sum)
	})
	if err == nil {
		log.InfoContext(ctx, "seed: history loaded", "positions", sum.Positions, "certificates", sum.Certificates)
	}
	return sum, err
}

// historyAgency is what the history needs to know of an agency.
type historyAgency struct {
	ID      int64
	Code    string
	Level   string
	Sectors []string
}

// historyAgencies are the agencies in the order the history draws them.
func historyAgencies(ctx context.Context, q sqlx.QueryerContext) ([]historyAgency, error) {
	var rows []struct {
		ID      int64          `db:"id"`
		Code    string         `db:"code"`
		Level   string         `db:"level"`
		Sectors pq.StringArray `db:"sectors"`
	}
	if err := sqlx.SelectContext(ctx, q, &rows, `SELECT id, code, level, sectors FROM agencies ORDER BY code`); err != nil {
		return nil, err
	}
	out := make([]historyAgency, len(rows))
	for i, a := range rows {
		out[i] = historyAgency{ID: a.ID, Code: a.Code, Level: a.Level, Sectors: a.Sectors}
	}
	return out, nil
}

// historyWriter records the history as drawHistory draws it: straight into
// the database for the sample province (txHistory), or into bulk rows for
// a benchmark province (see province.go).
type historyWriter interface {
	// staff is the agency's own people (hired by 2008, still there), in a stable order.
	staff(agency int64) ([]int64, error)
	mailbox(a historyAgency, address string, from time.Time) error
	// certificate issues cert to person on the day, unless they hold it; it says whether it did.
	certificate(cert, person int64, on time.Time, result string) (bool, error)
	position(a historyAgency, role string, person int64, from time.Time, decisionNo string) error
	degree(person int64, awarded time.Time) error
}

// drawHistory draws the 2008-2010 of agencies from r and hands it to w.
// The draws follow one fixed order, so a seed value gives one history.
func drawHistory(r *rand.Rand, agencies []historyAgency, certs map[string]int64, w historyWriter, sum *HistorySummary) error {
	day := func(from, to string) time.Time {
		a, _ := time.Parse(time.DateOnly, from)
		b, _ := time.Parse(time.DateOnly, to)
		return a.AddDate(0, 0, r.IntN(int(b.Sub(a).Hours()/24)+1))
	}
	issue := func(cert, person int64, on time.Time) error {
		ok, err := w.certificate(cert, person, on, fmt.Sprintf("Đạt – %d/100", 70+r.IntN(30)))
		if ok {
			sum.Certificates++
		}
		return err
	}
	for _, a := range agencies {
		inScope := a.Level == "department" || a.Level == "district"
		if a.Level != "commune" && r.Float64() < 0.9 { // most province- and district-level agencies get a mailbox
			if err := w.mailbox(a, "vanthu."+a.Code+"@hatinh.gov.vn", day("2008-03-01", "2009-11-30")); err != nil {
				return err
			}
			sum.Mailboxes++
		}
		staff, err := w.staff(a.ID)
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
			err := w.position(a, role, person, from, fmt.Sprintf("%d/QĐ-%s", 10+r.IntN(290), a.Code))
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
			if err := position("it_specialist", spec, day("2008-03-01", "2010-09-30")); err != nil {
				return err
			}
			if r.Float64() < 0.75 {
				if err := w.degree(spec, day("1998-06-01", "2009-06-30")); err != nil {
					return err
				}
				sum.Degrees++
			}
		}
	}
	return nil
}

// txHistory writes the history row by row in a transaction: the sample
// province is small, and insert_certificate numbers the certificates the
// way the application does.
type txHistory struct {
	ctx context.Context
	tx  *sqlx.Tx
}

func (h *txHistory) staff(agency int64) ([]int64, error) {
	var ids []int64
	err := h.tx.SelectContext(h.ctx, &ids, `SELECT m.person_id FROM memberships m WHERE m.agency_id = $1
		AND m.valid_from <= '2008-01-01' AND m.valid_to IS NULL ORDER BY m.person_id`, agency)
	return ids, err
}

func (h *txHistory) mailbox(a historyAgency, address string, from time.Time) error {
	_, err := h.tx.ExecContext(h.ctx, `INSERT INTO agency_mailboxes (agency_id, address, valid_from) VALUES ($1, $2, $3)`,
		a.ID, address, from)
	return err
}

func (h *txHistory) certificate(cert, person int64, on time.Time, result string) (bool, error) {
	var holds bool
	if err := h.tx.GetContext(h.ctx, &holds, `SELECT EXISTS (SELECT 1 FROM certificates WHERE certification_id = $1
		AND person_id = $2 AND superseded_at IS NULL)`, cert, person); err != nil || holds {
		return false, err
	}
	_, err := h.tx.ExecContext(h.ctx, `SELECT insert_certificate($1, $2, 'auto', $3, $4, NULL, $5, '', '', '', NULL)`,
		cert, person, vcode.New(), result, on)
	return err == nil, err
}

func (h *txHistory) position(a historyAgency, role string, person int64, from time.Time, decisionNo string) error {
	_, err := h.tx.ExecContext(h.ctx, `INSERT INTO positions (person_id, agency_id, role, valid_from, decision_no, decision_date)
		VALUES ($1, $2, $3, $4, $5, $6)`, person, a.ID, role, from, decisionNo, from.AddDate(0, 0, -7))
	return err
}

func (h *txHistory) degree(person int64, awarded time.Time) error {
	_, err := h.tx.ExecContext(h.ctx, `INSERT INTO qualifications (person_id, level, field, awarded_on, institution)
		VALUES ($1, 'university', 'Công nghệ thông tin', $2, 'Trường Đại học Vinh')`, person, awarded)
	return err
}
