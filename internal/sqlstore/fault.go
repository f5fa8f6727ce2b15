package sqlstore

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/vanban/vanban/internal/registry"
)

// fault marks the driver errors that mean "wait and retry" with the
// registry's sentinels, so that the service answers 503 with a code that
// says which (disk_full, database_unavailable) instead of 500: a full disk
// (SQLITE_FULL, PostgreSQL 53100) and a database that cannot be reached or
// is shutting down (PostgreSQL classes 08 and 57P, a refused or reset
// connection, which registry recognises itself). nil stays nil.
func fault(err error) error {
	if err == nil {
		return nil
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_FULL:
			return fmt.Errorf("%w (%w)", err, registry.ErrDiskFull)
		case sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_IOERR:
			if se.Code() == sqlite3.SQLITE_IOERR_WRITE || se.Code()&0xff == sqlite3.SQLITE_CANTOPEN {
				return fmt.Errorf("%w (%w)", err, registry.ErrUnavailable)
			}
		}
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch {
		case pe.Code == "53100":
			return fmt.Errorf("%w (%w)", err, registry.ErrDiskFull)
		case strings.HasPrefix(pe.Code, "08"), strings.HasPrefix(pe.Code, "57P"), pe.Code == "53300":
			return fmt.Errorf("%w (%w)", err, registry.ErrUnavailable)
		}
	}
	var ce *pgconn.ConnectError
	if errors.As(err, &ce) || errors.Is(err, pgconn.ErrConnClosed) || pgconn.SafeToRetry(err) || pgconn.Timeout(err) ||
		errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("%w (%w)", err, registry.ErrUnavailable)
	}
	return err
}
