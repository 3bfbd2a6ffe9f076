-- The numbering of 0009 (numbers cut to their width).
CREATE OR REPLACE FUNCTION insert_certificate(cert bigint, person bigint, p_kind text, p_code text, p_result text, renews bigint,
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
