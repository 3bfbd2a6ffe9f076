// Package richtext turns what authors write (Markdown, HTML, plain text)
// into HTML that is safe to put in a page: no scripts, no styles, no event
// handlers, safe URLs only.
package richtext

import (
	"bytes"
	"html"
	"regexp"
	"strings"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

var (
	markdown = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify))
	// sanitizer allows what Markdown produces and nothing a page could be
	// attacked with.
	sanitizer = func() *bluemonday.Policy {
		p := bluemonday.UGCPolicy()
		p.AllowAttrs("align").OnElements("th", "td")
		p.RequireNoFollowOnLinks(true)
		p.AddTargetBlankToFullyQualifiedLinks(true)
		return p
	}()
	blockTag = regexp.MustCompile(`(?i)<(p|div|br|ul|ol|table|pre|h[1-6])[\s>/]`)
)

// Markdown renders CommonMark (with tables) to safe HTML.
func Markdown(md string) string {
	var buf bytes.Buffer
	if err := markdown.Convert([]byte(md), &buf); err != nil {
		return ""
	}
	return sanitizer.Sanitize(buf.String())
}

// Sanitize keeps the safe part of an HTML fragment.
func Sanitize(fragment string) string { return sanitizer.Sanitize(fragment) }

// Plain escapes text and keeps its line breaks.
func Plain(s string) string {
	return strings.ReplaceAll(html.EscapeString(strings.TrimSpace(s)), "\n", "<br>")
}

// Format renders s written in one of the question formats of Moodle:
// markdown, html, plain, or moodle (the default: HTML allowed, line breaks
// kept when the text has no block markup of its own).
func Format(format, s string) string {
	switch format {
	case "markdown":
		return Markdown(s)
	case "html":
		return Sanitize(s)
	case "plain":
		return Plain(s)
	}
	s = strings.TrimSpace(s)
	if !blockTag.MatchString(s) {
		s = strings.ReplaceAll(s, "\n", "<br>")
	}
	return Sanitize(s)
}

// Excerpt is the first n runes of s on one line, with … when cut.
func Excerpt(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
