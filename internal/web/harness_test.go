package web_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/vanban/vanban/internal/account"
	"github.com/vanban/vanban/internal/award"
	"github.com/vanban/vanban/internal/campaign"
	"github.com/vanban/vanban/internal/certprint"
	"github.com/vanban/vanban/internal/commendation"
	"github.com/vanban/vanban/internal/docx"
	"github.com/vanban/vanban/internal/paperwork"
	"github.com/vanban/vanban/internal/pdf"
	"github.com/vanban/vanban/internal/pdf/certpdf"
	"github.com/vanban/vanban/internal/registry"
	"github.com/vanban/vanban/internal/registry/blobfs"
	"github.com/vanban/vanban/internal/sqlstore"
	"github.com/vanban/vanban/internal/tooltest"
	"github.com/vanban/vanban/internal/typeset"
	"github.com/vanban/vanban/internal/web"
	"github.com/vanban/vanban/templates"
	"github.com/vanban/vanban/templates/awards"
)

// env is a workspace over the real use cases: the document kinds, the PDF
// and DOCX renderers, the register and the accounts on SQLite in a
// temporary directory.
type env struct {
	srv       *httptest.Server
	docs      *paperwork.Service
	reg       *registry.Service
	accounts  *account.Service
	store     *sqlstore.Store
	campaigns *campaign.Service
}

var (
	sharedPDF     *pdf.Renderer
	sharedMetrics *typeset.Metrics
	sharedFonts   *pdf.Fonts
	sharedEnv     commendation.Env
)

func newDocs(t testing.TB) *paperwork.Service {
	t.Helper()
	if sharedPDF == nil {
		m, err := typeset.New()
		if err != nil {
			t.Fatal(err)
		}
		fonts, err := pdf.LoadFonts()
		if err != nil {
			t.Fatal(err)
		}
		sharedPDF, sharedMetrics, sharedFonts = pdf.New(m, fonts), m, fonts
	}
	p, m := sharedPDF, sharedMetrics
	cat, err := award.LoadCatalogue(awards.FS)
	if err != nil {
		t.Fatal(err)
	}
	wording, err := commendation.LoadWording(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	cenv := commendation.Env{Metrics: m, Catalogue: cat, Wording: wording}
	sharedEnv = cenv
	return paperwork.New(map[paperwork.Format]paperwork.Renderer{paperwork.PDF: p, paperwork.DOCX: docx.New(m)},
		// The Kế hoạch and the award Tờ trình and Quyết định, the first three.
		paperwork.Kinds(paperwork.KindsEnv{Metrics: m, Catalogue: cat, Wording: wording})[:3]...)
}

func newEnv(t testing.TB) *env {
	t.Helper()
	return newEnvPadded(t, 0)
}

// newEnvPadded is newEnv with a register padding its numbers to padding
// digits (0: the default, "05").
func newEnvPadded(t testing.TB, padding int) *env {
	t.Helper()
	dir := t.TempDir()
	ctx := context.Background()
	store, err := sqlstore.Open(ctx, dir, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	blobs, err := blobfs.Open(filepath.Join(dir, "files"))
	if err != nil {
		t.Fatal(err)
	}
	reg, err := registry.New(store, blobs, registry.Config{Now: time.Now, Padding: padding})
	if err != nil {
		t.Fatal(err)
	}
	acc := account.New(store, account.Config{MemoryKiB: 1024, Passes: 1})
	e := &env{docs: newDocs(t), reg: reg, accounts: acc, store: store}
	e.campaigns = &campaign.Service{Store: store, Catalogue: sharedEnv.Catalogue, Register: reg, Now: time.Now}
	e.docs.Resolve = e.campaigns.ApplyProfile
	e.docs.Register = reg
	printer := &campaign.Printer{Register: reg, Commendation: sharedEnv,
		Generator: certprint.Generator{PDF: certpdf.New(sharedFonts), Metrics: sharedMetrics}}
	h, err := web.New(web.Config{Loopback: true}, web.Deps{Documents: e.docs, Register: testRegister{e}, Accounts: acc,
		Campaigns: e.campaigns, Printer: printer}, nil)
	if err != nil {
		t.Fatal(err)
	}
	e.srv = httptest.NewServer(h)
	t.Cleanup(e.srv.Close)
	return e
}

// testRegister is the register as cmd/vanban wires it, reduced to what the
// pages call: numbering and issuing are paperwork's.
type testRegister struct{ e *env }

func (r testRegister) Next(ctx context.Context, data []byte) (string, error) {
	return r.e.docs.NextNumber(ctx, data)
}

func (r testRegister) Issue(ctx context.Context, data []byte, f paperwork.Format) (registry.Record, paperwork.File, error) {
	return r.e.docs.Issue(ctx, data, f)
}

func (r testRegister) List(ctx context.Context, q registry.Query) (registry.Page, error) {
	return r.e.reg.List(ctx, q)
}
func (r testRegister) Get(ctx context.Context, id string) (registry.Record, error) {
	return r.e.reg.Get(ctx, id)
}
func (r testRegister) OpenFile(ctx context.Context, id, name string) (registry.FileInfo, io.ReadCloser, error) {
	return r.e.reg.OpenFile(ctx, id, name)
}
func (r testRegister) Cancel(ctx context.Context, id, reason string) (registry.Record, error) {
	return r.e.reg.Cancel(ctx, id, reason)
}
func (r testRegister) Export(ctx context.Context, year int, format string) (paperwork.File, error) {
	return paperwork.File{Name: "so.xlsx", ContentType: "application/octet-stream", Data: []byte("x")}, nil
}

// browserPath finds Debian's Chromium; without it the browser tests skip,
// unless CI=true, where they fail.
func browserPath(t testing.TB) string {
	t.Helper()
	return tooltest.Need(t, "chromium", "chromium-browser", "google-chrome", "chrome")
}

// noRedirect is a client that shows redirects instead of following them.
func noRedirect() *http.Client {
	return &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}
