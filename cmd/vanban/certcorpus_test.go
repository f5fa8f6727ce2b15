package main

import (
	"bytes"
	"compress/zlib"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/vanban/vanban/internal/certlayout"
	"github.com/vanban/vanban/internal/tooltest"
)

// ptPerMM converts the layouts' millimetres to pdftotext's points.
const ptPerMM = 72 / 25.4

// inBox returns the printed lines of a page whose middle lies in box (mm).
func inBox(ls []pdfLine, box certlayout.Box) []pdfLine {
	var out []pdfLine
	for _, l := range ls {
		y := (l.y0 + l.y1) / 2 / ptPerMM
		x := (l.x0 + l.x1) / 2 / ptPerMM
		if y >= box.Y && y <= box.Y+box.H && x >= box.X && x <= box.X+box.W {
			out = append(out, l)
		}
	}
	return out
}

// TestCertificateCorpus prints the 42 names of testdata/certificate-corpus.json
// (collectives of every length — a few words, about one line, one word over,
// three lines — and persons) on both designs and measures the PDF
// (pdftotext -bbox): every name inside its box, a name of several lines
// balanced (no line under 40 % of the longest) and never split inside a kept
// phrase ("Thể | thao", "Lai | Châu", "năm | 2025"); and on every page at
// least 35 mm between the signer's title line and name, for the signature
// and the seal (issue 13 items 5 and 8).
func TestCertificateCorpus(t *testing.T) {
	tooltest.Need(t, "pdftotext")
	dir := t.TempDir()
	data, err := os.ReadFile("../../testdata/certificate-corpus.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, kind := range []string{"giay-khen", "bang-khen"} {
		t.Run(kind, func(t *testing.T) {
			var b map[string]any
			if err := json.Unmarshal(data, &b); err != nil {
				t.Fatal(err)
			}
			b["kind"] = kind
			if kind == "bang-khen" {
				d := b["decision"].(map[string]any)
				d["issuerTitle"] = "Chủ tịch Ủy ban nhân dân tỉnh Lai Châu"
				d["signer"] = map[string]any{"authority": "KT.", "on": "Chủ tịch", "title": "Phó Chủ tịch", "name": "Tống Thanh Hải"}
			}
			in := filepath.Join(dir, kind+".json")
			out := filepath.Join(dir, kind+".pdf")
			js, _ := json.Marshal(b)
			if err := os.WriteFile(in, js, 0o644); err != nil {
				t.Fatal(err)
			}
			if _, stderr, code := cliRun(t, nil, "certificates", "--in", in, "--out", out); code != 0 {
				t.Fatalf("certificates: %s", stderr)
			}
			tpl, err := certlayout.BuiltinTemplate(kind)
			if err != nil {
				t.Fatal(err)
			}
			pages := pdfPages(t, out)
			// The rule under the Tiêu ngữ clears the descenders of "Hạnh
			// phúc" by at least 1.5 mm, as the documents' rules do.
			rules := pdfStrokes(t, out)
			if len(rules) != len(pages) {
				t.Fatalf("%d pages of strokes for %d pages", len(rules), len(pages))
			}
			for p, rs := range rules {
				found := false
				for _, r := range rs {
					above, what := -1.0, ""
					for _, w := range pages[p] {
						if w.x1 < r.x0 || w.x0 > r.x1 || w.y0 > r.y0 {
							continue
						}
						if w.y1 > above {
							above, what = w.y1, w.text
						}
					}
					if above < 0 || r.y0-above > 20 {
						continue
					}
					found = true
					if gap := (r.y0 - above) / ptPerMM; gap < 1.5 {
						t.Errorf("page %d: the rule is %.2f mm under %q (want ≥ 1.5 mm)", p+1, gap, what)
					}
				}
				if !found {
					t.Errorf("page %d: no rule under the Tiêu ngữ found", p+1)
				}
			}
			if len(pages) != len(b["recipients"].([]any)) {
				t.Fatalf("%d pages for %d recipients", len(pages), len(b["recipients"].([]any)))
			}
			multi, minGap := 0, math.Inf(1)
			for i, page := range pages {
				ls := lines(page)
				rec := tpl.Field(certlayout.FieldRecipient).Box
				name := inBox(ls, rec)
				if len(name) == 0 {
					t.Errorf("page %d: no name in the recipient box", i+1)
					continue
				}
				if len(name) > 1 {
					multi++
				}
				longest := 0.0
				for _, l := range name {
					longest = math.Max(longest, l.x1-l.x0)
					if l.x0 < rec.X*ptPerMM-1 || l.x1 > (rec.X+rec.W)*ptPerMM+1 {
						t.Errorf("page %d: name line %q outside its box", i+1, l.text())
					}
				}
				for k, l := range name {
					if len(name) > 1 && l.x1-l.x0 < 0.4*longest {
						t.Errorf("page %d: name line %q is %.0f%% of the longest", i+1, l.text(), 100*(l.x1-l.x0)/longest)
					}
					if k+1 < len(name) && keptSplit(l.words[len(l.words)-1].text, name[k+1].words[0].text) {
						t.Errorf("page %d: kept phrase split: %q | %q", i+1, l.text(), name[k+1].text())
					}
				}
				title := inBox(ls, tpl.Field(certlayout.FieldSignerTitle).Box)
				signer := inBox(ls, tpl.Field(certlayout.FieldSignerName).Box)
				if len(title) != 1 || len(signer) != 1 {
					t.Errorf("page %d: %d title and %d name lines in the signature block", i+1, len(title), len(signer))
					continue
				}
				gap := (signer[0].y0 - title[0].y1) / ptPerMM
				minGap = math.Min(minGap, gap)
				if gap < 35 {
					t.Errorf("page %d: %.1f mm between %q and %q, want at least 35 mm for signature and seal", i+1, gap, title[0].text(), signer[0].text())
				}
			}
			if multi < 10 {
				t.Errorf("only %d names take several lines: the corpus does not test wrapping", multi)
			}
			t.Logf("%s: %d names, %d on several lines; signature space %.1f mm", kind, len(pages), multi, minGap)
		})
	}
}

var reStroke = regexp.MustCompile(`(-?[\d.]+) (-?[\d.]+) m (-?[\d.]+) (-?[\d.]+) l S`)

// pdfStrokes reads the horizontal stroked lines longer than 20 pt of every
// page's content stream (the rule under the Tiêu ngữ; the border is a form
// XObject of its own), in points from the top of the page.
func pdfStrokes(t *testing.T, path string) [][]pdfRect {
	t.Helper()
	out, err := exec.Command("pdfinfo", path).Output()
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`Page size:\s+[\d.]+ x ([\d.]+)`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("no page size: %s", out)
	}
	height, _ := strconv.ParseFloat(string(m[1]), 64)
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
		rest = rest[j+len("endstream"):]
		if err != nil {
			continue
		}
		content, _ := io.ReadAll(zr)
		if !bytes.Contains(content, []byte(" Tf")) {
			continue // fonts, images, the border template
		}
		var rs []pdfRect
		for _, m := range reStroke.FindAllSubmatch(content, -1) {
			f := func(i int) float64 { v, _ := strconv.ParseFloat(string(m[i]), 64); return v }
			x1, y1, x2, y2 := f(1), f(2), f(3), f(4)
			if y1 == y2 && math.Abs(x2-x1) > 20 {
				rs = append(rs, pdfRect{math.Min(x1, x2), height - y1, math.Max(x1, x2), height - y1})
			}
		}
		pages = append(pages, rs)
	}
	return pages
}

// emblemPNG is a 120 × 120 PNG emblem: a red disc on a transparent ground.
func emblemPNG(t *testing.T) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 120, 120))
	for y := 0; y < 120; y++ {
		for x := 0; x < 120; x++ {
			if math.Hypot(float64(x)-59.5, float64(y)-59.5) < 56 {
				img.Set(x, y, color.NRGBA{0xC0, 0, 0, 0xFF})
			}
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
