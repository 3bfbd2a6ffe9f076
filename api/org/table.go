package org

import (
	"bytes"
	"path"
	"strconv"
	"strings"

	"github.com/govtrain/lms/api/platform/errs"
)

// Limits on an uploaded people file, beyond the upload size: they bound the
// work and memory a hostile file can cost before any row is looked at.
const (
	maxDataRows  = 20_000 // data rows (header and blank rows not counted)
	maxColumns   = 100    // cells in a row
	maxCellBytes = 4_000  // bytes in one cell
	headerSearch = 10     // non-blank rows looked at to find the header
)

// table is a spreadsheet read from an upload: its non-blank rows, each with
// the number the user sees in their program (the line of a CSV, the row of a
// sheet).
type table struct {
	kind string // "csv" or "xlsx"
	rows []tableRow
}

type tableRow struct {
	num   int
	cells []string
}

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1} // .xls, encrypted .xlsx
)

// readTable reads a CSV or XLSX upload, choosing by extension and checking
// the content agrees. isHeader picks, in a workbook, the sheet to read: the
// first whose opening rows hold a header it accepts (else the first sheet).
func readTable(name string, data []byte, isHeader func([]string) bool) (*table, error) {
	isZip, isOLE := bytes.HasPrefix(data, zipMagic), bytes.HasPrefix(data, oleMagic)
	switch strings.ToLower(path.Ext(name)) {
	case ".xlsx":
		if !isZip {
			return nil, unsupportedFile("the file is named .xlsx but is not an Excel workbook; open it in Excel and save it as .xlsx or as CSV UTF-8")
		}
		return readXLSX(data, isHeader)
	case ".csv", ".txt":
		if isZip || isOLE {
			return nil, unsupportedFile("the file is named .csv but is a workbook; upload it with the .xlsx extension or save it as CSV UTF-8")
		}
		return readCSV(data)
	case ".xls":
		return nil, unsupportedFile("Excel 97-2003 (.xls) files are not supported; save the file as .xlsx or as CSV UTF-8")
	}
	return nil, unsupportedFile("upload a .csv or .xlsx file")
}

func unsupportedFile(msg string) error { return errs.New(errs.Unsupported, "unsupported_file", msg) }

func badFile(msg string) *errs.Error { return errs.New(errs.Invalid, "bad_file", msg) }

// addRow appends a row unless it is blank, enforcing the per-row limits.
func (t *table) addRow(num int, cells []string) error {
	for len(cells) > 0 && strings.TrimSpace(cells[len(cells)-1]) == "" {
		cells = cells[:len(cells)-1]
	}
	if len(cells) == 0 {
		return nil
	}
	if len(cells) > maxColumns {
		return errs.New(errs.Invalid, "too_many_columns",
			"row "+strconv.Itoa(num)+" has more than "+strconv.Itoa(maxColumns)+" columns").With("row", num)
	}
	for i, c := range cells {
		if len(c) > maxCellBytes {
			return errs.New(errs.Invalid, "cell_too_long",
				"a cell of row "+strconv.Itoa(num)+" is longer than "+strconv.Itoa(maxCellBytes)+" bytes").
				With("row", num).With("column", i+1)
		}
	}
	// The header and the blank-free rows around it are allowed on top of
	// the data rows; past that the file is refused without reading on.
	if len(t.rows) >= maxDataRows+headerSearch {
		return tooManyRows()
	}
	t.rows = append(t.rows, tableRow{num: num, cells: cells})
	return nil
}

func tooManyRows() error {
	return errs.New(errs.Unprocessable, "too_many_rows",
		"the file has more than "+strconv.Itoa(maxDataRows)+" rows; split it into smaller files").With("max_rows", maxDataRows)
}
