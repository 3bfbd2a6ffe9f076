package cert

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"io"
	"strings"
	"testing"
)

// w3cEmptyList is the encodedList of the W3C Bitstring Status List
// specification's example: 131,072 entries, none set.
const w3cEmptyList = "uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA"

func rawBits(t *testing.T, encoded string) []byte {
	t.Helper()
	compressed, err := base64.RawURLEncoding.DecodeString(strings.TrimPrefix(encoded, "u"))
	if err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(compressed))
	if err != nil {
		t.Fatal(err)
	}
	bits, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return bits
}

func TestStatusBitW3CExample(t *testing.T) {
	for _, i := range []int{0, 1, 65536, MinStatusListSize - 1} {
		if set, err := StatusBit(w3cEmptyList, i); err != nil || set {
			t.Errorf("StatusBit(W3C example, %d) = %v, %v; want false, nil", i, set, err)
		}
	}
	for _, i := range []int{-1, MinStatusListSize} {
		if _, err := StatusBit(w3cEmptyList, i); err == nil {
			t.Errorf("StatusBit(W3C example, %d) = nil error, want out of range", i)
		}
	}
}

func TestStatusListKnownBits(t *testing.T) {
	encoded, err := EncodeStatusList([]int{0, 7, 8, MinStatusListSize - 1}, 1000)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(encoded, "uH4sI") { // multibase "u" + base64url of the GZIP magic 1f 8b 08
		t.Errorf("encodedList = %.12s..., want it to start uH4sI", encoded)
	}
	bits := rawBits(t, encoded)
	if len(bits) != MinStatusListSize/8 {
		t.Fatalf("list is %d bytes, want %d (16 KB minimum)", len(bits), MinStatusListSize/8)
	}
	// Index 0 is the most significant bit of the first byte.
	for i, want := range map[int]byte{0: 0x81, 1: 0x80, 2: 0, len(bits) - 1: 0x01} {
		if bits[i] != want {
			t.Errorf("byte %d = %#02x, want %#02x", i, bits[i], want)
		}
	}
	for i, want := range map[int]bool{0: true, 1: false, 6: false, 7: true, 8: true, 9: false, MinStatusListSize - 1: true} {
		if set, err := StatusBit(encoded, i); err != nil || set != want {
			t.Errorf("StatusBit(%d) = %v, %v; want %v", i, set, err, want)
		}
	}
}

func TestStatusListEmptyMatchesW3C(t *testing.T) {
	encoded, err := EncodeStatusList(nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := rawBits(t, encoded), rawBits(t, w3cEmptyList); !bytes.Equal(got, want) {
		t.Errorf("empty list is %d bytes, W3C example %d; want the same bits", len(got), len(want))
	}
}

func TestStatusListSetAndClearRoundTrip(t *testing.T) {
	revoked := []int{3, 1000, 131071, 199999}
	before, err := EncodeStatusList(revoked, 200000)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(rawBits(t, before)); n != 25000 {
		t.Errorf("200,000 entries take %d bytes, want 25000", n)
	}
	after, err := EncodeStatusList(revoked[1:], 200000) // 3 reinstated
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		list  string
		index int
		want  bool
	}{{before, 3, true}, {after, 3, false}, {before, 4, false}, {after, 1000, true}, {after, 199999, true}} {
		if set, err := StatusBit(c.list, c.index); err != nil || set != c.want {
			t.Errorf("StatusBit(%d) = %v, %v; want %v", c.index, set, err, c.want)
		}
	}
}

func TestStatusListRejects(t *testing.T) {
	for _, revoked := range [][]int{{-1}, {MinStatusListSize}} {
		if _, err := EncodeStatusList(revoked, 0); err == nil {
			t.Errorf("EncodeStatusList(%v) = nil error, want out of range", revoked)
		}
	}
	if _, err := EncodeStatusList(nil, maxStatusListBytes*8+1); err == nil {
		t.Error("EncodeStatusList(over 16 MiB of bits) = nil error, want one")
	}
	for _, encoded := range []string{strings.TrimPrefix(w3cEmptyList, "u"), "u!!!", "u" + base64.RawURLEncoding.EncodeToString([]byte("not gzip"))} {
		if _, err := StatusBit(encoded, 0); err == nil {
			t.Errorf("StatusBit(%q) = nil error, want one", encoded)
		}
	}
}

func TestStatusListCredentialSigned(t *testing.T) {
	k := testKey(t)
	encoded, err := EncodeStatusList([]int{42}, 0)
	if err != nil {
		t.Fatal(err)
	}
	const url = "https://lms.example/api/v1/status/1"
	token, err := SignStatusList(k, url, "https://lms.example/api/v1/issuer", encoded, testNow)
	if err != nil {
		t.Fatal(err)
	}
	vc, err := VerifyCredential(token, []Key{k})
	if err != nil {
		t.Fatal(err)
	}
	subject, _ := vc["credentialSubject"].(map[string]any)
	if vc["id"] != url || subject["id"] != url+"#list" || subject["type"] != "BitstringStatusList" ||
		subject["statusPurpose"] != "revocation" || vc["validFrom"] != "2026-11-26T09:30:00Z" {
		t.Errorf("status list credential = %v", vc)
	}
	list, _ := subject["encodedList"].(string)
	if set, err := StatusBit(list, 42); err != nil || !set {
		t.Errorf("StatusBit(signed list, 42) = %v, %v; want true", set, err)
	}
}
