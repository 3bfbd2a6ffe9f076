// Package vn holds the Vietnamese text rules the rest of the code shares:
// folding for diacritics-insensitive search.
package vn

import (
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Fold returns s in lower case without diacritics and with đ/Đ as d, with runs
// of white space collapsed to one space, so that "Nguyễn  Văn An" and
// "nguyen van an" fold to the same string. Stored search columns and queries
// are both folded with it.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'đ' || r == 'Đ':
			r = 'd'
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// SearchText is the folded text a row is searched by: the given parts (name,
// code, e-mail ...) joined by spaces, with a leading space so that a query word
// matches the start of any word with LIKE '% word%'.
func SearchText(parts ...string) string {
	return " " + Fold(strings.Join(parts, " "))
}

// SearchWords splits a query into folded words, at most max of them.
func SearchWords(q string, max int) []string {
	w := strings.Fields(Fold(q))
	if len(w) > max {
		w = w[:max]
	}
	return w
}

var nonSlug = regexp.MustCompile(`[^a-z0-9]+`)

// Slug turns a Vietnamese title into an ASCII slug of at most 60
// characters ("Thư điện tử" -> "thu-dien-tu"); fallback when nothing is left.
func Slug(title, fallback string) string {
	s := strings.Trim(nonSlug.ReplaceAllString(Fold(title), "-"), "-")
	if len(s) > 60 {
		s = strings.TrimRight(s[:60], "-")
	}
	if s == "" {
		s = fallback
	}
	return s
}
