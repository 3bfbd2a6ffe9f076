package qformat

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ParseGIFT reads a whole GIFT file as Moodle documents the format
// (https://docs.moodle.org/en/GIFT_format) and as its importer reads it:
// $CATEGORY:, ::names::, [html]/[markdown]/[plain]/[moodle] markup, single
// and multiple choice with %weights%, true/false {T} {TRUE} {F#wrong#right},
// short answer, numerical (exact, {#3:2}, ranges {#1..5}, several answers
// with weights, ~ for any other number), matching =a -> b, essay {},
// descriptions, missing-word questions (the answer block inside the text
// becomes BlankMarker), per-answer feedback #, general feedback ####, the
// escapes \~ \= \# \{ \} \: \\ and \n, // comments (with Moodle's [id:...]
// and [tag:...]), Windows line endings and a BOM.
//
// Questions are separated by blank lines; a blank line inside an open
// answer block does not end the question (Moodle would split it there).
// Every problem is reported with its line, and a question with a problem is
// left out. Files over DefaultMaxBytes, with more than DefaultMaxQuestions
// questions or not in UTF-8 are refused.
func ParseGIFT(src string) ([]Question, []Problem) {
	if len(src) > DefaultMaxBytes {
		return nil, []Problem{tooLarge(DefaultMaxBytes)}
	}
	if p, ok := checkText(src); !ok {
		return nil, []Problem{p}
	}
	src = strings.TrimPrefix(src, "\ufeff")
	var qs []Question
	var probs []Problem
	category := ""
	for _, b := range giftBlocks(src) {
		if first := b.lines[0].text; strings.HasPrefix(first, "$CATEGORY:") {
			category = cleanCategory(unescape(first[len("$CATEGORY:"):]))
			b.lines = b.lines[1:]
			if len(b.lines) == 0 {
				continue
			}
		}
		if len(qs) >= DefaultMaxQuestions {
			probs = append(probs, tooMany(b.lines[0].num, DefaultMaxQuestions))
			break
		}
		q, ps := parseGIFTQuestion(b)
		q.Category = category
		probs = append(probs, ps...)
		if len(ps) == 0 {
			qs, probs = accept(qs, probs, q, q.Line)
		}
	}
	return qs, probs
}

// trim takes white space and byte order marks off both ends of s.
func trim(s string) string { return strings.TrimFunc(s, isBlank) }

func isBlank(r rune) bool { return unicode.IsSpace(r) || r == '\ufeff' }

// checkBytes is checkText without copying data when it is valid.
func checkBytes(data []byte) (Problem, bool) {
	if utf8.Valid(data) {
		return Problem{}, true
	}
	return checkText(string(data))
}

// checkText refuses text that is not UTF-8, naming the first bad line.
func checkText(src string) (Problem, bool) {
	if utf8.ValidString(src) {
		return Problem{}, true
	}
	bad := 0
	for i, r := range src {
		if r == utf8.RuneError {
			if _, n := utf8.DecodeRuneInString(src[i:]); n == 1 {
				bad = i
				break
			}
		}
	}
	line := 1 + strings.Count(src[:bad], "\n")
	return Problem{line, "the file is not UTF-8 text; save it as UTF-8 (in Excel: CSV UTF-8; in Notepad: Save as, Encoding UTF-8)"}, false
}

// cleanCategory drops Moodle's context prefix ("$course$/top/"), which means
// nothing outside the Moodle it came from.
func cleanCategory(c string) string {
	c = trim(c)
	for strings.HasPrefix(c, "$") {
		end := strings.Index(c[1:], "$")
		if end < 0 {
			break
		}
		rest := c[end+2:]
		if rest != "" && rest[0] != '/' {
			break
		}
		c = strings.TrimPrefix(rest, "/")
		if c == "top" {
			c = ""
		}
		c = trim(strings.TrimPrefix(c, "top/"))
	}
	return c
}

type giftLine struct {
	text string // trimmed
	num  int
}

// giftBlock is one question (or category) of a GIFT file: its non-comment
// lines, trimmed, and its comment lines.
type giftBlock struct {
	lines    []giftLine
	comments []string
}

func (b giftBlock) text() string {
	parts := make([]string, len(b.lines))
	for i, l := range b.lines {
		parts[i] = l.text
	}
	return strings.Join(parts, "\n")
}

// lineAt is the file line of byte off of b.text().
func (b giftBlock) lineAt(off int) int {
	n := 0
	for i := range b.lines {
		n += len(b.lines[i].text) + 1
		if off < n {
			return b.lines[i].num
		}
	}
	return b.lines[len(b.lines)-1].num
}

// giftBlocks splits src into blocks at blank lines, as Moodle does, except
// that a block whose answer braces are still open swallows the blocks after
// it until they close, unless the next one clearly starts a new question.
func giftBlocks(src string) []giftBlock {
	src = strings.ReplaceAll(src, "\r\n", "\n")
	src = strings.ReplaceAll(src, "\r", "\n")
	var raw []giftBlock
	var cur giftBlock
	flush := func() {
		if len(cur.lines) > 0 {
			raw = append(raw, cur)
		}
		cur = giftBlock{}
	}
	for i, l := range strings.Split(src, "\n") {
		t := trim(l)
		switch {
		case t == "":
			flush()
		case strings.HasPrefix(t, "//"):
			cur.comments = append(cur.comments, t)
		default:
			cur.lines = append(cur.lines, giftLine{t, i + 1})
		}
	}
	flush()
	var out []giftBlock
	for i := 0; i < len(raw); i++ {
		b := raw[i]
		depth := braceDepth(b)
		for depth > 0 && i+1 < len(raw) && !startsQuestion(raw[i+1]) {
			i++
			depth += braceDepth(raw[i])
			b.lines = append(b.lines, raw[i].lines...)
			b.comments = append(b.comments, raw[i].comments...)
		}
		out = append(out, b)
	}
	return out
}

func startsQuestion(b giftBlock) bool {
	t := b.lines[0].text
	return strings.HasPrefix(t, "::") || strings.HasPrefix(t, "$CATEGORY:")
}

// braceDepth counts unescaped { minus unescaped }.
func braceDepth(b giftBlock) int {
	d := 0
	for _, l := range b.lines {
		for i := 0; i < len(l.text); i++ {
			switch l.text[i] {
			case '\\':
				i++
			case '{':
				d++
			case '}':
				d--
			}
		}
	}
	return d
}

// indexUnescaped returns the index of the first unescaped c in s at or after from.
func indexUnescaped(s string, c byte, from int) int {
	for i := from; i < len(s); i++ {
		if s[i] == '\\' {
			i++
			continue
		}
		if s[i] == c {
			return i
		}
	}
	return -1
}

// lastIndexHashes returns where the last unescaped "####" starts, or -1.
func lastIndexHashes(s string) int {
	last, run := -1, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
			run = 0
		case '#':
			run++
			if run >= 4 {
				last = i - 3
			}
		default:
			run = 0
		}
	}
	return last
}

// indexName returns the index of the first unescaped "::" in s, or -1.
func indexName(s string) int {
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '\\' {
			i++
			continue
		}
		if s[i] == ':' && s[i+1] == ':' {
			return i
		}
	}
	return -1
}

// unescape removes GIFT's backslash escapes; a backslash before any other
// character stays, as in Moodle.
func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return trim(s)
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			switch c := s[i+1]; c {
			case '~', '=', '#', '{', '}', ':', '\\':
				b.WriteByte(c)
				i++
				continue
			case 'n':
				b.WriteByte('\n')
				i++
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return trim(b.String())
}

// splitFormat takes a leading [html], [markdown], [plain] or [moodle] off s.
func splitFormat(s string) (format, rest string) {
	s = trim(s)
	if !strings.HasPrefix(s, "[") {
		return "", s
	}
	end := strings.IndexByte(s, ']')
	if end < 0 {
		return "", s
	}
	switch f := s[1:end]; f {
	case FormatHTML, FormatMarkdown, FormatPlain, FormatMoodle:
		return f, s[end+1:]
	}
	return "", s
}

// giftText is a text of an answer or feedback: markup taken off (answers
// share the question's format), escapes removed.
func giftText(s string) string {
	_, rest := splitFormat(s)
	return unescape(rest)
}

var commentMeta = regexp.MustCompile(`\[(id|tag):((?:\\.|[^\\\[\]])*)\]`)

// readMeta reads Moodle's [id:...] and [tag:...] from comment lines.
func readMeta(q *Question, comments []string) {
	for _, c := range comments {
		for _, m := range commentMeta.FindAllStringSubmatch(c, -1) {
			v := trim(unbackslash(m[2]))
			switch {
			case v == "":
			case m[1] == "id" && q.IDNumber == "":
				q.IDNumber = v
			case m[1] == "tag":
				q.Tags = append(q.Tags, v)
			}
		}
	}
}

// unbackslash turns every \x into x.
func unbackslash(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func parseGIFTQuestion(b giftBlock) (Question, []Problem) {
	q := Question{Line: b.lines[0].num, Format: FormatMoodle}
	readMeta(&q, b.comments)
	text := b.text()
	var probs []Problem
	bad := func(off int, msg string, args ...any) {
		probs = append(probs, Problem{b.lineAt(off), fmt.Sprintf(msg, args...)})
	}
	start := 0 // offset of what is left of text in b.text()
	if strings.HasPrefix(text, "::") {
		end := indexName(text[2:])
		if end < 0 {
			bad(0, "the question name is not closed with ::")
			return q, probs
		}
		q.Name = unescape(text[2 : 2+end])
		start = 2 + end + 2
	}
	text = text[start:]
	open, closeAt := indexUnescaped(text, '{', 0), indexUnescaped(text, '}', 0)
	switch {
	case open < 0 && closeAt < 0:
		q.Type = Description
		q.Format, q.Text = questionText(text)
		return q, nil
	case open < 0:
		bad(start+closeAt, "a } without a { before it; write \\} for a literal brace")
		return q, probs
	case closeAt < 0:
		bad(start+open, "the answers are not closed with }")
		return q, probs
	case closeAt < open:
		bad(start+closeAt, "a } before the answers' {; write \\} for a literal brace")
		return q, probs
	}
	rest := text[closeAt+1:]
	if i := indexUnescaped(rest, '{', 0); i >= 0 || indexUnescaped(rest, '}', 0) >= 0 {
		bad(start+closeAt+1+max(i, 0), "a question may have only one answer block {...}; write \\{ and \\} for literal braces")
		return q, probs
	}
	if trim(rest) == "" {
		q.Format, q.Text = questionText(text[:open])
	} else {
		q.Format, q.Text = questionText(text[:open] + BlankMarker + rest)
	}
	bodyStart := start + open + 1
	body := text[open+1 : closeAt]
	if i := lastIndexHashes(body); i >= 0 {
		q.GeneralFeedback = giftText(body[i+4:])
		body = body[:i]
	}
	// Trim body, keeping its offset in the block for the lines of problems.
	body = strings.TrimRightFunc(body, isBlank)
	lead := len(body) - len(strings.TrimLeftFunc(body, isBlank))
	body, bodyStart = body[lead:], bodyStart+lead
	p := giftParser{b: b, q: &q, base: bodyStart}
	p.parseBody(body)
	return q, p.probs
}

// questionText splits the question text into its format and its text.
func questionText(s string) (string, string) {
	f, rest := splitFormat(s)
	if f == "" {
		f = FormatMoodle
	}
	return f, unescape(rest)
}
