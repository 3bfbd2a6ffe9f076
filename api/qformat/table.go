package qformat

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/govtrain/lms/api/platform/vn"
)

const (
	colType     = "loai"
	colCategory = "danh_muc"
	colName     = "ten"
	colText     = "cau_hoi"
	colGeneral  = "phan_hoi_chung"
	maxAnswers  = 8
)

// Row types of the template, by the model's.
var tableTypes = []struct {
	code string
	typ  Type
}{
	{"mot_dap_an", SingleChoice},
	{"nhieu_dap_an", MultiChoice},
	{"dung_sai", TrueFalse},
	{"tra_loi_ngan", ShortAnswer},
	{"so", Numerical},
	{"ghep_doi", Matching},
	{"tu_luan", Essay},
	{"mo_ta", Description},
}

// Columns are the columns of the CSV/XLSX template, in the order exports
// write them. The template has one row per question after a header row that
// names the columns (in any order; a Vietnamese label such as "Câu hỏi"
// is read as its code cau_hoi):
//
//	loai            type: mot_dap_an (single choice), nhieu_dap_an (multiple
//	                choice), dung_sai (true/false), tra_loi_ngan (short answer),
//	                so (numerical), ghep_doi (matching), tu_luan (essay),
//	                mo_ta (description, no answers)
//	danh_muc        category, levels separated by / ("IU01/Phần cứng")
//	ten             name (code) of the question
//	cau_hoi         the question text (plain text; line breaks kept)
//	dap_an_1..8     answers:
//	                  mot_dap_an, nhieu_dap_an, tra_loi_ngan: the option or accepted answer
//	                  dung_sai: dap_an_1 is the right value, Đúng or Sai
//	                  so: 3 or 3:0.5 (value:tolerance) or 1..5 (range) or * (any other number)
//	                  ghep_doi: trái -> phải (left -> right); "-> phải" alone is a distractor
//	                  tu_luan: dap_an_1 is optional guidance for the grader
//	diem_1..8       percent of the mark for that answer: -100..100, blank = 0
//	                (blank = 100 for tra_loi_ngan and so); mot_dap_an needs one at 100,
//	                the positive ones of nhieu_dap_an add up to 100
//	phan_hoi_1..8   feedback for that answer; for dung_sai phan_hoi_1 is shown
//	                after a right response, phan_hoi_2 after a wrong one
//	phan_hoi_chung  general feedback
//
// Cells are text; a number may use a decimal comma (33,5). A cell that
// starts with ' followed by = + - or @ loses the ' (exports write it so
// that no spreadsheet runs the cell as a formula).
var Columns = func() []string {
	cols := []string{colType, colCategory, colName, colText}
	for i := 1; i <= maxAnswers; i++ {
		cols = append(cols, ansCol("dap_an", i), ansCol("diem", i), ansCol("phan_hoi", i))
	}
	return append(cols, colGeneral)
}()

func ansCol(prefix string, i int) string { return prefix + "_" + strconv.Itoa(i) }

// headerCode reads a header cell as a column code.
func headerCode(s string) string {
	return strings.ReplaceAll(vn.Fold(strings.TrimPrefix(s, "\ufeff")), " ", "_")
}

// isHeader reports whether cells look like the template's header.
func isHeader(cells []string) bool {
	has := map[string]bool{}
	for _, c := range cells {
		has[headerCode(c)] = true
	}
	return has[colType] && has[colText]
}

// formulaStarts are the characters that make a spreadsheet read a cell as
// a formula (OWASP "CSV injection").
const formulaStarts = "=+-@\t\r"

// safeCell defuses text a spreadsheet would run as a formula; plain numbers
// stay as they are.
func safeCell(s string) string {
	if s == "" || !strings.ContainsRune(formulaStarts, rune(s[0])) {
		return s
	}
	if _, ok := parseFloat(s); ok {
		return s
	}
	return "'" + s
}

// cellText reads a cell: trimmed, with safeCell's quote taken off again.
func cellText(s string) string {
	s = strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
	if len(s) > 1 && s[0] == '\'' && strings.ContainsRune(formulaStarts, rune(s[1])) {
		s = s[1:]
	}
	return s
}

// sheet is a table read from a CSV or XLSX file, row by row.
type sheet struct {
	lim   Limits
	cols  map[int]string // column index -> code, once the header is read
	qs    []Question
	probs []Problem
	full  bool // MaxQuestions reached
}

const (
	maxCellBytes = 32 << 10 // as Excel
	maxColumns   = 200
)

// add reads one row of the file (num is its line or row number) and says
// whether to go on.
func (t *sheet) add(num int, cells []string) bool {
	if blankRow(cells) {
		return true
	}
	if len(cells) > maxColumns {
		t.probs = append(t.probs, Problem{num, fmt.Sprintf("the row has more than %d columns", maxColumns)})
		return false
	}
	if t.cols == nil {
		return t.header(num, cells)
	}
	if len(t.qs) >= t.lim.MaxQuestions {
		t.probs = append(t.probs, tooMany(num, t.lim.MaxQuestions))
		t.full = true
		return false
	}
	row := map[string]string{}
	var msgs []string
	for i, c := range cells {
		code, ok := t.cols[i]
		switch {
		case len(c) > maxCellBytes:
			msgs = append(msgs, fmt.Sprintf("a cell of column %s is longer than %d bytes", code, maxCellBytes))
		case ok:
			row[code] = cellText(c)
		}
	}
	q, more := rowQuestion(row)
	q.Line = num
	msgs = append(msgs, more...)
	for _, m := range msgs {
		t.probs = append(t.probs, Problem{num, m})
	}
	if len(msgs) == 0 {
		t.qs, t.probs = accept(t.qs, t.probs, q, num)
	}
	return true
}

func blankRow(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// header reads the header row; an unknown column is a problem (a misspelt
// header would otherwise silently drop its data), so the file is refused.
func (t *sheet) header(num int, cells []string) bool {
	known := map[string]bool{}
	for _, c := range Columns {
		known[c] = true
	}
	t.cols = map[int]string{}
	seen := map[string]bool{}
	for i, c := range cells {
		code := headerCode(c)
		switch {
		case code == "":
		case !known[code]:
			t.probs = append(t.probs, Problem{num, fmt.Sprintf("column %q is not part of the template; rename it to a template column or remove it", strings.TrimSpace(c))})
		case seen[code]:
			t.probs = append(t.probs, Problem{num, fmt.Sprintf("column %s appears twice", code)})
		default:
			seen[code] = true
			t.cols[i] = code
		}
	}
	if !seen[colType] || !seen[colText] {
		t.probs = append(t.probs, Problem{num, "the first row must be the template's header, with at least the columns loai and cau_hoi"})
		return false
	}
	return true
}

// number reads a number that may use a decimal comma.
func number(s string) (float64, bool) {
	s = strings.TrimSuffix(strings.TrimSpace(s), "%")
	if !strings.Contains(s, ".") && strings.Count(s, ",") == 1 {
		s = strings.Replace(s, ",", ".", 1)
	}
	return parseFloat(s)
}

// rowQuestion turns the cells of one row, by column code, into a question.
func rowQuestion(row map[string]string) (Question, []string) {
	q := Question{Category: cleanCategory(row[colCategory]), Name: row[colName], Format: FormatPlain,
		Text: row[colText], GeneralFeedback: row[colGeneral]}
	var msgs []string
	bad := func(format string, args ...any) { msgs = append(msgs, fmt.Sprintf(format, args...)) }
	code := strings.ToLower(row[colType])
	for _, tt := range tableTypes {
		if code == tt.code || code == string(tt.typ) {
			q.Type = tt.typ
		}
	}
	if q.Type == "" {
		var codes []string
		for _, tt := range tableTypes {
			codes = append(codes, tt.code)
		}
		bad("loai %q is not one of %s", row[colType], strings.Join(codes, ", "))
		return q, msgs
	}
	defaultWeight := 0.0
	if q.Type == ShortAnswer || q.Type == Numerical {
		defaultWeight = 100
	}
	for i := 1; i <= maxAnswers; i++ {
		text, mark, fb := row[ansCol("dap_an", i)], row[ansCol("diem", i)], row[ansCol("phan_hoi", i)]
		if text == "" {
			if mark != "" || (fb != "" && !(q.Type == TrueFalse && i == 2)) {
				bad("dap_an_%d is empty but diem_%d or phan_hoi_%d is not", i, i, i)
			}
			continue
		}
		a := Answer{Text: text, Weight: defaultWeight, Feedback: fb}
		if mark != "" {
			w, ok := number(mark)
			if !ok {
				bad("diem_%d %q is not a number", i, mark)
			}
			a.Weight = w
		}
		q.Answers = append(q.Answers, a)
	}
	switch q.Type {
	case TrueFalse:
		if len(q.Answers) != 1 || row["dap_an_1"] == "" {
			bad("dung_sai: write Đúng or Sai in dap_an_1 and nothing in the other dap_an columns")
			break
		}
		right, ok := truthValue(q.Answers[0].Text)
		if !ok {
			bad("dung_sai: dap_an_1 %q must be Đúng or Sai", q.Answers[0].Text)
		}
		q.TrueFalse = right
		q.Answers = trueFalseAnswers(right, row["phan_hoi_1"], row["phan_hoi_2"])
	case Numerical:
		for i, a := range q.Answers {
			s := a.Text
			if !strings.Contains(s, ".") {
				s = strings.ReplaceAll(s, ",", ".")
			}
			n, err := parseNumber(strings.TrimSpace(s))
			if err != nil {
				bad("so: answer %q: %v", a.Text, err)
				continue
			}
			n.Weight, n.Feedback = a.Weight, a.Feedback
			q.Answers[i] = n
		}
	case Matching:
		for i, a := range q.Answers {
			left, right, ok := cutArrow(a.Text)
			if !ok {
				bad("ghep_doi: answer %q must be written trái -> phải", a.Text)
				continue
			}
			q.Answers[i] = Answer{Text: left, Match: right}
		}
	case Essay:
		if len(q.Answers) > 1 {
			bad("tu_luan: only dap_an_1 (guidance for the grader) may be filled")
		} else if len(q.Answers) == 1 {
			q.GraderInfo, q.Answers = q.Answers[0].Text, nil
		}
	case Description:
		if len(q.Answers) > 0 {
			bad("mo_ta has no answers")
		}
	}
	return q, msgs
}

func cutArrow(s string) (string, string, bool) {
	for _, arrow := range []string{"->", "→"} {
		if l, r, ok := strings.Cut(s, arrow); ok {
			return strings.TrimSpace(l), strings.TrimSpace(r), true
		}
	}
	return "", "", false
}

// truthValue reads Đúng/Sai (or True/False, D/S, T/F).
func truthValue(s string) (bool, bool) {
	switch vn.Fold(s) {
	case "dung", "d", "true", "t":
		return true, true
	case "sai", "s", "false", "f":
		return false, true
	}
	return false, false
}

// questionRow writes q as the cells of Columns.
func questionRow(q *Question) ([]string, error) {
	if len(q.Answers) > maxAnswers && q.Type != TrueFalse {
		return nil, fmt.Errorf("question %q has %d answers; the template holds %d", q.Name, len(q.Answers), maxAnswers)
	}
	cells := map[string]string{colCategory: q.Category, colName: q.Name, colText: q.Text, colGeneral: q.GeneralFeedback}
	for _, tt := range tableTypes {
		if tt.typ == q.Type {
			cells[colType] = tt.code
		}
	}
	if cells[colType] == "" {
		return nil, fmt.Errorf("question %q has the unknown type %q", q.Name, q.Type)
	}
	set := func(i int, text string, weight string, fb string) {
		cells[ansCol("dap_an", i)], cells[ansCol("diem", i)], cells[ansCol("phan_hoi", i)] = text, weight, fb
	}
	switch q.Type {
	case TrueFalse:
		v := "Sai"
		if q.TrueFalse {
			v = "Đúng"
		}
		set(1, v, "", "")
		for _, a := range q.Answers {
			if (a.Text == "true") == q.TrueFalse {
				cells["phan_hoi_1"] = a.Feedback
			} else {
				cells["phan_hoi_2"] = a.Feedback
			}
		}
	case Essay:
		set(1, q.GraderInfo, "", "")
	default:
		for i, a := range q.Answers {
			text := a.Text
			switch q.Type {
			case Numerical:
				if text != "*" {
					text = num(a.Value)
					if a.Tolerance != 0 {
						text += ":" + num(a.Tolerance)
					}
				}
			case Matching:
				text = strings.TrimSpace(a.Text + " -> " + a.Match)
			}
			w := num(a.Weight)
			if q.Type == Matching {
				w = ""
			}
			set(i+1, text, w, a.Feedback)
		}
	}
	out := make([]string, len(Columns))
	for i, c := range Columns {
		out[i] = safeCell(cells[c])
	}
	return out, nil
}
