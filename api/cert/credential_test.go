package cert

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/text/unicode/norm"
)

// testClaims has the real formats: a 16-character code, a serial as
// issue_certificates makes it, a province's training site as issuer.
func testClaims() Claims {
	exp := testNow.AddDate(2, 0, 0)
	return Claims{Serial: "CNTTCB-000042/2026", Code: "7KQ2M9XD3HTAPW4C", Holder: "Nguyễn Văn An",
		CertCode: "KNS-01", CertName: "Kỹ năng số cơ bản", Issuer: "https://daotao.hatinh.gov.vn",
		Issued: testNow, Expires: &exp}
}

func testInput() CredentialInput {
	exp := testNow.AddDate(2, 0, 0)
	return CredentialInput{
		ID:                     "https://lms.example/api/v1/verify/7KQ2M9XAPD/credential",
		IssuerID:               "https://lms.example/api/v1/issuer",
		IssuerName:             "Sở Nội vụ tỉnh Hà Tĩnh",
		RecipientName:          "Nguyễn Văn An",
		RecipientID:            RecipientID("cert-42"),
		AchievementID:          "https://lms.example/api/v1/certifications/KNS-01",
		AchievementName:        "Kỹ năng số cơ bản",
		AchievementDescription: "Sử dụng máy tính, Internet và dịch vụ công trực tuyến an toàn.",
		Criteria:               "Hoàn thành 4 khóa học và đạt bài kiểm tra cuối khóa từ 70/100 điểm.",
		Issued:                 testNow,
		Expires:                &exp,
		StatusListURL:          "https://lms.example/api/v1/status/1",
		StatusIndex:            42,
	}
}

func TestTokenSignVerify(t *testing.T) {
	k := testKey(t)
	want := testClaims()
	token, err := SignToken(k, want)
	if err != nil {
		t.Fatal(err)
	}
	got, err := VerifyToken(token, []Key{testKey(t), k})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("VerifyToken = %+v, want %+v", got, want)
	}

	var header map[string]any
	part, _ := base64.RawURLEncoding.DecodeString(strings.Split(token, ".")[0])
	if err := json.Unmarshal(part, &header); err != nil || !reflect.DeepEqual(header, map[string]any{"alg": "EdDSA", "kid": k.ID}) {
		t.Errorf("header = %v, want only alg EdDSA and kid %s", header, k.ID)
	}
}

func TestTokenWithoutExpiry(t *testing.T) {
	k, c := testKey(t), testClaims()
	c.Expires = nil
	token, err := SignToken(k, c)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := VerifyToken(token, []Key{k}); err != nil || got.Expires != nil {
		t.Errorf("VerifyToken = %+v, %v; want no expiry", got, err)
	}
}

func TestTokenExpiredStillVerifies(t *testing.T) {
	k, c := testKey(t), testClaims()
	exp := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	c.Issued, c.Expires = exp.AddDate(-2, 0, 0), &exp
	token, err := SignToken(k, c)
	if err != nil {
		t.Fatal(err)
	}
	got, err := VerifyToken(token, []Key{k})
	if err != nil || got.Expires == nil || !got.Expires.Equal(exp) {
		t.Errorf("VerifyToken(expired certificate) = %+v, %v; want its claims and no error", got, err)
	}
}

func TestTokenLength(t *testing.T) {
	k := testKey(t)
	cases := []struct {
		holder, certName string
		max              int
	}{
		{"Nguyễn Văn An", "Kỹ năng số cơ bản", 400},
		{"Nguyễn Thị Thanh Hương", "Kỹ năng số cơ bản", 410},
		// Typed decomposed, as some keyboards do: NFC makes it shorter.
		{strings.ReplaceAll("Công Tôn Nữ Hoàng Phương Thảo", "ữ", "ư\u0303"), "Kỹ năng số cơ bản", 420},
		// The longest case: every character over 400 is a required claim
		// (see SignToken); 450 characters still fit a QR code of version 16.
		{"Công Tôn Nữ Hoàng Phương Thảo", "Ứng dụng công nghệ thông tin cơ bản", 450},
	}
	for _, c := range cases {
		claims := testClaims()
		claims.Holder, claims.CertName = c.holder, c.certName
		token, err := SignToken(k, claims)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s, %s: %d characters", c.holder, c.certName, len(token))
		if len(token) >= c.max {
			t.Errorf("%s, %s: token is %d characters, want under %d", c.holder, c.certName, len(token), c.max)
		}
		got, err := VerifyToken(token, []Key{k})
		if want := norm.NFC.String(c.holder); err != nil || got.Holder != want {
			t.Errorf("VerifyToken holder = %q, %v; want %q", got.Holder, err, want)
		}
	}
}

// forge returns token with its payload replaced by edit(payload), the
// signature kept.
func forge(t *testing.T, token string, edit func(map[string]any)) string {
	t.Helper()
	parts := strings.Split(token, ".")
	raw, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	var payload map[string]any
	if err := json.Unmarshal(raw, &payload); err != nil {
		t.Fatal(err)
	}
	edit(payload)
	raw, _ = json.Marshal(payload)
	parts[1] = base64.RawURLEncoding.EncodeToString(raw)
	return strings.Join(parts, ".")
}

// badTokens are tokens that must not verify with k: one case per attack.
func badTokens(t *testing.T, k Key, token string, claims jwt.Claims) map[string]string {
	t.Helper()
	none, err := jwt.NewWithClaims(jwt.SigningMethodNone, claims).SignedString(jwt.UnsafeAllowNoneSignatureType)
	if err != nil {
		t.Fatal(err)
	}
	hs := jwt.NewWithClaims(jwt.SigningMethodHS256, claims)
	hs.Header["kid"] = k.ID
	hmacWithPublicKey, err := hs.SignedString([]byte(k.Public))
	if err != nil {
		t.Fatal(err)
	}
	other := testKey(t)
	impostor := other
	impostor.ID = k.ID // the right kid, the wrong key
	forgedKid := must[string](t)(sign(impostor, map[string]any{"alg": "EdDSA", "kid": k.ID}, claims))
	unknownKid := must[string](t)(sign(other, map[string]any{"alg": "EdDSA", "kid": other.ID}, claims))
	parts, noneParts := strings.Split(token, "."), strings.Split(none, ".")
	return map[string]string{
		"tampered payload":                     forge(t, token, func(p map[string]any) { p["jti"] = "ANOTHERCODE" }),
		"alg none":                             none,
		"alg none, signature kept":             noneParts[0] + "." + noneParts[1] + "." + parts[2],
		"HS256 keyed with the public key":      hmacWithPublicKey,
		"signed by another key under this kid": forgedKid,
		"unknown kid":                          unknownKid,
		"signature cut":                        parts[0] + "." + parts[1] + "." + parts[2][:len(parts[2])-4],
		"two segments":                         parts[0] + "." + parts[1],
		"too long":                             parts[0] + "." + strings.Repeat("A", maxCredentialLen) + "." + parts[2],
	}
}

func TestTokenRejects(t *testing.T) {
	k := testKey(t)
	c := testClaims()
	token, err := SignToken(k, c)
	if err != nil {
		t.Fatal(err)
	}
	claims := jwt.MapClaims{"jti": c.Code, "iss": c.Issuer, "iat": c.Issued.Unix(), "s": c.Serial, "n": c.Holder}
	cases := badTokens(t, k, token, claims)
	cases["over 2 KiB"] = forge(t, token, func(p map[string]any) { p["t"] = strings.Repeat("x", 2048) })
	cases["an OpenBadgeCredential, not a QR token"] = must[string](t)(SignCredential(k, testInput()))
	for name, bad := range cases {
		if _, err := VerifyToken(bad, []Key{k}); !errors.Is(err, ErrInvalidToken) {
			t.Errorf("%s: VerifyToken error = %v, want ErrInvalidToken", name, err)
		}
	}
	if _, err := VerifyToken(cases["unknown kid"], []Key{k}); !errors.Is(err, ErrUnknownKey) {
		t.Errorf("unknown kid: error = %v, want ErrUnknownKey", err)
	}
	if _, err := VerifyToken(token, []Key{testKey(t)}); !errors.Is(err, ErrUnknownKey) {
		t.Errorf("verified with a key set without its key: error = %v, want ErrUnknownKey", err)
	}
}

func TestCredentialSignVerify(t *testing.T) {
	k, in := testKey(t), testInput()
	token, err := SignCredential(k, in)
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(token, ".")
	var header, payload map[string]any
	for i, v := range []*map[string]any{&header, &payload} {
		raw, _ := base64.RawURLEncoding.DecodeString(parts[i])
		if err := json.Unmarshal(raw, v); err != nil {
			t.Fatal(err)
		}
	}
	if !reflect.DeepEqual(header, map[string]any{"alg": "EdDSA", "kid": k.ID, "typ": "JWT"}) {
		t.Errorf("header = %v, want alg EdDSA, kid, typ JWT and nothing else", header)
	}
	for claim, want := range map[string]any{"iss": in.IssuerID, "jti": in.ID, "sub": in.RecipientID,
		"nbf": float64(in.Issued.Unix()), "exp": float64(in.Expires.Unix())} {
		if payload[claim] != want {
			t.Errorf("claim %s = %v, want %v", claim, payload[claim], want)
		}
	}

	got, err := VerifyCredential(token, []Key{k})
	if err != nil {
		t.Fatal(err)
	}
	want := roundTrip(t, Credential(in))
	if !reflect.DeepEqual(got, want) {
		t.Errorf("VerifyCredential =\n%v\nwant\n%v", got, want)
	}
}

func TestCredentialRejects(t *testing.T) {
	k, in := testKey(t), testInput()
	token, err := SignCredential(k, in)
	if err != nil {
		t.Fatal(err)
	}
	claims := jwt.MapClaims(roundTrip(t, Credential(in)))
	claims["iss"], claims["jti"], claims["sub"], claims["nbf"] = in.IssuerID, in.ID, in.RecipientID, in.Issued.Unix()
	cases := badTokens(t, k, token, claims)
	delete(cases, "too long") // under 64 KiB; the next case is over
	cases["over 64 KiB"] = forge(t, token, func(p map[string]any) { p["description"] = strings.Repeat("x", maxCredentialLen) })
	sign := must[string](t)
	cases["sub is not credentialSubject.id"] = sign(signVC(k, Credential(in), in.IssuerID, in.ID, "urn:uuid:x", in.Issued, in.Expires))
	cases["nbf is not validFrom"] = sign(signVC(k, Credential(in), in.IssuerID, in.ID, in.RecipientID, in.Issued.Add(time.Hour), in.Expires))
	for name, bad := range cases {
		if _, err := VerifyCredential(bad, []Key{k}); !errors.Is(err, ErrInvalidToken) {
			t.Errorf("%s: VerifyCredential error = %v, want ErrInvalidToken", name, err)
		}
	}
}

func TestCredentialInputChecked(t *testing.T) {
	k := testKey(t)
	for name, edit := range map[string]func(*CredentialInput){
		"no recipient ID":       func(in *CredentialInput) { in.RecipientID = "" },
		"no issue date":         func(in *CredentialInput) { in.Issued = time.Time{} },
		"expires before issued": func(in *CredentialInput) { e := in.Issued.Add(-time.Hour); in.Expires = &e },
		"negative status index": func(in *CredentialInput) { in.StatusIndex = -1 },
	} {
		in := testInput()
		edit(&in)
		if _, err := SignCredential(k, in); err == nil {
			t.Errorf("%s: SignCredential = nil error, want one", name)
		}
	}
	if _, err := SignCredential(retire(k, testNow), testInput()); !errors.Is(err, ErrKeyRetired) {
		t.Errorf("SignCredential(retired key) error = %v, want ErrKeyRetired", err)
	}
}

func TestCredentialRecipientID(t *testing.T) {
	a, b := RecipientID("cert-42"), RecipientID("cert-43")
	if a != RecipientID("cert-42") || a == b || !strings.HasPrefix(a, "urn:uuid:") {
		t.Errorf("RecipientID = %q, %q; want stable, distinct urn:uuid values", a, b)
	}
}

// must returns what a call returned, failing the test on its error.
func must[T any](t *testing.T) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

// roundTrip is v as a JSON consumer sees it.
func roundTrip(t *testing.T, v any) map[string]any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// ob3Schema is the OB 3.0 AchievementCredential JSON Schema as stored in
// testdata/ob3 (see SOURCE.md there).
func ob3Schema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open("testdata/ob3/ob_v3p0_achievementcredential_schema.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat() // date-time is checked, not only annotated
	if err := c.AddResource(SchemaOB3, doc); err != nil {
		t.Fatal(err)
	}
	return must[*jsonschema.Schema](t)(c.Compile(SchemaOB3))
}

// asSchemaInstance is vc as the stored schema revision expects it. That
// revision predates OB 3.0's move to VC 2.0 and requires issuanceDate; OB 3.0
// itself says the VC 1.1 names are issuanceDate and expirationDate where VC
// 2.0 has validFrom and validUntil, so only those two are renamed.
func asSchemaInstance(t *testing.T, vc map[string]any) any {
	t.Helper()
	m := roundTrip(t, vc)
	for v2, v11 := range map[string]string{"validFrom": "issuanceDate", "validUntil": "expirationDate"} {
		if v, ok := m[v2]; ok {
			m[v11] = v
			delete(m, v2)
		}
	}
	b, _ := json.Marshal(m)
	return must[any](t)(jsonschema.UnmarshalJSON(bytes.NewReader(b)))
}

func TestCredentialMatchesOB3Schema(t *testing.T) {
	sch := ob3Schema(t)
	noExpiry := testInput()
	noExpiry.Expires = nil
	for name, in := range map[string]CredentialInput{"expires": testInput(), "does not expire": noExpiry} {
		if err := sch.Validate(asSchemaInstance(t, Credential(in))); err != nil {
			t.Errorf("%s: credential does not match the OB 3.0 schema: %v", name, err)
		}
	}

	// The schema is live: it refuses what the specification forbids.
	for name, edit := range map[string]func(vc map[string]any){
		"no name": func(vc map[string]any) { delete(vc, "name") },
		"achievement without criteria": func(vc map[string]any) {
			delete(vc["credentialSubject"].(map[string]any)["achievement"].(map[string]any), "criteria")
		},
		"identity of an unknown type": func(vc map[string]any) {
			vc["credentialSubject"].(map[string]any)["identifier"].([]any)[0].(map[string]any)["identityType"] = "fullName"
		},
		"status without id": func(vc map[string]any) { delete(vc["credentialStatus"].(map[string]any), "id") },
		"date without zone": func(vc map[string]any) { vc["validFrom"] = "2026-11-26 09:30" },
	} {
		vc := roundTrip(t, Credential(testInput()))
		edit(vc)
		if err := sch.Validate(asSchemaInstance(t, vc)); err == nil {
			t.Errorf("%s: the schema accepts it, want a validation error", name)
		}
	}
}

// TestCredentialVC2Fields checks by hand what the stored schema revision does
// not: the VC 2.0 parts of an OB 3.0 credential and the status entry.
func TestCredentialVC2Fields(t *testing.T) {
	in := testInput()
	vc := roundTrip(t, Credential(in))
	if got, want := vc["@context"], []any{ContextVC2, ContextOB3}; !reflect.DeepEqual(got, want) {
		t.Errorf("@context = %v, want %v in this order", got, want)
	}
	if got, want := vc["type"], []any{"VerifiableCredential", "OpenBadgeCredential"}; !reflect.DeepEqual(got, want) {
		t.Errorf("type = %v, want %v", got, want)
	}
	for _, old := range []string{"issuanceDate", "expirationDate"} {
		if _, ok := vc[old]; ok {
			t.Errorf("%s is a VC 1.1 term the VC 2.0 context does not define", old)
		}
	}
	from, err1 := time.Parse(time.RFC3339, vc["validFrom"].(string))
	until, err2 := time.Parse(time.RFC3339, vc["validUntil"].(string))
	if err1 != nil || err2 != nil || !from.Equal(in.Issued) || !until.Equal(*in.Expires) {
		t.Errorf("validFrom, validUntil = %v, %v; want %v, %v", vc["validFrom"], vc["validUntil"], in.Issued, in.Expires)
	}
	issuer := vc["issuer"].(map[string]any)
	if issuer["id"] != in.IssuerID || issuer["name"] != in.IssuerName || !reflect.DeepEqual(issuer["type"], []any{"Profile"}) {
		t.Errorf("issuer = %v", issuer)
	}
	subject := vc["credentialSubject"].(map[string]any)
	identity := subject["identifier"].([]any)[0].(map[string]any)
	if subject["id"] != in.RecipientID || identity["identityHash"] != in.RecipientName || identity["hashed"] != false {
		t.Errorf("credentialSubject = %v", subject)
	}
	wantStatus := map[string]any{
		"id":                   in.StatusListURL + "#42",
		"type":                 "BitstringStatusListEntry",
		"statusPurpose":        "revocation",
		"statusListIndex":      "42", // a string, per Bitstring Status List
		"statusListCredential": in.StatusListURL,
	}
	if got := vc["credentialStatus"]; !reflect.DeepEqual(got, wantStatus) {
		t.Errorf("credentialStatus = %v, want %v", got, wantStatus)
	}
}
