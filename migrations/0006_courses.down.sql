DROP TABLE lesson_progress;
DROP TABLE enrolments;
DROP TABLE course_images;
DROP TABLE lessons;
DROP TABLE course_modules;
DROP TABLE course_prerequisites;
DROP TABLE courses;
