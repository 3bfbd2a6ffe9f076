package qformat

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"

	"github.com/govtrain/lms/api/platform/spreadsheet"
)

// ParseCSV reads questions from a CSV file laid out as the template (see
// Columns): UTF-8 with or without a BOM, separated by commas, semicolons
// (what Excel writes where the list separator is ';', as on Vietnamese
// Windows) or tabs, or by the character of an Excel "sep=" first line.
// Problems are reported at their line. Cells are only ever text: a cell
// such as =1+1 comes back as the text "=1+1".
func ParseCSV(r io.Reader, lim Limits) ([]Question, []Problem) {
	lim = lim.withDefaults()
	data, err := io.ReadAll(io.LimitReader(r, lim.MaxBytes+1))
	if err != nil {
		return nil, []Problem{{0, "the file could not be read"}}
	}
	if int64(len(data)) > lim.MaxBytes {
		return nil, []Problem{tooLarge(lim.MaxBytes)}
	}
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		return nil, []Problem{{1, `the file is in UTF-16 ("Unicode Text"), not UTF-8; in Excel use Save As, "CSV UTF-8 (Comma delimited)"`}}
	}
	if bytes.HasPrefix(data, zipMagic) {
		return nil, []Problem{{0, "the file is an Excel workbook, not CSV; import it as .xlsx"}}
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if p, ok := checkBytes(data); !ok {
		return nil, []Problem{p}
	}
	offset := 0
	delim, ok := sepLine(data)
	if ok {
		data = data[bytes.IndexByte(data, '\n')+1:]
		offset = 1
	} else {
		delim = spreadsheet.SniffDelimiter(data, 5)
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = delim
	cr.FieldsPerRecord = -1
	t := &sheet{lim: lim}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			t.probs = append(t.probs, Problem{pe.Line + offset, fmt.Sprintf("not valid CSV: %v; nothing after this line was read", pe.Err)})
			break
		}
		if err != nil {
			t.probs = append(t.probs, Problem{0, "the file could not be read as CSV"})
			break
		}
		line, _ := cr.FieldPos(0)
		if !t.add(line+offset, rec) {
			break
		}
	}
	if t.cols == nil && len(t.probs) == 0 {
		t.probs = append(t.probs, Problem{0, "the file is empty"})
	}
	return t.qs, t.probs
}

// sepLine reads Excel's "sep=;" first line.
func sepLine(data []byte) (rune, bool) {
	end := bytes.IndexByte(data, '\n')
	if end < 0 || end > 8 || !bytes.HasPrefix(bytes.ToLower(data), []byte("sep=")) {
		return 0, false
	}
	rest := bytes.TrimRight(data[4:end], "\r")
	if len(rest) != 1 || !bytes.ContainsAny(rest, ",;\t|") {
		return 0, false
	}
	return rune(rest[0]), true
}

// WriteCSV writes qs as the template's CSV: UTF-8 with a BOM (so that Excel
// reads the Vietnamese right), comma-separated, a header row, then one row
// per question. Text that a spreadsheet would run as a formula is written
// with a leading '. What the template cannot hold is left out: the text
// format (texts are plain), ID numbers, tags, marks, case sensitivity and
// files; a question with more than 8 answers is an error.
func WriteCSV(w io.Writer, qs []Question) error {
	rows := make([][]string, 0, len(qs)+1)
	rows = append(rows, Columns)
	for i := range qs {
		row, err := questionRow(&qs[i])
		if err != nil {
			return err
		}
		rows = append(rows, row)
	}
	bw := bufio.NewWriter(w)
	bw.WriteString("\ufeff")
	cw := csv.NewWriter(bw)
	if err := cw.WriteAll(rows); err != nil {
		return err
	}
	return bw.Flush()
}
