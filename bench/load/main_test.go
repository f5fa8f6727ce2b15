package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestTargetLoopbackOnly(t *testing.T) {
	ok := map[string]string{
		"http://127.0.0.1:8080":             "http://127.0.0.1:8080/v1/documents?format=pdf",
		"http://localhost:8080/":            "http://localhost:8080/v1/documents?format=pdf",
		"http://[::1]:8080":                 "http://[::1]:8080/v1/documents?format=pdf",
		"http://127.0.0.2:9/v1/kinds":       "http://127.0.0.2:9/v1/kinds",
		"https://127.0.0.1/v1/certificates": "https://127.0.0.1/v1/certificates",
	}
	for in, want := range ok {
		u, err := target(in, "/v1/documents?format=pdf")
		if err != nil || u.String() != want {
			t.Errorf("target(%q) = %v, %v; want %s", in, u, err, want)
		}
	}
	for _, in := range []string{"http://10.0.0.1:8080", "http://example.com", "http://0.0.0.0:8080", "ftp://127.0.0.1", "http://127.0.0.1.nip.io", "http://[::]:80"} {
		if _, err := target(in, "/"); err == nil {
			t.Errorf("target(%q) accepted", in)
		}
	}
}

func TestPercentile(t *testing.T) {
	var lat []time.Duration
	for i := 1; i <= 100; i++ {
		lat = append(lat, time.Duration(i)*time.Millisecond)
	}
	for p, want := range map[int]time.Duration{50: 50 * time.Millisecond, 90: 90 * time.Millisecond, 99: 99 * time.Millisecond, 100: 100 * time.Millisecond} {
		if got := percentile(lat, p); got != want {
			t.Errorf("p%d = %v, want %v", p, got, want)
		}
	}
	if percentile([]time.Duration{7}, 99) != 7 || percentile(nil, 50) != 0 {
		t.Error("edge cases")
	}
}

func TestRunAgainstLoopbackServer(t *testing.T) {
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/metrics" {
			io.WriteString(w, "# HELP x\nprocess_resident_memory_bytes 4.194304e+07\n")
			return
		}
		b, _ := io.ReadAll(r.Body)
		if r.Header.Get("X-API-Key") != "k" || string(b) != `{"kind":"ke-hoach"}` {
			w.WriteHeader(400)
			return
		}
		if hits.Add(1)%10 == 0 {
			w.WriteHeader(503)
			return
		}
		w.Write([]byte("%PDF"))
	}))
	defer srv.Close()
	body := filepath.Join(t.TempDir(), "b.json")
	os.WriteFile(body, []byte(`{"kind":"ke-hoach"}`), 0o644)
	var out bytes.Buffer
	o := options{url: srv.URL, path: "/v1/documents?format=pdf", method: "POST", body: body, n: 100, c: 4,
		duration: 10 * time.Second, timeout: 5 * time.Second, headers: headerList{"X-API-Key: k"}}
	if err := run(context.Background(), o, &out); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	for _, want := range []string{"requests:    100 in", " 200×90 503×10", "p50 ", "p99 ", "requests/s", "peak 40.0 MiB", "first failure: 503"} {
		if !strings.Contains(s, want) {
			t.Errorf("report lacks %q:\n%s", want, s)
		}
	}
	if hits.Load() != 100 {
		t.Errorf("%d requests reached the server, want exactly 100", hits.Load())
	}
}
