// Package report makes the six-monthly report on the decision's targets: for
// a period (H1 ends 30/06, H2 ends 31/12) and a scope (the province or an
// agency's subtree) a background job computes every target as of the period's
// last day, the previous period's figures and every department and district
// against every target, and writes an XLSX workbook (a summary sheet and a
// sheet per target), a PDF in the Vietnamese official layout and a CSV. A
// finished run is frozen: its figures and its files never change, even when
// the facts are corrected later; a new run does.
package report

import (
	"fmt"
	"regexp"
	"strconv"
	"time"

	"github.com/govtrain/lms/api/target"
)

// Params is what a run is asked with: the period and scope, and what the
// document's heading and signature say.
type Params struct {
	Period      string   `json:"period"`            // "2009-H2"
	AsOf        string   `json:"as_of,omitempty"`   // a day of the period, default its last day
	AgencyID    *int64   `json:"agency_id"`         // nil: the province
	Number      string   `json:"number"`            // số ký hiệu, e.g. "/BC-SNV" (the number is written in at registration)
	Authority   string   `json:"authority"`         // cơ quan chủ quản: "UBND TỈNH HÀ TĨNH"
	Issuer      string   `json:"issuer"`            // "SỞ NỘI VỤ"
	Place       string   `json:"place"`             // "Hà Tĩnh"
	SignerTitle string   `json:"signer_title"`      // "GIÁM ĐỐC" (lines split by "\n")
	SignerName  string   `json:"signer_name"`       // may stay empty: signed by hand
	Recipients  []string `json:"recipients"`        // nơi nhận
	Basis       string   `json:"basis,omitempty"`   // căn cứ: the decision the targets come from
	Comment     string   `json:"comment,omitempty"` // đánh giá chung, a paragraph in the PDF
}

// Data is a run's frozen figures.
type Data struct {
	Period      string             `json:"period"`
	AsOf        string             `json:"as_of"`
	Previous    Period             `json:"previous"`
	Scope       Scope              `json:"scope"`
	Targets     []target.Value     `json:"targets"`
	PrevTargets []target.Value     `json:"previous_targets"`
	Agencies    []target.AgencyRow `json:"agencies"`
	Created     time.Time          `json:"created"` // when the figures were computed
}

// Scope is the agency a run covers (ID 0: the province).
type Scope struct {
	ID   int64  `db:"id" json:"id"`
	Code string `db:"code" json:"code"`
	Name string `db:"name" json:"name"`
}

// Period is a half year: its code and last day.
type Period struct {
	Code string `json:"code"`
	End  string `json:"end"`
}

var periodCode = regexp.MustCompile(`^(\d{4})-H([12])$`)

// ParsePeriod reads "2009-H1" (1/1 to 30/06) or "2009-H2" (1/7 to 31/12)
// and returns its first and last day.
func ParsePeriod(code string) (time.Time, time.Time, error) {
	m := periodCode.FindStringSubmatch(code)
	if m == nil {
		return time.Time{}, time.Time{}, fmt.Errorf("report: period %q is not YYYY-H1 or YYYY-H2", code)
	}
	y, _ := strconv.Atoi(m[1])
	if y < 2000 || y > 2100 {
		return time.Time{}, time.Time{}, fmt.Errorf("report: period %q is out of range", code)
	}
	if m[2] == "1" {
		return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(y, 6, 30, 0, 0, 0, 0, time.UTC), nil
	}
	return time.Date(y, 7, 1, 0, 0, 0, 0, time.UTC), time.Date(y, 12, 31, 0, 0, 0, 0, time.UTC), nil
}

// PreviousPeriod is the half year before code (a valid period code).
func PreviousPeriod(code string) Period {
	start, _, _ := ParsePeriod(code)
	prev := start.AddDate(0, 0, -1)
	half := "H1"
	if prev.Month() == time.December {
		half = "H2"
	}
	return Period{Code: fmt.Sprintf("%d-%s", prev.Year(), half), End: prev.Format(time.DateOnly)}
}

// PeriodTitle is how a document names the period: "6 tháng đầu năm 2009",
// "6 tháng cuối năm 2009".
func PeriodTitle(code string) string {
	m := periodCode.FindStringSubmatch(code)
	if m == nil {
		return code
	}
	if m[2] == "1" {
		return "6 tháng đầu năm " + m[1]
	}
	return "6 tháng cuối năm " + m[1]
}
