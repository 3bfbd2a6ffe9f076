DROP INDEX memberships_person_idx;
