package qrcode

import (
	"fmt"
	"strings"
	"testing"

	goqr "github.com/skip2/go-qrcode"
)

var goLevels = [4]goqr.RecoveryLevel{goqr.Low, goqr.Medium, goqr.High, goqr.Highest}

// goSymbol is go-qrcode's symbol of s at level, without the quiet zone.
func goSymbol(t testing.TB, s string, level Level) [][]bool {
	t.Helper()
	q, err := goqr.New(s, goLevels[level])
	if err != nil {
		t.Fatal(err)
	}
	q.DisableBorder = true
	return q.Bitmap()
}

// formatOf reads the level bits and the mask from the format information
// next to the top-left finder of a symbol.
func formatOf(m [][]bool) (levelBits, mask int) {
	at := func(x, y int) int {
		if m[y][x] {
			return 1
		}
		return 0
	}
	var b int
	for i := 0; i <= 5; i++ {
		b |= at(8, i) << i
	}
	b |= at(8, 7)<<6 | at(8, 8)<<7 | at(7, 8)<<8
	for i := 9; i < 15; i++ {
		b |= at(14-i, 8) << i
	}
	d := (b ^ 0x5412) >> 10
	return d >> 3, d & 7
}

func bitsOf(c *Code) [][]bool {
	m := make([][]bool, c.Size())
	for y := range m {
		m[y] = make([]bool, c.Size())
		for x := range m[y] {
			m[y][x] = c.Dark(x, y)
		}
	}
	return m
}

// TestMatchesGoQRCode checks the encoder against github.com/skip2/go-qrcode:
// for every length up to version 10 at each level, our symbol under the
// mask go-qrcode chose (it scores masks its own way) must equal go-qrcode's
// module for module — same version, data, error correction, layout and
// format bits. The text is lower-case letters only: go-qrcode switches
// digit runs to numeric mode, which changes the bits (both are valid).
func TestMatchesGoQRCode(t *testing.T) {
	letters := strings.Repeat("thidua-khenthuong.laichau/xacthuc?giaykhen=", 7)
	maxLen := [4]int{271, 213, 151, 119}
	for level := Low; level <= High; level++ {
		for n := 1; n <= maxLen[level]; n++ {
			s := letters[:n]
			want := goSymbol(t, s, level)
			lb, mask := formatOf(want)
			if lb != qrFormatBits[level] {
				t.Fatalf("level %d len %d: go-qrcode's level bits %b", level, n, lb)
			}
			got, err := encode([]byte(s), level, mask)
			if err != nil {
				t.Fatalf("level %d len %d: %v", level, n, err)
			}
			if !equalBits(bitsOf(got), want) {
				t.Fatalf("level %d len %d (version %d, mask %d): not go-qrcode's symbol", level, n, got.Version(), mask)
			}
		}
		if _, err := Encode(letters[:maxLen[level]+1], level); err != ErrTooLong {
			t.Errorf("level %d: %d bytes: %v, want ErrTooLong", level, maxLen[level]+1, err)
		}
	}
}

func TestVerificationURL(t *testing.T) {
	c, err := Encode("https://vanban.svhttdl.laichau.gov.vn/v1/verify/c031020f-9720-46f7-a9be-f5488ace7209", Medium)
	if err != nil || c.Size() != 37 || c.Version() != 5 { // 86 bytes → version 5 (37 × 37)
		t.Fatalf("%v: %v", c, err)
	}
	if _, err := Encode("x", Level(7)); err == nil {
		t.Error("level 7 accepted")
	}
}

func equalBits(a, b [][]bool) bool {
	return fmt.Sprint(a) == fmt.Sprint(b)
}

const benchURL = "https://vanban.svhttdl.laichau.gov.vn/v1/verify/c031020f-9720-46f7-a9be-f5488ace7209"

func BenchmarkEncode(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Encode(benchURL, Medium); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkGoQRCode(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		q, err := goqr.New(benchURL, goqr.Medium)
		if err != nil {
			b.Fatal(err)
		}
		q.DisableBorder = true
		_ = q.Bitmap()
	}
}
