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
// embedded fonts are named "utf8liberationserif" + style by fpdf.
const family = "LiberationSerif"

// fpdf v0.12.0 parses a UTF-8 font in every document and, when writing it,
// cuts a per-document subset, builds its CIDToGIDMap and compresses both:
// most of the cost of a small document. vanban therefore does two things
// once per process. Each face is cut (fpdf.UTF8CutFont) to the repertoire
// of Vietnamese administrative text — Latin, Latin-1, Latin Extended-A, the
// Vietnamese letters, combining marks, typographic punctuation — about a
// sixth of the file. That cut face is registered with AddUTF8FontShared,
// a small addition of our patched copy of fpdf (third_party/fpdf, see
// VANBAN.md), which parses, cuts and compresses it once per process and
// embeds it whole in every document. A document that uses a character
// outside the repertoire gets the full face for that style instead, subset
// per document as fpdf does, so no glyph is ever lost.

// repertoire lists the characters kept in the cut faces.
var repertoire = [][2]rune{
	{0x20, 0x7E},     // ASCII
	{0xA0, 0x17F},    // Latin-1 supplement, Latin Extended-A
	{0x1A0, 0x1B0},   // Ơ ơ Ư ư (Latin Extended-B)
	{0x300, 0x323},   // combining diacritics (decomposed input)
	{0x1EA0, 0x1EF9}, // Vietnamese letters (Latin Extended Additional)
	{0x2010, 0x2027}, // dashes, quotes, bullets, ellipsis
	{0x2030, 0x203A}, // per mille, primes, angle quotes
	{0x20AB, 0x20AC}, // ₫ €
	{0x2116, 0x2116}, // №
	{0x2122, 0x2122}, // ™
	{0x2212, 0x2212}, // minus
	{0x25CF, 0x25CF}, // black circle
	{0xFFFD, 0xFFFD}, // replacement character
}

func inRepertoire(r rune) bool {
	for _, rg := range repertoire {
		if r < rg[0] {
			return false
		}
		if r <= rg[1] {
			return true
		}
	}
	return false
}

func repertoireString() string {
	var rs []rune
	for _, rg := range repertoire {
		for r := rg[0]; r <= rg[1]; r++ {
			rs = append(rs, r)
		}
	}
	return string(rs)
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

// faceSet holds the font files handed to fpdf for each document, and the
// vertical metrics the layout needs, all computed once in New.
type faceSet struct {
	full [4][]byte
	cut  [4][]byte
	// ascent, descent (positive, below the baseline), underline position
	// (positive = below the baseline) and thickness, in em, of the regular
	// face (the four faces share them).
	ascent, descent      float64
	underPos, underThick float64
}

func newFaceSet() (*faceSet, error) {
	fs := &faceSet{}
	rep := repertoireString()
	for i := 0; i < 4; i++ {
		st := faceStyle(i)
		fs.full[i] = fonts.File(st.Bold, st.Italic)
		fs.cut[i] = fpdf.UTF8CutFont(fs.full[i], rep)
		if len(fs.cut[i]) == 0 {
			return nil, fmt.Errorf("pdf: cutting face %d failed", i)
		}
	}
	f, err := sfnt.Parse(fs.full[0])
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
