// Package seed loads sample data that looks like a real province's: the
// agencies of Hà Tĩnh in 2008-2010, some 600 civil servants with Vietnamese
// names, and five demo accounts, one per role. The real lists are imported by
// the users; this is what a fresh installation shows.
package seed

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/govtrain/lms/api/auth"
	"github.com/govtrain/lms/api/platform/vn"
)

// rootCode is the agency whose presence means the seed has been loaded.
const rootCode = "HT"

// DemoPassword is the password of every demo account.
const DemoPassword = "Demo@2026"

// lockKey serialises concurrent seeders (two lms processes starting together).
const lockKey int64 = 0x6c6d732d73656564 // "lms-seed"

// Summary says what Run loaded: nothing (Skipped) when the province was
// already there.
type Summary struct {
	Skipped  bool `json:"skipped,omitempty"`
	Agencies int  `json:"agencies"`
	People   int  `json:"people"`
	Users    int  `json:"users"`
}

func (s Summary) String() string {
	if s.Skipped {
		return fmt.Sprintf("agency %s already exists, nothing loaded", rootCode)
	}
	return fmt.Sprintf("loaded %d agencies, %d people, %d users", s.Agencies, s.People, s.Users)
}

// Run loads the sample data in one transaction. It does nothing when the
// agency HT already exists, so it is safe to run on every start.
func Run(ctx context.Context, db *sqlx.DB, log *slog.Logger) (Summary, error) {
	if log == nil {
		log = slog.Default()
	}
	start := time.Now()
	tx, err := db.BeginTxx(ctx, nil)
	if err != nil {
		return Summary{}, fmt.Errorf("seed: begin: %w", err)
	}
	defer tx.Rollback()

	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, lockKey); err != nil {
		return Summary{}, fmt.Errorf("seed: lock: %w", err)
	}
	var exists bool
	if err := tx.GetContext(ctx, &exists, `SELECT EXISTS (SELECT 1 FROM agencies WHERE code = $1)`, rootCode); err != nil {
		return Summary{}, fmt.Errorf("seed: check: %w", err)
	}
	if exists {
		log.InfoContext(ctx, "seed: already loaded", "agency", rootCode)
		return Summary{Skipped: true}, nil
	}

	agencies, err := parseAgencies(agenciesCSV)
	if err != nil {
		return Summary{}, err
	}
	people := generatePeople(agencies, peopleSeed)
	// One hash for all five accounts: argon2 is deliberately slow.
	hash, err := auth.HashPassword(DemoPassword)
	if err != nil {
		return Summary{}, fmt.Errorf("seed: hash password: %w", err)
	}

	if err := insertAgencies(ctx, tx, agencies); err != nil {
		return Summary{}, err
	}
	if err := insertPeople(ctx, tx, people); err != nil {
		return Summary{}, err
	}
	users, err := insertUsers(ctx, tx, hash, people)
	if err != nil {
		return Summary{}, err
	}
	sum := Summary{Agencies: len(agencies), People: len(people), Users: users}
	after, err := json.Marshal(sum)
	if err != nil {
		return Summary{}, err
	}
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO audit_log (actor_name, action, entity_type, after)
		VALUES ('seed', 'seed.loaded', 'system', $1::jsonb)`, string(after)); err != nil {
		return Summary{}, fmt.Errorf("seed: audit: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return Summary{}, fmt.Errorf("seed: commit: %w", err)
	}
	log.InfoContext(ctx, "seed: loaded", "agencies", sum.Agencies, "people", sum.People,
		"users", sum.Users, "duration", time.Since(start))
	return sum, nil
}

// insertAgencies inserts one tree level per statement, so that every parent
// exists (with its closure rows, written by the trigger) before its children.
func insertAgencies(ctx context.Context, tx *sqlx.Tx, agencies []agency) error {
	for depth := 0; ; depth++ {
		var code, parent, name, nameEN, level, sectors []string
		for _, a := range agencies {
			if a.depth != depth {
				continue
			}
			code = append(code, a.Code)
			parent = append(parent, a.ParentCode)
			name = append(name, a.Name)
			nameEN = append(nameEN, a.NameEN)
			level = append(level, a.Level)
			sectors = append(sectors, strings.Join(a.Sectors, "|"))
		}
		if len(code) == 0 {
			return nil
		}
		_, err := tx.ExecContext(ctx, `
			INSERT INTO agencies (parent_id, code, name, name_en, level, sectors)
			SELECT p.id, v.code, v.name, v.name_en, v.level, string_to_array(v.sectors, '|')
			FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
			     WITH ORDINALITY AS v(code, parent_code, name, name_en, level, sectors, ord)
			LEFT JOIN agencies p ON p.code = v.parent_code
			ORDER BY v.ord`,
			pq.Array(code), pq.Array(parent), pq.Array(name), pq.Array(nameEN), pq.Array(level), pq.Array(sectors))
		if err != nil {
			return fmt.Errorf("seed: insert agencies at depth %d: %w", depth, err)
		}
	}
}

// insertPeople inserts the people and their current memberships.
func insertPeople(ctx context.Context, tx *sqlx.Tx, people []person) error {
	n := len(people)
	code, family, middle, given, search := make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	gender, birth, hired, email, phone := make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	agency, kind, jobTitle, itq := make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	professional := make([]bool, n)
	for i, p := range people {
		code[i], family[i], middle[i], given[i] = p.Code, p.Family, p.Middle, p.Given
		search[i] = vn.SearchText(p.FullName(), p.Code, p.Email)
		gender[i], birth[i], hired[i], email[i], phone[i] = p.Gender, p.BirthDate, p.HiredOn, p.Email, p.Phone
		agency[i], kind[i], jobTitle[i], itq[i] = p.AgencyCode, p.Kind, p.JobTitle, p.ITQualification
		professional[i] = p.Professional
	}
	_, err := tx.ExecContext(ctx, `
		INSERT INTO people (code, family_name, middle_name, given_name, search_text, gender, birth_date,
		                    email, phone, agency_id, kind, professional, job_title, it_qualification)
		SELECT v.code, v.family, v.middle, v.given, v.search, v.gender, v.birth,
		       v.email, v.phone, a.id, v.kind, v.professional, v.job_title, v.itq
		FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::date[],
		            $8::text[], $9::text[], $10::text[], $11::text[], $12::boolean[], $13::text[], $14::text[])
		     WITH ORDINALITY AS v(code, family, middle, given, search, gender, birth,
		                          email, phone, agency, kind, professional, job_title, itq, ord)
		JOIN agencies a ON a.code = v.agency
		ORDER BY v.ord`,
		pq.Array(code), pq.Array(family), pq.Array(middle), pq.Array(given), pq.Array(search), pq.Array(gender), pq.Array(birth),
		pq.Array(email), pq.Array(phone), pq.Array(agency), pq.Array(kind), pq.Array(professional), pq.Array(jobTitle), pq.Array(itq))
	if err != nil {
		return fmt.Errorf("seed: insert people: %w", err)
	}
	_, err = tx.ExecContext(ctx, `
		INSERT INTO memberships (person_id, agency_id, valid_from)
		SELECT p.id, p.agency_id, v.valid_from
		FROM unnest($1::text[], $2::date[]) AS v(code, valid_from)
		JOIN people p ON p.code = v.code
		ORDER BY p.id`, pq.Array(code), pq.Array(hired))
	if err != nil {
		return fmt.Errorf("seed: insert memberships: %w", err)
	}
	return nil
}

// insertUsers creates the admin account and one account per demo person with
// a username, all with the same password hash. It returns how many it made.
func insertUsers(ctx context.Context, tx *sqlx.Tx, hash string, people []person) (int, error) {
	username, role, personCode, agencyCode, display := []string{"admin"}, []string{"admin"}, []string{""}, []string{""}, []string{"Quản trị hệ thống"}
	for i, d := range demoPeople {
		if d.username == "" {
			continue
		}
		p := people[i] // generatePeople puts the demo people first, in order
		scope := ""
		if d.manages {
			scope = p.AgencyCode
		}
		username = append(username, d.username)
		role = append(role, d.role)
		personCode = append(personCode, p.Code)
		agencyCode = append(agencyCode, scope)
		display = append(display, p.FullName())
	}
	_, err := tx.ExecContext(ctx, `
		INSERT INTO users (username, password_hash, role, person_id, agency_id, display_name)
		SELECT v.username, $1, v.role, p.id, a.id, v.display_name
		FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
		     WITH ORDINALITY AS v(username, role, person_code, agency_code, display_name, ord)
		LEFT JOIN people p ON p.code = v.person_code
		LEFT JOIN agencies a ON a.code = v.agency_code
		ORDER BY v.ord`,
		hash, pq.Array(username), pq.Array(role), pq.Array(personCode), pq.Array(agencyCode), pq.Array(display))
	if err != nil {
		return 0, fmt.Errorf("seed: insert users: %w", err)
	}
	return len(username), nil
}
