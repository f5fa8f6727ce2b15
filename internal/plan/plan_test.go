package plan

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

const seedPath = "../../testdata/ke-hoach-lai-chau.json"

func seed(t testing.TB) []byte {
	data, err := os.ReadFile(seedPath)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestSeedModelGolden(t *testing.T) {
	c, warns, err := Decode(seed(t), letterhead.Env{Metrics: typesettest.Metrics()})
	if err != nil {
		t.Fatal(err)
	}
	if len(warns) != 0 {
		t.Errorf("seed has warnings: %v", warns)
	}
	doc := c.Document()
	if doc.FileName != "KH-SVHTTDL" {
		t.Errorf("file name %q", doc.FileName)
	}
	out, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "ke-hoach-lai-chau.model.json", append(out, '\n'))
}

// The seed's structure is detected: mục in bold, titled khoản in bold,
// everything else plain; the last paragraph ends with "./.".
func TestSeedStructure(t *testing.T) {
	c, _, err := Decode(seed(t), letterhead.Env{Metrics: typesettest.Metrics()})
	if err != nil {
		t.Fatal(err)
	}
	var bold []string
	var last document.Paragraph
	for _, b := range c.Document().Sections[0].Blocks {
		p, ok := b.(document.Paragraph)
		// Body paragraphs are justified; headings balanced and left-aligned.
		if !ok || p.Align != document.Justify && !(p.Balance && p.Align == document.Left) {
			continue
		}
		if p.Runs[0].Bold {
			bold = append(bold, p.Text())
		}
		last = p
	}
	want := []string{
		"I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "2. Yêu cầu",
		"II. ĐỐI TƯỢNG, NỘI DUNG, THỜI GIAN PHONG TRÀO THI ĐUA", "1. Đối tượng", "2. Nội dung thi đua", "3. Thời gian thi đua",
		"III. GIẢI PHÁP THỰC HIỆN",
		"IV. TIÊU CHÍ THI ĐUA, HÌNH THỨC VÀ TIÊU CHUẨN KHEN THƯỞNG", "1. Tiêu chí thi đua", "2. Hình thức và tiêu chuẩn khen thưởng",
		"V. THỜI GIAN", "VI. TỔ CHỨC THỰC HIỆN", "1. Văn phòng Sở",
		"2. Trưởng các phòng, đơn vị trực thuộc Sở; phòng Văn hóa và Thông tin; Trung tâm Văn hóa, Thể thao và Truyền thông các huyện, thành phố",
	}
	if strings.Join(bold, "\n") != strings.Join(want, "\n") {
		t.Errorf("bold headings:\n%s\nwant:\n%s", strings.Join(bold, "\n"), strings.Join(want, "\n"))
	}
	if !strings.HasSuffix(last.Text(), "chỉ đạo, triển khai thực hiện./.") {
		t.Errorf("last paragraph %q", last.Text())
	}
}

func TestBadInput(t *testing.T) {
	base := map[string]any{}
	if err := json.Unmarshal(seed(t), &base); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name  string
		edit  func(m map[string]any)
		field string
		code  string
	}{
		{"missing signer name", func(m map[string]any) { m["signer"].(map[string]any)["name"] = "" }, "signer.name", "invalid_signer"},
		{"unknown authority", func(m map[string]any) { m["signer"].(map[string]any)["authority"] = "KT" }, "signer.authority", "invalid_signer"},
		{"impossible date", func(m map[string]any) { m["date"] = "2021-02-30" }, "date", "invalid_date"},
		{"missing date", func(m map[string]any) { delete(m, "date") }, "date", "required"},
		{"zero number", func(m map[string]any) { m["number"] = 0 }, "number", "invalid_number"},
		{"negative number", func(m map[string]any) { m["number"] = -3 }, "number", "invalid_number"},
		{"wrong kind", func(m map[string]any) { m["kind"] = "to-trinh" }, "kind", "invalid_kind"},
		{"control char", func(m map[string]any) { m["summary"] = "a\u0007b" }, "summary", "invalid_text"},
		{"missing agency name", func(m map[string]any) { m["agency"].(map[string]any)["name"] = " " }, "agency.name", "required"},
		{"abbreviation with space", func(m map[string]any) { m["agency"].(map[string]any)["abbreviation"] = "S VH" }, "agency.abbreviation", "invalid_abbreviation"},
		{"bad urgency", func(m map[string]any) { m["urgency"] = "rat-khan" }, "urgency", "invalid_urgency"},
		{"margin out of range", func(m map[string]any) {
			m["margins"] = map[string]any{"top": 20, "bottom": 20, "left": 25, "right": 15}
		}, "margins.left", "invalid_margin"},
		{"huge body", func(m map[string]any) { m["body"] = strings.Repeat("x", 300000) }, "body", "too_long"},
		{"wrong type", func(m map[string]any) { m["recipients"] = "UBND" }, "recipients", "wrong_type"},
		{"unknown field", func(m map[string]any) { m["signature"] = "x" }, "signature", "unknown_field"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := map[string]any{}
			json.Unmarshal(seed(t), &m)
			c.edit(m)
			data, _ := json.Marshal(m)
			_, _, err := Decode(data, letterhead.Env{Metrics: typesettest.Metrics()})
			ae := apperr.As(err)
			if err == nil || ae.Kind != apperr.Invalid {
				t.Fatalf("err = %v, want Invalid", err)
			}
			for _, p := range ae.Problems {
				if p.Field == c.field && p.Code == c.code {
					if p.Message == "" {
						t.Error("empty message")
					}
					return
				}
			}
			t.Errorf("no problem %s at %s in %v", c.code, c.field, ae.Problems)
		})
	}
}

// The example validates against the published JSON Schema, and the schema
// rejects what Decode rejects for the shape of the data.
func TestSchemaValidatesExample(t *testing.T) {
	var schemaDoc any
	if err := json.Unmarshal(Schema(), &schemaDoc); err != nil {
		t.Fatal(err)
	}
	comp := jsonschema.NewCompiler()
	if err := comp.AddResource("ke-hoach.json", schemaDoc); err != nil {
		t.Fatal(err)
	}
	sch, err := comp.Compile("ke-hoach.json")
	if err != nil {
		t.Fatal(err)
	}
	var inst any
	json.Unmarshal(seed(t), &inst)
	if err := sch.Validate(inst); err != nil {
		t.Errorf("seed does not validate: %v", err)
	}
	inst.(map[string]any)["number"] = 0
	if err := sch.Validate(inst); err == nil {
		t.Error("schema accepts number 0")
	}
}

func BenchmarkDecodeAndBuild(b *testing.B) {
	data := seed(b)
	m := typesettest.Metrics()
	for b.Loop() {
		c, _, err := Decode(data, letterhead.Env{Metrics: m})
		if err != nil {
			b.Fatal(err)
		}
		_ = c.Document()
	}
}
