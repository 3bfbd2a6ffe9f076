-- Facts that are not learning, and the decision's targets as data.
--
-- Every fact is dated (valid_from .. valid_to, both inclusive; valid_to NULL:
-- still so), so that a target can be computed as of any day and the same day
-- always gives the same figures. History is never overwritten: a position
-- that ends gets its valid_to; a correction is a change in the audit log.

-- Positions: a person holds a role in an agency.
CREATE TABLE positions (
    id            bigserial PRIMARY KEY,
    person_id     bigint NOT NULL REFERENCES people(id),
    agency_id     bigint NOT NULL REFERENCES agencies(id),
    role          text NOT NULL CHECK (role IN ('it_officer', 'cio', 'it_specialist')),
    valid_from    date NOT NULL,
    valid_to      date CHECK (valid_to >= valid_from),
    decision_no   text NOT NULL DEFAULT '' CHECK (length(decision_no) <= 100), -- số quyết định bổ nhiệm/phân công
    decision_date date,
    created_by    bigint REFERENCES users(id),
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX positions_agency_idx ON positions (agency_id, role, valid_from);
CREATE INDEX positions_person_idx ON positions (person_id);

-- Qualifications: a person's IT degree, from the day it was awarded.
CREATE TABLE qualifications (
    id            bigserial PRIMARY KEY,
    person_id     bigint NOT NULL REFERENCES people(id),
    level         text NOT NULL CHECK (level IN ('vocational', 'college', 'university', 'master', 'doctorate')),
    field         text NOT NULL CHECK (length(field) BETWEEN 1 AND 200), -- "Công nghệ thông tin", "Khoa học máy tính"
    it_field      boolean NOT NULL DEFAULT true, -- the field is information technology
    awarded_on    date NOT NULL,
    institution   text NOT NULL DEFAULT '',
    evidence_name text,
    evidence_type text,
    evidence      bytea,
    created_by    bigint REFERENCES users(id),
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX qualifications_person_idx ON qualifications (person_id);

-- An agency's official mailbox (hộp thư điện tử công vụ) from a day.
CREATE TABLE agency_mailboxes (
    id         bigserial PRIMARY KEY,
    agency_id  bigint NOT NULL REFERENCES agencies(id),
    address    text NOT NULL CHECK (address ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
    valid_from date NOT NULL,
    valid_to   date CHECK (valid_to >= valid_from),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX agency_mailboxes_agency_idx ON agency_mailboxes (agency_id);

-- Targets: a goal of the decision as data. population says what is counted
-- (agencies or people), metric what makes one count in the numerator; both
-- come from a small vocabulary that package target documents and computes
-- (no free SQL). params refine them (a role, a certification target, levels,
-- sectors, agency codes).
CREATE TABLE targets (
    id         bigserial PRIMARY KEY,
    code       text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9][A-Z0-9-]{1,29}$'),
    text_vi    text NOT NULL CHECK (length(text_vi) BETWEEN 1 AND 500),
    text_en    text NOT NULL DEFAULT '',
    section    text NOT NULL DEFAULT '', -- of the decision: "I.2.2.1"
    population text NOT NULL,
    metric     text NOT NULL,
    params     jsonb NOT NULL DEFAULT '{}',
    rule       text NOT NULL CHECK (rule IN ('gt', 'ge')), -- value > or >= threshold
    threshold  numeric(5, 2) NOT NULL CHECK (threshold BETWEEN 0 AND 100), -- percent
    deadline   date NOT NULL,
    position   int NOT NULL DEFAULT 0,
    active     boolean NOT NULL DEFAULT true,
    version    int NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- The targets of Decision 3260/QĐ-UBND about people (DOMAIN.md). "In-scope
-- agencies" are the provincial departments and the district-level People's
-- Committees ("ngành, địa phương").
INSERT INTO targets (code, text_vi, text_en, section, population, metric, params, rule, threshold, deadline, position) VALUES
('IT-OFFICER', '100% ngành, địa phương có cán bộ phụ trách về CNTT',
 'Every department and district has an official in charge of IT', 'I.2.2.1',
 'in_scope_agencies', 'has_position', '{"role": "it_officer"}', 'ge', 100, '2010-12-31', 1),
('CIO-70', 'Trên 70% ngành, địa phương đào tạo và bố trí Giám đốc CNTT',
 'More than 70% of departments and districts have a trained CIO', 'I.2.2.1',
 'in_scope_agencies', 'position_certified', '{"role": "cio", "certification": "cio"}', 'gt', 70, '2010-12-31', 2),
('CIO-ALL', 'Đến năm 2010 ở mỗi đơn vị có 1 cán bộ làm nhiệm vụ CIO',
 'By 2010 every unit has one official doing the CIO job', 'II.4.1',
 'in_scope_agencies', 'has_position', '{"role": "cio"}', 'ge', 100, '2010-12-31', 3),
('CIO-WAVE-2008', 'Năm 2008 đào tạo CIO cho khối kinh tế tổng hợp, nội chính, tài nguyên, nông nghiệp nông thôn và thành phố Hà Tĩnh',
 'In 2008 CIOs are trained for the economic-general, internal-affairs, natural-resources and agriculture sectors and Hà Tĩnh city', 'II.4.1',
 'agencies_of_sectors', 'has_certified_person',
 '{"certification": "cio", "sectors": ["economic-general", "internal-affairs", "natural-resources", "agriculture-rural"], "codes": ["436"]}',
 'ge', 100, '2008-12-31', 4),
('STAFF-IT', '100% CBCC làm công tác chuyên môn được phổ cập bắt buộc và sử dụng thành thạo CNTT',
 'All civil servants doing professional work are trained in and proficient with IT', 'I.2.2.1, II.4.3',
 'professional_staff', 'holds_certificate', '{"certification": "it_basic"}', 'ge', 100, '2010-12-31', 5),
('STAFF-NET-60', 'Trên 60% CBCC có điều kiện sử dụng thư điện tử và khai thác thông tin trên môi trường mạng',
 'More than 60% of civil servants use e-mail and online information', 'I.2.2.1',
 'staff', 'holds_certificate', '{"certification": "email_internet"}', 'gt', 60, '2010-12-31', 6),
('MAILBOX-2009', 'Đến năm 2009, 100% cơ quan nhà nước cấp tỉnh, huyện được cấp và sử dụng hộp thư riêng',
 'By 2009 every province- and district-level agency has its own official mailbox', 'II.2',
 'agencies_of_levels', 'has_mailbox', '{"levels": ["province", "department", "district"]}', 'ge', 100, '2009-12-31', 7),
('EMAIL-PROV', 'Đến năm 2010, 100% cán bộ cấp tỉnh sử dụng và trao đổi thông tin qua hộp thư điện tử',
 'By 2010 every province-level official uses e-mail', 'II.2',
 'staff_of_levels', 'holds_certificate', '{"certification": "email_internet", "levels": ["province", "department"]}', 'ge', 100, '2010-12-31', 8),
('EMAIL-DC-60', '60% cán bộ cấp huyện, xã sử dụng thư điện tử',
 '60% of district and commune officials use e-mail', 'II.2',
 'staff_of_levels', 'holds_certificate', '{"certification": "email_internet", "levels": ["district", "commune"]}', 'ge', 60, '2010-12-31', 9),
('IT-DEGREE', 'Mỗi ngành, địa phương có ít nhất 1 cán bộ chuyên trách CNTT có trình độ đại học CNTT',
 'Every department and district has at least one IT specialist with a university IT degree', 'II.4.2',
 'in_scope_agencies', 'position_degree', '{"role": "it_specialist", "level": "university"}', 'ge', 100, '2010-12-31', 10);
