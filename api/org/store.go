package org

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/govtrain/lms/api/auth"
	"github.com/govtrain/lms/api/platform/civil"
	"github.com/govtrain/lms/api/platform/db"
	"github.com/govtrain/lms/api/platform/vn"
)

// inSubtree is the condition "col is agency ? or one of its descendants".
const inSubtree = ` IN (SELECT descendant_id FROM agency_closure WHERE ancestor_id = ?)`

// scopePeople restricts people rows (alias p) to what s may see.
func scopePeople(w *db.Where, s auth.Scope) {
	switch {
	case s.All:
	case s.AgencyID > 0:
		w.Add("p.agency_id"+inSubtree, s.AgencyID)
	default:
		w.Add("p.id = ?", s.PersonID) // 0 matches nothing
	}
}

// scopeAgencies restricts agency rows (alias a) to what s may see.
func scopeAgencies(w *db.Where, s auth.Scope) {
	switch {
	case s.All:
	case s.AgencyID > 0:
		w.Add("a.id"+inSubtree, s.AgencyID)
	default:
		w.Add("false")
	}
}

const agencySelect = `
	SELECT a.id, a.parent_id, a.code, a.name, a.name_en, a.level, a.sectors, a.valid_from, a.valid_to, a.successor_of,
	       (SELECT count(*) FROM people p WHERE p.agency_id = a.id AND p.active) AS people_count
	FROM agencies a`

func listAgencies(ctx context.Context, q sqlx.QueryerContext, s auth.Scope) ([]Agency, error) {
	var w db.Where
	scopeAgencies(&w, s)
	items := []Agency{}
	err := sqlx.SelectContext(ctx, q, &items, agencySelect+w.SQL()+` ORDER BY a.parent_id NULLS FIRST, a.code`, w.Args...)
	return items, err
}

func getAgency(ctx context.Context, q sqlx.QueryerContext, s auth.Scope, id int64) (Agency, error) {
	var w db.Where
	w.Add("a.id = ?", id)
	scopeAgencies(&w, s)
	var a Agency
	err := sqlx.GetContext(ctx, q, &a, agencySelect+w.SQL(), w.Args...)
	return a, err
}

// agencyInScope reports whether agency id exists and s may see it.
func agencyInScope(ctx context.Context, q sqlx.QueryerContext, s auth.Scope, id int64) (bool, error) {
	var w db.Where
	w.Add("a.id = ?", id)
	scopeAgencies(&w, s)
	var ok bool
	err := sqlx.GetContext(ctx, q, &ok, `SELECT EXISTS (SELECT 1 FROM agencies a`+w.SQL()+`)`, w.Args...)
	return ok, err
}

func insertAgency(ctx context.Context, q sqlx.QueryerContext, a Agency) (int64, error) {
	var id int64
	err := sqlx.GetContext(ctx, q, &id, `
		INSERT INTO agencies (parent_id, code, name, name_en, level, sectors, valid_from, valid_to, successor_of)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
		a.ParentID, a.Code, a.Name, a.NameEn, a.Level, a.Sectors, a.ValidFrom, a.ValidTo, a.SuccessorOf)
	return id, err
}

func updateAgency(ctx context.Context, e sqlx.ExecerContext, a Agency) error {
	_, err := e.ExecContext(ctx, `
		UPDATE agencies SET parent_id = $2, code = $3, name = $4, name_en = $5, level = $6, sectors = $7,
		       valid_from = $8, valid_to = $9, successor_of = $10, updated_at = now()
		WHERE id = $1`,
		a.ID, a.ParentID, a.Code, a.Name, a.NameEn, a.Level, a.Sectors, a.ValidFrom, a.ValidTo, a.SuccessorOf)
	return err
}

const personColumns = `p.id, p.code, p.family_name, p.middle_name, p.given_name, p.full_name, p.gender, p.birth_date,
	p.email, p.phone, p.agency_id, a.name AS agency_name, a.code AS agency_code, p.kind, p.professional, p.job_title,
	p.it_qualification, p.active, p.version, p.created_at, p.updated_at`

// PeopleFilter is a people list query. Zero fields do not filter.
type PeopleFilter struct {
	Q            string
	AgencyID     int64
	IncludeSub   bool
	Kind         string
	Professional *bool
	Active       *bool
	Sort         string
	IDs          []int64 // only these people (bulk actions on a selection)
}

// sorts are the orders a list may ask for. Names sort the Vietnamese way:
// given name first, then family and middle name, with Vietnamese collation.
var sorts = map[string]string{
	"name":     `p.given_name COLLATE "vi-x-icu", p.family_name COLLATE "vi-x-icu", p.middle_name COLLATE "vi-x-icu", p.id`,
	"-name":    `p.given_name COLLATE "vi-x-icu" DESC, p.family_name COLLATE "vi-x-icu" DESC, p.middle_name COLLATE "vi-x-icu" DESC, p.id DESC`,
	"code":     `p.code, p.id`,
	"-code":    `p.code DESC, p.id DESC`,
	"updated":  `p.updated_at, p.id`,
	"-updated": `p.updated_at DESC, p.id DESC`,
}

// Where is the condition selecting the people (alias p) that match f within s.
func (f PeopleFilter) Where(s auth.Scope) *db.Where { return f.where(s) }

func (f PeopleFilter) where(s auth.Scope) *db.Where {
	w := &db.Where{}
	scopePeople(w, s)
	for _, word := range vn.SearchWords(f.Q, 6) {
		w.Add(`p.search_text LIKE ?`, "% "+db.EscapeLike(word)+"%")
	}
	if f.AgencyID > 0 {
		if f.IncludeSub {
			w.Add("p.agency_id"+inSubtree, f.AgencyID)
		} else {
			w.Add("p.agency_id = ?", f.AgencyID)
		}
	}
	if f.Kind != "" {
		w.Add("p.kind = ?", f.Kind)
	}
	if f.Professional != nil {
		w.Add("p.professional = ?", *f.Professional)
	}
	if f.Active != nil {
		w.Add("p.active = ?", *f.Active)
	}
	if f.IDs != nil {
		w.Add("p.id = ANY(?)", pq.Array(f.IDs))
	}
	return w
}

// listPeople returns one page of people and the total, in one statement: the
// total rides along each row as a window count.
func listPeople(ctx context.Context, q sqlx.QueryerContext, s auth.Scope, f PeopleFilter, limit, offset int) ([]Person, int, error) {
	w := f.where(s)
	order := sorts[f.Sort]
	if order == "" {
		order = sorts["name"]
	}
	var rows []struct {
		Person
		Total int `db:"total"`
	}
	err := sqlx.SelectContext(ctx, q, &rows, `SELECT `+personColumns+`, count(*) OVER () AS total
		FROM people p JOIN agencies a ON a.id = p.agency_id`+w.SQL()+`
		ORDER BY `+order+` LIMIT `+w.Arg(limit)+` OFFSET `+w.Arg(offset), w.Args...)
	if err != nil {
		return nil, 0, err
	}
	if len(rows) == 0 {
		if offset == 0 {
			return []Person{}, 0, nil
		}
		// Past the last page: count separately so the client can go back.
		w := f.where(s)
		var total int
		err := sqlx.GetContext(ctx, q, &total, `SELECT count(*) FROM people p`+w.SQL(), w.Args...)
		return []Person{}, total, err
	}
	items := make([]Person, len(rows))
	for i, r := range rows {
		items[i] = r.Person
	}
	return items, rows[0].Total, nil
}

// eachPerson calls fn for every person matching f in s, in name order,
// streaming rows so an export of a whole province does not sit in memory twice.
func eachPerson(ctx context.Context, q sqlx.QueryerContext, s auth.Scope, f PeopleFilter, fn func(Person) error) error {
	w := f.where(s)
	r, err := q.QueryxContext(ctx, `SELECT `+personColumns+`
		FROM people p JOIN agencies a ON a.id = p.agency_id`+w.SQL()+` ORDER BY `+sorts["name"], w.Args...)
	if err != nil {
		return err
	}
	defer r.Close()
	for r.Next() {
		var p Person
		if err := r.StructScan(&p); err != nil {
			return err
		}
		if err := fn(p); err != nil {
			return err
		}
	}
	return r.Err()
}

func getPerson(ctx context.Context, q sqlx.QueryerContext, s auth.Scope, id int64, lock bool) (Person, error) {
	w := &db.Where{}
	w.Add("p.id = ?", id)
	scopePeople(w, s)
	forUpdate := ""
	if lock {
		forUpdate = " FOR UPDATE OF p"
	}
	var p Person
	err := sqlx.GetContext(ctx, q, &p, `SELECT `+personColumns+` FROM people p JOIN agencies a ON a.id = p.agency_id`+w.SQL()+forUpdate, w.Args...)
	return p, err
}

func insertPerson(ctx context.Context, q sqlx.QueryerContext, in PersonInput) (int64, error) {
	var id int64
	err := sqlx.GetContext(ctx, q, &id, `
		INSERT INTO people (code, family_name, middle_name, given_name, search_text, gender, birth_date, email, phone,
		                    agency_id, kind, professional, job_title, it_qualification)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
		in.Code, in.FamilyName, in.MiddleName, in.GivenName, vn.SearchText(in.FullName(), in.Code, in.Email),
		in.Gender, in.BirthDate, in.Email, in.Phone, in.AgencyID, in.Kind, in.Professional, in.JobTitle, in.ITQualification)
	if err != nil {
		return 0, err
	}
	_, err = q.(sqlx.ExecerContext).ExecContext(ctx, `INSERT INTO memberships (person_id, agency_id, valid_from) VALUES ($1, $2, current_date)`, id, in.AgencyID)
	return id, err
}

// updatePerson writes in over person id when its version is still version; it
// reports false when someone else changed it first. A new agency closes the
// current membership and opens another from movedOn (nil: not moved).
func updatePerson(ctx context.Context, e sqlx.ExecerContext, id int64, version int, in PersonInput, movedOn *civil.Date) (bool, error) {
	res, err := e.ExecContext(ctx, `
		UPDATE people SET code = $3, family_name = $4, middle_name = $5, given_name = $6, search_text = $7, gender = $8,
		       birth_date = $9, email = $10, phone = $11, agency_id = $12, kind = $13, professional = $14,
		       job_title = $15, it_qualification = $16, version = version + 1, updated_at = now()
		WHERE id = $1 AND version = $2`,
		id, version, in.Code, in.FamilyName, in.MiddleName, in.GivenName, vn.SearchText(in.FullName(), in.Code, in.Email),
		in.Gender, in.BirthDate, in.Email, in.Phone, in.AgencyID, in.Kind, in.Professional, in.JobTitle, in.ITQualification)
	if err != nil {
		return false, err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return false, nil
	}
	if movedOn != nil {
		return true, moveMembership(ctx, e, id, in.AgencyID, *movedOn)
	}
	return true, nil
}

// moveMembership ends the person's current membership the day before day
// and opens one in agency from day. A move on the day the membership began
// replaces it rather than leaving a zero-length row.
func moveMembership(ctx context.Context, e sqlx.ExecerContext, personID, agencyID int64, day civil.Date) error {
	for _, q := range []string{
		`DELETE FROM memberships WHERE person_id = $1 AND valid_to IS NULL AND valid_from >= $2`,
		`UPDATE memberships SET valid_to = $2::date - 1 WHERE person_id = $1 AND valid_to IS NULL`,
		`INSERT INTO memberships (person_id, agency_id, valid_from) VALUES ($1, $3, $2)`,
	} {
		args := []any{personID, day}
		if strings.Contains(q, "$3") {
			args = append(args, agencyID)
		}
		if _, err := e.ExecContext(ctx, q, args...); err != nil {
			return err
		}
	}
	return nil
}

// Membership is a span of days a person worked in an agency (valid_to nil:
// still does).
type Membership struct {
	AgencyID   int64       `db:"agency_id" json:"agency_id"`
	AgencyName string      `db:"agency_name" json:"agency_name"`
	ValidFrom  civil.Date  `db:"valid_from" json:"valid_from"`
	ValidTo    *civil.Date `db:"valid_to" json:"valid_to"`
}

func memberships(ctx context.Context, q sqlx.QueryerContext, personID int64) ([]Membership, error) {
	out := []Membership{}
	err := sqlx.SelectContext(ctx, q, &out, `SELECT m.agency_id, a.name AS agency_name, m.valid_from, m.valid_to
		FROM memberships m JOIN agencies a ON a.id = m.agency_id WHERE m.person_id = $1 ORDER BY m.valid_from DESC`, personID)
	return out, err
}

// currentSince is the first day of the person's current membership.
func currentSince(ctx context.Context, q sqlx.QueryerContext, personID int64) (civil.Date, error) {
	var d civil.Date
	err := sqlx.GetContext(ctx, q, &d, `SELECT valid_from FROM memberships WHERE person_id = $1 AND valid_to IS NULL`, personID)
	if errors.Is(err, sql.ErrNoRows) {
		return civil.Date{}, nil
	}
	return d, err
}

func setPersonActive(ctx context.Context, e sqlx.ExecerContext, id int64, active bool) error {
	_, err := e.ExecContext(ctx, `
		UPDATE people SET active = $2, deactivated_at = CASE WHEN $2 THEN NULL ELSE now() END,
		       version = version + 1, updated_at = now()
		WHERE id = $1`, id, active)
	return err
}
