package sqlstore

import "context"

// SetDenseMatches changes the threshold between the two ways of reading a
// page of text search results, so that tests exercise both; it returns a
// function restoring the old value.
func SetDenseMatches(n int) (restore func()) {
	old := denseMatches
	denseMatches = n
	return func() { denseMatches = old }
}

// PutRawProfile writes a profile row as an older version left it (its JSON
// as given), for the tests of what Open moves.
func PutRawProfile(s *Store, id, body string) error {
	_, err := s.db.Exec(`INSERT INTO profiles (id, body, search, updated_at) VALUES ($1, $2, $1, $3)`, id, body, "2026-03-01T00:00:00.000000Z")
	return err
}

// RawProfile is the stored JSON of profile id.
func RawProfile(s *Store, id string) (string, error) {
	var body string
	err := s.db.QueryRow(`SELECT body FROM profiles WHERE id = $1`, id).Scan(&body)
	return body, err
}

// MoveEmblems runs the start-up move of emblems out of profiles' JSON, with
// between(id) run after a profile is read and before it is written back.
func MoveEmblems(s *Store, between func(id string)) error {
	emblemMoved = between
	defer func() { emblemMoved = nil }()
	return s.moveEmblems(context.Background())
}
