package sqlstore

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/vanban/vanban/internal/registry"
)

// ChunkSize is the largest piece of a file kept in one row of blob_chunks:
// a download holds one chunk at a time, whatever the file's size.
const ChunkSize = 256 << 10

// Blobs keeps the issued files in PostgreSQL (registry.Blobs), so that
// several instances on one database serve each other's files byte for byte
// with nothing shared on disk. A file is stored once per SHA-256, cut into
// chunks of ChunkSize, and read back chunk by chunk.
type Blobs struct {
	s *Store
	// Fallback, when set, is asked for a file the database does not hold:
	// the data directory where files were kept before they moved into
	// PostgreSQL.
	Fallback registry.Blobs
}

var _ registry.Blobs = Blobs{}

// Blobs returns the file store of a PostgreSQL database; SQLite keeps its
// files in the data directory (blobfs) and has none.
func (s *Store) Blobs() (Blobs, error) {
	if s.backend != Postgres {
		return Blobs{}, errors.New("sqlstore: files are kept in the database only with PostgreSQL")
	}
	return Blobs{s: s}, nil
}

// Put implements registry.Blobs: the blob row and its chunks are committed
// together. Bytes already stored are not written again; when another
// instance is storing the same bytes, the insert waits for its commit.
func (b Blobs) Put(ctx context.Context, data []byte) (string, error) {
	sum := sha256.Sum256(data)
	key := hex.EncodeToString(sum[:])
	chunks := (len(data) + ChunkSize - 1) / ChunkSize
	// Inside Allocate (a file rendered with its number), the blob joins the
	// record's transaction: it commits with the record or not at all, and
	// takes no second connection while the first holds the series (a pool
	// full of issues waiting on one series would otherwise wait forever).
	if h, ok := ctx.Value(txKey{}).(*txHold); ok && h.store == b.s {
		h.mu.Lock()
		defer h.mu.Unlock()
		return key, putChunks(ctx, h.tx, key, data, chunks)
	}
	tx, err := b.s.db.BeginTx(ctx, nil)
	if err != nil {
		return "", fault(fmt.Errorf("sqlstore: blob %s: %w", key, err))
	}
	defer tx.Rollback()
	if err := putChunks(ctx, tx, key, data, chunks); err != nil {
		return "", err
	}
	if err := tx.Commit(); err != nil {
		return "", fault(fmt.Errorf("sqlstore: blob %s: %w", key, err))
	}
	return key, nil
}

// txKey marks a context carrying the transaction of an Allocate (txHold).
type txKey struct{}

// txHold is an Allocate's transaction, shared by the files stored while it
// runs; mu serialises their statements.
type txHold struct {
	store *Store
	tx    *sql.Tx
	mu    sync.Mutex
}

// putChunks writes the blob row and its chunks in tx, unless the bytes are
// stored already.
func putChunks(ctx context.Context, tx *sql.Tx, key string, data []byte, chunks int) error {
	res, err := tx.ExecContext(ctx, `INSERT INTO blobs (sha256, size, chunks) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
		key, len(data), chunks)
	if err != nil {
		return fault(fmt.Errorf("sqlstore: blob %s: %w", key, err))
	}
	if n, err := res.RowsAffected(); err != nil {
		return fault(fmt.Errorf("sqlstore: blob %s: %w", key, err))
	} else if n == 0 {
		return nil // stored already
	}
	for i := 0; i < chunks; i++ {
		part := data[i*ChunkSize : min((i+1)*ChunkSize, len(data))]
		if _, err := tx.ExecContext(ctx, `INSERT INTO blob_chunks (sha256, seq, data) VALUES ($1, $2, $3)`, key, i, part); err != nil {
			return fault(fmt.Errorf("sqlstore: blob %s chunk %d: %w", key, i, err))
		}
	}
	return nil
}

// Open implements registry.Blobs: the reader fetches one chunk at a time.
func (b Blobs) Open(ctx context.Context, key string) (io.ReadCloser, error) {
	var size int64
	var chunks int
	err := b.s.db.QueryRowContext(ctx, `SELECT size, chunks FROM blobs WHERE sha256 = $1`, key).Scan(&size, &chunks)
	if errors.Is(err, sql.ErrNoRows) {
		if b.Fallback != nil {
			return b.Fallback.Open(ctx, key)
		}
		return nil, fmt.Errorf("sqlstore: blob %s: %w", key, registry.ErrNotFound)
	}
	if err != nil {
		return nil, fault(fmt.Errorf("sqlstore: blob %s: %w", key, err))
	}
	return &chunkReader{ctx: ctx, db: b.s.db, key: key, chunks: chunks}, nil
}

// chunkReader reads a blob's chunks in order, one query each.
type chunkReader struct {
	ctx    context.Context
	db     *sql.DB
	key    string
	chunks int
	next   int
	buf    []byte
}

func (r *chunkReader) Read(p []byte) (int, error) {
	for len(r.buf) == 0 {
		if r.next >= r.chunks {
			return 0, io.EOF
		}
		var data []byte
		err := r.db.QueryRowContext(r.ctx, `SELECT data FROM blob_chunks WHERE sha256 = $1 AND seq = $2`, r.key, r.next).Scan(&data)
		if errors.Is(err, sql.ErrNoRows) {
			return 0, fmt.Errorf("sqlstore: blob %s lacks chunk %d: %w", r.key, r.next, registry.ErrCorrupt)
		}
		if err != nil {
			return 0, fault(fmt.Errorf("sqlstore: blob %s chunk %d: %w", r.key, r.next, err))
		}
		r.buf = data
		r.next++
	}
	n := copy(p, r.buf)
	r.buf = r.buf[n:]
	return n, nil
}

func (r *chunkReader) Close() error {
	r.buf, r.next = nil, r.chunks
	return nil
}
