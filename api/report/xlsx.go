package report

import (
	"bytes"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/govtrain/lms/api/platform/spreadsheet"
	"github.com/govtrain/lms/api/target"
)

// XLSX writes d as a workbook: a summary sheet "Tổng hợp" with every
// target, then a sheet per target (named by its code) with every department
// and district. Figures are numbers, percentages with one decimal; cells
// that meet the target are green, the others red.
func XLSX(d Data, p Params) ([]byte, error) {
	x := excelize.NewFile()
	defer x.Close()
	st, err := newStyles(x)
	if err != nil {
		return nil, err
	}
	w := &sheetWriter{x: x, st: st}
	if err := w.summary(d, p); err != nil {
		return nil, err
	}
	for _, t := range d.Targets {
		if err := w.target(d, t); err != nil {
			return nil, err
		}
	}
	x.SetActiveSheet(0)
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

type styles struct{ title, note, header, text, num, pct, good, bad int }

func newStyles(x *excelize.File) (styles, error) {
	var s styles
	border := []excelize.Border{{Type: "left", Color: "999999", Style: 1}, {Type: "right", Color: "999999", Style: 1},
		{Type: "top", Color: "999999", Style: 1}, {Type: "bottom", Color: "999999", Style: 1}}
	one := "0.0"
	fill := func(c string) excelize.Fill { return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c}} }
	for _, v := range []struct {
		dst *int
		s   *excelize.Style
	}{
		{&s.title, &excelize.Style{Font: &excelize.Font{Bold: true, Size: 13}}},
		{&s.note, &excelize.Style{Font: &excelize.Font{Italic: true}}},
		{&s.header, &excelize.Style{Font: &excelize.Font{Bold: true}, Fill: fill("DDEBF7"), Border: border,
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&s.text, &excelize.Style{Border: border, NumFmt: 49, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
		{&s.num, &excelize.Style{Border: border, NumFmt: 3}},
		{&s.pct, &excelize.Style{Border: border, CustomNumFmt: &one}},
		{&s.good, &excelize.Style{Border: border, CustomNumFmt: &one, Fill: fill("E2F0D9")}},
		{&s.bad, &excelize.Style{Border: border, CustomNumFmt: &one, Fill: fill("FBE2E0")}},
	} {
		id, err := x.NewStyle(v.s)
		if err != nil {
			return s, err
		}
		*v.dst = id
	}
	return s, nil
}

type sheetWriter struct {
	x  *excelize.File
	st styles
}

// row writes cells from column A of row n: strings as defused text,
// ints as numbers, *float64 as percentages (empty when nil), each
// cell with style (0: by type).
func (w *sheetWriter) row(sheet string, n int, cells []any, style ...int) error {
	for i, c := range cells {
		ref, err := excelize.CoordinatesToCellName(i+1, n)
		if err != nil {
			return err
		}
		s := w.st.text
		switch v := c.(type) {
		case string:
			err = w.x.SetCellStr(sheet, ref, spreadsheet.SafeText(v))
		case int:
			s = w.st.num
			err = w.x.SetCellInt(sheet, ref, int64(v))
		case *float64:
			s = w.st.pct
			if v != nil {
				err = w.x.SetCellFloat(sheet, ref, *v, 2, 64)
			}
		case float64:
			s = w.st.pct
			err = w.x.SetCellFloat(sheet, ref, v, 2, 64)
		}
		if err != nil {
			return err
		}
		if i < len(style) && style[i] != 0 {
			s = style[i]
		}
		if err := w.x.SetCellStyle(sheet, ref, ref, s); err != nil {
			return err
		}
	}
	return nil
}

// heading writes a title in A1 (merged to last) and a note under it, and the
// column headers in row 4 with the widths.
func (w *sheetWriter) heading(sheet, title, note string, cols []spreadsheet.Column) error {
	last, _ := excelize.CoordinatesToCellName(len(cols), 1)
	if err := w.x.MergeCell(sheet, "A1", last); err != nil {
		return err
	}
	w.x.SetCellStr(sheet, "A1", title)
	w.x.SetCellStyle(sheet, "A1", "A1", w.st.title)
	w.x.SetRowHeight(sheet, 1, 36)
	w.x.SetCellStyle(sheet, "A1", last, w.st.title)
	w.x.SetCellStr(sheet, "A2", note)
	w.x.SetCellStyle(sheet, "A2", "A2", w.st.note)
	for i, c := range cols {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := w.x.SetColWidth(sheet, col, col, c.Width); err != nil {
			return err
		}
		ref, _ := excelize.CoordinatesToCellName(i+1, 4)
		w.x.SetCellStr(sheet, ref, c.Header)
		w.x.SetCellStyle(sheet, ref, ref, w.st.header)
	}
	w.x.SetRowHeight(sheet, 4, 32)
	return w.x.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 4, TopLeftCell: "A5", ActivePane: "bottomLeft"})
}

func (w *sheetWriter) summary(d Data, p Params) error {
	const sheet = "Tổng hợp"
	if err := w.x.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	w.x.SetCellStyle(sheet, "A1", "A1", w.st.title)
	note := "Phạm vi: " + d.Scope.Name + ". Số liệu tính đến ngày " + vnDate(d.AsOf) +
		"; kỳ trước: " + vnDate(d.Previous.End) + ". " + p.Issuer + "."
	err := w.heading(sheet, upperTitle(d), note, []spreadsheet.Column{
		{Header: "STT", Width: 5}, {Header: "Mã", Width: 15}, {Header: "Chỉ tiêu", Width: 60}, {Header: "Mục của quyết định", Width: 12},
		{Header: "Yêu cầu", Width: 10}, {Header: "Thời hạn", Width: 11}, {Header: "Kỳ trước (%)", Width: 11},
		{Header: "Số đạt", Width: 9}, {Header: "Tổng số", Width: 9}, {Header: "Kỳ này (%)", Width: 11},
		{Header: "Tăng, giảm (điểm %)", Width: 12}, {Header: "Đánh giá", Width: 20}})
	if err != nil {
		return err
	}
	for i, t := range d.Targets {
		var prev *float64
		if pv := previousOf(d, t.Code); pv != nil {
			prev = pv.Percent
		}
		var delta any = ""
		if t.Percent != nil && prev != nil {
			delta = round1(*t.Percent - *prev)
		}
		if err := w.row(sheet, 5+i, []any{i + 1, t.Code, t.TextVI, t.Section, requirement(t.Target), vnDate(t.Deadline.Format(time.DateOnly)),
			prev, t.Numerator, t.Denominator, t.Percent, delta, statusWords[t.Status]},
			0, 0, 0, 0, 0, 0, 0, 0, 0, w.mark(t.Percent, t.Met)); err != nil {
			return err
		}
	}
	return nil
}

func (w *sheetWriter) mark(p *float64, met bool) int {
	switch {
	case p == nil:
		return w.st.pct
	case met:
		return w.st.good
	}
	return w.st.bad
}

func (w *sheetWriter) target(d Data, t target.Value) error {
	sheet := t.Code
	if _, err := w.x.NewSheet(sheet); err != nil {
		return err
	}
	note := "Yêu cầu " + requirement(t.Target) + ", thời hạn " + vnDate(t.Deadline.Format(time.DateOnly)) +
		". Số liệu tính đến ngày " + vnDate(d.AsOf) + ". Toàn bộ phạm vi (" + d.Scope.Name + "): " +
		counts(t.Numerator, t.Denominator) + ", " + percent(t.Percent) + "."
	err := w.heading(sheet, t.TextVI, note, []spreadsheet.Column{{Header: "STT", Width: 5}, {Header: "Mã đơn vị", Width: 12},
		{Header: "Đơn vị", Width: 42}, {Header: "Cấp", Width: 22}, {Header: "Số đạt", Width: 9}, {Header: "Tổng số", Width: 9},
		{Header: "Tỷ lệ (%)", Width: 10}, {Header: "Đạt yêu cầu", Width: 12}})
	if err != nil {
		return err
	}
	n := 5
	for i, a := range d.Agencies {
		v := cellOf(a, t.Code)
		if err := w.row(sheet, n, []any{i + 1, a.Code, a.Name, levelWords[a.Level], v.Numerator, v.Denominator, v.Percent,
			yesNo(v.Denominator > 0, v.Met)}, 0, 0, 0, 0, 0, 0, w.mark(v.Percent, v.Met)); err != nil {
			return err
		}
		n++
	}
	return w.row(sheet, n, []any{"", "", "Cộng (" + d.Scope.Name + ")", "", t.Numerator, t.Denominator, t.Percent,
		yesNo(t.Denominator > 0, t.Met)}, 0, 0, w.st.header, 0, 0, 0, w.mark(t.Percent, t.Met))
}

func yesNo(counted, met bool) string {
	switch {
	case !counted:
		return "–"
	case met:
		return "Đạt"
	}
	return "Chưa đạt"
}

// vnDate is "2009-12-31" as "31/12/2009".
func vnDate(iso string) string {
	t, err := time.Parse(time.DateOnly, iso)
	if err != nil {
		return iso
	}
	return t.Format("02/01/2006")
}
