package jsonin

import (
	"bytes"
	"unicode/utf8"

	"github.com/vanban/vanban/internal/typeset"
)

// cleanJSON is Check's single pass over the bytes: it reports true only when
// data is one syntactically valid JSON value with no key given twice in an
// object and no string holding a character Check refuses. It builds no field
// path and allocates nothing for ordinary input (objects of up to
// maxLinearKeys keys). Whenever it is not sure — a problem found, a syntax
// error, an escaped or non-UTF-8 key, very deep nesting, more than one value
// — it reports false and Check walks the input again with encoding/json's
// tokenizer (checkTokens), which names the fields and words the errors. So
// the verdicts are those of checkTokens by construction, as long as true is
// never reported for input checkTokens refuses (FuzzCheckSameVerdicts).
//
// checkTokens through encoding/json's Decoder.Token cost 3.4× the decoding
// itself (issue 15); this scan is a small fraction of it.
func cleanJSON(data []byte) bool {
	var keys [64][]byte
	s := scanner{data: data, keys: keys[:0]}
	s.ws()
	if s.i >= len(s.data) {
		return false // nothing: let the tokenizer decide
	}
	if !s.value() {
		return false
	}
	s.ws()
	return s.i == len(s.data)
}

// maxLinearKeys is how many keys of one object are compared linearly before
// a map takes over; maxDepth bounds nesting (deeper input goes the slow way).
const (
	maxLinearKeys = 24
	maxDepth      = 200
)

type scanner struct {
	data  []byte
	i     int
	depth int
	// keys holds the raw keys of the objects being read, innermost last.
	keys [][]byte
	// syntaxOnly leaves the characters of string values unchecked (Head:
	// only whether the input is JSON matters).
	syntaxOnly bool
}

func (s *scanner) ws() {
	for s.i < len(s.data) {
		switch s.data[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

func (s *scanner) value() bool {
	if s.i >= len(s.data) {
		return false
	}
	switch c := s.data[s.i]; {
	case c == '{':
		return s.object()
	case c == '[':
		return s.array()
	case c == '"':
		_, ok := s.str(false)
		return ok
	case c == 't':
		return s.lit("true")
	case c == 'f':
		return s.lit("false")
	case c == 'n':
		return s.lit("null")
	case c == '-' || ('0' <= c && c <= '9'):
		return s.number()
	}
	return false
}

func (s *scanner) lit(w string) bool {
	if !bytes.HasPrefix(s.data[s.i:], []byte(w)) {
		return false
	}
	s.i += len(w)
	return true
}

func (s *scanner) digits() bool {
	start := s.i
	for s.i < len(s.data) && '0' <= s.data[s.i] && s.data[s.i] <= '9' {
		s.i++
	}
	return s.i > start
}

// number accepts exactly JSON's grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
func (s *scanner) number() bool {
	if s.data[s.i] == '-' {
		s.i++
	}
	if s.i >= len(s.data) {
		return false
	}
	if s.data[s.i] == '0' {
		s.i++
	} else if !s.digits() {
		return false
	}
	if s.i < len(s.data) && s.data[s.i] == '.' {
		s.i++
		if !s.digits() {
			return false
		}
	}
	if s.i < len(s.data) && (s.data[s.i] == 'e' || s.data[s.i] == 'E') {
		s.i++
		if s.i < len(s.data) && (s.data[s.i] == '+' || s.data[s.i] == '-') {
			s.i++
		}
		if !s.digits() {
			return false
		}
	}
	return true
}

func (s *scanner) array() bool {
	if s.depth++; s.depth > maxDepth {
		return false
	}
	s.i++ // [
	s.ws()
	if s.i < len(s.data) && s.data[s.i] == ']' {
		s.i++
		s.depth--
		return true
	}
	for {
		s.ws()
		if !s.value() {
			return false
		}
		s.ws()
		if s.i >= len(s.data) {
			return false
		}
		switch s.data[s.i] {
		case ',':
			s.i++
		case ']':
			s.i++
			s.depth--
			return true
		default:
			return false
		}
	}
}

func (s *scanner) object() bool {
	if s.depth++; s.depth > maxDepth {
		return false
	}
	s.i++ // {
	base := len(s.keys)
	defer func() { s.keys = s.keys[:base] }()
	var seen map[string]struct{} // past maxLinearKeys
	s.ws()
	if s.i < len(s.data) && s.data[s.i] == '}' {
		s.i++
		s.depth--
		return true
	}
	for {
		s.ws()
		if s.i >= len(s.data) || s.data[s.i] != '"' {
			return false
		}
		key, ok := s.str(true)
		if !ok {
			return false
		}
		switch {
		case seen != nil:
			if _, dup := seen[string(key)]; dup {
				return false
			}
			seen[string(key)] = struct{}{}
		default:
			for _, k := range s.keys[base:] {
				if bytes.Equal(k, key) {
					return false
				}
			}
			s.keys = append(s.keys, key)
			if len(s.keys)-base > maxLinearKeys {
				seen = make(map[string]struct{}, 2*maxLinearKeys)
				for _, k := range s.keys[base:] {
					seen[string(k)] = struct{}{}
				}
			}
		}
		s.ws()
		if s.i >= len(s.data) || s.data[s.i] != ':' {
			return false
		}
		s.i++
		s.ws()
		if !s.value() {
			return false
		}
		s.ws()
		if s.i >= len(s.data) {
			return false
		}
		switch s.data[s.i] {
		case ',':
			s.i++
		case '}':
			s.i++
			s.depth--
			return true
		default:
			return false
		}
	}
}

// str reads a string starting at its opening quote and returns its raw
// content. A key (isKey) is compared raw with the other keys of its object,
// so it must hold no escape; its characters are not checked (Check does not
// check keys). A value's characters are checked, escaped ones included.
func (s *scanner) str(isKey bool) ([]byte, bool) {
	s.i++ // "
	start := s.i
	d := s.data
	for s.i < len(d) {
		c := d[s.i]
		switch {
		case c == '"':
			raw := d[start:s.i]
			s.i++
			return raw, true
		case c < 0x20:
			return nil, false // not JSON
		case c < 0x7F:
			if c == '\\' {
				if isKey {
					return nil, false
				}
				if !s.escape() {
					return nil, false
				}
				continue
			}
			s.i++
		default:
			r, n := utf8.DecodeRune(d[s.i:])
			if r == utf8.RuneError && n <= 1 {
				return nil, false // encoding/json would make it U+FFFD
			}
			if !isKey && !s.syntaxOnly && !cleanRune(r) {
				return nil, false
			}
			s.i += n
		}
	}
	return nil, false
}

// escape reads one escape sequence at s.i (a backslash) inside a value
// string and reports whether it is valid and gives an accepted character.
func (s *scanner) escape() bool {
	d := s.data
	if s.i+1 >= len(d) {
		return false
	}
	switch d[s.i+1] {
	case '"', '\\', '/', 'n', 'r', 't':
		s.i += 2
		return true
	case 'u':
		r, ok := hex4(d, s.i+2)
		if !ok {
			return false
		}
		s.i += 6
		if 0xD800 <= r && r < 0xE000 {
			// A surrogate pair decodes above U+FFFF, which the fonts lack; a
			// lone surrogate decodes to U+FFFD. Both are refused.
			return false
		}
		return cleanRune(r)
	}
	return false // \b, \f (control characters) or not an escape
}

func hex4(d []byte, at int) (rune, bool) {
	if at+4 > len(d) {
		return 0, false
	}
	var r rune
	for _, c := range d[at : at+4] {
		switch {
		case '0' <= c && c <= '9':
			r = r<<4 | rune(c-'0')
		case 'a' <= c && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case 'A' <= c && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}

// cleanRune reports whether checkString accepts r.
func cleanRune(r rune) bool {
	if r >= 0x20 && r < 0x7F {
		return true
	}
	if r == '\n' || r == '\r' || r == '\t' || r == '\v' {
		return true
	}
	if _, bad := Forbidden(r); bad {
		return false
	}
	return typeset.Covered(r)
}
