package paperwork

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/letterhead"
	"github.com/vanban/vanban/internal/nd30"
	"github.com/vanban/vanban/internal/registry"
)

// Issue numbers, lays out, renders and records a document of any kind,
// atomically: the input is validated before a number is taken (laid out
// with the register's date and a blank number), and a render that fails
// consumes none. The number and the date reach the document as a typed
// stamp (letterhead.Stamp), never by editing the input. It returns the
// record and the file in the format asked for; the record keeps the input
// as given, which with the record's number and date makes the document
// again.
func (s *Service) Issue(ctx context.Context, data []byte, f Format) (registry.Record, File, error) {
	if s.Register == nil {
		return registry.Record{}, File{}, apperr.New(apperr.Internal, "no_register", "issue: no register wired")
	}
	data, err := s.resolve(ctx, data)
	if err != nil {
		return registry.Record{}, File{}, err
	}
	k, err := s.kindOfInput(data)
	if err != nil {
		return registry.Record{}, File{}, err
	}
	t, ok := nd30.LookupType(k.Register)
	if !ok {
		return registry.Record{}, File{}, apperr.Invalidf("kind", "not_registrable", "Loại văn bản %q chưa được cấp số qua sổ.", k.Name)
	}
	width := s.Register.Config().Padding
	draft, _, err := k.Build(data, &letterhead.Stamp{Width: width, Date: s.Register.Today()})
	if err != nil {
		return registry.Record{}, File{}, err
	}
	var meta struct {
		letterhead.Fields
		// Legal is a văn bản quy phạm pháp luật, whose number carries the
		// year (86/2025/QĐ-UBND): the register records the ký hiệu the
		// document prints.
		Legal bool `json:"legal"`
	}
	if err := json.Unmarshal(data, &meta); err != nil {
		return registry.Record{}, File{}, apperr.Wrap(err, "issue")
	}
	symbol := nd30.Symbol(t, meta.Agency.Abbreviation)
	if meta.Legal {
		symbol = strconv.Itoa(s.Register.Today().Year) + "/" + symbol
	}
	req := registry.IssueRequest{
		Agency: meta.Agency.Abbreviation, Kind: t.Abbreviation, KindName: t.Name,
		Symbol: symbol, Summary: draft.Subject, Signer: meta.Signer.Name,
		Recipients: meta.Recipients, Archive: strings.Join(append([]string{"VT"}, meta.Archive...), ", "),
		Input: func(string, nd30.Date) ([]byte, error) { return data, nil },
	}
	var out File
	rec, err := s.Register.Issue(ctx, req, func(ctx context.Context, number string, date nd30.Date) ([]registry.File, error) {
		n, err := numberOf(number)
		if err != nil {
			return nil, err
		}
		// The issued file is the one asked for (the PDF that is signed and
		// sent, or the DOCX); it is kept byte for byte with its SHA-256.
		// Keeping the other format too would cost a second stored file
		// (and its fsyncs) inside the series lock: about 20 % of the
		// issuing rate on this machine's disk (BENCHMARKS.md).
		file, err := s.render(ctx, k, data, f, &letterhead.Stamp{Number: n, Width: len(number), Date: date})
		if err != nil {
			return nil, err
		}
		out = file
		return []registry.File{{Name: file.Name, ContentType: file.ContentType, Data: file.Data}}, nil
	})
	if err != nil {
		return registry.Record{}, File{}, err
	}
	return rec, out, nil
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
	data, err := s.resolve(ctx, data)
	if err != nil {
		return "", err
	}
	k, err := s.kindOfInput(data)
	if err != nil {
		return "", err
	}
	t, ok := nd30.LookupType(k.Register)
	if !ok {
		return "", apperr.Invalidf("kind", "not_registrable", "Loại văn bản %q chưa được cấp số qua sổ.", k.Name)
	}
	if _, _, err := k.Build(data, &letterhead.Stamp{Width: s.Register.Config().Padding, Date: s.Register.Today()}); err != nil {
		return "", err
	}
	var meta struct{ letterhead.Fields }
	if err := json.Unmarshal(data, &meta); err != nil {
		return "", apperr.Wrap(err, "next number")
	}
	n, err := s.Register.Next(ctx, meta.Agency.Abbreviation, t.Abbreviation, "", s.Register.Today().Year)
	if err != nil {
		return "", err
	}
	return n + "/" + nd30.Symbol(t, meta.Agency.Abbreviation), nil
}
