package docx

import (
	"os"
	"testing"

	"github.com/vanban/vanban/internal/pdf"
	"github.com/vanban/vanban/internal/plan"
	"github.com/vanban/vanban/internal/typeset"
)

func TestScratchSeed(t *testing.T) {
	dir := os.Getenv("CMP_DIR")
	if dir == "" {
		t.Skip()
	}
	data, _ := os.ReadFile("../../testdata/ke-hoach-lai-chau.json")
	c, _, err := plan.Decode(data, typeset.Default())
	if err != nil {
		t.Fatal(err)
	}
	d := c.Document()
	f, _ := os.Create(dir + "/seed.docx")
	if err := New().Render(f, d); err != nil {
		t.Fatal(err)
	}
	f.Close()
	r, _ := pdf.New()
	g, _ := os.Create(dir + "/seedref.pdf")
	r.Render(g, d)
	g.Close()
}
