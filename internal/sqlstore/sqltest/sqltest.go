// Package sqltest gives tests outside sqlstore the databases the store runs
// on: a fresh SQLite data directory, and a fresh PostgreSQL schema when
// VANBAN_TEST_DATABASE_URL is set (required when CI=true).
package sqltest

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	_ "github.com/vanban/vanban/internal/sqlstore" // registers the drivers
)

// Env names the PostgreSQL URL of the tests.
const Env = "VANBAN_TEST_DATABASE_URL"

// Backend is one database to run a test on: Dir is a data directory, URL
// the PostgreSQL URL ("" for SQLite in Dir).
type Backend struct {
	Name string
	Dir  string
	URL  string
}

// Backends returns SQLite and, when configured, PostgreSQL.
func Backends(t testing.TB) []Backend {
	t.Helper()
	bs := []Backend{{Name: "sqlite", Dir: t.TempDir()}}
	base := os.Getenv(Env)
	if base == "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not set: the PostgreSQL tests must run in CI", Env)
		}
		t.Logf("PostgreSQL case skipped: %s is not set", Env)
		return bs
	}
	return append(bs, Backend{Name: "postgres", Dir: t.TempDir(), URL: Schema(t, base)})
}

// Schema creates a schema of its own for the test and returns a URL whose
// connections use it; the schema is dropped at the end.
func Schema(t testing.TB, base string) string {
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
