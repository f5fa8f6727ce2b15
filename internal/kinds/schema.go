package kinds

import (
	"encoding/json"
	"sync"

	"github.com/vanban/vanban/internal/letterhead"
	"github.com/vanban/vanban/internal/nd30"
)

type obj = map[string]any

func str(desc string, max int) obj {
	return obj{"type": "string", "maxLength": max, "description": desc}
}

func strs(desc string, max int) obj {
	return obj{"type": "array", "maxItems": letterhead.MaxItems, "items": obj{"type": "string", "maxLength": max}, "description": desc}
}

const bodyDesc = "Nội dung: mỗi đoạn một dòng; nhận biết \"Phần I\"/\"Chương I\" (dòng sau viết hoa là tên chương), \"Mục 1\", \"Điều 1.\", \"I.\" (mục), \"1.\" (khoản), \"1.1.\", \"a)\" (điểm; \"a) Đối với tập thể:\" in đậm), \"-\" và \"+\" (gạch đầu dòng hai cấp); bảng: các dòng \"| ô | ô |\" (dòng \"|---|---|\" tách hàng tiêu đề) hoặc hai dòng trở lên có dấu tab; U+000B là xuống dòng trong đoạn; **đậm**, *nghiêng*."

func common() obj {
	return obj{
		"summary": str("Trích yếu nội dung (công văn: \"V/v …\").", letterhead.MaxTitle),
		"kinhGui": strs("Nơi gửi (Kính gửi): một hoặc nhiều cơ quan, người nhận.", letterhead.MaxLine),
		"bases": obj{"type": "object", "additionalProperties": false, "description": "Căn cứ ban hành.",
			"properties": obj{
				"items":    strs("Mỗi căn cứ một văn bản (\"Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022\"); \"Căn cứ\" được thêm khi thiếu; căn cứ trùng số văn bản chỉ in một lần.", letterhead.MaxTitle),
				"proposal": str("Dòng \"Theo đề nghị của …\" sau các căn cứ.", letterhead.MaxTitle),
				"upright":  obj{"type": "boolean", "description": "In căn cứ chữ đứng (mặc định nghiêng)."},
				"lastEnd":  obj{"enum": []string{".", ";", ","}, "description": "Dấu kết thúc dòng căn cứ cuối (mặc định \".\" theo NĐ 30)."},
			}},
		"body":          str(bodyDesc, letterhead.MaxBody),
		"autoRecipient": obj{"type": "boolean", "description": "false: không tự thêm \"Như trên\" / \"Như Điều …\" vào đầu nơi nhận."},
	}
}

func merge(a, b obj) obj {
	for k, v := range b {
		a[k] = v
	}
	return a
}

func typeNames() []string {
	var out []string
	for _, t := range nd30.DocTypes {
		out = append(out, t.Name)
	}
	return out
}

var closingProp = obj{"type": "string", "maxLength": letterhead.MaxLine, "description": "Câu kết sau nội dung (\"Trân trọng./.\"); chuỗi rỗng để bỏ."}

// Schemas of the kinds, each built on first use (not at package
// initialisation: a process that renders one kind does not pay for the
// JSON of all of them).
var (
	QuyetDinhSchema = sync.OnceValue(func() []byte {
		return letterhead.Schema(QuyetDinh, "Quyết định",
			"Quyết định (NĐ 30/2020/NĐ-CP, Phụ lục III Mẫu 1.2 và 1.3): thẩm quyền ban hành, căn cứ, \"QUYẾT ĐỊNH:\", các điều (khoản, điểm); hình thức ban hành kèm theo một văn bản (Quy định, Quy chế…) có Chương/Mục/Điều; số của văn bản quy phạm pháp luật ghi năm (86/2025/QĐ-UBND).",
			[]string{"summary", "bases"},
			merge(common(), obj{
				"authority": str("Thẩm quyền ban hành, viết hoa thường đúng chính tả (\"Giám đốc Sở Văn hóa, Thể thao và Du lịch\"); được in hoa, đậm.", letterhead.MaxLine),
				"decides":   obj{"type": "boolean", "description": "false: bỏ dòng \"QUYẾT ĐỊNH:\"."},
				"legal":     obj{"type": "boolean", "description": "Văn bản quy phạm pháp luật: số ghi năm (Số: 86/2025/QĐ-UBND)."},
				"articles": obj{"type": "array", "maxItems": 100, "description": "Các điều, đánh số từ 1.",
					"items": obj{"type": "object", "additionalProperties": false, "properties": obj{
						"title": str("Tên điều (in đậm sau \"Điều N.\").", letterhead.MaxLine),
						"text":  str("Nội dung điều: khoản \"1.\", điểm \"a)\", gạch đầu dòng.", letterhead.MaxBody),
					}}},
				"attached": obj{"type": "object", "additionalProperties": false, "required": []string{"typeName", "title", "body"},
					"description": "Văn bản ban hành kèm theo (trang mới, có phần đầu, tên loại, trích yếu, dòng \"(Ban hành kèm theo Quyết định số …)\").",
					"properties": obj{
						"typeName":   str("Tên loại: Quy định, Quy chế, Điều lệ, Hướng dẫn…", 100),
						"title":      str("Trích yếu của văn bản kèm theo.", letterhead.MaxTitle),
						"issuer":     str("Người/cơ quan ban hành trong dòng \"… của …\" (mặc định: thẩm quyền ban hành).", letterhead.MaxLine),
						"body":       str(bodyDesc, letterhead.MaxBody),
						"electronic": obj{"type": "boolean", "description": "Văn bản điện tử: để trống số và ngày trong dòng \"Ban hành kèm theo\"."},
					}},
			}))
	})

	CongVanSchema = sync.OnceValue(func() []byte {
		return letterhead.Schema(CongVan, "Công văn",
			"Công văn (NĐ 30/2020/NĐ-CP, Phụ lục III Mẫu 1.5): không có tên loại; trích yếu \"V/v …\" dưới số, ký hiệu; Kính gửi; nội dung; \"Trân trọng./.\"; nơi nhận bắt đầu \"Như trên\".",
			[]string{"summary", "kinhGui", "body"},
			merge(common(), obj{
				"unit":    obj{"type": "string", "maxLength": 40, "pattern": "^[^\\s/]+$", "description": "Đơn vị soạn thảo trong ký hiệu (\"VP\" → SVHTTDL-VP)."},
				"closing": closingProp,
			}))
	})

	ToTrinhSchema = sync.OnceValue(func() []byte {
		return textSchema(ToTrinh, "Tờ trình", []string{"summary", "kinhGui", "body"})
	})

	BaoCaoSchema = sync.OnceValue(func() []byte {
		return textSchema(BaoCao, "Báo cáo", []string{"summary", "body"})
	})

	ThongBaoSchema = sync.OnceValue(func() []byte {
		return textSchema(ThongBao, "Thông báo", []string{"summary", "body"})
	})

	VanBanSchema = sync.OnceValue(func() []byte {
		return letterhead.Schema(VanBan, "Văn bản có tên loại (Phụ lục III)",
			"Văn bản có tên loại bất kỳ của Phụ lục III NĐ 30/2020 (Chương trình, Đề án, Phương án, Hướng dẫn, Quy chế, Quy định, Công điện, Giấy giới thiệu, Giấy ủy quyền, Phiếu gửi…): tên loại và chữ viết tắt lấy từ bảng Phụ lục III; bố cục theo Mẫu 1.4.",
			[]string{"typeName", "summary", "body"},
			merge(common(), obj{
				"typeName": obj{"enum": typeNames(), "description": "Tên loại văn bản (Phụ lục III)."},
				"legal":    obj{"type": "boolean", "description": "Nghị quyết, Quyết định, Chỉ thị quy phạm pháp luật: số ghi năm."},
				"closing":  closingProp,
			}))
	})

	GiayMoiSchema = sync.OnceValue(func() []byte {
		return letterhead.Schema(GiayMoi, "Giấy mời",
			"Giấy mời: tên loại GIẤY MỜI và trích yếu; \"… trân trọng kính mời:\", người được mời, thời gian, địa điểm, thành phần, nội dung; \"Trân trọng kính mời./.\".",
			[]string{"summary", "invitees", "time", "place"},
			merge(common(), obj{
				"opening":      str("Câu mời (mặc định \"<cơ quan> trân trọng kính mời:\").", letterhead.MaxLine),
				"invitees":     strs("Người, cơ quan được mời.", letterhead.MaxLine),
				"purpose":      str("Mục đích (\"Tới dự Hội nghị …\").", letterhead.MaxTitle),
				"time":         obj{"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{1,2}:[0-9]{2}$", "description": "Thời gian bắt đầu \"NNNN-TT-NN GG:PP\"."},
				"end":          obj{"type": "string", "pattern": "^[0-9]{1,2}:[0-9]{2}$", "description": "Giờ kết thúc \"GG:PP\"."},
				"place":        str("Địa điểm.", letterhead.MaxLine),
				"participants": str("Thành phần.", letterhead.MaxTitle),
				"content":      str("Nội dung.", letterhead.MaxTitle),
				"closing":      closingProp,
			}))
	})

	BienBanSchema = sync.OnceValue(func() []byte {
		return bienBanSchema()
	})
)

func textSchema(kind, title string, required []string) []byte {
	return letterhead.Schema(kind, title,
		title+" (NĐ 30/2020/NĐ-CP, Phụ lục III Mẫu 1.4): tên loại và trích yếu, Kính gửi (khi gửi cấp trên), căn cứ, nội dung, nơi nhận, chữ ký.",
		required, merge(common(), obj{"closing": closingProp}))
}

func bienBanSchema() []byte {
	person := obj{"type": "object", "additionalProperties": false, "required": []string{"name"}, "properties": obj{
		"name":  str("Họ và tên.", 100),
		"title": str("Chức vụ.", letterhead.MaxLine),
	}}
	raw := letterhead.Schema(BienBan, "Biên bản",
		"Biên bản cuộc họp: thời gian, địa điểm, chủ trì, thư ký, thành phần, nội dung, giờ kết thúc; thư ký và người chủ trì cùng ký, ngang nhau; không có nơi nhận.",
		[]string{"summary", "start", "place", "chair", "secretary", "body"},
		merge(common(), obj{
			"start":        obj{"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{1,2}:[0-9]{2}$", "description": "Bắt đầu \"NNNN-TT-NN GG:PP\"."},
			"end":          obj{"type": "string", "pattern": "^[0-9]{1,2}:[0-9]{2}$", "description": "Giờ kết thúc \"GG:PP\" cùng ngày."},
			"place":        str("Địa điểm.", letterhead.MaxLine),
			"chair":        person,
			"chairLabel":   obj{"enum": []string{"chủ trì", "chủ tọa"}},
			"secretary":    person,
			"participants": strs("Thành phần tham dự.", letterhead.MaxLine),
			"present":      obj{"type": "integer", "minimum": 0},
			"absent":       obj{"type": "integer", "minimum": 0},
		}))
	var s obj
	if err := json.Unmarshal(raw, &s); err != nil {
		panic(err)
	}
	// Signed by the secretary and the chair; no signer, no nơi nhận.
	var req []string
	for _, r := range s["required"].([]any) {
		if r != "signer" {
			req = append(req, r.(string))
		}
	}
	s["required"] = req
	props := s["properties"].(obj)
	delete(props, "signer")
	delete(props, "recipients")
	delete(props, "archive")
	delete(props, "kinhGui")
	out, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		panic(err)
	}
	return append(out, '\n')
}
