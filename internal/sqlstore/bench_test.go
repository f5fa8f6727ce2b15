package sqlstore_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/vanban/vanban/internal/nd30"
	"github.com/vanban/vanban/internal/registry"
	"github.com/vanban/vanban/internal/sqlstore"
)

// benchBackends is like backends for benchmarks (PostgreSQL only when the
// variable is set).
func benchBackends(b *testing.B) []backend {
	bs := []backend{{name: sqlstore.SQLite, dir: b.TempDir()}}
	if os.Getenv(pgEnv) != "" {
		bs = append(bs, backend{name: sqlstore.Postgres, dir: b.TempDir(), url: pgSchema(b, os.Getenv(pgEnv))})
	}
	return bs
}

// BenchmarkIssue: one op takes a number, renders a 4 KB file, stores it
// (fsync + rename) and commits the record.
func BenchmarkIssue(b *testing.B) {
	for _, be := range benchBackends(b) {
		b.Run(be.name, func(b *testing.B) {
			svc := newService(b, be.open(b), be.dir, registry.Config{})
			ctx := context.Background()
			render := fakeRender(4096)
			b.ResetTimer()
			start := time.Now()
			for b.Loop() {
				if _, err := svc.Issue(ctx, plan("Tổ chức phong trào thi đua"), render); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "docs/s")
		})
	}
}

// seeded is a register of 100,000 records per backend, built once per
// process and shared by the listing benchmarks.
var (
	seedOnce  sync.Map // backend name → *seededDB
	seedDirs  []string
	seedDrops []func()
)

type seededDB struct {
	once sync.Once
	be   backend
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, d := range seedDrops {
		d()
	}
	for _, d := range seedDirs {
		os.RemoveAll(d)
	}
	os.Exit(code)
}

var words = strings.Fields(`tổ chức phong trào thi đua khen thưởng tặng giấy khen bằng khen tập thể cá nhân
	hoàn thành xuất sắc nhiệm vụ năm báo cáo kết quả triển khai kế hoạch lễ hội văn hóa thể thao du lịch
	đề nghị phê duyệt dự toán kinh phí hội nghị tổng kết công tác quý tháng tuyên truyền bảo tồn di sản
	thư viện bảo tàng nghệ thuật biểu diễn gia đình cơ sở thôn bản xã huyện tỉnh Lai Châu Phong Thổ Sìn Hồ`)

var kinds = []struct{ kind, name, symbol string }{
	{"QĐ", "Quyết định", "QĐ-SVHTTDL"}, {"KH", "Kế hoạch", "KH-SVHTTDL"}, {"TTr", "Tờ trình", "TTr-SVHTTDL"},
	{"CV", "Công văn", "SVHTTDL-VP"}, {"BC", "Báo cáo", "BC-SVHTTDL"}, {"TB", "Thông báo", "TB-SVHTTDL"},
}

var signers = []string{"Nguyễn Văn An", "Trần Thị Bình", "Lò Văn Hoà", "Phạm Thủy Tiên", "Đỗ Quang Huy"}

// seed100k returns a backend whose database holds 100,000 records of agency
// "SVHTTDL", all in 2026, with trích yếu of 8–20 random words; one record in
// a thousand mentions "Hội thi Tiếng hát Then".
func seed100k(b *testing.B, be backend) backend {
	v, _ := seedOnce.LoadOrStore(be.name, &seededDB{})
	s := v.(*seededDB)
	s.once.Do(func() {
		dir, err := os.MkdirTemp("", "vanban-seed-")
		if err != nil {
			s.err = err
			return
		}
		seedDirs = append(seedDirs, dir)
		s.be = backend{name: be.name, dir: dir}
		if be.url != "" {
			// A schema of its own that outlives the sub-benchmark.
			var rb [4]byte
			for i := range rb {
				rb[i] = byte(rand.IntN(256))
			}
			schema := fmt.Sprintf("vanban_seed_%x", rb)
			db, err := sql.Open("pgx", os.Getenv(pgEnv))
			if err != nil {
				s.err = err
				return
			}
			defer db.Close()
			if _, err := db.Exec(`CREATE SCHEMA ` + schema); err != nil {
				s.err = err
				return
			}
			seedDrops = append(seedDrops, func() {
				db, err := sql.Open("pgx", os.Getenv(pgEnv))
				if err == nil {
					db.Exec(`DROP SCHEMA ` + schema + ` CASCADE`)
					db.Close()
				}
			})
			s.be.url = strings.Replace(be.url, be.url[strings.Index(be.url, "search_path="):], "search_path="+schema, 1)
		}
		st, err := sqlstore.Open(context.Background(), s.be.dir, s.be.url)
		if err != nil {
			s.err = err
			return
		}
		defer st.Close()
		s.err = insertSeed(st, 100_000)
	})
	if s.err != nil {
		b.Fatal(s.err)
	}
	return s.be
}

func insertSeed(st *sqlstore.Store, n int) error {
	rng := rand.New(rand.NewPCG(1, 2))
	db := st.DB()
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	recipients, _ := json.Marshal([]string{"UBND tỉnh (b/c)", "Các phòng, đơn vị thuộc Sở"})
	created := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Format(time.RFC3339Nano)
	const batch, cols = 200, 21
	var marks []string
	var args []any
	flush := func() error {
		if len(marks) == 0 {
			return nil
		}
		_, err := tx.Exec(`INSERT INTO records (id, agency, series, year, number, number_text, symbol,
			kind, kind_name, doc_date, summary, signer, recipients, archive, copies, note, status, cancel_reason,
			cancelled_at, created_at, search) VALUES `+strings.Join(marks, ", "), args...)
		marks, args = marks[:0], args[:0]
		return err
	}
	for i := 1; i <= n; i++ {
		k := kinds[rng.IntN(len(kinds))]
		ws := make([]string, 8+rng.IntN(13))
		for j := range ws {
			ws[j] = words[rng.IntN(len(words))]
		}
		if i%1000 == 0 {
			ws = append(ws, "Hội thi Tiếng hát Then")
		}
		first := []rune(ws[0])
		ws[0] = strings.ToUpper(string(first[:1])) + string(first[1:])
		r := registry.Record{
			ID: uuid.New(), Agency: "SVHTTDL", Series: "chung", Year: 2026, Number: i,
			NumberText: nd30.NumberText(i, 2), Symbol: k.symbol, Kind: k.kind, KindName: k.name,
			Date:    nd30.Date{Year: 2026, Month: 1 + i*12/(n+1), Day: 1 + i%28},
			Summary: strings.Join(ws, " "), Signer: signers[rng.IntN(len(signers))], Status: registry.Issued,
		}
		ph := make([]string, cols)
		for c := range ph {
			ph[c] = fmt.Sprintf("$%d", len(args)+c+1)
		}
		marks = append(marks, "("+strings.Join(ph, ", ")+")")
		args = append(args, r.ID, r.Agency, r.Series, r.Year, r.Number, r.NumberText, r.Symbol, r.Kind,
			r.KindName, r.Date.String(), r.Summary, r.Signer, string(recipients), "VT, TĐKT", 10, "",
			string(r.Status), "", nil, created, registry.SearchText(r))
		if len(marks) == batch {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := flush(); err != nil {
		return err
	}
	if _, err := tx.Exec(`INSERT INTO counters (agency, series, year, last) VALUES ('SVHTTDL', 'chung', 2026, $1)`, n); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	if st.Backend() == sqlstore.Postgres {
		_, err = db.Exec(`VACUUM ANALYZE records`)
	} else {
		_, err = db.Exec(`ANALYZE`)
	}
	return err
}

// BenchmarkList100k lists the first page of a 100,000-entry register: with
// no filter, with a rare phrase (a full scan: 100 matches), with a common
// phrase typed without diacritics, with a kind filter plus text, and with a
// word found in about half of the records.
func BenchmarkList100k(b *testing.B) {
	queries := []struct {
		name  string
		q     registry.Query
		total int
	}{
		{"all", registry.Query{Year: 2026}, 100_000},
		{"rare-text", registry.Query{Year: 2026, Text: "tiếng hát then"}, 100},
		{"common-text-ascii", registry.Query{Year: 2026, Text: "thi dua"}, -1},
		{"kind+text", registry.Query{Year: 2026, Kind: "QĐ", Text: "Bằng khen"}, -1},
		// a word in about half of the register: the worst case for the count
		{"very-common-text", registry.Query{Year: 2026, Text: "khen"}, -1},
	}
	for _, be := range benchBackends(b) {
		b.Run(be.name, func(b *testing.B) {
			be := seed100k(b, be)
			c := &clock{t: vn(2026, 12, 31, 9, 0)}
			svc := newService(b, be.open(b), be.dir, registry.Config{Now: c.Now})
			ctx := context.Background()
			for _, q := range queries {
				b.Run(q.name, func(b *testing.B) {
					for b.Loop() {
						p, err := svc.List(ctx, q.q)
						if err != nil {
							b.Fatal(err)
						}
						if (q.total >= 0 && p.Total != q.total) || len(p.Records) == 0 {
							b.Fatalf("total %d, %d records", p.Total, len(p.Records))
						}
					}
				})
			}
		})
	}
}
