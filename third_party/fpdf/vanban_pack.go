package fpdf

// vanban: pages compressed as they end.

// SetPackPages makes the document compress each page's content as soon as
// the page ends and drop the uncompressed bytes, so that a document of
// thousands of pages holds little more than its compressed output. It needs
// compression on, and no page-number alias (AliasNbPages) or other alias
// (RegisterAlias): aliases are replaced in the uncompressed content when the
// document is written, so with an alias registered pages are not packed.
// Pages must not be revisited (SetPage) after they end.
func (f *Fpdf) SetPackPages(on bool) { f.packPages = on }

func (f *Fpdf) packPage() {
	if !f.packPages || !f.compress || f.page == 0 || f.aliasNbPagesStr != "" || len(f.aliasMap) > 0 {
		return
	}
	if _, done := f.packed[f.page]; done {
		return
	}
	if f.packed == nil {
		f.packed = make(map[int][]byte)
	}
	mem := f.compressPage(f.pages[f.page].Bytes())
	f.packed[f.page] = append([]byte(nil), mem.bytes()...)
	mem.release()
	f.releasePage(f.page)
}
