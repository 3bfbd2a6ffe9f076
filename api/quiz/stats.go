package quiz

import (
	"context"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/govtrain/lms/api/auth"
	"github.com/govtrain/lms/api/platform/richtext"
	"github.com/govtrain/lms/api/qformat"
)

// Bin is one bar of the score histogram.
type Bin struct {
	From  int `json:"from"`
	To    int `json:"to"`
	Count int `json:"count"`
}

// AnswerCount is how often one answer was given.
type AnswerCount struct {
	Label  string  `json:"label"`
	Count  int     `json:"count"`
	Credit float64 `json:"credit"`
}

// QuestionStats are a question's item statistics.
type QuestionStats struct {
	Slot           int           `json:"slot"`
	QuestionID     int64         `json:"question_id"`
	Name           string        `json:"name"`
	Type           qformat.Type  `json:"type"`
	Attempts       int           `json:"attempts"`
	Facility       *float64      `json:"facility"`
	Discrimination *float64      `json:"discrimination"`
	Answers        []AnswerCount `json:"answers"`
}

// Statistics are a quiz's statistics over its graded attempts.
type Statistics struct {
	Attempts  int             `json:"attempts"`
	Mean      *float64        `json:"mean"`
	Median    *float64        `json:"median"`
	StdDev    *float64        `json:"stddev"`
	PassRate  *float64        `json:"pass_rate"`
	Histogram []Bin           `json:"histogram"`
	Questions []QuestionStats `json:"questions"`
}

// Statistics computes a quiz's statistics: scores over every graded
// attempt, and for each question its facility index (mean fraction of the
// mark), discrimination index (correlation of the question's fraction with
// the rest of the attempt's score) and how often each answer was chosen.
func (s *Service) Statistics(ctx context.Context, p auth.Principal, quizID int64) (Statistics, error) {
	if err := s.grader(ctx, p, quizID); err != nil {
		return Statistics{}, err
	}
	var rows []attemptRow
	if err := s.db.SelectContext(ctx, &rows, `SELECT id, layout, responses, results, score, max_score, percent, passed
		FROM quiz_attempts WHERE quiz_id = $1 AND state = 'finished' AND NOT needs_grading`, quizID); err != nil {
		return Statistics{}, err
	}
	st := Statistics{Attempts: len(rows), Histogram: make([]Bin, 10), Questions: []QuestionStats{}}
	for i := range st.Histogram {
		st.Histogram[i] = Bin{From: i * 10, To: i*10 + 10}
	}
	if len(rows) == 0 {
		return st, nil
	}
	pcts := make([]float64, 0, len(rows))
	passed := 0
	type item struct {
		f, rest float64
	}
	byQ := map[int64][]item{}
	order := map[int64]int{} // first slot a question was seen in, to list questions in quiz order
	counts := map[int64]map[string]*AnswerCount{}
	var ids []int64
	for i := range rows {
		a := &rows[i]
		if err := a.decode(); err != nil {
			return st, err
		}
		ids = append(ids, slotVersions(a.slots)...)
	}
	versions, err := s.versions.load(ctx, s.db, ids)
	if err != nil {
		return st, err
	}
	for i := range rows {
		a := &rows[i]
		if a.Percent == nil || a.Score == nil || a.MaxScore == nil {
			continue
		}
		pcts = append(pcts, *a.Percent)
		if a.Passed != nil && *a.Passed {
			passed++
		}
		st.Histogram[min(int(*a.Percent/10), 9)].Count++
		for j, res := range a.results() {
			if j >= len(a.slots) || res.Fraction == nil {
				continue
			}
			sl := a.slots[j]
			f := *res.Fraction
			byQ[sl.Question] = append(byQ[sl.Question], item{f: f, rest: *a.Score - f*sl.Mark})
			if o, ok := order[sl.Question]; !ok || j < o {
				order[sl.Question] = j
			}
			v := versions[sl.Version]
			if v == nil {
				continue
			}
			if counts[sl.Question] == nil {
				counts[sl.Question] = map[string]*AnswerCount{}
			}
			var r Response
			if sv, ok := a.saved[strconv.Itoa(j)]; ok {
				r = sl.layout().Stored(sv.Response)
			}
			for _, label := range answerLabels(v.Q, r) {
				c := counts[sl.Question][label.Label]
				if c == nil {
					c = &AnswerCount{Label: label.Label, Credit: label.Credit}
					counts[sl.Question][label.Label] = c
				}
				c.Count++
			}
		}
	}
	n := float64(len(pcts))
	mean := sum(pcts) / n
	sorted := slices.Clone(pcts)
	slices.Sort(sorted)
	median := sorted[len(sorted)/2]
	if len(sorted)%2 == 0 {
		median = (sorted[len(sorted)/2-1] + sorted[len(sorted)/2]) / 2
	}
	sd := stddev(pcts, mean)
	rate := float64(passed) / n * 100
	st.Mean, st.Median, st.StdDev, st.PassRate = round2(mean), round2(median), round2(sd), round2(rate)

	latest := map[int64]*version{}
	for _, v := range versions {
		if cur := latest[v.QuestionID]; cur == nil || v.Version > cur.Version {
			latest[v.QuestionID] = v
		}
	}
	for qid, items := range byQ {
		v := latest[qid]
		qs := QuestionStats{QuestionID: qid, Attempts: len(items), Answers: []AnswerCount{}}
		if v != nil {
			qs.Name, qs.Type = v.Name, v.Q.Type
			qs.Answers = orderedAnswers(v.Q, counts[qid])
		}
		fs := make([]float64, len(items))
		rests := make([]float64, len(items))
		for i, it := range items {
			fs[i], rests[i] = it.f, it.rest
		}
		qs.Facility = round4(sum(fs) / float64(len(fs)))
		if d, ok := correlation(fs, rests); ok {
			qs.Discrimination = round4(d)
		}
		st.Questions = append(st.Questions, qs)
	}
	sort.Slice(st.Questions, func(i, j int) bool {
		a, b := st.Questions[i], st.Questions[j]
		if order[a.QuestionID] != order[b.QuestionID] {
			return order[a.QuestionID] < order[b.QuestionID]
		}
		return a.QuestionID < b.QuestionID
	})
	for i := range st.Questions {
		st.Questions[i].Slot = i
	}
	return st, nil
}

// answerLabels names what a response chose, for the answer counts.
func answerLabels(q qformat.Question, r Response) []AnswerCount {
	plain := func(s string) string { return richtext.Excerpt(stripTags(s), 120) }
	switch q.Type {
	case qformat.SingleChoice:
		if r.Choice != nil && *r.Choice >= 0 && *r.Choice < len(q.Answers) {
			a := q.Answers[*r.Choice]
			return []AnswerCount{{Label: plain(a.Text), Credit: a.Weight / 100}}
		}
	case qformat.MultiChoice:
		var out []AnswerCount
		for _, i := range r.Choices {
			if i >= 0 && i < len(q.Answers) {
				out = append(out, AnswerCount{Label: plain(q.Answers[i].Text), Credit: q.Answers[i].Weight / 100})
			}
		}
		return out
	case qformat.TrueFalse:
		if r.Value != nil {
			credit := 0.0
			if *r.Value == q.TrueFalse {
				credit = 1
			}
			return []AnswerCount{{Label: strconv.FormatBool(*r.Value), Credit: credit}}
		}
	case qformat.ShortAnswer, qformat.Numerical:
		if r.Text != nil && strings.TrimSpace(*r.Text) != "" {
			return []AnswerCount{{Label: richtext.Excerpt(strings.TrimSpace(*r.Text), 120), Credit: Grade(q, r).Fraction}}
		}
	case qformat.Matching, qformat.Essay:
		return nil
	}
	return []AnswerCount{{Label: "", Credit: 0}} // not answered
}

// orderedAnswers lists counts with every option of a choice question, in
// the question's order, then the rest by frequency (at most 10).
func orderedAnswers(q qformat.Question, counts map[string]*AnswerCount) []AnswerCount {
	out := []AnswerCount{}
	done := map[string]bool{}
	if q.Type == qformat.SingleChoice || q.Type == qformat.MultiChoice {
		for _, a := range q.Answers {
			label := richtext.Excerpt(stripTags(a.Text), 120)
			c := AnswerCount{Label: label, Credit: a.Weight / 100}
			if got := counts[label]; got != nil {
				c.Count = got.Count
			}
			out = append(out, c)
			done[label] = true
		}
	}
	var rest []AnswerCount
	for label, c := range counts {
		if !done[label] {
			rest = append(rest, *c)
		}
	}
	sort.Slice(rest, func(i, j int) bool {
		if rest[i].Count != rest[j].Count {
			return rest[i].Count > rest[j].Count
		}
		return rest[i].Label < rest[j].Label
	})
	if len(rest) > 10 {
		rest = rest[:10]
	}
	return append(out, rest...)
}

func sum(xs []float64) float64 {
	t := 0.0
	for _, x := range xs {
		t += x
	}
	return t
}

func stddev(xs []float64, mean float64) float64 {
	if len(xs) < 2 {
		return 0
	}
	v := 0.0
	for _, x := range xs {
		v += (x - mean) * (x - mean)
	}
	return math.Sqrt(v / float64(len(xs)-1))
}

// correlation is Pearson's r; false when either side does not vary or
// there are fewer than three pairs.
func correlation(xs, ys []float64) (float64, bool) {
	if len(xs) < 3 {
		return 0, false
	}
	mx, my := sum(xs)/float64(len(xs)), sum(ys)/float64(len(ys))
	var sxy, sxx, syy float64
	for i := range xs {
		dx, dy := xs[i]-mx, ys[i]-my
		sxy += dx * dy
		sxx += dx * dx
		syy += dy * dy
	}
	if sxx == 0 || syy == 0 {
		return 0, false
	}
	return sxy / math.Sqrt(sxx*syy), true
}

func round2(x float64) *float64 { r := math.Round(x*100) / 100; return &r }
func round4(x float64) *float64 { r := math.Round(x*10000) / 10000; return &r }
