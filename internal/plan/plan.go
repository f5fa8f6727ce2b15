// Package plan is the Kế hoạch (campaign plan, NĐ30 Phụ lục III Mẫu 1.4):
// its JSON input, validation and the document built from it. A Kế hoạch has
// the NĐ30 header, the tên loại "KẾ HOẠCH" with its trích yếu, no Kính gửi,
// the body in the "Mục" style (I., 1., a), -), and nơi nhận with the signature.
package plan

import (
	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/body"
	"github.com/vanban/vanban/internal/document"
	"github.com/vanban/vanban/internal/jsonin"
	"github.com/vanban/vanban/internal/letterhead"
	"github.com/vanban/vanban/internal/nd30"
)

// Kind is the value of the "kind" key.
const Kind = "ke-hoach"

// Input is the JSON of a Kế hoạch. The keys kind, number and date are part of
// the public contract; the rest is documented in schema.json.
type Input struct {
	Kind string `json:"kind"`
	letterhead.Fields
	// Summary is the trích yếu ("Triển khai phong trào thi đua …").
	Summary string `json:"summary"`
	// Body is the content as plain text, one paragraph per line, with its
	// I./1./a)/- structure, and **bold** / *italic* marks.
	Body string `json:"body"`
}

// Type is the NĐ30 type of the document.
var Type, _ = nd30.LookupType("Kế hoạch")

// Decode reads and validates a Kế hoạch. The warnings (problems that do not
// stop rendering) are returned with the input.
func Decode(data []byte, env letterhead.Env) (*Checked, apperr.Problems, error) {
	var in Input
	if err := jsonin.Decode(data, &in); err != nil {
		return nil, nil, err
	}
	return in.Check(env)
}

// Prepare decodes and checks a Kế hoạch: the draft to lay out, once.
func Prepare(data []byte, env letterhead.Env) (*letterhead.Draft, apperr.Problems, error) {
	c, ps, err := Decode(data, env)
	if err != nil {
		return nil, ps, err
	}
	return letterhead.NewDraft(&c.Checked, c.Summary, func() (document.Document, apperr.Problems, error) {
		return c.Document(), nil, nil
	}), ps, nil
}

// Checked is a validated Kế hoạch.
type Checked struct {
	letterhead.Checked
	Summary string
	Paras   []body.Para
}

// Check validates the input.
func (in Input) Check(env letterhead.Env) (*Checked, apperr.Problems, error) {
	var ps apperr.Problems
	if in.Kind != Kind {
		ps.Add("kind", "invalid_kind", "Loại văn bản phải là %q.", Kind)
	}
	c := &Checked{Checked: in.Fields.Check(&ps, env)}
	c.Summary = letterhead.Text(&ps, "summary", in.Summary, true, true, letterhead.MaxTitle)
	text := letterhead.Text(&ps, "body", body.Protect(in.Body), true, true, letterhead.MaxBody)
	c.Paras = body.Parse(text, "body", &ps)
	if err := ps.Err(); err != nil {
		return nil, ps, err
	}
	return c, ps, nil
}

// Document lays the Kế hoạch out.
func (c *Checked) Document() document.Document {
	l := c.Layout
	blocks := []document.Block{c.Header(Type)}
	blocks = append(blocks, l.Title(Type.Name, c.Summary)...)
	blocks = append(blocks, body.Blocks(c.Paras, body.Style{
		SizePt:       l.Profile.Body,
		LineHeightPt: nd30.BodyLineHeight(l.Profile.Body),
		IndentMM:     nd30.FirstLineIndentMM,
		SpaceAfterPt: nd30.ParagraphSpacePt,
		Metrics:      l.Metrics,
		WidthMM:      l.Page.TextWidthMM(),
	})...)
	blocks = append(blocks, l.Closing(c.Recipients, c.Archive, c.Signer))
	return document.Document{
		Title:      "Kế hoạch " + c.Summary,
		Subject:    c.Summary,
		Author:     c.Agency.Name,
		FileName:   c.FileName(Type),
		FontFamily: "Times New Roman",
		Sections:   []document.Section{l.Section(blocks)},
	}
}
