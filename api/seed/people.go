package seed

import (
	"fmt"
	"math/rand"
	"strings"
	"time"

	"github.com/govtrain/lms/api/platform/vn"
)

// peopleSeed fixes the sample, so every installation and every test run gets
// the same people with the same codes.
const peopleSeed = 3260

const emailDomain = "hatinh.gov.vn"

// person is one generated civil servant. Dates are yyyy-mm-dd.
type person struct {
	Code            string
	Family          string
	Middle          string
	Given           string
	Gender          string
	BirthDate       string
	HiredOn         string // start of the current membership
	Email           string
	Phone           string
	AgencyCode      string
	Kind            string
	Professional    bool
	JobTitle        string
	ITQualification string
}

// FullName is "họ tên đệm tên", as the people.full_name column computes it.
func (p person) FullName() string {
	if p.Middle == "" {
		return p.Family + " " + p.Given
	}
	return p.Family + " " + p.Middle + " " + p.Given
}

// searchName is the one name the search examples use ("nguyen van an" finds
// exactly one person); generated people never fold to a name containing it.
const searchName = "nguyen van an"

// demoPerson is a fixed person; username, when set, is the demo account that
// signs in as them.
type demoPerson struct {
	username string
	role     string
	manages  bool // the account's scope is the person's agency
	person
}

var demoPeople = []demoPerson{
	{person: person{Family: "Nguyễn", Middle: "Văn", Given: "An", Gender: "male", BirthDate: "1980-04-12", HiredOn: "2004-09-01",
		AgencyCode: "SNV", Kind: "cong_chuc", Professional: true, JobTitle: "Chuyên viên", ITQualification: "certificate"}},
	{username: "noivu", role: "home_affairs", person: person{Family: "Phan", Middle: "Thị", Given: "Hương", Gender: "female", BirthDate: "1975-08-20", HiredOn: "1998-03-01",
		AgencyCode: "SNV", Kind: "cong_chuc", Professional: true, JobTitle: "Phó Trưởng phòng Công chức, viên chức", ITQualification: "certificate"}},
	{username: "quanly", role: "agency_manager", manages: true, person: person{Family: "Trần", Middle: "Đức", Given: "Thắng", Gender: "male", BirthDate: "1970-02-05", HiredOn: "1994-07-01",
		AgencyCode: "443", Kind: "cong_chuc", Professional: true, JobTitle: "Trưởng phòng Nội vụ", ITQualification: "certificate"}},
	{username: "giangvien", role: "trainer", person: person{Family: "Lê", Middle: "Minh", Given: "Tuấn", Gender: "male", BirthDate: "1978-11-30", HiredOn: "2001-10-15",
		AgencyCode: "STTTT", Kind: "cong_chuc", Professional: true, JobTitle: "Chuyên viên chính", ITQualification: "university"}},
	{username: "hocvien", role: "learner", person: person{Family: "Nguyễn", Middle: "Thị", Given: "Lan", Gender: "female", BirthDate: "1985-06-18", HiredOn: "2008-01-02",
		AgencyCode: "443-nghen", Kind: "cong_chuc", Professional: true, JobTitle: "Công chức Văn phòng - Thống kê", ITQualification: "none"}},
}

// generatePeople returns the demo people followed by a deterministic sample
// of civil servants for every agency below the root: about 14 per department,
// 10 per district and 2-3 per commune, some 600 in all.
func generatePeople(agencies []agency, seed int64) []person {
	r := rand.New(rand.NewSource(seed))
	g := generator{r: r, emails: map[string]bool{}, numbered: map[string]int{}, phones: map[string]bool{}, names: map[string]bool{}}
	out := g.demo()
	for _, a := range agencies {
		var n int
		switch a.Level {
		case "department":
			n = 11 + r.Intn(7)
		case "district":
			n = 8 + r.Intn(5)
		case "commune":
			n = 2 + r.Intn(2)
		default:
			continue
		}
		used := map[string]bool{}
		for range n {
			p := g.person(a, used)
			p.Code = fmt.Sprintf("CB%06d", len(out)+1)
			out = append(out, p)
		}
	}
	return out
}

// demo returns the demo people, coded CB000001 on, with their addresses
// and phones, and keeps their names from being drawn again.
func (g *generator) demo() []person {
	out := make([]person, 0, len(demoPeople))
	for _, d := range demoPeople {
		p := d.person
		p.Code = fmt.Sprintf("CB%06d", len(out)+1)
		p.Email = g.email(p)
		p.Phone = g.phone()
		g.names[vn.Fold(p.FullName())] = true
		out = append(out, p)
	}
	return out
}

type generator struct {
	r      *rand.Rand
	emails map[string]bool
	// numbered is, per address, the last number given after its initials.
	numbered map[string]int
	phones   map[string]bool
	names    map[string]bool // folded names of the demo people, kept unique
}

func (g *generator) person(a agency, used map[string]bool) person {
	r := g.r
	p := person{AgencyCode: a.Code, Gender: "male"}
	if r.Intn(100) < 45 {
		p.Gender = "female"
	}
	born := time.Date(1955+r.Intn(36), time.January, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.Intn(365))
	p.BirthDate = born.Format(time.DateOnly)
	for {
		p.Family, p.Middle, p.Given = name(r, p.Gender, born.Year())
		folded := vn.Fold(p.FullName())
		if !strings.Contains(folded, searchName) && !g.names[folded] {
			break
		}
	}
	// Hired at 21-30; the youngest are hired in the last years of the plan or
	// just after it, so not everyone counts in every six-monthly report.
	hired := born.AddDate(21+r.Intn(10), r.Intn(12), r.Intn(28))
	if last := time.Date(2012, time.December, 31, 0, 0, 0, 0, time.UTC); hired.After(last) {
		first := born.AddDate(21, 0, 0)
		hired = first.AddDate(0, 0, r.Intn(int(last.Sub(first).Hours()/24)+1))
	}
	p.HiredOn = hired.Format(time.DateOnly)
	p.Kind = pick(r, kinds[a.Level])
	p.JobTitle = jobTitle(r, a, p.Kind, p.Gender, used)
	p.Professional = r.Intn(100) < 85
	switch {
	case born.Year() < 1965:
		p.ITQualification = pick(r, itOlder)
	case a.Level == "commune":
		p.ITQualification = pick(r, itCommune)
	default:
		p.ITQualification = pick(r, itProvince)
	}
	p.Email = g.email(p)
	p.Phone = g.phone()
	return p
}

// kinds by level: cán bộ are the elected and Party posts, mostly in communes;
// viên chức work in the public-service units of departments and districts.
// Over the whole sample this gives about 20% / 55% / 25%.
var kinds = map[string][]choice{
	"department": {{"cong_chuc", 60}, {"vien_chuc", 40}},
	"district":   {{"can_bo", 20}, {"cong_chuc", 50}, {"vien_chuc", 30}},
	"commune":    {{"can_bo", 45}, {"cong_chuc", 55}},
}

var (
	itOlder    = []choice{{"none", 75}, {"certificate", 25}}
	itCommune  = []choice{{"none", 55}, {"certificate", 40}, {"vocational", 2}, {"college", 2}, {"university", 1}}
	itProvince = []choice{{"none", 40}, {"certificate", 45}, {"vocational", 4}, {"college", 3}, {"university", 7}, {"postgraduate", 1}}
)

// email is given name + initials of family and middle name + agency code, the
// way Vietnamese government addresses are made ("annv.snv@..."), with a number
// after the initials when that address is taken.
func (g *generator) email(p person) string {
	local := vn.Fold(p.Given) + initial(p.Family) + initial(p.Middle)
	domain := "." + strings.ToLower(p.AgencyCode) + "@" + emailDomain
	e := local + domain
	// Numbers are given in order per address, so the next one to try is
	// after the last given (a province of millions has thousands of "annv").
	for i := max(2, g.numbered[local+domain]+1); g.emails[e]; i++ {
		e = fmt.Sprintf("%s%d%s", local, i, domain)
		g.numbered[local+domain] = i
	}
	g.emails[e] = true
	return e
}

func initial(s string) string {
	f := vn.Fold(s)
	if f == "" {
		return ""
	}
	return f[:1]
}

// mobilePrefixes are the 09x prefixes of the networks of the time.
var mobilePrefixes = []string{"090", "091", "093", "094", "096", "097", "098"}

func (g *generator) phone() string {
	for {
		ph := fmt.Sprintf("%s%07d", mobilePrefixes[g.r.Intn(len(mobilePrefixes))], g.r.Intn(10_000_000))
		if !g.phones[ph] {
			g.phones[ph] = true
			return ph
		}
	}
}
