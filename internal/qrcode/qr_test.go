package qrcode

import (
	"fmt"
	"math"
	"math/rand/v2"
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

// TestMatchesReference checks the fast encoder against the straightforward
// one it replaced (reference_test.go): for every length at every level,
// with three kinds of content, the same version, the same penalty for each
// of the eight masks, the same mask chosen and the same modules. Across
// them every mask must be chosen at least once.
func TestMatchesReference(t *testing.T) {
	rnd := rand.New(rand.NewPCG(15, 9))
	maxLen := [4]int{271, 213, 151, 119}
	var chosen [8]int
	for level := Low; level <= High; level++ {
		for n := 0; n <= maxLen[level]; n++ {
			for kind := range 3 {
				data := make([]byte, n)
				for i := range data {
					switch kind {
					case 0: // any byte
						data[i] = byte(rnd.IntN(256))
					case 1: // a URL-like text
						data[i] = "abcdef0123456789-/:."[rnd.IntN(20)]
					default: // long runs
						data[i] = []byte{0, 0xFF, 0x55}[rnd.IntN(3)]
					}
				}
				want, err := refEncode(data, level, -1)
				if err != nil {
					t.Fatal(err)
				}
				got, err := encode(data, level, -1)
				if err != nil {
					t.Fatal(err)
				}
				if got.Version() != want.version {
					t.Fatalf("level %d len %d: version %d, want %d", level, n, got.Version(), want.version)
				}
				if s := scores(t, data, level); s != want.scores {
					t.Fatalf("level %d len %d kind %d: penalties %v, want %v", level, n, kind, s, want.scores)
				}
				if got.Mask() != want.mask || !equalBits(bitsOf(got), want.modules) {
					t.Fatalf("level %d len %d kind %d: mask %d, want %d, or other modules", level, n, kind, got.Mask(), want.mask)
				}
				chosen[got.Mask()]++
			}
		}
	}
	for m, k := range chosen {
		if k == 0 {
			t.Errorf("mask %d never chosen: %v", m, chosen)
		}
	}
	t.Logf("masks chosen: %v", chosen)
}

// scores is the fast penalty of each mask of data's symbol.
func scores(t *testing.T, data []byte, level Level) (s [8]int) {
	for m := range 8 {
		c, err := encode(data, level, m)
		if err != nil {
			t.Fatal(err)
		}
		var cols [maxSize]uint64
		for y := range c.size {
			for x := range c.size {
				if c.Dark(x, y) {
					cols[x] |= 1 << y
				}
			}
		}
		s[m] = penalty(&c.rows, &cols, c.size, math.MaxInt)
	}
	return s
}

// TestGenerators checks the generator polynomials made with the log tables
// against bitwise multiplication, and that no coefficient is zero (their
// logarithms are stored).
func TestGenerators(t *testing.T) {
	for n, g := range genLog {
		if g == nil {
			continue
		}
		div := make([]byte, n)
		div[n-1] = 1
		root := byte(1)
		for range n {
			for j := range n {
				div[j] = refGFMul(div[j], root)
				if j+1 < n {
					div[j] ^= div[j+1]
				}
			}
			root = refGFMul(root, 2)
		}
		for j, c := range div {
			if c == 0 || gfExp[g[j]] != c {
				t.Fatalf("degree %d coefficient %d: %d, want %d", n, j, gfExp[g[j]], c)
			}
		}
	}
	for a := range 256 {
		for b := range 256 {
			if gfMul(byte(a), byte(b)) != refGFMul(byte(a), byte(b)) {
				t.Fatalf("%d × %d", a, b)
			}
		}
	}
}

// TestEncodeAllocs: an encoding allocates only its Code.
func TestEncodeAllocs(t *testing.T) {
	Encode(benchURL, Medium) // prepares version 5's layout
	if n := testing.AllocsPerRun(100, func() { Encode(benchURL, Medium) }); n != 1 {
		t.Errorf("%v allocations per code, want 1", n)
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

// BenchmarkReference is the encoder this package started from, for a
// comparison in one run.
func BenchmarkReference(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := refEncode([]byte(benchURL), Medium, -1); err != nil {
			b.Fatal(err)
		}
	}
}
