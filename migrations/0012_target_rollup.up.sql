-- A roll-up of the people the targets count, kept by the transactions that
-- change the facts, so that the dashboard counts a province of millions in
-- milliseconds, as of any day, with the same answer as counting the facts.
--
-- target_spans holds, for each person, the stretches of days on which they
-- count: one per membership (certification ''), and one per stretch of a
-- membership on which they also hold a valid certificate counting for a
-- certification target (the union of their certificates' valid days, from
-- issued_on through expires_on, up to the day before a revocation, in
-- Vietnam time, as certificate_status says).
--
-- target_counts holds the changes of those counts per agency: +1 on a
-- span's first day, -1 the day after its last, filed three times: under
-- the day, the month and the year it happens in. The count on day d is
-- the sum of the years before d's year, the months of d's year before d's
-- month and the days of d's month up to d (target_people_on), a few
-- thousand rows at most whatever the number of people, and each change
-- touches three rows.
--
-- target_refresh(persons) takes a person's spans out and puts them back
-- from the facts; the triggers below call it for the people whose
-- memberships, certificates, professional flag or certifications' targets
-- a statement changed.

CREATE TABLE target_spans (
    person_id     bigint NOT NULL,
    agency_id     bigint NOT NULL,
    professional  boolean NOT NULL,
    certification text COLLATE "C" NOT NULL, -- '': the membership itself; else a certification target held
    valid_from    date NOT NULL,
    valid_to      date, -- inclusive; NULL: still so
    CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX target_spans_person_idx ON target_spans (person_id);

CREATE TABLE target_counts (
    grain         char(1) NOT NULL CHECK (grain IN ('y', 'm', 'd')),
    bucket        date NOT NULL, -- the first day of the year or month, or the day
    agency_id     bigint NOT NULL,
    certification text COLLATE "C" NOT NULL,
    professional  boolean NOT NULL,
    delta         int NOT NULL,
    PRIMARY KEY (grain, bucket, agency_id, certification, professional)
);

-- target_people_on is, on day d, per agency: how many memberships are
-- valid (certification '') and of those how many belong to a person
-- holding a valid certificate counting for each certification target, by
-- the person's professional flag.
CREATE FUNCTION target_people_on(d date)
RETURNS TABLE (agency_id bigint, professional boolean, certification text, n bigint)
LANGUAGE sql STABLE AS $$
    SELECT c.agency_id, c.professional, c.certification, sum(c.delta)::bigint
    FROM target_counts c
    WHERE (c.grain = 'y' AND c.bucket < date_trunc('year', d)::date)
       OR (c.grain = 'm' AND c.bucket >= date_trunc('year', d)::date AND c.bucket < date_trunc('month', d)::date)
       OR (c.grain = 'd' AND c.bucket >= date_trunc('month', d)::date AND c.bucket <= d)
    GROUP BY c.agency_id, c.professional, c.certification
$$;

CREATE FUNCTION target_refresh(persons bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF persons IS NULL OR cardinality(persons) = 0 THEN
        RETURN;
    END IF;
    -- One refresh of a person at a time: the next one waits, then sees what
    -- the first committed (each statement below takes a fresh snapshot).
    PERFORM 1 FROM people WHERE id = ANY(persons) ORDER BY id FOR NO KEY UPDATE;

    -- One statement: the spans taken out count -1, those put back +1, and
    -- only the net changes are written (a refresh that changes nothing
    -- writes no count).
    WITH gone AS (
        DELETE FROM target_spans WHERE person_id = ANY(persons)
        RETURNING agency_id, professional, certification, valid_from, valid_to),
    ids AS (
        SELECT DISTINCT unnest(persons) AS id),
    v AS ( -- the days each certificate is valid
        SELECT ce.person_id, cd.target, ce.issued_on AS f,
               COALESCE(LEAST(ce.expires_on, (ce.revoked_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date - 1), 'infinity') AS t
        FROM ids JOIN certificates ce ON ce.person_id = ids.id JOIN certifications cd ON cd.id = ce.certification_id
        WHERE cd.target IS NOT NULL),
    o AS (
        SELECT person_id, target, f, t,
               max(t) OVER (PARTITION BY person_id, target ORDER BY f, t ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before
        FROM v WHERE t >= f),
    i AS ( -- overlapping certificates (a renewal before expiry) make one stretch
        SELECT person_id, target, f, t,
               sum(CASE WHEN before IS NULL OR f > before THEN 1 ELSE 0 END)
                   OVER (PARTITION BY person_id, target ORDER BY f, t ROWS UNBOUNDED PRECEDING) AS island
        FROM o),
    held AS (
        SELECT person_id, target, min(f) AS f, max(t) AS t FROM i GROUP BY person_id, target, island),
    m AS (
        SELECT m.person_id, m.agency_id, p.professional, m.valid_from AS f, COALESCE(m.valid_to, 'infinity') AS t
        FROM ids JOIN memberships m ON m.person_id = ids.id JOIN people p ON p.id = m.person_id),
    s AS (
        INSERT INTO target_spans (person_id, agency_id, professional, certification, valid_from, valid_to)
        SELECT person_id, agency_id, professional, '', f, NULLIF(t, 'infinity') FROM m
        UNION ALL
        SELECT m.person_id, m.agency_id, m.professional, h.target, GREATEST(m.f, h.f), NULLIF(LEAST(m.t, h.t), 'infinity')
        FROM m JOIN held h ON h.person_id = m.person_id AND h.f <= m.t AND h.t >= m.f
        RETURNING agency_id, professional, certification, valid_from, valid_to),
    spans AS (
        SELECT *, -1 AS sign FROM gone
        UNION ALL
        SELECT *, 1 FROM s),
    ev AS (
        SELECT agency_id, professional, certification, valid_from AS day, sign AS delta FROM spans
        UNION ALL
        SELECT agency_id, professional, certification, valid_to + 1, -sign FROM spans WHERE valid_to IS NOT NULL)
    INSERT INTO target_counts AS t (grain, bucket, agency_id, certification, professional, delta)
    SELECT g.grain, g.bucket, ev.agency_id, ev.certification, ev.professional, sum(ev.delta)
    FROM ev CROSS JOIN LATERAL (VALUES ('y', date_trunc('year', ev.day)::date), ('m', date_trunc('month', ev.day)::date),
                                      ('d', ev.day)) g(grain, bucket)
    GROUP BY 1, 2, 3, 4, 5
    HAVING sum(ev.delta) <> 0
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (grain, bucket, agency_id, certification, professional) DO UPDATE SET delta = t.delta + EXCLUDED.delta;
END $$;

-- The triggers are per statement, with the rows the statement changed, so
-- that a bulk load refreshes its people once, in sets.
CREATE FUNCTION target_refresh_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    persons bigint[];
BEGIN
    IF TG_TABLE_NAME = 'people' THEN
        SELECT array_agg(n.id) INTO persons FROM changed_new n JOIN changed_old o ON o.id = n.id
        WHERE n.professional IS DISTINCT FROM o.professional;
    ELSIF TG_TABLE_NAME = 'certifications' THEN
        SELECT array_agg(DISTINCT ce.person_id) INTO persons
        FROM changed_new n JOIN changed_old o ON o.id = n.id JOIN certificates ce ON ce.certification_id = n.id
        WHERE n.target IS DISTINCT FROM o.target;
    ELSIF TG_OP = 'INSERT' THEN
        SELECT array_agg(DISTINCT person_id) INTO persons FROM changed_new;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(DISTINCT person_id) INTO persons FROM changed_old;
    ELSE
        SELECT array_agg(DISTINCT person_id) INTO persons
        FROM (SELECT person_id FROM changed_new UNION SELECT person_id FROM changed_old) x;
    END IF;
    PERFORM target_refresh(persons);
    RETURN NULL;
END $$;

CREATE TRIGGER memberships_target_insert AFTER INSERT ON memberships
    REFERENCING NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION target_refresh_changed();
CREATE TRIGGER memberships_target_update AFTER UPDATE ON memberships
    REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION target_refresh_changed();
CREATE TRIGGER memberships_target_delete AFTER DELETE ON memberships
    REFERENCING OLD TABLE AS changed_old FOR EACH STATEMENT EXECUTE FUNCTION target_refresh_changed();
CREATE TRIGGER certificates_target_insert AFTER INSERT ON certificates
    REFERENCING NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION target_refresh_changed();
CREATE TRIGGER certificates_target_update AFTER UPDATE ON certificates
    REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION target_refresh_changed();
CREATE TRIGGER certificates_target_delete AFTER DELETE ON certificates
    REFERENCING OLD TABLE AS changed_old FOR EACH STATEMENT EXECUTE FUNCTION target_refresh_changed();
CREATE TRIGGER people_target_update AFTER UPDATE ON people
    REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION target_refresh_changed();
CREATE TRIGGER certifications_target_update AFTER UPDATE ON certifications
    REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION target_refresh_changed();

-- What is already there.
SELECT target_refresh(array_agg(id)) FROM people;

ANALYZE target_spans, target_counts;
