package seed

import "math/rand"

// title is a job title an agency can give. once titles (a head, a chief) go
// to at most one person per agency; gender restricts the few that in practice
// go to one sex (the women's union chair, the commune military commander).
type title struct {
	v      string
	w      int
	once   bool
	gender string
}

// districtOffices are the specialised offices of a district People's
// Committee after Nghị định 14/2008/NĐ-CP that every district has.
var districtOffices = []string{
	"Nội vụ", "Tư pháp", "Tài chính - Kế hoạch", "Tài nguyên và Môi trường",
	"Lao động - Thương binh và Xã hội", "Văn hóa và Thông tin", "Giáo dục và Đào tạo", "Y tế",
}

// titles lists the titles open to people of one kind in one agency.
func titles(a agency, kind string) []title {
	switch a.Level {
	case "department":
		if kind == "vien_chuc" {
			ts := []title{
				{v: "Kỹ sư", w: 3}, {v: "Kỹ thuật viên", w: 2}, {v: "Cán sự", w: 2},
				{v: "Kế toán", w: 1}, {v: "Phó Giám đốc Trung tâm", w: 1},
			}
			if a.Code == "SYT" {
				ts = append(ts, title{v: "Bác sĩ", w: 3}, title{v: "Dược sĩ", w: 1})
			}
			return ts
		}
		staff, senior, deputy, office := "Chuyên viên", "Chuyên viên chính", "Phó Giám đốc", true
		switch a.Code {
		case "VPUBND":
			deputy, office = "Phó Chánh Văn phòng", false
		case "TTT":
			staff, senior, deputy = "Thanh tra viên", "Thanh tra viên chính", "Phó Chánh Thanh tra"
		case "BQLKKT":
			deputy = "Phó Trưởng ban"
		}
		ts := []title{
			{v: staff, w: 10}, {v: senior, w: 4}, {v: "Trưởng phòng", w: 2}, {v: "Phó Trưởng phòng", w: 3},
			{v: deputy, w: 1}, {v: "Kế toán", w: 1, once: true}, {v: "Văn thư", w: 1, once: true},
		}
		if office {
			ts = append(ts, title{v: "Chánh Văn phòng", w: 1, once: true}, title{v: "Phó Chánh Văn phòng", w: 1})
		}
		return ts
	case "district":
		switch kind {
		case "can_bo":
			return []title{{v: "Phó Chủ tịch UBND", w: 1}}
		case "vien_chuc":
			return []title{
				{v: "Phóng viên Đài Truyền thanh - Truyền hình", w: 2},
				{v: "Kỹ thuật viên Đài Truyền thanh - Truyền hình", w: 1},
				{v: "Kỹ sư Ban Quản lý dự án đầu tư xây dựng", w: 2},
				{v: "Kế toán Ban Quản lý dự án đầu tư xây dựng", w: 1},
				{v: "Viên chức Văn phòng Đăng ký quyền sử dụng đất", w: 2},
			}
		}
		ts := []title{
			{v: "Chánh Văn phòng HĐND và UBND", w: 1, once: true},
			{v: "Phó Chánh Văn phòng HĐND và UBND", w: 1},
			{v: "Chuyên viên Văn phòng HĐND và UBND", w: 4},
			{v: "Thanh tra viên", w: 1},
		}
		for _, o := range districtOffices {
			ts = append(ts,
				title{v: "Trưởng phòng " + o, w: 1, once: true},
				title{v: "Phó Trưởng phòng " + o, w: 1},
				title{v: "Chuyên viên Phòng " + o, w: 3})
		}
		return ts
	default: // commune; the titles of Nghị định 114/2003/NĐ-CP and 92/2009/NĐ-CP
		if kind == "can_bo" {
			return []title{
				{v: "Bí thư Đảng ủy", w: 1, once: true},
				{v: "Phó Bí thư Đảng ủy", w: 1, once: true},
				{v: "Chủ tịch HĐND", w: 1, once: true},
				{v: "Phó Chủ tịch HĐND", w: 1, once: true},
				{v: "Chủ tịch UBND", w: 1, once: true},
				{v: "Phó Chủ tịch UBND", w: 2},
				{v: "Chủ tịch Ủy ban MTTQ Việt Nam", w: 1, once: true},
				{v: "Bí thư Đoàn TNCS Hồ Chí Minh", w: 1, once: true},
				{v: "Chủ tịch Hội Liên hiệp Phụ nữ", w: 1, once: true, gender: "female"},
				{v: "Chủ tịch Hội Nông dân", w: 1, once: true},
				{v: "Chủ tịch Hội Cựu chiến binh", w: 1, once: true, gender: "male"},
			}
		}
		return []title{
			{v: "Công chức Văn phòng - Thống kê", w: 3},
			{v: "Công chức Địa chính - Xây dựng", w: 3},
			{v: "Công chức Tài chính - Kế toán", w: 2},
			{v: "Công chức Tư pháp - Hộ tịch", w: 2},
			{v: "Công chức Văn hóa - Xã hội", w: 2},
			{v: "Chỉ huy trưởng Quân sự", w: 1, once: true, gender: "male"},
		}
	}
}

// jobTitle draws a title for a person, skipping once titles already given in
// the agency (used) and titles for the other sex.
func jobTitle(r *rand.Rand, a agency, kind, gender string, used map[string]bool) string {
	ts := titles(a, kind)
	open := make([]choice, 0, len(ts))
	for _, t := range ts {
		if (t.once && used[t.v]) || (t.gender != "" && t.gender != gender) {
			continue
		}
		open = append(open, choice{t.v, t.w})
	}
	// Every list has an ordinary title open to both sexes, so open is never empty.
	v := pick(r, open)
	used[v] = true
	return v
}
