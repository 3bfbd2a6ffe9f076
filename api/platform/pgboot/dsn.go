package pgboot

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/lib/pq"
)

// tcpDSN is the URL form: postgres://user@host:port/db?sslmode=disable.
func tcpDSN(user, password, host string, port int, db string) string {
	u := url.URL{
		Scheme:   "postgres",
		User:     url.User(user),
		Host:     host + ":" + strconv.Itoa(port),
		Path:     "/" + db,
		RawQuery: "sslmode=disable",
	}
	if password != "" {
		u.User = url.UserPassword(user, password)
	}
	return u.String()
}

// socketDSN is the key/value form, which carries a socket directory more
// readably than a URL: host=/dir port=5432 user=postgres dbname=db sslmode=disable.
func socketDSN(user, dir string, port int, db string) string {
	return fmt.Sprintf("host=%s port=%d user=%s dbname=%s sslmode=disable",
		kvQuote(dir), port, kvQuote(user), kvQuote(db))
}

// kvQuote quotes a key/value DSN value when it needs it.
func kvQuote(v string) string {
	if v != "" && !strings.ContainsAny(v, " \t\n'\\") {
		return v
	}
	v = strings.ReplaceAll(v, `\`, `\\`)
	return "'" + strings.ReplaceAll(v, "'", `\'`) + "'"
}

var dbnameKV = regexp.MustCompile(`(^|\s+)dbname\s*=\s*('(\\.|[^'\\])*'|\S*)`)

// withDB returns dsn, in the same form, pointing at database db.
func withDB(dsn, db string) (string, error) {
	if isURL(dsn) {
		u, err := url.Parse(dsn)
		if err != nil {
			return "", fmt.Errorf("pgboot: parse DSN: %w", err)
		}
		u.Path, u.RawPath = "/"+db, ""
		return u.String(), nil
	}
	if _, err := pq.NewConfig(dsn); err != nil {
		return "", fmt.Errorf("pgboot: parse DSN: %w", err)
	}
	kv := "dbname=" + kvQuote(db)
	if !dbnameKV.MatchString(dsn) {
		return strings.TrimSpace(dsn + " " + kv), nil
	}
	return dbnameKV.ReplaceAllStringFunc(dsn, func(m string) string {
		return m[:len(m)-len(strings.TrimLeft(m, " \t\r\n"))] + kv
	}), nil
}

// dbOf is the database dsn connects to; like libpq it defaults to the user name.
func dbOf(dsn string) (string, error) {
	cfg, err := pq.NewConfig(dsn)
	if err != nil {
		return "", fmt.Errorf("pgboot: parse DSN: %w", err)
	}
	if cfg.Database != "" {
		return cfg.Database, nil
	}
	return cfg.User, nil
}

// describe is dsn without its password, for logs and errors.
func describe(dsn string) string {
	cfg, err := pq.NewConfig(dsn)
	if err != nil {
		return "unparsable DSN"
	}
	return fmt.Sprintf("%s@%s:%d/%s", cfg.User, cfg.Host, cfg.Port, cfg.Database)
}

func isURL(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}
