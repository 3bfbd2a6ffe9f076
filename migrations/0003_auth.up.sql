-- Accounts. A user is usually a person; the operator's admin account need not be.
-- agency_id is the scope of an agency_manager (the agency and its subtree).
CREATE TABLE users (
    id                   bigserial PRIMARY KEY,
    username             text NOT NULL CHECK (username ~ '^[a-z0-9._-]{3,64}$'),
    password_hash        text NOT NULL,
    role                 text NOT NULL CHECK (role IN ('learner', 'trainer', 'agency_manager', 'home_affairs', 'admin')),
    person_id            bigint UNIQUE REFERENCES people(id),
    agency_id            bigint REFERENCES agencies(id),
    display_name         text NOT NULL DEFAULT '',
    active               boolean NOT NULL DEFAULT true,
    must_change_password boolean NOT NULL DEFAULT false,
    password_changed_at  timestamptz NOT NULL DEFAULT now(),
    last_login_at        timestamptz,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    CHECK (role <> 'agency_manager' OR agency_id IS NOT NULL)
);
CREATE UNIQUE INDEX users_username_idx ON users (username);

-- Refresh tokens are stored only as SHA-256 hashes. Every rotation keeps the
-- family id; presenting a token that was already used revokes the family.
CREATE TABLE refresh_tokens (
    id          bigserial PRIMARY KEY,
    family_id   uuid NOT NULL,
    user_id     bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token_hash  bytea NOT NULL UNIQUE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    revoked_at  timestamptz
);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id);

-- Failed sign-ins, kept for the throttling window (per account and per client
-- address) in the database so every lms process sees the same counts.
CREATE TABLE login_failures (
    id       bigserial PRIMARY KEY,
    username text NOT NULL,
    client   text NOT NULL,
    at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_username_idx ON login_failures (username, at);
CREATE INDEX login_failures_client_idx ON login_failures (client, at);
