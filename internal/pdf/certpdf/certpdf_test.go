package certpdf_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/vanban/vanban/internal/award"
	"github.com/vanban/vanban/internal/certificate"
	"github.com/vanban/vanban/internal/certprint"
	"github.com/vanban/vanban/internal/golden"
	"github.com/vanban/vanban/internal/nd30"
	"github.com/vanban/vanban/internal/pdf"
	"github.com/vanban/vanban/internal/pdf/certpdf"
	"github.com/vanban/vanban/internal/pdf/pdftest"
	"github.com/vanban/vanban/internal/tooltest"
	"github.com/vanban/vanban/internal/typeset"
)

type seeded struct{ r *rand.ChaCha8 }

func (s *seeded) Read(p []byte) (int, error) { return s.r.Read(p) }

var (
	fontsOnce   sync.Once
	testFonts   *pdf.Fonts
	testMetrics *typeset.Metrics
	fontsErr    error
)

// renderer returns a Renderer on fonts parsed once for the tests.
func renderer(t testing.TB) certpdf.Renderer {
	t.Helper()
	fontsOnce.Do(func() {
		if testFonts, fontsErr = pdf.LoadFonts(); fontsErr == nil {
			testMetrics, fontsErr = typeset.New()
		}
	})
	if fontsErr != nil {
		t.Fatal(fontsErr)
	}
	return certpdf.New(testFonts)
}

func gen(t testing.TB) certprint.Generator {
	r := renderer(t)
	return certprint.Generator{PDF: r, Metrics: testMetrics, UUIDs: &seeded{rand.NewChaCha8([32]byte{4})}}
}

func loadBatch(t testing.TB) *certificate.Batch {
	t.Helper()
	path := filepath.Join("..", "..", "..", "testdata", "giay-khen-batch.json")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b, err := certificate.ParseBatch(data, nil)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// bangKhen turns the sample batch into a Bằng khen of the Chủ tịch UBND tỉnh.
func bangKhen(b *certificate.Batch) {
	b.Kind = certificate.BangKhen
	b.Decision.Number = 2456
	b.Decision.Symbol = "QĐ-UBND"
	b.Decision.IssuerTitle = "Chủ tịch Ủy ban nhân dân tỉnh Lai Châu"
	b.Decision.Signer = nd30.Signer{Authority: "KT.", On: "Chủ tịch", Title: "Phó Chủ tịch", Name: "Tống Thanh Hải"}
}

// pdfPages extracts the text of each page (pdftotext, split on form feeds).
func pdfPages(t *testing.T, pdf []byte) []string {
	t.Helper()
	tooltest.Need(t, "pdftotext")
	f := filepath.Join(t.TempDir(), "c.pdf")
	if err := os.WriteFile(f, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	pdftest.Check(t, f)
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", f, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	pages := strings.Split(string(out), "\f")
	if last := pages[len(pages)-1]; strings.TrimSpace(last) == "" {
		pages = pages[:len(pages)-1]
	}
	return pages
}

func render(t testing.TB, b *certificate.Batch) []byte {
	t.Helper()
	j, err := gen(t).Prepare(b)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := j.WritePDF(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestGoldenKindsAndModes(t *testing.T) {
	for _, kind := range []certificate.Kind{certificate.GiayKhen, certificate.BangKhen} {
		for _, mode := range []certificate.Mode{certificate.ModeFull, certificate.ModeOverprint, certificate.ModeCalibration} {
			t.Run(string(kind)+"-"+string(mode), func(t *testing.T) {
				b := loadBatch(t)
				if kind == certificate.BangKhen {
					bangKhen(b)
				}
				b.Mode = mode
				if mode != certificate.ModeFull {
					b.Offset = certificate.Offset{X: 1.5, Y: -0.5}
				}
				b.Recipients = []certificate.Recipient{b.Recipients[0], b.Recipients[6]}
				b.Recipients[0].Number, b.Recipients[1].Number = 1, 7
				pdf := render(t, b)
				if again := render(t, b); !bytes.Equal(pdf, again) {
					t.Error("output is not deterministic")
				}
				pages := pdfPages(t, pdf)
				want := 2
				if mode == certificate.ModeCalibration {
					want = 1
				}
				if len(pages) != want {
					t.Fatalf("%d pages, want %d", len(pages), want)
				}
				text := strings.Join(pages, "\f")
				switch mode {
				case certificate.ModeFull:
					for _, s := range []string{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "TẶNG", strings.ToUpper(kind.Title())} {
						if !strings.Contains(pages[1], s) {
							t.Errorf("full design lacks %q", s)
						}
					}
				case certificate.ModeOverprint:
					for _, s := range []string{"CỘNG HÒA", "Độc lập", strings.ToUpper(kind.Title())} {
						if strings.Contains(text, s) {
							t.Errorf("overprint must not print the pre-printed %q", s)
						}
					}
					if !strings.Contains(pages[1], "Bà Tao Thị Hương") || !strings.Contains(pages[1], "Số sổ vàng: 7") {
						t.Error("overprint lacks the variable text")
					}
				case certificate.ModeCalibration:
					for _, s := range []string{"TRANG CĂN CHỈNH", "x = +1,5 mm", "y = -0,5 mm", "(recipient)", "(signer_name)", "(qr)"} {
						if !strings.Contains(text, s) {
							t.Errorf("calibration page lacks %q", s)
						}
					}
				}
				golden.Check(t, fmt.Sprintf("%s-%s.txt", kind, mode), []byte(text))
			})
		}
	}
}

func TestThousandCertificatesOnePerPage(t *testing.T) {
	b := loadBatch(t)
	b.QR.Enabled = false
	const n = 1000
	b.Recipients = make([]certificate.Recipient, n)
	for i := range b.Recipients {
		b.Recipients[i] = certificate.Recipient{Nomination: award.Nomination{Kind: award.Individual, Gender: award.Gender([]string{"nam", "nu"}[i%2]),
			Name: fmt.Sprintf("Nguyễn Thị Mẫu %04d", i+1), Position: "Chuyên viên", Unit: "Sở Văn hóa, Thể thao và Du lịch tỉnh Lai Châu"}}
	}
	b.Numbering = &certificate.Numbering{Start: 101}
	var progress []int
	g := gen(t)
	g.Progress = func(done, total int) {
		if total != n {
			t.Errorf("progress total %d", total)
		}
		progress = append(progress, done)
	}
	j, err := g.Prepare(b)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := j.WritePDF(&buf); err != nil {
		t.Fatal(err)
	}
	if len(progress) != n || progress[n-1] != n {
		t.Errorf("progress called %d times", len(progress))
	}
	pages := pdfPages(t, buf.Bytes())
	if len(pages) != n {
		t.Fatalf("%d pages, want %d", len(pages), n)
	}
	for i, p := range pages {
		name := fmt.Sprintf("Mẫu %04d", i+1)
		if strings.Count(p, "Nguyễn Thị Mẫu") != 1 || !strings.Contains(p, name) {
			t.Fatalf("page %d does not hold exactly %q:\n%s", i+1, name, p)
		}
		if !strings.Contains(p, fmt.Sprintf("Số sổ vàng: %d", 101+i)) {
			t.Fatalf("page %d: wrong số sổ vàng", i+1)
		}
		honor := "Ông"
		if i%2 == 1 {
			honor = "Bà"
		}
		if !strings.Contains(p, honor+" Nguyễn Thị "+name) {
			t.Fatalf("page %d: wrong honorific", i+1)
		}
	}
}

func TestBackgroundImage(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 297, 210))
	for i := range img.Pix {
		img.Pix[i] = 0xF0
		if i%4 == 3 {
			img.Pix[i] = 0xFF // opaque: no soft mask
		}
	}
	var pngData bytes.Buffer
	if err := png.Encode(&pngData, img); err != nil {
		t.Fatal(err)
	}
	b := loadBatch(t)
	b.SetBackground(pngData.Bytes())
	pdf := render(t, b)
	if got := bytes.Count(pdf, []byte("/Subtype /Image")); got != 1 {
		t.Errorf("background must be one image object shared by all pages, found %d", got)
	}
	if pages := pdfPages(t, pdf); len(pages) != len(b.Recipients) {
		t.Errorf("%d pages", len(pages))
	}
}

func TestZIPOfPDFAndDOCX(t *testing.T) {
	for _, files := range []certificate.FileFormat{certificate.FilePDF, certificate.FileDOCX} {
		t.Run(string(files), func(t *testing.T) {
			b := loadBatch(t)
			b.Files = files
			j, err := gen(t).Prepare(b)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := j.WriteZIP(&buf); err != nil {
				t.Fatal(err)
			}
			zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			content := map[string][]byte{}
			for _, f := range zr.File {
				names = append(names, f.Name)
				rc, _ := f.Open()
				content[f.Name], _ = io.ReadAll(rc)
				rc.Close()
			}
			ext := string(files)
			want := []string{"001-phong-quan-ly-van-hoa", "002-trung-tam-van-hoa-dien-anh-tinh-lai-chau", "003-doi-thong-tin-luu-dong",
				"004-nguyen-van-an", "005-lo-thi-binh", "006-giang-a-pao", "007-tao-thi-huong", "008-vang-van-chu"}
			for i := range want {
				want[i] += "." + ext
			}
			want = append(want, "manifest.csv")
			if strings.Join(names, "\n") != strings.Join(want, "\n") {
				t.Fatalf("entries:\n%s", strings.Join(names, "\n"))
			}
			magic := map[certificate.FileFormat]string{certificate.FilePDF: "%PDF-", certificate.FileDOCX: "PK\x03\x04"}[files]
			for _, n := range names[:8] {
				if !bytes.HasPrefix(content[n], []byte(magic)) {
					t.Errorf("%s is not a %s file", n, ext)
				}
			}
			if files == certificate.FilePDF {
				if p := pdfPages(t, content["006-giang-a-pao.pdf"]); len(p) != 1 || !strings.Contains(p[0], "Ông Giàng A Páo") {
					t.Errorf("006 PDF: %q", p)
				}
			}
			m := content["manifest.csv"]
			if !bytes.HasPrefix(m, []byte("\xEF\xBB\xBF")) {
				t.Error("manifest.csv must start with a UTF-8 BOM for Excel")
			}
			lines := strings.Split(strings.TrimSuffix(string(m[3:]), "\r\n"), "\r\n")
			if len(lines) != 9 || lines[0] != "Số sổ vàng,Họ tên / Tên tập thể,Tệp,UUID" {
				t.Fatalf("manifest:\n%s", m)
			}
			is := j.Issued()
			if lines[4] != "4,Ông Nguyễn Văn An,004-nguyen-van-an."+ext+","+is[3].UUID {
				t.Errorf("manifest row 4 = %q", lines[4])
			}
			if lines[2] != `2,"Trung tâm Văn hóa, Điện ảnh tỉnh Lai Châu",002-trung-tam-van-hoa-dien-anh-tinh-lai-chau.`+ext+","+is[1].UUID {
				t.Errorf("manifest row 2 = %q", lines[2])
			}
		})
	}
}

// BenchmarkGiayKhen1000 renders 1,000 Giấy khen (full design, QR codes)
// into one PDF.
func BenchmarkGiayKhen1000(b *testing.B) {
	batch := loadBatch(b)
	base := batch.Recipients
	batch.Recipients = make([]certificate.Recipient, 1000)
	for i := range batch.Recipients {
		r := base[i%len(base)]
		r.Number = 0
		batch.Recipients[i] = r
	}
	r := renderer(b)
	g := certprint.Generator{PDF: r, Metrics: testMetrics}
	b.ReportAllocs()
	for b.Loop() {
		j, err := g.Prepare(batch)
		if err != nil {
			b.Fatal(err)
		}
		if err := j.WritePDF(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGiayKhenZIP writes the batch as a ZIP of one PDF per recipient
// (full design, QR codes) and reports the time per file.
func BenchmarkGiayKhenZIP(b *testing.B) {
	j, err := gen(b).Prepare(loadBatch(b))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := j.WriteZIP(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(j.Issued()))/1e6, "ms/file")
}

// testEmblem is a 200 × 200 PNG: a red disc with a yellow centre on a
// transparent ground, as an agency's emblem file would be.
func testEmblem(t testing.TB) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 200, 200))
	for y := 0; y < 200; y++ {
		for x := 0; x < 200; x++ {
			d := math.Hypot(float64(x)-99.5, float64(y)-99.5)
			switch {
			case d < 30:
				img.Set(x, y, color.NRGBA{0xFF, 0xD7, 0, 0xFF})
			case d < 95:
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

// The emblem (issue 13 item 6): in full mode the agency's PNG is drawn once
// per page in the layout's emblem box at the top centre, its proportions
// kept; without one the place is marked ("Quốc huy" in a dashed box); the
// calibration page lists the box; overprint leaves it to the phôi. An
// emblem that is not a PNG, or too large, is refused before any page.
func TestEmblem(t *testing.T) {
	pdfimages := tooltest.Need(t, "pdfimages")
	dir := t.TempDir()
	images := func(pdf []byte) string {
		path := filepath.Join(dir, "e.pdf")
		if err := os.WriteFile(path, pdf, 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(pdfimages, "-list", path).Output()
		if err != nil {
			t.Fatal(err)
		}
		return string(out)
	}
	for _, kind := range []certificate.Kind{certificate.GiayKhen, certificate.BangKhen} {
		b := loadBatch(t)
		if kind == certificate.BangKhen {
			bangKhen(b)
		}
		b.Recipients = b.Recipients[:2]
		b.QR.Enabled = false
		plain := render(t, b)
		if text := strings.Join(pdfPages(t, plain), "\f"); strings.Count(text, "Quốc huy") != 2 {
			t.Errorf("%s without an emblem: its place must be marked on each page:\n%s", kind, text)
		}
		if l := images(plain); strings.Count(l, "\n") > 2 {
			t.Errorf("%s without an emblem has images:\n%s", kind, l)
		}
		b.SetEmblem(testEmblem(t))
		pdf := render(t, b)
		list := images(pdf)
		// Two pages, each drawing the one embedded image (and its soft mask:
		// the emblem's transparent ground).
		drawn, masks, objects := 0, 0, map[string]bool{}
		for _, l := range strings.Split(list, "\n") {
			f := strings.Fields(l)
			if len(f) < 11 {
				continue
			}
			switch {
			case f[2] == "image" && f[3] == "200" && f[4] == "200":
				drawn++
				objects[f[10]] = true
			case f[2] == "smask":
				masks++
			}
		}
		if drawn != 2 || masks != 2 || len(objects) != 1 {
			t.Errorf("%s: emblem not drawn once per page:\n%s", kind, list)
		}
		if text := strings.Join(pdfPages(t, pdf), "\f"); strings.Contains(text, "Quốc huy") {
			t.Errorf("%s: the mark stays with an emblem", kind)
		}
		b.Mode = certificate.ModeOverprint
		if l := images(render(t, b)); strings.Contains(l, "image") {
			t.Errorf("%s overprint draws the emblem:\n%s", kind, l)
		}
		b.Mode = certificate.ModeCalibration
		if text := strings.Join(pdfPages(t, render(t, b)), "\f"); !strings.Contains(text, "Quốc huy (emblem)") {
			t.Errorf("%s calibration lacks the emblem box", kind)
		}
	}
	b := loadBatch(t)
	for _, bad := range [][]byte{[]byte("<svg/>"), append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, certprint.MaxEmblemBytes)...)} {
		b.SetEmblem(bad)
		if _, err := gen(t).Prepare(b); err == nil {
			t.Errorf("emblem %.10q accepted", bad)
		}
	}
}
