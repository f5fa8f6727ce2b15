package commendation

import (
	"bytes"
	"strings"
	"testing"
)

// AwardedBy lists the rows exactly as the danh sách prints them: collectives
// first, số sổ vàng counted on from goldBookStart through both groups.
func TestAwardedByFollowsTheDanhSach(t *testing.T) {
	data := bytes.Replace(example(t, "quyet-dinh-khen-thuong.json"), []byte(`"goldBookStart": 1`), []byte(`"goldBookStart": 41`), 1)
	a, err := AwardedBy(data, env(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Rows) != 8 || a.Rows[0].GoldBook != 41 || a.Rows[7].GoldBook != 48 {
		t.Fatalf("rows = %+v", a.Rows)
	}
	if a.Rows[0].Kind != "tap-the" || a.Rows[7].Kind != "ca-nhan" || a.Number != 123 || a.Symbol != "QĐ-SVHTTDL" {
		t.Fatalf("awarded = %+v", a)
	}
	if a.Form.Certificate != "giay-khen" || !strings.HasPrefix(a.IssuerTitle, "Giám đốc Sở") {
		t.Fatalf("form %+v issuer %q", a.Form, a.IssuerTitle)
	}
	if _, err := AwardedBy(example(t, "to-trinh-khen-thuong.json"), env(t)); err == nil {
		t.Fatal("a Tờ trình read as a decision")
	}
}

// "Như trên" / "Như Điều 3" / "Lưu" written by the officer are not printed
// twice, and a warning says so.
func TestRecipientsWrittenTwiceAreWarned(t *testing.T) {
	data := bytes.Replace(example(t, "quyet-dinh-khen-thuong.json"), []byte(`"recipients": [`), []byte(`"recipients": ["Như Điều 3;", "Lưu: VT, TĐKT", `), 1)
	doc, ps, err := BuildQuyetDinh(data, env(t))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, p := range ps {
		if p.Code == "recipient_printed" && p.Warning {
			n++
		}
	}
	if n != 2 {
		t.Fatalf("warnings = %+v", ps)
	}
	text := strings.Join(texts(doc.Sections[0].Blocks), "\n")
	if strings.Count(text, "Như Điều 3") != 1 || strings.Count(text, "Lưu") != 1 {
		t.Errorf("nơi nhận printed twice:\n%s", text)
	}
}
