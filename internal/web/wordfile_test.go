package web_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	vanban "github.com/vanban/vanban"
)

// TestBodyFromWord: a Word draft chosen as the body lands in the text area
// with its I./1./- structure, and the preview follows.
func TestBodyFromWord(t *testing.T) {
	e := newEnv(t)
	// A body drafted in Word: one paragraph a line, the first bold.
	var seed struct {
		Body string `json:"body"`
	}
	_ = json.Unmarshal(vanban.Example("ke-hoach-lai-chau.json"), &seed)
	var paras strings.Builder
	for _, line := range strings.Split(seed.Body, "\n") {
		if line = strings.TrimSpace(line); line == "" {
			continue
		}
		var esc strings.Builder
		_ = xml.EscapeText(&esc, []byte(line))
		paras.WriteString(`<w:p><w:r><w:t xml:space="preserve">` + esc.String() + `</w:t></w:r></w:p>`)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
		"_rels/.rels":         `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
		"word/document.xml":   `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + paras.String() + `</w:body></w:document>`,
	} {
		fw, _ := zw.Create(name)
		fw.Write([]byte(body))
	}
	zw.Close()
	path := filepath.Join(t.TempDir(), "du-thao-ke-hoach.docx")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, e)
	b.open("/van-ban/soan/ke-hoach?mau=1") // "Điền văn bản mẫu": a draft that draws
	b.run(chromedp.WaitVisible(chromedp.CSS(`#f-body`)))
	n := b.waitPreview(0)
	_ = n
	drawn := b.drawn()
	b.paste("#f-body", "Nội dung tạm.")
	b.waitPreview(drawn)
	drawn = b.drawn()
	b.run(chromedp.SetUploadFiles(chromedp.CSS(`#f-body-tep`), []string{path}))
	for i := 0; i < 100 && !strings.Contains(b.text("#f-body-tep-tt"), "Đã lấy"); i++ {
		time.Sleep(100 * time.Millisecond)
	}
	if s := b.text("#f-body-tep-tt"); !strings.Contains(s, "Đã lấy nội dung từ du-thao-ke-hoach.docx") {
		t.Fatalf("status = %q", s)
	}
	body := evalJS[string](b, `document.getElementById("f-body").value`)
	if !strings.Contains(body, "I. MỤC ĐÍCH, YÊU CẦU\n") || strings.Contains(body, "Nội dung tạm") || strings.Contains(body, "KẾ HOẠCH") {
		t.Errorf("body from Word = %.200q", body)
	}
	b.waitPreview(drawn)
	b.shot("noi-dung-tu-word")
}
