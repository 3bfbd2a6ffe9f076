DROP TABLE agency_closure;
DROP TABLE agencies;
DROP FUNCTION agency_closure_insert();
DROP FUNCTION agency_closure_move();
