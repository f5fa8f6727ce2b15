package letterhead

import (
	"strings"
	"testing"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/nd30"
	"github.com/vanban/vanban/internal/typeset/typesettest"
)

func fields() Fields {
	n := 5
	return Fields{
		Number: &n, Date: "2025-12-10",
		Agency:     nd30.Agency{Name: "Sở Văn hóa, Thể thao và Du lịch", Parent: "UBND tỉnh Lai Châu", Abbreviation: "SVHTTDL", Place: "Lai Châu"},
		Signer:     nd30.Signer{Authority: "KT.", On: "Giám đốc", Title: "Phó Giám đốc", Name: "Lò Văn Thắng"},
		Recipients: []string{"UBND tỉnh"}, Archive: []string{"TĐKT"},
	}
}

func codes(ps apperr.Problems) map[string]apperr.Problem {
	out := map[string]apperr.Problem{}
	for _, p := range ps {
		out[p.Field+" "+p.Code] = p
	}
	return out
}

func TestCheck(t *testing.T) {
	env := Env{Metrics: typesettest.Metrics()}
	var ps apperr.Problems
	c := fields().Check(&ps, env)
	if ps.Errors() != 0 {
		t.Fatalf("problems %v", ps)
	}
	if c.Number != 5 || c.NumberWidth != 2 || c.Date != (nd30.Date{Year: 2025, Month: 12, Day: 10}) || c.Symbol(nd30.DocType{Abbreviation: "KH"}) != "KH-SVHTTDL" {
		t.Errorf("checked %+v", c)
	}
	f := fields()
	f.Date, f.Signer.Title = "", "KT. Chủ tịch\nPhó Chủ tịch"
	ps = nil
	f.Check(&ps, env)
	got := codes(ps)
	for _, want := range []string{"date required", "signer.title invalid_text"} {
		if _, ok := got[want]; !ok {
			t.Errorf("missing %q in %v", want, ps)
		}
	}
}

// Issuing: the register's number and date reach the document as a stamp;
// a number in the input is refused, a different date is replaced and said.
func TestCheckWithStamp(t *testing.T) {
	stamp := &Stamp{Number: 7, Width: 3, Date: nd30.Date{Year: 2026, Month: 3, Day: 2}}
	env := Env{Metrics: typesettest.Metrics(), Stamp: stamp}
	var ps apperr.Problems
	fields().Check(&ps, env)
	if _, ok := codes(ps)["number number_given"]; !ok {
		t.Errorf("a numbered input was not refused: %v", ps)
	}
	f := fields()
	f.Number = nil
	ps = nil
	c := f.Check(&ps, env)
	if ps.Errors() != 0 {
		t.Fatalf("problems %v", ps)
	}
	w, ok := codes(ps)["date date_replaced"]
	if !ok || !w.Warning || !strings.Contains(w.Message, "2026-03-02") {
		t.Errorf("date replacement not warned: %v", ps)
	}
	if c.Number != 7 || c.NumberWidth != 3 || c.Date != stamp.Date {
		t.Errorf("stamp not applied: %+v", c)
	}
	// The date may be left out when the register gives it.
	f.Date = ""
	ps = nil
	f.Check(&ps, env)
	if ps.Errors() != 0 || len(ps) != 0 {
		t.Errorf("undated input with a stamp: %v", ps)
	}
	// The number line the document prints is the register's.
	if got := (nd30.Ref{Number: c.Number, Width: c.NumberWidth, Symbol: c.Symbol(nd30.DocType{Abbreviation: "QĐ"})}).Line(); got != "Số: 007/QĐ-SVHTTDL" {
		t.Errorf("number line %q", got)
	}
}

func TestTwoLevelSigner(t *testing.T) {
	f := fields()
	f.Signer = nd30.Signer{Authority: "TM.", On: "Ủy ban nhân dân", Inner: &nd30.Level{Authority: "KT.", On: "Chủ tịch"}, Title: "Phó Chủ tịch", Name: "Tống Thanh Hải"}
	var ps apperr.Problems
	c := f.Check(&ps, Env{Metrics: typesettest.Metrics()})
	if ps.Errors() != 0 {
		t.Fatalf("problems %v", ps)
	}
	if got := strings.Join(c.Signer.Lines(), " / "); got != "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" {
		t.Errorf("lines %q", got)
	}
	f.Signer.Inner = &nd30.Level{Authority: "TL.", On: "Chủ tịch"}
	ps = nil
	f.Check(&ps, Env{Metrics: typesettest.Metrics()})
	if _, ok := codes(ps)["signer.inner invalid_signer"]; !ok {
		t.Errorf("bad inner level not refused: %v", ps)
	}
}
