package quiz

import (
	"context"
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"github.com/govtrain/lms/api/auth"
	"github.com/govtrain/lms/api/platform/errs"
	"github.com/govtrain/lms/api/platform/richtext"
	"github.com/govtrain/lms/api/qformat"
)

// ReviewQuestion is a question of a finished attempt with what the review
// options let its reader see.
type ReviewQuestion struct {
	Question
	Name            string    `json:"name,omitempty"`
	State           string    `json:"state,omitempty"`
	Awarded         *float64  `json:"awarded,omitempty"`
	Feedback        string    `json:"feedback,omitempty"`
	GeneralFeedback string    `json:"general_feedback,omitempty"`
	Right           *Response `json:"right,omitempty"`
	RightText       string    `json:"right_text,omitempty"`
	Comment         string    `json:"comment,omitempty"`
}

// ReviewAttempt is the head of a review.
type ReviewAttempt struct {
	AttemptSummary
	QuizID     int64    `json:"quiz_id"`
	TitleVI    string   `json:"quiz_title_vi"`
	TitleEN    string   `json:"quiz_title_en"`
	CourseSlug string   `json:"course_slug"`
	PersonName string   `json:"person_name"`
	Score      *float64 `json:"score"`
	MaxScore   *float64 `json:"max_score"`
}

// Review is a finished attempt as its reader may see it.
type Review struct {
	Attempt   ReviewAttempt    `json:"attempt"`
	Shows     []string         `json:"shows"`
	Questions []ReviewQuestion `json:"questions"`
}

var everything = []string{ShowScore, ShowCorrectness, ShowFeedback, ShowAnswers}

// Review shows a finished attempt: to its learner as the quiz's review
// options allow now, to trainers and admins in full.
func (s *Service) Review(ctx context.Context, p auth.Principal, id int64) (Review, error) {
	a, err := s.readAttempt(ctx, on{}, id)
	if err != nil {
		return Review{}, err
	}
	staff := auth.Can(p.Role, auth.QuizzesGrade) && s.grader(ctx, p, a.QuizID) == nil
	mine := p.PersonID != nil && a.PersonID == *p.PersonID
	if !mine && !staff {
		return Review{}, errs.ErrNotFound
	}
	if a.State != "finished" {
		return Review{}, errs.New(errs.Conflict, "attempt_in_progress", "the attempt is still in progress")
	}
	shows := a.shows()
	if staff {
		shows = everything
	}
	var name string
	if err := s.db.GetContext(ctx, &name, `SELECT full_name FROM people WHERE id = $1`, a.PersonID); err != nil {
		return Review{}, err
	}
	out := Review{Attempt: ReviewAttempt{AttemptSummary: a.summary(staff), QuizID: a.QuizID, TitleVI: a.TitleVI,
		TitleEN: a.TitleEN, CourseSlug: a.CourseSlug, PersonName: name}, Shows: shows, Questions: []ReviewQuestion{}}
	if out.Attempt.Percent != nil {
		out.Attempt.Score, out.Attempt.MaxScore = a.Score, a.MaxScore
	}
	versions, err := s.versions.load(ctx, s.db, slotVersions(a.slots))
	if err != nil {
		return Review{}, err
	}
	results := a.results()
	for i, sl := range a.slots {
		v := versions[sl.Version]
		rq := ReviewQuestion{Question: a.question(i, sl, v)}
		if v == nil {
			out.Questions = append(out.Questions, rq)
			continue
		}
		var res result
		if i < len(results) {
			res = results[i]
		}
		stored := Response{}
		if rq.Response != nil {
			stored = sl.layout().Stored(*rq.Response)
		}
		g := Grade(v.Q, stored)
		if staff {
			rq.Name = v.Name
		}
		if slices.Contains(shows, ShowScore) {
			if res.Fraction != nil {
				awarded := *res.Fraction * sl.Mark
				rq.Awarded = &awarded
			}
		}
		if slices.Contains(shows, ShowCorrectness) {
			rq.State = stateOf(res, g)
		}
		if slices.Contains(shows, ShowFeedback) {
			if g.Feedback != "" {
				rq.Feedback = richtext.Format(v.Q.Format, g.Feedback)
			}
			rq.GeneralFeedback = v.R.GeneralFeedback
			rq.Comment = res.Comment
		}
		if slices.Contains(shows, ShowAnswers) {
			rq.Right, rq.RightText = rightAnswer(v.Q, sl.layout())
		}
		out.Questions = append(out.Questions, rq)
	}
	return out, nil
}

func (a *attemptRow) results() []result {
	var rs []result
	if len(a.Results) > 0 {
		_ = json.Unmarshal(a.Results, &rs)
	}
	return rs
}

// stateOf says how a graded question went.
func stateOf(res result, g Result) string {
	switch {
	case res.Fraction == nil:
		return "pending"
	case !g.Answered && !g.Manual:
		return "unanswered"
	case *res.Fraction >= 0.9999:
		return "correct"
	case *res.Fraction > 0:
		return "partial"
	case !g.Answered:
		return "unanswered"
	}
	return "wrong"
}

// rightAnswer is the right response in the attempt's display order, or,
// for questions typed in, the right text.
func rightAnswer(q qformat.Question, l Layout) (*Response, string) {
	display := func(perm []int, stored int) int { return slices.Index(perm, stored) }
	switch q.Type {
	case qformat.SingleChoice:
		best := -1
		for i, a := range q.Answers {
			if best < 0 || a.Weight > q.Answers[best].Weight {
				best = i
			}
		}
		if best >= 0 {
			c := display(l.Options, best)
			return &Response{Choice: &c}, ""
		}
	case qformat.MultiChoice:
		r := &Response{Choices: []int{}}
		for i, a := range q.Answers {
			if a.Weight > 0 {
				r.Choices = append(r.Choices, display(l.Options, i))
			}
		}
		slices.Sort(r.Choices)
		return r, ""
	case qformat.TrueFalse:
		v := q.TrueFalse
		return &Response{Value: &v}, ""
	case qformat.ShortAnswer:
		for _, a := range q.Answers {
			if a.Weight >= 100 {
				return nil, a.Text
			}
		}
	case qformat.Numerical:
		for _, a := range q.Answers {
			if a.Weight >= 100 && a.Text != "*" {
				t := number(a.Value)
				if a.Tolerance > 0 {
					t += " ± " + number(a.Tolerance)
				}
				return nil, t
			}
		}
	case qformat.Matching:
		rights := Rights(q)
		r := &Response{Pairs: map[int]int{}}
		left := 0
		for _, a := range q.Answers {
			if a.Text == "" {
				continue
			}
			r.Pairs[left] = display(l.Rights, slices.Index(rights, a.Match))
			left++
		}
		return r, ""
	}
	return nil, ""
}

// number writes x the Vietnamese way (decimal comma).
func number(x float64) string {
	return strings.Replace(strconv.FormatFloat(x, 'f', -1, 64), ".", ",", 1)
}
