package main

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/vanban/vanban/internal/golden"
	"github.com/vanban/vanban/internal/pdf/pdftest"
	"github.com/vanban/vanban/internal/tooltest"
)

// Goldens of every kind in both formats, at the levels a reviewer reads:
// the text extracted from the PDF, and word/document.xml of the DOCX.
func TestGoldenDocuments(t *testing.T) {
	tooltest.Need(t, "pdftotext")
	dir := t.TempDir()
	for _, k := range []string{"ke-hoach-lai-chau", "to-trinh-khen-thuong", "quyet-dinh-khen-thuong",
		"quyet-dinh", "cong-van", "to-trinh", "bao-cao", "thong-bao", "giay-moi", "bien-ban", "van-ban",
		"quyet-dinh-danh-hieu", "quyet-dinh-thu-khen"} {
		t.Run(k, func(t *testing.T) {
			pdf := filepath.Join(dir, k+".pdf")
			docx := filepath.Join(dir, k+".docx")
			for _, out := range []string{pdf, docx} {
				if _, stderr, code := cliRun(t, nil, "render", "--in", "../../testdata/"+k+".json", "--out", out); code != 0 {
					t.Fatalf("render %s: %s", out, stderr)
				}
			}
			pdftest.Check(t, pdf)
			golden.Check(t, k+".pdf.txt", []byte(pdfText(t, pdf)))
			zr, err := zip.OpenReader(docx)
			if err != nil {
				t.Fatal(err)
			}
			defer zr.Close()
			for _, f := range zr.File {
				if f.Name == "word/document.xml" {
					rc, _ := f.Open()
					xml, _ := io.ReadAll(rc)
					rc.Close()
					golden.Check(t, k+".document.xml", xml)
				}
			}
		})
	}
}

// An agency changes the wording without recompiling: files under
// VANBAN_TEMPLATES replace the embedded ones of the same name.
func TestWordingOverride(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile("../../templates/commendation/to-trinh-khen-thuong.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(dir, "commendation"), 0o755)
	changed := bytes.ReplaceAll(src, []byte("kính trình"), []byte("trân trọng trình"))
	os.WriteFile(filepath.Join(dir, "commendation", "to-trinh-khen-thuong.tmpl"), changed, 0o644)
	var out, errb bytes.Buffer
	code := run(t.Context(), []string{"render", "--in", "../../testdata/to-trinh-khen-thuong.json", "--out", "-", "--format", "docx"},
		nil, &out, &errb, func(k string) string {
			if k == "VANBAN_TEMPLATES" {
				return dir
			}
			return ""
		})
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	zr, _ := zip.NewReader(bytes.NewReader(out.Bytes()), int64(out.Len()))
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, _ := f.Open()
			xml, _ := io.ReadAll(rc)
			if !bytes.Contains(xml, []byte("trân trọng trình")) || bytes.Contains(xml, []byte("kính trình")) {
				t.Error("the overriding wording was not used")
			}
		}
	}
}
