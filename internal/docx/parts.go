package docx

import (
	"math"
	"strconv"

	"github.com/vanban/vanban/internal/document"
)

// headerPart is one word/headerN.xml: the centred page number at sizePt, or
// (page false) an empty 1 pt header.
type headerPart struct {
	file, rid string
	page      bool
	sizePt    float64
	lineHt    float64 // exact line height of the page number, pt
}

// headerPlan lists the header parts and, per section, the relationship ids
// of its default and first-page headers. Every section names its headers
// explicitly, because Word otherwise inherits the previous section's.
type headerPlan struct {
	parts    []headerPart
	sections []struct{ def, first string }
}

// Relationship ids of word/_rels/document.xml.rels; headers follow.
const (
	ridStyles    = "rId1"
	ridSettings  = "rId2"
	ridFontTable = "rId3"
	firstHeader  = 4
)

// pageNumberSize is the size used when a section shows numbers but gives no
// size (NĐ30: 13–14 pt).
const pageNumberSize = 14

// fontHeightEm is ascent + descent of Times New Roman and Liberation Serif
// (1825 + 443 units of 2048).
const fontHeightEm = (1825.0 + 443.0) / 2048

func planHeaders(d document.Document) *headerPlan {
	hp := &headerPlan{}
	add := func(h headerPart) string {
		for _, p := range hp.parts {
			if p.page == h.page && p.sizePt == h.sizePt && p.lineHt == h.lineHt {
				return p.rid
			}
		}
		n := len(hp.parts)
		h.file = "header" + strconv.Itoa(n+1) + ".xml"
		h.rid = "rId" + strconv.Itoa(firstHeader+n)
		hp.parts = append(hp.parts, h)
		return h.rid
	}
	for _, s := range d.Sections {
		var refs struct{ def, first string }
		pn := s.PageNumber
		if pn.Show {
			size := pn.SizePt
			if size == 0 {
				size = pageNumberSize
			}
			// The line is as high as the font's ascent + descent, so that
			// with the baseline at the line's bottom less the descent (as
			// Word and LibreOffice set exact lines) the top of the digits'
			// box is OffsetMM below the paper's edge, as in the PDF. Shrunk
			// if needed so the header never reaches the body: Word and
			// LibreOffice would push the body down.
			room := (s.Page.Margins.TopMM - pn.OffsetMM) * document.PtPerMM
			line := math.Min(math.Round(size*fontHeightEm*20)/20, room-1)
			line = math.Max(line, minLinePt)
			refs.def = add(headerPart{page: true, sizePt: size, lineHt: line})
			if pn.HideOnFirst {
				refs.first = add(headerPart{})
			}
		} else {
			refs.def = add(headerPart{})
		}
		hp.sections = append(hp.sections, refs)
	}
	return hp
}

const xmlDecl = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

// xml returns the header part: a centred PAGE field, or an empty paragraph.
func (h headerPart) xml(font string) []byte {
	var x buf
	x.s(xmlDecl)
	x.s(`<w:hdr xmlns:w="` + nsW + `" xmlns:r="` + nsR + `"><w:p><w:pPr><w:pStyle w:val="Header"/>`)
	if !h.page {
		x.s(`<w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/><w:ind w:left="0" w:right="0" w:firstLine="0"/><w:jc w:val="left"/><w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr></w:p></w:hdr>`)
		return x.b
	}
	hp := strconv.Itoa(halfPoints(h.sizePt))
	rpr := `<w:rPr><w:sz w:val="` + hp + `"/><w:szCs w:val="` + hp + `"/></w:rPr>`
	x.s(`<w:spacing w:before="0" w:after="0" w:line="`)
	x.i(twentieths(h.lineHt))
	x.s(`" w:lineRule="exact"/><w:ind w:left="0" w:right="0" w:firstLine="0"/><w:jc w:val="center"/>`)
	x.s(rpr)
	x.s(`</w:pPr>`)
	x.s(`<w:r>` + rpr + `<w:fldChar w:fldCharType="begin"/></w:r>`)
	x.s(`<w:r>` + rpr + `<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>`)
	x.s(`<w:r>` + rpr + `<w:fldChar w:fldCharType="separate"/></w:r>`)
	x.s(`<w:r>` + rpr + `<w:t>1</w:t></w:r>`)
	x.s(`<w:r>` + rpr + `<w:fldChar w:fldCharType="end"/></w:r>`)
	x.s(`</w:p></w:hdr>`)
	return x.b
}

func contentTypes(hp *headerPlan) []byte {
	var x buf
	x.s(xmlDecl)
	x.s(`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
		`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` +
		`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
		`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
		`<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>` +
		`<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>`)
	for _, h := range hp.parts {
		x.s(`<Override PartName="/word/` + h.file + `" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>`)
	}
	x.s(`</Types>`)
	return x.b
}

const rootRels = xmlDecl + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>` +
	`</Relationships>`

func documentRels(hp *headerPlan) []byte {
	var x buf
	x.s(xmlDecl)
	x.s(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="` + ridStyles + `" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
		`<Relationship Id="` + ridSettings + `" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>` +
		`<Relationship Id="` + ridFontTable + `" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/>`)
	for _, h := range hp.parts {
		x.s(`<Relationship Id="` + h.rid + `" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="` + h.file + `"/>`)
	}
	x.s(`</Relationships>`)
	return x.b
}

// coreProps carries the title, subject and author; no dates, so that the
// same input gives the same bytes.
func coreProps(d document.Document) []byte {
	var x buf
	x.s(xmlDecl)
	x.s(`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	for _, f := range []struct{ tag, v string }{{"dc:title", d.Title}, {"dc:subject", d.Subject}, {"dc:creator", d.Author}} {
		if f.v == "" {
			continue
		}
		x.s("<" + f.tag + ">")
		x.esc(f.v)
		x.s("</" + f.tag + ">")
	}
	x.s(`<dc:language>vi-VN</dc:language></cp:coreProperties>`)
	return x.b
}

const appProps = xmlDecl + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>vanban</Application></Properties>`

// settings: no automatic hyphenation (Vietnamese is not hyphenated and the
// PDF breaks only at spaces), Word 2013+ layout (compatibility mode 15),
// lines ended by a manual break not stretched when justified, Vietnamese
// number punctuation.
const settings = xmlDecl + `<w:settings xmlns:w="` + nsW + `">` +
	`<w:zoom w:percent="100"/>` +
	`<w:defaultTabStop w:val="720"/>` +
	`<w:autoHyphenation w:val="false"/>` +
	`<w:characterSpacingControl w:val="doNotCompress"/>` +
	`<w:compat><w:doNotExpandShiftReturn/>` +
	`<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>` +
	`</w:compat>` +
	`<w:themeFontLang w:val="vi-VN"/>` +
	`<w:decimalSymbol w:val=","/><w:listSeparator w:val=";"/>` +
	`</w:settings>`

// fontTable names the one family used.
func fontTable(font string) []byte {
	var x buf
	x.s(xmlDecl)
	x.s(`<w:fonts xmlns:w="` + nsW + `"><w:font w:name="`)
	x.esc(font)
	x.s(`">`)
	if font == DefaultFont {
		x.s(`<w:panose1 w:val="02020603050405020304"/>`)
	}
	x.s(`<w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font></w:fonts>`)
	return x.b
}

// styles: the document defaults and Normal are Times New Roman 14 pt in
// Vietnamese with widow/orphan control (NĐ30 Phụ lục I: Times New Roman,
// body 13–14 pt, justified, first-line indent 1 cm); every paragraph of the
// body states its own spacing, indents and alignment, so Normal only serves
// text a user adds in Word. LayoutGrid is the borderless style of the header
// and signature grids, DataTable the single-line style of the danh sách.
func styles(font string) []byte {
	var x buf
	x.s(xmlDecl)
	fonts := func() {
		x.s(`<w:rFonts w:ascii="`)
		x.esc(font)
		x.s(`" w:eastAsia="`)
		x.esc(font)
		x.s(`" w:hAnsi="`)
		x.esc(font)
		x.s(`" w:cs="`)
		x.esc(font)
		x.s(`"/>`)
	}
	x.s(`<w:styles xmlns:w="` + nsW + `"><w:docDefaults><w:rPrDefault><w:rPr>`)
	fonts()
	x.s(`<w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>`)
	x.s(`<w:pPrDefault><w:pPr><w:widowControl/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>`)
	x.s(`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>` +
		`<w:pPr><w:widowControl/><w:spacing w:before="0" w:after="120" w:line="360" w:lineRule="exact"/><w:ind w:firstLine="567"/><w:jc w:val="both"/></w:pPr><w:rPr>`)
	fonts()
	x.s(`<w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA"/></w:rPr></w:style>`)
	x.s(`<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>`)
	x.s(`<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>` +
		`<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>`)
	x.s(`<w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>` +
		`<w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:ind w:firstLine="0"/><w:jc w:val="center"/></w:pPr></w:style>`)
	x.s(`<w:style w:type="table" w:customStyle="1" w:styleId="LayoutGrid"><w:name w:val="Bảng bố cục (không viền)"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/>` +
		`<w:pPr><w:spacing w:before="0" w:after="0"/><w:ind w:firstLine="0"/></w:pPr>` +
		`<w:tblPr><w:tblBorders>`)
	for _, side := range [...]string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		x.s(`<w:` + side + ` w:val="none" w:sz="0" w:space="0" w:color="auto"/>`)
	}
	x.s(`</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="0" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>`)
	x.s(`<w:style w:type="table" w:customStyle="1" w:styleId="DataTable"><w:name w:val="Bảng danh sách (có viền)"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/>` +
		`<w:pPr><w:spacing w:before="0" w:after="0"/><w:ind w:firstLine="0"/></w:pPr>` +
		`<w:tblPr><w:tblBorders>`)
	for _, side := range [...]string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		x.s(`<w:` + side + ` w:val="single" w:sz="4" w:space="0" w:color="000000"/>`)
	}
	x.s(`</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr></w:style>`)
	x.s(`</w:styles>`)
	return x.b
}
