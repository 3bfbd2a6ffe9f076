package seed

import "math/rand"

// choice is a value with a relative weight.
type choice struct {
	v string
	w int
}

// pick returns a value with probability proportional to its weight.
func pick(r *rand.Rand, cs []choice) string {
	total := 0
	for _, c := range cs {
		total += c.w
	}
	n := r.Intn(total)
	for _, c := range cs {
		if n < c.w {
			return c.v
		}
		n -= c.w
	}
	panic("unreachable")
}

// familyNames are weighted roughly by their national frequency (Nguyễn near
// 38%), nudged towards the names common in Hà Tĩnh (Phan, Hồ, Đặng, Võ rather
// than Vũ, Huỳnh rare).
var familyNames = []choice{
	{"Nguyễn", 360}, {"Trần", 110}, {"Lê", 100}, {"Phan", 60}, {"Phạm", 50},
	{"Võ", 45}, {"Đặng", 40}, {"Hồ", 40}, {"Hoàng", 35}, {"Bùi", 20},
	{"Đỗ", 15}, {"Ngô", 15}, {"Dương", 15}, {"Đinh", 15}, {"Vũ", 10},
	{"Thái", 10}, {"Hà", 10}, {"Đào", 10}, {"Trương", 10}, {"Lý", 5}, {"Huỳnh", 3},
}

// Middle names: "Văn" and "Thị" are the classic ones and grow rarer in the
// generation born after 1975, so each list comes in two weightings.
var (
	maleMiddleOlder = []choice{
		{"Văn", 40}, {"Hữu", 8}, {"Đức", 8}, {"Xuân", 7}, {"Đình", 7}, {"Quang", 6},
		{"Công", 6}, {"Minh", 5}, {"Thanh", 5}, {"Trọng", 4}, {"Ngọc", 4}, {"Quốc", 3},
		{"Viết", 3}, {"Bá", 3}, {"Khắc", 2}, {"Tiến", 2}, {"Mạnh", 2}, {"Trung", 2},
	}
	maleMiddleYounger = []choice{
		{"Văn", 20}, {"Hữu", 6}, {"Đức", 9}, {"Xuân", 6}, {"Đình", 5}, {"Quang", 7},
		{"Công", 5}, {"Minh", 8}, {"Thanh", 6}, {"Trọng", 4}, {"Ngọc", 4}, {"Quốc", 5},
		{"Anh", 4}, {"Duy", 4}, {"Viết", 2}, {"Tiến", 3}, {"Mạnh", 3}, {"Trung", 3},
	}
	femaleMiddleOlder = []choice{
		{"Thị", 60}, {"Thu", 5}, {"Ngọc", 4}, {"Thanh", 4}, {"Hồng", 4}, {"Kim", 3},
		{"Bích", 3}, {"Minh", 2}, {"Thùy", 2}, {"Hoài", 2}, {"Mai", 2},
	}
	femaleMiddleYounger = []choice{
		{"Thị", 30}, {"Thu", 6}, {"Ngọc", 6}, {"Thanh", 5}, {"Hồng", 5}, {"Thùy", 5},
		{"Minh", 4}, {"Kim", 3}, {"Phương", 4}, {"Hải", 3}, {"Mai", 3}, {"Diệu", 2},
		{"Bích", 2}, {"Hoài", 2}, {"Lan", 2},
	}
)

var maleGiven = []string{
	"An", "Anh", "Bình", "Cường", "Chiến", "Công", "Dũng", "Đạt", "Định", "Đông",
	"Giang", "Hải", "Hậu", "Hiếu", "Hoàng", "Hòa", "Hùng", "Huy", "Hưng", "Khánh",
	"Khoa", "Kiên", "Lâm", "Long", "Lộc", "Lợi", "Lương", "Mạnh", "Minh", "Nam",
	"Nghĩa", "Phong", "Phúc", "Phương", "Quân", "Quang", "Quý", "Sơn", "Tài", "Tâm",
	"Thắng", "Thành", "Thịnh", "Thông", "Thuận", "Tiến", "Toàn", "Trung", "Tú", "Tuấn",
	"Tùng", "Việt", "Vinh", "Vũ",
}

var femaleGiven = []string{
	"Anh", "Bình", "Châu", "Dung", "Duyên", "Giang", "Hà", "Hạnh", "Hằng", "Hiền",
	"Hoa", "Hòa", "Hoài", "Hồng", "Huệ", "Hương", "Huyền", "Lan", "Liên", "Linh",
	"Loan", "Lý", "Mai", "Nga", "Ngân", "Nhàn", "Nhung", "Oanh", "Phương", "Quyên",
	"Quỳnh", "Tâm", "Thảo", "Thắm", "Thanh", "Thu", "Thúy", "Thủy", "Trang", "Tuyết",
	"Vân", "Xuân", "Yến",
}

// name draws a family, middle and given name for a person of the given gender
// born in the given year.
func name(r *rand.Rand, gender string, born int) (family, middle, given string) {
	family = pick(r, familyNames)
	for {
		if gender == "female" {
			middle = pick(r, pickList(born, femaleMiddleOlder, femaleMiddleYounger))
			given = femaleGiven[r.Intn(len(femaleGiven))]
		} else {
			middle = pick(r, pickList(born, maleMiddleOlder, maleMiddleYounger))
			given = maleGiven[r.Intn(len(maleGiven))]
		}
		if middle != given { // "Thu Thu", "Minh Minh" are not names
			return family, middle, given
		}
	}
}

func pickList(born int, older, younger []choice) []choice {
	if born < 1975 {
		return older
	}
	return younger
}
