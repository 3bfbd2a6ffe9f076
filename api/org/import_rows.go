package org

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/govtrain/lms/api/platform/civil"
	"github.com/govtrain/lms/api/platform/errs"
	"github.com/govtrain/lms/api/platform/spreadsheet"
	"github.com/govtrain/lms/api/platform/vn"
)

// RowError is one problem with one field of an imported row. Code is the
// same as the API's validation codes; Message is English, for logs and
// clients that do not translate codes.
type RowError struct {
	Field   string `json:"field"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// fieldSet says which fields a row sets. A blank cell sets nothing: an
// update keeps the stored value, a new person gets the default.
type fieldSet uint16

const (
	setFamily fieldSet = 1 << iota
	setMiddle
	setGiven
	setGender
	setBirth
	setEmail
	setPhone
	setAgency
	setKind
	setProfessional
	setJobTitle
	setIT
)

// personRow is one data row of a people file, read but not yet checked
// against the database.
type personRow struct {
	num        int
	in         PersonInput // the values of the fields in set
	set        fieldSet
	agencyCode string
	fullName   bool // the names came from one "Họ và tên" column
	errors     []RowError
}

func (r *personRow) addError(field, code string) {
	for _, e := range r.errors {
		if e.Field == field {
			return
		}
	}
	r.errors = append(r.errors, RowError{Field: field, Code: code, Message: rowMessage(field, code)})
}

// apply returns base with the fields the row sets replaced; the agency is
// resolved by the caller.
func (r personRow) apply(base PersonInput) PersonInput {
	in := base
	in.Code = r.in.Code
	for _, f := range []struct {
		bit      fieldSet
		dst, src *string
	}{
		{setFamily, &in.FamilyName, &r.in.FamilyName}, {setMiddle, &in.MiddleName, &r.in.MiddleName},
		{setGiven, &in.GivenName, &r.in.GivenName}, {setGender, &in.Gender, &r.in.Gender},
		{setEmail, &in.Email, &r.in.Email}, {setPhone, &in.Phone, &r.in.Phone}, {setKind, &in.Kind, &r.in.Kind},
		{setJobTitle, &in.JobTitle, &r.in.JobTitle}, {setIT, &in.ITQualification, &r.in.ITQualification},
	} {
		if r.set&f.bit != 0 {
			*f.dst = *f.src
		}
	}
	if r.set&setBirth != 0 {
		in.BirthDate = r.in.BirthDate
	}
	if r.set&setProfessional != 0 {
		in.Professional = r.in.Professional
	}
	return in
}

// peopleFile is an uploaded people list, parsed.
type peopleFile struct {
	kind    string
	ignored []string // headers of columns the import does not use
	rows    []personRow
}

// parsePeople reads and parses an upload without touching the database:
// file type, encoding, limits, header, every cell, duplicate codes.
func parsePeople(name string, data []byte) (*peopleFile, error) {
	t, err := readTable(name, data, func(cells []string) bool { _, ok := matchHeader(cells); return ok })
	if err != nil {
		return nil, err
	}
	var h header
	at := -1
	for i, r := range t.rows[:min(len(t.rows), headerSearch)] {
		if hh, ok := matchHeader(r.cells); ok {
			h, at = hh, i
			break
		}
	}
	if at < 0 {
		return nil, errs.New(errs.Invalid, "missing_columns",
			`the file has no header row with a "Mã cán bộ" column; download the template to see the expected columns`).
			With("columns", []string{"Mã cán bộ"})
	}
	body := t.rows[at+1:]
	if len(body) > maxDataRows {
		return nil, tooManyRows()
	}
	out := &peopleFile{kind: t.kind, ignored: h.ignored, rows: make([]personRow, 0, len(body))}
	seen := map[string]int{}
	for _, tr := range body {
		r := parseRow(h, t.kind == "xlsx", tr)
		if r.set == 0 && r.in.Code == "" && len(r.errors) == 0 {
			continue // only ignored columns are filled in
		}
		if first, ok := seen[r.in.Code]; ok && r.in.Code != "" {
			r.errors = append([]RowError{{Field: "code", Code: "duplicate_in_file",
				Message: fmt.Sprintf("the same code is on row %d", first)}}, r.errors...)
		} else {
			seen[r.in.Code] = r.num
		}
		out.rows = append(out.rows, r)
	}
	return out, nil
}

// parseRow reads the cells of one row. xlsx says cells are stored values of
// a workbook (dates as serial numbers, numbers without leading zeros).
func parseRow(h header, xlsx bool, tr tableRow) personRow {
	r := personRow{num: tr.num}
	cell := func(key string) (string, bool) {
		i, ok := h.col[key]
		if !ok || i >= len(tr.cells) {
			return "", false
		}
		v := cleanCell(tr.cells[i])
		return v, v != ""
	}
	text := func(key string, bit fieldSet, dst *string) {
		if v, ok := cell(key); ok {
			*dst, r.set = v, r.set|bit
		}
	}
	vocab := func(key string, bit fieldSet, labels []label, dst *string) {
		if v, ok := cell(key); ok {
			if code, ok := lookup(labels, v); ok {
				*dst, r.set = code, r.set|bit
			} else {
				r.addError(key, "invalid")
			}
		}
	}
	r.in.Code, _ = cell("code")
	text("family_name", setFamily, &r.in.FamilyName)
	text("middle_name", setMiddle, &r.in.MiddleName)
	text("given_name", setGiven, &r.in.GivenName)
	if v, ok := cell("family_middle"); ok && r.set&setFamily == 0 {
		if w := strings.Fields(v); len(w) > 0 {
			r.in.FamilyName, r.in.MiddleName = w[0], strings.Join(w[1:], " ")
			r.set |= setFamily | setMiddle
		}
	}
	if v, ok := cell("full_name"); ok && r.set&setFamily == 0 {
		given := ""
		if r.set&setGiven != 0 {
			given = r.in.GivenName
		}
		r.in.FamilyName, r.in.MiddleName, r.in.GivenName = splitFullName(v, given)
		r.set |= setFamily | setMiddle | setGiven
		r.fullName = true
	}
	vocab("gender", setGender, genderLabels, &r.in.Gender)
	if v, ok := cell("birth_date"); ok {
		if d, ok := parseDate(v, xlsx); ok {
			r.in.BirthDate, r.set = &d, r.set|setBirth
		} else {
			r.addError("birth_date", "invalid_date")
		}
	}
	text("email", setEmail, &r.in.Email)
	if v, ok := cell("phone"); ok {
		r.in.Phone, r.set = fixPhone(v, xlsx), r.set|setPhone
	}
	if v, ok := cell("agency_code"); ok {
		r.agencyCode, r.set = v, r.set|setAgency
	}
	vocab("kind", setKind, kindLabels, &r.in.Kind)
	var professional string
	vocab("professional", setProfessional, yesNoLabels, &professional)
	r.in.Professional = professional == "true"
	text("job_title", setJobTitle, &r.in.JobTitle)
	vocab("it_qualification", setIT, itLabels, &r.in.ITQualification)
	return r
}

// cleanCell trims a cell, drops control characters other than white space
// and undoes the quote export puts before text Excel would take for a
// formula.
func cleanCell(s string) string {
	s = strings.Map(func(r rune) rune {
		if (r < ' ' && r != '\t' && r != '\n' && r != '\r') || r == 0x7f {
			return -1
		}
		return r
	}, s)
	return strings.TrimSpace(spreadsheet.Unsafe(s))
}

// splitFullName splits "Nguyễn Thị Thu Hà" into family "Nguyễn", middle
// "Thị Thu" and given "Hà"; given, when known (a "Tên" column next to the
// full name), may be several words ending the full name.
func splitFullName(s, given string) (family, middle, givenOut string) {
	w, g := strings.Fields(s), strings.Fields(given)
	n := 1
	if len(g) > 0 && len(g) < len(w) && vn.Fold(strings.Join(w[len(w)-len(g):], " ")) == vn.Fold(given) {
		n = len(g)
	}
	switch len(w) {
	case 0:
		return "", "", ""
	case 1:
		return "", "", w[0]
	}
	return w[0], strings.Join(w[1:len(w)-n], " "), strings.Join(w[len(w)-n:], " ")
}

// parseDate reads dd/mm/yyyy (also with - or . and one-digit day or month),
// yyyy-mm-dd, and in a workbook a date cell's serial number.
func parseDate(v string, serial bool) (civil.Date, bool) {
	if serial {
		if f, err := strconv.ParseFloat(v, 64); err == nil {
			if f < 1 || f >= 2958466 { // 01/01/1900 .. 31/12/9999
				return civil.Date{}, false
			}
			t, err := excelize.ExcelDateToTime(f, false)
			return civil.Of(t), err == nil
		}
	}
	if len(v) > 10 && v[10] == 'T' { // an ISO date-time cell
		v = v[:10]
	}
	parts := strings.FieldsFunc(v, func(r rune) bool { return r == '/' || r == '-' || r == '.' })
	if len(parts) != 3 {
		return civil.Date{}, false
	}
	if len(parts[0]) == 4 {
		parts[0], parts[2] = parts[2], parts[0]
	}
	var n [3]int
	for i, p := range parts {
		x, err := strconv.Atoi(p)
		if err != nil || x < 0 || len(p) > 4 || (i < 2 && len(p) > 2) || (i == 2 && len(p) != 4) {
			return civil.Date{}, false
		}
		n[i] = x
	}
	if n[1] < 1 || n[1] > 12 || n[0] < 1 || n[0] > 31 {
		return civil.Date{}, false
	}
	d := civil.New(n[2], time.Month(n[1]), n[0])
	return d, d.Time().Day() == n[0]
}

// fixPhone puts back the leading zero Excel drops when a phone number is
// typed into a number cell (Vietnamese numbers without it have 9-10 digits).
func fixPhone(v string, xlsx bool) string {
	if xlsx && (len(v) == 9 || len(v) == 10) && v[0] != '0' && strings.Trim(v, "0123456789") == "" {
		return "0" + v
	}
	return v
}

var rowMessages = map[string]string{
	"required":                 "a value is required",
	"invalid":                  "the value is not valid",
	"invalid_date":             "write the date as dd/mm/yyyy",
	"out_of_range":             "the date is out of range (born after 1900 and at least 15 years old)",
	"not_found":                "no agency with this code that you may manage",
	"code_taken":               "this code belongs to a person you may not manage; use another code",
	"too_long":                 "the value is too long",
	"gender/invalid":           "write Nam or Nữ",
	"kind/invalid":             "write Cán bộ, Công chức or Viên chức",
	"professional/invalid":     "write Có or Không",
	"it_qualification/invalid": "write Không, Chứng chỉ, Trung cấp, Cao đẳng, Đại học or Sau đại học",
	"code/invalid":             "use 1 to 40 letters without diacritics, digits, dots, dashes or underscores",
	"email/invalid":            "not a valid e-mail address",
	"phone/invalid":            "use 6 to 20 digits, spaces, dots or dashes, with an optional leading +",
	"full_name/invalid":        "names may not contain digits and are limited in length",
	"family_name/invalid":      "names may not contain digits and are limited in length",
	"middle_name/invalid":      "names may not contain digits and are limited in length",
	"given_name/invalid":       "names may not contain digits and are limited in length",
}

func rowMessage(field, code string) string {
	if m, ok := rowMessages[field+"/"+code]; ok {
		return m
	}
	if m, ok := rowMessages[code]; ok {
		return m
	}
	return strings.ReplaceAll(code, "_", " ")
}
