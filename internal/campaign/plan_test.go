package campaign_test

import (
	"testing"

	"github.com/vanban/vanban/internal/campaign"
	"github.com/vanban/vanban/internal/commendation"
)

// TestPlanNumberWidthChecked: a Kế hoạch typed in keeps the padding of the
// register that numbered it (1–6 digits); another width is refused on its
// field when the campaign is saved, not later at the Quyết định.
func TestPlanNumberWidthChecked(t *testing.T) {
	for _, c := range []struct {
		width int
		ok    bool
	}{{0, true}, {3, true}, {6, true}, {7, false}, {-1, false}} {
		camp := campaign.Campaign{Agency: "svhttdl-lai-chau", Title: "Phong trào thi đua năm 2026", Year: 2026,
			Plan: &campaign.Plan{PlanRef: commendation.PlanRef{Number: 7, NumberWidth: c.width, Symbol: "KH-UBND", Date: "2026-01-05"}}}
		_, ps := camp.Check()
		found := false
		for _, p := range ps {
			found = found || p.Field == "plan.numberWidth"
		}
		if found == c.ok {
			t.Errorf("numberWidth %d: problems %v", c.width, ps)
		}
	}
}
