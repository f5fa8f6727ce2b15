package sqlstore_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vanban/vanban/internal/nd30"
	"github.com/vanban/vanban/internal/registry"
	"github.com/vanban/vanban/internal/registry/blobfs"
	"github.com/vanban/vanban/internal/sqlstore"
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

const pgEnv = "VANBAN_TEST_DATABASE_URL"

// backends returns a fresh SQLite database in a temporary directory and,
// when VANBAN_TEST_DATABASE_URL is set, a fresh schema of that PostgreSQL
// database. Without the variable the PostgreSQL case is skipped, unless
// CI=true, where it fails.
func backends(t *testing.T) []backend {
	t.Helper()
	bs := []backend{{name: sqlstore.SQLite, dir: t.TempDir()}}
	if pg, ok := pgBackend(t); ok {
		bs = append(bs, pg)
	}
	return bs
}

func pgBackend(t testing.TB) (backend, bool) {
	t.Helper()
	base := os.Getenv(pgEnv)
	if base == "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not set: the PostgreSQL tests must run in CI", pgEnv)
		}
		t.Logf("PostgreSQL case skipped: %s is not set", pgEnv)
		return backend{}, false
	}
	return backend{name: sqlstore.Postgres, dir: t.TempDir(), url: pgSchema(t, base)}, true
}

// pgSchema creates a schema of its own for the test and returns a URL whose
// connections use it; the schema is dropped at the end.
func pgSchema(t testing.TB, base string) string {
	t.Helper()
	var b [6]byte
	rand.Read(b[:])
	schema := "vanban_test_" + hex.EncodeToString(b[:])
	db, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE SCHEMA ` + schema); err != nil {
		t.Fatalf("create schema (is PostgreSQL at %s running?): %v", base, err)
	}
	t.Cleanup(func() {
		db, err := sql.Open("pgx", base)
		if err != nil {
			return
		}
		defer db.Close()
		db.Exec(`DROP SCHEMA ` + schema + ` CASCADE`)
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

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
