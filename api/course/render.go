package course

import (
	"strings"

	"github.com/govtrain/lms/api/platform/richtext"
)

// ImageURL is where a course's image is served.
func ImageURL(slug, name string) string {
	return "/api/v1/courses/" + slug + "/images/" + name
}

// Render turns a lesson's Markdown into safe HTML. Relative image links
// (../images/NAME) point at the course's served images.
func Render(slug, md string) string {
	md = strings.ReplaceAll(md, "](../images/", "]("+ImageURL(slug, ""))
	return richtext.Markdown(md)
}
