package nominations

import (
	"regexp"
	"strings"

	"github.com/vanban/vanban/internal/award"
	"github.com/vanban/vanban/internal/nd30"
)

// role is what a column holds.
type role int

const (
	roleNone role = iota
	roleSTT
	roleName
	rolePosition
	roleUnit
	rolePositionUnit
	roleParentUnit
	roleSummary
	roleAwardForm
	roleGender
	roleMale
	roleFemale
	roleBirthYear
	roleNote
	roleCriterion
	roleKind
)

var roleNames = map[role]string{
	roleSTT: "STT", roleName: "Họ và tên / Tên tập thể", rolePosition: "Chức vụ", roleUnit: "Đơn vị công tác",
	rolePositionUnit: "Chức vụ, đơn vị công tác", roleParentUnit: "Đơn vị cấp trên", roleSummary: "Tóm tắt thành tích",
	roleAwardForm: "Hình thức khen thưởng", roleGender: "Giới tính", roleMale: "Nam", roleFemale: "Nữ",
	roleBirthYear: "Năm sinh", roleNote: "Ghi chú", roleCriterion: "Tiêu chí", roleKind: "Tập thể/Cá nhân",
}

// headerTitles maps the folded column titles met in practice (FoldKey: no
// case, no diacritics, punctuation as spaces) to roles.
var headerTitles = map[string]role{
	"stt": roleSTT, "tt": roleSTT, "so tt": roleSTT, "so thu tu": roleSTT,

	"ho va ten": roleName, "ho ten": roleName, "ten tap the ca nhan": roleName, "ten tap the": roleName,
	"ho va ten ten tap the": roleName, "ho ten ten tap the": roleName, "ten don vi ca nhan": roleName,
	"tap the ca nhan": roleName, "ten tap the ho va ten ca nhan": roleName, "ten tap the ho ten ca nhan": roleName,
	"ten": roleName, "ca nhan tap the": roleName, "ten ca nhan tap the": roleName,

	"chuc vu": rolePosition, "chuc danh": rolePosition, "chuc vu chuc danh": rolePosition,

	"don vi": roleUnit, "don vi cong tac": roleUnit, "co quan don vi": roleUnit, "noi cong tac": roleUnit,
	"co quan don vi cong tac": roleUnit, "don vi cong tac dia chi": roleUnit,

	"chuc vu don vi cong tac": rolePositionUnit, "chuc vu don vi": rolePositionUnit,
	"chuc vu chuc danh don vi cong tac": rolePositionUnit, "chuc vu noi cong tac": rolePositionUnit,
	"chuc vu co quan don vi": rolePositionUnit,

	"don vi cap tren": roleParentUnit, "co quan chu quan": roleParentUnit, "truc thuoc": roleParentUnit,
	"don vi chu quan": roleParentUnit, "don vi truc thuoc": roleParentUnit,

	"thanh tich": roleSummary, "tom tat thanh tich": roleSummary, "thanh tich dat duoc": roleSummary,
	"noi dung thanh tich": roleSummary, "thanh tich tieu bieu": roleSummary,

	"hinh thuc khen thuong": roleAwardForm, "hinh thuc khen thuong de nghi": roleAwardForm,
	"hinh thuc de nghi": roleAwardForm, "hinh thuc": roleAwardForm, "de nghi khen thuong": roleAwardForm,

	"gioi tinh": roleGender,
	"nam sinh":  roleBirthYear, "ngay sinh": roleBirthYear, "ngay thang nam sinh": roleBirthYear, "sinh nam": roleBirthYear,
	"ghi chu":  roleNote,
	"tieu chi": roleCriterion, "tieu chuan": roleCriterion, "tieu chi dat duoc": roleCriterion,
	"loai": roleKind, "doi tuong": roleKind, "loai doi tuong": roleKind, "tap the hay ca nhan": roleKind,
}

// headerRole recognises a column title.
func headerRole(title string) role {
	fk := nd30.Fold(title)
	if fk == "" {
		return roleNone
	}
	// "Nam" and "Nữ" sub-columns (gender, or birth year by gender): the
	// breve keeps "Năm" (year) apart from "Nam" (male).
	switch nd30.Key(title) {
	case "nam":
		return roleMale
	case "nữ":
		return roleFemale
	}
	if r, ok := headerTitles[fk]; ok {
		return r
	}
	has := func(s string) bool { return strings.Contains(" "+fk+" ", " "+s+" ") }
	switch {
	case has("chuc vu") && (has("don vi") || has("co quan")):
		return rolePositionUnit
	case has("ho") && has("ten"), has("ten tap the"):
		return roleName
	case has("tom tat") || has("thanh tich"):
		return roleSummary
	case has("hinh thuc"):
		return roleAwardForm
	case has("nam sinh"):
		return roleBirthYear
	case has("gioi tinh"):
		return roleGender
	case has("ghi chu"):
		return roleNote
	case has("tieu chi"):
		return roleCriterion
	case has("don vi cong tac"):
		return roleUnit
	}
	return roleNone
}

// Section rows: "I. TẬP THỂ", "II. CÁ NHÂN", "A/ Tập thể", "Tập thể:",
// "B. CÁ NHÂN (05)".
var sectionRe = regexp.MustCompile(`^(?:(?:[ivx]{1,4}|[a-d]|\d{1,2})\s+)?(tap the|ca nhan)(?:\s|$)`)

func sectionKind(text string) (award.Kind, bool) {
	m := sectionRe.FindStringSubmatch(nd30.Fold(text))
	if m == nil {
		return "", false
	}
	if m[1] == "tap the" {
		return award.Collective, true
	}
	return award.Individual, true
}

// A row of column numbers under the titles: "1 2 3 4", "(1) (2) (3)".
var columnNumberRe = regexp.MustCompile(`^\(?\d{1,2}\)?$`)

// Total rows: "Tổng cộng", "Tổng số: 08", "Cộng" (the last only when the
// name column is empty: "Tòng", "Công" are names).
var (
	totalRe       = regexp.MustCompile(`^(tong cong|tong so|cong)(\s|$)`)
	totalInNameRe = regexp.MustCompile(`^(tong cong|tong so)(\s|$)`)
)

// collectiveWords start the names of bodies; used only to guess the kind
// when there is no section row and no kind column, with a warning.
var collectiveWords = []string{
	"phong", "ban", "trung tam", "van phong", "thanh tra", "truong", "bao tang", "thu vien",
	"nha hat", "cong ty", "chi cuc", "so", "ubnd", "uy ban", "hoi", "khoa", "bo phan", "cau lac bo",
	"lien doan", "nha van hoa", "ban quan ly", "xa", "phuong", "thi tran", "huyen", "tap the",
}

func looksCollective(name string) bool {
	fk := nd30.Fold(name)
	for _, w := range collectiveWords {
		if strings.HasPrefix(fk, w+" ") {
			return true
		}
	}
	// With diacritics, so that the family names Tô, Đới are not taken for
	// "Tổ", "Đội".
	mk := nd30.Key(name)
	for _, w := range []string{nd30.Key("Tổ"), nd30.Key("Đội")} {
		if strings.HasPrefix(mk, w+" ") {
			return true
		}
	}
	return false
}
