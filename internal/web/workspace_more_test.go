package web_test

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	vanban "github.com/vanban/vanban"
	"github.com/vanban/vanban/internal/account"
	"github.com/vanban/vanban/internal/award"
	"github.com/vanban/vanban/internal/campaign"
	"github.com/vanban/vanban/internal/paperwork"
	"github.com/vanban/vanban/internal/registry"
)

// seedCampaign saves the agency profile of testdata, a campaign and a few
// nominations (one without gender: a problem on its row) and returns the
// campaign.
func seedCampaign(t testing.TB, e *env) campaign.Campaign {
	t.Helper()
	ctx := context.Background()
	raw, err := os.ReadFile("../../testdata/agency-profile.json")
	if err != nil {
		t.Fatal(err)
	}
	p, err := campaign.DecodeProfile(raw)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.campaigns.SaveProfile(ctx, p); err != nil {
		t.Fatal(err)
	}
	c, err := e.campaigns.SaveCampaign(ctx, campaign.Campaign{Agency: p.ID, Title: "Phong trào thi đua năm 2026", Year: 2026})
	if err != nil {
		t.Fatal(err)
	}
	ns := []award.Nomination{
		{Kind: award.Individual, Name: "Nguyễn Thị Lan", Gender: award.Female, Position: "Chuyên viên", Unit: "Phòng Văn hóa", AwardForm: "giay-khen-giam-doc-so", Summary: "Hoàn thành xuất sắc nhiệm vụ"},
		{Kind: award.Individual, Name: "Lò Văn Páo", Position: "Huấn luyện viên", Unit: "Trung tâm Huấn luyện", AwardForm: "giay-khen-giam-doc-so", Summary: "Hoàn thành xuất sắc nhiệm vụ"},
		{Kind: award.Collective, Name: "Phòng Quản lý du lịch", ParentUnit: "Sở Văn hóa, Thể thao và Du lịch", AwardForm: "giay-khen-giam-doc-so", Summary: "Hoàn thành xuất sắc nhiệm vụ"},
	}
	if _, err := e.campaigns.AddNominations(ctx, c.ID, ns); err != nil {
		t.Fatal(err)
	}
	return c
}

// issuePlan issues the seed's Kế hoạch through the register.
func issuePlan(t testing.TB, e *env) registry.Record {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(vanban.Example("ke-hoach-lai-chau.json"), &doc); err != nil {
		t.Fatal(err)
	}
	data, _ := json.Marshal(doc)
	rec, _, err := e.docs.Issue(context.Background(), data, paperwork.PDF)
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

// TestCampaignPlanInBrowser: the campaign page asks for its Kế hoạch; the
// officer chooses the issued one, the page shows it, and the Quyết định
// made from the campaign cites it in its căn cứ.
func TestCampaignPlanInBrowser(t *testing.T) {
	e := newEnv(t)
	c := seedCampaign(t, e)
	rec := issuePlan(t, e)
	ctx := context.Background()
	// A Kế hoạch still in draft is offered too.
	if _, err := e.campaigns.SaveDraft(ctx, campaign.Draft{Kind: "ke-hoach", Agency: "svhttdl-lai-chau", Title: "Kế hoạch năm 2027 (nháp)",
		Input: vanban.Example("ke-hoach-lai-chau.json")}); err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, e)

	b.open("/dot-thi-dua/" + c.ID)
	b.run(chromedp.WaitVisible(chromedp.CSS(`#dt-ke-hoach`)))
	if s := b.text("#ke-hoach .plan-now"); !strings.Contains(s, "chưa gắn kế hoạch") {
		t.Errorf("campaign without a Kế hoạch says %q", s)
	}
	options := evalJS[[]string](b, `[...document.querySelectorAll("#dt-ke-hoach option")].map(o => o.value)`)
	if len(options) != 3 || options[1] != "so:"+rec.ID.String() || !strings.HasPrefix(options[2], "nhap:") {
		t.Errorf("Kế hoạch offered: %q", options)
	}
	b.shot("dot-chua-co-ke-hoach")

	b.run(chromedp.SetValue(chromedp.CSS(`#dt-ke-hoach`), "so:"+rec.ID.String()))
	b.clickAndLoad(`#ke-hoach button`)
	b.run(chromedp.WaitVisible(chromedp.CSS(`.flash`)))
	want := "Kế hoạch số " + rec.Ref()
	if s := b.text("#ke-hoach .plan-now"); !strings.Contains(s, want) || !strings.Contains(s, "căn cứ") {
		t.Errorf("after choosing: %q, want %q", s, want)
	}
	if href := evalJS[string](b, `document.querySelector("#ke-hoach .plan-now a").getAttribute("href")`); href != "/so-van-ban-di/"+rec.ID.String() {
		t.Errorf("the Kế hoạch links to %q", href)
	}
	saved, err := e.campaigns.Campaign(ctx, c.ID)
	if err != nil || saved.Plan == nil || saved.Plan.Number != rec.Number || saved.Plan.Symbol != rec.Symbol {
		t.Fatalf("saved campaign plan: %+v %v", saved.Plan, err)
	}
	b.shot("dot-co-ke-hoach")

	// Lập Quyết định: its căn cứ cites the Kế hoạch. (Páo's gender chosen
	// first, so that the preview draws.)
	list, err := e.campaigns.Nominations(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	pao := list.Entries[1]
	pao.Gender = award.Male
	if _, err := e.campaigns.EditNomination(ctx, c.ID, pao.ID, pao.Nomination); err != nil {
		t.Fatal(err)
	}
	b.clickAndLoad(`button[value="quyet-dinh-khen-thuong"]`)
	b.run(chromedp.WaitVisible(chromedp.CSS(`#f-signer-name`)))
	b.waitPreview(0)
	ds, err := e.campaigns.ListDrafts(ctx, campaign.Query{CampaignID: c.ID})
	if err != nil || len(ds.Items) != 1 {
		t.Fatalf("drafts: %+v %v", ds, err)
	}
	d, err := e.campaigns.Draft(ctx, ds.Items[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	var in struct {
		Plan *struct {
			Number int    `json:"number"`
			Symbol string `json:"symbol"`
			Date   string `json:"date"`
		} `json:"plan"`
	}
	if err := json.Unmarshal(d.Input, &in); err != nil || in.Plan == nil || in.Plan.Number != rec.Number || in.Plan.Symbol != rec.Symbol {
		t.Errorf("the Quyết định's plan = %+v (%v), want %s", in.Plan, err, rec.Ref())
	}
	b.shot("quyet-dinh-can-cu-ke-hoach")

	// Back on the campaign page the choice is kept; "(chưa chọn)" unlinks it.
	b.open("/dot-thi-dua/" + c.ID)
	if v := evalJS[string](b, `document.getElementById("dt-ke-hoach").value`); v != "so:"+rec.ID.String() {
		t.Errorf("selected Kế hoạch = %q", v)
	}
	b.run(chromedp.SetValue(chromedp.CSS(`#dt-ke-hoach`), ""))
	b.clickAndLoad(`#ke-hoach button`)
	if saved, _ := e.campaigns.Campaign(ctx, c.ID); saved.Plan != nil {
		t.Errorf("plan after unlinking: %+v", saved.Plan)
	}

	// A new campaign names its Kế hoạch when it is created.
	b.open("/dot-thi-dua")
	b.run(chromedp.WaitVisible(chromedp.CSS(`#dt-ke-hoach`)))
	b.run(chromedp.SendKeys(chromedp.CSS(`#dt-ten`), "Phong trào thi đua “Lai Châu đoàn kết”"),
		chromedp.SetValue(chromedp.CSS(`#dt-ke-hoach`), "so:"+rec.ID.String()))
	b.shot("tao-dot-voi-ke-hoach")
	b.clickAndLoad(`.grid-form button`)
	b.run(chromedp.WaitVisible(chromedp.CSS(`#ke-hoach`)))
	if s := b.text("#ke-hoach .plan-now"); !strings.Contains(s, want) {
		t.Errorf("new campaign's Kế hoạch: %q", s)
	}
	// A choice that is not in the list is refused, what was typed kept.
	b.open("/dot-thi-dua")
	b.run(chromedp.WaitVisible(chromedp.CSS(`#dt-ke-hoach`)))
	evalJS[bool](b, `(document.getElementById("dt-ten").value = "Đợt thử", document.getElementById("dt-ke-hoach").insertAdjacentHTML("beforeend", "<option value='la:1'>x</option>"), document.getElementById("dt-ke-hoach").value = "la:1", true)`)
	b.clickAndLoad(`.grid-form button`)
	if s := b.text(".error-summary"); !strings.Contains(s, "Chọn kế hoạch") {
		t.Errorf("an unknown Kế hoạch: %q", s)
	}
	if v := evalJS[string](b, `document.getElementById("dt-ten").value`); v != "Đợt thử" {
		t.Errorf("the name typed was lost: %q", v)
	}
}

// waitChecked waits until the drafting page has checked the form once (the
// preview drawn, or its problems listed).
func (b *browser) waitChecked() {
	b.t.Helper()
	for i := 0; i < 300; i++ {
		if s := evalJS[string](b, `document.getElementById("xem-truoc-trang-thai").textContent`); s != "" && !strings.HasPrefix(s, "Đang") {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	b.t.Fatalf("the drafting page never checked the form")
}

// TestInlineEditInBrowser: a row of the nominations table is edited in
// place with the keyboard: "Sửa" turns its cells into fields, Enter saves
// (the row's problem and the summary line follow), Esc puts the row back.
func TestInlineEditInBrowser(t *testing.T) {
	e := newEnv(t)
	c := seedCampaign(t, e)
	ctx := context.Background()
	b := newBrowser(t, e)
	b.open("/dot-thi-dua/" + c.ID)
	b.run(chromedp.WaitVisible(chromedp.CSS(`table.nominations`)))
	if s := b.text(".summary-line"); !strings.Contains(s, "1 dòng cần sửa") {
		t.Errorf("summary before = %q", s)
	}
	if s := b.text("details.list-review"); !strings.Contains(s, "Lò Văn Páo") {
		t.Errorf("the list's problems before: %q", s)
	}
	list, err := e.campaigns.Nominations(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	pao, lan := list.Entries[1], list.Entries[0]
	row := "#dn-" + pao.ID

	// Sửa: the row's cells become fields, the focus in the name.
	b.run(chromedp.Click(chromedp.CSS(row + ` a.sua`)))
	b.run(chromedp.WaitVisible(chromedp.CSS(row + ` input[name="ten"]`)))
	if url := evalJS[string](b, `location.pathname`); !strings.HasSuffix(url, c.ID) {
		t.Fatalf("Sửa left the table for %s", url)
	}
	if f := evalJS[string](b, `document.activeElement.name`); f != "ten" {
		t.Errorf("focus after Sửa on %q", f)
	}
	for _, name := range []string{"ten", "gioi-tinh", "don-vi", "hinh-thuc"} {
		label := evalJS[string](b, `(document.querySelector("`+row+` [name='`+name+`']") || {getAttribute: () => ""}).getAttribute("aria-label") || ""`)
		if label == "" {
			t.Errorf("inline field %s has no accessible name", name)
		}
	}
	b.shot("sua-tai-cho")

	// Keyboard only: Tab to the gender, choose Nam, Tab to the unit, retype
	// it, Enter.
	b.run(chromedp.KeyEvent("\t"))
	if f := evalJS[string](b, `document.activeElement.name`); f != "gioi-tinh" {
		t.Fatalf("Tab from the name went to %q", f)
	}
	b.run(chromedp.KeyEvent("N")) // the first option starting with N: Nam
	b.run(chromedp.KeyEvent("\t"))
	if f := evalJS[string](b, `document.activeElement.name`); f != "don-vi" {
		t.Fatalf("Tab from the gender went to %q", f)
	}
	b.run(chromedp.KeyEvent("Trung tâm Huấn luyện và Thi đấu thể thao"))
	b.run(chromedp.KeyEvent("\r"))
	b.run(chromedp.WaitNotPresent(chromedp.CSS(row + ` .cell-input`)))
	if s := b.text(row + ` .c-ten`); s != "Ông Lò Văn Páo" {
		t.Errorf("name cell after saving = %q", s)
	}
	if s := b.text(row + ` .c-don-vi`); s != "Huấn luyện viên, Trung tâm Huấn luyện và Thi đấu thể thao" {
		t.Errorf("unit cell after saving = %q", s)
	}
	if s := b.text(row + ` .c-loi`); s != "" {
		t.Errorf("problem left on the row: %q", s)
	}
	if s := b.text(".summary-line"); !strings.Contains(s, "0 dòng cần sửa") {
		t.Errorf("summary after = %q", s)
	}
	if !evalJS[bool](b, `document.querySelector("details.list-review").hidden`) {
		t.Errorf("the list's problems still shown after the fix: %q", b.text("details.list-review"))
	}
	if f := evalJS[string](b, `document.activeElement.className`); f != "sua" {
		t.Errorf("focus after saving on %q", f)
	}
	b.shot("da-luu-tai-cho")
	list, _ = e.campaigns.Nominations(ctx, c.ID)
	got := list.Entries[1]
	if got.Gender != award.Male || got.Unit != "Trung tâm Huấn luyện và Thi đấu thể thao" || got.Position != "Huấn luyện viên" || got.Summary != pao.Summary {
		t.Errorf("saved row = %+v", got.Nomination)
	}

	// Esc: a double click on a cell edits it; Esc puts the row back and
	// saves nothing.
	row = "#dn-" + lan.ID
	b.run(chromedp.DoubleClick(chromedp.CSS(row + ` .c-hinh-thuc`)))
	b.run(chromedp.WaitVisible(chromedp.CSS(row + ` select[name="hinh-thuc"]`)))
	if f := evalJS[string](b, `document.activeElement.name`); f != "hinh-thuc" {
		t.Errorf("focus after a double click on the form cell: %q", f)
	}
	b.run(chromedp.Focus(chromedp.CSS(row+` input[name="ten"]`)), chromedp.KeyEvent("XYZ"))
	b.shot("sua-roi-thoi")
	b.run(chromedp.KeyEvent("\u001b"))
	b.run(chromedp.WaitNotPresent(chromedp.CSS(row + ` .cell-input`)))
	if s := b.text(row + ` .c-ten`); s != "Bà Nguyễn Thị Lan" {
		t.Errorf("after Esc the name cell = %q", s)
	}
	list, _ = e.campaigns.Nominations(ctx, c.ID)
	if list.Entries[0].Name != lan.Name {
		t.Errorf("Esc saved %q", list.Entries[0].Name)
	}

	// Without the page's CSRF token the inline save is refused.
	status := evalJS[int](b, `fetch(document.querySelector("`+row+`").dataset.sua, {method: "POST", headers: {"Accept": "application/json"}, body: new URLSearchParams({ten: "X"})}).then(r => r.status)`)
	if status != 403 {
		t.Errorf("inline save without the CSRF token: %d", status)
	}
}

// issueDecision makes the Quyết định of campaign c (every row given a
// gender first) and issues it.
func issueDecision(t testing.TB, e *env, c campaign.Campaign) registry.Record {
	t.Helper()
	ctx := context.Background()
	list, err := e.campaigns.Nominations(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, en := range list.Entries {
		if en.Kind == award.Individual && en.Gender == "" {
			en.Gender = award.Male
			if _, err := e.campaigns.EditNomination(ctx, c.ID, en.ID, en.Nomination); err != nil {
				t.Fatal(err)
			}
		}
	}
	d, err := e.campaigns.DraftFromCampaign(ctx, c.ID, campaign.DraftRequest{Kind: "quyet-dinh-khen-thuong"})
	if err != nil {
		t.Fatal(err)
	}
	rec, _, err := e.docs.Issue(ctx, d.Input, paperwork.PDF)
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

// inkBox is the box of the drawn (non-white) pixels of the certificate
// preview, in canvas pixels, and the canvas's pixels per mm.
const inkBox = `(() => {
	const c = document.querySelector("#bang-xem-truoc canvas");
	const w = c.width, h = c.height, d = c.getContext("2d").getImageData(0, 0, w, h).data;
	let x0 = w, y0 = h;
	for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
		const i = (y * w + x) * 4;
		if (d[i] + d[i + 1] + d[i + 2] < 450) { if (x < x0) x0 = x; if (y < y0) y0 = y; }
	}
	return {x: x0, y: y0, pxPerMm: w / +document.getElementById("bang-xem-truoc").dataset.widthMm};
})()`

type box struct {
	X, Y    float64
	PxPerMm float64 `json:"pxPerMm"`
}

// TestCertificatePreviewInBrowser: on an issued Quyết định the văn thư
// sees the first certificate drawn; in overprint mode the text moves on
// the page as the printer offset changes, before anything is printed; the
// calibration page is printed from there; the preview records nothing.
func TestCertificatePreviewInBrowser(t *testing.T) {
	e := newEnv(t)
	c := seedCampaign(t, e)
	rec := issueDecision(t, e, c)
	ctx := context.Background()
	b := newBrowser(t, e)
	b.open("/so-van-ban-di/" + rec.ID.String())
	b.run(chromedp.WaitVisible(chromedp.CSS(`#in-bang`)))
	drawn := func() int { return evalJS[int](b, `+(document.getElementById("bang-xem-truoc").dataset.drawn || 0)`) }
	waitDrawn := func(after int) {
		t.Helper()
		for i := 0; i < 300 && drawn() <= after; i++ {
			time.Sleep(50 * time.Millisecond)
		}
		if drawn() <= after {
			t.Fatalf("the certificate preview was not redrawn: %q", b.text("#bang-xt-tt"))
		}
	}
	waitDrawn(0)
	evalJS[bool](b, `(document.querySelector("section.print h2").scrollIntoView(), true)`)
	if s := b.text("#in-so-luong"); !strings.Contains(s, "Sẽ in 03 bằng") {
		t.Errorf("count before the first print: %q", s)
	}
	b.shot("xem-truoc-giay-trang")

	n := drawn()
	b.run(chromedp.SetValue(chromedp.CSS(`#in-kieu`), "overprint"))
	evalJS[bool](b, `document.getElementById("in-kieu").dispatchEvent(new Event("change", {bubbles: true}))`)
	waitDrawn(n)
	before := evalJS[box](b, inkBox)
	b.shot("xem-truoc-in-len-phoi")

	// Typed as an officer would: 10 mm right, 5,5 mm down.
	for _, f := range []struct{ sel, mm string }{{"#lech-x", "10"}, {"#lech-y", "5,5"}} {
		n = drawn()
		b.run(chromedp.Focus(chromedp.CSS(f.sel)))
		evalJS[bool](b, `(document.activeElement.select(), true)`)
		b.run(chromedp.KeyEvent(f.mm))
		waitDrawn(n)
	}
	for evalJS[string](b, `document.getElementById("bang-xem-truoc").dataset.offset`) != "10;5.5" {
		waitDrawn(drawn())
	}
	after := evalJS[box](b, inkBox)
	t.Logf("certificate preview round trip (request, print one, pdf.js draw): %s ms", evalJS[string](b, `document.getElementById("bang-xem-truoc").dataset.ms`))
	dx, dy := (after.X-before.X)/before.PxPerMm, (after.Y-before.Y)/before.PxPerMm
	t.Logf("ink box moved %.1f mm right, %.1f mm down (%.2f px/mm)", dx, dy, before.PxPerMm)
	if dx < 9 || dx > 11 || dy < 4.5 || dy > 6.5 {
		t.Errorf("with the offset (10; 5,5) mm the text moved (%.1f; %.1f) mm", dx, dy)
	}
	if s := b.text("#bang-xt-tt"); !strings.Contains(s, "lệch ngang 10 mm") || !strings.Contains(s, "5,5 mm") {
		t.Errorf("preview state = %q", s)
	}
	b.shot("xem-truoc-lech-10-5")

	// Bad offset: said beside the preview, nothing drawn.
	b.run(chromedp.Focus(chromedp.CSS(`#lech-x`)))
	evalJS[bool](b, `(document.activeElement.select(), true)`)
	b.run(chromedp.KeyEvent("abc"))
	for i := 0; i < 100 && !strings.Contains(b.text("#bang-xt-tt"), "milimét"); i++ {
		time.Sleep(50 * time.Millisecond)
	}
	if s := b.text("#bang-xt-tt"); !strings.Contains(s, "milimét") {
		t.Errorf("bad offset: %q", s)
	}

	// Replies that are not a preview are said in the officer's words
	// (review #10): a stale CSRF token (403), an expired session (401), a
	// PDF pdf.js cannot draw.
	stateSays := func(want string) {
		t.Helper()
		for i := 0; i < 100 && !strings.Contains(b.text("#bang-xt-tt"), want); i++ {
			time.Sleep(50 * time.Millisecond)
		}
		if s := b.text("#bang-xt-tt"); !strings.Contains(s, want) {
			t.Errorf("preview state = %q, want %q", s, want)
		}
	}
	retype := func(mm string) {
		b.run(chromedp.Focus(chromedp.CSS(`#lech-x`)))
		evalJS[bool](b, `(document.activeElement.select(), true)`)
		b.run(chromedp.KeyEvent(mm))
	}
	csrf := evalJS[string](b, `document.querySelector("#in-bang [name=csrf]").value`)
	evalJS[bool](b, `(document.querySelector("#in-bang [name=csrf]").value = "cu", true)`)
	retype("1")
	stateSays("Trang đã cũ")
	b.shot("xem-truoc-trang-cu")
	evalJS[bool](b, `(document.querySelector("#in-bang [name=csrf]").value = "`+csrf+`", true)`)
	// Two previews overlapping (review2 #5): the older reply comes last and
	// is ignored — the offset, page width and count shown are the newer's.
	n = drawn()
	widthMm := evalJS[string](b, `document.getElementById("bang-xem-truoc").dataset.widthMm`)
	evalJS[bool](b, `(window.realFetch = window.fetch, window.fetch = (url, opts) => {
		const p = window.realFetch(url, opts);
		if (window.fetch.calls++) return p;
		return p.then(r => new Promise(ok => setTimeout(() => ok(r), 1500)));
	}, window.fetch.calls = 0, true)`)
	retype("4")
	time.Sleep(400 * time.Millisecond) // the first request is on its way
	retype("5")
	waitDrawn(n)
	time.Sleep(2 * time.Second) // the older reply has come by now
	if o := evalJS[string](b, `document.getElementById("bang-xem-truoc").dataset.offset`); o != "5;5.5" {
		t.Errorf("after overlapping previews (4 then 5 mm) the preview shows offset %q, want 5;5.5", o)
	}
	if w := evalJS[string](b, `document.getElementById("bang-xem-truoc").dataset.widthMm`); w != widthMm {
		t.Errorf("after overlapping previews the page width is %s mm, was %s", w, widthMm)
	}
	if calls := evalJS[int](b, `window.fetch.calls`); calls < 2 {
		t.Errorf("%d preview requests, want two overlapping", calls)
	}
	evalJS[bool](b, `(window.fetch = window.realFetch, true)`)
	if s := b.text("#in-so-luong"); !strings.Contains(s, "03 bằng") || !evalJS[bool](b, `!document.getElementById("in-so-luong").hidden`) {
		t.Errorf("count before the drawing error: %q", s)
	}
	evalJS[bool](b, `(window.realFetch = window.fetch, window.fetch = () => Promise.resolve(new Response(JSON.stringify({ok: true, pdf: btoa("%PDF-1.7 broken"), offset: [2, 0], count: 3}), {headers: {"Content-Type": "application/json"}})), true)`)
	retype("2")
	stateSays("Không vẽ được bản xem trước")
	// The count said was the last drawn preview's: hidden with it stale.
	if evalJS[bool](b, `!document.getElementById("in-so-luong").hidden`) {
		t.Errorf("after a drawing error the count still says %q", b.text("#in-so-luong"))
	}
	b.shot("xem-truoc-khong-ve-duoc")
	evalJS[bool](b, `(window.fetch = window.realFetch, true)`)
	// The calibration page, from the button beside the offset.
	head := evalJS[string](b, `(() => { const f = document.getElementById("in-bang"); const d = new FormData(f);
		d.set("lech-x", "10"); d.set("can-chinh", "1");
		return fetch(f.action, {method: "POST", body: new URLSearchParams(d)}).then(r => r.arrayBuffer()).then(a => String.fromCharCode(...new Uint8Array(a.slice(0, 5)))); })()`)
	if head != "%PDF-" {
		t.Errorf("calibration page starts %q", head)
	}
	if cs, err := e.reg.CertificatesOf(ctx, rec.ID); err != nil || len(cs) != 0 {
		t.Errorf("after previews and calibration: %d certificates recorded (%v), want none", len(cs), err)
	}

	// Printed once: the page then says a reprint keeps the numbers.
	head = evalJS[string](b, `(() => { const f = document.getElementById("in-bang"); const d = new FormData(f);
		d.set("kieu", "full"); d.set("dinh-dang", "pdf"); d.set("lech-x", "0"); d.set("lech-y", "0");
		return fetch(f.action, {method: "POST", body: new URLSearchParams(d)}).then(r => r.arrayBuffer()).then(a => String.fromCharCode(...new Uint8Array(a.slice(0, 5)))); })()`)
	if cs, err := e.reg.CertificatesOf(ctx, rec.ID); head != "%PDF-" || err != nil || len(cs) != 3 {
		t.Fatalf("first print: %q, %d recorded (%v)", head, len(cs), err)
	}
	b.open("/so-van-ban-di/" + rec.ID.String())
	waitDrawn(0)
	if s := b.text("#in-so-luong"); !strings.Contains(s, "In lại 03 bằng") {
		t.Errorf("count after the first print: %q", s)
	}

	// An account made meanwhile ends the local session (as an expired one
	// would): the next preview is refused with 401, and said so.
	if _, err := e.accounts.Add(ctx, account.NewUser{Username: "vanthu", Name: "Văn thư", Password: "mật khẩu thử nghiệm", Role: account.Clerk}); err != nil {
		t.Fatal(err)
	}
	retype("3")
	stateSays("Phiên làm việc đã hết hạn — hãy đăng nhập lại")
	b.shot("xem-truoc-het-phien")
}
