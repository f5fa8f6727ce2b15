package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/vanban/vanban/internal/sqlstore/sqltest"
)

// Two instances with different, empty data directories on one PostgreSQL
// database: a document issued on one downloads from the other byte for byte
// (issue 10 item 17).
func TestTwoInstancesShareIssuedFiles(t *testing.T) {
	base := os.Getenv(sqltest.Env)
	if base == "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not set", sqltest.Env)
		}
		t.Skipf("%s is not set", sqltest.Env)
	}
	url := sqltest.Schema(t, base)
	start := func(data string) *httptest.Server {
		c := &cli{ctx: t.Context(), stderr: io.Discard, stdout: io.Discard, getenv: func(string) string { return "" }}
		cfg, code, ok := c.serveFlags([]string{"--data", data, "--database-url", url})
		if !ok {
			t.Fatalf("flags: %d", code)
		}
		srv, closeAll, err := c.newServer(cfg, nil)
		if err != nil {
			t.Fatal(err)
		}
		ts := httptest.NewServer(srv.Handler())
		t.Cleanup(func() { ts.Close(); closeAll() })
		return ts
	}
	dirA, dirB := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	a, b := start(dirA), start(dirB)

	m := map[string]any{}
	raw, _ := os.ReadFile("../../testdata/to-trinh-khen-thuong.json")
	json.Unmarshal(raw, &m)
	delete(m, "number")
	body, _ := json.Marshal(m)
	for _, format := range []string{"pdf", "docx"} {
		res, issued := post(t, a.URL+"/v1/registry/issue?format="+format, "application/json", body)
		if res.StatusCode != 201 {
			t.Fatalf("issue on A: %d %s", res.StatusCode, issued)
		}
		id := res.Header.Get("X-Vanban-Record")
		res, again := get(t, b.URL+"/v1/registry/"+id+"/file")
		if res.StatusCode != 200 || !bytes.Equal(again, issued) {
			t.Errorf("%s issued on A, downloaded from B: %d, %d bytes vs %d", format, res.StatusCode, len(again), len(issued))
		}
		if res.Header.Get("Content-Length") == "" {
			t.Errorf("download from B without Content-Length")
		}
	}
	// Neither data directory holds a stored file.
	for _, dir := range []string{dirA, dirB} {
		filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				t.Errorf("file kept on disk: %s", p)
			}
			return nil
		})
	}
}
