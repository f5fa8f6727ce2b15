// Package fonts embeds Liberation Serif (SIL OFL 1.1, see LICENSE), the
// metric-compatible stand-in for Times New Roman that NĐ30 prescribes, so that
// the binary needs no font file at run time.
package fonts

import "embed"

// FS holds the four Liberation Serif faces and their licence.
//
//go:embed LiberationSerif-Regular.ttf LiberationSerif-Bold.ttf LiberationSerif-Italic.ttf LiberationSerif-BoldItalic.ttf LICENSE
var FS embed.FS

// Face file names, indexed by style.
const (
	Regular    = "LiberationSerif-Regular.ttf"
	Bold       = "LiberationSerif-Bold.ttf"
	Italic     = "LiberationSerif-Italic.ttf"
	BoldItalic = "LiberationSerif-BoldItalic.ttf"
)

// File returns the bytes of the face for the given style.
func File(bold, italic bool) []byte {
	name := Regular
	switch {
	case bold && italic:
		name = BoldItalic
	case bold:
		name = Bold
	case italic:
		name = Italic
	}
	b, err := FS.ReadFile(name)
	if err != nil {
		// The files are embedded at build time; a miss is a build defect.
		panic("fonts: missing embedded face " + name)
	}
	return b
}
