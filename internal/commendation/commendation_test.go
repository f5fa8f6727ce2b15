package commendation

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/award"
	"github.com/vanban/vanban/internal/document"
	"github.com/vanban/vanban/internal/golden"
	"github.com/vanban/vanban/internal/typeset/typesettest"
	"github.com/vanban/vanban/templates"
	"github.com/vanban/vanban/templates/awards"
)

func env(t testing.TB) Env {
	t.Helper()
	cat, err := award.LoadCatalogue(awards.FS)
	if err != nil {
		t.Fatal(err)
	}
	w, err := LoadWording(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	return Env{Metrics: typesettest.Metrics(), Catalogue: cat, Wording: w}
}

func example(t testing.TB, name string) []byte {
	b, err := os.ReadFile(filepath.Join("../../testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// texts lists the text of every paragraph of a section, cells included.
func texts(bs []document.Block) []string {
	var out []string
	for _, b := range bs {
		switch b := b.(type) {
		case document.Paragraph:
			out = append(out, b.Text())
		case document.Grid:
			for _, r := range b.Rows {
				for _, c := range r.Cells {
					out = append(out, texts(c.Blocks)...)
				}
			}
		case document.Table:
			for _, r := range append(append([]document.TableRow{}, b.Header...), b.Rows...) {
				var cells []string
				for _, c := range r.Cells {
					for _, p := range c.Paragraphs {
						cells = append(cells, p.Text())
					}
				}
				out = append(out, strings.Join(cells, " | "))
			}
		}
	}
	return out
}

func TestToTrinhGolden(t *testing.T) {
	doc, warns, err := BuildToTrinh(example(t, "to-trinh-khen-thuong.json"), env(t))
	if err != nil {
		t.Fatal(err)
	}
	// The only warning: the individual cash multiple is not confirmed from
	// the decree text (templates/awards/forms.json).
	if len(warns) != 1 || warns[0].Code != "unconfirmed_cash" || !strings.Contains(warns[0].Message, "cá nhân") || !strings.Contains(warns[0].Message, "1,5 lần") {
		t.Errorf("warnings: %v", warns)
	}
	out, _ := json.MarshalIndent(doc, "", "  ")
	golden.Check(t, "to-trinh-khen-thuong.model.json", append(out, '\n'))
	main := strings.Join(texts(doc.Sections[0].Blocks), "\n")
	for _, want := range []string{
		"Số: 31/TTr-SVHTTDL",
		"Lai Châu, ngày 05 tháng 12 năm 2025",
		"TỜ TRÌNH",
		"Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Lai Châu",
		"Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
		"Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025",
		"Căn cứ Kế hoạch số 25/KH-SVHTTDL ngày 10 tháng 3 năm 2025 của Sở Văn hóa, Thể thao và Du lịch về việc tổ chức phong trào thi đua",
		"Căn cứ Biên bản họp Hội đồng Thi đua - Khen thưởng Sở ngày 01 tháng 12 năm 2025.",
		"tặng Bằng khen cho 03 tập thể và 05 cá nhân đã có thành tích xuất sắc",
		"(Có danh sách kèm theo)",
		"xem xét, quyết định./.",
		"- Như trên;",
		"- Lưu: VT, VP.",
	} {
		if !strings.Contains(main, want) {
			t.Errorf("Tờ trình lacks %q", want)
		}
	}
	if strings.Contains(main, "98/2023") {
		t.Error("a document of December 2025 must not cite NĐ 98/2023, repealed on 01/7/2025")
	}
	// Cash: Bằng khen 3× for collectives, 1.5× for individuals of 2.340.000.
	wantCash := award.Money(3*3*2340000 + 5*2340000*3/2)
	if !strings.Contains(main, "Tổng số tiền thưởng đề nghị: "+wantCash+" đồng (Bằng chữ: ") {
		t.Errorf("cash %s not stated in figures and words:\n%s", wantCash, main)
	}
	annex := doc.Sections[1]
	if !annex.Page.Landscape() || !annex.PageNumber.HideOnFirst {
		t.Error("danh sách must be its own landscape section with its own numbering")
	}
	at := texts(annex.Blocks)
	if at[0] != "DANH SÁCH" || !strings.HasPrefix(at[2], "(Kèm theo Tờ trình số 31/TTr-SVHTTDL ngày 05 tháng 12 năm 2025 của Sở Văn hóa, Thể thao và Du lịch)") {
		t.Errorf("annex heading %q", at[:3])
	}
	rows := at[3:]
	if !strings.HasPrefix(rows[1], "I | TẬP THỂ (03)") || !strings.HasPrefix(rows[5], "II | CÁ NHÂN (05)") || !strings.HasPrefix(rows[6], "1 | Ông Nguyễn Văn Hùng | Trưởng phòng Quản lý văn hóa, Sở Văn hóa") {
		t.Errorf("table rows:\n%s", strings.Join(rows, "\n"))
	}
}

func TestQuyetDinhGolden(t *testing.T) {
	doc, _, err := BuildQuyetDinh(example(t, "quyet-dinh-khen-thuong.json"), env(t))
	if err != nil {
		t.Fatal(err)
	}
	out, _ := json.MarshalIndent(doc, "", "  ")
	golden.Check(t, "quyet-dinh-khen-thuong.model.json", append(out, '\n'))
	main := texts(doc.Sections[0].Blocks)
	joined := strings.Join(main, "\n")
	for _, want := range []string{
		"Số: 123/QĐ-SVHTTDL", "QUYẾT ĐỊNH", "Về việc tặng Giấy khen cho các tập thể, cá nhân",
		"GIÁM ĐỐC SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH TỈNH LAI CHÂU", "QUYẾT ĐỊNH:",
		"Điều 1. Tặng Giấy khen của Giám đốc Sở Văn hóa, Thể thao và Du lịch tỉnh Lai Châu cho 03 tập thể và 05 cá nhân (có danh sách kèm theo)",
		"Điều 2. ", "Điều 3. Chánh Văn phòng Sở, Trưởng các phòng, đơn vị có liên quan và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
		"Theo đề nghị của Chánh Văn phòng Sở (Thường trực Hội đồng Thi đua - Khen thưởng Sở).",
		"- Như Điều 3;", "GIÁM ĐỐC", "Nguyễn Văn Bình",
	} {
		if !strings.Contains(joined, want) {
			t.Errorf("Quyết định lacks %q", want)
		}
	}
	// Căn cứ: italic, ";" after each, "." after the last (the proposal).
	var bases []document.Paragraph
	for _, b := range doc.Sections[0].Blocks {
		if p, ok := b.(document.Paragraph); ok && p.Runs[0].Italic {
			bases = append(bases, p)
		}
	}
	if len(bases) < 4 {
		t.Fatalf("only %d italic căn cứ lines", len(bases))
	}
	for i, p := range bases {
		end := ";"
		if i == len(bases)-1 {
			end = "."
		}
		if !strings.HasSuffix(p.Text(), end) {
			t.Errorf("căn cứ %d %q must end with %q", i, p.Text(), end)
		}
	}
	// Số sổ vàng runs on through the whole decision: 1..8.
	rows := texts(doc.Sections[1].Blocks)[4:]
	var numbers []string
	for _, r := range rows {
		cells := strings.Split(r, " | ")
		if len(cells) == 5 {
			numbers = append(numbers, cells[4])
		}
	}
	if strings.Join(numbers, ",") != "1,2,3,4,5,6,7,8" {
		t.Errorf("số sổ vàng = %v", numbers)
	}
}

func TestAlphabeticalAndOrder(t *testing.T) {
	m := map[string]any{}
	json.Unmarshal(example(t, "to-trinh-khen-thuong.json"), &m)
	m["list"] = map[string]any{"sort": "alphabetical", "order": []string{"ca-nhan", "tap-the"}}
	data, _ := json.Marshal(m)
	doc, _, err := BuildToTrinh(data, env(t))
	if err != nil {
		t.Fatal(err)
	}
	rows := texts(doc.Sections[1].Blocks)[4:]
	var names []string
	for _, r := range rows {
		names = append(names, strings.Split(r, " | ")[1])
	}
	want := "CÁ NHÂN (05),Bà Lò Thị Bình,Ông Phàn Văn Đức,Ông Nguyễn Văn Hùng,Ông Vàng A Sử,Bà Đặng Thị Ưng,TẬP THỂ (03)"
	if got := strings.Join(names[:7], ","); got != want {
		t.Errorf("order:\n%s\nwant\n%s", got, want)
	}
	main := strings.Join(texts(doc.Sections[0].Blocks), "\n")
	if !strings.Contains(main, "05 cá nhân và 03 tập thể") {
		t.Error("counts must follow the group order")
	}
}

func TestBadInput(t *testing.T) {
	cases := []struct {
		name  string
		edit  func(m map[string]any)
		field string
		code  string
	}{
		{"unknown form", func(m map[string]any) { m["awardForm"] = "huan-chuong" }, "awardForm", "unknown_award_form"},
		{"no kính gửi", func(m map[string]any) { delete(m, "kinhGui") }, "kinhGui", "required"},
		{"empty list", func(m map[string]any) { m["nominations"] = []any{} }, "nominations", "empty_list"},
		{"missing gender", func(m map[string]any) {
			delete(m["nominations"].([]any)[3].(map[string]any), "gender")
		}, "nominations[3].gender", "required"},
		{"duplicate with other tone placement", func(m map[string]any) {
			l := m["nominations"].([]any)
			d := map[string]any{}
			for k, v := range l[3].(map[string]any) {
				d[k] = v
			}
			d["name"] = "NGUYỄN  văn Hùng"
			m["nominations"] = append(l, d)
		}, "nominations[8].name", "duplicate"},
		{"criterion not in plan", func(m map[string]any) {
			m["nominations"].([]any)[0].(map[string]any)["criterion"] = "tc-9"
		}, "nominations[0].criterion", "unknown_criterion"},
		{"form mismatch", func(m map[string]any) {
			m["nominations"].([]any)[0].(map[string]any)["awardForm"] = "giay-khen-giam-doc-so"
		}, "nominations[0].awardForm", "award_form_mismatch"},
		{"bad order", func(m map[string]any) { m["list"] = map[string]any{"order": []string{"ca-nhan"}} }, "list.order", "invalid_order"},
		{"name 2000 chars", func(m map[string]any) {
			m["nominations"].([]any)[0].(map[string]any)["name"] = strings.Repeat("a", 2000)
		}, "nominations[0].name", "too_long"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := map[string]any{}
			json.Unmarshal(example(t, "to-trinh-khen-thuong.json"), &m)
			c.edit(m)
			data, _ := json.Marshal(m)
			_, _, err := BuildToTrinh(data, env(t))
			ae := apperr.As(err)
			if err == nil || ae.Kind != apperr.Invalid {
				t.Fatalf("err = %v", err)
			}
			for _, p := range ae.Problems {
				if p.Field == c.field && p.Code == c.code && !p.Warning {
					return
				}
			}
			t.Errorf("no %s at %s: %v", c.code, c.field, ae.Problems)
		})
	}
}

// A danh sách of 500 builds a table of 500 rows plus group rows.
func TestLargeList(t *testing.T) {
	data := bigList(t, 500)
	doc, _, err := BuildToTrinh(data, env(t))
	if err != nil {
		t.Fatal(err)
	}
	tab := doc.Sections[1].Blocks[4].(document.Table)
	if len(tab.Rows) != 502 || len(tab.Header) != 1 {
		t.Errorf("rows %d header %d", len(tab.Rows), len(tab.Header))
	}
}

func bigList(t testing.TB, n int) []byte {
	m := map[string]any{}
	json.Unmarshal(example(t, "to-trinh-khen-thuong.json"), &m)
	var list []any
	for i := 0; i < n; i++ {
		kind, g := "ca-nhan", "nam"
		if i%5 == 0 {
			kind = "tap-the"
		}
		if i%2 == 0 {
			g = "nu"
		}
		e := map[string]any{"kind": kind, "name": "Nguyễn Thị Số " + strings.Repeat("I", i%7) + " " + itoa(i), "awardForm": "bang-khen-chu-tich-ubnd-tinh",
			"summary": "Hoàn thành xuất sắc nhiệm vụ được giao trong năm 2025, có sáng kiến được áp dụng."}
		if kind == "ca-nhan" {
			e["gender"], e["unit"], e["position"] = g, "Phòng Nghiệp vụ "+itoa(i%9), "Chuyên viên"
		} else {
			e["parentUnit"] = "Sở Văn hóa, Thể thao và Du lịch"
		}
		list = append(list, e)
	}
	m["nominations"] = list
	data, _ := json.Marshal(m)
	return data
}

func itoa(i int) string {
	return strings.TrimSpace(strings.Repeat(" ", 0) + string(rune('0'+i/100%10)) + string(rune('0'+i/10%10)) + string(rune('0'+i%10)))
}

func BenchmarkBuildToTrinh500(b *testing.B) {
	data := bigList(b, 500)
	e := env(b)
	for b.Loop() {
		if _, _, err := BuildToTrinh(data, e); err != nil {
			b.Fatal(err)
		}
	}
}

func TestExamplesValidateAgainstSchemas(t *testing.T) {
	for _, c := range []struct {
		schema  []byte
		example string
	}{{ToTrinhSchema(), "to-trinh-khen-thuong.json"}, {QuyetDinhSchema(), "quyet-dinh-khen-thuong.json"}, {QuyetDinhSchema(), "quyet-dinh-danh-hieu.json"}, {QuyetDinhSchema(), "quyet-dinh-thu-khen.json"}} {
		var sd, inst any
		json.Unmarshal(c.schema, &sd)
		comp := jsonschema.NewCompiler()
		if err := comp.AddResource("s.json", sd); err != nil {
			t.Fatal(err)
		}
		sch, err := comp.Compile("s.json")
		if err != nil {
			t.Fatal(err)
		}
		json.Unmarshal(example(t, c.example), &inst)
		if err := sch.Validate(inst); err != nil {
			t.Errorf("%s: %v", c.example, err)
		}
		// An empty list is valid only with wording.counts (the danh sách
		// sent separately); Decode checks that, the schema allows both.
	}
}

// A name written "Bà Lò Thị Bình" in the input is listed once with its
// honorific in the danh sách, and the officer is warned about that row.
func TestHonorificInNameListedOnce(t *testing.T) {
	m := map[string]any{}
	json.Unmarshal(example(t, "to-trinh-khen-thuong.json"), &m)
	for _, n := range m["nominations"].([]any) {
		if n := n.(map[string]any); n["name"] == "Lò Thị Bình" {
			n["name"] = "Bà Lò Thị Bình"
			delete(n, "gender")
		}
	}
	data, _ := json.Marshal(m)
	doc, warns, err := BuildToTrinh(data, env(t))
	if err != nil {
		t.Fatal(err)
	}
	all := strings.Join(texts(doc.Sections[1].Blocks), "\n")
	if strings.Contains(all, "Bà Bà") || !strings.Contains(all, "Bà Lò Thị Bình") {
		t.Errorf("danh sách:\n%s", all)
	}
	found := false
	for _, w := range warns {
		found = found || w.Code == "honorific_in_name" && w.Warning && strings.HasPrefix(w.Field, "nominations[")
	}
	if !found {
		t.Errorf("no honorific_in_name warning: %v", warns)
	}
}

// Issue 12: the officer's own wording for every part, counts given
// directly, căn cứ under control, the automatic nơi nhận switched off.
func TestOfficerWording(t *testing.T) {
	env := env(t)
	readFile := func(t *testing.T, p string) []byte {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	var m map[string]any
	json.Unmarshal(readFile(t, "../../testdata/to-trinh-khen-thuong.json"), &m)
	m["nominations"] = []any{}
	m["wording"] = map[string]any{
		"request":    []any{"Sở Văn hóa, Thể thao và Du lịch trân trọng đề nghị Chủ tịch Ủy ban nhân dân tỉnh tặng Bằng khen cho 99 tập thể và 48 cá nhân."},
		"attachment": "(Có danh sách và báo cáo thành tích gửi kèm qua Hệ thống quản lý văn bản)",
		"closing":    "Kính trình Chủ tịch Ủy ban nhân dân tỉnh xem xét, quyết định",
		"counts":     "99 tập thể và 48 cá nhân",
	}
	m["catalogueBases"] = "omit"
	m["legalBases"] = []any{"Quyết định số 05/2025/QĐ-UBND ngày 20/02/2025 của UBND tỉnh", "Quyết định số 05/2025/QĐ-UBND (trùng)"}
	m["basesUpright"] = true
	m["lastBasisEnd"] = ";"
	m["autoRecipient"] = false
	data, _ := json.Marshal(m)
	d, warns, err := BuildToTrinh(data, env)
	if err != nil {
		t.Fatalf("%v %v", err, warns)
	}
	if len(d.Sections) != 1 {
		t.Errorf("a danh sách sent separately is not attached: %d sections", len(d.Sections))
	}
	var all []string
	italicBasis := false
	for _, b := range d.Sections[0].Blocks {
		if p, ok := b.(document.Paragraph); ok {
			all = append(all, p.Text())
			if strings.HasPrefix(p.Text(), "Căn cứ") && p.Runs[0].Italic {
				italicBasis = true
			}
		}
	}
	text := strings.Join(all, "\n")
	for _, want := range []string{"trân trọng đề nghị", "99 tập thể và 48 cá nhân", "(Có danh sách và báo cáo thành tích gửi kèm", "xem xét, quyết định./.", "Căn cứ Quyết định số 05/2025/QĐ-UBND ngày 20/02/2025 của UBND tỉnh;"} {
		if !strings.Contains(text, want) {
			t.Errorf("missing %q in\n%s", want, text)
		}
	}
	if strings.Contains(text, "Luật Thi đua") || strings.Contains(text, "(trùng)") || strings.Contains(text, "kính trình Chủ tịch Ủy ban nhân dân tỉnh xem xét, tặng") || italicBasis {
		t.Errorf("catalogue bases, duplicate, generated request or italic căn cứ left:\n%s", text)
	}
	dup := false
	for _, w := range warns {
		dup = dup || w.Code == "duplicate_basis"
	}
	if !dup {
		t.Errorf("duplicate căn cứ not warned: %v", warns)
	}
	// Quyết định: own Điều, no "Như Điều 3".
	m = nil
	json.Unmarshal(readFile(t, "../../testdata/quyet-dinh-khen-thuong.json"), &m)
	m["wording"] = map[string]any{"articles": []any{"Tặng Giấy khen cho các tập thể, cá nhân có tên trong danh sách kèm theo.", "Quyết định có hiệu lực từ ngày ký."}}
	m["autoRecipient"] = false
	data, _ = json.Marshal(m)
	d, _, err = BuildQuyetDinh(data, env)
	if err != nil {
		t.Fatal(err)
	}
	all = nil
	var walk func([]document.Block)
	walk = func(bs []document.Block) {
		for _, b := range bs {
			switch b := b.(type) {
			case document.Paragraph:
				all = append(all, b.Text())
			case document.Grid:
				for _, r := range b.Rows {
					for _, cl := range r.Cells {
						walk(cl.Blocks)
					}
				}
			}
		}
	}
	walk(d.Sections[0].Blocks)
	text = strings.Join(all, "\n")
	if !strings.Contains(text, "Điều 2. Quyết định có hiệu lực từ ngày ký./.") || strings.Contains(text, "Điều 3.") || strings.Contains(text, "Như Điều") {
		t.Errorf("own articles / no automatic nơi nhận:\n%s", text)
	}
}
