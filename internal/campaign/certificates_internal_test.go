package campaign

import (
	"testing"

	"github.com/vanban/vanban/internal/award"
	"github.com/vanban/vanban/internal/commendation"
)

// A danh hiệu's certificate names the danh hiệu and its period; it has no
// achievement to print ("Đã có thành tích xuất sắc " followed by nothing).
func TestAchievementLine(t *testing.T) {
	a := commendation.Awarded{Achievement: "trong phong trào thi đua năm 2025", Period: "năm 2025"}
	if got := achievementLine(award.Form{ShortName: "Chiến sĩ thi đua cơ sở", Title: true}, a); got != "Đạt danh hiệu “Chiến sĩ thi đua cơ sở” năm 2025" {
		t.Errorf("danh hiệu: %q", got)
	}
	if got := achievementLine(award.Form{ShortName: "Giấy khen"}, a); got != "Đã có thành tích xuất sắc trong phong trào thi đua năm 2025" {
		t.Errorf("Giấy khen: %q", got)
	}
}
