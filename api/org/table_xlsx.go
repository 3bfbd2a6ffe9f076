package org

import (
	"errors"
	"log/slog"
	"strconv"

	"github.com/xuri/excelize/v2"

	"github.com/govtrain/lms/api/platform/errs"
	"github.com/govtrain/lms/api/platform/spreadsheet"
)

// readXLSX reads the people sheet of a workbook. Cells come as stored, not
// formatted: a formula cell gives the value Excel cached when it saved the
// file (nothing is ever evaluated), a date cell its serial number.
func readXLSX(data []byte, isHeader func([]string) bool) (t *table, err error) {
	f, err := spreadsheet.OpenXLSX(data)
	if err != nil {
		var se *spreadsheet.Error
		if errors.As(err, &se) && se.TooLarge {
			return nil, errs.New(errs.TooLarge, "too_large", se.Msg)
		}
		return nil, badFile(err.Error())
	}
	defer f.Close()
	// The reader is a large third-party parser fed hostile bytes: a panic
	// in it is a bad file, not a crashed request.
	defer func() {
		if p := recover(); p != nil {
			onReaderPanic(p)
			t, err = nil, badFile("the workbook could not be read; open it in Excel and save it again")
		}
	}()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, badFile("the workbook has no sheet")
	}
	sheet := sheets[0]
	for _, s := range sheets[:min(len(sheets), 20)] {
		found := false
		seen := 0
		err := eachSheetRow(f, s, func(_ int, cells []string) (bool, error) {
			if len(cells) == 0 {
				return true, nil
			}
			seen++
			found = isHeader(cells)
			return !found && seen < headerSearch, nil
		})
		if err != nil {
			return nil, err
		}
		if found {
			sheet = s
			break
		}
	}
	t = &table{kind: "xlsx"}
	err = eachSheetRow(f, sheet, func(num int, cells []string) (bool, error) {
		return true, t.addRow(num, cells)
	})
	if err != nil {
		return nil, err
	}
	return t, nil
}

// eachSheetRow calls fn with every row of sheet and its number, blank rows
// included, until fn says stop or fails.
func eachSheetRow(f *excelize.File, sheet string, fn func(num int, cells []string) (bool, error)) error {
	rows, err := f.Rows(sheet)
	if err != nil {
		return badFile("the sheet " + strconv.Quote(sheet) + " could not be read")
	}
	defer rows.Close()
	for num := 1; rows.Next(); num++ {
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return badFile("row "+strconv.Itoa(num)+" of the sheet "+strconv.Quote(sheet)+" could not be read").With("row", num)
		}
		more, err := fn(num, cells)
		if err != nil || !more {
			return err
		}
	}
	if rows.Error() != nil {
		return badFile("the sheet " + strconv.Quote(sheet) + " could not be read")
	}
	return nil
}

// onReaderPanic reports a panic of the XLSX reader (the fuzz test fails on it).
var onReaderPanic = func(p any) { slog.Warn("xlsx reader panicked", "panic", p) }
