package certpdf

import (
	"testing"

	"codeberg.org/go-pdf/fpdf"

	"github.com/vanban/vanban/internal/certlayout"
	"github.com/vanban/vanban/internal/certprint"
	"github.com/vanban/vanban/internal/qrcode"
)

// BenchmarkDrawQR draws the verification code of a certificate (version 5)
// onto a page: the path of one page.
func BenchmarkDrawQR(b *testing.B) {
	code, err := qrcode.Encode("https://vanban.svhttdl.laichau.gov.vn/v1/verify/c031020f-9720-46f7-a9be-f5488ace7209", qrcode.Medium)
	if err != nil {
		b.Fatal(err)
	}
	q := &certprint.QRCode{Box: certlayout.Box{X: 20, Y: 150, W: 22, H: 22}, Code: code}
	var f *fpdf.Fpdf
	var buf []byte
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if i%1000 == 0 {
			f = fpdf.New("L", "mm", "A4", "")
		}
		if i%10 == 0 {
			f.AddPage() // keep the page buffer from growing without bound
		}
		buf = drawQR(f, q, 210, buf[:0])
	}
}
