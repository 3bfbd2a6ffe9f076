DROP FUNCTION complete_enrolment(bigint, bigint, bigint);
DROP TABLE quiz_grades;
DROP TABLE quiz_attempts;
DROP TABLE quiz_slots;
DROP TABLE quizzes;
DROP TRIGGER question_categories_bump_epoch ON question_categories;
DROP TRIGGER questions_bump_epoch ON questions;
DROP FUNCTION bump_bank_epoch();
DROP TABLE bank_epoch;
