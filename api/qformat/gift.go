package qformat

import (
	"fmt"
	"strconv"
	"strings"
)

// ParseGIFT reads a whole GIFT file (https://docs.moodle.org/en/GIFT_format):
// categories, names, markup hints, single and multiple choice with weights,
// true/false, short answer, numerical (exact, with tolerance, ranges),
// matching, essay, per-answer and general feedback, and backslash escapes. It
// reports every problem with its line instead of stopping at the first.
func ParseGIFT(src string) ([]Question, []Problem) {
	var qs []Question
	var probs []Problem
	category := ""
	for _, b := range blocks(src) {
		text := strings.TrimSpace(b.text)
		if text == "" {
			continue
		}
		if strings.HasPrefix(text, "$CATEGORY:") {
			category = strings.TrimSpace(strings.TrimPrefix(text, "$CATEGORY:"))
			continue
		}
		q, ps := parseQuestion(text, b.line)
		q.Category = category
		probs = append(probs, ps...)
		if len(ps) == 0 {
			qs = append(qs, q)
		}
	}
	return qs, probs
}

type block struct {
	text string
	line int
}

// blocks splits src into question blocks: runs of lines separated by blank
// lines, outside braces, with // comment lines removed.
func blocks(src string) []block {
	src = strings.TrimPrefix(strings.ReplaceAll(src, "\r\n", "\n"), "\ufeff")
	var out []block
	var cur strings.Builder
	start, depth := 0, 0
	for i, line := range strings.Split(src, "\n") {
		trimmed := strings.TrimSpace(line)
		if depth == 0 && strings.HasPrefix(trimmed, "//") {
			continue
		}
		if trimmed == "" && depth == 0 {
			if cur.Len() > 0 {
				out = append(out, block{cur.String(), start})
				cur.Reset()
			}
			continue
		}
		if cur.Len() == 0 {
			start = i + 1
		}
		cur.WriteString(line)
		cur.WriteByte('\n')
		depth += braceDelta(line)
		if depth < 0 {
			depth = 0
		}
	}
	if cur.Len() > 0 {
		out = append(out, block{cur.String(), start})
	}
	return out
}

// braceDelta counts unescaped { minus unescaped }.
func braceDelta(s string) int {
	d := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '{':
			d++
		case '}':
			d--
		}
	}
	return d
}

// indexUnescaped returns the index of the first unescaped c in s at or after from.
func indexUnescaped(s string, c byte, from int) int {
	for i := from; i < len(s); i++ {
		if s[i] == '\\' {
			i++
			continue
		}
		if s[i] == c {
			return i
		}
	}
	return -1
}

// unescape removes GIFT's backslash escapes.
func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			switch s[i+1] {
			case '~', '=', '#', '{', '}', ':', '\\':
				b.WriteByte(s[i+1])
				i++
				continue
			case 'n':
				b.WriteByte('\n')
				i++
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func parseQuestion(text string, line int) (Question, []Problem) {
	q := Question{Line: line, Format: "moodle"}
	bad := func(msg string, args ...any) (Question, []Problem) {
		return q, []Problem{{line, fmt.Sprintf(msg, args...)}}
	}
	if strings.HasPrefix(text, "::") {
		end := strings.Index(text[2:], "::")
		if end < 0 {
			return bad("the question name is not closed with ::")
		}
		q.Name = strings.TrimSpace(unescape(text[2 : 2+end]))
		text = strings.TrimSpace(text[2+end+2:])
	}
	if strings.HasPrefix(text, "[") {
		if end := strings.Index(text, "]"); end > 0 {
			f := text[1:end]
			switch f {
			case "html", "markdown", "plain", "moodle":
				q.Format = f
				text = strings.TrimSpace(text[end+1:])
			}
		}
	}
	open := indexUnescaped(text, '{', 0)
	if open < 0 {
		q.Type = Description
		q.Text = unescape(strings.TrimSpace(text))
		return q, nil
	}
	closeAt := indexUnescaped(text, '}', open+1)
	if closeAt < 0 {
		return bad("the answers are not closed with }")
	}
	if strings.Contains(text[open+1:closeAt], "{") && indexUnescaped(text[open+1:closeAt], '{', 0) >= 0 {
		return bad("a { inside the answers must be escaped as \\{")
	}
	rest := strings.TrimSpace(text[closeAt+1:])
	if indexUnescaped(rest, '{', 0) >= 0 {
		return bad("a question may have only one answer block {...}")
	}
	q.Text = strings.TrimSpace(unescape(strings.TrimSpace(text[:open]) + " " + rest))
	if q.Text == "" {
		return bad("the question has no text")
	}
	body := strings.TrimSpace(text[open+1 : closeAt])
	// General feedback: after ####.
	if i := strings.Index(body, "####"); i >= 0 {
		q.GeneralFeedback = strings.TrimSpace(unescape(body[i+4:]))
		body = strings.TrimSpace(body[:i])
	}
	var probs []Problem
	add := func(msg string, args ...any) { probs = append(probs, Problem{line, fmt.Sprintf(msg, args...)}) }
	switch {
	case body == "":
		q.Type = Essay
	case isTrueFalse(body):
		q.Type = TrueFalse
		word, fb, _ := strings.Cut(body, "#")
		w := strings.ToUpper(strings.TrimSpace(word))
		q.TrueFalse = w == "T" || w == "TRUE"
		if fb != "" {
			q.Answers = append(q.Answers, Answer{Feedback: strings.TrimSpace(unescape(fb))})
		}
	case strings.HasPrefix(body, "#"):
		q.Type = Numerical
		for _, part := range splitAnswers(strings.TrimSpace(body[1:]), true) {
			a, err := parseNumeric(part)
			if err != nil {
				add("numerical answer %q: %v", strings.TrimSpace(part.text), err)
				continue
			}
			q.Answers = append(q.Answers, a)
		}
		if len(q.Answers) == 0 && len(probs) == 0 {
			add("a numerical question needs an answer after #")
		}
	default:
		parts := splitAnswers(body, false)
		if len(parts) == 0 {
			return bad("the answers must start with = or ~")
		}
		matching := false
		for _, p := range parts {
			if strings.Contains(p.text, "->") {
				matching = true
			}
		}
		switch {
		case matching:
			q.Type = Matching
			for _, p := range parts {
				left, right, ok := strings.Cut(p.text, "->")
				if p.mark != '=' || !ok {
					add("every matching pair is written =left -> right")
					continue
				}
				q.Answers = append(q.Answers, Answer{Text: strings.TrimSpace(unescape(left)), Match: strings.TrimSpace(unescape(right)), Weight: 100})
			}
			if len(q.Answers) < 2 && len(probs) == 0 {
				add("a matching question needs at least two pairs")
			}
		default:
			probs = append(probs, parseChoices(&q, parts, line)...)
		}
	}
	if len(probs) > 0 {
		return q, probs
	}
	return q, nil
}

func isTrueFalse(body string) bool {
	word, _, _ := strings.Cut(body, "#")
	switch strings.ToUpper(strings.TrimSpace(word)) {
	case "T", "F", "TRUE", "FALSE":
		return true
	}
	return false
}

type part struct {
	mark byte // '=' or '~'
	text string
}

// splitAnswers splits an answer body at unescaped = and ~ (numerical bodies
// at = only, since ~ never appears there).
func splitAnswers(body string, numeric bool) []part {
	var out []part
	cur := -1
	var mark byte
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c == '\\' {
			i++
			continue
		}
		if c == '=' || (c == '~' && !numeric) {
			// = inside "->" of matching is not a mark; neither is one in a weight.
			if c == '=' && i+1 < len(body) && body[i+1] == '>' {
				continue
			}
			if cur >= 0 {
				out = append(out, part{mark, body[cur:i]})
			} else if numeric && strings.TrimSpace(body[:i]) != "" {
				out = append(out, part{'=', body[:i]})
			}
			mark, cur = c, i+1
		}
	}
	if cur >= 0 {
		out = append(out, part{mark, body[cur:]})
	} else if numeric && strings.TrimSpace(body) != "" {
		out = append(out, part{'=', body})
	}
	return out
}

// weightAndRest reads an optional %n% prefix.
func weightAndRest(s string) (float64, bool, string, error) {
	s = strings.TrimSpace(s)
	if !strings.HasPrefix(s, "%") {
		return 0, false, s, nil
	}
	end := strings.Index(s[1:], "%")
	if end < 0 {
		return 0, false, s, fmt.Errorf("the weight %q is not closed with %%", s)
	}
	w, err := strconv.ParseFloat(s[1:1+end], 64)
	if err != nil || w < -100 || w > 100 {
		return 0, false, s, fmt.Errorf("the weight %q must be a number from -100 to 100", s[:end+2])
	}
	return w, true, strings.TrimSpace(s[end+2:]), nil
}

func textAndFeedback(s string) (string, string) {
	i := indexUnescaped(s, '#', 0)
	if i < 0 {
		return strings.TrimSpace(unescape(s)), ""
	}
	return strings.TrimSpace(unescape(s[:i])), strings.TrimSpace(unescape(s[i+1:]))
}

func parseChoices(q *Question, parts []part, line int) []Problem {
	var probs []Problem
	add := func(msg string, args ...any) { probs = append(probs, Problem{line, fmt.Sprintf(msg, args...)}) }
	rights, wrongs, weighted := 0, 0, false
	var positive float64
	for _, p := range parts {
		w, hasW, rest, err := weightAndRest(p.text)
		if err != nil {
			add("%v", err)
			continue
		}
		text, fb := textAndFeedback(rest)
		if text == "" {
			add("an answer is empty")
			continue
		}
		a := Answer{Text: text, Feedback: fb}
		switch {
		case hasW:
			weighted = true
			a.Weight = w
		case p.mark == '=':
			a.Weight = 100
		}
		if p.mark == '=' {
			rights++
		} else {
			wrongs++
		}
		if a.Weight > 0 {
			positive += a.Weight
		}
		q.Answers = append(q.Answers, a)
	}
	switch {
	case wrongs == 0 && !weighted:
		q.Type = ShortAnswer
	case weighted && rights == 0:
		q.Type = MultiChoice
		if positive < 99.5 || positive > 100.5 {
			add("the positive weights of a multiple-answer question add up to %g%%, not 100%%", positive)
		}
	case rights == 1:
		q.Type = SingleChoice
	case rights == 0:
		add("a choice question needs one right answer (=) or weights (~%%50%%)")
	default:
		add("a single-choice question has %d right answers (=); use weights ~%%50%% for several", rights)
	}
	if (q.Type == SingleChoice || q.Type == MultiChoice) && len(q.Answers) < 2 {
		add("a choice question needs at least two answers")
	}
	return probs
}

func parseNumeric(p part) (Answer, error) {
	w, hasW, rest, err := weightAndRest(p.text)
	if err != nil {
		return Answer{}, err
	}
	if !hasW {
		w = 100
	}
	val, fb := textAndFeedback(rest)
	a := Answer{Weight: w, Feedback: fb}
	if lo, hi, ok := strings.Cut(val, ".."); ok {
		l, err1 := strconv.ParseFloat(strings.TrimSpace(lo), 64)
		h, err2 := strconv.ParseFloat(strings.TrimSpace(hi), 64)
		if err1 != nil || err2 != nil || h < l {
			return a, fmt.Errorf("a range is written min..max")
		}
		a.Value, a.Tolerance = (l+h)/2, (h-l)/2
		a.Text = val
		return a, nil
	}
	v, tol, _ := strings.Cut(val, ":")
	x, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil {
		return a, fmt.Errorf("not a number")
	}
	a.Value, a.Text = x, val
	if tol != "" {
		t, err := strconv.ParseFloat(strings.TrimSpace(tol), 64)
		if err != nil || t < 0 {
			return a, fmt.Errorf("the tolerance after : must be a positive number")
		}
		a.Tolerance = t
	}
	return a, nil
}
