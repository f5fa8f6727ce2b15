package award

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/nd30"
)

// MaxNameLength is the longest name accepted, in characters.
const MaxNameLength = 200

// Validate checks a nomination list before any document is generated (spec
// §9, issue 3 item 4). Errors stop generation; warnings are reported with the
// documents. Field paths are "nominations[i].field"; a nomination read from a
// spreadsheet also carries its sheet and row. Checks:
//
//   - kind is "tap-the" or "ca-nhan"; name present, at most MaxNameLength
//     characters; award form present and in the catalogue;
//   - a person has a gender (for Ông/Bà, never guessed) and a unit; a missing
//     position is a warning; a birth year, if given, is between 1900 and 2100;
//   - a collective without a parent unit is a warning;
//   - no nominee twice: the same person (name and unit) or the same collective
//     (name and parent unit), compared with MatchKey, so case, spacing and
//     tone-mark placement do not hide a duplicate; the same person name in two
//     units is a warning;
//   - a criterion, if given, is one of planCriteria (by id or wording); when
//     planCriteria is nil, one of the award form's criteria;
//   - a missing summary of achievements is a warning.
func Validate(list []Nomination, cat *Catalogue, planCriteria []Criterion) apperr.Problems {
	var ps apperr.Problems
	if len(list) == 0 {
		ps.Add("nominations", "empty_list", "Danh sách đề nghị khen thưởng chưa có tập thể, cá nhân nào.")
		return ps
	}
	type seen struct {
		index int
		unit  string
	}
	exact := map[string]int{}
	byName := map[string]seen{}
	// Each distinct name and unit is keyed once: nd30.Key normalises
	// Unicode, and units repeat from row to row (it was a quarter of the
	// time of a 200-row danh sách, computed three times a row).
	keys := map[string]string{}
	key := func(s string) string {
		k, ok := keys[s]
		if !ok {
			k = nd30.Key(s)
			keys[s] = k
		}
		return k
	}
	for i, n := range list {
		at := fmt.Sprintf("nominations[%d]", i)
		add := func(field, code, format string, args ...any) {
			ps = append(ps, located(n, at+field, code, false, format, args...))
		}
		warn := func(field, code, format string, args ...any) {
			ps = append(ps, located(n, at+field, code, true, format, args...))
		}
		if !n.Kind.Valid() {
			add(".kind", "invalid_kind", "Loại đối tượng phải là \"tap-the\" (tập thể) hoặc \"ca-nhan\" (cá nhân), không phải %q.", n.Kind)
		}
		name := CleanText(n.Name)
		switch l := utf8.RuneCountInString(name); {
		case l == 0:
			add(".name", "required", "Thiếu tên tập thể hoặc họ và tên cá nhân.")
		case l > MaxNameLength:
			add(".name", "too_long", "Tên dài %d ký tự, vượt quá %d ký tự cho phép.", l, MaxNameLength)
		}
		if n.AwardForm == "" {
			add(".awardForm", "required", "Thiếu hình thức khen thưởng đề nghị.")
		}
		var form Form
		formOK := false
		if n.AwardForm != "" && cat != nil {
			if form, formOK = cat.Form(n.AwardForm); !formOK {
				add(".awardForm", "unknown_award_form", "Hình thức khen thưởng %q không có trong danh mục; chọn một trong: %s.", n.AwardForm, strings.Join(cat.FormIDs(), ", "))
			} else if n.Kind.Valid() && !form.For(n.Kind) {
				add(".awardForm", "form_not_for_kind", "%s không dành cho %s.", form.Name, strings.ToLower(n.Kind.Label()))
			}
		}
		switch n.Kind {
		case Individual:
			if !n.Gender.Valid() {
				add(".gender", "required", "Thiếu giới tính (Nam/Nữ) của %s: cần để ghi Ông/Bà.", orName(name))
			}
			if CleanText(n.Unit) == "" {
				add(".unit", "required", "Thiếu đơn vị công tác của %s.", orName(name))
			}
			if CleanText(n.Position) == "" {
				warn(".position", "missing_position", "Chưa có chức vụ của %s.", orName(name))
			}
			if n.BirthYear != 0 && (n.BirthYear < 1900 || n.BirthYear > 2100) {
				add(".birthYear", "invalid_year", "Năm sinh %d không hợp lệ.", n.BirthYear)
			}
		case Collective:
			if CleanText(n.ParentUnit) == "" {
				warn(".parentUnit", "missing_parent_unit", "Chưa có đơn vị cấp trên của tập thể %s.", orName(name))
			}
			if n.Gender != "" {
				warn(".gender", "gender_for_collective", "Tập thể không có giới tính; giá trị bị bỏ qua.")
			}
		}
		if CleanText(n.Summary) == "" {
			warn(".summary", "missing_summary", "Chưa có tóm tắt thành tích của %s.", orName(name))
		}
		if c := CleanText(n.Criterion); c != "" {
			pool := planCriteria
			if pool == nil && formOK {
				pool = form.Criteria
			}
			if !hasCriterion(pool, c) {
				if planCriteria != nil {
					add(".criterion", "unknown_criterion", "Tiêu chí %q không có trong kế hoạch.", c)
				} else if formOK {
					add(".criterion", "unknown_criterion", "Tiêu chí %q không thuộc hình thức %s.", c, form.Name)
				}
			}
		}
		if name == "" || !n.Kind.Valid() {
			continue
		}
		owner := n.Unit
		if n.Kind == Collective {
			owner = n.ParentUnit
		}
		ownerKey := key(owner)
		nameKey := string(n.Kind) + "|" + key(name)
		fullKey := nameKey + "|" + ownerKey
		if j, dup := exact[fullKey]; dup {
			add(".name", "duplicate", "%s trùng với dòng thứ %d của danh sách (%s).", orName(name), j+1, where(list[j]))
			continue
		}
		exact[fullKey] = i
		if s, ok := byName[nameKey]; ok && n.Kind == Individual && s.unit != ownerKey {
			warn(".name", "same_name", "%s trùng họ tên với dòng thứ %d (%s) nhưng khác đơn vị: kiểm tra có phải một người không.", orName(name), s.index+1, where(list[s.index]))
		} else if !ok {
			byName[nameKey] = seen{i, ownerKey}
		}
	}
	return ps
}

func located(n Nomination, field, code string, warning bool, format string, args ...any) apperr.Problem {
	p := apperr.Problem{Field: field, Code: code, Message: fmt.Sprintf(format, args...), Warning: warning}
	if n.Source != nil {
		p.Sheet, p.Row = n.Source.Sheet, n.Source.Row
	}
	return p
}

func orName(name string) string {
	if name == "" {
		return "đối tượng chưa có tên"
	}
	if utf8.RuneCountInString(name) > 60 {
		return string([]rune(name)[:60]) + "…"
	}
	return "\"" + name + "\""
}

func where(n Nomination) string {
	if n.Source != nil {
		if n.Source.Sheet != "" {
			return fmt.Sprintf("trang tính %s, dòng %d", n.Source.Sheet, n.Source.Row)
		}
		return fmt.Sprintf("dòng %d", n.Source.Row)
	}
	return "cùng danh sách"
}

func hasCriterion(pool []Criterion, c string) bool {
	k := nd30.Fold(c)
	for _, cr := range pool {
		if cr.ID == c || nd30.Fold(cr.Text) == k || nd30.Fold(cr.ID) == k {
			return true
		}
	}
	return false
}
