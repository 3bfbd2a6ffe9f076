package bench

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Latencies summarises request durations.
type Latencies struct {
	P50, P95, P99, Max time.Duration
}

// Summarize returns the nearest-rank percentiles of ds (which it sorts).
func Summarize(ds []time.Duration) Latencies {
	if len(ds) == 0 {
		return Latencies{}
	}
	slices.Sort(ds)
	return Latencies{P50: percentile(ds, 50), P95: percentile(ds, 95), P99: percentile(ds, 99), Max: ds[len(ds)-1]}
}

// percentile is the nearest-rank p-th percentile of sorted: the smallest
// value that at least p% of the values do not exceed.
func percentile(sorted []time.Duration, p float64) time.Duration {
	rank := int(math.Ceil(p / 100 * float64(len(sorted))))
	return sorted[max(rank, 1)-1]
}

// Usage is what /proc says of a process.
type Usage struct {
	CPU     time.Duration // user + system time so far
	RSS     int64         // resident set now, bytes
	PeakRSS int64         // VmHWM: the peak resident set, bytes
}

// clockTicks is USER_HZ, the unit of utime and stime in /proc/PID/stat:
// 100 on every Linux architecture Go runs on.
const clockTicks = 100

func readUsage(pid int) (Usage, error) {
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return Usage{}, err
	}
	cpu, err := parseStatCPU(string(stat))
	if err != nil {
		return Usage{}, err
	}
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return Usage{}, err
	}
	defer f.Close()
	u, err := parseStatus(f)
	u.CPU = cpu
	return u, err
}

// parseStatCPU reads utime and stime (fields 14 and 15) from a
// /proc/PID/stat line.
func parseStatCPU(line string) (time.Duration, error) {
	st, err := parseStat(line)
	return st.self, err
}

// procStat is what the harness reads of a /proc/PID/stat line.
type procStat struct {
	ppid     int
	self     time.Duration // utime + stime
	children time.Duration // cutime + cstime: children waited for
}

// parseStat reads a /proc/PID/stat line; the command name in parentheses
// may hold spaces.
func parseStat(line string) (procStat, error) {
	i := strings.LastIndexByte(line, ')')
	if i < 0 {
		return procStat{}, fmt.Errorf("bench: bad /proc stat line %q", line)
	}
	f := strings.Fields(line[i+1:]) // f[0] is field 3, the state
	if len(f) < 15 {
		return procStat{}, fmt.Errorf("bench: short /proc stat line %q", line)
	}
	var n [5]int64
	for j, k := range []int{1, 11, 12, 13, 14} { // ppid, utime, stime, cutime, cstime
		v, err := strconv.ParseInt(f[k], 10, 64)
		if err != nil {
			return procStat{}, fmt.Errorf("bench: bad field %d in %q", k+3, line)
		}
		n[j] = v
	}
	tick := time.Second / clockTicks
	return procStat{ppid: int(n[0]), self: time.Duration(n[1]+n[2]) * tick, children: time.Duration(n[3]+n[4]) * tick}, nil
}

// treeCPU is the CPU time of process pid, of its children alive now and
// of those it waited for: for the postmaster, all of PostgreSQL's work.
func treeCPU(pid int) (time.Duration, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	root, err := parseStat(string(b))
	if err != nil {
		return 0, err
	}
	total := root.self + root.children
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	for _, path := range stats {
		b, err := os.ReadFile(path)
		if err != nil {
			continue // gone meanwhile
		}
		if st, err := parseStat(string(b)); err == nil && st.ppid == pid {
			total += st.self + st.children
		}
	}
	return total, nil
}

// parseStatus reads VmRSS and VmHWM from /proc/PID/status.
func parseStatus(r io.Reader) (Usage, error) {
	var u Usage
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		name, rest, ok := strings.Cut(sc.Text(), ":")
		if !ok || (name != "VmRSS" && name != "VmHWM") {
			continue
		}
		f := strings.Fields(rest)
		if len(f) != 2 || f[1] != "kB" {
			return u, fmt.Errorf("bench: bad %s line %q", name, sc.Text())
		}
		kb, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil {
			return u, err
		}
		if name == "VmRSS" {
			u.RSS = kb << 10
		} else {
			u.PeakRSS = kb << 10
		}
	}
	return u, sc.Err()
}

// parseMetrics returns the values of the named samples (no labels) of a
// Prometheus text exposition.
func parseMetrics(r io.Reader, names ...string) (map[string]float64, error) {
	out := map[string]float64{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Fields(line)
		if len(f) < 2 || !slices.Contains(names, f[0]) {
			continue
		}
		v, err := strconv.ParseFloat(f[1], 64)
		if err != nil {
			return nil, fmt.Errorf("bench: bad sample %q", line)
		}
		out[f[0]] = v
	}
	return out, sc.Err()
}
