package nd30

import (
	"math"
	"strings"

	"github.com/vanban/vanban/internal/document"
	"github.com/vanban/vanban/internal/typeset"
)

// The fixed wording of ô 1.
const (
	NationalTitle = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
	Motto         = "Độc lập - Tự do - Hạnh phúc"
)

// Agency is the issuing agency (ô 2) and where it sits (ô 4).
type Agency struct {
	// Parent is the cơ quan chủ quản, printed upper-cased and not bold
	// ("UBND tỉnh Lai Châu"); empty for an agency with none.
	Parent string `json:"parent,omitempty"`
	// Name is the full official name in its correct mixed case
	// ("Sở Văn hóa, Thể thao và Du lịch").
	Name string `json:"name"`
	// HeaderLines optionally fixes how the upper-cased name breaks in the
	// header ("SỞ VĂN HÓA, THỂ THAO", "VÀ DU LỊCH"); by default it breaks at a
	// comma or before "VÀ" when it does not fit on one line.
	HeaderLines []string `json:"headerLines,omitempty"`
	// Abbreviation is the agency part of the ký hiệu ("SVHTTDL").
	Abbreviation string `json:"abbreviation"`
	// Place is the địa danh of ô 4 ("Lai Châu").
	Place string `json:"place"`
}

// Layout carries what every builder needs: the size profile, the page and a
// text measurer.
type Layout struct {
	Profile Profile
	Page    document.Page
	Metrics *typeset.Metrics
}

// NewLayout returns the default A4 layout in profile p.
func NewLayout(p Profile, m *typeset.Metrics) Layout {
	return Layout{Profile: p, Page: A4, Metrics: m}
}

func (l Layout) width(s string, bold, italic bool, size float64) float64 {
	return l.Metrics.WidthMM(s, typeset.Style{Bold: bold, Italic: italic}, size)
}

func line(text string, size float64, bold, italic bool, align document.Align) document.Paragraph {
	return document.Paragraph{
		Runs:         []document.Run{{Text: text, Bold: bold, Italic: italic}},
		Align:        align,
		SizePt:       size,
		LineHeightPt: LineHeight(size),
	}
}

// SplitAgencyName breaks an upper-cased agency name into lines that fit
// width: one line when it fits; else the break (after a comma or before "VÀ")
// that fits with the longest first line (the usual top-heavy shape); else
// greedily by words. NĐ30 allows
// the name on several lines; breaking at a phrase boundary keeps
// "THỂ THAO VÀ DU LỊCH" readable.
func (l Layout) SplitAgencyName(name string, size, width float64) []string {
	if l.width(name, true, false, size) <= width {
		return []string{name}
	}
	words := strings.Fields(name)
	best, bestWidth := -1, 0.0
	for i := 1; i < len(words); i++ {
		prev, next := words[i-1], words[i]
		if !strings.HasSuffix(prev, ",") && next != "VÀ" {
			continue
		}
		a, b := strings.Join(words[:i], " "), strings.Join(words[i:], " ")
		wa, wb := l.width(a, true, false, size), l.width(b, true, false, size)
		if wa > width || wb > width {
			continue
		}
		if wa > bestWidth {
			best, bestWidth = i, wa
		}
	}
	if best > 0 {
		return []string{strings.Join(words[:best], " "), strings.Join(words[best:], " ")}
	}
	var lines []string
	cur := ""
	for _, w := range words {
		try := strings.TrimSpace(cur + " " + w)
		if cur != "" && l.width(try, true, false, size) > width {
			lines = append(lines, cur)
			cur = w
			continue
		}
		cur = try
	}
	return append(lines, cur)
}

// HeaderInput is what the header of page 1 shows.
type HeaderInput struct {
	Agency Agency
	Number int // 0 = left blank for the văn thư
	// NumberWidth is the padding of the number (0 = DefaultNumberWidth).
	NumberWidth int
	Symbol      string // ký hiệu, e.g. "KH-SVHTTDL"
	// Year, when set, is written in the number (văn bản quy phạm pháp luật:
	// "Số: 86/2025/QĐ-UBND").
	Year int
	Date Date
	// Urgency is "", "KHẨN", "THƯỢNG KHẨN" or "HỎA TỐC" (ô 10b).
	Urgency string
}

// Header builds ô 1–4 (and 10b) as a borderless two-column grid: on the left
// the cơ quan chủ quản (regular caps) and the cơ quan ban hành (bold caps)
// with a short centred rule under it, then "Số: …/…"; on the right the Quốc
// hiệu, the Tiêu ngữ with a rule as long as its text, then the place and date
// in italics on the same row as the number.
func (l Layout) Header(h HeaderInput) document.Grid {
	p := l.Profile
	tw := l.Page.TextWidthMM()
	right := math.Max(95, l.width(NationalTitle, true, false, p.NationalTitle)+4)
	right = math.Max(right, l.width(PlaceDate(h.Agency.Place, h.Date), false, true, p.PlaceDate)+2)
	right = math.Min(right, tw-55)
	left := tw - right

	var agency []document.Block
	if h.Agency.Parent != "" {
		agency = append(agency, line(Upper(h.Agency.Parent), p.Agency, false, false, document.Center))
	}
	lines := h.Agency.HeaderLines
	if len(lines) == 0 {
		lines = l.SplitAgencyName(Upper(h.Agency.Name), p.Agency, left-2)
	}
	longest := 0.0
	for _, s := range lines {
		s = Upper(s)
		agency = append(agency, line(s, p.Agency, true, false, document.Center))
		longest = math.Max(longest, l.width(s, true, false, p.Agency))
	}
	// NĐ30: a rule of 1/3 to 1/2 of the line, centred.
	agency = append(agency, document.Rule{WidthMM: math.Round(longest*0.4*10) / 10, ThicknessPt: 0.5, SpaceBeforePt: RuleGapPt, SpaceAfterPt: 5 - RuleGapPt})

	motto := l.width(Motto, true, false, p.Motto)
	nation := []document.Block{
		line(NationalTitle, p.NationalTitle, true, false, document.Center),
		line(Motto, p.Motto, true, false, document.Center),
		document.Rule{WidthMM: math.Round(motto*10) / 10, ThicknessPt: 0.5, SpaceBeforePt: RuleGapPt, SpaceAfterPt: 5 - RuleGapPt},
	}

	number := line(Ref{Number: h.Number, Width: h.NumberWidth, Year: h.Year, Symbol: h.Symbol}.Line(), p.Number, false, false, document.Center)
	number.SpaceBeforePt = 4
	numberCell := []document.Block{number}
	if h.Urgency != "" {
		stamp := line(h.Urgency, p.Urgency, true, false, document.Center)
		stamp.Boxed = true
		stamp.BoxWidthMM = Urgencies[h.Urgency]
		stamp.BoxColor = "E00000"
		stamp.Runs[0].Color = "E00000"
		stamp.SpaceBeforePt = 8
		numberCell = append(numberCell, stamp)
	}
	date := line(PlaceDate(h.Agency.Place, h.Date), p.PlaceDate, false, true, document.Center)
	date.SpaceBeforePt = 4

	return document.Grid{
		ColumnsMM: []float64{round1(left), round1(right)},
		Rows: []document.GridRow{
			{Cells: []document.Cell{{Blocks: agency}, {Blocks: nation}}},
			{Cells: []document.Cell{{Blocks: numberCell}, {Blocks: []document.Block{date}}}},
		},
		KeepTogether: true,
		SpaceAfterPt: 6,
	}
}

// RuleGapPt is the space between the lowest descender of a centred block
// and the rule under it: 4.5 pt (1.6 mm) keeps the rule clear of "p", "g",
// "y" as a văn thư expects (issue 13: at least 1.5 mm). The line boxes put
// the descenders at their bottom, so the rule's space before is that gap.
const RuleGapPt = 4.5

func round2(v float64) float64 { return math.Round(v*100) / 100 }

func round1(v float64) float64 { return math.Round(v*10) / 10 }

// Title builds ô 5a: the tên loại in bold caps, the trích yếu in bold under it
// (several lines allowed, centred; "\n" forces a break) and a short centred
// rule under it.
func (l Layout) Title(typeName, summary string) []document.Block {
	p := l.Profile
	t := line(Upper(typeName), p.TypeName, true, false, document.Center)
	t.SpaceBeforePt = 12
	t.KeepWithNext = true
	t.LineHeightPt = BodyLineHeight(p.TypeName) - 1
	out := []document.Block{t}
	longest := 0.0
	if summary != "" {
		s := line(summary, p.Summary, true, false, document.Center)
		s.LineHeightPt = BodyLineHeight(p.Summary) - 1
		s.KeepWithNext = true
		s.IndentLeftMM, s.IndentRightMM = 5, 5
		out = append(out, s)
		// Measured on the lines the renderers draw (the shared breaker).
		avail := (l.Page.TextWidthMM() - s.IndentLeftMM - s.IndentRightMM) * document.PtPerMM
		spans := []typeset.Span{{Text: summary, Style: typeset.Style{Bold: true}, SizePt: p.Summary}}
		_, lines := l.Metrics.Set(spans, avail, avail, s.Balanced())
		for _, ln := range lines {
			longest = math.Max(longest, ln.WidthPt*document.MMPerPt)
		}
	} else {
		longest = l.width(Upper(typeName), true, false, p.TypeName)
	}
	out = append(out, document.Rule{WidthMM: round1(math.Min(longest*0.4, 60)), ThicknessPt: 0.5, SpaceBeforePt: 5, SpaceAfterPt: 10}) // 5 ≥ RuleGapPt
	return out
}

// KinhGui builds ô 9a: "Kính gửi: X" on one centred line for a single
// recipient; for several, a grid whose dashes line up under the colon.
func (l Layout) KinhGui(recipients []string) []document.Block {
	size := l.Profile.Body
	items := KinhGuiLines(recipients)
	if len(items) == 0 {
		return nil
	}
	if len(items) == 1 {
		p := line("Kính gửi: "+items[0], size, false, false, document.Center)
		p.LineHeightPt = BodyLineHeight(size)
		p.SpaceAfterPt = 12
		return []document.Block{p}
	}
	tw := l.Page.TextWidthMM()
	label := l.width("Kính gửi: ", false, false, size) + 1
	list := 0.0
	var paras []document.Block
	for _, it := range items {
		list = math.Max(list, l.width(it, false, false, size)+1)
		p := line(it, size, false, false, document.Left)
		p.LineHeightPt = BodyLineHeight(size)
		paras = append(paras, p)
	}
	list = math.Min(list, tw-label-10)
	lab := line("Kính gửi:", size, false, false, document.Left)
	lab.LineHeightPt = BodyLineHeight(size)
	return []document.Block{document.Grid{
		ColumnsMM:    []float64{round1(label), round1(list)},
		OffsetMM:     round1((tw - label - list) / 2),
		Rows:         []document.GridRow{{Cells: []document.Cell{{Blocks: []document.Block{lab}}, {Blocks: paras}}}},
		KeepTogether: true,
		SpaceAfterPt: 12,
	}}
}

// SignatureSpacePt is the room left for the signature and the seal between
// the title and the name (about 27 mm; NĐ30 fixes no figure).
const SignatureSpacePt = 76

// Closing builds the last row of the document: nơi nhận (ô 9b) on the left,
// level with the signature block (ô 7a/7b) on the right. The grid keeps with
// the end of the body, so it never starts a page alone.
func (l Layout) Closing(recipients, archive []string, s Signer) document.Grid {
	p := l.Profile
	tw := l.Page.TextWidthMM()
	rightW := 85.0
	leftW := tw - rightW

	tag := line("Nơi nhận:", p.RecipientsTag, true, true, document.Left)
	tag.LineHeightPt = LineHeight(p.RecipientsTag)
	left := []document.Block{tag}
	for _, r := range RecipientLines(recipients, archive) {
		item := line(r, p.Recipients, false, false, document.Left)
		if strings.HasPrefix(r, "- ") {
			// A wrapped item hangs under its first word, not under the dash.
			hang := round2(l.width("- ", false, false, p.Recipients))
			item.IndentLeftMM, item.FirstLineIndentMM = hang, -hang
		}
		left = append(left, item)
	}

	var right []document.Block
	for _, s := range s.Lines() {
		para := line(s, p.Signature, true, false, document.Center)
		para.LineHeightPt = LineHeight(p.Signature)
		right = append(right, para)
	}
	name := line(s.Name, p.Signature, true, false, document.Center)
	name.LineHeightPt = LineHeight(p.Signature)
	name.SpaceBeforePt = SignatureSpacePt
	right = append(right, name)

	return document.Grid{
		ColumnsMM:        []float64{round1(leftW), rightW},
		Rows:             []document.GridRow{{Cells: []document.Cell{{Blocks: left}, {Blocks: right}}}},
		KeepTogether:     true,
		KeepWithPrevious: true,
		SpaceBeforePt:    6,
	}
}

// Section returns a section on the layout's page with NĐ30 page numbers:
// centred in the top margin, hidden on the first page, restarting at 1.
func (l Layout) Section(blocks []document.Block) document.Section {
	return document.Section{
		Page:       l.Page,
		PageNumber: document.PageNumber{Show: true, HideOnFirst: true, SizePt: l.Profile.PageNumber, OffsetMM: 10},
		Blocks:     blocks,
	}
}
