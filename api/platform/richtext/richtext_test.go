package richtext

import (
	"strings"
	"testing"
)

func TestFormat(t *testing.T) {
	for _, c := range []struct{ format, in, want string }{
		{"moodle", "Dòng một\nDòng hai", "Dòng một<br>Dòng hai"},
		{"moodle", "<p>Đoạn</p>\n<p>Đoạn</p>", "<p>Đoạn</p>\n<p>Đoạn</p>"},
		{"plain", "a < b\nc", "a &lt; b<br>c"},
		{"markdown", "**đậm**", "<p><strong>đậm</strong></p>\n"},
		{"html", `<b onclick="x()">a</b><script>alert(1)</script>`, "<b>a</b>"},
		{"moodle", `<img src="javascript:alert(1)">`, ""},
	} {
		if got := Format(c.format, c.in); got != c.want {
			t.Errorf("Format(%s, %q) = %q, want %q", c.format, c.in, got, c.want)
		}
	}
	if got := Markdown("[x](https://example.org)"); !strings.Contains(got, `rel="nofollow`) || !strings.Contains(got, `target="_blank"`) {
		t.Errorf("an outside link: %s", got)
	}
}
