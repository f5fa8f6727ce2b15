package commendation

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/letterhead"
	"github.com/vanban/vanban/internal/nd30"
)

// Officer is the officer's own wording: each part given replaces the one the
// wording template writes; the parts left out keep the generated wording.
type Officer struct {
	// Request are the request paragraphs of a Tờ trình (all of them, cash
	// line included).
	Request []string `json:"request,omitempty"`
	// Attachment replaces "(Có danh sách kèm theo)"; "" leaves it out.
	Attachment *string `json:"attachment,omitempty"`
	// Closing replaces the Tờ trình's last paragraph ("… kính trình … xem
	// xét, quyết định./.").
	Closing *string `json:"closing,omitempty"`
	// Articles are the Điều of a Quyết định, from Điều 1: they replace the
	// generated ones, as many as given; "" keeps the generated Điều at its
	// place (["", "", "Own Điều 3"] changes only Điều 3).
	Articles []string `json:"articles,omitempty"`
	// Counts replaces the counts of the danh sách in the generated wording
	// ("99 tập thể và 48 cá nhân"), for a danh sách that travels as a
	// separate file; with no nominations, no danh sách is attached.
	Counts string `json:"counts,omitempty"`
}

// BasesControl shapes the căn cứ of the award paperwork.
type BasesControl struct {
	// CatalogueBases is "keep" (default: the Law and decree in force, from
	// the award catalogue, then legalBases) or "omit" (only legalBases: the
	// officer's list replaces the catalogue's, or none at all).
	CatalogueBases string `json:"catalogueBases,omitempty"`
	// BasesUpright prints the căn cứ upright instead of italic.
	BasesUpright bool `json:"basesUpright,omitempty"`
	// LastBasisEnd ends the last căn cứ: "." (default, NĐ30), ";" or ",".
	LastBasisEnd string `json:"lastBasisEnd,omitempty"`
	// AutoRecipient, false, leaves out the automatic "Như trên" / "Như Điều
	// 3" at the head of the nơi nhận.
	AutoRecipient *bool `json:"autoRecipient,omitempty"`
}

// officer is the checked Officer and BasesControl.
type officer struct {
	request            []string
	attachment         *string
	closing            *string
	articles           []string
	counts             string
	omitCatalogue      bool
	upright            bool
	lastEnd            string
	noAuto             bool
	requestGiven       bool
	articlesGiven      bool
	countsGiven        bool
	attachmentReplaced bool
}

func (o *Officer) check(ps *apperr.Problems, b BasesControl) officer {
	var out officer
	out.lastEnd = "."
	switch b.CatalogueBases {
	case "", "keep":
	case "omit":
		out.omitCatalogue = true
	default:
		ps.Add("catalogueBases", "invalid_value", "catalogueBases là \"keep\" (giữ căn cứ của danh mục) hoặc \"omit\" (bỏ, chỉ dùng legalBases).")
	}
	switch b.LastBasisEnd {
	case "", ".":
	case ";", ",":
		out.lastEnd = b.LastBasisEnd
	default:
		ps.Add("lastBasisEnd", "invalid_value", "Dấu kết thúc căn cứ cuối cùng phải là \".\", \";\" hoặc \",\".")
	}
	out.upright = b.BasesUpright
	out.noAuto = b.AutoRecipient != nil && !*b.AutoRecipient
	if o == nil {
		return out
	}
	for i, r := range o.Request {
		if t := letterhead.Text(ps, fmt.Sprintf("wording.request[%d]", i), r, false, true, letterhead.MaxTitle); t != "" {
			out.request = append(out.request, t)
		}
	}
	out.requestGiven = len(o.Request) > 0
	if o.Attachment != nil {
		t := letterhead.Text(ps, "wording.attachment", *o.Attachment, false, false, letterhead.MaxLine)
		out.attachment = &t
	}
	if o.Closing != nil {
		t := letterhead.Text(ps, "wording.closing", *o.Closing, false, false, letterhead.MaxTitle)
		out.closing = &t
	}
	if len(o.Articles) > 20 {
		ps.Add("wording.articles", "too_many", "Có %d điều, tối đa 20.", len(o.Articles))
	}
	for i, a := range o.Articles {
		t := letterhead.Text(ps, fmt.Sprintf("wording.articles[%d]", i), a, false, false, letterhead.MaxTitle)
		out.articles = append(out.articles, strings.TrimSpace(strings.TrimPrefix(t, fmt.Sprintf("Điều %d.", i+1))))
	}
	out.articlesGiven = len(o.Articles) > 0
	out.counts = letterhead.Text(ps, "wording.counts", o.Counts, false, false, 200)
	out.countsGiven = out.counts != ""
	return out
}

// splitRequest separates the generated request lines of a Tờ trình into the
// request paragraphs, the attachment note and the closing (the last line).
func splitRequest(ls []string) (request []string, attachment, closing string) {
	if len(ls) == 0 {
		return nil, "", ""
	}
	closing = ls[len(ls)-1]
	for _, l := range ls[:len(ls)-1] {
		if strings.HasPrefix(l, "(") && strings.Contains(strings.ToLower(l), "kèm theo") {
			attachment = l
			continue
		}
		request = append(request, l)
	}
	return request, attachment, closing
}

// toTrinhLines puts the officer's parts in place of the generated ones.
func (o officer) toTrinhLines(generated []string) []string {
	request, attachment, closing := splitRequest(generated)
	if o.requestGiven {
		request = o.request
	}
	if o.attachment != nil {
		attachment = *o.attachment
	}
	if o.closing != nil {
		closing = *o.closing
	}
	out := append([]string{}, request...)
	if attachment != "" {
		out = append(out, attachment)
	}
	if closing != "" {
		if !strings.HasSuffix(closing, "./.") {
			closing = strings.TrimRight(closing, " .;,") + "./."
		}
		out = append(out, closing)
	}
	return out
}

var citedNumber = regexp.MustCompile(`(?i)\bsố\s+([0-9]+(?:/[0-9]{4})?/[\p{L}0-9&-]+)`)

// bases drops căn cứ citing a document already cited (same number), with a
// warning, and ends the lines: ";" each, the last with lastEnd.
func (o officer) bases(ps *apperr.Problems, ls []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, l := range ls {
		if m := citedNumber.FindStringSubmatch(l); m != nil {
			k := nd30.Key(m[1])
			if seen[k] {
				ps.Warn("legalBases", "duplicate_basis", "Căn cứ văn bản số %s đã có (căn cứ trùng chỉ in một lần): %q.", m[1], l)
				continue
			}
			seen[k] = true
		}
		out = append(out, strings.TrimRight(l, " ;.,"))
	}
	for i := range out {
		if i == len(out)-1 {
			out[i] += o.lastEnd
		} else {
			out[i] += ";"
		}
	}
	return out
}
