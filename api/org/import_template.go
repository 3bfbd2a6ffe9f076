package org

import (
	"bytes"
	"encoding/csv"
	"fmt"

	"github.com/gin-gonic/gin"
	"github.com/xuri/excelize/v2"

	"github.com/govtrain/lms/api/auth"
	"github.com/govtrain/lms/api/platform/civil"
	"github.com/govtrain/lms/api/platform/httpx"
	"github.com/govtrain/lms/api/platform/spreadsheet"
)

// templateColumns are the columns of the import template: the importable
// ones of an export.
var templateColumns = func() []exportColumn {
	var cols []exportColumn
	for _, c := range exportColumns {
		if !c.info {
			cols = append(cols, c)
		}
	}
	return cols
}()

// examplePerson fills the template's one example row; its code says it is an
// example.
func examplePerson(agencyCode string) Person {
	birth := civil.New(1985, 3, 15)
	return Person{Code: "VD0001", FamilyName: "Nguyễn", MiddleName: "Văn", GivenName: "Mẫu", Gender: "male",
		BirthDate: &birth, Email: "vd0001@example.gov.vn", Phone: "0912 345 678", AgencyCode: agencyCode,
		Kind: "cong_chuc", Professional: true, JobTitle: "Chuyên viên", ITQualification: "certificate", Active: true}
}

// template sends an empty people list to fill in: the header, one example
// row and, in XLSX, drop-down lists, the instructions and the agency codes
// the caller may use.
func (im *Importer) template(c *gin.Context) {
	format, err := fileFormat(c)
	if httpx.Fail(c, err) {
		return
	}
	p := auth.MustFrom(c)
	agencies, err := listAgencies(c.Request.Context(), im.db, p.Scope())
	if httpx.Fail(c, err) {
		return
	}
	example := ""
	for _, a := range agencies {
		if example == "" || (p.AgencyID != nil && a.ID == *p.AgencyID) {
			example = a.Code
		}
	}
	var body []byte
	if format == "xlsx" {
		body, err = templateXLSX(examplePerson(example), agencies)
	} else {
		body, err = templateCSV(examplePerson(example))
	}
	if httpx.Fail(c, err) {
		return
	}
	attachmentHeaders(c, "mau-nhap-can-bo."+format, map[string]string{"csv": "text/csv; charset=utf-8", "xlsx": spreadsheet.XLSXType}[format])
	c.Writer.Write(body)
}

func templateCSV(ex Person) ([]byte, error) {
	var buf bytes.Buffer
	buf.Write(spreadsheet.BOM)
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	head, row := make([]string, len(templateColumns)), make([]string, len(templateColumns))
	for i, col := range templateColumns {
		head[i], row[i] = col.header, spreadsheet.SafeText(col.text(ex))
	}
	w.Write(head)
	w.Write(row)
	w.Flush()
	return buf.Bytes(), w.Error()
}

const (
	templateSheet = "Danh sách"
	helpSheet     = "Hướng dẫn"
	agencySheet   = "Mã đơn vị"
)

func templateXLSX(ex Person, agencies []Agency) ([]byte, error) {
	x := excelize.NewFile()
	defer x.Close()
	st, err := newSheetStyles(x)
	if err != nil {
		return nil, err
	}
	steps := []func() error{
		func() error { return x.SetSheetName("Sheet1", templateSheet) },
		func() error { return listSheet(x, st, ex) },
		func() error { return helpSheetOf(x, st) },
		func() error { return agencySheetOf(x, st, agencies) },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, err
		}
	}
	x.SetActiveSheet(0)
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// listSheet is the sheet to fill in: header, example row, text and date
// formats by column, and drop-down lists for the coded columns.
func listSheet(x *excelize.File, st sheetStyles, ex Person) error {
	const lastRow = maxDataRows + 1
	for i, col := range templateColumns {
		name, err := excelize.ColumnNumberToName(i + 1)
		if err != nil {
			return err
		}
		style := st.text
		if col.key == "birth_date" {
			style = st.date
		}
		if err := x.SetColWidth(templateSheet, name, name, col.width); err != nil {
			return err
		}
		if err := x.SetColStyle(templateSheet, name, style); err != nil {
			return err
		}
		if err := x.SetCellStr(templateSheet, name+"1", col.header); err != nil {
			return err
		}
		if err := x.SetCellStyle(templateSheet, name+"1", name+"1", st.header); err != nil {
			return err
		}
		if col.key == "birth_date" {
			err = x.SetCellValue(templateSheet, name+"2", ex.BirthDate.Time())
		} else {
			err = x.SetCellStr(templateSheet, name+"2", spreadsheet.SafeText(col.text(ex)))
		}
		if err != nil {
			return err
		}
		if col.key != "birth_date" {
			if err := x.SetCellStyle(templateSheet, name+"2", name+"2", st.example); err != nil {
				return err
			}
		}
		var choices []label
		switch col.key {
		case "gender":
			choices = genderLabels
		case "kind":
			choices = kindLabels
		case "professional":
			choices = yesNoLabels
		case "it_qualification":
			choices = itLabels
		}
		if choices != nil {
			dv := excelize.NewDataValidation(true)
			dv.SetSqref(fmt.Sprintf("%s2:%s%d", name, name, lastRow))
			words := make([]string, len(choices))
			for i, l := range choices {
				words[i] = l.vi
			}
			if err := dv.SetDropList(words); err != nil {
				return err
			}
			if err := x.AddDataValidation(templateSheet, dv); err != nil {
				return err
			}
		}
	}
	return x.SetPanes(templateSheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}

// helpSheetOf explains, in Vietnamese, how to fill the list in.
func helpSheetOf(x *excelize.File, st sheetStyles) error {
	if _, err := x.NewSheet(helpSheet); err != nil {
		return err
	}
	rows := [][]string{
		{"HƯỚNG DẪN NHẬP DANH SÁCH CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC"},
		{"1. Điền mỗi cán bộ một dòng trên trang \"" + templateSheet + "\", giữ nguyên dòng tiêu đề. Xoá dòng ví dụ (mã VD0001) trước khi nhập."},
		{"2. Mã cán bộ đã có trong hệ thống thì dòng đó cập nhật cán bộ; ô để trống giữ nguyên thông tin cũ. Mã chưa có thì thêm cán bộ mới."},
		{fmt.Sprintf("3. Mỗi tệp tối đa %d dòng. Có thể lưu dạng .xlsx hoặc CSV UTF-8 (File > Save As > \"CSV UTF-8\").", maxDataRows)},
		{"4. Trước khi ghi, hệ thống kiểm tra từng dòng và cho xem trước các lỗi; có thể chỉ nhập các dòng hợp lệ."},
		{},
		{"Cột", "Ý nghĩa và cách ghi"},
	}
	for _, col := range peopleColumns {
		if col.help != "" {
			rows = append(rows, []string{col.header, col.help})
		}
	}
	for i, r := range rows {
		cells := make([]any, len(r))
		for j, v := range r {
			cells[j] = v
		}
		if err := x.SetSheetRow(helpSheet, fmt.Sprintf("A%d", i+1), &cells); err != nil {
			return err
		}
	}
	for _, cell := range []string{"A1", "A7", "B7"} {
		if err := x.SetCellStyle(helpSheet, cell, cell, st.header); err != nil {
			return err
		}
	}
	if err := x.SetColWidth(helpSheet, "A", "A", 18); err != nil {
		return err
	}
	return x.SetColWidth(helpSheet, "B", "B", 110)
}

// agencySheetOf lists the agencies the caller may put people in.
func agencySheetOf(x *excelize.File, st sheetStyles, agencies []Agency) error {
	if _, err := x.NewSheet(agencySheet); err != nil {
		return err
	}
	if err := x.SetSheetRow(agencySheet, "A1", &[]any{"Mã đơn vị", "Tên đơn vị"}); err != nil {
		return err
	}
	if err := x.SetCellStyle(agencySheet, "A1", "B1", st.header); err != nil {
		return err
	}
	for i, a := range agencies {
		if err := x.SetSheetRow(agencySheet, fmt.Sprintf("A%d", i+2), &[]any{spreadsheet.SafeText(a.Code), spreadsheet.SafeText(a.Name)}); err != nil {
			return err
		}
	}
	if err := x.SetColWidth(agencySheet, "A", "A", 16); err != nil {
		return err
	}
	return x.SetColWidth(agencySheet, "B", "B", 60)
}
