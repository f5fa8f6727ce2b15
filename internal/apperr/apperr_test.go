package apperr

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestProblems(t *testing.T) {
	var ps Problems
	if ps.Err() != nil {
		t.Error("no problem, yet an error")
	}
	ps.Warn("body", "point_order", "điểm %q", "f)")
	if ps.Err() != nil || ps.Errors() != 0 {
		t.Error("a warning alone must not stop generation")
	}
	ps.Add("date", "invalid_date", "ngày %d", 30)
	err := ps.Err()
	ae := As(err)
	if ae.Kind != Invalid || ae.Code != "invalid_input" || len(ae.Problems) != 2 || !strings.Contains(ae.Detail, "1 lỗi") {
		t.Errorf("Err() = %+v", ae)
	}
	if !strings.Contains(err.Error(), "date: ngày 30") {
		t.Errorf("Error() = %q", err.Error())
	}
}

func TestWrapAndAs(t *testing.T) {
	cause := errors.New("disk full")
	err := Wrap(cause, "store")
	if !Is(err, Internal) || !errors.Is(err, cause) {
		t.Errorf("Wrap = %v", err)
	}
	inv := Invalidf("signer.name", "required", "thiếu %s", "tên")
	if Wrap(inv, "x") != error(inv) {
		t.Error("Wrap must keep an application error as it is")
	}
	if got := As(fmt.Errorf("ctx: %w", inv)); got != inv {
		t.Error("As must find the error in the chain")
	}
	if Wrap(nil, "x") != nil {
		t.Error("Wrap(nil) != nil")
	}
	p := Problem{Sheet: "Danh sách", Row: 12, Column: "C", Message: "thiếu giới tính"}
	if p.String() != "trang tính Danh sách, dòng 12, cột C: thiếu giới tính" {
		t.Errorf("Problem.String() = %q", p.String())
	}
}

func TestCodes(t *testing.T) {
	var ps Problems
	ps.Add("a", "too_long", "dài")
	ps.Add("b", "required", "trống")
	withProblems := ps.Err()
	if got := Codes(withProblems); len(got) != 2 || got[0] != "too_long" || got[1] != "required" {
		t.Errorf("Codes with problems = %v", got)
	}
	if !HasCode(withProblems, "required") || HasCode(withProblems, "x") {
		t.Error("HasCode with problems")
	}
	plain := New(Conflict, "year_changed", "…")
	if !HasCode(plain, "year_changed") || HasCode(plain, "required") {
		t.Error("HasCode of an error without problems")
	}
	if got := Codes(errors.New("io")); len(got) != 1 || got[0] != "internal" {
		t.Errorf("Codes of a plain error = %v", got)
	}
}
