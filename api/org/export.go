package org

import (
	"log/slog"
	"mime"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/xuri/excelize/v2"

	"github.com/govtrain/lms/api/auth"
	"github.com/govtrain/lms/api/platform/civil"
	"github.com/govtrain/lms/api/platform/errs"
	"github.com/govtrain/lms/api/platform/httpx"
	"github.com/govtrain/lms/api/platform/spreadsheet"
)

// exportColumn is a column of an export: its header, width in an XLSX, and
// the text of a person's cell.
type exportColumn struct {
	column
	width float64
	text  func(Person) string
}

var exportColumns = func() []exportColumn {
	byKey := map[string]column{}
	for _, c := range peopleColumns {
		byKey[c.key] = c
	}
	col := func(key string, width float64, text func(Person) string) exportColumn {
		return exportColumn{byKey[key], width, text}
	}
	return []exportColumn{
		col("code", 14, func(p Person) string { return p.Code }),
		col("family_name", 12, func(p Person) string { return p.FamilyName }),
		col("middle_name", 14, func(p Person) string { return p.MiddleName }),
		col("given_name", 10, func(p Person) string { return p.GivenName }),
		col("gender", 9, func(p Person) string { return labelOf(genderLabels, p.Gender) }),
		col("birth_date", 12, func(p Person) string {
			if p.BirthDate == nil {
				return ""
			}
			return p.BirthDate.VN()
		}),
		col("email", 30, func(p Person) string { return p.Email }),
		col("phone", 14, func(p Person) string { return p.Phone }),
		col("agency_code", 14, func(p Person) string { return p.AgencyCode }),
		col("agency_name", 40, func(p Person) string { return p.AgencyName }),
		col("kind", 11, func(p Person) string { return labelOf(kindLabels, p.Kind) }),
		col("professional", 15, func(p Person) string { return labelOf(yesNoLabels, boolText(p.Professional)) }),
		col("job_title", 32, func(p Person) string { return p.JobTitle }),
		col("it_qualification", 14, func(p Person) string { return labelOf(itLabels, p.ITQualification) }),
		col("active", 14, func(p Person) string {
			if p.Active {
				return "Đang công tác"
			}
			return "Đã nghỉ"
		}),
	}
}()

func boolText(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// fileFormat reads ?format=csv|xlsx (csv when absent).
func fileFormat(c *gin.Context) (string, error) {
	switch f := c.DefaultQuery("format", "csv"); f {
	case "csv", "xlsx":
		return f, nil
	}
	return "", errs.Fields{"format": "invalid"}.Err()
}

// attachmentHeaders starts a file download.
func attachmentHeaders(c *gin.Context, name, contentType string) {
	c.Header("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	c.Header("Content-Type", contentType)
	c.Header("Cache-Control", "no-store")
	c.Header("X-Content-Type-Options", "nosniff")
	c.Status(http.StatusOK)
}

// export streams the people the caller may see that match the list filters,
// in name order, as CSV (UTF-8 with BOM, so Excel reads the diacritics) or
// XLSX. ?delimiter=; writes the CSV the way Excel does where the list
// separator is a semicolon.
func (im *Importer) export(c *gin.Context) {
	format, err := fileFormat(c)
	if httpx.Fail(c, err) {
		return
	}
	f, err := ParseFilter(c)
	if httpx.Fail(c, err) {
		return
	}
	delim := ','
	switch c.DefaultQuery("delimiter", ",") {
	case ",":
	case ";":
		delim = ';'
	default:
		httpx.Fail(c, errs.Fields{"delimiter": "invalid"}.Err())
		return
	}
	name := "can-bo-" + time.Now().In(civil.Zone).Format("20060102") + "." + format
	s := auth.MustFrom(c).Scope()
	err = im.writeExport(c, s, f, name, format, delim)
	if err != nil && !c.Writer.Written() {
		httpx.Fail(c, err)
	} else if err != nil {
		// The status is sent; all that is left is to cut the file short.
		slog.ErrorContext(c.Request.Context(), "export failed mid-way", "err", err, "request_id", httpx.RequestID(c))
	}
}

// writeExport streams the people as format. Nothing is sent until the
// first person arrives, so an error in the query still gets the error
// answer.
func (im *Importer) writeExport(c *gin.Context, s auth.Scope, f PeopleFilter, name, format string, delim rune) error {
	cols := make([]spreadsheet.Column, len(exportColumns))
	for i, col := range exportColumns {
		cols[i] = spreadsheet.Column{Header: col.header, Width: col.width}
	}
	var ex spreadsheet.Exporter
	begin := func() (err error) {
		if format == "xlsx" {
			ex, err = spreadsheet.NewXLSX(c.Writer, "Cán bộ", cols) // written by Close
			return err
		}
		attachmentHeaders(c, name, "text/csv; charset=utf-8")
		ex, err = spreadsheet.NewCSV(c.Writer, cols, delim)
		return err
	}
	row := make([]any, len(exportColumns))
	err := eachPerson(c.Request.Context(), im.db, s, f, func(p Person) error {
		if ex == nil {
			if err := begin(); err != nil {
				return err
			}
		}
		for i, col := range exportColumns {
			row[i] = col.cell(p)
		}
		return ex.Row(row)
	})
	if err != nil {
		return err
	}
	if ex == nil {
		if err := begin(); err != nil {
			return err
		}
	}
	if format == "xlsx" {
		attachmentHeaders(c, name, spreadsheet.XLSXType)
	}
	return ex.Close()
}

// cell is a person's cell of an export: the birth date as a date, the rest
// as text.
func (col exportColumn) cell(p Person) any {
	if col.key == "birth_date" && p.BirthDate != nil {
		return p.BirthDate.Time()
	}
	return col.text(p)
}

// sheetStyles are the styles of a people sheet.
type sheetStyles struct {
	header, text, date, example int
}

func newSheetStyles(x *excelize.File) (sheetStyles, error) {
	var st sheetStyles
	var err error
	dateFmt, textFmt := "dd/mm/yyyy", "@"
	for _, s := range []struct {
		dst   *int
		style *excelize.Style
	}{
		{&st.header, &excelize.Style{Font: &excelize.Font{Bold: true}, NumFmt: 49,
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
			Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}}},
		{&st.text, &excelize.Style{CustomNumFmt: &textFmt}},
		{&st.date, &excelize.Style{CustomNumFmt: &dateFmt}},
		{&st.example, &excelize.Style{CustomNumFmt: &textFmt, Font: &excelize.Font{Italic: true, Color: "808080"}}},
	} {
		if *s.dst, err = x.NewStyle(s.style); err != nil {
			return st, err
		}
	}
	return st, nil
}
