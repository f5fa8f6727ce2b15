package plan

import (
	"sync"

	"github.com/vanban/vanban/internal/letterhead"
)

// Schema returns the JSON Schema of the input, built on first use.
var Schema = sync.OnceValue(func() []byte {
	return letterhead.Schema(Kind, "Kế hoạch",
		"Dữ liệu của một Kế hoạch (NĐ 30/2020/NĐ-CP, Phụ lục III Mẫu 1.4): Quốc hiệu, Tiêu ngữ, tên cơ quan, số và ký hiệu, địa danh và ngày tháng, tên loại và trích yếu, nội dung, nơi nhận, chữ ký.",
		[]string{"summary", "body"},
		map[string]any{
			"summary": map[string]any{"type": "string", "minLength": 1, "maxLength": letterhead.MaxTitle, "description": "Trích yếu nội dung."},
			"body": map[string]any{"type": "string", "minLength": 1, "maxLength": letterhead.MaxBody,
				"description": "Nội dung: mỗi đoạn một dòng; nhận biết \"I.\" (mục), \"1.\" (khoản), \"a)\" (điểm), \"-\" (gạch đầu dòng); **đậm**, *nghiêng*."},
		})
})
