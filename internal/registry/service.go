package registry

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"database/sql/driver"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"net"
	"strings"
	"sync"
	"syscall"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/jsonin"
	"github.com/vanban/vanban/internal/nd30"
)

func isLetter(r rune) bool { return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) }

// Service is the register's use cases, shared by the CLI and the HTTP API.
type Service struct {
	store Store
	blobs Blobs
	cfg   Config
}

// New returns a Service over store and blobs.
func New(store Store, blobs Blobs, cfg Config) (*Service, error) {
	if store == nil || blobs == nil {
		return nil, apperr.Wrap(errors.New("registry: nil store or blobs"), "registry")
	}
	if err := cfg.check(); err != nil {
		return nil, err
	}
	return &Service{store: store, blobs: blobs, cfg: cfg}, nil
}

// Config returns the configuration in effect (defaults filled in).
func (s *Service) Config() Config { return s.cfg }

func (s *Service) now() time.Time { return s.cfg.Now().In(s.cfg.Location) }

// instant is the time recorded in the register: UTC, to the microsecond
// (what PostgreSQL keeps), so that a record reads back as it was written.
func (s *Service) instant() time.Time { return s.cfg.Now().UTC().Truncate(time.Microsecond) }

// Today is the calendar date in the agency's time zone.
func (s *Service) Today() nd30.Date { return nd30.DateOf(s.now()) }

// IssueRequest describes a document to number and record.
type IssueRequest struct {
	// Agency defaults to Config.Agency.
	Agency string `json:"agency,omitempty"`
	// Series names a series explicitly; empty means the series of Kind.
	Series   string `json:"series,omitempty"`
	Kind     string `json:"kind"`
	KindName string `json:"kindName,omitempty"`
	Symbol   string `json:"symbol"`
	// Date is the date of the document; zero means today. It decides the
	// year, hence the series run.
	Date       nd30.Date `json:"date,omitzero"`
	Summary    string    `json:"summary"`
	Signer     string    `json:"signer"`
	Recipients []string  `json:"recipients,omitempty"`
	Archive    string    `json:"archive,omitempty"`
	Copies     int       `json:"copies,omitempty"`
	Note       string    `json:"note,omitempty"`
	// Input, when set, gives the exact input the document is issued from
	// once its number and date are known (the kind's JSON, numbered and
	// dated); it is kept with the record. Set by the issuing use case.
	Input func(number string, date nd30.Date) ([]byte, error) `json:"-"`
	// Late says that a document dated in a closed year (before the current
	// year) is registered late on purpose; without it such a date is
	// refused. The record keeps the mark.
	Late bool `json:"lateRegistration,omitempty"`
}

// RegisterRequest records a document produced elsewhere.
type RegisterRequest struct {
	IssueRequest
	// Number, when not 0, is the number the caller expects (e.g. already
	// written on the paper): it must be the next one of the series.
	Number int `json:"number,omitempty"`
}

// Longest texts and lists of a register request (documented in the
// request schemas).
const (
	MaxShortText  = 100  // agency, kind, symbol, series
	MaxLineText   = 300  // signer, one recipient, kind name, archive
	MaxSummary    = 1000 // trích yếu
	MaxNote       = 1000 // note, cancel reason
	MaxRecipients = 200  // nơi nhận
)

// prepared is a validated request.
type prepared struct {
	key SeriesKey
	rec Record
}

func (s *Service) prepare(req IssueRequest) (prepared, error) {
	var ps apperr.Problems
	text := func(path, v string, max int) string {
		v = clean(v)
		if v == "" || !jsonin.Line(&ps, path, v) {
			return v
		}
		if n := utf8.RuneCountInString(v); n > max {
			ps.Add(path, "too_long", "Quá dài: %d ký tự, tối đa %d.", n, max)
		}
		return v
	}
	agency := text("agency", req.Agency, MaxShortText)
	if agency == "" {
		agency = s.cfg.Agency
	}
	if agency == "" {
		ps.Add("agency", "required", "Chưa có mã cơ quan ban hành.")
	}
	kind := text("kind", req.Kind, MaxShortText)
	if kind == "" {
		ps.Add("kind", "required", "Chưa có loại văn bản (viết tắt theo Phụ lục III, ví dụ \"QĐ\", \"KH\"; công văn: \"CV\").")
	}
	symbol := text("symbol", req.Symbol, MaxShortText)
	if msg := checkSymbol(symbol); msg != "" {
		ps.Add("symbol", "invalid_symbol", "%s", msg)
	}
	summary := text("summary", req.Summary, MaxSummary)
	if summary == "" {
		ps.Add("summary", "required", "Chưa có trích yếu nội dung văn bản.")
	}
	signer := text("signer", req.Signer, MaxLineText)
	if signer == "" {
		ps.Add("signer", "required", "Chưa có người ký văn bản.")
	}
	if req.Copies < 0 || req.Copies > 100000 {
		ps.Add("copies", "invalid_copies", "Số lượng bản phải từ 0 đến 100000, không phải %d.", req.Copies)
	}
	var recipients []string
	if len(req.Recipients) > MaxRecipients {
		ps.Add("recipients", "too_many_items", "Có %d nơi nhận, tối đa %d.", len(req.Recipients), MaxRecipients)
		req.Recipients = nil
	}
	for i, r := range req.Recipients {
		r = text(fmt.Sprintf("recipients[%d]", i), r, MaxLineText)
		if r == "" {
			ps.Add(fmt.Sprintf("recipients[%d]", i), "required", "Nơi nhận thứ %d để trống.", i+1)
			continue
		}
		recipients = append(recipients, r)
	}
	kindName := text("kindName", req.KindName, MaxLineText)
	archive := text("archive", req.Archive, MaxLineText)
	note := text("note", req.Note, MaxNote)
	seriesName := text("series", req.Series, MaxShortText)
	today := s.Today()
	date := req.Date
	if date.IsZero() {
		date = today
	} else if err := date.Check(); err != nil {
		ps.Add("date", "invalid_date", "%s", err.Error())
	} else if date.Day == 0 {
		ps.Add("date", "invalid_date", "Ngày %s thiếu ngày trong tháng: văn bản được cấp số khi đã ký, ghi đủ NNNN-TT-NN.", date)
	} else if date.Year > today.Year {
		ps.Add("date", "year_in_future", "Năm %d chưa đến (hôm nay là %s): sổ văn bản đi năm %d chưa mở.", date.Year, today.Padded(), date.Year)
	} else if today.Before(date) {
		ps.Add("date", "date_in_future", "Ngày %s chưa đến (hôm nay là %s): văn bản chỉ được cấp số sau khi ký.", date.Padded(), today.Padded())
	} else if date.Year < today.Year && !req.Late {
		ps.Add("date", "closed_year", "Văn bản ngày %s thuộc sổ năm %d, đã khóa (hôm nay là %s): chỉ ghi vào sổ năm cũ khi đánh dấu là đăng ký muộn (lateRegistration: true).",
			date.Padded(), date.Year, today.Padded())
	}
	if err := ps.Err(); err != nil {
		return prepared{}, err
	}
	series, err := s.cfg.seriesFor(kind, seriesName)
	if err != nil {
		return prepared{}, err
	}
	if recipients == nil {
		recipients = []string{}
	}
	return prepared{
		key: SeriesKey{Agency: agency, Series: series, Year: date.Year},
		rec: Record{
			Agency: agency, Series: series, Year: date.Year,
			Symbol: symbol, Kind: kind, KindName: kindName, Date: date,
			Summary: summary, Signer: signer, Recipients: recipients,
			Archive: archive, Copies: req.Copies, Note: note,
			CreatedAt: s.instant(), Files: []FileInfo{}, Late: req.Late && date.Year < today.Year,
		},
	}, nil
}

// Issue takes the next number, renders the document with it and the issue
// date, stores the rendered files in Blobs and records the document — all
// while the series is held, so that two concurrent issues never get the same
// number and a failed render consumes no number. The files are on disk
// (synced) before the record is committed.
func (s *Service) Issue(ctx context.Context, req IssueRequest, render RenderFunc) (Record, error) {
	if render == nil {
		return Record{}, apperr.Wrap(errors.New("nil RenderFunc"), "issue")
	}
	p, err := s.prepare(req)
	if err != nil {
		return Record{}, err
	}
	p.rec.CreatedBy = ActorFrom(ctx)
	rec, err := s.store.Allocate(ctx, p.key, func(ctx context.Context, number int) (Record, error) {
		r := p.rec
		r.ID = s.cfg.NewID()
		r.Number = number
		r.NumberText = nd30.NumberText(number, s.cfg.Padding)
		r.Status = Issued
		files, err := render(ctx, r.NumberText, r.Date)
		if err != nil {
			return Record{}, apperr.Wrap(err, "render document")
		}
		if req.Input != nil {
			if r.Input, err = req.Input(r.NumberText, r.Date); err != nil {
				return Record{}, apperr.Wrap(err, "issued input")
			}
		}
		if r.Files, err = s.storeFiles(ctx, files); err != nil {
			return Record{}, err
		}
		return r, nil
	})
	return rec, s.storeErr(err, "issue")
}

func (s *Service) storeFiles(ctx context.Context, files []File) ([]FileInfo, error) {
	if len(files) == 0 {
		return nil, apperr.Wrap(errors.New("the renderer returned no file"), "store files")
	}
	seen := map[string]bool{}
	infos := make([]FileInfo, len(files))
	for i, f := range files {
		name := clean(f.Name)
		if name == "" || strings.ContainsAny(name, "/\\\x00") || seen[name] {
			return nil, apperr.Wrap(fmt.Errorf("the renderer returned a bad or duplicate file name %q", f.Name), "store files")
		}
		seen[name] = true
		ct := f.ContentType
		if ct == "" {
			ct = "application/octet-stream"
		}
		sum := sha256.Sum256(f.Data)
		infos[i] = FileInfo{Name: name, ContentType: ct, SHA256: hex.EncodeToString(sum[:]), Size: int64(len(f.Data))}
	}
	// The files are written (and synced) side by side: the waits for the
	// disk overlap while the series is held.
	errs := make([]error, len(files))
	var wg sync.WaitGroup
	for i := range files {
		wg.Add(1)
		go func() {
			defer wg.Done()
			infos[i].Key, errs[i] = s.blobs.Put(ctx, files[i].Data)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			return nil, s.storeErr(err, "store file "+infos[i].Name)
		}
	}
	return infos, nil
}

// Register records a document produced elsewhere: it takes the next number
// (or checks that req.Number is the next one) and records it, with no file.
func (s *Service) Register(ctx context.Context, req RegisterRequest) (Record, error) {
	p, err := s.prepare(req.IssueRequest)
	if err != nil {
		return Record{}, err
	}
	if req.Number < 0 {
		return Record{}, apperr.Invalidf("number", "invalid_number", "Số văn bản phải là số dương, không phải %d.", req.Number)
	}
	p.rec.CreatedBy = ActorFrom(ctx)
	rec, err := s.store.Allocate(ctx, p.key, func(ctx context.Context, number int) (Record, error) {
		if req.Number != 0 && req.Number != number {
			return Record{}, outOfSequence(req.Number, number, p.key, s.cfg.Padding)
		}
		r := p.rec
		r.ID = s.cfg.NewID()
		r.Number = number
		r.NumberText = nd30.NumberText(number, s.cfg.Padding)
		r.Status = Registered
		return r, nil
	})
	return rec, s.storeErr(err, "register")
}

func outOfSequence(asked, next int, key SeriesKey, pad int) error {
	e := apperr.New(apperr.Conflict, "number_out_of_sequence",
		fmt.Sprintf("Số %s không phải số tiếp theo của sổ %q năm %d: số tiếp theo là %s. Số văn bản được cấp liên tục, không bỏ trống và không dùng lại.",
			nd30.NumberText(asked, pad), key.Series, key.Year, nd30.NumberText(next, pad)))
	e.Problems = []apperr.Problem{{Field: "number", Code: "number_out_of_sequence", Message: e.Detail}}
	return e
}

// Next returns the number the next document of kind (or of the named
// series) in year would take, formatted.
func (s *Service) Next(ctx context.Context, agency, kind, series string, year int) (string, error) {
	if agency == "" {
		agency = s.cfg.Agency
	}
	if err := s.checkYear(year); err != nil {
		return "", err
	}
	name, err := s.cfg.seriesFor(kind, series)
	if err != nil {
		return "", err
	}
	n, err := s.store.Next(ctx, SeriesKey{Agency: agency, Series: name, Year: year})
	if err != nil {
		return "", apperr.Wrap(err, "next number")
	}
	return nd30.NumberText(n, s.cfg.Padding), nil
}

func (s *Service) checkYear(year int) error {
	today := s.Today()
	if year < 1945 {
		return apperr.Invalidf("year", "invalid_year", "Năm %d không hợp lệ.", year)
	}
	if year > today.Year {
		return apperr.Invalidf("year", "year_in_future", "Năm %d chưa đến (hôm nay là %s).", year, today.Padded())
	}
	return nil
}

// ParseID reads a record or certificate id.
func ParseID(field, s string) (uuid.UUID, error) {
	id, err := uuid.Parse(strings.TrimSpace(s))
	if err != nil || id == uuid.Nil {
		return uuid.Nil, apperr.Invalidf(field, "malformed_id",
			"Mã %q không đúng dạng UUID (ví dụ \"3f2b8c1e-5d7a-4c1e-9b2a-0c6d8e4f1a2b\").", s)
	}
	return id, nil
}

// Get returns the record with the id.
func (s *Service) Get(ctx context.Context, id string) (Record, error) {
	uid, err := ParseID("id", id)
	if err != nil {
		return Record{}, err
	}
	rec, err := s.store.Get(ctx, uid)
	if errors.Is(err, ErrNotFound) {
		return Record{}, recordNotFound(id)
	}
	return rec, s.storeErr(err, "get record")
}

func recordNotFound(id string) error {
	return apperr.New(apperr.NotFound, "record_not_found",
		fmt.Sprintf("Không có văn bản nào mang mã %s trong sổ đăng ký văn bản đi.", id))
}

// Cancel marks a record cancelled with a reason; it keeps its number.
func (s *Service) Cancel(ctx context.Context, id, reason string) (Record, error) {
	uid, err := ParseID("id", id)
	if err != nil {
		return Record{}, err
	}
	reason = clean(reason)
	if reason == "" {
		return Record{}, apperr.Invalidf("reason", "required", "Cần ghi lý do hủy văn bản.")
	}
	var ps apperr.Problems
	if jsonin.Line(&ps, "reason", reason) && utf8.RuneCountInString(reason) > MaxNote {
		ps.Add("reason", "too_long", "Lý do quá dài: %d ký tự, tối đa %d.", utf8.RuneCountInString(reason), MaxNote)
	}
	if err := ps.Err(); err != nil {
		return Record{}, err
	}
	rec, err := s.store.Cancel(ctx, uid, reason, s.instant(), ActorFrom(ctx))
	switch {
	case errors.Is(err, ErrNotFound):
		return Record{}, recordNotFound(id)
	case errors.Is(err, ErrAlreadyCancelled):
		return Record{}, apperr.New(apperr.Conflict, "already_cancelled",
			fmt.Sprintf("Văn bản %s đã bị hủy trước đó.", id))
	}
	return rec, s.storeErr(err, "cancel")
}

// List returns a page of the register.
func (s *Service) List(ctx context.Context, q Query) (Page, error) {
	if q.Agency == "" {
		q.Agency = s.cfg.Agency
	}
	if q.Year != 0 {
		if err := s.checkYear(q.Year); err != nil {
			return Page{}, err
		}
	}
	if q.Series != "" {
		if _, err := s.cfg.seriesFor("", q.Series); err != nil {
			return Page{}, err
		}
	}
	if q.Status != "" && !q.Status.Valid() {
		return Page{}, apperr.Invalidf("status", "invalid_status",
			"Trạng thái %q không hợp lệ: dùng \"issued\", \"registered\" hoặc \"cancelled\".", q.Status)
	}
	if q.Limit == 0 {
		q.Limit = DefaultLimit
	}
	if q.Limit < 0 || q.Limit > MaxLimit || q.Offset < 0 {
		return Page{}, apperr.Invalidf("limit", "invalid_paging", "Mỗi trang lấy từ 1 đến %d dòng, vị trí bắt đầu không âm.", MaxLimit)
	}
	q.Text = SearchKey(q.Text)
	q.Kind = clean(q.Kind)
	page, err := s.store.List(ctx, q)
	return page, s.storeErr(err, "list")
}

// Records returns every record of an agency's register for year (of one
// series, or all when series is ""), in register order, for export. An empty
// register is a NotFound error.
func (s *Service) Records(ctx context.Context, agency string, year int, series string) ([]Record, error) {
	if agency == "" {
		agency = s.cfg.Agency
	}
	if err := s.checkYear(year); err != nil {
		return nil, err
	}
	if series != "" {
		if _, err := s.cfg.seriesFor("", series); err != nil {
			return nil, err
		}
	}
	var all []Record
	for {
		page, err := s.store.List(ctx, Query{Agency: agency, Year: year, Series: series, Limit: MaxLimit, Offset: len(all)})
		if err != nil {
			return nil, s.storeErr(err, "export")
		}
		all = append(all, page.Records...)
		if len(page.Records) < MaxLimit || len(all) >= page.Total {
			break
		}
	}
	if len(all) == 0 {
		which := ""
		if series != "" {
			which = fmt.Sprintf(" (sổ %q)", series)
		}
		whose := "của " + agency
		if agency == "" {
			whose = "(mọi cơ quan; đặt VANBAN_AGENCY để chọn một cơ quan)"
		}
		return nil, apperr.New(apperr.NotFound, "empty_register",
			fmt.Sprintf("Sổ đăng ký văn bản đi năm %d%s %s chưa có văn bản nào: không có gì để xuất.", year, which, whose))
	}
	return all, nil
}

// File returns a stored file of a record, byte for byte as issued; name ""
// means the first file. The bytes are checked against the recorded SHA-256.
// OpenFile streams them instead.
func (s *Service) File(ctx context.Context, id, name string) (FileInfo, []byte, error) {
	info, rc, err := s.OpenFile(ctx, id, name)
	if err != nil {
		return FileInfo{}, nil, err
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		return FileInfo{}, nil, s.storeErr(err, "read file "+info.Name)
	}
	return info, data, nil
}

// OpenFile streams a stored file of a record; name "" means the first file.
// The bytes are checked against the recorded size and SHA-256 and never
// delivered when they differ: the file is read and checked here, before
// anything is sent (a mismatch is the error stored_file_corrupt), without
// being kept; the reader returned reads it again and holds back its last
// HeldBack bytes until the check passes again, so a file that changed since
// is cut short of its size (ErrCorrupt from Read). A download holds at most
// HeldBack bytes and one read, whatever the file's size (review 2 finding 3).
func (s *Service) OpenFile(ctx context.Context, id, name string) (FileInfo, io.ReadCloser, error) {
	rec, err := s.Get(ctx, id)
	if err != nil {
		return FileInfo{}, nil, err
	}
	var info *FileInfo
	for i := range rec.Files {
		if name == "" || rec.Files[i].Name == name {
			info = &rec.Files[i]
			break
		}
	}
	if info == nil {
		if len(rec.Files) == 0 {
			return FileInfo{}, nil, apperr.New(apperr.NotFound, "file_not_found",
				fmt.Sprintf("Văn bản %s được đăng ký từ nơi khác nên không có tệp lưu tại đây.", rec.Ref()))
		}
		return FileInfo{}, nil, apperr.New(apperr.NotFound, "file_not_found",
			fmt.Sprintf("Văn bản %s không có tệp %q.", rec.Ref(), name))
	}
	open := func(hold int64) (*checkedReader, error) {
		rc, err := s.blobs.Open(ctx, info.Key)
		if errors.Is(err, ErrNotFound) {
			return nil, apperr.Wrap(fmt.Errorf("stored file %s of %s (%s) is missing: %w", info.Name, id, info.Key, err), "read file")
		}
		if err != nil {
			return nil, s.storeErr(err, "read file "+info.Name)
		}
		return &checkedReader{rc: rc, h: sha256.New(), want: info.SHA256, size: info.Size,
			hold: min(info.Size, hold), what: fmt.Sprintf("stored file %s of %s", info.Name, id),
			name: info.Name, ref: rec.Ref()}, nil
	}
	// First pass: the whole file hashed as it is read, nothing kept.
	r, err := open(0)
	if err != nil {
		return FileInfo{}, nil, err
	}
	_, err = io.Copy(io.Discard, r)
	r.Close()
	if err != nil {
		return FileInfo{}, nil, s.storeErr(err, "read file "+info.Name)
	}
	// Second pass: the same bytes (blobs are content-addressed and never
	// rewritten), checked again, the last HeldBack held until they pass.
	if r, err = open(HeldBack); err != nil {
		return FileInfo{}, nil, err
	}
	return *info, r, nil
}

// HeldBack is what a download of a stored file holds in memory besides
// one read: the file is checked in a first pass that keeps nothing, then
// streamed in a second, whose last HeldBack bytes wait for the same check,
// so bytes that changed between the passes are never delivered whole.
const HeldBack = 64 << 10

// ErrCorrupt: stored bytes differ from their recorded SHA-256 or size.
var ErrCorrupt = errors.New("registry: stored file fails its SHA-256 check")

// checkedReader hashes what it reads and passes on all but the last hold
// bytes at once; those it reads into tail, and releases only once the store
// has nothing more and size and SHA-256 match. A mismatch is an error in
// place of the tail: the reader never ends with io.EOF on bytes that differ.
type checkedReader struct {
	rc      io.ReadCloser
	h       hash.Hash
	n       int64 // bytes read from rc
	want    string
	size    int64
	hold    int64
	what    string
	name    string // the file's name and the record's number, for the error
	ref     string
	checked bool
	tail    []byte
	err     error
}

func (r *checkedReader) Read(p []byte) (int, error) {
	if r.err != nil {
		return 0, r.err
	}
	if !r.checked {
		if free := r.size - r.hold - r.n; free > 0 {
			if int64(len(p)) > free {
				p = p[:free]
			}
			n, err := r.rc.Read(p)
			r.h.Write(p[:n])
			r.n += int64(n)
			if err == io.EOF {
				err = r.corrupt("%d bytes, want %d", r.n, r.size)
			} else if errors.Is(err, ErrCorrupt) {
				err = r.corrupt("%v", err)
			}
			r.err = err
			return n, err
		}
		if r.err = r.check(); r.err != nil {
			return 0, r.err
		}
	}
	n := copy(p, r.tail)
	r.tail = r.tail[n:]
	if len(r.tail) == 0 {
		return n, io.EOF
	}
	return n, nil
}

// check reads the last hold bytes into tail and compares size and digest.
func (r *checkedReader) check() error {
	r.tail = make([]byte, r.hold)
	n, err := io.ReadFull(r.rc, r.tail)
	r.h.Write(r.tail[:n])
	r.n += int64(n)
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return r.corrupt("%d bytes, want %d", r.n, r.size)
	}
	if errors.Is(err, ErrCorrupt) {
		return r.corrupt("%v", err)
	}
	if err != nil {
		return err
	}
	var one [1]byte
	if n, err := io.ReadFull(r.rc, one[:]); n > 0 {
		return r.corrupt("more than %d bytes", r.size)
	} else if err != io.EOF {
		return err
	}
	if hex.EncodeToString(r.h.Sum(nil)) != r.want {
		return r.corrupt("%d bytes, SHA-256 differs", r.n)
	}
	r.checked = true
	return nil
}

// corrupt is the error of stored bytes that differ from the record: 500
// stored_file_corrupt, its cause (ErrCorrupt) logged.
func (r *checkedReader) corrupt(format string, args ...any) error {
	return &apperr.Error{Kind: apperr.Internal, Code: "stored_file_corrupt",
		Detail: fmt.Sprintf("Tệp %s của văn bản %s lưu trong kho đã bị hỏng (không khớp mã SHA-256 ghi khi cấp số) nên không được gửi; báo quản trị viên khôi phục tệp từ bản sao lưu.", r.name, r.ref),
		Err:    fmt.Errorf("%s: %s: %w", r.what, fmt.Sprintf(format, args...), ErrCorrupt)}
}

func (r *checkedReader) Close() error { return r.rc.Close() }

// RecordCertificates records a batch of certificates in one transaction. A
// certificate without an id gets a new one; the returned slice carries the
// ids (they go into the QR codes). Nothing is written when any is invalid.
func (s *Service) RecordCertificates(ctx context.Context, cs []Certificate) ([]Certificate, error) {
	if len(cs) == 0 {
		return nil, apperr.Invalidf("certificates", "required", "Danh sách bằng khen, giấy khen để trống.")
	}
	var ps apperr.Problems
	out := make([]Certificate, len(cs))
	now := s.instant()
	seen := map[uuid.UUID]int{}
	for i, c := range cs {
		f := fmt.Sprintf("certificates[%d]", i)
		if c.ID == uuid.Nil {
			c.ID = s.cfg.NewID()
		}
		if j, ok := seen[c.ID]; ok {
			ps.Add(f+".id", "duplicate_id", "Mã %s trùng với dòng %d.", c.ID, j+1)
		}
		seen[c.ID] = i
		if c.Agency = clean(c.Agency); c.Agency == "" {
			c.Agency = s.cfg.Agency
		}
		c.RecipientName, c.RecipientUnit = clean(c.RecipientName), clean(c.RecipientUnit)
		c.Kind, c.AwardForm = clean(c.Kind), clean(c.AwardForm)
		c.Decision.Ref, c.Decision.Issuer = clean(c.Decision.Ref), clean(c.Decision.Issuer)
		if c.RecipientName == "" {
			ps.Add(f+".recipientName", "required", "Chưa có tên người hoặc tập thể được khen.")
		}
		if c.Kind == "" {
			ps.Add(f+".kind", "required", "Chưa có loại (\"Bằng khen\", \"Giấy khen\").")
		}
		if c.Decision.Ref == "" || !strings.Contains(c.Decision.Ref, "/") {
			ps.Add(f+".decision.ref", "invalid_decision", "Số, ký hiệu quyết định phải có dạng \"123/QĐ-SVHTTDL\".")
		}
		if err := c.Decision.Date.Check(); err != nil {
			ps.Add(f+".decision.date", "invalid_date", "Ngày quyết định: %s.", err.Error())
		} else if c.Decision.Date.Day == 0 {
			ps.Add(f+".decision.date", "invalid_date", "Ngày quyết định %s thiếu ngày trong tháng.", c.Decision.Date)
		} else if s.Today().Before(c.Decision.Date) {
			ps.Add(f+".decision.date", "date_in_future", "Ngày quyết định %s chưa đến.", c.Decision.Date.Padded())
		}
		if c.GoldenBook < 0 {
			ps.Add(f+".goldenBook", "invalid_golden_book", "Số sổ vàng không được âm.")
		}
		if c.IssuedAt.IsZero() {
			c.IssuedAt = now
		}
		c.IssuedAt = c.IssuedAt.UTC().Truncate(time.Microsecond)
		out[i] = c
	}
	if err := ps.Err(); err != nil {
		return nil, err
	}
	err := s.store.InsertCertificates(ctx, out)
	if errors.Is(err, ErrDuplicate) {
		return nil, apperr.New(apperr.Conflict, "duplicate_certificate", "Một mã bằng khen, giấy khen trong danh sách đã được ghi trước đó; không ghi dòng nào.")
	}
	if err != nil {
		return nil, s.storeErr(err, "record certificates")
	}
	return out, nil
}

// VerifyCertificate returns the certificate with the id printed in its QR
// code, or a NotFound error saying plainly that no such certificate exists.
func (s *Service) VerifyCertificate(ctx context.Context, id string) (Certificate, error) {
	uid, err := ParseID("id", id)
	if err != nil {
		return Certificate{}, err
	}
	c, err := s.store.Certificate(ctx, uid)
	if errors.Is(err, ErrNotFound) {
		return Certificate{}, apperr.New(apperr.NotFound, "certificate_not_found",
			fmt.Sprintf("Không có bằng khen, giấy khen nào mang mã %s trong sổ của cơ quan: giấy tờ này không do cơ quan cấp hoặc mã bị sai.", uid))
	}
	if err != nil {
		return Certificate{}, s.storeErr(err, "verify certificate")
	}
	// The decision it cites is checked against the register (issue 10
	// item 13): a cancelled decision voids its certificates. A decision
	// recorded as another authority's is still looked up (its ký hiệu
	// however written): when the register holds it after all, its real
	// state is told; otherwise that it was not checked.
	check := s.CheckDecision
	if c.DecisionExternal {
		check = s.lookAlike
	}
	chk, err := check(ctx, c.Agency, c.Decision)
	if err != nil {
		return Certificate{}, err
	}
	if c.DecisionExternal && chk.Record == nil {
		chk.State = DecisionExternal
	}
	// Trimmed for a public route: no trích yếu, recipients, actors or
	// cancel reason (an internal note), only that and when it was cancelled.
	if chk.Record != nil {
		chk.Record = &Record{ID: chk.Record.ID, Agency: chk.Record.Agency, Year: chk.Record.Year, NumberText: chk.Record.NumberText,
			Symbol: chk.Record.Symbol, KindName: chk.Record.KindName, Date: chk.Record.Date, Status: chk.Record.Status,
			CancelledAt: chk.Record.CancelledAt, Files: []FileInfo{}}
	}
	c.DecisionCheck = &chk
	return c, nil
}

// storeErr maps store sentinels to apperr errors.
func (s *Service) storeErr(err error, op string) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, ErrDuplicate):
		return apperr.New(apperr.Conflict, "duplicate_number",
			"Số và ký hiệu này đã được cấp trong năm: số, ký hiệu văn bản phải là duy nhất trong năm.")
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return apperr.New(apperr.Unavailable, "cancelled", "Yêu cầu đã bị hủy hoặc quá thời gian chờ; chưa có gì được ghi.")
	}
	if e := faultErr(err, op); e != nil {
		return e
	}
	return apperr.Wrap(err, op)
}

// Input returns the exact input record id was issued from: NotFound when
// there is no such record, or when it was registered (made elsewhere) and
// so has no input here.
func (s *Service) Input(ctx context.Context, id string) (Record, []byte, error) {
	rec, err := s.Get(ctx, id)
	if err != nil {
		return Record{}, nil, err
	}
	data, err := s.store.Input(ctx, rec.ID)
	if errors.Is(err, ErrNotFound) {
		return rec, nil, apperr.New(apperr.NotFound, "input_not_kept",
			fmt.Sprintf("Văn bản %s không được ban hành từ vanban (chỉ đăng ký số) nên không có dữ liệu gốc.", rec.Ref()))
	}
	return rec, data, s.storeErr(err, "record input")
}

// CertificatesOf returns the certificates printed from the decision
// recorded as recordID, by số sổ vàng (none when it was never printed).
func (s *Service) CertificatesOf(ctx context.Context, recordID uuid.UUID) ([]Certificate, error) {
	cs, err := s.store.CertificatesOf(ctx, recordID)
	return cs, s.storeErr(err, "certificates of a decision")
}

// faultErr turns the faults of the machine that the caller can only wait out
// into 503 with a code saying which: a full disk (the database's or the file
// store's) or a database that cannot be reached. Nothing was recorded: the
// number was not used up. nil for any other error.
func faultErr(err error, op string) error {
	var ne net.Error
	switch {
	case errors.Is(err, ErrDiskFull), errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT):
		return &apperr.Error{Kind: apperr.Unavailable, Code: "disk_full", Err: fmt.Errorf("%s: %w", op, err),
			Detail: "Máy chủ hết dung lượng lưu trữ; chưa có gì được ghi và không mất số. Hãy báo quản trị viên, rồi thử lại sau."}
	case errors.Is(err, ErrUnavailable), errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ECONNRESET),
		errors.Is(err, syscall.EPIPE), errors.Is(err, driver.ErrBadConn), errors.Is(err, sql.ErrConnDone), errors.As(err, &ne):
		return &apperr.Error{Kind: apperr.Unavailable, Code: "database_unavailable", Err: fmt.Errorf("%s: %w", op, err),
			Detail: "Không kết nối được cơ sở dữ liệu của sổ văn bản; chưa có gì được ghi và không mất số. Vui lòng thử lại sau ít phút."}
	}
	return nil
}
