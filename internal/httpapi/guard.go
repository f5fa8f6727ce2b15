package httpapi

import (
	"context"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/vanban/vanban/internal/apperr"
)

// Guards against hostile callers that the routes share: a budget of request
// bytes in flight, and the checks that stop a web page in the user's browser
// from writing (cross-site requests) or reading (DNS rebinding) through a
// service that answers without a key.

// byteBudget is a weighted semaphore of request body bytes: a request
// reserves its declared length (or the body limit when it declares none)
// before its body is read, and gives it back when it is answered. Waiters
// are served first come, first served.
type byteBudget struct {
	mu      sync.Mutex
	max     int64
	used    int64
	waiters []*budgetWaiter
}

type budgetWaiter struct {
	n     int64
	ready chan struct{}
}

func newByteBudget(max int64) *byteBudget { return &byteBudget{max: max} }

// acquire reserves n bytes, waiting at most wait or until ctx is done.
func (b *byteBudget) acquire(ctx context.Context, n int64, wait time.Duration) bool {
	if n > b.max {
		n = b.max
	}
	b.mu.Lock()
	if len(b.waiters) == 0 && b.used+n <= b.max {
		b.used += n
		b.mu.Unlock()
		return true
	}
	w := &budgetWaiter{n: n, ready: make(chan struct{})}
	b.waiters = append(b.waiters, w)
	b.mu.Unlock()
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case <-w.ready:
		return true
	case <-t.C:
	case <-ctx.Done():
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	select {
	case <-w.ready: // granted while we gave up: give it back
		b.used -= w.n
		b.wake()
		return false
	default:
	}
	for i, x := range b.waiters {
		if x == w {
			b.waiters = append(b.waiters[:i], b.waiters[i+1:]...)
			break
		}
	}
	b.wake()
	return false
}

func (b *byteBudget) release(n int64) {
	if n > b.max {
		n = b.max
	}
	b.mu.Lock()
	b.used -= n
	b.wake()
	b.mu.Unlock()
}

// wake grants the waiters at the head of the queue that now fit; b.mu held.
func (b *byteBudget) wake() {
	for len(b.waiters) > 0 && b.used+b.waiters[0].n <= b.max {
		w := b.waiters[0]
		b.waiters = b.waiters[1:]
		b.used += w.n
		close(w.ready)
	}
}

// budget holds a request with a body until its bytes fit in the budget of
// bytes in flight; past QueueWait it gets 503 busy with Retry-After, before
// any of its body is read. A body larger than the limit is not reserved: the
// handler refuses it with 413 without reading it.
func (s *Server) budget(c *gin.Context) {
	r := c.Request
	if r.Body == nil || r.Body == http.NoBody || r.ContentLength == 0 ||
		r.Method == http.MethodGet || r.Method == http.MethodHead {
		c.Next()
		return
	}
	n := r.ContentLength
	if n < 0 {
		n = s.cfg.MaxBodyBytes // chunked: as much as it may grow
	}
	if n > s.cfg.MaxBodyBytes {
		c.Next()
		return
	}
	if !s.bytes.acquire(r.Context(), n, s.cfg.QueueWait) {
		if r.Context().Err() == nil {
			s.metrics.rejected.Inc()
		}
		s.fail(c, apperr.New(apperr.Unavailable, "busy",
			"Máy chủ đang nhận quá nhiều dữ liệu cùng lúc; vui lòng gửi lại sau ít giây."))
		return
	}
	s.bytesInFlight.Add(n)
	defer func() {
		s.bytesInFlight.Add(-n)
		s.bytes.release(n)
	}()
	c.Next()
}

// origins refuses what a web page of another site could make the user's
// browser send:
//   - a request whose Origin header names another site than the one asked
//     (cross-site fetch or form post);
//   - while writes are open without a key because the service listens on
//     loopback, a Host that is not a loopback name (DNS rebinding: a page of
//     evil.example resolved to 127.0.0.1 would read and write the register
//     as same-origin).
func (s *Server) origins(c *gin.Context) {
	r := c.Request
	if s.loopbackOnly && !loopbackHost(r.Host) {
		s.fail(c, apperr.New(apperr.Forbidden, "host_not_allowed",
			sprintf("Máy chủ chỉ nhận yêu cầu gửi tới localhost/127.0.0.1 khi chưa cấu hình khóa API; địa chỉ %q bị từ chối.", clip(r.Host, 80))))
		return
	}
	if o := r.Header.Get("Origin"); o != "" && !sameOrigin(o, r.Host) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead && r.Method != http.MethodOptions {
			s.fail(c, apperr.New(apperr.Forbidden, "cross_origin",
				sprintf("Yêu cầu gửi từ trang web khác (%s) bị từ chối: chỉ gọi API từ chính máy chủ hoặc từ chương trình.", clip(o, 80))))
			return
		}
	}
	c.Next()
}

// sameOrigin reports whether the Origin header names the host asked for.
// "null" (a sandboxed or file: page) is never the same origin.
func sameOrigin(origin, host string) bool {
	u, err := url.Parse(origin)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return false
	}
	return strings.EqualFold(u.Host, host) || strings.EqualFold(stripDefaultPort(u), host)
}

func stripDefaultPort(u *url.URL) string {
	h := u.Host
	if (u.Scheme == "http" && strings.HasSuffix(h, ":80")) || (u.Scheme == "https" && strings.HasSuffix(h, ":443")) {
		return h[:strings.LastIndexByte(h, ':')]
	}
	return h
}

// loopbackHost reports whether the Host header names this machine by a
// loopback name: localhost, 127.0.0.0/8 or ::1, with any port.
func loopbackHost(host string) bool {
	h, _, err := net.SplitHostPort(host)
	if err != nil {
		h = host
	}
	h = strings.TrimSuffix(strings.TrimPrefix(h, "["), "]")
	if strings.EqualFold(h, "localhost") || strings.HasSuffix(strings.ToLower(h), ".localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

// checkBodyType is the media type check of a write or render with a JSON
// body: application/json (or a +json type) only. An absent type,
// text/plain and the form types are what a page of another site can send
// without asking the browser first (a "simple" request), so they are
// refused.
func checkBodyType(c *gin.Context) error {
	ct := c.GetHeader("Content-Type")
	mt, _, err := mime.ParseMediaType(ct)
	if err == nil && (mt == "application/json" || strings.HasSuffix(mt, "+json")) {
		return nil
	}
	if ct == "" {
		return apperr.New(apperr.Unsupported, codeMediaType,
			"Thiếu tiêu đề Content-Type: gửi JSON với Content-Type: application/json.")
	}
	return apperr.New(apperr.Unsupported, codeMediaType,
		sprintf("Kiểu dữ liệu %q không đọc được; gửi JSON với Content-Type: application/json.", clip(ct, 100)))
}
