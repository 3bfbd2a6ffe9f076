package seed

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// agenciesCSV is the agency tree. Sector tags come from this vocabulary, after
// the groups Decision 3260 trains first (II.4.1):
//
//	economic-general   kinh tế tổng hợp (VP UBND, KH&ĐT, Tài chính, Công Thương ...)
//	internal-affairs   nội chính (Nội vụ, Tư pháp, Thanh tra)
//	natural-resources  tài nguyên (Tài nguyên và Môi trường)
//	agriculture-rural  nông nghiệp, nông thôn (Nông nghiệp và PTNT)
//	culture-social     văn hóa - xã hội (VH-TT-DL, GD-ĐT, Y tế, LĐ-TB-XH ...)
//	city               the provincial city, named on its own in the same wave
//
//go:embed agencies.csv
var agenciesCSV []byte

var agencyHeader = []string{"code", "parent_code", "name", "name_en", "level", "sectors"}

var agencyLevels = []string{"province", "department", "district", "commune", "unit"}

// agency is one row of agencies.csv; depth is 0 for the root.
type agency struct {
	Code       string
	ParentCode string
	Name       string
	NameEN     string
	Level      string
	Sectors    []string
	depth      int
}

// parseAgencies reads the agency file and checks that it is a single tree
// whose parents come before their children, the order they are inserted in.
func parseAgencies(data []byte) ([]agency, error) {
	r := csv.NewReader(bytes.NewReader(data))
	r.Comment = '#'
	r.FieldsPerRecord = len(agencyHeader)
	records, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("seed: agencies: %w", err)
	}
	if len(records) < 2 || !slices.Equal(records[0], agencyHeader) {
		return nil, errors.New("seed: agencies: want a header and at least one row")
	}
	depth := map[string]int{}
	out := make([]agency, 0, len(records)-1)
	for i, rec := range records[1:] {
		a := agency{Code: rec[0], ParentCode: rec[1], Name: rec[2], NameEN: rec[3], Level: rec[4]}
		if rec[5] != "" {
			a.Sectors = strings.Split(rec[5], "|")
		}
		line := i + 2 // 1-based, after the header; comment lines are not counted
		switch {
		case a.Code == "" || a.Name == "":
			return nil, fmt.Errorf("seed: agencies row %d: code and name are required", line)
		case !slices.Contains(agencyLevels, a.Level):
			return nil, fmt.Errorf("seed: agencies row %d (%s): unknown level %q", line, a.Code, a.Level)
		}
		if _, dup := depth[a.Code]; dup {
			return nil, fmt.Errorf("seed: agencies row %d: duplicate code %q", line, a.Code)
		}
		if a.ParentCode == "" {
			if len(out) > 0 {
				return nil, fmt.Errorf("seed: agencies row %d (%s): only the first row may be a root", line, a.Code)
			}
		} else {
			d, ok := depth[a.ParentCode]
			if !ok {
				return nil, fmt.Errorf("seed: agencies row %d (%s): parent %q must come before it", line, a.Code, a.ParentCode)
			}
			a.depth = d + 1
		}
		depth[a.Code] = a.depth
		out = append(out, a)
	}
	return out, nil
}
