package httpapi

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/vanban/vanban/internal/paperwork"
)

func TestBodyLimit(t *testing.T) {
	s, _ := newTestServer(t, Config{MaxBodyBytes: 1 << 10}, allDeps())
	h := s.Handler()
	big := `{"kind":"ke-hoach","summary":"` + strings.Repeat("a", 2<<10) + `"}`
	p := problemOf(t, doJSON(t, h, "POST", "/v1/documents", big, nil), 413, "body_too_large")
	if !strings.Contains(p.Detail, "1 KiB") {
		t.Errorf("detail %q", p.Detail)
	}
	// Without a Content-Length (chunked), the body is cut at the limit.
	req := httptest.NewRequest("POST", "/v1/documents", io.MultiReader(strings.NewReader(big)))
	req.Host = "127.0.0.1:8080"
	req.Header.Set("Content-Type", "application/json")
	req.ContentLength = -1
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	problemOf(t, rec, 413, "body_too_large")
	// Just under the limit passes.
	if rec := doJSON(t, h, "POST", "/v1/documents", planExample, nil); rec.Code != 200 {
		t.Errorf("small body: %d", rec.Code)
	}
}

// countingReader yields n bytes of JSON-ish filler and counts what is read.
type countingReader struct {
	left, read int64
}

func (r *countingReader) Read(p []byte) (int, error) {
	if r.left <= 0 {
		return 0, io.EOF
	}
	n := int64(len(p))
	if n > r.left {
		n = r.left
	}
	for i := range p[:n] {
		p[i] = ' '
	}
	r.left -= n
	r.read += n
	return int(n), nil
}

// A 100 MB body gets 413 after at most the limit (plus a buffer) is read,
// whether it declares its length or not.
func TestHundredMegabyteBody(t *testing.T) {
	const size = 100 << 20
	s, _ := newTestServer(t, Config{}, allDeps()) // default 16 MiB
	for _, declared := range []bool{true, false} {
		body := &countingReader{left: size}
		req := httptest.NewRequest("POST", "/v1/documents", body)
		req.Host = "127.0.0.1:8080"
		req.Header.Set("Content-Type", "application/json")
		req.ContentLength = -1
		if declared {
			req.ContentLength = size
		}
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, req)
		problemOf(t, rec, 413, "body_too_large")
		if body.read > DefaultMaxBodyBytes+64<<10 {
			t.Errorf("declared=%v: read %d bytes of a 100 MB body", declared, body.read)
		}
		if declared && body.read != 0 {
			t.Errorf("declared oversize body was read (%d bytes)", body.read)
		}
	}
}

// blockingDocs renders only when released; it reports each start.
type blockingDocs struct {
	started chan struct{}
	release chan struct{}
}

func newBlockingDocs() *blockingDocs {
	return &blockingDocs{started: make(chan struct{}, 100), release: make(chan struct{})}
}

func (d *blockingDocs) Render(ctx context.Context, data []byte, f paperwork.Format) (paperwork.File, error) {
	d.started <- struct{}{}
	<-d.release
	return paperwork.File{Name: "KH.pdf", ContentType: f.ContentType(), Data: []byte("done")}, nil
}

func (d *blockingDocs) Kinds() []paperwork.Kind { return []paperwork.Kind{planKind()} }

func (d *blockingDocs) RenderWithDraft(ctx context.Context, data []byte, _ paperwork.Draft, f paperwork.Format) (paperwork.File, error) {
	return d.Render(ctx, data, f)
}

func (d *blockingDocs) Check(ctx context.Context, data []byte) (paperwork.CheckResult, error) {
	_, err := d.Render(ctx, data, paperwork.PDF)
	return paperwork.CheckResult{OK: err == nil}, err
}

func TestSaturation(t *testing.T) {
	docs := newBlockingDocs()
	s, _ := newTestServer(t, Config{MaxRenders: 2, QueueWait: 100 * time.Millisecond, RetryAfter: 3 * time.Second}, Deps{Documents: docs})
	h := s.Handler()
	var wg sync.WaitGroup
	codes := make([]int, 2)
	for i := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			codes[i] = doJSON(t, h, "POST", "/v1/documents", planExample, nil).Code
		}()
	}
	<-docs.started
	<-docs.started
	if got := s.limiter.inFlight.Load(); got != 2 {
		t.Fatalf("in flight %d", got)
	}
	start := time.Now()
	rec := doJSON(t, h, "POST", "/v1/documents", planExample, nil)
	waited := time.Since(start)
	problemOf(t, rec, 503, "busy")
	if rec.Header().Get("Retry-After") != "3" {
		t.Errorf("Retry-After %q", rec.Header().Get("Retry-After"))
	}
	if waited < 90*time.Millisecond || waited > 2*time.Second {
		t.Errorf("waited %v for a slot, want about 100ms", waited)
	}
	// Health, readiness and metrics never queue behind renders.
	for _, p := range []string{"/healthz", "/readyz", "/metrics", "/v1/kinds"} {
		start := time.Now()
		if rec := do(t, h, "GET", p, nil, nil); rec.Code != 200 || time.Since(start) > time.Second { // far below the 2 s a render would wait
			t.Errorf("%s under saturation: %d in %v", p, rec.Code, time.Since(start))
		}
	}
	metrics := do(t, h, "GET", "/metrics", nil, nil).Body.String()
	if !strings.Contains(metrics, "vanban_renders_in_flight 2") || !strings.Contains(metrics, "vanban_renders_rejected_total 1") {
		t.Error("metrics do not show the saturation")
	}
	// A request that waits gets the slot as soon as one frees up.
	done := make(chan int)
	go func() { done <- doJSON(t, h, "POST", "/v1/documents", planExample, nil).Code }()
	time.Sleep(20 * time.Millisecond)
	docs.release <- struct{}{} // one of the two finishes
	<-docs.started             // the waiting request starts
	close(docs.release)
	if code := <-done; code != 200 {
		t.Errorf("queued request: %d", code)
	}
	wg.Wait()
	if codes[0] != 200 || codes[1] != 200 {
		t.Errorf("blocked requests: %v", codes)
	}
	// Every slot comes back: the render that ran past its handler releases
	// its slot when it ends, which may be a moment after the response (seen
	// under -race); a slot still held after 2 s is a leak.
	for deadline := time.Now().Add(2 * time.Second); s.limiter.inFlight.Load() != 0 && time.Now().Before(deadline); {
		time.Sleep(time.Millisecond)
	}
	if got := s.limiter.inFlight.Load(); got != 0 {
		t.Errorf("in flight after: %d", got)
	}
}

// ctxDocs waits for its context, as a well-behaved render does at its
// deadline, or ignores it (stubborn).
type ctxDocs struct {
	stubborn  bool
	release   chan struct{}
	cancelled chan error
}

func (d *ctxDocs) Render(ctx context.Context, data []byte, f paperwork.Format) (paperwork.File, error) {
	if d.stubborn {
		<-d.release
		d.cancelled <- ctx.Err()
		return paperwork.File{Name: "late.pdf", Data: []byte("late")}, nil
	}
	<-ctx.Done()
	d.cancelled <- ctx.Err()
	return paperwork.File{}, ctx.Err()
}

func (d *ctxDocs) Kinds() []paperwork.Kind { return []paperwork.Kind{planKind()} }

func (d *ctxDocs) RenderWithDraft(ctx context.Context, data []byte, _ paperwork.Draft, f paperwork.Format) (paperwork.File, error) {
	return d.Render(ctx, data, f)
}

func (d *ctxDocs) Check(ctx context.Context, data []byte) (paperwork.CheckResult, error) {
	_, err := d.Render(ctx, data, paperwork.PDF)
	return paperwork.CheckResult{OK: err == nil}, err
}

func TestRenderDeadline(t *testing.T) {
	for _, stubborn := range []bool{false, true} {
		docs := &ctxDocs{stubborn: stubborn, release: make(chan struct{}), cancelled: make(chan error, 1)}
		s, _ := newTestServer(t, Config{MaxRenders: 1, RenderTimeout: 80 * time.Millisecond, QueueWait: 10 * time.Millisecond}, Deps{Documents: docs})
		h := s.Handler()
		start := time.Now()
		rec := doJSON(t, h, "POST", "/v1/documents", planExample, nil)
		took := time.Since(start)
		problemOf(t, rec, 503, "render_timeout")
		if took > time.Second {
			t.Errorf("stubborn=%v: answered after %v", stubborn, took)
		}
		if stubborn {
			// The stubborn render still holds its slot: the bound holds.
			problemOf(t, doJSON(t, h, "POST", "/v1/documents", planExample, nil), 503, "busy")
			close(docs.release)
		}
		select {
		case err := <-docs.cancelled:
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("stubborn=%v: render context %v, want deadline exceeded", stubborn, err)
			}
		case <-time.After(2 * time.Second):
			t.Fatalf("stubborn=%v: render never saw its context end", stubborn)
		}
		deadline := time.Now().Add(time.Second)
		for s.limiter.inFlight.Load() != 0 && time.Now().Before(deadline) {
			time.Sleep(5 * time.Millisecond)
		}
		if s.limiter.inFlight.Load() != 0 {
			t.Errorf("stubborn=%v: slot not released", stubborn)
		}
		if !strings.Contains(do(t, h, "GET", "/metrics", nil, nil).Body.String(), "vanban_renders_timed_out_total 1") {
			t.Error("timeout not counted")
		}
	}
}

// startServer serves s on 127.0.0.1:0 until the returned cancel is called.
func startServer(t *testing.T, s *Server) (addr string, stop func() error) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() { errc <- s.Serve(ctx, ln) }()
	var once sync.Once
	var serr error
	stop = func() error {
		once.Do(func() { cancel(); serr = <-errc })
		return serr
	}
	t.Cleanup(func() { stop() })
	return ln.Addr().String(), stop
}

func TestGracefulShutdownFinishesInFlight(t *testing.T) {
	docs := newBlockingDocs()
	s, _ := newTestServer(t, Config{ShutdownTimeout: 5 * time.Second}, Deps{Documents: docs})
	addr, stop := startServer(t, s)

	type result struct {
		code int
		body string
		err  error
	}
	res := make(chan result, 1)
	go func() {
		resp, err := http.Post("http://"+addr+"/v1/documents", "application/json", strings.NewReader(planExample))
		if err != nil {
			res <- result{err: err}
			return
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		res <- result{resp.StatusCode, string(b), err}
	}()
	<-docs.started
	stopped := make(chan error, 1)
	go func() { stopped <- stop() }()

	// New connections are refused once shutdown began.
	deadline := time.Now().Add(2 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", addr, 100*time.Millisecond)
		if err != nil {
			break
		}
		c.Close()
		if time.Now().After(deadline) {
			t.Fatal("listener still open during shutdown")
		}
		time.Sleep(10 * time.Millisecond)
	}
	select {
	case err := <-stopped:
		t.Fatalf("shutdown returned (%v) with a request in flight", err)
	default:
	}
	close(docs.release)
	r := <-res
	if r.err != nil || r.code != 200 || r.body != "done" {
		t.Errorf("in-flight request: %+v", r)
	}
	if err := <-stopped; err != nil {
		t.Errorf("shutdown: %v", err)
	}
}

// A client that sends its headers slowly is cut off by ReadHeaderTimeout,
// and the service keeps answering others meanwhile.
func TestSlowloris(t *testing.T) {
	s, _ := newTestServer(t, Config{ReadHeaderTimeout: 200 * time.Millisecond}, allDeps())
	addr, _ := startServer(t, s)
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	start := time.Now()
	var closedAfter atomic.Int64
	go func() {
		buf := make([]byte, 512)
		for {
			if _, err := conn.Read(buf); err != nil {
				closedAfter.Store(int64(time.Since(start)))
				return
			}
		}
	}()
	fmt := "POST /v1/documents HTTP/1.1\r\nHost: x\r\n"
	for _, line := range append([]string{fmt}, "X-A: 1\r\n", "X-B: 2\r\n", "X-C: 3\r\n", "X-D: 4\r\n", "X-E: 5\r\n", "X-F: 6\r\n", "X-G: 7\r\n") {
		if _, err := conn.Write([]byte(line)); err != nil {
			break // cut off: what we want
		}
		resp, err := http.Get("http://" + addr + "/healthz")
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("healthz while a slow client holds a connection: %v", err)
		}
		resp.Body.Close()
		time.Sleep(100 * time.Millisecond)
	}
	deadline := time.Now().Add(3 * time.Second)
	for closedAfter.Load() == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	got := time.Duration(closedAfter.Load())
	if got == 0 || got > 2*time.Second {
		t.Errorf("slow client not cut off (after %v)", got)
	}
}

// The service answers keep-alive requests over one connection with the
// limits of HTTPServer.
func TestHTTPServerSettings(t *testing.T) {
	s, _ := newTestServer(t, Config{}, allDeps())
	srv := s.HTTPServer()
	if srv.ReadHeaderTimeout != 5*time.Second || srv.ReadTimeout != 60*time.Second || srv.WriteTimeout != 62*time.Second ||
		srv.IdleTimeout != 120*time.Second || srv.MaxHeaderBytes != 64<<10 || srv.Addr != "127.0.0.1:0" {
		t.Errorf("server settings %+v", srv)
	}
	addr, _ := startServer(t, s)
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	br := bufio.NewReader(conn)
	for range 3 {
		conn.Write([]byte("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"))
		resp, err := http.ReadResponse(br, nil)
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("keep-alive: %v", err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
}
