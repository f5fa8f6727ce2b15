package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"golang.org/x/term"

	"github.com/vanban/vanban/internal/httpapi"
	"github.com/vanban/vanban/internal/registry"
)

// envFlags binds each flag to an environment variable: --addr ↔ VANBAN_ADDR.
// A flag given on the command line wins over the variable, which wins over
// the default.
type envFlags struct {
	fs     *flag.FlagSet
	getenv func(string) string
	bad    []string
}

func envName(flagName string) string {
	return "VANBAN_" + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

func (e *envFlags) env(name string) (string, bool) {
	v := e.getenv(envName(name))
	return v, v != ""
}

func (e *envFlags) String(name, def, usage string) *string {
	if v, ok := e.env(name); ok {
		def = v
	}
	return e.fs.String(name, def, usage+" ("+envName(name)+")")
}

func (e *envFlags) Int(name string, def int, usage string) *int {
	if v, ok := e.env(name); ok {
		n, err := strconv.Atoi(v)
		if err != nil {
			e.bad = append(e.bad, fmt.Sprintf("%s=%q không phải số nguyên", envName(name), v))
		} else {
			def = n
		}
	}
	return e.fs.Int(name, def, usage+" ("+envName(name)+")")
}

func (e *envFlags) Bool(name string, def bool, usage string) *bool {
	if v, ok := e.env(name); ok {
		b, err := strconv.ParseBool(v)
		if err != nil {
			e.bad = append(e.bad, fmt.Sprintf("%s=%q phải là true hoặc false", envName(name), v))
		} else {
			def = b
		}
	}
	return e.fs.Bool(name, def, usage+" ("+envName(name)+")")
}

func (e *envFlags) Duration(name string, def time.Duration, usage string) *time.Duration {
	if v, ok := e.env(name); ok {
		d, err := time.ParseDuration(v)
		if err != nil {
			e.bad = append(e.bad, fmt.Sprintf("%s=%q không phải khoảng thời gian (ví dụ 30s)", envName(name), v))
		} else {
			def = d
		}
	}
	return e.fs.Duration(name, def, usage+" ("+envName(name)+")")
}

// serveConfig is the configuration of `vanban serve`.
type serveConfig struct {
	http        httpapi.Config
	data        string
	databaseURL string
	templates   string
	verifyBase  string
	logFormat   string
	logLevel    string
}

func (c *cli) serveFlags(args []string) (serveConfig, int, bool) {
	fs := c.flags("serve", "serve [cờ]; mỗi cờ cũng đặt được bằng biến môi trường tương ứng")
	e := &envFlags{fs: fs, getenv: c.getenv}
	addr := e.String("addr", httpapi.DefaultAddr, "địa chỉ lắng nghe")
	data := e.String("data", "./data", "thư mục dữ liệu (cơ sở dữ liệu SQLite, tệp đã ban hành)")
	dbURL := e.String("database-url", "", "PostgreSQL (postgres://…); để trống dùng SQLite trong --data")
	tmpl := e.String("templates", "", "thư mục chứa mẫu lời văn và danh mục khen thưởng thay cho bản nhúng sẵn")
	maxBody := e.Int("max-body", httpapi.DefaultMaxBodyBytes, "kích thước tối đa của một yêu cầu (byte)")
	maxInFlight := e.Int("max-bytes-in-flight", 0, "tổng byte dữ liệu gửi lên giữ cùng lúc (mặc định 2 × max-body)")
	maxRenders := e.Int("max-renders", 0, "số văn bản dựng đồng thời tối đa (0 = số CPU × 2)")
	queueWait := e.Duration("queue-wait", 2*time.Second, "thời gian chờ chỗ trống trước khi trả 503")
	renderTimeout := e.Duration("render-timeout", 30*time.Second, "thời hạn của một lần dựng văn bản")
	keys := e.String("api-key-hashes", "", "các mã SHA-256 (hex) của khóa API, cách nhau bởi dấu phẩy; đặt tên cho khóa (ghi vào sổ là ai cấp số, đăng ký, hủy): TÊN=MÃ")
	keyAll := e.Bool("require-key-for-all", false, "đòi khóa API cho mọi tuyến /v1, không chỉ thao tác ghi")
	openWrites := e.Bool("open-writes", false, "cho phép ghi không cần khóa khi không cấu hình khóa, kể cả khi không nghe trên loopback")
	verifyBase := e.String("verify-base-url", "", "địa chỉ công khai của dịch vụ, in trong mã QR xác minh (ví dụ https://vanban.sovhttdl.laichau.gov.vn)")
	logFormat := e.String("log-format", "auto", "auto (JSON khi không chạy trên terminal), json hoặc text")
	logLevel := e.String("log-level", "info", "debug, info, warn hoặc error")
	if code, ok := parse(fs, args); !ok {
		return serveConfig{}, code, false
	}
	if len(e.bad) > 0 {
		for _, b := range e.bad {
			fmt.Fprintf(c.stderr, "vanban serve: %s\n", b)
		}
		return serveConfig{}, exitUsage, false
	}
	var hashes []string
	for _, h := range strings.Split(*keys, ",") {
		if h = strings.TrimSpace(h); h != "" {
			hashes = append(hashes, h)
		}
	}
	cfg := serveConfig{
		http: httpapi.Config{
			Addr: *addr, MaxBodyBytes: int64(*maxBody), MaxBytesInFlight: int64(*maxInFlight), MaxRenders: *maxRenders, QueueWait: *queueWait,
			RenderTimeout: *renderTimeout, APIKeyHashes: hashes, RequireKeyForAll: *keyAll, OpenWrites: *openWrites,
		},
		data: *data, databaseURL: *dbURL, templates: *tmpl, verifyBase: *verifyBase,
		logFormat: *logFormat, logLevel: *logLevel,
	}
	if err := cfg.http.Check(); err != nil {
		fmt.Fprintf(c.stderr, "vanban serve: %v\n", err)
		return serveConfig{}, exitUsage, false
	}
	return cfg, 0, true
}

// logger writes JSON when stderr is not a terminal (a service under systemd
// or in a container), readable text on a terminal.
func (c *cli) logger(format, level string) (*slog.Logger, error) {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("mức log %q không có (debug, info, warn, error)", level)
	}
	opts := &slog.HandlerOptions{Level: lv}
	switch format {
	case "json":
		return slog.New(slog.NewJSONHandler(c.stderr, opts)), nil
	case "text":
		return slog.New(slog.NewTextHandler(c.stderr, opts)), nil
	case "auto", "":
		if f, ok := c.stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
			return slog.New(slog.NewTextHandler(c.stderr, opts)), nil
		}
		return slog.New(slog.NewJSONHandler(c.stderr, opts)), nil
	}
	return nil, fmt.Errorf("định dạng log %q không có (auto, json, text)", format)
}

// DefaultMemoryLimit is the soft memory limit of serve (runtime/debug).
const DefaultMemoryLimit = 160 << 20

func (c *cli) serve(args []string) int {
	cfg, code, ok := c.serveFlags(args)
	if !ok {
		return code
	}
	if c.getenv("GOMEMLIMIT") == "" {
		// A soft heap target: the collector works harder as the heap nears
		// it, so bursts of large hostile bodies do not double the process
		// (issue 10: peak RSS under 256 MB). GOMEMLIMIT overrides it.
		debug.SetMemoryLimit(DefaultMemoryLimit)
	}
	log, err := c.logger(cfg.logFormat, cfg.logLevel)
	if err != nil {
		fmt.Fprintf(c.stderr, "vanban serve: %v\n", err)
		return exitUsage
	}
	srv, closeAll, err := c.newServer(cfg, log)
	if err != nil {
		log.Error("vanban: không khởi động được", "err", err)
		return exitError
	}
	defer closeAll()
	if err := srv.Run(c.ctx); err != nil && !errors.Is(err, context.Canceled) {
		log.Error("vanban: dịch vụ dừng vì lỗi", "err", err)
		return exitError
	}
	return exitOK
}

// newServer wires the service: the core, the register's store in the data
// directory (or PostgreSQL), and the HTTP layer.
func (c *cli) newServer(cfg serveConfig, log *slog.Logger) (*httpapi.Server, func(), error) {
	a, err := newApp(cfg.templates, func(name string) string {
		if name == "VANBAN_VERIFY_BASE_URL" {
			return cfg.verifyBase
		}
		return c.getenv(name)
	})
	if err != nil {
		return nil, nil, err
	}
	reg, closeReg, err := a.openRegistry(c.ctx, cfg.data, cfg.databaseURL)
	if err != nil {
		return nil, nil, err
	}
	ws, err := a.newWorkspace(cfg.http.Addr, reg, log)
	if err != nil {
		closeReg()
		return nil, nil, err
	}
	deps := httpapi.Deps{
		Workspace:    ws,
		Documents:    a.docs,
		Awards:       a.docs,
		Certificates: a.docs,
		Registry:     a.docs.Registry(),
		Campaigns:    a.campaigns,
		Printer:      a.printer,
		Ready: []httpapi.ReadyCheck{
			{Name: "fonts", Check: a.kindsEnv().FontsReady},
			{Name: "templates", Check: a.kindsEnv().TemplatesReady},
			{Name: "database", Check: func(ctx context.Context) error {
				_, err := reg.List(ctx, registry.Query{Limit: 1})
				return err
			}},
		},
	}
	srv, err := httpapi.New(cfg.http, deps, log)
	if err != nil {
		closeReg()
		return nil, nil, err
	}
	return srv, closeReg, nil
}
