package httpapi

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/google/uuid"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/award"
	"github.com/vanban/vanban/internal/campaign"
	"github.com/vanban/vanban/internal/document"
	"github.com/vanban/vanban/internal/jsonin"
	"github.com/vanban/vanban/internal/letterhead"
	"github.com/vanban/vanban/internal/nominations"
	"github.com/vanban/vanban/internal/paperwork"
	"github.com/vanban/vanban/internal/registry"
)

// planSchema is a small but real schema of a fake kind, in the style of the
// kinds' schemas (draft 2020-12, no additional properties).
const planSchema = `{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://vanban.local/schemas/ke-hoach.json",
  "title": "Kế hoạch",
  "type": "object",
  "additionalProperties": false,
  "required": ["kind", "date", "agency", "summary"],
  "properties": {
    "kind": {"const": "ke-hoach"},
    "number": {"type": ["integer", "null"], "minimum": 1},
    "date": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$"},
    "agency": {"$ref": "#/$defs/agency"},
    "summary": {"type": "string", "minLength": 1},
    "recipients": {"type": "array", "items": {"type": "string"}}
  },
  "$defs": {
    "agency": {
      "type": "object", "additionalProperties": false, "required": ["name"],
      "properties": {"name": {"type": "string"}, "abbreviation": {"type": "string"}}
    }
  }
}`

const planExample = `{
  "kind": "ke-hoach",
  "number": null,
  "date": "2021-12",
  "agency": {"name": "Sở Văn hóa, Thể thao và Du lịch", "abbreviation": "SVHTTDL"},
  "summary": "Triển khai phong trào thi đua đặc biệt",
  "recipients": ["UBND tỉnh"]
}`

// planInput is what the fake kind decodes, strictly, with the real jsonin.
type planInput struct {
	Kind    string `json:"kind"`
	Number  *int   `json:"number"`
	Date    string `json:"date"`
	Summary string `json:"summary"`
	Agency  struct {
		Name         string `json:"name"`
		Abbreviation string `json:"abbreviation"`
	} `json:"agency"`
	Recipients []string `json:"recipients"`
}

func preparePlan(data []byte, _ *letterhead.Stamp) (*letterhead.Draft, apperr.Problems, error) {
	var in planInput
	if err := jsonin.Decode(data, &in); err != nil {
		return nil, nil, err
	}
	var ps apperr.Problems
	if in.Summary == "" {
		ps.Add("summary", "required", "Chưa có trích yếu.")
	}
	if in.Number != nil && *in.Number <= 0 {
		ps.Add("number", "invalid_number", "Số phải lớn hơn 0.")
	}
	if err := ps.Err(); err != nil {
		return nil, nil, err
	}
	return letterhead.NewDraft(&letterhead.Checked{}, in.Summary, func() (document.Document, apperr.Problems, error) {
		return document.Document{FileName: "KH-" + in.Agency.Abbreviation}, nil, nil
	}), nil, nil
}

// echoRenderer writes the format and the file name: enough to check the
// route end to end without the real renderers.
type echoRenderer string

func (r echoRenderer) Render(w io.Writer, d document.Document) error {
	_, err := io.WriteString(w, string(r)+":"+d.FileName)
	return err
}

func planKind() paperwork.Kind {
	return paperwork.Kind{Name: "ke-hoach", Title: "Kế hoạch", Schema: func() []byte { return []byte(planSchema) }, Example: []byte(planExample), Prepare: preparePlan}
}

// realDocuments is the real paperwork.Service over the fake kind.
func realDocuments() *paperwork.Service {
	return paperwork.New(map[paperwork.Format]paperwork.Renderer{paperwork.PDF: echoRenderer("pdf"), paperwork.DOCX: echoRenderer("docx")}, planKind())
}

// fakeDocs lets a test decide what a render does.
type fakeDocs struct {
	render func(ctx context.Context, data []byte, f paperwork.Format) (paperwork.File, error)
}

func (d *fakeDocs) Render(ctx context.Context, data []byte, f paperwork.Format) (paperwork.File, error) {
	return d.render(ctx, data, f)
}

func (d *fakeDocs) Kinds() []paperwork.Kind { return []paperwork.Kind{planKind()} }

// Check answers from the render fake: its error's problems, or the file's
// warnings.
func (d *fakeDocs) Check(ctx context.Context, data []byte) (paperwork.CheckResult, error) {
	f, err := d.render(ctx, data, paperwork.PDF)
	res := paperwork.CheckResult{OK: err == nil, Errors: apperr.Problems{}, Warnings: f.Warnings}
	if err != nil {
		ae := apperr.As(err)
		if ae.Kind != apperr.Invalid {
			return paperwork.CheckResult{}, err
		}
		res.Errors = ae.Problems
	}
	return res, nil
}

// RenderWithDraft renders data as it is (the draft is the real
// paperwork's business).
func (d *fakeDocs) RenderWithDraft(ctx context.Context, data []byte, _ paperwork.Draft, f paperwork.Format) (paperwork.File, error) {
	return d.render(ctx, data, f)
}

// fakeAwards lists one award form and records what it imports.
type fakeAwards struct {
	mu       sync.Mutex
	filename string
	size     int64
	data     []byte
}

func (*fakeAwards) AwardForms(context.Context) (paperwork.AwardForms, error) {
	return paperwork.AwardForms{Forms: []award.Form{{ID: "giay-khen-giam-doc-so", Name: "Giấy khen của Giám đốc Sở"}}}, nil
}

func (f *fakeAwards) ImportNominations(ctx context.Context, r io.Reader, filename string, size int64, _ string, _ award.Kind) (*nominations.Result, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	f.mu.Lock()
	f.filename, f.size, f.data = filename, size, b
	f.mu.Unlock()
	if bytes.HasPrefix(b, []byte("BAD")) {
		return nil, &apperr.Error{Kind: apperr.Invalid, Code: "no_header_row", Detail: "Không tìm thấy dòng tiêu đề.",
			Problems: []apperr.Problem{{Sheet: "Sheet1", Row: 3, Column: "B", Code: "no_header_row", Message: "Không có cột \"Họ và tên\"."}}}
	}
	return &nominations.Result{Nominations: []award.Nomination{{Name: "Nguyễn Văn A"}}}, nil
}

type fakeCertificates struct{}

func (fakeCertificates) PrintCertificates(ctx context.Context, in paperwork.CertificateBatch) (paperwork.PrintedBatch, error) {
	var v map[string]any
	if err := jsonin.Decode(in.Data, &v); err != nil {
		return paperwork.PrintedBatch{}, err
	}
	if !in.Record {
		return paperwork.PrintedBatch{}, apperr.New(apperr.Internal, "not_recorded", "certificates printed over HTTP must be recorded")
	}
	ct := "application/pdf"
	if in.Format == "zip" {
		ct = "application/zip"
	}
	return paperwork.PrintedBatch{File: paperwork.File{Name: "Giấy khen." + in.Format, ContentType: ct, Data: []byte("certs:" + in.Format)}}, nil
}

const (
	knownID  = "3f2b8c1e-5d7a-4c1e-9b2a-0c6d8e4f1a2b"
	unknown  = "00000000-0000-4000-8000-000000000001"
	evilName = `<script>alert("x")</script> Nguyễn Văn A`
)

type fakeRegistry struct {
	mu     sync.Mutex
	query  registry.Query
	reason string
	issued int
	// actors are who the register was told did each write.
	actors []registry.Actor
}

func (r *fakeRegistry) act(ctx context.Context) {
	r.mu.Lock()
	r.actors = append(r.actors, registry.ActorFrom(ctx))
	r.mu.Unlock()
}

func notFoundRecord(id string) error {
	return apperr.New(apperr.NotFound, "record_not_found", "Không có văn bản nào mang mã "+id+".")
}

// record is the fake's only record, 05/KH-SVHTTDL.
func record() registry.Record {
	return registry.Record{ID: uuid.MustParse(knownID), Agency: "SVHTTDL", Year: 2026, Number: 5, NumberText: "05",
		Symbol: "KH-SVHTTDL", Kind: "KH", Status: registry.Issued}
}

func (r *fakeRegistry) Issue(ctx context.Context, data []byte, f paperwork.Format) (registry.Record, paperwork.File, error) {
	r.act(ctx)
	r.mu.Lock()
	r.issued++
	r.mu.Unlock()
	return record(), paperwork.File{Name: "KH-SVHTTDL." + string(f), ContentType: f.ContentType(), Data: []byte("issued")}, nil
}

func (r *fakeRegistry) Register(ctx context.Context, req registry.RegisterRequest) (registry.Record, error) {
	r.act(ctx)
	rec := record()
	rec.Number, rec.NumberText, rec.Status = 6, "06", registry.Registered
	return rec, nil
}

func (r *fakeRegistry) List(ctx context.Context, q registry.Query) (registry.Page, error) {
	r.mu.Lock()
	r.query = q
	r.mu.Unlock()
	return registry.Page{Records: []registry.Record{}, Limit: q.Limit, Offset: q.Offset}, nil
}

func (r *fakeRegistry) Get(ctx context.Context, id string) (registry.Record, error) {
	if id != knownID {
		return registry.Record{}, notFoundRecord(id)
	}
	return record(), nil
}

func (r *fakeRegistry) OpenFile(ctx context.Context, id, name string) (registry.FileInfo, io.ReadCloser, error) {
	if id != knownID {
		return registry.FileInfo{}, nil, notFoundRecord(id)
	}
	data := "%PDF-stored"
	return registry.FileInfo{Name: "Kế hoạch 05.pdf", ContentType: "application/pdf", Size: int64(len(data))},
		io.NopCloser(strings.NewReader(data)), nil
}

func (r *fakeRegistry) Cancel(ctx context.Context, id, reason string) (registry.Record, error) {
	if id != knownID {
		return registry.Record{}, notFoundRecord(id)
	}
	r.act(ctx)
	r.mu.Lock()
	r.reason = reason
	r.mu.Unlock()
	rec := record()
	rec.Status = registry.Cancelled
	return rec, nil
}

func (r *fakeRegistry) Export(ctx context.Context, year int, format string) (paperwork.File, error) {
	if year == 1999 {
		return paperwork.File{}, apperr.New(apperr.NotFound, "empty_register", "Sổ năm 1999 chưa có văn bản nào.")
	}
	ct := mimeXLSX
	if format == "pdf" {
		ct = "application/pdf"
	}
	return paperwork.File{Name: "Sổ đăng ký văn bản đi 2024." + format, ContentType: ct, Data: []byte("export")}, nil
}

func (r *fakeRegistry) Verify(ctx context.Context, id string) (paperwork.VerifiedCertificate, error) {
	if id != knownID {
		return paperwork.VerifiedCertificate{}, apperr.New(apperr.NotFound, "certificate_not_found", "Không có bằng khen, giấy khen nào mang mã này.")
	}
	return paperwork.VerifiedCertificate{ID: id, Agency: "Sở Văn hóa, Thể thao và Du lịch", Kind: "Giấy khen", RecipientName: evilName,
		DecisionRef: "12/QĐ-SVHTTDL", DecisionDate: "2022-01-05", DecisionIssuer: "Giám đốc Sở", GoldenBook: 7}, nil
}

// logBuffer collects JSON log lines safely across goroutines.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

func allDeps() Deps {
	return Deps{
		Documents: realDocuments(), Awards: &fakeAwards{}, Certificates: fakeCertificates{}, Registry: &fakeRegistry{},
		Campaigns: &campaign.Service{}, Printer: &campaign.Printer{},
	}
}

// completed fills the dependencies a test leaves out with the fakes of
// allDeps: New requires every one.
func completed(deps Deps) Deps {
	all := allDeps()
	if deps.Documents == nil {
		deps.Documents = all.Documents
	}
	if deps.Awards == nil {
		deps.Awards = all.Awards
	}
	if deps.Certificates == nil {
		deps.Certificates = all.Certificates
	}
	if deps.Registry == nil {
		deps.Registry = all.Registry
	}
	if deps.Campaigns == nil {
		deps.Campaigns = all.Campaigns
	}
	if deps.Printer == nil {
		deps.Printer = all.Printer
	}
	return deps
}

// newTestServer builds a server over deps, the missing ones completed
// with fakes.
func newTestServer(t testing.TB, cfg Config, deps Deps) (*Server, *logBuffer) {
	t.Helper()
	logs := &logBuffer{}
	if cfg.Addr == "" {
		cfg.Addr = "127.0.0.1:0"
	}
	s, err := New(cfg, completed(deps), slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
	if err != nil {
		t.Fatal(err)
	}
	return s, logs
}

type hdr map[string]string

func do(t testing.TB, h http.Handler, method, target string, body io.Reader, headers hdr) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, target, body)
	req.Host = "127.0.0.1:8080" // the service refuses foreign Host names while writes are open without a key
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func doJSON(t testing.TB, h http.Handler, method, target, body string, headers hdr) *httptest.ResponseRecorder {
	t.Helper()
	if headers == nil {
		headers = hdr{}
	}
	if _, ok := headers["Content-Type"]; !ok {
		headers["Content-Type"] = "application/json"
	}
	return do(t, h, method, target, strings.NewReader(body), headers)
}

// problemOf decodes a problem document, checking the fields every problem
// must have.
func problemOf(t testing.TB, rec *httptest.ResponseRecorder, wantStatus int, wantCode string) Problem {
	t.Helper()
	if rec.Code != wantStatus {
		t.Fatalf("status %d, want %d; body %s", rec.Code, wantStatus, rec.Body.String())
	}
	if ct := rec.Header().Get("Content-Type"); ct != "application/problem+json" {
		t.Fatalf("Content-Type %q, want application/problem+json", ct)
	}
	var p Problem
	dec := json.NewDecoder(bytes.NewReader(rec.Body.Bytes()))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		t.Fatalf("problem body %s: %v", rec.Body.String(), err)
	}
	id := rec.Header().Get("X-Request-Id")
	switch {
	case p.Status != wantStatus:
		t.Errorf("problem status %d, want %d", p.Status, wantStatus)
	case p.Code != wantCode:
		t.Errorf("problem code %q, want %q (detail %q)", p.Code, wantCode, p.Detail)
	case p.Type != "/docs#problem-"+wantCode:
		t.Errorf("problem type %q", p.Type)
	case p.Title == "" || p.Title != titles[wantStatus]:
		t.Errorf("problem title %q, want %q", p.Title, titles[wantStatus])
	case p.Detail == "":
		t.Error("problem without detail")
	case id == "" || p.RequestID != id:
		t.Errorf("problem requestId %q, X-Request-Id %q", p.RequestID, id)
	case p.Instance != "urn:uuid:"+id:
		t.Errorf("problem instance %q, want urn:uuid:%s", p.Instance, id)
	}
	return p
}

func hasProblemAt(p Problem, field, code string) bool {
	for _, e := range p.Errors {
		if e.Field == field && e.Code == code && e.Message != "" {
			return true
		}
	}
	return false
}
