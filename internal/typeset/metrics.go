// Package typeset measures text set in the embedded Liberation Serif faces
// (metric-compatible with Times New Roman) and breaks it into lines the way
// Word and LibreOffice do (greedy, at spaces). Domain code uses it to size
// rules (the Tiêu ngữ rule is as long as the text) and certificate fields; the
// PDF renderer uses it for line breaking, so the model and the drawing agree.
package typeset

import (
	"fmt"
	"sync"
	"sync/atomic"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/vanban/vanban/fonts"
)

// Style selects one of the four faces.
type Style struct{ Bold, Italic bool }

func (s Style) index() int {
	i := 0
	if s.Bold {
		i |= 1
	}
	if s.Italic {
		i |= 2
	}
	return i
}

// face holds the advance widths of one font for the runes of the Basic
// Multilingual Plane, computed on first use and cached without a lock
// (reading a width is on the path of every character laid out): pages of
// 256 runes, allocated when a rune of the page is first measured, hold each
// advance in font units at one em (26.6 fixed point) plus one, zero meaning
// not yet computed. Runes above U+FFFF are measured each time.
type face struct {
	font       *sfnt.Font
	unitsPerEm float64
	pages      [256]atomic.Pointer[[256]atomic.Uint32]
	mu         sync.Mutex // guards buf
	buf        sfnt.Buffer
}

// Metrics measures text. It is safe for concurrent use; build one per
// process with New and share it (fonts are parsed once).
type Metrics struct {
	faces [4]*face
}

// New parses the four embedded faces.
func New() (*Metrics, error) {
	m := &Metrics{}
	for i := 0; i < 4; i++ {
		st := Style{Bold: i&1 != 0, Italic: i&2 != 0}
		f, err := sfnt.Parse(fonts.File(st.Bold, st.Italic))
		if err != nil {
			return nil, fmt.Errorf("typeset: parse font %d: %w", i, err)
		}
		m.faces[i] = &face{font: f, unitsPerEm: float64(f.UnitsPerEm())}
	}
	return m, nil
}

// advance returns the advance width of r in em.
func (f *face) advance(r rune) float64 {
	if uint32(r) > 0xFFFF {
		return float64(f.measure(r)) / 64 / f.unitsPerEm
	}
	pg := f.pages[r>>8].Load()
	if pg == nil {
		pg = new([256]atomic.Uint32)
		if !f.pages[r>>8].CompareAndSwap(nil, pg) {
			pg = f.pages[r>>8].Load()
		}
	}
	v := pg[r&0xFF].Load()
	if v == 0 {
		v = uint32(f.measure(r)) + 1
		pg[r&0xFF].Store(v) // two goroutines may both measure: same value
	}
	return float64(v-1) / 64 / f.unitsPerEm
}

// measure returns the advance of r at one em in 26.6 fixed point (0 for a
// rune the face lacks).
func (f *face) measure(r rune) fixed.Int26_6 {
	f.mu.Lock()
	defer f.mu.Unlock()
	gi, err := f.font.GlyphIndex(&f.buf, r)
	if err != nil {
		return 0
	}
	adv, err := f.font.GlyphAdvance(&f.buf, gi, fixed.I(int(f.unitsPerEm)), font.HintingNone)
	if err != nil || adv < 0 {
		return 0
	}
	return adv
}

// Has reports whether the face has a glyph for r.
func (m *Metrics) Has(st Style, r rune) bool {
	f := m.faces[st.index()]
	f.mu.Lock()
	defer f.mu.Unlock()
	gi, err := f.font.GlyphIndex(&f.buf, r)
	return err == nil && gi != 0
}

// WidthPt is the width of s set in st at sizePt, in points.
func (m *Metrics) WidthPt(s string, st Style, sizePt float64) float64 {
	f := m.faces[st.index()]
	w := 0.0
	for _, r := range s {
		w += f.advance(r)
	}
	return w * sizePt
}

// WidthMM is the width of s set in st at sizePt, in millimetres.
func (m *Metrics) WidthMM(s string, st Style, sizePt float64) float64 {
	return m.WidthPt(s, st, sizePt) * 25.4 / 72
}
