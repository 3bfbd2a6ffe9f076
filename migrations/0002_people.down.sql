DROP TABLE memberships;
DROP TABLE people;
