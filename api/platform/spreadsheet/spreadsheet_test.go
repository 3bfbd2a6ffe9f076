package spreadsheet

import "testing"

func TestSniffDelimiter(t *testing.T) {
	cases := map[string]rune{
		"a,b,c\n1,2,3\n":     ',',
		"Mã;Họ;Tên\nA;B;C\n": ';',
		"a\tb\tc\n":          '\t',
		"\"x;y;z\",b\n1,2\n": ',', // quoted separators do not count
		"":                   ',',
	}
	for in, want := range cases {
		if got := SniffDelimiter([]byte(in), 5); got != want {
			t.Errorf("SniffDelimiter(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestOpenXLSXRefusesNonZip(t *testing.T) {
	if _, err := OpenXLSX([]byte("not a zip")); err == nil {
		t.Fatal("a text file opened as a workbook")
	}
}
