package qformat

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"
)

// Limits of Moodle XML beyond Limits: a real export nests about six deep
// and has a few dozen elements per question.
const (
	maxXMLDepth            = 64
	maxXMLQuestionElements = 2000
	maxXMLElements         = 500_000
	maxXMLAttrs            = 32
)

// ParseMoodleXML reads Moodle XML (https://docs.moodle.org/en/Moodle_XML_format):
// category pseudo-questions, and the types multichoice (single and multiple,
// fractions), truefalse, shortanswer (usecase), numerical (tolerance),
// matching, essay (grader information) and description, with names, ID
// numbers, tags, default marks, text formats, general and per-answer
// feedback, and pictures embedded as <file encoding="base64"> that texts
// reference as @@PLUGINFILE@@/name (PNG, JPEG, GIF, WebP, each at most
// lim.MaxFileBytes, sniffed). Other question types are reported and skipped.
//
// Hostile input fails fast with a problem: a file over lim.MaxBytes, not in
// UTF-8, with any <!DOCTYPE or <!ENTITY (so no entity expansion, internal or
// external, can happen), nested deeper than 64 elements, with more than
// lim.MaxQuestions questions, 2,000 elements in one question, 500,000 in
// all, or 32 attributes on one element.
func ParseMoodleXML(r io.Reader, lim Limits) ([]Question, []Problem) {
	lim = lim.withDefaults()
	data, err := io.ReadAll(io.LimitReader(r, lim.MaxBytes+1))
	if err != nil {
		return nil, []Problem{{0, "the file could not be read"}}
	}
	if int64(len(data)) > lim.MaxBytes {
		return nil, []Problem{tooLarge(lim.MaxBytes)}
	}
	if p, ok := checkBytes(data); !ok {
		return nil, []Problem{p}
	}
	if p, ok := checkTags(data); !ok {
		return nil, []Problem{p}
	}
	if p, ok := scanXML(data, lim); !ok {
		return nil, []Problem{p}
	}
	d := newXMLDecoder(data)
	var qs []Question
	var probs []Problem
	category := ""
	for depth := 0; ; {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return qs, probs
		}
		if err != nil { // scanXML has read it all already
			return qs, append(probs, xmlProblem(err))
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth != 2 {
				continue
			}
			depth--
			if t.Name.Local != "question" {
				if err := d.Skip(); err != nil {
					return qs, append(probs, xmlProblem(err))
				}
				continue
			}
			line, _ := d.InputPos()
			var x xmlQuestion
			if err := d.DecodeElement(&x, &t); err != nil {
				return qs, append(probs, xmlProblem(err))
			}
			if x.Type == "category" {
				if x.Category != nil {
					category = cleanCategory(x.Category.Text)
				}
				continue
			}
			q, msgs := fromXML(&x, lim.MaxFileBytes)
			q.Line, q.Category = line, category
			for _, m := range msgs {
				probs = append(probs, Problem{line, m})
			}
			if len(msgs) == 0 {
				qs, probs = accept(qs, probs, q, line)
			}
		case xml.EndElement:
			depth--
		}
	}
}

func newXMLDecoder(data []byte) *xml.Decoder {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	d.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		if strings.EqualFold(label, "utf-8") || strings.EqualFold(label, "utf8") {
			return in, nil
		}
		return nil, fmt.Errorf("the file declares the encoding %q; Moodle XML is UTF-8", label)
	}
	return d
}

func xmlProblem(err error) Problem {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return Problem{se.Line, "the XML is not well-formed: " + se.Msg}
	}
	return Problem{0, "the XML could not be read: " + err.Error()}
}

// xmlFormat maps a format attribute to the model's; Moodle's default is html.
func xmlFormat(attr string) (string, bool) {
	if attr == "" {
		return FormatHTML, true
	}
	for f, x := range xmlFormats {
		if x == attr {
			return f, true
		}
	}
	return "", false
}

// fromXML turns one <question> into a Question and what is wrong with it.
func fromXML(x *xmlQuestion, maxFile int) (Question, []string) {
	var q Question
	var msgs []string
	bad := func(format string, args ...any) { msgs = append(msgs, fmt.Sprintf(format, args...)) }
	text := func(t *xmlText) string {
		if t == nil {
			return ""
		}
		msgs = append(msgs, addFiles(&q, t.Files, maxFile)...)
		return strings.TrimSpace(t.Text.S)
	}
	if x.Name != nil {
		q.Name = strings.TrimSpace(x.Name.Text)
	}
	q.IDNumber = strings.TrimSpace(x.IDNumber)
	if x.Tags != nil {
		for _, t := range x.Tags.Tags {
			if s := strings.TrimSpace(t.Text); s != "" {
				q.Tags = append(q.Tags, s)
			}
		}
	}
	q.Format = FormatHTML
	if x.QuestionText != nil {
		f, ok := xmlFormat(x.QuestionText.Format)
		if !ok {
			bad("unknown text format %q (html, moodle_auto_format, markdown or plain_text)", x.QuestionText.Format)
		}
		q.Format = f
	}
	q.Text = text(x.QuestionText)
	q.GeneralFeedback = text(x.GeneralFeedback)
	if g := strings.TrimSpace(x.DefaultGrade); g != "" {
		m, ok := parseFloat(g)
		if !ok || m < 0 {
			bad("the default grade %q is not a number of 0 or more", g)
		}
		q.Mark = m
	}
	answer := func(a xmlAnswer) Answer {
		msgs = append(msgs, addFiles(&q, a.Files, maxFile)...)
		out := Answer{Text: strings.TrimSpace(a.Text.S), Feedback: text(a.Feedback)}
		if f := strings.TrimSpace(a.Fraction); f != "" {
			w, ok := parseFloat(f)
			if !ok {
				bad("the fraction %q of an answer is not a number", f)
			}
			out.Weight = w
		}
		return out
	}
	switch x.Type {
	case "multichoice":
		q.Type = SingleChoice
		if s := strings.ToLower(strings.TrimSpace(x.Single)); s == "false" || s == "0" {
			q.Type = MultiChoice
		}
		for _, a := range x.Answers {
			q.Answers = append(q.Answers, answer(a))
		}
	case "truefalse":
		q.Type = TrueFalse
		var t, f *Answer
		for _, xa := range x.Answers {
			a := answer(xa)
			switch strings.ToLower(a.Text) {
			case "true":
				t = &a
			case "false":
				f = &a
			}
		}
		if t == nil || f == nil || len(x.Answers) != 2 || t.Weight == f.Weight {
			bad("a true/false question needs the answers true and false, one of them at fraction 100")
			break
		}
		q.TrueFalse = t.Weight > f.Weight
		q.Answers = trueFalseAnswers(q.TrueFalse, "", "")
		q.Answers[0].Feedback, q.Answers[1].Feedback = t.Feedback, f.Feedback
	case "shortanswer":
		q.Type = ShortAnswer
		q.CaseSensitive = strings.TrimSpace(x.UseCase) == "1"
		for _, a := range x.Answers {
			q.Answers = append(q.Answers, answer(a))
		}
	case "numerical":
		q.Type = Numerical
		for _, xa := range x.Answers {
			a := answer(xa)
			n := Answer{Text: "*"}
			if a.Text != "*" {
				v, ok := parseFloat(a.Text)
				if !ok {
					bad("numerical answer %q is not a number", a.Text)
					continue
				}
				n = Answer{Value: v}
			}
			n.Weight, n.Feedback = a.Weight, a.Feedback
			if tol := strings.TrimSpace(xa.Tolerance); tol != "" && n.Text != "*" {
				t, ok := parseFloat(tol)
				if !ok || t < 0 {
					bad("the tolerance %q is not a number of 0 or more", tol)
				}
				n.Tolerance = t
			}
			q.Answers = append(q.Answers, n)
		}
	case "matching":
		q.Type = Matching
		for _, s := range x.Subquestions {
			msgs = append(msgs, addFiles(&q, s.Files, maxFile)...)
			q.Answers = append(q.Answers, Answer{Text: strings.TrimSpace(s.Text.S), Match: strings.TrimSpace(s.Answer.Text)})
		}
	case "essay":
		q.Type = Essay
		q.GraderInfo = text(x.GraderInfo)
	case "description":
		q.Type = Description
	default:
		bad("question type %q is not supported (multichoice, truefalse, shortanswer, numerical, matching, essay, description); it is skipped", x.Type)
	}
	slices.SortFunc(q.Files, func(a, b File) int { return strings.Compare(a.Name, b.Name) })
	msgs = append(msgs, missingFiles(&q)...)
	return q, msgs
}

// validXML replaces what XML 1.0 cannot hold (control characters, invalid
// UTF-8) with U+FFFD and line breaks with \n, as a reader would see them.
func validXML(s string) string {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	ok := func(r rune) bool {
		return r == '\t' || r == '\n' || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
	}
	if strings.IndexFunc(s, func(r rune) bool { return !ok(r) }) < 0 && utf8.ValidString(s) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if !ok(r) {
			return utf8.RuneError
		}
		return r
	}, s)
}
