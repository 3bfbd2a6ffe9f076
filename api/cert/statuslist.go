package cert

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// MinStatusListSize is the fewest entries a Bitstring Status List may have
// (16 KB of bits): a verifier who fetches the list learns nothing about which
// of 131,072 certificates it is checking.
const MinStatusListSize = 131072

// maxStatusListBytes bounds what StatusBit inflates, against GZIP bombs.
const maxStatusListBytes = 16 << 20

// EncodeStatusList is the encodedList of a revocation list of size entries
// (raised to MinStatusListSize and to a whole byte) where the entries at
// revoked are set: "u" (multibase base64url) + base64url without padding of
// the GZIP of the bits, index 0 being the first byte's most significant bit.
func EncodeStatusList(revoked []int, size int) (string, error) {
	if size > maxStatusListBytes*8 {
		return "", fmt.Errorf("cert: a status list of %d entries is too large", size)
	}
	size = max(size, MinStatusListSize)
	bits := make([]byte, (size+7)/8)
	for _, i := range revoked {
		if i < 0 || i >= size {
			return "", fmt.Errorf("cert: status index %d outside a list of %d", i, size)
		}
		bits[i/8] |= 0x80 >> (i % 8)
	}
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return "", fmt.Errorf("cert: compress status list: %w", err)
	}
	if _, err := zw.Write(bits); err != nil {
		return "", fmt.Errorf("cert: compress status list: %w", err)
	}
	if err := zw.Close(); err != nil {
		return "", fmt.Errorf("cert: compress status list: %w", err)
	}
	return "u" + base64.RawURLEncoding.EncodeToString(buf.Bytes()), nil
}

// StatusBit reports whether the entry at index of an encodedList is set.
func StatusBit(encoded string, index int) (bool, error) {
	rest, ok := strings.CutPrefix(encoded, "u")
	if !ok {
		return false, errors.New("cert: encodedList is not multibase base64url")
	}
	compressed, err := base64.RawURLEncoding.DecodeString(rest)
	if err != nil {
		return false, fmt.Errorf("cert: decode status list: %w", err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(compressed))
	if err != nil {
		return false, fmt.Errorf("cert: decompress status list: %w", err)
	}
	bits, err := io.ReadAll(io.LimitReader(zr, maxStatusListBytes+1))
	if err != nil {
		return false, fmt.Errorf("cert: decompress status list: %w", err)
	}
	if len(bits) > maxStatusListBytes {
		return false, errors.New("cert: status list too large")
	}
	if index < 0 || index >= len(bits)*8 {
		return false, fmt.Errorf("cert: status index %d outside a list of %d", index, len(bits)*8)
	}
	return bits[index/8]&(0x80>>(index%8)) != 0, nil
}

// StatusListCredential is the unsigned BitstringStatusListCredential at id
// (each certificate's credentialStatus.statusListCredential), published again
// with a new validFrom whenever a certificate is revoked.
func StatusListCredential(id, issuerID string, encoded string, validFrom time.Time) map[string]any {
	return map[string]any{
		"@context":  []string{ContextVC2},
		"id":        id,
		"type":      []string{"VerifiableCredential", "BitstringStatusListCredential"},
		"issuer":    issuerID,
		"validFrom": vcTime(validFrom),
		"credentialSubject": map[string]any{
			"id":            id + "#list",
			"type":          "BitstringStatusList",
			"statusPurpose": "revocation",
			"encodedList":   encoded,
		},
	}
}

// SignStatusList is the VC-JWT of StatusListCredential(id, issuerID, encoded,
// validFrom).
func SignStatusList(k Key, id, issuerID, encoded string, validFrom time.Time) (string, error) {
	if id == "" || issuerID == "" || encoded == "" || validFrom.IsZero() {
		return "", errors.New("cert: status list: id, issuer, list and date are required")
	}
	vc := StatusListCredential(id, issuerID, encoded, validFrom)
	return signVC(k, vc, issuerID, id, id+"#list", validFrom, nil)
}
