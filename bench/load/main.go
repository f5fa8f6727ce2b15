// Command load is vanban's load test: it fires a bounded number of identical
// POST requests at a vanban service on THIS machine (loopback only) and
// prints requests per second, latency percentiles and status counts, and the
// service's peak resident memory read from its /metrics.
//
//	go run ./bench/load -url http://127.0.0.1:8080 -n 3000 -c 16 -duration 30s \
//	    -body testdata/to-trinh-khen-thuong.json
//
// The run stops after -n requests or -duration, whichever comes first.
package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

type headerList []string

func (h *headerList) String() string     { return strings.Join(*h, ", ") }
func (h *headerList) Set(v string) error { *h = append(*h, v); return nil }

type options struct {
	url      string
	path     string
	method   string
	body     string
	n        int
	c        int
	duration time.Duration
	timeout  time.Duration
	headers  headerList
}

func main() {
	var o options
	flag.StringVar(&o.url, "url", "http://127.0.0.1:8080", "base URL of the service (loopback only)")
	flag.StringVar(&o.path, "path", "/v1/documents?format=pdf", "path and query to request, when -url has no path")
	flag.StringVar(&o.method, "method", "POST", "HTTP method")
	flag.StringVar(&o.body, "body", "testdata/to-trinh-khen-thuong.json", "file sent as the JSON body (empty: no body)")
	flag.IntVar(&o.n, "n", 3000, "maximum number of requests")
	flag.IntVar(&o.c, "c", 16, "concurrent connections")
	flag.DurationVar(&o.duration, "duration", 30*time.Second, "maximum duration")
	flag.DurationVar(&o.timeout, "timeout", 30*time.Second, "timeout of one request")
	flag.Var(&o.headers, "H", `extra header "Name: value" (repeatable), e.g. -H "X-API-Key: …"`)
	flag.Parse()
	if err := run(context.Background(), o, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(1)
	}
}

// target checks the URL: http(s) on a loopback host only, so the tool can
// never be pointed at somebody else's server.
func target(base, path string) (*url.URL, error) {
	u, err := url.Parse(base)
	if err != nil {
		return nil, err
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("URL %q: scheme must be http or https", base)
	}
	host := u.Hostname()
	ip := net.ParseIP(host)
	if !strings.EqualFold(host, "localhost") && (ip == nil || !ip.IsLoopback()) {
		return nil, fmt.Errorf("refusing %q: the load test only targets loopback (127.0.0.1, ::1, localhost)", host)
	}
	if u.Path == "" || u.Path == "/" {
		p, err := url.Parse(path)
		if err != nil {
			return nil, err
		}
		u = u.ResolveReference(p)
	}
	return u, nil
}

// result is one request's outcome.
type result struct {
	latency time.Duration
	status  int // 0: transport error
	bytes   int64
}

// report summarises a run.
type report struct {
	requests int
	elapsed  time.Duration
	statuses map[int]int
	errors   map[string]int
	p50, p90 time.Duration
	p99, max time.Duration
	bytes    int64
	peakRSS  float64 // bytes, from /metrics; 0 when unknown
	firstBad string
}

func run(ctx context.Context, o options, out io.Writer) error {
	if o.n < 1 || o.c < 1 || o.duration <= 0 {
		return errors.New("-n, -c and -duration must be positive")
	}
	u, err := target(o.url, o.path)
	if err != nil {
		return err
	}
	var body []byte
	if o.body != "" {
		if body, err = os.ReadFile(o.body); err != nil {
			return err
		}
	}
	hdr := http.Header{}
	if len(body) > 0 {
		hdr.Set("Content-Type", "application/json")
	}
	for _, h := range o.headers {
		k, v, ok := strings.Cut(h, ":")
		if !ok {
			return fmt.Errorf("header %q: want \"Name: value\"", h)
		}
		hdr.Add(strings.TrimSpace(k), strings.TrimSpace(v))
	}
	rep, err := fire(ctx, o, u, hdr, body)
	if err != nil {
		return err
	}
	printReport(out, o, u, rep)
	return nil
}

func fire(ctx context.Context, o options, u *url.URL, hdr http.Header, body []byte) (report, error) {
	tr := &http.Transport{MaxIdleConns: o.c, MaxIdleConnsPerHost: o.c, MaxConnsPerHost: o.c, IdleConnTimeout: 30 * time.Second}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: o.timeout}
	ctx, cancel := context.WithTimeout(ctx, o.duration)
	defer cancel()

	// Sample the service's resident memory while the load runs.
	metricsURL := *u
	metricsURL.Path, metricsURL.RawQuery = "/metrics", ""
	var peak atomic.Uint64
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		t := time.NewTicker(200 * time.Millisecond)
		defer t.Stop()
		for {
			if v, ok := scrapeRSS(client, metricsURL.String(), hdr); ok && uint64(v) > peak.Load() {
				peak.Store(uint64(v))
			}
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	}()

	var next atomic.Int64
	results := make([][]result, o.c)
	var firstBad atomic.Value
	var wg sync.WaitGroup
	start := time.Now()
	for w := range o.c {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for next.Add(1) <= int64(o.n) && ctx.Err() == nil {
				r, bad := one(ctx, client, o.method, u.String(), hdr, body)
				if ctx.Err() != nil && r.status == 0 {
					return // cut by -duration: not a result
				}
				if bad != "" {
					firstBad.CompareAndSwap(nil, bad)
				}
				results[w] = append(results[w], r)
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	cancel()
	<-sampled

	rep := report{elapsed: elapsed, statuses: map[int]int{}, errors: map[string]int{}, peakRSS: float64(peak.Load())}
	var lat []time.Duration
	for _, rs := range results {
		for _, r := range rs {
			rep.requests++
			rep.bytes += r.bytes
			if r.status == 0 {
				rep.errors["transport"]++
				continue
			}
			rep.statuses[r.status]++
			lat = append(lat, r.latency)
		}
	}
	if v, ok := firstBad.Load().(string); ok {
		rep.firstBad = v
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	rep.p50, rep.p90, rep.p99 = percentile(lat, 50), percentile(lat, 90), percentile(lat, 99)
	if len(lat) > 0 {
		rep.max = lat[len(lat)-1]
	}
	return rep, nil
}

// one sends one request; bad describes the first failure for the report.
func one(ctx context.Context, client *http.Client, method, u string, hdr http.Header, body []byte) (result, string) {
	req, err := http.NewRequestWithContext(ctx, method, u, bytes.NewReader(body))
	if err != nil {
		return result{}, err.Error()
	}
	req.Header = hdr.Clone()
	start := time.Now()
	resp, err := client.Do(req)
	if err != nil {
		return result{latency: time.Since(start)}, err.Error()
	}
	var bad string
	var n int64
	if resp.StatusCode >= 300 {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 2048))
		n = int64(len(b))
		bad = fmt.Sprintf("%d %s", resp.StatusCode, b)
	}
	m, _ := io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return result{latency: time.Since(start), status: resp.StatusCode, bytes: n + m}, bad
}

// percentile is the nearest-rank percentile of sorted latencies.
func percentile(sorted []time.Duration, p int) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := (p*len(sorted) + 99) / 100 // ceil(p/100 · n)
	if rank < 1 {
		rank = 1
	}
	return sorted[rank-1]
}

// scrapeRSS reads process_resident_memory_bytes from a Prometheus endpoint.
func scrapeRSS(client *http.Client, u string, hdr http.Header) (float64, bool) {
	req, err := http.NewRequest("GET", u, nil)
	if err != nil {
		return 0, false
	}
	req.Header = hdr.Clone()
	req.Header.Del("Content-Type")
	resp, err := client.Do(req)
	if err != nil {
		return 0, false
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		return 0, false
	}
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "process_resident_memory_bytes "); ok {
			f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			return f, err == nil
		}
	}
	return 0, false
}

func printReport(w io.Writer, o options, u *url.URL, r report) {
	fmt.Fprintf(w, "target:      %s %s (body %s)\n", o.method, u, orNone(o.body))
	fmt.Fprintf(w, "load:        %d requests, %d connections, %v max\n", o.n, o.c, o.duration)
	fmt.Fprintf(w, "requests:    %d in %v\n", r.requests, r.elapsed.Round(time.Millisecond))
	if r.elapsed > 0 {
		fmt.Fprintf(w, "throughput:  %.1f requests/s, %.1f MB/s\n", float64(r.requests)/r.elapsed.Seconds(), float64(r.bytes)/r.elapsed.Seconds()/1e6)
	}
	fmt.Fprintf(w, "latency:     p50 %v  p90 %v  p99 %v  max %v\n", ms(r.p50), ms(r.p90), ms(r.p99), ms(r.max))
	var codes []int
	for c := range r.statuses {
		codes = append(codes, c)
	}
	sort.Ints(codes)
	fmt.Fprint(w, "status:     ")
	for _, c := range codes {
		fmt.Fprintf(w, " %d×%d", c, r.statuses[c])
	}
	for k, v := range r.errors {
		fmt.Fprintf(w, " %s-error×%d", k, v)
	}
	fmt.Fprintln(w)
	if r.peakRSS > 0 {
		fmt.Fprintf(w, "server RSS:  peak %.1f MiB (process_resident_memory_bytes, sampled every 200 ms)\n", r.peakRSS/(1<<20))
	}
	if r.firstBad != "" {
		fmt.Fprintf(w, "first failure: %s\n", strings.TrimSpace(r.firstBad))
	}
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1fms", float64(d.Microseconds())/1000) }

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}
