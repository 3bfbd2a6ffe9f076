package quiz

import (
	"database/sql"
	"errors"
	"html"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

func itoa(i int) string     { return strconv.Itoa(i) }
func itoa64(i int64) string { return strconv.FormatInt(i, 10) }

func utf8Len(s string) int { return utf8.RuneCountInString(s) }

var tags = regexp.MustCompile(`<[^>]*>`)

// stripTags is s without HTML tags, for labels.
func stripTags(s string) string { return html.UnescapeString(tags.ReplaceAllString(s, " ")) }

// excerpt is the first n runes of s on one line.
func excerpt(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }
