package award

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/nd30"
	"github.com/vanban/vanban/templates/awards"
)

func mustCatalogue(t *testing.T) *Catalogue {
	t.Helper()
	c, err := LoadCatalogue(awards.FS)
	if err != nil {
		t.Fatalf("LoadCatalogue: %v", err)
	}
	return c
}

func d(s string) nd30.Date {
	v, err := nd30.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return v
}

func TestCatalogueShipped(t *testing.T) {
	c := mustCatalogue(t)
	bk, ok := c.Form("bang-khen-chu-tich-ubnd-tinh")
	if !ok {
		t.Fatal("bang-khen-chu-tich-ubnd-tinh missing")
	}
	if bk.Name != "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh" || bk.Cash.Collective != 3 || !bk.Cash.CollectiveConfirmed || bk.Cash.IndividualConfirmed {
		t.Errorf("Bằng khen = %+v", bk)
	}
	gk, ok := c.Form("giay-khen-giam-doc-so")
	if !ok || gk.Cash.Collective != 0.6 || gk.AwardedBy != "Giám đốc Sở" {
		t.Errorf("Giấy khen = %+v", gk)
	}
	if got := gk.Amount(Collective, 2_340_000); got != 1_404_000 {
		t.Errorf("Giấy khen tập thể = %d, want 1404000", got)
	}
	if got := bk.Amount(Collective, 2_340_000); got != 7_020_000 {
		t.Errorf("Bằng khen tập thể = %d, want 7020000", got)
	}
	for _, s := range []string{"Bằng khen của Chủ tịch UBND tỉnh", "BẰNG KHEN CỦA CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH", "bang-khen-chu-tich-ubnd-tinh", "Bằng khen của Chủ tịch Uỷ ban nhân dân tỉnh"} {
		if f, ok := c.MatchForm(s); !ok || f.ID != bk.ID {
			t.Errorf("MatchForm(%q) = %q, %v", s, f.ID, ok)
		}
	}
	if f, ok := c.MatchForm("giấy khen"); !ok || f.ID != gk.ID {
		t.Errorf("MatchForm(giấy khen) = %q, %v", f.ID, ok)
	}
	if _, ok := c.MatchForm("Huân chương Lao động hạng Ba"); ok {
		t.Error("MatchForm matched an award not in the catalogue")
	}
}

func TestLegalBases(t *testing.T) {
	c := mustCatalogue(t)
	ids := func(on string) string {
		var s []string
		for _, b := range c.LegalBases(d(on)) {
			s = append(s, b.ID)
		}
		return strings.Join(s, ",")
	}
	tests := map[string]string{
		"2023-12-31": "",
		"2024-01-01": "luat-thi-dua-khen-thuong-2022,nd-98-2023",
		"2025-06-30": "luat-thi-dua-khen-thuong-2022,nd-98-2023",
		"2025-07-01": "luat-thi-dua-khen-thuong-2022,nd-152-2025",
		"2025-12-05": "luat-thi-dua-khen-thuong-2022,nd-152-2025",
	}
	for on, want := range tests {
		if got := ids(on); got != want {
			t.Errorf("LegalBases(%s) = %q, want %q", on, got, want)
		}
	}
	for _, b := range c.LegalBases(d("2025-12-05")) {
		if b.ID == "nd-152-2025" && !strings.Contains(b.Text, "ngày 14 tháng 6 năm 2025 của Chính phủ quy định về phân cấp, phân quyền trong lĩnh vực thi đua, khen thưởng; quy định chi tiết") {
			t.Errorf("NĐ 152/2025 title = %q", b.Text)
		}
	}
}

func TestCatalogueRejects(t *testing.T) {
	forms := `{"forms":[{"id":"a","name":"Giấy khen A","awardedBy":"X","cash":{"collective":0.6}},` +
		`{"id":"b","name":"Giấy khen B","awardedBy":"Y","aliases":["giay khen a"],"cash":{"collective":-1}}]}`
	bases := `{"bases":[{"id":"x","series":"s","text":"Nghị định X","from":"2024-01-01","to":"2025-06-30"},` +
		`{"id":"y","series":"s","text":"Nghị định Y","from":"2025-06-01"},` +
		`{"id":"z","series":"t","text":"Căn cứ Luật Z;","from":"2025-01-01","to":"2024-01-01"}]}`
	_, err := LoadCatalogue(fstest.MapFS{FormsFile: {Data: []byte(forms)}, LegalBasesFile: {Data: []byte(bases)}})
	ae := apperr.As(err)
	if ae.Kind != apperr.Invalid || ae.Code != "invalid_catalogue" {
		t.Fatalf("err = %v", err)
	}
	codes := map[string]string{}
	for _, p := range ae.Problems {
		codes[p.Field] = p.Code
	}
	want := map[string]string{
		"forms[1].aliases": "duplicate_id",
		"forms[1].cash":    "negative_cash",
		"bases[1]":         "overlapping_period",
		"bases[2].text":    "citation_form",
		"bases[2].to":      "bad_period",
	}
	for f, c := range want {
		if codes[f] != c {
			t.Errorf("problem at %s = %q, want %q (all: %v)", f, codes[f], c, ae.Problems)
		}
	}
	_, err = LoadCatalogue(fstest.MapFS{FormsFile: {Data: []byte("{")}, LegalBasesFile: {Data: []byte(bases)}})
	if !apperr.Is(err, apperr.Invalid) {
		t.Errorf("bad JSON: err = %v", err)
	}
	if _, err := nd30.ParseDate("2025-02-29"); err == nil {
		t.Error("ParseDate accepted 2025-02-29")
	}
}

func TestValidate(t *testing.T) {
	c := mustCatalogue(t)
	good := []Nomination{
		{Kind: Collective, Name: "Phòng Quản lý văn hóa", ParentUnit: "Sở Văn hóa, Thể thao và Du lịch", AwardForm: "giay-khen-giam-doc-so", Summary: "Hoàn thành xuất sắc nhiệm vụ năm 2025"},
		{Kind: Individual, Name: "Nguyễn Văn Hòa", Gender: Male, Position: "Trưởng phòng", Unit: "Phòng Quản lý văn hóa", AwardForm: "giay-khen-giam-doc-so", Summary: "Hoàn thành xuất sắc", Criterion: "hoan-thanh-tot"},
	}
	if ps := Validate(good, c, nil); len(ps) != 0 {
		t.Errorf("good list: %v", ps)
	}
	long := strings.Repeat("Nguyễn ", 40)
	bad := []Nomination{
		good[0],
		good[1],
		{Kind: Individual, Name: "NGUYỄN VĂN HOÀ", Gender: Male, Unit: "phòng quản lý  văn hoá", AwardForm: "giay-khen-giam-doc-so", Summary: "x", Source: &Source{Sheet: "DS", Row: 9}},
		{Kind: Individual, Name: "Nguyễn Văn Hòa", Gender: Male, Position: "Chuyên viên", Unit: "Phòng Nghiệp vụ", AwardForm: "giay-khen-giam-doc-so", Summary: "x"},
		{Kind: Individual, Name: "Lò Thị Bình", Unit: "Phòng Nghiệp vụ", Position: "Chuyên viên", AwardForm: "huan-chuong", Summary: "x", Criterion: "khong-co"},
		{Kind: "ca nhan", Name: long, AwardForm: "giay-khen-giam-doc-so", Summary: "x"},
		{Kind: Collective, Name: "Đội Kiểm tra", AwardForm: "", Summary: ""},
	}
	ps := Validate(bad, c, []Criterion{{ID: "hoan-thanh-tot", Text: "Hoàn thành tốt nhiệm vụ"}})
	type key struct {
		field, code string
		warn        bool
	}
	got := map[key]apperr.Problem{}
	for _, p := range ps {
		got[key{p.Field, p.Code, p.Warning}] = p
	}
	want := []key{
		{"nominations[2].name", "duplicate", false},
		{"nominations[2].position", "missing_position", true},
		{"nominations[3].name", "same_name", true},
		{"nominations[4].gender", "required", false},
		{"nominations[4].awardForm", "unknown_award_form", false},
		{"nominations[5].kind", "invalid_kind", false},
		{"nominations[5].name", "too_long", false},
		{"nominations[6].awardForm", "required", false},
		{"nominations[6].parentUnit", "missing_parent_unit", true},
		{"nominations[6].summary", "missing_summary", true},
	}
	for _, k := range want {
		if _, ok := got[k]; !ok {
			t.Errorf("missing problem %+v; got %v", k, ps)
		}
	}
	if p := got[key{"nominations[2].name", "duplicate", false}]; p.Sheet != "DS" || p.Row != 9 {
		t.Errorf("duplicate problem not located: %+v", p)
	}
	// Criterion check against the plan: "khong-co" is in neither.
	crit := Validate([]Nomination{{Kind: Collective, Name: "A", ParentUnit: "B", AwardForm: "giay-khen-giam-doc-so", Summary: "x", Criterion: "khong-co"}}, c, []Criterion{{ID: "hoan-thanh-tot", Text: "Hoàn thành tốt nhiệm vụ"}})
	if len(crit) != 1 || crit[0].Code != "unknown_criterion" || crit[0].Warning {
		t.Errorf("criterion: %v", crit)
	}
	byText := Validate([]Nomination{{Kind: Collective, Name: "A", ParentUnit: "B", AwardForm: "giay-khen-giam-doc-so", Summary: "x", Criterion: "HOÀN THÀNH TỐT NHIỆM VỤ"}}, c, []Criterion{{ID: "hoan-thanh-tot", Text: "Hoàn thành tốt nhiệm vụ"}})
	if len(byText) != 0 {
		t.Errorf("criterion by wording: %v", byText)
	}
	if ps.Err() == nil || !apperr.Is(ps.Err(), apperr.Invalid) {
		t.Error("errors do not stop generation")
	}
	if ps := Validate(nil, c, nil); len(ps) != 1 || ps[0].Code != "empty_list" {
		t.Errorf("empty: %v", ps)
	}
}
