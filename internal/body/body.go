// Package body turns the plain text of a document's content (ô 6), as pasted
// from a draft, into paragraphs of the document model: it detects the heading
// levels of NĐ30 (mục "I." Roman numeral + capitals, khoản "1.", điểm "a)" in
// the Vietnamese letter sequence, "-" items) and reads inline marks for bold
// (**…**) and italic (*…*).
package body

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/document"
	"github.com/vanban/vanban/internal/nd30"
)

// Level is the structural role of a paragraph.
type Level int

// Levels, from the top.
const (
	Text    Level = iota // an ordinary paragraph
	Section              // mục: "I. MỤC ĐÍCH, YÊU CẦU"
	Clause               // khoản with a title: "1. Mục đích"
	Point                // điểm: "a) …"
	Item                 // "- …"
)

var levelNames = [...]string{"text", "section", "clause", "point", "item"}

func (l Level) String() string { return levelNames[l] }

// MarshalText writes the level's name.
func (l Level) MarshalText() ([]byte, error) { return []byte(l.String()), nil }

// Para is one detected paragraph.
type Para struct {
	Level Level
	Text  string
	Line  int // 1-based line of the input
}

var (
	romanRe  = regexp.MustCompile(`^([IVXLC]+)\.\s+(.+)$`)
	clauseRe = regexp.MustCompile(`^(\d{1,2})\.\s+(.+)$`)
	pointRe  = regexp.MustCompile(`^([a-zđ])\)\s+(.+)$`)
	itemRe   = regexp.MustCompile(`^[-–•+]\s*(.+)$`)
)

// Parse splits text into paragraphs, one per non-empty line, and classifies
// them. A "1." line is a titled khoản (bold) when it does not end like a
// sentence. Problems (warnings) are recorded at path: điểm letters out of the
// a b c d đ e g h … sequence, mục numerals out of order.
func Parse(text string, path string, ps *apperr.Problems) []Para {
	var out []Para
	nextRoman, nextPoint := 1, 0
	for i, raw := range strings.Split(text, "\n") {
		s := strings.Join(strings.Fields(raw), " ")
		if s == "" {
			continue
		}
		p := Para{Level: Text, Text: s, Line: i + 1}
		switch {
		case romanRe.MatchString(s) && isUpper(romanRe.FindStringSubmatch(s)[2]):
			m := romanRe.FindStringSubmatch(s)
			if want := nd30.Roman(nextRoman); m[1] != want {
				if want == "" {
					ps.Warn(fmt.Sprintf("%s (dòng %d)", path, i+1), "section_order", "Mục %q không đúng thứ tự.", m[1])
				} else {
					ps.Warn(fmt.Sprintf("%s (dòng %d)", path, i+1), "section_order", "Mục %q không đúng thứ tự: mong đợi %s.", m[1], want)
				}
			}
			nextRoman = romanValue(m[1]) + 1
			nextPoint = 0
			p.Level = Section
		case clauseRe.MatchString(s):
			nextPoint = 0
			if isTitle(clauseRe.FindStringSubmatch(s)[2]) {
				p.Level = Clause
			}
		case pointRe.MatchString(s):
			m := pointRe.FindStringSubmatch(s)
			want, more := nd30.PointLetter(nextPoint)
			switch {
			case !more:
				ps.Warn(fmt.Sprintf("%s (dòng %d)", path, i+1), "point_order", "Điểm %q vượt quá chữ y, chữ cái cuối của dãy a, b, c, d, đ, e, g, h…: nên chia thành khoản mới.", m[1]+")")
			case m[1] != want:
				ps.Warn(fmt.Sprintf("%s (dòng %d)", path, i+1), "point_order", "Điểm %q không đúng thứ tự a, b, c, d, đ, e, g, h…: mong đợi %q.", m[1]+")", want+")")
			}
			nextPoint = indexOf(m[1]) + 1
			p.Level = Point
		case itemRe.MatchString(s):
			p.Level = Item
			p.Text = "- " + itemRe.FindStringSubmatch(s)[1]
		}
		out = append(out, p)
	}
	return out
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
	if s == "" || len([]rune(s)) > 250 {
		return false
	}
	last := []rune(s)[len([]rune(s))-1]
	return !strings.ContainsRune(".;:!?…,", last)
}

// Style sets sizes and spacing of body paragraphs.
type Style struct {
	SizePt       float64
	LineHeightPt float64
	IndentMM     float64
	SpaceAfterPt float64
}

// Paragraphs turns parsed paragraphs into justified model paragraphs with a
// first-line indent; mục and titled khoản are bold and keep with the next
// paragraph. The last paragraph ends with "./." (NĐ30 templates end ô 6 so).
func Paragraphs(ps []Para, st Style) []document.Paragraph {
	out := make([]document.Paragraph, 0, len(ps))
	for i, p := range ps {
		text := p.Text
		if i == len(ps)-1 && !strings.HasSuffix(text, "./.") {
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
		if p.Level == Section || p.Level == Clause {
			para.KeepWithNext = true
			for j := range para.Runs {
				para.Runs[j].Bold = true
			}
		}
		out = append(out, para)
	}
	return out
}

// Inline reads **bold**, *italic* and ***bold italic*** marks; a backslash
// escapes an asterisk. Unmatched marks are kept as literal asterisks.
func Inline(s string) []document.Run {
	type tok struct {
		text   string
		marker int // 0 text, else number of asterisks
	}
	var toks []tok
	var cur strings.Builder
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if r == '\\' && i+1 < len(rs) && rs[i+1] == '*' {
			cur.WriteRune('*')
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
	// Pair markers: a marker opens when a later marker of the same length closes it.
	closes := make([]int, len(toks))
	for i := range closes {
		closes[i] = -1
	}
	for i := 0; i < len(toks); i++ {
		if toks[i].marker == 0 || closes[i] == -2 {
			continue
		}
		for j := i + 1; j < len(toks); j++ {
			if toks[j].marker == toks[i].marker && closes[j] == -1 {
				closes[i], closes[j] = j, -2
				break
			}
		}
	}
	var runs []document.Run
	bold, italic := 0, 0
	for i, t := range toks {
		if t.marker == 0 {
			runs = appendRun(runs, document.Run{Text: t.text, Bold: bold > 0, Italic: italic > 0})
			continue
		}
		switch closes[i] {
		case -1:
			runs = appendRun(runs, document.Run{Text: strings.Repeat("*", t.marker), Bold: bold > 0, Italic: italic > 0})
		case -2:
			if t.marker&2 != 0 {
				bold--
			}
			if t.marker&1 != 0 {
				italic--
			}
		default:
			if t.marker&2 != 0 {
				bold++
			}
			if t.marker&1 != 0 {
				italic++
			}
		}
	}
	if len(runs) == 0 {
		runs = []document.Run{{Text: ""}}
	}
	return runs
}

func appendRun(runs []document.Run, r document.Run) []document.Run {
	if n := len(runs); n > 0 && runs[n-1].Bold == r.Bold && runs[n-1].Italic == r.Italic {
		runs[n-1].Text += r.Text
		return runs
	}
	return append(runs, r)
}
