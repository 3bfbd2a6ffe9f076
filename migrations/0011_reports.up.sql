-- The six-monthly report on the decision's targets. A run is asked for a
-- period (H1 ends 30/06, H2 ends 31/12) and a scope, computed by a
-- background job, and then frozen: its figures (data) and its files never
-- change, even when the facts are corrected later (a new run does).
CREATE TABLE report_runs (
    id           bigserial PRIMARY KEY,
    period       text NOT NULL CHECK (period ~ '^[0-9]{4}-H[12]$'),
    as_of        date NOT NULL,
    agency_id    bigint REFERENCES agencies(id), -- NULL: the province
    params       jsonb NOT NULL,                 -- everything the run was asked with (heading, number, signer)
    status       text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
    step         int NOT NULL DEFAULT 0,         -- progress: step of steps
    steps        int NOT NULL DEFAULT 0,
    error        text,
    data         jsonb,                          -- the frozen figures, once done
    created_by   bigint REFERENCES users(id),
    created_name text NOT NULL DEFAULT '',
    created_at   timestamptz NOT NULL DEFAULT now(),
    started_at   timestamptz,
    heartbeat_at timestamptz,                    -- a running job that stops beating is taken over
    finished_at  timestamptz
);
CREATE INDEX report_runs_pending ON report_runs (id) WHERE status IN ('queued', 'running');
CREATE INDEX report_runs_agency ON report_runs (agency_id, id);

CREATE TABLE report_files (
    run_id  bigint NOT NULL REFERENCES report_runs(id),
    format  text NOT NULL CHECK (format IN ('xlsx', 'pdf', 'csv')),
    content bytea NOT NULL,
    sha256  text NOT NULL,
    PRIMARY KEY (run_id, format)
);

-- A finished run is frozen: its row and its files can no longer change
-- (a failed one neither: it says why it failed; a new run is asked for).
CREATE FUNCTION report_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'report_files' THEN
        RAISE EXCEPTION 'the files of report run % are frozen', OLD.run_id USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF OLD.status IN ('done', 'failed') THEN
        RAISE EXCEPTION 'report run % is frozen', OLD.id USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER report_runs_frozen BEFORE UPDATE OR DELETE ON report_runs FOR EACH ROW EXECUTE FUNCTION report_frozen();
CREATE TRIGGER report_files_frozen BEFORE UPDATE OR DELETE ON report_files FOR EACH ROW EXECUTE FUNCTION report_frozen();
