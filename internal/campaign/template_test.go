package campaign_test

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"testing"

	"github.com/vanban/vanban/internal/award"
	"github.com/vanban/vanban/internal/campaign"
	"github.com/vanban/vanban/internal/nominations"
	"github.com/vanban/vanban/templates/awards"
)

// The template reads back through the importer: its example rows are one
// collective and one person, with no problem but the placeholders.
func TestTemplateImportsBack(t *testing.T) {
	cat, err := award.LoadCatalogue(awards.FS)
	if err != nil {
		t.Fatal(err)
	}
	data, err := campaign.TemplateXLSX(cat)
	if err != nil {
		t.Fatal(err)
	}
	res, err := nominations.Import(context.Background(), bytes.NewReader(data), "mau.xlsx", int64(len(data)), nominations.Options{Catalogue: cat})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Nominations) != 2 || res.Nominations[0].Kind != award.Collective || res.Nominations[1].Gender != award.Male ||
		res.Nominations[1].AwardForm != cat.Forms[0].ID || res.Report.Errors != 0 {
		t.Fatalf("template read back: %+v %+v", res.Nominations, res.Report)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	lists := 0
	for _, f := range zr.File {
		if f.Name == "xl/worksheets/sheet1.xml" {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			lists = bytes.Count(b, []byte(`<dataValidation `))
		}
	}
	if lists != 2 {
		t.Errorf("%d drop-down lists in the template, want Giới tính and Hình thức", lists)
	}
}
