// Command contactsheet puts every page of the layout corpus in one PNG grid,
// so a reviewer sees how all the documents break and balance in a minute:
//
//	go run ./bench/contactsheet -out contact-sheet.png
//
// It renders every document of testdata/ (and the certificates: a Giấy khen
// batch and the names of testdata/certificate-corpus.json on both designs) with the
// CLI's renderers, rasterises each page with pdftoppm (poppler-utils) at a
// low resolution and tiles them, a fixed number of columns wide. Extra PDFs
// may be given as arguments.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
)

func main() {
	out := flag.String("out", "contact-sheet.png", "the PNG to write")
	cols := flag.Int("cols", 8, "pages per row")
	dpi := flag.Int("r", 30, "resolution of each page, dots per inch")
	testdata := flag.String("testdata", "testdata", "the directory of the corpus documents")
	flag.Parse()
	if err := run(*out, *cols, *dpi, *testdata, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "contactsheet:", err)
		os.Exit(1)
	}
}

var corpus = []string{"ke-hoach-lai-chau", "to-trinh-khen-thuong", "quyet-dinh-khen-thuong", "to-trinh-ngan",
	"quyet-dinh", "to-trinh", "cong-van", "bao-cao", "thong-bao", "bien-ban", "giay-moi", "van-ban"}

func run(out string, cols, dpi int, testdata string, extra []string) error {
	tmp, err := os.MkdirTemp("", "contactsheet")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	pdfs := append([]string(nil), extra...)
	for _, k := range corpus {
		pdf := filepath.Join(tmp, k+".pdf")
		cmd := exec.Command("go", "run", "./cmd/vanban", "render", "--in", filepath.Join(testdata, k+".json"), "--out", pdf)
		if b, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("render %s: %v\n%s", k, err, b)
		}
		pdfs = append(pdfs, pdf)
	}
	// The certificates: the sample batch, then the names of the
	// certificate corpus (testdata/certificate-corpus.json, every length)
	// on both designs, as cmd/vanban's TestCertificateCorpus measures them.
	batches := []struct{ name, in string }{{"giay-khen", filepath.Join(testdata, "giay-khen-batch.json")}}
	corpusIn := filepath.Join(testdata, "certificate-corpus.json")
	batches = append(batches, struct{ name, in string }{"corpus-giay-khen", corpusIn})
	if bk, err := bangKhen(corpusIn, filepath.Join(tmp, "corpus-bang-khen.json")); err == nil {
		batches = append(batches, struct{ name, in string }{"corpus-bang-khen", bk})
	} else {
		fmt.Fprintf(os.Stderr, "contactsheet: Bằng khen corpus left out: %v\n", err)
	}
	for _, b := range batches {
		out := filepath.Join(tmp, b.name+".pdf")
		cmd := exec.Command("go", "run", "./cmd/vanban", "certificates", "--in", b.in, "--out", out)
		if msg, err := cmd.CombinedOutput(); err == nil {
			pdfs = append(pdfs, out)
		} else {
			fmt.Fprintf(os.Stderr, "contactsheet: certificates %s left out: %v\n%s", b.name, err, msg)
		}
	}
	var pages []image.Image
	for i, pdf := range pdfs {
		prefix := filepath.Join(tmp, fmt.Sprintf("p%03d", i))
		if b, err := exec.Command("pdftoppm", "-png", "-r", fmt.Sprint(dpi), pdf, prefix).CombinedOutput(); err != nil {
			return fmt.Errorf("pdftoppm %s: %v\n%s", pdf, err, b)
		}
		files, _ := filepath.Glob(prefix + "-*.png")
		sort.Strings(files)
		for _, f := range files {
			img, err := readPNG(f)
			if err != nil {
				return err
			}
			pages = append(pages, img)
		}
	}
	if len(pages) == 0 {
		return fmt.Errorf("no pages")
	}
	cellW, cellH := 0, 0
	for _, p := range pages {
		cellW, cellH = max(cellW, p.Bounds().Dx()), max(cellH, p.Bounds().Dy())
	}
	const gap = 6
	rows := (len(pages) + cols - 1) / cols
	sheet := image.NewRGBA(image.Rect(0, 0, cols*(cellW+gap)+gap, rows*(cellH+gap)+gap))
	draw.Draw(sheet, sheet.Bounds(), image.NewUniform(color.RGBA{0x88, 0x88, 0x88, 0xff}), image.Point{}, draw.Src)
	for i, p := range pages {
		x := gap + (i%cols)*(cellW+gap)
		y := gap + (i/cols)*(cellH+gap)
		draw.Draw(sheet, p.Bounds().Sub(p.Bounds().Min).Add(image.Pt(x, y)), p, p.Bounds().Min, draw.Src)
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	if err := png.Encode(f, sheet); err != nil {
		f.Close()
		return err
	}
	fmt.Printf("%d pages of %d PDFs in %s\n", len(pages), len(pdfs), out)
	return f.Close()
}

// bangKhen writes the batch in as a Bằng khen of the Chủ tịch UBND tỉnh to
// out.
func bangKhen(in, out string) (string, error) {
	data, err := os.ReadFile(in)
	if err != nil {
		return "", err
	}
	var b map[string]any
	if err := json.Unmarshal(data, &b); err != nil {
		return "", err
	}
	b["kind"] = "bang-khen"
	if d, ok := b["decision"].(map[string]any); ok {
		d["issuerTitle"] = "Chủ tịch Ủy ban nhân dân tỉnh Lai Châu"
		d["signer"] = map[string]any{"authority": "KT.", "on": "Chủ tịch", "title": "Phó Chủ tịch", "name": "Tống Thanh Hải"}
	}
	js, err := json.Marshal(b)
	if err != nil {
		return "", err
	}
	return out, os.WriteFile(out, js, 0o644)
}

func readPNG(path string) (image.Image, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return png.Decode(f)
}
