package spreadsheet

import (
	"archive/zip"
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/vanban/vanban/internal/apperr"
)

// prescan counts, before excelize builds anything, what the workbook would
// make it build: the shared strings (each one becomes a Go string and a
// struct in excelize's model, ~350 bytes even when empty) and the cells of
// each worksheet (~150 bytes each). A 195 KB file of 7.6 million empty shared
// strings otherwise costs 2.6 GB, and one of 18,491 × 256 numbers 700 MB.
// The count streams each part through a small buffer, bounded by the
// unzipped size limit, so it costs a few kilobytes whatever the file.
// Archives the zip reader does not understand are left to excelize, which
// reports them.
func prescan(data []byte, lim Limits) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil
	}
	var unzipped int64
	cells := 0 // across every worksheet
	for _, f := range zr.File {
		name := strings.ToLower(f.Name)
		var tag string
		switch {
		case name == "xl/sharedstrings.xml":
			tag = "si"
		case strings.HasPrefix(name, "xl/worksheets/") && strings.HasSuffix(name, ".xml"):
			tag = "c"
		default:
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil // excelize reports the damaged part
		}
		stop := lim.MaxCells - cells
		if tag == "si" {
			stop = lim.MaxSharedStrings
		}
		n, read, err := countTags(rc, tag, lim.MaxUnzipped-unzipped+1, stop)
		rc.Close()
		unzipped += read
		if unzipped > lim.MaxUnzipped {
			return &apperr.Error{Kind: apperr.TooLarge, Code: "unzipped_too_large",
				Detail: fmt.Sprintf("Bảng tính giải nén vượt quá %d MB (có thể là tệp độc hại dạng zip bomb).", lim.MaxUnzipped>>20)}
		}
		if err != nil {
			return nil
		}
		switch {
		case tag == "si" && n > lim.MaxSharedStrings:
			msg := fmt.Sprintf("Bảng tính có hơn %d chuỗi văn bản dùng chung (đã đếm tới %d): tệp quá lớn hoặc đã bị làm hỏng; hãy chia danh sách hoặc lưu lại bằng Excel.", lim.MaxSharedStrings, n)
			return &apperr.Error{Kind: apperr.TooLarge, Code: "too_many_strings", Detail: msg,
				Problems: []apperr.Problem{{Code: "too_many_strings", Message: msg}}}
		case tag == "c" && cells+n > lim.MaxCells:
			n += cells
			msg := fmt.Sprintf("Bảng tính có hơn %d ô (đã đếm tới %d): hãy xóa các cột, dòng thừa hoặc chia danh sách thành nhiều tệp (ví dụ 10.000 dòng × 10 cột là vừa).", lim.MaxCells, n)
			return &apperr.Error{Kind: apperr.TooLarge, Code: "too_many_cells", Detail: msg,
				Problems: []apperr.Problem{{Code: "too_many_cells", Message: msg}}}
		case tag == "c":
			cells += n
		}
	}
	return nil
}

// countTags counts the start tags named tag (any namespace prefix: <si>,
// <x:si …>, <c/>) in the XML read from r, reading at most max bytes; it
// returns the count and the bytes read. It stops early once the count
// passes stop.
func countTags(r io.Reader, tag string, max int64, stop int) (n int, read int64, err error) {
	lr := &io.LimitedReader{R: r, N: max}
	br := bufio.NewReaderSize(lr, 32<<10)
	var name [16]byte
	for {
		if n > stop {
			return n, max - lr.N, nil
		}
		_, err := br.ReadSlice('<') // skips to the next tag at memchr speed
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil {
			if err == io.EOF {
				return n, max - lr.N, nil
			}
			return n, max - lr.N, err
		}
		// The element name, up to whitespace, '>' or '/'; a prefix before
		// ':' is dropped.
		k := 0
		for {
			c, err := br.ReadByte()
			if err != nil {
				return n, max - lr.N, nil
			}
			if c == ' ' || c == '>' || c == '/' || c == '\t' || c == '\n' || c == '\r' {
				if string(name[:k]) == tag {
					n++
				}
				break
			}
			if c == ':' {
				k = 0
				continue
			}
			if k == len(name) {
				break // longer than any name we count
			}
			name[k] = c
			k++
		}
	}
}
