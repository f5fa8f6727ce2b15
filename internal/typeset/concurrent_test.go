package typeset

import (
	"sync"
	"testing"
)

// The lock-free width pages give the same answers to goroutines measuring
// at once as to one measuring alone, and coverage agrees with the faces
// (run with -race).
func TestConcurrentWidthsAndCoverage(t *testing.T) {
	text := "Nguyễn Thị Ánh Tuyết – Đắk Lắk “Điều 1.” Ωж € № 😀 \u0301"
	serial, err := New()
	if err != nil {
		t.Fatal(err)
	}
	var want [4]float64
	for i := range want {
		want[i] = serial.WidthPt(text, Style{Bold: i&1 != 0, Italic: i&2 != 0}, 13)
	}
	shared, err := New()
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range want {
				if got := shared.WidthPt(text, Style{Bold: i&1 != 0, Italic: i&2 != 0}, 13); got != want[i] {
					errs <- "width differs"
				}
			}
			for _, r := range text {
				if Covered(r) != (r < 0x10000 && r != 0x1F600 && shared.Has(Style{}, r) && shared.Has(Style{Bold: true, Italic: true}, r) && shared.Has(Style{Bold: true}, r) && shared.Has(Style{Italic: true}, r)) {
					errs <- "coverage differs for " + string(r)
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
