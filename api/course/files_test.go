package course

import (
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/govtrain/lms/api/platform/vn"
)

func TestLoadFixtures(t *testing.T) {
	courses, probs := LoadAll(os.DirFS("testdata/courses"))
	if len(probs) > 0 {
		t.Fatalf("problems: %v", probs)
	}
	if len(courses) != 3 {
		t.Fatalf("got %d courses", len(courses))
	}
	c := courses[1] // nang-cao-thu, in folder order
	if c.Slug != "nang-cao-thu" || c.Prerequisites[0] != "tin-hoc-thu" || len(c.Modules[0].Lessons) != 2 || c.Modules[0].BankQuestions != 20 {
		t.Errorf("loaded %+v", c)
	}
	if l := c.Modules[0].Lessons[0]; l.Slug != "mo-dau" || l.Title.EN != "Introduction" || l.Minutes != 5 {
		t.Errorf("lesson %+v", l)
	}
}

func TestRenderIsSafe(t *testing.T) {
	html := Render("tin-hoc-thu", "Xem ![sơ đồ](../images/so-do.svg)\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>\n\n| a | b |\n|---|---|\n| 1 | 2 |")
	for _, bad := range []string{"<script", "javascript:", "onerror"} {
		if strings.Contains(html, bad) {
			t.Errorf("rendered HTML keeps %s: %s", bad, html)
		}
	}
	for _, good := range []string{`src="/api/v1/courses/tin-hoc-thu/images/so-do.svg"`, "<table>", "<td>1</td>"} {
		if !strings.Contains(html, good) {
			t.Errorf("rendered HTML lacks %s: %s", good, html)
		}
	}
}

// Every kind of mistake is reported with its file and, where it has one, line.
func TestValidateReportsProblems(t *testing.T) {
	good, _ := os.ReadFile("testdata/courses/tin-hoc-thu/course.yaml")
	bank, _ := os.ReadFile("testdata/courses/tin-hoc-thu/banks/01-co-ban.gift")
	lesson := "---\ntitle: A\ntitle_en: A\nminutes: 5\n---\n\nText.\n"
	fsys := fstest.MapFS{
		// A course whose manifest has an unknown field.
		"a-course/course.yaml":            {Data: append(good, []byte("colour: red\n")...)},
		"a-course/01-co-ban/01-mo-dau.md": {Data: []byte(lesson)},
		"a-course/banks/01-co-ban.gift":   {Data: bank},
		// Slug mismatch, bad track, a lesson with an h1 and a missing image,
		// a short bank with a broken question, an unsafe SVG.
		"b-course/course.yaml":            {Data: []byte(strings.NewReplacer("slug: tin-hoc-thu", "slug: other", "track: it-basic", "track: cooking").Replace(string(good)))},
		"b-course/01-co-ban/01-mo-dau.md": {Data: []byte("---\ntitle: A\ntitle_en: A\nminutes: 50\n---\n\n# Big\n\n![x](../images/missing.png)\n")},
		"b-course/01-co-ban/Bad Name.md":  {Data: []byte(lesson)},
		"b-course/banks/01-co-ban.gift":   {Data: []byte("::Q1:: two right {=a =b ~c}\n\n::Q2:: fine {=a ~b}\n")},
		"b-course/images/evil.svg":        {Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`)},
	}
	_, probs := LoadAll(fsys)
	var all []string
	for _, p := range probs {
		all = append(all, p.String())
	}
	text := strings.Join(all, "\n")
	for _, want := range []string{
		"a-course/course.yaml:", "field colour not found",
		"b-course/course.yaml:1: slug \"other\" must equal the folder name",
		"track must be one of",
		"b-course/01-co-ban/01-mo-dau.md:2: minutes",
		"b-course/01-co-ban/01-mo-dau.md:7: use ## and below",
		"b-course/01-co-ban/01-mo-dau.md:9: image \"missing.png\"",
		"b-course/01-co-ban/Bad Name.md: a lesson file is named like",
		"b-course/banks/01-co-ban.gift:1: a single-choice question has 2 right answers",
		"the bank has 1 questions; a module needs at least 20",
		"b-course/images/evil.svg: an SVG may not contain <script>",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("no problem mentioning %q in:\n%s", want, text)
		}
	}
}

func TestSlugify(t *testing.T) {
	for in, want := range map[string]string{"Bài 1: Giới thiệu": "bai-1-gioi-thieu", "  Đường dẫn   ": "duong-dan", "!!!": "bai"} {
		if got := vn.Slug(in, "bai"); got != want {
			t.Errorf("vn.Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFeedbackOutsideBraces(t *testing.T) {
	bank, _ := os.ReadFile("testdata/courses/tin-hoc-thu/banks/01-co-ban.gift")
	bad := string(bank) + "\n::late:: Trời xanh? {T}\n####Giải thích.\n\n::ok:: Ô hiện \\#\\#\\#\\# khi cột hẹp? {T ####Đúng}\n"
	qs, probs := checkBank(fstest.MapFS{"banks/b.gift": {Data: []byte(bad)}}, "c", "banks/b.gift", "c/course.yaml", 1)
	if len(qs) != 22 || len(probs) != 1 || !strings.Contains(probs[0].String(), "goes inside the braces") {
		t.Errorf("got %d questions, problems %v", len(qs), probs)
	}
}

func TestResumeAt(t *testing.T) {
	mods := []Module{{Lessons: []LessonItem{{ID: 1}, {ID: 2}}}, {Lessons: []LessonItem{{ID: 3}, {ID: 4}}}}
	id := func(n int64) *int64 { return &n }
	check := func(name string, last *int64, done []int64, want int64) {
		t.Helper()
		for mi := range mods {
			for li := range mods[mi].Lessons {
				mods[mi].Lessons[li].Completed = slices.Contains(done, mods[mi].Lessons[li].ID)
			}
		}
		if got := resumeAt(mods, last); got == nil || *got != want {
			t.Errorf("%s: got %v, want %d", name, got, want)
		}
	}
	check("newcomer", nil, nil, 1)
	check("opened, unfinished", id(3), []int64{1, 2}, 3)
	check("finished the one opened", id(2), []int64{1, 2}, 3)
	check("skips finished ones", id(2), []int64{1, 2, 3}, 4)
	check("wraps to an earlier gap", id(4), []int64{2, 3, 4}, 1)
	check("all done", id(3), []int64{1, 2, 3, 4}, 3)
}
