package qformat

import (
	"strings"
	"testing"
)

const sample = `// comment
$CATEGORY: IU01/Máy tính

::IU01-001:: Thiết bị nào là thiết bị nhập? {
  =Bàn phím # Đúng: bàn phím đưa dữ liệu vào.
  ~Màn hình # Màn hình là thiết bị xuất.
  ~Máy in
  ####Thiết bị nhập đưa dữ liệu vào máy tính.
}

::tf:: Phần mềm nguồn mở được phép sửa đổi mã nguồn. {T}

::multi:: Những thiết bị nào lưu trữ dữ liệu? {
  ~%50%Ổ cứng
  ~%50%USB
  ~%-100%Chuột
}

::short:: Viết tắt của đơn vị 1024 byte? {=KB =kilobyte}

::num:: 2 + 2 \= ? {#4:0.5}

::range:: Chọn một số từ 1 đến 5 {#1..5}

::match:: Ghép đôi {
  =Bàn phím -> nhập
  =Màn hình -> xuất
}

::essay:: Nêu ba lợi ích của văn bản điện tử. {}

::fmt::[markdown] Giờ làm việc bắt đầu lúc 7\:30 sáng? {TRUE#Đúng giờ hành chính}
`

func TestParseEveryType(t *testing.T) {
	qs, probs := ParseGIFT(sample)
	if len(probs) > 0 {
		t.Fatalf("problems: %v", probs)
	}
	want := []Type{SingleChoice, TrueFalse, MultiChoice, ShortAnswer, Numerical, Numerical, Matching, Essay, TrueFalse}
	if len(qs) != len(want) {
		t.Fatalf("got %d questions, want %d", len(qs), len(want))
	}
	for i, q := range qs {
		if q.Type != want[i] {
			t.Errorf("question %d (%s): type %s, want %s", i, q.Name, q.Type, want[i])
		}
		if q.Category != "IU01/Máy tính" {
			t.Errorf("question %d: category %q", i, q.Category)
		}
	}
	if q := qs[0]; q.Line != 4 || q.Answers[0].Weight != 100 || q.Answers[1].Weight != 0 || q.GeneralFeedback == "" || !strings.HasPrefix(q.Answers[0].Feedback, "Đúng") {
		t.Errorf("single choice: %+v", q)
	}
	if q := qs[4]; q.Text != "2 + 2 = ?" || q.Answers[0].Value != 4 || q.Answers[0].Tolerance != 0.5 {
		t.Errorf("numerical: %+v", q)
	}
	if q := qs[5]; q.Answers[0].Value != 3 || q.Answers[0].Tolerance != 2 {
		t.Errorf("range: %+v", q)
	}
	if q := qs[6]; q.Answers[1].Text != "Màn hình" || q.Answers[1].Match != "xuất" {
		t.Errorf("matching: %+v", q)
	}
	if q := qs[8]; q.Format != "markdown" || q.Text != "Giờ làm việc bắt đầu lúc 7:30 sáng?" || !q.TrueFalse {
		t.Errorf("format and escapes: %+v", q)
	}
}

func TestProblemsHaveLines(t *testing.T) {
	src := "::a:: ok {=x ~y}\n\n::b:: two right {=x =y ~z}\n\n::c:: open {=x ~y\n\n::d:: weights {~%50%a ~%20%b ~%-100%c}\n"
	_, probs := ParseGIFT(src)
	lines := map[int]bool{}
	for _, p := range probs {
		lines[p.Line] = true
	}
	for _, l := range []int{3, 5} {
		if !lines[l] {
			t.Errorf("no problem reported at line %d: %v", l, probs)
		}
	}
}

func FuzzParseGIFT(f *testing.F) {
	f.Add(sample)
	f.Add("::x:: {")
	f.Fuzz(func(t *testing.T, s string) {
		qs, _ := ParseGIFT(s)
		for _, q := range qs {
			if q.Line < 1 {
				t.Fatalf("question without a line: %+v", q)
			}
		}
	})
}
