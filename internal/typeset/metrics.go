// Package typeset measures text set in the embedded Liberation Serif faces
// (metric-compatible with Times New Roman) and breaks it into lines the way
// Word and LibreOffice do (greedy, at spaces). Domain code uses it to size
// rules (the Tiêu ngữ rule is as long as the text) and certificate fields; the
// PDF renderer uses it for line breaking, so the model and the drawing agree.
package typeset

import (
	"fmt"
	"sync"

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

// face holds the advance widths of one font, in font units, for every rune
// the cmap maps, computed lazily and cached.
type face struct {
	font       *sfnt.Font
	unitsPerEm float64
	mu         sync.RWMutex
	adv        map[rune]float64 // advance in em
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
		m.faces[i] = &face{font: f, unitsPerEm: float64(f.UnitsPerEm()), adv: make(map[rune]float64, 256)}
	}
	return m, nil
}

var (
	defaultOnce sync.Once
	defaultM    *Metrics
	defaultErr  error
)

// Default returns the process-wide Metrics, parsing the fonts on first use.
func Default() *Metrics {
	defaultOnce.Do(func() { defaultM, defaultErr = New() })
	if defaultErr != nil {
		panic(defaultErr) // embedded fonts that do not parse are a build defect
	}
	return defaultM
}

// advance returns the advance width of r in em.
func (f *face) advance(r rune) float64 {
	f.mu.RLock()
	a, ok := f.adv[r]
	f.mu.RUnlock()
	if ok {
		return a
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if a, ok := f.adv[r]; ok {
		return a
	}
	a = 0
	if gi, err := f.font.GlyphIndex(&f.buf, r); err == nil {
		if adv, err := f.font.GlyphAdvance(&f.buf, gi, fixed.I(int(f.unitsPerEm)), font.HintingNone); err == nil {
			a = float64(adv) / 64 / f.unitsPerEm
		}
	}
	f.adv[r] = a
	return a
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

var (
	coverageOnce sync.Once
	coverage     []uint64 // bit r set: all four faces have a glyph for r (r ≤ U+FFFF)
)

// Covered reports whether every one of the four embedded faces has a glyph
// for r, so that the PDF prints it in any style. Nothing above U+FFFF is
// covered (no emoji, no supplementary planes). Text with a rune that is not
// covered would print blank in the PDF while the DOCX kept it: validation
// refuses it instead (code unsupported_character).
func Covered(r rune) bool {
	if r < 0 || r > 0xFFFF {
		return false
	}
	coverageOnce.Do(func() {
		m := Default()
		bits := make([]uint64, 0x10000/64)
		var buf sfnt.Buffer
		for c := rune(0x20); c <= 0xFFFF; c++ {
			ok := true
			for _, f := range m.faces {
				if gi, err := f.font.GlyphIndex(&buf, c); err != nil || gi == 0 {
					ok = false
					break
				}
			}
			if ok {
				bits[c/64] |= 1 << (c % 64)
			}
		}
		coverage = bits
	})
	return coverage[r/64]&(1<<(r%64)) != 0
}
