// Package cert holds certifications (what can be earned), certificates
// (what was earned: issued automatically by the statement that completes
// the last requirement, issued by hand, or recorded from elsewhere), their
// verification (public, and offline with a signed token), and their PDF.
package cert

import (
	"database/sql"
	"strconv"
)

var errNoRows = sql.ErrNoRows

func itoa(i int64) string { return strconv.FormatInt(i, 10) }
