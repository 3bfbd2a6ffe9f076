// Package civil has the calendar date type used for birth dates and validity
// ranges: no time of day, no zone, "YYYY-MM-DD" in JSON and a date in SQL.
package civil

import (
	"database/sql/driver"
	"fmt"
	"time"
)

// Zone is Vietnam's time (UTC+7, no daylight saving since 1975): the zone
// of "today", of the days users type and of the dates in file names. A
// fixed zone needs no tzdata on the machine.
var Zone = time.FixedZone("ICT", 7*3600)

// Today is the date in Vietnam now.
func Today() Date { return Of(time.Now().In(Zone)) }

// Layout is the ISO form of a date.
const Layout = "2006-01-02"

// Date is a calendar date.
type Date struct {
	t time.Time // midnight UTC
}

// New returns the date y-m-d.
func New(y int, m time.Month, d int) Date { return Date{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)} }

// Parse reads "YYYY-MM-DD".
func Parse(s string) (Date, error) {
	t, err := time.Parse(Layout, s)
	return Date{t}, err
}

// Of is the date of t in t's own zone.
func Of(t time.Time) Date { return New(t.Date()) }

// Time is the date at midnight UTC.
func (d Date) Time() time.Time { return d.t }

// String is "YYYY-MM-DD".
func (d Date) String() string { return d.t.Format(Layout) }

// VN is the Vietnamese form, dd/mm/yyyy.
func (d Date) VN() string { return d.t.Format("02/01/2006") }

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.t.Before(e.t) }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.t.After(e.t) }

// MarshalJSON writes "YYYY-MM-DD".
func (d Date) MarshalJSON() ([]byte, error) { return []byte(`"` + d.String() + `"`), nil }

// UnmarshalJSON reads "YYYY-MM-DD".
func (d *Date) UnmarshalJSON(b []byte) error {
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return fmt.Errorf("civil: a date must be a string \"YYYY-MM-DD\"")
	}
	p, err := Parse(string(b[1 : len(b)-1]))
	if err != nil {
		return fmt.Errorf("civil: %q is not a date YYYY-MM-DD", b)
	}
	*d = p
	return nil
}

// Scan reads a SQL date.
func (d *Date) Scan(v any) error {
	switch x := v.(type) {
	case time.Time:
		*d = New(x.Date())
		return nil
	case string:
		p, err := Parse(x[:min(len(x), 10)])
		*d = p
		return err
	case []byte:
		p, err := Parse(string(x[:min(len(x), 10)]))
		*d = p
		return err
	}
	return fmt.Errorf("civil: cannot scan %T into a date", v)
}

// Value writes a SQL date.
func (d Date) Value() (driver.Value, error) { return d.String(), nil }
