package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// Audience of access tokens; a token minted for anything else is refused.
const audience = "lms-api"

// maxTokenLen bounds what is handed to the JWT parser, so a megabyte of dots
// costs nothing.
const maxTokenLen = 4096

// Principal is the signed-in account as carried by its access token.
type Principal struct {
	UserID   int64
	Username string
	Name     string
	Role     Role
	AgencyID *int64
	PersonID *int64
}

type accessClaims struct {
	jwt.RegisteredClaims
	Type     string `json:"typ"`
	Username string `json:"usr"`
	Name     string `json:"name"`
	Role     Role   `json:"role"`
	AgencyID *int64 `json:"agency_id,omitempty"`
	PersonID *int64 `json:"person_id,omitempty"`
}

// Tokens mints and checks access tokens (HS256 JWTs).
type Tokens struct {
	secret []byte
	issuer string
	ttl    time.Duration
	now    func() time.Time
}

// NewTokens returns a minter using secret, which must stay the same across the
// lms processes behind one load balancer.
func NewTokens(secret []byte, issuer string, ttl time.Duration) *Tokens {
	return &Tokens{secret: secret, issuer: issuer, ttl: ttl, now: time.Now}
}

// Issue returns a signed access token for p and its lifetime.
func (t *Tokens) Issue(p Principal) (string, time.Duration, error) {
	now := t.now()
	c := accessClaims{
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer:    t.issuer,
			Subject:   strconv.FormatInt(p.UserID, 10),
			Audience:  jwt.ClaimStrings{audience},
			IssuedAt:  jwt.NewNumericDate(now),
			ExpiresAt: jwt.NewNumericDate(now.Add(t.ttl)),
		},
		Type: "access", Username: p.Username, Name: p.Name, Role: p.Role, AgencyID: p.AgencyID, PersonID: p.PersonID,
	}
	s, err := jwt.NewWithClaims(jwt.SigningMethodHS256, c).SignedString(t.secret)
	return s, t.ttl, err
}

var errBadToken = errors.New("auth: bad access token")

// Parse checks an access token: HS256 only, signature, expiry (required),
// issuer, audience and type; it returns the principal it carries.
func (t *Tokens) Parse(token string) (Principal, error) {
	if len(token) == 0 || len(token) > maxTokenLen || strings.Count(token, ".") != 2 {
		return Principal{}, errBadToken
	}
	var c accessClaims
	_, err := jwt.ParseWithClaims(token, &c, func(*jwt.Token) (any, error) { return t.secret, nil },
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
		jwt.WithIssuer(t.issuer),
		jwt.WithAudience(audience),
		jwt.WithTimeFunc(t.now),
		jwt.WithLeeway(5*time.Second),
	)
	if err != nil || c.Type != "access" || !c.Role.Valid() {
		return Principal{}, errBadToken
	}
	id, err := strconv.ParseInt(c.Subject, 10, 64)
	if err != nil || id <= 0 {
		return Principal{}, errBadToken
	}
	return Principal{UserID: id, Username: c.Username, Name: c.Name, Role: c.Role, AgencyID: c.AgencyID, PersonID: c.PersonID}, nil
}

// newRefreshToken returns a random refresh token (256 bits, URL-safe) and the
// hash under which it is stored.
func newRefreshToken() (string, []byte, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", nil, err
	}
	tok := base64.RawURLEncoding.EncodeToString(b)
	return tok, hashToken(tok), nil
}

func hashToken(tok string) []byte {
	h := sha256.Sum256([]byte(tok))
	return h[:]
}
