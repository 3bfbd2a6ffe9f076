package cert

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestLoadDefinitions(t *testing.T) {
	known := map[string][]string{"iu01": {"kiem-tra-cuoi-khoa"}}
	good := `issuer: {name: SỞ NỘI VỤ, place: Hà Tĩnh}
certifications:
  - code: CNTT-CB
    name: {vi: Ứng dụng CNTT cơ bản, en: Basic IT}
    target: it_basic
    serial_prefix: CB
    requires: all
    courses: [iu01]
    quizzes: [{course: iu01, quiz: kiem-tra-cuoi-khoa, min: 80}]
`
	d, probs := LoadDefinitions(fstest.MapFS{DefinitionsFile: {Data: []byte(good)}}, known)
	if len(probs) > 0 || len(d.Certifications) != 1 || d.Certifications[0].Quizzes[0].Min != 80 {
		t.Fatalf("good file: %v %+v", probs, d)
	}
	if _, probs := LoadDefinitions(fstest.MapFS{}, known); len(probs) > 0 {
		t.Errorf("no file is no problem: %v", probs)
	}
	for _, c := range []struct{ file, want string }{
		{strings.Replace(good, "code: CNTT-CB", "code: cntt cb", 1), "the code is"},
		{strings.Replace(good, "courses: [iu01]", "courses: [iu09]", 1), `no course "iu09"`},
		{strings.Replace(good, "quiz: kiem-tra-cuoi-khoa", "quiz: cuoi-ky", 1), `no quiz "cuoi-ky"`},
		{strings.Replace(good, "target: it_basic", "target: basic", 1), "target is one of"},
		{strings.Replace(good, "requires: all", "requires: most", 1), "requires is all or any"},
		{strings.Replace(good, "en: Basic IT", "en: ''", 1), "name needs vi and en"},
		{strings.Replace(good, "serial_prefix: CB", "serial_prefix: cb/", 1), "serial_prefix"},
		{good + "    colour: red\n", "field colour not found"},
		{strings.Replace(good, "name: SỞ NỘI VỤ", "name: ''", 1), "issuer.name is required"},
	} {
		_, probs := LoadDefinitions(fstest.MapFS{DefinitionsFile: {Data: []byte(c.file)}}, known)
		if !strings.Contains(strings.Join(probs, "\n"), c.want) {
			t.Errorf("want a problem %q, got %v", c.want, probs)
		}
	}
}
