package httpapi

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/vanban/vanban/internal/apperr"
)

// limiter bounds the renders in flight: a counting semaphore.
type limiter struct {
	slots    chan struct{}
	inFlight atomic.Int64
}

func newLimiter(n int) *limiter { return &limiter{slots: make(chan struct{}, n)} }

// acquire takes a slot, waiting at most wait or until ctx is done.
func (l *limiter) acquire(ctx context.Context, wait time.Duration) bool {
	select {
	case l.slots <- struct{}{}:
		l.inFlight.Add(1)
		return true
	default:
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case l.slots <- struct{}{}:
		l.inFlight.Add(1)
		return true
	case <-t.C:
		return false
	case <-ctx.Done():
		return false
	}
}

func (l *limiter) release() {
	l.inFlight.Add(-1)
	<-l.slots
}

// job labels a limited piece of work for the metrics.
type job struct {
	kind   string // document kind, "certificates", "import", "export"
	format string
}

// limited runs fn in a render slot under the render deadline. When no slot
// frees up within QueueWait the caller gets 503 busy; when the deadline
// passes (or the client goes away) fn's context is cancelled and the caller
// gets 503 render_timeout at once. The slot stays taken until fn really
// returns, so a render that ignores its context still counts against the
// bound and the service never runs more than MaxRenders at once.
func limited[T any](s *Server, c *gin.Context, j job, fn func(ctx context.Context) (T, error)) (T, error) {
	var zero T
	ctx := c.Request.Context()
	if !s.limiter.acquire(ctx, s.cfg.QueueWait) {
		if ctx.Err() == nil { // not a caller that went away while waiting
			s.metrics.rejected.Inc()
		}
		return zero, busy()
	}
	ctx, cancel := context.WithTimeout(ctx, s.cfg.RenderTimeout)
	defer cancel()
	type result struct {
		v   T
		err error
	}
	done := make(chan result, 1)
	start := time.Now()
	go func() {
		var r result
		func() {
			defer func() {
				if v := recover(); v != nil {
					r = result{err: apperr.Wrap(fmt.Errorf("panic: %v", v), "render "+j.kind)}
				}
			}()
			r.v, r.err = fn(ctx)
		}()
		s.metrics.renderSeconds.WithLabelValues(j.kind, j.format).Observe(time.Since(start).Seconds())
		// The slot is given back before the result is delivered, so a
		// caller that has its answer never sees its own render in flight.
		s.limiter.release()
		done <- r
	}()
	var r result
	select {
	case r = <-done:
	case <-ctx.Done():
		select {
		case r = <-done: // finished just at the deadline
		default:
			s.metrics.timeouts.Inc()
			return zero, renderTimeout()
		}
	}
	if r.err != nil && ctx.Err() != nil && errors.Is(r.err, ctx.Err()) {
		s.metrics.timeouts.Inc()
		return zero, renderTimeout()
	}
	return r.v, r.err
}

// readBody reads the whole request body, at most MaxBodyBytes: a declared
// Content-Length over the limit is refused before reading, and an unbounded
// body stops at the limit (http.MaxBytesReader), so a 100 MB body never
// reaches memory.
func (s *Server) readBody(c *gin.Context) ([]byte, error) {
	limit := s.cfg.MaxBodyBytes
	if c.Request.ContentLength > limit {
		return nil, tooLarge(limit)
	}
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, limit)
	b, err := io.ReadAll(c.Request.Body)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, tooLarge(limit)
		}
		return nil, apperr.New(apperr.Invalid, "body_unreadable", "Không đọc được dữ liệu gửi lên (kết nối bị ngắt hoặc quá chậm).")
	}
	return b, nil
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d byte", n)
}

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }
