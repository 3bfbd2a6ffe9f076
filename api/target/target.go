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
//
// The dashboard counts people (and has_certified_person) from a roll-up
// per agency that the transactions changing the facts keep (migration
// 0012, target_people_on), so its cost does not grow with the number of
// people; the lists of who is missing read the facts person by person.
package target

import (
	"fmt"
	"slices"
	"strings"
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
// the numerator. key is the column of the agency a row belongs to. den and
// numAgg are the aggregates that count them: count(*) and count(*) of num,
// or, for the people when tallied from the roll-up, sums of its counts.
type counted struct {
	from, num, key string
	den, numAgg    string
	where          *db.Where
	people         bool
}

// heldBy is "agency expr has, on the day, a member holding a valid
// certificate counting for the certification target", from the roll-up
// (people_counts, see tally).
const heldBy = `%s IN (SELECT r.agency_id FROM people_counts r WHERE r.certification = ?
	GROUP BY r.agency_id HAVING sum(r.n) > 0)`

// build makes, adding to w, the parts of a target on day within the
// subtree of agency scope (0: the province). With rollup, a target of
// people (and has_certified_person) is counted from the roll-up of
// migration 0012, by agency, not person by person: fast whatever the size,
// but there is no one to list; the statement must define people_counts
// (see tally). Without, from the memberships and certificates themselves.
func build(w *db.Where, population, metric string, p Params, day time.Time, scope int64, rollup bool) (counted, error) {
	if f := Check(population, metric, p); f != nil {
		return counted{}, fmt.Errorf("target: %v", f)
	}
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
			if rollup {
				num = w.Expr(fmt.Sprintf(heldBy, "a.id"), p.Certification)
				break
			}
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
		return counted{from: " FROM agencies a", num: num, key: "a.id", where: w}.counting(), nil
	}
	if rollup {
		// people_counts counts memberships valid on the day (certification
		// ''), and of them those whose person holds the certification.
		c := counted{from: " FROM people_counts m JOIN agencies a ON a.id = m.agency_id",
			key: "m.agency_id", where: w, people: true, den: "COALESCE(sum(m.n) FILTER (WHERE m.certification = ''), 0)::bigint"}
		c.numAgg = w.Expr("COALESCE(sum(m.n) FILTER (WHERE m.certification = ?), 0)::bigint", p.Certification)
		w.Add("m.certification IN ('', ?)", p.Certification)
		peopleOf(w, population, p, scope, "m.professional")
		return c, nil
	}
	num := w.Expr(fmt.Sprintf(certifiedSQL, "m.person_id"), p.Certification, day)
	w.Add(validOnQ("m"), day, day)
	peopleOf(w, population, p, scope, "p.professional")
	return counted{from: " FROM memberships m JOIN people p ON p.id = m.person_id JOIN agencies a ON a.id = m.agency_id",
		num: num, key: "m.agency_id", where: w, people: true}.counting(), nil
}

// peopleOf narrows rows of memberships m (or of their counts) of agencies
// a to a population of people within scope.
func peopleOf(w *db.Where, population string, p Params, scope int64, professional string) {
	switch population {
	case "professional_staff":
		w.Add(professional)
	case "staff_of_levels":
		w.Add("a.level = ANY(?)", pq.Array(p.Levels))
	}
	if scope > 0 {
		w.Add("m.agency_id IN (SELECT descendant_id FROM agency_closure WHERE ancestor_id = ?)", scope)
	}
}

// counting sets the aggregates that count rows one by one.
func (c counted) counting() counted {
	c.den, c.numAgg = "count(*)", "count(*) FILTER (WHERE "+c.num+")"
	return c
}

// spec is a target to count.
type spec struct {
	population, metric string
	params             Params
}

// tally builds one statement that counts every target of specs on day
// within scope: rows of target (its index in specs), agency_id (0, or with
// byAgency an in-scope agency: a department or a district-level unit, with
// everything under it), denominator and numerator. The roll-up on the day
// is summed once, as people_counts, for all the targets that read it.
func tally(specs []spec, day time.Time, scope int64, byAgency, rollup bool) (string, []any, error) {
	args := []any{day}
	parts := make([]string, 0, len(specs))
	for i, sp := range specs {
		w := &db.Where{Args: args} // the targets' placeholders follow on from each other's
		c, err := build(w, sp.population, sp.metric, sp.params, day, scope, rollup)
		if err != nil {
			return "", nil, err
		}
		cols := c.den + " AS denominator, " + c.numAgg + " AS numerator"
		if !byAgency {
			parts = append(parts, fmt.Sprintf("SELECT %d AS target, 0::bigint AS agency_id, %s%s%s", i, cols, c.from, w.SQL()))
		} else {
			parts = append(parts, fmt.Sprintf("SELECT %d AS target, x.id AS agency_id, %s%s"+
				" JOIN agency_closure g ON g.descendant_id = %s"+
				" JOIN agencies x ON x.id = g.ancestor_id AND x.level IN ('department', 'district')%s GROUP BY x.id",
				i, cols, c.from, c.key, w.SQL()))
		}
		args = w.Args
	}
	if len(parts) == 0 {
		return "", nil, nil
	}
	return "WITH people_counts AS MATERIALIZED (SELECT * FROM target_people_on($1::date)) " +
		strings.Join(parts, " UNION ALL "), args, nil
}

// validOnQ is validOn for a row that always has a valid_from.
func validOnQ(alias string) string {
	return fmt.Sprintf("%[1]s.valid_from <= ? AND (%[1]s.valid_to IS NULL OR %[1]s.valid_to >= ?)", alias)
}
