// Package httpapi is vanban's HTTP service: the routes under /v1, the OpenAPI
// document and the API page, errors as RFC 9457 problem documents, request
// limits and backpressure, request ids, logs, metrics and API keys. It is the
// only package that imports gin. Handlers bind, call a use case through a
// small interface declared here, map errors in one place and write.
package httpapi

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"runtime"
	"strings"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/vanban/vanban/internal/award"
	"github.com/vanban/vanban/internal/campaign"
	"github.com/vanban/vanban/internal/nominations"
	"github.com/vanban/vanban/internal/paperwork"
	"github.com/vanban/vanban/internal/registry"
)

// Config tunes the service. Zero fields take the defaults named on each field
// (see WithDefaults).
type Config struct {
	// Addr is the address the service listens on; default "127.0.0.1:8080".
	// It also decides whether writes are open when no API key is configured:
	// only when Addr is a loopback address (see Access control in the README).
	Addr string
	// MaxBodyBytes bounds every request body (JSON and uploads); default
	// 16 MiB. A larger body gets 413 without being read into memory.
	MaxBodyBytes int64
	// MaxRenders bounds the renders (and imports, exports, certificate
	// batches) running at once; default runtime.NumCPU()*2.
	MaxRenders int
	// QueueWait is how long a request waits for a render slot before it gets
	// 503 with Retry-After; default 2 s.
	QueueWait time.Duration
	// RenderTimeout is the deadline of one render; past it the render's
	// context is cancelled and the caller gets 503; default 30 s.
	RenderTimeout time.Duration
	// MaxBytesInFlight bounds the request body bytes held at once across
	// all requests (a request reserves its Content-Length, or MaxBodyBytes
	// when it sends none, before its body is read); past it a request waits
	// QueueWait, then gets 503 with Retry-After; default 2 × MaxBodyBytes
	// (a JSON body costs several times its size while it is decoded and
	// checked).
	MaxBytesInFlight int64
	// RetryAfter is the delay announced in Retry-After on 503; default 1 s
	// (rounded up to whole seconds).
	RetryAfter time.Duration

	// Timeouts of the http.Server made by HTTPServer. Defaults:
	// ReadHeaderTimeout 5 s (slowloris), ReadTimeout 60 s, WriteTimeout
	// QueueWait+RenderTimeout+30 s, IdleTimeout 120 s, ShutdownTimeout
	// RenderTimeout+QueueWait+5 s, MaxHeaderBytes 64 KiB.
	ReadHeaderTimeout time.Duration
	ReadTimeout       time.Duration
	WriteTimeout      time.Duration
	IdleTimeout       time.Duration
	ShutdownTimeout   time.Duration
	MaxHeaderBytes    int

	// APIKeyHashes are the accepted API keys as lower-case hex SHA-256
	// digests (HashAPIKey); keys themselves are never configured. A key is
	// sent as "Authorization: Bearer KEY" or "X-API-Key: KEY". An entry may
	// name its key, "NAME=HASH" ("van-thu=9f86…"): the register records the
	// name as who issued, registered or cancelled a document; an unnamed
	// key is recorded as "khóa #N", N its place in this list from 1.
	APIKeyHashes []string
	// RequireKeyForAll requires a key on every /v1 route, not only on
	// writes. /healthz, /readyz, /metrics, /openapi.json, /docs and the
	// verification routes stay open: a QR code must verify without a key.
	RequireKeyForAll bool
	// OpenWrites allows writes without a key when no key is configured, even
	// when Addr is not a loopback address (a trusted network).
	OpenWrites bool
	// TrustedProxies lists the proxies whose X-Forwarded-For is believed for
	// the client address in logs; default none.
	TrustedProxies []string
	// Version is shown in the OpenAPI document; default "dev".
	Version string
	// WorkspacePath is where the officers' web workspace (Deps.Workspace)
	// starts, announced at start-up with the API page; default "/".
	WorkspacePath string
}

// Defaults.
const (
	DefaultAddr         = "127.0.0.1:8080"
	DefaultMaxBodyBytes = 16 << 20
)

// WithDefaults returns c with every zero field set to its default.
func (c Config) WithDefaults() Config {
	if c.Addr == "" {
		c.Addr = DefaultAddr
	}
	if c.MaxBodyBytes <= 0 {
		c.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if c.MaxBytesInFlight <= 0 {
		c.MaxBytesInFlight = 2 * c.MaxBodyBytes
	}
	if c.MaxBytesInFlight < c.MaxBodyBytes {
		c.MaxBytesInFlight = c.MaxBodyBytes
	}
	if c.MaxRenders <= 0 {
		c.MaxRenders = runtime.NumCPU() * 2
	}
	if c.QueueWait <= 0 {
		c.QueueWait = 2 * time.Second
	}
	if c.RenderTimeout <= 0 {
		c.RenderTimeout = 30 * time.Second
	}
	if c.RetryAfter <= 0 {
		c.RetryAfter = time.Second
	}
	if c.ReadHeaderTimeout <= 0 {
		c.ReadHeaderTimeout = 5 * time.Second
	}
	if c.ReadTimeout <= 0 {
		c.ReadTimeout = 60 * time.Second
	}
	if c.WriteTimeout <= 0 {
		c.WriteTimeout = c.QueueWait + c.RenderTimeout + 30*time.Second
	}
	if c.IdleTimeout <= 0 {
		c.IdleTimeout = 120 * time.Second
	}
	if c.ShutdownTimeout <= 0 {
		c.ShutdownTimeout = c.RenderTimeout + c.QueueWait + 5*time.Second
	}
	if c.MaxHeaderBytes <= 0 {
		c.MaxHeaderBytes = 64 << 10
	}
	if c.Version == "" {
		c.Version = "dev"
	}
	return c
}

// Check reports configuration mistakes: an API key hash that is not 64 hex
// digits (a key pasted in clear is refused here rather than stored).
func (c Config) Check() error {
	names := map[string]int{}
	for i, h := range c.APIKeyHashes {
		name, _, ok := parseKeyHash(h, i)
		if !ok {
			return fmt.Errorf("API key hash #%d is not a hex SHA-256 digest (64 hex digits), optionally named NAME=HASH with a name of at most %d characters; configure the output of `sha256sum`, never the key itself", i+1, maxKeyName)
		}
		if j, dup := names[name]; dup {
			return fmt.Errorf("API keys #%d and #%d have the same name %q", j+1, i+1, name)
		}
		names[name] = i
	}
	return nil
}

// HashAPIKey returns the hex SHA-256 digest of key, the form in which keys
// are configured (same as `printf %s KEY | sha256sum`).
func HashAPIKey(key string) string {
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:])
}

// Documents renders and checks documents of every kind; *paperwork.Service
// implements it.
type Documents interface {
	Render(ctx context.Context, data []byte, f paperwork.Format) (paperwork.File, error)
	// RenderWithDraft renders data with its "body" read from an officer's
	// draft (.docx or .txt).
	RenderWithDraft(ctx context.Context, data []byte, d paperwork.Draft, f paperwork.Format) (paperwork.File, error)
	// Check builds without rendering: errors and warnings with their paths.
	Check(ctx context.Context, data []byte) (paperwork.CheckResult, error)
	Kinds() []paperwork.Kind
}

// Awards are the award catalogue and the import of nomination lists;
// *paperwork.Service implements it.
type Awards interface {
	// AwardForms lists the award forms catalogue (Bằng khen, Giấy khen…).
	AwardForms(ctx context.Context) (paperwork.AwardForms, error)
	// ImportNominations reads a nomination list (XLSX or CSV, told apart by
	// filename and content); a file that cannot be read as a list is an
	// apperr.Invalid error whose problems carry sheet, row and column.
	ImportNominations(ctx context.Context, r io.Reader, filename string, size int64, form string, kind award.Kind) (*nominations.Result, error)
}

// Certificates prints a certificate batch (JSON) as one PDF or as a ZIP
// with one file per recipient, recording each certificate in the register
// so that its QR code verifies; *paperwork.Service implements it.
type Certificates interface {
	PrintCertificates(ctx context.Context, in paperwork.CertificateBatch) (paperwork.PrintedBatch, error)
}

// Registry is the sổ đăng ký văn bản đi; paperwork.Registry implements it.
// Ids are passed as the caller wrote them (already checked to be UUIDs).
type Registry interface {
	// Issue takes the next number, renders the document of data with it in
	// format f and records it, atomically.
	Issue(ctx context.Context, data []byte, f paperwork.Format) (registry.Record, paperwork.File, error)
	// Register takes a number for a document produced elsewhere.
	Register(ctx context.Context, req registry.RegisterRequest) (registry.Record, error)
	List(ctx context.Context, q registry.Query) (registry.Page, error)
	Get(ctx context.Context, id string) (registry.Record, error)
	// OpenFile streams a stored file of a record byte for byte (checked
	// against its SHA-256 as it passes); name "" is the first one.
	OpenFile(ctx context.Context, id, name string) (registry.FileInfo, io.ReadCloser, error)
	Cancel(ctx context.Context, id, reason string) (registry.Record, error)
	// Export renders the register of a year as "xlsx" or "pdf".
	Export(ctx context.Context, year int, format string) (paperwork.File, error)
	// Verify finds an issued certificate by the UUID printed in its QR
	// code; unknown ids are apperr.NotFound.
	Verify(ctx context.Context, id string) (paperwork.VerifiedCertificate, error)
}

// The use-case layer implements the interfaces.
var (
	_ Documents    = (*paperwork.Service)(nil)
	_ Awards       = (*paperwork.Service)(nil)
	_ Certificates = (*paperwork.Service)(nil)
	_ Registry     = paperwork.Registry{}
)

// ReadyCheck is one readiness condition of /readyz ("fonts", "templates",
// "database").
type ReadyCheck struct {
	Name  string
	Check func(ctx context.Context) error
}

// Deps are the use cases behind the routes. Every one but Ready and
// Workspace is required: New refuses to build a service with a route that
// could not answer.
type Deps struct {
	Documents    Documents
	Awards       Awards
	Certificates Certificates
	Registry     Registry
	// Campaigns are the profiles, drafts, campaigns and nominations;
	// Printer prints the certificates of an issued decision.
	Campaigns *campaign.Service
	Printer   *campaign.Printer
	Ready     []ReadyCheck
	// Workspace, when set, serves every path the API does not route
	// (outside /v1/): the officers' web pages (internal/web). It runs
	// behind the same request ids, logs, metrics, panic recovery and
	// server timeouts as the API, and does its own sign-in and CSRF checks.
	Workspace http.Handler
}

// check names the required dependencies that are missing.
func (d Deps) check() error {
	var missing []string
	for _, m := range []struct {
		name string
		nil  bool
	}{
		{"Documents", d.Documents == nil}, {"Awards", d.Awards == nil}, {"Certificates", d.Certificates == nil},
		{"Registry", d.Registry == nil}, {"Campaigns", d.Campaigns == nil}, {"Printer", d.Printer == nil},
	} {
		if m.nil {
			missing = append(missing, m.name)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("httpapi: missing dependencies: %s", strings.Join(missing, ", "))
	}
	return nil
}

// Server is the HTTP service.
type Server struct {
	cfg     Config
	deps    Deps
	log     *slog.Logger
	engine  *gin.Engine
	limiter *limiter
	bytes   *byteBudget
	// bytesInFlight is what the budget holds now (a gauge).
	bytesInFlight atomic.Int64
	// loopbackOnly: writes are open without a key because the service
	// listens on loopback; only loopback Host headers are accepted.
	loopbackOnly bool
	metrics      *metrics
	keys         [][sha256.Size]byte
	keyNames     []string // keyNames[i] names keys[i] in the register
	keyed        bool     // some key hash is configured (even a malformed one)
	open         bool     // writes allowed without a key
	kinds        map[string]bool
	routes       []route
	openapi      []byte
}

// New builds the service; logger receives one line per request and the
// causes of internal errors. A missing dependency is an error here, at
// start-up, never a failure of the requests that need it.
func New(cfg Config, deps Deps, logger *slog.Logger) (*Server, error) {
	if err := deps.check(); err != nil {
		return nil, err
	}
	cfg = cfg.WithDefaults()
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	s := &Server{cfg: cfg, deps: deps, log: logger, kinds: map[string]bool{}}
	s.limiter = newLimiter(cfg.MaxRenders)
	s.bytes = newByteBudget(cfg.MaxBytesInFlight)
	s.metrics = newMetrics(s.limiter)
	s.metrics.registry.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "vanban_request_bytes_in_flight",
		Help: "Request body bytes reserved by the requests being handled (bounded by the configured maximum).",
	}, func() float64 { return float64(s.bytesInFlight.Load()) }))
	for i, h := range cfg.APIKeyHashes {
		s.keyed = true
		if name, k, ok := parseKeyHash(h, i); ok {
			s.keys = append(s.keys, k)
			s.keyNames = append(s.keyNames, name)
		} else {
			logger.Error("ignoring malformed API key hash: writes still require a valid key", "index", len(s.keys))
		}
	}
	s.open = !s.keyed && (cfg.OpenWrites || IsLoopback(cfg.Addr))
	s.loopbackOnly = !s.keyed && IsLoopback(cfg.Addr)
	for _, k := range deps.Documents.Kinds() {
		s.kinds[k.Name] = true
	}
	s.routes = append(s.routeTable(), s.campaignRoutes()...)
	s.openapi = s.buildOpenAPI()
	s.engine = s.buildEngine()
	return s, nil
}

// Handler is the service as an http.Handler.
func (s *Server) Handler() http.Handler { return s.engine }

// OpenAPI returns the OpenAPI 3.1 document served at /openapi.json.
func (s *Server) OpenAPI() []byte { return s.openapi }

// WritesOpen reports whether writes are allowed without an API key (no key
// configured and a loopback address, or Config.OpenWrites).
func (s *Server) WritesOpen() bool { return s.open }

// HTTPServer returns an http.Server for the service with the configured
// address, timeouts and header limit.
func (s *Server) HTTPServer() *http.Server {
	return &http.Server{
		Addr:              s.cfg.Addr,
		Handler:           s.engine,
		ReadHeaderTimeout: s.cfg.ReadHeaderTimeout,
		ReadTimeout:       s.cfg.ReadTimeout,
		WriteTimeout:      s.cfg.WriteTimeout,
		IdleTimeout:       s.cfg.IdleTimeout,
		MaxHeaderBytes:    s.cfg.MaxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
}

// Run listens on Config.Addr and serves until ctx is done (SIGTERM), then
// shuts down gracefully: it stops accepting, lets the requests in flight
// finish within ShutdownTimeout and returns.
func (s *Server) Run(ctx context.Context) error {
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return err
	}
	return s.Serve(ctx, ln)
}

// Serve is Run on a listener the caller opened.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := s.HTTPServer()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	base := "http://" + ln.Addr().String()
	attrs := []any{"addr", ln.Addr().String(), "docs", base + "/docs", "openapi", base + "/openapi.json"}
	if s.deps.Workspace != nil {
		path := s.cfg.WorkspacePath
		if path == "" {
			path = "/"
		}
		attrs = append(attrs, "workspace", base+path)
	}
	s.log.Info("vanban: đang phục vụ", append(attrs, "writes_open", s.open, "api_keys", len(s.keys))...)
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	s.log.Info("vanban: đang dừng, chờ các yêu cầu đang xử lý", "timeout", s.cfg.ShutdownTimeout.String())
	sctx, cancel := context.WithTimeout(context.Background(), s.cfg.ShutdownTimeout)
	defer cancel()
	err := srv.Shutdown(sctx)
	if serr := <-errc; serr != nil && !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	return err
}

// maxKeyName is the longest name of an API key, in characters.
const maxKeyName = 60

// parseKeyHash reads the i-th configured key (from 0): "HASH" or
// "NAME=HASH". An unnamed key is named "khóa #i+1". A name is one line of
// printable text without "=" or ",".
func parseKeyHash(h string, i int) (string, [sha256.Size]byte, bool) {
	var k [sha256.Size]byte
	name, hash, named := strings.Cut(h, "=")
	if !named {
		name, hash = fmt.Sprintf("khóa #%d", i+1), h
	}
	name = strings.TrimSpace(name)
	if name == "" || utf8.RuneCountInString(name) > maxKeyName || !utf8.ValidString(name) ||
		strings.IndexFunc(name, func(r rune) bool { return !unicode.IsPrint(r) || r == ',' }) >= 0 {
		return "", k, false
	}
	b, err := hex.DecodeString(strings.TrimSpace(hash))
	if err != nil || len(b) != sha256.Size {
		return "", k, false
	}
	copy(k[:], b)
	return name, k, true
}

// IsLoopback reports whether addr ("127.0.0.1:8080", "[::1]:80",
// "localhost:8080") listens only on a loopback interface. ":8080" listens on
// every interface and is not.
func IsLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		host = addr
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
