// Package wordbody reads an officer's draft — a Word .docx or a plain .txt —
// into the plain-text body syntax of internal/body, so that a document's
// content (ô 6) can come from the draft as written: paragraphs, bold, italic
// and underline, Word's automatic numbering resolved to its text ("I.",
// "1.", "a)"), line breaks, tables. Headers, footers, comments, footnotes,
// pictures and text boxes are left out, tracked changes are taken as
// accepted (insertions kept, deletions dropped), and what was left out is
// reported as a warning.
//
// The .docx is read with the standard library's archive/zip and
// encoding/xml token decoder, element by element, never by matching strings
// in the XML. Reading is bounded: at most MaxParts bytes of XML per part and
// MaxText characters of text out.
package wordbody

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/nd30"
)

// Limits.
const (
	// MaxPart bounds the uncompressed size of one XML part read.
	MaxPart = 64 << 20
	// MaxText bounds the text produced (the body limit of the kinds).
	MaxText = 200000
	// MaxDepth bounds the nesting of elements (tables in tables…).
	MaxDepth = 256
)

const wNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

// Draft is a body read from a draft file.
type Draft struct {
	// Text is the body in the syntax of internal/body.
	Text string
	// Dropped lists, in Vietnamese, what of the file was left out
	// ("đầu trang", "2 chú thích", "3 thay đổi đang theo dõi (đã chấp nhận)").
	Dropped []string
}

// Read reads a draft by its file name's extension: .docx, or .txt (UTF-8,
// with or without BOM).
func Read(name string, data []byte) (Draft, error) {
	switch strings.ToLower(path.Ext(name)) {
	case ".docx":
		return ReadDOCX(data)
	case ".txt", "":
		if !utf8.Valid(data) {
			return Draft{}, invalid("Tệp nội dung %s không phải văn bản UTF-8; lưu lại với bảng mã UTF-8 (Unicode).", name)
		}
		return Draft{Text: strings.TrimPrefix(string(data), "\uFEFF")}, nil
	case ".doc":
		return Draft{}, invalid("Tệp %s là định dạng Word cũ (.doc); mở bằng Word hoặc LibreOffice và lưu thành .docx.", name)
	}
	return Draft{}, invalid("Tệp nội dung %s không đọc được: dùng .docx hoặc .txt.", name)
}

func invalid(format string, args ...any) error {
	return apperr.Invalidf("body", "invalid_draft", format, args...)
}

// WithBody puts the draft's text into the JSON input as its "body", and
// returns the input with the warnings for what was left out of the draft.
func WithBody(input []byte, name string, data []byte) ([]byte, apperr.Problems, error) {
	d, err := Read(name, data)
	if err != nil {
		return nil, nil, err
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(input, &obj); err != nil || obj == nil {
		return nil, nil, apperr.Invalidf("", "invalid_json", "Dữ liệu JSON phải là một đối tượng để ghép nội dung từ tệp %s.", name)
	}
	if _, ok := obj["body"]; ok {
		// The draft replaces it: say so.
		d.Dropped = append(d.Dropped, "trường \"body\" trong JSON (thay bằng nội dung tệp)")
	}
	b, err := json.Marshal(d.Text)
	if err != nil {
		return nil, nil, err
	}
	obj["body"] = b
	out, err := json.Marshal(obj)
	if err != nil {
		return nil, nil, err
	}
	var ps apperr.Problems
	if len(d.Dropped) > 0 {
		ps.Warn("body", "draft_parts_dropped", "Đã bỏ qua khi đọc %s: %s.", name, strings.Join(d.Dropped, "; "))
	}
	return out, ps, nil
}

// ReadDOCX reads the main document part of a .docx.
func ReadDOCX(data []byte) (Draft, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return Draft{}, invalid("Tệp .docx không mở được (không phải tệp Word hợp lệ): %v.", err)
	}
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[f.Name] = f
	}
	main := files["word/document.xml"]
	if main == nil {
		return Draft{}, invalid("Tệp .docx thiếu phần nội dung chính (word/document.xml).")
	}
	r := &reader{styles: map[string]*style{}, nums: map[string]*num{}, abstract: map[string]*abstractNum{}, counters: map[string]*[9]int{}}
	if f := files["word/styles.xml"]; f != nil {
		if err := r.part(f, r.readStyles); err != nil {
			return Draft{}, err
		}
	}
	if f := files["word/numbering.xml"]; f != nil {
		if err := r.part(f, r.readNumbering); err != nil {
			return Draft{}, err
		}
	}
	if err := r.part(main, r.readDocument); err != nil {
		return Draft{}, err
	}
	var headers, footers int
	for name := range files {
		switch {
		case strings.HasPrefix(name, "word/header") && strings.HasSuffix(name, ".xml"):
			headers++
		case strings.HasPrefix(name, "word/footer") && strings.HasSuffix(name, ".xml"):
			footers++
		}
	}
	if headers > 0 {
		r.drop("đầu trang (header)", headers)
	}
	if footers > 0 {
		r.drop("chân trang (footer)", footers)
	}
	if f := files["word/comments.xml"]; f != nil {
		n := 0
		if err := r.part(f, func(d *xml.Decoder) error {
			return walk(d, func(se xml.StartElement) (action, error) {
				if is(se, "comment") {
					n++
					return skip, nil
				}
				return descend, nil
			})
		}); err != nil {
			return Draft{}, err
		}
		if n > 0 {
			r.drop("chú thích (comment)", n)
		}
	}
	d := Draft{Text: strings.Join(r.lines, "\n")}
	for _, k := range r.order {
		if n := r.dropped[k]; n > 1 {
			d.Dropped = append(d.Dropped, fmt.Sprintf("%d %s", n, k))
		} else {
			d.Dropped = append(d.Dropped, k)
		}
	}
	if utf8.RuneCountInString(d.Text) > MaxText {
		return Draft{}, invalid("Nội dung trong tệp .docx quá dài (hơn %d ký tự).", MaxText)
	}
	return d, nil
}

// reader holds what is read of the package.
type reader struct {
	styles   map[string]*style
	defaults props
	abstract map[string]*abstractNum
	nums     map[string]*num
	counters map[string]*[9]int
	lines    []string
	dropped  map[string]int
	order    []string
	size     int
}

func (r *reader) drop(what string, n int) {
	if r.dropped == nil {
		r.dropped = map[string]int{}
	}
	if _, ok := r.dropped[what]; !ok {
		r.order = append(r.order, what)
	}
	r.dropped[what] += n
}

// part decodes one XML part, bounded in size.
func (r *reader) part(f *zip.File, read func(*xml.Decoder) error) error {
	if f.UncompressedSize64 > MaxPart {
		return invalid("Phần %s của tệp .docx quá lớn (%d MB, tối đa %d MB).", f.Name, f.UncompressedSize64>>20, MaxPart>>20)
	}
	rc, err := f.Open()
	if err != nil {
		return invalid("Phần %s của tệp .docx không đọc được: %v.", f.Name, err)
	}
	defer rc.Close()
	d := xml.NewDecoder(io.LimitReader(rc, MaxPart))
	if err := read(d); err != nil {
		var ae *apperr.Error
		if errors.As(err, &ae) {
			return err
		}
		return invalid("Phần %s của tệp .docx hỏng (XML không hợp lệ): %v.", f.Name, err)
	}
	return nil
}

func is(se xml.StartElement, local string) bool {
	return se.Name.Space == wNS && se.Name.Local == local
}

func attr(se xml.StartElement, local string) (string, bool) {
	for _, a := range se.Attr {
		if a.Name.Local == local && (a.Name.Space == wNS || a.Name.Space == "") {
			return a.Value, true
		}
	}
	return "", false
}

// on reads a toggle property (<w:b/>, <w:b w:val="0"/>).
func on(se xml.StartElement) bool {
	v, ok := attr(se, "val")
	return !ok || !(v == "0" || v == "false" || v == "off" || v == "none")
}

// What walk does after a start element.
type action int

const (
	descend  action = iota // read the element's content
	skip                   // skip the element's content
	consumed               // the callback read the element up to its end
)

// walk calls f on each start element and goes on as f says.
func walk(d *xml.Decoder, f func(xml.StartElement) (action, error)) error {
	depth := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth > MaxDepth {
				return invalid("Tệp .docx lồng quá sâu (hơn %d tầng).", MaxDepth)
			}
			a, err := f(t)
			if err != nil {
				return err
			}
			switch a {
			case skip:
				if err := d.Skip(); err != nil {
					return err
				}
				depth--
			case consumed:
				depth--
			}
		case xml.EndElement:
			depth--
		}
	}
}

// props are run properties; nil means "not set here".
type props struct{ bold, italic, underline *bool }

func (p props) over(base props) props {
	if p.bold == nil {
		p.bold = base.bold
	}
	if p.italic == nil {
		p.italic = base.italic
	}
	if p.underline == nil {
		p.underline = base.underline
	}
	return p
}

func (p *props) set(se xml.StartElement) {
	v := on(se)
	switch se.Name.Local {
	case "b":
		p.bold = &v
	case "i":
		p.italic = &v
	case "u":
		p.underline = &v
	}
}

// style is a paragraph or character style.
type style struct {
	basedOn string
	run     props
	numID   string
	ilvl    int
	hasNum  bool
}

// resolved is the style's run properties with its basedOn chain.
func (r *reader) resolved(id string) props {
	var p props
	for i := 0; id != "" && i < 20; i++ {
		s := r.styles[id]
		if s == nil {
			break
		}
		p = p.over(s.run)
		id = s.basedOn
	}
	return p
}

// styleNum is the numbering a paragraph style carries, through basedOn.
func (r *reader) styleNum(id string) (string, int, bool) {
	for i := 0; id != "" && i < 20; i++ {
		s := r.styles[id]
		if s == nil {
			break
		}
		if s.hasNum {
			return s.numID, s.ilvl, true
		}
		id = s.basedOn
	}
	return "", 0, false
}

func (r *reader) readStyles(d *xml.Decoder) error {
	var cur *style
	var inRPr, inDefaults bool
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Space != wNS {
				continue
			}
			switch t.Name.Local {
			case "style":
				id, _ := attr(t, "styleId")
				cur = &style{}
				r.styles[id] = cur
			case "rPrDefault":
				inDefaults = true
			case "basedOn":
				if cur != nil {
					cur.basedOn, _ = attr(t, "val")
				}
			case "rPr":
				inRPr = true
			case "b", "i", "u":
				switch {
				case inRPr && cur != nil:
					cur.run.set(t)
				case inRPr && inDefaults:
					r.defaults.set(t)
				}
			case "numId":
				if cur != nil {
					cur.numID, _ = attr(t, "val")
					cur.hasNum = true
				}
			case "ilvl":
				if cur != nil {
					v, _ := attr(t, "val")
					cur.ilvl, _ = strconv.Atoi(v)
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "style":
				cur = nil
			case "rPr":
				inRPr = false
			case "rPrDefault":
				inDefaults = false
			}
		}
	}
}

// abstractNum is a list definition: its levels.
type abstractNum struct{ levels [9]level }

type level struct {
	start   int
	format  string // decimal, upperRoman, lowerLetter, bullet…
	text    string // "%1.", "%1.%2.", "-"
	defined bool
}

// num is a list instance: its definition and start overrides.
type num struct {
	abstract string
	starts   map[int]int
}

func (r *reader) readNumbering(d *xml.Decoder) error {
	var abs *abstractNum
	var n *num
	lvl, override := -1, -1
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Space != wNS {
				continue
			}
			v, _ := attr(t, "val")
			switch t.Name.Local {
			case "abstractNum":
				id, _ := attr(t, "abstractNumId")
				abs = &abstractNum{}
				r.abstract[id] = abs
			case "num":
				id, _ := attr(t, "numId")
				n = &num{starts: map[int]int{}}
				r.nums[id] = n
			case "abstractNumId":
				if n != nil {
					n.abstract = v
				}
			case "lvl":
				s, _ := attr(t, "ilvl")
				lvl, _ = strconv.Atoi(s)
				if lvl < 0 || lvl > 8 {
					lvl = -1
				} else if abs != nil {
					abs.levels[lvl] = level{start: 1, format: "decimal", defined: true}
				}
			case "lvlOverride":
				s, _ := attr(t, "ilvl")
				override, _ = strconv.Atoi(s)
			case "startOverride":
				if n != nil && override >= 0 && override <= 8 {
					n.starts[override], _ = strconv.Atoi(v)
				}
			case "start":
				if abs != nil && lvl >= 0 && override < 0 {
					abs.levels[lvl].start, _ = strconv.Atoi(v)
				}
			case "numFmt":
				if abs != nil && lvl >= 0 && override < 0 {
					abs.levels[lvl].format = v
				}
			case "lvlText":
				if abs != nil && lvl >= 0 && override < 0 {
					abs.levels[lvl].text = v
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "abstractNum":
				abs = nil
			case "num":
				n = nil
			case "lvl":
				lvl = -1
			case "lvlOverride":
				override = -1
			}
		}
	}
}

// label is the number text of a numbered paragraph, "" for none; bullets
// become "-" (first level) or "+" (deeper).
func (r *reader) label(numID string, ilvl int) string {
	n := r.nums[numID]
	if n == nil || numID == "0" || ilvl < 0 || ilvl > 8 {
		return ""
	}
	a := r.abstract[n.abstract]
	if a == nil {
		return ""
	}
	lv := a.levels[ilvl]
	switch lv.format {
	case "bullet":
		if ilvl == 0 {
			return "-"
		}
		return "+"
	case "none":
		return strings.TrimSpace(lv.text)
	}
	c := r.counters[numID]
	if c == nil {
		c = &[9]int{}
		for i := range c {
			c[i] = r.start(n, a, i) - 1
		}
		r.counters[numID] = c
	}
	c[ilvl]++
	for i := ilvl + 1; i < 9; i++ {
		c[i] = r.start(n, a, i) - 1
	}
	text := lv.text
	for i := 0; i <= ilvl; i++ {
		v := c[i]
		if v < r.start(n, a, i) {
			v = r.start(n, a, i)
		}
		text = strings.ReplaceAll(text, "%"+strconv.Itoa(i+1), format(v, a.levels[i].format))
	}
	return strings.TrimSpace(text)
}

func (r *reader) start(n *num, a *abstractNum, i int) int {
	if s, ok := n.starts[i]; ok {
		return s
	}
	if a.levels[i].defined {
		return a.levels[i].start
	}
	return 1
}

// format writes v in a Word number format.
func format(v int, f string) string {
	switch f {
	case "upperRoman":
		return roman(v)
	case "lowerRoman":
		return strings.ToLower(roman(v))
	case "lowerLetter", "upperLetter":
		s := ""
		if v >= 1 {
			// Word repeats the letter past z: aa, bb…
			s = strings.Repeat(string(rune('a'+(v-1)%26)), (v-1)/26+1)
		}
		if f == "upperLetter" {
			s = strings.ToUpper(s)
		}
		return s
	case "decimalZero":
		return fmt.Sprintf("%02d", v)
	}
	return strconv.Itoa(v)
}

// roman is nd30.Roman, with Word's own fallback to digits outside 1…3999.
func roman(n int) string {
	if r := nd30.Roman(n); r != "" {
		return r
	}
	return strconv.Itoa(n)
}
