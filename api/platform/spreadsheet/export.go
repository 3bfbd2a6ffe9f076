package spreadsheet

import (
	"encoding/csv"
	"io"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// XLSXType is the media type of an XLSX workbook.
const XLSXType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// BOM starts the CSV files written here, so that Excel reads them as UTF-8
// (Vietnamese diacritics).
var BOM = []byte{0xEF, 0xBB, 0xBF}

// formulaStarts are the first characters that make a spreadsheet read a cell
// as a formula. Exported text starting with one gets a leading quote (OWASP,
// "CSV injection"); imports take it off again.
const formulaStarts = "=+-@\t\r"

// Unsafe takes off the quote SafeText put before a cell of s.
func Unsafe(s string) string {
	if len(s) > 1 && s[0] == '\'' && strings.ContainsRune(formulaStarts, rune(s[1])) {
		return s[1:]
	}
	return s
}

// SafeText defuses text a spreadsheet would run as a formula.
func SafeText(s string) string {
	if s != "" && strings.ContainsRune(formulaStarts, rune(s[0])) {
		return "'" + s
	}
	return s
}

// Column is a column of an export.
type Column struct {
	Header string
	Width  float64 // in an XLSX
}

// Exporter writes the rows of an export; a cell is a string (always text,
// defused) or a time.Time (a date: dd/mm/yyyy in an XLSX) or nil.
type Exporter interface {
	Row(cells []any) error
	// Close finishes the file into w (CSV rows already went there).
	Close() error
}

// NewCSV starts a CSV export to w: BOM, CRLF, comma or semicolon.
func NewCSV(w io.Writer, cols []Column, delim rune) (Exporter, error) {
	if _, err := w.Write(BOM); err != nil {
		return nil, err
	}
	cw := csv.NewWriter(w)
	cw.Comma, cw.UseCRLF = delim, true
	head := make([]string, len(cols))
	for i, c := range cols {
		head[i] = c.Header
	}
	if err := cw.Write(head); err != nil {
		return nil, err
	}
	return &csvExport{w: cw, row: make([]string, len(cols))}, nil
}

type csvExport struct {
	w   *csv.Writer
	row []string
}

func (e *csvExport) Row(cells []any) error {
	for i := range e.row {
		e.row[i] = ""
		if i < len(cells) {
			switch v := cells[i].(type) {
			case string:
				e.row[i] = SafeText(v)
			case time.Time:
				e.row[i] = v.Format("02/01/2006")
			}
		}
	}
	return e.w.Write(e.row)
}

func (e *csvExport) Close() error {
	e.w.Flush()
	return e.w.Error()
}

// NewXLSX starts an XLSX export of one sheet, written to w by Close: a
// bold shaded header row that stays in view, text cells that are never
// formulas, dates as dates.
func NewXLSX(w io.Writer, sheet string, cols []Column) (Exporter, error) {
	x := excelize.NewFile()
	e := &xlsxExport{x: x, out: w, sheet: sheet, n: 1}
	if err := e.start(cols); err != nil {
		x.Close()
		return nil, err
	}
	return e, nil
}

type xlsxExport struct {
	x                 *excelize.File
	sw                *excelize.StreamWriter
	out               io.Writer
	sheet             string
	n                 int
	header, text, day int
	row               []any
}

func (e *xlsxExport) start(cols []Column) error {
	if err := e.x.SetSheetName("Sheet1", e.sheet); err != nil {
		return err
	}
	var err error
	if e.sw, err = e.x.NewStreamWriter(e.sheet); err != nil {
		return err
	}
	textFmt, dateFmt := "@", "dd/mm/yyyy"
	for _, s := range []struct {
		dst   *int
		style *excelize.Style
	}{
		{&e.header, &excelize.Style{Font: &excelize.Font{Bold: true}, NumFmt: 49,
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
			Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}}},
		{&e.text, &excelize.Style{CustomNumFmt: &textFmt}},
		{&e.day, &excelize.Style{CustomNumFmt: &dateFmt}},
	} {
		if *s.dst, err = e.x.NewStyle(s.style); err != nil {
			return err
		}
	}
	for i, c := range cols {
		if err := e.sw.SetColWidth(i+1, i+1, c.Width); err != nil {
			return err
		}
	}
	if err := e.sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}); err != nil {
		return err
	}
	head := make([]any, len(cols))
	for i, c := range cols {
		head[i] = excelize.Cell{StyleID: e.header, Value: c.Header}
	}
	e.row = make([]any, len(cols))
	return e.sw.SetRow("A1", head, excelize.RowOpts{Height: 20})
}

func (e *xlsxExport) Row(cells []any) error {
	e.n++
	for i := range e.row {
		e.row[i] = nil
		if i < len(cells) {
			switch v := cells[i].(type) {
			case string:
				e.row[i] = excelize.Cell{StyleID: e.text, Value: SafeText(v)}
			case time.Time:
				e.row[i] = excelize.Cell{StyleID: e.day, Value: v}
			}
		}
	}
	cell, err := excelize.CoordinatesToCellName(1, e.n)
	if err != nil {
		return err
	}
	return e.sw.SetRow(cell, e.row)
}

func (e *xlsxExport) Close() error {
	defer e.x.Close()
	if err := e.sw.Flush(); err != nil {
		return err
	}
	return e.x.Write(e.out)
}
