package qformat

import (
	"encoding/base64"
	"encoding/xml"
	"fmt"
	"io"
	"slices"
)

// WriteMoodleXML writes qs as Moodle XML that ParseMoodleXML and Moodle
// read back to the same questions: a category pseudo-question before each
// change of category (under $course$/top/), each question with its name,
// ID number, tags, mark, formatted texts, feedback, and its files embedded
// in base64 in every text that references them (unreferenced ones in the
// question text).
func WriteMoodleXML(w io.Writer, qs []Question) error {
	quiz := xmlQuiz{}
	category := ""
	for i := range qs {
		q := &qs[i]
		if _, ok := xmlTypes[q.Type]; !ok {
			return fmt.Errorf("question %d (%q) has the unknown type %q", i+1, q.Name, q.Type)
		}
		if q.Category != category {
			path := "$course$/top"
			if q.Category != "" {
				path += "/" + q.Category
			}
			quiz.Questions = append(quiz.Questions, xmlQuestion{Type: "category", Category: &xmlPlain{validXML(path)}})
			category = q.Category
		}
		quiz.Questions = append(quiz.Questions, toXML(q))
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(quiz); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

func toXML(q *Question) xmlQuestion {
	format, ok := xmlFormats[formatOf(q)]
	if !ok {
		format = xmlFormats[FormatMoodle]
	}
	texts := q.texts()
	unreferenced := func(f File) bool {
		return !slices.ContainsFunc(texts, func(t string) bool { return references(t, f.Name) })
	}
	// files embeds the files s references (and, in the question text, the
	// files no text references).
	files := func(s string, questionText bool) []xmlFile {
		var out []xmlFile
		for _, f := range q.Files {
			if references(s, f.Name) || (questionText && unreferenced(f)) {
				out = append(out, xmlFile{Name: validXML(f.Name), Path: "/", Encoding: "base64", Data: base64.StdEncoding.EncodeToString(f.Data)})
			}
		}
		return out
	}
	textOf := func(s string) *xmlText {
		return &xmlText{Format: format, Text: xmlCDATA{validXML(s)}, Files: files(s, false)}
	}
	x := xmlQuestion{
		Type:            xmlTypes[q.Type],
		Name:            &xmlPlain{validXML(q.Name)},
		QuestionText:    textOf(q.Text),
		GeneralFeedback: textOf(q.GeneralFeedback),
		IDNumber:        validXML(q.IDNumber),
	}
	x.QuestionText.Files = files(q.Text, true)
	if q.Mark > 0 {
		x.DefaultGrade = num(q.Mark)
	}
	if len(q.Tags) > 0 {
		x.Tags = &xmlTags{}
		for _, t := range q.Tags {
			x.Tags.Tags = append(x.Tags.Tags, xmlPlain{validXML(t)})
		}
	}
	answer := func(a Answer, text string) xmlAnswer {
		return xmlAnswer{Fraction: num(a.Weight), Format: format, Text: xmlCDATA{validXML(text)}, Files: files(text, false), Feedback: textOf(a.Feedback)}
	}
	switch q.Type {
	case SingleChoice, MultiChoice:
		x.Single = fmt.Sprint(q.Type == SingleChoice)
		x.ShuffleAnswers, x.AnswerNumbering = "true", "abc"
		for _, a := range q.Answers {
			x.Answers = append(x.Answers, answer(a, a.Text))
		}
	case TrueFalse, ShortAnswer:
		if q.Type == ShortAnswer {
			x.UseCase = "0"
			if q.CaseSensitive {
				x.UseCase = "1"
			}
		}
		for _, a := range q.Answers {
			x.Answers = append(x.Answers, answer(a, a.Text))
		}
	case Numerical:
		for _, a := range q.Answers {
			v, tol := num(a.Value), num(a.Tolerance)
			if a.Text == "*" {
				v, tol = "*", "0"
			}
			xa := answer(a, v)
			xa.Tolerance = tol
			x.Answers = append(x.Answers, xa)
		}
	case Matching:
		x.ShuffleAnswers = "true"
		for _, a := range q.Answers {
			x.Subquestions = append(x.Subquestions, xmlSub{Format: format, Text: xmlCDATA{validXML(a.Text)}, Files: files(a.Text, false), Answer: xmlPlain{validXML(a.Match)}})
		}
	case Essay:
		x.ResponseFormat, x.ResponseRequired, x.ResponseLines = "editor", "1", "15"
		x.Attachments, x.AttachmentsNeeded = "0", "0"
		x.GraderInfo = textOf(q.GraderInfo)
		x.ResponseTemplate = &xmlText{Format: format}
	}
	return x
}
