package letterhead

import (
	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/document"
	"github.com/vanban/vanban/internal/nd30"
)

// Draft is a document decoded and checked once, waiting to be laid out.
// Rendering lays it out at once; issuing gives it the register's number
// (Stamp) inside the series lock and lays it out then, once, without
// reading the input again.
type Draft struct {
	// Letterhead is the checked letterhead the layout reads: agency,
	// signer, nơi nhận, Lưu, date and number.
	Letterhead *Checked
	// Subject is the trích yếu as the document prints it, which the
	// register records.
	Subject string
	// Legal is a văn bản quy phạm pháp luật, whose number carries the year
	// (86/2025/QĐ-UBND).
	Legal bool
	// layout lays the document out from the checked input; its problems
	// are the warnings found while laying out.
	layout func() (document.Document, apperr.Problems, error)
}

// NewDraft is the draft of a checked document: lh is the letterhead its
// layout reads (so that Stamp reaches it), layout lays it out.
func NewDraft(lh *Checked, subject string, layout func() (document.Document, apperr.Problems, error)) *Draft {
	return &Draft{Letterhead: lh, Subject: subject, layout: layout}
}

// Stamp gives the draft the number the register took for it (padded to
// s.Width digits) and the date it took it on.
func (d *Draft) Stamp(s Stamp) {
	d.Letterhead.Number, d.Letterhead.NumberWidth, d.Letterhead.Date = s.Number, s.Width, s.Date
	if d.Letterhead.NumberWidth == 0 {
		d.Letterhead.NumberWidth = nd30.DefaultNumberWidth
	}
}

// Document lays the draft out; the problems are warnings.
func (d *Draft) Document() (document.Document, apperr.Problems, error) { return d.layout() }

// Build lays out the draft a kind's Prepare returned, with the warnings of
// both steps: decode, check and lay out in one call.
func Build(d *Draft, ps apperr.Problems, err error) (document.Document, apperr.Problems, error) {
	if err != nil {
		return document.Document{}, ps, err
	}
	doc, more, err := d.Document()
	return doc, append(ps, more...), err
}
