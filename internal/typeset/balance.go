package typeset

import (
	"math"
	"strings"
	"unicode/utf8"
)

// Set typesets one paragraph, the way both renderers do (one breaker for
// the PDF and the DOCX). Without balance the lines are broken greedily at
// spaces, as Word does (BreakLines). With balance (centred titles, names,
// headings):
//
//   - the spaces inside phrases that belong together become NoBreakSpace
//     (see keep.go: "ngày 05", "Nghị định số 152/2025/NĐ-CP", "Lai Châu";
//     the compound words "Thể thao", "Du lịch" too, unless keeping them
//     costs a line);
//   - each stretch
//     between forced breaks keeps the number of lines the greedy breaker
//     needs but its lines are made of similar lengths, preferring breaks at
//     phrase boundaries (after a comma, before "và", "của", "về", "trong"),
//     never inside a quoted name that fits on a line; the chosen breaks
//     become "\n" in the returned spans, so those lines are never stretched.
//
// It returns the spans as set — the text to draw and to write: the DOCX
// carries the no-break spaces and the "\n" of a balanced paragraph as
// explicit breaks, so Word and LibreOffice break at the same words — and the
// lines (as BreakLines returns them for those spans).
func (m *Metrics) Set(spans []Span, firstPt, restPt float64, balance bool) ([]Span, []Line) {
	spans = cleanSpans(spans)
	if !balance {
		return spans, m.breakClean(spans, firstPt, restPt)
	}
	return m.setBalanced(spans, firstPt, restPt, false)
}

// SetKept is Set with balance that keeps the compound words together even
// when that costs a line, for a caller that shrinks the text rather than
// split "Thể | thao" (a certificate's name of a collective).
func (m *Metrics) SetKept(spans []Span, firstPt, restPt float64) ([]Span, []Line) {
	return m.setBalanced(cleanSpans(spans), firstPt, restPt, true)
}

func (m *Metrics) setBalanced(spans []Span, firstPt, restPt float64, kept bool) ([]Span, []Line) {
	bound := m.bind(spans, restPt, true)
	lines := m.breakClean(bound, firstPt, restPt)
	if len(lines) < 2 {
		return bound, lines
	}
	// Compound words are kept only when that costs no line (unless kept).
	if !kept {
		if loose := m.bind(spans, restPt, false); !sameSpans(loose, bound) {
			if ll := m.breakClean(loose, firstPt, restPt); len(ll) < len(lines) {
				bound, lines = loose, ll
			}
		}
	}
	spans = bound
	bal := m.balance(spans, lines, firstPt, restPt)
	if bal == nil {
		return spans, lines
	}
	return bal, m.breakClean(bal, firstPt, restPt)
}

// sameSpans reports whether a and b hold the same text in the same styles,
// so that they break into the same lines.
func sameSpans(a, b []Span) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// word is a token of a paragraph being balanced, measured.
type word struct {
	start, end int     // bytes of the joined text
	w          float64 // natural width
	gap        float64 // width of the spaces after it (before the next word)
	text       string
}

// balance chooses the breaks of each stretch between forced breaks; it
// returns nil when nothing changes.
func (m *Metrics) balance(spans []Span, greedy []Line, firstPt, restPt float64) []Span {
	var sb strings.Builder
	for _, sp := range spans {
		sb.WriteString(sp.Text)
	}
	text := sb.String()
	// spanAt[i]: index of the span holding byte i of text.
	spanAt := make([]int, len(text))
	at := 0
	for k, sp := range spans {
		for i := 0; i < len(sp.Text); i++ {
			spanAt[at+i] = k
		}
		at += len(sp.Text)
	}
	measure := func(from, to int) float64 {
		w := 0.0
		for i := from; i < to; {
			k := spanAt[i]
			j := i
			for j < to && spanAt[j] == k {
				j++
			}
			w += m.WidthPt(text[i:j], spans[k].Style, spans[k].SizePt)
			i = j
		}
		return w
	}
	// Lines the greedy breaker gives each stretch.
	var counts []int
	c := 0
	for _, ln := range greedy {
		c++
		if ln.Forced || ln.Last {
			counts = append(counts, c)
			c = 0
		}
	}
	breakAt := map[int]int{} // gap start → gap end, where a line now ends
	seg := 0
	for segStart := 0; segStart <= len(text) && seg < len(counts); seg++ {
		segEnd := strings.IndexByte(text[segStart:], '\n')
		if segEnd < 0 {
			segEnd = len(text)
		} else {
			segEnd += segStart
		}
		n := counts[seg]
		avail := restPt
		if seg == 0 {
			avail = firstPt
		}
		if n >= 2 && segEnd > segStart && text[segStart] != ' ' {
			words := m.words(text, segStart, segEnd, measure)
			for _, b := range chooseBreaks(words, n, avail, restPt) {
				breakAt[words[b].end] = words[b+1].start
			}
		}
		segStart = segEnd + 1
	}
	if len(breakAt) == 0 {
		return nil
	}
	out := make([]Span, len(spans))
	copy(out, spans)
	texts := make([]strings.Builder, len(spans))
	for i := 0; i < len(text); {
		if end, ok := breakAt[i]; ok {
			texts[spanAt[i]].WriteByte('\n')
			i = end
			continue
		}
		texts[spanAt[i]].WriteByte(text[i])
		i++
	}
	for k := range out {
		out[k].Text = texts[k].String()
	}
	return out
}

// words splits text[from:to] at U+0020 and measures the words and the gaps.
func (m *Metrics) words(text string, from, to int, measure func(int, int) float64) []word {
	var ws []word
	for i := from; i < to; {
		j := i
		for j < to && text[j] != ' ' {
			j++
		}
		if j > i {
			ws = append(ws, word{start: i, end: j, w: measure(i, j), text: text[i:j]})
		}
		k := j
		for k < to && text[k] == ' ' {
			k++
		}
		if len(ws) > 0 && k > j {
			ws[len(ws)-1].gap = measure(j, k)
		}
		i = k
	}
	return ws
}

// Soft preferences of the balancing breaker, in units of (line/width)².
const (
	bonusClause   = 0.06 // break after , ; :
	bonusSentence = 0.03 // break after . or )
	bonusBefore   = 0.03 // break before và, của, về, trong …
	penaltyAfter  = 0.08 // a line ending with của, và, các …
	penaltyQuote  = 0.4  // a break inside a quoted name that fits on a line
	penaltyDate   = 0.2  // a break inside "ngày 10 tháng 12 năm 2025"
	minShare      = 0.4  // no line shorter than this share of the longest
)

// joinNext: a line does not end with these (they lead into what follows).
var joinNext = setOf("và", "của", "về", "trong", "cho", "tại", "với", "để", "theo", "trên", "các", "những",
	"một", "đã", "được", "là", "thuộc", "từ", "đến", "tặng", "có", "nhằm", "đối", "giữa", "do", "bởi", "vì")

// startPhrase: a line may well begin with these.
var startPhrase = setOf("và", "của", "về", "trong", "cho", "tại", "với", "để", "theo", "trên", "nhằm",
	"thuộc", "từ", "đến", "giai", "năm", "đối", "do", "hoặc")

// chooseBreaks sets words in exactly n lines (the first firstPt wide, the
// others restPt) of similar widths: it minimises the sum of the squared line
// widths (for a fixed number of lines and total width, the most even set)
// plus the soft preferences, by dynamic programming. It returns the index
// of the last word of each line but the last, or nil when the words cannot
// be set in n lines (a word wider than its line).
func chooseBreaks(ws []word, n int, firstPt, restPt float64) []int {
	k := len(ws)
	if k < n || n < 2 || !(firstPt > 0) || !(restPt > 0) {
		return nil
	}
	// x[i]: start of word i on one endless line.
	x := make([]float64, k+1)
	for i, w := range ws {
		x[i+1] = x[i] + w.w + w.gap
	}
	width := func(a, b int) float64 { return x[b+1] - ws[b].gap - x[a] } // words a..b
	soft := breakPrefs(ws, restPt)
	try := func(useSoft bool) []int {
		inf := math.Inf(1)
		f := make([][]float64, n+1)
		from := make([][]int, n+1)
		for l := range f {
			f[l] = make([]float64, k+1)
			from[l] = make([]int, k+1)
			for j := range f[l] {
				f[l][j] = inf
			}
		}
		f[0][0] = 0
		for l := 1; l <= n; l++ {
			avail := restPt
			if l == 1 {
				avail = firstPt
			}
			for j := l; j <= k-(n-l); j++ {
				for i := l - 1; i < j; i++ {
					if math.IsInf(f[l-1][i], 1) {
						continue
					}
					w := width(i, j-1)
					if w > avail+fitEpsilon {
						continue
					}
					r := w / restPt
					c := f[l-1][i] + r*r
					if l < n && useSoft {
						c += soft[j-1]
					}
					if c < f[l][j] {
						f[l][j], from[l][j] = c, i
					}
				}
			}
		}
		if math.IsInf(f[n][k], 1) {
			return nil
		}
		breaks := make([]int, n-1)
		j := k
		for l := n; l > 1; l-- {
			i := from[l][j]
			breaks[l-2] = i - 1
			j = i
		}
		return breaks
	}
	even := func(b []int) bool {
		lo, hi, start := math.Inf(1), 0.0, 0
		for _, e := range append(b, k-1) {
			w := width(start, e)
			lo, hi = math.Min(lo, w), math.Max(hi, w)
			start = e + 1
		}
		return lo >= minShare*hi
	}
	b := try(true)
	if b != nil && !even(b) {
		if plain := try(false); plain != nil {
			b = plain
		}
	}
	return b
}

// breakPrefs returns, for the break after each word, its soft cost.
func breakPrefs(ws []word, restPt float64) []float64 {
	p := make([]float64, len(ws))
	// Quoted stretches: depth after each word, and the width of each quote.
	depth := 0
	open := -1
	inQuote := make([]bool, len(ws))
	for i, w := range ws {
		for _, r := range w.text {
			switch r {
			case '“':
				if depth == 0 {
					open = i
				}
				depth++
			case '”':
				if depth > 0 {
					depth--
					if depth == 0 && open >= 0 {
						fits := i > open && sumWidth(ws, open, i) <= restPt
						for q := open; q < i; q++ {
							inQuote[q] = fits
						}
					}
				}
			}
		}
	}
	for i := range ws[:len(ws)-1] {
		a := lastPart(ws[i].text)
		b := firstPart(ws[i+1].text)
		r, _ := utf8.DecodeLastRuneInString(ws[i].text)
		switch {
		case strings.ContainsRune(",;:", r):
			p[i] -= bonusClause
		case strings.ContainsRune(".)", r):
			p[i] -= bonusSentence
		}
		if startPhrase[strings.ToLower(trimPunct(b))] {
			p[i] -= bonusBefore
		}
		if joinNext[strings.ToLower(trimPunct(a))] && !strings.ContainsRune(",;:.", r) {
			p[i] += penaltyAfter
		}
		if inDate(ws[i].text, ws[i+1].text) {
			p[i] += penaltyDate
		}
		if inQuote[i] {
			p[i] += penaltyQuote
		}
	}
	return p
}

// inDate: a and b are two parts of one date ("tháng 12" | "năm 2025").
func inDate(a, b string) bool {
	a, b = strings.ToLower(lastWords(a, 2)), strings.ToLower(firstPart(b))
	return (strings.HasPrefix(a, "ngày"+NoBreakSpace) || strings.HasPrefix(a, "tháng"+NoBreakSpace)) &&
		(b == "tháng" || b == "năm")
}

// lastWords returns the last n parts of a word joined by no-break spaces.
func lastWords(s string, n int) string {
	i := len(s)
	for ; n > 0; n-- {
		j := strings.LastIndex(s[:i], NoBreakSpace)
		if j < 0 {
			return s
		}
		i = j
	}
	return s[i+len(NoBreakSpace):]
}

func sumWidth(ws []word, a, b int) float64 {
	w := 0.0
	for i := a; i <= b; i++ {
		w += ws[i].w
		if i < b {
			w += ws[i].gap
		}
	}
	return w
}

func lastPart(s string) string {
	if i := strings.LastIndex(s, NoBreakSpace); i >= 0 {
		return s[i+len(NoBreakSpace):]
	}
	return s
}

func firstPart(s string) string {
	if i := strings.Index(s, NoBreakSpace); i >= 0 {
		return s[:i]
	}
	return s
}
