package campaign

import (
	"bytes"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/award"
	"github.com/vanban/vanban/internal/spreadsheet"
)

// TemplateColumns are the columns of the nomination template, as the
// importer reads them.
var TemplateColumns = []string{"STT", "Họ và tên / Tên tập thể", "Giới tính", "Năm sinh", "Chức vụ",
	"Đơn vị công tác / Đơn vị cấp trên", "Tóm tắt thành tích", "Hình thức khen thưởng", "Ghi chú"}

// TemplateXLSX is the Excel template the units fill: the expected columns, a
// Giới tính column, the award forms of the catalogue as a drop-down list, the
// I. TẬP THỂ / II. CÁ NHÂN sections and one example row in each.
func TemplateXLSX(cat *award.Catalogue) ([]byte, error) {
	var forms []string
	for _, f := range cat.Forms {
		forms = append(forms, f.Name)
	}
	rows := [][]string{
		{"I. TẬP THỂ"},
		{"1", "Phòng Quản lý văn hóa", "", "", "", "Sở Văn hóa, Thể thao và Du lịch", "Hoàn thành xuất sắc nhiệm vụ năm …", cat.Forms[0].Name, ""},
		{"II. CÁ NHÂN"},
		{"1", "Nguyễn Văn An", "Nam", "1980", "Trưởng phòng", "Phòng Quản lý văn hóa", "Hoàn thành xuất sắc nhiệm vụ năm …", cat.Forms[0].Name, ""},
	}
	var buf bytes.Buffer
	err := spreadsheet.WriteTable(&buf, "Danh sách đề nghị", TemplateColumns, rows, spreadsheet.TableOptions{
		Widths: []float64{6, 32, 10, 9, 22, 32, 48, 40, 16},
		Lists:  map[int][]string{2: {"Nam", "Nữ"}, 7: forms},
	})
	if err != nil {
		return nil, apperr.Wrap(err, "nomination template")
	}
	return buf.Bytes(), nil
}
