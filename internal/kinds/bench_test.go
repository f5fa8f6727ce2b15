package kinds

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/vanban/vanban/internal/docx"
	"github.com/vanban/vanban/internal/letterhead"
	"github.com/vanban/vanban/internal/pdf"
	"github.com/vanban/vanban/internal/typeset/typesettest"
)

// longQuyDinh is the example Quyết định with an attached Quy định of about
// 40 A4 pages: 8 chapters of 8 Điều, each with khoản, điểm, items and, every
// third Điều, a small table.
func longQuyDinh(t testing.TB) []byte {
	var b strings.Builder
	art := 1
	for ch := 1; ch <= 8; ch++ {
		fmt.Fprintf(&b, "Chương %s\nQUY ĐỊNH VỀ NỘI DUNG THỨ %d\n", roman(ch), ch)
		for i := 0; i < 8; i++ {
			fmt.Fprintf(&b, "Điều %d. Nội dung điều thứ %d\n", art, art)
			for k := 1; k <= 4; k++ {
				fmt.Fprintf(&b, "%d. Cơ quan, đơn vị có trách nhiệm tổ chức thực hiện công tác thi đua, khen thưởng theo đúng quy định của pháp luật, bảo đảm công khai, minh bạch, kịp thời và đúng đối tượng; định kỳ báo cáo kết quả về Sở Nội vụ để tổng hợp.\n", k)
			}
			b.WriteString("a) Đối với tập thể:\n- Hoàn thành xuất sắc nhiệm vụ được giao trong năm;\n+ Không có cá nhân bị kỷ luật từ hình thức cảnh cáo trở lên;\nb) Đối với cá nhân: hoàn thành tốt nhiệm vụ, chấp hành tốt chủ trương, chính sách của Đảng, pháp luật của Nhà nước.\n")
			if art%3 == 0 {
				b.WriteString("| STT | Hình thức | Tập thể | Cá nhân |\n|---|---|---|---|\n| 1 | Bằng khen | 3,0 lần | 1,5 lần |\n| 2 | Giấy khen | 0,6 lần | 0,3 lần |\n")
			}
			art++
		}
	}
	var m map[string]any
	if err := json.Unmarshal(example(t, "quyet-dinh.json"), &m); err != nil {
		t.Fatal(err)
	}
	m["attached"].(map[string]any)["body"] = b.String()
	out, _ := json.Marshal(m)
	return out
}

func roman(n int) string {
	return []string{"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"}[n]
}

func TestLongQuyDinhIsForty(t *testing.T) {
	fonts, err := pdf.LoadFonts()
	if err != nil {
		t.Fatal(err)
	}
	m := typesettest.Metrics()
	d, _, err := BuildQuyetDinh(longQuyDinh(t), letterhead.Env{Metrics: m})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := pdf.New(m, fonts).Render(&buf, d); err != nil {
		t.Fatal(err)
	}
	pages := bytes.Count(buf.Bytes(), []byte("/Type /Page")) - bytes.Count(buf.Bytes(), []byte("/Type /Pages"))
	if pages < 40 || pages > 48 {
		t.Errorf("the benchmark document has %d pages, want about 40", pages)
	}
}

// Speed targets (issue 12): a 40-page Quy định in at most 50 ms as PDF and
// 20 ms as DOCX, building the model included. Results in BENCHMARKS.md.
func BenchmarkQuyDinh40PagesPDF(b *testing.B) {
	fonts, err := pdf.LoadFonts()
	if err != nil {
		b.Fatal(err)
	}
	m := typesettest.Metrics()
	r := pdf.New(m, fonts)
	data := longQuyDinh(b)
	b.ReportAllocs()
	start := cpuTime()
	defer func() { b.ReportMetric(float64(cpuTime()-start)/float64(b.N)/1e6, "cpu-ms/op") }()
	for b.Loop() {
		d, _, err := BuildQuyetDinh(data, letterhead.Env{Metrics: m})
		if err != nil {
			b.Fatal(err)
		}
		if err := r.Render(io.Discard, d); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkQuyDinh40PagesDOCX(b *testing.B) {
	m := typesettest.Metrics()
	r := docx.New(typesettest.Metrics())
	data := longQuyDinh(b)
	b.ReportAllocs()
	start := cpuTime()
	defer func() { b.ReportMetric(float64(cpuTime()-start)/float64(b.N)/1e6, "cpu-ms/op") }()
	for b.Loop() {
		d, _, err := BuildQuyetDinh(data, letterhead.Env{Metrics: m})
		if err != nil {
			b.Fatal(err)
		}
		if err := r.Render(io.Discard, d); err != nil {
			b.Fatal(err)
		}
	}
}
