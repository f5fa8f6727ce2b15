// Package registry is the sổ đăng ký văn bản đi: it gives each outgoing
// document its number, records what was issued, and keeps the certificates
// (Bằng khen, Giấy khen) issued under an award decision so that they can be
// verified later.
//
// Numbering follows Nghị định 30/2020/NĐ-CP Điều 15 and Phụ lục I (spec §4.1):
// numbers run per agency and calendar year from 01 on 1 January to 31
// December, in one series shared by every kind of document or in separate
// series decided by the head of the agency (e.g. Quyết định on their own,
// secret documents on their own); a number and ký hiệu are unique within the
// year; a number is never reused, and a cancelled document keeps its number.
//
// The package does no I/O and never reads the clock: a Store keeps the
// register, Blobs keep the issued files, and Config.Now says what time it is.
// The sqlstore package implements Store on SQLite and PostgreSQL; blobfs
// implements Blobs in the data directory.
package registry

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/google/uuid"

	"github.com/vanban/vanban/internal/nd30"
)

// Status is where a record stands.
type Status string

// Statuses.
const (
	// Issued: the document was rendered by vanban with its number; its files
	// are kept.
	Issued Status = "issued"
	// Registered: the document was produced elsewhere and only took a
	// number here.
	Registered Status = "registered"
	// Cancelled: the document was withdrawn; it keeps its number, which is
	// never given again (NĐ30 Điều 15: numbers are not reused).
	Cancelled Status = "cancelled"
)

// Valid reports whether s is a known status.
func (s Status) Valid() bool { return s == Issued || s == Registered || s == Cancelled }

// Label is the status as officers read it in the sổ: "Đã phát hành", "Đã
// đăng ký", "Đã hủy"; an unknown status is shown as it is.
func (s Status) Label() string {
	switch s {
	case Issued:
		return "Đã phát hành"
	case Registered:
		return "Đã đăng ký"
	case Cancelled:
		return "Đã hủy"
	}
	return string(s)
}

// Record is one line of the sổ đăng ký văn bản đi.
type Record struct {
	ID     uuid.UUID `json:"id"`
	Agency string    `json:"agency"`
	// Series is the name of the number series (sổ) the number came from.
	Series string `json:"series"`
	Year   int    `json:"year"`
	Number int    `json:"number"`
	// NumberText is the number as written after "Số:": "05", "15", "125"
	// (NĐ30 Phụ lục I: numbers below 10 get a leading zero; padding width
	// configurable).
	NumberText string `json:"numberText"`
	// Symbol is the ký hiệu, e.g. "KH-SVHTTDL", "TTr-SVHTTDL", "QyĐ-UBND",
	// kept exactly as given: mixed-case abbreviations are never upper-cased.
	Symbol string `json:"symbol"`
	// Kind is the type abbreviation (Phụ lục III: "QĐ", "KH", "TTr"; "CV"
	// for a công văn) that selects the series; KindName is the type name
	// written in the register ("Quyết định", "Công văn").
	Kind     string    `json:"kind"`
	KindName string    `json:"kindName,omitempty"`
	Date     nd30.Date `json:"date"`
	// Summary is the trích yếu nội dung.
	Summary string `json:"summary"`
	Signer  string `json:"signer"`
	// Recipients is the nơi nhận; Archive the đơn vị, người nhận bản lưu
	// ("VT, TĐKT").
	Recipients []string `json:"recipients"`
	Archive    string   `json:"archive,omitempty"`
	Copies     int      `json:"copies"`
	Note       string   `json:"note,omitempty"`
	Status     Status   `json:"status"`
	// CancelReason, CancelledAt and CancelledBy are set when Status is
	// Cancelled.
	CancelReason string     `json:"cancelReason,omitempty"`
	CancelledAt  *time.Time `json:"cancelledAt,omitempty"`
	CancelledBy  Actor      `json:"cancelledBy,omitzero"`
	// CreatedAt is when the document was issued or registered, CreatedBy
	// by whom (zero on records written before actors were kept).
	CreatedAt time.Time `json:"createdAt"`
	CreatedBy Actor     `json:"createdBy,omitzero"`
	// Late marks a late registration: a document dated in a year whose
	// register was closed, recorded on purpose (IssueRequest.Late).
	Late  bool       `json:"lateRegistration,omitempty"`
	Files []FileInfo `json:"files"`
	// Input is the exact input the document was issued from (the kind's
	// JSON with its number and date), kept with the record; it is written
	// by Allocate and read back with Store.Input, not with every listing.
	Input []byte `json:"-"`
}

// Ref is the number and ký hiệu as written after "Số: ", e.g. "05/KH-SVHTTDL"
// (NĐ30 Phụ lục I: "/" between number and symbol, no spaces).
func (r Record) Ref() string { return r.NumberText + "/" + r.Symbol }

// FileInfo describes a stored file of an issued document.
type FileInfo struct {
	Name        string `json:"name"`
	ContentType string `json:"contentType"`
	// SHA256 is the lower-case hex digest of the bytes.
	SHA256 string `json:"sha256"`
	Size   int64  `json:"size"`
	// Key locates the bytes in Blobs.
	Key string `json:"key"`
}

// File is a rendered file: what a RenderFunc returns and File gives back.
type File struct {
	Name        string
	ContentType string
	Data        []byte
}

// RenderFunc renders the document once its number is known. number is the
// formatted number ("05"), date the issue date; the caller composes
// "Số: 05/KH-SVHTTDL" with its ký hiệu. It runs while the number is held: if
// it fails, the number is not consumed.
type RenderFunc func(ctx context.Context, number string, date nd30.Date) ([]File, error)

// Certificate is one Bằng khen or Giấy khen issued under an award decision,
// recorded so that the QR code printed on it can be verified.
type Certificate struct {
	ID       uuid.UUID `json:"id"`
	Agency   string    `json:"agency"`
	Decision Decision  `json:"decision"`
	// RecipientName is the person ("Ông Nguyễn Văn A") or collective;
	// RecipientUnit their position and unit, or the parent body.
	RecipientName string `json:"recipientName"`
	RecipientUnit string `json:"recipientUnit,omitempty"`
	// Kind is the certificate: "Bằng khen", "Giấy khen".
	Kind string `json:"kind"`
	// AwardForm is the hình thức or danh hiệu awarded, e.g. "Giấy khen của
	// Giám đốc Sở", "Chiến sĩ thi đua cơ sở".
	AwardForm string `json:"awardForm,omitempty"`
	// GoldenBook is the số sổ vàng: the recipient's ordinal within the
	// decision (spec §7.4).
	GoldenBook int       `json:"goldenBook"`
	IssuedAt   time.Time `json:"issuedAt"`
	// RecordID is the decision's record in the register when the batch was
	// printed from an issued Quyết định (a reprint finds them by it).
	RecordID uuid.UUID `json:"recordId,omitzero"`
	// DecisionExternal marks a certificate under a decision of another
	// authority, recorded without looking the decision up in the register
	// (batch "decisionCheck": "external"); its verification says so.
	DecisionExternal bool `json:"decisionExternal,omitempty"`
	// DecisionCheck is what the register says about Decision when the
	// certificate is verified (VerifyCertificate); not stored.
	DecisionCheck *DecisionCheck `json:"decisionCheck,omitempty"`
}

// Decision is the award decision a certificate was issued under.
type Decision struct {
	// Ref is the số, ký hiệu: "123/QĐ-SVHTTDL".
	Ref  string    `json:"ref"`
	Date nd30.Date `json:"date"`
	// Issuer is the person or body that signed it: "Giám đốc Sở Văn hóa,
	// Thể thao và Du lịch".
	Issuer string `json:"issuer"`
}

// SeriesKey names one run of numbers: an agency's series in a calendar year.
type SeriesKey struct {
	Agency string
	Series string
	Year   int
}

func (k SeriesKey) String() string { return fmt.Sprintf("%s/%s/%d", k.Agency, k.Series, k.Year) }

// Query selects records of the register. Zero fields do not filter.
type Query struct {
	Agency string
	Year   int
	Series string
	Kind   string
	Status Status
	// Text is matched as a substring of the number and ký hiệu, type name,
	// trích yếu and signer, ignoring case, NFC/NFD and tone-mark placement;
	// a query written without diacritics also matches text written with them.
	Text string
	// Limit (at most MaxLimit; 0 means DefaultLimit) and Offset page the
	// result, which is ordered by year, series and number.
	Limit  int
	Offset int
}

// Paging limits.
const (
	DefaultLimit = 50
	MaxLimit     = 1000
)

// Page is a page of a listing.
type Page struct {
	Records []Record `json:"records"`
	// Total counts every record the query matches.
	Total  int `json:"total"`
	Limit  int `json:"limit"`
	Offset int `json:"offset"`
}

// BuildFunc builds the record that takes number; see Store.Allocate.
type BuildFunc func(ctx context.Context, number int) (Record, error)

// Store keeps the register. Implementations: sqlstore (SQLite, PostgreSQL).
type Store interface {
	// Allocate reserves the next number of key and records the record that
	// build makes with it, in ONE transaction that holds the series: two
	// Allocate calls on one series never see the same number, and when build
	// or the insertion fails nothing is written and the number stays free.
	// The record gets the search text SearchText(record).
	Allocate(ctx context.Context, key SeriesKey, build BuildFunc) (Record, error)
	// Next returns the number the next Allocate on key would take.
	Next(ctx context.Context, key SeriesKey) (int, error)
	// Get returns the record id or ErrNotFound.
	Get(ctx context.Context, id uuid.UUID) (Record, error)
	// List returns the records matching q; q.Text is already a search key
	// (SearchKey) and q.Limit is within 1..MaxLimit.
	List(ctx context.Context, q Query) (Page, error)
	// Cancel marks the record cancelled by actor by at: ErrNotFound, or
	// ErrAlreadyCancelled.
	Cancel(ctx context.Context, id uuid.UUID, reason string, at time.Time, by Actor) (Record, error)
	// InsertCertificates records a batch in one transaction; an id that is
	// already recorded fails the whole batch with ErrDuplicate.
	InsertCertificates(ctx context.Context, cs []Certificate) error
	// Certificate returns the certificate id or ErrNotFound.
	Certificate(ctx context.Context, id uuid.UUID) (Certificate, error)
	// CertificatesOf returns the certificates printed from the decision
	// recorded as recordID, by số sổ vàng.
	CertificatesOf(ctx context.Context, recordID uuid.UUID) ([]Certificate, error)
	// RecordsByRef returns the records of year numbered number with ký
	// hiệu symbol, of every agency, in register order (none: an empty
	// slice).
	RecordsByRef(ctx context.Context, year, number int, symbol string) ([]Record, error)
	// RecordsByNumber returns the records of year numbered number, of every
	// agency and ký hiệu, in register order (none: an empty slice).
	RecordsByNumber(ctx context.Context, year, number int) ([]Record, error)
	// Agencies returns the distinct agencies of the register's records.
	Agencies(ctx context.Context) ([]string, error)
	// Input returns the input record id was issued from, or ErrNotFound
	// (a registered document, or one issued before inputs were kept).
	Input(ctx context.Context, id uuid.UUID) ([]byte, error)
}

// Blobs keeps the bytes of issued files, addressed by their SHA-256 (the
// same bytes are kept once). Implementations: blobfs (the data directory,
// with SQLite) and sqlstore.Blobs (PostgreSQL: every instance reads what
// another wrote).
type Blobs interface {
	// Put stores data durably (on disk, synced; or committed) before
	// returning its key.
	Put(ctx context.Context, data []byte) (key string, err error)
	// Open streams the bytes stored under key, or fails with ErrNotFound;
	// the bytes are read as they are asked for, never all at once.
	Open(ctx context.Context, key string) (io.ReadCloser, error)
}

// Errors returned by Store and Blobs implementations; Service turns them
// into apperr errors with Vietnamese details.
var (
	ErrNotFound         = errors.New("registry: not found")
	ErrAlreadyCancelled = errors.New("registry: already cancelled")
	// ErrDuplicate: a unique key (number and ký hiệu within the year, a
	// certificate id) is already taken.
	ErrDuplicate = errors.New("registry: duplicate")
	// ErrUnavailable: the database cannot be reached (connection refused,
	// reset, shut down); the operation may succeed later.
	ErrUnavailable = errors.New("registry: database unavailable")
	// ErrDiskFull: the database or the file store has no space left.
	ErrDiskFull = errors.New("registry: disk full")
)
