// Package org is the registry of agencies (the tree of đơn vị) and the people
// who work in them, with scope enforced in SQL: an agency manager reaches only
// their agency's subtree, a learner only their own record.
package org

import (
	"net/mail"
	"regexp"
	"slices"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/govtrain/lms/api/platform/civil"
	"github.com/govtrain/lms/api/platform/errs"
)

// Agency levels and the sector tags targets select by.
var (
	Levels  = []string{"province", "department", "district", "commune", "unit"}
	Sectors = []string{"economic-general", "internal-affairs", "natural-resources", "agriculture-rural", "culture-social", "city"}
)

// Agency is one đơn vị.
type Agency struct {
	ID          int64       `db:"id" json:"id"`
	ParentID    *int64      `db:"parent_id" json:"parent_id"`
	Code        string      `db:"code" json:"code"`
	Name        string      `db:"name" json:"name"`
	NameEn      string      `db:"name_en" json:"name_en"`
	Level       string      `db:"level" json:"level"`
	Sectors     StringArray `db:"sectors" json:"sectors"`
	ValidFrom   *civil.Date `db:"valid_from" json:"valid_from"`
	ValidTo     *civil.Date `db:"valid_to" json:"valid_to"`
	SuccessorOf *int64      `db:"successor_of" json:"successor_of"` // the agency this one took over (a merger or a renaming)
	PeopleCount int         `db:"people_count" json:"people_count"`
}

// AgencyInput is what a client may set on an agency.
type AgencyInput struct {
	ParentID  *int64      `json:"parent_id"`
	Code      *string     `json:"code"`
	Name      *string     `json:"name"`
	NameEn    *string     `json:"name_en"`
	Level     *string     `json:"level"`
	Sectors   *[]string   `json:"sectors"`
	ValidFrom *civil.Date `json:"valid_from"`
	ValidTo   *civil.Date `json:"valid_to"`
	// SuccessorOf is the agency this one took over when agencies merged
	// or were renamed; 0 clears it.
	SuccessorOf *int64 `json:"successor_of"`
}

// The vocabularies of a person's fields.
var (
	Kinds            = []string{"can_bo", "cong_chuc", "vien_chuc"}
	Genders          = []string{"", "male", "female"}
	ITQualifications = []string{"none", "certificate", "vocational", "college", "university", "postgraduate"}
)

// Person is one civil servant as the API returns them.
type Person struct {
	ID              int64       `db:"id" json:"id"`
	Code            string      `db:"code" json:"code"`
	FamilyName      string      `db:"family_name" json:"family_name"`
	MiddleName      string      `db:"middle_name" json:"middle_name"`
	GivenName       string      `db:"given_name" json:"given_name"`
	FullName        string      `db:"full_name" json:"full_name"`
	Gender          string      `db:"gender" json:"gender"`
	BirthDate       *civil.Date `db:"birth_date" json:"birth_date"`
	Email           string      `db:"email" json:"email"`
	Phone           string      `db:"phone" json:"phone"`
	AgencyID        int64       `db:"agency_id" json:"agency_id"`
	AgencyName      string      `db:"agency_name" json:"agency_name"`
	AgencyCode      string      `db:"agency_code" json:"-"`
	Kind            string      `db:"kind" json:"kind"`
	Professional    bool        `db:"professional" json:"professional"`
	JobTitle        string      `db:"job_title" json:"job_title"`
	ITQualification string      `db:"it_qualification" json:"it_qualification"`
	Active          bool        `db:"active" json:"active"`
	Version         int         `db:"version" json:"version"`
	CreatedAt       time.Time   `db:"created_at" json:"created_at"`
	UpdatedAt       time.Time   `db:"updated_at" json:"updated_at"`
}

// PersonInput is every field a client may set on a person, used by create,
// edit and import alike.
type PersonInput struct {
	Code            string      `json:"code"`
	FamilyName      string      `json:"family_name"`
	MiddleName      string      `json:"middle_name"`
	GivenName       string      `json:"given_name"`
	Gender          string      `json:"gender"`
	BirthDate       *civil.Date `json:"birth_date"`
	Email           string      `json:"email"`
	Phone           string      `json:"phone"`
	AgencyID        int64       `json:"agency_id"`
	Kind            string      `json:"kind"`
	Professional    bool        `json:"professional"`
	JobTitle        string      `json:"job_title"`
	ITQualification string      `json:"it_qualification"`
}

// input is the editable part of p.
func (p Person) input() PersonInput {
	return PersonInput{Code: p.Code, FamilyName: p.FamilyName, MiddleName: p.MiddleName, GivenName: p.GivenName,
		Gender: p.Gender, BirthDate: p.BirthDate, Email: p.Email, Phone: p.Phone, AgencyID: p.AgencyID, Kind: p.Kind,
		Professional: p.Professional, JobTitle: p.JobTitle, ITQualification: p.ITQualification}
}

// FullName is family, middle and given name joined the way the database does.
func (in PersonInput) FullName() string {
	return strings.Join(slices.DeleteFunc([]string{in.FamilyName, in.MiddleName, in.GivenName}, func(s string) bool { return s == "" }), " ")
}

var (
	codeRe  = regexp.MustCompile(`^[A-Za-z0-9._-]{1,40}$`)
	phoneRe = regexp.MustCompile(`^\+?[0-9 .-]{6,20}$`)
)

// Normalize trims the text fields, puts them in Unicode NFC (so that a name
// typed on another keyboard compares equal), collapses inner spaces of names
// and lower-cases the e-mail.
func (in *PersonInput) Normalize() {
	clean := func(s string) string { return strings.Join(strings.Fields(norm.NFC.String(s)), " ") }
	in.Code = strings.TrimSpace(in.Code)
	in.FamilyName, in.MiddleName, in.GivenName = clean(in.FamilyName), clean(in.MiddleName), clean(in.GivenName)
	in.Email = strings.ToLower(strings.TrimSpace(in.Email))
	in.Phone = strings.TrimSpace(in.Phone)
	in.JobTitle = clean(in.JobTitle)
	if in.ITQualification == "" {
		in.ITQualification = "none"
	}
}

// Validate adds every problem with in to f, by field.
func (in PersonInput) Validate(f errs.Fields) {
	if !codeRe.MatchString(in.Code) {
		f.Add("code", invalidOrRequired(in.Code))
	}
	name := func(field, v string, required bool, max int) {
		switch {
		case v == "" && required:
			f.Add(field, "required")
		case len([]rune(v)) > max, strings.ContainsFunc(v, isControlOrDigit):
			f.Add(field, "invalid")
		}
	}
	name("family_name", in.FamilyName, true, 50)
	name("middle_name", in.MiddleName, false, 80)
	name("given_name", in.GivenName, true, 50)
	if !slices.Contains(Genders, in.Gender) {
		f.Add("gender", "invalid")
	}
	if in.BirthDate != nil {
		y := in.BirthDate.Time().Year()
		if y < 1900 || in.BirthDate.After(civil.Of(time.Now().AddDate(-15, 0, 0))) {
			f.Add("birth_date", "out_of_range")
		}
	}
	if in.Email != "" {
		if a, err := mail.ParseAddress(in.Email); err != nil || a.Address != in.Email || len(in.Email) > 200 {
			f.Add("email", "invalid")
		}
	}
	if in.Phone != "" && !phoneRe.MatchString(in.Phone) {
		f.Add("phone", "invalid")
	}
	if in.AgencyID <= 0 {
		f.Add("agency_id", "required")
	}
	if !slices.Contains(Kinds, in.Kind) {
		f.Add("kind", invalidOrRequired(in.Kind))
	}
	if len([]rune(in.JobTitle)) > 200 {
		f.Add("job_title", "too_long")
	}
	if !slices.Contains(ITQualifications, in.ITQualification) {
		f.Add("it_qualification", "invalid")
	}
}

func invalidOrRequired(v string) string {
	if v == "" {
		return "required"
	}
	return "invalid"
}

func isControlOrDigit(r rune) bool { return r < ' ' || r == 0x7f || (r >= '0' && r <= '9') }
