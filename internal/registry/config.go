package registry

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"golang.org/x/text/unicode/norm"

	"github.com/vanban/vanban/internal/apperr"
)

// SharedSeries is the name of the one series used when Config.Series is empty.
const SharedSeries = "chung"

// DefaultPadding is the NĐ30 width of a number: "05", "15", "125".
const DefaultPadding = 2

// Config is how an agency numbers its documents (NĐ30 Điều 15: the head of
// the agency decides whether there is one shared series or several).
type Config struct {
	// Agency is the agency code used when a request names none, e.g.
	// "SVHTTDL".
	Agency string
	// Series lists the number series. A series with Kinds numbers those
	// kinds; the one series without Kinds (at most one) numbers every other
	// kind. With no Series, one series named SharedSeries numbers everything.
	// A request may also name a series (e.g. "mat" for secret documents).
	Series []Series
	// Padding is the minimum number of digits, 2 by default ("05"); some
	// provinces pad to 3 or 4 ("031").
	Padding int
	// Location is the time zone that decides the calendar date; Vietnam
	// (UTC+7) by default.
	Location *time.Location
	// Now is the clock. Required.
	Now func() time.Time
	// NewID makes record and certificate ids; uuid.New by default.
	NewID func() uuid.UUID
}

// Series is one number series (sổ văn bản đi).
type Series struct {
	Name string `json:"name"`
	// Kinds are type abbreviations ("QĐ", "KH", "CV").
	Kinds []string `json:"kinds,omitempty"`
}

// Vietnam is UTC+7, the zone of every calendar date in the register.
var Vietnam = time.FixedZone("ICT", 7*3600)

func (c *Config) check() error {
	var ps apperr.Problems
	if c.Now == nil {
		return apperr.Wrap(fmt.Errorf("registry: Config.Now is nil"), "registry config")
	}
	if c.Padding == 0 {
		c.Padding = DefaultPadding
	}
	if c.Padding < 1 || c.Padding > 6 {
		ps.Add("padding", "invalid_padding", "Độ dài số phải từ 1 đến 6 chữ số (mặc định 2, ví dụ \"05\"), không phải %d.", c.Padding)
	}
	if c.Location == nil {
		c.Location = Vietnam
	}
	if c.NewID == nil {
		c.NewID = uuid.New
	}
	if len(c.Series) == 0 {
		c.Series = []Series{{Name: SharedSeries}}
	}
	names := map[string]bool{}
	kinds := map[string]string{}
	catchAll := ""
	for i, s := range c.Series {
		field := fmt.Sprintf("series[%d]", i)
		if s.Name == "" || strings.ContainsAny(s.Name, "/ \t\n") {
			ps.Add(field+".name", "invalid_series", "Tên sổ phải có và không chứa dấu cách hay \"/\".")
		}
		if names[s.Name] {
			ps.Add(field+".name", "duplicate_series", "Sổ %q được khai báo hai lần.", s.Name)
		}
		names[s.Name] = true
		if len(s.Kinds) == 0 {
			if catchAll != "" {
				ps.Add(field, "duplicate_catch_all", "Chỉ một sổ được để trống danh sách loại văn bản (sổ chung); sổ %q đã là sổ chung.", catchAll)
			}
			catchAll = s.Name
		}
		for _, k := range s.Kinds {
			if other, ok := kinds[k]; ok {
				ps.Add(field+".kinds", "duplicate_kind", "Loại văn bản %q đã thuộc sổ %q.", k, other)
			}
			kinds[k] = s.Name
		}
	}
	return ps.Err()
}

// seriesFor resolves the series of a document of kind, or the series the
// request names.
func (c *Config) seriesFor(kind, named string) (string, error) {
	if named != "" {
		for _, s := range c.Series {
			if s.Name == named {
				return named, nil
			}
		}
		return "", unknownSeries(named, c.Series)
	}
	catchAll := ""
	for _, s := range c.Series {
		if len(s.Kinds) == 0 {
			catchAll = s.Name
		}
		for _, k := range s.Kinds {
			if k == kind {
				return s.Name, nil
			}
		}
	}
	if catchAll == "" {
		e := apperr.Invalidf("kind", "unknown_series",
			"Không có sổ văn bản đi nào cho loại văn bản %q; các sổ đã khai báo: %s.", kind, seriesNames(c.Series))
		return "", e
	}
	return catchAll, nil
}

func unknownSeries(name string, all []Series) error {
	return apperr.Invalidf("series", "unknown_series",
		"Không có sổ văn bản đi %q; các sổ đã khai báo: %s.", name, seriesNames(all))
}

func seriesNames(all []Series) string {
	var names []string
	for _, s := range all {
		names = append(names, strconv.Quote(s.Name))
	}
	return strings.Join(names, ", ")
}

// clean normalises user text to NFC and trims it.
func clean(s string) string { return strings.TrimSpace(norm.NFC.String(s)) }

// checkSymbol validates a ký hiệu: letter groups joined by "-", no spaces and
// no "/" (NĐ30 Phụ lục I). Case is kept as given (TTr, QyĐ).
func checkSymbol(s string) string {
	if s == "" {
		return "Ký hiệu văn bản là bắt buộc, ví dụ \"KH-SVHTTDL\"."
	}
	if !utf8.ValidString(s) {
		return "Ký hiệu văn bản không phải văn bản Unicode hợp lệ."
	}
	// A văn bản quy phạm pháp luật carries its year between the number and
	// the ký hiệu: "86/2025/QĐ-UBND" is recorded with the ký hiệu
	// "2025/QĐ-UBND".
	if year, rest, ok := strings.Cut(s, "/"); ok && len(year) == 4 && strings.Trim(year, "0123456789") == "" && rest != "" {
		s = rest
	}
	for _, g := range strings.Split(s, "-") {
		if g == "" {
			return fmt.Sprintf("Ký hiệu %q có nhóm chữ trống: các nhóm nối với nhau bằng một dấu \"-\".", s)
		}
		for _, r := range g {
			if !(r == '&' || (r >= '0' && r <= '9') || isLetter(r)) {
				return fmt.Sprintf("Ký hiệu %q có ký tự %q: chỉ dùng chữ cái, chữ số, \"&\" và \"-\", không có dấu cách hay \"/\".", s, r)
			}
		}
	}
	return ""
}
