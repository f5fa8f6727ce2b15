package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/vanban/vanban/internal/nd30"
	"github.com/vanban/vanban/internal/registry"
)

// Allocate implements registry.Store: counter row held, build, record
// inserted and counter advanced, all in one transaction.
func (s *Store) Allocate(ctx context.Context, key registry.SeriesKey, build registry.BuildFunc) (registry.Record, error) {
	defer s.lockWrites()()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return registry.Record{}, fault(fmt.Errorf("sqlstore: begin: %w", err))
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx,
		`INSERT INTO counters (agency, series, year, last) VALUES ($1, $2, $3, 0) ON CONFLICT DO NOTHING`,
		key.Agency, key.Series, key.Year); err != nil {
		return registry.Record{}, fault(fmt.Errorf("sqlstore: counter %s: %w", key, err))
	}
	lock := ""
	if s.backend == Postgres {
		lock = " FOR UPDATE"
	}
	var last int
	if err := tx.QueryRowContext(ctx,
		`SELECT last FROM counters WHERE agency = $1 AND series = $2 AND year = $3`+lock,
		key.Agency, key.Series, key.Year).Scan(&last); err != nil {
		return registry.Record{}, fault(fmt.Errorf("sqlstore: counter %s: %w", key, err))
	}
	next := last + 1
	// Files stored in the database while the record is built join this
	// transaction (Blobs.Put).
	rec, err := build(context.WithValue(ctx, txKey{}, &txHold{store: s, tx: tx}), next)
	if err != nil {
		return registry.Record{}, err
	}
	if rec.Agency != key.Agency || rec.Series != key.Series || rec.Year != key.Year || rec.Number != next {
		return registry.Record{}, fmt.Errorf("sqlstore: built record %s/%s/%d no. %d does not match %s no. %d",
			rec.Agency, rec.Series, rec.Year, rec.Number, key, next)
	}
	if _, err := tx.ExecContext(ctx,
		`UPDATE counters SET last = $4 WHERE agency = $1 AND series = $2 AND year = $3`,
		key.Agency, key.Series, key.Year, next); err != nil {
		return registry.Record{}, fault(fmt.Errorf("sqlstore: counter %s: %w", key, err))
	}
	if err := insertRecord(ctx, tx, rec); err != nil {
		return registry.Record{}, err
	}
	if err := tx.Commit(); err != nil {
		return registry.Record{}, fault(fmt.Errorf("sqlstore: commit %s no. %d: %w", key, next, err))
	}
	return rec, nil
}

func ts(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

func insertRecord(ctx context.Context, tx *sql.Tx, r registry.Record) error {
	recipients, err := json.Marshal(r.Recipients)
	if err != nil {
		return err
	}
	var cancelledAt any
	if r.CancelledAt != nil {
		cancelledAt = ts(*r.CancelledAt)
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO records (id, agency, series, year, number, number_text, symbol,
		kind, kind_name, doc_date, summary, signer, recipients, archive, copies, note, status, cancel_reason,
		cancelled_at, created_at, search, created_by_kind, created_by, cancelled_by_kind, cancelled_by, late)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21,
		$22, $23, $24, $25, $26)`,
		r.ID, r.Agency, r.Series, r.Year, r.Number, r.NumberText, r.Symbol,
		r.Kind, r.KindName, r.Date.String(), r.Summary, r.Signer, string(recipients), r.Archive, r.Copies, r.Note,
		string(r.Status), r.CancelReason, cancelledAt, ts(r.CreatedAt), registry.SearchText(r),
		string(r.CreatedBy.Kind), r.CreatedBy.Name, string(r.CancelledBy.Kind), r.CancelledBy.Name, boolInt(r.Late))
	if isUnique(err) {
		return fmt.Errorf("sqlstore: record %s %s: %w", r.ID, r.Ref(), registry.ErrDuplicate)
	}
	if err != nil {
		return fault(fmt.Errorf("sqlstore: insert record: %w", err))
	}
	if r.Input != nil {
		if _, err := tx.ExecContext(ctx, `INSERT INTO record_inputs (record_id, input) VALUES ($1, $2)`, r.ID, string(r.Input)); err != nil {
			return fault(fmt.Errorf("sqlstore: insert input: %w", err))
		}
	}
	for i, f := range r.Files {
		if _, err := tx.ExecContext(ctx, `INSERT INTO record_files (record_id, idx, name, content_type, sha256, size, storage_key)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`, r.ID, i, f.Name, f.ContentType, f.SHA256, f.Size, f.Key); err != nil {
			return fault(fmt.Errorf("sqlstore: insert file: %w", err))
		}
	}
	return nil
}

// likeEscaper escapes the LIKE wildcards of PostgreSQL (default escape "\").
var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// Next implements registry.Store.
func (s *Store) Next(ctx context.Context, key registry.SeriesKey) (int, error) {
	var last int
	err := s.db.QueryRowContext(ctx, `SELECT last FROM counters WHERE agency = $1 AND series = $2 AND year = $3`,
		key.Agency, key.Series, key.Year).Scan(&last)
	if errors.Is(err, sql.ErrNoRows) {
		return 1, nil
	}
	if err != nil {
		return 0, fault(fmt.Errorf("sqlstore: next %s: %w", key, err))
	}
	return last + 1, nil
}

const recordColumns = `id, agency, series, year, number, number_text, symbol, kind, kind_name, doc_date, summary,
	signer, recipients, archive, copies, note, status, cancel_reason, cancelled_at, created_at,
	created_by_kind, created_by, cancelled_by_kind, cancelled_by, late`

// recordColumnsR are recordColumns of the table aliased r.
var recordColumnsR = "r." + strings.Join(strings.Split(strings.Join(strings.Fields(recordColumns), " "), ", "), ", r.")

type scanner interface{ Scan(dest ...any) error }

func scanRecord(row scanner, extra ...any) (registry.Record, error) {
	var (
		r           registry.Record
		date        dateValue
		recipients  string
		status      string
		cancelledAt timeValue
		createdAt   timeValue
		createdBy   string
		cancelledBy string
		late        int
	)
	dest := []any{&r.ID, &r.Agency, &r.Series, &r.Year, &r.Number, &r.NumberText, &r.Symbol, &r.Kind,
		&r.KindName, &date, &r.Summary, &r.Signer, &recipients, &r.Archive, &r.Copies, &r.Note, &status,
		&r.CancelReason, &cancelledAt, &createdAt, &createdBy, &r.CreatedBy.Name, &cancelledBy, &r.CancelledBy.Name, &late}
	if err := row.Scan(append(dest, extra...)...); err != nil {
		return registry.Record{}, err
	}
	r.Date = date.d
	r.Status = registry.Status(status)
	r.CreatedBy.Kind, r.CancelledBy.Kind = registry.ActorKind(createdBy), registry.ActorKind(cancelledBy)
	r.Late = late != 0
	if err := json.Unmarshal([]byte(recipients), &r.Recipients); err != nil {
		return registry.Record{}, fault(fmt.Errorf("sqlstore: recipients of %s: %w", r.ID, err))
	}
	if cancelledAt.valid {
		t := cancelledAt.t
		r.CancelledAt = &t
	}
	r.CreatedAt = createdAt.t
	r.Files = []registry.FileInfo{}
	return r, nil
}

// Get implements registry.Store.
func (s *Store) Get(ctx context.Context, id uuid.UUID) (registry.Record, error) {
	r, err := scanRecord(s.db.QueryRowContext(ctx, `SELECT `+recordColumns+` FROM records WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return registry.Record{}, registry.ErrNotFound
	}
	if err != nil {
		return registry.Record{}, fault(fmt.Errorf("sqlstore: get %s: %w", id, err))
	}
	recs := []registry.Record{r}
	if err := s.loadFiles(ctx, recs); err != nil {
		return registry.Record{}, err
	}
	return recs[0], nil
}

// List implements registry.Store. Records come in register order: year,
// series, number (the order of the unique index).
//
// Text search goes through the trigram index of each backend. How the page
// is read depends on how many records match, which the count tells first:
// with many matches, walking the ordered index and testing each record finds
// a page after a few rows; with few, the index's matches are fetched and
// sorted, instead of walking most of the table in search of them.
func (s *Store) List(ctx context.Context, q registry.Query) (registry.Page, error) {
	// An empty agency lists every agency's records (a deployment that did
	// not configure its agency code, VANBAN_AGENCY).
	where := []string{"1 = 1"}
	var args []any
	add := func(cond string, v any) {
		args = append(args, v)
		where = append(where, fmt.Sprintf(cond, len(args)))
	}
	if q.Agency != "" {
		add("r.agency = $%d", q.Agency)
	}
	if q.Year != 0 {
		add("r.year = $%d", q.Year)
	}
	if q.Series != "" {
		add("r.series = $%d", q.Series)
	}
	if q.Kind != "" {
		add("r.kind = $%d", q.Kind)
	}
	if q.Status != "" {
		add("r.status = $%d", string(q.Status))
	}
	plain := append([]string(nil), where...) // filters without the text
	plainArgs := append([]any(nil), args...)
	from := "records r"
	// scan is the text condition tested record by record.
	scan := ""
	switch {
	case q.Text == "":
	case s.backend == Postgres:
		// LIKE, not strpos, so that the pg_trgm index can answer it.
		add(`r.search LIKE $%d`, "%"+likeEscaper.Replace(q.Text)+"%")
		scan = where[len(where)-1]
	case utf8.RuneCountInString(q.Text) >= 3:
		// The FTS5 trigram index: a phrase of trigrams matches exactly the
		// texts that contain q.Text. The CROSS JOIN makes SQLite start from
		// the index's matches.
		from = "records_fts f CROSS JOIN records r ON r.rowid = f.rowid"
		add("records_fts MATCH $%d", `"`+strings.ReplaceAll(q.Text, `"`, `""`)+`"`)
		scan = fmt.Sprintf("instr(r.search, $%d) > 0", len(plainArgs)+1)
	default:
		add("instr(r.search, $%d) > 0", q.Text)
	}
	limit := q.Limit
	if limit <= 0 || limit > registry.MaxLimit {
		limit = registry.DefaultLimit
	}
	page := registry.Page{Records: []registry.Record{}, Limit: limit, Offset: q.Offset}
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+from+` WHERE `+strings.Join(where, " AND "), args...).
		Scan(&page.Total); err != nil {
		return registry.Page{}, fault(fmt.Errorf("sqlstore: count: %w", err))
	}
	if page.Total <= q.Offset {
		return page, nil
	}
	order := "r.year, r.series, r.number"
	if scan != "" && page.Total >= denseMatches {
		// Many matches: walk the ordered index, test each record.
		from, where, args = "records r", append(plain, scan), plainArgs
		if s.backend == SQLite {
			args = append(args, q.Text)
		} else {
			args = append(args, "%"+likeEscaper.Replace(q.Text)+"%")
		}
	} else if s.backend == Postgres && scan != "" {
		// Few matches: "+ 0" keeps the planner off the ordered index, on
		// the trigram index, then a small sort.
		order = "r.year + 0, r.series, r.number"
	}
	rows, err := s.db.QueryContext(ctx, fmt.Sprintf(`SELECT %s FROM %s WHERE %s ORDER BY %s LIMIT $%d OFFSET $%d`,
		recordColumnsR, from, strings.Join(where, " AND "), order, len(args)+1, len(args)+2),
		append(args, limit, q.Offset)...)
	if err != nil {
		return registry.Page{}, fault(fmt.Errorf("sqlstore: list: %w", err))
	}
	defer rows.Close()
	for rows.Next() {
		r, err := scanRecord(rows)
		if err != nil {
			return registry.Page{}, fault(fmt.Errorf("sqlstore: list: %w", err))
		}
		page.Records = append(page.Records, r)
	}
	if err := rows.Err(); err != nil {
		return registry.Page{}, fault(fmt.Errorf("sqlstore: list: %w", err))
	}
	rows.Close()
	if err := s.loadFiles(ctx, page.Records); err != nil {
		return registry.Page{}, err
	}
	return page, nil
}

// denseMatches is the number of matches from which a page is found faster by
// walking the ordered index than by sorting the text index's matches.
var denseMatches = 5000

// loadFiles fills the Files of recs.
func (s *Store) loadFiles(ctx context.Context, recs []registry.Record) error {
	if len(recs) == 0 {
		return nil
	}
	byID := make(map[uuid.UUID]int, len(recs))
	marks := make([]string, len(recs))
	args := make([]any, len(recs))
	for i, r := range recs {
		byID[r.ID] = i
		marks[i] = fmt.Sprintf("$%d", i+1)
		args[i] = r.ID
	}
	rows, err := s.db.QueryContext(ctx, `SELECT record_id, name, content_type, sha256, size, storage_key
		FROM record_files WHERE record_id IN (`+strings.Join(marks, ", ")+`) ORDER BY record_id, idx`, args...)
	if err != nil {
		return fault(fmt.Errorf("sqlstore: files: %w", err))
	}
	defer rows.Close()
	for rows.Next() {
		var id uuid.UUID
		var f registry.FileInfo
		if err := rows.Scan(&id, &f.Name, &f.ContentType, &f.SHA256, &f.Size, &f.Key); err != nil {
			return fault(fmt.Errorf("sqlstore: files: %w", err))
		}
		i, ok := byID[id]
		if !ok {
			continue
		}
		recs[i].Files = append(recs[i].Files, f)
	}
	return rows.Err()
}

// Cancel implements registry.Store.
func (s *Store) Cancel(ctx context.Context, id uuid.UUID, reason string, at time.Time, by registry.Actor) (registry.Record, error) {
	err := func() error {
		defer s.lockWrites()()
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return fault(fmt.Errorf("sqlstore: begin: %w", err))
		}
		defer tx.Rollback()
		var status string
		lock := ""
		if s.backend == Postgres {
			lock = " FOR UPDATE"
		}
		err = tx.QueryRowContext(ctx, `SELECT status FROM records WHERE id = $1`+lock, id).Scan(&status)
		if errors.Is(err, sql.ErrNoRows) {
			return registry.ErrNotFound
		}
		if err != nil {
			return fault(fmt.Errorf("sqlstore: cancel %s: %w", id, err))
		}
		if registry.Status(status) == registry.Cancelled {
			return registry.ErrAlreadyCancelled
		}
		if _, err := tx.ExecContext(ctx, `UPDATE records SET status = $2, cancel_reason = $3, cancelled_at = $4,
			cancelled_by_kind = $5, cancelled_by = $6 WHERE id = $1`,
			id, string(registry.Cancelled), reason, ts(at), string(by.Kind), by.Name); err != nil {
			return fault(fmt.Errorf("sqlstore: cancel %s: %w", id, err))
		}
		return tx.Commit()
	}()
	if err != nil {
		return registry.Record{}, err
	}
	return s.Get(ctx, id)
}

// InsertCertificates implements registry.Store.
func (s *Store) InsertCertificates(ctx context.Context, cs []registry.Certificate) error {
	defer s.lockWrites()()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fault(fmt.Errorf("sqlstore: begin: %w", err))
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO certificates (id, agency, decision_ref, decision_date,
		decision_issuer, recipient_name, recipient_unit, kind, award_form, golden_book, issued_at, record_id, decision_external)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`)
	if err != nil {
		return fault(fmt.Errorf("sqlstore: certificates: %w", err))
	}
	defer stmt.Close()
	for _, c := range cs {
		external := 0
		if c.DecisionExternal {
			external = 1
		}
		_, err := stmt.ExecContext(ctx, c.ID, c.Agency, c.Decision.Ref, c.Decision.Date.String(), c.Decision.Issuer,
			c.RecipientName, c.RecipientUnit, c.Kind, c.AwardForm, c.GoldenBook, ts(c.IssuedAt), nullID(c.RecordID), external)
		if isUnique(err) {
			return fmt.Errorf("sqlstore: certificate %s: %w", c.ID, registry.ErrDuplicate)
		}
		if err != nil {
			return fault(fmt.Errorf("sqlstore: certificate %s: %w", c.ID, err))
		}
	}
	return tx.Commit()
}

const certificateColumns = `id, agency, decision_ref, decision_date, decision_issuer,
		recipient_name, recipient_unit, kind, award_form, golden_book, issued_at, record_id, decision_external`

func scanCertificate(row scanner) (registry.Certificate, error) {
	var c registry.Certificate
	var date dateValue
	var issued timeValue
	var record sql.NullString
	var external int
	if err := row.Scan(&c.ID, &c.Agency, &c.Decision.Ref, &date, &c.Decision.Issuer, &c.RecipientName, &c.RecipientUnit,
		&c.Kind, &c.AwardForm, &c.GoldenBook, &issued, &record, &external); err != nil {
		return c, err
	}
	c.DecisionExternal = external != 0
	c.Decision.Date = date.d
	c.IssuedAt = issued.t
	if record.Valid {
		id, err := uuid.Parse(record.String)
		if err != nil {
			return c, fault(fmt.Errorf("sqlstore: certificate %s: record id: %w", c.ID, err))
		}
		c.RecordID = id
	}
	return c, nil
}

// Certificate implements registry.Store.
func (s *Store) Certificate(ctx context.Context, id uuid.UUID) (registry.Certificate, error) {
	c, err := scanCertificate(s.db.QueryRowContext(ctx, `SELECT `+certificateColumns+` FROM certificates WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return registry.Certificate{}, registry.ErrNotFound
	}
	if err != nil {
		return registry.Certificate{}, fault(fmt.Errorf("sqlstore: certificate %s: %w", id, err))
	}
	return c, nil
}

// CertificatesOf implements registry.Store.
func (s *Store) CertificatesOf(ctx context.Context, recordID uuid.UUID) ([]registry.Certificate, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+certificateColumns+` FROM certificates WHERE record_id = $1
		ORDER BY golden_book, id`, recordID.String())
	if err != nil {
		return nil, fault(fmt.Errorf("sqlstore: certificates of %s: %w", recordID, err))
	}
	defer rows.Close()
	var out []registry.Certificate
	for rows.Next() {
		c, err := scanCertificate(rows)
		if err != nil {
			return nil, fault(fmt.Errorf("sqlstore: certificates of %s: %w", recordID, err))
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// RecordsByRef implements registry.Store.
func (s *Store) RecordsByRef(ctx context.Context, year, number int, symbol string) ([]registry.Record, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+recordColumns+` FROM records
		WHERE year = $1 AND number = $2 AND symbol = $3 ORDER BY agency, series`, year, number, symbol)
	if err != nil {
		return nil, fault(fmt.Errorf("sqlstore: records %d/%s of %d: %w", number, symbol, year, err))
	}
	return s.recordRows(ctx, rows)
}

// RecordsByNumber implements registry.Store.
func (s *Store) RecordsByNumber(ctx context.Context, year, number int) ([]registry.Record, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+recordColumns+` FROM records
		WHERE year = $1 AND number = $2 ORDER BY agency, series`, year, number)
	if err != nil {
		return nil, fault(fmt.Errorf("sqlstore: records numbered %d of %d: %w", number, year, err))
	}
	return s.recordRows(ctx, rows)
}

// Agencies implements registry.Store.
func (s *Store) Agencies(ctx context.Context) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT agency FROM records ORDER BY agency`)
	if err != nil {
		return nil, fault(fmt.Errorf("sqlstore: agencies: %w", err))
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var a string
		if err := rows.Scan(&a); err != nil {
			return nil, fault(fmt.Errorf("sqlstore: agencies: %w", err))
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fault(fmt.Errorf("sqlstore: agencies: %w", err))
	}
	return out, nil
}

// recordRows reads the records of rows, with their files.
func (s *Store) recordRows(ctx context.Context, rows *sql.Rows) ([]registry.Record, error) {
	defer rows.Close()
	out := []registry.Record{}
	for rows.Next() {
		r, err := scanRecord(rows)
		if err != nil {
			return nil, fault(fmt.Errorf("sqlstore: records by ref: %w", err))
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fault(fmt.Errorf("sqlstore: records by ref: %w", err))
	}
	rows.Close()
	return out, s.loadFiles(ctx, out)
}

// Input implements registry.Store.
func (s *Store) Input(ctx context.Context, id uuid.UUID) ([]byte, error) {
	var input string
	err := s.db.QueryRowContext(ctx, `SELECT input FROM record_inputs WHERE record_id = $1`, id).Scan(&input)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, registry.ErrNotFound
	}
	if err != nil {
		return nil, fault(fmt.Errorf("sqlstore: input of %s: %w", id, err))
	}
	return []byte(input), nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func nullID(id uuid.UUID) any {
	if id == uuid.Nil {
		return nil
	}
	return id.String()
}

// dateValue scans a date stored as "YYYY-MM-DD" text (SQLite) or a date
// (PostgreSQL).
type dateValue struct{ d nd30.Date }

func (v *dateValue) Scan(src any) error {
	switch x := src.(type) {
	case time.Time:
		v.d = nd30.Date{Year: x.Year(), Month: int(x.Month()), Day: x.Day()}
		return nil
	case string:
		d, err := nd30.ParseDate(x)
		v.d = d
		return err
	case []byte:
		d, err := nd30.ParseDate(string(x))
		v.d = d
		return err
	}
	return fmt.Errorf("sqlstore: cannot scan %T as a date", src)
}

// timeValue scans an instant stored as RFC 3339 text (SQLite) or a
// timestamptz (PostgreSQL); NULL leaves it invalid.
type timeValue struct {
	t     time.Time
	valid bool
}

func (v *timeValue) Scan(src any) error {
	switch x := src.(type) {
	case nil:
		*v = timeValue{}
		return nil
	case time.Time:
		*v = timeValue{x.UTC(), true}
		return nil
	case string:
		t, err := time.Parse(time.RFC3339Nano, x)
		*v = timeValue{t.UTC(), err == nil}
		return err
	case []byte:
		return v.Scan(string(x))
	}
	return fmt.Errorf("sqlstore: cannot scan %T as a time", src)
}
