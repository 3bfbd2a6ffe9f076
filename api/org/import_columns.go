package org

import (
	"slices"
	"strings"

	"github.com/govtrain/lms/api/platform/vn"
)

// column is one column of a people file.
type column struct {
	key     string   // the field name used in row errors (the API's, or the file's own)
	header  string   // the Vietnamese header written by export and the template
	aliases []string // other headers accepted, folded (no diacritics, lower case)
	info    bool     // for people to read: written by export, ignored on import
	help    string   // what to write, in Vietnamese, for the template's instructions
}

// peopleColumns are the columns an import understands, in export order.
// Headers match whatever their case, diacritics, "(*)" marks or notes in
// parentheses; English names are accepted too.
var peopleColumns = []column{
	{key: "code", header: "Mã cán bộ", aliases: []string{"ma", "ma cb", "ma so", "ma nhan vien", "person code"},
		help: "Bắt buộc. Mã duy nhất của cán bộ: 1-40 chữ cái không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch dưới. Nếu mã đã có trong hệ thống thì dòng đó cập nhật cán bộ, nếu chưa có thì thêm mới."},
	{key: "family_name", header: "Họ", aliases: []string{"family name", "last name", "surname"},
		help: "Bắt buộc khi thêm mới (trừ khi dùng cột \"Họ và tên\"). Ví dụ: Nguyễn."},
	{key: "middle_name", header: "Tên đệm", aliases: []string{"ten lot", "middle name"},
		help: "Có thể để trống. Ví dụ: Văn, Thị Thu."},
	{key: "given_name", header: "Tên", aliases: []string{"given name", "first name"},
		help: "Bắt buộc khi thêm mới (trừ khi dùng cột \"Họ và tên\"). Ví dụ: An."},
	{key: "full_name", header: "Họ và tên", aliases: []string{"ho ten", "ho ten day du", "full name", "name"},
		help: "Có thể dùng thay cho ba cột Họ, Tên đệm, Tên: từ đầu là họ, từ cuối là tên (hoặc phần trùng với cột Tên nếu có), phần giữa là tên đệm."},
	{key: "family_middle", header: "Họ và tên đệm", aliases: []string{"ho dem", "ho va dem", "ho, ten dem", "ho va chu dem", "ho lot"},
		help: "Có thể dùng thay cho hai cột Họ và Tên đệm (đi cùng cột Tên): từ đầu là họ, phần còn lại là tên đệm."},
	{key: "gender", header: "Giới tính", aliases: []string{"gender", "sex"},
		help: "Nam hoặc Nữ; có thể để trống."},
	{key: "birth_date", header: "Ngày sinh", aliases: []string{"ngay thang nam sinh", "birth date", "date of birth", "dob", "birthday"},
		help: "Dạng ngày/tháng/năm, ví dụ 15/03/1985 (trong Excel có thể dùng ô kiểu ngày). Cán bộ phải từ đủ 15 tuổi."},
	{key: "email", header: "Email", aliases: []string{"e-mail", "e mail", "thu dien tu", "dia chi email", "dia chi thu dien tu"},
		help: "Địa chỉ thư điện tử công vụ, ví dụ an.nv@hatinh.gov.vn; có thể để trống."},
	{key: "phone", header: "Điện thoại", aliases: []string{"so dien thoai", "dien thoai di dong", "dt", "sdt", "phone", "phone number", "mobile"},
		help: "6-20 chữ số, có thể có dấu cách, dấu chấm, gạch ngang hoặc + ở đầu; có thể để trống. Nên định dạng ô là Văn bản (Text) để giữ số 0 ở đầu."},
	{key: "agency_code", header: "Mã đơn vị", aliases: []string{"ma co quan", "agency code", "agency"},
		help: "Bắt buộc khi thêm mới. Mã đơn vị công tác (xem trang \"Mã đơn vị\"); phải là đơn vị bạn được quản lý."},
	{key: "agency_name", header: "Tên đơn vị", aliases: []string{"don vi", "co quan", "don vi cong tac", "agency name"}, info: true,
		help: "Chỉ để đọc: khi nhập, hệ thống dựa vào Mã đơn vị và bỏ qua cột này."},
	{key: "kind", header: "Loại", aliases: []string{"loai can bo", "phan loai", "kind", "type"},
		help: "Bắt buộc khi thêm mới: Cán bộ, Công chức hoặc Viên chức."},
	{key: "professional", header: "Làm chuyên môn", aliases: []string{"chuyen mon", "lam cong tac chuyen mon", "professional"},
		help: "Có hoặc Không: cán bộ có làm công tác chuyên môn, nghiệp vụ không. Để trống khi thêm mới là Có."},
	{key: "job_title", header: "Chức vụ", aliases: []string{"chuc danh", "chuc vu chuc danh", "job title", "title"},
		help: "Chức vụ hoặc chức danh, tối đa 200 ký tự; có thể để trống."},
	{key: "it_qualification", header: "Trình độ CNTT", aliases: []string{"trinh do tin hoc", "trinh do cong nghe thong tin", "it qualification", "it level"},
		help: "Trình độ CNTT cao nhất: Không, Chứng chỉ, Trung cấp, Cao đẳng, Đại học hoặc Sau đại học. Để trống khi thêm mới là Không."},
	{key: "active", header: "Trạng thái", aliases: []string{"status", "active"}, info: true,
		help: "Chỉ để đọc: Đang công tác hoặc Đã nghỉ; khi nhập, hệ thống bỏ qua cột này."},
	{key: "no", header: "STT", aliases: []string{"so thu tu", "tt", "no", "#"}, info: true},
	{key: "note", header: "Ghi chú", aliases: []string{"note", "notes", "remarks"}, info: true},
}

// columnsByName maps every accepted header, folded, to its column key.
var columnsByName = func() map[string]string {
	m := map[string]string{}
	for _, c := range peopleColumns {
		for _, name := range append([]string{c.header, c.key}, c.aliases...) {
			m[headerName(name)] = c.key
		}
	}
	return m
}()

// headerName folds a header cell for matching: "Ngày sinh (dd/mm/yyyy) *"
// and "ngay_sinh" both become "ngay sinh".
func headerName(s string) string {
	if i := strings.IndexAny(s, "(["); i > 0 {
		s = s[:i]
	}
	s = strings.ReplaceAll(s, "_", " ")
	return strings.Trim(vn.Fold(s), " *:.")
}

// header is where each known column is in a file, and the headers it did
// not know.
type header struct {
	col     map[string]int
	ignored []string
}

// matchHeader reads cells as a header row; it is one when it has the code
// column. Unknown and repeated columns are ignored and listed.
func matchHeader(cells []string) (header, bool) {
	h := header{col: map[string]int{}, ignored: []string{}}
	for i, c := range cells {
		key, known := columnsByName[headerName(c)]
		if _, dup := h.col[key]; known && !dup {
			h.col[key] = i
			continue
		}
		if name := strings.TrimSpace(c); name != "" && len(h.ignored) < 20 {
			h.ignored = append(h.ignored, truncate(name, 100))
		}
	}
	_, ok := h.col["code"]
	return h, ok
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// label is a stored value with the Vietnamese word a file shows for it.
type label struct {
	code, vi string
	more     []string // other accepted spellings, folded
}

var (
	genderLabels = []label{{"male", "Nam", []string{"m", "trai"}}, {"female", "Nữ", []string{"f", "gai"}}}
	kindLabels   = []label{{"can_bo", "Cán bộ", []string{"cb"}}, {"cong_chuc", "Công chức", []string{"cc"}}, {"vien_chuc", "Viên chức", []string{"vc"}}}
	yesNoLabels  = []label{{"true", "Có", []string{"x", "c", "yes", "y", "1"}}, {"false", "Không", []string{"k", "no", "n", "0"}}}
	itLabels     = []label{
		{"none", "Không", []string{"chua co", "khong co"}},
		{"certificate", "Chứng chỉ", []string{"chung chi tin hoc", "chung chi a", "chung chi b", "chung chi c", "chung chi ung dung cntt co ban", "chung chi ung dung cntt nang cao"}},
		{"vocational", "Trung cấp", []string{"trung cap cntt"}},
		{"college", "Cao đẳng", []string{"cao dang cntt"}},
		{"university", "Đại học", []string{"dai hoc cntt", "ky su cntt", "cu nhan cntt"}},
		{"postgraduate", "Sau đại học", []string{"thac si", "tien si"}},
	}
)

// lookup finds the stored value for what a file wrote.
func lookup(labels []label, v string) (string, bool) {
	f := headerName(v)
	for _, l := range labels {
		if f == headerName(l.code) || f == vn.Fold(l.vi) || slices.Contains(l.more, f) {
			return l.code, true
		}
	}
	return "", false
}

// labelOf is the Vietnamese word for a stored value.
func labelOf(labels []label, code string) string {
	for _, l := range labels {
		if l.code == code {
			return l.vi
		}
	}
	return code
}
