package docx

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/document"
	"github.com/vanban/vanban/internal/golden"
	"github.com/vanban/vanban/internal/typeset/typesettest"
)

func TestPackageParts(t *testing.T) {
	parts, names, raw := render(t, sampleDocument(10))
	want := []string{
		"[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml",
		"word/document.xml", "word/styles.xml", "word/settings.xml", "word/fontTable.xml",
		"word/header1.xml", "word/header2.xml", "word/_rels/document.xml.rels",
	}
	if strings.Join(names, "\n") != strings.Join(want, "\n") {
		t.Fatalf("zip entries:\n%s\nwant:\n%s", strings.Join(names, "\n"), strings.Join(want, "\n"))
	}
	for _, name := range names {
		parseXML(t, parts[name]) // every part is well-formed
	}
	// No timestamps: every entry carries the fixed MS-DOS epoch.
	if n := bytes.Count(raw, []byte("PK\x01\x02")); n != len(want) {
		t.Fatalf("central directory has %d entries, want %d", n, len(want))
	}

	ct := parseXML(t, parts["[Content_Types].xml"])
	overrides := map[string]string{}
	for _, o := range ct.all("Override") {
		overrides[o.attr["PartName"]] = o.attr["ContentType"]
	}
	for _, name := range names {
		if !strings.HasSuffix(name, ".rels") && name != "[Content_Types].xml" && overrides["/"+name] == "" {
			t.Errorf("[Content_Types].xml has no override for %s", name)
		}
	}
	rels := parseXML(t, parts["word/_rels/document.xml.rels"])
	for _, r := range rels.all("Relationship") {
		if _, ok := parts["word/"+r.attr["Target"]]; !ok {
			t.Errorf("relationship %s targets missing part %s", r.attr["Id"], r.attr["Target"])
		}
	}

	core := parseXML(t, parts["docProps/core.xml"])
	for tag, v := range map[string]string{
		"title":   "Kế hoạch triển khai phong trào thi đua đặc biệt",
		"subject": "Kế hoạch số 25/KH-SVHTTDL",
		"creator": "Sở Văn hóa, Thể thao và Du lịch tỉnh Lai Châu",
	} {
		if n := core.child(tag); n == nil || n.text != v {
			t.Errorf("core.xml %s = %v, want %q", tag, n, v)
		}
	}
	if strings.Contains(string(parts["docProps/core.xml"]), "dcterms:created") {
		t.Error("core.xml carries a creation date; output would not be deterministic")
	}
}

func TestDeterministic(t *testing.T) {
	d := sampleDocument(30)
	_, _, a := render(t, d)
	_, _, b := render(t, d)
	if !bytes.Equal(a, b) {
		t.Fatal("two renders of the same document differ")
	}
}

func TestStylesAndSettings(t *testing.T) {
	parts, _, _ := render(t, sampleDocument(0))
	st := parseXML(t, parts["word/styles.xml"])
	rpr := st.path("docDefaults", "rPrDefault", "rPr")
	var normal *node
	for _, s := range st.all("style") {
		if s.attr["styleId"] == "Normal" {
			normal = s
		}
	}
	if normal == nil {
		t.Fatal("no Normal style")
	}
	for _, r := range []*node{rpr, normal.child("rPr")} {
		f := r.child("rFonts")
		for _, a := range []string{"ascii", "hAnsi", "cs", "eastAsia"} {
			if f.attr[a] != "Times New Roman" {
				t.Errorf("rFonts %s = %q, want Times New Roman", a, f.attr[a])
			}
		}
		if r.attrOf("sz", "val") != "28" || r.attrOf("szCs", "val") != "28" {
			t.Errorf("default size %s/%s half-points, want 28 (14 pt)", r.attrOf("sz", "val"), r.attrOf("szCs", "val"))
		}
		if r.attrOf("lang", "val") != "vi-VN" {
			t.Errorf("lang = %q, want vi-VN", r.attrOf("lang", "val"))
		}
	}
	if !normal.child("pPr").has("widowControl") {
		t.Error("Normal has no widow/orphan control")
	}
	ids := map[string]bool{}
	for _, s := range st.all("style") {
		ids[s.attr["styleId"]] = true
	}
	for _, id := range []string{"LayoutGrid", "DataTable", "TableNormal", "Header"} {
		if !ids[id] {
			t.Errorf("styles.xml lacks style %s", id)
		}
	}

	set := parseXML(t, parts["word/settings.xml"])
	if set.attrOf("autoHyphenation", "val") != "false" {
		t.Error("automatic hyphenation is not off")
	}
	cs := set.child("compat").child("compatSetting")
	if cs == nil || cs.attr["name"] != "compatibilityMode" || cs.attr["val"] != "15" {
		t.Errorf("compat mode = %v, want 15", cs)
	}
	ft := parseXML(t, parts["word/fontTable.xml"])
	if f := ft.child("font"); f == nil || f.attr["name"] != "Times New Roman" {
		t.Error("fontTable does not name Times New Roman")
	}
}

func TestSections(t *testing.T) {
	parts, _, _ := render(t, sampleDocument(120))
	body := parseXML(t, parts["word/document.xml"]).child("body")
	rels := map[string]string{}
	for _, r := range parseXML(t, parts["word/_rels/document.xml.rels"]).all("Relationship") {
		rels[r.attr["Id"]] = r.attr["Target"]
	}

	secs := body.all("sectPr")
	if len(secs) != 2 {
		t.Fatalf("%d sectPr, want 2", len(secs))
	}
	if last := body.kids[len(body.kids)-1]; last != secs[1] {
		t.Error("the last section's sectPr is not the last child of w:body")
	}
	// The first one ends the section inside the pPr of its last paragraph.
	found := false
	for _, p := range body.all("p") {
		if p.path("pPr", "sectPr") == secs[0] {
			found = true
		}
	}
	if !found {
		t.Error("the first section's sectPr is not inside a paragraph's pPr")
	}

	tests := []struct {
		w, h, orient          string
		top, right, bot, left string
	}{
		{"11906", "16838", "", "1134", "850", "1134", "1701"},
		{"16838", "11906", "landscape", "1134", "1134", "1134", "1134"},
	}
	for i, want := range tests {
		s := secs[i]
		sz, mar := s.child("pgSz"), s.child("pgMar")
		if sz.attr["w"] != want.w || sz.attr["h"] != want.h || sz.attr["orient"] != want.orient {
			t.Errorf("section %d pgSz = %v, want %s×%s %q", i, sz.attr, want.w, want.h, want.orient)
		}
		if mar.attr["top"] != want.top || mar.attr["right"] != want.right || mar.attr["bottom"] != want.bot || mar.attr["left"] != want.left {
			t.Errorf("section %d pgMar = %v", i, mar.attr)
		}
		if mar.attr["header"] != "567" {
			t.Errorf("section %d header distance = %s twips, want 567 (10 mm)", i, mar.attr["header"])
		}
		if s.attrOf("pgNumType", "start") != "1" {
			t.Errorf("section %d does not restart numbering at 1", i)
		}
		if !s.has("titlePg") {
			t.Errorf("section %d has no distinct first page", i)
		}
		var def, first string
		for _, h := range s.all("headerReference") {
			switch h.attr["type"] {
			case "default":
				def = rels[h.attr["id"]]
			case "first":
				first = rels[h.attr["id"]]
			}
		}
		if def == "" || first == "" {
			t.Fatalf("section %d header references: default %q first %q", i, def, first)
		}
		fh := parseXML(t, parts["word/"+first])
		if strings.TrimSpace(fh.texts()) != "" || len(fh.all("instrText")) > 0 || len(fh.all("fldSimple")) > 0 {
			t.Errorf("first-page header %s is not empty", first)
		}
		dh := parseXML(t, parts["word/"+def])
		instr := dh.all("instrText")
		if len(instr) != 1 || strings.TrimSpace(instr[0].text) != "PAGE" {
			t.Errorf("default header %s has no PAGE field", def)
		}
		p := dh.child("p")
		if p.path("pPr").attrOf("jc", "val") != "center" {
			t.Error("page number is not centred")
		}
		for _, r := range p.all("r") {
			if r.child("rPr").attrOf("sz", "val") != "28" {
				t.Error("page number is not 14 pt")
			}
		}
	}
}

func TestHeadersWhenNumbersHidden(t *testing.T) {
	d := sampleDocument(5)
	d.Sections[1].PageNumber = document.PageNumber{}
	d.Sections[0].PageNumber.HideOnFirst = false
	parts, _, _ := render(t, d)
	body := parseXML(t, parts["word/document.xml"]).child("body")
	rels := map[string]string{}
	for _, r := range parseXML(t, parts["word/_rels/document.xml.rels"]).all("Relationship") {
		rels[r.attr["Id"]] = r.attr["Target"]
	}
	secs := body.all("sectPr")
	if secs[0].has("titlePg") {
		t.Error("titlePg set although the number shows on the first page")
	}
	// A section without numbers names an empty header, or Word would
	// inherit the previous section's numbered one.
	refs := secs[1].all("headerReference")
	if len(refs) != 1 || refs[0].attr["type"] != "default" {
		t.Fatalf("section without numbers: header references %v", refs)
	}
	h := parseXML(t, parts["word/"+rels[refs[0].attr["id"]]])
	if len(h.all("instrText")) != 0 || strings.TrimSpace(h.texts()) != "" {
		t.Error("the section without numbers shows a header")
	}
	if secs[1].path("pgMar").attr["header"] != "0" {
		t.Errorf("header distance without numbers = %s", secs[1].path("pgMar").attr["header"])
	}
}

// firstParagraph returns the first w:p whose text is text.
func findParagraph(t *testing.T, body *node, text string) *node {
	t.Helper()
	for _, p := range body.all("p") {
		if p.texts() == text {
			return p
		}
	}
	t.Fatalf("no paragraph %q", text)
	return nil
}

func TestParagraphMapping(t *testing.T) {
	p := document.Paragraph{
		Runs: []document.Run{
			{Text: "Căn cứ  "},
			{Text: "Luật Thi đua, khen thưởng", Bold: true, Italic: true, Underline: true, SizePt: 13, Color: "c00000"},
			{Text: ";\nThực hiện\tKế hoạch"},
		},
		Align: document.Justify, SizePt: 14, LineHeightPt: 18,
		FirstLineIndentMM: 12.7, IndentLeftMM: 10, IndentRightMM: 5,
		SpaceBeforePt: 6, SpaceAfterPt: 3, KeepWithNext: true, KeepTogether: true,
	}
	hanging := para("- Lưu: VT, VP.", 11, false, false, document.Left)
	hanging.FirstLineIndentMM = -3
	box := para("HỎA TỐC", 13, true, false, document.Center)
	box.Boxed, box.BoxWidthMM, box.BoxColor = true, 30, "FF0000"
	d := document.Document{Sections: []document.Section{{Page: a4, Blocks: []document.Block{
		p, hanging, box,
		para("trái", 14, false, false, document.Left),
		para("giữa", 14, false, false, document.Center),
		para("phải", 14, false, false, document.Right),
	}}}}
	body := renderBody(t, d)

	got := findParagraph(t, body, "Căn cứ  Luật Thi đua, khen thưởng;\nThực hiện Kế hoạch")
	ppr := got.child("pPr")
	order := []string{}
	for _, k := range ppr.kids {
		order = append(order, k.name)
	}
	if strings.Join(order, " ") != "keepNext keepLines spacing ind jc rPr" {
		t.Errorf("pPr children %v are not in schema order", order)
	}
	sp := ppr.child("spacing")
	if sp.attr["before"] != "120" || sp.attr["after"] != "60" || sp.attr["line"] != "360" || sp.attr["lineRule"] != "exact" {
		t.Errorf("spacing = %v, want before 120 after 60 line 360 exact", sp.attr)
	}
	ind := ppr.child("ind")
	if ind.attr["firstLine"] != "720" || ind.attr["left"] != "567" || ind.attr["right"] != "283" {
		t.Errorf("ind = %v, want firstLine 720 left 567 right 283", ind.attr)
	}
	if ppr.attrOf("jc", "val") != "both" {
		t.Errorf("jc = %s, want both", ppr.attrOf("jc", "val"))
	}
	runs := got.all("r")
	if len(runs) != 3 {
		t.Fatalf("%d runs, want 3", len(runs))
	}
	if ts := runs[0].all("t"); len(ts) != 1 || ts[0].attr["space"] != "preserve" || ts[0].text != "Căn cứ  " {
		t.Errorf("spaces not preserved: %+v", ts)
	}
	r1 := runs[1].child("rPr")
	order = order[:0]
	for _, k := range r1.kids {
		order = append(order, k.name)
	}
	if strings.Join(order, " ") != "b bCs i iCs color sz szCs u" {
		t.Errorf("rPr children %v are not in schema order", order)
	}
	if r1.attrOf("sz", "val") != "26" || r1.attrOf("szCs", "val") != "26" || r1.attrOf("color", "val") != "C00000" || r1.attrOf("u", "val") != "single" {
		t.Errorf("run properties = %+v", r1.kids)
	}
	if runs[0].child("rPr").attrOf("sz", "val") != "28" || runs[0].child("rPr").has("b") {
		t.Error("a plain run does not take the paragraph's 14 pt")
	}
	// "\n" is a line break; a tab is a space, as the PDF reads it.
	if len(runs[2].all("br")) != 1 || len(runs[2].all("tab")) != 0 {
		t.Error(`"\n" is not a w:br, or "\t" is not a space`)
	}

	hp := findParagraph(t, body, "- Lưu: VT, VP.").child("pPr")
	if hp.child("ind").attr["hanging"] != "170" {
		t.Errorf("negative first-line indent: ind = %v, want hanging 170", hp.child("ind").attr)
	}

	bp := findParagraph(t, body, "HỎA TỐC").child("pPr")
	for _, side := range []string{"top", "left", "bottom", "right"} {
		b := bp.child("pBdr").child(side)
		if b == nil || b.attr["val"] != "single" || b.attr["color"] != "FF0000" {
			t.Errorf("box %s border = %v", side, b)
		}
	}
	// 165 mm of text width, a 30 mm box: 67.5 mm on each side.
	if i := bp.child("ind"); i.attr["left"] != "3827" || i.attr["right"] != "3827" {
		t.Errorf("box indents = %v, want 3827 (67.5 mm) each", i.attr)
	}
	if findParagraph(t, body, "HỎA TỐC").child("r").child("rPr").attrOf("color", "val") != "FF0000" {
		t.Error("the boxed text does not take the box colour")
	}
	for text, jc := range map[string]string{"trái": "left", "giữa": "center", "phải": "right"} {
		if got := findParagraph(t, body, text).child("pPr").attrOf("jc", "val"); got != jc {
			t.Errorf("%s: jc %s, want %s", text, got, jc)
		}
	}
}

func TestRule(t *testing.T) {
	tests := []struct {
		name                      string
		rule                      document.Rule
		sz, line, after, indTwips string
	}{
		{"tiêu ngữ", document.Rule{WidthMM: 60.5, ThicknessPt: 0.5, SpaceBeforePt: 1, SpaceAfterPt: 2}, "4", "20", "40", "2962"},
		{"trích yếu", document.Rule{WidthMM: 50, ThicknessPt: 1, SpaceBeforePt: 2, SpaceAfterPt: 10}, "8", "40", "200", "3260"},
		// Less than 1 pt before: the 1 pt line takes the rest from after.
		{"sát chữ", document.Rule{WidthMM: 165, ThicknessPt: 0.75, SpaceBeforePt: 0, SpaceAfterPt: 3}, "6", "20", "40", "0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := document.Document{Sections: []document.Section{{Page: a4, Blocks: []document.Block{tt.rule, body("x")}}}}
			p := renderBody(t, d).child("p").child("pPr")
			b := p.child("pBdr").child("bottom")
			if b == nil || b.attr["val"] != "single" || b.attr["sz"] != tt.sz {
				t.Fatalf("bottom border = %v, want single sz %s", b, tt.sz)
			}
			sp := p.child("spacing")
			if sp.attr["line"] != tt.line || sp.attr["lineRule"] != "exact" || sp.attr["after"] != tt.after || sp.attr["before"] != "0" {
				t.Errorf("spacing = %v, want line %s exact, after %s", sp.attr, tt.line, tt.after)
			}
			if i := p.child("ind"); i.attr["left"] != tt.indTwips || i.attr["right"] != tt.indTwips {
				t.Errorf("ind = %v, want %s on each side", i.attr, tt.indTwips)
			}
		})
	}
	// Inside a grid cell, the rule is centred in the cell's width.
	g := document.Grid{ColumnsMM: []float64{70, 95}, Rows: []document.GridRow{{Cells: []document.Cell{
		{Blocks: []document.Block{document.Rule{WidthMM: 24, ThicknessPt: 0.5}}}, {},
	}}}}
	body := renderBody(t, document.Document{Sections: []document.Section{{Page: a4, Blocks: []document.Block{g}}}})
	ind := body.child("tbl").child("tr").child("tc").child("p").path("pPr", "ind")
	if ind.attr["left"] != "1304" || ind.attr["right"] != "1304" {
		t.Errorf("rule in a 70 mm cell: ind = %v, want 1304 (23 mm) each side", ind.attr)
	}
}

func TestGrid(t *testing.T) {
	body := renderBody(t, sampleDocument(0))
	tbls := body.all("tbl")
	if len(tbls) != 2 {
		t.Fatalf("%d tables, want the header and signature grids", len(tbls))
	}
	hdr, sig := tbls[0], tbls[1]
	pr := hdr.child("tblPr")
	if pr.attrOf("tblW", "w") != "9638" || pr.attrOf("tblW", "type") != "dxa" {
		t.Errorf("tblW = %v, want 9638 dxa (170 mm)", pr.child("tblW").attr)
	}
	if pr.attrOf("tblInd", "w") != "-283" {
		t.Errorf("tblInd = %s, want -283 (−5 mm)", pr.attrOf("tblInd", "w"))
	}
	if pr.attrOf("tblLayout", "type") != "fixed" {
		t.Error("grid layout is not fixed")
	}
	for _, b := range pr.child("tblBorders").kids {
		if b.attr["val"] != "none" {
			t.Errorf("grid border %s = %s, want none", b.name, b.attr["val"])
		}
	}
	for _, m := range pr.child("tblCellMar").kids {
		if m.attr["w"] != "0" {
			t.Errorf("grid cell margin %s = %s, want 0", m.name, m.attr["w"])
		}
	}
	order := []string{}
	for _, k := range pr.kids {
		order = append(order, k.name)
	}
	if strings.Join(order, " ") != "tblStyle tblW tblInd tblBorders tblLayout tblCellMar tblLook" {
		t.Errorf("tblPr children %v are not in schema order", order)
	}
	cols := hdr.child("tblGrid").all("gridCol")
	if len(cols) != 2 || cols[0].attr["w"] != "3969" || cols[1].attr["w"] != "5669" {
		t.Errorf("gridCol = %v %v, want 3969 5669", cols[0].attr, cols[1].attr)
	}
	rows := hdr.all("tr")
	for i, tr := range rows {
		if !tr.child("trPr").has("cantSplit") {
			t.Errorf("header grid row %d may split", i)
		}
		for _, p := range tr.all("p") {
			if keep := p.child("pPr").has("keepNext"); keep != (i < len(rows)-1) {
				t.Errorf("header grid row %d paragraph %q keepNext = %v", i, p.texts(), keep)
			}
		}
	}
	if w := rows[0].child("tc").path("tcPr", "tcW"); w.attr["w"] != "3969" {
		t.Errorf("tcW = %v", w.attr)
	}
	// Signature: KeepWithPrevious keeps the last body paragraph with it.
	kids := body.kids
	for i, k := range kids {
		if k == sig {
			prev := kids[i-1]
			if !strings.HasSuffix(prev.texts(), "./.") {
				t.Fatalf("block before the signature is %q", prev.texts())
			}
			if !prev.child("pPr").has("keepNext") {
				t.Error("the paragraph before the signature grid is not kept with it")
			}
			// The grid's SpaceBeforePt becomes that paragraph's space after.
			if a := prev.path("pPr", "spacing").attr["after"]; a != "240" {
				t.Errorf("space after the last paragraph = %s, want 240 (6 + 6 pt)", a)
			}
		}
	}
}

func TestGridEmptyCellsAndAdjacentTables(t *testing.T) {
	g := document.Grid{ColumnsMM: []float64{80, 85}, SpaceAfterPt: 4, Rows: []document.GridRow{{Cells: []document.Cell{{}, {}}}}}
	g2 := g
	g2.SpaceBeforePt = 5
	g2.KeepWithPrevious = true
	d := document.Document{Sections: []document.Section{
		{Page: a4, Blocks: []document.Block{g, g2}},
		{Page: a4, Blocks: nil},
	}}
	body := renderBody(t, d)
	for _, tc := range body.all("tc") {
		if tc.child("p") == nil {
			t.Error("an empty cell has no paragraph")
		}
	}
	var seq []string
	for _, k := range body.kids {
		seq = append(seq, k.name)
	}
	// grid, filler (4 + 5 pt), grid, filler carrying the first sectPr, an
	// empty section's paragraph, the last sectPr.
	if strings.Join(seq, " ") != "tbl p tbl p p sectPr" {
		t.Fatalf("body = %v", seq)
	}
	gap := body.kids[1].child("pPr")
	if gap.path("spacing").attr["line"] != "180" || gap.path("spacing").attr["lineRule"] != "exact" {
		t.Errorf("gap between grids = %v, want exactly 180 (9 pt)", gap.path("spacing").attr)
	}
	if !gap.has("keepNext") {
		t.Error("the gap before a KeepWithPrevious grid is not kept with it")
	}
	for _, p := range body.kids[0].all("p") {
		if !p.child("pPr").has("keepNext") {
			t.Error("the last row of a grid before a KeepWithPrevious grid is not kept with it")
		}
	}
	if body.kids[3].path("pPr", "sectPr") == nil {
		t.Error("the filler after the section's last table does not carry its sectPr")
	}
}

func TestTable(t *testing.T) {
	body := renderBody(t, sampleDocument(120))
	tbls := body.all("tbl")
	tbl := tbls[len(tbls)-1]
	pr := tbl.child("tblPr")
	for _, b := range pr.child("tblBorders").kids {
		if b.attr["val"] != "single" || b.attr["sz"] != "4" {
			t.Errorf("table border %s = %v, want single 4", b.name, b.attr)
		}
	}
	if pr.attrOf("tblLayout", "type") != "fixed" {
		t.Error("table layout is not fixed")
	}
	// 1.5 mm at the sides; a quarter point less at the top and bottom, as
	// Word and LibreOffice add the 0.5 pt border to each row.
	for _, m := range pr.child("tblCellMar").kids {
		want := map[string]string{"left": "85", "right": "85", "top": "80", "bottom": "80"}[m.name]
		if m.attr["w"] != want {
			t.Errorf("cell margin %s = %s, want %s", m.name, m.attr["w"], want)
		}
	}
	rows := tbl.all("tr")
	if len(rows) != 1+2+120 {
		t.Fatalf("%d rows, want 123", len(rows))
	}
	for i, tr := range rows {
		trPr := tr.child("trPr")
		if !trPr.has("cantSplit") {
			t.Errorf("row %d may split", i)
		}
		if trPr.has("tblHeader") != (i == 0) {
			t.Errorf("row %d tblHeader = %v", i, trPr.has("tblHeader"))
		}
	}
	// Group rows span the five columns and stay with the next row; the
	// header row stays with the first body row.
	for _, i := range []int{0, 1, 62} {
		tcs := rows[i].all("tc")
		if i > 0 {
			if len(tcs) != 1 || tcs[0].path("tcPr").attrOf("gridSpan", "val") != "5" {
				t.Errorf("row %d: %d cells, gridSpan %q, want one cell spanning 5", i, len(tcs), tcs[0].path("tcPr").attrOf("gridSpan", "val"))
			}
			if w := tcs[0].path("tcPr", "tcW").attr["w"]; w != "14571" {
				t.Errorf("spanning cell width %s, want 14571", w)
			}
		}
		for _, p := range rows[i].all("p") {
			if !p.child("pPr").has("keepNext") {
				t.Errorf("row %d (%q) is not kept with the next", i, p.texts())
			}
		}
	}
	if rows[5].all("p")[0].child("pPr").has("keepNext") {
		t.Error("an ordinary row is kept with the next")
	}
	// The table's SpaceBeforePt goes to the paragraph before it.
	var prev *node
	for i, k := range body.kids {
		if k == tbl {
			prev = body.kids[i-1]
		}
	}
	// Rule: 2 pt before carried by the line, 6 pt after + 6 pt of the table.
	if a := prev.path("pPr", "spacing").attr["after"]; a != "240" {
		t.Errorf("space before the table = %s, want 240", a)
	}
}

func TestInvalidXMLCharacters(t *testing.T) {
	bad := "a\x00b\x01c\x1bd\ufffee\xff\xfeg & <h> \"i\" \r\nj"
	p := para(bad, 14, false, false, document.Left)
	d := document.Document{Title: bad, Author: "\x0b", Sections: []document.Section{{Page: a4, Blocks: []document.Block{p}}}}
	parts, names, _ := render(t, d)
	for _, n := range names {
		parseXML(t, parts[n])
	}
	got := parseXML(t, parts["word/document.xml"]).child("body").child("p").texts()
	if want := "abcde\ufffd\ufffdg & <h> \"i\" \nj"; got != want {
		t.Errorf("text = %q, want %q", got, want)
	}
}

func TestValidate(t *testing.T) {
	ok := func() document.Document { return sampleDocument(3) }
	tests := []struct {
		name  string
		edit  func(d *document.Document)
		field string
	}{
		{"no section", func(d *document.Document) { d.Sections = nil }, "sections"},
		{"zero page", func(d *document.Document) { d.Sections[0].Page.WidthMM = 0 }, "sections[0].page"},
		{"margins eat the page", func(d *document.Document) { d.Sections[0].Page.Margins.LeftMM = 200 }, "sections[0].page.margins"},
		{"NaN margin", func(d *document.Document) { d.Sections[1].Page.Margins.TopMM = nan() }, "sections[1].page.margins.topMM"},
		{"grid row too long", func(d *document.Document) {
			g := d.Sections[0].Blocks[0].(document.Grid)
			g.Rows = append(g.Rows, document.GridRow{Cells: []document.Cell{{}, {}, {}}})
			d.Sections[0].Blocks[0] = g
		}, "sections[0].blocks[0].rows[2].cells"},
		{"table span too wide", func(d *document.Document) {
			tb := d.Sections[1].Blocks[3].(document.Table)
			tb.Rows = append(tb.Rows, document.TableRow{Cells: []document.TableCell{{Span: 6}}})
			d.Sections[1].Blocks[3] = tb
		}, "sections[1].blocks[3].rows[5].cells"},
		{"bad colour", func(d *document.Document) {
			p := d.Sections[0].Blocks[1].(document.Paragraph)
			p.Runs = []document.Run{{Text: "x", Color: "red"}}
			d.Sections[0].Blocks[1] = p
		}, "sections[0].blocks[1].runs[0].color"},
		{"negative line height", func(d *document.Document) {
			p := d.Sections[0].Blocks[1].(document.Paragraph)
			p.LineHeightPt = -1
			d.Sections[0].Blocks[1] = p
		}, "sections[0].blocks[1].lineHeightPt"},
		{"nil block", func(d *document.Document) { d.Sections[0].Blocks = append(d.Sections[0].Blocks, nil) }, "sections[0].blocks[49]"},
		{"no columns", func(d *document.Document) {
			d.Sections[0].Blocks = append(d.Sections[0].Blocks, document.Grid{})
		}, "sections[0].blocks[49].columnsMM"},
		{"bad alignment", func(d *document.Document) {
			p := d.Sections[0].Blocks[1].(document.Paragraph)
			p.Align = 7
			d.Sections[0].Blocks[1] = p
		}, "sections[0].blocks[1].align"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := ok()
			tt.edit(&d)
			var out bytes.Buffer
			err := New(typesettest.Metrics()).Render(&out, d)
			if !apperr.Is(err, apperr.Invalid) {
				t.Fatalf("err = %v, want Invalid", err)
			}
			var fields []string
			for _, p := range apperr.As(err).Problems {
				fields = append(fields, p.Field)
				if p.Message == "" {
					t.Error("problem without a message")
				}
			}
			if !contains(fields, tt.field) {
				t.Errorf("problems at %v, want one at %s", fields, tt.field)
			}
			if out.Len() != 0 {
				t.Error("an invalid document wrote bytes")
			}
		})
	}
	if err := New(typesettest.Metrics()).Render(&bytes.Buffer{}, ok()); err != nil {
		t.Fatalf("valid document: %v", err)
	}
}

func TestWriterError(t *testing.T) {
	err := New(typesettest.Metrics()).Render(failWriter{}, sampleDocument(0))
	if !apperr.Is(err, apperr.Internal) || !errors.Is(err, errDiskFull) {
		t.Fatalf("err = %v, want Internal wrapping the write error", err)
	}
}

var errDiskFull = errors.New("disk full")

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errDiskFull }

func nan() float64 { z := 0.0; return z / z }

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func TestGoldenDocumentXML(t *testing.T) {
	parts, _, _ := render(t, sampleDocument(6))
	got := indentXML(parts["word/document.xml"])
	golden.Check(t, "ke-hoach.document.xml", got)
}

func TestBoxesRulesAndDefaults(t *testing.T) {
	rule := document.Rule{WidthMM: 40, ThicknessPt: 0.5, SpaceBeforePt: 2, SpaceAfterPt: 2}
	stamp := para("KHẨN", 13, true, false, document.Center)
	stamp.Boxed, stamp.BoxWidthMM, stamp.LineHeightPt = true, 20, 22
	stamp.SpaceBeforePt = 0.25
	hug := para("MẬT", 13, true, false, document.Center)
	hug.Boxed = true
	auto := para("dòng đơn", 12, false, false, document.Left)
	auto.LineHeightPt = 0
	auto.Runs = append(auto.Runs, document.Run{Text: " lớn", SizePt: 20})
	d := document.Document{Sections: []document.Section{{Page: a4, Blocks: []document.Block{
		rule, rule, stamp, stamp, hug, auto,
		document.Rule{}, // no width, no thickness: the whole width, 0.5 pt
	}}}}
	body := renderBody(t, d)
	ps := body.all("p")

	// Two rules in a row must not merge into one border group.
	c1 := ps[0].path("pPr", "pBdr", "bottom").attr["color"]
	c2 := ps[1].path("pPr", "pBdr", "bottom").attr["color"]
	if c1 == c2 {
		t.Errorf("adjacent rules share border colour %s: Word would draw one line", c1)
	}
	if b1, b2 := ps[2].path("pPr", "pBdr", "top").attr["color"], ps[3].path("pPr", "pBdr", "top").attr["color"]; b1 == b2 {
		t.Errorf("adjacent boxes share border colour %s: Word would draw one box", b1)
	}

	// The box's two 0.5 pt lines come out of the space before (0.25 pt)
	// and then the line height, so the box stacks 22.25 pt as in the PDF.
	sp := ps[2].path("pPr", "spacing").attr
	if sp["before"] != "0" || sp["after"] != "0" || sp["line"] != "425" {
		t.Errorf("box spacing = %v, want before 0 after 0 line 425", sp)
	}

	// A box without a width hugs the text with 4 pt on each side.
	ind := ps[4].path("pPr", "ind").attr
	left, _ := strconv.Atoi(ind["left"])
	right, _ := strconv.Atoi(ind["right"])
	if left != right || left < 4000 || left > 4400 {
		t.Errorf("hugging box indents = %v, want equal, about 4200 twips", ind)
	}

	// No line height: single spacing of the largest size, exactly.
	if sp := ps[5].path("pPr", "spacing").attr; sp["line"] != "460" || sp["lineRule"] != "exact" {
		t.Errorf("line without height = %v, want exactly 460 (1.15 × 20 pt)", sp)
	}

	last := ps[6].path("pPr")
	if last.path("pBdr", "bottom").attr["sz"] != "4" || last.path("ind").attr["left"] != "0" || last.path("ind").attr["right"] != "0" {
		t.Errorf("rule without width or thickness: %v %v", last.path("pBdr", "bottom").attr, last.path("ind").attr)
	}
}

func TestShortRowsCompleted(t *testing.T) {
	g := document.Grid{ColumnsMM: []float64{80, 85}, Rows: []document.GridRow{{Cells: []document.Cell{
		{Blocks: []document.Block{para("một ô", 14, false, false, document.Left)}},
	}}}}
	tb := document.Table{ColumnsMM: []float64{20, 60, 40}, CellPaddingMM: 1, Rows: []document.TableRow{{Cells: []document.TableCell{
		{Span: 2, Paragraphs: []document.Paragraph{para("hai cột", 13, false, false, document.Left)}},
	}}}}
	body := renderBody(t, document.Document{Sections: []document.Section{{Page: a4, Blocks: []document.Block{g, tb}}}})
	tbls := body.all("tbl")
	for i, want := range []int{2, 2} {
		tcs := tbls[i].child("tr").all("tc")
		if len(tcs) != want {
			t.Fatalf("table %d: %d cells, want %d", i, len(tcs), want)
		}
		last := tcs[len(tcs)-1]
		if last.child("p") == nil {
			t.Errorf("table %d: the added cell has no paragraph", i)
		}
	}
	if w := tbls[1].child("tr").all("tc")[1].path("tcPr", "tcW").attr["w"]; w != "2268" {
		t.Errorf("added table cell width %s, want 2268 (40 mm)", w)
	}
}

// FuzzRenderText renders arbitrary text in every place text goes and checks
// that each part still parses as XML and the text survives, less what XML
// cannot carry.
func FuzzRenderText(f *testing.F) {
	for _, s := range []string{"Lai Châu", "a & b <c>", "\x00\x01\ufffe", "\xff\xfe", "dòng\nmới\ttab\r", `"'`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p := para(s, 14, true, false, document.Center)
		p.Boxed = true
		tb := document.Table{ColumnsMM: []float64{50}, Header: []document.TableRow{{Cells: []document.TableCell{{Paragraphs: []document.Paragraph{p}}}}}}
		d := document.Document{Title: s, Subject: s, Author: s, FontFamily: s,
			Sections: []document.Section{{Page: a4, Blocks: []document.Block{p, tb}}}}
		var out bytes.Buffer
		if err := New(typesettest.Metrics()).Render(&out, d); err != nil {
			t.Fatalf("Render: %v", err)
		}
		parts, names, _ := render(t, d)
		for _, n := range names {
			parseXML(t, parts[n])
		}
	})
}

// Word and LibreOffice may break a line after a hyphen inside a word; the PDF
// breaks only at spaces. Hyphens inside words are written non-breaking.
func TestHyphens(t *testing.T) {
	p := document.Paragraph{Runs: []document.Run{
		{Text: "- Covid-19, PC-COVID; 2021 - 2025 -x y- KH-"},
		{Text: "SVHTTDL", Bold: true},
	}, SizePt: 14, LineHeightPt: 18}
	body := renderBody(t, document.Document{Sections: []document.Section{{Page: a4, Blocks: []document.Block{p}}}})
	par := body.child("p")
	if got, want := par.texts(), "- Covid-19, PC-COVID; 2021 - 2025 -x y- KH-SVHTTDL"; got != want {
		t.Errorf("text = %q, want %q", got, want)
	}
	// Covid-19, PC-COVID and KH-|SVHTTDL (across runs): 3 non-breaking;
	// the dashes next to a space stay plain.
	if n := len(par.all("noBreakHyphen")); n != 3 {
		t.Errorf("%d non-breaking hyphens, want 3", n)
	}
	plain := 0
	for _, tn := range par.all("t") {
		plain += strings.Count(tn.text, "-")
	}
	if plain != 4 {
		t.Errorf("%d plain hyphens, want 4", plain)
	}
}
