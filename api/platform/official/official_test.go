package official

import (
	"testing"
	"time"
)

func TestPlaceDate(t *testing.T) {
	for _, tc := range []struct {
		place string
		date  time.Time
		want  string
	}{
		{"Hà Tĩnh", time.Date(2009, 3, 5, 0, 0, 0, 0, time.UTC), "Hà Tĩnh, ngày 05 tháng 3 năm 2009"},
		{"Hà Tĩnh", time.Date(2009, 3, 15, 0, 0, 0, 0, time.UTC), "Hà Tĩnh, ngày 15 tháng 3 năm 2009"},
		{"Hà Tĩnh", time.Date(2009, 2, 5, 0, 0, 0, 0, time.UTC), "Hà Tĩnh, ngày 05 tháng 02 năm 2009"},
		{"Hà Tĩnh", time.Date(2010, 1, 1, 0, 0, 0, 0, time.UTC), "Hà Tĩnh, ngày 01 tháng 01 năm 2010"},
		{"Hà Tĩnh", time.Date(2009, 10, 9, 0, 0, 0, 0, time.UTC), "Hà Tĩnh, ngày 09 tháng 10 năm 2009"},
		{"Hà Tĩnh", time.Date(2010, 12, 31, 0, 0, 0, 0, time.UTC), "Hà Tĩnh, ngày 31 tháng 12 năm 2010"},
		{"", time.Date(2009, 3, 5, 0, 0, 0, 0, time.UTC), "Ngày 05 tháng 3 năm 2009"},
	} {
		if got := PlaceDate(tc.place, tc.date); got != tc.want {
			t.Errorf("PlaceDate(%q, %s) = %q, want %q", tc.place, tc.date.Format("2006-01-02"), got, tc.want)
		}
	}
}

