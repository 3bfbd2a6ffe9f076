-- People imports run as jobs so a large file shows progress and the request
-- that started it returns at once. The job row is the only state, so any lms
-- process can report on it.
CREATE TABLE imports (
    id          bigserial PRIMARY KEY,
    kind        text NOT NULL,
    user_id     bigint NOT NULL REFERENCES users(id),
    agency_id   bigint REFERENCES agencies(id),
    filename    text NOT NULL,
    mode        text NOT NULL CHECK (mode IN ('all', 'valid_only')),
    status      text NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
    total       int NOT NULL DEFAULT 0,
    processed   int NOT NULL DEFAULT 0,
    created     int NOT NULL DEFAULT 0,
    updated     int NOT NULL DEFAULT 0,
    skipped     int NOT NULL DEFAULT 0,
    error       text NOT NULL DEFAULT '',
    report      jsonb NOT NULL DEFAULT '[]',
    created_at  timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz
);
CREATE INDEX imports_user_idx ON imports (user_id, created_at DESC);
