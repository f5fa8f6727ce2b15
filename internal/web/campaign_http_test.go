package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	vanban "github.com/vanban/vanban"
	"github.com/vanban/vanban/internal/award"
	"github.com/vanban/vanban/internal/campaign"
	"github.com/vanban/vanban/internal/commendation"
	"github.com/vanban/vanban/internal/paperwork"
)

// TestCampaignRoutesHTTP: the routes behind the inline edit, the
// campaign's Kế hoạch and the certificate preview, without a browser (the
// browser tests skip where no browser is installed).
func TestCampaignRoutesHTTP(t *testing.T) {
	e := newEnv(t)
	c := seedCampaign(t, e)
	ctx := context.Background()
	cl := newClient(t, e.srv.URL)
	_, page := cl.do("GET", "/dot-thi-dua/"+c.ID, nil, nil)
	token := csrfOf(t, page)
	list, err := e.campaigns.Nominations(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	pao := list.Entries[1]

	// Inline edit: only the fields sent change; the reply is the row and
	// the summary line.
	res, body := cl.do("POST", "/dot-thi-dua/"+c.ID+"/de-nghi/"+pao.ID, url.Values{"csrf": {token}, "gioi-tinh": {"nam"}},
		map[string]string{"Accept": "application/json"})
	var rep struct {
		OK           bool
		Counts       string
		ListProblems []struct{ Message string } `json:"listProblems"`
		Row          struct {
			Name, Where, FormLabel string
			HasError               bool
			Problems               []struct{ Message string }
		}
	}
	if err := json.Unmarshal([]byte(body), &rep); err != nil || res.StatusCode != 200 || !rep.OK {
		t.Fatalf("inline save: %d %s", res.StatusCode, body)
	}
	if rep.Row.Name != "Ông Lò Văn Páo" || rep.Row.Where != "Huấn luyện viên, Trung tâm Huấn luyện" || rep.Row.HasError ||
		len(rep.Row.Problems) != 0 || !strings.Contains(rep.Counts, "0 dòng cần sửa") || len(rep.ListProblems) != 0 {
		t.Errorf("inline reply: %s", body)
	}
	list, _ = e.campaigns.Nominations(ctx, c.ID)
	if got := list.Entries[1]; got.Gender != award.Male || got.Name != pao.Name || got.Unit != pao.Unit || got.Summary != pao.Summary || got.AwardForm != pao.AwardForm {
		t.Errorf("after the inline save: %+v", got.Nomination)
	}
	// Without the token: refused.
	if res, _ := cl.do("POST", "/dot-thi-dua/"+c.ID+"/de-nghi/"+pao.ID, url.Values{"ten": {"X"}}, map[string]string{"Accept": "application/json"}); res.StatusCode != http.StatusForbidden {
		t.Errorf("inline save without CSRF: %d", res.StatusCode)
	}

	// The campaign's Kế hoạch: a choice not from the list, an unknown record.
	for _, bad := range []struct{ choice, want string }{
		{"la:1", "Chọn kế hoạch trong danh sách"},
		{"so:6f1c3a5e-0000-4000-8000-000000000000", "không có trong sổ văn bản đi"},
		{"nhap:khong-co", "Không có bản nháp kế hoạch"},
	} {
		res, body := cl.do("POST", "/dot-thi-dua/"+c.ID+"/ke-hoach", url.Values{"csrf": {token}, "ke-hoach": {bad.choice}}, nil)
		if res.StatusCode != http.StatusBadRequest || !strings.Contains(body, bad.want) {
			t.Errorf("Kế hoạch %q: %d, want 400 saying %q", bad.choice, res.StatusCode, bad.want)
		}
	}
	rec := issuePlan(t, e)
	if res, _ := cl.do("POST", "/dot-thi-dua/"+c.ID+"/ke-hoach", url.Values{"csrf": {token}, "ke-hoach": {"so:" + rec.ID.String()}}, nil); res.StatusCode != http.StatusSeeOther {
		t.Errorf("choosing the issued Kế hoạch: %d", res.StatusCode)
	}
	if _, page := cl.do("GET", "/dot-thi-dua/"+c.ID, nil, nil); !strings.Contains(page, "Kế hoạch số "+rec.Ref()) {
		t.Errorf("the campaign page does not cite %s", rec.Ref())
	}

	// The certificate preview: one certificate, nothing recorded; a bad
	// offset said in words.
	dec := issueDecision(t, e, c)
	path := "/so-van-ban-di/" + dec.ID.String() + "/in-bang/xem-truoc"
	res, body = cl.do("POST", path, url.Values{"csrf": {token}, "kieu": {"overprint"}, "lech-x": {"1,5"}, "lech-y": {"-2"}}, nil)
	var prev struct {
		OK      bool
		PDF     string
		Offset  []float64
		Error   string
		Count   int
		Reprint bool
	}
	if err := json.Unmarshal([]byte(body), &prev); err != nil || !prev.OK || len(prev.PDF) < 100 || len(prev.Offset) != 2 || prev.Offset[0] != 1.5 || prev.Offset[1] != -2 || prev.Count != 3 || prev.Reprint {
		t.Errorf("certificate preview: %d %.200s", res.StatusCode, body)
	}
	_, body = cl.do("POST", path, url.Values{"csrf": {token}, "kieu": {"overprint"}, "lech-x": {"hai"}}, nil)
	if err := json.Unmarshal([]byte(body), &prev); err != nil || prev.OK || !strings.Contains(prev.Error, "milimét") {
		t.Errorf("bad offset: %s", body)
	}
	_, body = cl.do("POST", path, url.Values{"csrf": {token}, "kieu": {"overprint"}, "lech-x": {"45"}}, nil)
	if err := json.Unmarshal([]byte(body), &prev); err != nil || prev.OK || prev.Error == "" {
		t.Errorf("offset beyond ±30 mm: %s", body)
	}
	if cs, err := e.reg.CertificatesOf(ctx, dec.ID); err != nil || len(cs) != 0 {
		t.Errorf("previews recorded %d certificates (%v)", len(cs), err)
	}
}

// TestPlanLabelPadding: the campaign page cites its Kế hoạch with the
// register's padding (review #9: it wrote "07" for "007" by hand), both a
// Kế hoạch typed in and one chosen from a three-digit register; the
// Quyết định made from the campaign cites the same.
func TestPlanLabelPadding(t *testing.T) {
	e := newEnvPadded(t, 3)
	c := seedCampaign(t, e)
	ctx := context.Background()
	c.Plan = &campaign.Plan{PlanRef: commendation.PlanRef{Number: 7, NumberWidth: 3, Symbol: "KH-UBND", Date: "2026-01-05", Issuer: "Ủy ban nhân dân tỉnh Lai Châu"}}
	if _, err := e.campaigns.SaveCampaign(ctx, c); err != nil {
		t.Fatal(err)
	}
	cl := newClient(t, e.srv.URL)
	if _, page := cl.do("GET", "/dot-thi-dua/"+c.ID, nil, nil); !strings.Contains(page, "Kế hoạch số 007/KH-UBND ngày 05/01/2026") {
		t.Errorf("typed Kế hoạch not cited as 007/KH-UBND:\n%s", between(page, `id="ke-hoach"`, "</section>"))
	}

	var doc map[string]any
	if err := json.Unmarshal(vanban.Example("ke-hoach-lai-chau.json"), &doc); err != nil {
		t.Fatal(err)
	}
	data, _ := json.Marshal(doc)
	rec, _, err := e.docs.Issue(ctx, data, paperwork.PDF)
	if err != nil {
		t.Fatal(err)
	}
	if rec.NumberText != "001" {
		t.Fatalf("three-digit register gave %q", rec.NumberText)
	}
	c.Plan = &campaign.Plan{RecordID: rec.ID.String()}
	saved, err := e.campaigns.SaveCampaign(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	if got := saved.Plan.Ref().String(); got != rec.Ref() {
		t.Errorf("saved plan cites %q, the sổ %q", got, rec.Ref())
	}
	d, err := e.campaigns.DraftFromCampaign(ctx, c.ID, campaign.DraftRequest{Kind: campaign.QuyetDinhKind})
	if err != nil {
		t.Fatal(err)
	}
	var in struct {
		Plan commendation.PlanRef `json:"plan"`
	}
	if err := json.Unmarshal(d.Input, &in); err != nil || in.Plan.Ref().String() != rec.Ref() {
		t.Errorf("the Quyết định's plan = %+v (%v), want %s", in.Plan, err, rec.Ref())
	}
}

// between is the part of s from the first from to the next to (all of s
// when from is missing), for short failure messages.
func between(s, from, to string) string {
	if i := strings.Index(s, from); i >= 0 {
		s = s[i:]
	}
	if j := strings.Index(s, to); j >= 0 {
		s = s[:j]
	}
	return s
}
