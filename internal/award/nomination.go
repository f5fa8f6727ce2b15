// Package award is the domain of commendation paperwork (NĐ30 Phụ lục III
// Mẫu 1.2 and 1.4 as used for Tờ trình đề nghị khen thưởng and Quyết định tặng
// Giấy khen; spec §7): the nominated collectives and individuals, the award
// forms catalogue with its cash multiples and criteria, the legal bases (căn
// cứ) with the periods they are in force, validation of a nomination list and
// the Vietnamese wording helpers (counts, money in figures and in words,
// alphabetical order of names). It does no I/O and never reads the clock.
package award

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/nd30"
)

// Kind says whether a nomination is for a collective or a person.
type Kind string

// Kinds of nominee.
const (
	Collective Kind = "tap-the" // tập thể
	Individual Kind = "ca-nhan" // cá nhân
)

// Label is the Vietnamese word for the kind ("tập thể", "cá nhân").
func (k Kind) Label() string {
	switch k {
	case Collective:
		return "tập thể"
	case Individual:
		return "cá nhân"
	}
	return string(k)
}

// Valid reports whether k is one of the known kinds.
func (k Kind) Valid() bool { return k == Collective || k == Individual }

// Gender of a person, stored explicitly: it decides "Ông"/"Bà" and is never
// guessed from a middle name such as "Văn" or "Thị" (spec §7.4).
type Gender string

// Genders.
const (
	Male   Gender = "nam"
	Female Gender = "nu"
)

// Valid reports whether g is one of the known genders.
func (g Gender) Valid() bool { return g == Male || g == Female }

// Label is "Nam" or "Nữ".
func (g Gender) Label() string {
	switch g {
	case Male:
		return "Nam"
	case Female:
		return "Nữ"
	}
	return ""
}

// Nomination is one collective or one person proposed for an award. The same
// shape serves both kinds; fields that do not apply to a kind stay empty. It
// is the JSON written by `vanban import` and read by the Tờ trình and the
// Quyết định khen thưởng.
type Nomination struct {
	Kind Kind `json:"kind"`
	// Name is the collective's full name ("Phòng Quản lý văn hóa") or the
	// person's full name, family name first ("Nguyễn Văn An").
	Name string `json:"name"`
	// GivenName overrides the given name used for alphabetical order when the
	// last word of Name is not the given name (some ethnic-minority names,
	// spec §8.7).
	GivenName string `json:"givenName,omitempty"`
	// Gender of a person; required for individuals.
	Gender Gender `json:"gender,omitempty"`
	// BirthYear of a person, 0 when not given.
	BirthYear int `json:"birthYear,omitempty"`
	// Position is the person's chức vụ ("Trưởng phòng Quản lý văn hóa").
	Position string `json:"position,omitempty"`
	// Unit is the person's đơn vị công tác.
	Unit string `json:"unit,omitempty"`
	// ParentUnit is the body a collective belongs to ("Sở Văn hóa, Thể thao và
	// Du lịch").
	ParentUnit string `json:"parentUnit,omitempty"`
	// AwardForm is the id of the proposed form in the catalogue
	// ("giay-khen-giam-doc-so").
	AwardForm string `json:"awardForm"`
	// Summary is the tóm tắt thành tích.
	Summary string `json:"summary,omitempty"`
	// Criterion is the id or the text of the plan's criterion the nominee
	// meets, if given.
	Criterion string `json:"criterion,omitempty"`
	// Note is the Ghi chú column.
	Note string `json:"note,omitempty"`
	// Source is where the nomination was read from, when it came from a
	// spreadsheet; validation problems then name the sheet and row.
	Source *Source `json:"source,omitempty"`
}

// Source is a spreadsheet location.
type Source struct {
	Sheet string `json:"sheet,omitempty"`
	Row   int    `json:"row"`
}

// Honorific is "Ông" or "Bà" for a person (from the stored gender) and ""
// for a collective or a person whose gender is not known.
func (n Nomination) Honorific() string {
	if n.Kind != Individual {
		return ""
	}
	switch n.Gender {
	case Male:
		return "Ông"
	case Female:
		return "Bà"
	}
	return ""
}

// DisplayName is the name as it appears in a danh sách: "Ông Nguyễn Văn An",
// "Bà Lò Thị Bình", or the collective's name.
func (n Nomination) DisplayName() string {
	if h := n.Honorific(); h != "" {
		return h + " " + n.Name
	}
	return n.Name
}

// Normalize returns n with every text field in NFC, trimmed, inner runs of
// white space collapsed to one space (NĐ30 requires Unicode TCVN 6909:2001;
// spec §8.1).
func (n Nomination) Normalize() Nomination {
	for _, p := range []*string{&n.Name, &n.GivenName, &n.Position, &n.Unit, &n.ParentUnit, &n.AwardForm, &n.Summary, &n.Criterion, &n.Note} {
		*p = CleanText(*p)
	}
	return n
}

// CleanText puts s in NFC, trims it, collapses runs of white space
// (including non-breaking spaces and line breaks) into one space and makes
// straight double quotes typographic (nd30.Quotes).
func CleanText(s string) string {
	if tidyNFC(s) || (tidy(s) && nd30.IsNFC(s)) {
		return nd30.Quotes(s) // most fields: nothing to change, nothing to allocate
	}
	s = norm.NFC.String(s)
	return nd30.Quotes(strings.Join(strings.Fields(strings.ReplaceAll(s, "\u00a0", " ")), " "))
}

// tidyNFC is tidy(s) && nd30.IsNFC(s) in one pass over the bytes for the
// text most fields hold (ASCII and the precomposed letters of U+00A1–U+02FF
// and U+1E00–U+1EFF, none of them white space); false means "not sure":
// CleanText then asks tidy and nd30.IsNFC (TestTidyNFC).
func tidyNFC(s string) bool {
	prevSpace := true // no leading space
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == ' ':
				if prevSpace {
					return false
				}
				prevSpace = true
			case c < 0x20 || c == 0x7F: // \t \n \v \f \r and the other controls
				return false
			default:
				prevSpace = false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !(0xA0 < r && r < 0x300) && !(0x1E00 <= r && r < 0x1F00) { // U+FFFD of invalid UTF-8 included
			return false
		}
		prevSpace = false
		i += n
	}
	return !prevSpace || s == ""
}

// tidy reports whether s has no leading, trailing or repeated white space,
// no white space other than ' ' and no no-break space: CleanText would only
// normalise it.
func tidy(s string) bool {
	prevSpace := true // no leading space
	for _, r := range s {
		switch {
		case r == ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
			continue
		case r == '\u00a0' || unicode.IsSpace(r):
			return false
		}
		prevSpace = false
	}
	return !prevSpace || s == ""
}

// SplitHonorific separates a leading "Ông" or "Bà" (any case) from a
// person's name, as officers often write it in the name column: "Bà Nguyễn
// Thị C" → "Nguyễn Thị C", Female. ok is false when the name does not start
// with one, or is nothing but the word.
func SplitHonorific(name string) (rest string, g Gender, ok bool) {
	first, rest, found := strings.Cut(strings.TrimSpace(norm.NFC.String(name)), " ")
	rest = strings.TrimSpace(rest)
	if !found || rest == "" {
		return name, "", false
	}
	switch strings.ToLower(first) {
	case "ông":
		return rest, Male, true
	case "bà":
		return rest, Female, true
	}
	return name, "", false
}

// TakeHonorific removes a leading "Ông"/"Bà" from the name of a person, so
// that it is not printed twice ("Bà Bà Nguyễn Thị C"): the word sets the
// gender when none is given, or is checked against the given one. It
// returns the problem to report at field (the name's path): a warning
// naming the row, or an error when the word and the gender disagree; ok is
// false when the name carries no honorific. A collective's name is left
// alone.
func (n *Nomination) TakeHonorific(field string) (p apperr.Problem, ok bool) {
	if n.Kind == Collective {
		return apperr.Problem{}, false
	}
	rest, g, found := SplitHonorific(n.Name)
	if !found {
		return apperr.Problem{}, false
	}
	word := "Ông"
	if g == Female {
		word = "Bà"
	}
	if n.Gender != "" && n.Gender != g {
		return located(*n, field, "honorific_gender_mismatch", false,
			"Tên %q bắt đầu bằng \"%s\" nhưng giới tính ghi là %s: sửa tên (bỏ \"%s\") hoặc giới tính.", n.Name, word, n.Gender.Label(), word), true
	}
	old := n.Name
	n.Name, n.Gender = rest, g
	return located(*n, field, "honorific_in_name", true,
		"Tên %q có sẵn \"%s\": đã bỏ chữ này khỏi tên (văn bản tự ghi Ông/Bà theo giới tính) và ghi giới tính %s.", old, word, g.Label()), true
}
