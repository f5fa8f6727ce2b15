package pdf

import (
	"io"
	"testing"
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
