package nominations

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/spreadsheet"
)

// list5000 is a 5,000-row danh sách: two section rows and 4,998 nominees.
func list5000(tb testing.TB) []byte { return list(tb, 998, 4000) }

// list is a danh sách of collectives and individuals with two section rows.
func list(tb testing.TB, collectives, individuals int) []byte {
	header := []string{"STT", "Họ và tên", "Giới tính", "Năm sinh", "Chức vụ", "Đơn vị công tác", "Tóm tắt thành tích", "Hình thức khen thưởng", "Ghi chú"}
	rows := [][]string{{"I. TẬP THỂ"}}
	for i := range collectives {
		rows = append(rows, []string{fmt.Sprint(i + 1), fmt.Sprintf("Phòng Nghiệp vụ số %d", i+1), "", "", "", "Sở Văn hóa, Thể thao và Du lịch", "Hoàn thành xuất sắc nhiệm vụ năm 2025", "Giấy khen của Giám đốc Sở", ""})
	}
	rows = append(rows, []string{"II. CÁ NHÂN"})
	families := []string{"Nguyễn", "Lò", "Tòng", "Vàng", "Hà", "Đặng", "Trần", "Lê"}
	for i := range individuals {
		g := []string{"Nam", "Nữ"}[i%2]
		rows = append(rows, []string{fmt.Sprint(i + 1), fmt.Sprintf("%s Văn Người %d", families[i%len(families)], i), g, fmt.Sprint(1970 + i%30), "Chuyên viên", fmt.Sprintf("Phòng %d", i%40), "Hoàn thành tốt nhiệm vụ", "Giấy khen của Giám đốc Sở", ""})
	}
	var buf bytes.Buffer
	if err := spreadsheet.WriteTable(&buf, "Danh sách", header, rows, spreadsheet.TableOptions{}); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func TestImport5000(t *testing.T) {
	data := list5000(t)
	res, err := Import(context.Background(), bytes.NewReader(data), "big.xlsx", int64(len(data)), Options{Catalogue: catalogue(t)})
	if err != nil {
		t.Fatal(err)
	}
	checkAccounting(t, res.Report)
	if len(res.Nominations) != 4998 || res.Report.Errors != 0 || res.Report.Sections != 2 {
		t.Errorf("imported %d, report %+v", len(res.Nominations), res.Report)
	}
}

// BenchmarkImportXLSX imports XLSX lists of 1,000 and 5,000 rows (target
// for 5,000: ≤ 1 s); B/op grows linearly with the rows.
func BenchmarkImportXLSX(b *testing.B) {
	cat := catalogue(b)
	for _, size := range []struct{ rows, collectives, individuals int }{{1000, 198, 800}, {5000, 998, 4000}} {
		b.Run(fmt.Sprintf("rows=%d", size.rows), func(b *testing.B) {
			data := list(b, size.collectives, size.individuals)
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				res, err := Import(context.Background(), bytes.NewReader(data), "big.xlsx", int64(len(data)), Options{Catalogue: cat})
				if err != nil || len(res.Nominations) != size.rows-2 {
					b.Fatal(err)
				}
			}
		})
	}
}

// FuzzImportCSV feeds arbitrary bytes to the CSV import: it must never panic,
// and every failure must be an apperr with a Vietnamese message.
func FuzzImportCSV(f *testing.F) {
	f.Add([]byte("\ufeffSTT;Họ và tên;Giới tính;Đơn vị\n1;Nguyễn Văn A;Nam;Phòng B\n"))
	f.Add([]byte("STT,Tên tập thể/cá nhân,Chức vụ, đơn vị công tác\nI. TẬP THỂ\n1,Phòng A,Sở B\nII. CÁ NHÂN\n1,Lò Thị C,\"Chuyên viên, Phòng A\"\n"))
	f.Add([]byte("sep=;\nHọ tên;Nữ\nM\xad\xeang;x\n"))
	f.Add([]byte("\xff\xfeS\x00T\x00T\x00"))
	f.Add([]byte("\"unterminated,\n\"\"\n"))
	cat := catalogue(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := Import(context.Background(), bytes.NewReader(data), "fuzz.csv", int64(len(data)), Options{Catalogue: cat, Limits: spreadsheet.Limits{MaxRows: 500}})
		if err != nil {
			ae := apperr.As(err)
			if ae.Kind == apperr.Internal || ae.Detail == "" {
				t.Fatalf("unexpected error: %v", err)
			}
			return
		}
		r := res.Report
		if r.Rows != r.Imported+r.SkippedEmpty+r.Sections+r.SkippedOther {
			t.Fatalf("rows do not add up: %+v", r)
		}
	})
}

// An import whose caller has gone stops with the context's error instead of
// reading the list (issue 10 item 1).
func TestImportStopsWhenCancelled(t *testing.T) {
	data := list5000(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res, err := Import(ctx, bytes.NewReader(data), "big.xlsx", int64(len(data)), Options{Catalogue: catalogue(t)})
	if res != nil || !errors.Is(err, context.Canceled) || apperr.As(err).Code != "cancelled" {
		t.Fatalf("cancelled import: %v %v", res, err)
	}
}
