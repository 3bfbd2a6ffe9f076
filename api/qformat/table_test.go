package qformat

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestParseCSVTemplate(t *testing.T) {
	qs, probs := ParseCSV(bytes.NewReader(mustRead(t, "template.csv")), Limits{})
	if len(probs) > 0 {
		t.Fatalf("problems: %v", probs)
	}
	want := []Type{SingleChoice, MultiChoice, TrueFalse, ShortAnswer, Numerical, Matching, Essay, Description, SingleChoice}
	if len(qs) != len(want) {
		t.Fatalf("got %d questions, want %d", len(qs), len(want))
	}
	for i, q := range qs {
		if q.Type != want[i] || q.Format != FormatPlain {
			t.Errorf("row %d: type %s format %s, want %s plain", q.Line, q.Type, q.Format, want[i])
		}
	}
	if q := qs[0]; q.Line != 2 || q.Category != "IU01/Phần cứng" || q.Name != "IU01-001" || q.Answers[0].Weight != 100 || q.GeneralFeedback == "" || len(q.Answers) != 3 {
		t.Errorf("mot_dap_an: %+v", q)
	}
	if q := qs[1]; q.Line != 3 || q.Text != "Những thiết bị nào\nlưu trữ dữ liệu?" || q.Answers[0].Weight != 33.33 || q.Answers[3].Weight != -100 {
		t.Errorf("nhieu_dap_an (decimal comma, line break): %+v", q)
	}
	if q := qs[2]; q.Line != 5 || !q.TrueFalse || q.Answers[0].Feedback != "Chính xác." || q.Answers[1].Feedback != "Giấy phép nguồn mở cho phép sửa đổi." {
		t.Errorf("dung_sai: %+v", q)
	}
	if q := qs[3]; q.Answers[0].Weight != 100 || q.Answers[2].Weight != 50 {
		t.Errorf("tra_loi_ngan default marks: %+v", q)
	}
	if q := qs[4]; q.Answers[1].Value != 1000 || q.Answers[1].Tolerance != 0.5 || q.Answers[1].Weight != 50 ||
		q.Answers[2].Value != -2 || q.Answers[2].Tolerance != 1 || q.Answers[3].Text != "*" {
		t.Errorf("so: %+v", q)
	}
	if q := qs[5]; q.Answers[1].Match != "xuất" || q.Answers[2].Text != "" || q.Answers[2].Match != "lưu trữ" {
		t.Errorf("ghep_doi: %+v", q)
	}
	if q := qs[8]; q.Text != `=cmd|' /C calc'!A0` || q.Answers[0].Text != "=1+1" || q.Answers[1].Text != "+2" {
		t.Errorf("formula-looking cells: %+v", q)
	}
}

// Excel on Vietnamese Windows writes ';', and people type the header in
// Vietnamese.
func TestParseCSVSemicolonAndVietnameseHeader(t *testing.T) {
	src := "\ufeffLoại;Danh mục;Câu hỏi;Đáp án 1;Điểm 1;Đáp án 2;Điểm 2;Phản hồi chung\r\n" +
		"mot_dap_an;A;Chọn;x;100;y;0;chung\r\n"
	qs, probs := ParseCSV(strings.NewReader(src), Limits{})
	if len(probs) > 0 || len(qs) != 1 || qs[0].Answers[1].Text != "y" || qs[0].GeneralFeedback != "chung" {
		t.Errorf("got %+v, problems %v", qs, probs)
	}
	qs, probs = ParseCSV(strings.NewReader("sep=,\nloai,cau_hoi\ntu_luan,Vì sao?\n"), Limits{})
	if len(probs) > 0 || len(qs) != 1 || qs[0].Line != 3 {
		t.Errorf("sep= line: %+v, problems %v", qs, probs)
	}
}

func TestTableProblems(t *testing.T) {
	head := "loai,cau_hoi,dap_an_1,diem_1,phan_hoi_1,dap_an_2,diem_2\n"
	cases := []struct {
		src  string
		line int
		want string
	}{
		{"cau_hoi\nx\n", 1, "at least the columns loai and cau_hoi"},
		{"loai,cau_hoi,mau\ntu_luan,x,đỏ\n", 1, `column "mau" is not part of the template`},
		{"loai,cau_hoi,loai\ntu_luan,x,y\n", 1, "appears twice"},
		{head + "\n\ntrac_nghiem,x,a,100\n", 4, `loai "trac_nghiem" is not one of`},
		{head + "mot_dap_an,x,a,nhiều,,b\n", 2, `diem_1 "nhiều" is not a number`},
		{head + "mot_dap_an,x,,100,,b\n", 2, "dap_an_1 is empty"},
		{head + "mot_dap_an,x,a,50,,b,0\n", 2, "needs one right answer"},
		{head + "dung_sai,x,Có\n", 2, "must be Đúng or Sai"},
		{head + "ghep_doi,x,a = b,,,c -> d\n", 2, "trái -> phải"},
		{head + "so,x,ba\n", 2, "not a number"},
		{head + "tu_luan,x,a,,,b\n", 2, "only dap_an_1"},
		{head + "mo_ta,x,a\n", 2, "mo_ta has no answers"},
		{head + "tu_luan,\n", 2, "no text"},
		{head + "tu_luan,\"x\n", 2, "not valid CSV"},
		{"", 0, "empty"},
	}
	for _, c := range cases {
		qs, probs := ParseCSV(strings.NewReader(c.src), Limits{})
		if len(qs) > strings.Count(c.src, "tu_luan,x,") || len(probs) != 1 || probs[0].Line != c.line || !strings.Contains(probs[0].Msg, c.want) {
			t.Errorf("%q: %d questions, problems %v; want one at line %d about %q", c.src, len(qs), probs, c.line, c.want)
		}
	}
}

func TestXLSXTemplate(t *testing.T) {
	var b bytes.Buffer
	if err := WriteXLSXTemplate(&b); err != nil {
		t.Fatal(err)
	}
	qs, probs := ParseXLSX(b.Bytes(), Limits{})
	if len(qs) > 0 || len(probs) > 0 {
		t.Errorf("the empty template reads as %v, %v", qs, probs)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if got := f.GetSheetList(); len(got) != 2 || got[0] != SheetQuestions || got[1] != SheetGuide {
		t.Errorf("sheets %v", got)
	}
	head, _ := f.GetRows(SheetQuestions)
	if len(head) != 1 || strings.Join(head[0], ",") != strings.Join(Columns, ",") {
		t.Errorf("header %v", head)
	}
	guide, _ := f.GetRows(SheetGuide)
	text := ""
	for _, r := range guide {
		text += strings.Join(r, "|") + "\n"
	}
	for _, want := range []string{"Mẫu nhập câu hỏi", "phan_hoi_chung", "Bàn phím -> nhập", "dung_sai"} {
		if !strings.Contains(text, want) {
			t.Errorf("the guide lacks %q", want)
		}
	}
	dvs, _ := f.GetDataValidations(SheetQuestions)
	if len(dvs) != 1 || !strings.Contains(dvs[0].Formula1, "ghep_doi") {
		t.Errorf("no list of types on column loai: %+v", dvs)
	}
}

// Problems in a workbook are at the row the user sees, blank rows counted.
func TestXLSXRowNumbers(t *testing.T) {
	f := excelize.NewFile()
	rows := [][]any{{"loai", "cau_hoi", "dap_an_1", "diem_1"}, {"tu_luan", "Một"}, nil, {"mot_dap_an", "Hai", "a", 50}, {"so", "Ba", "1,5:0,1"}}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if r != nil {
			f.SetSheetRow("Sheet1", cell, &r)
		}
	}
	var b bytes.Buffer
	f.Write(&b)
	qs, probs := ParseXLSX(b.Bytes(), Limits{})
	if len(qs) != 2 || qs[1].Line != 5 || qs[1].Answers[0].Value != 1.5 || len(probs) == 0 || probs[0].Line != 4 {
		t.Errorf("questions %+v, problems %v", qs, probs)
	}
	for _, p := range probs {
		if p.Line != 4 {
			t.Errorf("problem %v, want all at row 4", p)
		}
	}
}

func TestWriteTableRefusesTooManyAnswers(t *testing.T) {
	q := Question{Name: "many", Type: SingleChoice, Text: "x"}
	for range 9 {
		q.Answers = append(q.Answers, Answer{Text: "a"})
	}
	var b bytes.Buffer
	if err := WriteCSV(&b, []Question{q}); err == nil || !strings.Contains(err.Error(), "9 answers") {
		t.Errorf("error %v", err)
	}
}
