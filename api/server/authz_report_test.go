package server_test

import (
	"fmt"
	"testing"

	"github.com/govtrain/lms/api/apitest"
)

// reportRoutes are the matrix rows of the six-monthly report: a finished
// run of the province and one of the manager's agency, each with a file.
func reportRoutes(t *testing.T, a *apitest.API, o objects) []route {
	t.Helper()
	const data = `{"period": "2009-H2", "as_of": "2009-12-31", "previous": {"code": "2009-H1", "end": "2009-06-30"},
		"scope": {"id": 0, "code": "HT", "name": "Tỉnh Hà Tĩnh"}, "targets": [], "previous_targets": [], "agencies": [],
		"created": "2026-01-02T03:04:05Z"}`
	run := func(agency any) int64 {
		var id int64
		if err := a.DB.Get(&id, `INSERT INTO report_runs (period, as_of, agency_id, params, status, steps, step, data, finished_at)
			VALUES ('2009-H2', '2009-12-31', $1, '{"period": "2009-H2"}', 'done', 7, 7, $2, now()) RETURNING id`, agency, data); err != nil {
			t.Fatal(err)
		}
		a.DB.MustExec(`INSERT INTO report_files (run_id, format, content, sha256) VALUES ($1, 'csv', 'a,b', 'x')`, id)
		return id
	}
	province, own := run(nil), run(o.sameAgency)
	p := func(format string, args ...any) string { return "/api/v1" + fmt.Sprintf(format, args...) }
	return []route{
		{"GET", p("/reports"), nil, managersOnly},
		{"POST", p("/reports"), func(string) any { return map[string]any{"period": "2009-H2"} }, want{403, 403, 202, 202, 202}},
		{"GET", p("/reports/defaults"), nil, managersOnly},
		{"GET", p("/reports/%d", own), nil, managersOnly},
		{"GET", p("/reports/%d", province), nil, want{403, 403, 404, 200, 200}},
		{"GET", p("/reports/%d/files/csv", own), nil, managersOnly},
		{"GET", p("/reports/%d/files/csv", province), nil, want{403, 403, 404, 200, 200}},
	}
}
