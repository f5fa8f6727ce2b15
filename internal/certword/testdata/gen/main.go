// Command gen writes templates/certificates/giay-khen.docx, the Word
// certificate template shipped with vanban: A4 landscape, a double page
// border, the §7.4 lines with {placeholders}. Like a file saved by Word, it
// splits some placeholders across runs ("{nguoi_" + "nhan}", "{" +
// "thanh_" + "tich}"), which the filler must survive.
//
//	go run ./internal/certword/testdata/gen -out templates/certificates/giay-khen.docx
package main

import (
	"archive/zip"
	"flag"
	"fmt"
	"log"
	"os"
	"strings"
)

const (
	red   = "C00000"
	frame = "9B1B1B"
)

// run is one <w:r> with its formatting.
type run struct {
	text                string
	bold, italic, under bool
	size                int // pt
	color               string
}

func (r run) xml() string {
	var p strings.Builder
	p.WriteString(`<w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/>`)
	if r.bold {
		p.WriteString(`<w:b/><w:bCs/>`)
	}
	if r.italic {
		p.WriteString(`<w:i/><w:iCs/>`)
	}
	if r.color != "" {
		fmt.Fprintf(&p, `<w:color w:val="%s"/>`, r.color)
	}
	fmt.Fprintf(&p, `<w:sz w:val="%d"/><w:szCs w:val="%d"/>`, r.size*2, r.size*2)
	if r.under {
		p.WriteString(`<w:u w:val="single"/>`)
	}
	p.WriteString(`</w:rPr>`)
	return `<w:r w:rsidRPr="00A1B2C3">` + p.String() + `<w:t xml:space="preserve">` + esc(r.text) + `</w:t></w:r>`
}

func esc(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// para is a paragraph: alignment, space before/after in pt, runs.
func para(align string, before, after int, runs ...run) string {
	return ipara(align, before, after, 0, runs...)
}

// ipara is a paragraph indented on both sides by indent twips.
func ipara(align string, before, after, indent int, runs ...run) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<w:p><w:pPr><w:spacing w:before="%d" w:after="%d" w:line="264" w:lineRule="auto"/><w:ind w:left="%d" w:right="%d"/><w:jc w:val="%s"/></w:pPr>`, before*20, after*20, indent, indent, align)
	for _, r := range runs {
		b.WriteString(r.xml())
	}
	b.WriteString(`</w:p>`)
	return b.String()
}

func cell(widthTwips int, paras ...string) string {
	return fmt.Sprintf(`<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/><w:vAlign w:val="top"/></w:tcPr>%s</w:tc>`, widthTwips, strings.Join(paras, ""))
}

func document() string {
	var body strings.Builder
	c := func(s string) { body.WriteString(s) }
	c(para("center", 10, 0, run{text: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold: true, size: 14}))
	c(para("center", 0, 18, run{text: "Độc lập - Tự do - Hạnh phúc", bold: true, under: true, size: 14}))
	c(para("center", 0, 6, run{text: "{nguoi_tang}", bold: true, size: 16, color: red}))
	c(para("center", 0, 2, run{text: "TẶNG", bold: true, size: 14}))
	c(para("center", 0, 12, run{text: "{loai}", bold: true, size: 40, color: red}))
	// Split across runs as Word does after an edit (same formatting,
	// different revision ids).
	c(para("center", 0, 8, run{text: "{nguoi_", bold: true, size: 24}, run{text: "nhan}", bold: true, size: 24}))
	c(para("center", 0, 4, run{text: "{chuc_vu}", size: 15}))
	c(para("center", 0, 10, run{text: "{don_vi}", size: 15}))
	c(ipara("center", 0, 22, 850, run{text: "{", size: 15}, run{text: "thanh_", size: 15}, run{text: "tich}", size: 15}))
	left := cell(7400,
		para("left", 84, 0, run{text: "Quyết định số {so_quyet_dinh} ngày {ngay_quyet_dinh}", bold: true, italic: true, size: 13}),
		para("left", 0, 0, run{text: "Số sổ vàng: {so_so_vang}", bold: true, italic: true, size: 13}),
		para("left", 6, 0, run{text: "Mã xác thực: {ma_xac_thuc}", italic: true, size: 9}),
	)
	right := cell(7400,
		para("center", 0, 0, run{text: "{dia_danh_ngay}", bold: true, italic: true, size: 14}),
		para("center", 0, 0, run{text: "{tham_quyen}", bold: true, size: 14}),
		para("center", 0, 0, run{text: "{chuc_danh_ky}", bold: true, size: 14}),
		// 35 mm (99 pt) and more between the title line and the name: room
		// for the signature and a Sở's seal.
		para("center", 102, 0, run{text: "{nguoi_ky}", bold: true, size: 15}),
	)
	c(`<w:tbl><w:tblPr><w:tblW w:w="14800" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>` +
		`<w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/>` +
		`</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid><w:gridCol w:w="7400"/><w:gridCol w:w="7400"/></w:tblGrid>` +
		`<w:tr>` + left + right + `</w:tr></w:tbl>`)
	// A4 landscape 297 × 210 mm, margins 1.5 cm, a double page border.
	border := func(side string) string {
		return fmt.Sprintf(`<w:%s w:val="thinThickSmallGap" w:sz="24" w:space="12" w:color="%s"/>`, side, frame)
	}
	sect := `<w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>` +
		`<w:pgMar w:top="1020" w:right="1020" w:bottom="850" w:left="1020" w:header="0" w:footer="0" w:gutter="0"/>` +
		`<w:pgBorders w:offsetFrom="page">` + border("top") + border("left") + border("bottom") + border("right") + `</w:pgBorders>` +
		`</w:sectPr>`
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
		`<w:body>` + body.String() + sect + `</w:body></w:document>`
}

const contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`

const rootRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`

const docRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`

const styles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="vi-VN" w:eastAsia="en-US" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>`

const core = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>Giấy khen (mẫu điền)</dc:title><dc:creator>vanban</dc:creator></cp:coreProperties>`

func main() {
	out := flag.String("out", "templates/certificates/giay-khen.docx", "output .docx")
	flag.Parse()
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for _, p := range []struct{ name, body string }{
		{"[Content_Types].xml", contentTypes},
		{"_rels/.rels", rootRels},
		{"docProps/core.xml", core},
		{"word/_rels/document.xml.rels", docRels},
		{"word/styles.xml", styles},
		{"word/document.xml", document()},
	} {
		w, err := zw.Create(p.name)
		if err != nil {
			log.Fatal(err)
		}
		if _, err := w.Write([]byte(p.body)); err != nil {
			log.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}
