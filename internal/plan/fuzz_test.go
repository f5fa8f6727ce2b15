package plan

import (
	"os"
	"testing"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/letterhead"
	"github.com/vanban/vanban/internal/typeset/typesettest"
)

// FuzzDecode: whatever JSON comes in, the answer is a laid-out document or
// an application error naming what to fix — never a panic, never an
// internal error for the caller's input.
func FuzzDecode(f *testing.F) {
	seed, err := os.ReadFile(seedPath)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add([]byte(`{"kind":"ke-hoach","body":"I.\n1.\na)\n-","date":"2021-12","number":1,"summary":"x","agency":{"name":"Sở","abbreviation":"S","place":"P","headerLines":[""]},"signer":{"title":"\n\n","name":"A"}}`))
	f.Add([]byte(`{"kind":"ke-hoach","urgency":"hoa-toc","profile":"13/14","margins":{"top":25,"bottom":25,"left":35,"right":20}}`))
	m := typesettest.Metrics()
	f.Fuzz(func(t *testing.T, data []byte) {
		c, _, err := Decode(data, letterhead.Env{Metrics: m})
		if err != nil {
			if apperr.Is(err, apperr.Internal) {
				t.Errorf("internal error for input %q: %v", data, err)
			}
			return
		}
		if doc := c.Document(); len(doc.Sections) != 1 {
			t.Errorf("%d sections", len(doc.Sections))
		}
	})
}
