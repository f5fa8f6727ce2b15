// Package pdf draws a document.Document as PDF natively with fpdf, in the
// embedded Liberation Serif (metric-compatible with the Times New Roman that
// NĐ30 Phụ lục I prescribes). Layout happens in two phases: blocks are laid
// out into boxes (lines of paragraphs broken by typeset.BreakLines, rules,
// grid and table rows), then the boxes are paginated with widow/orphan
// control and the keep rules of the model; only then is anything drawn.
package pdf

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/document"
	"github.com/vanban/vanban/internal/typeset"
)

// fixedDate is written as the creation and modification date of every PDF,
// so that rendering the same Document twice gives the same bytes.
var fixedDate = time.Date(2020, time.January, 1, 0, 0, 0, 0, time.UTC)

// Renderer draws Documents as PDF. It is safe for concurrent use.
type Renderer struct {
	metrics *typeset.Metrics
	faces   *Fonts
}

// New returns a renderer that breaks lines with m and embeds subsets of the
// faces of fonts; both are the caller's, built once per process (the text
// is measured with the same Liberation Serif faces that are embedded).
func New(m *typeset.Metrics, fonts *Fonts) *Renderer {
	return &Renderer{metrics: m, faces: fonts}
}

// Metrics returns the text measurer the renderer breaks lines with.
func (r *Renderer) Metrics() *typeset.Metrics { return r.metrics }

// sectionLayout is one section laid out and paginated.
type sectionLayout struct {
	sec   document.Section
	w, h  float64 // paper, pt
	pages [][]placed
}

// Render writes d as PDF to w. A Document that cannot be laid out (no
// section, a page with no room for text) gives an apperr Invalid error;
// drawing errors are returned wrapped ("render pdf: …").
func (r *Renderer) Render(w io.Writer, d document.Document) error {
	if err := document.Validate(d); err != nil {
		return err
	}
	secs, err := r.layout(d)
	if err != nil {
		return err
	}
	f := r.newPDF(d, secs)
	for _, s := range secs {
		r.drawSection(f, s)
		if f.Err() {
			break
		}
	}
	if err := f.Output(w); err != nil {
		return fmt.Errorf("render pdf: %w", err)
	}
	return nil
}

// layout lays out and paginates every section.
func (r *Renderer) layout(d document.Document) ([]sectionLayout, error) {
	if len(d.Sections) == 0 {
		return nil, apperr.Invalidf("sections", "empty_document", "Văn bản không có phần nào để in.")
	}
	l := &layouter{m: r.metrics, fs: r.faces}
	out := make([]sectionLayout, len(d.Sections))
	for i, s := range d.Sections {
		pg := s.Page
		w, h := pos(pg.WidthMM), pos(pg.HeightMM)
		mg := pg.Margins
		left, right, top, bottom := mm(mg.LeftMM), mm(mg.RightMM), mm(mg.TopMM), mm(mg.BottomMM)
		if !(w-left-right > 0) || !(h-top-bottom > 0) {
			return nil, apperr.Invalidf(fmt.Sprintf("sections[%d].page", i), "invalid_page",
				"Phần %d: lề trang (trên %.0f, dưới %.0f, trái %.0f, phải %.0f mm) không để lại chỗ cho nội dung trên khổ %.0f × %.0f mm.",
				i+1, mg.TopMM, mg.BottomMM, mg.LeftMM, mg.RightMM, pg.WidthMM, pg.HeightMM)
		}
		s.Page = pg
		boxes := l.flow(s.Blocks, left, w-left-right)
		out[i] = sectionLayout{sec: s, w: w, h: h, pages: paginate(boxes, top, h-bottom)}
	}
	return out, nil
}

// newPDF starts the file: deterministic metadata, compression, and the faces
// the document uses (each embedded as the subset of its glyphs used).
func (r *Renderer) newPDF(d document.Document, secs []sectionLayout) *fpdf.Fpdf {
	first := secs[0]
	f := fpdf.NewCustom(&fpdf.InitType{
		OrientationStr: "P", UnitStr: "pt",
		Size: fpdf.SizeType{Wd: first.w, Ht: first.h},
	})
	f.SetCompression(true)
	f.SetPackPages(true)           // each page compressed as it ends (third_party/fpdf)
	f.SetFastPageCompression(true) // klauspost/compress for page contents (third_party/fpdf patch 7)
	f.SetCatalogSort(true)
	f.SetCreationDate(fixedDate)
	f.SetModificationDate(fixedDate)
	// fpdf panics on invalid UTF-8 in metadata.
	f.SetTitle(strings.ToValidUTF8(d.Title, "\uFFFD"), true)
	if d.Subject != "" {
		f.SetSubject(strings.ToValidUTF8(d.Subject, "\uFFFD"), true)
	}
	if d.Author != "" {
		f.SetAuthor(strings.ToValidUTF8(d.Author, "\uFFFD"), true)
	}
	f.SetCreator("vanban", true)
	f.SetAutoPageBreak(false, 0)
	f.SetMargins(0, 0, 0)
	f.SetCellMargin(0)

	var used [4]bool
	used[0] = true // page numbers
	for _, s := range secs {
		for _, pg := range s.pages {
			for _, p := range pg {
				for _, o := range p.b.ops {
					if o.kind == opText {
						used[o.face] = true
					}
				}
			}
		}
	}
	for i := range used {
		if used[i] {
			st := faceStyle(i)
			r.faces.Register(f, family, st.Bold, st.Italic)
		}
	}
	return f
}

// pen remembers the drawing state of the current page to skip redundant
// fpdf calls.
type pen struct {
	face    int
	size    float64
	text    rgb
	fill    rgb
	draw    rgb
	lw      float64
	fontSet bool
	textSet bool
	fillSet bool
	drawSet bool
	lwSet   bool
}

func (p *pen) setFont(f *fpdf.Fpdf, face uint8, size float64) {
	if p.fontSet && p.face == int(face) && p.size == size {
		return
	}
	f.SetFont(family, faceNames[face], size)
	p.face, p.size, p.fontSet = int(face), size, true
}

func (p *pen) setText(f *fpdf.Fpdf, c rgb) {
	if p.textSet && p.text == c {
		return
	}
	f.SetTextColor(int(c.r), int(c.g), int(c.b))
	p.text, p.textSet = c, true
}

func (p *pen) setFill(f *fpdf.Fpdf, c rgb) {
	if p.fillSet && p.fill == c {
		return
	}
	f.SetFillColor(int(c.r), int(c.g), int(c.b))
	p.fill, p.fillSet = c, true
}

func (p *pen) setDraw(f *fpdf.Fpdf, c rgb, lw float64) {
	if !p.drawSet || p.draw != c {
		f.SetDrawColor(int(c.r), int(c.g), int(c.b))
		p.draw, p.drawSet = c, true
	}
	if !p.lwSet || p.lw != lw {
		f.SetLineWidth(lw)
		p.lw, p.lwSet = lw, true
	}
}

// drawSection draws the pages of one section, numbering them from 1: the
// number is centred between the side margins in the top margin, its top
// OffsetMM below the edge of the paper (NĐ30 Phụ lục I: Arabic numerals,
// centred in the top margin, not shown on the first page).
func (r *Renderer) drawSection(f *fpdf.Fpdf, s sectionLayout) {
	pn := s.sec.PageNumber
	numSize := clamp(pn.SizePt, 0, maxSizePt, 0)
	if numSize <= 0 {
		numSize = defaultSizePt
	}
	mg := s.sec.Page.Margins
	left, right := mm(mg.LeftMM), mm(mg.RightMM)
	for i, pg := range s.pages {
		f.AddPageFormat("P", fpdf.SizeType{Wd: s.w, Ht: s.h})
		var p pen // fpdf forgets the font at each new page
		num := i + 1
		if pn.Show && !(pn.HideOnFirst && num == 1) {
			txt := strconv.Itoa(num)
			tw := r.metrics.WidthPt(txt, typeset.Style{}, numSize)
			x := left + (s.w-left-right-tw)/2
			y := mm(pn.OffsetMM) + r.faces.ascent*numSize
			p.setFont(f, 0, numSize)
			p.setText(f, rgb{})
			f.Text(x, y, txt)
		}
		for _, pl := range pg {
			for _, o := range pl.b.ops {
				drawOp(f, &p, o, pl.y)
			}
		}
	}
}

func drawOp(f *fpdf.Fpdf, p *pen, o op, dy float64) {
	y := o.y + dy
	switch o.kind {
	case opText:
		p.setFont(f, o.face, o.size)
		p.setText(f, o.color)
		// fpdf's justified cell spreads w over the spaces of the text with
		// one TJ; it takes its top from the current position (baseline at
		// y + 0.3 size) and reads negative positions from the far edge.
		top := y - 0.3*o.size
		if o.just && o.x >= 0 && top >= 0 {
			f.SetXY(o.x, top)
			f.CellFormat(o.w, 0, o.text, "", 0, "J", false, 0, "")
			return
		}
		f.Text(o.x, y, o.text)
	case opFill:
		if o.w <= 0 || o.h <= 0 {
			return
		}
		p.setFill(f, o.color)
		f.Rect(o.x, y, o.w, o.h, "F")
	case opStroke:
		p.setDraw(f, o.color, o.lw)
		f.Rect(o.x, y, o.w, o.h, "D")
	}
}
