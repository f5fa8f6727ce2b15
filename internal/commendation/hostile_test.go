package commendation

import (
	"encoding/json"
	"testing"

	"github.com/vanban/vanban/internal/apperr"
)

// Issue 10 item 4: 13.7 MB of legalBases gave a 6,336-page PDF; the list now
// has a documented maximum (letterhead.MaxItems, in the schema).
func TestLegalBasesBounded(t *testing.T) {
	m := map[string]any{}
	if err := json.Unmarshal(example(t, "to-trinh-khen-thuong.json"), &m); err != nil {
		t.Fatal(err)
	}
	bases := make([]string, 61)
	for i := range bases {
		bases[i] = "Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022"
	}
	m["legalBases"] = bases
	data, _ := json.Marshal(m)
	_, _, err := BuildToTrinh(data, env(t))
	e := apperr.As(err)
	for _, p := range e.Problems {
		if p.Field == "legalBases" && p.Code == "too_many" {
			return
		}
	}
	t.Fatalf("61 legal bases: %v", err)
}
