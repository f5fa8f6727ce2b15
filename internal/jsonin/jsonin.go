// Package jsonin decodes the JSON input of every kind strictly: valid UTF-8,
// no unknown fields, the right types, one value. Each failure becomes an
// apperr.Invalid error that names the field (its JSON path) and says in
// Vietnamese what to fix.
package jsonin

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/vanban/vanban/internal/apperr"
)

// Decode reads data into v, then refuses what Check refuses (duplicate keys,
// control and bidi characters, characters the fonts lack).
func Decode(data []byte, v any) error {
	// Windows Notepad and Excel save UTF-8 with a byte order mark.
	data = bytes.TrimPrefix(data, bom)
	// One pass over the bytes (cleanJSON) answers for most input what the
	// checks below and Check would: valid UTF-8, one JSON value, nothing to
	// refuse. Only input it is not sure of goes through them.
	clean := cleanJSON(data)
	if !clean {
		if msg, ok := describeBOM(data); ok {
			return invalid("", "byte_order_mark", msg)
		}
		if !utf8.Valid(data) {
			off := 0
			for off < len(data) {
				r, n := utf8.DecodeRune(data[off:])
				if r == utf8.RuneError && n <= 1 {
					break
				}
				off += n
			}
			return invalid("", "invalid_utf8", fmt.Sprintf("Dữ liệu không phải UTF-8 hợp lệ (byte thứ %d). Hãy lưu tệp với mã hóa UTF-8.", off+1))
		}
		if len(bytes.TrimSpace(data)) == 0 {
			return invalid("", "empty_body", "Không có dữ liệu: cần một đối tượng JSON.")
		}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return translate(data, err)
	}
	if clean {
		return nil
	}
	if _, err := dec.Token(); err != io.EOF {
		return invalid("", "invalid_json", "Sau đối tượng JSON còn dữ liệu thừa; chỉ gửi một đối tượng.")
	}
	return checkTokens(data)
}

func invalid(field, code, msg string) error {
	return &apperr.Error{Kind: apperr.Invalid, Code: code, Detail: msg,
		Problems: []apperr.Problem{{Field: field, Code: code, Message: msg}}}
}

func translate(data []byte, err error) error {
	if ae := (*apperr.Error)(nil); errors.As(err, &ae) {
		return ae // a field's own UnmarshalJSON said what is wrong
	}
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		line, col := position(data, syn.Offset)
		return invalid("", "invalid_json", fmt.Sprintf("JSON sai cú pháp ở dòng %d, cột %d: kiểm tra dấu ngoặc, dấu phẩy và dấu nháy kép gần vị trí này.", line, col))
	case errors.Is(err, io.ErrUnexpectedEOF):
		return invalid("", "invalid_json", "JSON bị cắt cụt: thiếu dấu đóng } hoặc ].")
	case errors.As(err, &typ):
		field := jsonPath(typ.Field)
		if field == "" {
			return invalid("", "wrong_type", fmt.Sprintf("Dữ liệu phải là một đối tượng JSON {…}, không phải %s.", kindName(typ.Value)))
		}
		return invalid(field, "wrong_type", fmt.Sprintf("Trường %q sai kiểu: nhận %s, cần %s.", field, kindName(typ.Value), goTypeName(typ.Type.Kind().String())))
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return invalid(name, "unknown_field", fmt.Sprintf("Trường %q không có trong mẫu dữ liệu; kiểm tra chính tả hoặc xem lược đồ (vanban schema).", name))
	}
	return invalid("", "invalid_json", "JSON không đọc được: kiểm tra rằng tệp là một đối tượng JSON hợp lệ, mã hóa UTF-8.")
}

func position(data []byte, off int64) (line, col int) {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	line = 1 + bytes.Count(data[:off], []byte("\n"))
	col = int(off) - bytes.LastIndexByte(data[:off], '\n')
	return
}

func kindName(v string) string {
	switch {
	case v == "string":
		return "chuỗi"
	case v == "number" || strings.HasPrefix(v, "number"):
		return "số"
	case v == "bool":
		return "true/false"
	case v == "array":
		return "mảng"
	case v == "object":
		return "đối tượng"
	}
	return v
}

func goTypeName(k string) string {
	switch k {
	case "string":
		return "chuỗi"
	case "int", "int64", "int32", "uint", "uint64":
		return "số nguyên"
	case "float64", "float32":
		return "số"
	case "bool":
		return "true/false"
	case "slice", "array":
		return "mảng"
	case "struct", "map", "ptr":
		return "đối tượng"
	}
	return k
}

// jsonPath drops the Go names of embedded structs ("Fields.recipients" →
// "recipients"): every JSON key of vanban starts with a lower-case letter.
func jsonPath(field string) string {
	var keep []string
	for _, part := range strings.Split(field, ".") {
		if part != "" && part[0] >= 'A' && part[0] <= 'Z' {
			continue
		}
		keep = append(keep, part)
	}
	return strings.Join(keep, ".")
}
