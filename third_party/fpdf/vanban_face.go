package fpdf

// vanban: UTF-8 TrueType faces parsed once, subset per document.
//
// AddUTF8FontFromBytes parses the whole TrueType file in every document and,
// when the document is written, cuts a subset of the runes it used: about
// 4–5 ms of each document for a Vietnamese face. A UTF8Face is parsed once
// by its owner (NewUTF8Face) and handed to any number of documents
// (AddUTF8Face), concurrently: it is read-only after construction. When a
// document is written, only the glyphs it used (and the components of
// composite glyphs) are copied out of the parsed file into a small TrueType
// font, renumbered densely, with a CIDToGIDMap and a /W array for the runes
// used: the file holds what it shows and no more.

import (
	"crypto/sha1"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"sync"
)

// UTF8Face is a TrueType face prepared for embedding in many documents. Build
// it once with NewUTF8Face and share it; it is safe for concurrent use.
type UTF8Face struct {
	def       fontDefType // metrics as AddUTF8FontFromBytes computes them; Cw shared read-only
	tables    map[string][]byte
	numGlyphs int
	numHM     int      // numberOfHMetrics
	longLoca  bool     // indexToLocFormat
	gid       []uint16 // rune (U+0000–U+FFFF) → glyph index, 0 when absent

	mu    sync.Mutex // guards cache and order
	cache map[[sha1.Size]byte]*preparedSubset
	order [][sha1.Size]byte
}

// NewUTF8Face parses a TrueType font (glyf outlines, a Unicode cmap of
// format 4). The bytes are kept and must not change afterwards.
func NewUTF8Face(ttf []byte) (*UTF8Face, error) {
	face := &UTF8Face{tables: make(map[string][]byte)}
	if err := face.parseDirectory(ttf); err != nil {
		return nil, err
	}
	face.def = fontDefType{Tp: "UTF8"}
	face.parseMetrics()
	// The resource name: a digest of the table directory, which holds a
	// checksum of every table.
	n := int(binary.BigEndian.Uint16(ttf[4:]))
	face.def.i = fmt.Sprintf("%x", sha1.Sum(ttf[:12+16*n]))
	return face, nil
}

// parseDirectory reads and checks the table directory, the glyph counts and
// the cmap.
func (face *UTF8Face) parseDirectory(ttf []byte) error {
	if len(ttf) < 12 {
		return errors.New("utf8 face: file too short")
	}
	if v := binary.BigEndian.Uint32(ttf); v != 0x00010000 && v != 0x74727565 {
		return errors.New("utf8 face: not a TrueType font")
	}
	n := int(binary.BigEndian.Uint16(ttf[4:]))
	if 12+16*n > len(ttf) {
		return errors.New("utf8 face: truncated table directory")
	}
	for i := 0; i < n; i++ {
		rec := ttf[12+16*i:]
		tag := string(rec[:4])
		off, ln := int(binary.BigEndian.Uint32(rec[8:])), int(binary.BigEndian.Uint32(rec[12:]))
		if off < 0 || ln < 0 || off+ln > len(ttf) || off+ln < off {
			return fmt.Errorf("utf8 face: table %q out of the file", tag)
		}
		face.tables[tag] = ttf[off : off+ln]
	}
	for _, t := range []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf", "cmap"} {
		if _, ok := face.tables[t]; !ok {
			return fmt.Errorf("utf8 face: no %q table", t)
		}
	}
	head, hhea, maxp := face.tables["head"], face.tables["hhea"], face.tables["maxp"]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 {
		return errors.New("utf8 face: short head, hhea or maxp table")
	}
	face.longLoca = binary.BigEndian.Uint16(head[50:]) == 1
	face.numGlyphs = int(binary.BigEndian.Uint16(maxp[4:]))
	face.numHM = int(binary.BigEndian.Uint16(hhea[34:]))
	locaLen := 2
	if face.longLoca {
		locaLen = 4
	}
	if face.numHM < 1 || face.numHM > face.numGlyphs ||
		len(face.tables["hmtx"]) < 4*face.numHM+2*(face.numGlyphs-face.numHM) ||
		len(face.tables["loca"]) < locaLen*(face.numGlyphs+1) {
		return errors.New("utf8 face: inconsistent glyph counts")
	}
	return face.parseCmap()
}

// parseMetrics computes the font descriptor and the widths exactly as fpdf's
// parser (utf8fontfile.go) does for AddUTF8FontFromBytes, so that text
// measures and is described the same either way
// (TestUTF8FaceMetricsAsUpstream), without its maps of every character:
// start-up of a process matters (a face is parsed in well under a
// millisecond).
func (face *UTF8Face) parseMetrics() {
	be16 := func(t []byte, off int) int {
		if off+2 > len(t) {
			return 0
		}
		return int(binary.BigEndian.Uint16(t[off:]))
	}
	s16 := func(t []byte, off int) int { return int(int16(be16(t, off))) }
	head, hhea := face.tables["head"], face.tables["hhea"]
	upem := be16(head, 18)
	if upem == 0 {
		upem = 1000
	}
	scale := 1000.0 / float64(upem)
	sc := func(v int) int { return int(float64(v) * scale) }
	d := &face.def.Desc
	d.FontBBox = fontBoxType{sc(s16(head, 36)), sc(s16(head, 38)), sc(s16(head, 40)), sc(s16(head, 42))}
	d.Ascent, d.Descent = sc(s16(hhea, 4)), sc(s16(hhea, 6))
	weight := 500
	if os2, ok := face.tables["OS/2"]; ok {
		weight = be16(os2, 4)
		if d.Ascent == 0 {
			d.Ascent = sc(s16(os2, 68))
		}
		if d.Descent == 0 {
			d.Descent = sc(s16(os2, 70))
		}
		if be16(os2, 0) > 1 {
			d.CapHeight = sc(s16(os2, 88))
		} else {
			d.CapHeight = d.Ascent
		}
	} else {
		if d.Ascent == 0 {
			d.Ascent = int(float64(d.FontBBox.Ymax) * scale)
		}
		if d.Descent == 0 {
			d.Descent = int(float64(d.FontBBox.Ymin) * scale)
		}
		d.CapHeight = d.Ascent
	}
	d.StemV = 50 + int(math.Pow(float64(weight)/65.0, 2))
	post := face.tables["post"]
	d.ItalicAngle = s16(post, 4)
	d.Flags = 4
	if d.ItalicAngle != 0 {
		d.Flags |= 64
	}
	if weight >= 600 {
		d.Flags |= 262144
	}
	if len(post) >= 16 && binary.BigEndian.Uint32(post[12:]) != 0 {
		d.Flags |= 1
	}
	face.def.Up = int(round(float64(s16(post, 8)) * scale))
	face.def.Ut = round(float64(s16(post, 10)) * scale)

	hmtx := face.tables["hmtx"]
	adv := func(g int) int {
		if g >= face.numHM {
			g = face.numHM - 1
		}
		a := be16(hmtx, 4*g)
		if a >= 1<<15 {
			a = 0
		}
		return a
	}
	d.MissingWidth = round(scale * float64(adv(0)))
	cw := make([]int, 256*256)
	count := 0
	for c, g := range face.gid {
		if g == 0 || c == 0 || c == 0xFFFF {
			continue
		}
		w := int(math.Round(scale * float64(adv(int(g)))))
		if w == 0 {
			w = 65535
		}
		cw[c] = w
		count++
	}
	cw[0] = count
	face.def.Cw = cw
}

// parseCmap reads the (3,1) or (0,x) format 4 subtable into face.gid.
func (face *UTF8Face) parseCmap() error {
	cmap := face.tables["cmap"]
	if len(cmap) < 4 {
		return errors.New("utf8 face: short cmap")
	}
	var sub []byte
	for i, n := 0, int(binary.BigEndian.Uint16(cmap[2:])); i < n && 4+8*i+8 <= len(cmap); i++ {
		rec := cmap[4+8*i:]
		pid, eid, off := binary.BigEndian.Uint16(rec), binary.BigEndian.Uint16(rec[2:]), int(binary.BigEndian.Uint32(rec[4:]))
		if !((pid == 3 && eid == 1) || pid == 0) || off+14 > len(cmap) || binary.BigEndian.Uint16(cmap[off:]) != 4 {
			continue
		}
		sub = cmap[off:]
		break
	}
	if sub == nil {
		return errors.New("utf8 face: no Unicode cmap of format 4")
	}
	if l := int(binary.BigEndian.Uint16(sub[2:])); l <= len(sub) {
		sub = sub[:l]
	}
	segs := int(binary.BigEndian.Uint16(sub[6:])) / 2
	if 16+8*segs > len(sub) {
		return errors.New("utf8 face: truncated cmap")
	}
	face.gid = make([]uint16, 0x10000)
	ends, starts := sub[14:], sub[16+2*segs:]
	deltas, ranges := sub[16+4*segs:], sub[16+6*segs:]
	for s := 0; s < segs; s++ {
		end, start := int(binary.BigEndian.Uint16(ends[2*s:])), int(binary.BigEndian.Uint16(starts[2*s:]))
		delta, ro := int(binary.BigEndian.Uint16(deltas[2*s:])), int(binary.BigEndian.Uint16(ranges[2*s:]))
		for c := start; c <= end && c <= 0xFFFF; c++ {
			g := 0
			if ro == 0 {
				g = (c + delta) & 0xFFFF
			} else {
				p := 16 + 6*segs + 2*s + ro + 2*(c-start)
				if p+2 > len(sub) {
					continue
				}
				if g = int(binary.BigEndian.Uint16(sub[p:])); g != 0 {
					g = (g + delta) & 0xFFFF
				}
			}
			if g > 0 && g < face.numGlyphs {
				face.gid[c] = uint16(g)
			}
		}
	}
	return nil
}

// Has reports whether the face has a glyph for r.
func (face *UTF8Face) Has(r rune) bool {
	return r >= 0 && int(r) < len(face.gid) && face.gid[r] != 0
}

// AddUTF8Face registers face under familyStr and styleStr for this document,
// like AddUTF8FontFromBytes, without parsing anything: when the document is
// written, the face is embedded as a subset of the glyphs the document used.
func (f *Fpdf) AddUTF8Face(familyStr, styleStr string, face *UTF8Face) {
	if f.err != nil {
		return
	}
	if face == nil {
		f.err = errors.New("AddUTF8Face: nil face")
		return
	}
	fontkey := getFontKey(fontFamilyEscape(familyStr), styleStr)
	if _, ok := f.fonts[fontkey]; ok {
		return
	}
	def := face.def
	def.Name = fontkey
	def.usedRunes = make(map[int]int, 128)
	def.usedLow = new(usedBits)
	def.face = face
	// Resource names must differ within a document: the same face may be
	// registered under two names.
	for n := 1; ; n++ {
		clash := false
		for _, other := range f.fonts {
			if other.i == def.i {
				clash = true
				break
			}
		}
		if !clash {
			break
		}
		def.i = face.def.i + "-" + strconv.Itoa(n)
	}
	f.fonts[fontkey] = def
}

// glyphData returns the outline of glyph g in the original file.
func (face *UTF8Face) glyphData(g int) []byte {
	loca, glyf := face.tables["loca"], face.tables["glyf"]
	var a, b int
	if face.longLoca {
		a, b = int(binary.BigEndian.Uint32(loca[4*g:])), int(binary.BigEndian.Uint32(loca[4*g+4:]))
	} else {
		a, b = 2*int(binary.BigEndian.Uint16(loca[2*g:])), 2*int(binary.BigEndian.Uint16(loca[2*g+2:]))
	}
	if a < 0 || b < a || b > len(glyf) {
		return nil
	}
	return glyf[a:b]
}

// Composite glyph flags (TrueType 'glyf').
const (
	cgArgsAreWords     = 0x0001
	cgHaveScale        = 0x0008
	cgMore             = 0x0020
	cgXYScale          = 0x0040
	cgTwoByTwo         = 0x0080
	cgHaveInstructions = 0x0100
)

// components calls fn with the offset of each component's glyph index in a
// composite glyph d.
func components(d []byte, fn func(off int)) {
	if len(d) < 10 || int16(binary.BigEndian.Uint16(d)) >= 0 {
		return
	}
	p := 10
	for p+4 <= len(d) {
		flags := binary.BigEndian.Uint16(d[p:])
		fn(p + 2)
		p += 4
		if flags&cgArgsAreWords != 0 {
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&cgHaveScale != 0:
			p += 2
		case flags&cgXYScale != 0:
			p += 4
		case flags&cgTwoByTwo != 0:
			p += 8
		}
		if flags&cgMore == 0 {
			break
		}
	}
}

// appendGlyphWithoutHints appends the outline d without its TrueType
// instructions: PDF viewers rasterise unhinted (pdf.js, Acrobat, poppler's
// default), and the instructions and the programs they call are about
// a third of a Liberation Serif subset. A glyph that does not parse is
// copied as it is.
func appendGlyphWithoutHints(b, d []byte) []byte {
	if len(d) < 10 {
		return append(b, d...)
	}
	nc := int(int16(binary.BigEndian.Uint16(d)))
	if nc >= 0 {
		p := 10 + 2*nc // instructionLength
		if p+2 > len(d) {
			return append(b, d...)
		}
		n := int(binary.BigEndian.Uint16(d[p:]))
		if p+2+n > len(d) {
			return append(b, d...)
		}
		b = append(b, d[:p]...)
		b = append(b, 0, 0)
		return append(b, d[p+2+n:]...)
	}
	// Composite: the instructions follow the last component when its
	// flags say so.
	p, last := 10, -1
	for p+4 <= len(d) {
		flags := binary.BigEndian.Uint16(d[p:])
		last = p
		p += 4
		if flags&cgArgsAreWords != 0 {
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&cgHaveScale != 0:
			p += 2
		case flags&cgXYScale != 0:
			p += 4
		case flags&cgTwoByTwo != 0:
			p += 8
		}
		if flags&cgMore == 0 {
			break
		}
	}
	if last < 0 || p > len(d) || binary.BigEndian.Uint16(d[last:])&cgHaveInstructions == 0 {
		return append(b, d...)
	}
	start := len(b)
	b = append(b, d[:p]...)
	binary.BigEndian.PutUint16(b[start+last:], binary.BigEndian.Uint16(d[last:])&^cgHaveInstructions)
	return b
}

// faceSubset is one document's cut of a face.
type faceSubset struct {
	runes  []int    // used runes with a glyph, ascending (the CIDs)
	newGID []uint16 // by rune index: the glyph in the subset
	font   []byte   // the TrueType file
	tag    string   // six capital letters naming the subset
}

// subset cuts the glyphs of used (runes) out of the face.
func (face *UTF8Face) subset(used map[int]int) *faceSubset {
	s := &faceSubset{}
	for r := range used {
		if r > 0 && r <= 0xFFFF {
			s.runes = append(s.runes, r)
		}
	}
	slices.Sort(s.runes)
	// Glyphs: .notdef, those of the runes, and the components of composites.
	keep := make([]bool, face.numGlyphs)
	keep[0] = true
	var queue []int
	for _, r := range s.runes {
		if g := int(face.gid[r]); !keep[g] {
			keep[g] = true
			queue = append(queue, g)
		}
	}
	for len(queue) > 0 {
		g := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		d := face.glyphData(g)
		components(d, func(off int) {
			c := int(binary.BigEndian.Uint16(d[off:]))
			if c < face.numGlyphs && !keep[c] {
				keep[c] = true
				queue = append(queue, c)
			}
		})
	}
	renum := make([]uint16, face.numGlyphs)
	var olds []int
	for g, k := range keep {
		if k {
			renum[g] = uint16(len(olds))
			olds = append(olds, g)
		}
	}
	s.newGID = make([]uint16, len(s.runes))
	for i, r := range s.runes {
		s.newGID[i] = renum[face.gid[r]]
	}

	// glyf and loca (long offsets), hmtx with one metric per glyph.
	var glyf []byte
	loca := make([]byte, 4*(len(olds)+1))
	hmtx := make([]byte, 4*len(olds))
	src := face.tables["hmtx"]
	for i, g := range olds {
		binary.BigEndian.PutUint32(loca[4*i:], uint32(len(glyf)))
		start := len(glyf)
		glyf = appendGlyphWithoutHints(glyf, face.glyphData(g))
		components(glyf[start:], func(off int) {
			c := binary.BigEndian.Uint16(glyf[start+off:])
			if int(c) < len(renum) {
				binary.BigEndian.PutUint16(glyf[start+off:], renum[c])
			}
		})
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
		if g < face.numHM {
			copy(hmtx[4*i:], src[4*g:4*g+4])
		} else {
			copy(hmtx[4*i:], src[4*(face.numHM-1):4*(face.numHM-1)+2])
			copy(hmtx[4*i+2:], src[4*face.numHM+2*(g-face.numHM):])
		}
	}
	binary.BigEndian.PutUint32(loca[4*len(olds):], uint32(len(glyf)))

	head := slices.Clone(face.tables["head"][:54])
	binary.BigEndian.PutUint32(head[8:], 0) // checkSumAdjustment, set below
	binary.BigEndian.PutUint16(head[50:], 1)
	hhea := slices.Clone(face.tables["hhea"][:36])
	binary.BigEndian.PutUint16(hhea[34:], uint16(len(olds)))
	maxp := slices.Clone(face.tables["maxp"])
	binary.BigEndian.PutUint16(maxp[4:], uint16(len(olds)))
	post := []byte{0, 3, 0, 0} // format 3: no glyph names
	if p := face.tables["post"]; len(p) >= 32 {
		post = append(post, p[4:32]...)
	} else {
		post = append(post, make([]byte, 28)...)
	}
	// No hinting programs (cvt, fpgm, prep): the glyphs carry no
	// instructions.
	tables := map[string][]byte{"glyf": glyf, "head": head, "hhea": hhea, "hmtx": hmtx, "loca": loca, "maxp": maxp, "post": post,
		"cmap": subsetCmap(s.runes, s.newGID)}
	s.font = assembleTrueType(tables)

	// The tag: derived from the glyphs kept, so the same subset has the same
	// name and different subsets (almost surely) not.
	h := sha1.New()
	for _, g := range olds {
		h.Write([]byte{byte(g >> 8), byte(g)})
	}
	sum := h.Sum(nil)
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + sum[i]%26
	}
	s.tag = string(tag)
	return s
}

// subsetCmap is a Unicode (3,1) cmap of format 4 for the subset: PDF
// viewers map CIDs through the CIDToGIDMap, but font tools and some
// viewers expect a cmap in an embedded TrueType font.
func subsetCmap(runes []int, gids []uint16) []byte {
	type seg struct{ start, end, delta int }
	var segs []seg
	for i, r := range runes {
		g := int(gids[i])
		if g == 0 || r >= 0xFFFF {
			continue
		}
		if n := len(segs); n > 0 && segs[n-1].end == r-1 && segs[n-1].delta == g-r {
			segs[n-1].end = r
			continue
		}
		segs = append(segs, seg{r, r, g - r})
	}
	segs = append(segs, seg{0xFFFF, 0xFFFF, 1})
	n := len(segs)
	es := 0
	for 1<<(es+1) <= n {
		es++
	}
	sub := make([]byte, 16+8*n)
	binary.BigEndian.PutUint16(sub[0:], 4)
	binary.BigEndian.PutUint16(sub[2:], uint16(len(sub)))
	binary.BigEndian.PutUint16(sub[6:], uint16(2*n))
	binary.BigEndian.PutUint16(sub[8:], uint16(2<<es))
	binary.BigEndian.PutUint16(sub[10:], uint16(es))
	binary.BigEndian.PutUint16(sub[12:], uint16(2*n-2<<es))
	for i, sg := range segs {
		binary.BigEndian.PutUint16(sub[14+2*i:], uint16(sg.end))
		binary.BigEndian.PutUint16(sub[16+2*n+2*i:], uint16(sg.start))
		binary.BigEndian.PutUint16(sub[16+4*n+2*i:], uint16(sg.delta))
	}
	head := []byte{0, 0, 0, 1, 0, 3, 0, 1, 0, 0, 0, 12}
	return append(head, sub...)
}

// assembleTrueType writes tables as a TrueType file, with their checksums
// and the head table's checkSumAdjustment.
func assembleTrueType(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	size := 12 + 16*len(tables)
	for t, d := range tables {
		tags = append(tags, t)
		size += (len(d) + 3) &^ 3
	}
	slices.Sort(tags)
	n := len(tags)
	es := 0
	for 1<<(es+1) <= n {
		es++
	}
	out := make([]byte, 12+16*n, size)
	binary.BigEndian.PutUint32(out, 0x00010000)
	binary.BigEndian.PutUint16(out[4:], uint16(n))
	binary.BigEndian.PutUint16(out[6:], uint16(16<<es))
	binary.BigEndian.PutUint16(out[8:], uint16(es))
	binary.BigEndian.PutUint16(out[10:], uint16(16*n-16<<es))
	headAt := 0
	for i, t := range tags {
		d := tables[t]
		rec := out[12+16*i:]
		copy(rec, t)
		binary.BigEndian.PutUint32(rec[4:], ttChecksum(d))
		binary.BigEndian.PutUint32(rec[8:], uint32(len(out)))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(d)))
		if t == "head" {
			headAt = len(out)
		}
		out = append(out, d...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	binary.BigEndian.PutUint32(out[headAt+8:], 0xB1B0AFBA-ttChecksum(out))
	return out
}

func ttChecksum(d []byte) uint32 {
	var sum uint32
	for len(d) >= 4 {
		sum += binary.BigEndian.Uint32(d)
		d = d[4:]
	}
	if len(d) > 0 {
		var last [4]byte
		copy(last[:], d)
		sum += binary.BigEndian.Uint32(last[:])
	}
	return sum
}

// putUTF8Face writes the objects of a face registered with AddUTF8Face: the
// same six objects, in the same order, as putfonts' UTF8 case, for the
// subset of the runes this document used.
func (f *Fpdf) putUTF8Face(font fontDefType) {
	used := font.usedRunes
	if f.aliasNbPagesStr != "" {
		// The page count replaces the alias after the text was recorded.
		for r := '0'; r <= '9'; r++ {
			used[int(r)] = int(r)
		}
	}
	p := font.face.prepared(used, f.protect.encrypted)
	fontName := p.tag + "+utf8" + font.Name

	f.newobj()
	f.out("<</Type /Font\n/Subtype /Type0\n/BaseFont /" + fontName + "\n/Encoding /Identity-H\n/DescendantFonts [" +
		strconv.Itoa(f.n+1) + " 0 R]\n/ToUnicode " + strconv.Itoa(f.n+2) + " 0 R>>\nendobj")

	f.newobj()
	f.out("<</Type /Font\n/Subtype /CIDFontType2\n/BaseFont /" + fontName + "\n" +
		"/CIDSystemInfo " + strconv.Itoa(f.n+2) + " 0 R\n/FontDescriptor " + strconv.Itoa(f.n+3) + " 0 R")
	if font.Desc.MissingWidth != 0 {
		f.out("/DW " + strconv.Itoa(font.Desc.MissingWidth))
	}
	f.outBytes(p.widths)
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
	var d fmtBuffer
	d.printf("<</Type /FontDescriptor /FontName /%s\n /Ascent %d", fontName, font.Desc.Ascent)
	d.printf(" /Descent %d", font.Desc.Descent)
	d.printf(" /CapHeight %d", font.Desc.CapHeight)
	v := font.Desc.Flags
	v = v | 4
	v = v &^ 32
	d.printf(" /Flags %d", v)
	d.printf("/FontBBox [%d %d %d %d] ", font.Desc.FontBBox.Xmin, font.Desc.FontBBox.Ymin,
		font.Desc.FontBBox.Xmax, font.Desc.FontBBox.Ymax)
	d.printf(" /ItalicAngle %d", font.Desc.ItalicAngle)
	d.printf(" /StemV %d", font.Desc.StemV)
	d.printf(" /MissingWidth %d", font.Desc.MissingWidth)
	d.printf("/FontFile2 %d 0 R", f.n+2)
	d.printf(">>")
	f.out(d.String())
	f.out("endobj")

	f.newobj()
	f.out("<</Length " + strconv.Itoa(len(p.cidMap)) + "/Filter /FlateDecode>>")
	f.putstream(slices.Clone(p.cidMap)) // putstream encrypts in place
	f.out("endobj")

	f.newobj()
	f.out("<</Length " + strconv.Itoa(len(p.fontFile)) + "/Length1 " + strconv.Itoa(p.fontLen) + ">>")
	f.putstream(slices.Clone(p.fontFile))
	f.out("endobj")
}

// preparedSubset is a subset ready to be written: the /W line, the
// compressed CIDToGIDMap and the font file. It is shared read-only between documents.
type preparedSubset struct {
	tag      string
	widths   []byte // "/W [...]"
	cidMap   []byte // compressed CIDToGIDMap
	fontFile []byte // the TrueType file (not compressed)
	fontLen  int    // its length
}

// subsetCacheSize bounds the prepared subsets a face keeps.
const subsetCacheSize = 64

// prepared returns the subset of the runes in used, from the face's cache
// when a document with the same runes was written before (a preview
// rendered again as an officer types, the same kind of document issued
// again), otherwise cut, compressed and remembered.
func (face *UTF8Face) prepared(used map[int]int, encrypted bool) *preparedSubset {
	runes := make([]int, 0, len(used))
	for r := range used {
		if r > 0 && r <= 0xFFFF {
			runes = append(runes, r)
		}
	}
	slices.Sort(runes)
	h := sha1.New()
	var b [2]byte
	for _, r := range runes {
		binary.BigEndian.PutUint16(b[:], uint16(r))
		h.Write(b[:])
	}
	var key [sha1.Size]byte
	h.Sum(key[:0])
	face.mu.Lock()
	p, ok := face.cache[key]
	face.mu.Unlock()
	if ok {
		return p
	}
	p = face.prepare(runes)
	face.mu.Lock()
	if face.cache == nil {
		face.cache = make(map[[sha1.Size]byte]*preparedSubset)
	}
	if _, ok := face.cache[key]; !ok {
		if len(face.order) >= subsetCacheSize { // first in, first out
			delete(face.cache, face.order[0])
			face.order = face.order[1:]
		}
		face.cache[key] = p
		face.order = append(face.order, key)
	}
	face.mu.Unlock()
	return p
}

// prepare cuts and compresses the subset of runes (sorted).
func (face *UTF8Face) prepare(runes []int) *preparedSubset {
	used := make(map[int]int, len(runes))
	for _, r := range runes {
		used[r] = r
	}
	s := face.subset(used)
	p := &preparedSubset{tag: s.tag, fontLen: len(s.font)}
	// Widths of the runes used, as runs of consecutive CIDs.
	w := []byte("/W [")
	for i := 0; i < len(s.runes); {
		j := i + 1
		for j < len(s.runes) && s.runes[j] == s.runes[j-1]+1 {
			j++
		}
		w = strconv.AppendInt(w, int64(s.runes[i]), 10)
		w = append(w, " ["...)
		for k := i; k < j; k++ {
			cw := face.def.Cw[s.runes[k]]
			if cw == 65535 {
				cw = 0
			}
			if k > i {
				w = append(w, ' ')
			}
			w = strconv.AppendInt(w, int64(cw), 10)
		}
		w = append(w, "] "...)
		i = j
	}
	p.widths = append(w, ']')
	// CIDToGIDMap: two bytes per CID up to the last rune used.
	last := 0
	if len(s.runes) > 0 {
		last = s.runes[len(s.runes)-1]
	}
	cidMap := make([]byte, 2*(last+1))
	for i, r := range s.runes {
		binary.BigEndian.PutUint16(cidMap[2*r:], s.newGID[i])
	}
	mem := xmem.compress(cidMap)
	p.cidMap = slices.Clone(mem.bytes())
	mem.release()
	// The font file is stored as it is: glyph outlines have few repeats
	// to find, so Flate saved 30 % of an 8 KB subset for most of the cost
	// of a document (its Huffman tables alone, at any level).
	p.fontFile = s.font
	return p
}
