package fpdf

// vanban: page contents compressed with github.com/klauspost/compress.

import (
	"fmt"
	"io"
	"sync"

	kzlib "github.com/klauspost/compress/zlib"
)

// SetFastPageCompression makes the document compress its pages' content
// streams with github.com/klauspost/compress's zlib at its fastest level
// instead of compress/zlib's: about twice as fast on a page of a few
// kilobytes, and a few per cent smaller. Other streams (fonts, images) are
// compressed as before. Off by default, so upstream's output is unchanged.
func (f *Fpdf) SetFastPageCompression(on bool) { f.fastPageZ = on }

var fastZPool = sync.Pool{New: func() any {
	zw, err := kzlib.NewWriterLevel(io.Discard, kzlib.BestSpeed)
	if err != nil {
		panic(fmt.Errorf("could not create zlib writer: %w", err))
	}
	return zw
}}

// compressPage compresses a page's content.
func (f *Fpdf) compressPage(data []byte) *membuffer {
	if !f.fastPageZ {
		return xmem.compress(data)
	}
	mem := xmem.Get().(*membuffer)
	buf := &mem.buf
	buf.Grow(len(data))
	zw := fastZPool.Get().(*kzlib.Writer)
	defer fastZPool.Put(zw)
	zw.Reset(buf)
	if _, err := zw.Write(data); err != nil {
		panic(fmt.Errorf("could not zlib-compress slice: %w", err))
	}
	if err := zw.Close(); err != nil {
		panic(fmt.Errorf("could not close zlib writer: %w", err))
	}
	return mem
}
