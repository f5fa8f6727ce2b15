package fpdf

// Tests of the vanban patches (see VANBAN.md).

import (
	"bytes"
	"compress/zlib"
	"crypto/sha1"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

const vietnamese = "Cộng hòa xã hội chủ nghĩa Việt Nam — Độc lập - Tự do - Hạnh phúc. Ủy ban nhân dân tỉnh Lai Châu; ỄỆỖỘỠỢỰỲỴỶỸ ơư ƠƯ đĐ “ngoặc” 0123456789 Ω α → ½"

func loadFace(t testing.TB, name string) (*UTF8Face, []byte) {
	t.Helper()
	b, err := os.ReadFile("font/" + name)
	if err != nil {
		t.Fatal(err)
	}
	face, err := NewUTF8Face(b)
	if err != nil {
		t.Fatal(err)
	}
	return face, b
}

// The subset keeps, for every rune used, the outline and the advance of the
// original glyph (composites included), and nothing more than the glyphs
// needed.
func TestUTF8FaceSubsetKeepsGlyphs(t *testing.T) {
	face, orig := loadFace(t, "DejaVuSansCondensed.ttf")
	used := map[int]int{}
	for _, r := range vietnamese {
		used[int(r)] = int(r)
	}
	s := face.subset(used)
	of, err := sfnt.Parse(orig)
	if err != nil {
		t.Fatal(err)
	}
	sf, err := sfnt.Parse(s.font)
	if err != nil {
		t.Fatalf("subset does not parse: %v", err)
	}
	if sf.NumGlyphs() > len(s.runes)*3+1 || sf.NumGlyphs() >= of.NumGlyphs()/10 {
		t.Errorf("subset has %d glyphs for %d runes (original %d)", sf.NumGlyphs(), len(s.runes), of.NumGlyphs())
	}
	var ob, sb sfnt.Buffer
	ppem := fixed.I(2048)
	for i, r := range s.runes {
		og, err := of.GlyphIndex(&ob, rune(r))
		if err != nil || og == 0 {
			t.Fatalf("U+%04X not in the original", r)
		}
		sg := sfnt.GlyphIndex(s.newGID[i])
		if cg, err := sf.GlyphIndex(&sb, rune(r)); err != nil || cg != sg {
			t.Errorf("U+%04X: the subset's cmap gives glyph %d, want %d (%v)", r, cg, sg, err)
		}
		oa, _ := of.GlyphAdvance(&ob, og, ppem, font.HintingNone)
		sa, err := sf.GlyphAdvance(&sb, sg, ppem, font.HintingNone)
		if err != nil || oa != sa {
			t.Errorf("U+%04X: advance %v, want %v (%v)", r, sa, oa, err)
		}
		os, err1 := of.LoadGlyph(&ob, og, ppem, nil)
		ss, err2 := sf.LoadGlyph(&sb, sg, ppem, nil)
		if err1 != nil || err2 != nil {
			t.Fatalf("U+%04X: load glyph: %v %v", r, err1, err2)
		}
		if fmt.Sprint(os) != fmt.Sprint(ss) {
			t.Errorf("U+%04X (%c): outline differs in the subset", r, rune(r))
		}
	}
	if len(s.tag) != 6 || strings.ToUpper(s.tag) != s.tag {
		t.Errorf("tag %q", s.tag)
	}
}

// A document with faces parsed once: the text is extractable, the widths are
// the ones AddUTF8FontFromBytes gives, the same document gives the same
// bytes, and the faces serve concurrent documents.
func TestAddUTF8Face(t *testing.T) {
	face, orig := loadFace(t, "DejaVuSansCondensed.ttf")
	doc := func(add func(f *Fpdf)) (*Fpdf, []byte) {
		f := New("P", "mm", "A4", "")
		f.SetCompression(false)
		f.SetCatalogSort(true)
		add(f)
		f.AddPage()
		f.SetFont("dejavu", "", 12)
		f.Text(10, 20, vietnamese)
		f.SetXY(10, 30)
		f.CellFormat(150, 10, "căn đều hai bên cho dòng này", "", 0, "J", false, 0, "")
		var buf bytes.Buffer
		if err := f.Output(&buf); err != nil {
			t.Fatal(err)
		}
		return f, buf.Bytes()
	}
	fa, a := doc(func(f *Fpdf) { f.AddUTF8Face("dejavu", "", face) })
	qpdfCheck(t, a)
	fb, b := doc(func(f *Fpdf) { f.AddUTF8FontFromBytes("dejavu", "", orig) })
	_ = fa
	_ = fb
	if len(a) >= len(b) {
		t.Errorf("subset document %d bytes, fpdf's own %d", len(a), len(b))
	}
	for _, want := range []string{"/FontFile2", "/CIDToGIDMap", "/Identity-H", "+utf8dejavu"} {
		if !bytes.Contains(a, []byte(want)) {
			t.Errorf("no %s in the document", want)
		}
	}
	// Widths: the same as fpdf's own parser.
	w1 := New("P", "mm", "A4", "")
	w1.AddUTF8Face("x", "", face)
	w1.SetFont("x", "", 10)
	w2 := New("P", "mm", "A4", "")
	w2.AddUTF8FontFromBytes("x", "", orig)
	w2.SetFont("x", "", 10)
	if g1, g2 := w1.GetStringWidth(vietnamese), w2.GetStringWidth(vietnamese); math.Abs(g1-g2) > 1e-9 {
		t.Errorf("width %v, fpdf's own %v", g1, g2)
	}
	// Deterministic and safe for concurrent documents.
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, again := doc(func(f *Fpdf) { f.AddUTF8Face("dejavu", "", face) }); !bytes.Equal(again, a) {
				t.Error("the same document gave other bytes")
			}
		}()
	}
	wg.Wait()
}

func TestNewUTF8FaceRejectsGarbage(t *testing.T) {
	for _, b := range [][]byte{nil, []byte("not a font"), bytes.Repeat([]byte{0, 1, 0, 0}, 10)} {
		if _, err := NewUTF8Face(b); err == nil {
			t.Errorf("%q: no error", b)
		}
	}
	if _, err := NewUTF8Face(nil); err == nil {
		t.Error("nil: no error")
	}
}

// Text beyond the Basic Multilingual Plane and invalid UTF-8 neither panic
// nor garble the neighbouring text: they print as U+FFFD.
func TestTextOutsideBMP(t *testing.T) {
	face, _ := loadFace(t, "DejaVuSansCondensed.ttf")
	for _, txt := range []string{"Ω😀", "😀", "a\xffb", "x\u202e𝔸"} {
		f := New("P", "mm", "A4", "")
		f.SetCompression(false)
		f.AddUTF8Face("d", "", face)
		f.AddPage()
		f.SetFont("d", "", 12)
		f.Text(10, 10, txt)
		f.SetXY(10, 20)
		f.CellFormat(100, 10, txt+" "+txt, "", 0, "J", false, 0, "")
		var buf bytes.Buffer
		if err := f.Output(&buf); err != nil {
			t.Fatalf("%q: %v", txt, err)
		}
		if !bytes.Contains(buf.Bytes(), []byte{0xFF, 0xFD}) {
			t.Errorf("%q: no U+FFFD written", txt)
		}
	}
}

// The content writer prints numbers exactly as fmt's %.2f did.
func TestAppendF2F3MatchSprintf(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	vals := []float64{0, math.Copysign(0, -1), -0.001, 0.005, 0.015, 1.005, -2.675, 595.275, 841.89, 1e6, -1e-9,
		0.125, -0.125, 2.5, 0.045, 1e9 - 0.005, 999999999.995, 1e10, -1e10, 1e12, -1e300, 5e-324,
		math.Inf(1), math.Inf(-1), math.NaN(), math.MaxFloat64}
	for i := 0; i < 200000; i++ {
		vals = append(vals, (rng.Float64()-0.5)*2000)
		vals = append(vals, (rng.Float64()-0.5)*math.Pow(10, float64(rng.IntN(14)-3)))
		// Values near the halves, where the integer path hands over to
		// strconv: k/1000 and k/200 as computed, and 1 ulp either side.
		k := float64(rng.IntN(2000000) - 1000000)
		for _, h := range []float64{k / 1000, k / 200, k*0.005 + 0.0025, k * 0.72 / 2.54, k / 2000, k*0.0005 + 0.00025, k / 7} {
			vals = append(vals, h, math.Nextafter(h, math.Inf(1)), math.Nextafter(h, math.Inf(-1)))
		}
	}
	for _, v := range vals {
		if got, want := string(appendF2(nil, v)), fmt.Sprintf("%.2f", v); got != want {
			t.Fatalf("%v: %s, want %s", v, got, want)
		}
		if got, want := string(appendF3(nil, v)), fmt.Sprintf("%.3f", v); got != want {
			t.Fatalf("%v: %s, want %s (%%.3f)", v, got, want)
		}
	}
}

// Packing pages as they end gives the same file as compressing them at
// the end.
func TestPackPagesSameOutput(t *testing.T) {
	out := func(pack bool) []byte {
		f := New("P", "mm", "A4", "")
		f.SetCatalogSort(true)
		f.SetPackPages(pack)
		f.SetFont("Helvetica", "", 12)
		for i := 0; i < 5; i++ {
			f.AddPage()
			f.Text(20, 20, fmt.Sprintf("page %d", i+1))
		}
		var buf bytes.Buffer
		if err := f.Output(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	if !bytes.Equal(out(true), out(false)) {
		t.Error("packed pages give another file")
	}
}

// NewUTF8Face describes and measures a face exactly as fpdf's own parser
// does for AddUTF8FontFromBytes.
func TestUTF8FaceMetricsAsUpstream(t *testing.T) {
	files, _ := filepath.Glob("font/*.ttf")
	more, _ := filepath.Glob("../../fonts/*.ttf")
	files = append(files, more...)
	if len(files) < 5 {
		t.Fatalf("only %d fonts found", len(files))
	}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		face, err := NewUTF8Face(b)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		u := newUTF8Font(&fileReader{array: b})
		if err := u.parseFile(); err != nil {
			t.Fatal(err)
		}
		want := FontDescType{Ascent: u.Ascent, Descent: u.Descent, CapHeight: u.CapHeight, Flags: u.Flags,
			FontBBox: u.Bbox, ItalicAngle: u.ItalicAngle, StemV: u.StemV, MissingWidth: round(u.DefaultWidth)}
		if face.def.Desc != want {
			t.Errorf("%s: descriptor %+v, fpdf's %+v", name, face.def.Desc, want)
		}
		if up, ut := int(round(u.UnderlinePosition)), round(u.UnderlineThickness); face.def.Up != up || face.def.Ut != ut {
			t.Errorf("%s: underline %d %d, fpdf's %d %d", name, face.def.Up, face.def.Ut, up, ut)
		}
		if !slices.Equal(face.def.Cw, u.CharWidths) {
			n := 0
			for i := range face.def.Cw {
				if face.def.Cw[i] != u.CharWidths[i] && n < 5 {
					t.Errorf("%s: width of U+%04X %d, fpdf's %d", name, i, face.def.Cw[i], u.CharWidths[i])
					n++
				}
			}
		}
	}
}

// A streamed document is written while it is made: its pages reach the
// writer as they end, and the finished file has the same pages and text
// as the same document assembled in memory.
func TestOutputStream(t *testing.T) {
	face, _ := loadFace(t, "DejaVuSansCondensed.ttf")
	make := func(stream io.Writer, afterPage func(i int)) []byte {
		f := New("P", "mm", "A4", "")
		f.SetCatalogSort(true)
		f.AddUTF8Face("d", "", face)
		f.SetFont("Helvetica", "", 12)
		if stream != nil {
			f.SetOutputStream(stream)
		}
		tpl := f.CreateTemplate(func(t *Tpl) { t.Rect(10, 10, 190, 277, "D") })
		for i := 0; i < 50; i++ {
			f.AddPage()
			f.UseTemplate(tpl)
			f.SetFont("d", "", 14)
			f.Text(20, 30, fmt.Sprintf("Giấy khen số %d — Nguyễn Văn Ân", i+1))
			if afterPage != nil {
				afterPage(i)
			}
		}
		var buf bytes.Buffer
		if err := f.Output(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	var streamed bytes.Buffer
	var seen []int
	tail := make(&streamed, func(i int) { seen = append(seen, streamed.Len()) })
	if len(tail) != 0 {
		t.Fatalf("Output wrote %d bytes to its own writer", len(tail))
	}
	// Page i ends when page i+1 begins: by the 10th page, 8 pages are out.
	if seen[9] == 0 || seen[9] <= seen[5] {
		t.Errorf("bytes written after pages 6 and 10: %d, %d: pages are not streamed", seen[5], seen[9])
	}
	mem := make(nil, nil)
	got, want := streamed.Bytes(), mem
	if !bytes.HasPrefix(got, []byte("%PDF-1.7")) || !bytes.HasSuffix(got, []byte("%%EOF\n")) {
		t.Errorf("streamed file: %q … %q", got[:10], got[len(got)-8:])
	}
	for _, s := range []string{"/Count 50", "/FontFile2", "/XObject"} {
		if !bytes.Contains(got, []byte(s)) || !bytes.Contains(want, []byte(s)) {
			t.Errorf("%s missing", s)
		}
	}
	checkXref(t, got)
	checkXref(t, want)
	qpdfCheck(t, got)
}

// qpdfCheck runs qpdf --check on pdf (as vanban's tests do: skipped
// without qpdf, a failure under CI=true).
func qpdfCheck(t *testing.T, pdf []byte) {
	t.Helper()
	if _, err := exec.LookPath("qpdf"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("qpdf not installed (CI=true)")
		}
		t.Log("qpdf not installed: not checked")
		return
	}
	path := filepath.Join(t.TempDir(), "check.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("qpdf", "--check", path).CombinedOutput(); err != nil || bytes.Contains(out, []byte("WARNING")) {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
}

// checkXref verifies that every offset of the cross-reference table points
// at "N 0 obj" for its object.
func checkXref(t *testing.T, pdf []byte) {
	t.Helper()
	at := bytes.LastIndex(pdf, []byte("startxref\n"))
	var xref int
	fmt.Sscanf(string(pdf[at+len("startxref\n"):]), "%d", &xref)
	if !bytes.HasPrefix(pdf[xref:], []byte("xref\n0 ")) {
		t.Fatalf("startxref %d does not point at the table", xref)
	}
	lines := strings.Split(string(pdf[xref:]), "\n")
	var count int
	fmt.Sscanf(lines[1], "0 %d", &count)
	for n := 1; n < count; n++ {
		var off int
		fmt.Sscanf(lines[2+n], "%d", &off)
		if want := fmt.Sprintf("%d 0 obj", n); !bytes.HasPrefix(pdf[off:], []byte(want)) {
			t.Fatalf("object %d: offset %d points at %q", n, off, pdf[off:min(len(pdf), off+12)])
		}
	}
}

// Streaming refuses what would change a page after it is written.
func TestOutputStreamRefusesAliases(t *testing.T) {
	f := New("P", "mm", "A4", "")
	f.SetOutputStream(io.Discard)
	f.AliasNbPages("")
	f.SetFont("Helvetica", "", 12)
	f.AddPage()
	f.Text(10, 10, "1/{nb}")
	if err := f.Output(io.Discard); err == nil {
		t.Error("alias accepted")
	}
	g := New("P", "mm", "A4", "")
	g.AddPage()
	g.SetOutputStream(io.Discard)
	if g.Err() == false {
		t.Error("SetOutputStream after the first page accepted")
	}
}

// A face registered but never selected on a page is not written.
func TestUnusedFaceNotWritten(t *testing.T) {
	face, _ := loadFace(t, "DejaVuSansCondensed.ttf")
	bold, _ := loadFace(t, "DejaVuSansCondensed-Bold.ttf")
	f := New("P", "mm", "A4", "")
	f.SetCompression(false)
	f.AddUTF8Face("d", "", face)
	f.AddUTF8Face("d", "B", bold)
	f.AddPage()
	f.SetFont("d", "", 12)
	f.Text(10, 10, "chỉ một kiểu chữ")
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(buf.Bytes(), []byte("/FontFile2")); n != 1 {
		t.Errorf("%d faces written, want 1", n)
	}
	if bytes.Contains(buf.Bytes(), []byte("utf8dB")) {
		t.Error("the unused bold face is named in the file")
	}
	qpdfCheck(t, buf.Bytes())
}

// A face keeps the subsets it prepared, bounded: the same runes give the
// same prepared subset, a document written from the cache is the same file.
func TestSubsetCache(t *testing.T) {
	face, _ := loadFace(t, "DejaVuSansCondensed.ttf")
	write := func(text string) []byte {
		f := New("P", "mm", "A4", "")
		f.SetCatalogSort(true)
		f.AddUTF8Face("d", "", face)
		f.AddPage()
		f.SetFont("d", "", 12)
		f.Text(10, 10, text)
		var buf bytes.Buffer
		if err := f.Output(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	first := write(vietnamese)
	p1 := face.prepared(map[int]int{'a': 'a', 'ệ': 'ệ'}, false)
	if p2 := face.prepared(map[int]int{'ệ': 'ệ', 'a': 'a'}, false); p1 != p2 {
		t.Error("the same runes were prepared twice")
	}
	if again := write(vietnamese); !bytes.Equal(first, again) {
		t.Error("a document written from the cache differs")
	}
	for i := 0; i < 2*subsetCacheSize; i++ {
		write(fmt.Sprintf("văn bản %c", rune('A'+i)))
	}
	face.mu.Lock()
	n := len(face.cache)
	face.mu.Unlock()
	if n > subsetCacheSize {
		t.Errorf("%d subsets kept, at most %d", n, subsetCacheSize)
	}
	qpdfCheck(t, first)
}

// TestTemplateID: a template's ID is upstream's (the SHA-1 of its page's
// content), computed when the template is made, for each page taken from
// it and after a gob round trip, and costs nothing at use (patch 6).
func TestTemplateID(t *testing.T) {
	f := New("P", "mm", "A4", "")
	tpl := f.CreateTemplate(func(t *Tpl) {
		t.Rect(10, 10, 50, 30, "D")
		t.AddPage()
		t.Circle(40, 40, 10, "F")
	})
	digest := func(tp Template) string { return fmt.Sprintf("%x", sha1.Sum(tp.Bytes())) }
	if tpl.ID() != digest(tpl) {
		t.Fatalf("ID %s, want the SHA-1 of the content %s", tpl.ID(), digest(tpl))
	}
	pages := tpl.FromPages()
	if len(pages) != 2 || pages[0].ID() == pages[1].ID() {
		t.Fatalf("%d pages, ids %v", len(pages), pages)
	}
	for _, p := range pages {
		if p.ID() != digest(p) {
			t.Errorf("page template ID %s, want %s", p.ID(), digest(p))
		}
	}
	data, err := tpl.Serialize()
	if err != nil {
		t.Fatal(err)
	}
	back, err := DeserializeTemplate(data)
	if err != nil {
		t.Fatal(err)
	}
	if back.ID() != tpl.ID() {
		t.Errorf("after a gob round trip: %s, want %s", back.ID(), tpl.ID())
	}
	if n := testing.AllocsPerRun(100, func() { _ = tpl.ID() }); n != 0 {
		t.Errorf("ID allocates %v times", n)
	}
	f.AddPage()
	f.UseTemplate(tpl)
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil || !bytes.Contains(buf.Bytes(), []byte("/TPL"+tpl.ID())) {
		t.Errorf("template not placed by its ID: %v", err)
	}

	// Its content is compressed once, when it is made, and written as
	// upstream writes it (compressed at each document).
	withTemplate := func(tp Template) []byte {
		f := New("P", "mm", "A4", "")
		f.SetCompression(true) // the examples' tests turn the default off
		f.AddPage()
		f.UseTemplate(tp)
		var buf bytes.Buffer
		if err := f.Output(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	zr, err := zlib.NewReader(bytes.NewReader(tpl.(*FpdfTpl).z))
	if err != nil {
		t.Fatal(err)
	}
	if content, err := io.ReadAll(zr); err != nil || !bytes.Equal(content, tpl.Bytes()) {
		t.Fatalf("the compressed content does not inflate to the template's: %v", err)
	}
	once := withTemplate(tpl)
	if !bytes.Contains(once, tpl.(*FpdfTpl).z) {
		t.Error("the content compressed once is not what the document holds")
	}
	plain := *tpl.(*FpdfTpl)
	plain.z = nil
	if !bytes.Equal(once, withTemplate(&plain)) {
		t.Error("the template compressed once is written otherwise than compressed in the document")
	}
}

// TestFastPageCompression: with SetFastPageCompression the page contents
// decompress to the same bytes as without it, whether pages are packed,
// streamed or compressed at the end (packed and unpacked give the same
// file), other streams are unchanged, and the file passes qpdf (patch 7).
func TestFastPageCompression(t *testing.T) {
	out := func(fast, pack bool, stream bool) []byte {
		f := New("P", "mm", "A4", "")
		f.SetCatalogSort(true)
		f.SetCompression(true) // the examples' tests turn the default off
		f.SetPackPages(pack)
		f.SetFastPageCompression(fast)
		var streamed bytes.Buffer
		if stream {
			f.SetOutputStream(&streamed)
		}
		f.SetFont("Helvetica", "", 12)
		for i := 0; i < 5; i++ {
			f.AddPage()
			for l := 0; l < 40; l++ {
				f.Text(20, 20+float64(l)*6, fmt.Sprintf("page %d line %d: %s", i+1, l, strings.Repeat("lorem ipsum ", l%7)))
			}
			f.Rect(10, 10, 190, 277, "D")
		}
		if err := f.Output(&streamed); err != nil {
			t.Fatal(err)
		}
		return streamed.Bytes()
	}
	// contents returns every stream of pdf, inflated when Flate-encoded.
	contents := func(pdf []byte) (all [][]byte) {
		for rest := pdf; ; {
			i := bytes.Index(rest, []byte("stream\n"))
			if i < 0 {
				return all
			}
			dict := rest[max(0, bytes.LastIndex(rest[:i], []byte("<<"))):i]
			rest = rest[i+len("stream\n"):]
			j := bytes.Index(rest, []byte("\nendstream"))
			data := rest[:j]
			rest = rest[j+len("\nendstream"):]
			if bytes.Contains(dict, []byte("/FlateDecode")) {
				zr, err := zlib.NewReader(bytes.NewReader(data))
				if err != nil {
					t.Fatal(err)
				}
				if data, err = io.ReadAll(zr); err != nil {
					t.Fatal(err)
				}
			}
			all = append(all, data)
		}
	}
	slow := out(false, false, false)
	want := contents(slow)
	if len(want) < 5 {
		t.Fatalf("%d streams", len(want))
	}
	for _, c := range []struct{ pack, stream bool }{{false, false}, {true, false}, {true, true}} {
		fast := out(true, c.pack, c.stream)
		if bytes.Equal(fast, slow) {
			t.Fatalf("%+v: SetFastPageCompression changed nothing", c)
		}
		if got := contents(fast); !slices.EqualFunc(got, want, bytes.Equal) {
			t.Errorf("%+v: the streams differ once inflated", c)
		}
		qpdfCheck(t, fast)
	}
	if !bytes.Equal(out(true, true, false), out(true, false, false)) {
		t.Error("packed pages give another file")
	}
}

// Page buffers given back by packed pages are reused by later pages and
// documents without carrying anything over: a document packed after a
// larger one is the same file as the same document not packed (whose pages
// keep their own buffers).
func TestPageBuffersReused(t *testing.T) {
	doc := func(pack bool, pages, lines int) []byte {
		f := New("P", "mm", "A4", "")
		f.SetCatalogSort(true)
		f.SetCompression(true)
		f.SetPackPages(pack)
		f.SetFont("Helvetica", "", 10)
		for p := 0; p < pages; p++ {
			f.AddPage()
			for l := 0; l < lines; l++ {
				f.Text(10, float64(10+l%250), fmt.Sprintf("page %d line %d", p, l))
			}
		}
		var buf bytes.Buffer
		if err := f.Output(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	for i := 0; i < 3; i++ {
		doc(true, 4, 2000) // large pages go back to the pool
		if got, want := doc(true, 3, 7), doc(false, 3, 7); !bytes.Equal(got, want) {
			t.Fatalf("round %d: packed document with reused buffers differs from the unpacked one", i)
		}
	}
	b := newPageBuffer()
	if b.Len() != 0 {
		t.Fatalf("a new page buffer holds %d bytes", b.Len())
	}
}

func BenchmarkAppendF2(b *testing.B) {
	vals := []float64{595.28, 12, 773.79, 121.42, 0.57, 338.6, 159.02, -0.5}
	buf := make([]byte, 0, 64)
	b.Run("appendF2", func(b *testing.B) {
		for b.Loop() {
			buf = buf[:0]
			for _, v := range vals {
				buf = appendF2(buf, v)
			}
		}
	})
	b.Run("strconv", func(b *testing.B) {
		for b.Loop() {
			buf = buf[:0]
			for _, v := range vals {
				buf = strconv.AppendFloat(buf, v, 'f', 2, 64)
			}
		}
	})
}

// The runes of text drawn with a face reach its usedRunes once each (the
// usedBits set skips the map for runes already recorded), whichever font
// was selected in between, and so reach the subset.
func TestUsedRunesRecordedOnce(t *testing.T) {
	face, _ := loadFace(t, "DejaVuSansCondensed.ttf")
	f := New("P", "mm", "A4", "")
	f.AddUTF8Face("dejavu", "", face)
	f.AddUTF8Face("dejavu", "B", face)
	f.AddPage()
	text := vietnamese + " “ngoặc” – Ω ж"
	for i := 0; i < 3; i++ {
		f.SetFont("dejavu", "", 12)
		f.Text(10, 20, text)
		f.SetFont("dejavu", "B", 12)
		f.Text(10, 30, "đậm")
	}
	regular := f.fonts[getFontKey("dejavu", "")]
	bold := f.fonts[getFontKey("dejavu", "B")]
	for _, r := range text {
		if _, ok := regular.usedRunes[int(r)]; !ok {
			t.Errorf("%q (U+%04X) not recorded for the regular face", r, r)
		}
	}
	for _, r := range "đậm" {
		if _, ok := bold.usedRunes[int(r)]; !ok {
			t.Errorf("%q not recorded for the bold face", r)
		}
	}
	if _, ok := bold.usedRunes[int('g')]; ok {
		t.Error("a rune of the regular text recorded for the bold face")
	}
	var u *usedBits
	if u.seen('a') {
		t.Error("a nil set saw a rune")
	}
	u = new(usedBits)
	if u.seen('a') || !u.seen('a') || u.seen(0x2000) || u.seen(0x2000) {
		t.Error("usedBits: first sight, second sight, or a rune above U+1FFF wrong")
	}
}
