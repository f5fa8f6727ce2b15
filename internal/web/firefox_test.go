//go:build unix

package web_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/net/websocket"

	vanban "github.com/vanban/vanban"
	"github.com/vanban/vanban/internal/account"
	"github.com/vanban/vanban/internal/tooltest"
)

// firefox drives Debian's firefox-esr headless through WebDriver BiDi (a
// websocket, JSON commands: session.new, browsingContext.navigate,
// script.evaluate, browsingContext.captureScreenshot…) — chromedp speaks
// only Chromium's protocol. It is the least the tests need, not a general
// client. Like browser, it saves a screenshot of each step and fails the
// test on a script error, an unhandled rejection, a CSP violation or a
// console error of the page, and on horizontal scrolling at 1366×768.
type firefox struct {
	t    *testing.T
	cmd  *exec.Cmd
	ws   *websocket.Conn
	base string
	dir  string
	step int
	// context is the browsing context (the tab) the test drives.
	context string

	mu      sync.Mutex
	next    int
	waiting map[int]chan bidiMessage
	logErrs []string
	stderr  []string
}

// bidiMessage is a command's reply or an event.
type bidiMessage struct {
	ID      int             `json:"id"`
	Type    string          `json:"type"` // "success", "error", "event"
	Method  string          `json:"method"`
	Params  json.RawMessage `json:"params"`
	Result  json.RawMessage `json:"result"`
	Error   string          `json:"error"`
	Message string          `json:"message"`
}

func newFirefox(t *testing.T, e *env) *firefox {
	t.Helper()
	exe := tooltest.Need(t, "firefox-esr", "firefox")
	profile := t.TempDir()
	// No network of its own on a closed network: no updates, telemetry,
	// remote settings; Vietnamese first.
	prefs := []string{
		`user_pref("app.update.disabledForTesting", true);`,
		`user_pref("browser.shell.checkDefaultBrowser", false);`,
		`user_pref("browser.startup.homepage_override.mstone", "ignore");`,
		`user_pref("datareporting.policy.dataSubmissionEnabled", false);`,
		`user_pref("toolkit.telemetry.enabled", false);`,
		`user_pref("network.connectivity-service.enabled", false);`,
		`user_pref("network.captive-portal-service.enabled", false);`,
		`user_pref("browser.safebrowsing.malware.enabled", false);`,
		`user_pref("browser.safebrowsing.phishing.enabled", false);`,
		`user_pref("extensions.update.enabled", false);`,
		`user_pref("messaging-system.rsexperimentloader.enabled", false);`,
		`user_pref("app.normandy.enabled", false);`,
		`user_pref("intl.accept_languages", "vi-VN, vi");`,
		`user_pref("layout.css.devPixelsPerPx", "1.0");`,
	}
	if err := os.WriteFile(filepath.Join(profile, "user.js"), []byte(strings.Join(prefs, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "--headless", "--no-remote", "--profile", profile,
		"--remote-debugging-port", "0", "--remote-allow-origins", "http://127.0.0.1",
		"--width", "1366", "--height", "768", "about:blank")
	cmd.Env = append(os.Environ(), "MOZ_CRASHREPORTER_DISABLE=1", "LANG=vi_VN.UTF-8")
	// Its own process group: the content processes end with it.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	f := &firefox{t: t, cmd: cmd, base: e.srv.URL, waiting: map[int]chan bidiMessage{}}
	// "WebDriver BiDi listening on ws://127.0.0.1:PORT" on stderr.
	found := make(chan string, 1)
	cmd.Stderr = &stderrLines{f: f, found: found}
	if err := cmd.Start(); err != nil {
		t.Fatalf("firefox: %v", err)
	}
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		if f.ws != nil {
			_, _ = f.callTimeout(5*time.Second, "browser.close", map[string]any{})
			f.ws.Close()
		}
		select {
		case <-exited:
		case <-time.After(5 * time.Second):
		}
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		<-exited
	})
	var wsURL string
	select {
	case wsURL = <-found:
	case <-exited:
		t.Fatalf("firefox ended before listening: %s", f.stderrText())
	case <-time.After(60 * time.Second):
		t.Fatalf("firefox did not listen within 60 s: %s", f.stderrText())
	}
	var err error
	if f.ws, err = websocket.Dial(wsURL+"/session", "", "http://127.0.0.1"); err != nil {
		t.Fatalf("firefox: websocket: %v", err)
	}
	f.ws.MaxPayloadBytes = 64 << 20
	go f.read()

	f.call("session.new", map[string]any{"capabilities": map[string]any{}})
	// A window of its own: the window Firefox opens at start never gets the
	// system focus in headless mode (document.hasFocus() stays false, so
	// :focus and :focus-visible never match); one created here does.
	var created struct {
		Context string `json:"context"`
	}
	f.decode(f.call("browsingContext.create", map[string]any{"type": "window", "background": false}), &created)
	f.context = created.Context
	f.call("browsingContext.setViewport", map[string]any{"context": f.context,
		"viewport": map[string]int{"width": 1366, "height": 768}, "devicePixelRatio": 1})
	// Errors the console does not show: uncaught ones, rejected promises,
	// CSP violations, kept by every page from its first script on.
	f.call("script.addPreloadScript", map[string]any{"functionDeclaration": `() => {
		window.__errors = [];
		window.addEventListener("error", (e) => window.__errors.push("error: " + e.message + " (" + (e.filename || "") + ":" + (e.lineno || 0) + ")"));
		window.addEventListener("unhandledrejection", (e) => window.__errors.push("unhandled rejection: " + e.reason));
		document.addEventListener("securitypolicyviolation", (e) => window.__errors.push("CSP: " + e.violatedDirective + " " + e.blockedURI));
	}`})
	f.call("session.subscribe", map[string]any{"events": []string{"log.entryAdded"}})

	dir := os.Getenv("VANBAN_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	} else {
		dir = filepath.Join(dir, t.Name())
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	f.dir = dir
	return f
}

// stderrLines keeps Firefox's first lines of stderr (for a failure's
// message) and passes on the websocket address it announces.
type stderrLines struct {
	f       *firefox
	found   chan string
	partial []byte
	sent    bool
}

func (w *stderrLines) Write(p []byte) (int, error) {
	w.partial = append(w.partial, p...)
	for {
		i := bytes.IndexByte(w.partial, '\n')
		if i < 0 {
			return len(p), nil
		}
		line := string(w.partial[:i])
		w.partial = w.partial[i+1:]
		w.f.mu.Lock()
		if len(w.f.stderr) < 200 {
			w.f.stderr = append(w.f.stderr, line)
		}
		w.f.mu.Unlock()
		if rest, ok := strings.CutPrefix(line, "WebDriver BiDi listening on "); ok && !w.sent {
			w.found <- strings.TrimSpace(rest)
			w.sent = true
		}
	}
}

func (f *firefox) stderrText() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return strings.Join(f.stderr, "\n")
}

// read delivers replies to their callers and keeps the console's errors.
func (f *firefox) read() {
	for {
		var raw []byte
		if err := websocket.Message.Receive(f.ws, &raw); err != nil {
			f.mu.Lock()
			for id, ch := range f.waiting {
				ch <- bidiMessage{ID: id, Type: "error", Error: "closed", Message: err.Error()}
				delete(f.waiting, id)
			}
			f.mu.Unlock()
			return
		}
		var m bidiMessage
		if json.Unmarshal(raw, &m) != nil {
			continue
		}
		if m.Type == "event" {
			if m.Method == "log.entryAdded" {
				var entry struct {
					Level, Text, Type string
					Source            struct {
						Context string `json:"context"`
					} `json:"source"`
				}
				_ = json.Unmarshal(m.Params, &entry)
				if entry.Level == "error" {
					f.mu.Lock()
					f.logErrs = append(f.logErrs, entry.Type+": "+entry.Text)
					f.mu.Unlock()
				}
			}
			continue
		}
		f.mu.Lock()
		ch := f.waiting[m.ID]
		delete(f.waiting, m.ID)
		f.mu.Unlock()
		if ch != nil {
			ch <- m
		}
	}
}

func (f *firefox) callTimeout(d time.Duration, method string, params any) (json.RawMessage, error) {
	f.mu.Lock()
	f.next++
	id := f.next
	ch := make(chan bidiMessage, 1)
	f.waiting[id] = ch
	f.mu.Unlock()
	msg, _ := json.Marshal(map[string]any{"id": id, "method": method, "params": params})
	if err := websocket.Message.Send(f.ws, string(msg)); err != nil {
		return nil, err
	}
	select {
	case m := <-ch:
		if m.Type == "error" {
			return nil, fmt.Errorf("%s: %s: %s", method, m.Error, m.Message)
		}
		return m.Result, nil
	case <-time.After(d):
		f.mu.Lock()
		delete(f.waiting, id)
		f.mu.Unlock()
		return nil, fmt.Errorf("%s: no answer within %s", method, d)
	}
}

func (f *firefox) call(method string, params any) json.RawMessage {
	f.t.Helper()
	res, err := f.callTimeout(30*time.Second, method, params)
	if err != nil {
		f.t.Fatalf("firefox: %v", err)
	}
	return res
}

func (f *firefox) decode(raw json.RawMessage, v any) {
	f.t.Helper()
	if err := json.Unmarshal(raw, v); err != nil {
		f.t.Fatalf("firefox: %v in %s", err, raw)
	}
}

// eval evaluates js in the page (awaiting a promise) and returns its value,
// carried as JSON.
func ffEval[T any](f *firefox, js string) T {
	f.t.Helper()
	v, err := ffTryEval[T](f, js)
	if err != nil {
		f.t.Fatalf("firefox: evaluate %.80s: %v", js, err)
	}
	return v
}

func ffTryEval[T any](f *firefox, js string) (T, error) {
	var zero T
	raw, err := f.callTimeout(30*time.Second, "script.evaluate", map[string]any{
		"expression":   "(async () => JSON.stringify(await (" + js + ")))()",
		"target":       map[string]string{"context": f.context},
		"awaitPromise": true,
	})
	if err != nil {
		return zero, err
	}
	var res struct {
		Type   string `json:"type"`
		Result struct {
			Type  string `json:"type"`
			Value string `json:"value"`
		} `json:"result"`
		ExceptionDetails struct {
			Text string `json:"text"`
		} `json:"exceptionDetails"`
	}
	if err := json.Unmarshal(raw, &res); err != nil {
		return zero, err
	}
	if res.Type == "exception" {
		return zero, errors.New(res.ExceptionDetails.Text)
	}
	var v T
	if res.Result.Type != "string" {
		return zero, fmt.Errorf("result of type %s", res.Result.Type)
	}
	err = json.Unmarshal([]byte(res.Result.Value), &v)
	return v, err
}

func (f *firefox) open(path string) {
	f.t.Helper()
	f.call("browsingContext.navigate", map[string]any{"context": f.context, "url": f.base + path, "wait": "complete"})
}

// waitFor polls cond (a JS expression) until it is true.
func (f *firefox) waitFor(cond string) {
	f.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if ok, err := ffTryEval[bool](f, "!!("+cond+")"); err == nil && ok {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	f.t.Fatalf("firefox: still not %s after 30 s", cond)
}

// clickAndLoad clicks sel and waits for the page it leads to.
func (f *firefox) clickAndLoad(sel string) {
	f.t.Helper()
	s, _ := json.Marshal(sel)
	ffEval[bool](f, `(window.__vanbanOld = true, document.querySelector(`+string(s)+`).click(), true)`)
	f.waitFor(`!window.__vanbanOld && document.readyState === "complete"`)
}

// typeInto replaces a field's text as typing or a paste would (input events).
func (f *firefox) typeInto(sel, text string) {
	f.t.Helper()
	s, _ := json.Marshal(sel)
	v, _ := json.Marshal(text)
	ffEval[bool](f, `(() => { const el = document.querySelector(`+string(s)+`); el.focus(); el.select();
		if (!document.execCommand("insertText", false, `+string(v)+`)) { el.value = `+string(v)+`; el.dispatchEvent(new Event("input", {bubbles: true})); }
		return true; })()`)
}

// keys presses keys (WebDriver key values: "\uE007" Enter, "\uE00C" Escape,
// "\uE004" Tab) on the focused element.
func (f *firefox) keys(keys ...string) {
	f.t.Helper()
	var acts []map[string]string
	for _, k := range keys {
		acts = append(acts, map[string]string{"type": "keyDown", "value": k}, map[string]string{"type": "keyUp", "value": k})
	}
	f.call("input.performActions", map[string]any{"context": f.context,
		"actions": []map[string]any{{"type": "key", "id": "ban-phim", "actions": acts}}})
}

// shot saves the viewport as NN-name.png, and checks the page: no error,
// no horizontal scrolling at 1366 px.
func (f *firefox) shot(name string) {
	f.t.Helper()
	f.step++
	var res struct {
		Data string `json:"data"`
	}
	f.decode(f.call("browsingContext.captureScreenshot", map[string]any{"context": f.context}), &res)
	png, err := base64.StdEncoding.DecodeString(res.Data)
	if err != nil {
		f.t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(f.dir, fmt.Sprintf("%02d-%s.png", f.step, name)), png, 0o644); err != nil {
		f.t.Fatal(err)
	}
	f.checkPage(name)
}

func (f *firefox) checkPage(name string) {
	f.t.Helper()
	st := ffEval[struct {
		Width, View int
		Errors      []string
	}](f, `({width: document.documentElement.scrollWidth, view: window.innerWidth, errors: window.__errors || []})`)
	if st.View != 1366 {
		f.t.Errorf("%s: the window is %d px wide, want 1366", name, st.View)
	}
	if st.Width > 1366 {
		f.t.Errorf("%s: the page is %d px wide at 1366 px: horizontal scrolling", name, st.Width)
	}
	for _, e := range st.Errors {
		f.t.Errorf("%s: firefox page: %s", name, e)
	}
	f.mu.Lock()
	for _, e := range f.logErrs {
		f.t.Errorf("%s: firefox console: %s", name, e)
	}
	f.logErrs = nil
	f.mu.Unlock()
}

// TestFirefox: the workspace in Firefox as a văn thư: log in, the first
// page, the drafting page with the seed's Kế hoạch drawn by pdf.js, the
// campaign's table with a row edited in place by keyboard, an issued
// Quyết định with its certificate preview, the sổ — each at 1366×768
// without horizontal scrolling or a script error.
func TestFirefox(t *testing.T) {
	e := newEnv(t)
	c := seedCampaign(t, e)
	rec := issueDecision(t, e, c)
	ctx := context.Background()
	if _, err := e.accounts.Add(ctx, account.NewUser{Username: "vanthu", Name: "Lò Thị Mai", Password: "mật khẩu thử nghiệm", Role: account.Clerk}); err != nil {
		t.Fatal(err)
	}
	f := newFirefox(t, e)

	f.open("/")
	f.waitFor(`document.getElementById("mat-khau")`)
	if p := ffEval[string](f, `location.pathname`); p != "/dang-nhap" {
		t.Fatalf("/ without a session went to %s", p)
	}
	f.shot("dang-nhap")
	f.typeInto("#ten", "vanthu")
	f.typeInto("#mat-khau", "mật khẩu thử nghiệm")
	f.clickAndLoad(`main form button[type=submit]`)
	if h := ffEval[string](f, `document.querySelector("h1").textContent`); h != "Văn bản" {
		t.Fatalf("after login h1 = %q (%s)", h, ffEval[string](f, `document.querySelector("main").innerText`))
	}
	if who := ffEval[string](f, `document.querySelector(".me-name").textContent`); who != "Lò Thị Mai" {
		t.Errorf("signed in as %q", who)
	}
	f.shot("van-ban")

	// The drafting page: a new draft opens empty, the example as
	// placeholders; "Điền văn bản mẫu" fills it; the seed's body pasted, the
	// pages drawn by pdf.js.
	f.open("/van-ban/soan/ke-hoach")
	if s := ffEval[string](f, `document.getElementById("f-summary").value + "|" + document.getElementById("f-summary").placeholder`); !strings.HasPrefix(s, "|Ví dụ: Triển khai phong trào") {
		t.Errorf("a new draft's trích yếu (value|placeholder) = %q", s)
	}
	f.clickAndLoad(`#dien-mau`)
	f.waitFor(`+(document.getElementById("trang").dataset.drawn || 0) >= 1`)
	var seed struct {
		Body string `json:"body"`
	}
	if err := json.Unmarshal(vanban.Example("ke-hoach-lai-chau.json"), &seed); err != nil {
		t.Fatal(err)
	}
	n := ffEval[int](f, `+document.getElementById("trang").dataset.drawn`)
	f.typeInto("#f-body", seed.Body)
	f.waitFor(fmt.Sprintf(`+(document.getElementById("trang").dataset.drawn || 0) > %d`, n))
	pages := ffEval[struct {
		Count, Ink int
		MS         string
	}](f, `(() => { const cs = document.querySelectorAll("#trang canvas"); const c = cs[0];
		const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data; let ink = 0;
		for (let i = 0; i < d.length; i += 4) if (d[i] < 128 && d[i + 1] < 128 && d[i + 2] < 128) ink++;
		return {count: cs.length, ink, ms: document.getElementById("trang").dataset.ms}; })()`)
	t.Logf("firefox: the seed Kế hoạch drew %d pages in %s ms (%d dark pixels on page 1)", pages.Count, pages.MS, pages.Ink)
	if pages.Count < 3 || pages.Ink < 2000 {
		t.Errorf("firefox preview: %d pages, %d dark pixels on page 1", pages.Count, pages.Ink)
	}
	f.shot("soan-ke-hoach")

	// The campaign: its table; a row edited in place with the keyboard.
	f.open("/dot-thi-dua/" + c.ID)
	f.waitFor(`document.querySelector("table.nominations")`)
	if rows := ffEval[int](f, `document.querySelectorAll("table.nominations tbody tr").length`); rows != 3 {
		t.Errorf("campaign table: %d rows", rows)
	}
	f.shot("dot-thi-dua")
	ffEval[bool](f, `(document.querySelector("table.nominations tbody tr a.sua").click(), true)`)
	f.waitFor(`document.activeElement && document.activeElement.name === "ten"`)
	f.typeInto(`table.nominations tr.editing input[name="ten"]`, "Nguyễn Thị Lan Anh")
	f.shot("sua-tai-cho")
	f.keys("\uE007")
	f.waitFor(`!document.querySelector("tr.editing") && document.querySelector("table.nominations tbody tr .c-ten").textContent === "Bà Nguyễn Thị Lan Anh"`)
	list, err := e.campaigns.Nominations(ctx, c.ID)
	if err != nil || list.Entries[0].Name != "Nguyễn Thị Lan Anh" {
		t.Errorf("after Enter in Firefox: %q %v", list.Entries[0].Name, err)
	}

	// The issued Quyết định: the certificate drawn with the printer offset.
	f.open("/so-van-ban-di/" + rec.ID.String())
	f.waitFor(`+(document.getElementById("bang-xem-truoc").dataset.drawn || 0) >= 1`)
	ffEval[bool](f, `(document.querySelector("section.print h2").scrollIntoView(), true)`)
	f.shot("in-giay-khen")

	// The sổ, then walked with Tab as in Chromium (TestKeyboardWalk):
	// every control named, its focus drawn, on screen.
	f.open("/so-van-ban-di")
	f.waitFor(`document.querySelector("table.register")`)
	if s := ffEval[string](f, `document.querySelector("table.register").innerText`); !strings.Contains(s, rec.Ref()) {
		t.Errorf("the sổ in Firefox: %q", s)
	}
	f.shot("so-van-ban-di")
	f.walk("so-van-ban-di")
	f.open("/van-ban/soan/ke-hoach")
	f.waitFor(`document.getElementById("xem-truoc-trang-thai").textContent.includes("Viết trích yếu")`)
	f.walk("soan-ke-hoach")
}

// walk presses Tab through the page until the focus comes round, checking
// each control reached (see focused).
func (f *firefox) walk(page string) {
	f.t.Helper()
	if !ffEval[bool](f, `document.hasFocus()`) {
		f.t.Fatalf("firefox %s: the page does not have the focus", page)
	}
	n := 0
	for i := 0; i < 300; i++ {
		f.keys("\uE004")
		fi := ffEval[focusInfo](f, focused)
		if fi.Body {
			if n > 0 {
				break
			}
			continue
		}
		if fi.Seen {
			break
		}
		n++
		if n == 10 {
			f.shot(page + "-tab-10")
		}
		if fi.Name == "" {
			f.t.Errorf("firefox %s: a control without a label or accessible name: %s", page, fi.HTML)
		}
		if !fi.Outline {
			f.t.Errorf("firefox %s: the focus on %s#%s (%q) is not drawn", page, fi.Tag, fi.ID, fi.Name)
		}
		if !fi.Visible {
			f.t.Errorf("firefox %s: the focused %s#%s (%q) is not on screen", page, fi.Tag, fi.ID, fi.Name)
		}
	}
	if n < 5 {
		f.t.Errorf("firefox %s: Tab reached only %d controls", page, n)
	}
	// Past the last control Tab goes into the browser's own bar; more Tabs
	// bring the focus back to the page, for the next step.
	for i := 0; i < 40 && !ffEval[bool](f, `document.hasFocus()`); i++ {
		f.keys("\uE004")
	}
	f.t.Logf("firefox %s: %d controls by Tab", page, n)
}
