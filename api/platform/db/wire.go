package db

import (
	"context"
	"database/sql"
	"encoding/binary"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"github.com/prometheus/client_golang/prometheus"
)

// Wire counts what the connections it dials send to PostgreSQL, exactly, by
// reading the frontend protocol: statements (simple Query and extended
// Execute messages, so BEGIN and COMMIT count too) and round trips (each
// time the client waits for the server after writing). Benchmarks use it
// to report statements and round trips per request.
type Wire struct {
	statements, roundTrips atomic.Int64
}

// WireStats are counts read from a Wire.
type WireStats struct{ Statements, RoundTrips int64 }

// Stats returns the counts so far.
func (w *Wire) Stats() WireStats {
	return WireStats{Statements: w.statements.Load(), RoundTrips: w.roundTrips.Load()}
}

// Open opens a pool on dsn whose connections w counts.
func (w *Wire) Open(dsn string) (*sqlx.DB, error) {
	c, err := pq.NewConnector(dsn)
	if err != nil {
		return nil, err
	}
	c.Dialer(wireDialer{w: w})
	return sqlx.NewDb(sql.OpenDB(c), "postgres"), nil
}

type wireDialer struct {
	w *Wire
	d net.Dialer
}

func (d wireDialer) Dial(network, addr string) (net.Conn, error) {
	return d.DialContext(context.Background(), network, addr)
}

func (d wireDialer) DialTimeout(network, addr string, timeout time.Duration) (net.Conn, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	return d.DialContext(ctx, network, addr)
}

func (d wireDialer) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	c, err := d.d.DialContext(ctx, network, addr)
	if err != nil {
		return nil, err
	}
	return &wireConn{Conn: c, w: d.w, untyped: 1}, nil
}

// wireConn follows the client's message stream: after the untyped startup
// message (and an SSL request before it), each message is a type byte and
// a length.
type wireConn struct {
	net.Conn
	w       *Wire
	mu      sync.Mutex
	untyped int    // untyped messages still to come
	head    []byte // the header read so far
	skip    int    // body bytes of the current message still to pass
	wrote   bool   // the client wrote since it last read
}

func (c *wireConn) Write(p []byte) (int, error) {
	c.mu.Lock()
	c.follow(p)
	c.wrote = true
	c.mu.Unlock()
	return c.Conn.Write(p)
}

func (c *wireConn) Read(p []byte) (int, error) {
	c.mu.Lock()
	if c.wrote {
		c.wrote = false
		c.w.roundTrips.Add(1)
	}
	c.mu.Unlock()
	return c.Conn.Read(p)
}

func (c *wireConn) follow(p []byte) {
	for len(p) > 0 {
		if c.skip > 0 {
			n := min(c.skip, len(p))
			c.skip -= n
			p = p[n:]
			continue
		}
		size := 5 // type byte and length
		if c.untyped > 0 {
			size = 4
		}
		n := min(size-len(c.head), len(p))
		c.head = append(c.head, p[:n]...)
		p = p[n:]
		if len(c.head) < size {
			return
		}
		length := int(binary.BigEndian.Uint32(c.head[size-4:]))
		if c.untyped > 0 {
			c.untyped--
			if length == 8 && len(p) >= 4 && binary.BigEndian.Uint32(p[:4]) == 80877103 {
				c.untyped++ // an SSL request: the startup message follows
			}
		} else if t := c.head[0]; t == 'Q' || t == 'E' {
			c.w.statements.Add(1)
		}
		c.skip = length - 4
		c.head = c.head[:0]
	}
}

var (
	wireStatements = prometheus.NewDesc("lms_sql_statements_total", "SQL statements sent to PostgreSQL (counted on the wire).", nil, nil)
	wireRoundTrips = prometheus.NewDesc("lms_sql_round_trips_total", "Round trips to PostgreSQL (counted on the wire).", nil, nil)
)

// Describe makes a Wire a Prometheus collector (LMS_COUNT_SQL).
func (w *Wire) Describe(ch chan<- *prometheus.Desc) {
	ch <- wireStatements
	ch <- wireRoundTrips
}

// Collect reports the counts so far.
func (w *Wire) Collect(ch chan<- prometheus.Metric) {
	st := w.Stats()
	ch <- prometheus.MustNewConstMetric(wireStatements, prometheus.CounterValue, float64(st.Statements))
	ch <- prometheus.MustNewConstMetric(wireRoundTrips, prometheus.CounterValue, float64(st.RoundTrips))
}
