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
	"github.com/vanban/vanban/internal/commendation"
	"github.com/vanban/vanban/internal/document"
	"github.com/vanban/vanban/internal/documents"
	"github.com/vanban/vanban/internal/docx"
	"github.com/vanban/vanban/internal/kinds"
	"github.com/vanban/vanban/internal/pdf"
	"github.com/vanban/vanban/internal/plan"
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
	docs      *documents.Service
	catalogue *award.Catalogue
	wording   *commendation.Wording
	// getenv reads the configuration of the register (series, padding).
	getenv func(string) string
	// campaigns and printer are wired once the database is open
	// (openRegistry).
	campaigns *campaign.Service
	printer   *campaign.Printer
	// store is the database opened by openRegistry (register, accounts).
	store *sqlstore.Store
}

// newApp wires the core. templatesDir, when not empty, holds wording and award
// data files that replace the embedded ones of the same name.
func newApp(templatesDir string) (*app, error) {
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
	a := &app{metrics: m, fonts: fonts, pdf: p, docx: d, catalogue: cat, wording: wording, getenv: os.Getenv}
	a.docs = documents.New(map[documents.Format]documents.Renderer{documents.PDF: p, documents.DOCX: d}, a.kinds()...)
	return a, nil
}

// kinds registers every document kind.
func (a *app) kinds() []documents.Kind {
	out := []documents.Kind{
		{
			Name: plan.Kind, Title: "Kế hoạch", Schema: plan.Schema, Example: vanban.Example("ke-hoach-lai-chau.json"),
			Build: func(data []byte) (document.Document, apperr.Problems, error) {
				c, warns, err := plan.Decode(data, a.metrics)
				if err != nil {
					return document.Document{}, warns, err
				}
				return c.Document(), warns, nil
			},
		},
		{
			Name: commendation.ToTrinhKind, Title: "Tờ trình đề nghị khen thưởng", Schema: commendation.ToTrinhSchema,
			Example: vanban.Example("to-trinh-khen-thuong.json"),
			Build: func(data []byte) (document.Document, apperr.Problems, error) {
				return commendation.BuildToTrinh(data, a.commendationEnv())
			},
		},
		{
			Name: commendation.QuyetDinhKind, Title: "Quyết định khen thưởng", Schema: commendation.QuyetDinhSchema,
			Example: vanban.Example("quyet-dinh-khen-thuong.json"),
			Build: func(data []byte) (document.Document, apperr.Problems, error) {
				return commendation.BuildQuyetDinh(data, a.commendationEnv())
			},
		},
	}
	// The general kinds (issue 12): quyet-dinh, cong-van, to-trinh, bao-cao,
	// thong-bao, giay-moi, bien-ban and the generic van-ban.
	for _, k := range kinds.Specs() {
		build := k.Build
		out = append(out, documents.Kind{Name: k.Name, Title: k.Title, Schema: k.Schema, Example: vanban.Example(k.Example),
			Build: func(data []byte) (document.Document, apperr.Problems, error) { return build(data, a.metrics) }})
	}
	return out
}

func (a *app) commendationEnv() commendation.Env {
	return commendation.Env{Metrics: a.metrics, Catalogue: a.catalogue, Wording: a.wording}
}

// overlay reads a file from dir when it is there, else from base.
type overlay struct{ dir, base fs.FS }

func (o overlay) Open(name string) (fs.File, error) {
	if f, err := o.dir.Open(name); err == nil {
		return f, nil
	}
	return o.base.Open(name)
}
