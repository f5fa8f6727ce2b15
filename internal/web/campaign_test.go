package web_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/vanban/vanban/internal/campaign"
)

// TestCampaignInBrowser: a campaign from start to finish as the local
// user: create it, import a unit's list, see the rows with their problems,
// make the Quyết định with one button, save it as a draft, issue it and
// print its certificates.
func TestCampaignInBrowser(t *testing.T) {
	e := newEnv(t)
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
	xlsx, err := filepath.Abs("../../testdata/nominations.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, e)

	b.open("/dot-thi-dua")
	b.run(chromedp.WaitVisible(chromedp.CSS(`#dt-ten`)))
	b.run(chromedp.SendKeys(chromedp.CSS(`#dt-ten`), "Phong trào thi đua “Văn hóa, thể thao và du lịch Lai Châu chung sức xây dựng nông thôn mới”"))
	b.clickAndLoad(`.grid-form button`)
	b.run(chromedp.WaitVisible(chromedp.CSS(`#tep`)))
	b.shot("dot-thi-dua-moi")

	b.run(chromedp.SetUploadFiles(chromedp.CSS(`#tep`), []string{xlsx}))
	b.clickAndLoad(`.upload button`)
	b.run(chromedp.WaitVisible(chromedp.CSS(`.flash.imported, .error-summary`)))
	if !evalJS[bool](b, `!!document.querySelector("table.nominations")`) {
		b.shot("nhap-loi")
		t.Fatalf("after import: %s", b.text("main"))
	}
	if s := b.text(".flash"); !strings.Contains(s, "Đã nhập") || !strings.Contains(s, "8/10 dòng (2 dòng tiêu đề mục)") {
		t.Errorf("import: %q", s)
	}
	summary := b.text(".summary-line")
	if !strings.Contains(summary, "tập thể") || !strings.Contains(summary, "cá nhân") {
		t.Errorf("summary line = %q", summary)
	}
	rows := evalJS[int](b, `document.querySelectorAll("table.nominations tbody tr").length`)
	if rows < 5 {
		t.Errorf("%d rows shown", rows)
	}
	b.shot("danh-sach-de-nghi")

	// Filter the rows with a problem, as in a sheet.
	campaignURL := "/dot-thi-dua/" + evalJS[string](b, `location.pathname.split("/")[2]`)
	b.open(campaignURL + "?co-loi=1")
	b.run(chromedp.WaitVisible(chromedp.CSS(`.summary-line`)))
	filtered := evalJS[int](b, `document.querySelectorAll("table.nominations tbody tr").length`)
	if filtered > rows {
		t.Errorf("filter shows %d of %d rows", filtered, rows)
	}
	b.shot("loc-dong-co-loi")

	// Edit a row in place: choose Nữ for a person.
	b.open(campaignURL)
	href := evalJS[string](b, `[...document.querySelectorAll("table.nominations tbody tr")].find(tr => tr.textContent.includes("Nguyễn Văn Hùng")).querySelector(".row-actions a").getAttribute("href")`)
	b.open(href)
	b.run(chromedp.WaitVisible(chromedp.CSS(`#dn-gioi-tinh`)))
	b.shot("sua-de-nghi")
	b.run(chromedp.SetValue(chromedp.CSS(`#dn-gioi-tinh`), "nu"))
	b.clickAndLoad(`.nomination-form button`)
	b.run(chromedp.WaitVisible(chromedp.CSS(`.flash`)))
	if s := b.text("table.nominations"); !strings.Contains(s, "Bà Nguyễn Văn Hùng") {
		t.Errorf("after choosing Nữ: %q", s)
	}

	// The same list sent again by another unit (CSV): its rows are
	// duplicates, merged into the first ones with one button each.
	csv, _ := filepath.Abs("../../testdata/nominations.csv")
	b.run(chromedp.SetUploadFiles(chromedp.CSS(`#tep`), []string{csv}))
	b.clickAndLoad(`.upload button`)
	b.run(chromedp.WaitVisible(chromedp.CSS(`.flash.imported`)))
	before := evalJS[int](b, `document.querySelectorAll("table.nominations tbody tr").length`)
	merges := evalJS[int](b, `document.querySelectorAll("button.merge").length`)
	b.shot("dong-trung")
	if merges == 0 {
		t.Errorf("no merge offered after importing the list twice (%d rows)", before)
	} else {
		b.clickAndLoad(`button.merge`)
		if after := evalJS[int](b, `document.querySelectorAll("table.nominations tbody tr").length`); after != before-1 {
			t.Errorf("after merging: %d rows, want %d", after, before-1)
		}
		for i := 1; i < merges && evalJS[int](b, `document.querySelectorAll("button.merge").length`) > 0; i++ {
			b.clickAndLoad(`button.merge`)
		}
		if left := evalJS[int](b, `document.querySelectorAll("button.merge").length`); left != 0 {
			t.Errorf("%d duplicates left after merging them all", left)
		}
	}

	// Lập Quyết định: the draft opens in the drafting page.
	b.clickAndLoad(`button[value="quyet-dinh-khen-thuong"]`)
	b.run(chromedp.WaitVisible(chromedp.CSS(`#f-signer-name`)))
	if s := b.text("#trang-thai"); !strings.Contains(s, "phiên bản 1") {
		t.Errorf("draft state = %q", s)
	}
	b.waitPreview(0)
	b.shot("quyet-dinh-tu-dot")
	// The page made from the campaign has a flash already: wait for the
	// page the save leads to, not for a flash (failed under -race).
	b.clickAndLoad(`#luu-nhap`)
	b.run(chromedp.WaitVisible(chromedp.CSS(`.flash`)))
	if s := b.text("#trang-thai"); !strings.Contains(s, "phiên bản 2") {
		t.Errorf("after saving: %q", s)
	}
	b.waitPreview(0)

	// Issue it, then print its certificates.
	b.run(chromedp.Click(chromedp.CSS(`#phat-hanh`)), chromedp.WaitVisible(chromedp.CSS(`#hop-xac-nhan`)))
	if s := b.text("#hop-noi-dung"); !strings.Contains(s, "/QĐ-SVHTTDL") {
		t.Fatalf("confirmation = %q", s)
	}
	b.clickAndLoad(`#hop-dong-y`)
	b.run(chromedp.WaitVisible(chromedp.CSS(`section.print`)))
	b.shot("quyet-dinh-da-phat-hanh")
	for _, mode := range []string{"full", "calibration"} {
		head := evalJS[string](b, `(() => { const f = document.querySelector("section.print form"); const d = new FormData(f);
			d.set("kieu", "`+mode+`"); d.set("dinh-dang", "pdf");
			return fetch(f.action, {method: "POST", body: new URLSearchParams(d)}).then(r => r.arrayBuffer()).then(a => String.fromCharCode(...new Uint8Array(a.slice(0, 5)))); })()`)
		if head != "%PDF-" {
			t.Errorf("certificates (%s) start %q", mode, head)
		}
	}

	b.open("/van-ban")
	if s := b.text("main"); !strings.Contains(s, "Đã phát hành") {
		t.Errorf("the issued draft is not marked: %q", s)
	}
	b.shot("van-ban-ban-nhap")
}
