package cert

import (
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
)

var testNow = time.Date(2026, 11, 26, 9, 30, 0, 0, time.UTC)

func testKey(t *testing.T) Key {
	t.Helper()
	k, err := NewKey(testNow)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// retire is what rotation does to a key: it keeps only what verifies.
func retire(k Key, at time.Time) Key {
	k.Private, k.Retired = nil, &at
	return k
}

func TestKeyThumbprintRFC8037Vector(t *testing.T) {
	// RFC 8037 Appendix A.3: the JWK thumbprint of the Ed25519 key of A.2.
	x, _ := base64.RawURLEncoding.DecodeString("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo")
	if got, want := Thumbprint(ed25519.PublicKey(x)), "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"; got != want {
		t.Errorf("Thumbprint = %q, want %q", got, want)
	}
}

func TestNewKey(t *testing.T) {
	k := testKey(t)
	if len(k.ID) != kidLen || !strings.HasPrefix(Thumbprint(k.Public), k.ID) {
		t.Errorf("ID = %q, want the first %d characters of %q", k.ID, kidLen, Thumbprint(k.Public))
	}
	if !k.Private.Public().(ed25519.PublicKey).Equal(k.Public) || !k.Created.Equal(testNow) || k.Retired != nil {
		t.Errorf("key parts do not match: %+v", k)
	}
	if other := testKey(t); other.ID == k.ID {
		t.Errorf("two new keys share the ID %q", k.ID)
	}
}

func TestKeyJWKSRoundTrip(t *testing.T) {
	current, old := testKey(t), retire(testKey(t), testNow)
	data := JWKS([]Key{current, old})

	var raw struct{ Keys []map[string]string }
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	if len(raw.Keys) != 2 {
		t.Fatalf("JWKS has %d keys, want 2 (retired keys stay): %s", len(raw.Keys), data)
	}
	want := map[string]string{"kty": "OKP", "crv": "Ed25519", "kid": current.ID, "use": "sig", "alg": "EdDSA",
		"x": base64.RawURLEncoding.EncodeToString(current.Public)}
	for name, v := range want {
		if raw.Keys[0][name] != v {
			t.Errorf("JWKS key %s = %q, want %q", name, raw.Keys[0][name], v)
		}
	}
	if len(raw.Keys[0]) != len(want) {
		t.Errorf("JWKS key has members %v, want exactly %v (never d)", raw.Keys[0], want)
	}

	parsed, err := ParseJWKS(data)
	if err != nil {
		t.Fatal(err)
	}
	for i, k := range []Key{current, old} {
		if parsed[i].ID != k.ID || !parsed[i].Public.Equal(k.Public) || parsed[i].Private != nil {
			t.Errorf("parsed key %d = %+v, want public %s", i, parsed[i], k.ID)
		}
	}
	token, err := SignToken(current, testClaims())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := VerifyToken(token, parsed); err != nil {
		t.Errorf("token does not verify with the parsed JWKS: %v", err)
	}
}

func TestKeyParseJWKSRejectsAndSkips(t *testing.T) {
	skipped := `{"keys":[{"kty":"RSA","n":"AQAB","e":"AQAB","kid":"r"},{"kty":"OKP","crv":"X25519","x":"AA","kid":"x"},
		{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","kid":"e","use":"enc"}]}`
	if keys, err := ParseJWKS([]byte(skipped)); err != nil || len(keys) != 0 {
		t.Errorf("ParseJWKS(other keys) = %v, %v; want none, no error", keys, err)
	}
	for _, bad := range []string{
		`{"keys":[{"kty":"OKP","crv":"Ed25519","x":"AAAA","kid":"short"}]}`,
		`{"keys":[{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}]}`,
		`{"keys":`,
	} {
		if _, err := ParseJWKS([]byte(bad)); err == nil {
			t.Errorf("ParseJWKS(%s) = nil error, want one", bad)
		}
	}
}

func TestKeyRotation(t *testing.T) {
	first := testKey(t)
	before, err := SignToken(first, testClaims())
	if err != nil {
		t.Fatal(err)
	}
	late := testClaims()
	late.Issued = testNow.AddDate(1, 0, 0)
	futureDated, err := SignToken(first, late)
	if err != nil {
		t.Fatal(err)
	}

	retiredAt := testNow.AddDate(0, 6, 0)
	first = retire(first, retiredAt)
	second := testKey(t)
	if _, err := SignToken(first, testClaims()); !errors.Is(err, ErrKeyRetired) {
		t.Errorf("SignToken(retired key) error = %v, want ErrKeyRetired", err)
	}
	after, err := SignToken(second, testClaims())
	if err != nil {
		t.Fatal(err)
	}

	published, err := ParseJWKS(JWKS([]Key{second, first}))
	if err != nil {
		t.Fatal(err)
	}
	for name, token := range map[string]string{"signed before rotation": before, "signed after": after} {
		if _, err := VerifyToken(token, published); err != nil {
			t.Errorf("%s: VerifyToken with the JWKS = %v, want nil", name, err)
		}
	}
	// The server knows when the key retired: a token dated after that can
	// only come from a leaked key.
	if _, err := VerifyToken(futureDated, []Key{second, first}); !errors.Is(err, ErrInvalidToken) {
		t.Errorf("token dated after its key retired: error = %v, want ErrInvalidToken", err)
	}
}
