package nominations

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/vanban/vanban/internal/spreadsheet"
)

// exampleHeader and exampleRows are the repository's example danh sách:
// 03 tập thể and 05 cá nhân of the Sở Văn hóa, Thể thao và Du lịch tỉnh Lai
// Châu proposed for the Giấy khen of the Giám đốc Sở and the Bằng khen of the
// Chủ tịch UBND tỉnh.
var exampleHeader = []string{"STT", "Họ và tên", "Giới tính", "Năm sinh", "Chức vụ", "Đơn vị công tác", "Tóm tắt thành tích", "Hình thức khen thưởng", "Ghi chú"}

var exampleRows = [][]string{
	{"I. TẬP THỂ"},
	{"1", "Phòng Quản lý văn hóa", "", "", "", "Sở Văn hóa, Thể thao và Du lịch", "Hoàn thành xuất sắc nhiệm vụ năm 2025; tham mưu tổ chức thành công Ngày hội văn hóa các dân tộc tỉnh", "Bằng khen của Chủ tịch UBND tỉnh", ""},
	{"2", "Trung tâm Văn hóa - Điện ảnh tỉnh", "", "", "", "Sở Văn hóa, Thể thao và Du lịch", "Tổ chức 120 buổi chiếu phim lưu động phục vụ đồng bào vùng cao", "Giấy khen của Giám đốc Sở", ""},
	{"3", "Đội Thông tin lưu động", "", "", "", "Trung tâm Văn hóa - Điện ảnh tỉnh", "Hoàn thành xuất sắc nhiệm vụ tuyên truyền lưu động năm 2025", "Giấy khen của Giám đốc Sở", ""},
	{"II. CÁ NHÂN"},
	{"1", "Nguyễn Văn Hùng", "Nam", "1978", "Trưởng phòng Quản lý văn hóa", "Sở Văn hóa, Thể thao và Du lịch", "Hoàn thành xuất sắc nhiệm vụ; chủ trì xây dựng Kế hoạch bảo tồn văn hóa các dân tộc", "Bằng khen của Chủ tịch UBND tỉnh", ""},
	{"2", "Lò Thị Hương", "Nữ", "1985", "Phó Giám đốc", "Trung tâm Văn hóa - Điện ảnh tỉnh", "Hoàn thành xuất sắc nhiệm vụ năm 2025", "Giấy khen của Giám đốc Sở", ""},
	{"3", "Tòng Văn Đức", "Nam", "1990", "Chuyên viên", "Phòng Quản lý văn hóa", "Hoàn thành tốt nhiệm vụ; có sáng kiến số hóa tư liệu", "Giấy khen của Giám đốc Sở", ""},
	{"4", "Giàng Thị Mỷ", "Nữ", "1992", "Diễn viên", "Đoàn Nghệ thuật tỉnh", "Đạt Huy chương Vàng Liên hoan nghệ thuật quần chúng", "Giấy khen của Giám đốc Sở", ""},
	{"5", "Vàng A Sử", "Nam", "1988", "Thủ thư", "Thư viện tỉnh", "Hoàn thành tốt nhiệm vụ; phục vụ 30 đợt luân chuyển sách", "Giấy khen của Giám đốc Sở", ""},
}

func writeExamples(t *testing.T, dir string) {
	t.Helper()
	const lastCol = "I"
	var cells []spreadsheet.CellSpec
	put := func(ref string, v string, bold bool) {
		if v != "" {
			cells = append(cells, spreadsheet.CellSpec{Ref: ref, Value: v, Font: "Times New Roman", Bold: bold})
		}
	}
	put("A1", "UBND TỈNH LAI CHÂU", false)
	put("A2", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", true)
	put("A4", "DANH SÁCH", true)
	put("A5", "Đề nghị khen thưởng năm 2025", true)
	merges := []string{"A4:" + lastCol + "4", "A5:" + lastCol + "5"}
	for c, h := range exampleHeader {
		put(fmt.Sprintf("%s7", spreadsheet.ColumnName(c+1)), h, true)
	}
	row := 8
	for _, r := range exampleRows {
		if len(r) == 1 {
			put(fmt.Sprintf("A%d", row), r[0], true)
			merges = append(merges, fmt.Sprintf("A%d:%s%d", row, lastCol, row))
		} else {
			for c, v := range r {
				put(fmt.Sprintf("%s%d", spreadsheet.ColumnName(c+1), row), v, false)
			}
		}
		row++
	}
	var x bytes.Buffer
	if err := spreadsheet.WriteWorkbook(&x, []spreadsheet.SheetSpec{{
		Name: "Danh sách", Cells: cells, Merges: merges,
		Widths: map[string]float64{"A": 6, "B": 28, "C": 9, "D": 9, "E": 26, "F": 32, "G": 50, "H": 34, "I": 10},
	}}); err != nil {
		t.Fatal(err)
	}
	var c bytes.Buffer
	c.Write([]byte{0xEF, 0xBB, 0xBF}) // Excel's "CSV UTF-8"
	w := csv.NewWriter(&c)
	w.UseCRLF = true
	_ = w.Write(exampleHeader)
	for _, r := range exampleRows {
		rec := make([]string, len(exampleHeader))
		copy(rec, r)
		_ = w.Write(rec)
	}
	w.Flush()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{"nominations.xlsx": x.Bytes(), "nominations.csv": c.Bytes()} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
