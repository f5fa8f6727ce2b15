// Package certpdf draws certificates (Bằng khen, Giấy khen) laid out by
// internal/certlayout and handed over by internal/certprint as PDF pages with fpdf: the full design with our
// decorative border or the agency's background image, the overprint of the
// variable text on pre-printed blanks (phôi), and the calibration page.
//
// It takes no layout decision: every line arrives placed, in millimetres,
// measured with the same Liberation Serif metrics that are embedded here.
package certpdf

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"sync"

	"codeberg.org/go-pdf/fpdf"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/certificate"
	"github.com/vanban/vanban/internal/certlayout"
	"github.com/vanban/vanban/internal/certprint"
	"github.com/vanban/vanban/internal/pdf"
)

// family is the fpdf name of the embedded Liberation Serif faces.
const family = "serif"

// Renderer implements certprint.PDFRenderer.
type Renderer struct {
	fonts   *pdf.Fonts
	borders *borders
}

var _ certprint.PDFRenderer = Renderer{}

// New returns a Renderer that embeds subsets of the faces of fonts (the
// caller's, parsed once per process and shared with the document renderer).
func New(fonts *pdf.Fonts) Renderer {
	return Renderer{fonts: fonts, borders: &borders{m: map[borderKey]fpdf.Template{}}}
}

// borders keeps the border templates drawn so far, by page size and style:
// every file of a ZIP is a document of its own with the same border, which
// took a fifth of a file's time to draw again. A template holds only its
// content (the border uses no font or image), so documents may share it.
type borders struct {
	mu sync.Mutex
	m  map[borderKey]fpdf.Template
}

type borderKey struct {
	page  certlayout.Size
	style certlayout.BorderStyle
}

// maxBorders bounds the templates kept (a few kilobytes each).
const maxBorders = 16

// template returns the border template of page and style, drawing it in f
// the first time.
func (b *borders) template(f *fpdf.Fpdf, page certlayout.Size, style certlayout.BorderStyle) fpdf.Template {
	draw := func() fpdf.Template {
		return f.CreateTemplate(func(t *fpdf.Tpl) { drawBorder(&t.Fpdf, page, style) })
	}
	if b == nil {
		return draw()
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	k := borderKey{page, style}
	if t, ok := b.m[k]; ok {
		return t
	}
	t := draw()
	if len(b.m) >= maxBorders {
		clear(b.m)
	}
	b.m[k] = t
	return t
}

// RenderPDF draws d.Count pages and writes the PDF to w, each page as soon
// as it is drawn (third_party/fpdf: SetOutputStream), the fonts, the page
// tree and the cross-reference table at the end: memory does not grow with
// the number of pages. A failure part-way leaves a partial file in w; write
// to a temporary file and rename it when RenderPDF returns nil.
func (r Renderer) RenderPDF(w io.Writer, d *certprint.PDFDoc) error {
	if d.Count < 1 {
		return apperr.Wrap(fmt.Errorf("no page"), "render certificates")
	}
	// The size is given as is with "P": fpdf's landscape flag swaps the
	// sides, and its templates (the border) would then be clipped.
	f := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm",
		Size: fpdf.SizeType{Wd: d.Page.Width, Ht: d.Page.Height}})
	f.SetMargins(0, 0, 0)
	f.SetAutoPageBreak(false, 0)
	f.SetCompression(true)
	f.SetFastPageCompression(true) // half of a certificate's CPU went to compress/zlib
	f.SetOutputStream(w)
	f.SetCatalogSort(true)
	f.SetCreationDate(d.Date)
	f.SetModificationDate(d.Date)
	f.SetTitle(d.Title, true)
	f.SetSubject(d.Subject, true)
	f.SetCreator("vanban", true)
	f.SetProducer("vanban (fpdf)", true)
	// Each face is embedded as the subset of the glyphs the pages use.
	for _, st := range [4][2]bool{{false, false}, {true, false}, {false, true}, {true, true}} {
		r.fonts.Register(f, family, st[0], st[1])
	}

	var border fpdf.Template
	if d.Mode == certificate.ModeFull && d.Background == nil && d.Border != nil {
		// Drawn once as a form XObject and placed on every page.
		border = r.borders.template(f, d.Page, *d.Border)
	}
	if d.Background != nil {
		tp := "PNG"
		if d.Background.Type == "jpg" {
			tp = "JPG"
		}
		f.RegisterImageOptionsReader("background", fpdf.ImageOptions{ImageType: tp}, bytes.NewReader(d.Background.Data))
	}
	if d.Emblem != nil {
		f.RegisterImageOptionsReader("emblem", fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(d.Emblem.Data))
	}
	p := painter{f: f, pageH: d.Page.Height}
	for i := 0; i < d.Count; i++ {
		s, err := d.Sheet(i)
		if err != nil {
			return err
		}
		f.AddPage()
		switch {
		case d.Background != nil:
			f.ImageOptions("background", 0, 0, d.Page.Width, d.Page.Height, false, fpdf.ImageOptions{}, 0, "")
		case border != nil:
			f.UseTemplate(border)
		}
		if d.EmblemBox != nil {
			drawEmblem(&p, d.EmblemBox, d.Emblem)
		}
		if d.Mode == certificate.ModeCalibration {
			drawCalibration(&p, d)
		}
		p.sheet(s)
		if f.Err() {
			return apperr.Wrap(f.Error(), "render certificate page")
		}
	}
	if err := f.Output(w); err != nil {
		return apperr.Wrap(err, "write certificates pdf")
	}
	return nil
}

// painter draws sheets, remembering the font and colour set last so that
// the page streams stay short.
type painter struct {
	f        *fpdf.Fpdf
	pageH    float64
	style    string
	size     float64
	color    certlayout.RGB
	hasColor bool
	qrBuf    []byte // the QR path, reused from page to page
}

func (p *painter) font(bold, italic bool, size float64) {
	st := ""
	if bold {
		st += "B"
	}
	if italic {
		st += "I"
	}
	if st != p.style || size != p.size {
		p.f.SetFont(family, st, size)
		p.style, p.size = st, size
	}
}

func (p *painter) textColor(c certlayout.RGB) {
	if !p.hasColor || c != p.color {
		p.f.SetTextColor(c.R, c.G, c.B)
		p.color, p.hasColor = c, true
	}
}

func (p *painter) sheet(s *certprint.Sheet) {
	f := p.f
	// fpdf re-emits the font at each new page; force it on the first line.
	p.size, p.hasColor = 0, false
	for _, l := range s.Lines {
		p.font(l.Bold, l.Italic, l.Size)
		p.textColor(l.Color)
		f.Text(l.X, l.Baseline, l.Text)
	}
	for _, r := range s.Rules {
		f.SetDrawColor(r.Color.R, r.Color.G, r.Color.B)
		f.SetLineWidth(r.Width)
		f.Line(r.X1, r.Y, r.X2, r.Y)
	}
	if s.QR != nil {
		p.qrBuf = drawQR(f, s.QR, p.pageH, p.qrBuf[:0])
	}
}

// drawQR draws the modules as one filled path, a rectangle per horizontal
// run of dark modules (a run repeated exactly on the rows below it taking
// them in: the finder patterns' bars and centres), in a coordinate system
// of one unit per module: sharp at any printer resolution, a few hundred
// bytes per page, and no image object per page. It builds the path in b
// and returns it for the next page.
func drawQR(f *fpdf.Fpdf, q *certprint.QRCode, pageH float64, b []byte) []byte {
	if q.Code == nil {
		return b
	}
	code := q.Code
	n := code.Size()
	const k = 72 / 25.4
	side := math.Min(q.Box.W, q.Box.H)
	m := side / float64(n)
	x0 := q.Box.X + (q.Box.W-side)/2
	y0 := q.Box.Y + (q.Box.H-side)/2
	b = append(b, "q 0 g "...)
	b = strconv.AppendFloat(b, m*k, 'f', 4, 64)
	b = append(b, " 0 0 "...)
	b = strconv.AppendFloat(b, -m*k, 'f', 4, 64)
	b = append(b, ' ')
	b = strconv.AppendFloat(b, x0*k, 'f', 3, 64)
	b = append(b, ' ')
	b = strconv.AppendFloat(b, (pageH-y0)*k, 'f', 3, 64)
	b = append(b, " cm\n"...)
	// isRun reports whether row r has a run of dark modules exactly from
	// column start to end (excluded).
	isRun := func(r, start, end int) bool {
		if start > 0 && code.Dark(start-1, r) || end < n && code.Dark(end, r) {
			return false
		}
		for c := start; c < end; c++ {
			if !code.Dark(c, r) {
				return false
			}
		}
		return true
	}
	var taken [64]uint64 // taken[r] bit c: row r's run from column c is drawn already
	for r := range n {
		for c := 0; c < n; {
			if !code.Dark(c, r) {
				c++
				continue
			}
			start := c
			for c < n && code.Dark(c, r) {
				c++
			}
			h := 1
			if n <= 64 {
				if taken[r]>>start&1 != 0 {
					continue
				}
				for r+h < n && isRun(r+h, start, c) {
					taken[r+h] |= 1 << start
					h++
				}
			}
			b = appendSmall(b, start)
			b = append(b, ' ')
			b = appendSmall(b, r)
			b = append(b, ' ')
			b = appendSmall(b, c-start)
			b = append(b, ' ')
			b = appendSmall(b, h)
			b = append(b, " re\n"...)
		}
	}
	b = append(b, "f Q"...)
	f.RawWriteBuf(bytes.NewReader(b))
	return b
}

// appendSmall appends the decimal digits of 0 ≤ v (a module index or
// count, below 100 for any symbol the encoder makes) without strconv's
// general path.
func appendSmall(b []byte, v int) []byte {
	switch {
	case v < 10:
		return append(b, byte('0'+v))
	case v < 100:
		return append(b, byte('0'+v/10), byte('0'+v%10))
	}
	return strconv.AppendInt(b, int64(v), 10)
}

// drawBorder is the decorative double border of the full design (NĐ
// 98/2023 Điều 104: a border that does not imitate state-level
// certificates, no ornament outside it): a heavy outer line with a thin
// companion, a thin inner line, and a chain of lozenges in the band between.
func drawBorder(f *fpdf.Fpdf, page certificate.Size, b certlayout.BorderStyle) {
	W, H := page.Width, page.Height
	m, band := b.Margin, b.Band
	f.SetDrawColor(b.Color.R, b.Color.G, b.Color.B)
	f.SetLineWidth(1.1)
	f.Rect(m, m, W-2*m, H-2*m, "D")
	f.SetLineWidth(0.25)
	f.Rect(m+1.3, m+1.3, W-2*m-2.6, H-2*m-2.6, "D")
	in := m + band
	f.SetLineWidth(0.45)
	f.Rect(in, in, W-2*in, H-2*in, "D")
	f.SetLineWidth(0.2)
	f.Rect(in+1, in+1, W-2*in-2, H-2*in-2, "D")

	// Lozenges along the band's centre line, in the accent colour.
	mid := m + 1.3 + (band-1.3)/2
	hh := (band - 1.3) * 0.32 // half height
	hw := hh * 2.2            // half width
	f.SetFillColor(b.Accent.R, b.Accent.G, b.Accent.B)
	f.SetDrawColor(b.Accent.R, b.Accent.G, b.Accent.B)
	f.SetLineWidth(0.15)
	chain := func(x1, y1, x2, y2 float64, horizontal bool) {
		length := math.Hypot(x2-x1, y2-y1)
		step := hw * 2.9
		n := int(length / step)
		if n < 1 {
			return
		}
		gap := length / float64(n)
		for k := 0; k < n; k++ {
			t := (float64(k) + 0.5) * gap
			cx, cy := x1+(x2-x1)*t/length, y1+(y2-y1)*t/length
			a, c := hw, hh
			if !horizontal {
				a, c = hh, hw
			}
			f.Polygon([]fpdf.PointType{{X: cx - a, Y: cy}, {X: cx, Y: cy - c}, {X: cx + a, Y: cy}, {X: cx, Y: cy + c}}, "F")
			// a fine line linking the lozenges
			if k+1 < n {
				nx, ny := x1+(x2-x1)*(t+gap)/length, y1+(y2-y1)*(t+gap)/length
				if horizontal {
					f.Line(cx+a, cy, nx-a, ny)
				} else {
					f.Line(cx, cy+c, nx, ny-c)
				}
			}
		}
	}
	corner := band * 1.1
	chain(m+corner, mid, W-m-corner, mid, true)
	chain(m+corner, H-mid, W-m-corner, H-mid, true)
	chain(mid, m+corner, mid, H-m-corner, false)
	chain(W-mid, m+corner, W-mid, H-m-corner, false)
	// Corner knots inside the outer line: a lozenge with a ring.
	r := (band - 1.3) * 0.42
	for _, c := range [][2]float64{{mid, mid}, {W - mid, mid}, {mid, H - mid}, {W - mid, H - mid}} {
		f.SetFillColor(b.Color.R, b.Color.G, b.Color.B)
		f.Polygon([]fpdf.PointType{{X: c[0] - r, Y: c[1]}, {X: c[0], Y: c[1] - r}, {X: c[0] + r, Y: c[1]}, {X: c[0], Y: c[1] + r}}, "F")
		f.SetFillColor(b.Accent.R, b.Accent.G, b.Accent.B)
		f.Circle(c[0], c[1], r*0.38, "F")
	}
}

// drawCalibration draws the calibration page: rulers along the top and
// left edges in paper coordinates, a crosshair at the page centre, and
// every field's box (shifted by the printer offset) with its name.
func drawCalibration(p *painter, d *certprint.PDFDoc) {
	f := p.f
	W, H := d.Page.Width, d.Page.Height
	f.SetDrawColor(0, 0, 0)
	f.SetLineWidth(0.15)
	f.SetTextColor(0, 0, 0)
	f.SetFont(family, "", 6)
	for x := 0; x <= int(W); x++ {
		l := 1.5
		switch {
		case x%10 == 0:
			l = 5
		case x%5 == 0:
			l = 3
		}
		f.Line(float64(x), 0, float64(x), l)
		if x%10 == 0 && x > 0 && float64(x) < W-3 {
			f.Text(float64(x)+0.5, 7, fmt.Sprint(x))
		}
	}
	for y := 0; y <= int(H); y++ {
		l := 1.5
		switch {
		case y%10 == 0:
			l = 5
		case y%5 == 0:
			l = 3
		}
		f.Line(0, float64(y), l, float64(y))
		if y%10 == 0 && y > 0 && float64(y) < H-3 {
			f.Text(5.5, float64(y)+2, fmt.Sprint(y))
		}
	}
	cx, cy := W/2, H/2
	f.Line(cx-15, cy, cx+15, cy)
	f.Line(cx, cy-15, cx, cy+15)
	f.Circle(cx, cy, 5, "D")

	f.SetDrawColor(0, 70, 200)
	f.SetLineWidth(0.25)
	f.SetDashPattern([]float64{1.5, 1}, 0)
	f.SetTextColor(0, 70, 200)
	f.SetFont(family, "", 7)
	for _, b := range d.Calibration {
		f.Rect(b.Box.X, b.Box.Y, b.Box.W, b.Box.H, "D")
		f.Text(b.Box.X+0.8, b.Box.Y+2.8, fmt.Sprintf("%s (%s)", b.Label, b.Field))
	}
	f.SetDashPattern(nil, 0)
	f.SetTextColor(0, 0, 0)
	f.SetFont(family, "B", 8)
	info := fmt.Sprintf("TRANG CĂN CHỈNH MÁY IN — khổ %s × %s mm — độ lệch x = %s mm, y = %s mm — in trên giấy trắng, đặt chồng lên phôi để kiểm tra",
		num(W), num(H), signed(d.Offset.X), signed(d.Offset.Y))
	f.Text(12, H-3, info)
	p.size, p.hasColor = 0, false
}

// drawEmblem draws the emblem image in box, as large as fits with its
// proportions kept, centred; without an image it marks the place: a dashed
// box with "Quốc huy" in grey (a preview that tells the officer what is
// missing).
func drawEmblem(p *painter, box *certlayout.Box, img *certprint.Image) {
	f := p.f
	if img != nil {
		w, h := box.W, box.W*float64(img.Height)/float64(img.Width)
		if h > box.H {
			w, h = box.H*float64(img.Width)/float64(img.Height), box.H
		}
		f.ImageOptions("emblem", box.X+(box.W-w)/2, box.Y+(box.H-h)/2, w, h, false, fpdf.ImageOptions{}, 0, "")
		return
	}
	f.SetDrawColor(150, 150, 150)
	f.SetLineWidth(0.3)
	f.SetDashPattern([]float64{1.5, 1}, 0)
	f.Rect(box.X, box.Y, box.W, box.H, "D")
	f.SetDashPattern(nil, 0)
	f.SetTextColor(150, 150, 150)
	size := math.Min(12, box.W*0.5)
	f.SetFont(family, "", size)
	label := "Quốc huy"
	f.Text(box.X+(box.W-f.GetStringWidth(label))/2, box.Y+box.H/2+size*25.4/72/3, label)
	p.size, p.hasColor = 0, false
}

// num writes a millimetre value the Vietnamese way: "1,5", "297".
func num(v float64) string {
	s := strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.1f", v), "0"), ".")
	return strings.Replace(s, ".", ",", 1)
}

func signed(v float64) string {
	if v > 0 {
		return "+" + num(v)
	}
	return num(v)
}
