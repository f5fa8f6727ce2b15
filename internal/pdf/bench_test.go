package pdf

import (
	"io"
	"testing"

	"codeberg.org/go-pdf/fpdf"
)

// BenchmarkRenderPlan renders the seed Kế hoạch (about five A4 pages of
// justified 14 pt text) with a shared Renderer. Run with -cpu 1.
func BenchmarkRenderPlan(b *testing.B) {
	r, err := New()
	if err != nil {
		b.Fatal(err)
	}
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
	r, err := New()
	if err != nil {
		b.Fatal(err)
	}
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
	r, err := New()
	if err != nil {
		b.Fatal(err)
	}
	d := planDocument(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := r.layout(d); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFaces measures what registering the four faces costs each
// document (fpdf re-parses them and writes their subsets), with the full
// Liberation Serif files and with the files cut once per process to the
// Vietnamese repertoire, which is what Render uses.
func BenchmarkFaces(b *testing.B) {
	r, err := New()
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		files [4][]byte
	}{{"full", r.faces.full}, {"cut", r.faces.cut}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				f := fpdf.New("P", "pt", "A4", "")
				f.SetCompression(true)
				f.AddPage()
				for j, data := range c.files {
					f.AddUTF8FontFromBytes(family, faceNames[j], data)
					f.SetFont(family, faceNames[j], 14)
					f.Text(50, 50+20*float64(j), "Cộng hòa xã hội chủ nghĩa Việt Nam")
				}
				if err := f.Output(io.Discard); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
