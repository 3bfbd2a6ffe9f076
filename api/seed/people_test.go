package seed

import (
	"reflect"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/govtrain/lms/api/platform/vn"
)

func testAgencies(t *testing.T) []agency {
	t.Helper()
	as, err := parseAgencies(agenciesCSV)
	if err != nil {
		t.Fatal(err)
	}
	return as
}

func TestAgenciesFile(t *testing.T) {
	as := testAgencies(t)
	levels := map[string]int{}
	communes := map[string]int{}
	for _, a := range as {
		levels[a.Level]++
		if a.Level == "commune" {
			communes[a.ParentCode]++
		}
		for _, s := range []string{a.Name, a.NameEN} {
			if !norm.NFC.IsNormalString(s) {
				t.Errorf("%s: %q is not NFC", a.Code, s)
			}
		}
		for _, r := range a.NameEN {
			if r > unicode.MaxASCII {
				t.Errorf("%s: English name %q is not ASCII", a.Code, a.NameEN)
				break
			}
		}
		wantDepth := map[string]int{"province": 0, "department": 1, "district": 1, "commune": 2}[a.Level]
		if a.depth != wantDepth {
			t.Errorf("%s: depth %d, want %d for level %s", a.Code, a.depth, wantDepth, a.Level)
		}
	}
	want := map[string]int{"province": 1, "department": 18, "district": 12}
	for l, n := range want {
		if levels[l] != n {
			t.Errorf("%d agencies of level %s, want %d", levels[l], l, n)
		}
	}
	for _, d := range []string{"436", "437", "439", "440", "441", "442", "443", "444", "445", "446", "447", "448"} {
		if communes[d] == 0 || communes[d] > 10 {
			t.Errorf("district %s has %d communes, want 1-10", d, communes[d])
		}
	}
	if as[0].Code != rootCode {
		t.Errorf("first agency is %s, want %s", as[0].Code, rootCode)
	}
}

func TestParseAgenciesRejects(t *testing.T) {
	head := "code,parent_code,name,name_en,level,sectors\n"
	cases := map[string]string{
		"parent after child": head + "HT,,Tỉnh,,province,\nX,Y,Xã,,commune,\nY,HT,Huyện,,district,\n",
		"duplicate code":     head + "HT,,Tỉnh,,province,\nHT,HT,Sở,,department,\n",
		"second root":        head + "HT,,Tỉnh,,province,\nQB,,Tỉnh,,province,\n",
		"unknown level":      head + "HT,,Tỉnh,,country,\n",
		"wrong header":       "code,name\nHT,Tỉnh\n",
	}
	for name, in := range cases {
		if _, err := parseAgencies([]byte(in)); err == nil {
			t.Errorf("%s: parsed without error", name)
		}
	}
}

var (
	codeRe  = regexp.MustCompile(`^CB\d{6}$`)
	emailRe = regexp.MustCompile(`^[a-z]+\d*\.[a-z0-9-]+@hatinh\.gov\.vn$`)
	phoneRe = regexp.MustCompile(`^09\d{8}$`)
)

func TestGeneratePeople(t *testing.T) {
	as := testAgencies(t)
	people := generatePeople(as, peopleSeed)
	if again := generatePeople(as, peopleSeed); !reflect.DeepEqual(people, again) {
		t.Fatal("generatePeople is not deterministic")
	}
	if n := len(people); n < 550 || n > 650 {
		t.Errorf("generated %d people, want about 600", n)
	}
	agencyLevel := map[string]string{}
	for _, a := range as {
		agencyLevel[a.Code] = a.Level
	}
	codes, emails := map[string]bool{}, map[string]bool{}
	kinds, families := map[string]int{}, map[string]int{}
	searchHits, professional := 0, 0
	for _, p := range people {
		if !codeRe.MatchString(p.Code) || codes[p.Code] {
			t.Errorf("bad or duplicate code %q", p.Code)
		}
		codes[p.Code] = true
		if !emailRe.MatchString(p.Email) || emails[p.Email] {
			t.Errorf("bad or duplicate e-mail %q", p.Email)
		}
		emails[p.Email] = true
		if !phoneRe.MatchString(p.Phone) {
			t.Errorf("%s: bad phone %q", p.Code, p.Phone)
		}
		for _, part := range []string{p.Family, p.Middle, p.Given, p.JobTitle} {
			if part == "" || !norm.NFC.IsNormalString(part) {
				t.Errorf("%s: empty or non-NFC name part or title %q", p.Code, part)
			}
		}
		for _, r := range p.FullName() {
			if !unicode.IsLetter(r) && r != ' ' {
				t.Errorf("%s: name %q has %q", p.Code, p.FullName(), r)
			}
		}
		if p.BirthDate < "1955-01-01" || p.BirthDate > "1990-12-31" || p.HiredOn <= p.BirthDate {
			t.Errorf("%s: born %s, hired %s", p.Code, p.BirthDate, p.HiredOn)
		}
		if agencyLevel[p.AgencyCode] == "" || agencyLevel[p.AgencyCode] == "province" {
			t.Errorf("%s: agency %q", p.Code, p.AgencyCode)
		}
		if strings.Contains(vn.SearchText(p.FullName(), p.Code, p.Email), searchName) {
			searchHits++
		}
		if p.Professional {
			professional++
		}
		kinds[p.Kind]++
		families[p.Family]++
	}
	if searchHits != 1 {
		t.Errorf("%d people match %q, want 1", searchHits, searchName)
	}
	n := float64(len(people))
	share := func(k int) float64 { return float64(k) / n }
	checks := []struct {
		what     string
		got      float64
		min, max float64
	}{
		{"can_bo", share(kinds["can_bo"]), 0.15, 0.25},
		{"cong_chuc", share(kinds["cong_chuc"]), 0.48, 0.62},
		{"vien_chuc", share(kinds["vien_chuc"]), 0.18, 0.30},
		{"Nguyễn", share(families["Nguyễn"]), 0.30, 0.45},
		{"professional", share(professional), 0.78, 0.92},
	}
	for _, c := range checks {
		if c.got < c.min || c.got > c.max {
			t.Errorf("share of %s = %.2f, want %.2f-%.2f", c.what, c.got, c.min, c.max)
		}
	}
	if people[0].FullName() != "Nguyễn Văn An" || people[0].AgencyCode != "SNV" || people[0].Email != "annv.snv@hatinh.gov.vn" {
		t.Errorf("first person = %s, %s, %s; want Nguyễn Văn An of SNV, annv.snv@hatinh.gov.vn",
			people[0].FullName(), people[0].AgencyCode, people[0].Email)
	}
}

func TestOnceTitlesAreUnique(t *testing.T) {
	as := testAgencies(t)
	byCode := map[string]agency{}
	for _, a := range as {
		byCode[a.Code] = a
	}
	seen := map[string]bool{}
	for _, p := range generatePeople(as, peopleSeed)[len(demoPeople):] {
		once, known := false, false
		for _, tt := range titles(byCode[p.AgencyCode], p.Kind) {
			if tt.v == p.JobTitle {
				once, known = tt.once, true
				if tt.gender != "" && tt.gender != p.Gender {
					t.Errorf("%s: %s holds %q, a title for %s", p.Code, p.Gender, p.JobTitle, tt.gender)
				}
			}
		}
		if !known {
			t.Errorf("%s: title %q is not one a %s of %s can hold", p.Code, p.JobTitle, p.Kind, p.AgencyCode)
		}
		key := p.AgencyCode + "/" + p.JobTitle
		if once && seen[key] {
			t.Errorf("%s: second %q in %s", p.Code, p.JobTitle, p.AgencyCode)
		}
		seen[key] = true
	}
}
