package fpdf

// vanban: page buffers reused.
//
// A page's content buffer grew from empty to its final size (≈ 15 KB for a
// page of text) by doubling, copying each time, for every page of every
// document. A page that was packed or streamed (its content compressed and
// written out) gives its buffer back, and a new page takes one from this
// pool, already grown.

import (
	"bytes"
	"sync"
)

// maxPooledPage bounds the buffers kept for reuse.
const maxPooledPage = 1 << 20

var pageBufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// newPageBuffer returns an empty buffer for a new page's content.
func newPageBuffer() *bytes.Buffer {
	b := pageBufPool.Get().(*bytes.Buffer)
	b.Reset()
	return b
}

// releasePage gives the content buffer of page n back once its content has
// been compressed and copied; the page keeps an empty buffer.
func (f *Fpdf) releasePage(n int) {
	b := f.pages[n]
	f.pages[n] = new(bytes.Buffer)
	if b != nil && b.Cap() <= maxPooledPage {
		b.Reset()
		pageBufPool.Put(b)
	}
}
