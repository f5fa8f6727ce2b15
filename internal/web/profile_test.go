package web_test

import (
	"context"
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
	b.shot("co-quan")
	b.open("/van-ban/soan/ke-hoach")
	b.run(chromedp.WaitVisible(chromedp.CSS(`#f-agency-name`)))
	if v := evalJS[string](b, `document.getElementById("f-agency-name").value`); v != "Sở Giáo dục và Đào tạo" {
		t.Errorf("a new draft's agency = %q, want the profile's", v)
	}
	if v := evalJS[string](b, `document.getElementById("f-signer-name").value`); v != "Lê Thị Hoa" {
		t.Errorf("a new draft's signer = %q, want the profile's", v)
	}
}
