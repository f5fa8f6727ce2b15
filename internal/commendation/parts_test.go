package commendation

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/document"
	"github.com/vanban/vanban/internal/golden"
)

// edit decodes an example, applies f and encodes it again.
func edit(t *testing.T, name string, f func(m map[string]any)) []byte {
	t.Helper()
	m := map[string]any{}
	if err := json.Unmarshal(example(t, name), &m); err != nil {
		t.Fatal(err)
	}
	f(m)
	b, _ := json.Marshal(m)
	return b
}

// allText is every paragraph of a section, cells of grids included (the
// nơi nhận and signature), one a line.
func allText(s document.Section) string { return strings.Join(texts(s.Blocks), "\n") }

func problem(ps apperr.Problems, code string) (apperr.Problem, bool) {
	for _, p := range ps {
		if p.Code == code {
			return p, true
		}
	}
	return apperr.Problem{}, false
}

// annexGroups lists the group rows of a danh sách ("I | TẬP THỂ (03)") and
// the last cell of every other row.
func annexRows(t *testing.T, s document.Section) (groups, last []string) {
	t.Helper()
	for _, b := range s.Blocks {
		tab, ok := b.(document.Table)
		if !ok {
			continue
		}
		for _, r := range tab.Rows {
			cell := func(i int) string { return r.Cells[i].Paragraphs[0].Text() }
			if len(r.Cells) == 2 {
				groups = append(groups, cell(0)+" | "+cell(1))
				continue
			}
			last = append(last, cell(len(r.Cells)-1))
		}
	}
	return groups, last
}

// Issue 11: a Quyết định conferring one danh hiệu says "Công nhận danh hiệu
// “…” năm …", never "Tặng"; it needs no achievement; the danh sách and
// Điều 3 name only the kind it has (cá nhân).
func TestDanhHieuDecision(t *testing.T) {
	data := edit(t, "quyet-dinh-khen-thuong.json", func(m map[string]any) {
		m["awardForm"] = "lao-dong-tien-tien"
		delete(m, "achievement")
		m["period"] = "năm 2025"
		var people []any
		for _, n := range m["nominations"].([]any) {
			if n := n.(map[string]any); n["kind"] == "ca-nhan" {
				delete(n, "awardForm")
				delete(n, "criterion")
				people = append(people, n)
			}
		}
		m["nominations"] = people
	})
	doc, warns, err := BuildQuyetDinh(data, env(t))
	if err != nil {
		t.Fatalf("%v %v", err, warns)
	}
	main := allText(doc.Sections[0])
	for _, want := range []string{
		"Về việc công nhận danh hiệu “Lao động tiên tiến” năm 2025",
		"Điều 1. Công nhận danh hiệu “Lao động tiên tiến” năm 2025 cho 05 cá nhân (có danh sách kèm theo).",
		"Điều 2. Tiền thưởng kèm theo danh hiệu “Lao động tiên tiến” thực hiện theo quy định hiện hành; tổng số tiền thưởng: ",
		"và các cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
	} {
		if !strings.Contains(main, want) {
			t.Errorf("lacks %q:\n%s", want, main)
		}
	}
	if strings.Contains(main, "Tặng") || strings.Contains(main, "thành tích xuất sắc") {
		t.Errorf("a danh hiệu is recognised, not given for an achievement:\n%s", main)
	}
	annex := allText(doc.Sections[1])
	if !strings.Contains(annex, "Cá nhân được công nhận danh hiệu “Lao động tiên tiến” năm 2025") {
		t.Errorf("annex:\n%s", annex)
	}
	// Early in the year, a period left out is the document's year, with a
	// warning that it may be the year before.
	data = edit(t, "quyet-dinh-khen-thuong.json", func(m map[string]any) {
		m["awardForm"], m["date"] = "tap-the-lao-dong-tien-tien", "2026-01-15"
		var units []any
		for _, n := range m["nominations"].([]any) {
			if n := n.(map[string]any); n["kind"] == "tap-the" {
				delete(n, "awardForm")
				units = append(units, n)
			}
		}
		m["nominations"] = units
	})
	doc, warns, err = BuildQuyetDinh(data, env(t))
	if err != nil {
		t.Fatal(err)
	}
	if p, ok := problem(warns, "period_default"); !ok || !p.Warning || p.Field != "period" {
		t.Errorf("warnings %v", warns)
	}
	if main := allText(doc.Sections[0]); !strings.Contains(main, "Điều 1. Công nhận danh hiệu “Tập thể lao động tiên tiến” năm 2026 cho 03 tập thể (có danh sách kèm theo).") {
		t.Errorf("Điều 1:\n%s", main)
	}
	// A Tờ trình proposing a danh hiệu of the province uses the verb the
	// catalogue gives it (titleVerb "tặng").
	data = edit(t, "to-trinh-khen-thuong.json", func(m map[string]any) {
		m["awardForm"], m["period"] = "chien-si-thi-dua-cap-tinh", "năm 2025"
		var people []any
		for _, n := range m["nominations"].([]any) {
			if n := n.(map[string]any); n["kind"] == "ca-nhan" {
				delete(n, "awardForm")
				people = append(people, n)
			}
		}
		m["nominations"] = people
	})
	doc, _, err = BuildToTrinh(data, env(t))
	if err != nil {
		t.Fatal(err)
	}
	main = allText(doc.Sections[0])
	for _, want := range []string{
		"Về việc đề nghị Chủ tịch Ủy ban nhân dân tỉnh tặng danh hiệu “Chiến sĩ thi đua cấp tỉnh” năm 2025",
		"kính trình Chủ tịch Ủy ban nhân dân tỉnh xem xét, tặng danh hiệu “Chiến sĩ thi đua cấp tỉnh” năm 2025 cho 05 cá nhân.",
	} {
		if !strings.Contains(main, want) {
			t.Errorf("Tờ trình lacks %q:\n%s", want, main)
		}
	}
}

// Issue 11: a decision that confers danh hiệu and gives Giấy khen words
// each part right, numbers the danh sách in one group per form and kind,
// and runs the số sổ vàng through all of them.
func TestMixedDecisionGolden(t *testing.T) {
	data := example(t, "quyet-dinh-danh-hieu.json")
	doc, warns, err := BuildQuyetDinh(data, env(t))
	if err != nil {
		t.Fatalf("%v %v", err, warns)
	}
	out, _ := json.MarshalIndent(doc, "", "  ")
	golden.Check(t, "quyet-dinh-danh-hieu.model.json", append(out, '\n'))
	main := allText(doc.Sections[0])
	for _, want := range []string{
		"Về việc công nhận danh hiệu thi đua và khen thưởng năm 2025",
		"Điều 1. Công nhận danh hiệu thi đua và khen thưởng năm 2025 cho các tập thể, cá nhân (có danh sách kèm theo), cụ thể như sau:",
		"\n1. Công nhận danh hiệu “Tập thể lao động tiên tiến” năm 2025 cho 02 tập thể;\n",
		"\n2. Công nhận danh hiệu “Chiến sĩ thi đua cơ sở” năm 2025 cho 01 cá nhân;\n",
		"\n3. Công nhận danh hiệu “Lao động tiên tiến” năm 2025 cho 03 cá nhân;\n",
		"\n4. Tặng Giấy khen của Giám đốc Sở Văn hóa, Thể thao và Du lịch tỉnh Lai Châu cho 01 tập thể và 01 cá nhân đã có thành tích xuất sắc trong thực hiện nhiệm vụ chính trị năm 2025.\n",
		"Điều 2. Tiền thưởng kèm theo các danh hiệu thi đua, hình thức khen thưởng tại Điều 1",
		"Điều 3. Chánh Văn phòng Sở",
		"- Như Điều 3;",
	} {
		if !strings.Contains(main, want) {
			t.Errorf("lacks %q:\n%s", want, main)
		}
	}
	groups, last := annexRows(t, doc.Sections[1])
	wantGroups := []string{
		"I | DANH HIỆU “TẬP THỂ LAO ĐỘNG TIÊN TIẾN” (02)",
		"II | DANH HIỆU “CHIẾN SĨ THI ĐUA CƠ SỞ” (01)",
		"III | DANH HIỆU “LAO ĐỘNG TIÊN TIẾN” (03)",
		"IV | GIẤY KHEN - TẬP THỂ (01)",
		"V | GIẤY KHEN - CÁ NHÂN (01)",
	}
	if strings.Join(groups, "\n") != strings.Join(wantGroups, "\n") {
		t.Errorf("groups:\n%s", strings.Join(groups, "\n"))
	}
	if strings.Join(last, ",") != "1,2,3,4,5,6,7,8" {
		t.Errorf("số sổ vàng %v", last)
	}
	if !strings.Contains(allText(doc.Sections[1]), "Tập thể, cá nhân được công nhận danh hiệu thi đua và khen thưởng năm 2025") {
		t.Errorf("annex subtitle:\n%s", allText(doc.Sections[1]))
	}
	// The certificates of the Giấy khen part are its own rows, with the
	// decision's số sổ vàng; a danh hiệu part is chosen by id.
	a, err := AwardedBy(data, env(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Forms) != 4 || len(a.Rows) != 8 {
		t.Fatalf("forms %d rows %d", len(a.Forms), len(a.Rows))
	}
	f, rows, err := a.Printed("")
	if err != nil || f.ID != "giay-khen-giam-doc-so" || len(rows) != 2 || rows[0].GoldBook != 7 || rows[1].Name != "Phàn Văn Đức" {
		t.Errorf("printed %s %v %v", f.ID, rows, err)
	}
	if _, rows, err := a.Printed("lao-dong-tien-tien"); err != nil || len(rows) != 3 || rows[0].GoldBook != 4 {
		t.Errorf("LĐTT rows %v %v", rows, err)
	}
	if _, _, err := a.Printed("bang-khen-chu-tich-ubnd-tinh"); apperr.As(err).Code != "form_not_in_decision" {
		t.Errorf("a form the decision lacks: %v", err)
	}
	// A form of another authority in the same decision is still refused.
	bad := edit(t, "quyet-dinh-danh-hieu.json", func(m map[string]any) {
		m["nominations"].([]any)[0].(map[string]any)["awardForm"] = "tap-the-lao-dong-xuat-sac"
	})
	_, _, err = BuildQuyetDinh(bad, env(t))
	if !hasProblem(err, "nominations[0].awardForm", "award_form_mismatch") {
		t.Errorf("err = %v", err)
	}
}

func hasProblem(err error, field, code string) bool {
	for _, p := range apperr.As(err).Problems {
		if p.Field == field && p.Code == code && !p.Warning {
			return true
		}
	}
	return false
}

// Issue 12 item 5: a hình thức outside the catalogue in the officer's
// words — its own wording, no căn cứ of the catalogue, no money unless
// given, a warning (not an error), the danh sách numbered and grouped.
func TestCustomFormGolden(t *testing.T) {
	data := example(t, "quyet-dinh-thu-khen.json")
	doc, warns, err := BuildQuyetDinh(data, env(t))
	if err != nil {
		t.Fatalf("%v %v", err, warns)
	}
	if p, ok := problem(warns, "custom_award_form"); !ok || !p.Warning || p.Field != "customForm.name" {
		t.Errorf("warnings %v", warns)
	}
	out, _ := json.MarshalIndent(doc, "", "  ")
	golden.Check(t, "quyet-dinh-thu-khen.model.json", append(out, '\n'))
	main := allText(doc.Sections[0])
	for _, want := range []string{
		"Về việc tặng Thư khen của Giám đốc Sở Văn hóa, Thể thao và Du lịch cho các tập thể, cá nhân đã có thành tích xuất sắc trong công tác cứu hộ",
		"Điều 1. Tặng Thư khen của Giám đốc Sở Văn hóa, Thể thao và Du lịch cho 01 tập thể và 02 cá nhân (có danh sách kèm theo) đã có thành tích xuất sắc",
		"Điều 2. Chánh Văn phòng Sở, Giám đốc Bảo tàng tỉnh và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
		"- Như Điều 2;",
	} {
		if !strings.Contains(main, want) {
			t.Errorf("lacks %q:\n%s", want, main)
		}
	}
	if strings.Contains(main, "Luật Thi đua") || strings.Contains(main, "Tiền thưởng") || strings.Contains(main, "Điều 3") {
		t.Errorf("catalogue căn cứ or money forced on a custom form:\n%s", main)
	}
	groups, last := annexRows(t, doc.Sections[1])
	if strings.Join(groups, ",") != "I | TẬP THỂ (01),II | CÁ NHÂN (02)" || strings.Join(last, ",") != "1,2,3" {
		t.Errorf("groups %v numbers %v", groups, last)
	}
	// Money only when given: a base salary alone adds none; cash given
	// does, the catalogue's căn cứ come back with catalogueBases "keep".
	for _, c := range []struct {
		name  string
		edit  func(m map[string]any)
		money bool
	}{
		{"base salary alone", func(m map[string]any) { m["baseSalary"] = 2340000 }, false},
		{"cash given", func(m map[string]any) {
			m["baseSalary"] = 2340000
			m["customForm"].(map[string]any)["cash"] = map[string]any{"collective": 1, "individual": 0.5}
			m["catalogueBases"] = "keep"
		}, true},
	} {
		doc, _, err := BuildQuyetDinh(edit(t, "quyet-dinh-thu-khen.json", c.edit), env(t))
		if err != nil {
			t.Fatal(err)
		}
		main := allText(doc.Sections[0])
		// 1 × 2.340.000 + 2 × 0,5 × 2.340.000
		if got := strings.Contains(main, "Điều 2. Tiền thưởng kèm theo Thư khen thực hiện theo quy định hiện hành; tổng số tiền thưởng: 4.680.000 đồng"); got != c.money {
			t.Errorf("%s: money %v:\n%s", c.name, got, main)
		}
		if c.money && !strings.Contains(main, "Căn cứ Luật Thi đua, khen thưởng") {
			t.Errorf("%s: catalogueBases keep:\n%s", c.name, main)
		}
	}
	// A Tờ trình of a form named by its act: "Khen thưởng đột xuất" is
	// written as it is, to whom the Tờ trình is sent by default.
	tt := edit(t, "to-trinh-khen-thuong.json", func(m map[string]any) {
		delete(m, "awardForm")
		m["customForm"] = map[string]any{"name": "Khen thưởng đột xuất"}
		for _, n := range m["nominations"].([]any) {
			delete(n.(map[string]any), "awardForm")
			delete(n.(map[string]any), "criterion")
		}
		delete(m, "plan")
	})
	doc, warns, err = BuildToTrinh(tt, env(t))
	if err != nil {
		t.Fatalf("%v %v", err, warns)
	}
	main = allText(doc.Sections[0])
	for _, want := range []string{
		"Về việc đề nghị Chủ tịch Ủy ban nhân dân tỉnh Lai Châu khen thưởng đột xuất cho các tập thể, cá nhân",
		"kính trình Chủ tịch Ủy ban nhân dân tỉnh Lai Châu xem xét, khen thưởng đột xuất cho 03 tập thể và 05 cá nhân đã có thành tích xuất sắc",
		"(Có danh sách kèm theo)",
	} {
		if !strings.Contains(main, want) {
			t.Errorf("Tờ trình lacks %q:\n%s", want, main)
		}
	}
	if strings.Contains(main, "Tổng số tiền") || strings.Contains(main, "Nghị định số 152") {
		t.Errorf("money or catalogue căn cứ in a custom Tờ trình:\n%s", main)
	}
	// Errors and warnings of the custom form.
	for _, c := range []struct {
		name, field, code string
		warning           bool
		edit              func(m map[string]any)
	}{
		{"both", "customForm", "custom_and_catalogue", false, func(m map[string]any) { m["awardForm"] = "giay-khen-giam-doc-so" }},
		{"no name", "customForm.name", "required", false, func(m map[string]any) { m["customForm"] = map[string]any{"shortName": "Thư khen"} }},
		{"negative cash", "customForm.cash", "invalid_amount", false, func(m map[string]any) {
			m["customForm"].(map[string]any)["cash"] = map[string]any{"individual": -1}
		}},
		{"a catalogue form by name", "customForm.name", "custom_form_in_catalogue", true, func(m map[string]any) {
			m["customForm"] = map[string]any{"name": "Giấy khen của Giám đốc Sở"}
		}},
		{"a row of a catalogue form", "nominations[1].awardForm", "award_form_mismatch", false, func(m map[string]any) {
			m["nominations"].([]any)[1].(map[string]any)["awardForm"] = "giay-khen-giam-doc-so"
		}},
	} {
		_, warns, err := BuildQuyetDinh(edit(t, "quyet-dinh-thu-khen.json", c.edit), env(t))
		ps := warns
		if err != nil {
			ps = apperr.As(err).Problems
		}
		found := false
		for _, p := range ps {
			found = found || p.Field == c.field && p.Code == c.code && p.Warning == c.warning
		}
		if !found || (err != nil) == c.warning {
			t.Errorf("%s: no %s at %s (warning %v): %v %v", c.name, c.code, c.field, c.warning, err, ps)
		}
	}
}

// Issue 12 items 5–7, the parts TestOfficerWording leaves: a Quyết định
// whose danh sách travels as a separate file says the counts given and
// attaches nothing; an attachment note of "" is left out; the nơi nhận
// keeps sub-items under a heading entry; the căn cứ end NĐ30's way before
// "Theo đề nghị của …".
func TestOfficerWordingMore(t *testing.T) {
	data := edit(t, "quyet-dinh-khen-thuong.json", func(m map[string]any) {
		m["nominations"] = []any{}
		m["wording"] = map[string]any{"counts": "99 tập thể và 48 cá nhân"}
		m["recipients"] = []any{"VP UBND tỉnh:", "+ LĐVP", "+ CVNC;", "Sở Nội vụ"}
	})
	doc, warns, err := BuildQuyetDinh(data, env(t))
	if err != nil {
		t.Fatalf("%v %v", err, warns)
	}
	if len(doc.Sections) != 1 {
		t.Errorf("a danh sách sent separately is not attached: %d sections", len(doc.Sections))
	}
	main := allText(doc.Sections[0])
	for _, want := range []string{
		"Điều 1. Tặng Giấy khen của Giám đốc Sở Văn hóa, Thể thao và Du lịch tỉnh Lai Châu cho 99 tập thể và 48 cá nhân (có danh sách kèm theo)",
		"nông thôn mới” năm 2025;\nTheo đề nghị của Chánh Văn phòng Sở (Thường trực Hội đồng Thi đua - Khen thưởng Sở).",
		"- Như Điều 3;\n- VP UBND tỉnh:\n+ LĐVP;\n+ CVNC;\n- Sở Nội vụ;\n- Lưu: VT, VP.",
	} {
		if !strings.Contains(main, want) {
			t.Errorf("lacks %q:\n%s", want, main)
		}
	}
	data = edit(t, "to-trinh-khen-thuong.json", func(m map[string]any) {
		m["wording"] = map[string]any{"attachment": ""}
	})
	doc, _, err = BuildToTrinh(data, env(t))
	if err != nil {
		t.Fatal(err)
	}
	if main := allText(doc.Sections[0]); strings.Contains(main, "kèm theo)") || !strings.Contains(main, "xem xét, quyết định./.") {
		t.Errorf("attachment \"\" must leave the note out:\n%s", main)
	}
}

// Each Điều can be overridden on its own: "" keeps the generated one at its
// place; only the last Điều ends with "./.".
func TestOneArticleOverridden(t *testing.T) {
	data := edit(t, "quyet-dinh-khen-thuong.json", func(m map[string]any) {
		m["wording"] = map[string]any{"articles": []any{"", "", "Điều 3. Quyết định có hiệu lực từ ngày ký.", "Chánh Văn phòng Sở và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này"}}
	})
	doc, _, err := BuildQuyetDinh(data, env(t))
	if err != nil {
		t.Fatal(err)
	}
	main := allText(doc.Sections[0])
	for _, want := range []string{
		"Điều 1. Tặng Giấy khen của Giám đốc Sở Văn hóa, Thể thao và Du lịch tỉnh Lai Châu cho 03 tập thể và 05 cá nhân",
		"Điều 2. Tiền thưởng kèm theo Giấy khen thực hiện theo quy định hiện hành; tổng số tiền thưởng:",
		"\nĐiều 3. Quyết định có hiệu lực từ ngày ký.\n",
		"\nĐiều 4. Chánh Văn phòng Sở và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.\n",
		"- Như Điều 4;",
	} {
		if !strings.Contains(main, want) {
			t.Errorf("lacks %q:\n%s", want, main)
		}
	}
	if strings.Count(main, "./.") != 1 {
		t.Errorf("\"./.\" more than once:\n%s", main)
	}
}

// A Tờ trình of several forms decided by the Chủ tịch UBND tỉnh (Bằng khen
// and the province's danh hiệu) proposes each in its own line.
func TestMixedToTrinh(t *testing.T) {
	data := edit(t, "to-trinh-khen-thuong.json", func(m map[string]any) {
		m["period"] = "năm 2025"
		l := m["nominations"].([]any)
		l[0].(map[string]any)["awardForm"] = "tap-the-lao-dong-xuat-sac"
		l[3].(map[string]any)["awardForm"] = "chien-si-thi-dua-cap-tinh"
		for _, n := range l {
			delete(n.(map[string]any), "criterion")
		}
	})
	doc, warns, err := BuildToTrinh(data, env(t))
	if err != nil {
		t.Fatalf("%v %v", err, warns)
	}
	main := allText(doc.Sections[0])
	for _, want := range []string{
		"Về việc đề nghị Chủ tịch Ủy ban nhân dân tỉnh tặng danh hiệu thi đua và khen thưởng năm 2025",
		"xem xét, tặng danh hiệu thi đua và khen thưởng năm 2025 cho các tập thể, cá nhân, cụ thể như sau:",
		"\n- tặng danh hiệu “Tập thể lao động xuất sắc” năm 2025 cho 01 tập thể;\n- tặng danh hiệu “Chiến sĩ thi đua cấp tỉnh” năm 2025 cho 01 cá nhân;\n- tặng Bằng khen cho 02 tập thể và 04 cá nhân đã có thành tích xuất sắc",
		"(Có danh sách kèm theo)",
	} {
		if !strings.Contains(main, want) {
			t.Errorf("lacks %q:\n%s", want, main)
		}
	}
	groups, _ := annexRows(t, doc.Sections[1])
	if len(groups) != 4 || groups[0] != "I | DANH HIỆU “TẬP THỂ LAO ĐỘNG XUẤT SẮC” (01)" || groups[3] != "IV | BẰNG KHEN - CÁ NHÂN (04)" {
		t.Errorf("groups %v", groups)
	}
}

// TestPlanNumberWidth: the căn cứ cites the Kế hoạch with its register's
// padding ("025" from a three-digit register), written by nd30.Ref; a width
// out of range is refused on its field.
func TestPlanNumberWidth(t *testing.T) {
	in := edit(t, "to-trinh-khen-thuong.json", func(m map[string]any) {
		m["plan"].(map[string]any)["numberWidth"] = 3
	})
	doc, _, err := BuildToTrinh(in, env(t))
	if err != nil {
		t.Fatal(err)
	}
	if main := allText(doc.Sections[0]); !strings.Contains(main, "Căn cứ Kế hoạch số 025/KH-SVHTTDL ngày 10 tháng 3 năm 2025") {
		t.Errorf("the căn cứ does not keep the register's padding:\n%s", main)
	}
	bad := edit(t, "to-trinh-khen-thuong.json", func(m map[string]any) {
		m["plan"].(map[string]any)["numberWidth"] = 9
	})
	_, _, err = BuildToTrinh(bad, env(t))
	if e := apperr.As(err); e.Kind != apperr.Invalid || !hasField(e.Problems, "plan.numberWidth") {
		t.Errorf("numberWidth 9: %v", err)
	}
}

func hasField(ps apperr.Problems, field string) bool {
	for _, p := range ps {
		if p.Field == field {
			return true
		}
	}
	return false
}
