package org

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/govtrain/lms/api/platform/errs"
	"github.com/govtrain/lms/api/platform/spreadsheet"
)

// readCSV reads a UTF-8 CSV (BOM allowed) separated by commas, semicolons
// (what Excel writes where the list separator is ';', as on Vietnamese
// Windows) or tabs, or by the character of an Excel "sep=" first line.
func readCSV(data []byte) (*table, error) {
	data = bytes.TrimPrefix(data, spreadsheet.BOM)
	if err := checkUTF8(data); err != nil {
		return nil, err
	}
	offset := 0
	delim, ok := sepLine(data)
	if ok {
		data = data[bytes.IndexByte(data, '\n')+1:]
		offset = 1
	} else {
		delim = spreadsheet.SniffDelimiter(data, headerSearch)
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = delim
	r.FieldsPerRecord = -1
	t := &table{kind: "csv"}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return t, nil
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, badFile(fmt.Sprintf("line %d is not valid CSV: %v", pe.StartLine+offset, pe.Err)).With("line", pe.StartLine+offset)
		}
		if err != nil {
			return nil, badFile("the file could not be read as CSV")
		}
		line, _ := r.FieldPos(0)
		if err := t.addRow(line+offset, rec); err != nil {
			return nil, err
		}
	}
}

// checkUTF8 refuses text that is not UTF-8, naming the first bad line: a file
// saved by Excel as plain "CSV" is in the Windows code page and would turn
// every Vietnamese name into mojibake.
func checkUTF8(data []byte) error {
	const advice = `; in Excel use File > Save As > "CSV UTF-8 (Comma delimited) (*.csv)"`
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		return errs.New(errs.Invalid, "bad_encoding", "the file is in UTF-16 (Unicode Text), not UTF-8"+advice).With("line", 1)
	}
	bad := -1
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if (r == utf8.RuneError && n == 1) || r == 0 {
			bad = i
			break
		}
		i += n
	}
	if bad < 0 {
		return nil
	}
	line := 1 + bytes.Count(data[:bad], []byte{'\n'})
	return errs.New(errs.Invalid, "bad_encoding",
		fmt.Sprintf("line %d is not UTF-8 text%s", line, advice)).With("line", line)
}

// sepLine reads Excel's "sep=;" first line.
func sepLine(data []byte) (rune, bool) {
	if len(data) < 5 || !bytes.HasPrefix(bytes.ToLower(data[:4]), []byte("sep=")) {
		return 0, false
	}
	end := bytes.IndexByte(data, '\n')
	if end < 0 {
		return 0, false
	}
	rest := bytes.TrimRight(data[4:end], "\r")
	if len(rest) != 1 || !bytes.ContainsAny(rest, ",;\t|") {
		return 0, false
	}
	return rune(rest[0]), true
}
