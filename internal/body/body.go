// Package body turns the plain text of a document's content (ô 6), as pasted
// from a draft, into paragraphs of the document model: it detects the heading
// levels of NĐ30 (mục "I." Roman numeral + capitals, khoản "1.", điểm "a)" in
// the Vietnamese letter sequence, "-" items) and reads inline marks for bold
// (**…**) and italic (*…*).
package body

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/document"
	"github.com/vanban/vanban/internal/nd30"
	"github.com/vanban/vanban/internal/typeset"
)

// Level is the structural role of a paragraph.
type Level int

// Levels, from the top.
const (
	Text      Level = iota // an ordinary paragraph
	Section                // mục: "I. MỤC ĐÍCH, YÊU CẦU"
	Clause                 // khoản with a title: "1. Mục đích"
	Point                  // điểm: "a) …"
	Item                   // "- …"
	SubItem                // "+ …", the third level under "-"
	SubClause              // "1.1. …", "3.2. …"
	Part                   // "Phần I", "Chương II" (with its title on the next line)
	Division               // "Mục 1" (with its title on the next line)
	Article                // "Điều 1. Tên điều"
	TableRows              // a table: Para.Cells
)

var levelNames = [...]string{"text", "section", "clause", "point", "item", "subitem", "subclause", "part", "division", "article", "table"}

func (l Level) String() string { return levelNames[l] }

// MarshalText writes the level's name.
func (l Level) MarshalText() ([]byte, error) { return []byte(l.String()), nil }

// Para is one detected paragraph, or a table.
type Para struct {
	Level Level
	Text  string
	Line  int // 1-based line of the input
	// Heading marks a paragraph printed bold as a heading: a titled khoản,
	// a titled sub-khoản, a điểm heading ("a) Đối với tập thể:"), a titled Điều.
	Heading bool
	// Title is the title line of a Phần/Chương/Mục ("QUY ĐỊNH CHUNG").
	Title string
	// Cells are the rows of a table; HeaderRows of them are its header.
	Cells      [][]string
	HeaderRows int
}

// Characters the body keeps from the raw text that nd30.Clean would turn
// away: the tab (table cells) and Word's line break U+000B, carried through
// Clean as private-use stand-ins.
const (
	tabMark = '\uE000'
	vtMark  = '\uE001'
)

// Protect replaces the tab and U+000B by stand-ins that survive nd30.Clean;
// Parse reads them back.
func Protect(s string) string {
	return strings.NewReplacer("\t", string(tabMark), "\v", string(vtMark)).Replace(s)
}

var (
	romanRe    = regexp.MustCompile(`^([IVXLC]+)\.\s+(.+)$`)
	itemRe     = regexp.MustCompile(`^[-–•]\s*(.+)$`)
	subItemRe  = regexp.MustCompile(`^\+\s*(.+)$`)
	partRe     = regexp.MustCompile(`^(Phần|PHẦN|Chương|CHƯƠNG)\s+([IVXLC]+|\d{1,3})(?:\s*[.:]\s*(.*))?$`)
	divisionRe = regexp.MustCompile(`^(Mục|MỤC)\s+(\d{1,3})(?:\s*[.:]\s*(.*))?$`)
	articleRe  = regexp.MustCompile(`^Điều\s+(\d{1,3})\.\s*(.*)$`)
	pipeSepRe  = regexp.MustCompile(`^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$`)
)

// normLine collapses runs of spaces; U+000B becomes a line break inside the
// paragraph ("\n" in its text).
func normLine(raw string) string {
	if clean(raw) {
		return raw
	}
	segs := strings.Split(raw, string(vtMark))
	out := make([]string, 0, len(segs))
	for _, s := range segs {
		if s = strings.Join(strings.Fields(strings.ReplaceAll(s, string(tabMark), " ")), " "); s != "" {
			out = append(out, s)
		}
	}
	return strings.Join(out, "\n")
}

// clean reports a line normLine leaves as it is: single spaces between
// words, none at the ends, no other white space, no stand-ins.
func clean(s string) bool {
	prev := ' '
	for _, r := range s {
		switch {
		case r == ' ' && prev == ' ':
			return false
		case r != ' ' && (r == tabMark || r == vtMark || unicode.IsSpace(r)):
			return false
		}
		prev = r
	}
	return prev != ' '
}

func isPipeRow(s string) bool { return strings.HasPrefix(s, "|") }

// pipeCells splits a "| a | b |" row; "\|" is a "|" inside a cell.
func pipeCells(s string) []string {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "|")
	if strings.HasSuffix(s, "|") && !strings.HasSuffix(s, "\\|") {
		s = s[:len(s)-1]
	}
	var parts []string
	var cur strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\' && i+1 < len(s) && s[i+1] == '|':
			cur.WriteByte('|')
			i++
		case s[i] == '|':
			parts = append(parts, normLine(cur.String()))
			cur.Reset()
		default:
			cur.WriteByte(s[i])
		}
	}
	return append(parts, normLine(cur.String()))
}

func tabCells(s string) []string {
	parts := strings.Split(s, string(tabMark))
	for i, p := range parts {
		parts[i] = normLine(p)
	}
	// Trailing empty cells from a trailing tab.
	for len(parts) > 1 && parts[len(parts)-1] == "" {
		parts = parts[:len(parts)-1]
	}
	return parts
}

// MaxTableColumns bounds a table's width in columns.
const MaxTableColumns = 20

// Parse splits text into paragraphs, one per non-empty line, and classifies
// them. A "1." line is a titled khoản (bold) when it does not end like a
// sentence. Lines starting with "|", and runs of two or more lines with tabs,
// are tables. Problems (warnings) are recorded at path: điểm letters out of
// the a b c d đ e g h … sequence, mục numerals out of order.
func Parse(text string, path string, ps *apperr.Problems) []Para {
	var out []Para
	nextRoman, nextPoint, nextArticle := 1, 0, 1
	lines := strings.Split(text, "\n")
	at := func(i int) string { return fmt.Sprintf("%s (dòng %d)", path, i+1) }
	for i := 0; i < len(lines); i++ {
		raw := strings.TrimSpace(strings.ReplaceAll(lines[i], "\r", ""))
		// Tables: pipe rows, or two or more consecutive lines with tabs.
		if isPipeRow(raw) || strings.ContainsRune(raw, tabMark) {
			pipe := isPipeRow(raw)
			j := i
			for j < len(lines) {
				r := strings.TrimSpace(lines[j])
				if (pipe && !isPipeRow(r)) || (!pipe && !strings.ContainsRune(r, tabMark)) {
					break
				}
				j++
			}
			if pipe || j-i >= 2 {
				t := Para{Level: TableRows, Line: i + 1, HeaderRows: 1}
				for k := i; k < j; k++ {
					r := strings.TrimSpace(lines[k])
					if pipe && pipeSepRe.MatchString(r) {
						t.HeaderRows = len(t.Cells)
						continue
					}
					if pipe {
						t.Cells = append(t.Cells, pipeCells(r))
					} else {
						t.Cells = append(t.Cells, tabCells(r))
					}
				}
				cols := 0
				for _, r := range t.Cells {
					cols = max(cols, len(r))
				}
				if cols > MaxTableColumns {
					ps.Add(at(i), "table_too_wide", "Bảng có %d cột, tối đa %d: chia thành nhiều bảng.", cols, MaxTableColumns)
					cols = MaxTableColumns
				}
				for k, r := range t.Cells {
					if len(r) > cols {
						r = r[:cols]
					}
					for len(r) < cols {
						r = append(r, "")
					}
					t.Cells[k] = r
				}
				if t.HeaderRows >= len(t.Cells) {
					t.HeaderRows = 0
				}
				if len(t.Cells) > 0 {
					out = append(out, t)
				}
				i = j - 1
				continue
			}
		}
		s := normLine(raw)
		if s == "" {
			continue
		}
		p := Para{Level: Text, Text: s, Line: i + 1}
		// Cheap tests of the first characters spare the regular
		// expressions on ordinary lines (a 40-page Quy định has thousands).
		c0 := s[0]
		structural := strings.HasPrefix(s, "Ch") || strings.HasPrefix(s, "CH") || strings.HasPrefix(s, "Ph") ||
			strings.HasPrefix(s, "PH") || strings.HasPrefix(s, "Mụ") || strings.HasPrefix(s, "MỤ")
		digit := c0 >= '0' && c0 <= '9'
		romanStart := strings.IndexByte("IVXLC", c0) >= 0
		pointLike := (len(s) > 2 && s[1] == ')') || strings.HasPrefix(s, "đ)")
		itemLike := c0 == '-' || strings.HasPrefix(s, "–") || strings.HasPrefix(s, "•")
		switch {
		case structural && (partRe.MatchString(s) || divisionRe.MatchString(s)):
			m := partRe.FindStringSubmatch(s)
			p.Level = Part
			if m == nil {
				m = divisionRe.FindStringSubmatch(s)
				p.Level = Division
			}
			word := map[byte]string{'c': "Chương", 'C': "Chương", 'p': "Phần", 'P': "Phần", 'm': "Mục", 'M': "Mục"}[m[1][0]]
			p.Text = word + " " + m[2]
			p.Title = m[3]
			// The title on the next line, when it is in capitals.
			if p.Title == "" && i+1 < len(lines) {
				if nx := normLine(strings.TrimSpace(lines[i+1])); nx != "" && isUpper(nx) && !romanRe.MatchString(nx) {
					p.Title = nx
					i++
				}
			}
			p.Title = nd30.Upper(p.Title)
			nextRoman, nextPoint = 1, 0
		case strings.HasPrefix(s, "Điều") && articleRe.MatchString(s):
			m := articleRe.FindStringSubmatch(s)
			p.Level = Article
			p.Heading = isTitle(m[2])
			nextPoint = 0
			if n, _ := strconv.Atoi(m[1]); n != nextArticle {
				ps.Warn(at(i), "article_order", "Điều %s không đúng thứ tự: mong đợi Điều %d (các điều đánh số liên tục qua các chương, mục).", m[1], nextArticle)
				nextArticle = n + 1
			} else {
				nextArticle++
			}
		case romanStart && romanRe.MatchString(s) && isUpper(romanRe.FindStringSubmatch(s)[2]):
			m := romanRe.FindStringSubmatch(s)
			if want := nd30.Roman(nextRoman); m[1] != want {
				if want == "" {
					ps.Warn(at(i), "section_order", "Mục %q không đúng thứ tự.", m[1])
				} else {
					ps.Warn(at(i), "section_order", "Mục %q không đúng thứ tự: mong đợi %s.", m[1], want)
				}
			}
			nextRoman = romanValue(m[1]) + 1
			nextPoint = 0
			p.Level = Section
		case digit && subClause(s) != "":
			nextPoint = 0
			p.Level = SubClause
			p.Heading = isTitle(subClause(s))
		case digit && clause(s) != "":
			nextPoint = 0
			if isTitle(clause(s)) {
				p.Level = Clause
				p.Heading = true
			}
		case pointLike && point(s) != nil:
			m := point(s)
			want, more := nd30.PointLetter(nextPoint)
			switch {
			case !more:
				ps.Warn(at(i), "point_order", "Điểm %q vượt quá chữ y, chữ cái cuối của dãy a, b, c, d, đ, e, g, h…: nên chia thành khoản mới.", m[1]+")")
			case m[1] != want:
				ps.Warn(at(i), "point_order", "Điểm %q không đúng thứ tự a, b, c, d, đ, e, g, h…: mong đợi %q.", m[1]+")", want+")")
			}
			nextPoint = indexOf(m[1]) + 1
			p.Level = Point
			p.Heading = isPointHeading(m[2])
		case c0 == '+' && subItemRe.MatchString(s):
			p.Level = SubItem
			p.Text = "+ " + subItemRe.FindStringSubmatch(s)[1]
		case itemLike && itemRe.MatchString(s):
			p.Level = Item
			p.Text = "- " + itemRe.FindStringSubmatch(s)[1]
		}
		out = append(out, p)
	}
	return out
}

// digits reads one or two digits at the start of s.
func digits(s string) (int, bool) {
	n := 0
	for n < len(s) && n < 3 && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n, n >= 1 && n <= 2
}

// afterSpace is what follows the spaces at the start of s; "" when there is
// no space or nothing after it.
func afterSpace(s string) string {
	t := strings.TrimLeft(s, " ")
	if len(t) == len(s) {
		return ""
	}
	return t
}

// clause is the text after "1. " of a khoản line, "" if s is not one.
func clause(s string) string {
	n, ok := digits(s)
	if !ok || n >= len(s) || s[n] != '.' {
		return ""
	}
	return afterSpace(s[n+1:])
}

// subClause is the text after "1.1. " (or "1.1 ") of a sub-khoản line.
func subClause(s string) string {
	n, ok := digits(s)
	if !ok || n+1 >= len(s) || s[n] != '.' {
		return ""
	}
	m, ok := digits(s[n+1:])
	if !ok {
		return ""
	}
	rest := s[n+1+m:]
	rest = strings.TrimPrefix(rest, ".")
	return afterSpace(rest)
}

// point splits "a) text" into ["a) text", "a", "text"], nil if s is not a
// điểm line.
func point(s string) []string {
	letter, size := utf8.DecodeRuneInString(s)
	if !((letter >= 'a' && letter <= 'z') || letter == 'đ') || size >= len(s) || s[size] != ')' {
		return nil
	}
	rest := afterSpace(s[size+1:])
	if rest == "" {
		return nil
	}
	return []string{s, string(letter), rest}
}

// isPointHeading: "a) Đối với tập thể:" — a short điểm that ends with a
// colon and introduces the lines under it.
func isPointHeading(s string) bool {
	s = strings.TrimSpace(s)
	return strings.HasSuffix(s, ":") && len(strings.Fields(s)) <= 12 && !strings.Contains(strings.TrimSuffix(s, ":"), ":")
}

func indexOf(l string) int {
	for i, x := range nd30.PointLetters {
		if x == l {
			return i
		}
	}
	return 0
}

func romanValue(s string) int {
	for n := 1; n < 200; n++ {
		if nd30.Roman(n) == s {
			return n
		}
	}
	return 0
}

func isUpper(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters > 0
}

// isTitle: a khoản heading is short text that does not end like a sentence.
func isTitle(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || utf8.RuneCountInString(s) > 250 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	return !strings.ContainsRune(".;:!?…,", last)
}

// Style sets sizes and spacing of body paragraphs.
type Style struct {
	SizePt       float64
	LineHeightPt float64
	IndentMM     float64
	SpaceAfterPt float64
	// Metrics and WidthMM size the columns of tables; without Metrics the
	// columns share the width equally.
	Metrics *typeset.Metrics
	WidthMM float64
	// NoEnd leaves the last paragraph as it is, without "./." (a body
	// followed by more content, such as a closing line).
	NoEnd bool
}

// Paragraphs turns parsed paragraphs into justified model paragraphs with a
// first-line indent (tables are left out: use Blocks); mục and titled khoản
// are bold, balanced, left-aligned and keep with the next paragraph. The last paragraph ends with
// "./." (NĐ30 templates end ô 6 so).
func Paragraphs(ps []Para, st Style) []document.Paragraph {
	var out []document.Paragraph
	for _, b := range Blocks(ps, st) {
		if p, ok := b.(document.Paragraph); ok {
			out = append(out, p)
		}
	}
	return out
}

// Blocks lays the parsed body out: justified paragraphs with a first-line
// indent; Phần/Chương/Mục and their titles centred bold; Điều, mục, titled
// khoản and điểm headings bold (a titled sub-khoản bold italic), keeping with
// the next paragraph; tables bordered with their header rows repeated on
// every page. The last paragraph ends with "./." unless st.NoEnd.
func Blocks(ps []Para, st Style) []document.Block {
	out := make([]document.Block, 0, len(ps))
	// "./." ends the last paragraph; a body ending with a table has none.
	last := len(ps) - 1
	for i, p := range ps {
		if p.Level == TableRows {
			out = append(out, table(p, st))
			continue
		}
		text := p.Text
		if i == last && !st.NoEnd && !strings.HasSuffix(text, "./.") {
			text = strings.TrimRight(text, " .;,") + "./."
		}
		para := document.Paragraph{
			Runs:              Inline(text),
			Align:             document.Justify,
			SizePt:            st.SizePt,
			LineHeightPt:      st.LineHeightPt,
			FirstLineIndentMM: st.IndentMM,
			SpaceAfterPt:      st.SpaceAfterPt,
		}
		bold := func(runs []document.Run, italic bool) {
			for j := range runs {
				runs[j].Bold = true
				runs[j].Italic = runs[j].Italic || italic
			}
		}
		switch {
		case p.Level == Part || p.Level == Division:
			para.Align = document.Center
			para.FirstLineIndentMM = 0
			para.KeepWithNext = true
			para.SpaceBeforePt = 6
			para.SpaceAfterPt = 0
			bold(para.Runs, false)
			out = append(out, para)
			if p.Title != "" {
				t := para
				t.Runs = []document.Run{{Text: p.Title, Bold: true}}
				t.SpaceBeforePt = 0
				t.SpaceAfterPt = st.SpaceAfterPt
				out = append(out, t)
			} else {
				out[len(out)-1] = withSpaceAfter(para, st.SpaceAfterPt)
			}
			continue
		case p.Level == Article && !p.Heading:
			// "Điều 2." bold, the sentence after it plain.
			m := articleRe.FindStringSubmatch(text)
			head := "Điều " + m[1] + ". "
			para.Runs = append([]document.Run{{Text: head, Bold: true}}, Inline(m[2])...)
		case p.Level == Section || p.Level == Article || (p.Heading && p.Level != SubClause):
			para.KeepWithNext = true
			bold(para.Runs, false)
			heading(&para)
		case p.Heading && p.Level == SubClause:
			para.KeepWithNext = true
			bold(para.Runs, true)
			heading(&para)
		}
		out = append(out, para)
	}
	return out
}

// heading makes a heading balanced and never stretched: "IV. TIÊU CHÍ THI
// ĐUA, HÌNH THỨC | VÀ TIÊU CHUẨN KHEN THƯỞNG", not a stretched line and
// "THƯỞNG" alone on the next (typeset.Set).
func heading(p *document.Paragraph) {
	p.Align = document.Left
	p.Balance = true
}

func withSpaceAfter(p document.Paragraph, pt float64) document.Paragraph {
	p.SpaceAfterPt = pt
	return p
}

// Table type: one point smaller than the body, as danh sách tables are.
const (
	tablePadMM   = 1.5
	tableMinColM = 10.0
)

// table lays out a parsed table: bordered, header rows bold and centred and
// repeated on every page; columns sized to their content within the width.
func table(p Para, st Style) document.Table {
	size := st.SizePt - 1
	if size <= 0 {
		size = 13
	}
	cols := len(p.Cells[0])
	width := st.WidthMM
	if width <= 0 {
		width = 165
	}
	cell := func(text string, header bool) document.TableCell {
		runs := Inline(text)
		align := document.Left
		if header {
			align = document.Center
			for j := range runs {
				runs[j].Bold = true
			}
		} else if isNumeric(text) {
			align = document.Center
		}
		return document.TableCell{Paragraphs: []document.Paragraph{{
			Runs: runs, Align: align, SizePt: size, LineHeightPt: nd30.LineHeight(size) + 1,
		}}}
	}
	t := document.Table{ColumnsMM: columnWidths(p.Cells, cols, width, size, st.Metrics), CellPaddingMM: tablePadMM,
		SpaceBeforePt: 3, SpaceAfterPt: st.SpaceAfterPt + 3}
	for r, row := range p.Cells {
		tr := document.TableRow{}
		for _, c := range row {
			tr.Cells = append(tr.Cells, cell(c, r < p.HeaderRows))
		}
		if r < p.HeaderRows {
			t.Header = append(t.Header, tr)
		} else {
			t.Rows = append(t.Rows, tr)
		}
	}
	return t
}

func isNumeric(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(unicode.IsDigit(r) || strings.ContainsRune(".,%/-+ ", r)) {
			return false
		}
	}
	return true
}

// columnWidths gives each column at least its longest word and shares the
// rest of the width in proportion to the columns' natural (one-line) widths,
// so short columns (STT, numbers) stay narrow and text columns take the rest.
func columnWidths(cells [][]string, cols int, width, size float64, m *typeset.Metrics) []float64 {
	out := make([]float64, cols)
	if m == nil || cols == 0 {
		for i := range out {
			out[i] = math.Round(width/float64(cols)*10) / 10
		}
		return out
	}
	minW := make([]float64, cols)
	natural := make([]float64, cols)
	pad := 2*tablePadMM + 1
	for r, row := range cells {
		st := typeset.Style{Bold: r == 0}
		for c, text := range row {
			for _, ln := range strings.Split(text, "\n") {
				natural[c] = math.Max(natural[c], m.WidthMM(ln, st, size)+pad)
				for _, w := range strings.Fields(ln) {
					minW[c] = math.Max(minW[c], m.WidthMM(w, st, size)+pad)
				}
			}
		}
	}
	sumMin, sumNat := 0.0, 0.0
	for c := range out {
		minW[c] = math.Max(minW[c], tableMinColM)
		natural[c] = math.Max(natural[c], minW[c])
		sumMin += minW[c]
		sumNat += natural[c]
	}
	switch {
	case sumNat <= width:
		// Everything fits on one line: widen in proportion.
		for c := range out {
			out[c] = natural[c] * width / sumNat
		}
	case sumMin >= width:
		for c := range out {
			out[c] = minW[c] * width / sumMin
		}
	default:
		// Columns narrower than a fair share of what is left keep their
		// one-line width (dates, numbers, short names); the others share the
		// rest in proportion to their natural widths, never below their
		// longest word.
		fixed := make([]bool, cols)
		for changed := true; changed; {
			changed = false
			left, nat, n := width, 0.0, 0
			for c := range out {
				if fixed[c] {
					left -= natural[c]
				} else {
					nat += natural[c]
					n++
				}
			}
			for c := range out {
				if !fixed[c] && natural[c] <= left/float64(n) {
					fixed[c], changed = true, true
				}
			}
			if !changed {
				minLeft := 0.0
				for c := range out {
					if !fixed[c] {
						minLeft += minW[c]
					}
				}
				for c := range out {
					switch {
					case fixed[c]:
						out[c] = natural[c]
					case nat > minLeft && left > minLeft:
						out[c] = minW[c] + (left-minLeft)*(natural[c]-minW[c])/(nat-minLeft)
					default:
						out[c] = left / float64(n)
					}
				}
			}
		}
	}
	total := 0.0
	for c := range out {
		out[c] = math.Floor(out[c]*10) / 10
		total += out[c]
	}
	out[cols-1] = math.Round((out[cols-1]+width-total)*10) / 10
	return out
}

// Inline reads **bold**, *italic*, ***bold italic*** and __underline__
// marks; a backslash escapes an asterisk or an underscore; a single "_" and
// runs of three or more ("____", a line to fill in) are text. Unmatched marks are kept as literal asterisks.
func Inline(s string) []document.Run {
	if !strings.ContainsAny(s, "*_\\") {
		return []document.Run{{Text: s}}
	}
	type tok struct {
		text   string
		marker int // 0 text, else number of asterisks; 4 for "__"
	}
	var toks []tok
	var cur strings.Builder
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if r == '\\' && i+1 < len(rs) && (rs[i+1] == '*' || rs[i+1] == '_') {
			cur.WriteRune(rs[i+1])
			i++
			continue
		}
		if r == '_' {
			n := 1
			for i+n < len(rs) && rs[i+n] == '_' {
				n++
			}
			if n != 2 {
				// A single "_" or a fill line "____" is text.
				cur.WriteString(strings.Repeat("_", n))
				i += n - 1
				continue
			}
			if cur.Len() > 0 {
				toks = append(toks, tok{text: cur.String()})
				cur.Reset()
			}
			toks = append(toks, tok{marker: 4})
			i++
			continue
		}
		if r == '*' {
			n := 1
			for i+n < len(rs) && rs[i+n] == '*' && n < 3 {
				n++
			}
			if cur.Len() > 0 {
				toks = append(toks, tok{text: cur.String()})
				cur.Reset()
			}
			toks = append(toks, tok{marker: n})
			i += n - 1
			continue
		}
		cur.WriteRune(r)
	}
	if cur.Len() > 0 {
		toks = append(toks, tok{text: cur.String()})
	}
	// Markers toggle their styles: "*" italic, "**" bold, "***" both, "__"
	// underline, so adjacent changes ("**a***b*") read as they are meant.
	// A style toggled an odd number of times has its last toggle printed as
	// text ("5 * 3 = 15").
	const nStyles = 3 // italic, bold, underline
	bits := func(m int) [nStyles]bool {
		if m == 4 {
			return [nStyles]bool{false, false, true}
		}
		return [nStyles]bool{m&1 != 0, m&2 != 0, false}
	}
	var last [nStyles]int
	var count [nStyles]int
	for i, t := range toks {
		for k, on := range bits(t.marker) {
			if t.marker != 0 && on {
				count[k]++
				last[k] = i
			}
		}
	}
	literal := func(i, k int) bool { return count[k]%2 == 1 && last[k] == i }
	var runs []document.Run
	var state [nStyles]bool
	for i, t := range toks {
		if t.marker == 0 {
			runs = appendRun(runs, document.Run{Text: t.text, Italic: state[0], Bold: state[1], Underline: state[2]})
			continue
		}
		text := ""
		for k, on := range bits(t.marker) {
			switch {
			case !on:
			case literal(i, k):
				text += [...]string{"*", "**", "__"}[k]
			default:
				state[k] = !state[k]
			}
		}
		if text != "" {
			runs = appendRun(runs, document.Run{Text: text, Italic: state[0], Bold: state[1], Underline: state[2]})
		}
	}
	if len(runs) == 0 {
		runs = []document.Run{{Text: ""}}
	}
	return runs
}

func appendRun(runs []document.Run, r document.Run) []document.Run {
	if n := len(runs); n > 0 && runs[n-1].Bold == r.Bold && runs[n-1].Italic == r.Italic && runs[n-1].Underline == r.Underline {
		runs[n-1].Text += r.Text
		return runs
	}
	return append(runs, r)
}
