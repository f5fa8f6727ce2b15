package httpapi

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/google/uuid"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/registry"
)

const (
	headerRequestID = "X-Request-Id"
	ctxRequestID    = "vanban.request_id"
)

// requestIDs gives every request an id, returned in X-Request-Id and written
// in every log line: a sane incoming id (from a proxy or the caller) is kept,
// otherwise a new UUID v4.
func requestIDs(c *gin.Context) {
	id := c.GetHeader(headerRequestID)
	if !saneRequestID(id) {
		id = uuid.NewString()
	}
	c.Set(ctxRequestID, id)
	c.Header(headerRequestID, id)
	c.Request = c.Request.WithContext(context.WithValue(c.Request.Context(), requestIDKey{}, id))
	c.Next()
}

type requestIDKey struct{}

// RequestID returns the request id carried by the context of a request
// handled by the service ("" outside one), for the use cases' own logs.
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

// saneRequestID accepts 1–128 characters of [A-Za-z0-9._:-].
func saneRequestID(id string) bool {
	if id == "" || len(id) > 128 {
		return false
	}
	for i := 0; i < len(id); i++ {
		b := id[i]
		ok := b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '.' || b == '_' || b == '-' || b == ':'
		if !ok {
			return false
		}
	}
	return true
}

func requestID(c *gin.Context) string { return c.GetString(ctxRequestID) }

func isUUID(s string) bool {
	_, err := uuid.Parse(s)
	return err == nil && len(s) == 36
}

// recovery turns a panic into a 500 problem; the process never crashes on a
// request. http.ErrAbortHandler keeps its meaning (abort the response).
func (s *Server) recovery(c *gin.Context) {
	defer func() {
		v := recover()
		if v == nil {
			return
		}
		if err, ok := v.(error); ok && errors.Is(err, http.ErrAbortHandler) {
			panic(v)
		}
		s.log.ErrorContext(c.Request.Context(), "panic", "request_id", requestID(c),
			"path", c.Request.URL.Path, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
		if c.Writer.Written() {
			c.Abort()
			return
		}
		s.fail(c, apperr.Wrap(fmt.Errorf("panic: %v", v), "handle "+c.Request.URL.Path))
	}()
	c.Next()
}

// observe writes one log line and the request metrics per request.
// workspaceKey marks a request served by Deps.Workspace (one metrics label
// for all its pages).
const workspaceKey = "vanban.workspace"

func (s *Server) observe(c *gin.Context) {
	start := time.Now()
	c.Next()
	route := c.FullPath()
	if route == "" && c.GetBool(workspaceKey) {
		route = "workspace"
	} else if route == "" {
		route = "unmatched"
	}
	st := c.Writer.Status()
	s.metrics.requests.WithLabelValues(route, c.Request.Method, strconv.Itoa(st)).Inc()
	lvl := s.logLevel(st)
	s.log.Log(c.Request.Context(), lvl, "request",
		"request_id", requestID(c), "method", c.Request.Method, "route", route,
		"path", c.Request.URL.Path, "status", st, "bytes", c.Writer.Size(),
		"duration_ms", float64(time.Since(start).Microseconds())/1000, "client", c.ClientIP())
}

func (s *Server) logLevel(status int) slog.Level {
	switch {
	case status == http.StatusServiceUnavailable: // backpressure, not a fault
		return slog.LevelWarn
	case status >= 500:
		return slog.LevelError
	case status >= 400:
		return slog.LevelWarn
	}
	return slog.LevelInfo
}

// access is who may call a route.
type access int

const (
	public access = iota // never needs a key
	read                 // needs a key only with Config.RequireKeyForAll
	write                // needs a key whenever keys are configured
	keyed                // needs a key whenever keys are configured, open otherwise (import: costly, not a write)
)

// authorize enforces the API keys of a route. Keys are compared as SHA-256
// digests in constant time, against every configured key; the answer to a
// missing or wrong key never says which keys exist.
func (s *Server) authorize(level access) gin.HandlerFunc {
	return func(c *gin.Context) {
		need := level == write || (level == keyed && s.keyed) || ((level == read || level == keyed) && s.cfg.RequireKeyForAll)
		if !need {
			c.Next()
			return
		}
		if level == write && !s.keyed {
			if s.open {
				s.act(c, registry.Actor{Kind: registry.ActorOpen, Name: c.ClientIP()})
				c.Next()
				return
			}
			s.fail(c, apperr.New(apperr.Unauthorized, "writes_disabled",
				"Máy chủ không nhận thao tác ghi (cấp số, đăng ký, hủy) khi chưa cấu hình khóa API và đang mở ra ngoài máy; quản trị viên cần cấu hình khóa API."))
			return
		}
		key := presentedKey(c.Request)
		if key == "" {
			s.fail(c, apperr.New(apperr.Unauthorized, "api_key_required",
				"Cần khóa API: gửi tiêu đề \"Authorization: Bearer <khóa>\" hoặc \"X-API-Key: <khóa>\"."))
			return
		}
		i := s.keyMatches(key)
		if i < 0 {
			s.fail(c, apperr.New(apperr.Unauthorized, "api_key_invalid", "Khóa API không hợp lệ."))
			return
		}
		s.act(c, registry.Actor{Kind: registry.ActorKey, Name: s.keyNames[i]})
		c.Next()
	}
}

// act makes actor the one the register records for what the request does
// (issue 10 item 12): the key's name, never the key.
func (s *Server) act(c *gin.Context, actor registry.Actor) {
	c.Request = c.Request.WithContext(registry.WithActor(c.Request.Context(), actor))
}

func presentedKey(r *http.Request) string {
	if h := r.Header.Get("Authorization"); h != "" {
		if scheme, key, ok := strings.Cut(h, " "); ok && strings.EqualFold(scheme, "Bearer") {
			return strings.TrimSpace(key)
		}
		return ""
	}
	return strings.TrimSpace(r.Header.Get("X-API-Key"))
}

// keyMatches compares the digest of key with every configured digest
// without stopping early, so timing says nothing about which one matched;
// it returns the index of the matching key, or -1.
func (s *Server) keyMatches(key string) int {
	sum := sha256.Sum256([]byte(key))
	found := -1
	for i := range s.keys {
		eq := subtle.ConstantTimeCompare(sum[:], s.keys[i][:])
		found = subtle.ConstantTimeSelect(eq, i, found)
	}
	return found
}
