// Package commendation builds the award paperwork of a Sở (spec §7): the Tờ
// trình đề nghị khen thưởng sent to the Ủy ban nhân dân tỉnh with its danh
// sách, and the Quyết định khen thưởng (NĐ30 Mẫu 1.2: tặng Giấy khen, công
// nhận danh hiệu thi đua, or both, each part worded on its own) with its danh sách
// carrying each recipient's số sổ vàng. The fixed wording comes from
// templates (templates/commendation/*.tmpl), the legal bases and award forms
// from the award catalogue: neither is a string literal here.
package commendation

import (
	"bytes"
	"fmt"
	"io/fs"
	"strings"
	"text/template"
)

// Template files.
const (
	ToTrinhTemplate   = "commendation/to-trinh-khen-thuong.tmpl"
	QuyetDinhTemplate = "commendation/quyet-dinh-khen-thuong.tmpl"
)

// Wording holds the parsed wording templates; parse once, share.
type Wording struct {
	toTrinh, quyetDinh *template.Template
}

// LoadWording parses the wording templates of fsys.
func LoadWording(fsys fs.FS) (*Wording, error) {
	w := &Wording{}
	var err error
	if w.toTrinh, err = parse(fsys, ToTrinhTemplate, "summary", "bases", "request", "annexSubtitle", "annexReference"); err != nil {
		return nil, err
	}
	if w.quyetDinh, err = parse(fsys, QuyetDinhTemplate, "summary", "bases", "article1", "article2", "article3", "annexSubtitle", "annexReference"); err != nil {
		return nil, err
	}
	return w, nil
}

func parse(fsys fs.FS, name string, blocks ...string) (*template.Template, error) {
	src, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("wording template %s: %w", name, err)
	}
	t, err := template.New(name).Option("missingkey=error").Parse(string(src))
	if err != nil {
		return nil, fmt.Errorf("wording template %s: %w", name, err)
	}
	for _, b := range blocks {
		if t.Lookup(b) == nil {
			return nil, fmt.Errorf("wording template %s: block %q is missing", name, b)
		}
	}
	return t, nil
}

// lines executes block and returns its non-empty lines, spaces collapsed.
func lines(t *template.Template, block string, data any) ([]string, error) {
	var b bytes.Buffer
	if err := t.ExecuteTemplate(&b, block, data); err != nil {
		return nil, fmt.Errorf("wording %s: %w", block, err)
	}
	var out []string
	for _, l := range strings.Split(b.String(), "\n") {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			out = append(out, l)
		}
	}
	return out, nil
}

func one(t *template.Template, block string, data any) (string, error) {
	ls, err := lines(t, block, data)
	return strings.Join(ls, " "), err
}
