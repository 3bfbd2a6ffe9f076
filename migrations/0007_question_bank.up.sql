-- The question bank. Categories nest; a question's content lives in
-- immutable versions (every edit adds one), so an attempt that used version 3
-- keeps it, and a version's answer key can be cached forever by its id.
CREATE TABLE question_categories (
    id         bigserial PRIMARY KEY,
    parent_id  bigint REFERENCES question_categories(id),
    name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    course_id  bigint REFERENCES courses(id) ON DELETE SET NULL, -- the course whose module bank this is
    source     text NOT NULL DEFAULT 'app' CHECK (source IN ('app', 'files')),
    created_by bigint REFERENCES users(id),
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE NULLS NOT DISTINCT (parent_id, name)
);

CREATE TABLE questions (
    id             bigserial PRIMARY KEY,
    category_id    bigint NOT NULL REFERENCES question_categories(id),
    name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
    -- Identity of a question that comes from files: course/bank/name. A sync
    -- adds a version only when the question's content changed.
    source_key     text UNIQUE,
    tags           text[] NOT NULL DEFAULT '{}',
    latest_version int NOT NULL DEFAULT 1,
    search_text    text NOT NULL DEFAULT '',
    created_by     bigint REFERENCES users(id),
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    archived_at    timestamptz
);
CREATE INDEX questions_category_idx ON questions (category_id);
CREATE INDEX questions_search_idx ON questions USING gin (search_text gin_trgm_ops);

CREATE TABLE question_versions (
    id               bigserial PRIMARY KEY,
    question_id      bigint NOT NULL REFERENCES questions(id),
    version          int NOT NULL,
    type             text NOT NULL CHECK (type IN ('single_choice', 'multiple_choice', 'true_false', 'short_answer',
                                                   'numerical', 'matching', 'essay', 'description')),
    format           text NOT NULL CHECK (format IN ('moodle', 'html', 'markdown', 'plain')),
    text             text NOT NULL,
    general_feedback text NOT NULL DEFAULT '',
    -- answers, weights, feedback, true/false, case sensitivity, grader info:
    -- the question in the interchange model of package qformat.
    body             jsonb NOT NULL,
    default_mark     numeric(7, 2) NOT NULL DEFAULT 1 CHECK (default_mark > 0),
    content_hash     text NOT NULL,
    created_by       bigint REFERENCES users(id),
    created_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (question_id, version)
);

-- Pictures embedded in a version's texts (@@PLUGINFILE@@/name).
CREATE TABLE question_files (
    version_id   bigint NOT NULL REFERENCES question_versions(id),
    name         text NOT NULL,
    content_type text NOT NULL,
    data         bytea NOT NULL,
    PRIMARY KEY (version_id, name)
);
