package web_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestProfileInBrowser: the quản trị fills the agency profile once, with
// the header of a document drawn beside the form; a new draft is then
// filled from it.
func TestProfileInBrowser(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(t, e)
	b.open("/co-quan")
	b.clickAndLoad(`a[href="/co-quan/ho-so"]`)
	b.run(chromedp.WaitVisible(chromedp.CSS(`#f-id`)))
	b.run(chromedp.SendKeys(chromedp.CSS(`#f-id`), "so-gd-dien-bien"),
		chromedp.SendKeys(chromedp.CSS(`#f-agency-parent`), "UBND tỉnh Điện Biên"),
		chromedp.SendKeys(chromedp.CSS(`#f-agency-name`), "Sở Giáo dục và Đào tạo"),
		chromedp.SendKeys(chromedp.CSS(`#f-agency-abbreviation`), "SGDĐT"),
		chromedp.SendKeys(chromedp.CSS(`#f-agency-place`), "Điện Biên"),
		chromedp.SendKeys(chromedp.CSS(`#f-signers-0-title`), "Giám đốc"),
		chromedp.SendKeys(chromedp.CSS(`#f-signers-0-name`), "Lê Thị Hoa"),
		chromedp.Click(chromedp.CSS(`#f-signers-0-default`)))
	// The emblem for the certificates, uploaded once with the profile.
	emblem := filepath.Join(t.TempDir(), "quoc-huy.png")
	if err := os.WriteFile(emblem, emblemPNG(t), 0o644); err != nil {
		t.Fatal(err)
	}
	b.run(chromedp.SetUploadFiles(chromedp.CSS(`#quoc-huy`), []string{emblem}))
	b.waitPreview(0)
	b.shot("ho-so-co-quan")
	b.clickAndLoad(`#luu-ho-so`)
	b.run(chromedp.WaitVisible(chromedp.CSS(`.flash`)))
	if s := b.text("main"); !strings.Contains(s, "so-gd-dien-bien") || !strings.Contains(s, "SGDĐT") {
		t.Errorf("profiles after saving: %q", s)
	}
	p, err := e.campaigns.Profile(context.Background(), "so-gd-dien-bien")
	if err != nil || p.DefaultSigner().Name != "Lê Thị Hoa" {
		t.Fatalf("saved profile: %+v %v", p, err)
	}
	if w := savedEmblem(t, e, "so-gd-dien-bien"); p.Emblem == nil || p.Emblem.Width != 120 || w != 120 {
		t.Errorf("saved emblem: %+v, %d px wide, want the uploaded 120 px PNG", p.Emblem, w)
	}
	b.shot("co-quan")
	// Opened again, the profile shows its emblem; saving without a new
	// file keeps it.
	b.open("/co-quan/ho-so?ma=so-gd-dien-bien")
	b.run(chromedp.WaitVisible(chromedp.CSS(`#quoc-huy-hien-tai`)))
	if w := evalJS[int](b, `document.getElementById("quoc-huy-hien-tai").naturalWidth`); w != 120 {
		t.Errorf("the saved emblem shows %d px wide, want 120", w)
	}
	b.run(chromedp.ScrollIntoView(chromedp.CSS(`#nhom-quoc-huy`)))
	b.shot("ho-so-quoc-huy")
	b.clickAndLoad(`#luu-ho-so`)
	b.run(chromedp.WaitVisible(chromedp.CSS(`.flash`)))
	if p2, _ := e.campaigns.Profile(context.Background(), "so-gd-dien-bien"); p2.Emblem == nil || p2.Emblem.SHA256 != p.Emblem.SHA256 || savedEmblem(t, e, "so-gd-dien-bien") != 120 {
		t.Errorf("saving again without a file lost the emblem (%+v)", p2.Emblem)
	}
	b.open("/van-ban/soan/ke-hoach")
	b.run(chromedp.WaitVisible(chromedp.CSS(`#f-agency-name`)))
	if v := evalJS[string](b, `document.getElementById("f-agency-name").value`); v != "Sở Giáo dục và Đào tạo" {
		t.Errorf("a new draft's agency = %q, want the profile's", v)
	}
	if v := evalJS[string](b, `document.getElementById("f-signer-name").value`); v != "Lê Thị Hoa" {
		t.Errorf("a new draft's signer = %q, want the profile's", v)
	}
}

// savedEmblem is the width of profile id's stored emblem (0: none).
func savedEmblem(t *testing.T, e *env, id string) int {
	t.Helper()
	data, err := e.campaigns.ProfileEmblem(context.Background(), id)
	if err != nil {
		return 0
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("stored emblem: %v", err)
	}
	return cfg.Width
}

// emblemPNG is a 120 × 120 PNG emblem: a red disc on a transparent ground.
func emblemPNG(t *testing.T) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 120, 120))
	for y := 0; y < 120; y++ {
		for x := 0; x < 120; x++ {
			if math.Hypot(float64(x)-59.5, float64(y)-59.5) < 56 {
				img.Set(x, y, color.NRGBA{0xC0, 0, 0, 0xFF})
			}
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
