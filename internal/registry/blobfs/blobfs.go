// Package blobfs keeps the files of issued documents in the data directory,
// addressed by their SHA-256, so that an issued document can be downloaded
// again byte for byte. It implements registry.Blobs.
package blobfs

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/vanban/vanban/internal/registry"
)

// Dir is a content-addressed store under a directory: the bytes with digest
// abcd… live in <root>/ab/abcd….
type Dir struct {
	root string
}

var _ registry.Blobs = (*Dir)(nil)

// Open returns the store rooted at dir, creating it, and removes the
// temporary files a killed process left behind (see RemoveStale).
func Open(dir string) (*Dir, error) {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("blobfs: %w", err)
	}
	d := &Dir{root: dir}
	d.RemoveStale(time.Now().Add(-StaleAfter))
	return d, nil
}

// StaleAfter is the age past which a temporary file is abandoned: Put
// renames its file within moments, so an older one was left by a process
// killed mid-write (SIGKILL, power loss). Younger ones may belong to
// another instance sharing the directory and are kept.
const StaleAfter = 15 * time.Minute

// RemoveStale removes the temporary files (".tmp-*") last modified before
// cutoff and reports how many it removed.
func (d *Dir) RemoveStale(cutoff time.Time) int {
	n := 0
	subs, _ := os.ReadDir(d.root)
	for _, sub := range subs {
		if !sub.IsDir() {
			continue
		}
		dir := filepath.Join(d.root, sub.Name())
		ents, _ := os.ReadDir(dir)
		for _, e := range ents {
			if !strings.HasPrefix(e.Name(), ".tmp-") {
				continue
			}
			if fi, err := e.Info(); err == nil && fi.ModTime().Before(cutoff) && os.Remove(filepath.Join(dir, e.Name())) == nil {
				n++
			}
		}
	}
	return n
}

// Root is the directory of the store.
func (d *Dir) Root() string { return d.root }

func (d *Dir) path(key string) (string, error) {
	if len(key) != 64 {
		return "", fmt.Errorf("blobfs: malformed key %q", key)
	}
	if _, err := hex.DecodeString(key); err != nil {
		return "", fmt.Errorf("blobfs: malformed key %q", key)
	}
	return filepath.Join(d.root, key[:2], key), nil
}

// Put writes data to a temporary file, syncs it, renames it into place and
// syncs the directory, so that the file is durable when Put returns. Bytes
// already stored are not written again.
func (d *Dir) Put(ctx context.Context, data []byte) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	sum := sha256.Sum256(data)
	key := hex.EncodeToString(sum[:])
	p, _ := d.path(key)
	if fi, err := os.Stat(p); err == nil && fi.Size() == int64(len(data)) {
		return key, nil
	}
	dir := filepath.Dir(p)
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return "", fmt.Errorf("blobfs: %w", err)
	}
	tmp, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return "", fmt.Errorf("blobfs: %w", err)
	}
	defer os.Remove(tmp.Name()) // no-op once renamed
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return "", fmt.Errorf("blobfs: write %s: %w", key, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return "", fmt.Errorf("blobfs: sync %s: %w", key, err)
	}
	if err := tmp.Close(); err != nil {
		return "", fmt.Errorf("blobfs: close %s: %w", key, err)
	}
	if err := os.Rename(tmp.Name(), p); err != nil {
		return "", fmt.Errorf("blobfs: rename %s: %w", key, err)
	}
	if err := syncDir(dir); err != nil {
		return "", fmt.Errorf("blobfs: sync directory: %w", err)
	}
	return key, nil
}

func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// Open streams the bytes under key from their file, or fails with
// registry.ErrNotFound.
func (d *Dir) Open(ctx context.Context, key string) (io.ReadCloser, error) {
	p, err := d.path(key)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("blobfs: %s: %w", key, registry.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("blobfs: %w", err)
	}
	return f, nil
}
