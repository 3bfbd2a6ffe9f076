// Package migrations embeds the numbered SQL migrations so the lms binary
// carries its own schema. Files are never edited once they have landed on main;
// a change to the schema is a new pair of files.
package migrations

import "embed"

// FS holds every NNNN_name.up.sql and NNNN_name.down.sql file.
//
//go:embed *.sql
var FS embed.FS
