package bench

import (
	"fmt"
	"strings"
	"testing/fstest"
)

// The exam of the scenarios: a course of its own (open, one lesson) whose
// final test draws 30 true/false questions, all true, so that a taker
// passes or fails by choice: "true" everywhere scores 100%, "false" 0%.
const (
	examCourse    = "bench-exam"
	examQuiz      = "kiem-tra"
	examQuestions = 30
	examCert      = "BENCH"
)

const examManifest = `slug: bench-exam
code: BENCH
title:
  vi: Kỳ thi thử tải
  en: Load test exam
summary:
  vi: Khóa học của bộ đo tải, không dùng cho học viên.
  en: The load harness's course, not for learners.
description: |
  Khóa học do lms bench tạo trong cơ sở dữ liệu đo tải.
track: email-internet
level: basic
hours: 1
open: true
prerequisites: []
completion:
  lessons: all
  quizzes: true
modules:
  - folder: 01-de-thi
    title:
      vi: Đề thi
      en: The exam
    bank: banks/01-de-thi.gift
quizzes:
  - slug: kiem-tra
    title:
      vi: Kiểm tra
      en: Test
    minutes: 120
    pass: 70
    attempts: 0
    grading: highest
    draw:
      - module: 01-de-thi
        count: 30
`

const examLesson = `---
title: Hướng dẫn làm bài
title_en: How to take the test
minutes: 5
---

Bài này giới thiệu kỳ thi thử tải.

## Ghi nhớ

- Mọi câu hỏi đều đúng.
`

// examFiles is the course folder as lms courses sync reads it.
func examFiles() fstest.MapFS {
	var bank strings.Builder
	bank.WriteString("$CATEGORY: BENCH/Đề thi\n\n")
	for i := 1; i <= examQuestions; i++ {
		fmt.Fprintf(&bank, "::BENCH-%03d:: Câu %d: mệnh đề này đúng. {T}\n\n", i, i)
	}
	return fstest.MapFS{
		examCourse + "/course.yaml":               {Data: []byte(examManifest)},
		examCourse + "/01-de-thi/01-huong-dan.md": {Data: []byte(examLesson)},
		examCourse + "/banks/01-de-thi.gift":      {Data: []byte(bank.String())},
	}
}
