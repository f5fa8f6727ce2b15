// Package sqlstore keeps the sổ đăng ký văn bản đi (registry.Store) in an
// SQL database: embedded SQLite (modernc.org/sqlite, pure Go) in the data
// directory by default, so that vanban needs nothing else; PostgreSQL
// (github.com/jackc/pgx/v5) for agencies that run several instances behind a
// load balancer.
//
// Numbers come from a counters table, one row per agency, series and year.
// Allocate holds that row for the whole transaction — BEGIN IMMEDIATE on
// SQLite (the database write lock), SELECT … FOR UPDATE on PostgreSQL (a row
// lock, so different series do not wait for each other) — so two issues
// never see the same number, and a failed render rolls the counter back.
package sqlstore

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/vanban/vanban/internal/registry"
)

// FileName is the SQLite database in the data directory.
const FileName = "vanban.db"

// Backend names.
const (
	SQLite   = "sqlite"
	Postgres = "postgres"
)

//go:embed migrations
var migrations embed.FS

// Store is a registry.Store on SQLite or PostgreSQL. It is safe for
// concurrent use, also by several processes on one database.
type Store struct {
	db      *sql.DB
	backend string
	// writes serialises this process's write transactions on SQLite, whose
	// single writer lock would otherwise be fought over with the busy
	// handler's sleeps; other processes still wait on busy_timeout.
	writes sync.Mutex
}

var _ registry.Store = (*Store)(nil)

// Open opens the store: PostgreSQL when databaseURL is set (postgres://…),
// else SQLite in dataDir/vanban.db (dataDir is created). Migrations are
// applied before Open returns; several processes may Open at once.
func Open(ctx context.Context, dataDir, databaseURL string) (*Store, error) {
	var s *Store
	if databaseURL != "" {
		db, err := sql.Open("pgx", databaseURL)
		if err != nil {
			return nil, fmt.Errorf("sqlstore: open postgres: %w", err)
		}
		db.SetMaxOpenConns(16)
		db.SetMaxIdleConns(16)
		s = &Store{db: db, backend: Postgres}
	} else {
		if dataDir == "" {
			return nil, errors.New("sqlstore: no data directory and no database URL")
		}
		if err := os.MkdirAll(dataDir, 0o750); err != nil {
			return nil, fmt.Errorf("sqlstore: %w", err)
		}
		db, err := sql.Open("sqlite", sqliteDSN(filepath.Join(dataDir, FileName)))
		if err != nil {
			return nil, fmt.Errorf("sqlstore: open sqlite: %w", err)
		}
		db.SetMaxOpenConns(8)
		db.SetMaxIdleConns(8)
		s = &Store{db: db, backend: SQLite}
	}
	if err := s.connect(ctx); err != nil {
		s.db.Close()
		return nil, fmt.Errorf("sqlstore: connect %s: %w", s.backend, err)
	}
	if err := s.migrate(ctx); err != nil {
		s.db.Close()
		return nil, err
	}
	if err := s.moveEmblems(ctx); err != nil {
		s.db.Close()
		return nil, err
	}
	return s, nil
}

// connect makes the first connection. SQLite may answer SQLITE_BUSY at once,
// without waiting on busy_timeout, while several processes open a new file and
// each switches it to WAL (the switch needs the file to itself): that case is
// tried again for up to 10 s; any other error is returned as it is.
func (s *Store) connect(ctx context.Context) error {
	deadline := time.Now().Add(10 * time.Second)
	for wait := 5 * time.Millisecond; ; wait = min(2*wait, 200*time.Millisecond) {
		err := s.db.PingContext(ctx)
		var se *sqlite.Error
		busy := errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_BUSY
		if err == nil || !busy || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(wait):
		}
	}
}

// sqliteDSN: WAL so readers never wait for the writer; a generous busy
// timeout for the other process's writer; foreign keys on; synchronous=FULL
// so that a committed number survives a power cut (a number given twice
// would be worse than a slower commit); BEGIN IMMEDIATE for every
// transaction, which takes the write lock up front.
func sqliteDSN(path string) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(30000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(FULL)")
	q.Set("_txlock", "immediate")
	return "file:" + path + "?" + q.Encode()
}

// Backend is SQLite or Postgres.
func (s *Store) Backend() string { return s.backend }

// DB is the underlying database, for tests and diagnostics.
func (s *Store) DB() *sql.DB { return s.db }

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

func (s *Store) lockWrites() func() {
	if s.backend != SQLite {
		return func() {}
	}
	s.writes.Lock()
	return s.writes.Unlock
}

// migrationLockKey is the PostgreSQL advisory lock taken while migrating.
const migrationLockKey = 0x76616e62616e // "vanban"

// migrate applies the embedded migrations not yet recorded in
// schema_version, in order, each with its version row, in one transaction
// that excludes any other process migrating the same database (SQLite: the
// write lock of BEGIN IMMEDIATE; PostgreSQL: an advisory lock).
func (s *Store) migrate(ctx context.Context) error {
	dir := "migrations/" + s.backend
	entries, err := fs.ReadDir(migrations, dir)
	if err != nil {
		return fmt.Errorf("sqlstore: migrations: %w", err)
	}
	type migration struct {
		version int
		name    string
	}
	var all []migration
	for _, e := range entries {
		v, err := strconv.Atoi(strings.SplitN(e.Name(), "_", 2)[0])
		if err != nil || !strings.HasSuffix(e.Name(), ".sql") {
			return fmt.Errorf("sqlstore: bad migration name %q", e.Name())
		}
		all = append(all, migration{v, e.Name()})
	}
	sort.Slice(all, func(i, j int) bool { return all[i].version < all[j].version })

	defer s.lockWrites()()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlstore: migrate: %w", err)
	}
	defer tx.Rollback()
	if s.backend == Postgres {
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(migrationLockKey)); err != nil {
			return fmt.Errorf("sqlstore: migrate: lock: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (
		version INTEGER PRIMARY KEY,
		name TEXT NOT NULL
	)`); err != nil {
		return fmt.Errorf("sqlstore: migrate: %w", err)
	}
	// Every migration not recorded is applied, not only those above the
	// highest: numbers are reserved per piece of work, so one may land after
	// a higher one was applied (0043 after 0050).
	applied := map[int]bool{}
	rows, err := tx.QueryContext(ctx, `SELECT version FROM schema_version`)
	if err != nil {
		return fmt.Errorf("sqlstore: migrate: %w", err)
	}
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			rows.Close()
			return fmt.Errorf("sqlstore: migrate: %w", err)
		}
		applied[v] = true
	}
	if err := rows.Close(); err != nil {
		return fmt.Errorf("sqlstore: migrate: %w", err)
	}
	for _, m := range all {
		if applied[m.version] {
			continue
		}
		body, err := migrations.ReadFile(dir + "/" + m.name)
		if err != nil {
			return fmt.Errorf("sqlstore: migrate: %w", err)
		}
		if _, err := tx.ExecContext(ctx, string(body)); err != nil {
			return fmt.Errorf("sqlstore: migration %s: %w", m.name, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_version (version, name) VALUES ($1, $2)`, m.version, m.name); err != nil {
			return fmt.Errorf("sqlstore: migration %s: %w", m.name, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlstore: migrate: %w", err)
	}
	return nil
}

// SchemaVersion is the highest migration applied.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := s.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_version`).Scan(&v)
	return v, err
}

// isUnique reports a unique-constraint violation.
func isUnique(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		c := se.Code()
		return c == sqlite3.SQLITE_CONSTRAINT_UNIQUE || c == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
	}
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "23505"
}
