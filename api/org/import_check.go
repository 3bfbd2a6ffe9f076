package org

import (
	"context"
	"slices"
	"strings"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/govtrain/lms/api/auth"
	"github.com/govtrain/lms/api/platform/db"
	"github.com/govtrain/lms/api/platform/errs"
)

// checkedRow is a row checked against the database: the person it would
// write, over which stored person, and its problems.
type checkedRow struct {
	personRow
	input    PersonInput
	existing *Person  // the person an update writes over; nil for a new one
	changes  []string // for an update, the fields that differ
}

func (r checkedRow) action() string {
	if r.existing != nil {
		return "update"
	}
	return "create"
}

// checkRows resolves rows within scope s (agency codes to agencies the
// importer may manage, codes to people they may manage, locked FOR UPDATE
// when lock) and puts what each row would write through the API's own
// Normalize and Validate. It does not change rows.
func checkRows(ctx context.Context, q sqlx.QueryerContext, s auth.Scope, rows []personRow, lock bool) ([]checkedRow, error) {
	var codes, agencyCodes []string
	for _, r := range rows {
		if r.in.Code != "" {
			codes = append(codes, r.in.Code)
		}
		if r.set&setAgency != 0 {
			agencyCodes = append(agencyCodes, strings.ToLower(r.agencyCode))
		}
	}
	agencies, err := agencyIDsByCode(ctx, q, s, agencyCodes)
	if err != nil {
		return nil, err
	}
	people, taken, err := peopleByCode(ctx, q, s, codes, lock)
	if err != nil {
		return nil, err
	}
	out := make([]checkedRow, len(rows))
	for i, r := range rows {
		c := checkedRow{personRow: r}
		c.errors = slices.Clone(r.errors)
		base := PersonInput{Professional: true} // the database's default
		if p, ok := people[r.in.Code]; ok {
			c.existing, base = &p, p.input()
		} else if taken[r.in.Code] {
			c.addError("code", "code_taken")
		}
		in := r.apply(base)
		if r.set&setAgency != 0 {
			id, ok := agencies[r.agencyCode]
			if !ok {
				id, ok = agencies[strings.ToLower(r.agencyCode)]
			}
			if ok {
				in.AgencyID = id
			} else {
				c.addError("agency_code", "not_found")
			}
		}
		in.Normalize()
		f := errs.Fields{}
		in.Validate(f)
		for _, col := range validatedFields {
			if code, ok := f[col]; ok {
				c.addError(fileField(col, r.fullName), code)
			}
		}
		c.input = in
		if c.existing != nil {
			c.changes = changedFields(c.existing.input(), in)
		}
		out[i] = c
	}
	return out, nil
}

// validatedFields are the fields Validate checks, in column order.
var validatedFields = []string{"code", "family_name", "middle_name", "given_name", "gender", "birth_date",
	"email", "phone", "agency_id", "kind", "professional", "job_title", "it_qualification"}

// fileField names a validation problem after the column that caused it.
func fileField(field string, fullName bool) string {
	switch {
	case field == "agency_id":
		return "agency_code"
	case fullName && (field == "family_name" || field == "middle_name" || field == "given_name"):
		return "full_name"
	}
	return field
}

// changedFields lists, by column, where in differs from before.
func changedFields(before, in PersonInput) []string {
	changes := []string{}
	add := func(field string, differ bool) {
		if differ {
			changes = append(changes, field)
		}
	}
	add("family_name", before.FamilyName != in.FamilyName)
	add("middle_name", before.MiddleName != in.MiddleName)
	add("given_name", before.GivenName != in.GivenName)
	add("gender", before.Gender != in.Gender)
	add("birth_date", (before.BirthDate == nil) != (in.BirthDate == nil) ||
		(before.BirthDate != nil && in.BirthDate != nil && *before.BirthDate != *in.BirthDate))
	add("email", before.Email != in.Email)
	add("phone", before.Phone != in.Phone)
	add("agency_code", before.AgencyID != in.AgencyID)
	add("kind", before.Kind != in.Kind)
	add("professional", before.Professional != in.Professional)
	add("job_title", before.JobTitle != in.JobTitle)
	add("it_qualification", before.ITQualification != in.ITQualification)
	return changes
}

// agencyIDsByCode maps the codes (exact and lower case) of the agencies in s
// named by codes, which are lower case.
func agencyIDsByCode(ctx context.Context, q sqlx.QueryerContext, s auth.Scope, codes []string) (map[string]int64, error) {
	m := map[string]int64{}
	if len(codes) == 0 {
		return m, nil
	}
	var w db.Where
	w.Add("lower(a.code) = ANY(?)", pq.Array(slices.Compact(slices.Sorted(slices.Values(codes)))))
	scopeAgencies(&w, s)
	var rows []struct {
		ID   int64  `db:"id"`
		Code string `db:"code"`
	}
	if err := sqlx.SelectContext(ctx, q, &rows, `SELECT a.id, a.code FROM agencies a`+w.SQL(), w.Args...); err != nil {
		return nil, err
	}
	for _, r := range rows {
		m[r.Code] = r.ID
		if _, ok := m[strings.ToLower(r.Code)]; !ok {
			m[strings.ToLower(r.Code)] = r.ID
		}
	}
	return m, nil
}

// peopleByCode returns the people in s with the given codes, and the codes
// taken by people outside s (of whom nothing else is read).
func peopleByCode(ctx context.Context, q sqlx.QueryerContext, s auth.Scope, codes []string, lock bool) (map[string]Person, map[string]bool, error) {
	people, taken := map[string]Person{}, map[string]bool{}
	if len(codes) == 0 {
		return people, taken, nil
	}
	arg := pq.Array(codes)
	w := &db.Where{}
	w.Add("p.code = ANY(?)", arg)
	scopePeople(w, s)
	forUpdate := ""
	if lock {
		forUpdate = " FOR UPDATE OF p" // in id order, so two imports cannot deadlock
	}
	var items []Person
	err := sqlx.SelectContext(ctx, q, &items, `SELECT `+personColumns+`
		FROM people p JOIN agencies a ON a.id = p.agency_id`+w.SQL()+` ORDER BY p.id`+forUpdate, w.Args...)
	if err != nil {
		return nil, nil, err
	}
	for _, p := range items {
		people[p.Code] = p
	}
	var all []string
	if err := sqlx.SelectContext(ctx, q, &all, `SELECT code FROM people WHERE code = ANY($1)`, arg); err != nil {
		return nil, nil, err
	}
	for _, c := range all {
		if _, ok := people[c]; !ok {
			taken[c] = true
		}
	}
	return people, taken, nil
}

// Preview is what an import would do, row by row.
type Preview struct {
	Filename       string       `json:"filename"`
	Total          int          `json:"total"`
	Valid          int          `json:"valid"`
	Invalid        int          `json:"invalid"`
	IgnoredColumns []string     `json:"ignored_columns"`
	Rows           []PreviewRow `json:"rows"`
}

// PreviewRow is one data row of the file: Row is its number as the user's
// program shows it (the header is row 1 in a file that starts with it).
type PreviewRow struct {
	Row        int        `json:"row"`
	Code       string     `json:"code"`
	FullName   string     `json:"full_name"`
	AgencyCode string     `json:"agency_code"`
	Action     string     `json:"action"`
	Changes    []string   `json:"changes"`
	Errors     []RowError `json:"errors"`
}

func newPreview(filename string, pf *peopleFile, rows []checkedRow) Preview {
	p := Preview{Filename: filename, Total: len(rows), IgnoredColumns: pf.ignored, Rows: make([]PreviewRow, len(rows))}
	for i, r := range rows {
		agency := r.agencyCode
		if agency == "" && r.existing != nil {
			agency = r.existing.AgencyCode
		}
		changes := r.changes
		if changes == nil {
			changes = []string{}
		}
		rowErrs := r.errors
		if rowErrs == nil {
			rowErrs = []RowError{}
		}
		p.Rows[i] = PreviewRow{Row: r.num, Code: r.in.Code, FullName: r.input.FullName(), AgencyCode: agency,
			Action: r.action(), Changes: changes, Errors: rowErrs}
		if len(r.errors) == 0 {
			p.Valid++
		} else {
			p.Invalid++
		}
	}
	return p
}
