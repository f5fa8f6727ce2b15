package sqlstore

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"image/png"
	"strings"
	"time"

	"github.com/vanban/vanban/internal/campaign"
	"github.com/vanban/vanban/internal/nd30"
	"github.com/vanban/vanban/internal/registry"
)

var _ campaign.Store = (*Store)(nil)

// stamp is an instant as fixed-width UTC text, so that text order is time
// order on both backends.
func stamp(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000000Z") }

func unstamp(s string) time.Time {
	t, _ := time.Parse("2006-01-02T15:04:05.000000Z", s)
	return t
}

// fold is the search form of text: no diacritics, lower case (registry.Fold),
// so that a query typed with or without them matches.
func fold(parts ...string) string { return registry.Fold(strings.Join(parts, " ")) }

// contains is the substring test of each backend.
func (s *Store) contains(col string, n int) string {
	if s.backend == Postgres {
		return fmt.Sprintf("strpos(%s, $%d) > 0", col, n)
	}
	return fmt.Sprintf("instr(%s, $%d) > 0", col, n)
}

// filter builds a WHERE clause.
type filter struct {
	where []string
	args  []any
}

func (f *filter) add(cond string, v any) {
	f.args = append(f.args, v)
	f.where = append(f.where, fmt.Sprintf(cond, len(f.args)))
}

func (f *filter) sql() string {
	if len(f.where) == 0 {
		return "1 = 1"
	}
	return strings.Join(f.where, " AND ")
}

func limitOf(q campaign.Query) int {
	if q.Limit <= 0 || q.Limit > campaign.MaxLimit {
		return campaign.DefaultLimit
	}
	return q.Limit
}

// page runs a count and a paged select of one JSON column.
func (s *Store) pageBodies(ctx context.Context, table, cols string, f filter, order string, q campaign.Query, scan func(scanner) error) (total int, err error) {
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+table+` WHERE `+f.sql(), f.args...).Scan(&total); err != nil {
		return 0, fmt.Errorf("sqlstore: count %s: %w", table, err)
	}
	args := append(f.args, limitOf(q), max(q.Offset, 0))
	rows, err := s.db.QueryContext(ctx, fmt.Sprintf(`SELECT %s FROM %s WHERE %s ORDER BY %s LIMIT $%d OFFSET $%d`,
		cols, table, f.sql(), order, len(args)-1, len(args)), args...)
	if err != nil {
		return 0, fmt.Errorf("sqlstore: list %s: %w", table, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return 0, fmt.Errorf("sqlstore: list %s: %w", table, err)
		}
	}
	return total, rows.Err()
}

// write runs fn in one write transaction.
func (s *Store) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	defer s.lockWrites()()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlstore: begin: %w", err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlstore: commit: %w", err)
	}
	return nil
}

func notFound(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return campaign.ErrNotFound
	}
	return err
}

// PutProfile implements campaign.Store: the profile's JSON with the
// emblem's reference, the emblem's PNG in profile_emblems.
func (s *Store) PutProfile(ctx context.Context, p campaign.Profile, at time.Time) (campaign.Profile, error) {
	return s.putProfile(ctx, p, at, "")
}

// errProfileChanged: a profile's stored JSON is no longer the one read.
var errProfileChanged = errors.New("sqlstore: profile changed since it was read")

// putProfile is PutProfile; with was not "", only over the stored JSON was
// (compare and swap: errProfileChanged, nothing written, when it changed).
func (s *Store) putProfile(ctx context.Context, p campaign.Profile, at time.Time, was string) (campaign.Profile, error) {
	p.UpdatedAt = at.UTC().Truncate(time.Microsecond)
	body, err := json.Marshal(p)
	if err != nil {
		return p, err
	}
	err = s.write(ctx, func(tx *sql.Tx) error {
		search := fold(p.ID, p.Agency.Name, p.Agency.Abbreviation, p.Agency.Parent)
		if was != "" {
			res, err := tx.ExecContext(ctx, `UPDATE profiles SET body = $2, search = $3, updated_at = $4 WHERE id = $1 AND body = $5`,
				p.ID, string(body), search, stamp(p.UpdatedAt), was)
			if err != nil {
				return err
			}
			if n, err := res.RowsAffected(); err != nil {
				return err
			} else if n != 1 {
				return errProfileChanged
			}
		} else if _, err := tx.ExecContext(ctx, `INSERT INTO profiles (id, body, search, updated_at) VALUES ($1, $2, $3, $4)
			ON CONFLICT (id) DO UPDATE SET body = excluded.body, search = excluded.search, updated_at = excluded.updated_at`,
			p.ID, string(body), search, stamp(p.UpdatedAt)); err != nil {
			return err
		}
		switch e := p.Emblem; {
		case e == nil:
			_, err = tx.ExecContext(ctx, `DELETE FROM profile_emblems WHERE profile_id = $1`, p.ID)
		case e.PNG != nil:
			_, err = tx.ExecContext(ctx, `INSERT INTO profile_emblems (profile_id, agency_key, sha256, png) VALUES ($1, $2, $3, $4)
				ON CONFLICT (profile_id) DO UPDATE SET agency_key = excluded.agency_key, sha256 = excluded.sha256, png = excluded.png`,
				p.ID, campaign.AgencyKey(p.Agency), e.SHA256, e.PNG)
		default: // the saved image kept; the agency may have been renamed
			_, err = tx.ExecContext(ctx, `UPDATE profile_emblems SET agency_key = $2 WHERE profile_id = $1`, p.ID, campaign.AgencyKey(p.Agency))
		}
		return err
	})
	if err != nil {
		return p, fmt.Errorf("sqlstore: put profile %s: %w", p.ID, err)
	}
	return p, nil
}

// GetEmblem implements campaign.Store.
func (s *Store) GetEmblem(ctx context.Context, id string) (campaign.Emblem, error) {
	return s.emblem(ctx, `profile_id = $1`, id)
}

// AgencyEmblem implements campaign.Store.
func (s *Store) AgencyEmblem(ctx context.Context, a nd30.Agency) (campaign.Emblem, error) {
	return s.emblem(ctx, `agency_key = $1`, campaign.AgencyKey(a))
}

func (s *Store) emblem(ctx context.Context, where string, arg string) (campaign.Emblem, error) {
	var e campaign.Emblem
	err := s.db.QueryRowContext(ctx, `SELECT sha256, png FROM profile_emblems WHERE `+where+` ORDER BY profile_id LIMIT 1`, arg).Scan(&e.SHA256, &e.PNG)
	if err != nil {
		return e, notFound(err)
	}
	if cfg, err := png.DecodeConfig(bytes.NewReader(e.PNG)); err == nil {
		e.Width, e.Height = cfg.Width, cfg.Height
	}
	return e, nil
}

// moveEmblems moves the emblems saved inside profiles' JSON (base64, before
// migration 0050) to profile_emblems, scaled as a new one is
// (campaign.OldEmblem). Run at each start; finds nothing once done. Each
// profile is written back only over the JSON it was read from (scaling an
// old emblem takes a while, outside any transaction): one another instance
// saved meanwhile is left as saved (review 2 finding 4), and moved at the
// next start if it still carries an emblem.
func (s *Store) moveEmblems(ctx context.Context) error {
	rows, err := s.db.QueryContext(ctx, `SELECT body FROM profiles WHERE body LIKE '%"emblem":"%'`)
	if err != nil {
		return fmt.Errorf("sqlstore: move emblems: %w", err)
	}
	type read struct {
		p    campaign.Profile
		body string
	}
	var old []read
	for rows.Next() {
		var body string
		var p campaign.Profile
		if err := rows.Scan(&body); err != nil {
			rows.Close()
			return fmt.Errorf("sqlstore: move emblems: %w", err)
		}
		if json.Unmarshal([]byte(body), &p) == nil && p.Emblem != nil && p.Emblem.PNG != nil {
			old = append(old, read{p, body})
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sqlstore: move emblems: %w", err)
	}
	for _, o := range old {
		p := o.p
		p.Emblem = campaign.OldEmblem(p.Emblem.PNG)
		if emblemMoved != nil {
			emblemMoved(p.ID)
		}
		_, err := s.putProfile(ctx, p, p.UpdatedAt, o.body)
		if err != nil && !errors.Is(err, errProfileChanged) {
			return fmt.Errorf("sqlstore: move emblem of %s: %w", p.ID, err)
		}
	}
	return nil
}

// emblemMoved, when set (tests), runs between reading a profile whose
// emblem moveEmblems moves and writing it back.
var emblemMoved func(id string)

// GetProfile implements campaign.Store.
func (s *Store) GetProfile(ctx context.Context, id string) (campaign.Profile, error) {
	var body string
	if err := s.db.QueryRowContext(ctx, `SELECT body FROM profiles WHERE id = $1`, id).Scan(&body); err != nil {
		return campaign.Profile{}, notFound(err)
	}
	var p campaign.Profile
	return p, json.Unmarshal([]byte(body), &p)
}

// ListProfiles implements campaign.Store.
func (s *Store) ListProfiles(ctx context.Context, q campaign.Query) (campaign.Page[campaign.Profile], error) {
	var f filter
	if q.Agency != "" {
		f.add("id = $%d", q.Agency)
	}
	s.textFilter(&f, q.Text)
	out := campaign.Page[campaign.Profile]{Items: []campaign.Profile{}, Limit: limitOf(q), Offset: q.Offset}
	total, err := s.pageBodies(ctx, "profiles", "body", f, "id", q, func(r scanner) error {
		var body string
		if err := r.Scan(&body); err != nil {
			return err
		}
		var p campaign.Profile
		if err := json.Unmarshal([]byte(body), &p); err != nil {
			return err
		}
		out.Items = append(out.Items, p)
		return nil
	})
	out.Total = total
	return out, err
}

// textFilter adds the search condition of q.Text.
func (s *Store) textFilter(f *filter, text string) {
	if text == "" {
		return
	}
	f.args = append(f.args, registry.Fold(text))
	f.where = append(f.where, s.contains("search", len(f.args)))
}

const draftColumns = `id, agency, kind, title, campaign_id, version, record_id, created_at, updated_at`

func scanDraft(r scanner, extra ...any) (campaign.Draft, error) {
	var d campaign.Draft
	var campaignID, recordID sql.NullString
	var created, updated string
	if err := r.Scan(append([]any{&d.ID, &d.Agency, &d.Kind, &d.Title, &campaignID, &d.Version, &recordID, &created, &updated}, extra...)...); err != nil {
		return d, err
	}
	d.CampaignID, d.RecordID = campaignID.String, recordID.String
	d.CreatedAt, d.UpdatedAt = unstamp(created), unstamp(updated)
	return d, nil
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// PutDraft implements campaign.Store.
func (s *Store) PutDraft(ctx context.Context, d campaign.Draft, at time.Time) (campaign.Draft, error) {
	at = at.UTC().Truncate(time.Microsecond)
	err := s.write(ctx, func(tx *sql.Tx) error {
		var version int
		var created string
		err := tx.QueryRowContext(ctx, `SELECT version, created_at FROM drafts WHERE id = $1 AND deleted_at IS NULL`, d.ID).Scan(&version, &created)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			d.Version, d.CreatedAt = 1, at
			if _, err := tx.ExecContext(ctx, `INSERT INTO drafts (id, agency, kind, title, campaign_id, version, search, created_at, updated_at)
				VALUES ($1, $2, $3, $4, $5, 1, $6, $7, $7)`, d.ID, d.Agency, d.Kind, d.Title, nullString(d.CampaignID),
				fold(d.Title, d.Kind), stamp(at)); err != nil {
				return err
			}
		case err != nil:
			return err
		default:
			d.Version, d.CreatedAt = version+1, unstamp(created)
			if _, err := tx.ExecContext(ctx, `UPDATE drafts SET title = $2, kind = $3, version = $4, search = $5, updated_at = $6 WHERE id = $1`,
				d.ID, d.Title, d.Kind, d.Version, fold(d.Title, d.Kind), stamp(at)); err != nil {
				return err
			}
		}
		d.UpdatedAt = at
		_, err = tx.ExecContext(ctx, `INSERT INTO draft_versions (draft_id, version, input, created_at) VALUES ($1, $2, $3, $4)`,
			d.ID, d.Version, string(d.Input), stamp(at))
		return err
	})
	if err != nil {
		return d, fmt.Errorf("sqlstore: put draft %s: %w", d.ID, err)
	}
	return d, nil
}

// GetDraft implements campaign.Store.
func (s *Store) GetDraft(ctx context.Context, id string) (campaign.Draft, error) {
	var input string
	d, err := scanDraft(s.db.QueryRowContext(ctx, `SELECT d.id, d.agency, d.kind, d.title, d.campaign_id, d.version, d.record_id,
		d.created_at, d.updated_at, v.input FROM drafts d JOIN draft_versions v ON v.draft_id = d.id AND v.version = d.version
		WHERE d.id = $1 AND d.deleted_at IS NULL`, id), &input)
	if err != nil {
		return d, notFound(err)
	}
	d.Input = json.RawMessage(input)
	return d, nil
}

// GetVersion implements campaign.Store.
func (s *Store) GetVersion(ctx context.Context, id string, version int) (campaign.Version, error) {
	v := campaign.Version{DraftID: id, Version: version}
	var input, created string
	if err := s.db.QueryRowContext(ctx, `SELECT input, created_at FROM draft_versions WHERE draft_id = $1 AND version = $2`, id, version).
		Scan(&input, &created); err != nil {
		return v, notFound(err)
	}
	v.Input, v.CreatedAt = json.RawMessage(input), unstamp(created)
	return v, nil
}

// ListVersions implements campaign.Store (without the inputs).
func (s *Store) ListVersions(ctx context.Context, id string) ([]campaign.Version, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT version, created_at FROM draft_versions WHERE draft_id = $1 ORDER BY version`, id)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: versions of %s: %w", id, err)
	}
	defer rows.Close()
	out := []campaign.Version{}
	for rows.Next() {
		v := campaign.Version{DraftID: id}
		var created string
		if err := rows.Scan(&v.Version, &created); err != nil {
			return nil, err
		}
		v.CreatedAt = unstamp(created)
		out = append(out, v)
	}
	return out, rows.Err()
}

// ListDrafts implements campaign.Store: newest first, without inputs.
func (s *Store) ListDrafts(ctx context.Context, q campaign.Query) (campaign.Page[campaign.Draft], error) {
	f := filter{where: []string{"deleted_at IS NULL"}}
	if q.Agency != "" {
		f.add("agency = $%d", q.Agency)
	}
	if q.Kind != "" {
		f.add("kind = $%d", q.Kind)
	}
	if q.CampaignID != "" {
		f.add("campaign_id = $%d", q.CampaignID)
	}
	s.textFilter(&f, q.Text)
	out := campaign.Page[campaign.Draft]{Items: []campaign.Draft{}, Limit: limitOf(q), Offset: q.Offset}
	total, err := s.pageBodies(ctx, "drafts", draftColumns, f, "updated_at DESC, id", q, func(r scanner) error {
		d, err := scanDraft(r)
		if err == nil {
			out.Items = append(out.Items, d)
		}
		return err
	})
	out.Total = total
	return out, err
}

// MarkIssued implements campaign.Store.
func (s *Store) MarkIssued(ctx context.Context, id, recordID string) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE drafts SET record_id = $2 WHERE id = $1`, id, recordID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return campaign.ErrNotFound
		}
		return nil
	})
}

// DeleteDraft implements campaign.Store: a draft that was issued is only
// marked deleted (the register's record keeps its input anyway); another
// goes with its versions.
func (s *Store) DeleteDraft(ctx context.Context, id string, at time.Time) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		var record sql.NullString
		if err := tx.QueryRowContext(ctx, `SELECT record_id FROM drafts WHERE id = $1 AND deleted_at IS NULL`, id).Scan(&record); err != nil {
			return notFound(err)
		}
		if record.Valid {
			_, err := tx.ExecContext(ctx, `UPDATE drafts SET deleted_at = $2 WHERE id = $1`, id, stamp(at))
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM draft_versions WHERE draft_id = $1`, id); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM drafts WHERE id = $1`, id)
		return err
	})
}

// PutCampaign implements campaign.Store.
func (s *Store) PutCampaign(ctx context.Context, c campaign.Campaign, at time.Time) (campaign.Campaign, error) {
	at = at.UTC().Truncate(time.Microsecond)
	err := s.write(ctx, func(tx *sql.Tx) error {
		var created string
		err := tx.QueryRowContext(ctx, `SELECT created_at FROM campaigns WHERE id = $1 AND deleted_at IS NULL`, c.ID).Scan(&created)
		exists := err == nil
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		c.CreatedAt, c.UpdatedAt = at, at
		if exists {
			c.CreatedAt = unstamp(created)
		}
		body, err := json.Marshal(c)
		if err != nil {
			return err
		}
		if exists {
			_, err = tx.ExecContext(ctx, `UPDATE campaigns SET agency = $2, year = $3, body = $4, search = $5, updated_at = $6 WHERE id = $1`,
				c.ID, c.Agency, c.Year, string(body), fold(c.Title), stamp(at))
		} else {
			_, err = tx.ExecContext(ctx, `INSERT INTO campaigns (id, agency, year, body, search, created_at, updated_at)
				VALUES ($1, $2, $3, $4, $5, $6, $6)`, c.ID, c.Agency, c.Year, string(body), fold(c.Title), stamp(at))
		}
		return err
	})
	if err != nil {
		return c, fmt.Errorf("sqlstore: put campaign %s: %w", c.ID, err)
	}
	return c, nil
}

// GetCampaign implements campaign.Store.
func (s *Store) GetCampaign(ctx context.Context, id string) (campaign.Campaign, error) {
	var body string
	if err := s.db.QueryRowContext(ctx, `SELECT body FROM campaigns WHERE id = $1 AND deleted_at IS NULL`, id).Scan(&body); err != nil {
		return campaign.Campaign{}, notFound(err)
	}
	var c campaign.Campaign
	return c, json.Unmarshal([]byte(body), &c)
}

// ListCampaigns implements campaign.Store: newest year first.
func (s *Store) ListCampaigns(ctx context.Context, q campaign.Query) (campaign.Page[campaign.Campaign], error) {
	f := filter{where: []string{"deleted_at IS NULL"}}
	if q.Agency != "" {
		f.add("agency = $%d", q.Agency)
	}
	s.textFilter(&f, q.Text)
	out := campaign.Page[campaign.Campaign]{Items: []campaign.Campaign{}, Limit: limitOf(q), Offset: q.Offset}
	total, err := s.pageBodies(ctx, "campaigns", "body", f, "year DESC, created_at DESC, id", q, func(r scanner) error {
		var body string
		if err := r.Scan(&body); err != nil {
			return err
		}
		var c campaign.Campaign
		if err := json.Unmarshal([]byte(body), &c); err != nil {
			return err
		}
		out.Items = append(out.Items, c)
		return nil
	})
	out.Total = total
	return out, err
}

// DeleteCampaign implements campaign.Store: always soft (its drafts and
// nominations stay readable; an issued decision may cite them).
func (s *Store) DeleteCampaign(ctx context.Context, id string, at time.Time) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE campaigns SET deleted_at = $2 WHERE id = $1 AND deleted_at IS NULL`, id, stamp(at))
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return campaign.ErrNotFound
		}
		return nil
	})
}

// entryBody is what is stored of an entry besides its columns.
func entryBody(e campaign.Entry) (string, error) {
	b, err := json.Marshal(e.Nomination)
	return string(b), err
}

// AddEntries implements campaign.Store.
func (s *Store) AddEntries(ctx context.Context, campaignID string, es []campaign.Entry) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		var last int
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(seq), 0) FROM nominations WHERE campaign_id = $1`, campaignID).Scan(&last); err != nil {
			return fmt.Errorf("sqlstore: nominations: %w", err)
		}
		stmt, err := tx.PrepareContext(ctx, `INSERT INTO nominations (id, campaign_id, seq, file, body) VALUES ($1, $2, $3, $4, $5)`)
		if err != nil {
			return fmt.Errorf("sqlstore: nominations: %w", err)
		}
		defer stmt.Close()
		for i, e := range es {
			body, err := entryBody(e)
			if err != nil {
				return err
			}
			if _, err := stmt.ExecContext(ctx, e.ID, campaignID, last+i+1, e.File, body); err != nil {
				return fmt.Errorf("sqlstore: add nomination: %w", err)
			}
		}
		return nil
	})
}

func scanEntry(r scanner) (campaign.Entry, error) {
	var e campaign.Entry
	var body string
	if err := r.Scan(&e.ID, &e.CampaignID, &e.Seq, &e.File, &body); err != nil {
		return e, err
	}
	return e, json.Unmarshal([]byte(body), &e.Nomination)
}

// Entries implements campaign.Store.
func (s *Store) Entries(ctx context.Context, campaignID string) ([]campaign.Entry, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, campaign_id, seq, file, body FROM nominations WHERE campaign_id = $1 ORDER BY seq`, campaignID)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: nominations of %s: %w", campaignID, err)
	}
	defer rows.Close()
	out := []campaign.Entry{}
	for rows.Next() {
		e, err := scanEntry(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlstore: nominations of %s: %w", campaignID, err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// GetEntry implements campaign.Store.
func (s *Store) GetEntry(ctx context.Context, id string) (campaign.Entry, error) {
	e, err := scanEntry(s.db.QueryRowContext(ctx, `SELECT id, campaign_id, seq, file, body FROM nominations WHERE id = $1`, id))
	return e, notFound(err)
}

func updateEntry(ctx context.Context, tx *sql.Tx, e campaign.Entry) error {
	body, err := entryBody(e)
	if err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `UPDATE nominations SET body = $2 WHERE id = $1`, e.ID, body)
	if err != nil {
		return fmt.Errorf("sqlstore: update nomination: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return campaign.ErrNotFound
	}
	return nil
}

// UpdateEntry implements campaign.Store.
func (s *Store) UpdateEntry(ctx context.Context, e campaign.Entry) error {
	return s.write(ctx, func(tx *sql.Tx) error { return updateEntry(ctx, tx, e) })
}

// MergeEntries implements campaign.Store.
func (s *Store) MergeEntries(ctx context.Context, keep campaign.Entry, dropID string) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		if err := updateEntry(ctx, tx, keep); err != nil {
			return err
		}
		return deleteEntry(ctx, tx, dropID)
	})
}

func deleteEntry(ctx context.Context, tx *sql.Tx, id string) error {
	res, err := tx.ExecContext(ctx, `DELETE FROM nominations WHERE id = $1`, id)
	if err != nil {
		return fmt.Errorf("sqlstore: delete nomination: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return campaign.ErrNotFound
	}
	return nil
}

// DeleteEntry implements campaign.Store. Nominations are deleted for good:
// an issued document keeps its own copy of its danh sách in its input.
func (s *Store) DeleteEntry(ctx context.Context, id string) error {
	return s.write(ctx, func(tx *sql.Tx) error { return deleteEntry(ctx, tx, id) })
}
