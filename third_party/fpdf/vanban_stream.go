package fpdf

// vanban: pages streamed to the output as they end.
//
// fpdf assembles the whole file in memory and writes it in Output: a batch
// of 10,000 certificates held its 26 MB of compressed pages, then the file
// being assembled beside them. With SetOutputStream the header is written
// when the first page ends, and each page (its dictionary and its
// compressed content) as soon as it ends; Output writes the rest — fonts,
// images, templates, the page tree, the cross-reference table and the
// trailer. Memory no longer grows with the number of pages beyond a few
// integers each.

import (
	"errors"
	"io"
	"strconv"
)

var pdfVers1_7 = pdfVersionFrom(1, 7)

// SetOutputStream makes the document write its pages to w as they end; call
// it before the first page. Output then writes the rest of the file to w
// (its own writer argument is ignored). The header says PDF 1.7, since the
// version can no longer be raised once pages are written. Streamed pages are
// compressed; they cannot be revisited (SetPage), and page-number aliases
// (AliasNbPages, RegisterAlias), links and attachments are refused: they
// change a page after it ends. A write error stops the document (Err).
func (f *Fpdf) SetOutputStream(w io.Writer) {
	if f.err != nil {
		return
	}
	if f.page > 0 {
		f.err = errors.New("SetOutputStream: called after the first page")
		return
	}
	f.stream = w
	f.compress = true
	f.pdfVersion = pdfVers1_7
}

// pos is the offset in the file of the next byte written to the buffer.
func (f *Fpdf) pos() int { return f.streamBase + f.buffer.Len() }

// flushStream writes the buffer to the stream.
func (f *Fpdf) flushStream() {
	n, err := f.buffer.WriteTo(f.stream)
	f.streamBase += int(n)
	if err != nil && f.err == nil {
		f.err = err
	}
}

// streamPage writes the page that just ended, called by endpage.
func (f *Fpdf) streamPage() {
	if f.stream == nil || f.err != nil {
		return
	}
	n := f.page
	if f.aliasNbPagesStr != "" || len(f.aliasMap) > 0 {
		f.err = errors.New("output stream: page aliases cannot be used")
		return
	}
	if len(f.pageLinks[n])+len(f.pageAttachments[n]) > 0 {
		f.err = errors.New("output stream: links and attachments cannot be used")
		return
	}
	if !f.streamStarted {
		f.pdfVersion = pdfVers1_7
		f.putheader()
		f.streamStarted = true
	}
	f.newobj()
	f.streamPages = append(f.streamPages, f.n)
	f.out("<</Type /Page")
	f.out("/Parent 1 0 R")
	if sz, ok := f.pageSizes[n]; ok {
		f.outf("/MediaBox [0 0 %.2f %.2f]", sz.Wd, sz.Ht)
	}
	for t, pb := range f.pageBoxes[n] {
		f.outf("/%s [%.2f %.2f %.2f %.2f]", t, pb.X, pb.Y, pb.Wd, pb.Ht)
	}
	f.out("/Resources 2 0 R")
	f.out("/Group <</Type /Group /S /Transparency /CS /DeviceRGB>>")
	f.out("/Contents " + strconv.Itoa(f.n+1) + " 0 R>>")
	f.out("endobj")
	f.newobj()
	content, packed := f.packed[n]
	var mem *membuffer
	if !packed {
		mem = f.compressPage(f.pages[n].Bytes())
		content = mem.bytes()
	}
	f.out("<</Filter /FlateDecode /Length " + strconv.Itoa(len(content)) + ">>")
	f.putstream(content)
	f.out("endobj")
	if mem != nil {
		mem.release()
	}
	delete(f.packed, n)
	delete(f.pageBoxes, n)
	f.releasePage(n)
	f.flushStream()
}

// putStreamedPagesRoot writes the page tree's root (object 1) at the end.
func (f *Fpdf) putStreamedPagesRoot() {
	wPt, hPt := f.defPageSize.Wd*f.k, f.defPageSize.Ht*f.k
	if f.defOrientation != "P" {
		wPt, hPt = hPt, wPt
	}
	f.offsets[1] = f.pos()
	f.out("1 0 obj")
	f.out("<</Type /Pages")
	b := []byte("/Kids [")
	for _, n := range f.streamPages {
		b = strconv.AppendInt(b, int64(n), 10)
		b = append(b, " 0 R "...)
	}
	b = append(b, ']')
	f.outBytes(b)
	f.out("/Count " + strconv.Itoa(len(f.streamPages)))
	f.outf("/MediaBox [0 0 %.2f %.2f]", wPt, hPt)
	f.out(">>")
	f.out("endobj")
}
