package kinds

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/document"
	"github.com/vanban/vanban/internal/golden"
	"github.com/vanban/vanban/internal/letterhead"
	"github.com/vanban/vanban/internal/typeset/typesettest"
)

func example(t testing.TB, name string) []byte {
	data, err := os.ReadFile("../../testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func spec(t testing.TB, kind string) Spec {
	for _, s := range Specs() {
		if s.Name == kind {
			return s
		}
	}
	t.Fatalf("no kind %q", kind)
	return Spec{}
}

// Every kind's example builds without warnings, matches its model golden
// and validates against the kind's published schema.
func TestExamples(t *testing.T) {
	m := letterhead.Env{Metrics: typesettest.Metrics()}
	for _, s := range Specs() {
		t.Run(s.Name, func(t *testing.T) {
			data := example(t, s.Example)
			d, warns, err := s.Build(data, m)
			if err != nil {
				t.Fatalf("%v (%v)", err, apperr.As(err).Problems)
			}
			if len(warns) != 0 {
				t.Errorf("example has warnings: %v", warns)
			}
			out, err := json.MarshalIndent(d, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, s.Name+".model.json", append(out, '\n'))

			var schemaDoc, inst any
			if err := json.Unmarshal(s.Schema(), &schemaDoc); err != nil {
				t.Fatal(err)
			}
			comp := jsonschema.NewCompiler()
			if err := comp.AddResource(s.Name+".json", schemaDoc); err != nil {
				t.Fatal(err)
			}
			sch, err := comp.Compile(s.Name + ".json")
			if err != nil {
				t.Fatal(err)
			}
			json.Unmarshal(data, &inst)
			if err := sch.Validate(inst); err != nil {
				t.Errorf("example does not validate against the schema: %v", err)
			}
		})
	}
}

func texts(d document.Document) []string {
	var out []string
	var walk func(bs []document.Block)
	walk = func(bs []document.Block) {
		for _, b := range bs {
			switch b := b.(type) {
			case document.Paragraph:
				out = append(out, b.Text())
			case document.Grid:
				for _, r := range b.Rows {
					for _, c := range r.Cells {
						walk(c.Blocks)
					}
				}
			case document.Table:
				for _, r := range append(b.Header, b.Rows...) {
					for _, c := range r.Cells {
						for _, p := range c.Paragraphs {
							out = append(out, p.Text())
						}
					}
				}
			}
		}
	}
	for _, s := range d.Sections {
		walk(s.Blocks)
	}
	return out
}

func contains(lines []string, s string) bool {
	for _, l := range lines {
		if l == s {
			return true
		}
	}
	return false
}

func TestQuyetDinhBanHanh(t *testing.T) {
	d, _, err := BuildQuyetDinh(example(t, "quyet-dinh.json"), letterhead.Env{Metrics: typesettest.Metrics()})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Sections) != 2 {
		t.Fatalf("a QĐ ban hành has the attached Quy định in its own section: %d sections", len(d.Sections))
	}
	lines := texts(d)
	for _, want := range []string{
		"Số: 86/2025/QĐ-UBND",
		"QUYẾT ĐỊNH:",
		"ỦY BAN NHÂN DÂN TỈNH LAI CHÂU",
		"Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
		"Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 412/TTr-SNV ngày 28 tháng 11 năm 2025.",
		"- Như Điều 3;",
		"- VP UBND tỉnh:",
		"+ LĐVP;",
		"QUY ĐỊNH",
		"(Ban hành kèm theo Quyết định số 86/2025/QĐ-UBND ngày 10 tháng 12 năm 2025 của Ủy ban nhân dân tỉnh Lai Châu)",
		"Chương I", "QUY ĐỊNH CHUNG", "Mục 1", "PHONG TRÀO THI ĐUA",
		"Điều 1. Phạm vi điều chỉnh",
	} {
		if !contains(lines, want) {
			t.Errorf("missing line %q", want)
		}
	}
	// The attached part: its header has no Số line; it ends with the signature.
	att := d.Sections[1].Blocks
	head := att[0].(document.Grid)
	if len(head.Rows) != 1 {
		t.Errorf("the attached document's header has no Số line: %d rows", len(head.Rows))
	}
	last := att[len(att)-1].(document.Grid)
	if len(last.Rows[0].Cells[0].Blocks) != 0 {
		t.Error("the attached document has no nơi nhận")
	}
}

func build(t *testing.T, kind string, data []byte) (apperr.Problems, error) {
	t.Helper()
	_, warns, err := spec(t, kind).Build(data, letterhead.Env{Metrics: typesettest.Metrics()})
	if err != nil {
		return apperr.As(err).Problems, err
	}
	return warns, nil
}

// modify changes the example of kind with f.
func modify(t *testing.T, kind string, f func(map[string]any)) []byte {
	var m map[string]any
	if err := json.Unmarshal(example(t, spec(t, kind).Example), &m); err != nil {
		t.Fatal(err)
	}
	f(m)
	out, _ := json.Marshal(m)
	return out
}

func has(ps apperr.Problems, field, code string, warning bool) bool {
	for _, p := range ps {
		if p.Field == field && p.Code == code && p.Warning == warning {
			return true
		}
	}
	return false
}

// The §9 rules that apply to each kind are checked on its input, with
// problems naming the field.
func TestChecks(t *testing.T) {
	cases := []struct {
		name, kind  string
		f           func(map[string]any)
		field, code string
		warning     bool
	}{
		{"QĐ without căn cứ", QuyetDinh, func(m map[string]any) { delete(m, "bases") }, "bases.items", "required", false},
		{"QĐ without Điều", QuyetDinh, func(m map[string]any) { delete(m, "articles") }, "articles", "required", false},
		{"QĐ articles and body", QuyetDinh, func(m map[string]any) { m["body"] = "Điều 1. X." }, "body", "not_allowed", false},
		{"QĐ attached not cited", QuyetDinh, func(m map[string]any) {
			m["articles"] = []any{map[string]any{"text": "Ban hành Quy định."}}
		}, "articles[0].text", "attachment_not_cited", true},
		{"Luật with a number", QuyetDinh, func(m map[string]any) {
			m["bases"].(map[string]any)["items"] = []any{"Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022"}
		}, "bases.items[0]", "law_with_number", true},
		{"duplicate căn cứ", QuyetDinh, func(m map[string]any) {
			b := m["bases"].(map[string]any)
			items := b["items"].([]any)
			b["items"] = append(items, "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14/6/2025")
		}, "bases.items[4]", "duplicate_basis", true},
		{"Điều out of order", QuyetDinh, func(m map[string]any) {
			a := m["attached"].(map[string]any)
			a["body"] = strings.Replace(a["body"].(string), "Điều 3.", "Điều 4.", 1)
		}, "attached.body (dòng 9)", "article_order", true},
		{"Công văn without Kính gửi", CongVan, func(m map[string]any) { delete(m, "kinhGui") }, "kinhGui", "required", false},
		{"Công văn without V/v", CongVan, func(m map[string]any) { delete(m, "summary") }, "summary", "required", false},
		{"Công văn with a type name", CongVan, func(m map[string]any) { m["typeName"] = "Hướng dẫn" }, "typeName", "not_allowed", false},
		{"Tờ trình without Kính gửi", ToTrinh, func(m map[string]any) { delete(m, "kinhGui") }, "kinhGui", "required", false},
		{"unit outside a công văn", ToTrinh, func(m map[string]any) { m["unit"] = "VP" }, "unit", "not_allowed", false},
		{"legal Báo cáo", BaoCao, func(m map[string]any) { m["legal"] = true }, "legal", "not_allowed", false},
		{"unknown tên loại", VanBan, func(m map[string]any) { m["typeName"] = "Thư mời" }, "typeName", "unknown_type", false},
		{"tên loại with its own kind", VanBan, func(m map[string]any) { m["typeName"] = "Giấy mời" }, "typeName", "dedicated_kind", true},
		{"Giấy mời without time", GiayMoi, func(m map[string]any) { delete(m, "time") }, "time", "required", false},
		{"Giấy mời bad time", GiayMoi, func(m map[string]any) { m["time"] = "2025-12-19 25:00" }, "time", "invalid_time", false},
		{"Giấy mời before its date", GiayMoi, func(m map[string]any) { m["time"] = "2025-12-01 08:00" }, "time", "time_before_date", true},
		{"Giấy mời end before start", GiayMoi, func(m map[string]any) { m["end"] = "07:00" }, "end", "invalid_time", false},
		{"Biên bản with one signer", BienBan, func(m map[string]any) {
			m["secretary"] = map[string]any{"name": "Nguyễn Văn Bình"}
		}, "secretary.name", "same_signer", false},
		{"Biên bản without secretary", BienBan, func(m map[string]any) { delete(m, "secretary") }, "secretary.name", "required", false},
		{"Biên bản with signer", BienBan, func(m map[string]any) {
			m["signer"] = map[string]any{"title": "Giám đốc", "name": "X"}
		}, "signer", "not_allowed", false},
		{"Biên bản with nơi nhận", BienBan, func(m map[string]any) { m["recipients"] = []any{"Sở Nội vụ"} }, "recipients", "not_allowed", false},
		{"bad last căn cứ end", VanBan, func(m map[string]any) { m["bases"].(map[string]any)["lastEnd"] = "!" }, "bases.lastEnd", "invalid_value", false},
		{"pipe table too wide", BaoCao, func(m map[string]any) { m["body"] = "Bảng:\n|" + strings.Repeat("a|", 25) }, "body (dòng 2)", "table_too_wide", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ps, err := build(t, c.kind, modify(t, c.kind, c.f))
			if !c.warning && err == nil {
				t.Fatalf("accepted; problems %v", ps)
			}
			if !has(ps, c.field, c.code, c.warning) {
				t.Errorf("want %s %s (warning %v); got %v", c.field, c.code, c.warning, ps)
			}
			for _, p := range ps {
				if p.Message == "" || strings.ContainsAny(p.Message[:1], "abcdefghijklmnopqrstuvwxyz") {
					t.Errorf("message not a Vietnamese sentence: %q", p.Message)
				}
			}
		})
	}
}

func TestOptions(t *testing.T) {
	m := letterhead.Env{Metrics: typesettest.Metrics()}
	// "QUYẾT ĐỊNH:" and the thẩm quyền line can be left out; "Như Điều 3"
	// switched off; the căn cứ upright, the last ending with ";".
	data := modify(t, QuyetDinh, func(v map[string]any) {
		v["decides"] = false
		v["autoRecipient"] = false
		v["authority"] = ""
		b := v["bases"].(map[string]any)
		b["upright"] = true
		b["lastEnd"] = ";"
		delete(b, "proposal")
	})
	d, warns, err := BuildQuyetDinh(data, m)
	if err != nil {
		t.Fatal(err)
	}
	if !has(warns, "authority", "missing_authority", true) {
		t.Errorf("no warning for the missing thẩm quyền line: %v", warns)
	}
	lines := texts(d)
	if contains(lines, "QUYẾT ĐỊNH:") || contains(lines, "- Như Điều 3;") {
		t.Error("decides/autoRecipient false not honoured")
	}
	want := "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định về phân cấp, phân quyền trong lĩnh vực thi đua, khen thưởng; quy định chi tiết và hướng dẫn thi hành một số điều của Luật Thi đua, khen thưởng;"
	if !contains(lines, want) {
		t.Errorf("last căn cứ does not end with ';'")
	}
	for _, b := range d.Sections[0].Blocks {
		if p, ok := b.(document.Paragraph); ok && strings.HasPrefix(p.Text(), "Căn cứ") && p.Runs[0].Italic {
			t.Error("upright căn cứ printed italic")
		}
	}
	// A công văn's closing can be changed or dropped; its ký hiệu carries the unit.
	d, _, err = BuildText(CongVan, modify(t, CongVan, func(v map[string]any) { v["closing"] = "" }), m)
	if err != nil {
		t.Fatal(err)
	}
	lines = texts(d)
	if contains(lines, "Trân trọng./.") || !contains(lines, "Số: 1245/SVHTTDL-VP") || !contains(lines, "V/v đăng ký danh hiệu thi đua và hình thức khen thưởng năm 2026") {
		t.Errorf("công văn: %q", lines[:8])
	}
	if d.FileName != "1245-SVHTTDL-VP" {
		t.Errorf("file name %q", d.FileName)
	}
	// An electronic attachment leaves the number and date unfilled.
	d, _, err = BuildQuyetDinh(modify(t, QuyetDinh, func(v map[string]any) {
		v["attached"].(map[string]any)["electronic"] = true
	}), m)
	if err != nil {
		t.Fatal(err)
	}
	if !contains(texts(d), "(Ban hành kèm theo Quyết định số       /2025/QĐ-UBND ngày    tháng    năm 2025 của Ủy ban nhân dân tỉnh Lai Châu)") {
		t.Errorf("electronic reference line not blank")
	}
}

func FuzzBuild(f *testing.F) {
	for _, s := range Specs() {
		f.Add(s.Name, example(f, s.Example))
	}
	m := letterhead.Env{Metrics: typesettest.Metrics()}
	f.Fuzz(func(t *testing.T, kind string, data []byte) {
		for _, s := range Specs() {
			if s.Name == kind {
				s.Build(data, m)
			}
		}
	})
}
