package certprint

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"image"
	"image/draw"
	"image/jpeg"
	"image/png"
	"sync"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/certificate"
	"github.com/vanban/vanban/internal/certlayout"
	"github.com/vanban/vanban/internal/qrcode"
)

// MaxBackgroundBytes caps the agency's background image.
const MaxBackgroundBytes = 20 << 20

// Image is a raster image ready for the PDF: Type is "png" or "jpg".
type Image struct {
	Data          []byte
	Type          string
	Width, Height int // pixels
}

// prepareBackground checks that data is a PNG or JPEG and returns it in a
// form fpdf embeds (PNG re-encoded as 8-bit, non-interlaced). A PDF page is
// reported as unsupported: fpdf cannot import pages.
func prepareBackground(data []byte) (*Image, error) {
	if len(data) > MaxBackgroundBytes {
		return nil, &apperr.Error{Kind: apperr.TooLarge, Code: "background_too_large",
			Detail:   "Ảnh nền lớn hơn 20 MB.",
			Problems: []apperr.Problem{{Field: "background", Code: "background_too_large", Message: "Ảnh nền lớn hơn 20 MB."}}}
	}
	switch {
	case bytes.HasPrefix(data, []byte("%PDF")):
		return nil, &apperr.Error{Kind: apperr.Unsupported, Code: "background_pdf_unsupported",
			Detail:   "Chưa hỗ trợ nền là trang PDF; hãy xuất trang đó thành ảnh PNG hoặc JPEG (300 dpi).",
			Problems: []apperr.Problem{{Field: "background", Code: "background_pdf_unsupported", Message: "Nền PDF chưa được hỗ trợ; dùng PNG hoặc JPEG."}}}
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		cfg, err := png.DecodeConfig(bytes.NewReader(data))
		if err != nil {
			return nil, notImage(err.Error())
		}
		if err := checkPixels(cfg); err != nil {
			return nil, err
		}
		img, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			return nil, notImage(err.Error())
		}
		b := img.Bounds()
		if b.Dx() < 1 || b.Dy() < 1 {
			return nil, notImage("ảnh rỗng")
		}
		rgba := image.NewNRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
		draw.Draw(rgba, rgba.Bounds(), img, b.Min, draw.Src)
		var buf bytes.Buffer
		if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, opaque(rgba)); err != nil {
			return nil, apperr.Wrap(err, "encode background")
		}
		return &Image{Data: buf.Bytes(), Type: "png", Width: b.Dx(), Height: b.Dy()}, nil
	case bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}):
		cfg, err := jpeg.DecodeConfig(bytes.NewReader(data))
		if err != nil {
			return nil, notImage(err.Error())
		}
		if err := checkPixels(cfg); err != nil {
			return nil, err
		}
		if _, err := jpeg.Decode(bytes.NewReader(data)); err != nil {
			return nil, notImage(err.Error())
		}
		return &Image{Data: data, Type: "jpg", Width: cfg.Width, Height: cfg.Height}, nil
	}
	return nil, notImage("không phải PNG hay JPEG")
}

// MaxBackgroundPixels caps the pixels of a background image, read from its
// header before it is decoded: an A4 page at 300 dpi is 8.7 million pixels,
// A3 17.4 million. A 48 KB PNG of 20,000 × 20,000 pixels would otherwise
// take 3.6 GB to decode.
const MaxBackgroundPixels = 40_000_000

func checkPixels(cfg image.Config) error {
	if cfg.Width <= 0 || cfg.Height <= 0 || int64(cfg.Width)*int64(cfg.Height) > MaxBackgroundPixels {
		msg := fmt.Sprintf("Ảnh nền %d × %d điểm ảnh quá lớn (tối đa %d triệu điểm ảnh; khổ A4 ở 300 dpi là 2480 × 3508): hãy thu nhỏ ảnh.", cfg.Width, cfg.Height, MaxBackgroundPixels/1_000_000)
		return &apperr.Error{Kind: apperr.TooLarge, Code: "background_too_large", Detail: msg,
			Problems: []apperr.Problem{{Field: "background", Code: "background_too_large", Message: msg}}}
	}
	return nil
}

// opaque drops the alpha channel when every pixel is opaque, so the PDF
// needs no soft mask.
func opaque(m *image.NRGBA) image.Image {
	for i := 3; i < len(m.Pix); i += 4 {
		if m.Pix[i] != 0xFF {
			return m
		}
	}
	rgb := image.NewRGBA(m.Bounds())
	copy(rgb.Pix, m.Pix)
	return rgb
}

func notImage(why string) error {
	msg := "Tệp nền không phải ảnh PNG hoặc JPEG hợp lệ (" + why + ")."
	return &apperr.Error{Kind: apperr.Invalid, Code: "background_not_image", Detail: msg,
		Problems: []apperr.Problem{{Field: "background", Code: "background_not_image", Message: msg}}}
}

// Emblem limits: a PNG of at most MaxEmblemBytes, MinEmblemPixels to
// MaxEmblemPixels on each side (read from its header before it is
// decoded). The emblem box is 20 mm wide on a Giấy khen and 28 mm on a
// Bằng khen: EmblemPixels on the longest side is 760 dpi at 20 mm and 540
// at 28 mm, so a larger image is scaled down to it once, when the profile
// is saved (NormalizeEmblem), and the PDF embeds at most that. The input
// cap keeps that one decoding bounded: a 16-bit PNG of 2000 × 2000 pixels
// decodes into 32 MB (4000 × 4000 took 128 MB, 184 MB with the copies).
const (
	MaxEmblemBytes  = 1 << 20
	MinEmblemPixels = 64
	MaxEmblemPixels = 2000
	EmblemPixels    = 600
)

// NormalizeEmblem checks the Quốc huy or agency emblem image — a PNG (SVG
// is not supported: fpdf draws no SVG image) of bounded size and
// dimensions, checked from its header before it is decoded — decodes it
// once, scales it down so that its longest side is at most EmblemPixels
// (area average, transparency kept) and returns it re-encoded as an 8-bit
// non-interlaced PNG: what the profile stores and the PDF embeds. field
// names the input in problems ("emblem" of a batch or a profile).
func NormalizeEmblem(data []byte, field string) (*Image, error) {
	return normalizeEmblem(data, field, MaxEmblemPixels)
}

// NormalizeOldEmblem is NormalizeEmblem for an emblem saved before the
// 2000-pixel bound (up to 4000 pixels a side then): run once, when it is
// moved out of its profile.
func NormalizeOldEmblem(data []byte) (*Image, error) {
	return normalizeEmblem(data, "emblem", 4000)
}

func normalizeEmblem(data []byte, field string, maxSide int) (*Image, error) {
	bad := func(kind apperr.Kind, code, msg string) error {
		return &apperr.Error{Kind: kind, Code: code, Detail: msg,
			Problems: []apperr.Problem{{Field: field, Code: code, Message: msg}}}
	}
	if len(data) > MaxEmblemBytes {
		return nil, EmblemTooLarge(field)
	}
	if !bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")) {
		return nil, bad(apperr.Invalid, "emblem_not_png", "Ảnh Quốc huy / biểu trưng phải là tệp PNG (nền trong suốt nếu có).")
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, bad(apperr.Invalid, "emblem_not_png", "Ảnh Quốc huy / biểu trưng không phải PNG hợp lệ ("+err.Error()+").")
	}
	if cfg.Width < MinEmblemPixels || cfg.Height < MinEmblemPixels || cfg.Width > maxSide || cfg.Height > maxSide {
		return nil, bad(apperr.Invalid, "emblem_size", fmt.Sprintf("Ảnh Quốc huy / biểu trưng %d × %d điểm ảnh: mỗi cạnh phải từ %d đến %d điểm ảnh.",
			cfg.Width, cfg.Height, MinEmblemPixels, MaxEmblemPixels))
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, bad(apperr.Invalid, "emblem_not_png", "Ảnh Quốc huy / biểu trưng không phải PNG hợp lệ ("+err.Error()+").")
	}
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if long := max(w, h); long > EmblemPixels {
		w, h = max(1, (w*EmblemPixels+long/2)/long), max(1, (h*EmblemPixels+long/2)/long)
	}
	small := shrink(img, w, h)
	img = nil // the decoded image is garbage from here
	var buf bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.DefaultCompression}).Encode(&buf, opaque(small)); err != nil {
		return nil, apperr.Wrap(err, "encode emblem")
	}
	return &Image{Data: buf.Bytes(), Type: "png", Width: w, Height: h}, nil
}

// EmblemTooLarge is the problem of an emblem file over MaxEmblemBytes.
func EmblemTooLarge(field string) error {
	msg := fmt.Sprintf("Ảnh Quốc huy / biểu trưng lớn hơn %d KB: hãy lưu lại ảnh PNG nhỏ hơn.", MaxEmblemBytes>>10)
	return &apperr.Error{Kind: apperr.TooLarge, Code: "emblem_too_large", Detail: msg,
		Problems: []apperr.Problem{{Field: field, Code: "emblem_too_large", Message: msg}}}
}

// shrink scales src to w × h (each at most src's) by averaging the source
// pixels that fall in each target pixel, in premultiplied 16-bit colour
// (so a transparent ground does not darken the edges), and returns 8-bit
// non-premultiplied pixels. It reads src through RGBA64At, which every
// image the png package decodes implements without allocating.
func shrink(src image.Image, w, h int) *image.NRGBA {
	b := src.Bounds()
	sw, sh := b.Dx(), b.Dy()
	at, ok := src.(image.RGBA64Image)
	if !ok { // not one of the standard types: copy once
		m := image.NewNRGBA64(image.Rect(0, 0, sw, sh))
		draw.Draw(m, m.Bounds(), src, b.Min, draw.Src)
		at, b = m, m.Bounds()
	}
	dst := image.NewNRGBA(image.Rect(0, 0, w, h))
	col := make([]int, sw)
	for x := range col {
		col[x] = x * w / sw
	}
	acc := make([]uint64, 4*w)
	n := make([]uint64, w)
	sy := 0
	for dy := range h {
		clear(acc)
		clear(n)
		for end := (dy + 1) * sh / h; sy < end; sy++ {
			for sx := range sw {
				c := at.RGBA64At(b.Min.X+sx, b.Min.Y+sy)
				a := acc[4*col[sx]:]
				a[0] += uint64(c.R)
				a[1] += uint64(c.G)
				a[2] += uint64(c.B)
				a[3] += uint64(c.A)
				n[col[sx]]++
			}
		}
		row := dst.Pix[dy*dst.Stride:]
		for dx := range w {
			a := acc[4*dx:]
			alpha := a[3] / n[dx]
			if alpha == 0 {
				continue // transparent: the zero pixel
			}
			for i := range 3 {
				row[4*dx+i] = uint8(min(a[i]/n[dx]*0xFFFF/alpha, 0xFFFF) >> 8)
			}
			row[4*dx+3] = uint8(alpha >> 8)
		}
	}
	return dst
}

// PrepareEmblem is NormalizeEmblem for printing: the result is kept by the
// SHA-256 of data (a few emblems, maxPrepared), so that every print and
// every preview redraw of an agency's certificates reuses it. The Image
// returned is shared: read only.
func PrepareEmblem(data []byte, field string) (*Image, error) {
	if len(data) > MaxEmblemBytes {
		return nil, EmblemTooLarge(field)
	}
	key := sha256.Sum256(data)
	prepared.Lock()
	img, ok := prepared.m[key]
	prepared.Unlock()
	if ok {
		return img, nil
	}
	img, err := NormalizeEmblem(data, field)
	if err != nil {
		return nil, err
	}
	prepared.Lock()
	defer prepared.Unlock()
	if _, ok := prepared.m[key]; !ok {
		if len(prepared.order) >= maxPrepared {
			delete(prepared.m, prepared.order[0])
			prepared.order = prepared.order[1:]
		}
		prepared.m[key] = img
		prepared.order = append(prepared.order, key)
	}
	return img, nil
}

// maxPrepared bounds the emblems kept prepared: at most EmblemPixels a
// side, each is some hundred KB at worst.
const maxPrepared = 32

var prepared = struct {
	sync.Mutex
	m     map[[sha256.Size]byte]*Image
	order [][sha256.Size]byte // oldest first
}{m: map[[sha256.Size]byte]*Image{}}

// QRCode is a verification code: a square of dark and light modules,
// without the quiet zone, to draw as vector squares in Box.
type QRCode struct {
	URL  string
	Box  certlayout.Box
	Code *qrcode.Code
}

// newQR encodes url with medium error correction (15 %): enough for a
// certificate handled on paper, and small enough to scan at 20 mm.
func newQR(url string, box certlayout.Box) (*QRCode, error) {
	c, err := qrcode.Encode(url, qrcode.Medium)
	if err != nil {
		return nil, apperr.Invalidf("qr.baseURL", "qr_too_long", "Địa chỉ xác thực quá dài cho mã QR (tối đa %d ký tự).", certificate.MaxQRBaseURL)
	}
	return &QRCode{URL: url, Box: box, Code: c}, nil
}
