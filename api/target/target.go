// Package target computes the decision's targets as of any day, from dated
// records only (memberships, positions, qualifications, mailboxes,
// certificates with their issue, expiry and revocation), so that the same
// day always gives the same figures.
//
// A target counts a population (agencies or people) and, of it, those a
// metric holds for. Both come from the small vocabulary below; a target's
// params refine them. Nothing else can be asked (no free SQL).
//
// Populations of agencies (valid on the day):
//   - in_scope_agencies: provincial departments and district-level units
//     ("ngành, địa phương");
//   - agencies_of_levels: agencies of params.levels;
//   - agencies_of_sectors: agencies with one of params.sectors, and those
//     of params.codes.
//
// Populations of people (by their agency on the day):
//   - staff: everyone;
//   - professional_staff: those doing professional work;
//   - staff_of_levels: those whose agency is of params.levels.
//
// Metrics of agencies:
//   - has_position: someone holds params.role there;
//   - position_certified: the holder of params.role holds a valid
//     certificate counting for params.certification;
//   - position_degree: the holder of params.role has an IT degree of
//     params.level or above;
//   - has_certified_person: someone of the agency holds a valid certificate
//     counting for params.certification;
//   - has_mailbox: the agency has an official mailbox.
//
// Metrics of people:
//   - holds_certificate: holds a valid certificate counting for
//     params.certification (issued, automatically or by hand, or recorded).
package target

import (
	"fmt"
	"slices"
	"time"

	"github.com/lib/pq"

	"github.com/govtrain/lms/api/platform/db"
)

// Params refine a target's population and metric.
type Params struct {
	Role          string   `json:"role,omitempty"`
	Certification string   `json:"certification,omitempty"` // a certification target: it_basic, email_internet, cio, it_specialist
	Level         string   `json:"level,omitempty"`         // a degree level
	Levels        []string `json:"levels,omitempty"`        // agency levels
	Sectors       []string `json:"sectors,omitempty"`
	Codes         []string `json:"codes,omitempty"` // agency codes
}

// The vocabulary.
var (
	AgencyPopulations = []string{"in_scope_agencies", "agencies_of_levels", "agencies_of_sectors"}
	PeoplePopulations = []string{"staff", "professional_staff", "staff_of_levels"}
	AgencyMetrics     = []string{"has_position", "position_certified", "position_degree", "has_certified_person", "has_mailbox"}
	PeopleMetrics     = []string{"holds_certificate"}
	Roles             = []string{"it_officer", "cio", "it_specialist"}
	Certifications    = []string{"it_basic", "email_internet", "cio", "it_specialist"}
	AgencyLevels      = []string{"province", "department", "district", "commune", "unit"}
	DegreeLevels      = []string{"vocational", "college", "university", "master", "doctorate"}
)

// Check says what is wrong with a population, metric and params, as field
// errors (nil when they fit together).
func Check(population, metric string, p Params) map[string]string {
	f := map[string]string{}
	agencies, people := slices.Contains(AgencyPopulations, population), slices.Contains(PeoplePopulations, population)
	switch {
	case !agencies && !people:
		f["population"] = "invalid"
	case agencies && !slices.Contains(AgencyMetrics, metric), people && !slices.Contains(PeopleMetrics, metric):
		f["metric"] = "invalid"
	}
	needs := func(name string, ok bool) {
		if !ok {
			f["params."+name] = "invalid"
		}
	}
	switch population {
	case "agencies_of_levels", "staff_of_levels":
		needs("levels", len(p.Levels) > 0 && all(p.Levels, AgencyLevels))
	case "agencies_of_sectors":
		needs("sectors", len(p.Sectors)+len(p.Codes) > 0)
	}
	switch metric {
	case "has_position":
		needs("role", slices.Contains(Roles, p.Role))
	case "position_certified":
		needs("role", slices.Contains(Roles, p.Role))
		needs("certification", slices.Contains(Certifications, p.Certification))
	case "position_degree":
		needs("role", slices.Contains(Roles, p.Role))
		needs("level", slices.Contains(DegreeLevels, p.Level))
	case "has_certified_person", "holds_certificate":
		needs("certification", slices.Contains(Certifications, p.Certification))
	}
	if len(f) == 0 {
		return nil
	}
	return f
}

func all(xs, in []string) bool {
	for _, x := range xs {
		if !slices.Contains(in, x) {
			return false
		}
	}
	return true
}

// validOn is the condition "alias's row is valid on the day ?" for rows with
// valid_from and valid_to (NULL valid_from: always was).
func validOn(alias string) string {
	return fmt.Sprintf("(%[1]s.valid_from IS NULL OR %[1]s.valid_from <= ?) AND (%[1]s.valid_to IS NULL OR %[1]s.valid_to >= ?)", alias)
}

// certifiedSQL is "person expr holds, on the day, a valid certificate
// counting for the certification target".
const certifiedSQL = `EXISTS (SELECT 1 FROM certificates ce JOIN certifications cd ON cd.id = ce.certification_id
	WHERE ce.person_id = %s AND cd.target = ? AND certificate_status(ce.issued_on, ce.expires_on, ce.revoked_at, ?) = 'valid')`

// counted is a target's population and metric on a day, as SQL parts:
// rows of from, filtered by where, of which num holds for those counted in
// the numerator. key is the column of the agency a row belongs to.
type counted struct {
	from, num, key string
	where          *db.Where
	people         bool
}

// build makes the parts of a target on day within the subtree of agency
// scope (0: the province).
func build(population, metric string, p Params, day time.Time, scope int64) (counted, error) {
	if f := Check(population, metric, p); f != nil {
		return counted{}, fmt.Errorf("target: %v", f)
	}
	w := &db.Where{}
	if slices.Contains(AgencyPopulations, population) {
		holder := `EXISTS (SELECT 1 FROM positions po WHERE po.agency_id = a.id AND po.role = ? AND ` + validOnQ("po") + ` %s)`
		var num string
		switch metric {
		case "has_position":
			num = w.Expr(fmt.Sprintf(holder, ""), p.Role, day, day)
		case "position_certified":
			num = w.Expr(fmt.Sprintf(holder, "AND "+fmt.Sprintf(certifiedSQL, "po.person_id")), p.Role, day, day, p.Certification, day)
		case "position_degree":
			num = w.Expr(fmt.Sprintf(holder, `AND EXISTS (SELECT 1 FROM qualifications q WHERE q.person_id = po.person_id AND q.it_field
				AND q.awarded_on <= ? AND array_position(?::text[], q.level) >= array_position(?::text[], ?::text))`),
				p.Role, day, day, day, pq.Array(DegreeLevels), pq.Array(DegreeLevels), p.Level)
		case "has_certified_person":
			num = w.Expr(`EXISTS (SELECT 1 FROM memberships m WHERE m.agency_id = a.id AND `+validOnQ("m")+` AND `+
				fmt.Sprintf(certifiedSQL, "m.person_id")+`)`, day, day, p.Certification, day)
		case "has_mailbox":
			num = w.Expr(`EXISTS (SELECT 1 FROM agency_mailboxes mb WHERE mb.agency_id = a.id AND `+validOnQ("mb")+`)`, day, day)
		}
		w.Add(validOn("a"), day, day)
		switch population {
		case "in_scope_agencies":
			w.Add("a.level IN ('department', 'district')")
		case "agencies_of_levels":
			w.Add("a.level = ANY(?)", pq.Array(p.Levels))
		case "agencies_of_sectors":
			w.Add("(a.sectors && ? OR a.code = ANY(?))", pq.Array(p.Sectors), pq.Array(p.Codes))
		}
		if scope > 0 {
			w.Add("a.id IN (SELECT descendant_id FROM agency_closure WHERE ancestor_id = ?)", scope)
		}
		return counted{from: " FROM agencies a", num: num, key: "a.id", where: w}, nil
	}
	num := w.Expr(fmt.Sprintf(certifiedSQL, "m.person_id"), p.Certification, day)
	w.Add(validOnQ("m"), day, day)
	switch population {
	case "professional_staff":
		w.Add("p.professional")
	case "staff_of_levels":
		w.Add("a.level = ANY(?)", pq.Array(p.Levels))
	}
	if scope > 0 {
		w.Add("m.agency_id IN (SELECT descendant_id FROM agency_closure WHERE ancestor_id = ?)", scope)
	}
	return counted{from: " FROM memberships m JOIN people p ON p.id = m.person_id JOIN agencies a ON a.id = m.agency_id",
		num: num, key: "m.agency_id", where: w, people: true}, nil
}

// query builds the statement that counts a target: columns denominator and
// numerator; with byAgency, per in-scope agency (a department or a
// district-level unit, with everything under it), with agency_id first.
func query(population, metric string, p Params, day time.Time, scope int64, byAgency bool) (string, []any, error) {
	c, err := build(population, metric, p, day, scope)
	if err != nil {
		return "", nil, err
	}
	cols := "count(*) AS denominator, count(*) FILTER (WHERE " + c.num + ") AS numerator"
	if !byAgency {
		return "SELECT " + cols + c.from + c.where.SQL(), c.where.Args, nil
	}
	return "SELECT x.id AS agency_id, " + cols + c.from +
		" JOIN agency_closure g ON g.descendant_id = " + c.key +
		" JOIN agencies x ON x.id = g.ancestor_id AND x.level IN ('department', 'district')" +
		c.where.SQL() + " GROUP BY x.id", c.where.Args, nil
}

// validOnQ is validOn for a row that always has a valid_from.
func validOnQ(alias string) string {
	return fmt.Sprintf("%[1]s.valid_from <= ? AND (%[1]s.valid_to IS NULL OR %[1]s.valid_to >= ?)", alias)
}
