// Package config reads the lms settings from environment variables. Every
// setting has a default that works on a developer machine; Load validates them
// all at start so a typo fails loudly instead of at the first request.
package config

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/netip"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Config is the whole configuration of one lms process.
type Config struct {
	Env             string // "development" (default) or "production"
	Addr            string // LMS_ADDR, default ":8080"
	DatabaseURL     string // DATABASE_URL; empty means "find or start one" (see pgboot)
	DBName          string // LMS_DB_NAME, default "lms"
	DataDir         string // LMS_DATA_DIR, default ".data": private database cluster, dev secret
	JWTSecret       []byte // LMS_JWT_SECRET or LMS_JWT_SECRET_FILE
	Issuer          string // LMS_JWT_ISSUER, default "lms"
	AccessTTL       time.Duration
	RefreshTTL      time.Duration
	TrustedProxies  []netip.Prefix // LMS_TRUSTED_PROXIES: CIDRs whose X-Forwarded-For is believed
	SecureCookies   bool           // LMS_SECURE_COOKIES, default true in production
	MaxBodyBytes    int64          // LMS_MAX_BODY_BYTES for JSON bodies, default 1 MiB
	MaxUploadBytes  int64          // LMS_MAX_UPLOAD_BYTES for files, default 10 MiB
	LogLevel        string         // LMS_LOG_LEVEL: debug, info, warn, error
	ShutdownTimeout time.Duration
	PublicURL       string        // LMS_PUBLIC_URL: the site's address as people reach it (printed on certificates), default http://localhost:8080
	QuizGrace       time.Duration // LMS_QUIZ_GRACE: how long after an attempt's deadline in-flight saves still count, default 10s
	QuizSweep       time.Duration // LMS_QUIZ_SWEEP: how often attempts whose time is up are closed, default 5s
	CountSQL        bool          // LMS_COUNT_SQL: count SQL statements and round trips on the wire, exported on /metrics (for lms bench)
	PprofAddr       string        // LMS_PPROF_ADDR: serve net/http/pprof on this address (e.g. 127.0.0.1:6060); empty: not at all
}

// Load reads the environment through getenv (os.Getenv in production).
func Load(getenv func(string) string) (*Config, error) {
	c := &Config{
		Env:         def(getenv("LMS_ENV"), "development"),
		Addr:        def(getenv("LMS_ADDR"), ":8080"),
		DatabaseURL: getenv("DATABASE_URL"),
		DBName:      def(getenv("LMS_DB_NAME"), "lms"),
		DataDir:     def(getenv("LMS_DATA_DIR"), ".data"),
		Issuer:      def(getenv("LMS_JWT_ISSUER"), "lms"),
		LogLevel:    def(getenv("LMS_LOG_LEVEL"), "info"),
		PublicURL:   strings.TrimRight(def(getenv("LMS_PUBLIC_URL"), "http://localhost:8080"), "/"),
	}
	var errs []error
	if c.Env != "development" && c.Env != "production" {
		errs = append(errs, fmt.Errorf("LMS_ENV must be development or production, not %q", c.Env))
	}
	c.AccessTTL = duration(getenv, "LMS_ACCESS_TTL", 15*time.Minute, &errs)
	c.RefreshTTL = duration(getenv, "LMS_REFRESH_TTL", 30*24*time.Hour, &errs)
	c.ShutdownTimeout = duration(getenv, "LMS_SHUTDOWN_TIMEOUT", 20*time.Second, &errs)
	c.QuizGrace = duration(getenv, "LMS_QUIZ_GRACE", 10*time.Second, &errs)
	c.QuizSweep = duration(getenv, "LMS_QUIZ_SWEEP", 5*time.Second, &errs)
	c.MaxBodyBytes = integer(getenv, "LMS_MAX_BODY_BYTES", 1<<20, &errs)
	c.MaxUploadBytes = integer(getenv, "LMS_MAX_UPLOAD_BYTES", 10<<20, &errs)
	c.PprofAddr = getenv("LMS_PPROF_ADDR")
	if v := getenv("LMS_COUNT_SQL"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			errs = append(errs, fmt.Errorf("LMS_COUNT_SQL: %w", err))
		}
		c.CountSQL = b
	}
	c.SecureCookies = c.Env == "production"
	if v := getenv("LMS_SECURE_COOKIES"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			errs = append(errs, fmt.Errorf("LMS_SECURE_COOKIES: %w", err))
		}
		c.SecureCookies = b
	}
	for _, s := range strings.Split(getenv("LMS_TRUSTED_PROXIES"), ",") {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		p, err := netip.ParsePrefix(s)
		if err != nil {
			a, aerr := netip.ParseAddr(s)
			if aerr != nil {
				errs = append(errs, fmt.Errorf("LMS_TRUSTED_PROXIES: %q is not an address or CIDR", s))
				continue
			}
			p = netip.PrefixFrom(a, a.BitLen())
		}
		c.TrustedProxies = append(c.TrustedProxies, p)
	}
	secret, err := jwtSecret(getenv, c)
	if err != nil {
		errs = append(errs, err)
	}
	c.JWTSecret = secret
	return c, errors.Join(errs...)
}

// jwtSecret reads LMS_JWT_SECRET or LMS_JWT_SECRET_FILE. In development with
// neither set, it keeps a generated secret in DataDir so that tokens survive a
// restart; production refuses to start without one. The folder is 0711 so the
// unprivileged user of a private database cluster can reach its own subfolder
// without being able to list (or read) the secret.
func jwtSecret(getenv func(string) string, c *Config) ([]byte, error) {
	if s := getenv("LMS_JWT_SECRET"); s != "" {
		return checkSecret([]byte(s))
	}
	if f := getenv("LMS_JWT_SECRET_FILE"); f != "" {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("LMS_JWT_SECRET_FILE: %w", err)
		}
		return checkSecret([]byte(strings.TrimSpace(string(b))))
	}
	if c.Env == "production" {
		return nil, errors.New("LMS_JWT_SECRET or LMS_JWT_SECRET_FILE is required in production")
	}
	path := filepath.Join(c.DataDir, "jwt-secret")
	if b, err := os.ReadFile(path); err == nil {
		return checkSecret([]byte(strings.TrimSpace(string(b))))
	}
	buf := make([]byte, 32)
	if _, err := rand.Read(buf); err != nil {
		return nil, err
	}
	secret := []byte(hex.EncodeToString(buf))
	if err := os.MkdirAll(c.DataDir, 0o711); err != nil {
		return nil, fmt.Errorf("data folder: %w", err)
	}
	if err := os.WriteFile(path, secret, 0o600); err != nil {
		return nil, fmt.Errorf("keeping the development JWT secret: %w", err)
	}
	return secret, nil
}

func checkSecret(b []byte) ([]byte, error) {
	if len(b) < 32 {
		return nil, errors.New("the JWT secret must be at least 32 bytes")
	}
	return b, nil
}

func def(v, d string) string {
	if v == "" {
		return d
	}
	return v
}

func duration(getenv func(string) string, key string, d time.Duration, errs *[]error) time.Duration {
	v := getenv(key)
	if v == "" {
		return d
	}
	x, err := time.ParseDuration(v)
	if err != nil || x <= 0 {
		*errs = append(*errs, fmt.Errorf("%s: %q is not a positive duration such as 15m", key, v))
		return d
	}
	return x
}

func integer(getenv func(string) string, key string, d int64, errs *[]error) int64 {
	v := getenv(key)
	if v == "" {
		return d
	}
	x, err := strconv.ParseInt(v, 10, 64)
	if err != nil || x <= 0 {
		*errs = append(*errs, fmt.Errorf("%s: %q is not a positive integer", key, v))
		return d
	}
	return x
}
