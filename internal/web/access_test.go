package web_test

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/vanban/vanban/internal/account"
	"github.com/vanban/vanban/internal/web"
)

// client is a cookie-keeping HTTP client of the workspace that does not
// follow redirects.
type client struct {
	t    *testing.T
	base string
	c    *http.Client
}

func newClient(t *testing.T, base string) *client {
	jar, _ := cookiejar.New(nil)
	c := noRedirect()
	c.Jar = jar
	return &client{t: t, base: base, c: c}
}

func (c *client) do(method, path string, form url.Values, header map[string]string) (*http.Response, string) {
	c.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, _ := http.NewRequest(method, c.base+path, body)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	res, err := c.c.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

var csrfRe = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func csrfOf(t *testing.T, page string) string {
	t.Helper()
	m := csrfRe.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no CSRF token in the page")
	}
	return m[1]
}

// login signs in through the form and returns the CSRF token of the session.
func (c *client) login(user, password string) string {
	c.t.Helper()
	_, page := c.do("GET", "/dang-nhap", nil, nil)
	res, body := c.do("POST", "/dang-nhap", url.Values{"csrf": {csrfOf(c.t, page)}, "ten": {user}, "mat-khau": {password}}, nil)
	if res.StatusCode != http.StatusSeeOther {
		c.t.Fatalf("login %s: %d %s", user, res.StatusCode, body)
	}
	_, page = c.do("GET", "/van-ban", nil, nil)
	return csrfOf(c.t, page)
}

func addUser(t *testing.T, e *env, name string, role account.Role) {
	t.Helper()
	if _, err := e.accounts.Add(context.Background(), account.NewUser{Username: name, Password: "mật khẩu thử nghiệm", Role: role}); err != nil {
		t.Fatal(err)
	}
}

// TestAccess checks who may do what, over HTTP: the local user only while
// no account exists, the session cookie's flags, CSRF on every post, roles,
// the rate limit of logins, the security headers and the embedded assets.
func TestAccess(t *testing.T) {
	e := newEnv(t)
	anon := newClient(t, e.srv.URL)

	// No account on loopback: the local user works without logging in, and
	// still needs the CSRF token to post.
	res, page := anon.do("GET", "/", nil, nil)
	if res.StatusCode != 200 || !strings.Contains(page, "Người dùng trên máy này") {
		t.Fatalf("local user: %d", res.StatusCode)
	}
	if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
		t.Errorf("CSP = %q", csp)
	}
	form := url.Values{"ten": {"quantri"}, "mat-khau": {"mật khẩu quản trị"}, "vai-tro": {"quan-tri"}}
	if res, _ := anon.do("POST", "/co-quan/tai-khoan", form, nil); res.StatusCode != http.StatusForbidden {
		t.Errorf("post without CSRF: %d, want 403", res.StatusCode)
	}
	_, page = anon.do("GET", "/co-quan", nil, nil)
	form.Set("csrf", csrfOf(t, page))
	if res, _ := anon.do("POST", "/co-quan/tai-khoan", form, map[string]string{"Origin": "http://evil.example"}); res.StatusCode != http.StatusForbidden {
		t.Errorf("post from another origin: %d, want 403", res.StatusCode)
	}
	if res, body := anon.do("POST", "/co-quan/tai-khoan", form, nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("first account: %d %s", res.StatusCode, body)
	}
	// Now there is an account: everyone logs in.
	if res, _ := anon.do("GET", "/so-van-ban-di", nil, nil); res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/dang-nhap") {
		t.Errorf("after the first account: %d %s, want a redirect to /dang-nhap", res.StatusCode, res.Header.Get("Location"))
	}

	addUser(t, e, "lan.nt", account.Specialist)
	cv := newClient(t, e.srv.URL)
	token := cv.login("lan.nt", "mật khẩu thử nghiệm")
	u, _ := url.Parse(e.srv.URL)
	for _, ck := range cv.c.Jar.Cookies(u) {
		if ck.Name == "vanban_phien" && ck.Value == "" {
			t.Error("empty session cookie")
		}
	}
	// The Set-Cookie of a login: HttpOnly, SameSite.
	_, loginPage := anon.do("GET", "/dang-nhap", nil, nil)
	res, _ = anon.do("POST", "/dang-nhap", url.Values{"csrf": {csrfOf(t, loginPage)}, "ten": {"quantri"}, "mat-khau": {"mật khẩu quản trị"}}, nil)
	sc := strings.Join(res.Header.Values("Set-Cookie"), "\n")
	if !strings.Contains(sc, "vanban_phien=") || !strings.Contains(sc, "HttpOnly") || !strings.Contains(sc, "SameSite=Lax") {
		t.Errorf("session cookie: %s", sc)
	}

	// A chuyên viên drafts but does not issue, cancel or export.
	_, draft := cv.do("GET", "/van-ban/soan/ke-hoach", nil, nil)
	if strings.Contains(draft, `id="phat-hanh"`) {
		t.Error("a chuyên viên sees “Cấp số và phát hành”")
	}
	if res, _ := cv.do("POST", "/van-ban/soan/ke-hoach/phat-hanh", url.Values{"csrf": {token}}, nil); res.StatusCode != http.StatusForbidden {
		t.Errorf("chuyên viên issuing: %d, want 403", res.StatusCode)
	}
	if res, _ := cv.do("GET", "/so-van-ban-di/xuat?nam=2026", nil, nil); res.StatusCode != http.StatusForbidden {
		t.Errorf("chuyên viên exporting: %d, want 403", res.StatusCode)
	}
	// The preview answers a chuyên viên with the problems of the draft.
	res, body := cv.do("POST", "/van-ban/soan/ke-hoach/xem-truoc", url.Values{"summary": {"Thử"}}, map[string]string{"X-CSRF-Token": token})
	if res.StatusCode != 200 || !strings.Contains(body, `"ok":false`) || !strings.Contains(body, "f-agency-name") {
		t.Errorf("preview of an empty draft: %d %s", res.StatusCode, body)
	}

	// Logins are rate-limited per name.
	att := newClient(t, e.srv.URL)
	_, lp := att.do("GET", "/dang-nhap", nil, nil)
	tok := csrfOf(t, lp)
	var last int
	var lastBody string
	for i := 0; i < 6; i++ {
		res, b := att.do("POST", "/dang-nhap", url.Values{"csrf": {tok}, "ten": {"lan.nt"}, "mat-khau": {"sai mật khẩu"}}, nil)
		last, lastBody = res.StatusCode, b
	}
	if last != http.StatusTooManyRequests || !strings.Contains(lastBody, "thử lại sau") {
		t.Errorf("6th wrong login: %d", last)
	}

	// Logout ends the session.
	if res, _ := cv.do("POST", "/dang-xuat", url.Values{"csrf": {token}}, nil); res.StatusCode != http.StatusSeeOther {
		t.Errorf("logout: %d", res.StatusCode)
	}
	if res, _ := cv.do("GET", "/van-ban", nil, nil); res.StatusCode != http.StatusSeeOther {
		t.Errorf("after logout: %d, want a redirect to the login page", res.StatusCode)
	}

	// pdf.js and the styles come from the binary.
	res, _ = anon.do("GET", "/static/pdfjs/pdf.min.mjs", nil, nil)
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/javascript") {
		t.Errorf("pdf.js: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
}

// TestLoginRequiredOffLoopback: on any other address, login is required
// even with no account.
func TestLoginRequiredOffLoopback(t *testing.T) {
	e := newEnv(t)
	h, err := web.New(web.Config{Loopback: false}, web.Deps{Documents: e.docs, Register: testRegister{e}, Accounts: e.accounts}, nil)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	res, _ := newClient(t, srv.URL).do("GET", "/van-ban", nil, nil)
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/dang-nhap") {
		t.Errorf("GET /van-ban off loopback without account: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
}

// TestAccountsInBrowser: the first account made by the local user, a
// wrong password, the quản trị adding a văn thư, and a chuyên viên's view.
func TestAccountsInBrowser(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(t, e)
	b.open("/co-quan")
	b.run(chromedp.WaitVisible(chromedp.CSS(`#tk-ten`)))
	b.shot("co-quan-chua-co-tai-khoan")
	b.run(chromedp.SendKeys(chromedp.CSS(`#tk-ten`), "quantri"), chromedp.SendKeys(chromedp.CSS(`#tk-ho-ten`), "Nguyễn Văn Quản"),
		chromedp.SetValue(chromedp.CSS(`#tk-vai-tro`), "quan-tri"), chromedp.SendKeys(chromedp.CSS(`#tk-mat-khau`), "mật khẩu quản trị"),
		chromedp.Click(chromedp.CSS(`.grid-form button`)), chromedp.WaitVisible(chromedp.CSS(`#mat-khau`)))
	b.shot("dang-nhap")
	b.run(chromedp.SendKeys(chromedp.CSS(`#ten`), "quantri"), chromedp.SendKeys(chromedp.CSS(`#mat-khau`), "sai rồi\n"),
		chromedp.WaitVisible(chromedp.CSS(`.error-summary`)))
	if s := b.text(".error-summary"); !strings.Contains(s, "không đúng") {
		t.Errorf("wrong password: %q", s)
	}
	b.shot("sai-mat-khau")
	b.run(chromedp.SendKeys(chromedp.CSS(`#mat-khau`), "mật khẩu quản trị\n"), chromedp.WaitVisible(chromedp.CSS(`#tk-ten`)))
	b.run(chromedp.SendKeys(chromedp.CSS(`#tk-ten`), "thu.vt"), chromedp.SendKeys(chromedp.CSS(`#tk-ho-ten`), "Vũ Thị Thu"),
		chromedp.SetValue(chromedp.CSS(`#tk-vai-tro`), "van-thu"), chromedp.SendKeys(chromedp.CSS(`#tk-mat-khau`), "mật khẩu văn thư"),
		chromedp.Click(chromedp.CSS(`.grid-form button`)), chromedp.WaitVisible(chromedp.CSS(`.flash`)))
	if s := b.text("table.table"); !strings.Contains(s, "Vũ Thị Thu") || !strings.Contains(s, "Văn thư") {
		t.Errorf("accounts table: %q", s)
	}
	b.shot("tai-khoan")
	addUser(t, e, "lan.nt", account.Specialist)
	b.run(chromedp.Click(chromedp.CSS(`.me button`)), chromedp.WaitVisible(chromedp.CSS(`#ten`)),
		chromedp.SendKeys(chromedp.CSS(`#ten`), "lan.nt"), chromedp.SendKeys(chromedp.CSS(`#mat-khau`), "mật khẩu thử nghiệm\n"),
		chromedp.WaitVisible(chromedp.CSS(`.cards`)))
	b.open("/van-ban/soan/quyet-dinh-khen-thuong?mau=1")
	b.run(chromedp.WaitVisible(chromedp.CSS(`#f-signer-name`)))
	b.waitPreview(0)
	var issue bool
	issue = evalJS[bool](b, `!!document.getElementById("phat-hanh")`)
	if issue {
		t.Error("a chuyên viên sees “Cấp số và phát hành”")
	}
	b.shot("chuyen-vien-soan-quyet-dinh")
}
