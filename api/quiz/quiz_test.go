package quiz

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/govtrain/lms/api/qformat"
)

const bank = `

::single:: Trường nào gửi bản sao kín? {=BCC#SECRET-right ~CC#SECRET-wrong ~%50%To#SECRET-half ####SECRET-general}

::multi:: Thiết bị lưu trữ? {~%50%Ổ cứng#SECRET-a ~%50%USB ~%-100%Chuột#SECRET-b}

::tf:: Phần mềm nguồn mở được sửa mã nguồn. {T#SECRET-wrong#SECRET-right}

::short:: Giao thức gửi thư? {=SMTP#SECRET-fb =%50%SMTP*#SECRET-partial}

::num:: 2 + 2 \= ? {#4:0.5#SECRET-num =%50%5:0}

::match:: Ghép thiết bị {=Bàn phím -> nhập =Màn hình -> xuất =Loa -> xuất}

::essay:: Nêu ba lợi ích của văn bản điện tử. {####SECRET-guidance}

::gap:: Thư gửi đồng thời cho người khác dùng trường {=CC#SECRET-gap ~BCC} để họ biết.

`

func parse(t *testing.T) map[string]qformat.Question {
	qs, probs := qformat.ParseGIFT(bank)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	m := map[string]qformat.Question{}
	for _, q := range qs {
		m[q.Name] = q
	}
	return m
}

func ptr[T any](v T) *T { return &v }

// The view a learner gets while answering never carries correctness,
// weights, feedback or accepted answers — for every type.
func TestViewNeverLeaksAnswers(t *testing.T) {
	for name, q := range parse(t) {
		l := NewLayout(q, func(n int) []int { // reversed, to be sure the layout is used
			p := make([]int, n)
			for i := range p {
				p[i] = n - 1 - i
			}
			return p
		})
		b, _ := json.Marshal(Present(q, l))
		s := string(b)
		for _, leak := range []string{"SECRET", "weight", "Weight", "feedback", "Feedback", "fraction", "correct", "true_false_answer", "SMTP", `"4"`, "Tolerance"} {
			if strings.Contains(s, leak) {
				t.Errorf("%s: the view shows %q: %s", name, leak, s)
			}
		}
	}
}

func TestGradeEveryType(t *testing.T) {
	qs := parse(t)
	cases := []struct {
		q    string
		r    Response
		want float64
	}{
		{"single", Response{Choice: ptr(0)}, 1},
		{"single", Response{Choice: ptr(2)}, 0.5},
		{"single", Response{Choice: ptr(1)}, 0},
		{"single", Response{Choice: ptr(9)}, 0},
		{"multi", Response{Choices: []int{0, 1}}, 1},
		{"multi", Response{Choices: []int{0}}, 0.5},
		{"multi", Response{Choices: []int{0, 1, 2}}, 0},
		{"multi", Response{Choices: []int{0, 0, 0}}, 0.5}, // repeats count once
		{"tf", Response{Value: ptr(true)}, 1},
		{"tf", Response{Value: ptr(false)}, 0},
		{"short", Response{Text: ptr("  smtp ")}, 1},
		{"short", Response{Text: ptr("SMTPS")}, 0.5},
		{"short", Response{Text: ptr("POP3")}, 0},
		{"num", Response{Text: ptr("4,3")}, 1},
		{"num", Response{Text: ptr("5")}, 0.5},
		{"num", Response{Text: ptr("bốn")}, 0},
		{"match", Response{Pairs: map[int]int{0: 0, 1: 1, 2: 1}}, 1},
		{"match", Response{Pairs: map[int]int{0: 1, 1: 1, 2: 0}}, 1.0 / 3},
		{"gap", Response{Choice: ptr(0)}, 1},
	}
	for _, c := range cases {
		got := Grade(qs[c.q], c.r)
		if d := got.Fraction - c.want; d > 1e-9 || d < -1e-9 {
			t.Errorf("%s %+v: got %v, want %v", c.q, c.r, got.Fraction, c.want)
		}
	}
	if r := Grade(qs["single"], Response{Choice: ptr(1)}); r.Feedback != "SECRET-wrong" {
		t.Errorf("feedback of the answer given: %q", r.Feedback)
	}
	if r := Grade(qs["tf"], Response{Value: ptr(false)}); r.Feedback != "SECRET-wrong" {
		t.Errorf("true/false feedback for a wrong pick: %q", r.Feedback)
	}
	if r := Grade(qs["essay"], Response{Text: ptr("Tiết kiệm giấy...")}); !r.Manual || !r.Answered {
		t.Errorf("essay: %+v", r)
	}
	if r := Grade(qs["single"], Response{}); r.Answered {
		t.Errorf("no response counted as answered")
	}
}

// A response in display order grades the same as the stored order it maps to.
func TestLayoutMapsBack(t *testing.T) {
	q := parse(t)["single"]
	l := Layout{Options: []int{2, 0, 1}} // shows To, BCC, CC
	v := Present(q, l)
	if strings.Join(v.Options, ",") != "To,BCC,CC" {
		t.Fatalf("options: %v", v.Options)
	}
	if got := Grade(q, l.Stored(Response{Choice: ptr(1)})); got.Fraction != 1 {
		t.Errorf("BCC shown second: %v", got.Fraction)
	}
	m := parse(t)["match"]
	ml := Layout{Rights: []int{1, 0}} // shows xuất, nhập
	if got := Grade(m, ml.Stored(Response{Pairs: map[int]int{0: 1, 1: 0, 2: 0}})); got.Fraction != 1 {
		t.Errorf("matching in display order: %v", got.Fraction)
	}
}

func TestParseNumber(t *testing.T) {
	for in, want := range map[string]float64{"3,6": 3.6, "1.235.000": 1235000, "1.235,5": 1235.5, " 42 ": 42, "-0,5": -0.5} {
		if got, ok := parseNumber(in); !ok || got != want {
			t.Errorf("parseNumber(%q) = %v %v, want %v", in, got, ok, want)
		}
	}
	for _, bad := range []string{"", "abc", "NaN", "Inf"} {
		if _, ok := parseNumber(bad); ok {
			t.Errorf("parseNumber(%q) accepted", bad)
		}
	}
}

func FuzzGrade(f *testing.F) {
	f.Add("::q:: x {=a ~b}", 0, "a")
	f.Fuzz(func(t *testing.T, src string, choice int, text string) {
		qs, _ := qformat.ParseGIFT(src)
		for _, q := range qs {
			r := Grade(q, Response{Choice: &choice, Choices: []int{choice}, Text: &text, Pairs: map[int]int{0: choice}, Value: ptr(choice%2 == 0)})
			if r.Fraction < 0 || r.Fraction > 1 {
				t.Fatalf("fraction %v out of 0..1 for %+v", r.Fraction, q)
			}
		}
	})
}
