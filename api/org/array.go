package org

import (
	"database/sql/driver"

	"github.com/lib/pq"
)

// StringArray is a text[] column that encodes as a JSON array (never null).
type StringArray []string

// Scan reads a PostgreSQL text[].
func (a *StringArray) Scan(v any) error {
	var s pq.StringArray
	if err := s.Scan(v); err != nil {
		return err
	}
	*a = StringArray(s)
	if *a == nil {
		*a = StringArray{}
	}
	return nil
}

// Value writes a PostgreSQL text[].
func (a StringArray) Value() (driver.Value, error) {
	if a == nil {
		return "{}", nil
	}
	return pq.StringArray(a).Value()
}
