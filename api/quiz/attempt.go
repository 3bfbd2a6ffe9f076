package quiz

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"time"

	"github.com/lib/pq"

	"github.com/govtrain/lms/api/auth"
	"github.com/govtrain/lms/api/platform/errs"
)

// The statements of the exam-day path. Each is prepared once (Service.stmt).
const (
	// startQuery is everything a start decides on, in one statement. Inside
	// the renewal window of a certificate the quiz renews, the attempts
	// allowed count afresh (renewal_opened).
	startQuery = `
		SELECT q.version, q.course_id, q.published AND c.published AS published, q.open_at, q.close_at,
		       q.attempts_allowed, q.attempt_delay, q.time_limit, q.navigation = 'sequential' AS sequential,
		       (SELECT n FROM bank_epoch WHERE id = 1) AS epoch,
		       EXISTS (SELECT 1 FROM enrolments e WHERE e.course_id = q.course_id AND e.person_id = $2) AS enrolled,
		       a.last_number, a.used, a.last_finished, a.open_id, now() AS now, q.title_vi, q.title_en, c.slug AS course_slug
		FROM quizzes q JOIN courses c ON c.id = q.course_id
		CROSS JOIN LATERAL (SELECT renewal_opened(q.id, $2) AS opened) w
		CROSS JOIN LATERAL (SELECT COALESCE(max(number), 0) AS last_number, max(finished_at) AS last_finished,
		                           count(*) FILTER (WHERE w.opened IS NULL OR started_at >= w.opened) AS used,
		                           max(id) FILTER (WHERE state = 'in_progress') AS open_id
		                    FROM quiz_attempts WHERE quiz_id = q.id AND person_id = $2) a
		WHERE q.id = $1`

	insertAttempt = `
		INSERT INTO quiz_attempts (quiz_id, person_id, number, quiz_version, deadline, sequential, slot_count, layout)
		VALUES ($1, $2, $3, $4, LEAST(now() + make_interval(secs => $5), $6), $7, $8, $9)
		ON CONFLICT DO NOTHING
		RETURNING id, started_at, deadline, now() AS now`

	// attemptQuery reads an attempt with what showing, saving and grading it need.
	attemptQuery = `
		SELECT a.id, a.quiz_id, a.person_id, a.number, a.state, a.started_at, a.deadline, a.finished_at, a.auto_finished,
		       a.sequential, a.slot_count, a.layout, a.responses, a.results, a.save_seq, a.furthest, a.submit_key,
		       a.score, a.max_score, a.percent, a.passed, a.needs_grading, now() AS now,
		       q.course_id, q.title_vi, q.title_en, q.grading_method, q.pass_percent, q.close_at,
		       q.review_attempt, q.review_closed, c.slug AS course_slug
		FROM quiz_attempts a JOIN quizzes q ON q.id = a.quiz_id JOIN courses c ON c.id = q.course_id
		WHERE a.id = $1`

	// saveAnswers merges a save: one statement, one round trip. A slot's new
	// response replaces the stored one only when its save sequence is
	// higher, so a repeated or late save changes nothing; slots outside
	// [first open slot, slot_count) are ignored (sequential navigation cannot
	// go back). Written out here rather than as a SQL function, which
	// PostgreSQL would plan again on every call.
	saveAnswers = `
		UPDATE quiz_attempts
		SET responses = responses || COALESCE((
		        SELECT jsonb_object_agg(n.key, n.value) FROM jsonb_each($3::jsonb) n
		        WHERE n.key ~ '^[0-9]{1,4}$' AND n.key::int >= CASE WHEN sequential THEN furthest ELSE 0 END
		          AND n.key::int < slot_count
		          AND (responses -> n.key IS NULL OR (responses -> n.key ->> 's')::bigint < (n.value ->> 's')::bigint)), '{}'),
		    furthest = GREATEST(furthest, COALESCE($4, 0)), save_seq = GREATEST(save_seq, $5), saved_at = now()
		WHERE id = $1 AND person_id = $2 AND state = 'in_progress'
		  AND (deadline IS NULL OR now() <= deadline + make_interval(secs => $6))
		  AND ($4::int IS NULL OR ($4 < slot_count AND (NOT sequential OR $4 <= furthest + 1)))
		RETURNING save_seq, furthest, deadline, now() AS now`
)

// attemptRow is an attempt as attemptQuery reads it.
type attemptRow struct {
	ID           int64            `db:"id"`
	QuizID       int64            `db:"quiz_id"`
	PersonID     int64            `db:"person_id"`
	Number       int              `db:"number"`
	State        string           `db:"state"`
	StartedAt    time.Time        `db:"started_at"`
	Deadline     *time.Time       `db:"deadline"`
	FinishedAt   *time.Time       `db:"finished_at"`
	AutoFinished bool             `db:"auto_finished"`
	Sequential   bool             `db:"sequential"`
	SlotCount    int              `db:"slot_count"`
	Layout       []byte           `db:"layout"`
	Responses    []byte           `db:"responses"`
	Results      []byte           `db:"results"`
	SaveSeq      int64            `db:"save_seq"`
	Furthest     int              `db:"furthest"`
	SubmitKey    *string          `db:"submit_key"`
	Score        *float64         `db:"score"`
	MaxScore     *float64         `db:"max_score"`
	Percent      *float64         `db:"percent"`
	Passed       *bool            `db:"passed"`
	NeedsGrading bool             `db:"needs_grading"`
	Now          time.Time        `db:"now"`
	CourseID     int64            `db:"course_id"`
	TitleVI      string           `db:"title_vi"`
	TitleEN      string           `db:"title_en"`
	Method       string           `db:"grading_method"`
	PassPercent  float64          `db:"pass_percent"`
	CloseAt      *time.Time       `db:"close_at"`
	ReviewNow    pq.StringArray   `db:"review_attempt"`
	ReviewClosed pq.StringArray   `db:"review_closed"`
	CourseSlug   string           `db:"course_slug"`
	slots        []slot           // decoded Layout
	saved        map[string]saved // decoded Responses
}

func (a *attemptRow) decode() error {
	if err := json.Unmarshal(a.Layout, &a.slots); err != nil {
		return err
	}
	a.saved = map[string]saved{}
	return json.Unmarshal(a.Responses, &a.saved)
}

// shows is what the attempt's learner may see of it now.
func (a *attemptRow) shows() []string {
	if a.CloseAt != nil && !a.Now.Before(*a.CloseAt) {
		return a.ReviewClosed
	}
	return a.ReviewNow
}

// summary is the attempt as its learner may see it in a list.
func (a *attemptRow) summary(staff bool) AttemptSummary {
	s := AttemptSummary{ID: a.ID, Number: a.Number, State: a.State, StartedAt: a.StartedAt, Deadline: a.Deadline,
		FinishedAt: a.FinishedAt, AutoFinished: a.AutoFinished, NeedsGrading: a.NeedsGrading}
	if a.State == "finished" && !a.NeedsGrading && (staff || slices.Contains(a.shows(), ShowScore)) {
		s.Percent, s.Passed = a.Percent, a.Passed
	}
	return s
}

func (s *Service) readAttempt(ctx context.Context, o on, id int64) (*attemptRow, error) {
	st, err := s.stmt(ctx, attemptQuery)
	if err != nil {
		return nil, err
	}
	var a attemptRow
	if err := o.stmtx(st).GetContext(ctx, &a, id); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, errs.ErrNotFound
		}
		return nil, err
	}
	return &a, a.decode()
}

// own reads an attempt of p's; anyone else's is not found.
func (s *Service) own(ctx context.Context, p auth.Principal, id int64) (*attemptRow, error) {
	if p.PersonID == nil {
		return nil, errs.ErrNotFound
	}
	a, err := s.readAttempt(ctx, on{}, id)
	if err == nil && a.PersonID != *p.PersonID {
		return nil, errs.ErrNotFound
	}
	return a, err
}

// Start starts an attempt at quiz id for p, or returns the one p has in
// progress. It runs two statements (three when two starts race).
func (s *Service) Start(ctx context.Context, p auth.Principal, id int64) (Attempt, error) {
	if p.PersonID == nil {
		return Attempt{}, errNoPerson
	}
	person := *p.PersonID
	st, err := s.stmt(ctx, startQuery)
	if err != nil {
		return Attempt{}, err
	}
	var info struct {
		Version         int        `db:"version"`
		CourseID        int64      `db:"course_id"`
		Published       bool       `db:"published"`
		OpenAt          *time.Time `db:"open_at"`
		CloseAt         *time.Time `db:"close_at"`
		AttemptsAllowed int        `db:"attempts_allowed"`
		AttemptDelay    int        `db:"attempt_delay"`
		TimeLimit       *int       `db:"time_limit"`
		Sequential      bool       `db:"sequential"`
		Epoch           int64      `db:"epoch"`
		Enrolled        bool       `db:"enrolled"`
		LastNumber      int        `db:"last_number"`
		Used            int        `db:"used"` // attempts that count against the limit (a renewal starts afresh)
		LastFinished    *time.Time `db:"last_finished"`
		OpenID          *int64     `db:"open_id"`
		Now             time.Time  `db:"now"`
		TitleVI         string     `db:"title_vi"`
		TitleEN         string     `db:"title_en"`
		CourseSlug      string     `db:"course_slug"`
	}
	if err := st.GetContext(ctx, &info, id, person); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return Attempt{}, errs.ErrNotFound
		}
		return Attempt{}, err
	}
	if info.OpenID != nil {
		return s.Get(ctx, p, *info.OpenID)
	}
	if err := canStart(startCheck{published: info.Published, enrolled: info.Enrolled, now: info.Now, openAt: info.OpenAt,
		closeAt: info.CloseAt, allowed: info.AttemptsAllowed, used: info.Used, delay: info.AttemptDelay,
		lastFinished: info.LastFinished}); err != nil {
		return Attempt{}, err
	}
	d, fresh, err := s.defs.get(ctx, s.db, id, info.Version, info.Epoch)
	if err != nil {
		return Attempt{}, err
	}
	if fresh {
		// Every version a draw may pick, read once: later starts of this
		// quiz run no statement but their two.
		if _, err := s.versions.load(ctx, s.db, d.versionIDs()); err != nil {
			return Attempt{}, err
		}
	}
	r := newRand()
	slots, err := d.draw(r)
	if err != nil {
		return Attempt{}, err
	}
	versions, err := s.versions.load(ctx, s.db, slotVersions(slots))
	if err != nil {
		return Attempt{}, err
	}
	d.layOut(r, slots, versions)
	layout, err := json.Marshal(slots)
	if err != nil {
		return Attempt{}, err
	}
	var limit *float64
	if info.TimeLimit != nil {
		l := float64(*info.TimeLimit)
		limit = &l
	}
	ins, err := s.stmt(ctx, insertAttempt)
	if err != nil {
		return Attempt{}, err
	}
	var row struct {
		ID        int64      `db:"id"`
		StartedAt time.Time  `db:"started_at"`
		Deadline  *time.Time `db:"deadline"`
		Now       time.Time  `db:"now"`
	}
	err = ins.GetContext(ctx, &row, id, person, info.LastNumber+1, d.Version, limit, info.CloseAt, info.Sequential, len(slots), layout)
	if errors.Is(err, sql.ErrNoRows) {
		// Another start of the same person won the race: show theirs.
		var open int64
		if err := s.db.GetContext(ctx, &open, `SELECT id FROM quiz_attempts WHERE quiz_id = $1 AND person_id = $2
			AND state = 'in_progress'`, id, person); err != nil {
			return Attempt{}, errs.New(errs.Conflict, "start_conflict", "another attempt was started at the same moment; try again")
		}
		return s.Get(ctx, p, open)
	}
	if err != nil {
		return Attempt{}, err
	}
	a := &attemptRow{ID: row.ID, QuizID: id, PersonID: person, Number: info.LastNumber + 1, State: "in_progress",
		StartedAt: row.StartedAt, Deadline: row.Deadline, Sequential: info.Sequential, SlotCount: len(slots), Now: row.Now,
		TitleVI: info.TitleVI, TitleEN: info.TitleEN, CourseSlug: info.CourseSlug, slots: slots, saved: map[string]saved{}}
	return s.present(ctx, a)
}

func slotVersions(slots []slot) []int64 {
	ids := make([]int64, len(slots))
	for i, sl := range slots {
		ids[i] = sl.Version
	}
	return ids
}

// startCheck is what decides whether a person may start an attempt now.
type startCheck struct {
	published, enrolled bool
	now                 time.Time
	openAt, closeAt     *time.Time
	allowed, used       int
	delay               int // seconds
	lastFinished        *time.Time
}

// canStart says why an attempt may not start, or nil.
func canStart(c startCheck) error {
	switch {
	case !c.published:
		return errNotPublished
	case !c.enrolled:
		return errNotEnrolled
	case c.openAt != nil && c.now.Before(*c.openAt):
		return errNotOpen.With("open_at", *c.openAt)
	case c.closeAt != nil && !c.now.Before(*c.closeAt):
		return errQuizClosed
	case c.allowed > 0 && c.used >= c.allowed:
		return errNoAttempts
	}
	if next := nextStart(c); next != nil {
		return errWait.With("next_start_at", *next)
	}
	return nil
}

// nextStart is when the delay between attempts ends, when it has not yet.
func nextStart(c startCheck) *time.Time {
	if c.delay == 0 || c.lastFinished == nil {
		return nil
	}
	next := c.lastFinished.Add(time.Duration(c.delay) * time.Second)
	if c.now.Before(next) {
		return &next
	}
	return nil
}

// Get shows p's attempt id: in progress, its questions as far as p may see
// them and every saved answer; one statement.
func (s *Service) Get(ctx context.Context, p auth.Principal, id int64) (Attempt, error) {
	a, err := s.own(ctx, p, id)
	if err != nil {
		return Attempt{}, err
	}
	return s.present(ctx, a)
}

// present builds the learner's view of attempt a.
func (s *Service) present(ctx context.Context, a *attemptRow) (Attempt, error) {
	out := Attempt{ID: a.ID, QuizID: a.QuizID, TitleVI: a.TitleVI, TitleEN: a.TitleEN, CourseSlug: a.CourseSlug,
		Number: a.Number, State: a.State, Navigation: "free", StartedAt: a.StartedAt, Deadline: a.Deadline,
		ServerTime: a.Now, SaveSeq: a.SaveSeq, Furthest: a.Furthest, SlotCount: a.SlotCount, Questions: []Question{}}
	if a.Sequential {
		out.Navigation = "sequential"
	}
	if a.State != "in_progress" {
		return out, nil // a finished attempt is seen through its review
	}
	versions, err := s.versions.load(ctx, s.db, slotVersions(a.slots))
	if err != nil {
		return out, err
	}
	for i, sl := range a.slots {
		if a.Sequential && i > a.Furthest {
			break
		}
		out.Questions = append(out.Questions, a.question(i, sl, versions[sl.Version]))
	}
	return out, nil
}

func (a *attemptRow) question(i int, sl slot, v *version) Question {
	q := Question{Slot: i, Mark: sl.Mark}
	if v != nil {
		q.View = Present(v.R, sl.layout())
	}
	if r, ok := a.saved[strconv.Itoa(i)]; ok {
		resp := r.Response
		q.Response = &resp
	}
	return q
}

// GetQuestion shows one question of p's attempt in progress; with
// sequential navigation only the ones p has reached.
func (s *Service) GetQuestion(ctx context.Context, p auth.Principal, id int64, n int) (Question, error) {
	a, err := s.own(ctx, p, id)
	if err != nil {
		return Question{}, err
	}
	switch {
	case a.State != "in_progress":
		return Question{}, errFinished
	case n < 0 || n >= len(a.slots):
		return Question{}, errs.ErrNotFound
	case a.Sequential && n > a.Furthest:
		return Question{}, errNotReached
	}
	versions, err := s.versions.load(ctx, s.db, []int64{a.slots[n].Version})
	if err != nil {
		return Question{}, err
	}
	return a.question(n, a.slots[n], versions[a.slots[n].Version]), nil
}
