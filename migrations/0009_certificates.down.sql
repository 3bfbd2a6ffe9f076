DROP FUNCTION issue_certificates(bigint, bigint, bigint, numeric, text[]);
DROP FUNCTION certificate_met(bigint, bigint, bigint, bigint, numeric, timestamptz);
DROP TABLE signing_keys;
DROP FUNCTION certificate_status(date, date, timestamptz, date);
DROP TABLE certificates;
DROP SEQUENCE certificate_status_index;
DROP TABLE certificate_counters;
DROP TABLE certification_requirements;
DROP TABLE certifications;
