package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/vanban/vanban/internal/nd30"
	"github.com/vanban/vanban/internal/registry"
	"github.com/vanban/vanban/internal/tooltest"
)

// cliRun runs the CLI in-process.
func cliRun(t *testing.T, stdin []byte, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(t.Context(), args, bytes.NewReader(stdin), &out, &errb, func(string) string { return "" })
	return out.String(), errb.String(), code
}

var space = regexp.MustCompile(`\s+`)

func normalize(s string) string { return strings.TrimSpace(space.ReplaceAllString(s, " ")) }

// seedLines are the non-empty lines of the real Kế hoạch we reproduce.
func seedLines(t *testing.T) []string {
	// A copy of shared/seeds/ke-hoach-lai-chau-2021.txt, the real plan we reproduce.
	data, err := os.ReadFile("../../testdata/ke-hoach-lai-chau-2021.txt")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range strings.Split(string(data), "\n") {
		// The input's straight quotes print as typographic ones.
		l = normalize(nd30.Quotes(strings.ReplaceAll(l, "**", "")))
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}

// inOrder checks that every line appears in text, each after the previous.
func inOrder(t *testing.T, what, text string, lines []string) {
	t.Helper()
	text = normalize(text)
	pos := 0
	for i, l := range lines {
		j := strings.Index(text[pos:], l)
		if j < 0 {
			t.Fatalf("%s: seed line %d not found (in order) after offset %d:\n  %q\ntext there: %q", what, i+1, pos, l, text[pos:min(len(text), pos+200)])
		}
		pos += j + len(l)
	}
}

func renderSeed(t *testing.T, dir, ext string) string {
	t.Helper()
	out := filepath.Join(dir, "kh."+ext)
	if _, stderr, code := cliRun(t, nil, "render", "--in", "../../testdata/ke-hoach-lai-chau.json", "--out", out); code != 0 {
		t.Fatalf("render %s: exit %d: %s", ext, code, stderr)
	}
	return out
}

// pdfText extracts the text of a PDF in content order (-raw), with the page
// numbers of the top margin taken out and words that a line break split
// after their own hyphen ("PC-" / "COVID") joined again.
func pdfText(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command(tooltest.Need(t, "pdftotext"), "-raw", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	pages := strings.Split(string(out), "\f")
	for i := range pages {
		lines := strings.Split(pages[i], "\n")
		for j, l := range lines {
			if strings.TrimSpace(l) == strconv.Itoa(i+1) {
				lines = append(lines[:j], lines[j+1:]...)
				break
			}
		}
		pages[i] = hyphenBreak.ReplaceAllString(strings.Join(lines, "\n"), "$1-")
	}
	return strings.Join(pages, "\f")
}

var hyphenBreak = regexp.MustCompile(`([\p{L}\p{N}])-\n`)

// The seed is reproduced: every line of its text appears, in order, in the
// text extracted from our PDF.
func TestSeedPDFReproducesText(t *testing.T) {
	tooltest.Need(t, "pdftotext")
	path := renderSeed(t, t.TempDir(), "pdf")
	inOrder(t, "PDF", pdfText(t, path), seedLines(t))
	fonts, err := exec.Command(tooltest.Need(t, "pdffonts"), path).Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, face := range []string{"liberationserif ", "liberationserifB ", "liberationserifI ", "liberationserifBI "} {
		if !strings.Contains(string(fonts), face) {
			t.Errorf("font %q not in the PDF:\n%s", face, fonts)
		}
	}
	for _, l := range strings.Split(string(fonts), "\n")[2:] {
		if f := strings.Fields(l); len(f) > 5 && f[len(f)-5] != "yes" {
			t.Errorf("font not embedded: %s", l)
		}
	}
}

// docxText returns the text of word/document.xml, one line per paragraph.
func docxText(t *testing.T, path string) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name != "word/document.xml" {
			continue
		}
		rc, _ := f.Open()
		defer rc.Close()
		dec := xml.NewDecoder(rc)
		var b strings.Builder
		inText := false
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("document.xml is not well-formed: %v", err)
			}
			switch e := tok.(type) {
			case xml.StartElement:
				inText = e.Name.Local == "t"
				switch e.Name.Local {
				case "br", "tab":
					b.WriteString(" ")
				case "noBreakHyphen":
					b.WriteString("-")
				}
			case xml.EndElement:
				inText = false
				if e.Name.Local == "p" {
					b.WriteString("\n")
				}
			case xml.CharData:
				if inText {
					// A no-break space (a kept phrase) reads as a space.
					b.WriteString(strings.ReplaceAll(string(e), "\u00a0", " "))
				}
			}
		}
		return b.String()
	}
	t.Fatal("no word/document.xml")
	return ""
}

func TestSeedDOCXReproducesText(t *testing.T) {
	path := renderSeed(t, t.TempDir(), "docx")
	inOrder(t, "DOCX", docxText(t, path), seedLines(t))
}

// pageWords are the words of each page, hyphens and spaces dropped so that
// a line broken after a hyphen ("PC-" / "COVID") compares equal.
func pageWords(t *testing.T, path string) []string {
	t.Helper()
	var pages []string
	for _, p := range strings.Split(pdfText(t, path), "\f") {
		p = strings.NewReplacer("-", "", "‐", "").Replace(p)
		p = space.ReplaceAllString(p, "")
		if p != "" {
			pages = append(pages, p)
		}
	}
	return pages
}

// A real reader (LibreOffice) opens our DOCX, and puts the same words on the
// same pages as our PDF: both use Times New Roman metrics, exact line
// heights and the same keep rules.
func TestSeedDOCXInLibreOfficeMatchesPDF(t *testing.T) {
	soffice := tooltest.Need(t, "soffice")
	tooltest.Need(t, "pdftotext")
	dir := t.TempDir()
	ours := renderSeed(t, dir, "pdf")
	docx := renderSeed(t, dir, "docx")
	lo := filepath.Join(dir, "lo")
	cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--convert-to", "pdf", "--outdir", lo, docx)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("LibreOffice could not convert our DOCX: %v\n%s", err, out)
	}
	converted := filepath.Join(lo, "kh.pdf")
	inOrder(t, "LibreOffice", pdfText(t, converted), seedLines(t))
	a, b := pageWords(t, ours), pageWords(t, converted)
	if len(a) != len(b) {
		t.Fatalf("our PDF has %d pages, LibreOffice's rendering of our DOCX %d", len(a), len(b))
	}
	for i := range a {
		if a[i] != b[i] {
			t.Errorf("page %d differs between our PDF and LibreOffice's rendering of our DOCX", i+1)
		}
	}
}

func TestRenderBadInput(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"kind":"ke-hoach","date":"2021-02-30","number":0}`), 0o644)
	out := filepath.Join(dir, "bad.pdf")
	_, stderr, code := cliRun(t, nil, "render", "--in", bad, "--out", out)
	if code != exitError {
		t.Fatalf("exit %d, want %d", code, exitError)
	}
	for _, want := range []string{"date", "number", "signer.name", "agency.name", "mã lỗi: invalid_input"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a failed render left an output file")
	}
	if _, _, code := cliRun(t, nil, "render", "--in", bad); code != exitUsage {
		t.Errorf("missing --out: exit %d", code)
	}
	if _, stderr, code := cliRun(t, nil, "render", "--in", bad, "--out", filepath.Join(dir, "x.odt")); code != exitError || !strings.Contains(stderr, "unsupported_format") {
		t.Errorf("odt: exit %d %s", code, stderr)
	}
}

func TestRenderStdinStdout(t *testing.T) {
	data, _ := os.ReadFile("../../testdata/ke-hoach-lai-chau.json")
	out, stderr, code := cliRun(t, data, "render", "--in", "-", "--out", "-", "--format", "pdf")
	if code != 0 || !strings.HasPrefix(out, "%PDF-") {
		t.Fatalf("exit %d, %q…: %s", code, out[:min(len(out), 10)], stderr)
	}
}

func TestSchemaCommand(t *testing.T) {
	for _, k := range []string{"ke-hoach", "to-trinh-khen-thuong", "quyet-dinh-khen-thuong"} {
		out, _, code := cliRun(t, nil, "schema", k)
		if code != 0 || !strings.Contains(out, `"$schema"`) || !strings.Contains(out, `"const": "`+k+`"`) {
			t.Errorf("schema %s: exit %d %.80s", k, code, out)
		}
	}
	if _, stderr, code := cliRun(t, nil, "schema", "thu-cong"); code != exitError || !strings.Contains(stderr, "unknown_kind") {
		t.Errorf("unknown kind: exit %d %s", code, stderr)
	}
}

// Every example renders in both formats.
func TestExamplesRender(t *testing.T) {
	dir := t.TempDir()
	for _, k := range []string{"ke-hoach-lai-chau", "to-trinh-khen-thuong", "quyet-dinh-khen-thuong"} {
		for _, ext := range []string{"pdf", "docx"} {
			out := filepath.Join(dir, k+"."+ext)
			if _, stderr, code := cliRun(t, nil, "render", "--in", "../../testdata/"+k+".json", "--out", out); code != 0 {
				t.Errorf("%s.%s: exit %d: %s", k, ext, code, stderr)
			}
		}
	}
}

func TestImportCommand(t *testing.T) {
	dir := t.TempDir()
	for _, in := range []string{"../../testdata/nominations.xlsx", "../../testdata/nominations.csv"} {
		out := filepath.Join(dir, "n.json")
		_, stderr, code := cliRun(t, nil, "import", "--in", in, "--out", out)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", in, code, stderr)
		}
		data, _ := os.ReadFile(out)
		if !strings.Contains(string(data), `"nominations"`) || !strings.Contains(string(data), `"report"`) || !strings.Contains(string(data), `"kind": "ca-nhan"`) {
			t.Errorf("%s: output %.200s", in, data)
		}
	}
	bad := filepath.Join(dir, "list.xlsx")
	os.WriteFile(bad, []byte("đây không phải bảng tính"), 0o644)
	out := filepath.Join(dir, "bad.json")
	_, stderr, code := cliRun(t, nil, "import", "--in", bad, "--out", out)
	if code != exitError || !strings.Contains(stderr, "mã lỗi:") {
		t.Errorf("not a spreadsheet: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a failed import wrote its output")
	}
}

func TestRegistryCommands(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	m := map[string]any{}
	raw, _ := os.ReadFile("../../testdata/ke-hoach-lai-chau.json")
	json.Unmarshal(raw, &m)
	delete(m, "number")
	in := filepath.Join(dir, "kh.json")
	b, _ := json.Marshal(m)
	os.WriteFile(in, b, 0o644)
	var ids []string
	for i, ext := range []string{"pdf", "docx"} {
		out, stderr, code := cliRun(t, nil, "registry", "issue", "--data", data, "--in", in, "--out", filepath.Join(dir, "kh."+ext))
		if code != 0 {
			t.Fatalf("issue: exit %d: %s", code, stderr)
		}
		want := fmt.Sprintf("Số: %02d/KH-SVHTTDL", i+1)
		if !strings.HasPrefix(out, want) {
			t.Errorf("issue %d printed %q, want %q", i, out, want)
		}
		ids = append(ids, strings.TrimSpace(out[strings.LastIndex(out, " ")+1:]))
	}
	if _, err := os.Stat(filepath.Join(dir, "kh.docx")); err != nil {
		t.Fatal(err)
	}
	// A document that already carries a number is refused: nothing consumed.
	m["number"] = 7
	numbered := filepath.Join(dir, "numbered.json")
	b, _ = json.Marshal(m)
	os.WriteFile(numbered, b, 0o644)
	_, stderr, code := cliRun(t, nil, "registry", "issue", "--data", data, "--in", numbered, "--out", filepath.Join(dir, "x.pdf"))
	if code != exitError || !strings.Contains(stderr, "number_given") {
		t.Errorf("numbered input: exit %d %s", code, stderr)
	}
	if _, stderr, code := cliRun(t, nil, "registry", "cancel", "--data", data, "--agency", "SVHTTDL", "--id", ids[0], "--reason", "Sai trích yếu"); code != 0 {
		t.Fatalf("cancel: %s", stderr)
	}
	out, _, code := cliRun(t, nil, "registry", "list", "--data", data, "--agency", "SVHTTDL")
	if code != 0 || !strings.Contains(out, "01/KH-SVHTTDL") || !strings.Contains(out, "Đã hủy") || !strings.Contains(out, "02/KH-SVHTTDL") {
		t.Errorf("list:\n%s", out)
	}
	// The next number follows on: a cancelled number is never given again.
	out, _, _ = cliRun(t, nil, "registry", "issue", "--data", data, "--in", in, "--out", filepath.Join(dir, "kh3.pdf"))
	if !strings.HasPrefix(out, "Số: 03/KH-SVHTTDL") {
		t.Errorf("third issue: %q", out)
	}
	year := strconv.Itoa(time.Now().In(registry.Vietnam).Year()) // the register dates in Vietnam time
	for _, ext := range []string{"xlsx", "pdf"} {
		if _, stderr, code := cliRun(t, nil, "registry", "export", "--data", data, "--agency", "SVHTTDL", "--year", year, "--out", filepath.Join(dir, "so."+ext)); code != 0 {
			t.Errorf("export %s: %s", ext, stderr)
		}
	}
	_, stderr, code = cliRun(t, nil, "registry", "export", "--data", data, "--agency", "SVHTTDL", "--year", "2020", "--out", filepath.Join(dir, "empty.pdf"))
	if code != exitError || !strings.Contains(stderr, "empty_register") {
		t.Errorf("empty year: exit %d %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "empty.pdf")); err == nil {
		t.Error("export of an empty year wrote a file")
	}
}

func TestCertificatesCommand(t *testing.T) {
	tooltest.Need(t, "pdftotext")
	dir := t.TempDir()
	pdf := filepath.Join(dir, "gk.pdf")
	// Recorded in the register (--data): the decision must be there.
	registerDecision(t, filepath.Join(dir, "data"), func(string) string { return "" })
	batch := filepath.Join(dir, "batch.json")
	os.WriteFile(batch, registeredBatch(t, 1, nil), 0o644)
	if _, stderr, code := cliRun(t, nil, "certificates", "--in", batch, "--out", pdf, "--data", filepath.Join(dir, "data")); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	text := pdfText(t, pdf)
	if n := strings.Count(text, "\f"); n != 8 {
		t.Errorf("%d pages, want 8", n)
	}
	for _, name := range []string{"Nguyễn Văn An", "Lò Thị Bình", "Phòng Quản lý văn hóa"} {
		if !strings.Contains(text, name) {
			t.Errorf("certificate of %s missing", name)
		}
	}
	zipPath := filepath.Join(dir, "gk.zip")
	if _, stderr, code := cliRun(t, nil, "certificates", "--in", "../../testdata/giay-khen-batch.json", "--out", zipPath); code != 0 {
		t.Fatalf("zip: exit %d: %s", code, stderr)
	}
	zr, err := zip.OpenReader(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	names := map[string]bool{}
	for _, f := range zr.File {
		names[f.Name] = true
	}
	if !names["manifest.csv"] || !names["004-nguyen-van-an.pdf"] || len(zr.File) != 9 {
		t.Errorf("zip entries: %v", names)
	}
	bad := filepath.Join(dir, "empty.json")
	os.WriteFile(bad, []byte(`{"kind":"giay-khen","decision":{"number":1,"symbol":"QĐ-SVHTTDL","date":"2025-12-10","issuerTitle":"Giám đốc Sở","place":"Lai Châu","signer":{"title":"Giám đốc","name":"A"}},"achievement":"x","recipients":[]}`), 0o644)
	out := filepath.Join(dir, "none.pdf")
	if _, stderr, code := cliRun(t, nil, "certificates", "--in", bad, "--out", out); code != exitError || !strings.Contains(stderr, "mã lỗi:") {
		t.Errorf("empty list: exit %d %s", code, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("an empty batch wrote a file")
	}
}

// The register's padding reaches the document: with 3 digits the first
// Kế hoạch of the year is "Số: 001/KH-SVHTTDL" in the register and on paper.
func TestRegistryPaddingReachesTheDocument(t *testing.T) {
	tooltest.Need(t, "pdftotext")
	dir := t.TempDir()
	m := map[string]any{}
	raw, _ := os.ReadFile("../../testdata/ke-hoach-lai-chau.json")
	json.Unmarshal(raw, &m)
	delete(m, "number")
	in := filepath.Join(dir, "kh.json")
	b, _ := json.Marshal(m)
	os.WriteFile(in, b, 0o644)
	out := filepath.Join(dir, "kh.pdf")
	var stdout, stderr bytes.Buffer
	code := run(t.Context(), []string{"registry", "issue", "--data", filepath.Join(dir, "data"), "--in", in, "--out", out},
		nil, &stdout, &stderr, func(k string) string {
			if k == "VANBAN_NUMBER_PADDING" {
				return "3"
			}
			return ""
		})
	if code != 0 || !strings.HasPrefix(stdout.String(), "Số: 001/KH-SVHTTDL") {
		t.Fatalf("exit %d %q %s", code, stdout.String(), stderr.String())
	}
	if text := pdfText(t, out); !strings.Contains(text, "Số: 001/KH-SVHTTDL") {
		t.Errorf("the document does not carry the register's number:\n%.300s", text)
	}
}

// A typo or a missing flag is said before anything is created.
func TestRegistryUsageCreatesNothing(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	for _, args := range [][]string{
		{"registry", "lisst", "--data", data},
		{"registry", "issue", "--data", data},
		{"registry", "export", "--data", data, "--year", "2025", "--out", filepath.Join(dir, "so")},
		{"registry", "cancel", "--data", data},
	} {
		if _, _, code := cliRun(t, nil, args...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
	}
	if _, err := os.Stat(data); err == nil {
		t.Error("a usage error created the data directory")
	}
	if out, _, code := cliRun(t, nil, "registry", "--help"); code != 0 || !strings.Contains(out, "issue") {
		t.Errorf("--help: exit %d %q", code, out)
	}
}
