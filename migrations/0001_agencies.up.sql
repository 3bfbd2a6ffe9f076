-- Agencies (đơn vị) form a tree. agency_closure holds every ancestor/descendant
-- pair (including each agency with itself at depth 0) so that "this agency and
-- everything under it" is one indexed join, which is how scope is enforced.
CREATE TABLE agencies (
    id           bigserial PRIMARY KEY,
    parent_id    bigint REFERENCES agencies(id),
    code         text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9._-]{1,40}$'),
    name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    name_en      text NOT NULL DEFAULT '',
    level        text NOT NULL CHECK (level IN ('province', 'department', 'district', 'commune', 'unit')),
    sectors      text[] NOT NULL DEFAULT '{}',
    valid_from   date,
    valid_to     date,
    successor_of bigint REFERENCES agencies(id),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CHECK (parent_id IS DISTINCT FROM id),
    CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from)
);
CREATE INDEX agencies_parent_idx ON agencies (parent_id);

CREATE TABLE agency_closure (
    ancestor_id   bigint NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
    descendant_id bigint NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
    depth         int NOT NULL,
    PRIMARY KEY (ancestor_id, descendant_id)
);
CREATE INDEX agency_closure_descendant_idx ON agency_closure (descendant_id);

-- The closure is maintained by the database itself, so no code path can
-- insert or move an agency and forget it.
CREATE FUNCTION agency_closure_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO agency_closure (ancestor_id, descendant_id, depth)
    SELECT ancestor_id, NEW.id, depth + 1 FROM agency_closure WHERE descendant_id = NEW.parent_id
    UNION ALL SELECT NEW.id, NEW.id, 0;
    RETURN NEW;
END $$;
CREATE TRIGGER agencies_closure_insert AFTER INSERT ON agencies
    FOR EACH ROW EXECUTE FUNCTION agency_closure_insert();

CREATE FUNCTION agency_closure_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.parent_id IS NOT DISTINCT FROM OLD.parent_id THEN
        RETURN NEW;
    END IF;
    IF NEW.parent_id IS NOT NULL AND EXISTS (
        SELECT 1 FROM agency_closure WHERE ancestor_id = NEW.id AND descendant_id = NEW.parent_id) THEN
        RAISE EXCEPTION 'agency % cannot move under its own descendant', NEW.id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'agencies_no_cycle';
    END IF;
    -- Detach the subtree from its old ancestors, then attach it under the new parent.
    DELETE FROM agency_closure c
    USING agency_closure sub, agency_closure sup
    WHERE sub.ancestor_id = NEW.id AND c.descendant_id = sub.descendant_id
      AND sup.descendant_id = NEW.id AND sup.ancestor_id <> NEW.id AND c.ancestor_id = sup.ancestor_id;
    INSERT INTO agency_closure (ancestor_id, descendant_id, depth)
    SELECT sup.ancestor_id, sub.descendant_id, sup.depth + sub.depth + 1
    FROM agency_closure sup, agency_closure sub
    WHERE sup.descendant_id = NEW.parent_id AND sub.ancestor_id = NEW.id;
    RETURN NEW;
END $$;
CREATE TRIGGER agencies_closure_move AFTER UPDATE OF parent_id ON agencies
    FOR EACH ROW EXECUTE FUNCTION agency_closure_move();
