package award

import (
	"strconv"
	"strings"
	"unicode"
)

// CountOptions tune Counts.
type CountOptions struct {
	// Unpadded writes counts below 10 with one digit ("3 tập thể"). The
	// default is two digits, as award texts do in practice (spec §4.3).
	Unpadded bool
	// IndividualsFirst puts "cá nhân" before "tập thể".
	IndividualsFirst bool
}

// PadCount writes n with two digits when it is below 10 ("03").
func PadCount(n int) string {
	if n >= 0 && n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// Tally counts the collectives and the individuals in list.
func Tally(list []Nomination) (collectives, individuals int) {
	for _, n := range list {
		switch n.Kind {
		case Collective:
			collectives++
		case Individual:
			individuals++
		}
	}
	return collectives, individuals
}

// Counts writes the counts of a request or decision sentence: "03 tập thể và
// 05 cá nhân", only the non-zero parts ("05 cá nhân"); "" for an empty list
// (spec §4.3, §7.1).
func Counts(list []Nomination, opts CountOptions) string {
	c, i := Tally(list)
	num := PadCount
	if opts.Unpadded {
		num = strconv.Itoa
	}
	var parts []string
	add := func(n int, k Kind) {
		if n > 0 {
			parts = append(parts, num(n)+" "+k.Label())
		}
	}
	if opts.IndividualsFirst {
		add(i, Individual)
		add(c, Collective)
	} else {
		add(c, Collective)
		add(i, Individual)
	}
	return strings.Join(parts, " và ")
}

// Money writes an amount of đồng with "." as the thousands separator
// ("2.340.000"), as Vietnamese texts do (spec §8.2).
func Money(n int64) string {
	neg := n < 0
	u := uint64(n)
	if neg {
		u = uint64(-(n + 1)) + 1
	}
	s := strconv.FormatUint(u, 10)
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	return b.String()
}

var digitWords = [...]string{"không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"}

// Words reads n in Vietnamese words, lower case, without a unit: 2340000 is
// "hai triệu ba trăm bốn mươi nghìn". Conventions: "mốt" for a final 1 after
// a tens word from twenty up ("hai mươi mốt"), "lăm" for a final 5 after any
// tens word ("mười lăm", "hai mươi lăm"), "linh" for a zero tens digit
// ("một trăm linh năm"), "mười" for ten and "mươi" after a digit, and
// "không trăm" in an inner group ("một nghìn không trăm linh một"). Above
// 999 tỷ the count of tỷ is read the same way ("một nghìn tỷ").
func Words(n int64) string {
	if n == 0 {
		return digitWords[0]
	}
	if n < 0 {
		return "âm " + wordsU(uint64(-(n+1))+1)
	}
	return wordsU(uint64(n))
}

// AmountInWords is the "Bằng chữ" form of an amount of money: Words with a
// capital first letter and the unit, "Hai triệu ba trăm bốn mươi nghìn đồng".
func AmountInWords(n int64) string {
	w := Words(n)
	r := []rune(w)
	r[0] = unicode.ToUpper(r[0])
	return string(r) + " đồng"
}

func wordsU(n uint64) string {
	const billion = 1_000_000_000
	if n >= billion {
		hi, lo := n/billion, n%billion
		s := wordsU(hi) + " tỷ"
		if lo > 0 {
			s += " " + groupsWords(lo, true)
		}
		return s
	}
	return groupsWords(n, false)
}

// groupsWords reads n < 10^9 in groups of three digits; inner says that a
// higher group has already been read, so a leading group is read in full.
func groupsWords(n uint64, inner bool) string {
	units := [...]string{"", " nghìn", " triệu"}
	groups := [3]uint64{n % 1000, n / 1000 % 1000, n / 1_000_000}
	var parts []string
	for i := 2; i >= 0; i-- {
		g := groups[i]
		if g == 0 {
			continue
		}
		parts = append(parts, groupWords(int(g), inner)+units[i])
		inner = true
	}
	return strings.Join(parts, " ")
}

func groupWords(g int, full bool) string {
	h, t, u := g/100, g/10%10, g%10
	var w []string
	if h > 0 || full {
		w = append(w, digitWords[h], "trăm")
	}
	switch {
	case t == 0:
		if u > 0 && len(w) > 0 {
			w = append(w, "linh")
		}
	case t == 1:
		w = append(w, "mười")
	default:
		w = append(w, digitWords[t], "mươi")
	}
	switch {
	case u == 0:
	case u == 1 && t >= 2:
		w = append(w, "mốt")
	case u == 5 && t >= 1:
		w = append(w, "lăm")
	default:
		w = append(w, digitWords[u])
	}
	return strings.Join(w, " ")
}
