package qformat

import (
	"bytes"
	"fmt"
	"io"
	"log/slog"
	"strconv"

	"github.com/govtrain/lms/api/platform/spreadsheet"
	"github.com/xuri/excelize/v2"
)

// Where the template's header is looked for.
const (
	maxSheets    = 20 // sheets looked at to find the template's header
	headerSearch = 10 // non-blank rows looked at per sheet
)

var zipMagic = []byte("PK\x03\x04")

// ParseXLSX reads questions from the first sheet of an .xlsx workbook whose
// opening rows hold the template's header (see Columns); problems are
// reported at their row (the header is row 1 when it is the first row).
// Cells are read as stored: a formula cell gives the value Excel cached
// when it saved the file; nothing is ever evaluated. A workbook that would
// unpack to more than 64 MiB, has too many parts or is compressed like a
// zip bomb is refused before it is unpacked.
func ParseXLSX(data []byte, lim Limits) (qs []Question, probs []Problem) {
	lim = lim.withDefaults()
	if int64(len(data)) > lim.MaxBytes {
		return nil, []Problem{tooLarge(lim.MaxBytes)}
	}
	if !bytes.HasPrefix(data, zipMagic) {
		return nil, []Problem{{0, "the file is not an .xlsx workbook (Excel 97-2003 .xls is not supported: save it as .xlsx)"}}
	}
	f, err := spreadsheet.OpenXLSX(data)
	if err != nil {
		return nil, []Problem{{0, err.Error()}}
	}
	defer f.Close()
	// excelize is a large parser fed hostile bytes: a panic in it is a bad
	// file, not a crashed request.
	defer func() {
		if p := recover(); p != nil {
			onXLSXPanic(p)
			qs, probs = nil, []Problem{{0, "the workbook could not be read; open it in Excel and save it again"}}
		}
	}()
	found := ""
	for _, name := range f.GetSheetList()[:min(len(f.GetSheetList()), maxSheets)] {
		header, seen := false, 0
		err := eachRow(f, name, func(_ int, cells []string) bool {
			if blankRow(cells) {
				return true
			}
			seen++
			header = isHeader(cells)
			return !header && seen < headerSearch
		})
		if err != nil {
			return nil, []Problem{{0, err.Error()}}
		}
		if header {
			found = name
			break
		}
	}
	if found == "" {
		return nil, []Problem{{1, "no sheet starts with the template's header (columns loai, cau_hoi, ...); download the template and fill it in"}}
	}
	t := &sheet{lim: lim}
	if err := eachRow(f, found, t.add); err != nil {
		t.probs = append(t.probs, Problem{0, err.Error()})
	}
	return t.qs, t.probs
}

// eachRow calls fn with every row of a sheet and its number, blank rows
// included, until fn says stop.
func eachRow(f *excelize.File, sheet string, fn func(num int, cells []string) bool) error {
	rows, err := f.Rows(sheet)
	if err != nil {
		return fmt.Errorf("the sheet %q could not be read", sheet)
	}
	defer rows.Close()
	for num := 1; rows.Next(); num++ {
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return fmt.Errorf("row %d of the sheet %q could not be read", num, sheet)
		}
		if !fn(num, cells) {
			return nil
		}
	}
	if rows.Error() != nil {
		return fmt.Errorf("the sheet %q could not be read", sheet)
	}
	return nil
}

// onXLSXPanic reports a panic of the XLSX reader (tests fail on it).
var onXLSXPanic = func(p any) { slog.Warn("xlsx reader panicked", "panic", p) }

// Sheet names of the exported workbook.
const (
	SheetQuestions = "Câu hỏi"
	SheetGuide     = "Hướng dẫn"
)

// WriteXLSXTemplate writes the empty template: the header row on the sheet
// "Câu hỏi", a list of types to pick in column loai, and the sheet
// "Hướng dẫn" explaining every column with examples.
func WriteXLSXTemplate(w io.Writer) error { return WriteXLSX(w, nil) }

// WriteXLSX writes qs as the template's workbook (see WriteCSV for what it
// leaves out). Text cells are strings, never formulas, and text that a
// spreadsheet would read as a formula if retyped or saved as CSV starts
// with '.
func WriteXLSX(w io.Writer, qs []Question) error {
	rows := make([][]string, len(qs))
	for i := range qs {
		row, err := questionRow(&qs[i])
		if err != nil {
			return err
		}
		rows[i] = row
	}
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", SheetQuestions); err != nil {
		return err
	}
	if err := writeQuestionSheet(f, rows); err != nil {
		return err
	}
	if err := writeGuideSheet(f); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	return f.Write(w)
}

func writeQuestionSheet(f *excelize.File, rows [][]string) error {
	s := SheetQuestions
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}})
	if err != nil {
		return err
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	last, _ := excelize.ColumnNumberToName(len(Columns))
	for i, c := range Columns {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		if err := f.SetCellStr(s, cell, c); err != nil {
			return err
		}
	}
	for r, row := range rows {
		for i, v := range row {
			if v == "" {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(i+1, r+2)
			var err error
			if x, ok := parseFloat(v); ok && isMarkColumn(Columns[i]) {
				err = f.SetCellFloat(s, cell, x, -1, 64)
			} else {
				err = f.SetCellStr(s, cell, v)
			}
			if err != nil {
				return err
			}
		}
	}
	if err := f.SetCellStyle(s, "A1", last+"1", bold); err != nil {
		return err
	}
	if len(rows) > 0 {
		if err := f.SetCellStyle(s, "A2", last+strconv.Itoa(len(rows)+1), wrap); err != nil {
			return err
		}
	}
	for i, c := range Columns {
		name, _ := excelize.ColumnNumberToName(i + 1)
		width := 14.0
		switch {
		case c == colText || c == colGeneral:
			width = 50
		case c == colName || c == colCategory:
			width = 20
		case len(c) > 6 && c[:6] == "dap_an", len(c) > 8 && c[:8] == "phan_hoi":
			width = 28
		case isMarkColumn(c):
			width = 8
		}
		if err := f.SetColWidth(s, name, name, width); err != nil {
			return err
		}
	}
	if err := f.SetPanes(s, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	dv := excelize.NewDataValidation(true)
	dv.Sqref = "A2:A" + strconv.Itoa(DefaultMaxQuestions+1)
	var codes []string
	for _, tt := range tableTypes {
		codes = append(codes, tt.code)
	}
	if err := dv.SetDropList(codes); err != nil {
		return err
	}
	return f.AddDataValidation(s, dv)
}

func isMarkColumn(c string) bool { return len(c) > 5 && c[:5] == "diem_" }
