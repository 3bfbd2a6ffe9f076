// Package audit records who changed what, when, with the state before and
// after, in the same transaction as the change, and lets admins and Home
// Affairs browse the log.
package audit

import (
	"context"
	"encoding/json"
	"time"

	"github.com/jmoiron/sqlx"
)

// Actor is who made a change and from where.
type Actor struct {
	UserID    *int64
	Name      string
	Client    string
	RequestID string
}

// Entry is one audited event.
type Entry struct {
	Action     string // e.g. person.updated
	EntityType string // e.g. person
	EntityID   string
	AgencyID   *int64 // the agency the object belongs to, for scoped browsing
	Before     any    // nil when created
	After      any    // nil when deleted
}

// Write appends e to the log through ext, which should be the transaction that
// makes the change.
func Write(ctx context.Context, ext sqlx.ExtContext, a Actor, e Entry) error {
	before, err := jsonOrNil(e.Before)
	if err != nil {
		return err
	}
	after, err := jsonOrNil(e.After)
	if err != nil {
		return err
	}
	_, err = ext.ExecContext(ctx, `
		INSERT INTO audit_log (actor_id, actor_name, action, entity_type, entity_id, agency_id, before, after, client, request_id)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
		a.UserID, a.Name, e.Action, e.EntityType, e.EntityID, e.AgencyID, before, after, a.Client, a.RequestID)
	return err
}

func jsonOrNil(v any) ([]byte, error) {
	if v == nil {
		return nil, nil
	}
	return json.Marshal(v)
}

// Record is one row of the log as the API returns it.
type Record struct {
	ID         int64            `db:"id" json:"id"`
	At         time.Time        `db:"at" json:"at"`
	ActorID    *int64           `db:"actor_id" json:"actor_id"`
	ActorName  string           `db:"actor_name" json:"actor_name"`
	Action     string           `db:"action" json:"action"`
	EntityType string           `db:"entity_type" json:"entity_type"`
	EntityID   string           `db:"entity_id" json:"entity_id"`
	AgencyID   *int64           `db:"agency_id" json:"agency_id"`
	Before     *json.RawMessage `db:"before" json:"before"`
	After      *json.RawMessage `db:"after" json:"after"`
	Client     string           `db:"client" json:"client"`
	RequestID  string           `db:"request_id" json:"request_id"`
}
