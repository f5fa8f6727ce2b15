// Package web is the officers' workspace: server-rendered pages
// (html/template, embedded) in Vietnamese, a little JavaScript for the live
// PDF preview (pdf.js, embedded), every asset served from the binary under a
// strict Content-Security-Policy. It calls the use cases directly — never
// the HTTP API — through the small interfaces declared here, and it is a
// plain http.Handler: internal/httpapi mounts it for every path the API
// does not route.
//
// Accounts (internal/account) sign in with a session cookie (HttpOnly,
// SameSite=Lax, Secure under TLS); every state-changing request carries a
// CSRF token. On a loopback address with no account yet, one local user
// works without logging in.
package web

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"embed"
	"encoding/base64"
	"errors"
	"html/template"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/vanban/vanban/internal/account"
	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/award"
	"github.com/vanban/vanban/internal/campaign"
	"github.com/vanban/vanban/internal/paperwork"
	"github.com/vanban/vanban/internal/registry"
)

//go:embed templates static
var assets embed.FS

// Documents renders documents of every kind (*paperwork.Service).
type Documents interface {
	Kinds() []paperwork.Kind
	Kind(name string) (paperwork.Kind, error)
	Render(ctx context.Context, data []byte, f paperwork.Format) (paperwork.File, error)
}

// Register is the sổ đăng ký văn bản đi as the workspace uses it.
type Register interface {
	// Next is the số and ký hiệu the document of data would take if issued
	// now ("06/KH-SVHTTDL"), for the văn thư's confirmation.
	Next(ctx context.Context, data []byte) (string, error)
	// Issue numbers, renders in format f and records the document of data.
	Issue(ctx context.Context, data []byte, f paperwork.Format) (registry.Record, paperwork.File, error)
	List(ctx context.Context, q registry.Query) (registry.Page, error)
	Get(ctx context.Context, id string) (registry.Record, error)
	// OpenFile streams a stored file of a record, checked against its
	// SHA-256 as it passes.
	OpenFile(ctx context.Context, id, name string) (registry.FileInfo, io.ReadCloser, error)
	Cancel(ctx context.Context, id, reason string) (registry.Record, error)
	// Export writes the register of a year as "xlsx" or "pdf".
	Export(ctx context.Context, year int, format string) (paperwork.File, error)
}

// Accounts is the accounts' use cases (*account.Service).
type Accounts interface {
	Add(ctx context.Context, n account.NewUser) (account.User, error)
	Users(ctx context.Context) ([]account.User, error)
	Count(ctx context.Context) (int, error)
	Login(ctx context.Context, username, password, addr string) (string, account.Session, account.User, error)
	Session(ctx context.Context, token string) (account.Session, account.User, error)
	Logout(ctx context.Context, token string) error
}

// Printer prints the certificates of an issued Quyết định (*campaign.Printer).
type Printer interface {
	Print(ctx context.Context, ref string, req campaign.PrintRequest) (campaign.Printed, error)
	// Forms are the award forms of the decision and its own form.
	Forms(ctx context.Context, ref string) ([]award.Form, award.Form, error)
}

// Deps are the use cases behind the pages. Documents and Accounts are
// required; a nil Register hides the register's pages, a nil Campaigns the
// saved drafts, profiles and campaigns, a nil Printer the certificates.
type Deps struct {
	Documents Documents
	Register  Register
	Accounts  Accounts
	Campaigns *campaign.Service
	Printer   Printer
}

// Config tunes the workspace.
type Config struct {
	// Loopback is true when the service listens only on a loopback address:
	// with no account yet, the local user works without logging in.
	Loopback bool
	// MaxBodyBytes bounds a form post or upload; default 16 MiB.
	MaxBodyBytes int64
	// IdleTimeout is the session's inactivity limit, for the warning the
	// page shows before it; default 60 min.
	IdleTimeout time.Duration
	// Now is the clock (the register's year); default time.Now.
	Now func() time.Time
	// Location is the agency's time zone; default Asia/Ho_Chi_Minh (UTC+7).
	Location *time.Location
}

// Handler is the workspace.
type Handler struct {
	cfg   Config
	deps  Deps
	log   *slog.Logger
	mux   *http.ServeMux
	pages map[string]*template.Template
}

// New builds the workspace.
func New(cfg Config, deps Deps, log *slog.Logger) (*Handler, error) {
	if deps.Documents == nil || deps.Accounts == nil {
		return nil, errors.New("web: Documents and Accounts are required")
	}
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = 16 << 20
	}
	if cfg.IdleTimeout <= 0 {
		cfg.IdleTimeout = 60 * time.Minute
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Location == nil {
		cfg.Location = time.FixedZone("ICT", 7*3600)
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	h := &Handler{cfg: cfg, deps: deps, log: log, mux: http.NewServeMux()}
	if err := h.parseTemplates(); err != nil {
		return nil, err
	}
	h.routes()
	return h, nil
}

func (h *Handler) routes() {
	static, _ := fs.Sub(assets, "static")
	files := http.FileServerFS(static)
	h.mux.Handle("GET /static/", http.StripPrefix("/static/", cacheStatic(files)))
	h.mux.HandleFunc("GET /favicon.ico", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/static/favicon.svg", http.StatusMovedPermanently)
	})

	h.mux.HandleFunc("GET /dang-nhap", h.open(h.getLogin))
	h.mux.HandleFunc("POST /dang-nhap", h.open(h.postLogin))
	h.mux.HandleFunc("POST /dang-xuat", h.open(h.postLogout))

	h.mux.HandleFunc("GET /{$}", h.auth(account.Specialist, h.getDocuments))
	h.mux.HandleFunc("GET /van-ban", h.auth(account.Specialist, h.getDocuments))
	h.mux.HandleFunc("GET /van-ban/soan/{kind}", h.auth(account.Specialist, h.getDraft))
	h.mux.HandleFunc("POST /van-ban/soan/{kind}", h.auth(account.Specialist, h.postDraft))
	h.mux.HandleFunc("POST /van-ban/soan/{kind}/xem-truoc", h.auth(account.Specialist, h.postPreview))
	h.mux.HandleFunc("POST /van-ban/soan/{kind}/tai", h.auth(account.Specialist, h.postDownload))
	h.mux.HandleFunc("POST /van-ban/soan/{kind}/so-tiep-theo", h.auth(account.Clerk, h.postNext))
	h.mux.HandleFunc("POST /van-ban/soan/{kind}/phat-hanh", h.auth(account.Clerk, h.postIssue))

	h.mux.HandleFunc("GET /so-van-ban-di", h.auth(account.Specialist, h.getRegister))
	h.mux.HandleFunc("GET /so-van-ban-di/xuat", h.auth(account.Clerk, h.getExport))
	h.mux.HandleFunc("GET /so-van-ban-di/{id}", h.auth(account.Specialist, h.getRecord))
	h.mux.HandleFunc("GET /so-van-ban-di/{id}/tep", h.auth(account.Specialist, h.getRecordFile))
	h.mux.HandleFunc("POST /so-van-ban-di/{id}/huy", h.auth(account.Clerk, h.postCancel))

	h.mux.HandleFunc("GET /co-quan", h.auth(account.Specialist, h.getAgency))
	h.mux.HandleFunc("POST /co-quan/tai-khoan", h.auth(account.Admin, h.postUser))

	h.mux.HandleFunc("GET /dot-thi-dua", h.auth(account.Specialist, h.getCampaigns))
	h.campaignRoutes()
	h.mux.HandleFunc("/", h.open(h.notFound))
}

// ServeHTTP serves the workspace with its security headers.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	hd.Set("Content-Security-Policy", csp)
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Referrer-Policy", "same-origin")
	hd.Set("X-Frame-Options", "DENY")
	hd.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.mux.ServeHTTP(w, r)
}

// csp: nothing from outside; no inline script or style; pdf.js runs its
// worker from /static and needs no eval (isEvalSupported: false).
const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; " +
	"font-src 'self' data:; worker-src 'self'; connect-src 'self'; object-src 'none'; " +
	"base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

func cacheStatic(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, ".mjs") {
			w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		}
		w.Header().Set("Cache-Control", "public, max-age=3600")
		next.ServeHTTP(w, r)
	})
}

// Cookies.
const (
	sessionCookie = "vanban_phien"
	csrfCookie    = "vanban_csrf"
	csrfField     = "csrf"
	csrfHeader    = "X-CSRF-Token"
)

// principal is who is using the page.
type principal struct {
	User account.User
	// Local is the single local user of a loopback workspace without
	// accounts: no login, every right.
	Local bool
	CSRF  string
	token string
}

type ctxKey struct{}

func who(r *http.Request) *principal {
	p, _ := r.Context().Value(ctxKey{}).(*principal)
	return p
}

// visitorCSRF returns the pre-session CSRF token (double-submit cookie),
// setting the cookie when absent.
func (h *Handler) visitorCSRF(w http.ResponseWriter, r *http.Request) string {
	if c, err := r.Cookie(csrfCookie); err == nil && len(c.Value) >= 32 {
		return c.Value
	}
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	v := base64.RawURLEncoding.EncodeToString(b)
	http.SetCookie(w, &http.Cookie{Name: csrfCookie, Value: v, Path: "/", HttpOnly: true, Secure: r.TLS != nil,
		SameSite: http.SameSiteStrictMode})
	r.AddCookie(&http.Cookie{Name: csrfCookie, Value: v})
	return v
}

// identify finds the principal of a request: a live session, or the local
// user of a loopback workspace without accounts; nil when login is needed.
func (h *Handler) identify(w http.ResponseWriter, r *http.Request) (*principal, error) {
	if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
		sess, u, err := h.deps.Accounts.Session(r.Context(), c.Value)
		if err == nil {
			return &principal{User: u, CSRF: sess.CSRF, token: c.Value}, nil
		}
		if !errors.Is(err, account.ErrNoSession) {
			return nil, err
		}
		http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteLaxMode})
	}
	if h.cfg.Loopback && isLoopbackRemote(r.RemoteAddr) {
		n, err := h.deps.Accounts.Count(r.Context())
		if err != nil {
			return nil, err
		}
		if n == 0 {
			return &principal{Local: true, CSRF: h.visitorCSRF(w, r),
				User: account.User{Name: "Người dùng trên máy này", Role: account.Admin}}, nil
		}
	}
	return nil, nil
}

// actor is who the register records for what the principal does: the
// account's username, or the local user of a workspace without accounts.
func (p *principal) actor() registry.Actor {
	if p.Local {
		return registry.Actor{Kind: registry.ActorLocal}
	}
	return registry.Actor{Kind: registry.ActorAccount, Name: p.User.Username}
}

func isLoopbackRemote(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		host = addr
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// checkCSRF accepts a state-changing request only with the principal's
// token (form field or header) and not from another site.
func checkCSRF(r *http.Request, want string) bool {
	if site := r.Header.Get("Sec-Fetch-Site"); site == "cross-site" {
		return false
	}
	if o := r.Header.Get("Origin"); o != "" && o != "null" {
		u, err := url.Parse(o)
		if err != nil || u.Host != r.Host {
			return false
		}
	}
	got := r.Header.Get(csrfHeader)
	if got == "" && strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		// The token is a field of the body: files past 64 KiB are spooled
		// to temporary files, not held in memory (PostFormValue would keep
		// up to 32 MB); the handler reads them from there.
		_ = r.ParseMultipartForm(64 << 10)
	}
	if got == "" {
		got = r.PostFormValue(csrfField)
	}
	return want != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

// auth wraps a page that needs at least role: it identifies the user
// (redirecting to the login page when needed), checks the role and, on a
// POST, the CSRF token.
func (h *Handler) auth(role account.Role, next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, h.cfg.MaxBodyBytes)
		p, err := h.identify(w, r)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		if p == nil {
			if r.Method == http.MethodGet {
				http.Redirect(w, r, "/dang-nhap?tiep="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
				return
			}
			h.problemPage(w, r, http.StatusUnauthorized, "Cần đăng nhập", "Phiên làm việc đã hết hạn hoặc chưa đăng nhập. Hãy đăng nhập lại rồi làm tiếp (những gì vừa nhập chưa được lưu).")
			return
		}
		r = r.WithContext(registry.WithActor(context.WithValue(r.Context(), ctxKey{}, p), p.actor()))
		// The server removes the temporary files of a parsed multipart form
		// only for the request it made, not for this copy.
		defer func() {
			if r.MultipartForm != nil {
				_ = r.MultipartForm.RemoveAll()
			}
		}()
		if r.Method != http.MethodGet && r.Method != http.MethodHead && !checkCSRF(r, p.CSRF) {
			h.problemPage(w, r, http.StatusForbidden, "Yêu cầu không hợp lệ", "Mã chống giả mạo (CSRF) của biểu mẫu không đúng hoặc đã hết hạn. Hãy tải lại trang rồi làm lại.")
			return
		}
		if !p.User.Can(role) {
			h.problemPage(w, r, http.StatusForbidden, "Không có quyền", "Việc này dành cho "+strings.ToLower(role.Label())+"; tài khoản của bạn là "+strings.ToLower(p.User.Role.Label())+".")
			return
		}
		w.Header().Set("Cache-Control", "no-store")
		next(w, r)
	}
}

// open wraps a page anyone may see (login); it still knows the principal.
func (h *Handler) open(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, h.cfg.MaxBodyBytes)
		p, err := h.identify(w, r)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		if p != nil {
			r = r.WithContext(registry.WithActor(context.WithValue(r.Context(), ctxKey{}, p), p.actor()))
		}
		w.Header().Set("Cache-Control", "no-store")
		next(w, r)
	}
}

// fail shows an error page for err: the caller's mistakes in their words,
// internal failures logged and told briefly.
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	e := apperr.As(err)
	code := http.StatusInternalServerError
	switch e.Kind {
	case apperr.Invalid:
		code = http.StatusBadRequest
	case apperr.NotFound:
		code = http.StatusNotFound
	case apperr.Conflict:
		code = http.StatusConflict
	case apperr.TooLarge:
		code = http.StatusRequestEntityTooLarge
	case apperr.Unavailable:
		code = http.StatusServiceUnavailable
	case apperr.Unauthorized:
		code = http.StatusUnauthorized
	case apperr.Unsupported:
		code = http.StatusUnsupportedMediaType
	}
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		code, e = http.StatusRequestEntityTooLarge, apperr.New(apperr.TooLarge, "too_large", "Dữ liệu gửi lên quá lớn.")
	}
	if code == http.StatusInternalServerError {
		h.log.ErrorContext(r.Context(), "workspace: internal error", "path", r.URL.Path, "error", err.Error())
	}
	detail := e.Detail
	for _, p := range e.Problems {
		detail += " " + p.String()
	}
	h.problemPage(w, r, code, "Chưa làm được", detail)
}

func (h *Handler) notFound(w http.ResponseWriter, r *http.Request) {
	h.problemPage(w, r, http.StatusNotFound, "Không có trang này", "Địa chỉ "+r.URL.Path+" không có trong bàn làm việc.")
}
