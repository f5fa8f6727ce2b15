package paperwork

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/letterhead"
	"github.com/vanban/vanban/internal/nd30"
	"github.com/vanban/vanban/internal/registry"
)

// Issue numbers, lays out, renders and records a document of any kind,
// atomically. The input is decoded and validated once, before a number is
// taken, into the kind's typed draft (with the register's date); inside the
// register's lock the draft gets its number (letterhead.Draft.Stamp) and is
// laid out and rendered once. A render that fails consumes no number. The
// number never reaches the document by editing the input. It returns the
// record and the file in the format asked for; the record keeps the input
// as given, which with the record's number and date makes the document
// again.
func (s *Service) Issue(ctx context.Context, data []byte, f Format) (registry.Record, File, error) {
	if s.Register == nil {
		return registry.Record{}, File{}, apperr.New(apperr.Internal, "no_register", "issue: no register wired")
	}
	r, err := s.renderer(f)
	if err != nil {
		return registry.Record{}, File{}, err
	}
	today := s.Register.Today()
	p, t, err := s.prepareIssue(ctx, data, today)
	if err != nil {
		return registry.Record{}, File{}, err
	}
	lh := p.Draft.Letterhead
	symbol := nd30.Symbol(t, lh.Agency.Abbreviation)
	if p.Draft.Legal {
		// A văn bản quy phạm pháp luật's number carries the year
		// (86/2025/QĐ-UBND): the register records the ký hiệu the document
		// prints.
		symbol = strconv.Itoa(today.Year) + "/" + symbol
	}
	req := registry.IssueRequest{
		Agency: lh.Agency.Abbreviation, Kind: t.Abbreviation, KindName: t.Name,
		Symbol: symbol, Summary: p.Draft.Subject, Signer: lh.Signer.Name,
		Recipients: lh.Recipients, Archive: strings.Join(append([]string{"VT"}, lh.Archive...), ", "),
		Input: func(string, nd30.Date) ([]byte, error) { return p.Input, nil },
	}
	var out File
	rec, err := s.Register.Issue(ctx, req, func(ctx context.Context, number string, date nd30.Date) ([]registry.File, error) {
		if p.Draft.Legal && date.Year != today.Year {
			// The register's day turned into a new year after the ký hiệu
			// took its year: no number is used, the caller issues again.
			return nil, apperr.New(apperr.Conflict, "year_changed", fmt.Sprintf(
				"Năm mới đã bắt đầu trong lúc cấp số (ký hiệu ghi năm %d, sổ đã sang năm %d): chưa số nào bị dùng, hãy cấp số lại.", today.Year, date.Year))
		}
		n, err := numberOf(number)
		if err != nil {
			return nil, err
		}
		p.Draft.Stamp(letterhead.Stamp{Number: n, Width: len(number), Date: date})
		doc, warns, err := p.Draft.Document()
		if err != nil {
			return nil, err
		}
		if err := ctx.Err(); err != nil {
			return nil, apperr.Wrap(err, "issue")
		}
		// The issued file is the one asked for (the PDF that is signed and
		// sent, or the DOCX); it is kept byte for byte with its SHA-256.
		// Keeping the other format too would cost a second stored file
		// (and its fsyncs) inside the series lock: about 20 % of the
		// issuing rate on this machine's disk (BENCHMARKS.md).
		file, err := s.renderWith(r, doc, f)
		if err != nil {
			return nil, err
		}
		file.Warnings = append(p.Warnings, warns...)
		out = file
		return []registry.File{{Name: file.Name, ContentType: file.ContentType, Data: file.Data}}, nil
	})
	if err != nil {
		return registry.Record{}, File{}, err
	}
	return rec, out, nil
}

// prepareIssue checks the input as issuing on day today checks it: a kind
// numbered through the register, no number given, the register's date.
func (s *Service) prepareIssue(ctx context.Context, data []byte, today nd30.Date) (*Prepared, nd30.DocType, error) {
	p, err := s.prepare(ctx, data, &letterhead.Stamp{Width: s.Register.Config().Padding, Date: today})
	if err != nil {
		return nil, nd30.DocType{}, err
	}
	t, ok := nd30.LookupType(p.Kind.Register)
	if !ok {
		return nil, nd30.DocType{}, apperr.Invalidf("kind", "not_registrable", "Loại văn bản %q chưa được cấp số qua sổ.", p.Kind.Name)
	}
	return p, t, nil
}

// numberOf reads the register's formatted number ("007").
func numberOf(text string) (int, error) {
	n := 0
	for _, r := range text {
		if r < '0' || r > '9' {
			return 0, apperr.New(apperr.Internal, "bad_number", "issue: register number "+text)
		}
		n = n*10 + int(r-'0')
	}
	return n, nil
}

// NextNumber is the số and ký hiệu the document of data would take if it
// were issued now ("06/KH-SVHTTDL"); nothing is taken. The input is checked
// as issuing checks it.
func (s *Service) NextNumber(ctx context.Context, data []byte) (string, error) {
	if s.Register == nil {
		return "", apperr.New(apperr.Internal, "no_register", "next number: no register wired")
	}
	today := s.Register.Today()
	p, t, err := s.prepareIssue(ctx, data, today)
	if err != nil {
		return "", err
	}
	abbr := p.Draft.Letterhead.Agency.Abbreviation
	n, err := s.Register.Next(ctx, abbr, t.Abbreviation, "", today.Year)
	if err != nil {
		return "", err
	}
	return n + "/" + nd30.Symbol(t, abbr), nil
}
