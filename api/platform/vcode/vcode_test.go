package vcode

import (
	"regexp"
	"testing"
)

func TestCodes(t *testing.T) {
	shape := regexp.MustCompile(`^[0-9A-HJKMNP-TV-Z]{16}$`) // the database's check
	seen := map[string]bool{}
	for range 2000 {
		c := New()
		if !shape.MatchString(c) {
			t.Fatalf("code %q has the wrong shape", c)
		}
		if seen[c] {
			t.Fatalf("code %q came twice", c)
		}
		seen[c] = true
		if got, ok := Parse(Group(c)); !ok || got != c {
			t.Fatalf("Parse(Group(%q)) = %q, %v", c, got, ok)
		}
	}
	if got, ok := Parse(" 7kq2-m9xd 3hta-pw4c "); !ok || got != "7KQ2M9XD3HTAPW4C" {
		t.Errorf("typed code: %q %v", got, ok)
	}
	if got, ok := Parse("O0IL-0000-0000-0000"); !ok || got != "0011000000000000" {
		t.Errorf("confusable letters: %q %v", got, ok)
	}
	for _, bad := range []string{"", "7KQ2", "7KQ2-M9XD-3HTA-PW4CX", "7KQ2-M9XD-3HTA-PW4U", "Ẳ7KQ2M9XD3HTAPW4", "7KQ2M9XD3HTAPW4%"} {
		if _, ok := Parse(bad); ok {
			t.Errorf("Parse(%q) accepted", bad)
		}
	}
}
