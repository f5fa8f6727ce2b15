package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/campaign"
	"github.com/vanban/vanban/internal/jsonin"
	"github.com/vanban/vanban/internal/paperwork"
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

// openRegistry opens the register: PostgreSQL when databaseURL is set, with
// the issued files in the database too (every instance serves what another
// issued); else SQLite in dataDir, the issued files under dataDir/files.
func (a *app) openRegistry(ctx context.Context, dataDir, databaseURL string) (*registry.Service, func(), error) {
	cfg := a.registry
	store, err := sqlstore.Open(ctx, dataDir, databaseURL)
	if err != nil {
		return nil, nil, apperr.Wrap(err, "open register")
	}
	var blobs registry.Blobs
	if store.Backend() == sqlstore.Postgres {
		var db sqlstore.Blobs
		db, err = store.Blobs()
		// Files issued before they moved into the database stay readable
		// from the data directory.
		if dir := filepath.Join(dataDir, "files"); err == nil && dataDir != "" && isDir(dir) {
			db.Fallback, err = blobfs.Open(dir)
		}
		blobs = db
	} else {
		blobs, err = blobfs.Open(filepath.Join(dataDir, "files"))
	}
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
	a.docs.Register = svc
	a.printer = &campaign.Printer{Register: svc, Commendation: a.kindsEnv().Commendation(nil),
		Generator: a.docs.Certificates, VerifyBaseURL: a.docs.VerifyBaseURL, Emblems: store}
	a.store = store
	return svc, func() { store.Close() }, nil
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
	late := fs.Bool("late", false, "đăng ký muộn (register): văn bản ngày thuộc năm đã khóa sổ")
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
	a, err := newApp(c.getenv("VANBAN_TEMPLATES"), func(name string) string {
		if name == "VANBAN_AGENCY" {
			return *agency
		}
		return c.getenv(name)
	})
	if err != nil {
		return c.report(err)
	}
	_, closeReg, err := a.openRegistry(c.ctx, *data, *dbURL)
	if err != nil {
		return c.report(err)
	}
	defer closeReg()
	reg := a.docs.Registry()
	switch sub {
	case "issue":
		f, err := paperwork.ParseFormat(filepath.Ext(*out))
		if err != nil {
			return c.report(err)
		}
		raw, err := c.readInput(*in)
		if err != nil {
			fmt.Fprintf(c.stderr, "vanban: %v\n", err)
			return exitError
		}
		rec, file, err := reg.Issue(c.ctx, raw, f)
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
		req.Late = req.Late || *late
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
		fmt.Fprintln(tw, "Số, ký hiệu\tNgày\tTrích yếu\tNgười ký\tTrạng thái\tVào sổ\tMã")
		for _, r := range page.Records {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.Ref(), r.Date.Padded(), r.Summary, r.Signer, statusOf(r), whoOf(r), r.ID)
		}
		tw.Flush()
		fmt.Fprintf(c.stderr, "%d/%d văn bản\n", len(page.Records), page.Total)
	case "export":
		file, err := a.docs.ExportRegister(c.ctx, *agency, *year, strings.TrimPrefix(filepath.Ext(*out), "."))
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
  register  --in YÊU-CẦU.json [--late]            cấp số cho văn bản làm ở nơi khác (--late: đăng ký muộn vào sổ năm cũ)
  list      [--year N] [--kind QĐ] [--q TỪ]       xem sổ
  export    --year N --out SỔ.xlsx|SỔ.pdf         xuất sổ đăng ký văn bản đi
  cancel    --id MÃ --reason "…"                  hủy văn bản (giữ số)
`

// statusOf is the status column of the listing: the status, the late mark,
// who cancelled.
func statusOf(r registry.Record) string {
	s := r.Status.Label()
	if r.Late {
		s += " (đăng ký muộn)"
	}
	if r.Status == registry.Cancelled && !r.CancelledBy.IsZero() {
		s += " bởi " + r.CancelledBy.String()
	}
	return s
}

// whoOf is who put the record in the register, and when (Vietnam time).
func whoOf(r registry.Record) string {
	at := r.CreatedAt.In(registry.Vietnam).Format("02/01/2006 15:04")
	if r.CreatedBy.IsZero() {
		return at
	}
	return r.CreatedBy.String() + ", " + at
}

// isDir reports whether path is a directory.
func isDir(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}

func envOr(getenv func(string) string, name, def string) string {
	if v := getenv(name); v != "" {
		return v
	}
	return def
}
