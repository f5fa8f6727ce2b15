// Package account is who may use the officers' workspace: accounts with a
// role (chuyên viên, văn thư, quản trị), passwords hashed with argon2id,
// sessions kept in the database (only a hash of the cookie's token is
// stored), a CSRF token per session, and login attempts rate-limited per
// name and per address. It reads the clock only through Config.Now.
package account

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"

	"github.com/vanban/vanban/internal/apperr"
)

// Role is what an account may do.
type Role string

// Roles, from the least to the most rights.
const (
	// Specialist (chuyên viên) drafts documents, nominations, previews.
	Specialist Role = "chuyen-vien"
	// Clerk (văn thư) also issues numbers, cancels and exports the register.
	Clerk Role = "van-thu"
	// Admin (quản trị) also edits the agency profile and the accounts.
	Admin Role = "quan-tri"
)

// Roles lists the roles in order.
var Roles = []Role{Specialist, Clerk, Admin}

// Label is the role as officers say it.
func (r Role) Label() string {
	switch r {
	case Specialist:
		return "Chuyên viên"
	case Clerk:
		return "Văn thư"
	case Admin:
		return "Quản trị"
	}
	return string(r)
}

func (r Role) rank() int {
	for i, x := range Roles {
		if x == r {
			return i + 1
		}
	}
	return 0
}

// ParseRole reads "chuyen-vien", "van-thu", "quan-tri" (or the labels).
func ParseRole(s string) (Role, error) {
	s = strings.TrimSpace(s)
	for _, r := range Roles {
		if strings.EqualFold(s, string(r)) || strings.EqualFold(s, r.Label()) {
			return r, nil
		}
	}
	return "", apperr.Invalidf("role", "invalid_role", "Vai trò %q không có; chọn chuyen-vien (chuyên viên), van-thu (văn thư) hoặc quan-tri (quản trị).", s)
}

// User is an account.
type User struct {
	ID       string
	Username string
	Name     string // shown in the workspace: "Nguyễn Thị Lan"
	Role     Role
	// PasswordHash is the argon2id PHC string.
	PasswordHash string
	CreatedAt    time.Time
	Disabled     bool
}

// Can reports whether the user's role includes role r: a văn thư can do
// what a chuyên viên can, a quản trị what a văn thư can.
func (u User) Can(r Role) bool { return u.Role.rank() >= r.rank() }

// Session is a signed-in browser. The cookie carries the token; the store
// keeps only its SHA-256.
type Session struct {
	TokenHash string
	UserID    string
	CSRF      string
	CreatedAt time.Time
	LastSeen  time.Time
	ExpiresAt time.Time
}

// ErrNotFound is returned by a Store for a missing user or session.
var ErrNotFound = errors.New("account: not found")

// ErrExists is returned by Store.CreateUser for a taken user name.
var ErrExists = errors.New("account: user name taken")

// Store keeps accounts and sessions (internal/sqlstore implements it).
type Store interface {
	CreateUser(ctx context.Context, u User) error
	UserByName(ctx context.Context, username string) (User, error)
	UserByID(ctx context.Context, id string) (User, error)
	Users(ctx context.Context) ([]User, error)
	CountUsers(ctx context.Context) (int, error)
	SetPassword(ctx context.Context, id, hash string) error
	CreateSession(ctx context.Context, s Session) error
	SessionByHash(ctx context.Context, hash string) (Session, error)
	TouchSession(ctx context.Context, hash string, lastSeen time.Time) error
	DeleteSession(ctx context.Context, hash string) error
	DeleteUserSessions(ctx context.Context, userID string) error
	DeleteExpiredSessions(ctx context.Context, idleBefore, now time.Time) error
}

// Config tunes the service; zero fields take the defaults.
type Config struct {
	Now func() time.Time
	// IdleTimeout ends a session after inactivity; default 60 min.
	IdleTimeout time.Duration
	// MaxAge ends a session however active; default 12 h.
	MaxAge time.Duration
	// MaxFailures failed logins within FailureWindow lock the name (and the
	// address) until the window has passed; defaults 5 and 15 min.
	MaxFailures   int
	FailureWindow time.Duration
	// Argon2id cost; defaults 19 MiB, 2 passes, 1 lane (OWASP's minimum).
	MemoryKiB, Passes uint32
	Lanes             uint8
	// NewID makes account ids; default random hex.
	NewID func() string
}

func (c Config) withDefaults() Config {
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.IdleTimeout <= 0 {
		c.IdleTimeout = 60 * time.Minute
	}
	if c.MaxAge <= 0 {
		c.MaxAge = 12 * time.Hour
	}
	if c.MaxFailures <= 0 {
		c.MaxFailures = 5
	}
	if c.FailureWindow <= 0 {
		c.FailureWindow = 15 * time.Minute
	}
	if c.MemoryKiB == 0 {
		c.MemoryKiB = 19 * 1024
	}
	if c.Passes == 0 {
		c.Passes = 2
	}
	if c.Lanes == 0 {
		c.Lanes = 1
	}
	if c.NewID == nil {
		c.NewID = func() string { return randomHex(16) }
	}
	return c
}

// Service is the accounts' use cases.
type Service struct {
	store   Store
	cfg     Config
	limiter *limiter
	// dummy is a hash checked when the name is unknown, so that an unknown
	// name costs the same time as a wrong password.
	dummy string
}

// New returns the service over store.
func New(store Store, cfg Config) *Service {
	cfg = cfg.withDefaults()
	s := &Service{store: store, cfg: cfg, limiter: newLimiter(cfg.MaxFailures, cfg.FailureWindow)}
	s.dummy = s.hash("không có tài khoản này")
	return s
}

// Config returns the configuration in effect.
func (s *Service) Config() Config { return s.cfg }

// NewUser is what it takes to add an account.
type NewUser struct {
	Username, Name, Password string
	Role                     Role
}

// MinPassword is the shortest password accepted, in characters.
const MinPassword = 10

// Add creates an account.
func (s *Service) Add(ctx context.Context, n NewUser) (User, error) {
	var ps apperr.Problems
	username := strings.ToLower(strings.TrimSpace(n.Username))
	switch {
	case username == "":
		ps.Add("username", "required", "Cần tên đăng nhập.")
	case utf8.RuneCountInString(username) > 64:
		ps.Add("username", "too_long", "Tên đăng nhập dài quá 64 ký tự.")
	case strings.IndexFunc(username, func(r rune) bool {
		return !(r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '-' || r == '_'))
	}) >= 0:
		ps.Add("username", "invalid_username", "Tên đăng nhập chỉ gồm chữ không dấu, số, dấu chấm, gạch ngang, gạch dưới (ví dụ \"lan.nt\").")
	}
	name := strings.TrimSpace(n.Name)
	if name == "" {
		name = username
	}
	if utf8.RuneCountInString(name) > 120 {
		ps.Add("name", "too_long", "Họ và tên dài quá 120 ký tự.")
	}
	if _, err := ParseRole(string(n.Role)); err != nil {
		ps.Add("role", "invalid_role", "Chọn vai trò: chuyên viên, văn thư hoặc quản trị.")
	}
	if msg := checkPassword(n.Password); msg != "" {
		ps.Add("password", "weak_password", "%s", msg)
	}
	if err := ps.Err(); err != nil {
		return User{}, err
	}
	u := User{ID: s.cfg.NewID(), Username: username, Name: name, Role: n.Role,
		PasswordHash: s.hash(n.Password), CreatedAt: s.cfg.Now().UTC().Truncate(time.Second)}
	if err := s.store.CreateUser(ctx, u); err != nil {
		if errors.Is(err, ErrExists) {
			return User{}, apperr.Invalidf("username", "username_taken", "Tên đăng nhập %q đã có người dùng.", username)
		}
		return User{}, apperr.Wrap(err, "add user")
	}
	return u, nil
}

func checkPassword(p string) string {
	if utf8.RuneCountInString(p) < MinPassword {
		return fmt.Sprintf("Mật khẩu cần ít nhất %d ký tự.", MinPassword)
	}
	if len(p) > 1024 {
		return "Mật khẩu dài quá 1024 byte."
	}
	return ""
}

// SetPassword changes a user's password and ends their sessions.
func (s *Service) SetPassword(ctx context.Context, id, password string) error {
	if msg := checkPassword(password); msg != "" {
		return apperr.Invalidf("password", "weak_password", "%s", msg)
	}
	if err := s.store.SetPassword(ctx, id, s.hash(password)); err != nil {
		if errors.Is(err, ErrNotFound) {
			return apperr.New(apperr.NotFound, "user_not_found", "Không có tài khoản này.")
		}
		return apperr.Wrap(err, "set password")
	}
	return apperr.Wrap(s.store.DeleteUserSessions(ctx, id), "end sessions")
}

// Users lists the accounts.
func (s *Service) Users(ctx context.Context) ([]User, error) {
	us, err := s.store.Users(ctx)
	return us, apperr.Wrap(err, "list users")
}

// Count is the number of accounts; with none, a loopback workspace lets
// its one local user in without logging in.
func (s *Service) Count(ctx context.Context) (int, error) {
	n, err := s.store.CountUsers(ctx)
	return n, apperr.Wrap(err, "count users")
}

// ErrBadLogin is the one answer to a wrong name or a wrong password.
var ErrBadLogin = &apperr.Error{Kind: apperr.Unauthorized, Code: "bad_login",
	Detail: "Tên đăng nhập hoặc mật khẩu không đúng."}

// Login checks a name and password from addr (the client's IP) and opens a
// session; token goes in the cookie. Too many failures for the name or the
// address answer apperr.Unavailable until the window passes.
func (s *Service) Login(ctx context.Context, username, password, addr string) (token string, sess Session, u User, err error) {
	now := s.cfg.Now()
	username = strings.ToLower(strings.TrimSpace(username))
	if wait := s.limiter.blocked(now, "u:"+username, "a:"+addr); wait > 0 {
		mins := int(wait.Minutes()) + 1
		return "", Session{}, User{}, &apperr.Error{Kind: apperr.Unavailable, Code: "too_many_logins",
			Detail: fmt.Sprintf("Đăng nhập sai quá nhiều lần; thử lại sau %d phút.", mins)}
	}
	u, err = s.store.UserByName(ctx, username)
	if err != nil && !errors.Is(err, ErrNotFound) {
		return "", Session{}, User{}, apperr.Wrap(err, "login")
	}
	found := err == nil && !u.Disabled
	hash := s.dummy
	if found {
		hash = u.PasswordHash
	}
	if ok := Verify(hash, password); !ok || !found {
		s.limiter.fail(now, "u:"+username, "a:"+addr)
		return "", Session{}, User{}, ErrBadLogin
	}
	s.limiter.reset("u:" + username)
	token = randomToken()
	now = now.UTC().Truncate(time.Second)
	sess = Session{TokenHash: HashToken(token), UserID: u.ID, CSRF: randomToken(),
		CreatedAt: now, LastSeen: now, ExpiresAt: now.Add(s.cfg.MaxAge)}
	if err := s.store.CreateSession(ctx, sess); err != nil {
		return "", Session{}, User{}, apperr.Wrap(err, "create session")
	}
	_ = s.store.DeleteExpiredSessions(ctx, now.Add(-s.cfg.IdleTimeout), now)
	return token, sess, u, nil
}

// ErrNoSession means the cookie names no live session (absent, ended,
// idle too long or too old): log in again.
var ErrNoSession = &apperr.Error{Kind: apperr.Unauthorized, Code: "no_session",
	Detail: "Phiên làm việc đã hết hạn; vui lòng đăng nhập lại."}

// Session returns the live session of a cookie token and its user, and
// records the activity (at most once a minute).
func (s *Service) Session(ctx context.Context, token string) (Session, User, error) {
	if token == "" {
		return Session{}, User{}, ErrNoSession
	}
	h := HashToken(token)
	sess, err := s.store.SessionByHash(ctx, h)
	if errors.Is(err, ErrNotFound) {
		return Session{}, User{}, ErrNoSession
	}
	if err != nil {
		return Session{}, User{}, apperr.Wrap(err, "session")
	}
	now := s.cfg.Now().UTC()
	if now.After(sess.ExpiresAt) || now.Sub(sess.LastSeen) > s.cfg.IdleTimeout {
		_ = s.store.DeleteSession(ctx, h)
		return Session{}, User{}, ErrNoSession
	}
	u, err := s.store.UserByID(ctx, sess.UserID)
	if errors.Is(err, ErrNotFound) || (err == nil && u.Disabled) {
		_ = s.store.DeleteSession(ctx, h)
		return Session{}, User{}, ErrNoSession
	}
	if err != nil {
		return Session{}, User{}, apperr.Wrap(err, "session user")
	}
	if now.Sub(sess.LastSeen) >= time.Minute {
		sess.LastSeen = now.Truncate(time.Second)
		if err := s.store.TouchSession(ctx, h, sess.LastSeen); err != nil {
			return Session{}, User{}, apperr.Wrap(err, "touch session")
		}
	}
	return sess, u, nil
}

// Logout ends the session of a cookie token.
func (s *Service) Logout(ctx context.Context, token string) error {
	if token == "" {
		return nil
	}
	return apperr.Wrap(s.store.DeleteSession(ctx, HashToken(token)), "logout")
}

// HashToken is the form in which a session token is stored.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

func randomToken() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b)
}

// hash returns the argon2id PHC string of password with a fresh salt.
func (s *Service) hash(password string) string {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		panic(err)
	}
	c := s.cfg
	key := argon2.IDKey([]byte(password), salt, c.Passes, c.MemoryKiB, c.Lanes, 32)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, c.MemoryKiB, c.Passes, c.Lanes,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key))
}

// Verify checks password against an argon2id PHC string, with the cost
// written in it (so that raising the cost keeps old hashes valid).
func Verify(phc, password string) bool {
	parts := strings.Split(phc, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var v int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &v); err != nil || v != argon2.Version {
		return false
	}
	var m, t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil || m == 0 || m > 1<<20 || t == 0 || t > 10 || p == 0 {
		return false
	}
	salt, err := base64.RawStdEncoding.DecodeString(parts[4])
	if err != nil {
		return false
	}
	want, err := base64.RawStdEncoding.DecodeString(parts[5])
	if err != nil || len(want) == 0 {
		return false
	}
	got := argon2.IDKey([]byte(password), salt, t, m, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

// limiter counts failed logins per key within a window, bounded in memory.
type limiter struct {
	mu     sync.Mutex
	max    int
	window time.Duration
	fails  map[string][]time.Time
}

const maxLimiterKeys = 10000

func newLimiter(max int, window time.Duration) *limiter {
	return &limiter{max: max, window: window, fails: map[string][]time.Time{}}
}

// blocked returns how long any of keys must still wait.
func (l *limiter) blocked(now time.Time, keys ...string) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	var wait time.Duration
	for _, k := range keys {
		ts := l.recent(now, k)
		if len(ts) >= l.max {
			if w := ts[0].Add(l.window).Sub(now); w > wait {
				wait = w
			}
		}
	}
	return wait
}

func (l *limiter) recent(now time.Time, k string) []time.Time {
	ts := l.fails[k]
	i := 0
	for i < len(ts) && now.Sub(ts[i]) >= l.window {
		i++
	}
	ts = ts[i:]
	if len(ts) == 0 {
		delete(l.fails, k)
	} else {
		l.fails[k] = ts
	}
	return ts
}

func (l *limiter) fail(now time.Time, keys ...string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.fails) >= maxLimiterKeys {
		for k := range l.fails {
			l.recent(now, k)
		}
		if len(l.fails) >= maxLimiterKeys {
			l.fails = map[string][]time.Time{} // a flood: start over rather than grow
		}
	}
	for _, k := range keys {
		ts := append(l.recent(now, k), now)
		if len(ts) > l.max {
			ts = ts[len(ts)-l.max:]
		}
		l.fails[k] = ts
	}
}

func (l *limiter) reset(k string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.fails, k)
}
