package cert

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// Key is a signing key: kid, Ed25519 private key (nil for a retired key kept
// only to verify), public key, when created and retired.
type Key struct {
	ID      string
	Private ed25519.PrivateKey
	Public  ed25519.PublicKey
	Created time.Time
	Retired *time.Time
}

// kidLen is how many characters of the RFC 7638 thumbprint make a key ID.
// The whole thumbprint is 43 characters, and every character of the kid is
// paid for again in each QR code; 8 characters (48 bits) tell the handful of
// keys an issuer ever has apart (the signature, not the kid, is the security).
const kidLen = 8

// ErrKeyRetired is returned when signing with a key that may only verify.
var ErrKeyRetired = errors.New("cert: the key is retired or has no private part")

// NewKey makes an Ed25519 key whose ID is the first 8 characters of its
// RFC 7638 JWK thumbprint, so anyone holding the JWKS can recompute it.
func NewKey(now time.Time) (Key, error) {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return Key{}, fmt.Errorf("cert: generate key: %w", err)
	}
	return Key{ID: Thumbprint(pub)[:kidLen], Private: priv, Public: pub, Created: now.UTC()}, nil
}

// Thumbprint is the RFC 7638 JWK thumbprint (SHA-256, base64url) of an Ed25519
// public key: the hash of its required JWK members in lexicographic order,
// which for an OKP key are crv, kty and x (RFC 8037 §2).
func Thumbprint(pub ed25519.PublicKey) string {
	canonical := `{"crv":"Ed25519","kty":"OKP","x":"` + base64.RawURLEncoding.EncodeToString(pub) + `"}`
	sum := sha256.Sum256([]byte(canonical))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

func (k Key) canSign() bool { return k.Retired == nil && len(k.Private) == ed25519.PrivateKeySize }

// jwk is the public JSON Web Key of an Ed25519 key (RFC 8037).
type jwk struct {
	Kty string `json:"kty"`
	Crv string `json:"crv"`
	X   string `json:"x"`
	Kid string `json:"kid"`
	Use string `json:"use"`
	Alg string `json:"alg"`
}

// JWKS is the public JSON Web Key Set of keys, retired ones included: a
// certificate signed years ago must still verify after the key that signed it
// stopped signing.
func JWKS(keys []Key) []byte {
	set := struct {
		Keys []jwk `json:"keys"`
	}{Keys: make([]jwk, 0, len(keys))}
	for _, k := range keys {
		set.Keys = append(set.Keys, jwk{Kty: "OKP", Crv: "Ed25519", X: base64.RawURLEncoding.EncodeToString(k.Public),
			Kid: k.ID, Use: "sig", Alg: "EdDSA"})
	}
	b, err := json.Marshal(set)
	if err != nil { // a struct of strings always marshals
		panic(err)
	}
	return b
}

// ParseJWKS reads the Ed25519 signing keys of a JWKS as verify-only keys,
// skipping keys of other types and uses; a malformed Ed25519 key is an error.
func ParseJWKS(data []byte) ([]Key, error) {
	var set struct {
		Keys []jwk `json:"keys"`
	}
	if err := json.Unmarshal(data, &set); err != nil {
		return nil, fmt.Errorf("cert: parse JWKS: %w", err)
	}
	keys := make([]Key, 0, len(set.Keys))
	for _, j := range set.Keys {
		if j.Kty != "OKP" || j.Crv != "Ed25519" || (j.Use != "" && j.Use != "sig") || (j.Alg != "" && j.Alg != "EdDSA") {
			continue
		}
		x, err := base64.RawURLEncoding.DecodeString(j.X)
		if err != nil || len(x) != ed25519.PublicKeySize || j.Kid == "" {
			return nil, fmt.Errorf("cert: parse JWKS: malformed Ed25519 key %q", j.Kid)
		}
		keys = append(keys, Key{ID: j.Kid, Public: ed25519.PublicKey(x)})
	}
	return keys, nil
}

func findKey(keys []Key, kid string) (Key, bool) {
	for _, k := range keys {
		if k.ID == kid && kid != "" && len(k.Public) == ed25519.PublicKeySize {
			return k, true
		}
	}
	return Key{}, false
}
