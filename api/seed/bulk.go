package seed

import (
	"cmp"
	"context"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/govtrain/lms/api/platform/civil"
	"github.com/govtrain/lms/api/platform/vcode"
	"github.com/govtrain/lms/api/platform/vn"
)

// horizon is the last day a benchmark province's history reaches (CIO
// certificates renewed, some revoked): a fixed day, not today, so that the
// same seed gives the same rows whenever it runs.
var horizon = time.Date(2026, time.June, 30, 0, 0, 0, 0, time.UTC)

// bulk is the history of a benchmark province held in memory, person i
// having id i+1, written by COPY (it is a historyWriter).
type bulk struct {
	ctx    context.Context
	tx     *sqlx.Tx
	people []person
	draw   *rand.Rand // codes and moves: apart from the history's own draws

	agencyID map[string]int64
	agencies []historyAgency
	home     []int64     // the agency a person was hired into
	hired    []time.Time // the day they were
	movedOn  []time.Time // zero: never moved
	movedTo  []int64
	moves    int

	certifications map[int64]certification
	held           map[[2]int64]bool
	certs          []certRow
	positions      [][]any
	degrees        [][]any
	mailboxes      [][]any

	renewed, revoked int
}

type certification struct {
	Prefix   string `db:"serial_prefix"`
	Validity *int   `db:"validity_months"`
}

type certRow struct {
	cert, person, agency int64
	issued               time.Time
	expires              *time.Time
	result               string
	renews               int // index in certs + 1; 0: none
	superseded           *time.Time
	revoked              *time.Time
	id                   int64
}

func newBulk(ctx context.Context, tx *sqlx.Tx, people []person, seed uint64) (*bulk, error) {
	b := &bulk{ctx: ctx, tx: tx, people: people, draw: rand.New(rand.NewPCG(seed, seed^0xc0de)),
		agencyID: map[string]int64{}, held: map[[2]int64]bool{}, certifications: map[int64]certification{}}
	var err error
	if b.agencies, err = historyAgencies(ctx, tx); err != nil {
		return nil, err
	}
	for _, a := range b.agencies {
		b.agencyID[a.Code] = a.ID
	}
	var cs []struct {
		ID int64 `db:"id"`
		certification
	}
	if err := tx.SelectContext(ctx, &cs, `SELECT id, serial_prefix, validity_months FROM certifications`); err != nil {
		return nil, err
	}
	for _, c := range cs {
		b.certifications[c.ID] = c.certification
	}
	return b, nil
}

func (b *bulk) historyAgencies() []historyAgency { return b.agencies }

// writePeople writes the people and draws their moves: about one in
// seventeen of those hired before mid-2010 moves once, in 2008-2010, to
// another agency below the root.
func (b *bulk) writePeople() error {
	n := len(b.people)
	b.home, b.hired = make([]int64, n), make([]time.Time, n)
	b.movedOn, b.movedTo = make([]time.Time, n), make([]int64, n)
	var targets []int64
	for _, a := range b.agencies {
		if a.Level != "province" {
			targets = append(targets, a.ID)
		}
	}
	first, last := time.Date(2008, time.July, 1, 0, 0, 0, 0, time.UTC), time.Date(2010, time.December, 31, 0, 0, 0, 0, time.UTC)
	for i, p := range b.people {
		b.home[i] = b.agencyID[p.AgencyCode]
		b.hired[i], _ = time.Parse(time.DateOnly, p.HiredOn)
		if i < len(demoPeople) || !b.hired[i].Before(first) || b.draw.IntN(17) != 0 {
			continue
		}
		b.movedOn[i] = first.AddDate(0, 0, b.draw.IntN(int(last.Sub(first).Hours()/24)+1))
		for b.movedTo[i] == 0 || b.movedTo[i] == b.home[i] {
			b.movedTo[i] = targets[b.draw.IntN(len(targets))]
		}
		b.moves++
	}
	err := b.copy("people", []string{"id", "code", "family_name", "middle_name", "given_name", "search_text", "gender",
		"birth_date", "email", "phone", "agency_id", "kind", "professional", "job_title", "it_qualification"}, n,
		func(i int) []any {
			p := b.people[i]
			return []any{i + 1, p.Code, p.Family, p.Middle, p.Given, vn.SearchText(p.FullName(), p.Code, p.Email), p.Gender,
				p.BirthDate, p.Email, p.Phone, b.agencyOn(int64(i+1), horizon), p.Kind, p.Professional, p.JobTitle, p.ITQualification}
		})
	if err != nil {
		return err
	}
	_, err = b.tx.ExecContext(b.ctx, `SELECT setval('people_id_seq', $1)`, n)
	return err
}

// writeMemberships writes the memberships, after the certificates: the
// roll-up of the targets (migration 0012) is then computed once, by the
// trigger on this statement, rather than once here and again for the
// certificates.
func (b *bulk) writeMemberships() error {
	var rows [][]any
	for i := range b.people {
		if b.movedOn[i].IsZero() {
			rows = append(rows, []any{i + 1, b.home[i], b.hired[i], nil})
			continue
		}
		rows = append(rows, []any{i + 1, b.home[i], b.hired[i], b.movedOn[i].AddDate(0, 0, -1)},
			[]any{i + 1, b.movedTo[i], b.movedOn[i], nil})
	}
	return b.copyRows("memberships", []string{"person_id", "agency_id", "valid_from", "valid_to"}, rows)
}

// agencyOn is the agency person belonged to on day.
func (b *bulk) agencyOn(person int64, day time.Time) int64 {
	i := person - 1
	if !b.movedOn[i].IsZero() && !day.Before(b.movedOn[i]) {
		return b.movedTo[i]
	}
	return b.home[i]
}

// staff is, like txHistory's, the agency's people hired by 2008 who never left.
func (b *bulk) staff(agency int64) ([]int64, error) {
	var ids []int64
	limit := time.Date(2008, time.January, 1, 0, 0, 0, 0, time.UTC)
	for i := range b.people {
		if b.home[i] == agency && b.movedOn[i].IsZero() && !b.hired[i].After(limit) {
			ids = append(ids, int64(i+1))
		}
	}
	return ids, nil
}

func (b *bulk) mailbox(a historyAgency, address string, from time.Time) error {
	b.mailboxes = append(b.mailboxes, []any{a.ID, address, from})
	return nil
}

func (b *bulk) certificate(cert, person int64, on time.Time, result string) (bool, error) {
	if b.held[[2]int64{cert, person}] {
		return false, nil
	}
	b.held[[2]int64{cert, person}] = true
	b.certs = append(b.certs, certRow{cert: cert, person: person, agency: b.agencyOn(person, on), issued: on,
		expires: b.expiry(cert, on), result: result})
	return true, nil
}

func (b *bulk) position(a historyAgency, role string, person int64, from time.Time, decisionNo string) error {
	b.positions = append(b.positions, []any{person, a.ID, role, from, decisionNo, from.AddDate(0, 0, -7)})
	return nil
}

func (b *bulk) degree(person int64, awarded time.Time) error {
	b.degrees = append(b.degrees, []any{person, "university", "Công nghệ thông tin", awarded, "Trường Đại học Vinh"})
	return nil
}

// expiry is insert_certificate's issued + validity_months (PostgreSQL
// clamps the day to the end of a shorter month, as addMonths does).
func (b *bulk) expiry(cert int64, issued time.Time) *time.Time {
	v := b.certifications[cert].Validity
	if v == nil {
		return nil
	}
	t := addMonths(issued, *v)
	return &t
}

func addMonths(t time.Time, n int) time.Time {
	first := time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, n, 0)
	lastDay := first.AddDate(0, 1, -1).Day()
	return first.AddDate(0, 0, min(t.Day(), lastDay)-1)
}

// movers: those who moved agency studied too, wherever they were then.
func (b *bulk) movers(r *rand.Rand, certs map[string]int64) {
	for i := range b.people {
		if b.movedOn[i].IsZero() {
			continue
		}
		day := func(from time.Time, days int) time.Time {
			on := from.AddDate(0, 0, r.IntN(days))
			if on.Before(b.hired[i]) {
				return b.hired[i].AddDate(0, 1, 0)
			}
			return on
		}
		if r.Float64() < 0.6 {
			b.certificate(certs["it_basic"], int64(i+1), day(time.Date(2008, time.April, 1, 0, 0, 0, 0, time.UTC), 990), "Đạt – 80/100")
		}
		if r.Float64() < 0.5 {
			b.certificate(certs["email_internet"], int64(i+1), day(time.Date(2008, time.June, 1, 0, 0, 0, 0, time.UTC), 920), "Đạt – 75/100")
		}
	}
}

// renewals: most holders of a certificate that expires renew it in its
// window (the 90 days before expiry), again and again up to the horizon;
// the renewed one is superseded on the day its successor is issued.
func (b *bulk) renewals(r *rand.Rand, expiring ...int64) {
	for i := 0; i < len(b.certs); i++ { // grows as it goes: renewals are renewed in turn
		c := b.certs[i]
		if c.expires == nil || !slices.Contains(expiring, c.cert) || r.Float64() >= 0.75 {
			continue
		}
		on := c.expires.AddDate(0, 0, -r.IntN(90))
		if on.After(horizon) {
			continue
		}
		at := time.Date(on.Year(), on.Month(), on.Day(), 9, 0, 0, 0, civil.Zone)
		b.certs[i].superseded = &at
		b.certs = append(b.certs, certRow{cert: c.cert, person: c.person, agency: b.agencyOn(c.person, on), issued: on,
			expires: b.expiry(c.cert, on), result: "Đạt – 85/100", renews: i + 1})
		b.renewed++
	}
}

// revocations: about one certificate in a hundred was issued in error and
// revoked between a month and two years later.
func (b *bulk) revocations(r *rand.Rand) {
	for i, c := range b.certs {
		if c.superseded != nil || r.IntN(100) != 0 {
			continue
		}
		on := c.issued.AddDate(0, 0, 30+r.IntN(700))
		if on.After(horizon) {
			continue
		}
		at := time.Date(on.Year(), on.Month(), on.Day(), 15, 30, 0, 0, civil.Zone)
		b.certs[i].revoked = &at
		b.revoked++
	}
}

// flush numbers the certificates the way insert_certificate does (serial
// per certification and year, register number per year, in the order of
// issue), sets the counters so that the application's next certificate
// follows on, and writes everything.
func (b *bulk) flush() error {
	order := make([]int, len(b.certs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(x, y int) int {
		cx, cy := b.certs[x], b.certs[y]
		return cmp.Or(cx.issued.Compare(cy.issued), cmp.Compare(cx.person, cy.person), cmp.Compare(cx.cert, cy.cert))
	})
	for k, i := range order {
		b.certs[i].id = int64(k + 1)
	}
	type key struct{ cert, year int64 }
	counters := map[key]int{}
	rows := make([][]any, 0, len(order))
	for _, i := range order {
		c := b.certs[i]
		yr := int64(c.issued.Year())
		counters[key{c.cert, yr}]++
		counters[key{0, yr}]++
		name := b.people[c.person-1].FullName()
		var renews, reason any
		if c.renews > 0 {
			renews = b.certs[c.renews-1].id
		}
		if c.revoked != nil {
			reason = "Cấp nhầm, thu hồi theo quyết định của Sở Nội vụ"
		}
		var bits [10]byte
		binary.BigEndian.PutUint64(bits[:8], b.draw.Uint64())
		binary.BigEndian.PutUint16(bits[8:], uint16(b.draw.Uint32()))
		rows = append(rows, []any{c.id, c.cert, c.person, c.agency, name, "auto",
			fmt.Sprintf("%s-%06d/%d", b.certifications[c.cert].Prefix, counters[key{c.cert, yr}], yr),
			fmt.Sprintf("%05d/%d", counters[key{0, yr}], yr), c.issued, c.expires, vcode.FromBits(bits), c.result,
			renews, c.superseded, c.revoked, reason})
	}
	err := b.copyRows("certificates", []string{"id", "certification_id", "person_id", "agency_id", "holder_name", "kind",
		"serial", "register_no", "issued_on", "expires_on", "code", "result", "renews_id", "superseded_at", "revoked_at",
		"revoked_reason"}, rows)
	if err != nil {
		return err
	}
	var cert, year, last []int64
	for k, n := range counters {
		cert, year, last = append(cert, k.cert), append(year, k.year), append(last, int64(n))
	}
	if _, err := b.tx.ExecContext(b.ctx, `INSERT INTO certificate_counters (certification_id, year, last)
		SELECT * FROM unnest($1::bigint[], $2::int[], $3::int[])`, pq.Array(cert), pq.Array(year), pq.Array(last)); err != nil {
		return err
	}
	if _, err := b.tx.ExecContext(b.ctx, `SELECT setval('certificates_id_seq', GREATEST($1, 1))`, len(rows)); err != nil {
		return err
	}
	if err := b.copyRows("positions", []string{"person_id", "agency_id", "role", "valid_from", "decision_no", "decision_date"}, b.positions); err != nil {
		return err
	}
	if err := b.copyRows("qualifications", []string{"person_id", "level", "field", "awarded_on", "institution"}, b.degrees); err != nil {
		return err
	}
	return b.copyRows("agency_mailboxes", []string{"agency_id", "address", "valid_from"}, b.mailboxes)
}

// learning writes what lies behind each first certificate: an enrolment in
// every course it requires, completed in the weeks before the issue day
// (the last on that day), and a finished, passed attempt and a grade for
// each required quiz of those courses, one in six after a failed first
// attempt; and some enrolments in the first basic course not (yet)
// completed by people without the basic certificate. Sums and hashes of
// the ids stand in for chance, so this too is deterministic.
//
// Above 200,000 people only the people whose id is a multiple of every
// get them (one in ten at two million): the targets do not read them, and
// tens of millions of rows would take the load from minutes to most of an
// hour.
func (b *bulk) learning(every int) (enrolments, attempts int, err error) {
	steps := []string{
		`INSERT INTO enrolments (course_id, person_id, source, enrolled_at, completed_at)
		SELECT DISTINCT ON (x.course_id, x.person_id) x.course_id, x.person_id,
		       CASE WHEN x.person_id % 3 = 0 THEN 'assigned' ELSE 'self' END,
		       x.done - make_interval(days => 14 + (x.person_id * 7 + x.course_id * 13)::int % 60), x.done
		FROM (SELECT r.course_id, c.person_id,
		             ((c.issued_on - 6 * (max(r.position) OVER (PARTITION BY c.id) - r.position))::timestamp
		              + interval '10 hours') AT TIME ZONE 'Asia/Ho_Chi_Minh' AS done, c.issued_on
		      FROM certificates c JOIN certification_requirements r ON r.certification_id = c.certification_id
		      WHERE c.renews_id IS NULL AND r.course_id IS NOT NULL AND c.person_id % $1 = 0) x
		ORDER BY x.course_id, x.person_id, x.issued_on`,
		`INSERT INTO enrolments (course_id, person_id, source, enrolled_at, due_date)
		SELECT f.course_id, m.person_id, 'assigned', ('2010-03-01'::date + (m.person_id % 200)::int)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh',
		       '2010-12-31'
		FROM memberships m
		CROSS JOIN (SELECT r.course_id FROM certification_requirements r JOIN certifications d ON d.id = r.certification_id
		            WHERE d.target = 'it_basic' AND r.course_id IS NOT NULL ORDER BY d.id, r.position LIMIT 1) f
		WHERE m.valid_to IS NULL AND m.person_id % (5 * $1) = 0 AND m.valid_from <= '2010-01-01'
		  AND NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.course_id = f.course_id AND e.person_id = m.person_id)`,
		`CREATE TEMP TABLE seed_passes ON COMMIT DROP AS
		SELECT q.id AS quiz_id, q.version, e.person_id, e.completed_at, q.pass_percent,
		       GREATEST(1, (SELECT count(*) FROM quiz_slots s WHERE s.quiz_id = q.id))::int AS slots,
		       (e.person_id * 31 + q.id * 17) % 6 = 0 AS failed_first,
		       least(100, q.pass_percent + (e.person_id * 13 + q.id) % (101 - q.pass_percent))::numeric(6, 2) AS percent
		FROM enrolments e JOIN quizzes q ON q.course_id = e.course_id AND q.required
		WHERE e.completed_at IS NOT NULL`,
		`INSERT INTO quiz_attempts (quiz_id, person_id, number, state, quiz_version, started_at, sequential, slot_count, layout,
		                            finished_at, score, max_score, percent, passed, graded_at)
		SELECT quiz_id, person_id, 1, 'finished', version, completed_at - interval '3 days 40 minutes', false, slots, '[]',
		       completed_at - interval '3 days 5 minutes', round(slots * f / 100, 3), slots, f, false, completed_at - interval '3 days 5 minutes'
		FROM (SELECT *, greatest(0, pass_percent - 1 - (person_id % 30))::numeric(6, 2) AS f FROM seed_passes WHERE failed_first) x`,
		`INSERT INTO quiz_attempts (quiz_id, person_id, number, state, quiz_version, started_at, sequential, slot_count, layout,
		                            finished_at, score, max_score, percent, passed, graded_at)
		SELECT quiz_id, person_id, CASE WHEN failed_first THEN 2 ELSE 1 END, 'finished', version, completed_at - interval '35 minutes',
		       false, slots, '[]', completed_at - interval '1 minute', round(slots * percent / 100, 3), slots, percent, true,
		       completed_at - interval '1 minute'
		FROM seed_passes`,
		`INSERT INTO quiz_grades (quiz_id, person_id, attempts, percent, passed, passed_at, updated_at)
		SELECT quiz_id, person_id, CASE WHEN failed_first THEN 2 ELSE 1 END, percent, true,
		       completed_at - interval '1 minute', completed_at - interval '1 minute'
		FROM seed_passes`,
	}
	for i, q := range steps {
		var args []any
		if i < 2 {
			args = append(args, every)
		}
		if _, err := b.tx.ExecContext(b.ctx, q, args...); err != nil {
			return 0, 0, fmt.Errorf("seed: learning: %w", err)
		}
	}
	err = b.tx.QueryRowxContext(b.ctx, `SELECT (SELECT count(*) FROM enrolments), (SELECT count(*) FROM quiz_attempts)`).
		Scan(&enrolments, &attempts)
	return enrolments, attempts, err
}

// dropIndexes drops the indexes of tables that back no constraint and
// returns the statements that make them again: loading an empty table and
// then building each index once is much faster than growing the indexes
// row by row (pg_restore does the same). The transaction that loads puts
// them back; if it fails, the drop is rolled back with the rest.
func (b *bulk) dropIndexes(tables ...string) ([]string, error) {
	var idx []struct {
		Name string `db:"name"`
		Def  string `db:"def"`
	}
	err := b.tx.SelectContext(b.ctx, &idx, `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
		FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
		WHERE c.relname = ANY($1) AND c.relnamespace = current_schema()::regnamespace
		  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
		ORDER BY 1`, pq.Array(tables))
	if err != nil {
		return nil, err
	}
	defs := make([]string, len(idx))
	for i, x := range idx {
		if _, err := b.tx.ExecContext(b.ctx, `DROP INDEX `+x.Name); err != nil {
			return nil, err
		}
		defs[i] = x.Def
	}
	return defs, nil
}

// copy writes n rows of table by COPY, row(i) giving the values of row i.
func (b *bulk) copy(table string, cols []string, n int, row func(i int) []any) error {
	st, err := b.tx.PrepareContext(b.ctx, pq.CopyIn(table, cols...))
	if err != nil {
		return fmt.Errorf("seed: copy %s: %w", table, err)
	}
	defer st.Close()
	for i := range n {
		if _, err := st.ExecContext(b.ctx, row(i)...); err != nil {
			return fmt.Errorf("seed: copy %s: %w", table, err)
		}
	}
	if _, err := st.ExecContext(b.ctx); err != nil {
		return fmt.Errorf("seed: copy %s: %w", table, err)
	}
	return nil
}

func (b *bulk) copyRows(table string, cols []string, rows [][]any) error {
	return b.copy(table, cols, len(rows), func(i int) []any { return rows[i] })
}
