// Command adversarial replays the probes of issue 10 (hostile input) against
// a vanban service running on THIS machine (loopback only; bounded count and
// time) and prints, per probe, the statuses it got and the service's peak
// resident memory during the probe (process_resident_memory_bytes of
// /metrics, sampled every 50 ms). It fails (exit 1) on any 500, any status
// outside the probe's expected set, or a peak RSS above -max-rss.
//
//	go run ./bench/adversarial -url http://127.0.0.1:18090
//
// The service is expected in its default set-up: no API key, listening on
// loopback (writes open), default limits.
package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/url"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

type probe struct {
	name string
	want []int // acceptable statuses
	run  func(p *prober) []int
}

type prober struct {
	base   string
	client *http.Client
	data   string // repository root (testdata)
}

func main() {
	base := flag.String("url", "http://127.0.0.1:18090", "the service (loopback only)")
	root := flag.String("repo", ".", "repository root (for testdata)")
	maxRSS := flag.Int64("max-rss", 256<<20, "largest acceptable peak RSS in bytes")
	timeout := flag.Duration("timeout", 5*time.Minute, "bound of the whole run")
	only := flag.String("only", "", "run only probes whose name contains this")
	flag.Parse()
	u, err := url.Parse(*base)
	if err != nil || !loopback(u.Hostname()) {
		fmt.Fprintln(os.Stderr, "adversarial: -url must be a loopback address (127.0.0.1, ::1, localhost)")
		os.Exit(2)
	}
	p := &prober{base: strings.TrimRight(*base, "/"), data: *root,
		client: &http.Client{Timeout: 60 * time.Second, Transport: &http.Transport{MaxConnsPerHost: 200, MaxIdleConnsPerHost: 200, ExpectContinueTimeout: 10 * time.Second}}}
	deadline := time.Now().Add(*timeout)
	idle := p.rss()
	fmt.Printf("service %s, RSS at start %s\n\n", *base, mb(idle))
	fmt.Printf("%-58s %-28s %10s  %s\n", "probe", "statuses", "peak RSS", "verdict")
	failed := 0
	overall := idle
	for _, pr := range probes() {
		if *only != "" && !strings.Contains(pr.name, *only) {
			continue
		}
		if time.Now().After(deadline) {
			fmt.Println("time bound reached; stopping")
			break
		}
		var peak atomic.Int64
		stop := make(chan struct{})
		var wg sync.WaitGroup
		wg.Add(1)
		go func() { // samples the service's RSS while the probe runs
			defer wg.Done()
			for {
				if r := p.rss(); r > peak.Load() {
					peak.Store(r)
				}
				select {
				case <-stop:
					return
				case <-time.After(50 * time.Millisecond):
				}
			}
		}()
		start := time.Now()
		got := pr.run(p)
		close(stop)
		wg.Wait()
		if r := p.rss(); r > peak.Load() {
			peak.Store(r)
		}
		verdict := "ok"
		for _, s := range got {
			if s >= 500 && s != http.StatusServiceUnavailable || !contains(pr.want, s) {
				verdict = fmt.Sprintf("FAIL (status %d, want %v)", s, pr.want)
			}
		}
		if peak.Load() > *maxRSS {
			verdict = "FAIL (RSS)"
		}
		if verdict != "ok" {
			failed++
		}
		overall = max(overall, peak.Load())
		fmt.Printf("%-58s %-28s %10s  %s (%.1fs)\n", pr.name, summary(got), mb(peak.Load()), verdict, time.Since(start).Seconds())
	}
	fmt.Printf("\npeak RSS over the run %s (limit %s); %d probe(s) failed\n", mb(overall), mb(*maxRSS), failed)
	if failed > 0 {
		os.Exit(1)
	}
}

func probes() []probe {
	return []probe{
		{"1a XLSX, 7.6 M empty shared strings (195 KB)", []int{413}, func(p *prober) []int {
			return []int{p.upload("bomb.xlsx", p.xlsx("xl/sharedStrings.xml", func(w io.Writer) {
				io.WriteString(w, `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
				si := []byte(strings.Repeat("<si><t/></si>", 1000))
				for range 7600 {
					w.Write(si)
				}
				io.WriteString(w, `</sst>`)
			}))}
		}},
		{"1b XLSX, 3 such uploads at once", []int{413, 503}, func(p *prober) []int {
			data := p.xlsx("xl/sharedStrings.xml", func(w io.Writer) {
				io.WriteString(w, `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
				si := []byte(strings.Repeat("<si><t/></si>", 1000))
				for range 7600 {
					w.Write(si)
				}
				io.WriteString(w, `</sst>`)
			})
			return p.parallel(3, func() int { return p.upload("bomb.xlsx", data) })
		}},
		{"1c XLSX, 18,491 × 256 numbers", []int{413}, func(p *prober) []int {
			return []int{p.upload("cells.xlsx", p.xlsx("xl/worksheets/sheet1.xml", func(w io.Writer) {
				io.WriteString(w, `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
				row := []byte("<row>" + strings.Repeat("<c><v>1</v></c>", 256) + "</row>")
				for range 18491 {
					w.Write(row)
				}
				io.WriteString(w, `</sheetData></worksheet>`)
			}))}
		}},
		{"2  150 concurrent 15 MB bodies", []int{400, 503}, func(p *prober) []int {
			return p.parallel(150, func() int {
				body := io.MultiReader(strings.NewReader(`{"kind":"ke-hoach","summary":"`), &filler{n: 15 << 20}, strings.NewReader(`"}`))
				// Expect: 100-continue, as curl sends for large bodies: the
				// client hears an early 503 instead of a reset connection.
				return p.do("POST", "/v1/documents", body, int64(15<<20+len(`{"kind":"ke-hoach","summary":""}`)), "application/json",
					map[string]string{"Expect": "100-continue"})
			})
		}},
		{"3  2,000 uploads with distinct file extensions", []int{400, 413}, func(p *prober) []int {
			before := p.metricsSize()
			var out []int
			for i := range 2000 {
				out = append(out, p.upload(fmt.Sprintf("list.x%06d", i), []byte("not a list")))
			}
			after := p.metricsSize()
			if after-before > 64<<10 {
				fmt.Printf("   /metrics grew from %d to %d bytes\n", before, after)
				out = append(out, 999)
			}
			return dedupe(out)
		}},
		{"4a legalBases, 13.7 MB", []int{400, 413}, func(p *prober) []int {
			m := p.example("to-trinh-khen-thuong.json")
			var bases []string
			for len(bases)*140 < 13_700_000 {
				bases = append(bases, "Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022 và các văn bản hướng dẫn thi hành của Chính phủ, Bộ Nội vụ")
			}
			m["legalBases"] = bases
			return []int{p.json("POST", "/v1/documents", m)}
		}},
		{"4b register: 200,000-character trích yếu", []int{400}, func(p *prober) []int {
			return []int{p.json("POST", "/v1/registry/register", map[string]any{"kind": "CV", "symbol": "SVHTTDL-VP", "summary": strings.Repeat("x", 200000), "signer": "A"})}
		}},
		{"4c register: 100,000 recipients", []int{400}, func(p *prober) []int {
			rs := make([]string, 100000)
			for i := range rs {
				rs[i] = "UBND huyện"
			}
			return []int{p.json("POST", "/v1/registry/register", map[string]any{"kind": "CV", "symbol": "SVHTTDL-VP", "summary": "x", "signer": "A", "recipients": rs})}
		}},
		{"4d cancel reason of 1 MiB", []int{400, 404}, func(p *prober) []int {
			return []int{p.json("POST", "/v1/registry/00000000-0000-4000-8000-000000000001/cancel", map[string]any{"reason": strings.Repeat("z", 1<<20)})}
		}},
		{"6  emoji after Ω (fpdf panic before)", []int{400}, func(p *prober) []int {
			m := p.example("ke-hoach-lai-chau.json")
			m["summary"] = "Kế hoạch Ω😀 thi đua"
			return []int{p.json("POST", "/v1/documents?format=pdf", m)}
		}},
		{"7  CJK in a name (blank in the PDF before)", []int{400}, func(p *prober) []int {
			m := p.example("ke-hoach-lai-chau.json")
			m["summary"] = "Kế hoạch 中文 thi đua"
			return []int{p.json("POST", "/v1/documents?format=pdf", m), p.json("POST", "/v1/documents?format=docx", m)}
		}},
		{"8  control/bidi chars: batch and register (40 probes)", []int{400}, func(p *prober) []int {
			var out []int
			for _, c := range []string{"\r\n", "\t", "\u0001", "\u007f", "\u0085", "\u202e", "\u2066", "\u200f"} {
				b := p.example("giay-khen-batch.json")
				rs := b["recipients"].([]any)
				rs[0].(map[string]any)["name"] = "Nguyễn" + c + "Văn A"
				out = append(out, p.json("POST", "/v1/certificates?format=pdf", b))
				for _, field := range []string{"summary", "signer", "symbol", "archive"} {
					req := map[string]any{"kind": "CV", "symbol": "SVHTTDL-VP", "summary": "Về việc x", "signer": "Nguyễn Văn A", "archive": "VT"}
					req[field] = req[field].(string) + c + "x"
					out = append(out, p.json("POST", "/v1/registry/register", req))
				}
			}
			return dedupe(out)
		}},
		{"9  '=HYPERLINK(…)' collective → manifest.csv", []int{200}, func(p *prober) []int {
			b := p.registeredBatch()
			rs := b["recipients"].([]any)
			b["recipients"] = rs[:1]
			rs[0].(map[string]any)["name"] = `=HYPERLINK("http://evil.example","Bấm")`
			st, body := p.jsonBody("POST", "/v1/certificates?format=zip", b)
			if st == 200 && !manifestSafe(body) {
				return []int{st, 999}
			}
			return []int{st}
		}},
		{"10 duplicate key, UTF-16 body", []int{400}, func(p *prober) []int {
			return []int{
				p.do("POST", "/v1/registry/register", strings.NewReader(`{"kind":"CV","kind":"QĐ","symbol":"X","summary":"x","signer":"A"}`), -1, "application/json", nil),
				p.do("POST", "/v1/documents", strings.NewReader("\xff\xfe{\x00}\x00"), -1, "application/json", nil),
			}
		}},
		{"11a text/plain POST with a foreign Origin", []int{403, 415}, func(p *prober) []int {
			return []int{
				p.do("POST", "/v1/registry/register", strings.NewReader(`{"kind":"CV","symbol":"X","summary":"x","signer":"A"}`), -1, "text/plain", map[string]string{"Origin": "https://evil.example"}),
				p.do("POST", "/v1/registry/register", strings.NewReader(`{"kind":"CV","symbol":"X","summary":"x","signer":"A"}`), -1, "application/json", map[string]string{"Origin": "https://evil.example"}),
				p.do("POST", "/v1/registry/register", strings.NewReader(`{"kind":"CV","symbol":"X","summary":"x","signer":"A"}`), -1, "text/plain", nil),
			}
		}},
		{"11b DNS rebinding: Host evil.example", []int{403}, func(p *prober) []int {
			return []int{p.do("GET", "/v1/registry", nil, -1, "", map[string]string{"Host": "evil.example:8080"}),
				p.do("POST", "/v1/registry/register", strings.NewReader(`{}`), -1, "application/json", map[string]string{"Host": "evil.example"})}
		}},
		{"12 closed year's document, not marked late", []int{400}, func(p *prober) []int {
			req := map[string]any{"kind": "CV", "symbol": "SVHTTDL-VP", "summary": "Về việc x", "signer": "Nguyễn Văn A",
				"agency": "SVHTTDL", "date": strconv.Itoa(time.Now().Year()-1) + "-06-01"}
			return []int{p.json("POST", "/v1/registry/register", req)}
		}},
		{"13 certificate batch citing a decision not in the register", []int{400}, func(p *prober) []int {
			b := p.example("giay-khen-batch.json")
			b["decision"].(map[string]any)["number"] = 9999
			return []int{p.json("POST", "/v1/certificates?format=pdf", b)}
		}},
		{"16 certificate batch of 20,000", []int{413}, func(p *prober) []int {
			b := p.example("giay-khen-batch.json")
			rs := b["recipients"].([]any)
			var many []any
			for len(many) < 20000 {
				r := map[string]any{}
				for k, v := range rs[len(many)%len(rs)].(map[string]any) {
					r[k] = v
				}
				delete(r, "number")
				many = append(many, r)
			}
			b["recipients"] = many
			b["numbering"] = map[string]any{"start": 1}
			return []int{p.json("POST", "/v1/certificates?format=pdf", b)}
		}},
	}
}

// filler yields n spaces.
type filler struct{ n int }

func (f *filler) Read(b []byte) (int, error) {
	if f.n <= 0 {
		return 0, io.EOF
	}
	k := min(len(b), f.n)
	for i := range b[:k] {
		b[i] = 'a'
	}
	f.n -= k
	return k, nil
}

func (p *prober) do(method, path string, body io.Reader, size int64, ctype string, hdr map[string]string) int {
	st, _ := p.doBody(method, path, body, size, ctype, hdr)
	return st
}

func (p *prober) doBody(method, path string, body io.Reader, size int64, ctype string, hdr map[string]string) (int, []byte) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, p.base+path, body)
	if err != nil {
		return 0, nil
	}
	if size >= 0 {
		req.ContentLength = size
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	for k, v := range hdr {
		if k == "Host" {
			req.Host = v
			continue
		}
		req.Header.Set(k, v)
	}
	resp, err := p.client.Do(req)
	if err != nil {
		return 0, nil // connection closed by the server after a refusal
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	return resp.StatusCode, b
}

// registeredBatch is the example certificate batch citing a decision the
// register holds (a recorded batch must, issue 10 item 13): the example's
// decision of 10/12/2025 is registered late, and the batch takes its number.
func (p *prober) registeredBatch() map[string]any {
	b := p.example("giay-khen-batch.json")
	dec := b["decision"].(map[string]any)
	st, body := p.jsonBody("POST", "/v1/registry/register", map[string]any{"kind": "QĐ", "kindName": "Quyết định",
		"symbol": dec["symbol"], "date": dec["date"], "summary": "Về việc tặng Giấy khen", "signer": "Lò Văn Thắng",
		"agency": "SVHTTDL", "lateRegistration": true})
	var rec struct {
		Number int `json:"number"`
	}
	if st == 201 && json.Unmarshal(body, &rec) == nil {
		dec["number"] = rec.Number
	}
	return b
}

func (p *prober) json(method, path string, v any) int {
	st, _ := p.jsonBody(method, path, v)
	return st
}

func (p *prober) jsonBody(method, path string, v any) (int, []byte) {
	b, _ := json.Marshal(v)
	return p.doBody(method, path, bytes.NewReader(b), int64(len(b)), "application/json", nil)
}

func (p *prober) upload(name string, data []byte) int {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	fw, _ := w.CreateFormFile("file", name)
	fw.Write(data)
	w.Close()
	return p.do("POST", "/v1/nominations/import", &buf, int64(buf.Len()), w.FormDataContentType(), nil)
}

func (p *prober) parallel(n int, f func() int) []int {
	out := make([]int, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() { defer wg.Done(); out[i] = f() }()
	}
	wg.Wait()
	return dedupe(out)
}

func (p *prober) example(name string) map[string]any {
	b, err := os.ReadFile(p.data + "/testdata/" + name)
	if err != nil {
		fmt.Fprintln(os.Stderr, "adversarial:", err)
		os.Exit(2)
	}
	m := map[string]any{}
	if err := json.Unmarshal(b, &m); err != nil {
		fmt.Fprintln(os.Stderr, "adversarial:", name, err)
		os.Exit(2)
	}
	return m
}

// xlsx is testdata/nominations.xlsx with one part replaced.
func (p *prober) xlsx(part string, body func(w io.Writer)) []byte {
	src, err := os.ReadFile(p.data + "/testdata/nominations.xlsx")
	if err != nil {
		fmt.Fprintln(os.Stderr, "adversarial:", err)
		os.Exit(2)
	}
	zr, _ := zip.NewReader(bytes.NewReader(src), int64(len(src)))
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		w, _ := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate})
		if f.Name == part {
			body(w)
			continue
		}
		rc, _ := f.Open()
		io.Copy(w, rc)
		rc.Close()
	}
	zw.Close()
	return buf.Bytes()
}

func manifestSafe(zipData []byte) bool {
	zr, err := zip.NewReader(bytes.NewReader(zipData), int64(len(zipData)))
	if err != nil {
		return false
	}
	for _, f := range zr.File {
		if f.Name != "manifest.csv" {
			continue
		}
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		return !strings.Contains(string(b), ",=HYPERLINK") && !strings.Contains(string(b), ",\"=HYPERLINK")
	}
	return false
}

// rss is the service's process_resident_memory_bytes.
func (p *prober) rss() int64 {
	resp, err := p.client.Get(p.base + "/metrics")
	if err != nil {
		return 0
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "process_resident_memory_bytes "); ok {
			f, _ := strconv.ParseFloat(strings.TrimSpace(v), 64)
			return int64(f)
		}
	}
	return 0
}

func (p *prober) metricsSize() int {
	resp, err := p.client.Get(p.base + "/metrics")
	if err != nil {
		return 0
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return len(b)
}

func loopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func contains(xs []int, x int) bool {
	for _, y := range xs {
		if x == y {
			return true
		}
	}
	return false
}

func dedupe(xs []int) []int {
	seen := map[int]bool{}
	var out []int
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	sort.Ints(out)
	return out
}

func summary(xs []int) string {
	var s []string
	for _, x := range xs {
		s = append(s, strconv.Itoa(x))
	}
	return strings.Join(s, ",")
}

func mb(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/(1<<20)) }
