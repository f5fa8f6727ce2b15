package sqlstore_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vanban/vanban/internal/nd30"
	"github.com/vanban/vanban/internal/registry"
	"github.com/vanban/vanban/internal/registry/blobfs"
	"github.com/vanban/vanban/internal/sqlstore"
	"github.com/vanban/vanban/internal/sqlstore/sqltest"
)

// backend opens stores on one database. open may be called several times to
// get several independent stores (separate pools = separate "instances").
type backend struct {
	name string
	// dir is the data directory (SQLite database, blobs).
	dir string
	// url is the PostgreSQL URL ("" for SQLite).
	url string
}

func (b backend) open(t testing.TB) *sqlstore.Store {
	t.Helper()
	s, err := sqlstore.Open(context.Background(), b.dir, b.url)
	if err != nil {
		t.Fatalf("open %s: %v", b.name, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// pgEnv names the PostgreSQL URL of the tests.
const pgEnv = sqltest.Env

// backends returns a fresh SQLite database in a temporary directory and,
// when VANBAN_TEST_DATABASE_URL is set, a fresh schema of that PostgreSQL
// database (sqltest.Backends: skipped without the variable, unless CI=true,
// where it fails).
func backends(t *testing.T) []backend {
	t.Helper()
	var bs []backend
	for _, b := range sqltest.Backends(t) {
		name := sqlstore.SQLite
		if b.URL != "" {
			name = sqlstore.Postgres
		}
		bs = append(bs, backend{name: name, dir: b.Dir, url: b.URL})
	}
	return bs
}

// pgBackend is the PostgreSQL backend alone (ok false when not configured
// outside CI).
func pgBackend(t *testing.T) (backend, bool) {
	t.Helper()
	for _, b := range backends(t) {
		if b.url != "" {
			return b, true
		}
	}
	return backend{}, false
}

// pgSchema is sqltest.Schema: a schema of the test's own, dropped at the end.
func pgSchema(t testing.TB, base string) string { return sqltest.Schema(t, base) }

// clock is a settable test clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	c.t = t
	c.mu.Unlock()
}

// vn is a wall-clock time in Vietnam.
func vn(y, m, d, hh, mm int) time.Time {
	return time.Date(y, time.Month(m), d, hh, mm, 0, 0, registry.Vietnam)
}

func newService(t testing.TB, st *sqlstore.Store, dir string, cfg registry.Config) *registry.Service {
	t.Helper()
	blobs, err := blobfs.Open(filepath.Join(dir, "blobs"))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Agency == "" {
		cfg.Agency = "SVHTTDL"
	}
	if cfg.Now == nil {
		c := &clock{t: vn(2026, 3, 10, 9, 0)}
		cfg.Now = c.Now
	}
	svc, err := registry.New(st, blobs, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return svc
}

func plan(summary string) registry.IssueRequest {
	return registry.IssueRequest{
		Kind: "KH", KindName: "Kế hoạch", Symbol: "KH-SVHTTDL",
		Summary: summary, Signer: "Nguyễn Văn An",
		Recipients: []string{"UBND tỉnh (b/c)", "Các phòng, đơn vị thuộc Sở"},
		Archive:    "VT, TĐKT", Copies: 12,
	}
}

// fakeRender makes a small PDF-like file that carries its number and date,
// so a test can tell that the file was rendered with the number it got.
func fakeRender(size int) registry.RenderFunc {
	return func(ctx context.Context, number string, date nd30.Date) ([]registry.File, error) {
		head := fmt.Sprintf("%%PDF-1.7 fake\nSố: %s/KH-SVHTTDL\nngày %s\n", number, date)
		body := head + strings.Repeat("x", max(0, size-len(head)))
		return []registry.File{{Name: "ke-hoach.pdf", ContentType: "application/pdf", Data: []byte(body)}}, nil
	}
}

// allRecords lists every record of the agency.
func allRecords(t testing.TB, svc *registry.Service, agency string) []registry.Record {
	t.Helper()
	var out []registry.Record
	for {
		p, err := svc.List(context.Background(), registry.Query{Agency: agency, Limit: registry.MaxLimit, Offset: len(out)})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, p.Records...)
		if len(p.Records) < registry.MaxLimit {
			return out
		}
	}
}

// checkSequence fails unless the numbers of recs are exactly 1..n, each once.
func checkSequence(t testing.TB, recs []registry.Record, n int) {
	t.Helper()
	seen := make(map[int]bool, len(recs))
	for _, r := range recs {
		if seen[r.Number] {
			t.Errorf("number %d given twice", r.Number)
		}
		seen[r.Number] = true
	}
	if len(recs) != n {
		t.Errorf("%d records, want %d", len(recs), n)
	}
	for i := 1; i <= n; i++ {
		if !seen[i] {
			t.Errorf("number %d missing (gap)", i)
		}
	}
}
