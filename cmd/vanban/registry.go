package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/google/uuid"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/award"
	"github.com/vanban/vanban/internal/campaign"
	"github.com/vanban/vanban/internal/certificate"
	"github.com/vanban/vanban/internal/commendation"
	"github.com/vanban/vanban/internal/documents"
	"github.com/vanban/vanban/internal/httpapi"
	"github.com/vanban/vanban/internal/jsonin"
	"github.com/vanban/vanban/internal/letterhead"
	"github.com/vanban/vanban/internal/nd30"
	"github.com/vanban/vanban/internal/pdf/certpdf"
	"github.com/vanban/vanban/internal/plan"
	"github.com/vanban/vanban/internal/registry"
	"github.com/vanban/vanban/internal/registry/blobfs"
	"github.com/vanban/vanban/internal/sqlstore"
)

// registryConfig is how the agency numbers its documents, from the
// environment: VANBAN_AGENCY (the agency code of the register, "SVHTTDL"),
// VANBAN_SERIES ("quyet-dinh:QĐ;chung": a series of its own for
// Quyết định, one shared series for the rest), VANBAN_NUMBER_PADDING (2).
func registryConfig(getenv func(string) string) (registry.Config, error) {
	cfg := registry.Config{Now: time.Now, Agency: getenv("VANBAN_AGENCY")}
	if p := getenv("VANBAN_NUMBER_PADDING"); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil {
			return cfg, fmt.Errorf("VANBAN_NUMBER_PADDING=%q không phải số", p)
		}
		cfg.Padding = n
	}
	for _, part := range strings.Split(getenv("VANBAN_SERIES"), ";") {
		if part = strings.TrimSpace(part); part == "" {
			continue
		}
		name, kinds, _ := strings.Cut(part, ":")
		s := registry.Series{Name: strings.TrimSpace(name)}
		for _, k := range strings.Split(kinds, ",") {
			if k = strings.TrimSpace(k); k != "" {
				s.Kinds = append(s.Kinds, k)
			}
		}
		cfg.Series = append(cfg.Series, s)
	}
	return cfg, nil
}

// openRegistry opens the register: PostgreSQL when databaseURL is set, else
// SQLite in dataDir; issued files are kept under dataDir/files.
func (a *app) openRegistry(ctx context.Context, dataDir, databaseURL string) (*registry.Service, func(), error) {
	cfg, err := registryConfig(a.getenv)
	if err != nil {
		return nil, nil, apperr.New(apperr.Invalid, "invalid_config", err.Error())
	}
	store, err := sqlstore.Open(ctx, dataDir, databaseURL)
	if err != nil {
		return nil, nil, apperr.Wrap(err, "open register")
	}
	blobs, err := blobfs.Open(filepath.Join(dataDir, "files"))
	if err != nil {
		store.Close()
		return nil, nil, apperr.Wrap(err, "open register files")
	}
	svc, err := registry.New(store, blobs, cfg)
	if err != nil {
		store.Close()
		return nil, nil, err
	}
	// The campaigns, drafts and profiles live in the same database; a
	// document naming a saved profile is completed from it.
	a.campaigns = &campaign.Service{Store: store, Catalogue: a.catalogue, Register: svc, Now: func() time.Time {
		c := svc.Config()
		return c.Now().In(c.Location)
	}}
	a.docs.Resolve = a.campaigns.ApplyProfile
	a.printer = &campaign.Printer{Register: svc, Commendation: a.commendationEnv(),
		Generator: certificate.Generator{PDF: certpdf.New(a.fonts), Metrics: a.metrics}, VerifyBaseURL: a.getenv("VANBAN_VERIFY_BASE_URL")}
	a.store = store
	return svc, func() { store.Close() }, nil
}

// docTypes maps each kind to its NĐ30 type, for the register.
var docTypes = map[string]string{
	plan.Kind:                  "Kế hoạch",
	commendation.ToTrinhKind:   "Tờ trình",
	commendation.QuyetDinhKind: "Quyết định",
}

// issueMeta is what the register records of a document input: the shared
// letterhead, read leniently (the kind's own decoder is strict).
type issueMeta struct {
	Kind string `json:"kind"`
	letterhead.Fields
}

// issue numbers, renders (PDF and DOCX, both kept) and records a document of
// any kind, atomically: the document is validated before a number is
// taken, and a render that fails consumes none. It returns the record and
// the file in the format asked for.
func (a *app) issue(ctx context.Context, reg *registry.Service, data []byte, f documents.Format) (registry.Record, documents.File, error) {
	if a.docs.Resolve != nil {
		var err error
		if data, err = a.docs.Resolve(ctx, data); err != nil {
			return registry.Record{}, documents.File{}, err
		}
	}
	doc, _, err := a.docs.Build(data)
	if err != nil {
		return registry.Record{}, documents.File{}, err
	}
	var meta issueMeta
	if err := json.Unmarshal(data, &meta); err != nil {
		return registry.Record{}, documents.File{}, apperr.Wrap(err, "issue")
	}
	if meta.Number != nil {
		return registry.Record{}, documents.File{}, apperr.Invalidf("number", "number_given",
			"Văn bản được cấp số khi ban hành: bỏ trường \"number\" (số sẽ lấy theo sổ đăng ký văn bản đi).")
	}
	t, ok := nd30.LookupType(docTypes[meta.Kind])
	if !ok {
		return registry.Record{}, documents.File{}, apperr.Invalidf("kind", "not_registrable", "Loại văn bản %q chưa được cấp số qua sổ.", meta.Kind)
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(data, &fields); err != nil {
		return registry.Record{}, documents.File{}, apperr.Wrap(err, "issue")
	}
	req := registry.IssueRequest{
		Agency: meta.Agency.Abbreviation, Kind: t.Abbreviation, KindName: t.Name,
		Symbol: nd30.Symbol(t, meta.Agency.Abbreviation), Summary: doc.Subject, Signer: meta.Signer.Name,
		Recipients: meta.Recipients, Archive: strings.Join(append([]string{"VT"}, meta.Archive...), ", "),
	}
	var out documents.File
	var issued []byte
	req.Input = func(string, nd30.Date) ([]byte, error) { return issued, nil }
	rec, err := reg.Issue(ctx, req, func(ctx context.Context, number string, date nd30.Date) ([]registry.File, error) {
		n, err := strconv.Atoi(number)
		if err != nil {
			return nil, apperr.Wrap(err, "issue number")
		}
		fields["number"], _ = json.Marshal(n)
		fields["numberWidth"], _ = json.Marshal(len(number)) // the register's padding
		fields["date"], _ = json.Marshal(date.String())
		numbered, err := json.Marshal(fields)
		if err != nil {
			return nil, apperr.Wrap(err, "issue")
		}
		issued = numbered
		// The issued file is the one asked for (the PDF that is signed and
		// sent, or the DOCX); it is kept byte for byte with its SHA-256.
		// Keeping the other format too would cost a second stored file
		// (and its fsyncs) inside the series lock: about 20 % of the
		// issuing rate on this machine's disk (BENCHMARKS.md).
		file, err := a.docs.Render(ctx, numbered, f)
		if err != nil {
			return nil, err
		}
		out = file
		if given := strings.TrimSpace(meta.Date); given != "" && given != nd30.Date(date).String() {
			out.Warnings = append(out.Warnings, apperr.Problem{Field: "date", Code: "date_replaced", Warning: true,
				Message: fmt.Sprintf("Ngày %s ghi trong dữ liệu đã được thay bằng ngày ban hành %s (ngày cấp số).", given, nd30.Date(date).String())})
		}
		return []registry.File{{Name: file.Name, ContentType: file.ContentType, Data: file.Data}}, nil
	})
	if err != nil {
		return registry.Record{}, documents.File{}, err
	}
	return rec, out, nil
}

// recordCertificates records every certificate of a batch in the register,
// so that its QR code can be verified.
func (a *app) recordCertificates(ctx context.Context, reg *registry.Service, b *certificate.Batch, job *certificate.Job) error {
	d, err := nd30.ParseDate(b.Decision.Date)
	if err != nil {
		return apperr.Invalidf("decision.date", "invalid_date", "Ngày quyết định: %v.", err)
	}
	agency := b.Decision.Symbol
	if _, after, ok := strings.Cut(agency, "-"); ok {
		agency = after
	}
	dec := registry.Decision{
		Ref:    b.Decision.Ref(),
		Date:   d,
		Issuer: b.Decision.IssuerTitle,
	}
	var cs []registry.Certificate
	for _, is := range job.Issued() {
		id, err := uuid.Parse(is.UUID)
		if err != nil {
			return apperr.Wrap(err, "certificate id")
		}
		r := is.Recipient
		name, unit := r.Name, r.ParentUnit
		if r.Kind == award.Individual {
			name = strings.TrimSpace(r.Honorific() + " " + r.Name)
			unit = strings.Trim(r.Position+", "+r.Unit, ", ")
		}
		cs = append(cs, registry.Certificate{ID: id, Agency: agency, Decision: dec, RecipientName: name, RecipientUnit: unit,
			Kind: b.Kind.Title(), GoldenBook: is.Number})
	}
	_, err = reg.RecordCertificates(ctx, cs)
	return err
}

// registryAPI adapts the register to the HTTP layer.
type registryAPI struct {
	a   *app
	reg *registry.Service
}

var (
	_ httpapi.Registry = registryAPI{}
	_ httpapi.Verifier = registryAPI{}
)

func (r registryAPI) Issue(ctx context.Context, data []byte, f documents.Format) (httpapi.Issued, error) {
	rec, file, err := r.a.issue(ctx, r.reg, data, f)
	if err != nil {
		return httpapi.Issued{}, err
	}
	return httpapi.Issued{ID: rec.ID.String(), Ref: rec.Ref(), File: file}, nil
}

func (r registryAPI) Register(ctx context.Context, data []byte) (any, error) {
	var req registry.RegisterRequest
	if err := jsonin.Decode(data, &req); err != nil {
		return nil, err
	}
	return r.reg.Register(ctx, req)
}

func (r registryAPI) List(ctx context.Context, q httpapi.RegistryQuery) (any, error) {
	per := q.PerPage
	page := max(q.Page, 1)
	if per == 0 {
		per = registry.DefaultLimit
	}
	return r.reg.List(ctx, registry.Query{Year: q.Year, Kind: q.Kind, Series: q.Series, Status: registry.Status(q.Status),
		Text: q.Text, Limit: per, Offset: (page - 1) * per})
}

func (r registryAPI) Get(ctx context.Context, id string) (any, error) { return r.reg.Get(ctx, id) }

func (r registryAPI) File(ctx context.Context, id, name string) (documents.File, error) {
	info, data, err := r.reg.File(ctx, id, name)
	if err != nil {
		return documents.File{}, err
	}
	return documents.File{Name: info.Name, ContentType: info.ContentType, Data: data}, nil
}

func (r registryAPI) Cancel(ctx context.Context, id, reason string) (any, error) {
	return r.reg.Cancel(ctx, id, reason)
}

func (r registryAPI) Export(ctx context.Context, year int, format string) (documents.File, error) {
	return r.a.exportRegister(ctx, r.reg, "", year, format)
}

func (r registryAPI) Verify(ctx context.Context, id string) (httpapi.Certificate, error) {
	c, err := r.reg.VerifyCertificate(ctx, id)
	if err != nil {
		return httpapi.Certificate{}, err
	}
	return httpapi.Certificate{
		ID: c.ID.String(), Agency: c.Agency, Kind: c.Kind, AwardForm: c.AwardForm,
		RecipientName: c.RecipientName, RecipientUnit: c.RecipientUnit,
		DecisionRef: c.Decision.Ref, DecisionDate: c.Decision.Date.String(), DecisionIssuer: c.Decision.Issuer,
		GoldenBook: c.GoldenBook,
	}, nil
}

// exportRegister writes the sổ đăng ký văn bản đi of a year as XLSX or PDF.
func (a *app) exportRegister(ctx context.Context, reg *registry.Service, agency string, year int, format string) (documents.File, error) {
	recs, err := reg.Records(ctx, agency, year, "")
	if err != nil {
		return documents.File{}, err
	}
	// The title names the agency in full when VANBAN_AGENCY_NAME is set.
	agency = recs[0].Agency
	if name := a.getenv("VANBAN_AGENCY_NAME"); name != "" {
		agency = nd30.Upper(name)
	}
	var buf bytes.Buffer
	name := fmt.Sprintf("so-van-ban-di-%d", year)
	switch strings.ToLower(format) {
	case "xlsx", "":
		if err := registry.WriteXLSX(&buf, year, recs); err != nil {
			return documents.File{}, apperr.Wrap(err, "export xlsx")
		}
		return documents.File{Name: name + ".xlsx", ContentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Data: buf.Bytes()}, nil
	case "pdf":
		if err := a.pdf.Render(&buf, registry.ExportDocument(agency, year, recs)); err != nil {
			return documents.File{}, apperr.Wrap(err, "export pdf")
		}
		return documents.File{Name: name + ".pdf", ContentType: "application/pdf", Data: buf.Bytes()}, nil
	}
	return documents.File{}, apperr.New(apperr.Unsupported, "unsupported_format", fmt.Sprintf("Định dạng %q không hỗ trợ; chọn xlsx hoặc pdf.", format))
}

func (c *cli) registry(args []string) int {
	if len(args) == 0 {
		fmt.Fprint(c.stderr, registryUsage)
		return exitUsage
	}
	sub, args := args[0], args[1:]
	switch sub {
	case "help", "-h", "--help":
		fmt.Fprint(c.stdout, registryUsage)
		return exitOK
	case "issue", "register", "list", "export", "cancel":
	default:
		fmt.Fprintf(c.stderr, "vanban registry: lệnh %q không có.\n\n%s", sub, registryUsage)
		return exitUsage
	}
	fs := c.flags("registry "+sub, "registry "+sub+" --data DIR …")
	data := fs.String("data", envOr(c.getenv, "VANBAN_DATA", "./data"), "thư mục dữ liệu (VANBAN_DATA)")
	dbURL := fs.String("database-url", c.getenv("VANBAN_DATABASE_URL"), "PostgreSQL thay cho SQLite (VANBAN_DATABASE_URL)")
	in := fs.String("in", "", "tệp JSON đầu vào (issue: văn bản; register: yêu cầu cấp số)")
	out := fs.String("out", "", "tệp kết quả (issue: .pdf hoặc .docx; export: .xlsx hoặc .pdf)")
	year := fs.Int("year", 0, "năm của sổ (list, export)")
	kind := fs.String("kind", "", "loại văn bản viết tắt, ví dụ QĐ (list)")
	q := fs.String("q", "", "tìm trong số, ký hiệu, trích yếu, người ký (list)")
	id := fs.String("id", "", "mã văn bản (cancel)")
	reason := fs.String("reason", "", "lý do hủy (cancel)")
	agency := fs.String("agency", c.getenv("VANBAN_AGENCY"), "mã cơ quan của sổ, ví dụ SVHTTDL (VANBAN_AGENCY)")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	// What is missing is said before the register is opened (and created).
	var missing string
	switch {
	case sub == "issue" && (*in == "" || *out == ""):
		missing = "vanban registry issue: cần --in VB.json và --out VB.pdf|VB.docx"
	case sub == "register" && *in == "":
		missing = "vanban registry register: cần --in YÊU-CẦU.json (kind, symbol, summary, signer…)"
	case sub == "export" && (*year == 0 || *out == ""):
		missing = "vanban registry export: cần --year NĂM và --out SỔ.xlsx|SỔ.pdf"
	case sub == "export" && !strings.EqualFold(filepath.Ext(*out), ".xlsx") && !strings.EqualFold(filepath.Ext(*out), ".pdf"):
		missing = "vanban registry export: --out phải là tệp .xlsx hoặc .pdf"
	case sub == "cancel" && *id == "":
		missing = "vanban registry cancel: cần --id MÃ-VĂN-BẢN và --reason \"…\""
	}
	if missing != "" {
		fmt.Fprintln(c.stderr, missing)
		return exitUsage
	}
	a, err := newApp(c.getenv("VANBAN_TEMPLATES"))
	if err != nil {
		return c.report(err)
	}
	a.getenv = func(name string) string {
		if name == "VANBAN_AGENCY" {
			return *agency
		}
		return c.getenv(name)
	}
	reg, closeReg, err := a.openRegistry(c.ctx, *data, *dbURL)
	if err != nil {
		return c.report(err)
	}
	defer closeReg()
	switch sub {
	case "issue":
		f, err := documents.ParseFormat(filepath.Ext(*out))
		if err != nil {
			return c.report(err)
		}
		raw, err := c.readInput(*in)
		if err != nil {
			fmt.Fprintf(c.stderr, "vanban: %v\n", err)
			return exitError
		}
		rec, file, err := a.issue(c.ctx, reg, raw, f)
		if err != nil {
			return c.report(err)
		}
		if err := c.writeOutput(*out, file.Data); err != nil {
			fmt.Fprintf(c.stderr, "vanban: %v (văn bản đã được cấp số %s, tải lại bằng mã %s)\n", err, rec.Ref(), rec.ID)
			return exitError
		}
		c.warn(file.Warnings)
		fmt.Fprintf(c.stdout, "Số: %s\tmã %s\n", rec.Ref(), rec.ID)
	case "register":
		raw, err := c.readInput(*in)
		if err != nil {
			fmt.Fprintf(c.stderr, "vanban: %v\n", err)
			return exitError
		}
		var req registry.RegisterRequest
		if err := jsonin.Decode(raw, &req); err != nil {
			return c.report(err)
		}
		rec, err := reg.Register(c.ctx, req)
		if err != nil {
			return c.report(err)
		}
		fmt.Fprintf(c.stdout, "Số: %s\tmã %s\n", rec.Ref(), rec.ID)
	case "list":
		page, err := reg.List(c.ctx, registry.Query{Year: *year, Kind: *kind, Text: *q, Limit: registry.MaxLimit})
		if err != nil {
			return c.report(err)
		}
		tw := tabwriter.NewWriter(c.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "Số, ký hiệu\tNgày\tTrích yếu\tNgười ký\tTrạng thái\tMã")
		for _, r := range page.Records {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", r.Ref(), r.Date.Padded(), r.Summary, r.Signer, statusLabel(r.Status), r.ID)
		}
		tw.Flush()
		fmt.Fprintf(c.stderr, "%d/%d văn bản\n", len(page.Records), page.Total)
	case "export":
		file, err := a.exportRegister(c.ctx, reg, *agency, *year, strings.TrimPrefix(filepath.Ext(*out), "."))
		if err != nil {
			return c.report(err)
		}
		if err := c.writeOutput(*out, file.Data); err != nil {
			fmt.Fprintf(c.stderr, "vanban: %v\n", err)
			return exitError
		}
	case "cancel":
		rec, err := reg.Cancel(c.ctx, *id, *reason)
		if err != nil {
			return c.report(err)
		}
		fmt.Fprintf(c.stdout, "Đã hủy %s (số được giữ, không cấp lại)\n", rec.Ref())
	}
	return exitOK
}

const registryUsage = `Cách dùng: vanban registry LỆNH --data DIR …
  issue     --in VB.json --out VB.pdf|VB.docx     cấp số, dựng và ghi sổ văn bản
  register  --in YÊU-CẦU.json                     cấp số cho văn bản làm ở nơi khác
  list      [--year N] [--kind QĐ] [--q TỪ]       xem sổ
  export    --year N --out SỔ.xlsx|SỔ.pdf         xuất sổ đăng ký văn bản đi
  cancel    --id MÃ --reason "…"                  hủy văn bản (giữ số)
`

func statusLabel(s registry.Status) string {
	switch s {
	case registry.Issued:
		return "đã ban hành"
	case registry.Registered:
		return "đã đăng ký"
	case registry.Cancelled:
		return "đã hủy"
	}
	return string(s)
}

func envOr(getenv func(string) string, name, def string) string {
	if v := getenv(name); v != "" {
		return v
	}
	return def
}
