package qformat

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// WriteGIFT writes qs as GIFT that ParseGIFT (and Moodle) reads back to the
// same questions, escaping ~ = # { } : and \ and writing line breaks as \n.
// A $CATEGORY: line precedes each change of category. What GIFT cannot
// express is left out: case-sensitive short answers, marks, grader
// information, embedded files, the general feedback of a description, a
// weighted "any other number" answer; so is "->" in a short answer or on
// the left of a matching pair, which GIFT would read as matching.
func WriteGIFT(w io.Writer, qs []Question) error {
	bw := bufio.NewWriter(w)
	category := ""
	for i, q := range qs {
		if _, ok := xmlTypes[q.Type]; !ok {
			return fmt.Errorf("question %d (%q) has the unknown type %q", i+1, q.Name, q.Type)
		}
		if q.Category != category {
			bw.WriteString("$CATEGORY: " + escapeGIFT(q.Category) + "\n\n")
			category = q.Category
		}
		writeGIFTQuestion(bw, &q)
		bw.WriteString("\n")
	}
	return bw.Flush()
}

// escapeGIFT escapes GIFT's special characters and line breaks.
func escapeGIFT(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\', '~', '=', '#', '{', '}', ':':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// giftFormatted escapes s and, where s itself starts with something GIFT
// would take for markup, puts the format first so that it is read as text.
func giftFormatted(s, format string) string {
	if f, _ := splitFormat(s); f != "" {
		return "[" + format + "]" + escapeGIFT(s)
	}
	return escapeGIFT(s)
}

// formatOf is q's text format, Moodle's auto-format when unset or unknown.
func formatOf(q *Question) string {
	switch q.Format {
	case FormatHTML, FormatMarkdown, FormatPlain:
		return q.Format
	}
	return FormatMoodle
}

func writeGIFTQuestion(w *bufio.Writer, q *Question) {
	var meta []string
	if q.IDNumber != "" {
		meta = append(meta, "[id:"+escapeMeta(q.IDNumber)+"]")
	}
	for _, t := range q.Tags {
		meta = append(meta, "[tag:"+escapeMeta(t)+"]")
	}
	if len(meta) > 0 {
		w.WriteString("// " + strings.Join(meta, " ") + "\n")
	}
	format := formatOf(q)
	head := ""
	if q.Name != "" {
		head = "::" + escapeGIFT(q.Name) + ":: "
	}
	text := q.Text
	if format != FormatMoodle || (q.Name == "" && strings.HasPrefix(text, "//")) {
		head += "[" + format + "]"
	} else if f, _ := splitFormat(text); f != "" {
		head += "[" + format + "]"
	}
	if q.Type == Description {
		w.WriteString(head + escapeGIFT(text) + "\n")
		return
	}
	// A missing-word question puts the answers where the blank is, unless
	// the blank ends the text (GIFT reads answers at the end as no blank).
	before, after := text, ""
	if i := strings.Index(text, BlankMarker); i >= 0 && trim(text[i+len(BlankMarker):]) != "" {
		before, after = text[:i], text[i+len(BlankMarker):]
	}
	sep := ""
	if before != "" && !strings.HasSuffix(before, " ") && after == "" {
		sep = " "
	}
	w.WriteString(head + escapeGIFT(before) + sep + "{")
	lines := giftAnswers(q, format)
	if q.GeneralFeedback != "" {
		lines = append(lines, "####"+giftFormatted(q.GeneralFeedback, format))
	}
	switch short := strings.Join(lines, " "); {
	case len(lines) <= 2 && len(short) < 60:
		w.WriteString(short)
	default:
		for _, l := range lines {
			w.WriteString("\n\t" + l)
		}
		w.WriteString("\n")
	}
	w.WriteString("}" + escapeGIFT(after) + "\n")
}

func escapeMeta(s string) string {
	s = strings.ReplaceAll(s, "\n", " ")
	return strings.NewReplacer(`\`, `\\`, `[`, `\[`, `]`, `\]`).Replace(s)
}

func num(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

// giftAnswers writes the lines of q's answer block, general feedback aside.
func giftAnswers(q *Question, format string) []string {
	withFeedback := func(s, fb string) string {
		if fb == "" {
			return s
		}
		return s + " # " + giftFormatted(fb, format)
	}
	// weighted writes %w% unless w is the mark's default; always when the
	// text starts with % (which would otherwise be read as a weight).
	weighted := func(w, def float64, text string) string {
		if w != def || strings.HasPrefix(text, "%") {
			return "%" + num(w) + "%"
		}
		return ""
	}
	var lines []string
	switch q.Type {
	case SingleChoice, MultiChoice:
		right := -1
		if q.Type == SingleChoice {
			for i, a := range q.Answers {
				if a.Weight == 100 {
					right = i
					break
				}
			}
		}
		for i, a := range q.Answers {
			if i == right {
				lines = append(lines, withFeedback("="+weighted(a.Weight, 100, a.Text)+giftFormatted(a.Text, format), a.Feedback))
			} else {
				lines = append(lines, withFeedback("~"+weighted(a.Weight, 0, a.Text)+giftFormatted(a.Text, format), a.Feedback))
			}
		}
	case TrueFalse:
		var rightFB, wrongFB string
		for _, a := range q.Answers {
			if (a.Text == "true") == q.TrueFalse {
				rightFB = a.Feedback
			} else {
				wrongFB = a.Feedback
			}
		}
		s := "F"
		if q.TrueFalse {
			s = "T"
		}
		switch {
		case rightFB != "":
			s += "#" + giftFormatted(wrongFB, format) + "#" + giftFormatted(rightFB, format)
		case wrongFB != "":
			s += "#" + giftFormatted(wrongFB, format)
		}
		lines = append(lines, s)
	case ShortAnswer:
		for _, a := range q.Answers {
			lines = append(lines, withFeedback("="+weighted(a.Weight, 100, a.Text)+giftFormatted(a.Text, format), a.Feedback))
		}
	case Numerical:
		var other *Answer
		for i, a := range q.Answers {
			if a.Text == "*" {
				other = &q.Answers[i]
				continue
			}
			v := num(a.Value)
			if a.Tolerance != 0 {
				v += ":" + num(a.Tolerance)
			}
			lines = append(lines, withFeedback("="+weighted(a.Weight, 100, "")+v, a.Feedback))
		}
		if len(lines) > 0 {
			lines[0] = "#" + lines[0]
		} else {
			lines = append(lines, "#")
		}
		if other != nil {
			lines = append(lines, withFeedback("~", other.Feedback))
		}
	case Matching:
		for _, a := range q.Answers {
			lines = append(lines, "="+giftFormatted(a.Text, format)+" -> "+escapeGIFT(a.Match))
		}
	}
	return lines
}
