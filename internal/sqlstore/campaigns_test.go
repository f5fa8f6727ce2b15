package sqlstore_test

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/award"
	"github.com/vanban/vanban/internal/campaign"
	"github.com/vanban/vanban/internal/registry"
	"github.com/vanban/vanban/templates/awards"
)

func campaignService(t testing.TB, st campaign.Store, reg *registry.Service) *campaign.Service {
	t.Helper()
	cat, err := award.LoadCatalogue(awards.FS)
	if err != nil {
		t.Fatal(err)
	}
	c := &clock{t: vn(2026, 3, 10, 9, 0)}
	return &campaign.Service{Store: st, Catalogue: cat, Register: reg, Now: c.Now}
}

// unitA and unitB are two units' lists; "Nguyễn Văn An" of the Phòng Quản
// lý văn hóa is in both; unit A's list has no gender column.
const unitA = "STT,Họ và tên,Chức vụ,Đơn vị công tác,Tóm tắt thành tích,Hình thức khen thưởng\n" +
	"I. TẬP THỂ,,,,,\n" +
	"1,Phòng Quản lý văn hóa,,\"Sở Văn hóa, Thể thao và Du lịch\",Hoàn thành xuất sắc nhiệm vụ,Giấy khen của Giám đốc Sở\n" +
	"II. CÁ NHÂN,,,,,\n" +
	"1,Nguyễn Văn An,Trưởng phòng,Phòng Quản lý văn hóa,Hoàn thành xuất sắc nhiệm vụ,Giấy khen của Giám đốc Sở\n" +
	"2,Lò Thị Bình,Chuyên viên,Phòng Quản lý văn hóa,Hoàn thành xuất sắc nhiệm vụ,Giấy khen của Giám đốc Sở\n" +
	"3,Giàng A Páo,Diễn viên,Đoàn Nghệ thuật,Hoàn thành xuất sắc nhiệm vụ,Giấy khen của Giám đốc Sở\n" +
	"4,Vàng Văn Chứ,Huấn luyện viên,Trung tâm Huấn luyện,Hoàn thành xuất sắc nhiệm vụ,Bằng khen của Chủ tịch UBND tỉnh\n"

const unitB = "STT,Họ và tên,Giới tính,Chức vụ,Đơn vị công tác,Tóm tắt thành tích,Hình thức khen thưởng\n" +
	"1,Nguyễn Văn An,Nam,Trưởng phòng,Phòng Quản lý văn hóa,Tham mưu tổ chức Tuần Văn hóa,Giấy khen của Giám đốc Sở\n" +
	"2,Tao Thị Hương,Nữ,Phó Giám đốc,Thư viện tỉnh,Phát triển văn hóa đọc,Giấy khen của Giám đốc Sở\n"

func TestCampaignStory(t *testing.T) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			st := b.open(t)
			svc := campaignService(t, st, nil)

			raw, err := os.ReadFile("../../testdata/agency-profile.json")
			if err != nil {
				t.Fatal(err)
			}
			p, err := campaign.DecodeProfile(raw)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := svc.SaveProfile(ctx, p); err != nil {
				t.Fatal(err)
			}
			got, err := svc.Profile(ctx, "svhttdl-lai-chau")
			if err != nil || got.DefaultSigner().Name != "Nguyễn Văn Bình" {
				t.Fatalf("profile = %+v, %v", got, err)
			}
			bad := p
			bad.ID = "Bad ID"
			if _, err := svc.SaveProfile(ctx, bad); apperr.As(err).Kind != apperr.Invalid || apperr.As(err).Problems[0].Field != "id" {
				t.Fatalf("bad id: %v", err)
			}

			// A kind's input naming the profile is filled from it; the
			// input's own fields win.
			in := []byte(`{"kind":"ke-hoach","agencyProfile":"svhttdl-lai-chau","agency":{"place":"Phong Thổ"}}`)
			out, err := svc.ApplyProfile(ctx, in)
			if err != nil {
				t.Fatal(err)
			}
			var applied struct {
				Agency  map[string]any `json:"agency"`
				Signer  map[string]any `json:"signer"`
				Archive []string       `json:"archive"`
				Ref     *string        `json:"agencyProfile"`
			}
			if err := json.Unmarshal(out, &applied); err != nil {
				t.Fatal(err)
			}
			if applied.Agency["place"] != "Phong Thổ" || applied.Agency["name"] != "Sở Văn hóa, Thể thao và Du lịch" ||
				applied.Signer["name"] != "Nguyễn Văn Bình" || len(applied.Archive) != 1 || applied.Ref != nil {
				t.Fatalf("applied = %s", out)
			}
			if _, err := svc.ApplyProfile(ctx, []byte(`{"agencyProfile":"khong-co"}`)); apperr.As(err).Code != "unknown_profile" {
				t.Fatalf("unknown profile: %v", err)
			}

			raw, err = os.ReadFile("../../testdata/campaign.json")
			if err != nil {
				t.Fatal(err)
			}
			c, err := campaign.DecodeCampaign(raw)
			if err != nil {
				t.Fatal(err)
			}
			c, err = svc.SaveCampaign(ctx, c)
			if err != nil {
				t.Fatal(err)
			}

			// A failed import saves nothing.
			broken := "STT,Họ và tên,Giới tính,Đơn vị công tác\n1,Nguyễn Văn Cường,Không rõ,Phòng A\n"
			if _, err := svc.Import(ctx, c.ID, []campaign.ImportFile{
				{Name: "a.csv", Data: strings.NewReader(unitA), Size: int64(len(unitA))},
				{Name: "hong.csv", Data: strings.NewReader(broken), Size: int64(len(broken))},
			}, campaign.ImportOptions{}); err == nil || !strings.Contains(apperr.As(err).Detail, "chưa dòng nào được lưu") {
				t.Fatalf("broken import: %v", err)
			}
			if l, _ := svc.Nominations(ctx, c.ID); l.Total != 0 {
				t.Fatalf("a failed import saved %d rows", l.Total)
			}

			res, err := svc.Import(ctx, c.ID, []campaign.ImportFile{
				{Name: "don-vi-a.csv", Data: strings.NewReader(unitA), Size: int64(len(unitA))},
				{Name: "don-vi-b.csv", Data: strings.NewReader(unitB), Size: int64(len(unitB))},
			}, campaign.ImportOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if res.Added != 7 || res.Listing.Total != 7 {
				t.Fatalf("added %d, listed %d", res.Added, res.Listing.Total)
			}
			l := res.Listing
			var grouped, dup *apperr.Problem
			for i, p := range l.Problems {
				if p.Code == "required" && strings.HasSuffix(p.Field, ".gender") {
					grouped = &l.Problems[i]
				}
				if p.Code == "duplicate" {
					dup = &l.Problems[i]
				}
			}
			if grouped == nil || !strings.HasPrefix(grouped.Message, "4 cá nhân chưa có giới tính — thêm cột Giới tính hoặc ghi Ông/Bà trước tên.") {
				t.Fatalf("grouped gender problem: %+v", l.Problems)
			}
			if dup == nil {
				t.Fatalf("no duplicate across the two files: %+v", l.Problems)
			}
			var an []campaign.Entry
			for _, e := range l.Entries {
				if e.Name == "Nguyễn Văn An" {
					an = append(an, e)
				}
			}
			if len(an) != 2 || an[0].File != "don-vi-a.csv" || an[1].File != "don-vi-b.csv" || an[1].Source.Row != 2 {
				t.Fatalf("the two rows of Nguyễn Văn An: %+v", an)
			}
			merged, err := svc.MergeNominations(ctx, c.ID, an[0].ID, an[1].ID)
			if err != nil {
				t.Fatal(err)
			}
			if merged.Gender != award.Male || !strings.Contains(merged.Note, "dòng 2 tệp don-vi-b.csv") {
				t.Fatalf("merged = %+v", merged)
			}
			l, err = svc.Nominations(ctx, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			if l.Total != 6 {
				t.Fatalf("after merge: %d", l.Total)
			}
			for _, p := range l.Problems {
				if p.Code == "duplicate" {
					t.Fatalf("duplicate left after merge: %+v", p)
				}
			}
			// Edit the genders, delete one.
			for _, e := range l.Entries {
				if e.Kind == award.Individual && e.Gender == "" {
					n := e.Nomination
					n.Gender = award.Male
					if strings.Contains(n.Name, "Thị") {
						n.Gender = award.Female
					}
					if _, err := svc.EditNomination(ctx, c.ID, e.ID, n); err != nil {
						t.Fatal(err)
					}
				}
			}
			if err := svc.DeleteNomination(ctx, c.ID, l.Entries[len(l.Entries)-1].ID); err != nil {
				t.Fatal(err)
			}
			if err := svc.DeleteNomination(ctx, c.ID, uuid.NewString()); apperr.As(err).Kind != apperr.NotFound {
				t.Fatalf("delete unknown: %v", err)
			}
			l, _ = svc.Nominations(ctx, c.ID)
			if l.Total != 5 || l.Errors != 0 {
				t.Fatalf("after edits: %d nominations, %d errors: %+v", l.Total, l.Errors, l.Problems)
			}

			// The Quyết định takes the Giấy khen; the Tờ trình the Bằng khen.
			qd, err := svc.DraftFromCampaign(ctx, c.ID, campaign.DraftRequest{Kind: campaign.QuyetDinhKind})
			if err != nil {
				t.Fatal(err)
			}
			var qdIn struct {
				AwardForm   string             `json:"awardForm"`
				Nominations []award.Nomination `json:"nominations"`
				Plan        struct {
					Number int    `json:"number"`
					Date   string `json:"date"`
				} `json:"plan"`
				Signer   map[string]string `json:"signer"`
				Proposal string            `json:"proposal"`
			}
			if err := json.Unmarshal(qd.Input, &qdIn); err != nil {
				t.Fatal(err)
			}
			if qdIn.AwardForm != "giay-khen-giam-doc-so" || len(qdIn.Nominations) != 4 || qdIn.Plan.Number != 25 ||
				qdIn.Plan.Date != "2025-03-10" || qdIn.Signer["name"] != "Nguyễn Văn Bình" || qdIn.Proposal == "" {
				t.Fatalf("Quyết định draft = %s", qd.Input)
			}
			if qd.Version != 1 || qd.CampaignID != c.ID || qd.Agency != "svhttdl-lai-chau" {
				t.Fatalf("draft = %+v", qd)
			}
			tt, err := svc.DraftFromCampaign(ctx, c.ID, campaign.DraftRequest{Kind: campaign.ToTrinhKind})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(tt.Input), "bang-khen-chu-tich-ubnd-tinh") || strings.Count(string(tt.Input), `"kind": "ca-nhan"`) != 1 {
				t.Fatalf("Tờ trình draft = %s", tt.Input)
			}

			// Drafts: a second save is version 2; version 1 reads back.
			edited := strings.Replace(string(qd.Input), `"date": "2026-03-10"`, `"date": "2026-03-11"`, 1)
			d2, err := svc.SaveDraft(ctx, campaign.Draft{ID: qd.ID, Input: json.RawMessage(edited)})
			if err != nil {
				t.Fatal(err)
			}
			if d2.Version != 2 {
				t.Fatalf("version = %d", d2.Version)
			}
			v1, err := svc.DraftVersion(ctx, qd.ID, 1)
			if err != nil || string(v1.Input) != string(qd.Input) {
				t.Fatalf("version 1 = %s, %v", v1.Input, err)
			}
			page, err := svc.ListDrafts(ctx, campaign.Query{Agency: "svhttdl-lai-chau", Text: "quyet dinh"})
			if err != nil || page.Total != 1 || page.Items[0].ID != qd.ID {
				t.Fatalf("search drafts = %+v, %v", page, err)
			}
			vs, err := svc.DraftVersions(ctx, qd.ID)
			if err != nil || len(vs) != 2 {
				t.Fatalf("versions = %+v, %v", vs, err)
			}
			cs, err := svc.ListCampaigns(ctx, campaign.Query{Text: "nong thon moi"})
			if err != nil || cs.Total != 1 {
				t.Fatalf("campaigns = %+v, %v", cs, err)
			}
			if _, err := svc.Draft(ctx, "khong-co"); apperr.As(err).Kind != apperr.NotFound {
				t.Fatalf("unknown draft: %v", err)
			}
		})
	}
}
