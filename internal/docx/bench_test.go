package docx

import (
	"io"
	"testing"

	"github.com/vanban/vanban/internal/document"
	"github.com/vanban/vanban/internal/typeset/typesettest"
)

// BenchmarkRender renders a five-page Kế hoạch (header grid, title, 28 body
// paragraphs, signature): the size of the seed Kế hoạch. Target: 5 ms on one
// core.
func BenchmarkRender(b *testing.B) {
	benchRender(b, kehoach(28, 0))
}

// BenchmarkRenderSeed renders the seed Kế hoạch (Lai Châu, 2021; six pages)
// as internal/plan builds it. Target: 5 ms on one core.
func BenchmarkRenderSeed(b *testing.B) {
	benchRender(b, seedDocument(b))
}

// BenchmarkRenderTable500 renders a danh sách of 500 rows. Target: 50 ms.
func BenchmarkRenderTable500(b *testing.B) {
	d := kehoach(0, 500)
	d.Sections = d.Sections[1:]
	benchRender(b, d)
}

func benchRender(b *testing.B, d document.Document) {
	r := New(typesettest.Metrics())
	b.ReportAllocs()
	for b.Loop() {
		if err := r.Render(io.Discard, d); err != nil {
			b.Fatal(err)
		}
	}
}
