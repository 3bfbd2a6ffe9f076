// Package vcode makes the verification codes of certificates: 80 random
// bits from crypto/rand written as 16 characters of Crockford's base32
// (digits and capitals without I, L, O, U), shown in groups of four, and
// read back forgivingly from what a person types or a phone scans.
package vcode

import (
	"crypto/rand"
	"strings"
)

const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// Len is the length of a code.
const Len = 16

// New returns a fresh code.
func New() string {
	var b [10]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("vcode: crypto/rand failed: " + err.Error()) // never returns an error on supported platforms
	}
	return FromBits(b)
}

// FromBits writes 80 bits as a code. New draws them from crypto/rand; a
// generator of sample data draws them from its seed, to be reproducible.
func FromBits(b [10]byte) string {
	out := make([]byte, 0, Len)
	var acc uint64
	bits := 0
	for _, x := range b {
		acc = acc<<8 | uint64(x)
		bits += 8
		for bits >= 5 {
			bits -= 5
			out = append(out, alphabet[(acc>>bits)&31])
		}
	}
	return string(out)
}

// NewN returns n fresh codes.
func NewN(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = New()
	}
	return out
}

// Group writes a code in groups of four: 7KQ2-M9XD-3HTA-PW4C.
func Group(code string) string {
	var b strings.Builder
	for i, r := range code {
		if i > 0 && i%4 == 0 {
			b.WriteByte('-')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Parse reads a code as typed: case, spaces and dashes do not matter, and
// the letters people confuse with digits (I, L, O) are read as 1, 1, 0.
// It returns false for anything that cannot be a code.
func Parse(s string) (string, bool) {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		switch {
		case r == '-' || r == ' ':
			continue
		case r == 'I' || r == 'L':
			r = '1'
		case r == 'O':
			r = '0'
		}
		if r > 127 || !strings.ContainsRune(alphabet, r) {
			return "", false
		}
		b.WriteRune(r)
	}
	if b.Len() != Len {
		return "", false
	}
	return b.String(), true
}
