package course

import (
	"bytes"
	"strings"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

var (
	markdown = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify))
	// sanitizer allows what Markdown produces and nothing a page could be
	// attacked with: no scripts, no styles, no event handlers, safe URLs only.
	sanitizer = func() *bluemonday.Policy {
		p := bluemonday.UGCPolicy()
		p.AllowAttrs("align").OnElements("th", "td")
		p.RequireNoFollowOnLinks(true)
		p.AddTargetBlankToFullyQualifiedLinks(true)
		return p
	}()
)

// ImageURL is where a course's image is served.
func ImageURL(slug, name string) string {
	return "/api/v1/courses/" + slug + "/images/" + name
}

// Render turns a lesson's Markdown into safe HTML. Relative image links
// (../images/NAME) point at the course's served images.
func Render(slug, md string) string {
	md = strings.ReplaceAll(md, "](../images/", "]("+ImageURL(slug, ""))
	var buf bytes.Buffer
	if err := markdown.Convert([]byte(md), &buf); err != nil {
		return ""
	}
	return sanitizer.Sanitize(buf.String())
}
