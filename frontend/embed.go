// Package frontend embeds the built web app (frontend/dist) into the lms binary.
// Run `npm run build` in this folder (or `make build`) before `go build`; without
// it the binary serves a page that says the frontend was not built.
package frontend

import "embed"

// Dist is the content of frontend/dist.
//
//go:embed all:dist
var Dist embed.FS
