package quiz

import (
	"database/sql"
	"errors"
	"html"
	"regexp"
	"strconv"
	"unicode/utf8"
)

func itoa(i int) string     { return strconv.Itoa(i) }
func itoa64(i int64) string { return strconv.FormatInt(i, 10) }

func utf8Len(s string) int { return utf8.RuneCountInString(s) }

var tags = regexp.MustCompile(`<[^>]*>`)

// stripTags is s without HTML tags, for labels.
func stripTags(s string) string { return html.UnescapeString(tags.ReplaceAllString(s, " ")) }

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }
