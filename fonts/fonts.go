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

// The faces as byte slices in the binary's data: FS.ReadFile would copy
// 1.5 MB at every start of a process.
var (
	//go:embed LiberationSerif-Regular.ttf
	regular []byte
	//go:embed LiberationSerif-Bold.ttf
	bold []byte
	//go:embed LiberationSerif-Italic.ttf
	italic []byte
	//go:embed LiberationSerif-BoldItalic.ttf
	boldItalic []byte
)

// File returns the bytes of the face for the given style. They are shared
// by every caller: read them, never modify them.
func File(isBold, isItalic bool) []byte {
	switch {
	case isBold && isItalic:
		return boldItalic
	case isBold:
		return bold
	case isItalic:
		return italic
	}
	return regular
}
