package campaign

import (
	"context"
	"errors"
	"time"

	"github.com/vanban/vanban/internal/nd30"
)

// Query selects saved things (profiles, drafts, campaigns, nominations).
// Zero fields do not filter.
type Query struct {
	// Agency restricts to one agency's profile id.
	Agency string
	// Kind restricts drafts to one kind; CampaignID drafts or nominations to
	// one campaign.
	Kind       string
	CampaignID string
	// Text is matched, ignoring case and tone marks, in titles and names.
	Text string
	// Limit (at most MaxLimit; 0 means DefaultLimit) and Offset page.
	Limit  int
	Offset int
}

// Paging limits.
const (
	DefaultLimit = 50
	MaxLimit     = 1000
	// MaxEntries bounds the nominations of one campaign.
	MaxEntries = 20000
)

// Page is one page of a listing.
type Page[T any] struct {
	Items  []T `json:"items"`
	Total  int `json:"total"`
	Limit  int `json:"limit"`
	Offset int `json:"offset"`
}

// Store keeps profiles, drafts, campaigns and their nominations.
// Implementation: sqlstore (SQLite, PostgreSQL). Text in Query is already a
// search key (registry.SearchKey).
type Store interface {
	// PutProfile inserts or replaces a profile. Its emblem is stored apart:
	// p.Emblem.PNG replaces the image, a reference without PNG keeps the
	// saved one, no emblem removes it.
	PutProfile(ctx context.Context, p Profile, at time.Time) (Profile, error)
	// GetProfile and ListProfiles give the profiles with the emblem's
	// reference only (no PNG).
	GetProfile(ctx context.Context, id string) (Profile, error)
	ListProfiles(ctx context.Context, q Query) (Page[Profile], error)
	// GetEmblem is the emblem of profile id, with its PNG (ErrNotFound:
	// none).
	GetEmblem(ctx context.Context, id string) (Emblem, error)
	// AgencyEmblem is the emblem, with its PNG, of the first profile (by
	// id) whose agency is a (same AgencyKey); ErrNotFound: none.
	AgencyEmblem(ctx context.Context, a nd30.Agency) (Emblem, error)

	// PutDraft saves d.Input as a new version of draft d.ID (created when
	// new) and returns the draft with its version number.
	PutDraft(ctx context.Context, d Draft, at time.Time) (Draft, error)
	GetDraft(ctx context.Context, id string) (Draft, error)
	GetVersion(ctx context.Context, id string, version int) (Version, error)
	ListVersions(ctx context.Context, id string) ([]Version, error)
	ListDrafts(ctx context.Context, q Query) (Page[Draft], error)
	// MarkIssued records that a draft was issued as recordID.
	MarkIssued(ctx context.Context, id, recordID string) error
	// DeleteDraft deletes a draft: softly when it was issued.
	DeleteDraft(ctx context.Context, id string, at time.Time) error

	PutCampaign(ctx context.Context, c Campaign, at time.Time) (Campaign, error)
	GetCampaign(ctx context.Context, id string) (Campaign, error)
	ListCampaigns(ctx context.Context, q Query) (Page[Campaign], error)
	DeleteCampaign(ctx context.Context, id string, at time.Time) error

	// AddEntries appends entries (ids set) to a campaign in one
	// transaction, numbering Seq after the last; all or nothing.
	AddEntries(ctx context.Context, campaignID string, es []Entry) error
	// Entries returns a campaign's entries in Seq order (every one).
	Entries(ctx context.Context, campaignID string) ([]Entry, error)
	GetEntry(ctx context.Context, id string) (Entry, error)
	UpdateEntry(ctx context.Context, e Entry) error
	// MergeEntries updates keep and deletes drop in one transaction.
	MergeEntries(ctx context.Context, keep Entry, dropID string) error
	DeleteEntry(ctx context.Context, id string) error
}

// Errors of a Store.
var (
	ErrNotFound = errors.New("campaign: not found")
	// ErrUsed: the thing was used by an issued document (soft-deleted).
	ErrUsed = errors.New("campaign: used by an issued document")
)

// AgencyKey is the search key of an agency: its name and parent,
// tone-insensitive (nd30.Key), as the printer finds the emblem of the
// agency that issued a decision.
func AgencyKey(a nd30.Agency) string { return nd30.Key(a.Name) + "\n" + nd30.Key(a.Parent) }
