package sqlstore_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/vanban/vanban/internal/account"
)

// TestAccounts runs the account use cases over each backend: add, a taken
// name, login, a session read back with its CSRF token, idle expiry, logout.
func TestAccounts(t *testing.T) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			st := b.open(t)
			now := time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)
			svc := account.New(st, account.Config{Now: func() time.Time { return now }, MemoryKiB: 64, Passes: 1})
			if n, err := svc.Count(ctx); err != nil || n != 0 {
				t.Fatalf("count = %d, %v", n, err)
			}
			u, err := svc.Add(ctx, account.NewUser{Username: "Lan.NT", Name: "Nguyễn Thị Lan", Password: "mật khẩu dài đủ", Role: account.Clerk})
			if err != nil {
				t.Fatal(err)
			}
			if u.Username != "lan.nt" {
				t.Errorf("username = %q", u.Username)
			}
			if _, err := svc.Add(ctx, account.NewUser{Username: "lan.nt", Password: "mật khẩu dài đủ", Role: account.Clerk}); err == nil {
				t.Error("a taken name was accepted")
			}
			if _, _, _, err := svc.Login(ctx, "lan.nt", "sai mật khẩu rồi", "127.0.0.1"); !errors.Is(err, account.ErrBadLogin) {
				t.Errorf("wrong password: %v", err)
			}
			tok, sess, got, err := svc.Login(ctx, "LAN.NT", "mật khẩu dài đủ", "127.0.0.1")
			if err != nil {
				t.Fatal(err)
			}
			if got.Name != "Nguyễn Thị Lan" || got.Role != account.Clerk {
				t.Errorf("user = %+v", got)
			}
			s2, u2, err := svc.Session(ctx, tok)
			if err != nil || u2.ID != u.ID || s2.CSRF != sess.CSRF || s2.CSRF == "" {
				t.Fatalf("session = %+v %+v %v", s2, u2, err)
			}
			now = now.Add(61 * time.Minute)
			if _, _, err := svc.Session(ctx, tok); !errors.Is(err, account.ErrNoSession) {
				t.Errorf("idle session still alive: %v", err)
			}
			tok, _, _, err = svc.Login(ctx, "lan.nt", "mật khẩu dài đủ", "127.0.0.1")
			if err != nil {
				t.Fatal(err)
			}
			if err := svc.Logout(ctx, tok); err != nil {
				t.Fatal(err)
			}
			if _, _, err := svc.Session(ctx, tok); !errors.Is(err, account.ErrNoSession) {
				t.Errorf("session alive after logout: %v", err)
			}
			us, err := svc.Users(ctx)
			if err != nil || len(us) != 1 {
				t.Errorf("users = %v, %v", us, err)
			}
		})
	}
}
