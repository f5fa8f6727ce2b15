package docx

import (
	"testing"

	"github.com/vanban/vanban/internal/document"
	"github.com/vanban/vanban/internal/typeset"
	"github.com/vanban/vanban/internal/typeset/typesettest"
)

// Whenever oneWordLine lets setRuns skip typeset.Set, Set would have
// returned the text unchanged.
func TestOneWordLineAsSet(t *testing.T) {
	m := typesettest.Metrics()
	texts := []string{"", "1", "42", "200", "XIII", "KH-SVHTTDL", "32/TTr-SVHTTDL", "a-b", "\"quoted\"", "x&y<z>",
		"Abcdefghijklmnopqrstuvwxyz0123456789", "WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW",
		"a b", "a\nb", "a\tb", "a\u00a0b", "Lò", "1.", "(1)"}
	skipped := 0
	for _, text := range texts {
		for _, availMM := range []float64{3, 9, 13, 24, 60, 160} {
			for _, st := range []typeset.Style{{}, {Bold: true}, {Italic: true}} {
				for _, align := range []document.Align{document.Center, document.Left} {
					p := document.Paragraph{Runs: []document.Run{{Text: text, Bold: st.Bold, Italic: st.Italic}}, Align: align, Balance: true, SizePt: 13}
					avail := availMM * document.PtPerMM
					if !oneWordLine(m, p, avail, avail, 13) {
						continue
					}
					skipped++
					set, _ := m.Set([]typeset.Span{{Text: text, Style: st, SizePt: 13}}, avail, avail, true)
					if len(set) != 1 || set[0].Text != text {
						t.Errorf("%q in %v mm: oneWordLine, but Set gives %+v", text, availMM, set)
					}
				}
			}
		}
	}
	m13 := 13 * document.PtPerMM
	for _, text := range []string{"", "1", "200", "XIII"} {
		if !oneWordLine(m, document.Paragraph{Runs: []document.Run{{Text: text}}}, m13, m13, 13) {
			t.Errorf("%q in a 13 mm cell is not a one-word line", text)
		}
	}
	if skipped == 0 {
		t.Fatal("nothing skipped")
	}
}
