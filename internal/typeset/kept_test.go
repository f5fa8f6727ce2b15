package typeset

import (
	"strings"
	"testing"
)

// SetKept never splits a compound word of administrative text, even where
// Set would split it to save a line: a certificate name shrinks instead.
func TestSetKeptKeepsCompounds(t *testing.T) {
	m := testMetrics(t)
	text := "Trung tâm Văn hóa, Thể thao và Truyền thông thuộc Sở Văn hóa, Thể thao và Du lịch tỉnh Lai Châu"
	splits := func(ls []Line) bool {
		ts := lineTexts(ls)
		for i := 0; i+1 < len(ts); i++ {
			pair := lastWord(ts[i]) + " " + strings.Fields(ts[i+1])[0]
			for _, c := range []string{"Văn hóa,", "Thể thao", "Du lịch", "Truyền thông", "Lai Châu"} {
				if pair == c {
					return true
				}
			}
		}
		return false
	}
	setSplits := 0
	for w := 120.0; w <= 600; w += 2 {
		sp := []Span{{Text: text, Style: bold, SizePt: 16}}
		_, kept := m.SetKept(sp, w, w)
		if splits(kept) {
			t.Errorf("SetKept at %g pt splits a compound: %q", w, lineTexts(kept))
		}
		if _, set := m.Set(sp, w, w, true); splits(set) {
			setSplits++
			if len(set) > len(kept) {
				t.Errorf("at %g pt Set takes more lines (%d) than SetKept (%d)", w, len(set), len(kept))
			}
		}
	}
	if setSplits == 0 {
		t.Error("no width where Set lets a compound go: the test does not show SetKept's difference")
	}
}

func lastWord(s string) string {
	f := strings.Fields(s)
	return f[len(f)-1]
}
