package qformat

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// giftParser reads the answer block of one GIFT question into q.
type giftParser struct {
	b     giftBlock
	q     *Question
	base  int // offset of the body in b.text()
	probs []Problem
}

func (p *giftParser) bad(off int, msg string, args ...any) {
	p.probs = append(p.probs, Problem{p.b.lineAt(p.base + off), fmt.Sprintf(msg, args...)})
}

// parseBody picks the type the way Moodle's importer does and reads the answers.
func (p *giftParser) parseBody(body string) {
	switch {
	case body == "":
		p.q.Type = Essay
	case body[0] == '#':
		p.parseNumerical(body)
	case indexUnescaped(body, '~', 0) >= 0:
		p.parseChoice(body)
	case indexUnescaped(body, '=', 0) >= 0 && strings.Contains(body, "->"):
		p.parseMatching(body)
	case isTrueFalse(body):
		p.parseTrueFalse(body)
	default:
		p.parseShortAnswer(body)
	}
}

func isTrueFalse(body string) bool {
	word := body
	if i := indexUnescaped(body, '#', 0); i >= 0 {
		word = body[:i]
	}
	switch strings.ToUpper(trim(word)) {
	case "T", "F", "TRUE", "FALSE":
		return true
	}
	return false
}

// part is one answer of a body: the mark before it ('=' or '~', 0 for text
// before the first mark) and where it starts.
type part struct {
	mark byte
	text string
	off  int
}

// splitMarks splits body at its unescaped marks; text before the first mark
// is a part of its own when it is not blank.
func splitMarks(body, marks string) []part {
	var out []part
	cur, mark := 0, byte(0)
	emit := func(end int) {
		if mark != 0 || trim(body[cur:end]) != "" {
			out = append(out, part{mark, body[cur:end], cur})
		}
	}
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c == '\\' {
			i++
			continue
		}
		if strings.IndexByte(marks, c) >= 0 {
			emit(i)
			cur, mark = i+1, c
		}
	}
	emit(len(body))
	return out
}

var weightPrefix = regexp.MustCompile(`^%(-?[0-9]+(?:\.[0-9]*)?)%`)

// weight reads an optional %n% at the start of s.
func (p *giftParser) weight(s string, off int) (w float64, has bool, rest string) {
	s = trim(s)
	m := weightPrefix.FindStringSubmatch(s)
	if m == nil {
		return 0, false, s
	}
	w, err := strconv.ParseFloat(m[1], 64)
	if err != nil || w < -100 || w > 100 {
		p.bad(off, "the weight %s must be a percentage from -100 to 100", m[0])
	}
	return w, true, s[len(m[0]):]
}

// textAndFeedback splits an answer at its first unescaped #.
func textAndFeedback(s string) (string, string) {
	i := indexUnescaped(s, '#', 0)
	if i < 0 {
		return giftText(s), ""
	}
	return giftText(s[:i]), giftText(s[i+1:])
}

func (p *giftParser) parseChoice(body string) {
	single := false
	for _, pt := range splitMarks(body, "=~") {
		w, has, rest := p.weight(pt.text, pt.off)
		if pt.mark == '=' {
			single = true
			if !has {
				w = 100
			}
		}
		text, fb := textAndFeedback(rest)
		if text == "" {
			p.bad(pt.off, "an answer is empty")
			continue
		}
		p.q.Answers = append(p.q.Answers, Answer{Text: text, Weight: w, Feedback: fb})
	}
	p.q.Type = MultiChoice
	if single {
		p.q.Type = SingleChoice
	}
}

func (p *giftParser) parseMatching(body string) {
	p.q.Type = Matching
	for _, pt := range splitMarks(body, "=") {
		left, right, ok := strings.Cut(pt.text, "->")
		if !ok {
			p.bad(pt.off, "every matching pair is written =left -> right")
			continue
		}
		p.q.Answers = append(p.q.Answers, Answer{Text: giftText(left), Match: unescape(right)})
	}
}

func (p *giftParser) parseTrueFalse(body string) {
	p.q.Type = TrueFalse
	bits := make([]string, 0, 3)
	for rest := body; ; {
		i := indexUnescaped(rest, '#', 0)
		if i < 0 || len(bits) == 2 {
			bits = append(bits, rest)
			break
		}
		bits = append(bits, rest[:i])
		rest = rest[i+1:]
	}
	w := strings.ToUpper(trim(bits[0]))
	right := w == "T" || w == "TRUE"
	var wrongFB, rightFB string
	if len(bits) > 1 {
		wrongFB = giftText(bits[1])
	}
	if len(bits) > 2 {
		rightFB = giftText(bits[2])
	}
	p.q.TrueFalse = right
	p.q.Answers = trueFalseAnswers(right, rightFB, wrongFB)
}

// trueFalseAnswers builds the two answers of a true/false question.
func trueFalseAnswers(right bool, rightFB, wrongFB string) []Answer {
	t := Answer{Text: "true", Weight: 100, Feedback: rightFB}
	f := Answer{Text: "false", Feedback: wrongFB}
	if !right {
		t.Weight, f.Weight = 0, 100
		t.Feedback, f.Feedback = wrongFB, rightFB
	}
	return []Answer{t, f}
}

func (p *giftParser) parseShortAnswer(body string) {
	p.q.Type = ShortAnswer
	for _, pt := range splitMarks(body, "=") {
		w, has, rest := p.weight(pt.text, pt.off)
		if !has {
			w = 100
		}
		text, fb := textAndFeedback(rest)
		if text == "" {
			p.bad(pt.off, "an answer is empty")
			continue
		}
		p.q.Answers = append(p.q.Answers, Answer{Text: text, Weight: w, Feedback: fb})
	}
}

func (p *giftParser) parseNumerical(body string) {
	p.q.Type = Numerical
	body = body[1:]
	other := ""
	otherAt := indexUnescaped(body, '~', 0)
	if otherAt >= 0 {
		other, body = body[otherAt+1:], body[:otherAt]
	}
	for _, pt := range splitMarks(body, "=") {
		w, has, rest := p.weight(pt.text, pt.off+1)
		if !has {
			w = 100
		}
		val, fb := textAndFeedback(rest)
		if val == "*" {
			p.bad(pt.off+1, "write ~ # feedback for any other number, not *")
			continue
		}
		a, err := parseNumber(val)
		if err != nil {
			p.bad(pt.off+1, "numerical answer %q: %v", val, err)
			continue
		}
		a.Weight, a.Feedback = w, fb
		p.q.Answers = append(p.q.Answers, a)
	}
	if len(p.q.Answers) == 0 && len(p.probs) == 0 {
		p.bad(0, "a numerical question needs an answer after #, such as {#3:0.5} or {#1..5}")
	}
	if otherAt >= 0 {
		_, fb := textAndFeedback(other)
		p.q.Answers = append(p.q.Answers, Answer{Text: "*", Feedback: fb})
	}
}

var numberRE = regexp.MustCompile(`^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$`)

// parseFloat reads a plain decimal number (no hex, no Inf or NaN).
func parseFloat(s string) (float64, bool) {
	s = trim(s)
	if !numberRE.MatchString(s) {
		return 0, false
	}
	x, err := strconv.ParseFloat(s, 64)
	return x, err == nil
}

// parseNumber reads a numerical answer: value, value:tolerance,
// min..max, or * for any other number.
func parseNumber(s string) (Answer, error) {
	if s == "*" {
		return Answer{Text: "*"}, nil
	}
	if lo, hi, ok := strings.Cut(s, ".."); ok && trim(lo) != "" {
		l, ok1 := parseFloat(lo)
		h, ok2 := parseFloat(hi)
		if !ok1 || !ok2 || h < l {
			return Answer{}, fmt.Errorf("a range is written min..max, such as 1..5")
		}
		mid := (l + h) / 2 // as Moodle computes it
		if math.IsInf(mid, 0) {
			mid = l/2 + h/2
		}
		return Answer{Value: mid, Tolerance: h - mid}, nil
	}
	v, tol, hasTol := strings.Cut(s, ":")
	x, ok := parseFloat(v)
	if !ok {
		return Answer{}, fmt.Errorf("not a number (write 3.5, not 3,5)")
	}
	a := Answer{Value: x}
	if hasTol {
		t, ok := parseFloat(tol)
		if !ok || t < 0 {
			return Answer{}, fmt.Errorf("the tolerance after : must be a number of 0 or more")
		}
		a.Tolerance = t
	}
	return a, nil
}
