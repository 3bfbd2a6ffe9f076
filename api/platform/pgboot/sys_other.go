//go:build !unix

package pgboot

import "context"

// ownerOf is not known on this system.
func ownerOf(string) (int, bool) { return 0, false }

// lockFile does not lock on this system; the private cluster is a Unix feature.
func lockFile(context.Context, string) (func(), error) { return func() {}, nil }
