// Package spreadsheet holds what every importer of spreadsheets needs: opening an
// uploaded XLSX without letting a zip bomb exhaust memory, and guessing the
// delimiter of a CSV saved by Excel (Vietnamese Windows often writes ;).
package spreadsheet

import (
	"archive/zip"
	"bytes"
	"strconv"

	"github.com/xuri/excelize/v2"
)

// Limits on a workbook, checked from the sizes its zip declares before any
// part is unpacked (archive/zip then refuses to unpack more than declared).
const (
	MaxUnzipped     = 64 << 20 // bytes all parts may unpack to
	maxEntries      = 1_000
	maxRatio        = 200     // uncompressed/compressed, for a part over ratioCheckBytes
	ratioCheckBytes = 1 << 20 // smaller parts are not ratio-checked
)

// Error is why a workbook was refused. TooLarge says the file is too big
// (HTTP 413) rather than malformed (400).
type Error struct {
	TooLarge bool
	Msg      string
}

func (e *Error) Error() string { return e.Msg }

var errDamaged = &Error{Msg: "the file is not a valid .xlsx workbook; it may be damaged or incomplete"}

// OpenXLSX opens an uploaded workbook after checking its zip. The caller
// closes the file and should still recover from panics while reading it:
// excelize is a large parser fed hostile bytes.
func OpenXLSX(data []byte) (*excelize.File, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, errDamaged
	}
	if err := checkZip(zr, len(data)); err != nil {
		return nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit: MaxUnzipped, UnzipXMLSizeLimit: MaxUnzipped, // in memory, never in temporary files
	})
	if err != nil {
		return nil, errDamaged
	}
	return f, nil
}

func checkZip(zr *zip.Reader, size int) error {
	if len(zr.File) > maxEntries {
		return &Error{Msg: "the workbook has too many parts to be a list"}
	}
	var total uint64
	for _, f := range zr.File {
		u, c := f.UncompressedSize64, f.CompressedSize64
		if u > MaxUnzipped || total+u > MaxUnzipped {
			return &Error{TooLarge: true, Msg: "the workbook unpacks to more than " + strconv.Itoa(MaxUnzipped>>20) + " MiB; split it into smaller files"}
		}
		total += u
		if c > uint64(size) || (u > ratioCheckBytes && u > c*maxRatio) {
			return &Error{Msg: "the workbook is compressed implausibly well (a zip bomb?); open it in Excel and save it again"}
		}
	}
	return nil
}

// SniffDelimiter picks the separator (, ; or tab) found most often outside
// quotes in the first lines of a CSV, where the header is.
func SniffDelimiter(data []byte, lines int) rune {
	counts := map[byte]int{}
	n, quoted := 0, false
	for _, b := range data {
		switch {
		case b == '"':
			quoted = !quoted
		case quoted:
		case b == '\n':
			n++
		case b == ',' || b == ';' || b == '\t':
			counts[b]++
		}
		if n == lines {
			break
		}
	}
	best := byte(',')
	for _, d := range []byte{';', '\t'} {
		if counts[d] > counts[best] {
			best = d
		}
	}
	return rune(best)
}
