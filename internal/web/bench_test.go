package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"syscall"
	"testing"

	vanban "github.com/vanban/vanban"
	"github.com/vanban/vanban/internal/registry"
)

// BenchmarkPages measures the server time of the workspace's pages with a
// register of 1,000 documents (the local user, no network):
//
//	go test ./internal/web -run '^$' -bench Pages -benchtime 200x -count 3
func BenchmarkPages(b *testing.B) {
	e := newEnv(b)
	ctx := context.Background()
	var last registry.Record
	for i := 0; i < 1000; i++ {
		rec, err := e.reg.Register(ctx, registry.RegisterRequest{IssueRequest: registry.IssueRequest{
			Agency: "SVHTTDL", Kind: "QĐ", KindName: "Quyết định", Symbol: "QĐ-SVHTTDL",
			Summary: fmt.Sprintf("Về việc tặng Giấy khen cho tập thể, cá nhân số %d có thành tích xuất sắc", i),
			Signer:  "Trần Mạnh Hùng", Recipients: []string{"Như Điều 3", "Lưu: VT, TĐKT"}}})
		if err != nil {
			b.Fatal(err)
		}
		last = rec
	}
	var seed map[string]any
	_ = json.Unmarshal(vanban.Example("ke-hoach-lai-chau.json"), &seed)
	agency := seed["agency"].(map[string]any)
	signer := seed["signer"].(map[string]any)
	preview := url.Values{"csrf": {"x"}, "summary": {seed["summary"].(string)}, "body": {seed["body"].(string)}, "date": {"12/2021"},
		"agency.parent": {agency["parent"].(string)}, "agency.name": {agency["name"].(string)},
		"agency.abbreviation": {agency["abbreviation"].(string)}, "agency.place": {agency["place"].(string)},
		"signer.authority": {signer["authority"].(string)}, "signer.on": {signer["on"].(string)},
		"signer.title": {signer["title"].(string)}, "signer.name": {signer["name"].(string)},
		"recipients": {"UBND tỉnh (B/c)\nLãnh đạo Sở"}}
	h := e.srv.Config.Handler
	for _, c := range []struct {
		name, method, path string
		form               url.Values
	}{
		{"van-ban", "GET", "/van-ban", nil},
		{"soan-quyet-dinh", "GET", "/van-ban/soan/quyet-dinh-khen-thuong", nil},
		{"so-van-ban-di", "GET", "/so-van-ban-di", nil},
		{"so-van-ban-di-tim", "GET", "/so-van-ban-di?q=tap+the+ca+nhan+so+99", nil},
		{"so-van-ban-di-trang-20", "GET", "/so-van-ban-di?trang=20", nil},
		{"van-ban-trong-so", "GET", "/so-van-ban-di/" + last.ID.String(), nil},
		{"xem-truoc-ke-hoach", "POST", "/van-ban/soan/ke-hoach/xem-truoc", preview},
	} {
		b.Run(c.name, func(b *testing.B) {
			cpu0 := cpuTime()
			for b.Loop() {
				var body *strings.Reader
				if c.form != nil {
					body = strings.NewReader(c.form.Encode())
				} else {
					body = strings.NewReader("")
				}
				req := httptest.NewRequest(c.method, c.path, body)
				req.RemoteAddr = "127.0.0.1:40000"
				if c.form != nil {
					req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
					req.AddCookie(&http.Cookie{Name: "vanban_csrf", Value: strings.Repeat("x", 43)})
					req.Header.Set("X-CSRF-Token", strings.Repeat("x", 43))
				}
				w := httptest.NewRecorder()
				h.ServeHTTP(w, req)
				if w.Code != 200 {
					b.Fatalf("%s: %d %s", c.path, w.Code, w.Body.String()[:min(300, w.Body.Len())])
				}
				if c.form != nil && !strings.Contains(w.Body.String(), `"ok":true`) {
					b.Fatalf("preview: %s", w.Body.String()[:300])
				}
			}
			b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N)/1e6, "cpu-ms/op")
		})
	}
}

// cpuTime is the process's CPU time (user + system) in ns: on a machine
// shared with other work the wall time of a page says more about the
// neighbours than about the page.
func cpuTime() int64 {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return ru.Utime.Nano() + ru.Stime.Nano()
}
