package certificate

import (
	"strings"
	"testing"

	qrcode "github.com/skip2/go-qrcode"
)

// TestQRMatchesGoQRCode checks the encoder against github.com/skip2/go-qrcode:
// for every length up to version 10-M, go-qrcode's symbol (which may pick
// another mask by its own scoring) must equal ours under one of the eight
// masks — same version, data, error correction, layout and format bits.
// The text is lower-case letters only: go-qrcode switches digit runs to
// numeric mode, which changes the bits (both encodings are valid).
func TestQRMatchesGoQRCode(t *testing.T) {
	base := "https://vanban.svhttdl.laichau.gov.vn/v1/verify/c031020f-9720-46f7-a9be-f5488ace7209"
	letters := strings.Repeat("thidua-khenthuong.laichau/xacthuc?giaykhen=", 6)
	for n := 1; n <= 213; n++ {
		s := letters[:n]
		q, err := qrcode.New(s, qrcode.Medium)
		if err != nil {
			t.Fatal(err)
		}
		q.DisableBorder = true
		want := q.Bitmap()
		matched := false
		for m := 0; m < 8 && !matched; m++ {
			got, err := encodeQRMask([]byte(s), m)
			if err != nil {
				t.Fatalf("len %d: %v", n, err)
			}
			matched = equalBits(got, want)
		}
		if !matched {
			t.Fatalf("len %d (version %d): no mask reproduces go-qrcode's symbol", n, q.VersionNumber)
		}
	}
	if _, err := encodeQR(make([]byte, 300)); err == nil {
		t.Error("300 bytes must be too long for version 10-M")
	}
	got, err := encodeQR([]byte(base))
	if err != nil || len(got) != 37 { // 86 bytes → version 5 (37 × 37)
		t.Errorf("size %d, %v", len(got), err)
	}
}

func equalBits(a, b [][]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if len(a[i]) != len(b[i]) {
			return false
		}
		for j := range a[i] {
			if a[i][j] != b[i][j] {
				return false
			}
		}
	}
	return true
}

func BenchmarkQR(b *testing.B) {
	url := []byte("https://vanban.svhttdl.laichau.gov.vn/v1/verify/c031020f-9720-46f7-a9be-f5488ace7209")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := encodeQR(url); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkGoQRCode(b *testing.B) {
	url := "https://vanban.svhttdl.laichau.gov.vn/v1/verify/c031020f-9720-46f7-a9be-f5488ace7209"
	b.ReportAllocs()
	for b.Loop() {
		q, err := qrcode.New(url, qrcode.Medium)
		if err != nil {
			b.Fatal(err)
		}
		q.DisableBorder = true
		_ = q.Bitmap()
	}
}
