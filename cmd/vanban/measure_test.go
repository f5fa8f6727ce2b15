package main

import (
	"bytes"
	"compress/zlib"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/vanban/vanban/internal/tooltest"
)

// Measuring PDFs as a reader sees them: the words of each page with their
// boxes (pdftotext -bbox), grouped into printed lines.

// pdfWord is one word of a page, in points from the top-left corner.
type pdfWord struct {
	x0, y0, x1, y1 float64
	text           string
}

// pdfLine is the words of a page that share a baseline, left to right.
type pdfLine struct {
	words          []pdfWord
	x0, y0, x1, y1 float64
}

func (l pdfLine) text() string {
	s := make([]string, len(l.words))
	for i, w := range l.words {
		s[i] = w.text
	}
	return strings.Join(s, " ")
}

var (
	bboxPage = regexp.MustCompile(`<page width="([\d.]+)" height="([\d.]+)">`)
	bboxWord = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)
)

// pdfPages reads the words of every page of path.
func pdfPages(t *testing.T, path string) [][]pdfWord {
	t.Helper()
	out, err := exec.Command(tooltest.Need(t, "pdftotext"), "-bbox", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox %s: %v", path, err)
	}
	var pages [][]pdfWord
	for _, chunk := range strings.Split(string(out), "<page ")[1:] {
		var ws []pdfWord
		for _, m := range bboxWord.FindAllStringSubmatch(chunk, -1) {
			f := func(i int) float64 { v, _ := strconv.ParseFloat(m[i], 64); return v }
			ws = append(ws, pdfWord{f(1), f(2), f(3), f(4), html.UnescapeString(m[5])})
		}
		pages = append(pages, ws)
	}
	return pages
}

// lines groups words whose bottoms lie within 2.5 pt of each other (one
// printed line; the two columns of a header row are one line), top to
// bottom.
func lines(ws []pdfWord) []pdfLine {
	sorted := append([]pdfWord(nil), ws...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].y1 < sorted[j].y1 })
	var out []pdfLine
	for _, w := range sorted {
		if n := len(out); n > 0 && w.y1-out[n-1].y1 < 2.5 {
			l := &out[n-1]
			l.words = append(l.words, w)
			l.x0, l.x1 = min(l.x0, w.x0), max(l.x1, w.x1)
			l.y0 = min(l.y0, w.y0)
			continue
		}
		out = append(out, pdfLine{words: []pdfWord{w}, x0: w.x0, y0: w.y0, x1: w.x1, y1: w.y1})
	}
	for i := range out {
		sort.SliceStable(out[i].words, func(a, b int) bool { return out[i].words[a].x0 < out[i].words[b].x0 })
	}
	return out
}

// TestSameLinesInLibreOffice: LibreOffice's rendering of our DOCX puts the
// same words on every line as our PDF, for every document of testdata/ —
// the promise of the one breaker (typeset.Set): where Word or LibreOffice
// would break on their own differently, the DOCX carries the decision
// (no-break spaces, explicit line breaks).
func TestSameLinesInLibreOffice(t *testing.T) {
	tooltest.Need(t, "pdftotext")
	soffice := tooltest.Need(t, "soffice")
	dir := t.TempDir()
	for _, k := range corpusDocs {
		t.Run(k, func(t *testing.T) {
			pdf := filepath.Join(dir, k+".pdf")
			docx := filepath.Join(dir, k+".docx")
			for _, out := range []string{pdf, docx} {
				if _, stderr, code := cliRun(t, nil, "render", "--in", "../../testdata/"+k+".json", "--out", out); code != 0 {
					t.Fatalf("render %s: %s", out, stderr)
				}
			}
			loDir := filepath.Join(dir, "lo-"+k)
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
			defer cancel()
			cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile-"+k),
				"--headless", "--convert-to", "pdf", "--outdir", loDir, docx)
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("soffice: %v\n%s", err, out)
			}
			want := flatLines(pdfPages(t, pdf))
			got := flatLines(pdfPages(t, filepath.Join(loDir, k+".pdf")))
			diffs := 0
			for i := 0; i < len(want) || i < len(got); i++ {
				var w, g string
				if i < len(want) {
					w = want[i]
				}
				if i < len(got) {
					g = got[i]
				}
				if w != g {
					t.Errorf("line %d:\n  PDF:  %s\n  DOCX: %s", i+1, w, g)
					if diffs++; diffs > 3 {
						break
					}
				}
			}
		})
	}
}

// flatLines returns the text of every printed line of the document, page
// after page, without the page numbers: pagination is compared elsewhere
// (internal/docx TestSamePagesAsPDF), this is about where lines break.
func flatLines(pages [][]pdfWord) []string {
	var out []string
	for p, ws := range pages {
		for i, l := range lines(ws) {
			if i == 0 && p > 0 && l.text() == strconv.Itoa(p+1) {
				continue
			}
			out = append(out, l.text())
		}
	}
	return out
}

// corpusDocs are the documents of testdata/, every kind.
var corpusDocs = []string{"ke-hoach-lai-chau", "to-trinh-khen-thuong", "quyet-dinh-khen-thuong", "to-trinh-ngan",
	"quyet-dinh", "to-trinh", "cong-van", "bao-cao", "thong-bao", "bien-ban", "giay-moi", "van-ban"}

var _ = fmt.Sprint

// keptSplit reports whether a line ending with a and the next beginning
// with b split a phrase that belongs together (typeset keep rules).
func keptSplit(a, b string) bool {
	al := strings.ToLower(strings.Trim(a, "(“\""))
	digit := b != "" && b[0] >= '0' && b[0] <= '9'
	switch {
	case digit && (al == "ngày" || al == "tháng" || al == "năm" || al == "số" || al == "điều" || al == "khoản"):
		return true
	case digit && strings.HasSuffix(al, "/") == false && al == "kỳ":
		return true
	}
	pair := strings.ToLower(a + " " + strings.TrimRight(b, ",;.)”"))
	for _, p := range []string{"lai châu", "nghệ an", "hà nội", "thể thao", "du lịch", "văn hóa", "khen thưởng", "thi đua", "nghị định", "quyết định"} {
		if pair == p {
			return true
		}
	}
	return false
}

// corpusSummaries are trích yếu of every length: short, about one line,
// one word over a line, two and three lines, with the phrases that must not
// split placed where a greedy breaker would split them.
var corpusSummaries = func() []string {
	heads := []string{
		"Về việc khen thưởng",
		"Về việc đề nghị tặng Bằng khen năm 2025",
		"Về việc ban hành Quy định về công tác thi đua, khen thưởng trên địa bàn tỉnh Lai Châu",
		"Về việc đề nghị Chủ tịch Ủy ban nhân dân tỉnh tặng Bằng khen cho các tập thể, cá nhân",
		"Về việc tổ chức phong trào thi đua “Văn hóa, thể thao chung sức” tỉnh Nghệ An năm 2025",
		"Về việc triển khai Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ",
	}
	tails := []string{
		"",
		" năm 2025",
		" của Sở Văn hóa, Thể thao và Du lịch tỉnh Lai Châu",
		" đã có thành tích xuất sắc trong phong trào thi đua “Văn hóa, thể thao và du lịch Lai Châu chung sức xây dựng nông thôn mới” năm 2025",
		" cho các tập thể, cá nhân thuộc Sở Văn hóa, Thể thao và Du lịch ngày 05 tháng 12 năm 2025",
		" và các huyện, thành phố trong tỉnh",
	}
	var out []string
	for _, h := range heads {
		for _, t := range tails {
			out = append(out, h+t)
		}
	}
	return out
}()

// TestLayoutCorpus measures the trích yếu of 36 generated Tờ trình on the
// PDF (pdftotext -bbox): a block of several lines has no line shorter than
// 40 % of its longest, every line is centred, and no kept-together phrase
// ("ngày 05", "năm 2025", "Lai Châu", "Thể thao", "Nghị định số …") is split
// across lines. The same checks run on the trích yếu of every document of
// testdata/.
func TestLayoutCorpus(t *testing.T) {
	tooltest.Need(t, "pdftotext")
	dir := t.TempDir()
	base, err := os.ReadFile("../../testdata/to-trinh.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(base, &doc); err != nil {
		t.Fatal(err)
	}
	multi := 0
	check := func(t *testing.T, name, in string, typeName string) {
		pdf := filepath.Join(dir, name+".pdf")
		if _, stderr, code := cliRun(t, nil, "render", "--in", in, "--out", pdf); code != 0 {
			t.Fatalf("render: %s", stderr)
		}
		pages := pdfPages(t, pdf)
		ls := lines(pages[0])
		start := -1
		for i, l := range ls {
			if l.text() == typeName {
				start = i + 1
				break
			}
		}
		if start < 0 {
			t.Fatalf("no %q line on page 1", typeName)
		}
		// The trích yếu: the bold centred lines under the tên loại, up
		// to the first line that is not centred like the tên loại.
		centre := (ls[start-1].x0 + ls[start-1].x1) / 2
		var block []pdfLine
		for _, l := range ls[start:] {
			if math.Abs((l.x0+l.x1)/2-centre) > 1.5 || strings.HasPrefix(l.text(), "Kính gửi") {
				break
			}
			block = append(block, l)
		}
		if len(block) == 0 {
			t.Fatalf("no trích yếu under %q", typeName)
		}
		if len(block) > 1 {
			multi++
		}
		longest := 0.0
		for _, l := range block {
			longest = math.Max(longest, l.x1-l.x0)
		}
		for i, l := range block {
			if w := l.x1 - l.x0; len(block) > 1 && w < 0.4*longest {
				t.Errorf("line %q is %.0f%% of the longest (%.0f pt)", l.text(), 100*w/longest, longest)
			}
			if i+1 < len(block) {
				a := l.words[len(l.words)-1].text
				b := block[i+1].words[0].text
				if keptSplit(a, b) {
					t.Errorf("kept phrase split: %q | %q", l.text(), block[i+1].text())
				}
			}
		}
	}
	for i, s := range corpusSummaries {
		t.Run(fmt.Sprintf("tt%02d", i), func(t *testing.T) {
			doc["summary"] = s
			data, _ := json.Marshal(doc)
			in := filepath.Join(dir, fmt.Sprintf("tt%02d.json", i))
			if err := os.WriteFile(in, data, 0o644); err != nil {
				t.Fatal(err)
			}
			check(t, fmt.Sprintf("tt%02d", i), in, "TỜ TRÌNH")
		})
	}
	if multi < 20 {
		t.Errorf("only %d of the generated trích yếu take several lines: the corpus does not test balancing", multi)
	}
	for _, k := range []struct{ doc, typeName string }{
		{"ke-hoach-lai-chau", "KẾ HOẠCH"}, {"to-trinh-khen-thuong", "TỜ TRÌNH"}, {"quyet-dinh-khen-thuong", "QUYẾT ĐỊNH"},
		{"to-trinh", "TỜ TRÌNH"}, {"bao-cao", "BÁO CÁO"}, {"thong-bao", "THÔNG BÁO"}, {"quyet-dinh", "QUYẾT ĐỊNH"},
	} {
		t.Run(k.doc, func(t *testing.T) { check(t, k.doc, "../../testdata/"+k.doc+".json", k.typeName) })
	}
}

// pdfRect is a filled rectangle of a page (a rule), top-left origin, pt.
type pdfRect struct{ x0, y0, x1, y1 float64 }

var reFill = regexp.MustCompile(`(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) re f`)

// pdfRules reads the thin filled rectangles (rules) of every page of one
// of our PDFs: the content streams, in page order, inflated.
func pdfRules(t *testing.T, path string, heights []float64) [][]pdfRect {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var pages [][]pdfRect
	for rest := data; ; {
		i := bytes.Index(rest, []byte("stream\n"))
		if i < 0 {
			break
		}
		rest = rest[i+len("stream\n"):]
		j := bytes.Index(rest, []byte("endstream"))
		if j < 0 {
			break
		}
		zr, err := zlib.NewReader(bytes.NewReader(rest[:j]))
		rest = rest[j:]
		if err != nil {
			continue
		}
		content, _ := io.ReadAll(zr)
		if !bytes.Contains(content, []byte(" Tf")) {
			continue // fonts, images
		}
		p := len(pages)
		if p >= len(heights) {
			break
		}
		var rs []pdfRect
		for _, m := range reFill.FindAllSubmatch(content, -1) {
			f := func(i int) float64 { v, _ := strconv.ParseFloat(string(m[i]), 64); return v }
			x, y, w, h := f(1), f(2), f(3), f(4)
			y0, y1 := heights[p]-math.Max(y, y+h), heights[p]-math.Min(y, y+h)
			if math.Abs(w) > 20 && y1-y0 < 1.5 {
				rs = append(rs, pdfRect{math.Min(x, x+w), y0, math.Max(x, x+w), y1})
			}
		}
		pages = append(pages, rs)
	}
	return pages
}

// TestRulesClearOfText: every rule under text (the agency and Tiêu ngữ
// rules, the trích yếu rule, the rule under a danh sách title) is at least
// 1.5 mm below the lowest descender of the text above it, measured on the
// PDF: the rules from the content streams, the text from pdftotext -bbox.
// An underline (a fill overlapping its text) is not a rule.
func TestRulesClearOfText(t *testing.T) {
	tooltest.Need(t, "pdftotext")
	dir := t.TempDir()
	for _, k := range corpusDocs {
		t.Run(k, func(t *testing.T) {
			pdf := filepath.Join(dir, k+".pdf")
			if _, stderr, code := cliRun(t, nil, "render", "--in", "../../testdata/"+k+".json", "--out", pdf); code != 0 {
				t.Fatalf("render: %s", stderr)
			}
			words := pdfPages(t, pdf)
			out, _ := exec.Command("pdfinfo", "-f", "1", "-l", "999", pdf).Output()
			var heights []float64
			for _, m := range regexp.MustCompile(`Page\s+\d+ size:\s+[\d.]+ x ([\d.]+)`).FindAllStringSubmatch(string(out), -1) {
				h, _ := strconv.ParseFloat(m[1], 64)
				heights = append(heights, h)
			}
			if len(heights) != len(words) {
				t.Fatalf("pdfinfo gives %d page sizes for %d pages", len(heights), len(words))
			}
			rules := pdfRules(t, pdf, heights)
			checked := 0
			for p, rs := range rules {
				for _, r := range rs {
					above := -1.0
					var what string
					for _, w := range words[p] {
						if w.x1 < r.x0 || w.x0 > r.x1 || w.y0 > r.y0 {
							continue
						}
						if w.y1 > above {
							above, what = w.y1, w.text
						}
					}
					if above < 0 || r.y0-above > 20 || r.y0 < above {
						continue // nothing just above, or an underline
					}
					checked++
					if gap := (r.y0 - above) * 25.4 / 72; gap < 1.5 {
						t.Errorf("page %d: the rule at %.1f pt is %.2f mm under %q (want ≥ 1.5 mm)", p+1, r.y0, gap, what)
					}
				}
			}
			if checked == 0 {
				t.Error("no rule under text found: the measurement reads nothing")
			}
		})
	}
}
