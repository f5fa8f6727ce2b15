package pdf

import (
	"io"
	"testing"

	"codeberg.org/go-pdf/fpdf"

	"github.com/vanban/vanban/fonts"
)

// BenchmarkRenderPlan renders the seed Kế hoạch (about five A4 pages of
// justified 14 pt text) with a shared Renderer. Run with -cpu 1.
func BenchmarkRenderPlan(b *testing.B) {
	r := newRenderer(b)
	d := planDocument(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := r.Render(io.Discard, d); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRenderAnnex renders a Tờ trình with a 120-row landscape danh sách.
func BenchmarkRenderAnnex(b *testing.B) {
	r := newRenderer(b)
	d := annexDocument(120)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := r.Render(io.Discard, d); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLayoutPlan is the layout and pagination alone (no fpdf).
func BenchmarkLayoutPlan(b *testing.B) {
	r := newRenderer(b)
	d := planDocument(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := r.layout(d); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFaces measures what the four faces cost each document: fpdf's
// own AddUTF8FontFromBytes (the whole file parsed per document, then
// subset) against AddUTF8Face (parsed once by Fonts, subset per document,
// the subsets of the same runes kept by the face), with the same document
// every time and with documents whose runes differ every time.
func BenchmarkFaces(b *testing.B) {
	r := newRenderer(b)
	for _, c := range []struct {
		name string
		add  func(f *fpdf.Fpdf, j int)
	}{
		{"parse-per-document", func(f *fpdf.Fpdf, j int) {
			st := faceStyle(j)
			f.AddUTF8FontFromBytes(family, faceNames[j], fonts.File(st.Bold, st.Italic))
		}},
		{"parsed-once", func(f *fpdf.Fpdf, j int) { f.AddUTF8Face(family, faceNames[j], r.faces.faces[j]) }},
	} {
		c := c
		for _, distinct := range []bool{false, true} {
			name := c.name
			if distinct {
				name += "/distinct-documents"
			}
			b.Run(name, func(b *testing.B) {
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					f := fpdf.New("P", "pt", "A4", "")
					f.SetCompression(true)
					f.AddPage()
					for j := 0; j < 4; j++ {
						c.add(f, j)
						f.SetFont(family, faceNames[j], 14)
						f.Text(50, 50+20*float64(j), "Cộng hòa xã hội chủ nghĩa Việt Nam")
						if distinct {
							// two more letters: each document its own subset,
							// never one a face has prepared before
							f.Text(50, 150, string([]rune{rune(0x1EA0 + i%90), rune('A' + i/90%26)}))
						}
					}
					if err := f.Output(io.Discard); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
