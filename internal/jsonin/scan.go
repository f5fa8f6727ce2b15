package jsonin

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/typeset"
)

// maxProblems bounds the problems one scan reports.
const maxProblems = 50

// Check walks a JSON document that already decoded without error and
// refuses, naming the JSON path of each:
//   - a key given twice in one object (duplicate_key): encoding/json would
//     silently keep the last one;
//   - control characters other than line feed, carriage return, tab and
//     U+000B (Word's line break in pasted text) (C0, DEL, C1 such as U+0085), line/paragraph separators, and the
//     bidirectional embeddings, overrides and isolates U+202A–U+202E,
//     U+2066–U+2069 (invalid_character): they hide or reorder what a reader
//     sees;
//   - characters the embedded fonts do not have, emoji and CJK among them
//     (unsupported_character): the PDF would print them blank while the
//     DOCX kept them.
//
// Whether a field may hold line breaks is for the field's own validation
// (nd30.Clean).
func Check(data []byte) error {
	data = bytes.TrimPrefix(data, bom)
	if cleanJSON(data) {
		return nil // nothing to report: one pass over the bytes said so
	}
	return checkTokens(data)
}

// checkTokens is Check with encoding/json's tokenizer: it builds the JSON
// path of each problem. Check calls it only when cleanJSON found something.
func checkTokens(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var ps apperr.Problems
	type frame struct {
		object bool
		keys   map[string]bool
		key    string // object: the last key read, "" while expecting one
		index  int    // array: index of the next element
		path   string
		expect bool // object: the next string is a key
	}
	var stack []*frame
	child := func() string {
		if len(stack) == 0 {
			return ""
		}
		f := stack[len(stack)-1]
		if f.object {
			if f.path == "" {
				return f.key
			}
			return f.path + "." + f.key
		}
		return f.path + "[" + strconv.Itoa(f.index) + "]"
	}
	// after a value completes inside the top frame
	done := func() {
		if len(stack) == 0 {
			return
		}
		f := stack[len(stack)-1]
		if f.object {
			f.expect = true
		} else {
			f.index++
		}
	}
	for len(ps) < maxProblems {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return translate(data, err)
		}
		switch v := tok.(type) {
		case json.Delim:
			switch v {
			case '{':
				p := child()
				stack = append(stack, &frame{object: true, keys: map[string]bool{}, path: p, expect: true})
			case '[':
				p := child()
				stack = append(stack, &frame{path: p})
			case '}', ']':
				stack = stack[:len(stack)-1]
				done()
			}
		case string:
			if len(stack) > 0 && stack[len(stack)-1].object && stack[len(stack)-1].expect {
				f := stack[len(stack)-1]
				f.key, f.expect = v, false
				if f.keys[v] {
					ps.Add(child(), "duplicate_key", "Khóa %q xuất hiện hai lần trong cùng một đối tượng; chỉ giữ một.", v)
				}
				f.keys[v] = true
				continue
			}
			if !clean(v) { // the path is built only for a problem
				checkString(&ps, child(), v)
			}
			done()
		default:
			done()
		}
	}
	err := ps.Err()
	if e, ok := err.(*apperr.Error); ok {
		same := true
		for _, p := range ps {
			same = same && p.Code == ps[0].Code
		}
		if same {
			e.Code = ps[0].Code // "unsupported_character" rather than "invalid_input"
		}
	}
	return err
}

var bom = []byte("\xEF\xBB\xBF")

// clean reports whether checkString would accept s, without building
// anything: most strings are printable ASCII and Vietnamese letters.
func clean(s string) bool {
	for _, r := range s {
		if !cleanRune(r) {
			return false
		}
	}
	return true
}

// checkString records the first refused character of s.
func checkString(ps *apperr.Problems, path, s string) {
	pos := 0
	for _, r := range s {
		pos++
		if r == '\n' || r == '\r' || r == '\t' || r == '\v' {
			continue // line breaks, tabs and Word's line break: the field decides
		}
		if name, bad := Forbidden(r); bad {
			ps.Add(path, "invalid_text", "Có ký tự %s (U+%04X, ký tự thứ %d): hãy xóa ký tự này.", name, r, pos)
			return
		}
		if !typeset.Covered(r) {
			ps.Add(path, "unsupported_character", "Ký tự %q (U+%04X, ký tự thứ %d) không có trong phông chữ của văn bản (Times New Roman/Liberation Serif) nên không in được: hãy thay bằng chữ khác.", string(r), r, pos)
			return
		}
	}
}

// Forbidden reports whether r is a control character (other than line feed,
// carriage return and tab, which the caller decides on), a line or paragraph
// separator or a bidirectional formatting character, with its Vietnamese
// description.
func Forbidden(r rune) (string, bool) {
	switch {
	case r == '\n' || r == '\r' || r == '\t':
		return "xuống dòng hoặc tab", true
	case r < 0x20 || r == 0x7F || (r >= 0x80 && r <= 0x9F):
		return "điều khiển không in được", true
	case r == '\u2028' || r == '\u2029':
		return "ngắt dòng/đoạn Unicode", true
	case r >= '\u202A' && r <= '\u202E', r >= '\u2066' && r <= '\u2069', r == '\u200E', r == '\u200F', r == '\u061C':
		return "định hướng chữ (bidi) làm đảo thứ tự hiển thị", true
	case r == '\uFEFF':
		return "BOM (dấu thứ tự byte) lẫn trong văn bản", true
	case r == '\uFFFD' || r == '\uFFFE' || r == '\uFFFF' || !utf8.ValidRune(r):
		return "không hợp lệ", true
	}
	return "", false
}

// Line checks a single-line text field given outside JSON (or read from a
// file): no line break, tab or other forbidden character, only characters the
// fonts cover. It records one problem at path and reports whether s is clean.
func Line(ps *apperr.Problems, path, s string) bool {
	n := len(*ps)
	pos := 0
	for _, r := range s {
		pos++
		if _, bad := Forbidden(r); bad {
			what := "điều khiển"
			if r == '\n' || r == '\r' {
				what = "xuống dòng"
			} else if r == '\t' {
				what = "tab"
			}
			ps.Add(path, "invalid_text", "Không được có ký tự %s (U+%04X, ký tự thứ %d) ở trường một dòng này.", what, r, pos)
			return false
		}
	}
	checkString(ps, path, s)
	return len(*ps) == n
}

func describeBOM(data []byte) (string, bool) {
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return "Tệp được lưu bằng mã hóa UTF-16 (có dấu BOM FF FE hoặc FE FF ở đầu): hãy lưu lại với mã hóa UTF-8.", true
	case bytes.Contains(data, bom):
		off := bytes.Index(data, bom)
		line, col := position(data, int64(off))
		return fmt.Sprintf("Có dấu BOM UTF-8 (EF BB BF) ở dòng %d, cột %d, giữa dữ liệu: thường do ghép hai tệp; hãy xóa nó (chỉ được ở đầu tệp).", line, col), true
	}
	return "", false
}
