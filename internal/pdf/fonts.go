package pdf

import (
	"fmt"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/vanban/vanban/fonts"
	"github.com/vanban/vanban/internal/typeset"
)

// family is the name the faces are registered under in every PDF; the
// embedded fonts are named "XXXXXX+utf8liberationserif" + style by fpdf,
// XXXXXX naming the subset.
const family = "LiberationSerif"

// Fonts is the font cache of the PDF renderers: the four embedded Liberation
// Serif faces, each parsed once (fpdf.NewUTF8Face, a patch of our copy of
// fpdf, see third_party/fpdf/VANBAN.md), and the vertical metrics the layout
// needs. Each document embeds a subset of the glyphs it uses, cut from these
// parsed copies when it is written. Build one per process with LoadFonts and
// give it to every renderer that draws PDF (New, certpdf.New): it is
// read-only and safe for concurrent use.
type Fonts struct {
	faces [4]*fpdf.UTF8Face // indexed like typeset.Style: bit 0 bold, bit 1 italic
	// ascent, descent (positive, below the baseline), underline position
	// (positive = below the baseline) and thickness, in em, of the regular
	// face (the four faces share them).
	ascent, descent      float64
	underPos, underThick float64
}

// LoadFonts parses the embedded faces.
func LoadFonts() (*Fonts, error) {
	fs := &Fonts{}
	for i := 0; i < 4; i++ {
		st := faceStyle(i)
		face, err := fpdf.NewUTF8Face(fonts.File(st.Bold, st.Italic))
		if err != nil {
			return nil, fmt.Errorf("pdf: face %d: %w", i, err)
		}
		fs.faces[i] = face
	}
	f, err := sfnt.Parse(fonts.File(false, false))
	if err != nil {
		return nil, fmt.Errorf("pdf: parse font: %w", err)
	}
	upem := float64(f.UnitsPerEm())
	var buf sfnt.Buffer
	m, err := f.Metrics(&buf, fixed.I(int(f.UnitsPerEm())), font.HintingNone)
	if err != nil {
		return nil, fmt.Errorf("pdf: font metrics: %w", err)
	}
	fs.ascent = float64(m.Ascent) / 64 / upem
	fs.descent = float64(m.Descent) / 64 / upem
	if post := f.PostTable(); post != nil {
		fs.underPos = -float64(post.UnderlinePosition) / upem
		fs.underThick = float64(post.UnderlineThickness) / upem
	}
	if fs.underThick <= 0 {
		fs.underPos, fs.underThick = 0.1, 0.05
	}
	return fs, nil
}

// Register adds the face of the given style to f under familyStr (fpdf
// style "", "B", "I" or "BI"); it is embedded as the subset of the glyphs f
// uses.
func (fs *Fonts) Register(f *fpdf.Fpdf, familyStr string, bold, italic bool) {
	i := faceIndex(typeset.Style{Bold: bold, Italic: italic})
	f.AddUTF8Face(familyStr, faceNames[i], fs.faces[i])
}

// faceNames are fpdf's style strings, indexed like typeset.Style: bit 0 bold,
// bit 1 italic.
var faceNames = [4]string{"", "B", "I", "BI"}

func faceStyle(i int) typeset.Style { return typeset.Style{Bold: i&1 != 0, Italic: i&2 != 0} }

func faceIndex(st typeset.Style) uint8 {
	var i uint8
	if st.Bold {
		i |= 1
	}
	if st.Italic {
		i |= 2
	}
	return i
}
