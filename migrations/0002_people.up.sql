CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- People (cán bộ, công chức, viên chức). Names are stored in their three
-- Vietnamese parts because official lists sort by given name (tên) first.
-- search_text is the folded (lower case, no diacritics, đ -> d) form of the
-- name, code and e-mail, computed by the application with the same function it
-- uses to fold the query, so "nguyen van an" finds "Nguyễn Văn An".
CREATE TABLE people (
    id               bigserial PRIMARY KEY,
    code             text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9._-]{1,40}$'),
    family_name      text NOT NULL CHECK (length(family_name) BETWEEN 1 AND 50),
    middle_name      text NOT NULL DEFAULT '' CHECK (length(middle_name) <= 80),
    given_name       text NOT NULL CHECK (length(given_name) BETWEEN 1 AND 50),
    full_name        text GENERATED ALWAYS AS (
                         family_name || CASE WHEN middle_name = '' THEN '' ELSE ' ' || middle_name END || ' ' || given_name
                     ) STORED,
    search_text      text NOT NULL,
    gender           text NOT NULL DEFAULT '' CHECK (gender IN ('', 'male', 'female')),
    birth_date       date,
    email            text NOT NULL DEFAULT '' CHECK (length(email) <= 200),
    phone            text NOT NULL DEFAULT '' CHECK (length(phone) <= 30),
    agency_id        bigint NOT NULL REFERENCES agencies(id),
    kind             text NOT NULL CHECK (kind IN ('can_bo', 'cong_chuc', 'vien_chuc')),
    professional     boolean NOT NULL DEFAULT true,
    job_title        text NOT NULL DEFAULT '' CHECK (length(job_title) <= 200),
    it_qualification text NOT NULL DEFAULT 'none'
                     CHECK (it_qualification IN ('none', 'certificate', 'vocational', 'college', 'university', 'postgraduate')),
    active           boolean NOT NULL DEFAULT true,
    deactivated_at   timestamptz,
    version          int NOT NULL DEFAULT 1,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX people_agency_idx ON people (agency_id);
CREATE INDEX people_search_idx ON people USING gin (search_text gin_trgm_ops);
CREATE INDEX people_sort_idx ON people (given_name COLLATE "vi-x-icu", family_name COLLATE "vi-x-icu", middle_name COLLATE "vi-x-icu", id);

-- A person's agency over time. The current row has valid_to NULL; moving a
-- person closes it and opens another, so "where did X work on 30/06/2009"
-- always has an answer.
CREATE TABLE memberships (
    id         bigserial PRIMARY KEY,
    person_id  bigint NOT NULL REFERENCES people(id),
    agency_id  bigint NOT NULL REFERENCES agencies(id),
    valid_from date NOT NULL,
    valid_to   date,
    CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE UNIQUE INDEX memberships_current_idx ON memberships (person_id) WHERE valid_to IS NULL;
CREATE INDEX memberships_agency_idx ON memberships (agency_id);
