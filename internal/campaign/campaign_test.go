package campaign_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/award"
	"github.com/vanban/vanban/internal/campaign"
	"github.com/vanban/vanban/internal/commendation"
	"github.com/vanban/vanban/internal/document"
	"github.com/vanban/vanban/internal/nd30"
	"github.com/vanban/vanban/internal/typeset/typesettest"
	"github.com/vanban/vanban/templates"
	"github.com/vanban/vanban/templates/awards"
)

func catalogue(t *testing.T) *award.Catalogue {
	t.Helper()
	cat, err := award.LoadCatalogue(awards.FS)
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

func person(name, form string, row int) campaign.Entry {
	return campaign.Entry{ID: name, Nomination: award.Nomination{Kind: award.Individual, Name: name, Gender: award.Female,
		Unit: "Phòng A", Position: "Chuyên viên", Summary: "Hoàn thành xuất sắc", AwardForm: form, Source: &award.Source{Row: row}}}
}

// The Quyết định takes the forms the agency awards — its Giấy khen and the
// danh hiệu it confers, in one decision; forms of another authority get a
// warning naming them; a form of the wrong level is refused clearly.
func TestFromCampaignChoosesTheAgencyForms(t *testing.T) {
	cat := catalogue(t)
	p := campaign.Profile{ID: "so", Agency: nd30.Agency{Name: "Sở Y", Abbreviation: "SY", Place: "Lai Châu"},
		Signers: []campaign.Signer{{Signer: nd30.Signer{Title: "Giám đốc", Name: "Lò Văn A"}, Default: true}},
		Awards:  campaign.AwardDefaults{Proposal: "Theo đề nghị của Chánh Văn phòng Sở", Implementers: "Chánh Văn phòng Sở"}}
	c := campaign.Campaign{ID: "c", Agency: "so", Title: "Phong trào thi đua năm 2025", Year: 2025}
	es := []campaign.Entry{person("Lò Thị B", "giay-khen-giam-doc-so", 2), person("Lò Thị C", "giay-khen-giam-doc-so", 3),
		person("Lò Thị D", "chien-si-thi-dua-co-so", 4), person("Lò Thị E", "bang-khen-chu-tich-ubnd-tinh", 5)}
	today := nd30.Date{Year: 2026, Month: 3, Day: 10}
	in, warns, err := campaign.FromCampaign(campaign.DraftRequest{Kind: campaign.QuyetDinhKind}, p, c, es, cat, today)
	if err != nil {
		t.Fatal(err)
	}
	var qd struct {
		AwardForm   string
		Achievement string
		Date        string
		Nominations []award.Nomination
	}
	json.Unmarshal(in, &qd)
	if qd.AwardForm != "giay-khen-giam-doc-so" || len(qd.Nominations) != 3 || qd.Nominations[2].AwardForm != "chien-si-thi-dua-co-so" || qd.Date != "2026-03-10" || qd.Achievement != "trong phong trào thi đua năm 2025" {
		t.Fatalf("draft = %s", in)
	}
	for _, w := range warns {
		if w.Code == "other_forms" || w.Code == "title_wording" {
			t.Errorf("the Sở's danh hiệu belongs in its decision: %v", w)
		}
	}
	// The draft is the kind's ordinary input: each part is worded on its
	// own, the danh hiệu for the campaign's year (not the decision's).
	w, err := commendation.LoadWording(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	doc, _, err := commendation.BuildQuyetDinh(in, commendation.Env{Metrics: typesettest.Metrics(), Catalogue: cat, Wording: w})
	if err != nil {
		t.Fatal(err)
	}
	var text []string
	for _, b := range doc.Sections[0].Blocks {
		if p, ok := b.(document.Paragraph); ok {
			text = append(text, p.Text())
		}
	}
	all := strings.Join(text, "\n")
	for _, want := range []string{"1. Công nhận danh hiệu “Chiến sĩ thi đua cơ sở” năm 2025 cho 01 cá nhân;", "2. Tặng Giấy khen của Giám đốc Sở Y cho 02 cá nhân đã có thành tích xuất sắc trong phong trào thi đua năm 2025."} {
		if !strings.Contains(all, want) {
			t.Errorf("decision lacks %q:\n%s", want, all)
		}
	}
	// A Bằng khen and a Cờ thi đua are decided by different authorities:
	// the Tờ trình takes the first and names the other.
	es2 := append(es, campaign.Entry{ID: "co", Nomination: award.Nomination{Kind: award.Collective, Name: "Phòng B", ParentUnit: "Sở Y", Summary: "x", AwardForm: "co-thi-dua-ubnd-tinh"}})
	_, warns, err = campaign.FromCampaign(campaign.DraftRequest{Kind: campaign.ToTrinhKind}, p, c, es2, cat, today)
	other := false
	for _, w := range warns {
		other = other || (w.Code == "other_forms" && strings.Contains(w.Message, "co-thi-dua-ubnd-tinh"))
	}
	if err != nil || !other {
		t.Errorf("warnings = %v, %v", warns, err)
	}
	_, _, err = campaign.FromCampaign(campaign.DraftRequest{Kind: campaign.QuyetDinhKind, AwardForm: "Bằng khen của Chủ tịch UBND tỉnh"}, p, c, es, cat, today)
	if apperr.As(err).Code != "form_not_own" {
		t.Fatalf("Bằng khen in the Sở's own decision: %v", err)
	}
	in, _, err = campaign.FromCampaign(campaign.DraftRequest{Kind: campaign.ToTrinhKind}, p, c, es, cat, today)
	if err != nil || !strings.Contains(string(in), "Lò Thị E") || strings.Contains(string(in), "Lò Thị B") {
		t.Fatalf("Tờ trình = %s, %v", in, err)
	}
}

// Merge keeps the first row's fields, fills its blanks from the other and
// says where that one came from.
func TestMerge(t *testing.T) {
	a := person("Lò Thị B", "giay-khen-giam-doc-so", 2)
	a.Position, a.File = "", "a.xlsx"
	b := person("Lò Thị B", "", 7)
	b.Position, b.File, b.Note = "Phó trưởng phòng", "b.xlsx", "đơn vị B"
	m := campaign.Merge(a, b)
	if m.Position != "Phó trưởng phòng" || m.AwardForm != "giay-khen-giam-doc-so" || m.Note != "Gộp với dòng 7 tệp b.xlsx (đơn vị B)" {
		t.Fatalf("merged = %+v", m)
	}
}

// A profile is checked field by field; Apply lets the input's fields win.
func TestProfileCheckAndApply(t *testing.T) {
	p := campaign.Profile{ID: "so-y", Agency: nd30.Agency{Name: "Sở Y", Abbreviation: "SY", Place: "Lai Châu"},
		Signers: []campaign.Signer{{Signer: nd30.Signer{Authority: "KT", Name: "A"}}, {Signer: nd30.Signer{Title: "Giám đốc", Name: "B"}, Default: true}}}
	_, ps := p.Check()
	if len(ps) == 0 || ps[0].Field != "signers[0].authority" {
		t.Fatalf("problems = %v", ps)
	}
	out, err := p.Apply([]byte(`{"kind":"ke-hoach","agencyProfile":"so-y","signer":{"title":"Phó Giám đốc","name":"C","authority":"KT.","on":"Giám đốc"}}`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), `"name":"C"`) || !strings.Contains(string(out), `"abbreviation":"SY"`) || strings.Contains(string(out), "agencyProfile") {
		t.Fatalf("applied = %s", out)
	}
}

// render --nominations: a Quyết định of the Giấy khen also takes the rows of
// the danh hiệu the same Giám đốc confers; a Bằng khen row is left out with
// a warning.
func TestWithNominationsTakesTheSameAuthority(t *testing.T) {
	cat := catalogue(t)
	input := []byte(`{"kind":"quyet-dinh-khen-thuong","awardForm":"giay-khen-giam-doc-so","nominations":[]}`)
	ns := []award.Nomination{
		person("Lò Thị B", "Giấy khen của Giám đốc Sở", 2).Nomination,
		person("Lò Thị C", "Lao động tiên tiến", 3).Nomination,
		person("Lò Thị D", "bang-khen-chu-tich-ubnd-tinh", 4).Nomination,
	}
	out, warns, err := campaign.WithNominations(input, ns, cat)
	if err != nil {
		t.Fatal(err)
	}
	var got struct{ Nominations []award.Nomination }
	json.Unmarshal(out, &got)
	if len(got.Nominations) != 2 || got.Nominations[0].AwardForm != "giay-khen-giam-doc-so" || got.Nominations[1].AwardForm != "lao-dong-tien-tien" {
		t.Fatalf("nominations %+v", got.Nominations)
	}
	if len(warns) != 1 || warns[0].Code != "other_forms" || !strings.Contains(warns[0].Message, "Bằng khen") {
		t.Errorf("warnings %v", warns)
	}
}
