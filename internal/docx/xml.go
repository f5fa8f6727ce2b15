package docx

import (
	"math"
	"strconv"
	"unicode/utf8"

	"github.com/vanban/vanban/internal/document"
)

// buf accumulates XML text. Attribute values and character data go through
// esc, which escapes markup and drops what XML 1.0 forbids, so no input can
// produce a file Word refuses to open.
type buf struct{ b []byte }

func (x *buf) s(s string) { x.b = append(x.b, s...) }

func (x *buf) i(n int) { x.b = strconv.AppendInt(x.b, int64(n), 10) }

// esc appends s escaped for use in character data and in double-quoted
// attribute values.
func (x *buf) esc(s string) {
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < utf8.RuneSelf && c != '&' && c != '<' && c != '>' && c != '"' {
			i++
			continue
		}
		x.b = append(x.b, s[start:i]...)
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		switch {
		case r == '&':
			x.s("&amp;")
		case r == '<':
			x.s("&lt;")
		case r == '>':
			x.s("&gt;")
		case r == '"':
			x.s("&quot;")
		case r == '\t' || r == '\n':
			x.b = append(x.b, byte(r))
		case r == '\r':
			// dropped: a parser would turn it into a newline or a space
		case validXMLRune(r):
			// utf8.RuneError for invalid bytes is U+FFFD, a valid character.
			x.b = utf8.AppendRune(x.b, r)
		}
		i += size
		start = i
	}
	x.b = append(x.b, s[start:]...)
}

// validXMLRune reports whether r may appear in an XML 1.0 document.
func validXMLRune(r rune) bool {
	return r == 0x9 || r == 0xA || r == 0xD ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

// Unit conversions to WordprocessingML's integer units.

// twips converts millimetres to twentieths of a point (1 mm = 56.693 twips).
func twips(mm float64) int { return int(math.Round(mm * document.TwipPerMM)) }

// twentieths converts points to twentieths of a point (spacing, line height).
func twentieths(pt float64) int { return int(math.Round(pt * 20)) }

// halfPoints converts a font size in points to half-points (w:sz).
func halfPoints(pt float64) int { return int(math.Round(pt * 2)) }

// eighths converts a border width in points to eighths of a point (w:sz of a
// border), clamped to the 2–96 Word accepts for a single line.
func eighths(pt float64) int {
	return min(max(int(math.Round(pt*8)), 2), 96)
}
