package web_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/vanban/vanban/internal/account"
)

// TestDraftRepliesInBrowser: on the drafting page, a reply that is not the
// expected JSON is said in the officer's words: an autosave refused (403,
// a stale page) says the draft is NOT saved; the văn thư's number asked
// with a stale page says so; a preview after the session ended (401) says
// to log in again. Before, the autosave failed silently and the others
// said "Không kết nối được máy chủ.".
func TestDraftRepliesInBrowser(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(t, e)
	b.open("/van-ban/soan/ke-hoach?mau=1")
	b.run(chromedp.WaitVisible(chromedp.CSS(`#f-body`)))
	b.waitPreview(0)
	waitText := func(sel, want string) {
		t.Helper()
		for i := 0; i < 200 && !strings.Contains(b.text(sel), want); i++ {
			time.Sleep(50 * time.Millisecond)
		}
		if s := b.text(sel); !strings.Contains(s, want) {
			t.Errorf("%s says %q, want %q", sel, s, want)
		}
	}
	// Every request but the preview answered as a stale page would be.
	evalJS[bool](b, `(() => { const real = window.fetch, preview = document.getElementById("draft").dataset.preview;
		document.getElementById("draft").dataset.autosave = "200";
		window.realFetch = real;
		window.fetch = (url, opts) => String(url).endsWith(preview) ? real(url, opts)
			: Promise.resolve(new Response("<h1>Yêu cầu không hợp lệ</h1>", {status: 403, headers: {"Content-Type": "text/html; charset=utf-8"}}));
		return true; })()`)
	n := b.drawn()
	b.paste("#f-summary", "Kế hoạch tổ chức Hội thi năm 2026")
	b.waitPreview(n)
	waitText("#trang-thai", "Chưa lưu được bản nháp: Trang đã cũ")
	if d := evalJS[string](b, `document.getElementById("f-date").value`); d != time.Now().In(time.FixedZone("ICT", 7*3600)).Format("02/01/2006") {
		t.Errorf("the example filled in is dated %q, want today", d)
	}
	evalJS[bool](b, `(window.scrollTo(0, 0), document.querySelector(".draft-form").scrollTop = 0, true)`)
	b.shot("tu-luu-bi-tu-choi")
	// Scrolled halfway down the form, the officer still sees it: said
	// again in the action bar at the bottom (role=alert).
	if !evalJS[bool](b, `(() => { let s = document.querySelector(".draft-form");
		while (s && !(s.scrollHeight > s.clientHeight && /auto|scroll/.test(getComputedStyle(s).overflowY))) s = s.parentElement;
		s = s || document.scrollingElement;
		s.scrollTop = (s.scrollHeight - s.clientHeight) / 2;
		return document.getElementById("trang-thai").getBoundingClientRect().bottom < Math.max(0, s === document.scrollingElement ? 0 : s.getBoundingClientRect().top); })()`) {
		t.Error("scrolled halfway down, the save line at the top is still in sight: the step proves nothing")
	}
	alertShown := `(() => { const a = document.getElementById("luu-loi"); if (!a || a.hidden) return false;
		const r = a.getBoundingClientRect(); return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight; })()`
	if !evalJS[bool](b, alertShown) {
		t.Errorf("scrolled down, the refused autosave is not in sight in the action bar (#luu-loi %q)",
			evalJS[string](b, `(document.getElementById("luu-loi") || {}).textContent || "(none)"`))
	} else if s := b.text("#luu-loi"); !strings.Contains(s, "Chưa lưu được bản nháp: Trang đã cũ") {
		t.Errorf("the action bar says %q", s)
	}
	if r := evalJS[string](b, `(document.getElementById("luu-loi") || {getAttribute: () => ""}).getAttribute("role")`); r != "alert" {
		t.Errorf("#luu-loi role %q, want alert", r)
	}
	b.shot("tu-luu-bi-tu-choi-giua-trang")
	if b.text("#phat-hanh") != "" {
		b.run(chromedp.Click(chromedp.CSS(`#phat-hanh`)), chromedp.WaitVisible(chromedp.CSS(`#hop-xac-nhan`)))
		waitText("#hop-noi-dung", "Chưa cấp số được: Trang đã cũ")
		b.shot("cap-so-trang-cu")
		evalJS[bool](b, `(document.getElementById("hop-xac-nhan").close(), true)`)
	} else {
		t.Error("no Cấp số và phát hành for the local user")
	}
	// A later save that succeeds takes the alert away.
	evalJS[bool](b, `(window.fetch = window.realFetch, true)`)
	n = b.drawn()
	b.paste("#f-summary", "Kế hoạch tổ chức Hội thi năm 2026 (sửa)")
	b.waitPreview(n)
	waitText("#trang-thai", "Đã lưu lúc")
	if evalJS[bool](b, `!(document.getElementById("luu-loi") || {hidden: true}).hidden`) {
		t.Errorf("after a save that succeeded the action bar still says %q", b.text("#luu-loi"))
	}
	b.shot("tu-luu-lai-duoc")
	// The session ends (an account is made: the loopback user is no longer
	// let in): the preview says to log in again.
	if _, err := e.accounts.Add(context.Background(), account.NewUser{Username: "vanthu", Name: "Văn thư", Password: "mật khẩu thử nghiệm", Role: account.Clerk}); err != nil {
		t.Fatal(err)
	}
	b.paste("#f-summary", "Kế hoạch tổ chức Hội thi năm 2027")
	waitText("#xem-truoc-trang-thai", "Phiên làm việc đã hết hạn — hãy đăng nhập lại")
	b.shot("xem-truoc-het-phien")
}
