package auth

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"runtime"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Argon2id parameters: 19 MiB and two passes is the OWASP minimum; it costs
// about 30 ms of one core, which is why hashes are rationed below.
const (
	argonMemoryKiB = 19 * 1024
	argonTime      = 2
	argonThreads   = 1
	argonKeyLen    = 32
	argonSaltLen   = 16
)

// hashSlots bounds concurrent hashing to one less than GOMAXPROCS (at least
// one), so that a burst of sign-ins at the opening of an exam queues instead
// of taking every core (and 19 MiB each) from the takers already saving
// answers (lms bench S4: with every core hashing, saves meanwhile had a p99
// of 199 ms).
var hashSlots = make(chan struct{}, max(1, runtime.GOMAXPROCS(0)-1))

// MinPasswordLen is the shortest password accepted.
const MinPasswordLen = 8

// HashPassword returns the PHC-format argon2id hash of password.
func HashPassword(password string) (string, error) {
	salt := make([]byte, argonSaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := derive(context.Background(), password, salt, argonMemoryKiB, argonTime, argonThreads, argonKeyLen)
	enc := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, argonMemoryKiB, argonTime, argonThreads, enc.EncodeToString(salt), enc.EncodeToString(key)), nil
}

// checkPassword reports whether password matches the PHC-format hash.
func checkPassword(ctx context.Context, hash, password string) (bool, error) {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, errors.New("auth: unsupported password hash")
	}
	var version int
	var mem, iter uint32
	var threads uint8
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false, errors.New("auth: unsupported argon2 version")
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &mem, &iter, &threads); err != nil {
		return false, errors.New("auth: malformed argon2 parameters")
	}
	enc := base64.RawStdEncoding
	salt, err := enc.DecodeString(parts[4])
	if err != nil {
		return false, err
	}
	want, err := enc.DecodeString(parts[5])
	if err != nil || len(want) == 0 || len(want) > 64 {
		return false, errors.New("auth: malformed argon2 key")
	}
	got := derive(ctx, password, salt, mem, iter, threads, uint32(len(want)))
	if got == nil {
		return false, ctx.Err()
	}
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// derive runs argon2id in one of the hashSlots; it returns nil when ctx ends
// while waiting for a slot.
func derive(ctx context.Context, password string, salt []byte, mem, iter uint32, threads uint8, keyLen uint32) []byte {
	select {
	case hashSlots <- struct{}{}:
	case <-ctx.Done():
		return nil
	}
	defer func() { <-hashSlots }()
	return argon2.IDKey([]byte(password), salt, iter, mem, threads, keyLen)
}
