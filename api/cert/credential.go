// Signed credentials for issued certificates, built and checked without a
// database: a compact token for the QR code and an Open Badges 3.0 credential.
//
// What this follows:
//
//   - Open Badges 3.0 (1EdTech, Final, data model on VC 2.0): an
//     OpenBadgeCredential with @context [VC 2.0, OB context-3.0.3], type
//     [VerifiableCredential, OpenBadgeCredential], issuer as a Profile {id,
//     type, name}, validFrom/validUntil (the VC 2.0 names OB 3.0 now uses, not
//     the VC 1.1 issuanceDate/expirationDate), name, credentialSubject of type
//     AchievementSubject with the holder's name as an IdentityObject of
//     identityType "name" (AchievementSubject has no name property), and an
//     Achievement {id, type, achievementType Certificate, name, description,
//     criteria.narrative}; credentialSchema names the OB 3.0 JSON Schema with
//     type 1EdTechJsonSchemaValidator2019, as the spec's examples do.
//   - OB 3.0 §"JSON Web Token Proof Format" (VC-JWT): header alg, kid, typ
//     "JWT" and nothing else; the payload is the credential itself with iss =
//     issuer.id, jti = id, nbf = validFrom, sub = credentialSubject.id and exp
//     = validUntil when it has one. The current text puts the credential at
//     the top of the payload; the "vc" claim is the VC 1.1 form, which OB 3.0
//     now only asks verifiers to accept, so it is not written.
//   - W3C Bitstring Status List v1.0 (statuslist.go): a BitstringStatusListEntry
//     with statusPurpose "revocation" and a string statusListIndex; the list is
//     a BitstringStatusListCredential whose encodedList is "u" (multibase) +
//     base64url without padding of the GZIP of at least 131,072 bits, bit 0
//     being the most significant bit of the first byte.
//
// What it leaves out: the Linked Data (Data Integrity, eddsa-rdfc-2022) proof;
// the alg RS256 that OB 3.0 names as the minimum a verifier supports (these
// credentials are EdDSA only, so a verifier that knows only RS256 cannot check
// them); a kid that is a dereferenceable URI (OB 3.0 wants one; here the kid is
// a JWK thumbprint prefix, to be looked up in the issuer's JWKS); images,
// evidence, results, alignment and endorsements; suspension and multi-bit
// statuses; the status list's ttl and validUntil; VC-JOSE-COSE media types
// (typ "vc+jwt").

package cert

import (
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"
	"golang.org/x/text/unicode/norm"
)

// The contexts an OpenBadgeCredential starts with, in this order.
const (
	ContextVC2 = "https://www.w3.org/ns/credentials/v2"
	ContextOB3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
	SchemaOB3  = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
)

// ErrInvalidToken wraps every reason a token or a VC-JWT does not verify.
var ErrInvalidToken = errors.New("cert: invalid signed credential")

// ErrUnknownKey is the reason when no key has the token's kid.
var ErrUnknownKey = errors.New("cert: unknown signing key")

// CredentialInput is what an OpenBadgeCredential says about one certificate.
type CredentialInput struct {
	ID                     string // the credential's URL, e.g. https://lms.example/api/v1/verify/CODE/credential
	IssuerID               string // the issuer profile URL
	IssuerName             string // "Sở Nội vụ tỉnh Hà Tĩnh"
	RecipientName          string
	RecipientID            string // see RecipientID: one per certificate, says nothing about the holder
	AchievementID          string // the certification's URL
	AchievementName        string
	AchievementDescription string
	Criteria               string // what earning it took, Markdown allowed
	Issued                 time.Time
	Expires                *time.Time
	StatusListURL          string // the BitstringStatusListCredential URL
	StatusIndex            int    // this certificate's index in it
}

// recipientSpace is the UUID namespace of recipient IDs; never change it, or
// re-issued credentials of old certificates get a different subject.
var recipientSpace = uuid.MustParse("5b0f3c0e-6d2a-4c57-9a51-0c8d3e7f2a14")

// RecipientID is the credentialSubject.id of a certificate's credential: a
// name-based (v5) urn:uuid of the certificate's own identifier. It is stable,
// so a credential signed again keeps its subject, and it is one per
// certificate, so a holder's certificates are not linkable through it and it
// reveals neither the account, the e-mail nor the national ID.
func RecipientID(certificateID string) string {
	return "urn:uuid:" + uuid.NewSHA1(recipientSpace, []byte(certificateID)).String()
}

func (in CredentialInput) check() error {
	for _, f := range []struct{ name, value string }{{"ID", in.ID}, {"IssuerID", in.IssuerID},
		{"IssuerName", in.IssuerName}, {"RecipientName", in.RecipientName}, {"RecipientID", in.RecipientID},
		{"AchievementID", in.AchievementID}, {"AchievementName", in.AchievementName},
		{"AchievementDescription", in.AchievementDescription}, {"StatusListURL", in.StatusListURL}} {
		if f.value == "" {
			return fmt.Errorf("cert: credential: %s is empty", f.name)
		}
	}
	if in.Issued.IsZero() || in.StatusIndex < 0 || (in.Expires != nil && !in.Expires.After(in.Issued)) {
		return errors.New("cert: credential: bad issue date, expiry or status index")
	}
	return nil
}

// vcTime is the VC date-time form: UTC, whole seconds, so that it equals the
// NumericDate of the JWT claims exactly.
func vcTime(t time.Time) string { return t.UTC().Truncate(time.Second).Format(time.RFC3339) }

// Credential is the unsigned OpenBadgeCredential (JSON-LD) of in.
func Credential(in CredentialInput) map[string]any {
	index := strconv.Itoa(in.StatusIndex)
	vc := map[string]any{
		"@context":  []string{ContextVC2, ContextOB3},
		"id":        in.ID,
		"type":      []string{"VerifiableCredential", "OpenBadgeCredential"},
		"issuer":    map[string]any{"id": in.IssuerID, "type": []string{"Profile"}, "name": in.IssuerName},
		"validFrom": vcTime(in.Issued),
		"name":      in.AchievementName,
		"credentialSubject": map[string]any{
			"id":   in.RecipientID,
			"type": []string{"AchievementSubject"},
			"identifier": []any{map[string]any{
				"type": "IdentityObject", "identityType": "name", "hashed": false, "identityHash": in.RecipientName,
			}},
			"achievement": map[string]any{
				"id":              in.AchievementID,
				"type":            []string{"Achievement"},
				"achievementType": "Certificate",
				"name":            in.AchievementName,
				"description":     in.AchievementDescription,
				"criteria":        map[string]any{"narrative": in.Criteria},
			},
		},
		"credentialSchema": []any{map[string]any{"id": SchemaOB3, "type": "1EdTechJsonSchemaValidator2019"}},
		"credentialStatus": map[string]any{
			"id":                   in.StatusListURL + "#" + index,
			"type":                 "BitstringStatusListEntry",
			"statusPurpose":        "revocation",
			"statusListIndex":      index,
			"statusListCredential": in.StatusListURL,
		},
	}
	if in.Expires != nil {
		vc["validUntil"] = vcTime(*in.Expires)
	}
	return vc
}

// SignCredential is the VC-JWT of in's OpenBadgeCredential.
func SignCredential(k Key, in CredentialInput) (string, error) {
	if err := in.check(); err != nil {
		return "", err
	}
	return signVC(k, Credential(in), in.IssuerID, in.ID, in.RecipientID, in.Issued, in.Expires)
}

// signVC signs vc as a VC-JWT, its registered claims mirroring its fields.
func signVC(k Key, vc map[string]any, iss, jti, sub string, nbf time.Time, exp *time.Time) (string, error) {
	claims := jwt.MapClaims{}
	for name, v := range vc {
		claims[name] = v
	}
	claims["iss"], claims["jti"], claims["sub"], claims["nbf"] = iss, jti, sub, nbf.Unix()
	if exp != nil {
		claims["exp"] = exp.Unix()
	}
	return sign(k, map[string]any{"alg": jwt.SigningMethodEdDSA.Alg(), "kid": k.ID, "typ": "JWT"}, claims)
}

// VerifyCredential checks a VC-JWT (an OpenBadgeCredential or a status list)
// signed by one of keys and returns the credential. Like VerifyToken it does
// not judge dates: validFrom in the future or validUntil past is status for
// the caller to show, not a bad signature.
func VerifyCredential(token string, keys []Key) (map[string]any, error) {
	claims := jwt.MapClaims{}
	t, err := parse(token, maxCredentialLen, keys, claims)
	if err != nil {
		return nil, err
	}
	if typ, ok := t.Header["typ"]; ok && typ != "JWT" {
		return nil, fmt.Errorf("%w: typ %v", ErrInvalidToken, typ)
	}
	if err := checkVCClaims(claims); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidToken, err)
	}
	if err := notAfterRetired(t, keys, claims["nbf"]); err != nil {
		return nil, err
	}
	vc := make(map[string]any, len(claims))
	for name, v := range claims {
		switch name {
		case "iss", "jti", "sub", "nbf", "exp", "iat":
		default:
			vc[name] = v
		}
	}
	return vc, nil
}

// checkVCClaims makes the checks of OB 3.0 "Verify a Credential VC-JWT
// Signature": each registered claim equals the credential field it mirrors.
func checkVCClaims(c jwt.MapClaims) error {
	issuer := c["issuer"]
	if p, ok := issuer.(map[string]any); ok {
		issuer = p["id"]
	}
	subject, _ := c["credentialSubject"].(map[string]any)
	switch {
	case c["iss"] == nil || c["iss"] != issuer:
		return errors.New("iss is not issuer.id")
	case c["jti"] == nil || c["jti"] != c["id"]:
		return errors.New("jti is not id")
	case c["sub"] == nil || subject == nil || c["sub"] != subject["id"]:
		return errors.New("sub is not credentialSubject.id")
	}
	if err := sameTime(c["nbf"], c["validFrom"]); err != nil {
		return fmt.Errorf("nbf: %w", err)
	}
	if c["exp"] != nil || c["validUntil"] != nil {
		if err := sameTime(c["exp"], c["validUntil"]); err != nil {
			return fmt.Errorf("exp: %w", err)
		}
	}
	return nil
}

func sameTime(numeric, field any) error {
	n, ok := numeric.(float64)
	s, ok2 := field.(string)
	if !ok || !ok2 {
		return errors.New("missing")
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil || t.Unix() != int64(n) || float64(int64(n)) != n {
		return fmt.Errorf("%v does not match %q", numeric, s)
	}
	return nil
}

// Claims are what an offline check needs: serial, verification code, holder's
// name, certification code and name, issue and expiry dates, issuer.
type Claims struct {
	Serial   string
	Code     string // the verification code
	Holder   string
	CertCode string
	CertName string
	Issuer   string // the issuer's URL
	Issued   time.Time
	Expires  *time.Time // nil: does not expire
}

// tokenClaims is the QR token's payload. Beside the registered iss, jti (the
// verification code), iat and exp (Unix seconds), the claim names are one
// letter, because every byte is paid for in the QR code: s = serial, n =
// holder's name, c = certification code, t = certification name (title).
type tokenClaims struct {
	Serial   string `json:"s"`
	Holder   string `json:"n"`
	CertCode string `json:"c"`
	CertName string `json:"t"`
	jwt.RegisteredClaims
}

// Token size limits, checked before anything is decoded.
const (
	maxTokenLen      = 2 << 10
	maxCredentialLen = 64 << 10
)

// SignToken signs c as a compact EdDSA JWT for the certificate's QR code,
// with only alg and kid in the header (typ is optional and costs 16
// characters). With the real formats (a 16-character code, an 18-character
// serial, a 28-character issuer URL, an expiry) a token is about 330
// characters plus 4/3 of the UTF-8 bytes of the holder's and certification's
// names, which are put in NFC, their shortest form (2 or 3 bytes a Vietnamese
// letter): 385 for "Nguyễn Văn An" and "Kỹ năng số cơ bản", 442 for a long
// name and a long certification name.
func SignToken(k Key, c Claims) (string, error) {
	if c.Code == "" || c.Serial == "" || c.Holder == "" || c.Issuer == "" || c.Issued.IsZero() {
		return "", errors.New("cert: token: code, serial, holder, issuer and issue date are required")
	}
	claims := tokenClaims{
		Serial: nfc(c.Serial), Holder: nfc(c.Holder), CertCode: nfc(c.CertCode), CertName: nfc(c.CertName),
		RegisteredClaims: jwt.RegisteredClaims{ID: c.Code, Issuer: c.Issuer, IssuedAt: jwt.NewNumericDate(c.Issued)},
	}
	if c.Expires != nil {
		claims.ExpiresAt = jwt.NewNumericDate(*c.Expires)
	}
	return sign(k, map[string]any{"alg": jwt.SigningMethodEdDSA.Alg(), "kid": k.ID}, claims)
}

// VerifyToken checks a QR token against keys (found by kid, EdDSA only) and
// returns its claims. An expired certificate's token still verifies: expiry is
// the certificate's status, which the caller shows, not a bad signature.
func VerifyToken(token string, keys []Key) (Claims, error) {
	var claims tokenClaims
	t, err := parse(token, maxTokenLen, keys, &claims)
	if err != nil {
		return Claims{}, err
	}
	if claims.ID == "" || claims.Serial == "" || claims.Holder == "" || claims.Issuer == "" || claims.IssuedAt == nil {
		return Claims{}, fmt.Errorf("%w: not a certificate token", ErrInvalidToken)
	}
	if err := notAfterRetired(t, keys, float64(claims.IssuedAt.Unix())); err != nil {
		return Claims{}, err
	}
	c := Claims{Serial: claims.Serial, Code: claims.ID, Holder: claims.Holder, CertCode: claims.CertCode,
		CertName: claims.CertName, Issuer: claims.Issuer, Issued: claims.IssuedAt.UTC()}
	if claims.ExpiresAt != nil {
		exp := claims.ExpiresAt.UTC()
		c.Expires = &exp
	}
	return c, nil
}

func sign(k Key, header map[string]any, claims jwt.Claims) (string, error) {
	if !k.canSign() {
		return "", ErrKeyRetired
	}
	t := jwt.NewWithClaims(jwt.SigningMethodEdDSA, claims)
	t.Header = header
	s, err := t.SignedString(k.Private)
	if err != nil {
		return "", fmt.Errorf("cert: sign: %w", err)
	}
	return s, nil
}

// parse verifies token's EdDSA signature with the key of its kid. Only EdDSA
// is accepted, so neither "none" nor an HMAC keyed with the public key can
// pass; dates are left to the caller.
func parse(token string, maxLen int, keys []Key, claims jwt.Claims) (*jwt.Token, error) {
	if len(token) > maxLen {
		return nil, fmt.Errorf("%w: longer than %d bytes", ErrInvalidToken, maxLen)
	}
	p := jwt.NewParser(jwt.WithValidMethods([]string{jwt.SigningMethodEdDSA.Alg()}),
		jwt.WithoutClaimsValidation(), jwt.WithStrictDecoding())
	t, err := p.ParseWithClaims(token, claims, func(t *jwt.Token) (any, error) {
		kid, _ := t.Header["kid"].(string)
		k, ok := findKey(keys, kid)
		if !ok {
			return nil, fmt.Errorf("%w %q", ErrUnknownKey, kid)
		}
		return k.Public, nil
	})
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidToken, err)
	}
	return t, nil
}

// notAfterRetired refuses a token dated after its key was retired: only a
// leaked key could have signed it, since a retired key no longer signs.
func notAfterRetired(t *jwt.Token, keys []Key, issued any) error {
	kid, _ := t.Header["kid"].(string)
	k, _ := findKey(keys, kid)
	if at, ok := issued.(float64); ok && k.Retired != nil && int64(at) > k.Retired.Unix() {
		return fmt.Errorf("%w: dated after key %s was retired", ErrInvalidToken, k.ID)
	}
	return nil
}

// nfc puts s in Unicode NFC: one code point per Vietnamese letter, so the
// signed name is canonical and as short as UTF-8 can make it.
func nfc(s string) string { return norm.NFC.String(s) }
