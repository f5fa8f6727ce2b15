package httpapi

import (
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
)

// BenchmarkDocumentsRoute is the cost of the HTTP layer around one render:
// routing, request id, access log (JSON, discarded), metrics, body read,
// render slot and deadline, the real paperwork.Service and strict decoder
// over a fake kind, and the file response. The renderer itself is a fake.
func BenchmarkDocumentsRoute(b *testing.B) {
	h := benchServer(b).Handler()
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest("POST", "http://127.0.0.1:8080/v1/documents?format=pdf", strings.NewReader(planExample))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != 200 {
			b.Fatal(rec.Code)
		}
	}
}

func BenchmarkHealthz(b *testing.B) {
	h := benchServer(b).Handler()
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "http://127.0.0.1:8080/healthz", nil))
		if rec.Code != 200 {
			b.Fatal(rec.Code)
		}
	}
}

// benchServer is the service over the fakes, its log discarded.
func benchServer(b *testing.B) *Server {
	s, err := New(Config{Addr: "127.0.0.1:0"}, allDeps(), slog.New(slog.NewJSONHandler(discard{}, nil)))
	if err != nil {
		b.Fatal(err)
	}
	return s
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
