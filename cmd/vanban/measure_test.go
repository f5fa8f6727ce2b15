package main

import (
	"context"
	"fmt"
	"html"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
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
	out, err := exec.Command(need(t, "pdftotext"), "-bbox", path, "-").Output()
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
	need(t, "pdftotext")
	soffice := need(t, "soffice")
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
