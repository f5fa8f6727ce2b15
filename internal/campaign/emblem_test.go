package campaign

import (
	"strings"
	"testing"

	"github.com/vanban/vanban/internal/apperr"
)

// The profile's "emblem": a base64 PNG (an upload) or the reference to the
// saved one; anything else is refused at the field, in Vietnamese.
func TestProfileEmblemJSON(t *testing.T) {
	base := `{"id":"so","agency":{"name":"Sở X"},"signers":[{"name":"A","title":"Giám đốc"}],"emblem":%s}`
	for in, want := range map[string]string{
		`"iVBORw0KGgo="`: "",
		`{"sha256":"` + strings.Repeat("ab", 32) + `","width":600,"height":600}`: "",
		`5`:                  "invalid_emblem",
		`{"png":"x"}`:        "invalid_emblem",
		`"@@@ not base64"`:   "emblem_not_png",
		`{"sha256":"short"}`: "",
	} {
		p, err := DecodeProfile([]byte(strings.Replace(base, "%s", in, 1)))
		e := apperr.As(err)
		switch {
		case want == "" && err != nil:
			t.Errorf("%s: %v", in, err)
		case want != "" && (e.Code != want || len(e.Problems) != 1 || e.Problems[0].Field != "emblem"):
			t.Errorf("%s: %v (%s), want %s at emblem", in, err, e.Code, want)
		case want == "" && p.Emblem == nil:
			t.Errorf("%s: no emblem", in)
		}
	}
	p, _ := DecodeProfile([]byte(strings.Replace(base, "%s", `{"sha256":"short"}`, 1)))
	if _, ps := p.Check(); ps.Err() == nil || !strings.Contains(ps.Err().Error(), "emblem") {
		t.Errorf("a malformed reference passes Check: %v", ps.Err())
	}
}
