package org

import (
	"bytes"
	"testing"

	"github.com/govtrain/lms/api/platform/errs"
)

// checkParsed holds what parsePeople must guarantee on any input: a typed
// error or rows numbered from 2 upwards, strictly increasing, at most the
// number of lines (CSV), within the limits, with named errors.
func checkParsed(t *testing.T, data []byte, pf *peopleFile, err error, csv bool) {
	if err != nil {
		if _, ok := errs.As(err); !ok {
			t.Fatalf("untyped error (a 500): %v", err)
		}
		return
	}
	if len(pf.rows) > maxDataRows {
		t.Fatalf("%d rows, over the limit", len(pf.rows))
	}
	lines := bytes.Count(data, []byte{'\n'}) + 1
	prev := 1
	for _, r := range pf.rows {
		if r.num <= prev {
			t.Fatalf("row %d after row %d", r.num, prev)
		}
		if csv && r.num > lines {
			t.Fatalf("row %d in a file of %d lines", r.num, lines)
		}
		prev = r.num
		for _, e := range r.errors {
			if e.Field == "" || e.Code == "" || e.Message == "" {
				t.Fatalf("row %d: incomplete error %+v", r.num, e)
			}
		}
	}
}

func FuzzParsePeopleCSV(f *testing.F) {
	for _, name := range []string{"people.csv", "people-semicolon.csv", "people-errors.csv"} {
		f.Add(readTestdata(f, name))
	}
	f.Add([]byte("Mã cán bộ\tHọ và tên\tNgày sinh\nA1\tAn\t1/1/1990\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		pf, err := parsePeople("people.csv", data)
		checkParsed(t, data, pf, err, true)
	})
}

// FuzzParsePeopleXLSX fuzzes whole workbooks and, since random bytes rarely
// survive a zip's checksums, also a sheet's XML inside a valid workbook.
func FuzzParsePeopleXLSX(f *testing.F) {
	book := readTestdata(f, "people.xlsx")
	f.Add(book, false)
	tpl, err := templateXLSX(examplePerson("443"), []Agency{{Code: "443", Name: "Can Lộc"}})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(tpl, false)
	f.Add([]byte(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`+
		`<row r="1"><c r="A1" t="inlineStr"><is><t>Mã cán bộ</t></is></c><c r="B1" t="inlineStr"><is><t>Ngày sinh</t></is></c></row>`+
		`<row r="3"><c r="A3" t="str"><f>1+1</f><v>X1</v></c><c r="B3"><v>30141</v></c></row></sheetData></worksheet>`), true)
	panicked := onReaderPanic
	defer func() { onReaderPanic = panicked }()
	f.Fuzz(func(t *testing.T, data []byte, asSheet bool) {
		onReaderPanic = func(p any) { t.Fatalf("the xlsx reader panicked: %v", p) }
		if asSheet {
			data = workbookWithSheet(t, data)
		}
		pf, err := parsePeople("people.xlsx", data)
		checkParsed(t, data, pf, err, false)
	})
}

// workbookWithSheet is a minimal workbook whose one sheet is sheet.
func workbookWithSheet(t testing.TB, sheet []byte) []byte {
	return zipOf(t, map[string][]byte{
		"[Content_Types].xml": []byte(`<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
			`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`),
		"_rels/.rels": []byte(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
		"xl/workbook.xml": []byte(`<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ` +
			`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`),
		"xl/_rels/workbook.xml.rels": []byte(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`),
		"xl/worksheets/sheet1.xml": sheet,
	})
}
