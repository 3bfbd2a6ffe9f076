package bench

import (
	"strings"
	"testing"
	"time"
)

func TestSummarize(t *testing.T) {
	var ds []time.Duration
	for i := 100; i >= 1; i-- { // unsorted on purpose
		ds = append(ds, time.Duration(i)*time.Millisecond)
	}
	got := Summarize(ds)
	want := Latencies{P50: 50 * time.Millisecond, P95: 95 * time.Millisecond, P99: 99 * time.Millisecond, Max: 100 * time.Millisecond}
	if got != want {
		t.Errorf("Summarize(1..100 ms) = %+v, want %+v", got, want)
	}
	if got := Summarize([]time.Duration{7}); got.P50 != 7 || got.P99 != 7 || got.Max != 7 {
		t.Errorf("Summarize of one value = %+v, want it everywhere", got)
	}
	if got := Summarize(nil); got != (Latencies{}) {
		t.Errorf("Summarize(nil) = %+v, want zero", got)
	}
	// Nearest rank: with 3 values p50 is the 2nd, p99 the 3rd.
	if got := Summarize([]time.Duration{3, 1, 2}); got.P50 != 2 || got.P95 != 3 {
		t.Errorf("Summarize(1,2,3) = %+v, want p50 2 and p95 3", got)
	}
}

func TestParseStatCPU(t *testing.T) {
	// The command name may hold spaces and parentheses.
	line := "4242 (lms (x) y) S 1 4242 4242 0 -1 4194560 2000 0 0 0 250 37 0 0 20 0 12 0 100 1000000 5000 18446744073709551615"
	got, err := parseStatCPU(line)
	if err != nil {
		t.Fatal(err)
	}
	if want := 2870 * time.Millisecond; got != want {
		t.Errorf("cpu = %v, want %v (utime 250 + stime 37 ticks)", got, want)
	}
	st, err := parseStat(line)
	if err != nil || st.ppid != 1 || st.children != 0 {
		t.Errorf("parseStat = %+v, %v; want ppid 1, no children's time", st, err)
	}
	if _, err := parseStatCPU("garbage"); err == nil {
		t.Error("a line without a command name parsed, want an error")
	}
}

func TestParseStatus(t *testing.T) {
	in := "Name:\tlms\nVmPeak:\t  900000 kB\nVmHWM:\t   204800 kB\nVmRSS:\t   102400 kB\nThreads:\t9\n"
	u, err := parseStatus(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if u.PeakRSS != 200<<20 || u.RSS != 100<<20 {
		t.Errorf("peak %d, rss %d; want %d and %d", u.PeakRSS, u.RSS, 200<<20, 100<<20)
	}
}

func TestParseMetrics(t *testing.T) {
	in := `# HELP lms_sql_statements_total SQL statements sent.
# TYPE lms_sql_statements_total counter
lms_sql_statements_total 12345
lms_sql_round_trips_total 2.5e+06
lms_sql_statements_total_other 1
http_requests_total{code="200"} 7
`
	got, err := parseMetrics(strings.NewReader(in), "lms_sql_statements_total", "lms_sql_round_trips_total")
	if err != nil {
		t.Fatal(err)
	}
	if got["lms_sql_statements_total"] != 12345 || got["lms_sql_round_trips_total"] != 2.5e6 || len(got) != 2 {
		t.Errorf("got %v, want statements 12345 and round trips 2.5e6 only", got)
	}
	if _, err := parseMetrics(strings.NewReader("lms_sql_statements_total x\n"), "lms_sql_statements_total"); err == nil {
		t.Error("a bad value parsed, want an error")
	}
}

func TestFragmentIndex(t *testing.T) {
	for url, want := range map[string]int{
		"http://127.0.0.1:1/api/v1/verify/ABC#19": 19,
		"http://h/x#0":                 0,
		"http://h/a#b/attempts/5#1234": 1234,
	} {
		if got := fragmentIndex(url); got != want {
			t.Errorf("fragmentIndex(%q) = %d, want %d", url, got, want)
		}
	}
}
