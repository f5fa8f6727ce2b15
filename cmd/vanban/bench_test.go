package main

import (
	"context"
	"os"
	"testing"

	"github.com/vanban/vanban/internal/documents"
)

// The whole path of one document: decode, validate, lay out, render.
func benchRender(b *testing.B, example string, f documents.Format) {
	a, err := newApp("")
	if err != nil {
		b.Fatal(err)
	}
	data, err := os.ReadFile("../../testdata/" + example)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		file, err := a.docs.Render(ctx, data, f)
		if err != nil {
			b.Fatal(err)
		}
		b.SetBytes(int64(len(file.Data)))
	}
}

func BenchmarkSeedKeHoachPDF(b *testing.B)  { benchRender(b, "ke-hoach-lai-chau.json", documents.PDF) }
func BenchmarkSeedKeHoachDOCX(b *testing.B) { benchRender(b, "ke-hoach-lai-chau.json", documents.DOCX) }
func BenchmarkToTrinhPDF(b *testing.B)      { benchRender(b, "to-trinh-khen-thuong.json", documents.PDF) }
func BenchmarkToTrinhDOCX(b *testing.B)     { benchRender(b, "to-trinh-khen-thuong.json", documents.DOCX) }
func BenchmarkQuyetDinhPDF(b *testing.B) {
	benchRender(b, "quyet-dinh-khen-thuong.json", documents.PDF)
}
func BenchmarkToTrinhShortPDF(b *testing.B) { benchRender(b, "to-trinh-ngan.json", documents.PDF) }
