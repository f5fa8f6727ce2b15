package certpdf_test

import (
	"bytes"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vanban/vanban/internal/certificate"
	"github.com/vanban/vanban/internal/certlayout"
	"github.com/vanban/vanban/internal/certprint"
	"github.com/vanban/vanban/internal/qrcode"
	"github.com/vanban/vanban/internal/tooltest"
)

// TestQRDrawnModuleForModule rasterises pages holding only a QR code
// (versions 1, 5 and 10, the box wider than high so the square is centred)
// and checks the centre of every module against the code: dark where the
// code is dark, light elsewhere.
func TestQRDrawnModuleForModule(t *testing.T) {
	tooltest.Need(t, "pdftoppm")
	for _, text := range []string{"x", "https://vanban.svhttdl.laichau.gov.vn/v1/verify/c031020f-9720-46f7-a9be-f5488ace7209", strings.Repeat("thidua-khenthuong/", 11)} {
		code, err := qrcode.Encode(text, qrcode.Medium)
		if err != nil {
			t.Fatal(err)
		}
		box := certlayout.Box{X: 12, Y: 9, W: 50, H: 40}
		var pdf bytes.Buffer
		err = renderer(t).RenderPDF(&pdf, &certprint.PDFDoc{Page: certificate.Size{Width: 80, Height: 60}, Count: 1,
			Sheet: func(int) (*certprint.Sheet, error) {
				return &certprint.Sheet{QR: &certprint.QRCode{URL: text, Box: box, Code: code}}, nil
			}})
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		in := filepath.Join(dir, "qr.pdf")
		if err := os.WriteFile(in, pdf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		const dpmm = 10 // 254 dpi
		if out, err := exec.Command("pdftoppm", "-r", "254", "-gray", "-png", "-singlefile", in, filepath.Join(dir, "qr")).CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v %s", err, out)
		}
		f, err := os.Open(filepath.Join(dir, "qr.png"))
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		n := code.Size()
		side := box.H
		m := side / float64(n)
		x0 := box.X + (box.W-side)/2
		bad := 0
		for y := range n {
			for x := range n {
				px := int((x0 + (float64(x)+0.5)*m) * dpmm)
				py := int((box.Y + (float64(y)+0.5)*m) * dpmm)
				r, _, _, _ := img.At(px, py).RGBA()
				if dark := r < 0x8000; dark != code.Dark(x, y) {
					bad++
				}
			}
		}
		// The quiet zone around the square is light.
		for _, p := range [][2]float64{{x0 - 1, box.Y + side/2}, {x0 + side + 1, box.Y + side/2}, {x0 + side/2, box.Y + side + 1}} {
			if r, _, _, _ := img.At(int(p[0]*dpmm), int(p[1]*dpmm)).RGBA(); r < 0x8000 {
				t.Errorf("version %d: dark outside the code at %v mm", code.Version(), p)
			}
		}
		if bad > 0 {
			t.Errorf("version %d (%d × %d): %d modules drawn wrong", code.Version(), n, n, bad)
		}
	}
}

// TestBorderTemplateShared: a renderer draws a border once per page size
// and style and places it in every later document; those documents are
// the same bytes as a fresh renderer's, and another page size gets its own
// border.
func TestBorderTemplateShared(t *testing.T) {
	doc := func(w, h float64) *certprint.PDFDoc {
		return &certprint.PDFDoc{Page: certificate.Size{Width: w, Height: h}, Count: 2, Mode: certificate.ModeFull,
			Border: &certlayout.BorderStyle{Margin: 8, Band: 7, Color: certlayout.RGB{R: 150, G: 20, B: 20}, Accent: certlayout.RGB{R: 200, G: 160, B: 40}},
			Sheet:  func(int) (*certprint.Sheet, error) { return &certprint.Sheet{}, nil }}
	}
	out := func(r interface {
		RenderPDF(io.Writer, *certprint.PDFDoc) error
	}, d *certprint.PDFDoc) []byte {
		var b bytes.Buffer
		if err := r.RenderPDF(&b, d); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	shared := renderer(t)
	first := out(shared, doc(297, 210))
	again := out(shared, doc(297, 210))
	fresh := out(renderer(t), doc(297, 210))
	if !bytes.Equal(first, again) || !bytes.Equal(first, fresh) {
		t.Fatal("a document with a border drawn before differs from one drawing it")
	}
	portrait := out(shared, doc(210, 297))
	if !bytes.Equal(portrait, out(renderer(t), doc(210, 297))) {
		t.Error("the portrait border is not the one a fresh renderer draws")
	}
	if !bytes.Contains(first, []byte("/TPL")) || bytes.Equal(portrait, first) {
		t.Error("no border template, or the same one for both sizes")
	}
}
