package vn

import "testing"

func TestFold(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Nguyễn Văn An", "nguyen van an"},
		{"ĐẶNG THỊ Ánh", "dang thi anh"},
		{"  Trần   Đức\tThắng ", "tran duc thang"},
		{"Phường Bắc Hà", "phuong bac ha"},
		{"", ""},
		{"Lê Hữu Ước", "le huu uoc"},
	}
	for _, c := range cases {
		if got := Fold(c.in); got != c.want {
			t.Errorf("Fold(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func FuzzFold(f *testing.F) {
	f.Add("Nguyễn Văn An")
	f.Fuzz(func(t *testing.T, s string) {
		once := Fold(s)
		if twice := Fold(once); twice != once {
			t.Fatalf("Fold is not idempotent: %q -> %q -> %q", s, once, twice)
		}
	})
}
