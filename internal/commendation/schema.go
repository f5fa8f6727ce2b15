package commendation

import (
	"sync"

	"github.com/vanban/vanban/internal/letterhead"
)

func str(desc string, max int) map[string]any {
	return map[string]any{"type": "string", "maxLength": max, "description": desc}
}

var nominationSchema = map[string]any{
	"type":                 "object",
	"additionalProperties": false,
	"required":             []string{"kind", "name"},
	"properties": map[string]any{
		"kind":       map[string]any{"enum": []string{"tap-the", "ca-nhan"}, "description": "Tập thể hoặc cá nhân."},
		"name":       str("Tên tập thể, hoặc họ và tên cá nhân.", 200),
		"givenName":  str("Tên (khi tên không phải là từ cuối của họ tên, ví dụ H'Hen Niê).", 100),
		"gender":     map[string]any{"enum": []string{"", "nam", "nu"}, "description": "Giới tính của cá nhân (để ghi Ông/Bà); không bao giờ suy ra từ tên đệm."},
		"birthYear":  map[string]any{"type": "integer", "minimum": 1900, "maximum": 2100},
		"position":   str("Chức vụ.", 300),
		"unit":       str("Đơn vị công tác của cá nhân.", 300),
		"parentUnit": str("Đơn vị cấp trên của tập thể.", 300),
		"awardForm":  str("Mã hình thức khen thưởng trong danh mục; để trống = hình thức của văn bản. Một quyết định có thể gồm nhiều hình thức do cùng một cấp quyết định (danh hiệu và Giấy khen của Giám đốc Sở).", 100),
		"summary":    str("Tóm tắt thành tích.", 2000),
		"criterion":  str("Tiêu chí của kế hoạch mà tập thể, cá nhân đạt.", 300),
		"note":       str("Ghi chú.", 300),
		"source": map[string]any{"type": "object", "description": "Vị trí trong tệp Excel/CSV đã nhập.",
			"properties": map[string]any{"sheet": map[string]any{"type": "string"}, "row": map[string]any{"type": "integer"}}},
	},
}

var commonOwn = map[string]any{
	"awardForm": str("Mã hình thức khen thưởng (xem GET /v1/award-forms): bang-khen-chu-tich-ubnd-tinh, giay-khen-giam-doc-so, lao-dong-tien-tien…; bắt buộc trừ khi ghi customForm.", 100),
	"customForm": map[string]any{"type": "object", "additionalProperties": false, "required": []string{"name"},
		"description": "Hình thức khen thưởng không có trong danh mục (Thư khen, Khen thưởng đột xuất, hình thức của địa phương), thay cho awardForm: văn bản dùng lời văn đã ghi, không tự thêm căn cứ của danh mục (trừ khi catalogueBases là keep), không có tiền thưởng nếu không ghi cash; có cảnh báo.",
		"properties": map[string]any{
			"name":      str("Tên hình thức như văn bản ghi, ví dụ \"Thư khen của Giám đốc Sở\", \"Khen thưởng đột xuất\".", letterhead.MaxLine),
			"shortName": str("Tên ngắn (\"Thư khen\") trong câu về tiền thưởng; mặc định bằng name.", letterhead.MaxLine),
			"action":    str("Hành động như câu văn viết, chữ thường: \"khen thưởng đột xuất\"; mặc định \"tặng \" + name, hoặc chính name khi name bắt đầu bằng Khen thưởng, Công nhận, Biểu dương, Tuyên dương.", letterhead.MaxLine),
			"awardedBy": str("Người quyết định (Tờ trình: \"đề nghị … tặng\"); mặc định nơi gửi đầu tiên (Tờ trình) hoặc dòng thẩm quyền (Quyết định).", letterhead.MaxLine),
			"title":     map[string]any{"type": "boolean", "description": "Là danh hiệu: \"công nhận danh hiệu “name” năm …\"."},
			"cash": map[string]any{"type": "object", "additionalProperties": false, "description": "Tiền thưởng, theo hệ số của mức lương cơ sở (baseSalary).",
				"properties": map[string]any{
					"collective": map[string]any{"type": "number", "minimum": 0, "maximum": 100},
					"individual": map[string]any{"type": "number", "minimum": 0, "maximum": 100},
				}},
		}},
	"achievement": str("Phần sau \"đã có thành tích xuất sắc …\", ví dụ \"trong phong trào thi đua …\"; không cần khi mọi hình thức là danh hiệu.", letterhead.MaxTitle),
	"period":      str("Thời gian của danh hiệu thi đua: \"năm 2025\", \"năm học 2024 - 2025\"; mặc định năm của văn bản.", 100),
	"summary":     str("Trích yếu; để trống thì lấy theo mẫu lời văn.", letterhead.MaxTitle),
	"plan": map[string]any{"type": "object", "additionalProperties": false, "required": []string{"number", "symbol", "date", "issuer"},
		"description": "Kế hoạch phát động phong trào thi đua (được trích dẫn trong căn cứ).",
		"properties": map[string]any{
			"number":      map[string]any{"type": "integer", "minimum": 1},
			"numberWidth": map[string]any{"type": "integer", "minimum": 1, "maximum": 6, "description": "Số chữ số của số kế hoạch như sổ đã cấp (3: \"007\"); mặc định 2."},
			"symbol":      str("Ký hiệu, ví dụ KH-SVHTTDL.", 60),
			"date":        map[string]any{"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
			"issuer":      str("Cơ quan ban hành kế hoạch.", 300),
			"summary":     str("Trích yếu của kế hoạch.", letterhead.MaxTitle),
			"criteria": map[string]any{"type": "array", "items": map[string]any{"type": "object", "additionalProperties": false,
				"required": []string{"id", "text"}, "properties": map[string]any{"id": map[string]any{"type": "string"}, "text": map[string]any{"type": "string"}}}},
		}},
	"legalBases": map[string]any{"type": "array", "maxItems": letterhead.MaxItems, "items": str("Căn cứ bổ sung (không cần chữ \"Căn cứ\").", letterhead.MaxTitle)},
	"baseSalary": map[string]any{"type": "integer", "minimum": 0, "maximum": 1000000000, "description": "Mức lương cơ sở (đồng) để tính tổng tiền thưởng."},
	"nominations": map[string]any{"type": "array", "maxItems": MaxNominations, "items": nominationSchema,
		"description": "Danh sách đề nghị; có thể để trống khi wording.counts ghi số lượng và danh sách gửi thành tệp riêng."},
	"wording": map[string]any{"type": "object", "additionalProperties": false,
		"description": "Lời văn của cán bộ: phần nào ghi thì thay phần lời văn tự sinh tương ứng.",
		"properties": map[string]any{
			"request":    map[string]any{"type": "array", "items": str("Đoạn đề nghị của Tờ trình.", letterhead.MaxTitle)},
			"attachment": str("Thay \"(Có danh sách kèm theo)\"; chuỗi rỗng để bỏ.", letterhead.MaxLine),
			"closing":    str("Đoạn kết của Tờ trình.", letterhead.MaxTitle),
			"articles":   map[string]any{"type": "array", "maxItems": 20, "items": str("Nội dung Điều 1, 2, … của Quyết định (thay các điều tự sinh); chuỗi rỗng giữ điều tự sinh ở vị trí đó.", letterhead.MaxTitle)},
			"counts":     str("Số lượng ghi trực tiếp (\"99 tập thể và 48 cá nhân\") khi danh sách gửi thành tệp riêng.", 200),
		}},
	"catalogueBases": map[string]any{"enum": []string{"keep", "omit"}, "description": "keep: giữ căn cứ Luật, Nghị định của danh mục (mặc định); omit: bỏ, chỉ dùng legalBases."},
	"basesUpright":   map[string]any{"type": "boolean", "description": "In căn cứ chữ đứng (mặc định nghiêng)."},
	"lastBasisEnd":   map[string]any{"enum": []string{".", ";", ","}, "description": "Dấu kết thúc căn cứ cuối (mặc định \".\")."},
	"autoRecipient":  map[string]any{"type": "boolean", "description": "false: không tự in \"Như trên\" / \"Như Điều 3\" ở đầu nơi nhận."},
	"list": map[string]any{"type": "object", "additionalProperties": false, "description": "Cách trình bày danh sách kèm theo.",
		"properties": map[string]any{
			"order":      map[string]any{"type": "array", "items": map[string]any{"enum": []string{"tap-the", "ca-nhan"}}, "minItems": 2, "maxItems": 2},
			"sort":       map[string]any{"enum": []string{"", "input", "alphabetical"}},
			"electronic": map[string]any{"type": "boolean", "description": "Bản điện tử: để trống số, ngày ở dòng \"Kèm theo\"."},
			"portrait":   map[string]any{"type": "boolean"},
		}},
}

func merge(extra map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range commonOwn {
		out[k] = v
	}
	for k, v := range extra {
		out[k] = v
	}
	return out
}

// ToTrinhSchema returns the JSON Schema of a Tờ trình đề nghị khen thưởng, built on first use.
var ToTrinhSchema = sync.OnceValue(func() []byte {
	return letterhead.Schema(ToTrinhKind, "Tờ trình đề nghị khen thưởng",
		"Tờ trình của Sở đề nghị Chủ tịch Ủy ban nhân dân tỉnh khen thưởng, kèm danh sách tập thể, cá nhân.",
		[]string{"kinhGui", "nominations"},
		merge(map[string]any{
			"kinhGui": map[string]any{"type": "array", "minItems": 1, "items": str("Nơi gửi.", letterhead.MaxLine)},
			"meeting": str("Biên bản họp Hội đồng Thi đua - Khen thưởng được căn cứ.", letterhead.MaxTitle),
		}))
})

// QuyetDinhSchema returns the JSON Schema of a Quyết định khen thưởng, built on first use.
var QuyetDinhSchema = sync.OnceValue(func() []byte {
	return letterhead.Schema(QuyetDinhKind, "Quyết định khen thưởng",
		"Quyết định của Giám đốc Sở tặng Giấy khen, công nhận danh hiệu thi đua (hoặc cả hai, mỗi phần một lời văn), hoặc khen thưởng theo hình thức ngoài danh mục; kèm danh sách có số sổ vàng.",
		[]string{"nominations", "proposal", "implementers"},
		merge(map[string]any{
			"issuerTitle":   str("Dòng thẩm quyền ban hành, ví dụ \"Giám đốc Sở Văn hóa, Thể thao và Du lịch tỉnh Lai Châu\".", letterhead.MaxLine),
			"proposal":      str("Căn cứ cuối: \"Theo đề nghị của …\".", letterhead.MaxTitle),
			"funding":       str("Nguồn kinh phí khen thưởng.", letterhead.MaxLine),
			"implementers":  str("Đầu Điều 3: những người thi hành.", letterhead.MaxTitle),
			"goldBookStart": map[string]any{"type": "integer", "minimum": 1, "description": "Số sổ vàng đầu tiên (mặc định 1)."},
		}))
})
