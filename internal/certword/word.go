// Package certword fills a Word certificate design: a .docx with
// {placeholders} (the shipped templates/certificates/giay-khen.docx or the
// agency's own), checked before anything is generated and filled with one
// recipient's values per file.
package certword

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	docx "github.com/lukasjarosch/go-docx"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/certificate"
	"github.com/vanban/vanban/templates/certificates"
)

// Placeholders a Word certificate template may use, with what they hold.
var wordPlaceholders = map[string]string{
	"loai":              "tên loại: GIẤY KHEN / BẰNG KHEN",
	"nguoi_tang":        "chức danh người tặng, in hoa",
	"danh_xung":         "Ông / Bà (trống với tập thể)",
	"ho_ten":            "họ tên / tên tập thể",
	"nguoi_nhan":        "Ông/Bà + họ tên, hoặc tên tập thể",
	"chuc_vu":           "chức vụ (cá nhân) hoặc đơn vị cấp trên (tập thể)",
	"don_vi":            "đơn vị (cá nhân)",
	"thanh_tich":        "câu thành tích",
	"so_quyet_dinh":     "số, ký hiệu quyết định: 123/QĐ-SVHTTDL",
	"ngay_quyet_dinh":   "ngày quyết định: 10/12/2025",
	"so_so_vang":        "số sổ vàng",
	"dia_danh_ngay":     "Lai Châu, ngày 10 tháng 12 năm 2025",
	"tham_quyen":        "KT. GIÁM ĐỐC, hoặc chức vụ người ký",
	"chuc_danh_ky":      "PHÓ GIÁM ĐỐC dưới dòng KT. (trống nếu ký tên mình)",
	"nguoi_ky":          "họ tên người ký",
	"ma_xac_thuc":       "UUID của giấy khen",
	"lien_ket_xac_thuc": "địa chỉ xác thực (khi bật mã QR)",
}

// Placeholders lists the names a Word template may use, sorted.
func Placeholders() []string {
	out := make([]string, 0, len(wordPlaceholders))
	for k := range wordPlaceholders {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// requiredPlaceholders must appear in every Word template: without them a
// certificate does not say who it is for, its number or who signed it.
var requiredPlaceholders = [][]string{{"nguoi_nhan", "ho_ten"}, {"so_so_vang"}, {"nguoi_ky"}}

// Template is a validated .docx certificate design with {placeholders}.
type Template struct {
	data  []byte
	names []string // placeholder names used, sorted, unique
}

// Names lists the placeholders the template uses.
func (w *Template) Names() []string { return w.names }

// docxMu serialises go-docx, which keeps package-level run and fragment
// counters.
var docxMu sync.Mutex

// DefaultData is the shipped Word certificate design.
func DefaultData() []byte {
	b, err := certificates.FS.ReadFile("giay-khen.docx")
	if err != nil {
		panic("certword: embedded giay-khen.docx missing: " + err.Error())
	}
	return b
}

// Default returns the shipped Word certificate design, parsed.
func Default() (*Template, error) { return Parse(DefaultData()) }

// MaxWordPart caps each part of a Word template, unzipped (a real
// certificate's document.xml is tens of kilobytes; a 1 MB file with a 1 GiB
// part ran 312 s at 10.8 GB).
const MaxWordPart = 8 << 20

// MaxWordUnzipped caps a Word template's parts together, unzipped (pictures
// of the design included).
const MaxWordUnzipped = 32 << 20

var partName = regexp.MustCompile(`^word/(document|header[0-9]*|footer[0-9]*)\.xml$`)

// Parse checks a .docx: it must be a Word file; every
// placeholder, even when Word has split it across runs, must be closed in
// its paragraph, not nested, and known; the required ones must be there.
// All problems are reported at once, before anything is generated.
func Parse(data []byte) (*Template, error) {
	bad := func(msg string) error {
		return &apperr.Error{Kind: apperr.Invalid, Code: "invalid_word_template", Detail: msg,
			Problems: []apperr.Problem{{Field: "wordTemplate", Code: "invalid_word_template", Message: msg}}}
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, bad("Mẫu Word không phải tệp .docx hợp lệ: " + err.Error())
	}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64 // archive/zip refuses a part longer than it declares
	}
	if total > MaxWordUnzipped {
		return nil, &apperr.Error{Kind: apperr.TooLarge, Code: "word_template_too_large",
			Detail:   fmt.Sprintf("Mẫu Word giải nén lớn hơn %d MB: mẫu hỏng hoặc độc hại (zip bomb).", MaxWordUnzipped>>20),
			Problems: []apperr.Problem{{Field: "wordTemplate", Code: "word_template_too_large", Message: "zip bomb"}}}
	}
	var ps apperr.Problems
	used := map[string]bool{}
	hasDoc := false
	for _, f := range zr.File {
		if !partName.MatchString(f.Name) {
			continue
		}
		hasDoc = hasDoc || f.Name == "word/document.xml"
		if f.UncompressedSize64 > MaxWordPart {
			return nil, &apperr.Error{Kind: apperr.TooLarge, Code: "word_template_too_large",
				Detail:   fmt.Sprintf("Phần %s của mẫu Word giải nén lớn hơn %d MB: mẫu hỏng hoặc độc hại.", f.Name, MaxWordPart>>20),
				Problems: []apperr.Problem{{Field: "wordTemplate", Code: "word_template_too_large", Message: f.Name}}}
		}
		rc, err := f.Open()
		if err != nil {
			return nil, bad("Không đọc được " + f.Name + ": " + err.Error())
		}
		paras, err := paragraphTexts(io.LimitReader(rc, MaxWordPart)) // the declared size may lie
		rc.Close()
		if err != nil {
			return nil, bad("XML của " + f.Name + " hỏng: " + err.Error())
		}
		for pi, p := range paras {
			scanPlaceholders(p, fmt.Sprintf("wordTemplate:%s đoạn %d", f.Name, pi+1), used, &ps)
		}
	}
	if !hasDoc {
		return nil, bad("Mẫu Word thiếu word/document.xml.")
	}
	for _, alts := range requiredPlaceholders {
		ok := false
		for _, a := range alts {
			ok = ok || used[a]
		}
		if !ok {
			ps.Add("wordTemplate", "missing_placeholder", "Mẫu Word thiếu ô {%s}.", strings.Join(alts, "} hoặc {"))
		}
	}
	if ps.Errors() > 0 {
		return nil, &apperr.Error{Kind: apperr.Invalid, Code: "invalid_word_template",
			Detail:   fmt.Sprintf("Mẫu Word có %d lỗi ô điền; chưa tạo tệp nào.", ps.Errors()),
			Problems: ps}
	}
	wt := &Template{data: data}
	for k := range used {
		wt.names = append(wt.names, k)
	}
	sort.Strings(wt.names)
	// Make sure go-docx itself can parse it before anything is generated.
	docxMu.Lock()
	_, err = docx.OpenBytes(data)
	docxMu.Unlock()
	if err != nil {
		return nil, bad("Không xử lý được mẫu Word: " + err.Error())
	}
	return wt, nil
}

// paragraphTexts returns the text of each <w:p>, concatenating its <w:t>
// runs: what the reader sees, however Word split it into runs.
func paragraphTexts(r io.Reader) ([]string, error) {
	dec := xml.NewDecoder(r)
	var out []string
	var cur strings.Builder
	depth, inText := 0, false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local == "p" {
				if depth == 0 {
					cur.Reset()
				}
				depth++
			}
			inText = t.Name.Local == "t"
		case xml.EndElement:
			if t.Name.Local == "t" {
				inText = false
			}
			if t.Name.Local == "p" && depth > 0 {
				depth--
				if depth == 0 {
					out = append(out, cur.String())
				}
			}
		case xml.CharData:
			if inText && depth > 0 {
				cur.Write(t)
			}
		}
	}
}

var placeholderName = regexp.MustCompile(`^[a-z_]+$`)

// scanPlaceholders finds {name} in a paragraph's text and records the
// unclosed, nested, stray and unknown ones.
func scanPlaceholders(text, where string, used map[string]bool, ps *apperr.Problems) {
	open := -1
	snippet := func(from int) string {
		s := []rune(text[from:])
		if len(s) > 40 {
			return string(s[:40]) + "…"
		}
		return string(s)
	}
	for i, r := range text {
		switch r {
		case '{':
			if open >= 0 {
				ps.Add(where, "unclosed_placeholder", "Ô điền %q chưa đóng bằng \"}\" trước \"{\" tiếp theo.", snippet(open))
			}
			open = i
		case '}':
			if open < 0 {
				ps.Add(where, "stray_brace", "Dấu \"}\" không có \"{\" mở tương ứng: %q.", snippet(0))
				continue
			}
			name := text[open+1 : i]
			switch {
			case !placeholderName.MatchString(name):
				ps.Add(where, "invalid_placeholder", "Ô điền {%s} không hợp lệ (chỉ chữ thường không dấu và \"_\").", name)
			case wordPlaceholders[name] == "":
				ps.Add(where, "unknown_placeholder", "Ô điền {%s} không được hỗ trợ; dùng một trong: %s.", name, strings.Join(Placeholders(), ", "))
			default:
				used[name] = true
			}
			open = -1
		}
	}
	if open >= 0 {
		ps.Add(where, "unclosed_placeholder", "Ô điền %q chưa đóng bằng \"}\".", snippet(open))
	}
}

// Values are the placeholder values of recipient i of a validated batch,
// issued as is.
func Values(b *certificate.Batch, i int, is certificate.Issued) map[string]string {
	r := b.Recipients[i]
	d := b.Decision
	return map[string]string{
		"loai":              strings.ToUpper(b.Kind.Title()),
		"nguoi_tang":        strings.ToUpper(d.IssuerTitle),
		"danh_xung":         r.Honorific(),
		"ho_ten":            r.Name,
		"nguoi_nhan":        r.DisplayName(),
		"chuc_vu":           r.PositionLine(),
		"don_vi":            r.UnitLine(),
		"thanh_tich":        b.AchievementOf(i),
		"so_quyet_dinh":     d.Ref(),
		"ngay_quyet_dinh":   d.Day().Short(),
		"so_so_vang":        strconv.Itoa(is.Number),
		"dia_danh_ngay":     d.PlaceDate(),
		"tham_quyen":        d.AuthorityLine(),
		"chuc_danh_ky":      d.TitleLine(),
		"nguoi_ky":          d.Signer.Name,
		"ma_xac_thuc":       is.UUID,
		"lien_ket_xac_thuc": is.VerifyURL,
	}
}

// Fill writes the template with its placeholders replaced by values.
func (w *Template) Fill(out io.Writer, values map[string]string) error {
	m := make(docx.PlaceholderMap, len(w.names))
	for _, n := range w.names {
		m[n] = values[n]
	}
	docxMu.Lock()
	defer docxMu.Unlock()
	d, err := docx.OpenBytes(w.data)
	if err != nil {
		return apperr.Wrap(err, "open word template")
	}
	if err := d.ReplaceAll(m); err != nil {
		return apperr.Wrap(err, "fill word template")
	}
	return apperr.Wrap(d.Write(out), "write docx")
}
