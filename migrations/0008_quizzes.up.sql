-- Quizzes, attempts and grades.
--
-- The exam-day path is built around one row per attempt: starting inserts
-- it (with the questions, versions and option orders fixed for good),
-- autosave merges answers into it with one UPDATE, submit grades it in Go
-- and writes the result, the person's quiz grade and the course completion
-- with one statement.

-- Bumped by any change to which questions a category holds or which version
-- of a question is current: an lms process caches a quiz's question pools
-- under (quiz version, bank epoch) and so sees every change at once.
CREATE TABLE bank_epoch (
    id int PRIMARY KEY CHECK (id = 1),
    n  bigint NOT NULL
);
INSERT INTO bank_epoch VALUES (1, 1);

CREATE FUNCTION bump_bank_epoch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE bank_epoch SET n = n + 1 WHERE id = 1;
    RETURN NULL;
END $$;
CREATE TRIGGER questions_bump_epoch AFTER INSERT OR UPDATE OR DELETE ON questions
    FOR EACH STATEMENT EXECUTE FUNCTION bump_bank_epoch();
CREATE TRIGGER question_categories_bump_epoch AFTER INSERT OR UPDATE OR DELETE ON question_categories
    FOR EACH STATEMENT EXECUTE FUNCTION bump_bank_epoch();

CREATE TABLE quizzes (
    id                bigserial PRIMARY KEY,
    course_id         bigint NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
    module_id         bigint REFERENCES course_modules(id) ON DELETE SET NULL,
    slug              text NOT NULL CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,79}$'),
    position          int NOT NULL DEFAULT 0,
    title_vi          text NOT NULL CHECK (length(title_vi) BETWEEN 1 AND 200),
    title_en          text NOT NULL DEFAULT '' CHECK (length(title_en) <= 200),
    intro_vi          text NOT NULL DEFAULT '' CHECK (length(intro_vi) <= 5000),
    intro_en          text NOT NULL DEFAULT '' CHECK (length(intro_en) <= 5000),
    source            text NOT NULL CHECK (source IN ('files', 'app')),
    published         boolean NOT NULL DEFAULT false,
    required          boolean NOT NULL DEFAULT true, -- passing it is part of the course's completion rule
    time_limit        int CHECK (time_limit BETWEEN 60 AND 86400),       -- seconds; NULL: none
    open_at           timestamptz,
    close_at          timestamptz CHECK (close_at > open_at),
    attempts_allowed  int NOT NULL DEFAULT 0 CHECK (attempts_allowed BETWEEN 0 AND 100), -- 0: unlimited
    attempt_delay     int NOT NULL DEFAULT 0 CHECK (attempt_delay BETWEEN 0 AND 31536000), -- seconds
    grading_method    text NOT NULL DEFAULT 'highest' CHECK (grading_method IN ('highest', 'last', 'first', 'average')),
    pass_percent      numeric(5, 2) NOT NULL DEFAULT 50 CHECK (pass_percent BETWEEN 0 AND 100),
    navigation        text NOT NULL DEFAULT 'free' CHECK (navigation IN ('free', 'sequential')),
    shuffle_questions boolean NOT NULL DEFAULT true,
    shuffle_answers   boolean NOT NULL DEFAULT true,
    -- What a learner sees of a finished attempt: right after it, and once
    -- the quiz has closed. Items: score, correctness, feedback, answers.
    review_attempt    text[] NOT NULL DEFAULT '{score}'
        CHECK (review_attempt <@ ARRAY['score', 'correctness', 'feedback', 'answers']),
    review_closed     text[] NOT NULL DEFAULT '{score,correctness,feedback,answers}'
        CHECK (review_closed <@ ARRAY['score', 'correctness', 'feedback', 'answers']),
    version           int NOT NULL DEFAULT 1,
    content_hash      text NOT NULL DEFAULT '',
    created_by        bigint REFERENCES users(id),
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    UNIQUE (course_id, slug)
);

-- A slot is one fixed question, or a draw of count random questions from a
-- category (and its subcategories when asked).
CREATE TABLE quiz_slots (
    quiz_id     bigint NOT NULL REFERENCES quizzes(id) ON DELETE CASCADE,
    position    int NOT NULL,
    question_id bigint REFERENCES questions(id),
    category_id bigint REFERENCES question_categories(id),
    draw_count  int NOT NULL DEFAULT 1 CHECK (draw_count BETWEEN 1 AND 200),
    include_sub boolean NOT NULL DEFAULT false,
    mark        numeric(7, 2) NOT NULL DEFAULT 1 CHECK (mark > 0),
    PRIMARY KEY (quiz_id, position),
    CHECK ((question_id IS NULL) <> (category_id IS NULL))
);
CREATE INDEX quiz_slots_question_idx ON quiz_slots (question_id);
CREATE INDEX quiz_slots_category_idx ON quiz_slots (category_id);

CREATE TABLE quiz_attempts (
    id            bigserial PRIMARY KEY,
    quiz_id       bigint NOT NULL REFERENCES quizzes(id) ON DELETE CASCADE,
    person_id     bigint NOT NULL REFERENCES people(id),
    number        int NOT NULL CHECK (number > 0),
    state         text NOT NULL DEFAULT 'in_progress' CHECK (state IN ('in_progress', 'finished')),
    quiz_version  int NOT NULL,
    started_at    timestamptz NOT NULL DEFAULT now(),
    deadline      timestamptz, -- by the server's clock; NULL: no time limit
    sequential    boolean NOT NULL,
    slot_count    int NOT NULL CHECK (slot_count > 0),
    -- [{"v": question version id, "m": mark, "o": option order, "r": matching right-side order}]
    layout        jsonb NOT NULL,
    -- {"slot": {"s": save sequence, "r": response}}: a save replaces an answer only with a newer one.
    responses     jsonb NOT NULL DEFAULT '{}',
    save_seq      bigint NOT NULL DEFAULT 0,
    furthest      int NOT NULL DEFAULT 0, -- the last slot reached (sequential navigation)
    saved_at      timestamptz,
    finished_at   timestamptz,
    auto_finished boolean NOT NULL DEFAULT false, -- closed by the server when time ran out
    submit_key    uuid UNIQUE,                    -- the idempotency key of the submit that finished it
    -- [{"f": fraction or null while a trainer has not graded it, "c": trainer comment}]
    results       jsonb,
    score         numeric(9, 3),
    max_score     numeric(9, 3),
    percent       numeric(6, 2),
    passed        boolean,
    needs_grading boolean NOT NULL DEFAULT false,
    graded_at     timestamptz,
    UNIQUE (quiz_id, person_id, number),
    CHECK ((state = 'finished') = (finished_at IS NOT NULL))
) WITH (fillfactor = 70); -- room on each page: autosaves are HOT updates (no indexed column changes)
CREATE UNIQUE INDEX quiz_attempts_open_idx ON quiz_attempts (quiz_id, person_id) WHERE state = 'in_progress';
CREATE INDEX quiz_attempts_deadline_idx ON quiz_attempts (deadline) WHERE state = 'in_progress';
CREATE INDEX quiz_attempts_grading_idx ON quiz_attempts (quiz_id) WHERE needs_grading;
CREATE INDEX quiz_attempts_person_idx ON quiz_attempts (person_id);

-- A person's grade for a quiz by its grading method, over every graded
-- attempt. passed_at is the first time it passed: what certificates and
-- targets read.
CREATE TABLE quiz_grades (
    quiz_id    bigint NOT NULL REFERENCES quizzes(id) ON DELETE CASCADE,
    person_id  bigint NOT NULL REFERENCES people(id),
    attempts   int NOT NULL,
    percent    numeric(6, 2) NOT NULL,
    passed     boolean NOT NULL,
    passed_at  timestamptz,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (quiz_id, person_id)
);
CREATE INDEX quiz_grades_person_idx ON quiz_grades (person_id);

-- complete_enrolment completes a person's course when its rule is met: every
-- lesson read and, when the course asks, every required published quiz
-- passed (passed_quiz counts as passed: the statement that passes it cannot
-- see its own write). Returns the completion time, or NULL.
CREATE FUNCTION complete_enrolment(course bigint, person bigint, passed_quiz bigint) RETURNS timestamptz
LANGUAGE plpgsql AS $$ -- plpgsql, not sql: its plan is kept between calls
DECLARE
    done timestamptz;
BEGIN
    UPDATE enrolments e SET completed_at = now()
    WHERE e.course_id = course AND e.person_id = person AND e.completed_at IS NULL
      AND NOT EXISTS (SELECT 1 FROM lessons l WHERE l.course_id = course AND l.removed_at IS NULL
                      AND NOT EXISTS (SELECT 1 FROM lesson_progress p WHERE p.lesson_id = l.id AND p.person_id = person))
      AND (NOT (SELECT completion_quizzes FROM courses WHERE id = course)
           OR NOT EXISTS (SELECT 1 FROM quizzes q WHERE q.course_id = course AND q.published AND q.required
                          AND q.id IS DISTINCT FROM passed_quiz
                          AND NOT EXISTS (SELECT 1 FROM quiz_grades g WHERE g.quiz_id = q.id AND g.person_id = person AND g.passed)))
    RETURNING completed_at INTO done;
    RETURN done;
END $$;
