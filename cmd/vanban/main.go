// Command vanban produces Vietnamese administrative documents laid out as
// Nghị định 30/2020/NĐ-CP requires — Kế hoạch, Tờ trình đề nghị khen thưởng,
// Quyết định khen thưởng, Bằng khen and Giấy khen — as PDF and DOCX, from the
// command line or as an HTTP service. This file wires every package together;
// no other package knows them all.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"os/user"
	"syscall"
	"time"

	"github.com/vanban/vanban/internal/gcstart"
	"github.com/vanban/vanban/internal/registry"
)

const usage = `vanban — văn bản hành chính theo Nghị định 30/2020/NĐ-CP

Cách dùng:
  vanban serve        [--addr 127.0.0.1:8080] [--data ./data] …   chạy dịch vụ HTTP
  vanban render       --in VB.json --out VB.pdf|VB.docx [--format pdf|docx]
  vanban schema       KIND                                     in lược đồ JSON của một loại văn bản
  vanban kinds                                                 liệt kê các loại văn bản
  vanban import       --in DS.xlsx|DS.csv --out DS.json        đọc danh sách đề nghị khen thưởng
  vanban certificates --in BATCH.json --out FILE.pdf|FILE.zip  in Bằng khen, Giấy khen hàng loạt
  vanban registry     issue|register|list|export|cancel …     sổ đăng ký văn bản đi
  vanban user         add|list …                               tài khoản của bàn làm việc (web)

Dùng "-" thay tên tệp để đọc từ stdin hoặc ghi ra stdout.
Mỗi lệnh có --help.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	if len(os.Args) < 2 || os.Args[1] != "serve" { // serve drains its requests itself
		go exitAfterSignal(ctx, time.Second)
	}
	switch {
	case len(os.Args) >= 2 && (os.Args[1] == "render" || os.Args[1] == "schema" || os.Args[1] == "kinds"):
		// one document or one listing: the start-up GOGC (gcstart) stays
	default:
		gcstart.Steady()
	}
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv)
	stop()
	os.Exit(code)
}

// exitAfterSignal ends a command that has not stopped on its own within
// grace of SIGINT/SIGTERM (work that does not watch ctx, such as a big
// template being read): the process exits with 130.
func exitAfterSignal(ctx context.Context, grace time.Duration) {
	<-ctx.Done()
	time.Sleep(grace)
	fmt.Fprintln(os.Stderr, "vanban: đã dừng theo yêu cầu (SIGINT/SIGTERM).")
	os.Exit(exitSignal)
}

// Exit codes.
const (
	exitOK     = 0
	exitError  = 1   // the input or the work failed; the message says why
	exitUsage  = 2   // the command line is wrong
	exitSignal = 130 // stopped by SIGINT/SIGTERM
)

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	// What the command line writes into the register is recorded as done
	// by the CLI and the operating-system user running it.
	ctx = registry.WithActor(ctx, registry.Actor{Kind: registry.ActorCLI, Name: osUser(getenv)})
	env := &cli{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr, getenv: getenv}
	switch args[0] {
	case "serve":
		return env.serve(args[1:])
	case "render":
		return env.render(args[1:])
	case "schema":
		return env.schema(args[1:])
	case "kinds":
		return env.kinds(args[1:])
	case "import":
		return env.importList(args[1:])
	case "certificates":
		return env.certificates(args[1:])
	case "registry":
		return env.registry(args[1:])
	case "user":
		return env.user(args[1:])
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "vanban: lệnh %q không có.\n\n%s", args[0], usage)
	return exitUsage
}

// osUser is the name of the user running the command: $USER, else the
// account of the process.
func osUser(getenv func(string) string) string {
	if u := getenv("USER"); u != "" {
		return u
	}
	if u, err := user.Current(); err == nil {
		return u.Username
	}
	return ""
}

// cli carries the process's streams and environment to the subcommands.
type cli struct {
	ctx    context.Context
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
}
