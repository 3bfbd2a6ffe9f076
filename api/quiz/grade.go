// Package quiz will hold quizzes and attempts. So far it holds the two pure
// pieces every attempt needs: grading a response against a question version
// (grade.go) and the view of a question a learner may see while answering
// (view.go), which never carries correctness, weights or feedback.
package quiz

import (
	"math"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/govtrain/lms/api/qformat"
)

// Response is a learner's answer to one question. Indexes refer to the
// question's answers in their stored order (the attempt maps the shuffled
// order shown on screen back to it).
type Response struct {
	Choice  *int        `json:"choice,omitempty"`  // single choice
	Choices []int       `json:"choices,omitempty"` // multiple choice
	Value   *bool       `json:"value,omitempty"`   // true/false
	Text    *string     `json:"text,omitempty"`    // short answer, numerical, essay
	Pairs   map[int]int `json:"pairs,omitempty"`   // matching: left index -> index into Rights(q)
}

// Result is the grade of one response.
type Result struct {
	Fraction float64 // of the question's mark, 0..1
	Manual   bool    // an essay: a trainer grades it
	Answered bool
	Feedback string // of the answer given, when the question has one
}

// Grade grades r against q. It never fails: a malformed or missing response
// is simply worth nothing.
func Grade(q qformat.Question, r Response) Result {
	switch q.Type {
	case qformat.SingleChoice:
		if r.Choice == nil || *r.Choice < 0 || *r.Choice >= len(q.Answers) {
			return Result{}
		}
		a := q.Answers[*r.Choice]
		return Result{Fraction: clamp(a.Weight / 100), Answered: true, Feedback: a.Feedback}
	case qformat.MultiChoice:
		if len(r.Choices) == 0 {
			return Result{}
		}
		seen := map[int]bool{}
		sum := 0.0
		for _, i := range r.Choices {
			if i < 0 || i >= len(q.Answers) || seen[i] {
				continue
			}
			seen[i] = true
			sum += q.Answers[i].Weight
		}
		return Result{Fraction: clamp(sum / 100), Answered: true}
	case qformat.TrueFalse:
		if r.Value == nil {
			return Result{}
		}
		res := Result{Answered: true}
		if *r.Value == q.TrueFalse {
			res.Fraction = 1
		}
		// Answers are "true" then "false", each with the feedback for whoever picks it.
		if i := map[bool]int{true: 0, false: 1}[*r.Value]; i < len(q.Answers) {
			res.Feedback = q.Answers[i].Feedback
		}
		return res
	case qformat.ShortAnswer:
		if r.Text == nil || strings.TrimSpace(*r.Text) == "" {
			return Result{}
		}
		best := Result{Answered: true}
		for _, a := range q.Answers {
			if matchShort(a.Text, *r.Text, q.CaseSensitive) && a.Weight/100 > best.Fraction {
				best.Fraction, best.Feedback = clamp(a.Weight/100), a.Feedback
			}
		}
		return best
	case qformat.Numerical:
		if r.Text == nil {
			return Result{}
		}
		x, ok := parseNumber(*r.Text)
		if !ok {
			return Result{Answered: strings.TrimSpace(*r.Text) != ""}
		}
		best := Result{Answered: true}
		found := false
		for _, a := range q.Answers {
			if a.Text == "*" {
				continue
			}
			if math.Abs(x-a.Value) <= a.Tolerance+1e-9 && (!found || a.Weight/100 > best.Fraction) {
				best.Fraction, best.Feedback, found = clamp(a.Weight/100), a.Feedback, true
			}
		}
		if !found {
			for _, a := range q.Answers {
				if a.Text == "*" {
					best.Fraction, best.Feedback = clamp(a.Weight/100), a.Feedback
				}
			}
		}
		return best
	case qformat.Matching:
		rights := Rights(q)
		pairs := 0
		right := 0
		for _, a := range q.Answers {
			if a.Text == "" {
				continue // a distractor: an extra right side
			}
			pairs++
		}
		if pairs == 0 || len(r.Pairs) == 0 {
			return Result{}
		}
		left := 0
		for _, a := range q.Answers {
			if a.Text == "" {
				continue
			}
			if j, ok := r.Pairs[left]; ok && j >= 0 && j < len(rights) && rights[j] == a.Match {
				right++
			}
			left++
		}
		return Result{Fraction: float64(right) / float64(pairs), Answered: true}
	case qformat.Essay:
		return Result{Manual: true, Answered: r.Text != nil && strings.TrimSpace(*r.Text) != ""}
	}
	return Result{}
}

// Rights lists the distinct right sides of a matching question in their
// stored order; a matching response points into it.
func Rights(q qformat.Question) []string {
	var out []string
	seen := map[string]bool{}
	for _, a := range q.Answers {
		if !seen[a.Match] {
			seen[a.Match] = true
			out = append(out, a.Match)
		}
	}
	return out
}

func clamp(f float64) float64 { return math.Max(0, math.Min(1, f)) }

// matchShort compares a response with an accepted answer the way Moodle
// does, plus Unicode normalisation (Vietnamese keyboards may send decomposed
// letters): trimmed, runs of spaces collapsed, case ignored unless asked, and
// * in the answer matching any run of characters (\* is a literal star).
func matchShort(answer, response string, caseSensitive bool) bool {
	clean := func(s string) string { return strings.Join(strings.Fields(norm.NFC.String(s)), " ") }
	answer, response = clean(answer), clean(response)
	var pat strings.Builder
	pat.WriteString(`^`)
	for i := 0; i < len(answer); i++ {
		switch {
		case answer[i] == '\\' && i+1 < len(answer) && answer[i+1] == '*':
			pat.WriteString(`\*`)
			i++
		case answer[i] == '*':
			pat.WriteString(`.*`)
		default:
			pat.WriteString(regexp.QuoteMeta(answer[i : i+1]))
		}
	}
	pat.WriteString(`$`)
	flags := "(?s)"
	if !caseSensitive {
		flags = "(?si)"
	}
	re, err := regexp.Compile(flags + pat.String())
	return err == nil && re.MatchString(response)
}

// parseNumber reads a number as Vietnamese users type it too: a decimal comma
// ("3,6") and dots between thousands ("1.235.000").
func parseNumber(s string) (float64, bool) {
	s = strings.ReplaceAll(strings.TrimSpace(s), " ", "")
	if s == "" {
		return 0, false
	}
	switch {
	case strings.Count(s, ".") > 1 && !strings.Contains(s, ","):
		s = strings.ReplaceAll(s, ".", "") // 1.235.000
	case strings.Contains(s, ",") && strings.Contains(s, "."):
		s = strings.ReplaceAll(s, ".", "") // 1.235,5
		s = strings.Replace(s, ",", ".", 1)
	case strings.Count(s, ",") == 1:
		s = strings.Replace(s, ",", ".", 1) // 3,6
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
		return 0, false
	}
	return x, true
}
