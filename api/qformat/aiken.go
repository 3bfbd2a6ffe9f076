package qformat

import (
	"fmt"
	"regexp"
	"strings"
)

var (
	aikenOption = regexp.MustCompile(`^([A-Z])[.)](?:[ \t]+(.*))?$`)
	aikenAnswer = regexp.MustCompile(`(?i)^ANSWER\s*:\s*(.*)$`)
)

// ParseAiken reads the Aiken format (https://docs.moodle.org/en/Aiken_format):
// a question, its options labelled A. B. ... (or A) B) ...), then
// "ANSWER: B". Every question is single choice with plain-text texts. As a
// convenience over Moodle, a question may take several lines before its
// first option, and "answer:" may be in any case. Blank lines are ignored.
func ParseAiken(src string) ([]Question, []Problem) {
	if len(src) > DefaultMaxBytes {
		return nil, []Problem{tooLarge(DefaultMaxBytes)}
	}
	if p, ok := checkText(src); !ok {
		return nil, []Problem{p}
	}
	src = strings.TrimPrefix(src, "\ufeff")
	src = strings.ReplaceAll(strings.ReplaceAll(src, "\r\n", "\n"), "\r", "\n")
	var qs []Question
	var probs []Problem
	var q *Question
	qbad := false // q has a problem already
	bad := func(line int, msg string, args ...any) {
		probs = append(probs, Problem{line, fmt.Sprintf(msg, args...)})
		qbad = q != nil
	}
	unfinished := func() {
		if q != nil {
			bad(q.Line, "the question has no ANSWER: line")
		}
	}
	for i, raw := range strings.Split(src, "\n") {
		line, t := i+1, strings.TrimSpace(raw)
		if t == "" {
			continue
		}
		if m := aikenAnswer.FindStringSubmatch(t); m != nil {
			if q == nil {
				bad(line, "ANSWER: without a question before it")
				continue
			}
			letter := strings.ToUpper(strings.TrimSpace(m[1]))
			right := -1
			if len(letter) == 1 {
				right = int(letter[0]) - 'A'
			}
			switch {
			case len(q.Answers) < 2:
				bad(q.Line, "a question needs at least two options A. B. ...")
			case right < 0 || right >= len(q.Answers):
				bad(line, "the answer %q is not one of the options A to %c", m[1], 'A'+len(q.Answers)-1)
			case qbad:
			default:
				q.Answers[right].Weight = 100
				if len(qs) >= DefaultMaxQuestions {
					probs = append(probs, tooMany(q.Line, DefaultMaxQuestions))
					return qs, probs
				}
				qs, probs = accept(qs, probs, *q, q.Line)
			}
			q = nil
			continue
		}
		if m := aikenOption.FindStringSubmatch(t); m != nil && q != nil {
			if want := byte('A' + len(q.Answers)); m[1][0] != want {
				bad(line, "option %s comes where %c is expected", m[1], want)
			}
			q.Answers = append(q.Answers, Answer{Text: strings.TrimSpace(m[2])})
			continue
		}
		if q != nil && len(q.Answers) == 0 {
			q.Text += "\n" + t
			continue
		}
		unfinished()
		if aikenOption.MatchString(t) {
			bad(line, "an option without a question before it")
			q = nil
			continue
		}
		q, qbad = &Question{Line: line, Type: SingleChoice, Format: FormatPlain, Text: t}, false
	}
	unfinished()
	return qs, probs
}
