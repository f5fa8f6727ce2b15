package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	vanban "github.com/vanban/vanban"
	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/award"
	"github.com/vanban/vanban/internal/campaign"
	"github.com/vanban/vanban/internal/certprint"
	"github.com/vanban/vanban/internal/commendation"
	"github.com/vanban/vanban/internal/document"
	"github.com/vanban/vanban/internal/docx"
	"github.com/vanban/vanban/internal/kinds"
	"github.com/vanban/vanban/internal/letterhead"
	"github.com/vanban/vanban/internal/paperwork"
	"github.com/vanban/vanban/internal/pdf"
	"github.com/vanban/vanban/internal/pdf/certpdf"
	"github.com/vanban/vanban/internal/plan"
	"github.com/vanban/vanban/internal/registry"
	"github.com/vanban/vanban/internal/sqlstore"
	"github.com/vanban/vanban/internal/typeset"
	"github.com/vanban/vanban/templates"
	"github.com/vanban/vanban/templates/awards"
)

// app is the wired core shared by the CLI and the service: fonts parsed once,
// renderers built once, every kind registered.
type app struct {
	metrics   *typeset.Metrics
	fonts     *pdf.Fonts // the faces every PDF embeds subsets of, parsed once
	pdf       *pdf.Renderer
	docx      *docx.Renderer
	docs      *paperwork.Service
	catalogue *award.Catalogue
	wording   *commendation.Wording
	// registry is how the agency numbers its documents.
	registry registry.Config
	// campaigns and printer are wired once the database is open
	// (openRegistry).
	campaigns *campaign.Service
	printer   *campaign.Printer
	// store is the database opened by openRegistry (register, accounts).
	store *sqlstore.Store
}

// newApp wires the core. templatesDir, when not empty, holds wording and award
// data files that replace the embedded ones of the same name.
func newApp(templatesDir string, getenv func(string) string) (*app, error) {
	// The fonts are parsed once: the layout measures with the metrics the
	// PDF renderer breaks lines with, and every PDF embeds subsets of the
	// same parsed faces.
	m, err := typeset.New()
	if err != nil {
		return nil, fmt.Errorf("metrics: %w", err)
	}
	fonts, err := pdf.LoadFonts()
	if err != nil {
		return nil, fmt.Errorf("pdf fonts: %w", err)
	}
	p := pdf.New(m, fonts)
	wordingFS, awardsFS := fs.FS(templates.FS), fs.FS(awards.FS)
	if templatesDir != "" {
		wordingFS = overlay{dir: os.DirFS(templatesDir), base: templates.FS}
		awardsFS = overlay{dir: os.DirFS(filepath.Join(templatesDir, "awards")), base: awards.FS}
	}
	cat, err := award.LoadCatalogue(awardsFS)
	if err != nil {
		return nil, fmt.Errorf("award catalogue: %w", err)
	}
	wording, err := commendation.LoadWording(wordingFS)
	if err != nil {
		return nil, err
	}
	d := docx.New()
	regCfg, err := registryConfig(getenv)
	if err != nil {
		return nil, apperr.New(apperr.Invalid, "invalid_config", err.Error())
	}
	a := &app{metrics: m, fonts: fonts, pdf: p, docx: d, catalogue: cat, wording: wording, registry: regCfg}
	a.docs = paperwork.New(map[paperwork.Format]paperwork.Renderer{paperwork.PDF: p, paperwork.DOCX: d}, a.kinds()...)
	a.docs.Certificates = certprint.Generator{PDF: certpdf.New(fonts), Metrics: m}
	a.docs.Catalogue = cat
	a.docs.NumberWidth = regCfg.Padding
	a.docs.VerifyBaseURL = getenv("VANBAN_VERIFY_BASE_URL")
	a.docs.AgencyName = getenv("VANBAN_AGENCY_NAME")
	return a, nil
}

// kinds registers every document kind.
func (a *app) kinds() []paperwork.Kind {
	out := []paperwork.Kind{
		{
			Name: plan.Kind, Title: "Kế hoạch", Register: "Kế hoạch", Schema: plan.Schema, Example: vanban.Example("ke-hoach-lai-chau.json"),
			Build: func(data []byte, stamp *letterhead.Stamp) (document.Document, apperr.Problems, error) {
				c, warns, err := plan.Decode(data, letterhead.Env{Metrics: a.metrics, Stamp: stamp})
				if err != nil {
					return document.Document{}, warns, err
				}
				return c.Document(), warns, nil
			},
		},
		{
			Name: commendation.ToTrinhKind, Title: "Tờ trình đề nghị khen thưởng", Register: "Tờ trình", Schema: commendation.ToTrinhSchema,
			Example: vanban.Example("to-trinh-khen-thuong.json"),
			Build: func(data []byte, stamp *letterhead.Stamp) (document.Document, apperr.Problems, error) {
				return commendation.BuildToTrinh(data, a.commendationEnv(stamp))
			},
		},
		{
			Name: commendation.QuyetDinhKind, Title: "Quyết định khen thưởng", Register: "Quyết định", Schema: commendation.QuyetDinhSchema,
			Example: vanban.Example("quyet-dinh-khen-thuong.json"),
			Build: func(data []byte, stamp *letterhead.Stamp) (document.Document, apperr.Problems, error) {
				return commendation.BuildQuyetDinh(data, a.commendationEnv(stamp))
			},
		},
	}
	// The general kinds (issue 12): quyet-dinh, cong-van, to-trinh, bao-cao,
	// thong-bao, giay-moi, bien-ban and the generic van-ban.
	for _, k := range kinds.Specs() {
		build := k.Build
		out = append(out, paperwork.Kind{Name: k.Name, Title: k.Title, Register: k.Register, Schema: k.Schema, Example: vanban.Example(k.Example),
			Build: func(data []byte, stamp *letterhead.Stamp) (document.Document, apperr.Problems, error) {
				return build(data, letterhead.Env{Metrics: a.metrics, Stamp: stamp})
			}})
	}
	return out
}

func (a *app) commendationEnv(stamp *letterhead.Stamp) commendation.Env {
	return commendation.Env{Metrics: a.metrics, Catalogue: a.catalogue, Wording: a.wording, Stamp: stamp}
}

// overlay reads a file from dir when it is there, else from base.
type overlay struct{ dir, base fs.FS }

func (o overlay) Open(name string) (fs.File, error) {
	if f, err := o.dir.Open(name); err == nil {
		return f, nil
	}
	return o.base.Open(name)
}
