DROP TABLE targets;
DROP TABLE agency_mailboxes;
DROP TABLE qualifications;
DROP TABLE positions;
