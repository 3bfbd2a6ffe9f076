DROP TABLE report_files;
DROP TABLE report_runs;
DROP FUNCTION report_frozen();
