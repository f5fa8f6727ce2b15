package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/vanban/vanban/internal/award"
	"github.com/vanban/vanban/internal/campaign"
	"github.com/vanban/vanban/internal/paperwork"
	"github.com/vanban/vanban/internal/registry"
)

// issueBigDecision issues testdata's decision of danh hiệu and Giấy khen
// with n rows (its own rows repeated): the record page's print form then
// offers its forms ("Hình thức").
func issueBigDecision(b *testing.B, e *env, n int) registry.Record {
	raw, err := os.ReadFile("../../testdata/quyet-dinh-danh-hieu.json")
	if err != nil {
		b.Fatal(err)
	}
	var in map[string]any
	if err := json.Unmarshal(raw, &in); err != nil {
		b.Fatal(err)
	}
	delete(in, "number")
	rows := in["nominations"].([]any)
	var many []any
	for i := 0; len(many) < n; i++ {
		r := map[string]any{}
		for k, v := range rows[i%len(rows)].(map[string]any) {
			r[k] = v
		}
		r["name"] = fmt.Sprintf("%s %d", r["name"], i)
		many = append(many, r)
	}
	in["nominations"] = many
	raw, _ = json.Marshal(in)
	rec, _, err := e.docs.Issue(context.Background(), raw, paperwork.PDF)
	if err != nil {
		b.Fatal(err)
	}
	return rec
}

// BenchmarkCampaignPages measures the campaign's pages with 1,000
// nominations (40 units, two forms, one row in ten with a problem):
//
//	go test ./internal/web -run '^$' -bench CampaignPages -benchtime 20x -count 3
func BenchmarkCampaignPages(b *testing.B) {
	e := newEnv(b)
	ctx := context.Background()
	raw, err := os.ReadFile("../../testdata/agency-profile.json")
	if err != nil {
		b.Fatal(err)
	}
	p, err := campaign.DecodeProfile(raw)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := e.campaigns.SaveProfile(ctx, p); err != nil {
		b.Fatal(err)
	}
	c, err := e.campaigns.SaveCampaign(ctx, campaign.Campaign{Agency: p.ID, Title: "Phong trào thi đua năm 2026", Year: 2026})
	if err != nil {
		b.Fatal(err)
	}
	ns := make([]award.Nomination, 1000)
	for i := range ns {
		n := award.Nomination{Kind: award.Individual, Name: fmt.Sprintf("Nguyễn Văn Thử %d", i), Gender: award.Male,
			Position: "Chuyên viên", Unit: fmt.Sprintf("Phòng số %d", i%40), AwardForm: "giay-khen-giam-doc-so",
			Summary: "Hoàn thành xuất sắc nhiệm vụ"}
		if i%10 == 0 {
			n.Gender = "" // a problem on the row
		}
		if i%3 == 0 {
			n.Kind, n.Gender, n.Position, n.ParentUnit, n.Unit = award.Collective, "", "", "Sở Văn hóa, Thể thao và Du lịch", ""
			n.Name = fmt.Sprintf("Phòng số %d", i)
		}
		ns[i] = n
	}
	if _, err := e.campaigns.AddNominations(ctx, c.ID, ns); err != nil {
		b.Fatal(err)
	}
	list, err := e.campaigns.Nominations(ctx, c.ID)
	if err != nil {
		b.Fatal(err)
	}
	dec := issueBigDecision(b, e, 1000)
	h := e.srv.Config.Handler
	for _, cs := range []struct{ name, path string }{
		{"quyet-dinh-1000-in-bang", "/so-van-ban-di/" + dec.ID.String()},
		{"dot-thi-dua", "/dot-thi-dua"},
		{"dot-1000-de-nghi", "/dot-thi-dua/" + c.ID},
		{"dot-loc-co-loi", "/dot-thi-dua/" + c.ID + "?co-loi=1"},
		{"dot-tim-ten", "/dot-thi-dua/" + c.ID + "?q=thu+99"},
		{"sua-de-nghi", "/dot-thi-dua/" + c.ID + "/de-nghi/" + list.Entries[500].ID},
	} {
		b.Run(cs.name, func(b *testing.B) {
			cpu0 := cpuTime()
			for b.Loop() {
				req := httptest.NewRequest("GET", cs.path, nil)
				req.RemoteAddr = "127.0.0.1:40000"
				w := httptest.NewRecorder()
				h.ServeHTTP(w, req)
				if w.Code != 200 {
					b.Fatalf("%s: %d", cs.path, w.Code)
				}
				if cs.name == "quyet-dinh-1000-in-bang" && !strings.Contains(w.Body.String(), `id="in-hinh-thuc"`) {
					b.Fatal("the print form of a decision of several forms has no Hình thức")
				}
			}
			b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N)/1e6, "cpu-ms/op")
		})
	}
}
