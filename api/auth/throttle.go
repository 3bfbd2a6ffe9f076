package auth

import (
	"context"
	"math/rand/v2"
	"time"

	"github.com/jmoiron/sqlx"
)

// Sign-in throttling. Failures are counted over a sliding window per account
// and per client address. With these numbers an account can take at most
// 4 x 10 = 40 failed guesses an hour, under the 100 the requirements allow,
// and a client at most 30 every 15 minutes across all accounts.
const (
	throttleWindow     = 15 * time.Minute
	maxAccountFailures = 10
	maxClientFailures  = 30
)

// throttled returns how long the caller must wait before trying again, or 0.
func throttled(ctx context.Context, q sqlx.QueryerContext, username, client string) (time.Duration, error) {
	var r struct {
		Account       int        `db:"account"`
		Client        int        `db:"client"`
		AccountOldest *time.Time `db:"account_oldest"`
		ClientOldest  *time.Time `db:"client_oldest"`
		Now           time.Time  `db:"now"`
	}
	err := sqlx.GetContext(ctx, q, &r, `
		SELECT count(*) FILTER (WHERE username = $1) AS account,
		       count(*) FILTER (WHERE client = $2) AS client,
		       (array_agg(at ORDER BY at DESC) FILTER (WHERE username = $1))[$4] AS account_oldest,
		       (array_agg(at ORDER BY at DESC) FILTER (WHERE client = $2))[$5] AS client_oldest,
		       now() AS now
		FROM login_failures
		WHERE at > now() - $3 * interval '1 second' AND (username = $1 OR client = $2)`,
		username, client, throttleWindow.Seconds(), maxAccountFailures, maxClientFailures)
	if err != nil {
		return 0, err
	}
	// The wait ends when the failure that filled the quota leaves the window.
	var wait time.Duration
	if r.Account >= maxAccountFailures && r.AccountOldest != nil {
		wait = r.AccountOldest.Add(throttleWindow).Sub(r.Now)
	}
	if r.Client >= maxClientFailures && r.ClientOldest != nil {
		wait = max(wait, r.ClientOldest.Add(throttleWindow).Sub(r.Now))
	}
	return max(wait, 0), nil
}

func recordFailure(ctx context.Context, ext sqlx.ExecerContext, username, client string) error {
	if _, err := ext.ExecContext(ctx, `INSERT INTO login_failures (username, client) VALUES ($1, $2)`, username, client); err != nil {
		return err
	}
	// Now and then, forget failures older than any window.
	if rand.IntN(100) == 0 {
		_, err := ext.ExecContext(ctx, `DELETE FROM login_failures WHERE at < now() - interval '1 day'`)
		return err
	}
	return nil
}

func clearFailures(ctx context.Context, ext sqlx.ExecerContext, username string) error {
	_, err := ext.ExecContext(ctx, `DELETE FROM login_failures WHERE username = $1`, username)
	return err
}
