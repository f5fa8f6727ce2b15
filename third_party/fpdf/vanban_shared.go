package fpdf

// vanban: shared UTF-8 fonts.
//
// AddUTF8FontFromBytes parses the TrueType file in every document and, when
// the document is written, cuts a subset of the runes it used, builds its
// CIDToGIDMap and compresses both: most of the time of a small document.
// AddUTF8FontShared does that work once per process for a face identified by
// key: the face (which the caller has already cut to the repertoire it
// needs) is embedded whole, so its font file, CIDToGIDMap and width array
// are the same bytes in every document and are prepared once. Documents are
// a little larger (the whole cut face instead of a per-document subset) and
// much cheaper to make.

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"strconv"
	"sync"
)

type sharedUTF8 struct {
	def        fontDefType // parsed definition; Cw is shared read-only
	lastRune   int
	stream     []byte // compressed font file
	streamSize int    // its uncompressed size (/Length1)
	cidMap     []byte // compressed CIDToGIDMap
	widths     string // the /W array written in the CIDFont dictionary
}

var sharedUTF8Fonts sync.Map // key → *sharedUTF8Once

type sharedUTF8Once struct {
	once sync.Once
	font *sharedUTF8
	err  error
}

// AddUTF8FontShared registers a UTF-8 TrueType face like
// AddUTF8FontFromBytes, but parses, cuts and compresses it once per process:
// key must identify utf8Bytes uniquely for the life of the process (the same
// key must always come with the same bytes).
func (f *Fpdf) AddUTF8FontShared(familyStr, styleStr, key string, utf8Bytes []byte) {
	if f.err != nil {
		return
	}
	fontkey := getFontKey(fontFamilyEscape(familyStr), styleStr)
	if _, ok := f.fonts[fontkey]; ok {
		return
	}
	v, _ := sharedUTF8Fonts.LoadOrStore(key+"\x00"+fontkey, &sharedUTF8Once{})
	o := v.(*sharedUTF8Once)
	o.once.Do(func() { o.font, o.err = buildSharedUTF8(fontkey, utf8Bytes) })
	if o.err != nil {
		f.err = o.err
		return
	}
	def := o.font.def
	if f.aliasNbPagesStr == "" {
		def.usedRunes = makeSubsetRange(57)
	} else {
		def.usedRunes = makeSubsetRange(32)
	}
	def.shared = o.font
	f.fonts[fontkey] = def
}

func buildSharedUTF8(fontkey string, b []byte) (*sharedUTF8, error) {
	u := newUTF8Font(&fileReader{array: b})
	if err := u.parseFile(); err != nil {
		return nil, fmt.Errorf("shared font %s: %w", fontkey, err)
	}
	def := fontDefType{
		Tp:   "UTF8",
		Name: fontkey,
		Desc: FontDescType{
			Ascent:       int(u.Ascent),
			Descent:      int(u.Descent),
			CapHeight:    u.CapHeight,
			Flags:        u.Flags,
			FontBBox:     u.Bbox,
			ItalicAngle:  u.ItalicAngle,
			StemV:        u.StemV,
			MissingWidth: round(u.DefaultWidth),
		},
		Up: int(round(u.UnderlinePosition)),
		Ut: round(u.UnderlineThickness),
		Cw: u.CharWidths,
	}
	var err error
	if def.i, err = generateFontID(def); err != nil {
		return nil, err
	}
	// Every rune of the face is "used": the whole face is embedded.
	all := make(map[int]int)
	for r, w := range u.CharWidths {
		if r > 0 && w != 0 {
			all[r] = r
		}
	}
	cut := newUTF8Font(&fileReader{array: b})
	if err := cut.parseFile(); err != nil {
		return nil, fmt.Errorf("shared font %s: %w", fontkey, err)
	}
	stream := cut.GenerateCutFont(all)
	codes := cut.CodeSymbolDictionary
	delete(codes, 0)

	sh := &sharedUTF8{lastRune: cut.LastRune, streamSize: len(stream)}
	// Compressed once per process: take the best compression.
	var zbuf bytes.Buffer
	zw, err := zlib.NewWriterLevel(&zbuf, zlib.BestCompression)
	if err != nil {
		return nil, err
	}
	zw.Write(stream)
	if err := zw.Close(); err != nil {
		return nil, err
	}
	sh.stream = zbuf.Bytes()
	var mem *membuffer

	cidToGidMap := make([]byte, 256*256*2)
	for cc, glyph := range codes {
		cidToGidMap[cc*2] = byte(glyph >> 8)
		cidToGidMap[cc*2+1] = byte(glyph & 0xFF)
	}
	mem = xmem.compress(cidToGidMap)
	sh.cidMap = append([]byte(nil), mem.bytes()...)
	mem.release()

	scratch := &Fpdf{}
	wdef := def
	wdef.usedRunes = all
	scratch.generateCIDFontMap(&wdef, sh.lastRune)
	sh.widths = scratch.buffer.String()

	sh.def = def
	return sh, nil
}

// putSharedUTF8 writes the objects of a shared face, in the order and shape
// of putfonts' UTF8 case.
func (f *Fpdf) putSharedUTF8(font fontDefType) {
	sh := font.shared
	fontName := "utf8" + font.Name

	f.newobj()
	f.out(fmt.Sprintf("<</Type /Font\n/Subtype /Type0\n/BaseFont /%s\n/Encoding /Identity-H\n/DescendantFonts [%d 0 R]\n/ToUnicode %d 0 R>>\n"+"endobj", fontName, f.n+1, f.n+2))

	f.newobj()
	f.out("<</Type /Font\n/Subtype /CIDFontType2\n/BaseFont /" + fontName + "\n" +
		"/CIDSystemInfo " + strconv.Itoa(f.n+2) + " 0 R\n/FontDescriptor " + strconv.Itoa(f.n+3) + " 0 R")
	if font.Desc.MissingWidth != 0 {
		f.out("/DW " + strconv.Itoa(font.Desc.MissingWidth))
	}
	f.put(sh.widths)
	f.out("/CIDToGIDMap " + strconv.Itoa(f.n+4) + " 0 R>>")
	f.out("endobj")

	f.newobj()
	f.out("<</Length " + strconv.Itoa(len(toUnicode)) + ">>")
	f.putstream([]byte(toUnicode))
	f.out("endobj")

	f.newobj()
	f.out("<</Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0>>")
	f.out("endobj")

	f.newobj()
	var s fmtBuffer
	s.printf("<</Type /FontDescriptor /FontName /%s\n /Ascent %d", fontName, font.Desc.Ascent)
	s.printf(" /Descent %d", font.Desc.Descent)
	s.printf(" /CapHeight %d", font.Desc.CapHeight)
	v := font.Desc.Flags
	v = v | 4
	v = v &^ 32
	s.printf(" /Flags %d", v)
	s.printf("/FontBBox [%d %d %d %d] ", font.Desc.FontBBox.Xmin, font.Desc.FontBBox.Ymin,
		font.Desc.FontBBox.Xmax, font.Desc.FontBBox.Ymax)
	s.printf(" /ItalicAngle %d", font.Desc.ItalicAngle)
	s.printf(" /StemV %d", font.Desc.StemV)
	s.printf(" /MissingWidth %d", font.Desc.MissingWidth)
	s.printf("/FontFile2 %d 0 R", f.n+2)
	s.printf(">>")
	f.out(s.String())
	f.out("endobj")

	f.newobj()
	f.out("<</Length " + strconv.Itoa(len(sh.cidMap)) + "/Filter /FlateDecode>>")
	f.putstream(sh.cidMap)
	f.out("endobj")

	f.newobj()
	f.out("<</Length " + strconv.Itoa(len(sh.stream)))
	f.out("/Filter /FlateDecode")
	f.out("/Length1 " + strconv.Itoa(sh.streamSize))
	f.out(">>")
	f.putstream(sh.stream)
	f.out("endobj")
}

// SetPackPages makes the document compress each page's content as soon as
// the page ends and drop the uncompressed bytes, so that a document of
// thousands of pages holds little more than its compressed output. It needs
// compression on, and no page-number alias (AliasNbPages) or other alias
// (RegisterAlias): aliases are replaced in the uncompressed content when the
// document is written, so with an alias registered pages are not packed.
// Pages must not be revisited (SetPage) after they end.
func (f *Fpdf) SetPackPages(on bool) { f.packPages = on }

func (f *Fpdf) packPage() {
	if !f.packPages || !f.compress || f.page == 0 || f.aliasNbPagesStr != "" || len(f.aliasMap) > 0 {
		return
	}
	if _, done := f.packed[f.page]; done {
		return
	}
	if f.packed == nil {
		f.packed = make(map[int][]byte)
	}
	mem := xmem.compress(f.pages[f.page].Bytes())
	f.packed[f.page] = append([]byte(nil), mem.bytes()...)
	mem.release()
	f.pages[f.page] = new(bytes.Buffer)
}
