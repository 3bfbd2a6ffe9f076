package report

import (
	"bytes"
	"strconv"

	"github.com/govtrain/lms/api/platform/spreadsheet"
)

// CSV writes d as one flat table: for each target, the scope's total and
// then each department and district; numbers with a decimal point, for
// other programs.
func CSV(d Data) ([]byte, error) {
	var buf bytes.Buffer
	cols := []spreadsheet.Column{{Header: "Kỳ báo cáo"}, {Header: "Ngày số liệu"}, {Header: "Mã chỉ tiêu"}, {Header: "Chỉ tiêu"},
		{Header: "Mã đơn vị"}, {Header: "Đơn vị"}, {Header: "Cấp"}, {Header: "Số đạt"}, {Header: "Tổng số"},
		{Header: "Tỷ lệ (%)"}, {Header: "Đạt yêu cầu"}}
	w, err := spreadsheet.NewCSV(&buf, cols, ',')
	if err != nil {
		return nil, err
	}
	yes := func(b bool) string {
		if b {
			return "Có"
		}
		return "Không"
	}
	pct := func(p *float64) string {
		if p == nil {
			return ""
		}
		return strconv.FormatFloat(*p, 'f', 2, 64)
	}
	for _, t := range d.Targets {
		if err := w.Row([]any{d.Period, d.AsOf, t.Code, t.TextVI, d.Scope.Code, d.Scope.Name, "",
			strconv.Itoa(t.Numerator), strconv.Itoa(t.Denominator), pct(t.Percent), yes(t.Met)}); err != nil {
			return nil, err
		}
		for _, a := range d.Agencies {
			v := cellOf(a, t.Code)
			if err := w.Row([]any{d.Period, d.AsOf, t.Code, t.TextVI, a.Code, a.Name, levelWords[a.Level],
				strconv.Itoa(v.Numerator), strconv.Itoa(v.Denominator), pct(v.Percent), yes(v.Met)}); err != nil {
				return nil, err
			}
		}
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
