package course

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/unicode/norm"

	"github.com/govtrain/lms/api/qformat"
	"github.com/govtrain/lms/api/quiz"
)

// Problem is one thing wrong in the course files, at a file and line.
type Problem struct {
	File string
	Line int
	Msg  string
}

func (p Problem) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg)
	}
	return fmt.Sprintf("%s: %s", p.File, p.Msg)
}

// Text is a string in Vietnamese and English.
type Text struct {
	VI string `yaml:"vi" json:"vi"`
	EN string `yaml:"en" json:"en"`
}

// manifest is course.yaml.
type manifest struct {
	Slug          string   `yaml:"slug"`
	Code          string   `yaml:"code"`
	Title         Text     `yaml:"title"`
	Summary       Text     `yaml:"summary"`
	Description   string   `yaml:"description"`
	Track         string   `yaml:"track"`
	Level         string   `yaml:"level"`
	Hours         float64  `yaml:"hours"`
	Open          *bool    `yaml:"open"`
	Prerequisites []string `yaml:"prerequisites"`
	Completion    struct {
		Lessons string `yaml:"lessons"`
		Quizzes bool   `yaml:"quizzes"`
	} `yaml:"completion"`
	Modules []struct {
		Folder string `yaml:"folder"`
		Title  Text   `yaml:"title"`
		Bank   string `yaml:"bank"`
	} `yaml:"modules"`
	Quizzes []manifestQuiz `yaml:"quizzes"`
}

// manifestQuiz is one quiz of course.yaml: random questions drawn from
// module banks.
type manifestQuiz struct {
	Slug     string  `yaml:"slug"`
	Title    Text    `yaml:"title"`
	Intro    Text    `yaml:"intro"`
	Module   string  `yaml:"module"`   // folder of the module it belongs to; empty: the whole course
	Required *bool   `yaml:"required"` // counts for completion (default true)
	Practice bool    `yaml:"practice"` // full review right after each attempt
	Minutes  int     `yaml:"minutes"`  // time limit; 0: none
	Pass     float64 `yaml:"pass"`     // pass mark, percent
	Attempts int     `yaml:"attempts"` // 0: unlimited
	Delay    int     `yaml:"delay"`    // minutes between attempts
	Grading  string  `yaml:"grading"`  // highest (default), last, first, average
	Draw     []struct {
		Module string `yaml:"module"` // module folder whose bank the questions come from
		Count  int    `yaml:"count"`
	} `yaml:"draw"`
}

// FileCourse is a course as read from its folder, ready to sync.
type FileCourse struct {
	Slug, Code              string
	Title, Summary          Text
	Description             string
	Track, Level            string
	Hours                   float64
	Open, CompletionQuizzes bool
	Prerequisites           []string
	Modules                 []FileModule
	Quizzes                 []quiz.FileQuiz
	Images                  []FileImage
	Hash                    string // of every file of the course
}

// FileModule is one module folder.
type FileModule struct {
	Slug          string
	Position      int
	Title         Text
	Bank          string // path of the GIFT bank inside the course folder
	BankQuestions int
	Questions     []qformat.Question // the bank, parsed
	Lessons       []FileLesson
}

// FileLesson is one lesson file.
type FileLesson struct {
	Slug     string
	Position int
	Title    Text
	Minutes  int
	Body     string // Markdown without the front matter
	Hash     string
}

// FileImage is one picture of the course.
type FileImage struct {
	Name, ContentType string
	Data              []byte
}

// The vocabularies of the manifest.
var (
	Tracks = []string{"it-basic", "email-internet", "cio", "it-specialist", "other"}
	Levels = []string{"basic", "intermediate", "advanced"}
)

// MinBankQuestions is how many questions each module bank of the official
// curriculum must have.
const MinBankQuestions = 20

const maxImageBytes = 1 << 20

var (
	slugRe     = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{1,79}$`)
	orderedRe  = regexp.MustCompile(`^([0-9]{2})-([a-z0-9][a-z0-9-]*)$`)
	imageRe    = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{0,120}$`)
	imageRefRe = regexp.MustCompile(`!\[[^\]]*\]\(([^)\s]+)`)
	// an unescaped } followed by #### (general feedback outside the answers)
	feedbackOutsideRe = regexp.MustCompile(`(?:^|[^\\])\}[ \t\r\n]*####`)
)

// LoadAll reads every course folder of root (the courses/ folder) and returns
// the courses with every problem found, in file order.
func LoadAll(root fs.FS) ([]FileCourse, []Problem) {
	entries, err := fs.ReadDir(root, ".")
	if err != nil {
		return nil, []Problem{{File: ".", Msg: err.Error()}}
	}
	var courses []FileCourse
	var probs []Problem
	for _, e := range entries {
		if !e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		sub, _ := fs.Sub(root, e.Name())
		c, ps := loadCourse(sub, e.Name())
		probs = append(probs, ps...)
		if c != nil {
			courses = append(courses, *c)
		}
	}
	probs = append(probs, checkPrerequisites(courses)...)
	return courses, probs
}

func loadCourse(dir fs.FS, name string) (*FileCourse, []Problem) {
	var probs []Problem
	file := name + "/course.yaml"
	add := func(f string, line int, msg string, args ...any) {
		probs = append(probs, Problem{File: f, Line: line, Msg: fmt.Sprintf(msg, args...)})
	}
	raw, err := fs.ReadFile(dir, "course.yaml")
	if err != nil {
		add(name, 0, "no course.yaml")
		return nil, probs
	}
	var root yaml.Node
	if err := yaml.Unmarshal(raw, &root); err != nil {
		add(file, yamlLine(err), "not valid YAML: %v", err)
		return nil, probs
	}
	var m manifest
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(&m); err != nil {
		add(file, yamlLine(err), "%v", err)
		return nil, probs
	}
	line := func(keys ...string) int { return keyLine(&root, keys...) }
	if !slugRe.MatchString(name) {
		add(name, 0, "a course folder name is lower-case ASCII letters, digits and -")
	}
	if m.Slug != name {
		add(file, line("slug"), "slug %q must equal the folder name %q", m.Slug, name)
	}
	if len(m.Code) > 20 {
		add(file, line("code"), "code is at most 20 characters")
	}
	for _, t := range []struct {
		key string
		v   Text
	}{{"title", m.Title}, {"summary", m.Summary}} {
		if strings.TrimSpace(t.v.VI) == "" || strings.TrimSpace(t.v.EN) == "" {
			add(file, line(t.key), "%s needs both vi and en", t.key)
		}
	}
	if len([]rune(m.Title.VI)) > 200 || len([]rune(m.Title.EN)) > 200 {
		add(file, line("title"), "a title is at most 200 characters")
	}
	if !slices.Contains(Tracks, m.Track) {
		add(file, line("track"), "track must be one of %s", strings.Join(Tracks, ", "))
	}
	if !slices.Contains(Levels, m.Level) {
		add(file, line("level"), "level must be one of %s", strings.Join(Levels, ", "))
	}
	if m.Hours <= 0 || m.Hours > 1000 {
		add(file, line("hours"), "hours must be a positive number of study hours")
	}
	if m.Open == nil {
		add(file, line(), "open: true or false is required")
	}
	if m.Completion.Lessons != "all" {
		add(file, line("completion"), "completion.lessons must be \"all\"")
	}
	if len(m.Modules) == 0 {
		add(file, line("modules"), "a course needs at least one module")
	}
	c := &FileCourse{Slug: m.Slug, Code: m.Code, Title: m.Title, Summary: m.Summary, Description: norm.NFC.String(m.Description),
		Track: m.Track, Level: m.Level, Hours: m.Hours, CompletionQuizzes: m.Completion.Quizzes, Prerequisites: m.Prerequisites}
	if m.Open != nil {
		c.Open = *m.Open
	}
	images, ps := loadImages(dir, name)
	probs = append(probs, ps...)
	c.Images = images
	seen := map[string]bool{}
	for i, ms := range m.Modules {
		mline := keyLine(&root, "modules", fmt.Sprint(i))
		match := orderedRe.FindStringSubmatch(ms.Folder)
		if match == nil {
			add(file, mline, "module folder %q must look like 01-name (lower-case ASCII, digits, -)", ms.Folder)
			continue
		}
		if seen[match[2]] {
			add(file, mline, "two modules are named %q", match[2])
		}
		seen[match[2]] = true
		if ms.Title.VI == "" || ms.Title.EN == "" {
			add(file, mline, "module %s needs a title with vi and en", ms.Folder)
		}
		mod := FileModule{Slug: match[2], Position: i + 1, Title: ms.Title, Bank: ms.Bank}
		lessons, ps := loadLessons(dir, name, ms.Folder, images)
		probs = append(probs, ps...)
		mod.Lessons = lessons
		if ms.Bank != "" {
			qs, ps := checkBank(dir, name, ms.Bank, file, mline)
			probs = append(probs, ps...)
			mod.Questions, mod.BankQuestions = qs, len(qs)
		}
		c.Modules = append(c.Modules, mod)
	}
	c.Quizzes, ps = checkQuizzes(m, c.Modules, file, &root)
	probs = append(probs, ps...)
	if c.CompletionQuizzes && !slices.ContainsFunc(c.Quizzes, func(q quiz.FileQuiz) bool { return q.Required }) {
		add(file, line("completion"), "completion.quizzes is true but no quiz is required")
	}
	c.Hash = hashFolder(dir)
	return c, probs
}

// checkQuizzes checks the manifest's quizzes against the modules read.
func checkQuizzes(m manifest, modules []FileModule, file string, root *yaml.Node) ([]quiz.FileQuiz, []Problem) {
	var probs []Problem
	var out []quiz.FileQuiz
	bySlugOrFolder := func(folder string) *FileModule {
		match := orderedRe.FindStringSubmatch(folder)
		for i := range modules {
			if match != nil && modules[i].Slug == match[2] {
				return &modules[i]
			}
		}
		return nil
	}
	seen := map[string]bool{}
	for i, mq := range m.Quizzes {
		at := keyLine(root, "quizzes", fmt.Sprint(i))
		add := func(msg string, args ...any) {
			probs = append(probs, Problem{File: file, Line: at, Msg: fmt.Sprintf("quiz %q: ", mq.Slug) + fmt.Sprintf(msg, args...)})
		}
		if !slugRe.MatchString(mq.Slug) || seen[mq.Slug] {
			add("a quiz needs a unique slug of lower-case ASCII letters, digits and -")
		}
		seen[mq.Slug] = true
		if strings.TrimSpace(mq.Title.VI) == "" || strings.TrimSpace(mq.Title.EN) == "" {
			add("a title with vi and en is required")
		}
		if mq.Pass <= 0 || mq.Pass > 100 {
			add("pass must be a percent above 0")
		}
		if mq.Minutes < 0 || mq.Minutes > 1440 || mq.Attempts < 0 || mq.Attempts > 100 || mq.Delay < 0 {
			add("minutes (0-1440), attempts (0-100) and delay must be in range")
		}
		if mq.Grading != "" && !slices.Contains([]string{"highest", "last", "first", "average"}, mq.Grading) {
			add("grading is highest, last, first or average")
		}
		fq := quiz.FileQuiz{Slug: mq.Slug, TitleVI: mq.Title.VI, TitleEN: mq.Title.EN, IntroVI: mq.Intro.VI, IntroEN: mq.Intro.EN,
			Required: mq.Required == nil || *mq.Required, Practice: mq.Practice, Minutes: mq.Minutes, Pass: mq.Pass,
			Attempts: mq.Attempts, DelayMinutes: mq.Delay, Grading: mq.Grading}
		if mq.Module != "" {
			if mod := bySlugOrFolder(mq.Module); mod != nil {
				fq.Module = mod.Slug
			} else {
				add("module %q is not one of the course's module folders", mq.Module)
			}
		}
		if len(mq.Draw) == 0 {
			add("draw lists the module banks the questions come from")
		}
		for _, d := range mq.Draw {
			mod := bySlugOrFolder(d.Module)
			switch {
			case mod == nil:
				add("draw: module %q is not one of the course's module folders", d.Module)
			case len(mod.Questions) == 0:
				add("draw: module %q has no bank", d.Module)
			case d.Count < 1 || d.Count > len(mod.Questions):
				add("draw: %d questions from %q, whose bank has %d", d.Count, d.Module, len(mod.Questions))
			default:
				fq.Draws = append(fq.Draws, quiz.FileDraw{Module: mod.Slug, Count: d.Count})
			}
		}
		out = append(out, fq)
	}
	return out, probs
}

func loadLessons(dir fs.FS, course, folder string, images []FileImage) ([]FileLesson, []Problem) {
	var probs []Problem
	entries, err := fs.ReadDir(dir, folder)
	if err != nil {
		return nil, []Problem{{File: course + "/" + folder, Msg: "the module folder does not exist"}}
	}
	var lessons []FileLesson
	for _, e := range entries {
		fname := course + "/" + folder + "/" + e.Name()
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".md") {
			probs = append(probs, Problem{File: fname, Msg: "a module folder holds only lesson files NN-name.md"})
			continue
		}
		match := orderedRe.FindStringSubmatch(strings.TrimSuffix(e.Name(), ".md"))
		if match == nil {
			probs = append(probs, Problem{File: fname, Msg: "a lesson file is named like 01-name.md (lower-case ASCII, digits, -)"})
			continue
		}
		raw, _ := fs.ReadFile(dir, path.Join(folder, e.Name()))
		l, ps := parseLesson(fname, raw, images)
		probs = append(probs, ps...)
		l.Slug = match[2]
		l.Position = len(lessons) + 1
		lessons = append(lessons, l)
	}
	if len(lessons) == 0 && len(probs) == 0 {
		probs = append(probs, Problem{File: course + "/" + folder, Msg: "a module needs at least one lesson"})
	}
	return lessons, probs
}

type frontMatter struct {
	Title   string `yaml:"title"`
	TitleEN string `yaml:"title_en"`
	Minutes int    `yaml:"minutes"`
}

func parseLesson(file string, raw []byte, images []FileImage) (FileLesson, []Problem) {
	var probs []Problem
	add := func(line int, msg string, args ...any) {
		probs = append(probs, Problem{File: file, Line: line, Msg: fmt.Sprintf(msg, args...)})
	}
	if !utf8.Valid(raw) {
		add(0, "the file is not UTF-8")
		return FileLesson{}, probs
	}
	text := strings.ReplaceAll(strings.TrimPrefix(string(raw), "\ufeff"), "\r\n", "\n")
	if !strings.HasPrefix(text, "---\n") {
		add(1, "a lesson starts with a front matter block between --- lines")
		return FileLesson{}, probs
	}
	end := strings.Index(text[4:], "\n---\n")
	if end < 0 {
		add(1, "the front matter is not closed with ---")
		return FileLesson{}, probs
	}
	var fm frontMatter
	dec := yaml.NewDecoder(strings.NewReader(text[4 : 4+end]))
	dec.KnownFields(true)
	if err := dec.Decode(&fm); err != nil {
		add(1+yamlLine(err), "front matter: %v", err)
	}
	rest := text[4+end+5:]
	trimmed := strings.TrimLeft(rest, " \t\n")
	body := norm.NFC.String(strings.TrimSpace(trimmed))
	bodyLine := strings.Count(text[:4+end+5], "\n") + 1 + strings.Count(rest[:len(rest)-len(trimmed)], "\n")
	if strings.TrimSpace(fm.Title) == "" || strings.TrimSpace(fm.TitleEN) == "" {
		add(2, "the front matter needs title and title_en")
	}
	if fm.Minutes < 3 || fm.Minutes > 30 {
		add(2, "minutes (reading time) must be between 3 and 30, not %d", fm.Minutes)
	}
	if body == "" {
		add(bodyLine, "the lesson has no text")
	}
	for i, l := range strings.Split(body, "\n") {
		if strings.HasPrefix(l, "# ") {
			add(bodyLine+i, "use ## and below for headings; the title is the page's only #")
		}
		for _, m := range imageRefRe.FindAllStringSubmatch(l, -1) {
			ref := m[1]
			name, ok := strings.CutPrefix(ref, "../images/")
			if !ok {
				if !strings.HasPrefix(ref, "https://") {
					add(bodyLine+i, "image %q: point to ../images/NAME", ref)
				}
				continue
			}
			if !slices.ContainsFunc(images, func(im FileImage) bool { return im.Name == name }) {
				add(bodyLine+i, "image %q is not in the course's images folder", name)
			}
		}
	}
	h := sha256.Sum256([]byte(fm.Title + "\x00" + fm.TitleEN + "\x00" + fmt.Sprint(fm.Minutes) + "\x00" + body))
	return FileLesson{Title: Text{norm.NFC.String(fm.Title), fm.TitleEN}, Minutes: fm.Minutes, Body: body, Hash: hex.EncodeToString(h[:])}, probs
}

// checkBank parses a module bank and returns its questions (descriptions
// left out) with every problem.
func checkBank(dir fs.FS, course, bank, file string, line int) ([]qformat.Question, []Problem) {
	bfile := course + "/" + bank
	if !strings.HasPrefix(bank, "banks/") || !strings.HasSuffix(bank, ".gift") || strings.Contains(bank, "..") {
		return nil, []Problem{{File: file, Line: line, Msg: fmt.Sprintf("bank %q must be banks/NAME.gift", bank)}}
	}
	raw, err := fs.ReadFile(dir, bank)
	if err != nil {
		return nil, []Problem{{File: file, Line: line, Msg: fmt.Sprintf("bank %s does not exist", bank)}}
	}
	if !utf8.Valid(raw) {
		return nil, []Problem{{File: bfile, Msg: "the bank is not UTF-8"}}
	}
	qs, gps := qformat.ParseGIFT(string(raw))
	var probs []Problem
	for _, p := range gps {
		probs = append(probs, Problem{File: bfile, Line: p.Line, Msg: p.Msg})
	}
	// General feedback written after the closing brace would show as part of
	// the question text (GIFT reads it as text); it belongs inside.
	for _, m := range feedbackOutsideRe.FindAllStringIndex(string(raw), -1) {
		probs = append(probs, Problem{File: bfile, Line: strings.Count(string(raw[:m[1]]), "\n") + 1,
			Msg: "general feedback (####) goes inside the braces, before the closing }"})
	}
	names := map[string]int{}
	var real []qformat.Question
	for _, q := range qs {
		if q.Type == qformat.Description {
			probs = append(probs, Problem{File: bfile, Line: q.Line, Msg: "text without answers {...}: escape { } or add answers"})
			continue
		}
		real = append(real, q)
		if q.Name == "" {
			probs = append(probs, Problem{File: bfile, Line: q.Line, Msg: "every question needs a name ::CODE-NNN::"})
		} else if first, dup := names[q.Name]; dup {
			probs = append(probs, Problem{File: bfile, Line: q.Line, Msg: fmt.Sprintf("question name %s is used at line %d too", q.Name, first)})
		} else {
			names[q.Name] = q.Line
		}
	}
	if len(real) < MinBankQuestions {
		probs = append(probs, Problem{File: bfile, Msg: fmt.Sprintf("the bank has %d questions; a module needs at least %d", len(real), MinBankQuestions)})
	}
	return real, probs
}

func checkPrerequisites(courses []FileCourse) []Problem {
	var probs []Problem
	bySlug := map[string]*FileCourse{}
	for i := range courses {
		bySlug[courses[i].Slug] = &courses[i]
	}
	for _, c := range courses {
		for _, p := range c.Prerequisites {
			if p == c.Slug {
				probs = append(probs, Problem{File: c.Slug + "/course.yaml", Msg: "a course cannot be its own prerequisite"})
			} else if bySlug[p] == nil {
				probs = append(probs, Problem{File: c.Slug + "/course.yaml", Msg: fmt.Sprintf("prerequisite %q is not a course folder", p)})
			}
		}
	}
	// A cycle makes every course on it impossible to start.
	state := map[string]int{}
	var visit func(s string) bool
	visit = func(s string) bool {
		switch state[s] {
		case 1:
			return true
		case 2:
			return false
		}
		state[s] = 1
		if c := bySlug[s]; c != nil {
			for _, p := range c.Prerequisites {
				if visit(p) {
					return true
				}
			}
		}
		state[s] = 2
		return false
	}
	for _, c := range courses {
		if visit(c.Slug) {
			probs = append(probs, Problem{File: c.Slug + "/course.yaml", Msg: "the prerequisites form a cycle"})
			break
		}
	}
	return probs
}

// hashFolder hashes every file of a course folder, names included, so any
// change shows as a new hash.
func hashFolder(dir fs.FS) string {
	h := sha256.New()
	var names []string
	fs.WalkDir(dir, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			names = append(names, p)
		}
		return nil
	})
	sort.Strings(names)
	for _, n := range names {
		b, _ := fs.ReadFile(dir, n)
		fmt.Fprintf(h, "%s\x00%d\x00", n, len(b))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))
}

var yamlLineRe = regexp.MustCompile(`line (\d+)`)

func yamlLine(err error) int {
	m := yamlLineRe.FindStringSubmatch(err.Error())
	if m == nil {
		return 0
	}
	var n int
	fmt.Sscan(m[1], &n)
	return n
}

// keyLine finds the line of a key path in a YAML document (a number in the
// path indexes a sequence); it returns the best line found so far.
func keyLine(root *yaml.Node, keys ...string) int {
	n := root
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	line := n.Line
	for _, k := range keys {
		switch n.Kind {
		case yaml.MappingNode:
			found := false
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == k {
					line, n, found = n.Content[i].Line, n.Content[i+1], true
					break
				}
			}
			if !found {
				return line
			}
		case yaml.SequenceNode:
			var i int
			if _, err := fmt.Sscan(k, &i); err != nil || i >= len(n.Content) {
				return line
			}
			n = n.Content[i]
			line = n.Line
		default:
			return line
		}
	}
	return line
}

// Known maps the slug of each course read to its quizzes' slugs, for the
// files that refer to them (certifications.yaml).
func Known(courses []FileCourse) map[string][]string {
	out := make(map[string][]string, len(courses))
	for _, c := range courses {
		out[c.Slug] = []string{}
		for _, q := range c.Quizzes {
			out[c.Slug] = append(out[c.Slug], q.Slug)
		}
	}
	return out
}
