package certprint

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"runtime"
	"testing"
	"time"

	"github.com/vanban/vanban/internal/apperr"
)

// emblem16 is a w × h 16-bit PNG with transparency: a disc on a clear
// ground (the shape of the review's worst case: small file, many pixels).
func emblem16(t testing.TB, w, h int) []byte {
	m := image.NewNRGBA64(image.Rect(0, 0, w, h))
	r := min(w, h) / 2
	for y := range h {
		for x := range w {
			dx, dy := x-w/2, y-h/2
			if dx*dx+dy*dy < r*r {
				m.SetNRGBA64(x, y, color.NRGBA64{R: 0xDA00, G: 0x2510, B: 0x1C00, A: 0xFFFF})
			}
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, m); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// Review #2: the largest emblem accepted is decoded once and scaled down to
// what the print needs; what is stored and embedded is an 8-bit PNG of at
// most EmblemPixels a side, and preparing it again for print is cheap.
func TestNormalizeEmblemBounded(t *testing.T) {
	worst := emblem16(t, MaxEmblemPixels, MaxEmblemPixels)
	if len(worst) > MaxEmblemBytes {
		t.Fatalf("test emblem %d bytes", len(worst))
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	img, err := NormalizeEmblem(worst, "emblem")
	took := time.Since(start)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("normalize %d × %d 16-bit (%d B): %.1f MB allocated, %v; stored %d B", MaxEmblemPixels, MaxEmblemPixels, len(worst), float64(alloc)/1e6, took, len(img.Data))
	// The 16-bit decoding itself is 32 MB; everything else must stay small
	// (before: 184 MB for 4000 × 4000 on every print).
	if alloc > 40<<20 {
		t.Errorf("normalizing the largest emblem allocated %d MB, want ≤ 40", alloc>>20)
	}
	if img.Width != EmblemPixels || img.Height != EmblemPixels {
		t.Errorf("normalized to %d × %d, want %d a side", img.Width, img.Height, EmblemPixels)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(img.Data))
	if err != nil || cfg.Width != img.Width || cfg.ColorModel != color.NRGBAModel {
		t.Errorf("stored emblem: %v %+v, want an 8-bit NRGBA PNG", err, cfg)
	}
	// The disc's colour survives the averaging; the ground stays clear and
	// the edge is partly transparent, not darkened.
	dec, _ := png.Decode(bytes.NewReader(img.Data))
	n := dec.(*image.NRGBA)
	if c := n.NRGBAAt(300, 300); c.A != 0xFF || c.R != 0xDA || c.G != 0x25 {
		t.Errorf("centre %v", c)
	}
	if c := n.NRGBAAt(0, 0); c.A != 0 {
		t.Errorf("corner %v, want transparent", c)
	}
	// Prepared again for print (what the store gives back): small, and
	// kept by SHA-256 so a second print reuses it.
	runtime.ReadMemStats(&before)
	p1, err := PrepareEmblem(img.Data, "emblem")
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("prepare the stored emblem: %.1f MB allocated", float64(after.TotalAlloc-before.TotalAlloc)/1e6)
	if a := after.TotalAlloc - before.TotalAlloc; a > 8<<20 {
		t.Errorf("preparing the stored emblem allocated %d MB", a>>20)
	}
	if allocs := testing.AllocsPerRun(10, func() {
		p2, _ := PrepareEmblem(img.Data, "emblem")
		if p2 != p1 {
			t.Fatal("the prepared emblem is not reused")
		}
	}); allocs > 2 {
		t.Errorf("a cached prepare: %.0f allocations", allocs)
	}
}

// The input limits, read from the header before decoding.
func TestEmblemLimits(t *testing.T) {
	for name, tc := range map[string]struct {
		data []byte
		code string
		kind apperr.Kind
	}{
		"4000 px": {emblem16(t, 4000, 100), "emblem_size", apperr.Invalid},
		"tiny":    {emblem16(t, 32, 32), "emblem_size", apperr.Invalid},
		"svg":     {[]byte("<svg/>"), "emblem_not_png", apperr.Invalid},
		"2 MB":    {append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 2<<20)...), "emblem_too_large", apperr.TooLarge},
	} {
		_, err := NormalizeEmblem(tc.data, "emblem")
		e := apperr.As(err)
		if err == nil || e.Code != tc.code || e.Kind != tc.kind || len(e.Problems) != 1 || e.Problems[0].Field != "emblem" {
			t.Errorf("%s: %v (%s %v), want %s", name, err, e.Code, e.Kind, tc.code)
		}
	}
	// A small emblem keeps its size.
	img, err := NormalizeEmblem(emblem16(t, 200, 120), "emblem")
	if err != nil || img.Width != 200 || img.Height != 120 {
		t.Errorf("200 × 120: %v %+v", err, img)
	}
}

func BenchmarkNormalizeEmblem(b *testing.B) {
	worst := emblem16(b, MaxEmblemPixels, MaxEmblemPixels)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := NormalizeEmblem(worst, "emblem"); err != nil {
			b.Fatal(err)
		}
	}
}
