package web_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/vanban/vanban/internal/account"
	"github.com/vanban/vanban/internal/nd30"
	"github.com/vanban/vanban/internal/registry"
)

// The record page says who put a document in the sổ and who cancelled it,
// and the workspace records the signed-in officer's username (issue 10
// item 12).
func TestRecordShowsActors(t *testing.T) {
	e := newEnv(t)
	ctx := registry.WithActor(context.Background(), registry.Actor{Kind: registry.ActorKey, Name: "phần mềm một cửa"})
	rec, err := e.reg.Register(ctx, registry.RegisterRequest{IssueRequest: registry.IssueRequest{
		Agency: "SVHTTDL", Kind: "CV", KindName: "Công văn", Symbol: "SVHTTDL-VP",
		Summary: "Về việc báo cáo thi đua", Signer: "Trần Mạnh Hùng"}})
	if err != nil {
		t.Fatal(err)
	}
	addUser(t, e, "hoa.vt", account.Clerk)
	vt := newClient(t, e.srv.URL)
	token := vt.login("hoa.vt", "mật khẩu thử nghiệm")
	if res, body := vt.do("POST", "/so-van-ban-di/"+rec.ID.String()+"/huy", url.Values{"csrf": {token}, "ly-do": {"gửi nhầm"}}, nil); res.StatusCode >= 400 {
		t.Fatalf("cancel: %d %s", res.StatusCode, body)
	}
	got, err := e.reg.Get(context.Background(), rec.ID.String())
	if err != nil || got.CancelledBy != (registry.Actor{Kind: registry.ActorAccount, Name: "hoa.vt"}) {
		t.Fatalf("cancelled by %+v (%v), want the account hoa.vt", got.CancelledBy, err)
	}
	_, page := vt.do("GET", "/so-van-ban-di/"+rec.ID.String(), nil, nil)
	for _, want := range []string{"Vào sổ", "khóa API “phần mềm một cửa”", "tài khoản hoa.vt"} {
		if !strings.Contains(page, want) {
			t.Errorf("record page lacks %q", want)
		}
	}
}

// The sổ lists who put each document in.
func TestRegisterListShowsActor(t *testing.T) {
	e := newEnv(t)
	ctx := registry.WithActor(context.Background(), registry.Actor{Kind: registry.ActorCLI, Name: "hoa"})
	if _, err := e.reg.Register(ctx, registry.RegisterRequest{IssueRequest: registry.IssueRequest{
		Agency: "SVHTTDL", Kind: "CV", KindName: "Công văn", Symbol: "SVHTTDL-VP",
		Summary: "Về việc báo cáo thi đua", Signer: "Trần Mạnh Hùng"}}); err != nil {
		t.Fatal(err)
	}
	_, page := newClient(t, e.srv.URL).do("GET", "/so-van-ban-di", nil, nil)
	if !strings.Contains(page, "CLI (hoa)") {
		t.Error("the sổ does not say who registered the document")
	}
}

// The workspace serves an issued file byte for byte, streamed from the store
// with its length (issue 10 item 17).
func TestRecordFileDownload(t *testing.T) {
	e := newEnv(t)
	body := strings.Repeat("%PDF-1.7 tệp đã phát hành\n", 5000)
	rec, err := e.reg.Issue(context.Background(), registry.IssueRequest{Agency: "SVHTTDL", Kind: "KH", KindName: "Kế hoạch",
		Symbol: "KH-SVHTTDL", Summary: "Kế hoạch thi đua", Signer: "Trần Mạnh Hùng"},
		func(ctx context.Context, number string, date nd30.Date) ([]registry.File, error) {
			return []registry.File{{Name: "ke-hoach.pdf", ContentType: "application/pdf", Data: []byte(body)}}, nil
		})
	if err != nil {
		t.Fatal(err)
	}
	res, got := newClient(t, e.srv.URL).do("GET", "/so-van-ban-di/"+rec.ID.String()+"/tep?ten=ke-hoach.pdf&xem=1", nil, nil)
	if res.StatusCode != 200 || got != body || res.ContentLength != int64(len(body)) ||
		!strings.HasPrefix(res.Header.Get("Content-Disposition"), "inline") {
		t.Errorf("download: %d, %d bytes of %d, length %d, %q", res.StatusCode, len(got), len(body), res.ContentLength, res.Header.Get("Content-Disposition"))
	}
	if res, _ := newClient(t, e.srv.URL).do("GET", "/so-van-ban-di/"+rec.ID.String()+"/tep?ten=khac.pdf", nil, nil); res.StatusCode != 404 {
		t.Errorf("unknown file: %d", res.StatusCode)
	}
}
