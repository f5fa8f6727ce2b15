package httpapi

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/vanban/vanban/internal/registry"
)

// cutRegistry serves a stored file whose reader fails before its end, as the
// register's checked reader does when a large file fails its SHA-256.
type cutRegistry struct{ *fakeRegistry }

func (cutRegistry) OpenFile(ctx context.Context, id, name string) (registry.FileInfo, io.ReadCloser, error) {
	return registry.FileInfo{Name: "ke-hoach.pdf", ContentType: "application/pdf", Size: 1000},
		io.NopCloser(io.MultiReader(strings.NewReader(strings.Repeat("x", 600)), errReader{registry.ErrCorrupt})), nil
}

type errReader struct{ err error }

func (r errReader) Read([]byte) (int, error) { return 0, r.err }

// A download whose stored bytes fail half way reaches the client as a
// broken transfer (fewer bytes than Content-Length), never as a complete
// file, and the failure is logged (review finding 1).
func TestStoredFileFailingHalfWayIsCutShort(t *testing.T) {
	deps := allDeps()
	deps.Registry = cutRegistry{&fakeRegistry{}}
	s, logs := newTestServer(t, Config{}, deps)
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	res, err := http.Get(ts.URL + "/v1/registry/" + knownID + "/file")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	got, err := io.ReadAll(res.Body)
	if !errors.Is(err, io.ErrUnexpectedEOF) || len(got) != 600 || res.ContentLength != 1000 {
		t.Errorf("client read %d of %d bytes, %v; want a transfer cut short", len(got), res.ContentLength, err)
	}
	if !strings.Contains(logs.String(), "stored file fails its SHA-256") {
		t.Errorf("not logged: %s", logs.String())
	}
}
