package cert

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"strings"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"go.yaml.in/yaml/v3"
)

// DefinitionsFile is where the curriculum's certifications are, beside its
// course folders.
const DefinitionsFile = "certifications.yaml"

// Targets are the goals of the decision a certification can count for.
var Targets = []string{"it_basic", "email_internet", "cio", "it_specialist"}

type text struct {
	VI string `yaml:"vi"`
	EN string `yaml:"en"`
}

// Issuer is who issues the certificates, as they print it.
type Issuer struct {
	Authority   string `yaml:"authority"`
	Name        string `yaml:"name"`
	NameEN      string `yaml:"name_en"`
	Place       string `yaml:"place"`
	SignerTitle string `yaml:"signer_title"`
	SignerName  string `yaml:"signer_name"`
}

// Definition is one certification of the files.
type Definition struct {
	Code         string   `yaml:"code"`
	Name         text     `yaml:"name"`
	Target       string   `yaml:"target"`
	SerialPrefix string   `yaml:"serial_prefix"`
	Requires     string   `yaml:"requires"`
	Courses      []string `yaml:"courses"`
	Quizzes      []struct {
		Course string  `yaml:"course"`
		Quiz   string  `yaml:"quiz"`
		Min    float64 `yaml:"min"`
	} `yaml:"quizzes"`
	ValidityMonths  int    `yaml:"validity_months"`
	RenewWindowDays *int   `yaml:"renew_window_days"`
	RenewRequires   string `yaml:"renew_requires"`
}

// Definitions is the whole file.
type Definitions struct {
	Issuer         Issuer       `yaml:"issuer"`
	Certifications []Definition `yaml:"certifications"`
	hash           string
}

var (
	codeRe   = regexp.MustCompile(`^[A-Z0-9][A-Z0-9-]{1,19}$`)
	prefixRe = regexp.MustCompile(`^[A-Z0-9][A-Z0-9-]{0,11}$`)
)

// LoadDefinitions reads certifications.yaml from root (none is fine) and
// checks it against the courses read from the same folder: known maps a
// course slug to its quiz slugs. Problems are "file: message" lines.
func LoadDefinitions(root fs.FS, known map[string][]string) (Definitions, []string) {
	var d Definitions
	raw, err := fs.ReadFile(root, DefinitionsFile)
	if errors.Is(err, fs.ErrNotExist) {
		return d, nil
	}
	if err != nil {
		return d, []string{DefinitionsFile + ": " + err.Error()}
	}
	dec := yaml.NewDecoder(strings.NewReader(string(raw)))
	dec.KnownFields(true)
	if err := dec.Decode(&d); err != nil {
		return d, []string{DefinitionsFile + ": " + err.Error()}
	}
	h := sha256.Sum256(raw)
	d.hash = hex.EncodeToString(h[:])
	var probs []string
	add := func(format string, args ...any) {
		probs = append(probs, DefinitionsFile+": "+fmt.Sprintf(format, args...))
	}
	if strings.TrimSpace(d.Issuer.Name) == "" {
		add("issuer.name is required")
	}
	seen := map[string]bool{}
	for _, c := range d.Certifications {
		switch {
		case !codeRe.MatchString(c.Code):
			add("certification %q: the code is 2-20 capitals, digits and -", c.Code)
		case seen[c.Code]:
			add("two certifications have the code %s", c.Code)
		}
		seen[c.Code] = true
		if strings.TrimSpace(c.Name.VI) == "" || strings.TrimSpace(c.Name.EN) == "" {
			add("%s: name needs vi and en", c.Code)
		}
		if c.Target != "" && !slices.Contains(Targets, c.Target) {
			add("%s: target is one of %s", c.Code, strings.Join(Targets, ", "))
		}
		if !prefixRe.MatchString(c.SerialPrefix) {
			add("%s: serial_prefix is 1-12 capitals, digits and -", c.Code)
		}
		if c.Requires != "all" && c.Requires != "any" {
			add("%s: requires is all or any", c.Code)
		}
		if len(c.Courses)+len(c.Quizzes) == 0 {
			add("%s: list the courses or quizzes it requires", c.Code)
		}
		for _, slug := range c.Courses {
			if _, ok := known[slug]; !ok {
				add("%s: no course %q in the folder", c.Code, slug)
			}
		}
		for _, q := range c.Quizzes {
			if !slices.Contains(known[q.Course], q.Quiz) {
				add("%s: no quiz %q in course %q", c.Code, q.Quiz, q.Course)
			}
			if q.Min < 0 || q.Min > 100 {
				add("%s: min is a percent", c.Code)
			}
		}
		if c.ValidityMonths < 0 || c.ValidityMonths > 600 {
			add("%s: validity_months is 1-600, or left out for never", c.Code)
		}
		if c.RenewRequires != "" && c.RenewRequires != "quizzes" && c.RenewRequires != "all" {
			add("%s: renew_requires is quizzes or all", c.Code)
		}
		if w := c.RenewWindowDays; w != nil && (*w < 0 || *w > 3650) {
			add("%s: renew_window_days is 0-3650", c.Code)
		}
	}
	return d, probs
}

// SyncDefinitions writes the file's certifications (by code) and their
// requirements; a certification no longer in the file is deactivated,
// never deleted (its certificates stand). Certificates already issued keep
// what they printed.
func SyncDefinitions(ctx context.Context, tx *sqlx.Tx, d Definitions) ([]string, error) {
	var lines []string
	codes := []string{}
	for _, c := range d.Certifications {
		codes = append(codes, c.Code)
		var validity *int
		if c.ValidityMonths > 0 {
			validity = &c.ValidityMonths
		}
		window := 60
		if c.RenewWindowDays != nil {
			window = *c.RenewWindowDays
		}
		renew := c.RenewRequires
		if renew == "" {
			renew = "quizzes"
		}
		var target *string
		if c.Target != "" {
			target = &c.Target
		}
		hash := fmt.Sprintf("%s %+v %+v", d.hash, d.Issuer, c)
		var r struct {
			ID      int64 `db:"id"`
			Changed bool  `db:"changed"`
		}
		err := tx.GetContext(ctx, &r, `
			INSERT INTO certifications AS z (code, name_vi, name_en, authority, issuer, issuer_en, place, signer_title, signer_name,
			    serial_prefix, requirement_mode, validity_months, renew_window_days, renew_requires, target, source, content_hash)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 'files', $16)
			ON CONFLICT (code) DO UPDATE SET name_vi = EXCLUDED.name_vi, name_en = EXCLUDED.name_en,
			    authority = EXCLUDED.authority, issuer = EXCLUDED.issuer, issuer_en = EXCLUDED.issuer_en, place = EXCLUDED.place,
			    signer_title = EXCLUDED.signer_title,
			    signer_name = CASE WHEN EXCLUDED.signer_name = '' THEN z.signer_name ELSE EXCLUDED.signer_name END,
			    serial_prefix = EXCLUDED.serial_prefix, requirement_mode = EXCLUDED.requirement_mode,
			    validity_months = EXCLUDED.validity_months, renew_window_days = EXCLUDED.renew_window_days,
			    renew_requires = EXCLUDED.renew_requires, target = EXCLUDED.target, source = 'files', active = true,
			    content_hash = EXCLUDED.content_hash, version = z.version + 1, updated_at = now()
			WHERE z.content_hash <> EXCLUDED.content_hash OR NOT z.active
			RETURNING id, true AS changed`,
			c.Code, c.Name.VI, c.Name.EN, d.Issuer.Authority, d.Issuer.Name, d.Issuer.NameEN, d.Issuer.Place,
			d.Issuer.SignerTitle, d.Issuer.SignerName, c.SerialPrefix, c.Requires, validity, window, renew, target, hash)
		if errors.Is(err, errNoRows) {
			continue // unchanged
		}
		if err != nil {
			return lines, err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM certification_requirements WHERE certification_id = $1`, r.ID); err != nil {
			return lines, err
		}
		pos := 0
		for _, slug := range c.Courses {
			pos++
			if _, err := tx.ExecContext(ctx, `INSERT INTO certification_requirements (certification_id, position, course_id)
				SELECT $1, $2, id FROM courses WHERE slug = $3`, r.ID, pos, slug); err != nil {
				return lines, err
			}
		}
		for _, q := range c.Quizzes {
			pos++
			var min *float64
			if q.Min > 0 {
				min = &q.Min
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO certification_requirements (certification_id, position, quiz_id, min_percent)
				SELECT $1, $2, q.id, $3 FROM quizzes q JOIN courses c ON c.id = q.course_id WHERE c.slug = $4 AND q.slug = $5`,
				r.ID, pos, min, q.Course, q.Quiz); err != nil {
				return lines, err
			}
		}
		lines = append(lines, "certification "+c.Code+": written")
	}
	res, err := tx.ExecContext(ctx, `UPDATE certifications SET active = false, updated_at = now()
		WHERE source = 'files' AND active AND NOT (code = ANY($1))`, pq.Array(codes))
	if err != nil {
		return lines, err
	}
	if n, _ := res.RowsAffected(); n > 0 {
		lines = append(lines, fmt.Sprintf("%d certifications no longer in the files: deactivated", n))
	}
	return lines, nil
}
