package blobfs

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/vanban/vanban/internal/registry"
)

func TestPutGet(t *testing.T) {
	ctx := context.Background()
	d, err := Open(filepath.Join(t.TempDir(), "blobs"))
	if err != nil {
		t.Fatal(err)
	}
	data := []byte("%PDF-1.7 Số: 05/KH-SVHTTDL")
	key, err := d.Put(ctx, data)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	if key != hex.EncodeToString(sum[:]) {
		t.Errorf("key %s is not the SHA-256 of the bytes", key)
	}
	if _, err := os.Stat(filepath.Join(d.Root(), key[:2], key)); err != nil {
		t.Errorf("not stored at <root>/%s/<key>: %v", key[:2], err)
	}
	again, err := d.Put(ctx, data)
	if err != nil || again != key {
		t.Errorf("second Put: %s %v", again, err)
	}
	got, err := readBlob(d, ctx, key)
	if err != nil || !bytes.Equal(got, data) {
		t.Errorf("Get: %q %v", got, err)
	}
	empty, err := d.Put(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := readBlob(d, ctx, empty); err != nil || len(got) != 0 {
		t.Errorf("empty blob: %q %v", got, err)
	}
	missing := hex.EncodeToString(make([]byte, 32))
	if _, err := readBlob(d, ctx, missing); !errors.Is(err, registry.ErrNotFound) {
		t.Errorf("missing key: %v", err)
	}
	for _, bad := range []string{"", "../../etc/passwd", key[:10], key[:63] + "g"} {
		if _, err := readBlob(d, ctx, bad); err == nil || errors.Is(err, registry.ErrNotFound) {
			t.Errorf("malformed key %q: %v", bad, err)
		}
	}
	// No temporary file is left behind.
	tmps, _ := filepath.Glob(filepath.Join(d.Root(), "*", ".tmp-*"))
	if len(tmps) != 0 {
		t.Errorf("temporary files left: %v", tmps)
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := d.Put(cctx, []byte("x")); err == nil {
		t.Error("Put with a cancelled context succeeded")
	}
}

// Issue 10 item 15: temporary files a SIGKILL left behind are removed when
// the store opens; a young one (another instance writing now) is kept.
func TestOpenRemovesStaleTemporaryFiles(t *testing.T) {
	root := t.TempDir()
	d, err := Open(root)
	if err != nil {
		t.Fatal(err)
	}
	key, err := d.Put(context.Background(), []byte("kept"))
	if err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(root, key[:2])
	old := filepath.Join(sub, ".tmp-123456")
	young := filepath.Join(sub, ".tmp-789")
	for _, p := range []string{old, young} {
		if err := os.WriteFile(p, []byte("half a file"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	past := time.Now().Add(-time.Hour)
	os.Chtimes(old, past, past)
	if _, err := Open(root); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Errorf("stale temporary file still there: %v", err)
	}
	if _, err := os.Stat(young); err != nil {
		t.Errorf("young temporary file removed: %v", err)
	}
	if b, err := readBlob(d, context.Background(), key); err != nil || string(b) != "kept" {
		t.Errorf("stored file: %q %v", b, err)
	}
}

// readBlob reads the whole of key through Open.
func readBlob(d *Dir, ctx context.Context, key string) ([]byte, error) {
	rc, err := d.Open(ctx, key)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}
