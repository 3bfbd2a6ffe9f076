package course_test

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/govtrain/lms/api/apitest"
	"github.com/govtrain/lms/api/course"
)

const fixtures = "testdata/courses"

type detail struct {
	ID           int64  `json:"id"`
	Slug         string `json:"slug"`
	CanSelfEnrol bool   `json:"can_self_enrol"`
	CanEdit      bool   `json:"can_edit"`
	Published    bool   `json:"published"`
	Modules      []struct {
		ID      int64 `json:"id"`
		Lessons []struct {
			ID        int64 `json:"id"`
			Completed bool  `json:"completed"`
		} `json:"lessons"`
	} `json:"modules"`
	Enrolment *struct {
		Progress    int     `json:"progress"`
		CompletedAt *string `json:"completed_at"`
	} `json:"enrolment"`
	ResumeLessonID *int64 `json:"resume_lesson_id"`
}

func getCourse(t *testing.T, a *apitest.API, slug, as string) detail {
	t.Helper()
	res := a.Get("/api/v1/courses/"+slug, as)
	if res.Code != http.StatusOK {
		t.Fatalf("course %s as %s: got %d %s", slug, as, res.Code, res.Body)
	}
	var d detail
	res.JSON(&d)
	return d
}

func post(a *apitest.API, path, as string, body any) apitest.Response {
	return a.Do(apitest.Request{Method: http.MethodPost, Path: path, As: as, Body: body})
}

func TestLearnerStudiesACourse(t *testing.T) {
	a := apitest.New(t)
	a.SyncCourses(fixtures)

	var cat struct {
		Items []struct {
			Slug string `json:"slug"`
		} `json:"items"`
		Total int `json:"total"`
	}
	a.Get("/api/v1/courses?q=tin%20hoc%20thu", "hocvien").JSON(&cat)
	if cat.Total != 1 || cat.Items[0].Slug != "tin-hoc-thu" {
		t.Errorf("search without diacritics: %+v", cat)
	}
	a.Get("/api/v1/courses?track=it-basic&level=basic&page_size=2", "hocvien").JSON(&cat)
	if cat.Total != 3 || len(cat.Items) != 2 {
		t.Errorf("filters and paging: %+v", cat)
	}
	a.Get("/api/v1/courses?page=9&page_size=2", "hocvien").JSON(&cat)
	if cat.Total != 3 || len(cat.Items) != 0 {
		t.Errorf("past the last page: %+v", cat)
	}
	if res := a.Get("/api/v1/courses?track=space", "hocvien"); res.Code != http.StatusBadRequest {
		t.Errorf("bad track: got %d", res.Code)
	}

	// Prerequisites first; closed courses are assigned, not chosen.
	if res := post(a, "/api/v1/courses/nang-cao-thu/enrol", "hocvien", nil); res.Code != http.StatusConflict || res.ErrorCode() != "prerequisites_missing" {
		t.Errorf("enrol before the prerequisite: got %d %s", res.Code, res.Body)
	}
	if res := post(a, "/api/v1/courses/dong-thu/enrol", "hocvien", nil); res.Code != http.StatusForbidden || res.ErrorCode() != "course_closed" {
		t.Errorf("closed course: got %d %s", res.Code, res.Body)
	}
	if res := post(a, "/api/v1/courses/tin-hoc-thu/enrol", "admin", nil); res.Code != http.StatusBadRequest || res.ErrorCode() != "no_person" {
		t.Errorf("account without a person: got %d %s", res.Code, res.Body)
	}
	d := getCourse(t, a, "tin-hoc-thu", "hocvien")
	first, second := d.Modules[0].Lessons[0].ID, d.Modules[0].Lessons[1].ID
	if res := a.Get(fmt.Sprintf("/api/v1/lessons/%d", first), "hocvien"); res.Code != http.StatusForbidden || res.ErrorCode() != "not_enrolled" {
		t.Errorf("lesson before enrolling: got %d", res.Code)
	}
	if !d.CanSelfEnrol {
		t.Fatal("can_self_enrol is false for an open course")
	}
	if res := post(a, "/api/v1/courses/tin-hoc-thu/enrol", "hocvien", nil); res.Code != http.StatusCreated {
		t.Fatalf("enrol: got %d %s", res.Code, res.Body)
	}
	if res := post(a, "/api/v1/courses/tin-hoc-thu/enrol", "hocvien", nil); res.Code != http.StatusConflict {
		t.Errorf("second enrolment: got %d", res.Code)
	}

	// Read the first lesson: sanitised HTML, images served from the API.
	res := a.Get(fmt.Sprintf("/api/v1/lessons/%d", first), "hocvien")
	var l struct {
		HTML   string `json:"html"`
		NextID *int64 `json:"next_id"`
		PrevID *int64 `json:"prev_id"`
	}
	res.JSON(&l)
	if strings.Contains(l.HTML, "<script") || !strings.Contains(l.HTML, "/api/v1/courses/tin-hoc-thu/images/so-do.svg") || l.PrevID != nil || l.NextID == nil || *l.NextID != second {
		t.Errorf("lesson: %+v", l)
	}
	var done struct {
		CourseProgress    int     `json:"course_progress"`
		CourseCompletedAt *string `json:"course_completed_at"`
	}
	post(a, fmt.Sprintf("/api/v1/lessons/%d/complete", first), "hocvien", nil).JSON(&done)
	if done.CourseProgress != 50 || done.CourseCompletedAt != nil {
		t.Errorf("after one of two lessons: %+v", done)
	}
	// Resume where one left off: the last lesson opened.
	a.Get(fmt.Sprintf("/api/v1/lessons/%d", second), "hocvien")
	if d := getCourse(t, a, "tin-hoc-thu", "hocvien"); d.ResumeLessonID == nil || *d.ResumeLessonID != second || d.Enrolment.Progress != 50 {
		t.Errorf("resume: %+v", d)
	}
	post(a, fmt.Sprintf("/api/v1/lessons/%d/complete", second), "hocvien", nil).JSON(&done)
	if done.CourseProgress != 100 || done.CourseCompletedAt == nil {
		t.Errorf("after the last lesson: %+v", done)
	}
	// Marking again changes nothing, not even the completion date.
	again := *done.CourseCompletedAt
	post(a, fmt.Sprintf("/api/v1/lessons/%d/complete", second), "hocvien", nil).JSON(&done)
	if *done.CourseCompletedAt != again {
		t.Errorf("completion date moved: %s -> %s", again, *done.CourseCompletedAt)
	}
	// Now the next course opens.
	if res := post(a, "/api/v1/courses/nang-cao-thu/enrol", "hocvien", nil); res.Code != http.StatusCreated {
		t.Errorf("enrol after completing the prerequisite: got %d %s", res.Code, res.Body)
	}
	var mine struct {
		Items []struct {
			CourseSlug string `json:"course_slug"`
			Progress   int    `json:"progress"`
		} `json:"items"`
	}
	a.Get("/api/v1/me/courses", "hocvien").JSON(&mine)
	if len(mine.Items) != 2 || mine.Items[0].CourseSlug != "nang-cao-thu" || mine.Items[1].Progress != 100 {
		t.Errorf("my courses (unfinished first): %+v", mine)
	}
	if res := a.Get("/api/v1/lessons/999999", "hocvien"); res.Code != http.StatusNotFound {
		t.Errorf("unknown lesson: got %d", res.Code)
	}
}

func TestImagesArePublicAndSafe(t *testing.T) {
	a := apitest.New(t)
	a.SyncCourses(fixtures)
	res := a.Get("/api/v1/courses/tin-hoc-thu/images/so-do.svg", "")
	if res.Code != http.StatusOK || res.Header().Get("Content-Type") != "image/svg+xml" ||
		res.Header().Get("X-Content-Type-Options") != "nosniff" || !strings.Contains(res.Header().Get("Content-Security-Policy"), "sandbox") {
		t.Errorf("image: %d %v", res.Code, res.Header())
	}
	if res := a.Get("/api/v1/courses/tin-hoc-thu/images/nope.png", ""); res.Code != http.StatusNotFound {
		t.Errorf("unknown image: got %d", res.Code)
	}
}

func TestBulkEnrolmentIsScoped(t *testing.T) {
	a := apitest.New(t)
	a.SyncCourses(fixtures)
	var canLoc, snvPerson int64
	a.DB.Get(&canLoc, `SELECT id FROM agencies WHERE code = '443'`)
	a.DB.Get(&snvPerson, `SELECT p.id FROM people p JOIN agencies a ON a.id = p.agency_id WHERE a.code = 'SNV' LIMIT 1`)
	var inScope int
	a.DB.Get(&inScope, `SELECT count(*) FROM people p JOIN agency_closure c ON c.descendant_id = p.agency_id WHERE c.ancestor_id = $1 AND p.active`, canLoc)
	var r struct {
		Matched, Enrolled, AlreadyEnrolled, MissingPrerequisites int
	}
	decode := func(res apitest.Response) {
		t.Helper()
		if res.Code != http.StatusOK {
			t.Fatalf("bulk: got %d %s", res.Code, res.Body)
		}
		var raw struct {
			Matched              int `json:"matched"`
			Enrolled             int `json:"enrolled"`
			AlreadyEnrolled      int `json:"already_enrolled"`
			MissingPrerequisites int `json:"missing_prerequisites"`
		}
		res.JSON(&raw)
		r.Matched, r.Enrolled, r.AlreadyEnrolled, r.MissingPrerequisites = raw.Matched, raw.Enrolled, raw.AlreadyEnrolled, raw.MissingPrerequisites
	}
	decode(post(a, "/api/v1/courses/dong-thu/enrolments", "quanly", map[string]any{"agency_id": canLoc, "due_date": "2026-12-31"}))
	if r.Matched != inScope || r.Enrolled != inScope {
		t.Errorf("Can Lộc: %+v, want %d", r, inScope)
	}
	// A person outside the manager's agency is not touched.
	decode(post(a, "/api/v1/courses/dong-thu/enrolments", "quanly", map[string]any{"person_ids": []int64{snvPerson}}))
	if r.Matched != 0 {
		t.Errorf("out of scope person matched: %+v", r)
	}
	// Again: nobody new, due dates refreshed.
	decode(post(a, "/api/v1/courses/dong-thu/enrolments", "quanly", map[string]any{"agency_id": canLoc, "due_date": "2027-01-15"}))
	if r.Enrolled != 0 || r.AlreadyEnrolled != inScope {
		t.Errorf("second run: %+v", r)
	}
	var due string
	a.DB.Get(&due, `SELECT max(due_date)::text FROM enrolments`)
	if due != "2027-01-15" {
		t.Errorf("due date: %s", due)
	}
	// Prerequisites still apply to assigned courses.
	decode(post(a, "/api/v1/courses/nang-cao-thu/enrolments", "noivu", map[string]any{"person_ids": []int64{snvPerson}}))
	if r.MissingPrerequisites != 1 || r.Enrolled != 0 {
		t.Errorf("prerequisites: %+v", r)
	}
	if res := post(a, "/api/v1/courses/dong-thu/enrolments", "quanly", map[string]any{}); res.Code != http.StatusBadRequest {
		t.Errorf("no selection: got %d", res.Code)
	}
	var list struct {
		Total int `json:"total"`
	}
	a.Get("/api/v1/courses/dong-thu/enrolments", "quanly").JSON(&list)
	if list.Total != inScope {
		t.Errorf("enrolment list: %d, want %d", list.Total, inScope)
	}
}

func TestTrainerAuthorsACourse(t *testing.T) {
	a := apitest.New(t)
	a.SyncCourses(fixtures)
	res := post(a, "/api/v1/courses", "giangvien", map[string]any{"slug": "chu-ky-so", "code": "CKS", "title_vi": "Sử dụng chữ ký số",
		"title_en": "Using digital signatures", "summary_vi": "Ký văn bản điện tử.", "track": "other", "level": "basic", "hours": 2,
		"prerequisites": []string{"tin-hoc-thu"}})
	if res.Code != http.StatusCreated {
		t.Fatalf("create: got %d %s", res.Code, res.Body)
	}
	if res := post(a, "/api/v1/courses", "giangvien", map[string]any{"slug": "chu-ky-so", "title_vi": "X", "track": "other", "level": "basic"}); res.Code != http.StatusConflict {
		t.Errorf("taken slug: got %d", res.Code)
	}
	// Drafts are invisible to learners.
	if res := a.Get("/api/v1/courses/chu-ky-so", "hocvien"); res.Code != http.StatusNotFound {
		t.Errorf("draft seen by a learner: %d", res.Code)
	}
	if res := post(a, "/api/v1/courses/chu-ky-so/publish", "giangvien", nil); res.Code != http.StatusConflict || res.ErrorCode() != "empty_course" {
		t.Errorf("publishing an empty course: got %d %s", res.Code, res.Body)
	}
	var m struct {
		ID int64 `json:"id"`
	}
	post(a, "/api/v1/courses/chu-ky-so/modules", "giangvien", map[string]any{"title_vi": "Chữ ký số là gì", "title_en": "What it is"}).JSON(&m)
	res = post(a, fmt.Sprintf("/api/v1/modules/%d/lessons", m.ID), "giangvien", map[string]any{"title_vi": "Khái niệm", "title_en": "Concepts", "minutes": 7, "body_md": "## Chữ ký số\n\nKý **công văn** điện tử."})
	if res.Code != http.StatusCreated {
		t.Fatalf("add lesson: got %d %s", res.Code, res.Body)
	}
	var lesson struct {
		ID   int64  `json:"id"`
		Slug string `json:"slug"`
	}
	res.JSON(&lesson)
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")
	body, ct := apitest.Multipart("file", "anh.png", png, nil)
	res = a.Do(apitest.Request{Method: http.MethodPost, Path: "/api/v1/courses/chu-ky-so/images", As: "giangvien", Body: body, ContentType: ct})
	var img struct {
		URL string `json:"url"`
	}
	res.JSON(&img)
	if res.Code != http.StatusCreated || !strings.HasPrefix(img.URL, "/api/v1/courses/chu-ky-so/images/") {
		t.Fatalf("upload: got %d %s", res.Code, res.Body)
	}
	if r := a.Get(img.URL, ""); r.Code != http.StatusOK || r.Header().Get("Content-Type") != "image/png" {
		t.Errorf("uploaded image: %d %v", r.Code, r.Header())
	}
	body, ct = apitest.Multipart("file", "x.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`), nil)
	if r := a.Do(apitest.Request{Method: http.MethodPost, Path: "/api/v1/courses/chu-ky-so/images", As: "giangvien", Body: body, ContentType: ct}); r.Code != http.StatusUnsupportedMediaType {
		t.Errorf("SVG upload: got %d, want 415", r.Code)
	}
	res = a.Do(apitest.Request{Method: http.MethodPatch, Path: fmt.Sprintf("/api/v1/lessons/%d", lesson.ID), As: "giangvien",
		Body: map[string]any{"body_md": "## Chữ ký số\n\n![ảnh](" + img.URL + ")"}})
	if res.Code != http.StatusOK {
		t.Errorf("edit lesson: got %d %s", res.Code, res.Body)
	}
	var prev struct {
		HTML string `json:"html"`
	}
	post(a, "/api/v1/markdown/preview", "giangvien", map[string]any{"markdown": "**đậm** <script>x</script>"}).JSON(&prev)
	if !strings.Contains(prev.HTML, "<strong>đậm</strong>") || strings.Contains(prev.HTML, "<script") {
		t.Errorf("preview: %s", prev.HTML)
	}
	if res := post(a, "/api/v1/courses/chu-ky-so/publish", "giangvien", nil); res.Code != http.StatusOK {
		t.Fatalf("publish: got %d %s", res.Code, res.Body)
	}
	d := getCourse(t, a, "chu-ky-so", "hocvien")
	if !d.Published || d.CanEdit || len(d.Modules) != 1 || len(d.Modules[0].Lessons) != 1 {
		t.Errorf("learner's view: %+v", d)
	}
	// File courses are edited in files; learners do not author.
	if r := a.Do(apitest.Request{Method: http.MethodPatch, Path: "/api/v1/courses/tin-hoc-thu", As: "admin", Body: map[string]any{"title_vi": "X"}}); r.Code != http.StatusConflict || r.ErrorCode() != "managed_by_files" {
		t.Errorf("editing a file course: got %d %s", r.Code, r.Body)
	}
	if r := a.Do(apitest.Request{Method: http.MethodPatch, Path: "/api/v1/courses/chu-ky-so", As: "admin", Body: map[string]any{"hours": 3}}); r.Code != http.StatusOK {
		t.Errorf("admin editing an app course: got %d", r.Code)
	}
	if r := a.Do(apitest.Request{Method: http.MethodPatch, Path: "/api/v1/courses/chu-ky-so", As: "giangvien", Body: map[string]any{"slug": "khac"}}); r.Code != http.StatusBadRequest {
		t.Errorf("changing the slug: got %d", r.Code)
	}
}

// Editing lessons in the files never loses progress; removing a completed
// lesson is refused unless asked for, and then archived.
func TestSyncKeepsProgress(t *testing.T) {
	a := apitest.New(t)
	ctx := context.Background()
	load := func(fsys fstest.MapFS) []course.FileCourse {
		cs, probs := course.LoadAll(fsys)
		if len(probs) > 0 {
			t.Fatal(probs)
		}
		return cs
	}
	files := fstest.MapFS{}
	root := os.DirFS(fixtures + "/tin-hoc-thu")
	for _, p := range []string{"course.yaml", "01-co-ban/01-mo-dau.md", "01-co-ban/02-thuc-hanh.md", "banks/01-co-ban.gift", "images/so-do.svg"} {
		b, err := fsReadFile(root, p)
		if err != nil {
			t.Fatal(err)
		}
		files["tin-hoc-thu/"+p] = &fstest.MapFile{Data: b}
	}
	if _, err := course.Sync(ctx, a.DB, load(files), false); err != nil {
		t.Fatal(err)
	}
	post(a, "/api/v1/courses/tin-hoc-thu/enrol", "hocvien", nil)
	d := getCourse(t, a, "tin-hoc-thu", "hocvien")
	first := d.Modules[0].Lessons[0].ID
	post(a, fmt.Sprintf("/api/v1/lessons/%d/complete", first), "hocvien", nil)

	rep, err := course.Sync(ctx, a.DB, load(files), false)
	if err != nil || !strings.Contains(rep.String(), "tin-hoc-thu: unchanged") {
		t.Errorf("resync of the same files: %v %s", err, rep)
	}
	files["tin-hoc-thu/01-co-ban/01-mo-dau.md"].Data = append(files["tin-hoc-thu/01-co-ban/01-mo-dau.md"].Data, []byte("\nMột đoạn mới.\n")...)
	if _, err := course.Sync(ctx, a.DB, load(files), false); err != nil {
		t.Fatal(err)
	}
	d = getCourse(t, a, "tin-hoc-thu", "hocvien")
	if d.Modules[0].Lessons[0].ID != first || !d.Modules[0].Lessons[0].Completed {
		t.Errorf("after editing the lesson: %+v", d.Modules[0].Lessons)
	}
	delete(files, "tin-hoc-thu/01-co-ban/01-mo-dau.md")
	rep, err = course.Sync(ctx, a.DB, load(files), false)
	if err == nil || !strings.Contains(rep.String(), "co-ban/mo-dau (1 learners completed it)") {
		t.Errorf("removing a completed lesson: %v\n%s", err, rep)
	}
	if d := getCourse(t, a, "tin-hoc-thu", "hocvien"); len(d.Modules[0].Lessons) != 2 {
		t.Errorf("the refused removal was applied")
	}
	rep, err = course.Sync(ctx, a.DB, load(files), true)
	if err != nil || rep.Archived != 1 {
		t.Errorf("allow removals: %v %s", err, rep)
	}
	var kept int
	a.DB.Get(&kept, `SELECT count(*) FROM lesson_progress WHERE lesson_id = $1`, first)
	if d := getCourse(t, a, "tin-hoc-thu", "hocvien"); len(d.Modules[0].Lessons) != 1 || kept != 1 {
		t.Errorf("archived lesson: %d lessons shown, progress rows %d", len(d.Modules[0].Lessons), kept)
	}
}

func TestEditableFilter(t *testing.T) {
	a := apitest.New(t)
	a.SyncCourses(fixtures)
	for user, slug := range map[string]string{"giangvien": "cua-giang-vien", "admin": "cua-quan-tri"} {
		post(a, "/api/v1/courses", user, map[string]any{"slug": slug, "title_vi": "Nháp", "track": "other", "level": "basic"})
	}
	var l struct {
		Items []struct {
			Slug    string `json:"slug"`
			CanEdit bool   `json:"can_edit"`
		} `json:"items"`
	}
	a.Get("/api/v1/courses?editable=true", "giangvien").JSON(&l)
	if len(l.Items) != 1 || l.Items[0].Slug != "cua-giang-vien" || !l.Items[0].CanEdit {
		t.Errorf("trainer's editable courses: %+v", l.Items)
	}
	a.Get("/api/v1/courses?editable=true", "admin").JSON(&l)
	if len(l.Items) != 2 {
		t.Errorf("admin's editable courses: %+v", l.Items)
	}
}

// The module banks reach the question bank: one version per question, a new
// version only when a question changes, archived when it leaves the file.
func TestSyncFeedsTheBank(t *testing.T) {
	a := apitest.New(t)
	ctx := context.Background()
	files := fstest.MapFS{}
	root := os.DirFS(fixtures + "/tin-hoc-thu")
	for _, p := range []string{"course.yaml", "01-co-ban/01-mo-dau.md", "01-co-ban/02-thuc-hanh.md", "banks/01-co-ban.gift", "images/so-do.svg"} {
		b, _ := fsReadFile(root, p)
		files["tin-hoc-thu/"+p] = &fstest.MapFile{Data: b}
	}
	sync := func() string {
		t.Helper()
		cs, probs := course.LoadAll(files)
		if len(probs) > 0 {
			t.Fatal(probs)
		}
		rep, err := course.Sync(ctx, a.DB, cs, false)
		if err != nil {
			t.Fatal(err)
		}
		return rep.String()
	}
	count := func(q string) int {
		var n int
		if err := a.DB.Get(&n, q); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if rep := sync(); !strings.Contains(rep, "question bank: 20 new") {
		t.Errorf("first sync: %s", rep)
	}
	if n := count(`SELECT count(*) FROM question_versions`); n != 20 {
		t.Errorf("versions: %d", n)
	}
	var path string
	a.DB.Get(&path, `SELECT r.name || ' / ' || c.name || ' / ' || m.name FROM question_categories m
		JOIN question_categories c ON c.id = m.parent_id JOIN question_categories r ON r.id = c.parent_id LIMIT 1`)
	if path != "Chương trình đào tạo / T11 – Tin học thử / Cơ bản" {
		t.Errorf("category path: %q", path)
	}
	bankFile := files["tin-hoc-thu/banks/01-co-ban.gift"]
	src := string(bankFile.Data)
	// Change question 2's text, drop question 20, add a new one.
	src = strings.Replace(src, "Câu hỏi số 2:", "Câu hỏi số 2 (sửa):", 1)
	src = src[:strings.Index(src, "::TIN-HO-020::")]
	bankFile.Data = []byte(src + "::TIN-HO-021:: Câu mới: phím tắt nào dán? {=Ctrl+V ~Ctrl+C}\n")
	rep := sync()
	if !strings.Contains(rep, "question bank: 1 new, 1 changed (new versions), 1 archived") {
		t.Errorf("second sync: %s", rep)
	}
	if n := count(`SELECT latest_version FROM questions WHERE source_key = 'tin-hoc-thu/co-ban/TIN-HO-002'`); n != 2 {
		t.Errorf("changed question's version: %d", n)
	}
	if n := count(`SELECT count(*) FROM questions WHERE archived_at IS NOT NULL`); n != 1 {
		t.Errorf("archived: %d", n)
	}
	if n := count(`SELECT count(*) FROM question_versions`); n != 22 {
		t.Errorf("versions after the change: %d, want 22 (old versions are kept)", n)
	}
}
