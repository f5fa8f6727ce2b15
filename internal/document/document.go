// Package document is the format-neutral model of an administrative document
// (văn bản hành chính). Domain packages build a Document; the PDF and DOCX
// renderers draw it. Every layout decision required by Nghị định 30/2020/NĐ-CP
// (header grid, rules, signature block, nơi nhận, page numbers) is taken once,
// when the Document is built, and both renderers follow it literally: sizes are
// in points (pt) for type and millimetres (mm) for geometry.
package document

import (
	"encoding/json"
	"fmt"
)

// Document is a whole file: one or more sections, each starting on a new page.
type Document struct {
	// Title, Subject and Author go into the file's metadata.
	Title   string `json:"title"`
	Subject string `json:"subject,omitempty"`
	Author  string `json:"author,omitempty"`
	// FileName is the suggested base name without extension, e.g. "KH-SVHTTDL".
	FileName string `json:"fileName"`
	// FontFamily is the family named in the DOCX ("Times New Roman"); the PDF
	// embeds the metric-compatible Liberation Serif.
	FontFamily string    `json:"fontFamily"`
	Sections   []Section `json:"sections"`
}

// Section is a run of pages with one page setup and its own page numbering
// (an attached danh sách / phụ lục is numbered separately, NĐ30 Phụ lục I).
type Section struct {
	Page       Page       `json:"page"`
	PageNumber PageNumber `json:"pageNumber"`
	Blocks     []Block    `json:"-"`
}

// Page is the paper and its margins, in millimetres, as laid out
// (a landscape page has WidthMM > HeightMM).
type Page struct {
	WidthMM  float64 `json:"widthMM"`
	HeightMM float64 `json:"heightMM"`
	Margins  Margins `json:"margins"`
}

// Landscape reports whether the page is wider than tall.
func (p Page) Landscape() bool { return p.WidthMM > p.HeightMM }

// TextWidthMM is the width between the left and right margins.
func (p Page) TextWidthMM() float64 { return p.WidthMM - p.Margins.LeftMM - p.Margins.RightMM }

// Margins in millimetres.
type Margins struct {
	TopMM    float64 `json:"topMM"`
	BottomMM float64 `json:"bottomMM"`
	LeftMM   float64 `json:"leftMM"`
	RightMM  float64 `json:"rightMM"`
}

// PageNumber says how pages are numbered: Arabic numerals centred in the top
// margin, starting at 1 in each section, hidden on the section's first page
// when HideOnFirst is set.
type PageNumber struct {
	Show        bool    `json:"show"`
	HideOnFirst bool    `json:"hideOnFirst"`
	SizePt      float64 `json:"sizePt"`
	// OffsetMM is the distance from the top edge of the paper to the top of
	// the number.
	OffsetMM float64 `json:"offsetMM"`
}

// Block is one of Paragraph, Rule, Grid or Table.
type Block interface{ block() }

func (Paragraph) block() {}
func (Rule) block()      {}
func (Grid) block()      {}
func (Table) block()     {}

// Align is a horizontal alignment.
type Align int

// Alignments.
const (
	Left Align = iota
	Center
	Right
	Justify
)

var alignNames = [...]string{"left", "center", "right", "justify"}

func (a Align) String() string {
	if a < 0 || int(a) >= len(alignNames) {
		return fmt.Sprintf("Align(%d)", int(a))
	}
	return alignNames[a]
}

// MarshalText writes the alignment's name.
func (a Align) MarshalText() ([]byte, error) { return []byte(a.String()), nil }

// Run is a stretch of text with one style. SizePt 0 means the paragraph's size.
type Run struct {
	Text      string  `json:"text"`
	Bold      bool    `json:"bold,omitempty"`
	Italic    bool    `json:"italic,omitempty"`
	Underline bool    `json:"underline,omitempty"`
	SizePt    float64 `json:"sizePt,omitempty"`
	// Color is an RGB hex string such as "C00000"; empty means black.
	Color string `json:"color,omitempty"`
}

// Paragraph is a block of text laid out in lines of exactly LineHeightPt.
// Line breaks happen at spaces (greedy, as Word and LibreOffice do) and at
// "\n" inside a run.
type Paragraph struct {
	Runs              []Run   `json:"runs"`
	Align             Align   `json:"align"`
	SizePt            float64 `json:"sizePt"`
	LineHeightPt      float64 `json:"lineHeightPt"`
	FirstLineIndentMM float64 `json:"firstLineIndentMM,omitempty"`
	IndentLeftMM      float64 `json:"indentLeftMM,omitempty"`
	IndentRightMM     float64 `json:"indentRightMM,omitempty"`
	SpaceBeforePt     float64 `json:"spaceBeforePt,omitempty"`
	SpaceAfterPt      float64 `json:"spaceAfterPt,omitempty"`
	// KeepWithNext keeps the end of this paragraph on the page where the next
	// block starts; KeepTogether never splits the paragraph.
	KeepWithNext bool `json:"keepWithNext,omitempty"`
	KeepTogether bool `json:"keepTogether,omitempty"`
	// Balance breaks the paragraph into lines of similar length, at phrase
	// boundaries, and never stretches them (typeset.Set): a heading. Centred
	// paragraphs (titles, trích yếu, names, signature lines) are always
	// balanced; see Balanced.
	Balance bool `json:"balance,omitempty"`
	// Boxed draws a single-line border around the text (urgency stamp, ô 10b);
	// BoxWidthMM is the width of the box, centred on the text.
	Boxed      bool    `json:"boxed,omitempty"`
	BoxWidthMM float64 `json:"boxWidthMM,omitempty"`
	// BoxColor is the RGB hex colour of the box and its text ("" = black).
	BoxColor string `json:"boxColor,omitempty"`
}

// Balanced reports whether the renderers balance the paragraph's lines: a
// centred paragraph always, another one when Balance is set.
func (p Paragraph) Balanced() bool { return p.Align == Center || p.Balance }

// Text returns the paragraph's plain text.
func (p Paragraph) Text() string {
	s := ""
	for _, r := range p.Runs {
		s += r.Text
	}
	return s
}

// Rule is a solid horizontal line of WidthMM, centred in the width available
// (the text width, or the cell's width inside a Grid). The vertical space it
// takes is SpaceBeforePt + ThicknessPt + SpaceAfterPt.
type Rule struct {
	WidthMM       float64 `json:"widthMM"`
	ThicknessPt   float64 `json:"thicknessPt"`
	SpaceBeforePt float64 `json:"spaceBeforePt,omitempty"`
	SpaceAfterPt  float64 `json:"spaceAfterPt,omitempty"`
}

// Grid is a borderless layout table: the NĐ30 header (ô 1–4), the Kính gửi
// block with several recipients, and the nơi nhận / signature row (ô 9b, 7).
// Columns are in mm; OffsetMM shifts the grid from the left margin (negative
// values let it reach into the margin, as many templates do).
type Grid struct {
	ColumnsMM []float64 `json:"columnsMM"`
	OffsetMM  float64   `json:"offsetMM,omitempty"`
	Rows      []GridRow `json:"rows"`
	// KeepTogether puts the whole grid on one page.
	KeepTogether bool `json:"keepTogether,omitempty"`
	// KeepWithPrevious keeps the grid with the end of the block before it:
	// when the grid must go to a new page, the last lines (at least two) of
	// the preceding paragraph go with it, so a signature block never starts
	// a page alone.
	KeepWithPrevious bool    `json:"keepWithPrevious,omitempty"`
	SpaceBeforePt    float64 `json:"spaceBeforePt,omitempty"`
	SpaceAfterPt     float64 `json:"spaceAfterPt,omitempty"`
}

// GridRow is one row of a Grid; it has one Cell per column.
type GridRow struct {
	Cells []Cell `json:"cells"`
}

// Cell holds paragraphs and rules, laid out top-down in the cell's width.
type Cell struct {
	Blocks []Block `json:"-"`
}

// Table is a bordered data table (the danh sách). Header rows are repeated at
// the top of every page the table runs onto; a row never splits across pages.
type Table struct {
	ColumnsMM []float64  `json:"columnsMM"`
	Header    []TableRow `json:"header"`
	Rows      []TableRow `json:"rows"`
	// CellPaddingMM is the inner padding on each side of a cell.
	CellPaddingMM float64 `json:"cellPaddingMM"`
	SpaceBeforePt float64 `json:"spaceBeforePt,omitempty"`
	SpaceAfterPt  float64 `json:"spaceAfterPt,omitempty"`
}

// TailRows is the number of rows that end a Table together: a table of at
// least twice as many body rows never leaves one or two of them alone on a
// page (both renderers keep its last TailRows rows on one page).
const TailRows = 3

// TableRow is one row of a Table.
type TableRow struct {
	Cells []TableCell `json:"cells"`
	// KeepWithNext keeps this row on the page of the next one (group titles).
	KeepWithNext bool `json:"keepWithNext,omitempty"`
}

// TableCell spans Span columns (0 or 1 = one) and holds paragraphs.
type TableCell struct {
	Span       int         `json:"span,omitempty"`
	Paragraphs []Paragraph `json:"paragraphs"`
}

// Blocks of a Section and a Cell are written with their type so that the
// model reads well as JSON (the golden files of the domain packages).

type taggedBlock struct {
	Type  string `json:"type"`
	Block Block  `json:"block"`
}

func tag(bs []Block) []taggedBlock {
	out := make([]taggedBlock, len(bs))
	for i, b := range bs {
		t := ""
		switch b.(type) {
		case Paragraph:
			t = "paragraph"
		case Rule:
			t = "rule"
		case Grid:
			t = "grid"
		case Table:
			t = "table"
		}
		out[i] = taggedBlock{Type: t, Block: b}
	}
	return out
}

// MarshalJSON writes the section with its blocks tagged by type.
func (s Section) MarshalJSON() ([]byte, error) {
	type plain Section
	return json.Marshal(struct {
		plain
		Blocks []taggedBlock `json:"blocks"`
	}{plain(s), tag(s.Blocks)})
}

// MarshalJSON writes the cell with its blocks tagged by type.
func (c Cell) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Blocks []taggedBlock `json:"blocks"`
	}{tag(c.Blocks)})
}

// Unit conversions.
const (
	MMPerPt   = 25.4 / 72
	PtPerMM   = 72 / 25.4
	TwipPerMM = 1440 / 25.4
)
