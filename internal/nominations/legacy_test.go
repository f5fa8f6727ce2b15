package nominations

import (
	"testing"

	"golang.org/x/text/encoding/charmap"
)

// cp1252 turns raw legacy bytes into the characters a spreadsheet stores
// for them.
func cp1252(b string) string {
	s, err := charmap.Windows1252.NewDecoder().String(b)
	if err != nil {
		panic(err)
	}
	return s
}

func TestLegacy(t *testing.T) {
	tests := []struct {
		name  string
		bytes string // raw bytes as typed with the legacy font
		font  string
		enc   Encoding
		want  string
	}{
		// TCVN3 (ABC), bytes from the table: ¶=0xB6 ả, ¾=0xBE ắ, ¬=0xAC ơ ...
		{"tcvn3 font", "B\xb6o Th\xbeng", ".VnTime", TCVN3, "Bảo Thắng"},
		{"tcvn3 no font", "M\xad\xeang Kh\xad\xacng", "", TCVN3, "Mường Khương"},
		{"tcvn3 agency", "S\xeb V\xa8n ho\xb8, Th\xd3 thao v\xb5 Du l\xdech", "Arial", TCVN3, "Sở Văn hoá, Thể thao và Du lịch"},
		{"tcvn3 name", "Nguy\xd4n Th\xde Thu\xfb", ".VnTime", TCVN3, "Nguyễn Thị Thuỷ"},
		{"tcvn3 capitals", "\xa7\xabi Ki\xd6m tra", ".VnTime", TCVN3, "Đôi Kiệm tra"},
		{"tcvn3 H font", "ph\xdfng v\xa8n ho\xb8", ".VnTimeH", TCVN3, "PHÒNG VĂN HOÁ"},
		{"tcvn3 all letters", "\xb8\xb5\xb6\xb7\xb9\xa8\xbe\xbb\xbc\xbd\xc6\xa9\xca\xc7\xc8\xc9\xcb\xd0\xcc\xce\xcf\xd1\xaa\xd5\xd2\xd3\xd4\xd6\xdd\xd7\xd8\xdc\xde\xe3\xdf\xe1\xe2\xe4\xab\xe8\xe5\xe6\xe7\xe9\xac\xed\xea\xeb\xec\xee\xf3\xef\xf1\xf2\xf4\xad\xf8\xf5\xf6\xf7\xf9\xfd\xfa\xfb\xfc\xfe\xae", ".VnTime", TCVN3,
			"áàảãạăắằẳẵặâấầẩẫậéèẻẽẹêếềểễệíìỉĩịóòỏõọôốồổỗộơớờởỡợúùủũụưứừửữựýỳỷỹỵđ"},
		// VNI-Windows: base letter + mark byte; ô (0xF4) is ơ, ö (0xF6) is ư, ñ (0xF1) is đ.
		{"vni font", "Nguye\xe3n Va\xean Hoa\xf8ng", "VNI-Times", VNI, "Nguyễn Văn Hoàng"},
		{"vni no font", "S\xf4\xfb Va\xean ho\xf9a", "", VNI, "Sở Văn hóa"},
		{"vni d", "\xd1o\xe0i Tr\xf6\xf4\xf8ng", "", VNI, "Đồi Trường"},
		{"vni caps", "NGUYE\xc3N VA\xcaN \xd1\xd6\xd9C", "VNI-Helve", VNI, "NGUYỄN VĂN ĐỨC"},
		// Unicode text that only uses Latin-1 letters is left alone.
		{"unicode latin1", "Hoà Bình", "", NoLegacy, "Hoà Bình"},
		{"unicode", "Nguyễn Văn Hùng", ".VnTime", NoLegacy, "Nguyễn Văn Hùng"},
		{"ascii", "Nguyen Van A", "", NoLegacy, "Nguyen Van A"},
	}
	for _, tt := range tests {
		in := tt.bytes
		if tt.enc != NoLegacy {
			in = cp1252(tt.bytes)
		}
		enc, caps := DetectLegacy(in, tt.font)
		if enc != tt.enc {
			t.Errorf("%s: DetectLegacy = %q, want %q", tt.name, enc, tt.enc)
			continue
		}
		if got := DecodeLegacy(in, enc, caps); got != tt.want {
			t.Errorf("%s: DecodeLegacy = %q, want %q", tt.name, got, tt.want)
		}
	}
}
