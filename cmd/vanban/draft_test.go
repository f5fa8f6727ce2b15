package main

import (
	"archive/zip"
	"bytes"
	"io"
	"mime/multipart"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vanban/vanban/internal/tooltest"
)

// A draft written in LibreOffice (from a text with bold, italic, underline,
// automatic numbering, a line break and a table, saved as .docx by
// soffice --convert-to docx) comes back through render --body with its styles,
// its numbers resolved to text, and its table bordered in both formats.
func TestBodyFromLibreOfficeDOCX(t *testing.T) {
	soffice := tooltest.Need(t, "soffice")
	dir := t.TempDir()
	html := `<html><head><meta charset="utf-8"></head><body>
<p>Sở Văn hóa, Thể thao và Du lịch <b>đề nghị</b> các phòng <i>thực hiện</i> <u>ngay</u> như sau:</p>
<ol type="I"><li>MỤC ĐÍCH, YÊU CẦU</li><li>NỘI DUNG</li></ol>
<ol><li>Khoản thứ nhất;</li><li>Khoản thứ hai có dấu * và _.</li></ol>
<p>Dòng một<br>dòng hai</p>
<table border="1"><tr><td>STT</td><td>Nội dung</td></tr><tr><td>1</td><td>Tập thể | cá nhân</td></tr></table>
<p>Kết thúc.</p>
</body></html>`
	src := filepath.Join(dir, "du-thao.html")
	os.WriteFile(src, []byte(html), 0o644)
	cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--infilter=HTML (StarWriter)", "--convert-to", "docx:MS Word 2007 XML", "--outdir", dir, src)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	draft := filepath.Join(dir, "du-thao.docx")
	if _, err := os.Stat(draft); err != nil {
		t.Fatalf("LibreOffice made no .docx: %v", err)
	}
	out := filepath.Join(dir, "bc.docx")
	_, stderr, code := cliRun(t, nil, "render", "--in", "../../testdata/bao-cao.json", "--body", draft, "--out", out)
	if code != 0 {
		t.Fatalf("render --body: %s", stderr)
	}
	if !strings.Contains(stderr, "draft_parts_dropped") {
		t.Errorf("replacing the example's body is not warned: %s", stderr)
	}
	zr, err := zip.OpenReader(out)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var xml string
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			xml = string(b)
		}
	}
	for text, prop := range map[string]string{"đề nghị": "<w:b/>", "thực hiện": "<w:i/>", "ngay": `<w:u w:val="single"/>`} {
		if rpr := runProps(xml, text); !strings.Contains(rpr, prop) {
			t.Errorf("%q lost its style %s: run properties %q", text, prop, rpr)
		}
	}
	for _, want := range []string{
		`I. MỤC ĐÍCH, YÊU CẦU`, `II. NỘI DUNG`, `1. Khoản thứ nhất;`,
		`2. Khoản thứ hai có dấu * và _.`, `Kết thúc./.`,
		`<w:tbl>`, `Tập thể | cá nhân`, `<w:tblHeader/>`,
	} {
		if !strings.Contains(xml, want) {
			t.Errorf("our DOCX lacks %q", want)
		}
	}
	if !strings.Contains(xml, `dòng một`) && !strings.Contains(xml, `Dòng một</w:t><w:br/>`) {
		t.Errorf("the line break inside the paragraph is lost")
	}
	pdf := filepath.Join(dir, "bc.pdf")
	if _, stderr, code := cliRun(t, nil, "render", "--in", "../../testdata/bao-cao.json", "--body", draft, "--out", pdf); code != 0 {
		t.Fatalf("render --body pdf: %s", stderr)
	}
	text := normalize(pdfText(t, pdf))
	for _, want := range []string{"I. MỤC ĐÍCH, YÊU CẦU", "2. Khoản thứ hai có dấu * và _.", "Dòng một dòng hai", "STT Nội dung", "1 Tập thể | cá nhân"} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF lacks %q", want)
		}
	}
}

// runProps returns the run properties of the run whose text is text.
func runProps(xml, text string) string {
	i := strings.Index(xml, ">"+text+"</w:t>")
	if i < 0 {
		return ""
	}
	start := strings.LastIndex(xml[:i], "<w:r>")
	if start < 0 {
		return ""
	}
	return xml[start:i]
}

// POST /v1/documents/draft as multipart/form-data: the "input" part is the JSON,
// the "body" part the draft.
func TestServiceBodyPart(t *testing.T) {
	ts := startService(t)
	input, err := os.ReadFile("../../testdata/bao-cao.json")
	if err != nil {
		t.Fatal(err)
	}
	form := func(parts map[string][2]string) (string, []byte) {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		for name, p := range parts {
			w, _ := mw.CreateFormFile(name, p[0])
			w.Write([]byte(p[1]))
		}
		mw.Close()
		return mw.FormDataContentType(), buf.Bytes()
	}
	ct, body := form(map[string][2]string{"input": {"bc.json", string(input)}, "body": {"du-thao.txt", "I. KẾT QUẢ\n1. Đã làm **tốt**.\n| A | B |\n|---|---|\n| 1 | 2 |"}})
	res, data := post(t, ts.URL+"/v1/documents/draft?format=pdf", ct, body)
	if res.StatusCode != 200 || !bytes.HasPrefix(data, []byte("%PDF")) || res.Header.Get("X-Vanban-Warnings") == "" {
		t.Fatalf("%d %s warnings %q: %.300s", res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("X-Vanban-Warnings"), data)
	}
	ct, body = form(map[string][2]string{"input": {"bc.json", string(input)}})
	res, data = post(t, ts.URL+"/v1/documents/draft?format=pdf", ct, body)
	if res.StatusCode != 400 || !bytes.Contains(data, []byte(`"field":"body"`)) {
		t.Errorf("missing body part: %d %.300s", res.StatusCode, data)
	}
	ct, body = form(map[string][2]string{"input": {"bc.json", string(input)}, "body": {"du-thao.doc", "\xd0\xcf\x11\xe0"}})
	res, data = post(t, ts.URL+"/v1/documents/draft?format=docx", ct, body)
	if res.StatusCode != 400 || !bytes.Contains(data, []byte("invalid_draft")) {
		t.Errorf("old .doc: %d %.300s", res.StatusCode, data)
	}
}
