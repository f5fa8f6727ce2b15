package spreadsheet

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/vanban/vanban/internal/apperr"
)

// replacePart rebuilds testdata/nominations.xlsx with one part replaced, as
// an attacker would.
func replacePart(t testing.TB, part string, body func(w io.Writer)) []byte {
	t.Helper()
	return replaceParts(t, map[string]func(io.Writer){part: body})
}

func replaceParts(t testing.TB, parts map[string]func(w io.Writer)) []byte {
	t.Helper()
	src, err := os.ReadFile("../../testdata/nominations.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(src), int64(len(src)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		w, _ := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate})
		if body, ok := parts[f.Name]; ok {
			body(w)
			continue
		}
		rc, _ := f.Open()
		io.Copy(w, rc)
		rc.Close()
	}
	zw.Close()
	return buf.Bytes()
}

// Issue 10 item 1: what excelize would build is counted before it builds
// it. Before the count, a 195 KB file of 7.6 million empty shared strings
// took 2.6 GB and 20 s, and 18,491 × 256 numbers 728 MB.
func TestXLSXBombsCountedBeforeBuilt(t *testing.T) {
	cases := []struct {
		name, part, code string
		body             func(w io.Writer)
	}{
		{"empty shared strings", "xl/sharedStrings.xml", "too_many_strings", func(w io.Writer) {
			io.WriteString(w, `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
			si := []byte(strings.Repeat("<si><t/></si>", 1000))
			for range 2000 { // 2 million
				w.Write(si)
			}
			io.WriteString(w, `</sst>`)
		}},
		{"prefixed shared strings", "xl/sharedStrings.xml", "too_many_strings", func(w io.Writer) {
			io.WriteString(w, `<?xml version="1.0"?><x:sst xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
			si := []byte(strings.Repeat("<x:si><x:t/></x:si>", 1000))
			for range 200 {
				w.Write(si)
			}
			io.WriteString(w, `</x:sst>`)
		}},
		{"18,491 × 256 numbers", "xl/worksheets/sheet1.xml", "too_many_cells", func(w io.Writer) {
			io.WriteString(w, `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
			row := []byte("<row>" + strings.Repeat("<c><v>1</v></c>", 256) + "</row>")
			for range 18491 {
				w.Write(row)
			}
			io.WriteString(w, `</sheetData></worksheet>`)
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data := replacePart(t, c.part, c.body)
			if len(data) > 1<<20 {
				t.Fatalf("bomb is %d bytes", len(data))
			}
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			_, err := ReadXLSX(context.Background(), bytes.NewReader(data), int64(len(data)), Limits{})
			runtime.ReadMemStats(&after)
			if e := apperr.As(err); e.Kind != apperr.TooLarge || e.Code != c.code {
				t.Fatalf("err = %v, want %s", err, c.code)
			}
			if got := after.TotalAlloc - before.TotalAlloc; got > 16<<20 {
				t.Errorf("allocated %d MB before refusing", got>>20)
			}
		})
	}
	// The real list still reads.
	data, _ := os.ReadFile("../../testdata/nominations.xlsx")
	if _, err := ReadXLSX(context.Background(), bytes.NewReader(data), int64(len(data)), Limits{}); err != nil {
		t.Fatal(err)
	}
}

// largestAllowed is the largest workbook the default caps let through:
// 49,000 shared strings and 6,656 rows of 15 cells.
func largestAllowed(tb testing.TB) []byte {
	lim := DefaultLimits()
	return replaceParts(tb, map[string]func(io.Writer){"xl/sharedStrings.xml": func(w io.Writer) {
		io.WriteString(w, `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
		for i := range lim.MaxSharedStrings - 1000 {
			io.WriteString(w, "<si><t>Nguyễn Văn Thành viên số "+strings.Repeat("x", i%20)+" đơn vị Phòng Văn hóa huyện</t></si>")
		}
		io.WriteString(w, `</sst>`)
	}, "xl/worksheets/sheet1.xml": func(w io.Writer) {
		io.WriteString(w, `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
		for r := range lim.MaxCells/15 - 10 {
			io.WriteString(w, "<row>")
			for c := range 15 {
				if c%2 == 0 {
					io.WriteString(w, `<c t="s"><v>`+itoa((r*7+c)%(lim.MaxSharedStrings-1000))+`</v></c>`)
				} else {
					io.WriteString(w, `<c><v>`+itoa(r+c)+`</v></c>`)
				}
			}
			io.WriteString(w, "</row>")
		}
		io.WriteString(w, `</sheetData></worksheet>`)
	}})
}

// BenchmarkReadLargestAllowed reads the largest workbook the default caps
// let through (largestAllowed). It reports the CPU time of a read
// (cpu-ms/op: user + system of the process, steadier than wall time on a
// shared machine) and the peak heap above the idle heap during the read,
// sampled every 5 ms (MB-peak-heap). Bounded: -benchtime 3x reads it three
// times.
//
//	go test -run '^$' -bench ReadLargestAllowed -benchtime 3x ./internal/spreadsheet
func BenchmarkReadLargestAllowed(b *testing.B) {
	data := largestAllowed(b)
	var cpu time.Duration
	b.ReportAllocs()
	var peak float64
	for b.Loop() {
		runtime.GC()
		var base runtime.MemStats
		runtime.ReadMemStats(&base)
		stop := make(chan struct{})
		done := make(chan uint64)
		go func() { // samples the heap in use every 5 ms
			var m runtime.MemStats
			var max uint64
			for {
				runtime.ReadMemStats(&m)
				max = maxU(max, m.HeapInuse)
				select {
				case <-stop:
					done <- max
					return
				case <-time.After(5 * time.Millisecond):
				}
			}
		}()
		start := cpuTime()
		wb, err := ReadXLSX(context.Background(), bytes.NewReader(data), int64(len(data)), Limits{})
		cpu += cpuTime() - start
		if err != nil {
			b.Fatal(err)
		}
		close(stop)
		peak = float64(<-done-base.HeapInuse) / (1 << 20)
		runtime.KeepAlive(wb)
	}
	b.ReportMetric(peak, "MB-peak-heap")
	b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
	b.ReportMetric(float64(len(data))/(1<<20), "MB-file")
}

func maxU(a, b uint64) uint64 {
	if a > b {
		return a
	}
	return b
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}
