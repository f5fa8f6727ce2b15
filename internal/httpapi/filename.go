package httpapi

import (
	"io"
	"net/http"
	"strconv"
	"strings"
	"unicode"

	"github.com/gin-gonic/gin"
	"golang.org/x/text/unicode/norm"

	"github.com/vanban/vanban/internal/nd30"
	"github.com/vanban/vanban/internal/paperwork"
)

// maxNameRunes bounds a file name offered for download.
const maxNameRunes = 120

// cleanFileName makes a name safe to offer for download: NFC, no control
// characters (CR and LF included: no header injection), no quotes or
// backslashes, no path (separators become "-", leading dots are dropped),
// at most maxNameRunes runes keeping the extension. An empty result is
// "van-ban" + the extension of fallbackExt.
func cleanFileName(name, fallbackExt string) string {
	name = norm.NFC.String(name)
	var b strings.Builder
	for _, r := range name {
		switch {
		case r == '/' || r == '\\':
			b.WriteRune('-')
		case r == '"' || r == '\'' || r == '`' || r == ';' || r == '%' || r == '*':
			// quotes and the characters that end or encode parameters
		case unicode.IsSpace(r): // CR, LF, tab, U+2028…: a plain space
			b.WriteRune(' ')
		case unicode.IsControl(r) || r == unicode.ReplacementChar || unicode.Is(unicode.Cf, r):
		default:
			b.WriteRune(r)
		}
	}
	out := strings.Join(strings.Fields(b.String()), " ")
	ext := extOf(out)
	stem := strings.Trim(strings.TrimSuffix(out, ext), ".- ")
	if stem == "" {
		stem = "van-ban"
		if ext == "" {
			ext = fallbackExt
		}
	}
	if r := []rune(stem); len(r)+len(ext) > maxNameRunes {
		stem = strings.TrimRight(string(r[:maxNameRunes-len(ext)]), ". ")
	}
	out = stem + ext
	return out
}

func extOf(name string) string {
	i := strings.LastIndexByte(name, '.')
	if i < 0 || len(name)-i > 6 || len(name)-i < 2 {
		return ""
	}
	return name[i:]
}

// asciiFileName is the fallback filename= of Content-Disposition: Vietnamese
// letters without their marks (đ → d), other characters outside
// [A-Za-z0-9._-] as "_".
func asciiFileName(name string) string {
	var b strings.Builder
	for _, r := range nd30.Unmark(name) {
		switch {
		case r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '-' || r == '_'):
			b.WriteRune(r)
		case r == ' ':
			b.WriteByte('_')
		default:
			b.WriteByte('_')
		}
	}
	return b.String()
}

// encodeRFC5987 percent-encodes s for filename*=UTF-8”… (RFC 8187
// attr-char kept as is).
func encodeRFC5987(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
			strings.IndexByte("!#$&+-.^_`|~", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

// contentDisposition is the attachment header with an ASCII fallback and the
// Vietnamese name: attachment; filename="KH-SVHTTDL.pdf";
// filename*=UTF-8”K%E1%BA%BF%20ho%E1%BA%A1ch.pdf
func contentDisposition(name, fallbackExt string) string {
	name = cleanFileName(name, fallbackExt)
	ascii := asciiFileName(name)
	if ascii == name {
		return `attachment; filename="` + ascii + `"`
	}
	return `attachment; filename="` + ascii + `"; filename*=UTF-8''` + encodeRFC5987(name)
}

// maxWarningHeaders bounds the X-Vanban-Warning headers of one response.
const maxWarningHeaders = 20

// sendStream writes size bytes from r as a download named name; it returns
// the error that stopped the copy (the headers are sent by then).
func sendStream(c *gin.Context, name, ct string, size int64, r io.Reader) error {
	if ct == "" || strings.ContainsAny(ct, "\r\n") {
		ct = "application/octet-stream"
	}
	h := c.Writer.Header()
	h.Set("Content-Type", ct)
	h.Set("Content-Disposition", contentDisposition(name, extForType(ct)))
	h.Set("Content-Length", strconv.FormatInt(size, 10))
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	c.Status(http.StatusOK)
	_, err := io.Copy(c.Writer, r)
	return err
}

// sendFile writes a rendered file as a download.
func sendFile(c *gin.Context, code int, f paperwork.File) {
	ct := f.ContentType
	if ct == "" || strings.ContainsAny(ct, "\r\n") {
		ct = "application/octet-stream"
	}
	h := c.Writer.Header()
	h.Set("Content-Disposition", contentDisposition(f.Name, extForType(ct)))
	h.Set("Content-Length", strconv.Itoa(len(f.Data)))
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	if n := f.Warnings.Errors(); len(f.Warnings) > 0 {
		h.Set("X-Vanban-Warnings", strconv.Itoa(len(f.Warnings)-n))
		// Each warning readable with its field path, UTF-8 percent-encoded
		// (RFC 8187 style, as filename*): "date: Ngày … đã được thay …".
		// The same list comes as JSON from POST /v1/documents/check.
		for i, w := range f.Warnings {
			if i == maxWarningHeaders {
				break
			}
			h.Add("X-Vanban-Warning", "UTF-8''"+encodeRFC5987(clip(w.String(), 300)))
		}
	}
	c.Data(code, ct, f.Data)
}

func extForType(ct string) string {
	switch ct {
	case paperwork.PDF.ContentType():
		return ".pdf"
	case paperwork.DOCX.ContentType():
		return ".docx"
	case "application/zip":
		return ".zip"
	case mimeXLSX:
		return ".xlsx"
	}
	return ""
}

const mimeXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
