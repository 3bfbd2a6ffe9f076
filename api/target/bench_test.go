package target_test

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/govtrain/lms/api/apitest"
	"github.com/govtrain/lms/api/dbtest"
	"github.com/govtrain/lms/api/platform/civil"
	"github.com/govtrain/lms/api/platform/db"
	"github.com/govtrain/lms/api/seed"
	"github.com/govtrain/lms/api/target"
)

// The benchmarks of the dashboard run only when asked, on provinces built
// by `lms seed --people N` and kept between runs:
//
//	LMS_BENCH_PEOPLE=30000,2000000 go test ./api/target/ -run '^$' -bench . -benchtime 200x
//
// Each size has its database, lms_bench_N, on the test server, built on
// first use (a few seconds for 30,000 people, minutes for 2,000,000) and
// brought up to the current migrations on each run. Each benchmark reports
// the median and 99th percentile of one request's time.

// benchDays are today (Vietnam time, as the handler takes it) and a day in
// the middle of the plan.
func benchDays() []time.Time {
	return []time.Time{civil.Today().Time(), civil.New(2009, time.December, 31).Time()}
}

func BenchmarkOverview(b *testing.B) {
	benchTargets(b, func(s *target.Service, day time.Time) error {
		_, err := s.Compute(context.Background(), day, 0)
		return err
	})
}

func BenchmarkAgencyTable(b *testing.B) {
	benchTargets(b, func(s *target.Service, day time.Time) error {
		_, err := s.ByAgency(context.Background(), day, 0)
		return err
	})
}

func benchTargets(b *testing.B, request func(s *target.Service, day time.Time) error) {
	sizes := os.Getenv("LMS_BENCH_PEOPLE")
	if sizes == "" {
		b.Skip("set LMS_BENCH_PEOPLE=30000,2000000 to run the benchmarks of the targets")
	}
	for _, size := range strings.Split(sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(size))
		if err != nil || n < 5 {
			b.Fatalf("LMS_BENCH_PEOPLE: %q is not a number of people", size)
		}
		d := benchDB(b, n)
		s := target.NewService(d)
		for _, day := range benchDays() {
			b.Run(fmt.Sprintf("people=%d/day=%s", n, day.Format(time.DateOnly)), func(b *testing.B) {
				if err := request(s, day); err != nil { // warm: plans and pages
					b.Fatal(err)
				}
				var took []time.Duration
				for b.Loop() {
					start := time.Now()
					if err := request(s, day); err != nil {
						b.Fatal(err)
					}
					took = append(took, time.Since(start))
				}
				slices.Sort(took)
				at := func(q float64) float64 {
					return float64(took[int(q*float64(len(took)-1))].Microseconds()) / 1000
				}
				b.ReportMetric(at(0.5), "p50-ms")
				b.ReportMetric(at(0.99), "p99-ms")
			})
		}
	}
}

// benchDB opens lms_bench_n, building it first when it is not there: under
// a scratch name, renamed when complete, so an interrupted build is never
// taken for a finished one.
func benchDB(b *testing.B, n int) *sqlx.DB {
	b.Helper()
	ctx := context.Background()
	name := fmt.Sprintf("lms_bench_%d", n)
	admin, err := sqlx.Connect("postgres", dbtest.URL(b, "postgres"))
	if err != nil {
		b.Fatal(err)
	}
	defer admin.Close()
	var exists bool
	if err := admin.Get(&exists, `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, name); err != nil {
		b.Fatal(err)
	}
	if !exists {
		scratch := name + "_build"
		admin.MustExec(`DROP DATABASE IF EXISTS ` + scratch)
		admin.MustExec(`CREATE DATABASE ` + scratch)
		d := openMigrated(b, scratch)
		(&apitest.API{T: b, DB: d}).SyncCourses("../../courses")
		sum, err := seed.Province(ctx, d, n, 3260, slog.Default())
		if err != nil {
			b.Fatal(err)
		}
		b.Log(sum)
		d.Close()
		admin.MustExec(`ALTER DATABASE ` + scratch + ` RENAME TO ` + name)
	}
	d := openMigrated(b, name)
	b.Cleanup(func() { d.Close() })
	return d
}

// openMigrated opens database name with every migration applied.
func openMigrated(b *testing.B, name string) *sqlx.DB {
	ctx := context.Background()
	d, err := db.Open(ctx, dbtest.URL(b, name))
	if err != nil {
		b.Fatal(err)
	}
	m, err := db.NewMigrator(ctx, d)
	if err != nil {
		b.Fatal(err)
	}
	if err := m.Up(); err != nil {
		b.Fatal(err)
	}
	m.Close()
	return d
}
