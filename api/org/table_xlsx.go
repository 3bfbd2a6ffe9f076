package org

import (
	"archive/zip"
	"bytes"
	"log/slog"
	"strconv"

	"github.com/xuri/excelize/v2"

	"github.com/govtrain/lms/api/platform/errs"
)

// readXLSX reads the people sheet of a workbook. Cells come as stored, not
// formatted: a formula cell gives the value Excel cached when it saved the
// file (nothing is ever evaluated), a date cell its serial number.
func readXLSX(data []byte, isHeader func([]string) bool) (t *table, err error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, badFile("the file is not a valid .xlsx workbook; it may be damaged or incomplete")
	}
	if err := checkZip(zr, len(data)); err != nil {
		return nil, err
	}
	// The reader is a large third-party parser fed hostile bytes: a panic
	// in it is a bad file, not a crashed request.
	defer func() {
		if p := recover(); p != nil {
			onReaderPanic(p)
			t, err = nil, badFile("the workbook could not be read; open it in Excel and save it again")
		}
	}()
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit: maxUnzipped, UnzipXMLSizeLimit: maxUnzipped, // in memory, never in temporary files
	})
	if err != nil {
		return nil, badFile("the file is not a valid .xlsx workbook; it may be damaged or incomplete")
	}
	defer f.Close()
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

// checkZip refuses, from the sizes the archive declares (which archive/zip
// holds every entry to while unpacking), a workbook that would unpack to too
// much: a zip bomb must fail here, before anything is inflated.
func checkZip(zr *zip.Reader, size int) error {
	if len(zr.File) > maxZipEntries {
		return badFile("the workbook has too many parts to be a people list")
	}
	var total uint64
	for _, f := range zr.File {
		u, c := f.UncompressedSize64, f.CompressedSize64
		if u > maxUnzipped || total+u > maxUnzipped {
			return errs.New(errs.TooLarge, "too_large",
				"the workbook unpacks to more than "+strconv.Itoa(maxUnzipped>>20)+" MiB; split it into smaller files")
		}
		total += u
		if c > uint64(size) || (u > ratioCheckBytes && u > c*maxZipRatio) {
			return badFile("the workbook is compressed implausibly well (a zip bomb?); open it in Excel and save it again")
		}
	}
	return nil
}
