package report

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strconv"
	"strings"

	"github.com/govtrain/lms/api/auth"
	"github.com/govtrain/lms/api/target"
)

// Defaults is what a new run for agency (0: the province) starts from: the
// heading, number, signer and recipients of the last run of the same scope,
// or else words made from the agency tree: the issuer is the agency (for the
// province, the asker's own agency, normally the Department of Home
// Affairs), the authority the body above it, the place the province's name.
func (s *Service) Defaults(ctx context.Context, p auth.Principal, agency int64) (Params, error) {
	scope, err := target.Scope(ctx, s.db, p, agency)
	if err != nil {
		return Params{}, err
	}
	out := Params{AgencyID: nullable(scope), Period: lastEnded()}
	issuer := scope
	if issuer == 0 && p.AgencyID != nil {
		issuer = *p.AgencyID
	}
	var a struct {
		Code        string         `db:"code"`
		Name        string         `db:"name"`
		Level       string         `db:"level"`
		ParentName  sql.NullString `db:"parent_name"`
		ParentLevel sql.NullString `db:"parent_level"`
		Province    string         `db:"province"`
	}
	err = s.db.GetContext(ctx, &a, `SELECT a.code, a.name, a.level, pa.name AS parent_name, pa.level AS parent_level,
		(SELECT r.name FROM agencies r WHERE r.parent_id IS NULL ORDER BY r.id LIMIT 1) AS province
		FROM agencies a LEFT JOIN agencies pa ON pa.id = a.parent_id
		WHERE a.id = coalesce(nullif($1, 0), (SELECT r.id FROM agencies r WHERE r.parent_id IS NULL ORDER BY r.id LIMIT 1))`, issuer)
	if errors.Is(err, sql.ErrNoRows) {
		return s.fromLastRun(ctx, out) // no agencies yet
	}
	if err != nil {
		return Params{}, err
	}
	out.Issuer = body(a.Name, a.Level)
	if a.ParentName.Valid {
		out.Authority = body(a.ParentName.String, a.ParentLevel.String)
	}
	out.Number = "/BC-" + strings.ToUpper(a.Code)
	out.Place = strings.TrimSpace(strings.TrimPrefix(a.Province, "Tỉnh "))
	out.SignerTitle = "GIÁM ĐỐC"
	if a.Level != "department" {
		out.SignerTitle = "CHỦ TỊCH"
	}
	out.Recipients = []string{"Lưu: VT"}
	if scope == 0 {
		out.Recipients = []string{"UBND tỉnh (để báo cáo)", "Các sở, ban, ngành; UBND các huyện, thành phố, thị xã", "Lưu: VT"}
	}
	return s.fromLastRun(ctx, out)
}

// fromLastRun replaces the heading, number, signer and recipients of out
// with those of the last run of the same scope, where it had them.
func (s *Service) fromLastRun(ctx context.Context, out Params) (Params, error) {
	var raw []byte
	err := s.db.GetContext(ctx, &raw, `SELECT params FROM report_runs WHERE agency_id IS NOT DISTINCT FROM $1 ORDER BY id DESC LIMIT 1`,
		out.AgencyID)
	if errors.Is(err, sql.ErrNoRows) {
		return out, nil
	}
	if err != nil {
		return Params{}, err
	}
	var last Params
	if err := json.Unmarshal(raw, &last); err != nil {
		return Params{}, err
	}
	for _, f := range []struct {
		dst *string
		v   string
	}{{&out.Number, last.Number}, {&out.Authority, last.Authority},
		{&out.Issuer, last.Issuer}, {&out.Place, last.Place}, {&out.SignerTitle, last.SignerTitle},
		{&out.SignerName, last.SignerName}, {&out.Basis, last.Basis}} {
		if f.v != "" {
			*f.dst = f.v
		}
	}
	if last.Recipients != nil {
		out.Recipients = last.Recipients
	}
	return out, nil
}

// body is how a heading names an agency: a province, district or commune by
// its People's Committee ("UBND TỈNH HÀ TĨNH"), others by their name, in
// capitals.
func body(name, level string) string {
	switch level {
	case "province", "district", "commune":
		return "UBND " + strings.ToUpper(name)
	}
	return strings.ToUpper(name)
}

// lastEnded is the code of the last half year that has ended.
func lastEnded() string {
	d := today()
	if d.Month() >= 7 {
		return strconv.Itoa(d.Year()) + "-H1"
	}
	return strconv.Itoa(d.Year()-1) + "-H2"
}
