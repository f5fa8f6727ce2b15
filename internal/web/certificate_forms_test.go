package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/vanban/vanban/internal/paperwork"
	"github.com/vanban/vanban/internal/registry"
)

// issueMixedDecision issues testdata's decision that confers danh hiệu
// (Tập thể lao động tiên tiến, Chiến sĩ thi đua cơ sở, Lao động tiên tiến)
// and gives Giấy khen, its own form.
func issueMixedDecision(t testing.TB, e *env) registry.Record {
	t.Helper()
	raw, err := os.ReadFile("../../testdata/quyet-dinh-danh-hieu.json")
	if err != nil {
		t.Fatal(err)
	}
	var in map[string]any
	if err := json.Unmarshal(raw, &in); err != nil {
		t.Fatal(err)
	}
	delete(in, "number")
	raw, _ = json.Marshal(in)
	rec, _, err := e.docs.Issue(context.Background(), raw, paperwork.PDF)
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

// TestCertificateFormsInBrowser: an issued decision of several award forms
// offers "Hình thức" on its print form, the decision's own chosen; the count
// and the preview follow the choice; a danh hiệu, which has no design of its
// own, is said beside "Mẫu" until Giấy khen is chosen there.
func TestCertificateFormsInBrowser(t *testing.T) {
	e := newEnv(t)
	rec := issueMixedDecision(t, e)
	ctx := context.Background()
	b := newBrowser(t, e)
	b.open("/so-van-ban-di/" + rec.ID.String())
	b.run(chromedp.WaitVisible(chromedp.CSS(`#in-hinh-thuc`)))
	drawn := func() int { return evalJS[int](b, `+(document.getElementById("bang-xem-truoc").dataset.drawn || 0)`) }
	waitFor := func(what string, ok func() bool) {
		t.Helper()
		for i := 0; i < 300 && !ok(); i++ {
			time.Sleep(50 * time.Millisecond)
		}
		if !ok() {
			t.Fatalf("%s: state %q, count %q, Mẫu says %q", what, b.text("#bang-xt-tt"), b.text("#in-so-luong"), b.text("#in-mau-o"))
		}
	}
	waitFor("first preview", func() bool { return drawn() > 0 })
	type opt struct{ Value, Label string }
	opts := evalJS[[]opt](b, `[...document.querySelectorAll("#in-hinh-thuc option")].map(o => ({value: o.value, label: o.textContent}))`)
	if len(opts) != 4 || evalJS[string](b, `document.getElementById("in-hinh-thuc").value`) != "giay-khen-giam-doc-so" {
		t.Errorf("Hình thức offered %+v, chosen %q; want 4, the decision's Giấy khen", opts, evalJS[string](b, `document.getElementById("in-hinh-thuc").value`))
	}
	if s := b.text("#in-so-luong"); !strings.Contains(s, "Sẽ in 02 bằng") {
		t.Errorf("count for the Giấy khen rows: %q", s)
	}
	evalJS[bool](b, `(document.querySelector("section.print h2").scrollIntoView(), true)`)
	b.shot("hinh-thuc-giay-khen")

	// A danh hiệu: no design of its own, said beside Mẫu.
	b.run(chromedp.SetValue(chromedp.CSS(`#in-hinh-thuc`), "lao-dong-tien-tien"))
	evalJS[bool](b, `document.getElementById("in-hinh-thuc").dispatchEvent(new Event("change", {bubbles: true}))`)
	waitFor("danh hiệu without a design", func() bool { return strings.Contains(b.text("#in-mau-loi"), "không có mẫu in sẵn") })
	if s := b.text("#in-mau-loi"); !strings.Contains(s, "Lao động tiên tiến") || !strings.Contains(s, "Giấy khen") {
		t.Errorf("Mẫu says %q", s)
	}
	if !evalJS[bool](b, `document.getElementById("in-mau-o").classList.contains("has-error") && document.getElementById("in-so-luong").hidden`) {
		t.Error("the Mẫu field is not marked, or the count of the other form still shows")
	}
	b.shot("danh-hieu-can-chon-mau")

	// Mẫu Giấy khen: drawn, three Lao động tiên tiến.
	n := drawn()
	b.run(chromedp.SetValue(chromedp.CSS(`#in-mau`), "giay-khen"))
	evalJS[bool](b, `document.getElementById("in-mau").dispatchEvent(new Event("change", {bubbles: true}))`)
	waitFor("danh hiệu on Giấy khen", func() bool { return drawn() > n })
	if s := b.text("#in-so-luong"); !strings.Contains(s, "Sẽ in 03 bằng") {
		t.Errorf("count for the Lao động tiên tiến rows: %q", s)
	}
	if !evalJS[bool](b, `document.getElementById("in-mau-loi").hidden && !document.getElementById("in-mau-o").classList.contains("has-error")`) {
		t.Errorf("the Mẫu message stays: %q", b.text("#in-mau-loi"))
	}
	b.shot("danh-hieu-tren-giay-khen")

	// Without JavaScript: the plain form post says it beside Mẫu and keeps
	// what was chosen; with Giấy khen it prints the three.
	cl := newClient(t, e.srv.URL)
	_, page := cl.do("GET", "/so-van-ban-di/"+rec.ID.String(), nil, nil)
	token := csrfOf(t, page)
	res, body := cl.do("POST", "/so-van-ban-di/"+rec.ID.String()+"/in-bang", url.Values{"csrf": {token}, "kieu": {"overprint"},
		"hinh-thuc": {"lao-dong-tien-tien"}, "lech-x": {"1,5"}, "lech-y": {"0"}, "dinh-dang": {"pdf"}}, nil)
	if res.StatusCode != http.StatusBadRequest || !strings.Contains(between(body, `id="in-mau-o"`, "</div>"), "không có mẫu in sẵn") ||
		!strings.Contains(body, `<option value="lao-dong-tien-tien" selected>`) || !strings.Contains(body, `value="1,5"`) ||
		!strings.Contains(body, `<option value="overprint" selected>`) || !strings.Contains(body, `href="#in-mau"`) {
		t.Errorf("form post of a danh hiệu without a design: %d\n%s", res.StatusCode, between(body, `class="print"`, "</form>"))
	}
	res, body = cl.do("POST", "/so-van-ban-di/"+rec.ID.String()+"/in-bang", url.Values{"csrf": {token}, "kieu": {"full"},
		"hinh-thuc": {"lao-dong-tien-tien"}, "mau": {"giay-khen"}, "dinh-dang": {"pdf"}}, nil)
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(body, "%PDF-") {
		t.Fatalf("print the danh hiệu on Giấy khen: %d %.200s", res.StatusCode, body)
	}
	cs, err := e.reg.CertificatesOf(ctx, rec.ID)
	if err != nil || len(cs) != 3 {
		t.Fatalf("recorded %d certificates (%v), want the 3 Lao động tiên tiến", len(cs), err)
	}
	for _, c := range cs {
		if c.AwardForm != "Danh hiệu Lao động tiên tiến" {
			t.Errorf("recorded %q", c.AwardForm)
		}
	}
}
