package wordbody

import (
	"encoding/xml"
	"io"
	"strings"
)

// Characters of the body syntax, written into the text.
const (
	lineBreak = "\v" // a line break inside the paragraph (Word's Shift+Enter)
)

// segment is a stretch of text with one style.
type segment struct {
	text                    string
	bold, italic, underline bool
}

// paragraph gathers one w:p.
type paragraph struct {
	styleID    string
	numID      string
	ilvl       int
	hasNum     bool
	segs       []segment
	inTableRow bool
}

// readDocument reads the body of word/document.xml: paragraphs and tables,
// in order.
func (r *reader) readDocument(d *xml.Decoder) error {
	return walk(d, func(se xml.StartElement) (action, error) {
		switch {
		case is(se, "p"):
			line, err := r.paragraph(d, false)
			if err != nil {
				return skip, err
			}
			r.lines = append(r.lines, line)
			return consumed, nil
		case is(se, "tbl"):
			rows, err := r.table(d)
			if err != nil {
				return skip, err
			}
			r.emitTable(rows)
			return consumed, nil
		case is(se, "sectPr"):
			return skip, nil
		}
		return r.common(se)
	})
}

// common handles the elements met anywhere: tracked changes, pictures,
// text boxes, fields' instructions.
func (r *reader) common(se xml.StartElement) (action, error) {
	if se.Name.Local == "AlternateContent" {
		r.drop("hình vẽ, hộp văn bản", 1)
		return skip, nil
	}
	if se.Name.Space != wNS {
		return descend, nil
	}
	switch se.Name.Local {
	case "del", "moveFrom":
		r.drop("đoạn bị xóa trong thay đổi đang theo dõi (đã chấp nhận việc xóa)", 1)
		return skip, nil
	case "ins", "moveTo":
		r.drop("đoạn chèn trong thay đổi đang theo dõi (đã chấp nhận)", 1)
		return descend, nil
	case "drawing", "pict", "object":
		r.drop("hình ảnh, đối tượng nhúng", 1)
		return skip, nil
	case "txbxContent":
		r.drop("hộp văn bản", 1)
		return skip, nil
	case "footnoteReference", "endnoteReference":
		r.drop("chú thích cuối trang", 1)
		return skip, nil
	case "instrText", "delText", "delInstrText", "rPrChange", "pPrChange", "sectPrChange", "tblPrChange", "trPrChange", "tcPrChange", "numberingChange":
		return skip, nil
	}
	return descend, nil
}

// paragraph reads a w:p whose start was just read, up to its end, and
// returns its line in the body syntax.
func (r *reader) paragraph(d *xml.Decoder, inCell bool) (string, error) {
	p := paragraph{inTableRow: inCell}
	var run props
	var runStyle string
	inRun, inPPr, inRPr := false, false, false
	depth := 0
	for {
		tok, err := d.Token()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return "", err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth > MaxDepth {
				return "", invalid("Tệp .docx lồng quá sâu (hơn %d tầng).", MaxDepth)
			}
			if t.Name.Space == wNS {
				switch t.Name.Local {
				case "pPr":
					inPPr = true
					continue
				case "pStyle":
					if inPPr {
						p.styleID, _ = attr(t, "val")
					}
				case "numId":
					if inPPr {
						p.numID, _ = attr(t, "val")
						p.hasNum = true
					}
				case "ilvl":
					if inPPr {
						v, _ := attr(t, "val")
						p.ilvl = atoi(v)
					}
				case "r":
					inRun, run, runStyle = true, props{}, ""
					continue
				case "rPr":
					inRPr = true
					continue
				case "rStyle":
					if inRun && inRPr {
						runStyle, _ = attr(t, "val")
					}
				case "b", "i", "u":
					if inRun && inRPr {
						run.set(t)
					}
				case "t":
					if inRun {
						var s string
						if err := d.DecodeElement(&s, &t); err != nil {
							return "", err
						}
						depth--
						p.add(s, r.effective(run, runStyle, p.styleID))
						r.size += len(s)
						if r.size > 4*MaxText {
							return "", invalid("Nội dung trong tệp .docx quá dài (hơn %d ký tự).", MaxText)
						}
					}
					continue
				case "tab":
					if inRun {
						p.add(" ", r.effective(run, runStyle, p.styleID))
					}
				case "br", "cr":
					if typ, _ := attr(t, "type"); inRun && typ != "page" && typ != "column" {
						p.add(lineBreak, r.effective(run, runStyle, p.styleID))
					}
				case "noBreakHyphen":
					if inRun {
						p.add("-", r.effective(run, runStyle, p.styleID))
					}
				case "tbl":
					// A table inside a paragraph cannot happen in valid
					// WordprocessingML; skip it.
					if err := d.Skip(); err != nil {
						return "", err
					}
					depth--
					continue
				}
			}
			if inPPr && t.Name.Local != "pPr" {
				// Properties of the paragraph mark and the like.
				if t.Name.Local == "rPr" || t.Name.Local == "pPrChange" {
					if err := d.Skip(); err != nil {
						return "", err
					}
					depth--
				}
				continue
			}
			act, err := r.common(t)
			if err != nil {
				return "", err
			}
			if act == skip {
				if err := d.Skip(); err != nil {
					return "", err
				}
				depth--
			}
		case xml.EndElement:
			if t.Name.Space == wNS {
				switch t.Name.Local {
				case "p":
					if depth == 0 {
						return r.line(p), nil
					}
				case "pPr":
					inPPr = false
				case "r":
					inRun = false
				case "rPr":
					inRPr = false
				}
			}
			depth--
		}
	}
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0
		}
		n = n*10 + int(c-'0')
		if n > 1000 {
			return 1000
		}
	}
	return n
}

// effective resolves a run's properties over its character style, the
// paragraph's style and the document defaults.
func (r *reader) effective(run props, runStyle, paraStyle string) props {
	p := run.over(r.resolved(runStyle)).over(r.resolved(paraStyle)).over(r.defaults)
	return p
}

func (p *paragraph) add(s string, pr props) {
	seg := segment{text: s, bold: pr.bold != nil && *pr.bold, italic: pr.italic != nil && *pr.italic, underline: pr.underline != nil && *pr.underline}
	if n := len(p.segs); n > 0 {
		last := &p.segs[n-1]
		if last.bold == seg.bold && last.italic == seg.italic && last.underline == seg.underline {
			last.text += s
			return
		}
	}
	p.segs = append(p.segs, seg)
}

// line writes the paragraph in the body syntax: its number label, then the
// text with toggling marks (** bold, * italic, __ underline) escaped where
// the text has the characters itself. Spaces at the edges of a styled
// stretch are moved outside the marks.
func (r *reader) line(p paragraph) string {
	var b strings.Builder
	numID, ilvl, has := p.numID, p.ilvl, p.hasNum
	if !has {
		numID, ilvl, has = r.styleNum(p.styleID)
	}
	if has {
		if l := r.label(numID, ilvl); l != "" {
			b.WriteString(l)
			b.WriteByte(' ')
		}
	}
	var bold, italic, under bool
	toggle := func(nb, ni, nu bool) {
		if under != nu {
			b.WriteString("__")
			under = nu
		}
		switch {
		case bold != nb && italic != ni:
			b.WriteString("***")
		case bold != nb:
			b.WriteString("**")
		case italic != ni:
			b.WriteString("*")
		}
		bold, italic = nb, ni
	}
	for _, s := range p.segs {
		text := s.text
		styled := s.bold || s.italic || s.underline
		lead := text[:len(text)-len(strings.TrimLeft(text, " "))]
		if styled && lead != "" && strings.TrimSpace(text) != "" {
			toggle(false, false, false)
			b.WriteString(lead)
			text = text[len(lead):]
		}
		trail := ""
		if styled {
			trimmed := strings.TrimRight(text, " ")
			trail = text[len(trimmed):]
			text = trimmed
		}
		if text != "" {
			toggle(s.bold, s.italic, s.underline)
			b.WriteString(escape(text, p.inTableRow))
		}
		if trail != "" {
			toggle(false, false, false)
			b.WriteString(trail)
		}
	}
	toggle(false, false, false)
	return strings.TrimRight(b.String(), " ")
}

// escape protects the characters of the body syntax found in the text.
func escape(s string, inCell bool) string {
	var b strings.Builder
	for i, c := range s {
		switch c {
		case '*', '\\':
			if c == '\\' && !(i+1 < len(s) && (s[i+1] == '*' || s[i+1] == '_' || s[i+1] == '|')) {
				b.WriteRune(c)
				continue
			}
			b.WriteByte('\\')
		case '_':
			// Only a pair of underscores is a mark; escape each one of a pair.
			if (i+1 < len(s) && s[i+1] == '_') || (i > 0 && s[i-1] == '_') {
				if !(i+2 < len(s) && s[i+1] == '_' && s[i+2] == '_') && !(i >= 2 && s[i-1] == '_' && s[i-2] == '_') {
					b.WriteByte('\\')
				}
			}
		case '|':
			if inCell {
				b.WriteByte('\\')
			}
		case '\t':
			b.WriteByte(' ')
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}

// table reads a w:tbl whose start was just read: its rows of cells, each
// cell's paragraphs joined by line breaks.
func (r *reader) table(d *xml.Decoder) ([][]string, error) {
	var rows [][]string
	var cell []string
	inCell := false
	depth := 0
	for {
		tok, err := d.Token()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth > MaxDepth {
				return nil, invalid("Tệp .docx lồng quá sâu (hơn %d tầng).", MaxDepth)
			}
			switch {
			case is(t, "tr"):
				rows = append(rows, nil)
			case is(t, "tc"):
				inCell, cell = true, nil
			case is(t, "p") && inCell:
				line, err := r.paragraph(d, true)
				if err != nil {
					return nil, err
				}
				depth--
				if line != "" {
					cell = append(cell, line)
				}
			case is(t, "tbl"):
				// A table in a cell: its text, flattened into the cell.
				inner, err := r.table(d)
				if err != nil {
					return nil, err
				}
				depth--
				for _, row := range inner {
					cell = append(cell, strings.Join(row, " "))
				}
				r.drop("bảng lồng trong bảng (đã gộp thành chữ)", 1)
			case is(t, "gridSpan"):
				// A merged cell counts once; the table is padded later.
			default:
				act, err := r.common(t)
				if err != nil {
					return nil, err
				}
				if act == skip {
					if err := d.Skip(); err != nil {
						return nil, err
					}
					depth--
				}
			}
		case xml.EndElement:
			if is(xml.StartElement{Name: t.Name}, "tc") && len(rows) > 0 {
				rows[len(rows)-1] = append(rows[len(rows)-1], strings.Join(cell, lineBreak))
				inCell = false
			}
			if is(xml.StartElement{Name: t.Name}, "tbl") && depth == 0 {
				return rows, nil
			}
			depth--
		}
	}
}

// emitTable writes the rows as a pipe table: the first row is the header.
func (r *reader) emitTable(rows [][]string) {
	if len(rows) == 0 {
		return
	}
	for i, row := range rows {
		r.lines = append(r.lines, "| "+strings.Join(row, " | ")+" |")
		if i == 0 {
			sep := make([]string, len(row))
			for j := range sep {
				sep[j] = "---"
			}
			r.lines = append(r.lines, "|"+strings.Join(sep, "|")+"|")
		}
	}
}
