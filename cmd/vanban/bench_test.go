package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"syscall"
	"testing"
	"time"

	"github.com/vanban/vanban/internal/paperwork"
	"github.com/vanban/vanban/internal/registry"
)

// reportCPU reports the process's CPU time (user + system, GC included) per
// operation as "cpu-ms/op": on a machine shared with other work it is
// steadier than the wall time.
func reportCPU(b *testing.B) func() {
	start := cpuTime()
	return func() {
		if b.N > 0 {
			b.ReportMetric(float64((cpuTime()-start).Microseconds())/1000/float64(b.N), "cpu-ms/op")
		}
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// The whole path of one document: decode, validate, lay out, render.
func benchRender(b *testing.B, example string, f paperwork.Format) {
	a, err := newApp("", func(string) string { return "" })
	if err != nil {
		b.Fatal(err)
	}
	data, err := os.ReadFile("../../testdata/" + example)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		file, err := a.docs.Render(ctx, data, f)
		if err != nil {
			b.Fatal(err)
		}
		b.SetBytes(int64(len(file.Data)))
	}
}

func BenchmarkSeedKeHoachPDF(b *testing.B)  { benchRender(b, "ke-hoach-lai-chau.json", paperwork.PDF) }
func BenchmarkSeedKeHoachDOCX(b *testing.B) { benchRender(b, "ke-hoach-lai-chau.json", paperwork.DOCX) }
func BenchmarkToTrinhPDF(b *testing.B)      { benchRender(b, "to-trinh-khen-thuong.json", paperwork.PDF) }
func BenchmarkToTrinhDOCX(b *testing.B)     { benchRender(b, "to-trinh-khen-thuong.json", paperwork.DOCX) }
func BenchmarkQuyetDinhPDF(b *testing.B) {
	benchRender(b, "quyet-dinh-khen-thuong.json", paperwork.PDF)
}
func BenchmarkToTrinhShortPDF(b *testing.B) { benchRender(b, "to-trinh-ngan.json", paperwork.PDF) }

// A Tờ trình whose danh sách has 500 nominees.
func benchBigList(b *testing.B, rows int, f paperwork.Format) {
	a, err := newApp("", func(string) string { return "" })
	if err != nil {
		b.Fatal(err)
	}
	data := bigList(b, rows, true)
	ctx := context.Background()
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		if _, err := a.docs.Render(ctx, data, f); err != nil {
			b.Fatal(err)
		}
	}
}

// bigList is the example Tờ trình with rows nominees; numbered keeps the
// example's number (a render), else it is left out (issuing).
func bigList(b *testing.B, rows int, numbered bool) []byte {
	raw, _ := os.ReadFile("../../testdata/to-trinh-khen-thuong.json")
	var m map[string]any
	json.Unmarshal(raw, &m)
	var list []any
	for i := 0; i < rows; i++ {
		n := map[string]any{"kind": "ca-nhan", "name": fmt.Sprintf("Nguyễn Thị Hồng %03d", i), "gender": "nu",
			"position": "Chuyên viên", "unit": fmt.Sprintf("Phòng Nghiệp vụ %d, Sở Văn hóa, Thể thao và Du lịch", i%9),
			"summary": "Hoàn thành xuất sắc nhiệm vụ được giao năm 2025, có sáng kiến được áp dụng trong toàn ngành."}
		if i%5 == 0 {
			n = map[string]any{"kind": "tap-the", "name": fmt.Sprintf("Tổ Nghiệp vụ số %03d", i), "parentUnit": "Sở Văn hóa, Thể thao và Du lịch",
				"summary": "Hoàn thành xuất sắc nhiệm vụ được giao năm 2025."}
		}
		list = append(list, n)
	}
	m["nominations"] = list
	if !numbered {
		delete(m, "number")
	}
	data, err := json.Marshal(m)
	if err != nil {
		b.Fatal(err)
	}
	return data
}

func BenchmarkToTrinh500PDF(b *testing.B) { benchBigList(b, 500, paperwork.PDF) }

// The 200-row danh sách of issue 15's comparison with Carbone
// (bench/carbone renders the same rows from a DOCX template).
func BenchmarkToTrinh200PDF(b *testing.B)  { benchBigList(b, 200, paperwork.PDF) }
func BenchmarkToTrinh200DOCX(b *testing.B) { benchBigList(b, 200, paperwork.DOCX) }

func BenchmarkToTrinh500DOCX(b *testing.B) { benchBigList(b, 500, paperwork.DOCX) }

// issueSetup opens a register in a temporary directory and reads the
// one-page Tờ trình without its number.
func issueSetup(b *testing.B) (*app, *registry.Service, []byte) {
	a, err := newApp("", func(string) string { return "" })
	if err != nil {
		b.Fatal(err)
	}
	reg, closeReg, err := a.openRegistry(context.Background(), b.TempDir(), "")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(closeReg)
	raw, _ := os.ReadFile("../../testdata/to-trinh-ngan.json")
	var m map[string]any
	json.Unmarshal(raw, &m)
	delete(m, "number")
	data, _ := json.Marshal(m)
	return a, reg, data
}

// Issuing for real: validate, take the number, render the PDF and the DOCX
// with it, store both files (fsync) and commit the record, on SQLite.
func BenchmarkRegistryIssue(b *testing.B) {
	a, _, data := issueSetup(b)
	benchIssue(b, a, data)
}

func benchIssue(b *testing.B, a *app, data []byte) {
	ctx := context.Background()
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		if _, _, err := a.docs.Issue(ctx, data, paperwork.PDF); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
}

// Issuing the Tờ trình with a 200-row danh sách: the input is checked and
// the document laid out once (issue 15 item 6), so issuing costs about one
// render plus the register's write.
func BenchmarkRegistryIssue200(b *testing.B) {
	a, _, _ := issueSetup(b)
	benchIssue(b, a, bigList(b, 200, false))
}

// The same with 4 issuers at once (several văn thư, or requests to the
// service): the series is held only while one document is numbered,
// rendered, stored and recorded.
func BenchmarkRegistryIssueParallel(b *testing.B) {
	a, _, data := issueSetup(b)
	ctx := context.Background()
	b.SetParallelism(2) // 2 × GOMAXPROCS (2) = 4 issuers
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, _, err := a.docs.Issue(ctx, data, paperwork.PDF); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
}
