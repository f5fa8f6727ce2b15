package registry

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/vanban/vanban/internal/nd30"
)

// DecisionState is where the decision a certificate cites stands in the
// register (issue 10 item 13).
type DecisionState string

// Decision states.
const (
	// DecisionRegistered: the register holds the decision (issued or
	// registered) and it is not cancelled.
	DecisionRegistered DecisionState = "registered"
	// DecisionCancelled: the register holds it, cancelled.
	DecisionCancelled DecisionState = "cancelled"
	// DecisionOtherDate: the register holds that number and ký hiệu in the
	// year, under another date.
	DecisionOtherDate DecisionState = "other_date"
	// DecisionMissing: the register has no record of that number and ký
	// hiệu in the year of the decision's date.
	DecisionMissing DecisionState = "not_registered"
	// DecisionExternal: the certificate was recorded under a decision of
	// another authority, not looked up in this register.
	DecisionExternal DecisionState = "external"
)

// DecisionCheck is what the register says about a cited decision.
type DecisionCheck struct {
	State DecisionState `json:"state"`
	// Record is the register's record when it holds the number.
	Record *Record `json:"record,omitempty"`
}

// Message says in Vietnamese what the check found about the decision d. It
// is shown to anyone who scans a certificate's QR code, so a cancellation
// is told with its date only: the reason is the register's internal note
// (CancelReason, for signed-in views).
func (c DecisionCheck) Message(d Decision) string {
	switch c.State {
	case DecisionRegistered:
		return fmt.Sprintf("Quyết định số %s ngày %s có trong sổ văn bản đi.", d.Ref, d.Date.Padded())
	case DecisionCancelled:
		m := fmt.Sprintf("Quyết định số %s ngày %s có trong sổ văn bản đi nhưng đã bị hủy", d.Ref, d.Date.Padded())
		if c.Record != nil && c.Record.CancelledAt != nil {
			m += " ngày " + nd30.DateOf(c.Record.CancelledAt.In(Vietnam)).Padded()
		}
		return m + "."
	case DecisionOtherDate:
		return fmt.Sprintf("Sổ văn bản đi ghi quyết định số %s ngày %s, không phải ngày %s.", d.Ref, c.Record.Date.Padded(), d.Date.Padded())
	case DecisionExternal:
		return fmt.Sprintf("Quyết định số %s ngày %s là quyết định của cơ quan khác, chưa đối chiếu với sổ văn bản đi.", d.Ref, d.Date.Padded())
	}
	return fmt.Sprintf("Quyết định số %s ngày %s không có trong sổ văn bản đi năm %d.", d.Ref, d.Date.Padded(), d.Date.Year)
}

// CheckDecision looks the decision d up in the register by its number and
// ký hiệu in the year of its date ("05/QĐ-SVHTTDL" is number 5, ký hiệu
// "QĐ-SVHTTDL"; "01/2026/QĐ-UBND" number 1, ký hiệu "2026/QĐ-UBND"). A
// record of agency (or the configured agency) is preferred when several
// agencies hold the number.
func (s *Service) CheckDecision(ctx context.Context, agency string, d Decision) (DecisionCheck, error) {
	num, symbol, ok := strings.Cut(strings.TrimSpace(d.Ref), "/")
	n, err := strconv.Atoi(num)
	if !ok || err != nil || n <= 0 || symbol == "" || d.Date.Year == 0 {
		return DecisionCheck{State: DecisionMissing}, nil
	}
	recs, err := s.store.RecordsByRef(ctx, d.Date.Year, n, symbol)
	if err != nil {
		return DecisionCheck{}, s.storeErr(err, "check decision")
	}
	return s.judge(recs, agency, d), nil
}

// judge is what recs, the register's records of the number and ký hiệu of
// d, say about d: the best match (same date, of agency, not cancelled).
func (s *Service) judge(recs []Record, agency string, d Decision) DecisionCheck {
	var best *Record
	score := func(r Record) int {
		v := 0
		if r.Date == d.Date {
			v += 4
		}
		if r.Agency == agency || (agency == "" && r.Agency == s.cfg.Agency) {
			v += 2
		}
		if r.Status != Cancelled {
			v++
		}
		return v
	}
	for i := range recs {
		if best == nil || score(recs[i]) > score(*best) {
			best = &recs[i]
		}
	}
	switch {
	case best == nil:
		return DecisionCheck{State: DecisionMissing}
	case best.Date != d.Date:
		return DecisionCheck{State: DecisionOtherDate, Record: best}
	case best.Status == Cancelled:
		return DecisionCheck{State: DecisionCancelled, Record: best}
	}
	return DecisionCheck{State: DecisionRegistered, Record: best}
}

// SymbolKey is the form in which two ký hiệu are the same decision's:
// case, tone and vowel marks, đ/d, spaces and the dash or slash between
// the parts do not matter ("QĐ-SGDĐT", "qđ- SGDDT", "QĐ–SGDĐT" give
// "qdsgddt"). It is for refusing look-alikes, never for display.
func SymbolKey(s string) string { return strings.ReplaceAll(nd30.Fold(s), " ", "") }

// OwnDecision says whether the decision d, cited as another authority's
// ("decisionCheck": "external"), is in fact this register's: the register
// holds its number in the year under a ký hiệu that is the same one
// written differently (SymbolKey; any agency, any date), or the ký hiệu's
// agency part (agencyKey) is the configured agency or one that issued
// records here. The check returned
// is the register's record when it holds one (DecisionMissing otherwise),
// and own names the agency it matched.
func (s *Service) OwnDecision(ctx context.Context, agency string, d Decision) (chk DecisionCheck, own string, err error) {
	chk, err = s.lookAlike(ctx, agency, d)
	if err != nil || chk.Record != nil {
		if chk.Record != nil {
			own = chk.Record.Agency
		}
		return chk, own, err
	}
	key := agencyKey(d.Ref)
	if key == "" {
		return chk, "", nil
	}
	agencies, err := s.store.Agencies(ctx)
	if err != nil {
		return chk, "", s.storeErr(err, "agencies")
	}
	for _, a := range append([]string{s.cfg.Agency}, agencies...) {
		if a != "" && SymbolKey(a) == key {
			return chk, a, nil
		}
	}
	return chk, "", nil
}

// agencyKey is the SymbolKey of the agency part of the ký hiệu of ref, the
// words after the type, whatever separates them ("05/QĐ–SVHTTDL",
// "01/2026/QĐ- UBND" give "svhttdl", "ubnd"); a ký hiệu of one word is its
// own agency part.
func agencyKey(ref string) string {
	_, symbol, _ := strings.Cut(ref, "/")
	words := strings.Fields(nd30.Fold(symbol))
	for len(words) > 0 && strings.Trim(words[0], "0123456789") == "" {
		words = words[1:]
	}
	if len(words) > 1 {
		words = words[1:]
	}
	return strings.Join(words, "")
}

// lookAlike is CheckDecision with the ký hiệu compared by SymbolKey: the
// register's records of d's number in its year whose ký hiệu is d's,
// however written.
func (s *Service) lookAlike(ctx context.Context, agency string, d Decision) (DecisionCheck, error) {
	num, symbol, ok := strings.Cut(strings.TrimSpace(d.Ref), "/")
	n, err := strconv.Atoi(strings.TrimSpace(num))
	if !ok || err != nil || n <= 0 || d.Date.Year == 0 {
		return DecisionCheck{State: DecisionMissing}, nil
	}
	recs, err := s.store.RecordsByNumber(ctx, d.Date.Year, n)
	if err != nil {
		return DecisionCheck{}, s.storeErr(err, "check decision")
	}
	key, same := SymbolKey(symbol), recs[:0]
	for _, r := range recs {
		if SymbolKey(r.Symbol) == key {
			same = append(same, r)
		}
	}
	return s.judge(same, agency, d), nil
}
