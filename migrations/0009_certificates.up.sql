-- Certifications (what can be earned) and certificates (what was earned).
--
-- A certificate is issued by the statement that completes its last
-- requirement (issue_certificates, called by the quiz submit and by the
-- lesson that completes a course), exactly once: a person holds at most one
-- current certificate of a certification (a partial unique index), and
-- issuing for a person and certification is serialised by an advisory lock
-- so that serial numbers have no gaps.

CREATE TABLE certifications (
    id                bigserial PRIMARY KEY,
    code              text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9][A-Z0-9-]{1,19}$'),
    name_vi           text NOT NULL CHECK (length(name_vi) BETWEEN 1 AND 200),
    name_en           text NOT NULL DEFAULT '' CHECK (length(name_en) <= 200),
    -- Who issues it, as the certificate prints it.
    authority         text NOT NULL DEFAULT '',  -- the body above the issuer: "UBND TỈNH HÀ TĨNH"
    issuer            text NOT NULL,             -- "SỞ NỘI VỤ"
    issuer_en         text NOT NULL DEFAULT '',
    place             text NOT NULL DEFAULT '',  -- "Hà Tĩnh" in the place-and-date line
    signer_title      text NOT NULL DEFAULT '',  -- "GIÁM ĐỐC"
    signer_name       text NOT NULL DEFAULT '',
    serial_prefix     text NOT NULL CHECK (serial_prefix ~ '^[A-Z0-9][A-Z0-9-]{0,11}$'),
    requirement_mode  text NOT NULL DEFAULT 'all' CHECK (requirement_mode IN ('all', 'any')),
    validity_months   int CHECK (validity_months BETWEEN 1 AND 600), -- NULL: never expires
    -- How early before expiry a holder may renew, and what renewing needs:
    -- passing the certification's quizzes again, or meeting every requirement again.
    renew_window_days int NOT NULL DEFAULT 60 CHECK (renew_window_days BETWEEN 0 AND 3650),
    renew_requires    text NOT NULL DEFAULT 'quizzes' CHECK (renew_requires IN ('quizzes', 'all')),
    target            text CHECK (target IN ('it_basic', 'email_internet', 'cio', 'it_specialist')),
    active            boolean NOT NULL DEFAULT true,
    source            text NOT NULL CHECK (source IN ('files', 'app')),
    content_hash      text NOT NULL DEFAULT '',
    version           int NOT NULL DEFAULT 1,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE certification_requirements (
    certification_id bigint NOT NULL REFERENCES certifications(id) ON DELETE CASCADE,
    position         int NOT NULL,
    course_id        bigint REFERENCES courses(id),
    quiz_id          bigint REFERENCES quizzes(id),
    min_percent      numeric(5, 2) CHECK (min_percent BETWEEN 0 AND 100), -- quizzes: besides passing
    PRIMARY KEY (certification_id, position),
    CHECK ((course_id IS NULL) <> (quiz_id IS NULL))
);
CREATE INDEX certification_requirements_course_idx ON certification_requirements (course_id);
CREATE INDEX certification_requirements_quiz_idx ON certification_requirements (quiz_id);

-- Serial numbers run per certification and year; register numbers (số vào
-- sổ cấp) per year across the register.
CREATE TABLE certificate_counters (
    certification_id bigint NOT NULL, -- 0: the register
    year             int NOT NULL,
    last             int NOT NULL,
    PRIMARY KEY (certification_id, year)
);

CREATE SEQUENCE certificate_status_index;

CREATE TABLE certificates (
    id               bigserial PRIMARY KEY,
    certification_id bigint NOT NULL REFERENCES certifications(id),
    person_id        bigint NOT NULL REFERENCES people(id),
    agency_id        bigint NOT NULL REFERENCES agencies(id), -- the holder's agency when issued
    holder_name      text NOT NULL,                           -- as printed
    kind             text NOT NULL CHECK (kind IN ('auto', 'manual', 'recorded')),
    serial           text NOT NULL UNIQUE,
    register_no      text NOT NULL UNIQUE,
    issued_on        date NOT NULL,
    expires_on       date CHECK (expires_on > issued_on),
    -- Crockford base32 of 80 random bits; shown in groups of four.
    code             text NOT NULL UNIQUE CHECK (code ~ '^[0-9A-HJKMNP-TV-Z]{16}$'),
    status_index     int NOT NULL UNIQUE DEFAULT nextval('certificate_status_index'),
    result           text NOT NULL DEFAULT '', -- "Đạt – 85,5/100"
    reason           text NOT NULL DEFAULT '', -- manual issue
    -- A certificate earned elsewhere and recorded as equivalent.
    prior_title      text NOT NULL DEFAULT '',
    prior_issuer     text NOT NULL DEFAULT '',
    evidence_name    text,
    evidence_type    text,
    evidence         bytea,
    renews_id        bigint REFERENCES certificates(id),
    superseded_at    timestamptz, -- renewed by a newer certificate
    revoked_at       timestamptz,
    revoked_reason   text,
    revoked_by       bigint REFERENCES users(id),
    -- The signed token the QR code carries, made on first use and kept, so
    -- that a printed certificate stays checkable after the key rotates.
    token            text,
    created_by       bigint REFERENCES users(id),
    created_at       timestamptz NOT NULL DEFAULT now(),
    CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL))
);
CREATE UNIQUE INDEX certificates_current_idx ON certificates (certification_id, person_id) WHERE superseded_at IS NULL;
CREATE INDEX certificates_person_idx ON certificates (person_id);
CREATE INDEX certificates_agency_idx ON certificates (agency_id);
CREATE INDEX certificates_expiry_idx ON certificates (expires_on) WHERE superseded_at IS NULL AND revoked_at IS NULL;

-- certificate_status is a certificate's status on day d (Vietnam time):
-- what the holder could show that day.
CREATE FUNCTION certificate_status(issued_on date, expires_on date, revoked_at timestamptz, d date) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN issued_on > d THEN 'not_issued'
                WHEN revoked_at IS NOT NULL AND (revoked_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date <= d THEN 'revoked'
                WHEN expires_on IS NOT NULL AND expires_on < d THEN 'expired' -- valid through expires_on
                ELSE 'valid' END
$$;

-- Ed25519 keys that sign certificates' tokens and credentials. A retired
-- key keeps only its public half: old certificates stay verifiable.
CREATE TABLE signing_keys (
    kid         text PRIMARY KEY,
    private_key bytea,
    public_key  bytea NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    retired_at  timestamptz,
    CHECK ((retired_at IS NULL) = (private_key IS NOT NULL))
);

-- certificate_met says whether a person meets a certification's requirements
-- now; just_course and just_quiz count as met (the statement that completes
-- them cannot see its own writes).
CREATE FUNCTION certificate_met(cert bigint, person bigint, just_course bigint, just_quiz bigint, just_percent numeric,
                                since timestamptz)
RETURNS boolean LANGUAGE plpgsql STABLE AS $$ -- plpgsql, not sql: its plan is kept between calls
BEGIN
    RETURN (
    WITH r AS (
        SELECT (r.course_id IS NOT NULL AND (r.course_id = just_course OR EXISTS (
                    SELECT 1 FROM enrolments e WHERE e.course_id = r.course_id AND e.person_id = person
                    AND e.completed_at IS NOT NULL AND (since IS NULL OR e.completed_at >= since))))
            OR (r.quiz_id IS NOT NULL AND ((r.quiz_id = just_quiz AND just_percent >= COALESCE(r.min_percent, 0)) OR EXISTS (
                    SELECT 1 FROM quiz_grades g WHERE g.quiz_id = r.quiz_id AND g.person_id = person AND g.passed
                    AND g.percent >= COALESCE(r.min_percent, 0) AND (since IS NULL OR g.updated_at >= since)))) AS met,
               r.quiz_id IS NOT NULL AS is_quiz
        FROM certification_requirements r WHERE r.certification_id = cert)
    SELECT CASE WHEN (SELECT requirement_mode FROM certifications WHERE id = cert) = 'any'
                THEN COALESCE(bool_or(met), false) ELSE COALESCE(bool_and(met), false) AND count(*) > 0 END
    FROM r
    );
END $$;

-- insert_certificate writes one certificate of certification cert to
-- person, numbering it: serial per certification and year, register number
-- per year (recorded certificates have their own "GN" register: they are
-- not entered in the issuer's book). The caller holds the advisory lock of
-- (cert, person).
CREATE FUNCTION insert_certificate(cert bigint, person bigint, p_kind text, p_code text, p_result text, renews bigint,
                                   issued date, p_reason text, p_prior_title text, p_prior_issuer text, by_user bigint)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    c      certifications;
    yr     int := extract(year FROM issued);
    seq    int;
    reg    int;
    book   bigint := CASE WHEN p_kind = 'recorded' THEN -1 ELSE 0 END;
    new_id bigint;
BEGIN
    SELECT * INTO c FROM certifications WHERE id = cert;
    INSERT INTO certificate_counters VALUES (cert, yr, 1)
        ON CONFLICT (certification_id, year) DO UPDATE SET last = certificate_counters.last + 1 RETURNING last INTO seq;
    INSERT INTO certificate_counters VALUES (book, yr, 1)
        ON CONFLICT (certification_id, year) DO UPDATE SET last = certificate_counters.last + 1 RETURNING last INTO reg;
    IF renews IS NOT NULL THEN
        UPDATE certificates SET superseded_at = now() WHERE id = renews;
    END IF;
    INSERT INTO certificates (certification_id, person_id, agency_id, holder_name, kind, serial, register_no, issued_on,
                              expires_on, code, result, renews_id, reason, prior_title, prior_issuer, created_by)
    SELECT cert, p.id, p.agency_id, p.full_name, p_kind,
           c.serial_prefix || CASE WHEN p_kind = 'recorded' THEN '-GN' ELSE '' END || '-' || lpad(seq::text, 6, '0') || '/' || yr,
           CASE WHEN p_kind = 'recorded' THEN 'GN-' ELSE '' END || lpad(reg::text, 5, '0') || '/' || yr,
           issued, CASE WHEN c.validity_months IS NOT NULL THEN issued + make_interval(months => c.validity_months) END,
           p_code, p_result, renews, p_reason, p_prior_title, p_prior_issuer, by_user
    FROM people p WHERE p.id = person
    RETURNING id INTO new_id;
    RETURN new_id;
END $$;

-- issue_certificates issues to person every active certification whose
-- requirements the event (a course completed, a quiz passed) completes, or
-- renews a certificate within its renewal window; codes are fresh
-- verification codes from the caller, one per certificate issued. Returns
-- the ids issued.
CREATE FUNCTION issue_certificates(person bigint, just_course bigint, just_quiz bigint, quiz_percent numeric, codes text[])
RETURNS SETOF bigint LANGUAGE plpgsql AS $$
DECLARE
    c        record;
    cur      record;
    n        int := 0;
    today    date := (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date;
    since    timestamptz;
    new_id   bigint;
BEGIN
    FOR c IN
        SELECT DISTINCT ce.* FROM certifications ce JOIN certification_requirements r ON r.certification_id = ce.id
        WHERE ce.active AND (r.course_id = just_course OR r.quiz_id = just_quiz)
        ORDER BY ce.id
    LOOP
        PERFORM pg_advisory_xact_lock(hashtextextended('certificate:' || c.id || ':' || person, 0));
        SELECT id, expires_on, revoked_at INTO cur FROM certificates
        WHERE certification_id = c.id AND person_id = person AND superseded_at IS NULL;
        since := NULL;
        IF FOUND THEN
            -- Held: only a renewal within its window, by what renewing requires.
            IF cur.revoked_at IS NOT NULL OR cur.expires_on IS NULL
               OR today < cur.expires_on - c.renew_window_days THEN
                CONTINUE;
            END IF;
            since := (cur.expires_on - c.renew_window_days)::timestamptz;
            IF c.renew_requires = 'quizzes' AND just_quiz IS NULL THEN
                CONTINUE;
            END IF;
        END IF;
        IF NOT certificate_met(c.id, person, just_course, just_quiz, quiz_percent, since) THEN
            CONTINUE;
        END IF;
        n := n + 1;
        IF codes IS NULL OR n > array_length(codes, 1) THEN
            RAISE EXCEPTION 'issue_certificates: not enough verification codes';
        END IF;
        new_id := insert_certificate(c.id, person, 'auto', codes[n],
            CASE WHEN quiz_percent IS NOT NULL THEN 'Đạt – ' || replace(trim_scale(round(quiz_percent, 2))::text, '.', ',') || '/100'
                 ELSE 'Đạt' END, cur.id, today, '', '', '', NULL);
        -- In the audit log like every issue, by the system, in the same transaction.
        INSERT INTO audit_log (actor_name, action, entity_type, entity_id, agency_id, after)
        SELECT 'Hệ thống', CASE WHEN cur.id IS NULL THEN 'certificate.issued' ELSE 'certificate.renewed' END, 'certificate',
               ce.id::text, ce.agency_id,
               jsonb_build_object('serial', ce.serial, 'certification', c.code, 'person_id', ce.person_id, 'renews_id', ce.renews_id,
                                  'course_id', just_course, 'quiz_id', just_quiz)
        FROM certificates ce WHERE ce.id = new_id;
        RETURN NEXT new_id;
    END LOOP;
END $$;

-- renewal_opened is, when quiz (directly, or through its course) renews a
-- certificate the person holds and its renewal window is open now, when
-- that certificate was issued; NULL otherwise. The quiz's attempts allowed
-- count afresh from then (the attempts that earned it came before), so that
-- a holder can renew years later.
CREATE FUNCTION renewal_opened(quiz bigint, person bigint) RETURNS timestamptz
LANGUAGE plpgsql STABLE AS $$ -- plpgsql, not sql: its plan is kept between calls
BEGIN
    RETURN (
        SELECT max(ce.created_at)
        FROM certificates ce JOIN certifications d ON d.id = ce.certification_id
        JOIN certification_requirements r ON r.certification_id = d.id
        WHERE ce.person_id = person AND ce.superseded_at IS NULL AND ce.revoked_at IS NULL AND ce.expires_on IS NOT NULL
          AND now() >= (ce.expires_on - d.renew_window_days)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'
          AND (r.quiz_id = quiz OR r.course_id = (SELECT course_id FROM quizzes WHERE id = quiz)));
END $$;
