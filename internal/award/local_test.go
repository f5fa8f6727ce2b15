package award_test

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/award"
	"github.com/vanban/vanban/templates/awards"
)

func withLocal(t *testing.T, local string) fs.FS {
	t.Helper()
	m := fstest.MapFS{}
	for _, name := range []string{award.FormsFile, award.LegalBasesFile} {
		b, err := fs.ReadFile(awards.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		m[name] = &fstest.MapFile{Data: b}
	}
	m[award.LocalFormsFile] = &fstest.MapFile{Data: []byte(local)}
	return m
}

// The catalogue covers a Sở's year: each form says who decides it and what
// the awardee receives; a local form is added by local-forms.json.
func TestCatalogueOfASoYear(t *testing.T) {
	cat, err := award.LoadCatalogue(awards.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"lao-dong-tien-tien", "chien-si-thi-dua-co-so", "chien-si-thi-dua-cap-tinh", "tap-the-lao-dong-tien-tien",
		"tap-the-lao-dong-xuat-sac", "co-thi-dua-ubnd-tinh", "bang-khen-bo-truong", "bang-khen-thu-tuong", "giay-khen-giam-doc-so"} {
		f, ok := cat.Form(id)
		if !ok || f.Level == "" || f.Certificate == "" || f.LegalArticle == "" || f.Cash.Source == "" {
			t.Errorf("form %s = %+v", id, f)
		}
	}
	if f, _ := cat.MatchForm("CSTĐ cơ sở"); f.ID != "chien-si-thi-dua-co-so" || f.For(award.Collective) {
		t.Errorf("CSTĐ cơ sở = %+v", f)
	}
	local := `{"forms": [{"id": "giay-khen-chu-tich-ubnd-huyen", "name": "Giấy khen của Chủ tịch Ủy ban nhân dân huyện", "shortName": "Giấy khen",
		"awardedBy": "Chủ tịch Ủy ban nhân dân huyện", "level": "tinh", "certificate": "giay-khen", "aliases": ["Giấy khen huyện"],
		"cash": {"collective": 0.6, "individual": 0.3}}]}`
	cat, err = award.LoadCatalogue(withLocal(t, local))
	if err != nil {
		t.Fatal(err)
	}
	if f, ok := cat.MatchForm("giay khen huyen"); !ok || f.ID != "giay-khen-chu-tich-ubnd-huyen" {
		t.Errorf("local form not found: %+v", f)
	}
	_, err = award.LoadCatalogue(withLocal(t, `{"forms": [{"id": "x", "name": "X", "awardedBy": "Y", "level": "xa", "aliases": ["Giấy khen"]}]}`))
	codes := ""
	if err != nil {
		for _, p := range apperr.As(err).Problems {
			codes += p.Code + " "
		}
	}
	if !strings.Contains(codes, "invalid_level") || !strings.Contains(codes, "duplicate") {
		t.Fatalf("bad local form: %v (%s)", err, codes)
	}
}

// An unknown form in a list names the valid ones.
func TestUnknownFormListsTheValidOnes(t *testing.T) {
	cat, _ := award.LoadCatalogue(awards.FS)
	ps := award.Validate([]award.Nomination{{Kind: award.Individual, Name: "Lò Văn A", Gender: award.Male, Unit: "Sở", AwardForm: "huy-chuong"}}, cat, nil)
	found := false
	for _, p := range ps {
		found = found || (p.Code == "unknown_award_form" && strings.Contains(p.Message, "lao-dong-tien-tien") && strings.Contains(p.Message, "bang-khen-thu-tuong"))
	}
	if !found {
		t.Fatalf("problems = %v", ps)
	}
	ps = award.Validate([]award.Nomination{{Kind: award.Collective, Name: "Phòng A", ParentUnit: "Sở", AwardForm: "lao-dong-tien-tien"}}, cat, nil)
	if len(ps) == 0 || ps[0].Code != "form_not_for_kind" {
		t.Fatalf("collective LĐTT: %v", ps)
	}
}

// A typo is read as the form it is a few letters from; an unrelated text is not.
func TestClosestForm(t *testing.T) {
	cat, _ := award.LoadCatalogue(awards.FS)
	for in, want := range map[string]string{
		"Giấy khen Giám đôc sở":        "giay-khen-giam-doc-so",
		"Bằng khen chủ tich UBDN tỉnh": "bang-khen-chu-tich-ubnd-tinh",
		"Lao đông tiên tiền":           "lao-dong-tien-tien",
		"Huân chương Lao động":         "",
	} {
		f, ok := cat.Closest(in)
		if f.ID != want || ok != (want != "") {
			t.Errorf("Closest(%q) = %q %v, want %q", in, f.ID, ok, want)
		}
	}
}
