package httpapi

import (
	"io"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// Issue 10 item 11: on the default set-up (no key, loopback) a page of
// another site cannot write through the user's browser: text/plain and form
// bodies are refused, a foreign Origin is refused, and a foreign Host (DNS
// rebinding) is refused on every route.
func TestCrossSiteWritesRefused(t *testing.T) {
	s, _ := newTestServer(t, Config{}, allDeps())
	h := s.Handler()
	if !s.WritesOpen() {
		t.Fatal("default set-up must have open writes on loopback")
	}
	for _, ct := range []string{"text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"} {
		problemOf(t, doJSON(t, h, "POST", "/v1/registry/register", `{"kind":"QĐ"}`, hdr{"Content-Type": ct}), 415, codeMediaType)
		problemOf(t, doJSON(t, h, "POST", "/v1/documents", planExample, hdr{"Content-Type": ct}), 415, codeMediaType)
	}
	problemOf(t, do(t, h, "POST", "/v1/registry/register", strings.NewReader(`{}`), nil), 415, codeMediaType)
	problemOf(t, doJSON(t, h, "POST", "/v1/registry/register", `{}`, hdr{"Origin": "https://evil.example"}), 403, "cross_origin")
	problemOf(t, doJSON(t, h, "POST", "/v1/certificates", `{}`, hdr{"Origin": "null"}), 403, "cross_origin")
	// The same origin (the service's own page) passes the check.
	if rec := doJSON(t, h, "POST", "/v1/documents", planExample, hdr{"Origin": "http://127.0.0.1:8080"}); rec.Code != 200 {
		t.Errorf("same origin: %d %s", rec.Code, rec.Body.String())
	}
	for _, host := range []string{"evil.example", "evil.example:8080", "10.0.0.5:8080"} {
		for _, target := range []string{"/v1/registry", "/healthz", "/v1/registry/register"} {
			req := httptest.NewRequest("GET", target, nil)
			req.Host = host
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			problemOf(t, rec, 403, "host_not_allowed")
		}
	}
	for _, host := range []string{"localhost:8080", "127.0.0.1", "[::1]:8080", "LOCALHOST"} {
		req := httptest.NewRequest("GET", "/healthz", nil)
		req.Host = host
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != 200 {
			t.Errorf("host %s: %d", host, rec.Code)
		}
	}
	// With keys, any Host is served (a reverse proxy names the site).
	ks, _ := newTestServer(t, Config{APIKeyHashes: []string{HashAPIKey("k")}}, allDeps())
	req := httptest.NewRequest("GET", "/healthz", nil)
	req.Host = "vanban.so-vhttdl.gov.vn"
	rec := httptest.NewRecorder()
	ks.Handler().ServeHTTP(rec, req)
	if rec.Code != 200 {
		t.Errorf("keyed server, public host: %d", rec.Code)
	}
}

// Issue 10 item 11: import needs a key whenever keys are configured.
func TestImportNeedsKeyWhenKeysExist(t *testing.T) {
	s, _ := newTestServer(t, Config{APIKeyHashes: []string{HashAPIKey("k")}}, allDeps())
	body, ct := multipartBody(t, "file", "ds.csv", []byte("Họ và tên\nA\n"))
	problemOf(t, do(t, s.Handler(), "POST", "/v1/nominations/import", body, hdr{"Content-Type": ct}), 401, "api_key_required")
	body, ct = multipartBody(t, "file", "ds.csv", []byte("Họ và tên\nA\n"))
	if rec := do(t, s.Handler(), "POST", "/v1/nominations/import", body, hdr{"Content-Type": ct, "X-API-Key": "k"}); rec.Code != 200 {
		t.Errorf("with key: %d %s", rec.Code, rec.Body.String())
	}
}

// Issue 10 item 3: the import metric is labelled from a fixed set, never
// with the uploaded file's extension.
func TestMetricLabelsFixed(t *testing.T) {
	s, _ := newTestServer(t, Config{}, allDeps())
	h := s.Handler()
	for _, name := range []string{"a.xlsx", "a.CSV", "a.evil-label-1", "a.evil-label-2", "noext"} {
		body, ct := multipartBody(t, "file", name, []byte("Họ và tên\nA\n"))
		do(t, h, "POST", "/v1/nominations/import", body, hdr{"Content-Type": ct})
	}
	m := do(t, h, "GET", "/metrics", nil, nil).Body.String()
	if strings.Contains(m, "evil-label") {
		t.Error("a label came from the uploaded file's name")
	}
	for _, want := range []string{`format="xlsx"`, `format="csv"`, `format="other"`, "vanban_request_bytes_in_flight"} {
		if !strings.Contains(m, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

// Issue 10 item 2: request bodies are counted before they are read; past
// the budget a request gets 503 with Retry-After and none of its body is
// read.
func TestBytesInFlightBounded(t *testing.T) {
	docs := newBlockingDocs()
	s, _ := newTestServer(t, Config{MaxRenders: 16, MaxBodyBytes: 4 << 10, MaxBytesInFlight: 8 << 10,
		QueueWait: 100 * time.Millisecond, RetryAfter: 2 * time.Second}, Deps{Documents: docs})
	h := s.Handler()
	body := planExample + strings.Repeat(" ", 3<<10-len(planExample))
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			doJSON(t, h, "POST", "/v1/documents", body, nil)
		}()
	}
	<-docs.started
	<-docs.started
	if got := s.bytesInFlight.Load(); got != int64(2*len(body)) {
		t.Errorf("bytes in flight %d, want %d", got, 2*len(body))
	}
	cr := &countingReader{left: int64(len(body))}
	req := httptest.NewRequest("POST", "/v1/documents", cr)
	req.Host = "127.0.0.1"
	req.Header.Set("Content-Type", "application/json")
	req.ContentLength = int64(len(body))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	problemOf(t, rec, 503, "busy")
	if rec.Header().Get("Retry-After") != "2" || cr.read != 0 {
		t.Errorf("Retry-After %q, %d bytes read", rec.Header().Get("Retry-After"), cr.read)
	}
	// A chunked body reserves the whole limit: also refused now.
	req = httptest.NewRequest("POST", "/v1/documents", io.MultiReader(strings.NewReader("{}")))
	req.Host = "127.0.0.1"
	req.Header.Set("Content-Type", "application/json")
	req.ContentLength = -1
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	problemOf(t, rec, 503, "busy")
	close(docs.release)
	wg.Wait()
	if got := s.bytesInFlight.Load(); got != 0 {
		t.Errorf("bytes in flight after the answers: %d", got)
	}
	if rec := doJSON(t, h, "POST", "/v1/documents", body, nil); rec.Code != 200 {
		t.Errorf("after release: %d %s", rec.Code, rec.Body.String())
	}
}

// Issue 10 item 10: a duplicate key and a UTF-16 byte order mark are named.
func TestDuplicateKeyAndBOMNamed(t *testing.T) {
	s, _ := newTestServer(t, Config{}, allDeps())
	h := s.Handler()
	p := problemOf(t, doJSON(t, h, "POST", "/v1/registry/00000000-0000-4000-8000-000000000001/cancel", `{"reason":"a","reason":"b"}`, nil), 400, "duplicate_key")
	if len(p.Errors) != 1 || p.Errors[0].Field != "reason" {
		t.Errorf("errors %+v", p.Errors)
	}
	p = problemOf(t, doJSON(t, h, "POST", "/v1/registry/00000000-0000-4000-8000-000000000001/cancel", "\xff\xfe{\x00}\x00", nil), 400, "byte_order_mark")
	if !strings.Contains(p.Detail, "UTF-16") {
		t.Errorf("detail %q", p.Detail)
	}
}
