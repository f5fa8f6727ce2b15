package certword

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/certificate"
	"github.com/vanban/vanban/internal/golden"
)

// validBatch is the sample batch of testdata/, validated.
func validBatch(t *testing.T) *certificate.Batch {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "giay-khen-batch.json"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := certificate.ParseBatch(data, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Validate(certificate.MaxRecipients); err != nil {
		t.Fatal(err)
	}
	return b
}

// docxPart returns a part of a .docx.
func docxPart(t *testing.T, data []byte, name string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == name {
			rc, _ := f.Open()
			defer rc.Close()
			b, _ := io.ReadAll(rc)
			return b
		}
	}
	t.Fatalf("no %s", name)
	return nil
}

// withDocument returns the default template with document.xml rewritten.
func withDocument(t *testing.T, edit func(string) string) []byte {
	t.Helper()
	src := DefaultData()
	zr, _ := zip.NewReader(bytes.NewReader(src), int64(len(src)))
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		if f.Name == "word/document.xml" {
			b = []byte(edit(string(b)))
		}
		w, _ := zw.Create(f.Name)
		w.Write(b)
	}
	zw.Close()
	return buf.Bytes()
}

func TestShippedWordTemplateSplitsPlaceholders(t *testing.T) {
	doc := string(docxPart(t, DefaultData(), "word/document.xml"))
	// The premise of the fill test: Word-style runs cut placeholders.
	for _, frag := range []string{">{nguoi_</w:t>", ">nhan}</w:t>", ">{</w:t>", ">thanh_</w:t>", ">tich}</w:t>"} {
		if !strings.Contains(doc, frag) {
			t.Errorf("template should contain the run fragment %q", frag)
		}
	}
	if strings.Contains(doc, "{nguoi_nhan}") || strings.Contains(doc, "{thanh_tich}") {
		t.Error("nguoi_nhan and thanh_tich must be split across runs in the shipped template")
	}
	if !strings.Contains(doc, `w:orient="landscape"`) || !strings.Contains(doc, `w:w="16838" w:h="11906"`) {
		t.Error("the Word certificate must be A4 landscape")
	}
	wt, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(wt.Names(), ","); got != "chuc_danh_ky,chuc_vu,dia_danh_ngay,don_vi,loai,ma_xac_thuc,ngay_quyet_dinh,nguoi_ky,nguoi_nhan,nguoi_tang,so_quyet_dinh,so_so_vang,tham_quyen,thanh_tich" {
		t.Errorf("names = %s", got)
	}
}

func TestWordFillSplitPlaceholders(t *testing.T) {
	b := validBatch(t)
	wt, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	const id = "c031020f-9720-46f7-a9be-f5488ace7209"
	var out bytes.Buffer
	if err := wt.Fill(&out, Values(b, 6, certificate.Issued{UUID: id, Number: b.Number(6)})); err != nil {
		t.Fatal(err)
	}
	doc := docxPart(t, out.Bytes(), "word/document.xml")
	paras, err := paragraphTexts(bytes.NewReader(doc))
	if err != nil {
		t.Fatalf("filled document.xml is not well-formed XML: %v", err)
	}
	text := strings.Join(paras, "\n")
	for _, want := range []string{"Bà Tao Thị Hương", "Đã có thành tích xuất sắc trong xây dựng và phát triển văn hóa đọc",
		"GIÁM ĐỐC SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "Quyết định số 123/QĐ-SVHTTDL ngày 10/12/2025", "Số sổ vàng: 7",
		"Lai Châu, ngày 10 tháng 12 năm 2025", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Lò Văn Thắng", id} {
		if !strings.Contains(text, want) {
			t.Errorf("filled certificate lacks %q", want)
		}
	}
	if strings.ContainsAny(text, "{}") {
		t.Errorf("placeholders left: %s", text)
	}
	golden.Check(t, "word-filled.golden.txt", []byte(text+"\n"))

	// Values with XML metacharacters stay well-formed.
	v := Values(b, 0, certificate.Issued{UUID: id, Number: b.Number(0)})
	v["ho_ten"], v["nguoi_nhan"] = "Phòng A & B <thử>", "Phòng A & B <thử>"
	out.Reset()
	if err := wt.Fill(&out, v); err != nil {
		t.Fatal(err)
	}
	paras, err = paragraphTexts(bytes.NewReader(docxPart(t, out.Bytes(), "word/document.xml")))
	if err != nil || !strings.Contains(strings.Join(paras, "\n"), "Phòng A & B <thử>") {
		t.Errorf("escaping: %v", err)
	}
}

func TestWordTemplateErrors(t *testing.T) {
	tests := []struct {
		name string
		data func(t *testing.T) []byte
		code string
	}{
		{"not a docx", func(*testing.T) []byte { return []byte("hello") }, "invalid_word_template"},
		{"placeholder never closed", func(t *testing.T) []byte {
			return withDocument(t, func(s string) string { return strings.Replace(s, "{don_vi}", "{don_vi", 1) })
		}, "unclosed_placeholder"},
		{"placeholder never closed across runs", func(t *testing.T) []byte {
			return withDocument(t, func(s string) string { return strings.Replace(s, ">nhan}</w:t>", ">nhan</w:t>", 1) })
		}, "unclosed_placeholder"},
		{"unknown placeholder", func(t *testing.T) []byte {
			return withDocument(t, func(s string) string { return strings.Replace(s, "{don_vi}", "{ten_don_vi}", 1) })
		}, "unknown_placeholder"},
		{"missing required placeholder", func(t *testing.T) []byte {
			return withDocument(t, func(s string) string { return strings.Replace(s, "{so_so_vang}", "", 1) })
		}, "missing_placeholder"},
		{"stray closing brace", func(t *testing.T) []byte {
			return withDocument(t, func(s string) string { return strings.Replace(s, "TẶNG", "TẶNG}", 1) })
		}, "stray_brace"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(tc.data(t))
			if !apperr.HasCode(err, tc.code) {
				t.Fatalf("got %v, want %s", err, tc.code)
			}
		})
	}
}

// Issue 10 item 5: a Word template with a huge part is refused from the
// zip's directory, before the part is read.
func TestWordTemplateBombRefused(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("word/document.xml")
	w.Write([]byte(`<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`))
	chunk := bytes.Repeat([]byte(" "), 1<<20)
	for range 64 { // 64 MiB of blanks, a few KB compressed
		w.Write(chunk)
	}
	w.Write([]byte(`</w:body></w:document>`))
	zw.Close()
	_, err := Parse(buf.Bytes())
	if e := apperr.As(err); e.Kind != apperr.TooLarge || e.Code != "word_template_too_large" {
		t.Fatalf("err = %v", err)
	}
}

// The shipped Word design keeps the rules of the PDF designs: the place–date
// line bold italic, and at least 35 mm (99 pt, 1980 twips) of space before
// the signer's name for the signature and the seal (issue 13 items 5, 7).
func TestShippedWordDesignSignatureSpace(t *testing.T) {
	doc := string(docxPart(t, DefaultData(), "word/document.xml"))
	para := func(placeholder string) string {
		i := strings.Index(doc, placeholder)
		if i < 0 {
			t.Fatalf("no %s", placeholder)
		}
		return doc[strings.LastIndex(doc[:i], "<w:p>"):i]
	}
	if p := para("{dia_danh_ngay}"); !strings.Contains(p, "<w:b/>") || !strings.Contains(p, "<w:i/>") {
		t.Errorf("the place–date line is not bold italic: %s", p)
	}
	m := regexp.MustCompile(`w:before="(\d+)"`).FindStringSubmatch(para("{nguoi_ky}"))
	if m == nil {
		t.Fatal("no spacing before the signer's name")
	}
	if before, _ := strconv.Atoi(m[1]); before < 1980 {
		t.Errorf("%d twips (%.1f mm) before the signer's name, want at least 35 mm", before, float64(before)/56.7)
	}
}
