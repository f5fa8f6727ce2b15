package main

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/vanban/vanban/internal/sqlstore/sqltest"
)

// A stored file whose bytes no longer match the SHA-256 recorded when it was
// issued (bit rot in DATA/files, an altered chunk in PostgreSQL) is never
// delivered as a complete download: the API and the workspace answer 500
// stored_file_corrupt before sending a byte (review finding 1: it used to be
// 200 with the full Content-Length of wrong bytes).
func TestCorruptStoredFileIsNotServed(t *testing.T) {
	for _, b := range sqltest.Backends(t) {
		t.Run(b.Name, func(t *testing.T) {
			ts := startServiceOn(t, b)
			m := map[string]any{}
			raw, _ := os.ReadFile("../../testdata/to-trinh-khen-thuong.json")
			json.Unmarshal(raw, &m)
			delete(m, "number")
			body, _ := json.Marshal(m)
			res, issued := post(t, ts.URL+"/v1/registry/issue?format=pdf", "application/json", body)
			if res.StatusCode != 201 {
				t.Fatalf("issue: %d %s", res.StatusCode, issued)
			}
			id := res.Header.Get("X-Vanban-Record")
			var rec struct {
				Files []struct{ Key, SHA256 string }
			}
			if _, data := get(t, ts.URL+"/v1/registry/"+id); json.Unmarshal(data, &rec) != nil || len(rec.Files) != 1 {
				t.Fatalf("record: %s", data)
			}
			// Before: served whole.
			if res, got := get(t, ts.URL+"/v1/registry/"+id+"/file"); res.StatusCode != 200 || !bytes.Equal(got, issued) {
				t.Fatalf("intact file: %d, %d bytes", res.StatusCode, len(got))
			}
			mid := len(issued) / 2
			if b.URL == "" {
				key := rec.Files[0].Key
				path := filepath.Join(b.Dir, "files", key[:2], key)
				os.Chmod(path, 0o600)
				stored, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				stored[mid] ^= 0x01
				if err := os.WriteFile(path, stored, 0o600); err != nil {
					t.Fatal(err)
				}
			} else {
				db, err := sql.Open("pgx", b.URL)
				if err != nil {
					t.Fatal(err)
				}
				defer db.Close()
				r, err := db.Exec(`UPDATE blob_chunks SET data = set_byte(data, $2, get_byte(data, $2) # 1) WHERE sha256 = $1 AND seq = 0`,
					rec.Files[0].SHA256, mid)
				if n, _ := r.RowsAffected(); err != nil || n != 1 {
					t.Fatalf("alter chunk: %d rows, %v", n, err)
				}
			}
			for _, path := range []string{"/v1/registry/" + id + "/file", "/so-van-ban-di/" + id + "/tep"} {
				res, got := get(t, ts.URL+path)
				if res.StatusCode == 200 || bytes.Equal(got, issued) || len(got) == len(issued) {
					t.Errorf("%s of an altered file: %d, %d bytes of %d", path, res.StatusCode, len(got), len(issued))
				}
				want := []byte(`"code":"stored_file_corrupt"`)
				if path[1] == 's' {
					want = []byte("đã bị hỏng") // the workspace's page
				}
				if res.StatusCode != 500 || !bytes.Contains(got, want) {
					t.Errorf("%s: %d %.300s", path, res.StatusCode, got)
				}
			}
		})
	}
}
