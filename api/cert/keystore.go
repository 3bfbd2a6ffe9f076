package cert

import (
	"context"
	"crypto/ed25519"
	"sync"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/govtrain/lms/api/platform/db"
)

// keyring reads the signing keys from the database (every lms process signs
// with the same key) and keeps them for a minute.
type keyring struct {
	db     *sqlx.DB
	mu     sync.Mutex
	keys   []Key
	loaded time.Time
}

const keyringTTL = time.Minute

// all returns every key, newest first; the first one that can sign is the
// current key. With no key at all, it makes the first one.
func (r *keyring) all(ctx context.Context) ([]Key, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.keys != nil && time.Since(r.loaded) < keyringTTL {
		return r.keys, nil
	}
	keys, err := r.read(ctx)
	if err != nil {
		return nil, err
	}
	if len(keys) == 0 || !keys[0].canSign() {
		if err := r.rotate(ctx); err != nil {
			return nil, err
		}
		if keys, err = r.read(ctx); err != nil {
			return nil, err
		}
	}
	r.keys, r.loaded = keys, time.Now()
	return keys, nil
}

func (r *keyring) read(ctx context.Context) ([]Key, error) {
	var rows []struct {
		ID      string     `db:"kid"`
		Private []byte     `db:"private_key"`
		Public  []byte     `db:"public_key"`
		Created time.Time  `db:"created_at"`
		Retired *time.Time `db:"retired_at"`
	}
	if err := r.db.SelectContext(ctx, &rows, `SELECT kid, private_key, public_key, created_at, retired_at
		FROM signing_keys ORDER BY retired_at IS NULL DESC, created_at DESC`); err != nil {
		return nil, err
	}
	keys := make([]Key, len(rows))
	for i, k := range rows {
		keys[i] = Key{ID: k.ID, Public: ed25519.PublicKey(k.Public), Created: k.Created, Retired: k.Retired}
		if len(k.Private) == ed25519.PrivateKeySize {
			keys[i].Private = ed25519.PrivateKey(k.Private)
		}
	}
	return keys, nil
}

// rotate makes a new current key and retires the others, dropping their
// private halves; one process at a time.
func (r *keyring) rotate(ctx context.Context) error {
	k, err := NewKey(time.Now())
	if err != nil {
		return err
	}
	return db.WithTx(ctx, r.db, func(tx *sqlx.Tx) error {
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(hashtext('lms.signing_keys'))`); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE signing_keys SET retired_at = now(), private_key = NULL WHERE retired_at IS NULL`); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO signing_keys (kid, private_key, public_key) VALUES ($1, $2, $3)`,
			k.ID, []byte(k.Private), []byte(k.Public))
		return err
	})
}

// Rotate retires the current signing key and makes a new one. Tokens made
// with the old key stay verifiable (the JWKS keeps its public half).
func (s *Service) Rotate(ctx context.Context) (string, error) {
	if err := s.keys.rotate(ctx); err != nil {
		return "", err
	}
	s.keys.mu.Lock()
	s.keys.keys = nil
	s.keys.mu.Unlock()
	keys, err := s.keys.all(ctx)
	if err != nil {
		return "", err
	}
	return keys[0].ID, nil
}
