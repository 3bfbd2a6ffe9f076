package report

import (
	"math"
	"strconv"
	"strings"

	"github.com/govtrain/lms/api/target"
)

// The words the documents use: they are official Vietnamese documents, the
// same whatever the language of the screen that asked for them.

var statusWords = map[string]string{
	"met":      "Đạt",
	"missed":   "Không đạt",
	"on_track": "Đã đạt (chưa đến hạn)",
	"at_risk":  "Chưa đạt (còn hạn)",
}

var levelWords = map[string]string{
	"province":   "Tỉnh",
	"department": "Sở, ban, ngành",
	"district":   "Huyện, thị xã, thành phố",
	"commune":    "Xã, phường, thị trấn",
	"unit":       "Đơn vị",
}

// percent is p with a decimal comma and at most one decimal, "53,3%"; "–"
// when nothing is counted.
func percent(p *float64) string {
	if p == nil {
		return "–"
	}
	return decimal(*p) + "%"
}

// decimal is x with a decimal comma and at most one decimal.
func decimal(x float64) string {
	return strings.Replace(strconv.FormatFloat(round1(x), 'f', -1, 64), ".", ",", 1)
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }

// requirement is a target's rule in words: "> 70%", "≥ 100%".
func requirement(t target.Target) string {
	op := "≥ "
	if t.Rule == "gt" {
		op = "> "
	}
	return op + decimal(t.Threshold) + "%"
}

// counts is "16/30".
func counts(num, den int) string { return strconv.Itoa(num) + "/" + strconv.Itoa(den) }

// previousOf finds target code's value in the previous period's figures.
func previousOf(d Data, code string) *target.Value {
	for i := range d.PrevTargets {
		if d.PrevTargets[i].Code == code {
			return &d.PrevTargets[i]
		}
	}
	return nil
}

// change is the difference in percentage points between two values, "+6,7"
// ("" when either has nothing counted).
func change(now, before *float64) string {
	if now == nil || before == nil {
		return ""
	}
	d := round1(*now - *before)
	if d > 0 {
		return "+" + decimal(d)
	}
	return decimal(d)
}

// title is the document's subject line.
func title(d Data) string {
	return "Kết quả thực hiện các chỉ tiêu ứng dụng công nghệ thông tin " + PeriodTitle(d.Period)
}

// cellOf is agency row a's figure for target code (zero when absent).
func cellOf(a target.AgencyRow, code string) target.CellValue {
	for _, v := range a.Values {
		if v.Code == code {
			return v
		}
	}
	return target.CellValue{Code: code}
}

// upperTitle is the document's title on one line, in capitals.
func upperTitle(d Data) string { return "BÁO CÁO " + strings.ToUpper(title(d)) }
