package qformat

import (
	"strings"
	"testing"
)

func TestParseAiken(t *testing.T) {
	qs, probs := ParseAiken(string(mustRead(t, "sample.aiken.txt")))
	if len(probs) > 0 {
		t.Fatalf("problems: %v", probs)
	}
	if len(qs) != 3 {
		t.Fatalf("got %d questions", len(qs))
	}
	q := qs[1]
	if q.Line != 7 || q.Type != SingleChoice || q.Format != FormatPlain || q.Text != "Đơn vị nhỏ nhất của thông tin\ntrong máy tính là gì?" ||
		len(q.Answers) != 4 || q.Answers[0].Weight != 100 || q.Answers[1].Weight != 0 || q.Answers[0].Text != "Bit" {
		t.Errorf("multi-line question: %+v", q)
	}
	if q := qs[2]; q.Answers[3].Weight != 100 || q.Answers[3].Text != "Must be this one!" {
		t.Errorf("Moodle's example: %+v", q)
	}
}

func TestAikenProblems(t *testing.T) {
	cases := []struct {
		src  string
		line int
		want string
	}{
		{"Q?\nA. a\nB. b\n\nNext?\nA. x\nB. y\nANSWER: B\n", 1, "no ANSWER: line"},
		{"Q?\nA. a\nB. b\nANSWER: C\n", 4, "not one of the options A to B"},
		{"Q?\nA. a\nANSWER: A\n", 1, "at least two options"},
		{"A. a\nB. b\nANSWER: A\n", 1, "an option without a question"},
		{"ANSWER: A\n", 1, "without a question"},
		{"Q?\nA. a\nC. c\nANSWER: A\n", 3, "option C comes where B is expected"},
		{"Q?\nA. a\nB. b\nANSWER: A, B\n", 4, "not one of the options"},
		{"Q?\nA. a\nB.\nANSWER: A\n", 1, "answer is empty"},
	}
	for _, c := range cases {
		qs, probs := ParseAiken(c.src)
		found := false
		for _, p := range probs {
			found = found || (p.Line == c.line && strings.Contains(p.Msg, c.want))
		}
		if !found {
			t.Errorf("%q: problems %v, want one at line %d about %q", c.src, probs, c.line, c.want)
		}
		for _, q := range qs {
			if q.Text == "Q?" {
				t.Errorf("%q: the broken question was kept: %+v", c.src, q)
			}
		}
	}
}
