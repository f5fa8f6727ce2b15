package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"golang.org/x/term"

	"github.com/vanban/vanban/internal/account"
	"github.com/vanban/vanban/internal/sqlstore"
)

const userUsage = `Cách dùng: vanban user LỆNH --data DIR …
  add   --username TÊN --role chuyen-vien|van-thu|quan-tri [--name "Họ và tên"]
        mật khẩu: hỏi trên terminal (hai lần), hoặc đọc một dòng từ stdin
  list                                          liệt kê tài khoản
`

// user manages the accounts of the officers' workspace.
func (c *cli) user(args []string) int {
	if len(args) == 0 {
		fmt.Fprint(c.stderr, userUsage)
		return exitUsage
	}
	sub, args := args[0], args[1:]
	switch sub {
	case "help", "-h", "--help":
		fmt.Fprint(c.stdout, userUsage)
		return exitOK
	case "add", "list":
	default:
		fmt.Fprintf(c.stderr, "vanban user: lệnh %q không có.\n\n%s", sub, userUsage)
		return exitUsage
	}
	fs := c.flags("user "+sub, "user "+sub+" --data DIR …")
	data := fs.String("data", envOr(c.getenv, "VANBAN_DATA", "./data"), "thư mục dữ liệu (VANBAN_DATA)")
	dbURL := fs.String("database-url", c.getenv("VANBAN_DATABASE_URL"), "PostgreSQL thay cho SQLite (VANBAN_DATABASE_URL)")
	username := fs.String("username", "", "tên đăng nhập, chữ không dấu (add)")
	name := fs.String("name", "", "họ và tên hiện trên bàn làm việc (add)")
	roleFlag := fs.String("role", "", "vai trò: chuyen-vien, van-thu hoặc quan-tri (add)")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	var role account.Role
	if sub == "add" {
		if *username == "" || *roleFlag == "" {
			fmt.Fprintln(c.stderr, "vanban user add: cần --username TÊN và --role chuyen-vien|van-thu|quan-tri")
			return exitUsage
		}
		r, err := account.ParseRole(*roleFlag)
		if err != nil {
			return c.report(err)
		}
		role = r
	}
	store, err := sqlstore.Open(c.ctx, *data, *dbURL)
	if err != nil {
		fmt.Fprintf(c.stderr, "vanban: %v\n", err)
		return exitError
	}
	defer store.Close()
	svc := account.New(store, account.Config{Now: time.Now})
	switch sub {
	case "add":
		password, err := c.readPassword()
		if err != nil {
			fmt.Fprintf(c.stderr, "vanban: %v\n", err)
			return exitError
		}
		u, err := svc.Add(c.ctx, account.NewUser{Username: *username, Name: *name, Password: password, Role: role})
		if err != nil {
			return c.report(err)
		}
		fmt.Fprintf(c.stdout, "Đã tạo tài khoản %s (%s), vai trò %s.\n", u.Username, u.Name, strings.ToLower(u.Role.Label()))
	case "list":
		us, err := svc.Users(c.ctx)
		if err != nil {
			return c.report(err)
		}
		tw := tabwriter.NewWriter(c.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "Tên đăng nhập\tHọ và tên\tVai trò")
		for _, u := range us {
			fmt.Fprintf(tw, "%s\t%s\t%s\n", u.Username, u.Name, u.Role.Label())
		}
		tw.Flush()
	}
	return exitOK
}

// readPassword asks twice on a terminal, or reads one line from stdin.
func (c *cli) readPassword() (string, error) {
	if f, ok := c.stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(c.stderr, "Mật khẩu (ít nhất 10 ký tự): ")
		a, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(c.stderr)
		if err != nil {
			return "", err
		}
		fmt.Fprint(c.stderr, "Nhập lại mật khẩu: ")
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(c.stderr)
		if err != nil {
			return "", err
		}
		if string(a) != string(b) {
			return "", fmt.Errorf("hai lần nhập mật khẩu không khớp")
		}
		return string(a), nil
	}
	line, err := bufio.NewReader(c.stdin).ReadString('\n')
	if err != nil && line == "" {
		return "", fmt.Errorf("không đọc được mật khẩu từ stdin: %v", err)
	}
	return strings.TrimRight(line, "\r\n"), nil
}
