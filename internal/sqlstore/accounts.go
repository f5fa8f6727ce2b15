package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/vanban/vanban/internal/account"
)

// Accounts and sessions of the officers' workspace (account.Store).

var _ account.Store = (*Store)(nil)

const userColumns = `id, username, name, role, password_hash, created_at, disabled`

func scanUser(row interface{ Scan(...any) error }) (account.User, error) {
	var u account.User
	var role string
	var created int64
	err := row.Scan(&u.ID, &u.Username, &u.Name, &role, &u.PasswordHash, &created, &u.Disabled)
	if errors.Is(err, sql.ErrNoRows) {
		return account.User{}, account.ErrNotFound
	}
	if err != nil {
		return account.User{}, fmt.Errorf("sqlstore: user: %w", err)
	}
	u.Role = account.Role(role)
	u.CreatedAt = time.Unix(created, 0).UTC()
	return u, nil
}

// CreateUser implements account.Store.
func (s *Store) CreateUser(ctx context.Context, u account.User) error {
	defer s.lockWrites()()
	_, err := s.db.ExecContext(ctx, `INSERT INTO users (`+userColumns+`) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		u.ID, u.Username, u.Name, string(u.Role), u.PasswordHash, u.CreatedAt.Unix(), u.Disabled)
	if isUnique(err) {
		return account.ErrExists
	}
	if err != nil {
		return fmt.Errorf("sqlstore: create user: %w", err)
	}
	return nil
}

// UserByName implements account.Store.
func (s *Store) UserByName(ctx context.Context, username string) (account.User, error) {
	return scanUser(s.db.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE username = $1`, username))
}

// UserByID implements account.Store.
func (s *Store) UserByID(ctx context.Context, id string) (account.User, error) {
	return scanUser(s.db.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE id = $1`, id))
}

// Users implements account.Store: every account, by user name.
func (s *Store) Users(ctx context.Context) ([]account.User, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+userColumns+` FROM users ORDER BY username`)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: users: %w", err)
	}
	defer rows.Close()
	var us []account.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, err
		}
		us = append(us, u)
	}
	return us, rows.Err()
}

// CountUsers implements account.Store.
func (s *Store) CountUsers(ctx context.Context) (int, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM users`).Scan(&n); err != nil {
		return 0, fmt.Errorf("sqlstore: count users: %w", err)
	}
	return n, nil
}

// SetPassword implements account.Store.
func (s *Store) SetPassword(ctx context.Context, id, hash string) error {
	defer s.lockWrites()()
	res, err := s.db.ExecContext(ctx, `UPDATE users SET password_hash = $2 WHERE id = $1`, id, hash)
	if err != nil {
		return fmt.Errorf("sqlstore: set password: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return account.ErrNotFound
	}
	return nil
}

// CreateSession implements account.Store.
func (s *Store) CreateSession(ctx context.Context, ss account.Session) error {
	defer s.lockWrites()()
	_, err := s.db.ExecContext(ctx, `INSERT INTO sessions (token_hash, user_id, csrf, created_at, last_seen, expires_at)
		VALUES ($1, $2, $3, $4, $5, $6)`,
		ss.TokenHash, ss.UserID, ss.CSRF, ss.CreatedAt.Unix(), ss.LastSeen.Unix(), ss.ExpiresAt.Unix())
	if err != nil {
		return fmt.Errorf("sqlstore: create session: %w", err)
	}
	return nil
}

// SessionByHash implements account.Store.
func (s *Store) SessionByHash(ctx context.Context, hash string) (account.Session, error) {
	var ss account.Session
	var created, seen, expires int64
	err := s.db.QueryRowContext(ctx, `SELECT token_hash, user_id, csrf, created_at, last_seen, expires_at
		FROM sessions WHERE token_hash = $1`, hash).Scan(&ss.TokenHash, &ss.UserID, &ss.CSRF, &created, &seen, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return account.Session{}, account.ErrNotFound
	}
	if err != nil {
		return account.Session{}, fmt.Errorf("sqlstore: session: %w", err)
	}
	ss.CreatedAt, ss.LastSeen, ss.ExpiresAt = time.Unix(created, 0).UTC(), time.Unix(seen, 0).UTC(), time.Unix(expires, 0).UTC()
	return ss, nil
}

// TouchSession implements account.Store.
func (s *Store) TouchSession(ctx context.Context, hash string, lastSeen time.Time) error {
	defer s.lockWrites()()
	if _, err := s.db.ExecContext(ctx, `UPDATE sessions SET last_seen = $2 WHERE token_hash = $1`, hash, lastSeen.Unix()); err != nil {
		return fmt.Errorf("sqlstore: touch session: %w", err)
	}
	return nil
}

// DeleteSession implements account.Store.
func (s *Store) DeleteSession(ctx context.Context, hash string) error {
	defer s.lockWrites()()
	if _, err := s.db.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = $1`, hash); err != nil {
		return fmt.Errorf("sqlstore: delete session: %w", err)
	}
	return nil
}

// DeleteUserSessions implements account.Store.
func (s *Store) DeleteUserSessions(ctx context.Context, userID string) error {
	defer s.lockWrites()()
	if _, err := s.db.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, userID); err != nil {
		return fmt.Errorf("sqlstore: delete sessions: %w", err)
	}
	return nil
}

// DeleteExpiredSessions implements account.Store.
func (s *Store) DeleteExpiredSessions(ctx context.Context, idleBefore, now time.Time) error {
	defer s.lockWrites()()
	if _, err := s.db.ExecContext(ctx, `DELETE FROM sessions WHERE last_seen < $1 OR expires_at < $2`, idleBefore.Unix(), now.Unix()); err != nil {
		return fmt.Errorf("sqlstore: delete expired sessions: %w", err)
	}
	return nil
}
