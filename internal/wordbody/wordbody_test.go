package wordbody

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

const ns = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"`

func docx(t *testing.T, parts map[string]string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range parts {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(body))
	}
	zw.Close()
	return buf.Bytes()
}

const numbering = `<w:numbering ` + ns + `>
<w:abstractNum w:abstractNumId="0">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
 <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>
 <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2.%4."/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/><w:lvlText w:val="o"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="1"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
</w:numbering>`

const styles = `<w:styles ` + ns + `>
<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="28"/></w:rPr></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:styleId="Heading1"><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Quote"><w:rPr><w:i/></w:rPr></w:style>
<w:style w:type="character" w:styleId="Strong"><w:rPr><w:b/></w:rPr></w:style>
</w:styles>`

func p(num string, runs ...string) string {
	ppr := ""
	if num != "" {
		ppr = "<w:pPr>" + num + "</w:pPr>"
	}
	return "<w:p>" + ppr + strings.Join(runs, "") + "</w:p>"
}

func numPr(id, lvl string) string {
	return `<w:numPr><w:ilvl w:val="` + lvl + `"/><w:numId w:val="` + id + `"/></w:numPr>`
}

func r(props, text string) string {
	rpr := ""
	if props != "" {
		rpr = "<w:rPr>" + props + "</w:rPr>"
	}
	return `<w:r>` + rpr + `<w:t xml:space="preserve">` + text + `</w:t></w:r>`
}

func TestReadDOCX(t *testing.T) {
	body := strings.Join([]string{
		`<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr>` + r("", "MỤC ĐÍCH, YÊU CẦU") + `</w:p>`,
		p(numPr("1", "1"), r("", "Mục đích")),
		p(numPr("1", "2"), r("<w:b/>", "Đối với tập thể"), r("", ": các "), r("<w:i/>", "phòng"), r(`<w:u w:val="single"/>`, " ban"), r("", ".")),
		p(numPr("1", "2"), r("", "Thứ hai"), `<w:r><w:br/><w:t>dòng sau</w:t></w:r>`),
		p(numPr("1", "3"), r("", "Tiểu khoản")),
		`<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr>` + r("", "NỘI DUNG") + `</w:p>`,
		p(numPr("1", "1"), r("", "Khoản lại từ 1")),
		p(numPr("2", "0"), r("", "Gạch đầu dòng")),
		p(numPr("2", "1"), r("", "Gạch cấp hai")),
		p(numPr("3", "1"), r("", "Bắt đầu từ 5")),
		`<w:p><w:pPr><w:pStyle w:val="Quote"/></w:pPr>` + r("", "Trích dẫn *sao* và __gạch__ | thẳng") + `<w:r><w:rPr><w:rStyle w:val="Strong"/></w:rPr><w:t>đậm</w:t></w:r></w:p>`,
		p("", r("", "Giữ "), `<w:ins w:id="1" w:author="A"><w:r><w:t>chèn </w:t></w:r></w:ins>`, `<w:del w:id="2" w:author="A"><w:r><w:delText>xóa </w:delText></w:r></w:del>`, r("", "xong"),
			`<w:commentRangeStart w:id="0"/>`, `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>`, r("", " 7"), `<w:r><w:fldChar w:fldCharType="end"/></w:r>`,
			`<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing/></mc:Choice></mc:AlternateContent></w:r>`),
		`<w:tbl><w:tr><w:tc>` + p("", r("<w:b/>", "STT")) + `</w:tc><w:tc>` + p("", r("<w:b/>", "Nội dung")) + `</w:tc></w:tr>` +
			`<w:tr><w:tc>` + p("", r("", "1")) + `</w:tc><w:tc>` + p("", r("", "Dòng a")) + p("", r("", "Dòng b | c")) + `</w:tc></w:tr></w:tbl>`,
		`<w:sectPr><w:headerReference w:type="default" r:id="rId1" xmlns:r="r"/></w:sectPr>`,
	}, "\n")
	data := docx(t, map[string]string{
		"word/document.xml":  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ` + ns + `><w:body>` + body + `</w:body></w:document>`,
		"word/numbering.xml": numbering,
		"word/styles.xml":    styles,
		"word/header1.xml":   `<w:hdr ` + ns + `><w:p><w:r><w:t>ĐẦU TRANG</w:t></w:r></w:p></w:hdr>`,
		"word/footer1.xml":   `<w:ftr ` + ns + `><w:p><w:r><w:t>CHÂN TRANG</w:t></w:r></w:p></w:ftr>`,
		"word/comments.xml":  `<w:comments ` + ns + `><w:comment w:id="0"><w:p><w:r><w:t>Sửa lại</w:t></w:r></w:p></w:comment></w:comments>`,
	})
	d, err := ReadDOCX(data)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"I. **MỤC ĐÍCH, YÊU CẦU**",
		"1. Mục đích",
		"a) **Đối với tập thể**: các *phòng* __ban__.",
		"b) Thứ hai\vdòng sau",
		"1.1. Tiểu khoản",
		"II. **NỘI DUNG**",
		"1. Khoản lại từ 1",
		"- Gạch đầu dòng",
		"+ Gạch cấp hai",
		"5. Bắt đầu từ 5",
		`*Trích dẫn \*sao\* và \_\_gạch\_\_ | thẳng**đậm***`,
		"Giữ chèn xong 7",
		"| **STT** | **Nội dung** |",
		"|---|---|",
		"| 1 | Dòng a\vDòng b \\| c |",
	}
	got := strings.Split(d.Text, "\n")
	if len(got) != len(want) {
		t.Fatalf("got %d lines:\n%s", len(got), d.Text)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("line %d:\n got %q\nwant %q", i+1, got[i], want[i])
		}
	}
	dropped := strings.Join(d.Dropped, "; ")
	for _, w := range []string{"đầu trang", "chân trang", "chú thích (comment)", "đã chấp nhận", "hình vẽ"} {
		if !strings.Contains(dropped, w) {
			t.Errorf("dropped %q does not name %q", dropped, w)
		}
	}
	if strings.Contains(d.Text, "ĐẦU TRANG") || strings.Contains(d.Text, "Sửa lại") || strings.Contains(d.Text, "xóa") || strings.Contains(d.Text, "PAGE") {
		t.Error("header, comment, deleted text or field code leaked into the body")
	}
}

func TestWithBody(t *testing.T) {
	in := []byte(`{"kind":"bao-cao","body":"cũ","summary":"x"}`)
	out, warns, err := WithBody(in, "du-thao.txt", []byte("\uFEFFDòng một\nDòng hai"))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	json.Unmarshal(out, &m)
	if m["body"] != "Dòng một\nDòng hai" || m["summary"] != "x" {
		t.Errorf("got %v", m)
	}
	if len(warns) != 1 || warns[0].Code != "draft_parts_dropped" || !warns[0].Warning {
		t.Errorf("replacing the JSON body is warned: %v", warns)
	}
}

func TestBadDrafts(t *testing.T) {
	cases := map[string][]byte{
		"a.docx":    []byte("not a zip"),
		"b.docx":    docx(t, map[string]string{"word/other.xml": "<x/>"}),
		"c.docx":    docx(t, map[string]string{"word/document.xml": "<w:document " + ns + "><w:body><w:p><w:r><w:t>unclosed"}),
		"d.doc":     []byte("\xd0\xcf\x11\xe0"),
		"e.txt":     []byte("\xff\xfe bad"),
		"f.pdf":     []byte("%PDF"),
		"deep.docx": docx(t, map[string]string{"word/document.xml": "<w:document " + ns + "><w:body>" + strings.Repeat("<w:sdt>", 300) + strings.Repeat("</w:sdt>", 300) + "</w:body></w:document>"}),
	}
	for name, data := range cases {
		_, err := Read(name, data)
		if err == nil {
			t.Errorf("%s: accepted", name)
			continue
		}
		if !strings.Contains(err.Error(), "") || strings.Contains(err.Error(), "panic") {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, _, err := WithBody([]byte(`[1]`), "a.txt", []byte("x")); err == nil {
		t.Error("a JSON array is not an input")
	}
}

func FuzzReadDOCX(f *testing.F) {
	f.Add([]byte("<w:document " + ns + "><w:body><w:p><w:r><w:t>x</w:t></w:r></w:p></w:body></w:document>"))
	f.Fuzz(func(t *testing.T, xml []byte) {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		w, _ := zw.Create("word/document.xml")
		w.Write(xml)
		zw.Close()
		ReadDOCX(buf.Bytes())
	})
}
