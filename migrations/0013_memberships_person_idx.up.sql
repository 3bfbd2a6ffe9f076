-- A person's memberships, all of them (memberships_current_idx has only the
-- current one): the roll-up of the targets (0012) reads them whenever a
-- person's certificates or memberships change, and without this index each
-- such change scanned every membership of the province.
CREATE INDEX memberships_person_idx ON memberships (person_id);
