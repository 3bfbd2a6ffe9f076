-- Courses: the curriculum synced from courses/ (source 'files') and courses
-- trainers author in the app (source 'app'). Learners see both the same way.
CREATE TABLE courses (
    id             bigserial PRIMARY KEY,
    slug           text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,79}$'),
    code           text NOT NULL DEFAULT '' CHECK (length(code) <= 20),
    title_vi       text NOT NULL CHECK (length(title_vi) BETWEEN 1 AND 200),
    title_en       text NOT NULL DEFAULT '' CHECK (length(title_en) <= 200),
    summary_vi     text NOT NULL DEFAULT '' CHECK (length(summary_vi) <= 1000),
    summary_en     text NOT NULL DEFAULT '' CHECK (length(summary_en) <= 1000),
    description_md text NOT NULL DEFAULT '',
    description_html text NOT NULL DEFAULT '',
    track          text NOT NULL CHECK (track IN ('it-basic', 'email-internet', 'cio', 'it-specialist', 'other')),
    level          text NOT NULL CHECK (level IN ('basic', 'intermediate', 'advanced')),
    hours          numeric(5, 1) NOT NULL DEFAULT 0 CHECK (hours >= 0),
    open           boolean NOT NULL DEFAULT true,
    published      boolean NOT NULL DEFAULT false,
    source         text NOT NULL CHECK (source IN ('files', 'app')),
    content_hash   text NOT NULL DEFAULT '',
    completion_quizzes boolean NOT NULL DEFAULT false,
    search_text    text NOT NULL DEFAULT '',
    created_by     bigint REFERENCES users(id),
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX courses_search_idx ON courses USING gin (search_text gin_trgm_ops);

CREATE TABLE course_prerequisites (
    course_id   bigint NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
    requires_id bigint NOT NULL REFERENCES courses(id),
    PRIMARY KEY (course_id, requires_id),
    CHECK (course_id <> requires_id)
);

CREATE TABLE course_modules (
    id         bigserial PRIMARY KEY,
    course_id  bigint NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
    slug       text NOT NULL,
    position   int NOT NULL,
    title_vi   text NOT NULL,
    title_en   text NOT NULL DEFAULT '',
    bank_path  text NOT NULL DEFAULT '',
    bank_questions int NOT NULL DEFAULT 0,
    removed_at timestamptz,
    UNIQUE (course_id, slug)
);

-- A lesson keeps its id (and so every learner's progress) across edits; its
-- identity in files is (module slug, lesson slug). A lesson removed from the
-- files after learners completed it is kept with removed_at set.
CREATE TABLE lessons (
    id           bigserial PRIMARY KEY,
    course_id    bigint NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
    module_id    bigint NOT NULL REFERENCES course_modules(id) ON DELETE CASCADE,
    slug         text NOT NULL,
    position     int NOT NULL,
    title_vi     text NOT NULL,
    title_en     text NOT NULL DEFAULT '',
    minutes      int NOT NULL DEFAULT 10 CHECK (minutes BETWEEN 1 AND 240),
    body_md      text NOT NULL DEFAULT '',
    body_html    text NOT NULL DEFAULT '',
    content_hash text NOT NULL DEFAULT '',
    removed_at   timestamptz,
    updated_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (module_id, slug)
);
CREATE INDEX lessons_course_idx ON lessons (course_id) WHERE removed_at IS NULL;

-- Pictures used by lessons, kept in the database so every lms process can
-- serve them.
CREATE TABLE course_images (
    id           bigserial PRIMARY KEY,
    course_id    bigint NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
    name         text NOT NULL CHECK (name ~ '^[a-z0-9][a-z0-9._-]{0,120}$'),
    content_type text NOT NULL,
    data         bytea NOT NULL,
    sha256       text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (course_id, name)
);

CREATE TABLE enrolments (
    id             bigserial PRIMARY KEY,
    course_id      bigint NOT NULL REFERENCES courses(id),
    person_id      bigint NOT NULL REFERENCES people(id),
    source         text NOT NULL CHECK (source IN ('self', 'assigned')),
    enrolled_by    bigint REFERENCES users(id),
    enrolled_at    timestamptz NOT NULL DEFAULT now(),
    due_date       date,
    last_lesson_id bigint REFERENCES lessons(id) ON DELETE SET NULL,
    completed_at   timestamptz,
    UNIQUE (course_id, person_id)
);
CREATE INDEX enrolments_person_idx ON enrolments (person_id);

CREATE TABLE lesson_progress (
    person_id    bigint NOT NULL REFERENCES people(id),
    lesson_id    bigint NOT NULL REFERENCES lessons(id) ON DELETE CASCADE,
    completed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (person_id, lesson_id)
);
CREATE INDEX lesson_progress_lesson_idx ON lesson_progress (lesson_id);
