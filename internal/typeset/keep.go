package typeset

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// NoBreakSpace joins two words that must stay on one line. The PDF draws it
// as a space; the DOCX carries it as U+00A0, which Word and LibreOffice do
// not break at either, so both formats keep the same phrases together.
const NoBreakSpace = "\u00a0"

// The rules of what belongs together (issue 13, spec §4 "ngắt dòng"):
// a văn thư never leaves at the end of a line
//   - a word announcing a number without its number: "ngày 05", "năm 2025",
//     "Số 12", "Điều 3", "khoản 2", "Mục I";
//   - a number without its unit: "38.610.000 đồng", "03 tập thể";
//   - an honorific without the name: "Ông Nguyễn Văn An";
//   - the kind of a document without its number: "Nghị định số
//     152/2025/NĐ-CP", "Kế hoạch số 25/KH-SVHTTDL";
//   - half of a place or person name: "Lai Châu", "NGHỆ AN", "Lò Văn Thắng";
//   - a dash between words at the start of a line: "Thi đua - Khen thưởng".
// In balanced blocks (centred titles, names, headings) the syllables of the
// common compound words of administrative text also stay together
// ("Thể thao", "Du lịch", "khen thưởng"). A kept phrase wider than the line
// is let go (it breaks at its spaces as any text would).

// numberWords announce a number that follows them.
var numberWords = setOf("ngày", "tháng", "năm", "số", "điều", "khoản", "điểm", "mục", "chương", "phần",
	"quý", "kỳ", "khóa", "khoá", "đợt", "lần", "tuần", "lục", "mẫu", "bước", "đoạn", "lớp", "tổ")

// units follow a number.
var units = setOf("đồng", "đ", "vnđ", "vnd", "triệu", "tỷ", "tỉ", "nghìn", "ngàn", "trăm", "%", "mm", "cm", "m",
	"km", "kg", "g", "ha", "m2", "m²", "m3", "giờ", "phút", "giây", "người", "tập", "cá", "bản", "trang",
	"lượt", "suất", "hộ", "xã", "huyện", "đơn", "phòng", "cuốn", "chiếc", "bộ", "usd")

// unitTails finish a two-word unit: "tập thể", "cá nhân", "đơn vị".
var unitTails = map[string]string{"tập": "thể", "cá": "nhân", "đơn": "vị"}

// honorifics are followed by a person's name.
var honorifics = setOf("ông", "bà", "ông/bà", "bà/ông", "đ/c")

// docKinds name a document before "số N".
var docKinds = [][]string{
	{"luật"}, {"nghị", "định"}, {"nghị", "quyết"}, {"quyết", "định"}, {"thông", "tư"}, {"chỉ", "thị"},
	{"kế", "hoạch"}, {"công", "văn"}, {"tờ", "trình"}, {"báo", "cáo"}, {"thông", "báo"}, {"hướng", "dẫn"},
	{"văn", "bản"}, {"pháp", "lệnh"}, {"biên", "bản"}, {"giấy", "khen"}, {"bằng", "khen"}, {"quy", "định"},
}

var kindStart = func() map[string]bool {
	m := map[string]bool{}
	for _, k := range docKinds {
		m[k[0]] = true
	}
	return m
}()

// places are names written in capitals in headers and titles, where their
// case says nothing: the provinces and cities (before and after 2025).
var places = map[string][][]string{} // by first word

func init() {
	for _, p := range strings.Split("lai châu|nghệ an|hà nội|hồ chí minh|hải phòng|đà nẵng|cần thơ|huế|thừa thiên huế|"+
		"hà giang|cao bằng|bắc kạn|tuyên quang|lào cai|điện biên|sơn la|yên bái|hòa bình|hoà bình|thái nguyên|"+
		"lạng sơn|quảng ninh|bắc giang|phú thọ|vĩnh phúc|bắc ninh|hải dương|hưng yên|thái bình|hà nam|nam định|"+
		"ninh bình|thanh hóa|thanh hoá|hà tĩnh|quảng bình|quảng trị|quảng nam|quảng ngãi|bình định|phú yên|"+
		"khánh hòa|khánh hoà|ninh thuận|bình thuận|kon tum|gia lai|đắk lắk|đắk nông|lâm đồng|bình phước|tây ninh|"+
		"bình dương|đồng nai|bà rịa - vũng tàu|bà rịa|vũng tàu|long an|tiền giang|bến tre|trà vinh|vĩnh long|"+
		"đồng tháp|an giang|kiên giang|hậu giang|sóc trăng|bạc liêu|cà mau|việt nam|trung ương", "|") {
		f := strings.Fields(p)
		places[f[0]] = append(places[f[0]], f)
	}
}

// compounds are two-syllable words of administrative text that balanced
// blocks never split.
var compounds = setOf("văn hóa", "văn hoá", "thể thao", "du lịch", "thi đua", "khen thưởng", "nhân dân",
	"ủy ban", "uỷ ban", "chủ tịch", "giám đốc", "tập thể", "cá nhân", "xây dựng", "nông thôn", "thành phố",
	"thông tin", "truyền thông", "gia đình", "xuất sắc", "thành tích", "phong trào", "đoàn kết", "đời sống",
	"hội đồng", "cơ quan", "đơn vị", "công chức", "viên chức", "lao động", "xã hội", "chủ nghĩa", "cộng hòa",
	"cộng hoà", "độc lập", "tự do", "hạnh phúc", "kế hoạch", "quyết định", "tờ trình", "danh sách",
	"bằng khen", "giấy khen", "chiến sĩ", "trực thuộc", "quản lý", "phát triển", "kinh tế", "tỉnh ủy",
	"tỉnh uỷ", "đảng ủy", "đảng uỷ", "công đoàn", "thanh niên", "phụ nữ", "thể dục", "nghệ thuật",
	"di sản", "bảo tàng", "thư viện", "gia đình", "học tập", "năm học", "trường học", "thực hiện",
	"triển khai", "tổ chức", "hoàn thành", "nhiệm vụ", "chung sức", "phòng chống", "chống dịch")

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// token is one word of a paragraph: bytes [start,end) of the joined text.
type token struct {
	start, end int
	key        string // lower case, surrounding punctuation trimmed
	core       string // surrounding punctuation trimmed, case kept
}

func trimPunct(s string) string {
	return strings.TrimFunc(s, func(r rune) bool {
		return unicode.IsPunct(r) && r != '%' && r != '/' || r == '“' || r == '”'
	})
}

func startsDigit(s string) bool {
	s = strings.TrimLeft(s, "(“\"'")
	return s != "" && s[0] >= '0' && s[0] <= '9'
}

func isRoman(s string) bool {
	if s == "" || len(s) > 6 {
		return false
	}
	return strings.Trim(s, "IVXLC") == ""
}

// titleCase: an initial capital followed by at least one small letter.
func titleCase(s string) bool {
	r, n := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(r) {
		return false
	}
	for _, c := range s[n:] {
		if unicode.IsLower(c) {
			return true
		}
		if !unicode.IsLetter(c) {
			return false
		}
	}
	return false
}

// endsClause: the word ends a clause or sentence (a phrase never runs over it).
func endsClause(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(",;:.!?)”\"", r)
}

// bindGaps decides, for each gap between tokens i and i+1 (a single U+0020),
// whether the two words stay together.
func bindGaps(toks []token, text string, strict bool) []bool {
	n := len(toks)
	bind := make([]bool, max(n-1, 0))
	word := func(i int) string { return text[toks[i].start:toks[i].end] }
	for i := 0; i+1 < n; i++ {
		a, b := toks[i], toks[i+1]
		wa := word(i)
		if endsClause(wa) {
			// "…, năm 2025" still binds "năm 2025", but nothing runs over a comma.
			continue
		}
		switch {
		case numberWords[a.key] && (startsDigit(b.core) || isRoman(b.core)):
			bind[i] = true
		case startsDigit(a.core) && units[b.key]:
			bind[i] = true
			if t, ok := unitTails[b.key]; ok && i+2 < n && toks[i+2].key == t && !endsClause(word(i+1)) {
				bind[i+1] = true
			}
		case word(i+1) == "-" || word(i+1) == "–":
			bind[i] = true // a dash never starts a line
		case strict && compounds[a.key+" "+b.key]:
			bind[i] = true
		}
		comrade := a.key == "chí" && i > 0 && toks[i-1].key == "đồng" && !endsClause(word(i-1))
		if (honorifics[a.key] || comrade) && titleCase(b.core) {
			if comrade {
				bind[i-1] = true
			}
			for j := i; j+1 < n && j < i+5 && titleCase(toks[j+1].core); j++ {
				bind[j] = true
				if endsClause(word(j + 1)) {
					break
				}
			}
		}
	}
	// The kind of a document with its number: "Nghị định số 152/2025/NĐ-CP".
	for i := 0; i+2 < n; i++ {
		if !kindStart[toks[i].key] {
			continue
		}
		for _, k := range docKinds {
			j := i + len(k)
			if j+1 >= n || toks[j].key != "số" || !startsDigit(toks[j+1].core) {
				continue
			}
			ok := true
			for x, w := range k {
				if toks[i+x].key != w || endsClause(word(i+x)) {
					ok = false
					break
				}
			}
			if ok {
				for x := i; x < j; x++ {
					bind[x] = true
				}
			}
		}
	}
	// Names: runs of 2–4 capitalised words ("Lai Châu", "Lò Văn Thắng"), and
	// the places of the list in any case ("NGHỆ AN").
	for i := 0; i < n; {
		j := i
		for j < n && titleCase(toks[j].core) && (j == i || !endsClause(word(j-1))) {
			j++
		}
		if l := j - i; l >= 2 && l <= 4 && !strings.HasPrefix(word(i+1), "“") {
			for x := i; x < j-1; x++ {
				bind[x] = true
			}
		}
		i = max(j, i+1)
	}
	for i := 0; i < n; i++ {
		for _, p := range places[toks[i].key] {
			if i+len(p) > n {
				continue
			}
			ok := true
			for x, w := range p {
				if toks[i+x].key != w || x < len(p)-1 && endsClause(word(i+x)) {
					ok = false
					break
				}
			}
			if ok {
				for x := i; x < i+len(p)-1; x++ {
					bind[x] = true
				}
			}
		}
	}
	return bind
}

// tokenize splits text into words at U+0020 and "\n"; gaps[i] reports
// whether tokens i and i+1 are separated by exactly one U+0020.
func tokenize(text string) (toks []token, single []bool) {
	i := 0
	for i < len(text) {
		for i < len(text) && (text[i] == ' ' || text[i] == '\n') {
			i++
		}
		if i >= len(text) {
			break
		}
		j := i
		for j < len(text) && text[j] != ' ' && text[j] != '\n' {
			j++
		}
		if len(toks) > 0 {
			prev := toks[len(toks)-1].end
			single = append(single, i-prev == 1 && text[prev] == ' ')
		}
		core := trimPunct(text[i:j])
		toks = append(toks, token{start: i, end: j, core: core, key: strings.ToLower(core)})
		i = j
	}
	return toks, single
}

// bind returns spans whose spaces inside kept-together phrases are
// NoBreakSpace. widthPt is the width of a full line: a phrase wider than
// that is not kept. strict adds the compound words (balanced blocks).
func (m *Metrics) bind(spans []Span, widthPt float64, strict bool) []Span {
	if len(spans) == 0 {
		return spans
	}
	var sb strings.Builder
	for _, sp := range spans {
		sb.WriteString(sp.Text)
	}
	text := sb.String()
	toks, single := tokenize(text)
	if len(toks) < 2 {
		return spans
	}
	bind := bindGaps(toks, text, strict)
	any := false
	for i := range bind {
		bind[i] = bind[i] && single[i]
		any = any || bind[i]
	}
	if !any {
		return spans
	}
	// Let go of phrases wider than a line.
	styleAt := func(pos int) Span {
		at := 0
		for _, sp := range spans {
			if pos < at+len(sp.Text) {
				return sp
			}
			at += len(sp.Text)
		}
		return spans[len(spans)-1]
	}
	for i := 0; i < len(bind); {
		if !bind[i] {
			i++
			continue
		}
		j := i
		for j < len(bind) && bind[j] {
			j++
		}
		sp := styleAt(toks[i].start)
		if m.WidthPt(text[toks[i].start:toks[j].end], sp.Style, sp.SizePt) > widthPt {
			for x := i; x < j; x++ {
				bind[x] = false
			}
		}
		i = j
	}
	nb := make(map[int]bool)
	for i, b := range bind {
		if b {
			nb[toks[i].end] = true
		}
	}
	if len(nb) == 0 {
		return spans
	}
	out := make([]Span, len(spans))
	at := 0
	for k, sp := range spans {
		out[k] = sp
		t := sp.Text
		changed := false
		var b strings.Builder
		for i := 0; i < len(t); i++ {
			if t[i] == ' ' && nb[at+i] {
				if !changed {
					b.WriteString(t[:i])
					changed = true
				}
				b.WriteString(NoBreakSpace)
				continue
			}
			if changed {
				b.WriteByte(t[i])
			}
		}
		if changed {
			out[k].Text = b.String()
		}
		at += len(t)
	}
	return out
}
