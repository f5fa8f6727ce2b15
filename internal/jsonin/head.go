package jsonin

import (
	"bytes"
	"strconv"
)

// Head reads the top-level members names of the JSON object data as
// json.Unmarshal into a struct with one field of type any per name would,
// and gives each one's value when it is a string ("" when it is absent or
// not a string; the last of several keys matching one name, keys matched
// exactly or case-insensitively as encoding/json does). It answers in one
// pass of cleanJSON's scanner (checking the syntax only) without decoding
// the rest of the input; sure is false whenever it cannot be sure of
// Unmarshal's answer — input the scanner does not pass (a syntax error,
// invalid UTF-8, a nested key given twice, an escaped key, an escape Check
// refuses), a top level that is not an object, a matching value
// with an escape, a matching number beyond float64 or a matching array or
// object (Unmarshal fails on a number beyond float64 inside it) — and the
// caller then asks encoding/json. A service reads
// an input's kind this way before the kind decodes it (issue 15: a second
// json.Unmarshal of a 200-row danh sách was 7 % of its DOCX time).
func Head(data []byte, names ...string) (vals []string, sure bool) {
	var keys [64][]byte
	s := scanner{data: data, keys: keys[:0], syntaxOnly: true}
	s.ws()
	if s.i >= len(data) || data[s.i] != '{' {
		return nil, false
	}
	s.i++ // {
	s.depth = 1
	vals = make([]string, len(names))
	s.ws()
	if s.i < len(data) && data[s.i] == '}' {
		s.i++
	} else {
		for closed := false; !closed; {
			s.ws()
			if s.i >= len(data) || data[s.i] != '"' {
				return nil, false
			}
			key, ok := s.str(true) // an escaped key: not sure
			if !ok {
				return nil, false
			}
			s.ws()
			if s.i >= len(data) || data[s.i] != ':' {
				return nil, false
			}
			s.i++
			s.ws()
			start := s.i
			if !s.value() {
				return nil, false
			}
			for j, name := range names {
				if !bytes.Equal(key, []byte(name)) && !bytes.EqualFold(key, []byte(name)) {
					continue
				}
				vals[j] = "" // the last key matching name wins, as in Unmarshal
				switch c := data[start]; {
				case c == '"':
					raw := data[start+1 : s.i-1]
					if bytes.IndexByte(raw, '\\') >= 0 {
						return nil, false
					}
					vals[j] = string(raw)
				case c == '-' || c >= '0' && c <= '9':
					// Unmarshal fails on a number beyond float64 (1e400).
					if _, err := strconv.ParseFloat(string(data[start:s.i]), 64); err != nil {
						return nil, false
					}
				case c == '[' || c == '{':
					return nil, false // it may hold such a number
				}
			}
			s.ws()
			if s.i >= len(data) {
				return nil, false
			}
			switch data[s.i] {
			case ',':
			case '}':
				closed = true
			default:
				return nil, false
			}
			s.i++
		}
	}
	if s.ws(); s.i != len(data) {
		return nil, false
	}
	return vals, true
}
