package sqlstore_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/google/uuid"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/nd30"
	"github.com/vanban/vanban/internal/registry"
	"github.com/vanban/vanban/internal/sqlstore"
)

func wantKind(t *testing.T, err error, k apperr.Kind, code string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want %s", code)
	}
	ae := apperr.As(err)
	if ae.Kind != k || ae.Code != code {
		t.Fatalf("error %v (kind %d, code %q), want kind %d code %q", err, ae.Kind, ae.Code, k, code)
	}
	if ae.Detail == "" {
		t.Fatalf("error %q has no Vietnamese detail", code)
	}
}

func TestIssueGetFile(t *testing.T) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			svc := newService(t, b.open(t), b.dir, registry.Config{})
			var rendered []byte
			rec, err := svc.Issue(ctx, plan("Tổ chức phong trào thi đua năm 2026"),
				func(ctx context.Context, number string, date nd30.Date) ([]registry.File, error) {
					fs, err := fakeRender(4096)(ctx, number, date)
					rendered = fs[0].Data
					return fs, err
				})
			if err != nil {
				t.Fatal(err)
			}
			if rec.Number != 1 || rec.NumberText != "01" || rec.Ref() != "01/KH-SVHTTDL" || rec.Year != 2026 ||
				rec.Status != registry.Issued || rec.Series != registry.SharedSeries {
				t.Fatalf("issued %+v", rec)
			}
			if rec.Date != (nd30.Date{Year: 2026, Month: 3, Day: 10}) {
				t.Errorf("date %v, want today 2026-03-10", rec.Date)
			}
			if !bytes.Contains(rendered, []byte("Số: 01/KH-SVHTTDL")) {
				t.Errorf("render did not get the number: %q", rendered[:60])
			}
			got, err := svc.Get(ctx, rec.ID.String())
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(got) != fmt.Sprint(rec) {
				t.Errorf("Get:\n%+v\nwant\n%+v", got, rec)
			}
			if len(got.Files) != 1 || got.Files[0].Size != 4096 || got.Files[0].ContentType != "application/pdf" {
				t.Fatalf("files %+v", got.Files)
			}
			info, data, err := svc.File(ctx, rec.ID.String(), "")
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(data, rendered) || info.Name != "ke-hoach.pdf" {
				t.Errorf("downloaded file differs from the issued one")
			}
			_, _, err = svc.File(ctx, rec.ID.String(), "khac.pdf")
			wantKind(t, err, apperr.NotFound, "file_not_found")

			second, err := svc.Issue(ctx, plan("Báo cáo"), fakeRender(100))
			if err != nil {
				t.Fatal(err)
			}
			if second.NumberText != "02" {
				t.Errorf("second number %q", second.NumberText)
			}
		})
	}
}

func TestSeparateSeriesAndPadding(t *testing.T) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			svc := newService(t, b.open(t), b.dir, registry.Config{
				Series:  []registry.Series{{Name: "quyet-dinh", Kinds: []string{"QĐ"}}, {Name: "chung"}, {Name: "mat", Kinds: []string{"MẬT"}}},
				Padding: 3,
			})
			qd := plan("Tặng Giấy khen")
			qd.Kind, qd.KindName, qd.Symbol = "QĐ", "Quyết định", "QĐ-SVHTTDL"
			tt := plan("Đề nghị tặng Bằng khen")
			tt.Kind, tt.KindName, tt.Symbol = "TTr", "Tờ trình", "TTr-SVHTTDL"
			secret := plan("Mật")
			secret.Series = "mat"
			steps := []struct {
				req  registry.IssueRequest
				want string
			}{
				{qd, "001/QĐ-SVHTTDL"}, {tt, "001/TTr-SVHTTDL"}, {plan("KH"), "002/KH-SVHTTDL"},
				{qd, "002/QĐ-SVHTTDL"}, {secret, "001/KH-SVHTTDL"}, {tt, "003/TTr-SVHTTDL"},
			}
			for i, s := range steps {
				rec, err := svc.Register(ctx, registry.RegisterRequest{IssueRequest: s.req})
				if err != nil {
					t.Fatalf("step %d: %v", i, err)
				}
				if rec.Ref() != s.want {
					t.Errorf("step %d: %s, want %s", i, rec.Ref(), s.want)
				}
			}
			// A number of 10 and above is written as it is.
			svc2 := newService(t, b.open(t), b.dir, registry.Config{Agency: "UBND"})
			var last registry.Record
			for range 10 {
				var err error
				if last, err = svc2.Register(ctx, registry.RegisterRequest{IssueRequest: plan("x")}); err != nil {
					t.Fatal(err)
				}
			}
			if last.NumberText != "10" {
				t.Errorf("tenth number %q, want 10", last.NumberText)
			}
		})
	}
}

func TestRenderFailureConsumesNoNumber(t *testing.T) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			svc := newService(t, b.open(t), b.dir, registry.Config{})
			boom := errors.New("font missing")
			_, err := svc.Issue(ctx, plan("A"), func(context.Context, string, nd30.Date) ([]registry.File, error) {
				return nil, boom
			})
			if !errors.Is(err, boom) || apperr.As(err).Kind != apperr.Internal {
				t.Fatalf("error %v, want the render error as Internal", err)
			}
			// A render that returns an apperr error keeps it.
			_, err = svc.Issue(ctx, plan("A"), func(context.Context, string, nd30.Date) ([]registry.File, error) {
				return nil, apperr.Invalidf("body", "too_long", "Nội dung quá dài.")
			})
			wantKind(t, err, apperr.Invalid, "too_long")
			// A render that returns no file fails too.
			_, err = svc.Issue(ctx, plan("A"), func(context.Context, string, nd30.Date) ([]registry.File, error) {
				return nil, nil
			})
			wantKind(t, err, apperr.Internal, "internal")
			if n := len(allRecords(t, svc, "SVHTTDL")); n != 0 {
				t.Fatalf("%d records after failed renders", n)
			}
			rec, err := svc.Issue(ctx, plan("A"), fakeRender(10))
			if err != nil {
				t.Fatal(err)
			}
			if rec.Number != 1 {
				t.Errorf("number after failed renders %d, want 1", rec.Number)
			}
		})
	}
}

func TestRegisterOutOfSequence(t *testing.T) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			svc := newService(t, b.open(t), b.dir, registry.Config{})
			_, err := svc.Register(ctx, registry.RegisterRequest{IssueRequest: plan("x"), Number: 5})
			wantKind(t, err, apperr.Conflict, "number_out_of_sequence")
			if n := len(allRecords(t, svc, "SVHTTDL")); n != 0 {
				t.Fatalf("%d records written", n)
			}
			rec, err := svc.Register(ctx, registry.RegisterRequest{IssueRequest: plan("x"), Number: 1})
			if err != nil || rec.Number != 1 || rec.Status != registry.Registered {
				t.Fatalf("register 1: %+v %v", rec, err)
			}
			_, err = svc.Register(ctx, registry.RegisterRequest{IssueRequest: plan("x"), Number: 1})
			wantKind(t, err, apperr.Conflict, "number_out_of_sequence")
			next, err := svc.Next(ctx, "", "KH", "", 2026)
			if err != nil || next != "02" {
				t.Fatalf("next %q %v", next, err)
			}
		})
	}
}

func TestYearRollover(t *testing.T) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			c := &clock{t: vn(2025, 12, 31, 16, 0)}
			svc := newService(t, b.open(t), b.dir, registry.Config{Now: c.Now})
			for range 3 {
				if _, err := svc.Issue(ctx, plan("cuối năm"), fakeRender(10)); err != nil {
					t.Fatal(err)
				}
			}
			// 17:00 UTC on 31 December is already 1 January in Vietnam.
			c.Set(vn(2026, 1, 1, 0, 0).UTC())
			rec, err := svc.Issue(ctx, plan("đầu năm"), fakeRender(10))
			if err != nil {
				t.Fatal(err)
			}
			if rec.Year != 2026 || rec.NumberText != "01" || rec.Date != (nd30.Date{Year: 2026, Month: 1, Day: 1}) {
				t.Errorf("first document of 2026: %s year %d date %v", rec.Ref(), rec.Year, rec.Date)
			}
			// 2025 is closed: a 2025 document is refused unless it is
			// marked a late registration (issue 10 item 12)…
			late := plan("đăng ký muộn")
			late.Date = nd30.Date{Year: 2025, Month: 12, Day: 30}
			_, err = svc.Register(ctx, registry.RegisterRequest{IssueRequest: late})
			if e := apperr.As(err); e == nil || len(e.Problems) != 1 || e.Problems[0].Code != "closed_year" || e.Problems[0].Field != "date" ||
				!strings.Contains(e.Problems[0].Message, "đăng ký muộn") {
				t.Fatalf("2025 document without lateRegistration: %v", err)
			}
			// …then it continues 2025's series and is recorded as late.
			late.Late = true
			rec, err = svc.Register(ctx, registry.RegisterRequest{IssueRequest: late})
			if err != nil || rec.Year != 2025 || rec.Number != 4 || !rec.Late {
				t.Fatalf("late 2025 registration: %+v %v", rec, err)
			}
			if got, err := svc.Get(ctx, rec.ID.String()); err != nil || !got.Late {
				t.Errorf("late registration read back: %+v %v", got, err)
			} else if _, rows := registry.ExportTable([]registry.Record{got}); !strings.HasPrefix(rows[0][len(rows[0])-1], "Đăng ký muộn") {
				t.Errorf("the exported register does not say the registration was late: %q", rows[0])
			}
			// A current-year document never carries the mark.
			now := plan("đúng hạn")
			now.Late = true
			if rec, err := svc.Register(ctx, registry.RegisterRequest{IssueRequest: now}); err != nil || rec.Late {
				t.Errorf("2026 document marked late: %+v %v", rec, err)
			}
		})
	}
}

func TestBadInputWritesNothing(t *testing.T) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			svc := newService(t, b.open(t), b.dir, registry.Config{
				Series: []registry.Series{{Name: "quyet-dinh", Kinds: []string{"QĐ"}}},
			})
			qd := plan("x")
			qd.Kind, qd.Symbol = "QĐ", "QĐ-SVHTTDL"
			future := qd
			future.Date = nd30.Date{Year: 2027, Month: 1, Day: 2}
			tomorrow := qd
			tomorrow.Date = nd30.Date{Year: 2026, Month: 3, Day: 11}
			unknown := qd
			unknown.Series = "mat"
			spaced := qd
			spaced.Symbol = "QĐ - SVHTTDL"
			empty := registry.IssueRequest{Kind: "QĐ"}
			cases := []struct {
				name string
				req  registry.IssueRequest
				kind apperr.Kind
				code string
			}{
				{"future year", future, apperr.Invalid, "invalid_input"},
				{"future date", tomorrow, apperr.Invalid, "invalid_input"},
				{"unknown series", unknown, apperr.Invalid, "unknown_series"},
				{"kind without series", plan("x"), apperr.Invalid, "unknown_series"},
				{"spaces in symbol", spaced, apperr.Invalid, "invalid_input"},
				{"missing fields", empty, apperr.Invalid, "invalid_input"},
			}
			for _, c := range cases {
				_, err := svc.Issue(ctx, c.req, fakeRender(10))
				wantKind(t, err, c.kind, c.code)
				_, err = svc.Register(ctx, registry.RegisterRequest{IssueRequest: c.req})
				wantKind(t, err, c.kind, c.code)
			}
			_, err := svc.Issue(ctx, future, fakeRender(10))
			if p := apperr.As(err).Problems; len(p) != 1 || p[0].Field != "date" || p[0].Code != "year_in_future" {
				t.Errorf("future year problems %+v", p)
			}
			_, err = svc.Issue(ctx, empty, fakeRender(10))
			if p := apperr.As(err).Problems; len(p) != 3 {
				t.Errorf("missing fields: %+v, want symbol, summary and signer", p)
			}
			_, err = svc.Records(ctx, "", 2026, "")
			wantKind(t, err, apperr.NotFound, "empty_register")
			_, err = svc.Records(ctx, "", 2030, "")
			wantKind(t, err, apperr.Invalid, "year_in_future")
			_, err = svc.Records(ctx, "", 2026, "mat")
			wantKind(t, err, apperr.Invalid, "unknown_series")
			_, err = svc.Get(ctx, "not-a-uuid")
			wantKind(t, err, apperr.Invalid, "malformed_id")
			_, err = svc.Get(ctx, uuid.NewString())
			wantKind(t, err, apperr.NotFound, "record_not_found")
			_, err = svc.VerifyCertificate(ctx, "12345")
			wantKind(t, err, apperr.Invalid, "malformed_id")
			_, err = svc.List(ctx, registry.Query{Year: 2027})
			wantKind(t, err, apperr.Invalid, "year_in_future")
			next, err := svc.Next(ctx, "", "QĐ", "", 2026)
			if err != nil || next != "01" {
				t.Errorf("after bad input the next number is %q (%v), want 01", next, err)
			}
		})
	}
}

func TestCancelKeepsNumber(t *testing.T) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			svc := newService(t, b.open(t), b.dir, registry.Config{})
			first, err := svc.Issue(ctx, plan("A"), fakeRender(10))
			if err != nil {
				t.Fatal(err)
			}
			c, err := svc.Cancel(ctx, first.ID.String(), "Ban hành nhầm")
			if err != nil {
				t.Fatal(err)
			}
			if c.Status != registry.Cancelled || c.CancelReason != "Ban hành nhầm" || c.CancelledAt == nil ||
				c.Number != 1 || len(c.Files) != 1 {
				t.Fatalf("cancelled %+v", c)
			}
			_, err = svc.Cancel(ctx, first.ID.String(), "lần nữa")
			wantKind(t, err, apperr.Conflict, "already_cancelled")
			_, err = svc.Cancel(ctx, uuid.NewString(), "x")
			wantKind(t, err, apperr.NotFound, "record_not_found")
			_, err = svc.Cancel(ctx, first.ID.String(), "  ")
			wantKind(t, err, apperr.Invalid, "required")
			second, err := svc.Issue(ctx, plan("B"), fakeRender(10))
			if err != nil || second.Number != 2 {
				t.Fatalf("after a cancel the next number is %d (%v), want 2: numbers are never reused", second.Number, err)
			}
			p, err := svc.List(ctx, registry.Query{Status: registry.Cancelled})
			if err != nil || p.Total != 1 || p.Records[0].ID != first.ID {
				t.Fatalf("cancelled listing %+v %v", p, err)
			}
		})
	}
}

func TestListSearch(t *testing.T) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			c := &clock{t: vn(2025, 6, 1, 9, 0)}
			svc := newService(t, b.open(t), b.dir, registry.Config{Now: c.Now})
			reg := func(kind, symbol, summary, signer string) {
				t.Helper()
				r := plan(summary)
				r.Kind, r.Symbol, r.Signer = kind, symbol, signer
				if _, err := svc.Register(ctx, registry.RegisterRequest{IssueRequest: r}); err != nil {
					t.Fatal(err)
				}
			}
			reg("KH", "KH-SVHTTDL", "Tổ chức Ngày hội Văn hóa các dân tộc tỉnh Lai Châu", "Nguyễn Văn An")
			reg("TTr", "TTr-SVHTTDL", "Đề nghị tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "Trần Thị Bình")
			c.Set(vn(2026, 2, 1, 9, 0))
			reg("QĐ", "QĐ-SVHTTDL", "Tặng Giấy khen cho tập thể, cá nhân tiêu biểu trong phong trào thi đua hoà nhập", "Nguyễn Văn An")
			reg("QyĐ", "QyĐ-SVHTTDL", "Quy định về thi đua, khen thưởng", "Lê Thủy")

			cases := []struct {
				q    registry.Query
				want []string
			}{
				{registry.Query{}, []string{"01/KH-SVHTTDL", "02/TTr-SVHTTDL", "01/QĐ-SVHTTDL", "02/QyĐ-SVHTTDL"}},
				{registry.Query{Year: 2026}, []string{"01/QĐ-SVHTTDL", "02/QyĐ-SVHTTDL"}},
				{registry.Query{Kind: "TTr"}, []string{"02/TTr-SVHTTDL"}},
				// tone placement, case and NFD do not matter
				{registry.Query{Text: "VĂN HOÁ"}, []string{"01/KH-SVHTTDL"}},
				{registry.Query{Text: "hòa nhập"}, []string{"01/QĐ-SVHTTDL"}},
				{registry.Query{Text: "Uỷ ban"}, []string{"02/TTr-SVHTTDL"}},
				{registry.Query{Text: "thuỷ"}, []string{"02/QyĐ-SVHTTDL"}},
				{registry.Query{Text: "Ba\u0300ng khen"}, nil},
				{registry.Query{Text: "Bằng khen"}, []string{"02/TTr-SVHTTDL"}},
				// without diacritics
				{registry.Query{Text: "giay khen"}, []string{"01/QĐ-SVHTTDL"}},
				{registry.Query{Text: "de nghi"}, []string{"02/TTr-SVHTTDL"}},
				// symbol, number and signer
				{registry.Query{Text: "qyđ"}, []string{"02/QyĐ-SVHTTDL"}},
				{registry.Query{Text: "01/qđ"}, []string{"01/QĐ-SVHTTDL"}},
				{registry.Query{Text: "nguyễn văn an", Year: 2026}, []string{"01/QĐ-SVHTTDL"}},
				{registry.Query{Text: "thi đua", Kind: "QĐ"}, []string{"01/QĐ-SVHTTDL"}},
				{registry.Query{Text: "không có"}, nil},
				// shorter than a trigram: scanned, same answer
				{registry.Query{Text: "Ủy"}, []string{"02/TTr-SVHTTDL", "02/QyĐ-SVHTTDL"}},
				// FTS query syntax in the text is taken literally
				{registry.Query{Text: `tổ "chức`}, nil},
				{registry.Query{Text: `văn OR hóa`}, nil},
				{registry.Query{Text: "100%"}, nil},
				// no match across two fields
				{registry.Query{Text: "svhttdl kế hoạch"}, nil},
				{registry.Query{Text: "kh-svhttdl"}, []string{"01/KH-SVHTTDL"}},
			}
			// Both ways of reading a page: sorting the text index's matches,
			// and walking the ordered index (every match counts as dense).
			for _, dense := range []int{5000, 1} {
				restore := sqlstore.SetDenseMatches(dense)
				for _, c := range cases {
					p, err := svc.List(ctx, c.q)
					if err != nil {
						t.Fatal(err)
					}
					var got []string
					for _, r := range p.Records {
						got = append(got, r.Ref())
					}
					if fmt.Sprint(got) != fmt.Sprint(c.want) || p.Total != len(c.want) {
						t.Errorf("dense=%d %+v: %v (total %d), want %v", dense, c.q, got, p.Total, c.want)
					}
				}
				restore()
			}
			p, err := svc.List(ctx, registry.Query{Limit: 3, Offset: 2})
			if err != nil || len(p.Records) != 2 || p.Total != 4 || p.Records[0].Ref() != "01/QĐ-SVHTTDL" {
				t.Fatalf("paging: %+v %v", p, err)
			}
			p, err = svc.List(ctx, registry.Query{Offset: 10})
			if err != nil || len(p.Records) != 0 || p.Total != 4 {
				t.Fatalf("past the end: %+v %v", p, err)
			}
			_, err = svc.List(ctx, registry.Query{Limit: 5000})
			wantKind(t, err, apperr.Invalid, "invalid_paging")
			recs, err := svc.Records(ctx, "", 2025, "")
			if err != nil || len(recs) != 2 {
				t.Fatalf("records of 2025: %d %v", len(recs), err)
			}
		})
	}
}

func TestCertificates(t *testing.T) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			svc := newService(t, b.open(t), b.dir, registry.Config{})
			dec := registry.Decision{Ref: "123/QĐ-SVHTTDL", Date: nd30.Date{Year: 2026, Month: 3, Day: 2},
				Issuer: "Giám đốc Sở Văn hóa, Thể thao và Du lịch"}
			batch := []registry.Certificate{
				{Decision: dec, RecipientName: "Ông Nguyễn Văn An", RecipientUnit: "Phòng Quản lý văn hóa", Kind: "Giấy khen", AwardForm: "Giấy khen của Giám đốc Sở", GoldenBook: 1},
				{Decision: dec, RecipientName: "Bà Lò Thị Hoà", Kind: "Giấy khen", GoldenBook: 2},
				{Decision: dec, RecipientName: "Phòng Nghiệp vụ thể dục thể thao", Kind: "Giấy khen", GoldenBook: 3},
			}
			got, err := svc.RecordCertificates(ctx, batch)
			if err != nil {
				t.Fatal(err)
			}
			for i, c := range got {
				if c.ID == uuid.Nil || c.Agency != "SVHTTDL" || c.IssuedAt.IsZero() {
					t.Fatalf("certificate %d: %+v", i, c)
				}
				v, err := svc.VerifyCertificate(ctx, c.ID.String())
				if err != nil {
					t.Fatal(err)
				}
				// The decision is not in this register: verification says so.
				if v.DecisionCheck == nil || v.DecisionCheck.State != registry.DecisionMissing {
					t.Errorf("verify %d: decision check %+v, want not_registered", i, v.DecisionCheck)
				}
				v.DecisionCheck = nil
				if fmt.Sprint(v) != fmt.Sprint(c) {
					t.Errorf("verify %d:\n%+v\nwant\n%+v", i, v, c)
				}
			}
			_, err = svc.VerifyCertificate(ctx, uuid.NewString())
			wantKind(t, err, apperr.NotFound, "certificate_not_found")
			// The same id again: the whole batch is refused.
			again := []registry.Certificate{{Decision: dec, RecipientName: "Mới", Kind: "Giấy khen", GoldenBook: 4}, got[0]}
			_, err = svc.RecordCertificates(ctx, again)
			wantKind(t, err, apperr.Conflict, "duplicate_certificate")
			bad := []registry.Certificate{{Decision: registry.Decision{Ref: "123"}, Kind: ""}}
			_, err = svc.RecordCertificates(ctx, bad)
			wantKind(t, err, apperr.Invalid, "invalid_input")
			var n int
			st := b.open(t)
			if err := st.DB().QueryRow(`SELECT COUNT(*) FROM certificates`).Scan(&n); err != nil || n != 3 {
				t.Fatalf("%d certificates stored (%v), want 3", n, err)
			}
		})
	}
}

// TestConcurrentIssue: 1,000 issues from 8 goroutines give 1..1000, each
// once, no gap. On PostgreSQL the goroutines are split over two stores with
// their own pools, as two service instances behind a load balancer.
func TestConcurrentIssue(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			svcs := []*registry.Service{newService(t, b.open(t), b.dir, registry.Config{})}
			if b.name == sqlstore.Postgres {
				svcs = append(svcs, newService(t, b.open(t), b.dir, registry.Config{}))
			}
			const total, workers = 1000, 8
			var wg sync.WaitGroup
			errs := make(chan error, total)
			for w := range workers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					svc := svcs[w%len(svcs)]
					for range total / workers {
						if _, err := svc.Issue(ctx, plan("đồng thời"), fakeRender(2048)); err != nil {
							errs <- err
							return
						}
					}
				}()
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Fatal(err)
			}
			recs := allRecords(t, svcs[0], "SVHTTDL")
			checkSequence(t, recs, total)
			for _, r := range recs[:5] {
				_, data, err := svcs[0].File(ctx, r.ID.String(), "")
				if err != nil || !bytes.Contains(data, []byte("Số: "+r.NumberText+"/")) {
					t.Errorf("file of %s: %v", r.Ref(), err)
				}
			}
		})
	}
}

func TestMigrationsIdempotentAndConcurrent(t *testing.T) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			var wg sync.WaitGroup
			stores := make([]*sqlstore.Store, 4)
			errs := make([]error, 4)
			for i := range stores {
				wg.Add(1)
				go func() {
					defer wg.Done()
					stores[i], errs[i] = sqlstore.Open(context.Background(), b.dir, b.url)
				}()
			}
			wg.Wait()
			for i, err := range errs {
				if err != nil {
					t.Fatalf("open %d: %v", i, err)
				}
				defer stores[i].Close()
			}
			st := b.open(t)
			// Every migration file of the backend, applied once.
			files, err := os.ReadDir(filepath.Join("migrations", st.Backend()))
			if err != nil {
				t.Fatal(err)
			}
			last, _ := strconv.Atoi(strings.SplitN(files[len(files)-1].Name(), "_", 2)[0])
			v, err := st.SchemaVersion(context.Background())
			if err != nil || v != last {
				t.Fatalf("schema version %d %v, want %d", v, err, last)
			}
			var n int
			if err := st.DB().QueryRow(`SELECT COUNT(*) FROM schema_version`).Scan(&n); err != nil || n != len(files) {
				t.Fatalf("%d schema_version rows (%v)", n, err)
			}
			// A migration numbered below one already applied (0043 landing
			// after 0050) is applied all the same.
			if _, err := st.DB().Exec(`ALTER TABLE certificates DROP COLUMN decision_external`); err != nil {
				t.Fatal(err)
			}
			if _, err := st.DB().Exec(`DELETE FROM schema_version WHERE version = 43`); err != nil {
				t.Fatal(err)
			}
			again := b.open(t)
			if err := again.DB().QueryRow(`SELECT COUNT(decision_external) FROM certificates`).Scan(&n); err != nil {
				t.Errorf("0043 not applied under a higher version: %v", err)
			}
		})
	}
}

// Every record says who issued, registered or cancelled it, and when (issue
// 10 item 12); the actor comes through the context and reads back from Get,
// List and the exported register.
func TestActors(t *testing.T) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			c := &clock{t: vn(2026, 3, 2, 9, 30)}
			svc := newService(t, b.open(t), b.dir, registry.Config{Now: c.Now})
			key := registry.WithActor(context.Background(), registry.Actor{Kind: registry.ActorKey, Name: "văn thư"})
			user := registry.WithActor(context.Background(), registry.Actor{Kind: registry.ActorAccount, Name: "lan.nt"})
			issued, err := svc.Issue(key, plan("kế hoạch"), fakeRender(10))
			if err != nil {
				t.Fatal(err)
			}
			registered, err := svc.Register(user, registry.RegisterRequest{IssueRequest: plan("công văn")})
			if err != nil {
				t.Fatal(err)
			}
			c.Set(vn(2026, 3, 3, 14, 0))
			cli := registry.WithActor(context.Background(), registry.Actor{Kind: registry.ActorCLI, Name: "lan"})
			if _, err := svc.Cancel(cli, issued.ID.String(), "ban hành nhầm"); err != nil {
				t.Fatal(err)
			}
			got, err := svc.Get(context.Background(), issued.ID.String())
			if err != nil {
				t.Fatal(err)
			}
			if got.CreatedBy != (registry.Actor{Kind: registry.ActorKey, Name: "văn thư"}) ||
				got.CancelledBy != (registry.Actor{Kind: registry.ActorCLI, Name: "lan"}) ||
				!got.CreatedAt.Equal(vn(2026, 3, 2, 9, 30)) || got.CancelledAt == nil || !got.CancelledAt.Equal(vn(2026, 3, 3, 14, 0)) {
				t.Errorf("issued then cancelled: by %+v at %v, cancelled by %+v at %v", got.CreatedBy, got.CreatedAt, got.CancelledBy, got.CancelledAt)
			}
			page, err := svc.List(context.Background(), registry.Query{})
			if err != nil || len(page.Records) != 2 {
				t.Fatalf("list: %+v %v", page, err)
			}
			if page.Records[1].ID != registered.ID || page.Records[1].CreatedBy.String() != "tài khoản lan.nt" || !page.Records[1].CancelledBy.IsZero() {
				t.Errorf("registered: %+v", page.Records[1])
			}
			_, rows := registry.ExportTable(page.Records)
			for i, want := range []string{
				"Cấp số: khóa API “văn thư”, 02/03/2026\nĐã hủy ngày 03/03/2026 (CLI (lan)): ban hành nhầm",
				"Đăng ký: tài khoản lan.nt, 02/03/2026",
			} {
				if note := rows[i][len(rows[i])-1]; note != want {
					t.Errorf("Ghi chú of row %d: %q, want %q", i+1, note, want)
				}
			}
		})
	}
}

// The decision a certificate cites is looked up in the register: there, there
// but cancelled, there under another date, or not there; verification says
// which (issue 10 item 13).
func TestCheckDecision(t *testing.T) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			c := &clock{t: vn(2026, 3, 2, 9, 30)}
			svc := newService(t, b.open(t), b.dir, registry.Config{Now: c.Now})
			qd := plan("Về việc tặng Giấy khen")
			qd.Kind, qd.KindName, qd.Symbol = "QĐ", "Quyết định", "QĐ-SVHTTDL"
			qd.Date = nd30.Date{Year: 2026, Month: 3, Day: 1}
			rec, err := svc.Register(ctx, registry.RegisterRequest{IssueRequest: qd})
			if err != nil {
				t.Fatal(err)
			}
			day := nd30.Date{Year: 2026, Month: 3, Day: 1}
			for _, tc := range []struct {
				ref  string
				date nd30.Date
				want registry.DecisionState
			}{
				{"01/QĐ-SVHTTDL", day, registry.DecisionRegistered},
				{"1/QĐ-SVHTTDL", day, registry.DecisionRegistered},
				{"01/QĐ-SVHTTDL", nd30.Date{Year: 2026, Month: 2, Day: 27}, registry.DecisionOtherDate},
				{"02/QĐ-SVHTTDL", day, registry.DecisionMissing},
				{"01/QĐ-UBND", day, registry.DecisionMissing},
				{"01/QĐ-SVHTTDL", nd30.Date{Year: 2025, Month: 3, Day: 1}, registry.DecisionMissing},
			} {
				chk, err := svc.CheckDecision(ctx, "SVHTTDL", registry.Decision{Ref: tc.ref, Date: tc.date})
				if err != nil || chk.State != tc.want {
					t.Errorf("%s of %s: %+v %v, want %s", tc.ref, tc.date, chk, err, tc.want)
				}
			}
			certs, err := svc.RecordCertificates(ctx, []registry.Certificate{{Agency: "SVHTTDL", Decision: registry.Decision{Ref: "01/QĐ-SVHTTDL", Date: day},
				RecipientName: "Ông Nguyễn Văn An", Kind: "Giấy khen"}})
			if err != nil {
				t.Fatal(err)
			}
			v, err := svc.VerifyCertificate(ctx, certs[0].ID.String())
			if err != nil || v.DecisionCheck == nil || v.DecisionCheck.State != registry.DecisionRegistered {
				t.Fatalf("verify: %+v %v", v.DecisionCheck, err)
			}
			if _, err := svc.Cancel(ctx, rec.ID.String(), "ký nhầm người"); err != nil {
				t.Fatal(err)
			}
			v, err = svc.VerifyCertificate(ctx, certs[0].ID.String())
			if err != nil || v.DecisionCheck == nil || v.DecisionCheck.State != registry.DecisionCancelled ||
				!strings.Contains(v.DecisionCheck.Message(v.Decision), "đã bị hủy ngày 02/03/2026.") ||
				strings.Contains(v.DecisionCheck.Message(v.Decision), "ký nhầm") || v.DecisionCheck.Record.CancelReason != "" {
				t.Errorf("verify after the decision is cancelled (public: the date, not the reason): %q %+v %v", v.DecisionCheck.Message(v.Decision), v.DecisionCheck.Record, err)
			}
		})
	}
}
