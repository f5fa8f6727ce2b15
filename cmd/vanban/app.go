package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/award"
	"github.com/vanban/vanban/internal/campaign"
	"github.com/vanban/vanban/internal/certprint"
	"github.com/vanban/vanban/internal/commendation"
	"github.com/vanban/vanban/internal/docx"
	"github.com/vanban/vanban/internal/paperwork"
	"github.com/vanban/vanban/internal/pdf"
	"github.com/vanban/vanban/internal/pdf/certpdf"
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
	d := docx.New(m)
	regCfg, err := registryConfig(getenv)
	if err != nil {
		return nil, apperr.New(apperr.Invalid, "invalid_config", err.Error())
	}
	a := &app{metrics: m, fonts: fonts, pdf: p, docx: d, catalogue: cat, wording: wording, registry: regCfg}
	a.docs = paperwork.New(map[paperwork.Format]paperwork.Renderer{paperwork.PDF: p, paperwork.DOCX: d}, paperwork.Kinds(a.kindsEnv())...)
	a.docs.Certificates = certprint.Generator{PDF: certpdf.New(fonts), Metrics: m}
	a.docs.Catalogue = cat
	a.docs.NumberWidth = regCfg.Padding
	a.docs.VerifyBaseURL = getenv("VANBAN_VERIFY_BASE_URL")
	a.docs.AgencyName = getenv("VANBAN_AGENCY_NAME")
	return a, nil
}

func (a *app) kindsEnv() paperwork.KindsEnv {
	return paperwork.KindsEnv{Metrics: a.metrics, Catalogue: a.catalogue, Wording: a.wording}
}

// overlay reads a file from dir when it is there, else from base.
type overlay struct{ dir, base fs.FS }

func (o overlay) Open(name string) (fs.File, error) {
	if f, err := o.dir.Open(name); err == nil {
		return f, nil
	}
	return o.base.Open(name)
}
