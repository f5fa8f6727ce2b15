package spreadsheet

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

func readCSV(ctx context.Context, data []byte, sheet string, lim Limits) (*Workbook, error) {
	wb := &Workbook{Format: "csv", Charset: "utf-8"}
	switch {
	case bytes.HasPrefix(data, utf8BOM):
		data = data[len(utf8BOM):]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		// "Unicode Text" from Excel: UTF-16 with BOM, usually tab separated.
		dec := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
		out, err := dec.Bytes(data)
		if err != nil {
			return nil, invalid("bad_encoding", "Tệp văn bản UTF-16 bị lỗi mã hóa.", err)
		}
		data = out
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return nil, invalid("not_a_spreadsheet", "Tệp không phải CSV (có byte nhị phân).", nil)
	}
	if !utf8.Valid(data) {
		// An 8-bit file: keep one Windows-1252 character per byte (reversible
		// with Bytes) and let the caller decide between TCVN3, VNI and
		// Windows-1258.
		wb.Charset = "windows-1252"
		var b strings.Builder
		b.Grow(len(data) * 2)
		for _, c := range data {
			b.WriteRune(charmap.Windows1252.DecodeByte(c))
		}
		data = []byte(b.String())
	}
	data, delim := detectDelimiter(data)
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = delim
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	r.ReuseRecord = true
	sh := Sheet{Name: sheet}
	// n is the row number Excel would show: encoding/csv skips blank lines,
	// so they are counted back from the line numbers.
	n, prevEnd := 0, 0
	for read := 1; ; read++ {
		if read%checkEvery == 0 {
			if err := stopped(ctx); err != nil {
				return nil, err
			}
		}
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			line := prevEnd + 1
			if errors.As(err, &pe) {
				line = pe.StartLine
			}
			return nil, invalid("bad_csv", fmt.Sprintf("Tệp CSV lỗi ở dòng %d: %v.", line, err), err)
		}
		start, _ := r.FieldPos(0)
		end, _ := r.FieldPos(len(rec) - 1)
		end += strings.Count(rec[len(rec)-1], "\n")
		n += 1 + max(start-prevEnd-1, 0)
		prevEnd = end
		last := len(rec)
		for last > 0 && strings.TrimSpace(rec[last-1]) == "" {
			last--
		}
		if last == 0 {
			continue
		}
		if last > lim.MaxCols {
			return nil, sheetTooLarge("too_many_columns", sheet, n, fmt.Sprintf("Dòng %d có %d cột, vượt giới hạn %d cột.", n, last, lim.MaxCols))
		}
		if len(sh.Rows) >= lim.MaxRows {
			return nil, sheetTooLarge("too_many_rows", sheet, n, fmt.Sprintf("Tệp có hơn %d dòng dữ liệu: hãy chia danh sách thành nhiều tệp nhỏ hơn.", lim.MaxRows))
		}
		row := Row{Number: n, Cells: make([]Cell, last)}
		for i := range last {
			row.Cells[i].Value = rec[i]
		}
		sh.Rows = append(sh.Rows, row)
	}
	wb.Sheets = []Sheet{sh}
	return wb, nil
}

// detectDelimiter honours an Excel "sep=;" first line (and drops it), else
// picks the most frequent of comma, semicolon and tab outside quotes in the
// first lines; comma on a tie.
func detectDelimiter(data []byte) ([]byte, rune) {
	if first, rest, ok := bytes.Cut(data, []byte("\n")); ok || len(first) > 0 {
		l := strings.TrimSpace(string(first))
		if strings.HasPrefix(strings.ToLower(l), "sep=") && utf8.RuneCountInString(l) == 5 {
			r, _ := utf8.DecodeLastRuneInString(l)
			return rest, r
		}
	}
	counts := map[rune]int{}
	inQuote, lines := false, 0
	for _, c := range string(data) {
		switch {
		case c == '"':
			inQuote = !inQuote
		case c == '\n' && !inQuote:
			lines++
		case !inQuote && (c == ',' || c == ';' || c == '\t'):
			counts[c]++
		}
		if lines >= 20 {
			break
		}
	}
	best := ','
	for _, c := range []rune{';', '\t'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return data, best
}

// Bytes returns the original bytes of a value read from a CSV file whose
// Charset is "windows-1252", so that it can be decoded with the code page it
// really used (Windows-1258, for instance); ok is false if s holds a
// character that no byte produced.
func Bytes(s string) (b []byte, ok bool) {
	b = make([]byte, 0, len(s))
	for _, r := range s {
		c, ok := charmap.Windows1252.EncodeRune(r)
		if !ok {
			return nil, false
		}
		b = append(b, c)
	}
	return b, true
}
