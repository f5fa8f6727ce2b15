package web_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/vanban/vanban/internal/campaign"
)

// focusInfo is what the keyboard walk sees of the focused control.
type focusInfo struct {
	Seen    bool   `json:"seen"`
	Body    bool   `json:"body"`
	Tag     string `json:"tag"`
	ID      string `json:"id"`
	Name    string `json:"name"`
	Outline bool   `json:"outline"`
	Visible bool   `json:"visible"`
	HTML    string `json:"html"`
}

// focused marks the focused element as seen and says what it is: its
// accessible name, computed as the browser does for the cases the pages
// use (aria-labelledby, aria-label, <label>, text, title, alt), whether its
// focus is drawn (:focus-visible with an outline or a ring) and whether it
// is on screen.
const focused = `(() => {
	const el = document.activeElement;
	if (!el || el === document.body || el === document.documentElement) return {body: true};
	const seen = el.dataset.kwSeen === "1";
	el.dataset.kwSeen = "1";
	const text = (n) => (n ? (n.innerText || n.textContent || "") : "").replace(/\s+/g, " ").trim();
	let name = "";
	if (el.getAttribute("aria-labelledby")) name = el.getAttribute("aria-labelledby").split(/\s+/).map((id) => text(document.getElementById(id))).join(" ").trim();
	if (!name) name = (el.getAttribute("aria-label") || "").trim();
	if (!name && el.labels && el.labels.length) name = Array.from(el.labels).map(text).join(" ").trim();
	if (!name && /^(A|BUTTON|SUMMARY)$/.test(el.tagName)) name = text(el) || Array.from(el.querySelectorAll("img[alt]")).map((i) => i.alt).join(" ");
	if (!name && el.tagName === "INPUT" && /^(submit|button)$/.test(el.type)) name = el.value;
	if (!name) name = (el.getAttribute("title") || "").trim();
	const cs = getComputedStyle(el);
	const outline = el.matches(":focus-visible") && ((cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) >= 2) || cs.boxShadow !== "none");
	const r = el.getBoundingClientRect();
	const visible = r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth && cs.visibility !== "hidden";
	return {seen, tag: el.tagName.toLowerCase(), id: el.id, name, outline, visible, html: el.outerHTML.slice(0, 160)};
})()`

// walk presses Tab through the whole page (until the focus comes back to a
// control it has seen) and checks every control it reaches: an accessible
// name, a visible focus, on screen. It returns the controls in Tab order.
func (b *browser) walk(page string) []focusInfo {
	b.t.Helper()
	var order []focusInfo
	for i := 0; i < 400; i++ {
		b.run(chromedp.KeyEvent("\t"))
		f := evalJS[focusInfo](b, focused)
		if f.Body {
			if len(order) > 0 {
				break
			}
			continue
		}
		if f.Seen {
			break
		}
		order = append(order, f)
		if len(order) == 12 {
			b.shot(page + "-tab-12") // a control in the page, with its focus
		}
		what := f.Tag + "#" + f.ID
		if f.Name == "" {
			b.t.Errorf("%s: a control without a label or accessible name: %s", page, f.HTML)
		}
		if !f.Outline {
			b.t.Errorf("%s: the focus on %s (%q) is not drawn", page, what, f.Name)
		}
		if !f.Visible {
			b.t.Errorf("%s: the focused %s (%q) is not on screen", page, what, f.Name)
		}
	}
	if len(order) < 5 {
		b.t.Errorf("%s: Tab reached only %d controls", page, len(order))
	}
	b.t.Logf("%s: %d controls by Tab", page, len(order))
	return order
}

// key presses one key on the focused element.
func (b *browser) key(k string) { b.run(chromedp.KeyEvent(k)) }

// tabTo presses Tab until the control with id has the focus.
func (b *browser) tabTo(id string) {
	b.t.Helper()
	for i := 0; i < 200; i++ {
		if evalJS[string](b, `document.activeElement ? document.activeElement.id : ""`) == id {
			return
		}
		b.key("\t")
	}
	b.t.Fatalf("Tab never reached #%s", id)
}

// TestKeyboardWalk: the main pages (agency profile, drafting, campaign,
// sổ, an issued Quyết định with its certificates form) walked with Tab only: every control it reaches has a label or an
// accessible name and shows its focus; the skip link leads to the content;
// a whole task — write a Kế hoạch's body and save it as a draft — is done
// with the keyboard alone, as is editing a row of the nominations.
func TestKeyboardWalk(t *testing.T) {
	e := newEnv(t)
	c := seedCampaign(t, e)
	issuePlan(t, e)
	dec := issueDecision(t, e, c)
	mixed := issueMixedDecision(t, e)
	b := newBrowser(t, e)

	for _, p := range []struct{ name, path, ready string }{
		{"ho-so-co-quan", "/co-quan/ho-so?ma=svhttdl-lai-chau", "main form"},
		{"soan-ke-hoach", "/van-ban/soan/ke-hoach", "#f-body"},
		{"dot-thi-dua", "/dot-thi-dua/" + c.ID, "table.nominations"},
		{"so-van-ban-di", "/so-van-ban-di", "table.register"},
		{"in-giay-khen", "/so-van-ban-di/" + dec.ID.String(), "#in-bang"},
		{"in-nhieu-hinh-thuc", "/so-van-ban-di/" + mixed.ID.String(), "#in-hinh-thuc"},
	} {
		b.open(p.path)
		b.run(chromedp.WaitVisible(chromedp.CSS(p.ready)))
		// The first Tab reaches the skip link, which leads into the page.
		b.key("\t")
		if s := evalJS[string](b, `document.activeElement.className`); s != "skip" {
			t.Errorf("%s: the first Tab is on %q, not the skip link", p.name, s)
		}
		b.shot(p.name + "-bo-qua")
		b.key("\r")
		if id := evalJS[string](b, `document.activeElement.id`); id != "noi-dung" {
			t.Errorf("%s: the skip link led the focus to %q", p.name, id)
		}
		b.open(p.path)
		b.run(chromedp.WaitVisible(chromedp.CSS(p.ready)))
		b.walk(p.name)
	}

	// A whole task by keyboard: a Kế hoạch's trích yếu and body typed,
	// then Tab to "Lưu nháp" and Enter.
	// A new draft: empty content, nothing drawn until something is written.
	b.open("/van-ban/soan/ke-hoach")
	b.run(chromedp.WaitVisible(chromedp.CSS(`#f-body`)))
	if s := b.text("#xem-truoc-trang-thai"); !strings.Contains(s, "Viết trích yếu") {
		t.Errorf("a new draft's preview says %q", s)
	}
	b.tabTo("f-summary")
	b.run(chromedp.KeyEvent("a", chromedp.KeyModifiers(chromedp.ModifierCtrl))) // Ctrl+A: replace what is there
	b.key("Kế hoạch tổ chức Hội thi tuyên truyền viên giỏi năm 2026")
	b.tabTo("f-body")
	b.run(chromedp.KeyEvent("a", chromedp.KeyModifiers(chromedp.ModifierCtrl)))
	n := b.drawn()
	b.key("I. MỤC ĐÍCH, YÊU CẦU\r1. Mục đích\r- Nâng cao chất lượng đội ngũ tuyên truyền viên.")
	b.waitPreview(n)
	b.shot("ban-phim-go-noi-dung")
	b.tabTo("luu-nhap")
	b.shot("ban-phim-luu-nhap")
	evalJS[bool](b, `(window.__vanbanOld = true)`)
	b.key("\r")
	for i := 0; i < 200 && evalJS[bool](b, `!!window.__vanbanOld || document.readyState !== "complete"`); i++ {
		time.Sleep(50 * time.Millisecond)
	}
	if s := b.text(".flash"); !strings.Contains(s, "Đã lưu bản nháp") {
		t.Errorf("after Enter on Lưu nháp: %q", s)
	}
	ds, err := e.campaigns.ListDrafts(context.Background(), campaign.Query{Kind: "ke-hoach"})
	if err != nil || ds.Total != 1 || ds.Items[0].Title != "Kế hoạch tổ chức Hội thi tuyên truyền viên giỏi năm 2026" {
		t.Fatalf("drafts after the keyboard save: %+v %v", ds, err)
	}
	if d, err := e.campaigns.Draft(context.Background(), ds.Items[0].ID); err != nil || !strings.Contains(string(d.Input), `I. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\n- Nâng cao`) {
		t.Errorf("the saved body: %s %v", d.Input, err)
	}
	b.shot("ban-phim-da-luu")

	// A row of the nominations by keyboard: Tab to its "Sửa", Enter, Esc.
	b.open("/dot-thi-dua/" + c.ID)
	b.run(chromedp.WaitVisible(chromedp.CSS(`table.nominations`)))
	for i := 0; i < 200 && evalJS[string](b, `document.activeElement.className`) != "sua"; i++ {
		b.key("\t")
	}
	b.key("\r")
	b.run(chromedp.WaitVisible(chromedp.CSS(`tr.editing input[name="ten"]`)))
	if f := evalJS[string](b, `document.activeElement.name`); f != "ten" {
		t.Errorf("Enter on Sửa: focus on %q", f)
	}
	b.key("\u001b")
	b.run(chromedp.WaitNotPresent(chromedp.CSS(`tr.editing`)))
	if s := evalJS[string](b, `document.activeElement.className`); s != "sua" {
		t.Errorf("after Esc the focus is on %q, not back on Sửa", s)
	}
}
