package pdf

import (
	"bytes"
	"testing"

	"github.com/vanban/vanban/internal/document"
)

// Issue 10 item 6: a character above U+FFFF next to Ω or a bidi mark made
// fpdf panic (index out of range [65536]). Validation refuses such text
// (jsonin.Check), but a model built another way (a record stored earlier)
// must still render without a panic.
func TestAstralCharactersDoNotPanic(t *testing.T) {
	r := newRenderer(t)
	d := document.Document{Title: "x😀", Sections: []document.Section{{Page: a4, Blocks: []document.Block{
		line("Ω😀 \u200f𝔸 中文", 14, false, false, document.Left),
		line("Bình thường", 14, true, false, document.Left),
	}}}}
	var buf bytes.Buffer
	if err := r.Render(&buf, d); err != nil {
		t.Logf("refused: %v", err)
	}
}
