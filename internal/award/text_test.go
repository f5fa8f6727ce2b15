package award

import (
	"strings"
	"testing"
)

func TestWords(t *testing.T) {
	tests := []struct {
		n    int64
		want string
	}{
		{0, "không"},
		{1, "một"},
		{5, "năm"},
		{10, "mười"},
		{11, "mười một"},
		{14, "mười bốn"},
		{15, "mười lăm"},
		{20, "hai mươi"},
		{21, "hai mươi mốt"},
		{25, "hai mươi lăm"},
		{55, "năm mươi lăm"},
		{99, "chín mươi chín"},
		{100, "một trăm"},
		{101, "một trăm linh một"},
		{105, "một trăm linh năm"},
		{110, "một trăm mười"},
		{111, "một trăm mười một"},
		{115, "một trăm mười lăm"},
		{121, "một trăm hai mươi mốt"},
		{1000, "một nghìn"},
		{1001, "một nghìn không trăm linh một"},
		{1010, "một nghìn không trăm mười"},
		{1100, "một nghìn một trăm"},
		{1_005_000, "một triệu không trăm linh năm nghìn"},
		{1_000_005, "một triệu không trăm linh năm"},
		{2_340_000, "hai triệu ba trăm bốn mươi nghìn"},
		{7_020_000, "bảy triệu không trăm hai mươi nghìn"},
		{15_210_000, "mười lăm triệu hai trăm mười nghìn"},
		{1_000_000_000, "một tỷ"},
		{1_000_000_001, "một tỷ không trăm linh một"},
		{2_500_000_000, "hai tỷ năm trăm triệu"},
		{21_000_050_000, "hai mươi mốt tỷ không trăm năm mươi nghìn"},
		{999_999_999_999, "chín trăm chín mươi chín tỷ chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn chín trăm chín mươi chín"},
		{1_000_000_000_000, "một nghìn tỷ"},
		{-25, "âm hai mươi lăm"},
	}
	for _, tt := range tests {
		if got := Words(tt.n); got != tt.want {
			t.Errorf("Words(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

func TestAmountInWords(t *testing.T) {
	if got, want := AmountInWords(2_340_000), "Hai triệu ba trăm bốn mươi nghìn đồng"; got != want {
		t.Errorf("AmountInWords = %q, want %q", got, want)
	}
}

func TestMoney(t *testing.T) {
	tests := map[int64]string{0: "0", 999: "999", 1000: "1.000", 2_340_000: "2.340.000", 999_999_999_999: "999.999.999.999", -1_500: "-1.500"}
	for n, want := range tests {
		if got := Money(n); got != want {
			t.Errorf("Money(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestCounts(t *testing.T) {
	mk := func(c, i int) []Nomination {
		var l []Nomination
		for range c {
			l = append(l, Nomination{Kind: Collective})
		}
		for range i {
			l = append(l, Nomination{Kind: Individual})
		}
		return l
	}
	tests := []struct {
		c, i int
		opts CountOptions
		want string
	}{
		{3, 5, CountOptions{}, "03 tập thể và 05 cá nhân"},
		{0, 5, CountOptions{}, "05 cá nhân"},
		{3, 0, CountOptions{}, "03 tập thể"},
		{12, 9, CountOptions{}, "12 tập thể và 09 cá nhân"},
		{3, 5, CountOptions{Unpadded: true}, "3 tập thể và 5 cá nhân"},
		{3, 15, CountOptions{IndividualsFirst: true}, "15 cá nhân và 03 tập thể"},
		{0, 0, CountOptions{}, ""},
	}
	for _, tt := range tests {
		if got := Counts(mk(tt.c, tt.i), tt.opts); got != tt.want {
			t.Errorf("Counts(%d, %d, %+v) = %q, want %q", tt.c, tt.i, tt.opts, got, tt.want)
		}
	}
}

func TestSortVietnamese(t *testing.T) {
	names := []string{
		"Trần Văn Ước",
		"Nguyễn Thị Ơn",
		"Lê Văn Đức",
		"Phạm Văn Dũng",
		"Hoàng Thị Ánh",
		"Vũ Văn An",
		"Nguyễn Văn An",
		"Bùi Thị Uyên",
		"Đặng Văn Ưng",
		"Lò Thị Ân",
		"Lê Thị Ăn",
		"Đỗ Văn Á",
		"Ngô Thị Ạ",
		"Hà Văn Ả",
		"Mai Văn Ôn",
		"Trịnh Văn Oanh",
	}
	var list []Nomination
	for _, n := range names {
		list = append(list, Nomination{Kind: Individual, Name: n})
	}
	list = append(list, Nomination{Kind: Collective, Name: "Phòng Quản lý văn hóa"}, Nomination{Kind: Collective, Name: "Đội Kiểm tra"}, Nomination{Kind: Collective, Name: "Ban Tổ chức"})
	SortVietnamese(list)
	var got []string
	for _, n := range list {
		got = append(got, n.Name)
	}
	want := []string{
		"Ban Tổ chức", "Đội Kiểm tra", "Phòng Quản lý văn hóa",
		// Given name first. "A" with a tone sorts before "An" (shorter
		// first); tones: ả < á < ạ; then ă, â, d, đ, o, ô, ơ, u, ư.
		"Hà Văn Ả", "Đỗ Văn Á", "Ngô Thị Ạ",
		"Nguyễn Văn An", "Vũ Văn An", // same given and middle name: by family name
		"Hoàng Thị Ánh",
		"Lê Thị Ăn", "Lò Thị Ân",
		"Phạm Văn Dũng", "Lê Văn Đức",
		"Trịnh Văn Oanh", "Mai Văn Ôn", "Nguyễn Thị Ơn",
		"Bùi Thị Uyên", "Đặng Văn Ưng", "Trần Văn Ước",
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("order:\n got  %q\n want %q", got, want)
	}
}

func TestSortVietnameseStableAndGivenName(t *testing.T) {
	list := []Nomination{
		// Ê Đê name, family name last: without GivenName it would sort
		// under "Ayun", before "Bình".
		{Kind: Individual, Name: "H'Hoa Ayun", GivenName: "H'Hoa"},
		{Kind: Individual, Name: "Nguyễn Văn Bình", Note: "first"},
		{Kind: Individual, Name: "Nguyễn  Văn Bình", Note: "second"},
		{Kind: Individual, Name: "Trần Văn Cường"},
	}
	SortVietnamese(list)
	var got []string
	for _, n := range list {
		got = append(got, n.Name+"/"+n.Note)
	}
	want := []string{"Nguyễn Văn Bình/first", "Nguyễn  Văn Bình/second", "Trần Văn Cường/", "H'Hoa Ayun/"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("order:\n got  %q\n want %q", got, want)
	}
}

func TestHonorific(t *testing.T) {
	tests := []struct {
		n    Nomination
		want string
	}{
		{Nomination{Kind: Individual, Name: "Nguyễn Thị Văn", Gender: Male}, "Ông Nguyễn Thị Văn"},
		{Nomination{Kind: Individual, Name: "Trần Văn Thị", Gender: Female}, "Bà Trần Văn Thị"},
		{Nomination{Kind: Individual, Name: "Lò Thị Bình"}, "Lò Thị Bình"}, // gender not stored: never guessed
		{Nomination{Kind: Collective, Name: "Phòng Văn hóa", Gender: Male}, "Phòng Văn hóa"},
	}
	for _, tt := range tests {
		if got := tt.n.DisplayName(); got != tt.want {
			t.Errorf("DisplayName(%+v) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

func TestUpperRoundTrip(t *testing.T) {
	// Spec §8.5: strings.ToUpper/ToLower round-trip every Vietnamese letter.
	lower := "aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứựvxyỳỷỹýỵ"
	if got := strings.ToLower(strings.ToUpper(lower)); got != lower {
		t.Errorf("round trip = %q", got)
	}
}
