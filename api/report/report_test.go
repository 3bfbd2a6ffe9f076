package report_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/govtrain/lms/api/apitest"
	"github.com/govtrain/lms/api/report"
)

type run struct {
	ID       int64  `json:"id"`
	Period   string `json:"period"`
	AgencyID *int64 `json:"agency_id"`
	Status   string `json:"status"`
	Step     int    `json:"step"`
	Steps    int    `json:"steps"`
	Data     *report.Data
}

func create(t *testing.T, a *apitest.API, as string, body map[string]any) run {
	t.Helper()
	res := a.Do(apitest.Request{Method: "POST", Path: "/api/v1/reports", As: as, Body: body})
	if res.Code != http.StatusAccepted {
		t.Fatalf("POST /reports %v as %s: %d %s", body, as, res.Code, res.Body)
	}
	var r run
	res.JSON(&r)
	return r
}

func work(t *testing.T, a *apitest.API) {
	t.Helper()
	did, err := a.Server.Reports.Work(context.Background())
	if err != nil || !did {
		t.Fatalf("Work: %v %v", did, err)
	}
}

func get(t *testing.T, a *apitest.API, id int64, as string) run {
	t.Helper()
	res := a.Get(fmt.Sprintf("/api/v1/reports/%d", id), as)
	if res.Code != http.StatusOK {
		t.Fatalf("GET report %d: %d %s", id, res.Code, res.Body)
	}
	var r run
	res.JSON(&r)
	return r
}

func file(t *testing.T, a *apitest.API, id int64, format, as string) []byte {
	t.Helper()
	res := a.Get(fmt.Sprintf("/api/v1/reports/%d/files/%s", id, format), as)
	if res.Code != http.StatusOK {
		t.Fatalf("GET report %d %s: %d %s", id, format, res.Code, res.Body)
	}
	if cd := res.Header().Get("Content-Disposition"); !strings.Contains(cd, "attachment") || !strings.Contains(cd, "."+format) {
		t.Errorf("Content-Disposition %q", cd)
	}
	return res.Body.Bytes()
}

func figure(d *report.Data, code string) (int, int) {
	for _, v := range d.Targets {
		if v.Code == code {
			return v.Numerator, v.Denominator
		}
	}
	return -1, -1
}

// TestReportRun: Home Affairs asks for the 2009-H2 report with nothing but
// the period; the job computes the figures the dashboard shows for
// 31/12/2009 and the previous period's, and writes the three files.
func TestReportRun(t *testing.T) {
	a := apitest.New(t)
	var snv, person int64
	a.DB.Get(&snv, `SELECT id FROM agencies WHERE code = 'SNV'`)
	a.DB.Get(&person, `SELECT id FROM people WHERE agency_id = $1 ORDER BY id LIMIT 1`, snv)
	a.DB.MustExec(`INSERT INTO positions (person_id, agency_id, role, valid_from, decision_no)
		VALUES ($1, $2, 'it_officer', '2009-08-01', '12/QĐ-SNV')`, person, snv)

	r := create(t, a, "noivu", map[string]any{"period": "2009-H2", "signer_name": "Nguyễn Văn Bình"})
	if r.Status != "queued" || r.Steps == 0 || r.AgencyID != nil {
		t.Fatalf("new run: %+v", r)
	}
	if res := a.Get(fmt.Sprintf("/api/v1/reports/%d/files/pdf", r.ID), "noivu"); res.Code != http.StatusConflict || res.ErrorCode() != "not_ready" {
		t.Errorf("file of a queued run: %d %s", res.Code, res.Body)
	}
	work(t, a)
	got := get(t, a, r.ID, "noivu")
	if got.Status != "done" || got.Step != got.Steps || got.Data == nil {
		t.Fatalf("finished run: %+v", got)
	}
	d := got.Data
	if d.AsOf != "2009-12-31" || d.Previous.End != "2009-06-30" || d.Previous.Code != "2009-H1" || d.Scope.Code != "HT" {
		t.Errorf("period: %+v %+v %+v", d.AsOf, d.Previous, d.Scope)
	}
	if n, _ := figure(d, "IT-OFFICER"); n != 1 {
		t.Errorf("IT-OFFICER numerator %d, want 1", n)
	}
	if len(d.PrevTargets) != len(d.Targets) || d.PrevTargets[0].Numerator != 0 {
		t.Errorf("previous period: %+v", d.PrevTargets)
	}
	// The same figures as the dashboard on that day.
	var dash struct {
		Items []struct {
			Code        string `json:"code"`
			Numerator   int    `json:"numerator"`
			Denominator int    `json:"denominator"`
		} `json:"items"`
	}
	a.Get("/api/v1/targets?as_of=2009-12-31", "noivu").JSON(&dash)
	for _, v := range dash.Items {
		if n, den := figure(d, v.Code); n != v.Numerator || den != v.Denominator {
			t.Errorf("%s: report %d/%d, dashboard %d/%d", v.Code, n, den, v.Numerator, v.Denominator)
		}
	}
	if len(d.Agencies) == 0 {
		t.Fatal("no agencies in the report")
	}

	x, err := excelize.OpenReader(bytes.NewReader(file(t, a, r.ID, "xlsx", "noivu")))
	if err != nil {
		t.Fatal(err)
	}
	sheets := x.GetSheetList()
	if len(sheets) != len(d.Targets)+1 || sheets[0] != "Tổng hợp" || sheets[1] != d.Targets[0].Code {
		t.Errorf("sheets %v", sheets)
	}
	if v, _ := x.GetCellValue("Tổng hợp", "A1"); !strings.Contains(v, "6 THÁNG CUỐI NĂM 2009") {
		t.Errorf("summary title %q", v)
	}
	rows, _ := x.GetRows("IT-OFFICER")
	if len(rows) != 4+len(d.Agencies)+1 {
		t.Errorf("IT-OFFICER sheet has %d rows, want %d", len(rows), 4+len(d.Agencies)+1)
	}
	if last := rows[len(rows)-1]; last[4] != "1" {
		t.Errorf("IT-OFFICER total row %v", last)
	}

	body := file(t, a, r.ID, "csv", "noivu")
	if !bytes.HasPrefix(body, []byte{0xEF, 0xBB, 0xBF}) {
		t.Error("CSV without BOM")
	}
	recs, err := csv.NewReader(bytes.NewReader(body[3:])).ReadAll()
	if err != nil || len(recs) != 1+len(d.Targets)*(1+len(d.Agencies)) {
		t.Errorf("CSV: %d records, want %d (%v)", len(recs), 1+len(d.Targets)*(1+len(d.Agencies)), err)
	}

	pdf := file(t, a, r.ID, "pdf", "noivu")
	if out := os.Getenv("REPORT_PDF_OUT"); out != "" { // to look at
		os.WriteFile(out, pdf, 0o644)
	}
	text := pdftotext(t, pdf)
	for _, w := range []string{"UBND TỈNH HÀ TĨNH", "SỞ NỘI VỤ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "/BC-SNV", "BÁO CÁO",
		"6 tháng cuối năm 2009", "31/12/2009", "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU", "II. KẾT QUẢ THEO NGÀNH, ĐỊA PHƯƠNG",
		"Nơi nhận:", "GIÁM ĐỐC", "Nguyễn Văn Bình", "Sở Tư pháp"} {
		if !strings.Contains(text, w) {
			t.Errorf("the PDF lacks %q", w)
		}
	}

	// The list; the next run starts from this one's heading and signer.
	var list struct {
		Items []run `json:"items"`
		Total int   `json:"total"`
	}
	a.Get("/api/v1/reports", "noivu").JSON(&list)
	if list.Total != 1 || list.Items[0].ID != r.ID || list.Items[0].Data != nil {
		t.Errorf("list %+v", list)
	}
	var def report.Params
	a.Get("/api/v1/reports/defaults", "noivu").JSON(&def)
	if def.SignerName != "Nguyễn Văn Bình" || def.Issuer != "SỞ NỘI VỤ" || def.Place != "Hà Tĩnh" {
		t.Errorf("defaults after a run: %+v", def)
	}
}

func pdftotext(t *testing.T, pdf []byte) string {
	t.Helper()
	cmd := exec.Command("pdftotext", "-layout", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext (install poppler-utils; make test does): %v", err)
	}
	return string(out)
}

// TestReportFrozen: facts corrected after a run change a new run, never
// the finished one, whose row and files the database refuses to change.
func TestReportFrozen(t *testing.T) {
	a := apitest.New(t)
	first := create(t, a, "noivu", map[string]any{"period": "2010-H1"})
	work(t, a)
	before := get(t, a, first.ID, "noivu")
	xlsx := sha256.Sum256(file(t, a, first.ID, "xlsx", "noivu"))

	var snv, person int64
	a.DB.Get(&snv, `SELECT id FROM agencies WHERE code = 'SNV'`)
	a.DB.Get(&person, `SELECT id FROM people WHERE agency_id = $1 ORDER BY id LIMIT 1`, snv)
	a.DB.MustExec(`INSERT INTO positions (person_id, agency_id, role, valid_from, decision_no)
		VALUES ($1, $2, 'it_officer', '2009-01-01', '1/QĐ-SNV')`, person, snv) // entered late, back-dated

	second := create(t, a, "noivu", map[string]any{"period": "2010-H1"})
	work(t, a)
	after := get(t, a, second.ID, "noivu")
	if n, _ := figure(after.Data, "IT-OFFICER"); n != 1 {
		t.Errorf("the new run counts %d IT officers, want 1", n)
	}
	again := get(t, a, first.ID, "noivu")
	if n, _ := figure(again.Data, "IT-OFFICER"); n != 0 || again.Data.Created != before.Data.Created {
		t.Errorf("the frozen run changed: %d IT officers", n)
	}
	if sha256.Sum256(file(t, a, first.ID, "xlsx", "noivu")) != xlsx {
		t.Error("the frozen run's workbook changed")
	}
	for _, q := range []string{`UPDATE report_runs SET data = '{}' WHERE id = $1`, `DELETE FROM report_runs WHERE id = $1`,
		`UPDATE report_files SET content = '' WHERE run_id = $1`, `DELETE FROM report_files WHERE run_id = $1`} {
		if _, err := a.DB.Exec(q, first.ID); err == nil || !strings.Contains(err.Error(), "frozen") {
			t.Errorf("%s: %v, want refused as frozen", q, err)
		}
	}
}

// TestReportInput: the period must be a half year that has ended (or an
// as-of day inside it, not in the future); the fields are bounded.
func TestReportInput(t *testing.T) {
	a := apitest.New(t)
	for _, c := range []struct {
		body  map[string]any
		field string
		code  string
	}{
		{map[string]any{"period": "2009-H3"}, "period", "invalid"},
		{map[string]any{"period": ""}, "period", "invalid"},
		{map[string]any{"period": "2999-H1"}, "period", "invalid"},
		{map[string]any{"period": "2099-H1"}, "period", "not_ended"},
		{map[string]any{"period": "2009-H2", "as_of": "2009-06-30"}, "as_of", "outside_period"},
		{map[string]any{"period": "2009-H2", "as_of": "31/12/2009"}, "as_of", "outside_period"},
		{map[string]any{"period": "2009-H2", "signer_name": strings.Repeat("a", 201)}, "signer_name", "too_long"},
		{map[string]any{"period": "2009-H2", "recipients": make([]string, 21)}, "recipients", "too_many"},
	} {
		res := a.Do(apitest.Request{Method: "POST", Path: "/api/v1/reports", As: "noivu", Body: c.body})
		var e struct {
			Error struct {
				Details struct {
					Fields map[string]string `json:"fields"`
				} `json:"details"`
			} `json:"error"`
		}
		res.JSON(&e)
		if res.Code != http.StatusBadRequest || e.Error.Details.Fields[c.field] != c.code {
			t.Errorf("%v: %d %s, want 400 with %s=%s", c.body, res.Code, res.Body, c.field, c.code)
		}
	}
	if res := a.Do(apitest.Request{Method: "POST", Path: "/api/v1/reports", As: "noivu", Body: []byte(`{"period": 2009}`), ContentType: "application/json"}); res.Code != http.StatusBadRequest {
		t.Errorf("malformed body: %d", res.Code)
	}
	var n int
	a.DB.Get(&n, `SELECT count(*) FROM report_runs`)
	if n != 0 {
		t.Errorf("%d runs stored from refused requests", n)
	}
	if res := a.Get("/api/v1/reports/1/files/docx", "noivu"); res.Code != http.StatusNotFound {
		t.Errorf("unknown format: %d", res.Code)
	}
}

// TestReportScope: an agency manager's runs cover their agency only, and
// they see neither the province's runs nor other agencies'.
func TestReportScope(t *testing.T) {
	a := apitest.New(t)
	var own, other int64
	a.DB.Get(&own, `SELECT agency_id FROM users WHERE username = 'quanly'`)
	a.DB.Get(&other, `SELECT id FROM agencies WHERE code = 'SNV'`)
	province := create(t, a, "noivu", map[string]any{"period": "2009-H2"})
	mine := create(t, a, "quanly", map[string]any{"period": "2009-H2"})
	if mine.AgencyID == nil || *mine.AgencyID != own {
		t.Fatalf("manager's run covers %v, want their agency %d", mine.AgencyID, own)
	}
	work(t, a)
	work(t, a)
	if res := a.Do(apitest.Request{Method: "POST", Path: "/api/v1/reports", As: "quanly",
		Body: map[string]any{"period": "2009-H2", "agency_id": other}}); res.Code != http.StatusNotFound {
		t.Errorf("manager asking for another agency: %d", res.Code)
	}
	for _, path := range []string{fmt.Sprintf("/api/v1/reports/%d", province.ID), fmt.Sprintf("/api/v1/reports/%d/files/xlsx", province.ID)} {
		if res := a.Get(path, "quanly"); res.Code != http.StatusNotFound {
			t.Errorf("manager GET %s: %d", path, res.Code)
		}
	}
	var list struct {
		Items []run `json:"items"`
	}
	a.Get("/api/v1/reports", "quanly").JSON(&list)
	if len(list.Items) != 1 || list.Items[0].ID != mine.ID {
		t.Errorf("manager's list: %+v", list.Items)
	}
	d := get(t, a, mine.ID, "quanly").Data
	for _, r := range d.Agencies {
		var under bool
		a.DB.Get(&under, `SELECT EXISTS (SELECT 1 FROM agency_closure WHERE (ancestor_id = $1 AND descendant_id = $2) OR (ancestor_id = $2 AND descendant_id = $1))`, own, r.AgencyID)
		if !under {
			t.Errorf("the manager's report has agency %s", r.Name)
		}
	}
	text := pdftotext(t, file(t, a, mine.ID, "pdf", "quanly"))
	if !strings.Contains(text, "UBND") || strings.Contains(text, "Sở Tư pháp") {
		t.Errorf("manager's PDF:\n%s", text)
	}
	// Home Affairs sees both.
	a.Get("/api/v1/reports", "noivu").JSON(&list)
	if len(list.Items) != 2 {
		t.Errorf("Home Affairs sees %d runs, want 2", len(list.Items))
	}
}

// TestReportWorkers: runs are made once however many workers (processes)
// look for them; a run whose worker died is taken over.
func TestReportWorkers(t *testing.T) {
	a := apitest.New(t)
	for range 3 {
		create(t, a, "noivu", map[string]any{"period": "2009-H1"})
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	made := 0
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				did, err := a.Server.Reports.Work(context.Background())
				if err != nil {
					t.Error(err)
				}
				if !did {
					return
				}
				mu.Lock()
				made++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	var files int
	a.DB.Get(&files, `SELECT count(*) FROM report_files`)
	if made != 3 || files != 9 {
		t.Errorf("made %d runs and %d files, want 3 and 9", made, files)
	}
	// A worker that died mid-run: the run is taken over once it is stale.
	stuck := create(t, a, "noivu", map[string]any{"period": "2008-H2"})
	a.DB.MustExec(`UPDATE report_runs SET status = 'running', started_at = now() - interval '10 minutes',
		heartbeat_at = now() - interval '10 minutes' WHERE id = $1`, stuck.ID)
	work(t, a)
	if got := get(t, a, stuck.ID, "noivu"); got.Status != "done" {
		t.Errorf("stale run: %s", got.Status)
	}
	if did, _ := a.Server.Reports.Work(context.Background()); did {
		t.Error("Work found a run with nothing pending")
	}
}
