package qformat

import (
	"math"
	"strings"
	"testing"
)

const sample = `// comment
$CATEGORY: IU01/Máy tính

::IU01-001:: Thiết bị nào là thiết bị nhập? {
  =Bàn phím # Đúng: bàn phím đưa dữ liệu vào.
  ~Màn hình # Màn hình là thiết bị xuất.
  ~Máy in
  ####Thiết bị nhập đưa dữ liệu vào máy tính.
}

::tf:: Phần mềm nguồn mở được phép sửa đổi mã nguồn. {T}

::multi:: Những thiết bị nào lưu trữ dữ liệu? {
  ~%50%Ổ cứng
  ~%50%USB
  ~%-100%Chuột
}

::short:: Viết tắt của đơn vị 1024 byte? {=KB =kilobyte}

::num:: 2 + 2 \= ? {#4:0.5}

::range:: Chọn một số từ 1 đến 5 {#1..5}

::match:: Ghép đôi {
  =Bàn phím -> nhập
  =Màn hình -> xuất
}

::essay:: Nêu ba lợi ích của văn bản điện tử. {}

::fmt::[markdown] Giờ làm việc bắt đầu lúc 7\:30 sáng? {TRUE#Đúng giờ hành chính}
`

func TestParseEveryType(t *testing.T) {
	qs, probs := ParseGIFT(sample)
	if len(probs) > 0 {
		t.Fatalf("problems: %v", probs)
	}
	want := []Type{SingleChoice, TrueFalse, MultiChoice, ShortAnswer, Numerical, Numerical, Matching, Essay, TrueFalse}
	if len(qs) != len(want) {
		t.Fatalf("got %d questions, want %d", len(qs), len(want))
	}
	for i, q := range qs {
		if q.Type != want[i] {
			t.Errorf("question %d (%s): type %s, want %s", i, q.Name, q.Type, want[i])
		}
		if q.Category != "IU01/Máy tính" {
			t.Errorf("question %d: category %q", i, q.Category)
		}
	}
	if q := qs[0]; q.Line != 4 || q.Answers[0].Weight != 100 || q.Answers[1].Weight != 0 || q.GeneralFeedback == "" || !strings.HasPrefix(q.Answers[0].Feedback, "Đúng") {
		t.Errorf("single choice: %+v", q)
	}
	if q := qs[4]; q.Text != "2 + 2 = ?" || q.Answers[0].Value != 4 || q.Answers[0].Tolerance != 0.5 {
		t.Errorf("numerical: %+v", q)
	}
	if q := qs[5]; q.Answers[0].Value != 3 || q.Answers[0].Tolerance != 2 {
		t.Errorf("range: %+v", q)
	}
	if q := qs[6]; q.Answers[1].Text != "Màn hình" || q.Answers[1].Match != "xuất" {
		t.Errorf("matching: %+v", q)
	}
	if q := qs[8]; q.Format != "markdown" || q.Text != "Giờ làm việc bắt đầu lúc 7:30 sáng?" || !q.TrueFalse {
		t.Errorf("format and escapes: %+v", q)
	}
}

func TestProblemsHaveLines(t *testing.T) {
	src := "::a:: ok {=x ~y}\n\n::b:: two right {=x =y ~z}\n\n::c:: open {=x ~y\n\n::d:: weights {~%50%a ~%20%b ~%-100%c}\n"
	_, probs := ParseGIFT(src)
	lines := map[int]bool{}
	for _, p := range probs {
		lines[p.Line] = true
	}
	for _, l := range []int{3, 5} {
		if !lines[l] {
			t.Errorf("no problem reported at line %d: %v", l, probs)
		}
	}
}

// The examples of Moodle's GIFT documentation read as Moodle reads them.
func TestParseMoodleDocExamples(t *testing.T) {
	qs := parseGIFTClean(t, string(mustRead(t, "moodle-doc.gift")))
	byText := map[string]Question{}
	for _, q := range qs {
		byText[q.Name+"|"+q.Text] = q
	}
	get := func(key string) Question {
		t.Helper()
		q, ok := byText[key]
		if !ok {
			t.Fatalf("no question %q", key)
		}
		return q
	}
	if q := get("Q1|1+1=2"); q.Type != TrueFalse || !q.TrueFalse || q.Category != "GIFT doc" {
		t.Errorf("Q1: %+v", q)
	}
	if q := get("Q3|Two plus _____ equals four."); q.Type != ShortAnswer || len(q.Answers) != 2 || q.Answers[1].Text != "2" {
		t.Errorf("missing word: %+v", q)
	}
	if q := get("|Grant is _____ in Grant's tomb."); q.Type != SingleChoice || q.Answers[1].Weight != 100 || q.Category != "Examples/More" {
		t.Errorf("missing word choice: %+v", q)
	}
	if q := get("Q7|When was Ulysses S. Grant born?"); q.Answers[1].Weight != 50 || q.Answers[1].Tolerance != 2 || q.Answers[0].Feedback != "Correct! Full credit." {
		t.Errorf("numerical with weights: %+v", q)
	}
	if q := get("TF both|The sun rises in the west."); q.TrueFalse || q.Answers[0].Feedback != "Think again: it rises in the east." ||
		q.Answers[1].Feedback != "Right, it sets in the west." || q.GeneralFeedback != "Sunrise is in the east." {
		t.Errorf("true/false feedback: %+v", q)
	}
	if q := get("|Match the following countries with their corresponding capitals."); q.Type != Matching || len(q.Answers) != 5 ||
		q.Answers[3].Match != "New Delhi" || q.Answers[4].Text != "" || q.GeneralFeedback != "It's good to know the capitals" {
		t.Errorf("matching: %+v", q)
	}
	if q := get("|What two people are entombed in Grant's tomb?"); q.Type != MultiChoice || q.Answers[0].Weight != -100 {
		t.Errorf("multiple answers: %+v", q)
	}
	if q := get("pi wrong|Pi to two places?"); len(q.Answers) != 2 || q.Answers[1].Text != "*" || q.Answers[1].Feedback != "Pi starts 3.14" {
		t.Errorf("numerical any other: %+v", q)
	}
	if q := get("|What is the value of pi (to 3 decimal places)? _____."); math.Abs(q.Answers[0].Value-3.1415) > 1e-9 || math.Abs(q.Answers[0].Tolerance-0.0005) > 1e-9 {
		t.Errorf("range: %+v", q)
	}
	if q := get("GIFT Control Characters|Which of the following is NOT a control character for the GIFT import format?"); q.Answers[3].Text != "{" ||
		q.Answers[5].Text != `\` || q.Answers[5].Weight != 100 {
		t.Errorf("escapes: %+v", q)
	}
	if q := get("Markdown|Which **Moodle** element is this?\nPick one."); q.Format != FormatMarkdown || q.IDNumber != "md-1" ||
		strings.Join(q.Tags, ",") != "markdown,doc" || q.GeneralFeedback != "*Bold* is `**`." {
		t.Errorf("markdown, id, tags: %+v", q)
	}
	if q := get("Plain|A < B is written how?"); q.Format != FormatPlain || q.Answers[0].Text != "<" {
		t.Errorf("plain: %+v", q)
	}
	if q := get("|This is a description with no answers: read the next questions carefully."); q.Type != Description {
		t.Errorf("description: %+v", q)
	}
	if q := get("Q8|How are you?"); q.Type != Essay {
		t.Errorf("essay: %+v", q)
	}
}

func TestWindowsLineEndingsAndBOM(t *testing.T) {
	qs := parseGIFTClean(t, string(mustRead(t, "windows.gift")))
	if len(qs) != 2 || qs[0].Line != 2 || qs[0].Name != "W1" || qs[1].Line != 4 || qs[1].Answers[1].Text != "b" {
		t.Errorf("got %+v", qs)
	}
}

func TestGIFTProblems(t *testing.T) {
	cases := []struct {
		src  string
		line int
		want string
	}{
		{"::a no end {T}", 1, "name is not closed"},
		{"::a:: x {=a ~b", 1, "not closed with }"},
		{"::a:: x } y", 1, "a } without a {"},
		{"::a:: x {=a ~b} and {=c}", 1, "only one answer block"},
		{"::a:: x {=a ~b =c}", 1, "2 right answers"},
		{"::a:: x {~a ~b}", 1, "no answer is right"},
		{"::a:: x {=%50%a ~b}", 1, "needs one right answer (100%)"},
		{"::a:: x {~%50%a ~%20%b}", 1, "add up to 70%"},
		{"::a:: x {\n=a\n~b\n~%150%c\n}", 4, "from -100 to 100"},
		{"::a:: x {\n#\n=3\n=abc\n}", 4, "not a number"},
		{"::a:: x {#5..1}", 1, "min..max"},
		{"::a:: x {#3:-1}", 1, "tolerance"},
		{"::a:: x {#}", 1, "needs an answer after #"},
		{"::a:: x {#=%100%*}", 1, "any other number"},
		{"::a:: x {\n=a -> b\n=c\n}", 3, "matching pair"},
		{"::a:: x {=a -> b}", 1, "at least two pairs"},
		{"::a:: {=a ~b}", 1, "no text"},
		{"::a:: x {=a ~}", 1, "answer is empty"},
		{"::a:: x {=%50%a}", 1, "full mark"},
		{"::a:: x {=a}\n\n::b:: y {=b =c ~d}\n\n::c:: fine {T}", 3, "2 right answers"},
	}
	for _, c := range cases {
		qs, probs := ParseGIFT(c.src)
		if len(probs) != 1 || probs[0].Line != c.line || !strings.Contains(probs[0].Msg, c.want) {
			t.Errorf("%q: problems %v, want one at line %d about %q", c.src, probs, c.line, c.want)
		}
		if strings.Contains(c.src, "::c:: fine") && len(qs) != 2 {
			t.Errorf("%q: the other questions were not read: %+v", c.src, qs)
		}
	}
}

// A block whose braces are open swallows the blank line after it, but not
// the next question.
func TestBlankLinesAndUnclosedBraces(t *testing.T) {
	qs, probs := ParseGIFT("::a:: x {\n=a\n\n~b\n}\n\n::b:: open {=x ~y\n\n::c:: next {T}\n")
	if len(qs) != 2 || qs[0].Name != "a" || len(qs[0].Answers) != 2 || qs[1].Name != "c" || qs[1].Line != 9 {
		t.Errorf("questions %+v", qs)
	}
	if len(probs) != 1 || probs[0].Line != 7 {
		t.Errorf("problems %v", probs)
	}
}

func TestCleanCategory(t *testing.T) {
	for in, want := range map[string]string{
		"$course$/top/Default for IU01/Phần cứng": "Default for IU01/Phần cứng",
		"$system$/top":       "",
		"$course$/Old style": "Old style",
		"top/x":              "top/x",
		"IU01/Máy tính":      "IU01/Máy tính",
		"$money$ matters":    "$money$ matters",
	} {
		if got := cleanCategory(in); got != want {
			t.Errorf("cleanCategory(%q) = %q, want %q", in, got, want)
		}
	}
}

// The writer escapes what it must and nothing more.
func TestWriteGIFTEscapes(t *testing.T) {
	qs := []Question{
		{Category: "A: B", Name: "n::1", Format: FormatMoodle, Text: "a {b} = c ~ d # e \\ f\nline 2", Type: TrueFalse, TrueFalse: true,
			Answers: trueFalseAnswers(true, "", "sai # vì")},
		{Name: "blank", Format: FormatMoodle, Text: "Thủ đô là _____ từ 1010.", Type: ShortAnswer, Answers: []Answer{{Text: "Thăng Long", Weight: 100}}},
		{Format: FormatMoodle, Text: "// not a comment", Type: Essay},
	}
	out := writeGIFTString(t, qs)
	for _, want := range []string{
		`$CATEGORY: A\: B`,
		`::n\:\:1:: a \{b\} \= c \~ d \# e \\ f\nline 2 {T#sai \# vì}`,
		`::blank:: Thủ đô là {=Thăng Long} từ 1010.`,
		`[moodle]// not a comment {}`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("written GIFT lacks %s:\n%s", want, out)
		}
	}
	if d := diffQuestions(parseGIFTClean(t, out), qs); d != "" {
		t.Error(d)
	}
}
