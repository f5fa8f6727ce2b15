package certprint

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/award"
	"github.com/vanban/vanban/internal/certificate"
	"github.com/vanban/vanban/internal/typeset"
)

var (
	metricsOnce sync.Once
	metrics     *typeset.Metrics
	metricsErr  error
)

// gen is a Generator with seeded UUIDs and no PDF renderer (the PDF is
// internal/pdf/certpdf's test).
func gen(t testing.TB) Generator {
	t.Helper()
	metricsOnce.Do(func() { metrics, metricsErr = typeset.New() })
	if metricsErr != nil {
		t.Fatal(metricsErr)
	}
	return Generator{Metrics: metrics, UUIDs: newSeeded()}
}

// seeded is a deterministic randomness source for UUIDs.
type seeded struct{ r *rand.ChaCha8 }

func newSeeded() *seeded { return &seeded{rand.NewChaCha8([32]byte{7})} }

func (s *seeded) Read(p []byte) (int, error) { return s.r.Read(p) }

func loadBatch(t testing.TB) *certificate.Batch {
	t.Helper()
	path := filepath.Join("..", "..", "testdata", "giay-khen-batch.json")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b, err := certificate.ParseBatch(data, func(name string) ([]byte, error) { return os.ReadFile(filepath.Join(filepath.Dir(path), name)) })
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestBatchValidation(t *testing.T) {
	tests := []struct {
		name   string
		change func(b *certificate.Batch)
		kind   apperr.Kind
		code   string
	}{
		{"empty list", func(b *certificate.Batch) { b.Recipients = nil }, apperr.Invalid, "empty_recipients"},
		{"100000 recipients", func(b *certificate.Batch) {
			b.Recipients = make([]certificate.Recipient, 100000)
			for i := range b.Recipients {
				b.Recipients[i] = certificate.Recipient{Nomination: award.Nomination{Kind: award.Collective, Name: "Phòng A"}}
			}
		}, apperr.TooLarge, "too_many_recipients"},
		{"gender not given", func(b *certificate.Batch) { b.Recipients[3].Gender = "" }, apperr.Invalid, "missing_gender"},
		{"bad recipient kind", func(b *certificate.Batch) { b.Recipients[0].Kind = "to-chuc" }, apperr.Invalid, "invalid_recipient_kind"},
		{"duplicate number", func(b *certificate.Batch) { b.Recipients[2].Number = 1 }, apperr.Invalid, "duplicate_number"},
		{"no number", func(b *certificate.Batch) { b.Numbering = nil }, apperr.Invalid, "missing_number"},
		{"bad date", func(b *certificate.Batch) { b.Decision.Date = "10/12/2025" }, apperr.Invalid, "invalid_date"},
		{"bad authority", func(b *certificate.Batch) { b.Decision.Signer.Authority = "Thay mặt" }, apperr.Invalid, "invalid_signer"},
		{"KT. without whom", func(b *certificate.Batch) { b.Decision.Signer.On = "" }, apperr.Invalid, "invalid_signer"},
		{"no achievement", func(b *certificate.Batch) { b.Achievement = "" }, apperr.Invalid, "missing_achievement"},
		{"bad mode", func(b *certificate.Batch) { b.Mode = "draft" }, apperr.Invalid, "invalid_mode"},
		{"bad qr url", func(b *certificate.Batch) { b.QR.BaseURL = "vanban.gov.vn" }, apperr.Invalid, "invalid_url"},
		{"offset too large", func(b *certificate.Batch) { b.Offset.X = 45 }, apperr.Invalid, "invalid_offset"},
		{"template of other kind", func(b *certificate.Batch) { b.Template = "bang-khen" }, apperr.Invalid, "template_kind_mismatch"},
		{"offset pushes box out", func(b *certificate.Batch) { b.Mode = certificate.ModeOverprint; b.Offset = certificate.Offset{X: -25} }, apperr.Invalid, "offset_outside_page"},
		{"background not an image", func(b *certificate.Batch) { b.SetBackground([]byte("xin chào, đây không phải ảnh")) }, apperr.Invalid, "background_not_image"},
		{"background PDF", func(b *certificate.Batch) { b.SetBackground([]byte("%PDF-1.7\n...")) }, apperr.Unsupported, "background_pdf_unsupported"},
		{"broken Word design", func(b *certificate.Batch) { b.Files = certificate.FileDOCX; b.SetWordTemplate([]byte("hello")) }, apperr.Invalid, "invalid_word_template"},
		{"broken PNG", func(b *certificate.Batch) { b.SetBackground([]byte("\x89PNG\r\n\x1a\nxxxx")) }, apperr.Invalid, "background_not_image"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := loadBatch(t)
			tc.change(b)
			_, err := gen(t).Prepare(b)
			if err == nil {
				t.Fatal("no error")
			}
			if !apperr.Is(err, tc.kind) || !apperr.HasCode(err, tc.code) {
				t.Fatalf("got %v (codes %v), want kind %d code %s", err, apperr.Codes(err), tc.kind, tc.code)
			}
		})
	}
	j, err := gen(t).Prepare(loadBatch(t))
	if err != nil {
		t.Fatal(err)
	}
	is := j.Issued()
	if len(is) != 8 || is[0].Number != 1 || is[7].Number != 8 {
		t.Fatalf("issued numbers: %+v", is)
	}
	if is[3].File != "004-nguyen-van-an.pdf" || !strings.HasPrefix(is[3].VerifyURL, "https://vanban.svhttdl.laichau.gov.vn/v1/verify/") {
		t.Errorf("issued[3] = %+v", is[3])
	}
	j2, _ := gen(t).Prepare(loadBatch(t))
	if j2.Issued()[5].UUID != is[5].UUID || is[5].UUID == is[6].UUID || is[5].UUID[14] != '4' {
		t.Errorf("UUIDs must be v4, distinct and reproducible from the seed: %s %s", is[5].UUID, is[6].UUID)
	}
}

func TestBackgroundPNG(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 30, 20))
	for i := range img.Pix {
		img.Pix[i] = 0xFF
	}
	img.Set(3, 3, color.NRGBA{200, 0, 0, 255})
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	bg, err := prepareBackground(buf.Bytes())
	if err != nil || bg.Type != "png" || bg.Width != 30 || bg.Height != 20 {
		t.Fatalf("prepareBackground: %v %+v", err, bg)
	}
}
