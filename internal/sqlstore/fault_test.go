package sqlstore_test

import (
	"context"
	"io"
	"net"
	"net/url"
	"os"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/vanban/vanban/internal/apperr"
	"github.com/vanban/vanban/internal/registry"
	"github.com/vanban/vanban/internal/sqlstore"
)

// proxy forwards TCP connections to target until stopped; stop closes the
// listener and every connection (PostgreSQL "stopped"); start listens again
// on the same address (PostgreSQL back).
type proxy struct {
	addr, target string
	mu           sync.Mutex
	ln           net.Listener
	conns        []net.Conn
}

func (p *proxy) start(t *testing.T) {
	t.Helper()
	var ln net.Listener
	var err error
	for range 50 { // the port may linger a moment after stop
		if ln, err = net.Listen("tcp", p.addr); err == nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err != nil {
		t.Fatal(err)
	}
	p.mu.Lock()
	p.ln, p.addr = ln, ln.Addr().String()
	p.mu.Unlock()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			u, err := net.Dial("tcp", p.target)
			if err != nil {
				c.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, c, u)
			p.mu.Unlock()
			go func() { io.Copy(u, c); u.Close() }()
			go func() { io.Copy(c, u); c.Close() }()
		}
	}()
}

func (p *proxy) stop() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.ln.Close()
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

// Issue 10 item 14: with PostgreSQL unreachable, issue, list, get and
// verify answer Unavailable (503) with the code database_unavailable, never
// Internal (500); readiness fails; when the database is back, numbering goes
// on without a gap or a duplicate.
func TestDatabaseUnreachableIsUnavailable(t *testing.T) {
	pg, ok := pgBackend(t)
	if !ok {
		return
	}
	u, err := url.Parse(pg.url)
	if err != nil {
		t.Fatal(err)
	}
	p := &proxy{addr: "127.0.0.1:0", target: u.Host}
	p.start(t)
	u.Host = p.addr
	st, err := sqlstore.Open(context.Background(), pg.dir, u.String())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	svc := newService(t, st, pg.dir, registry.Config{})
	ctx := context.Background()
	first, err := svc.Issue(ctx, plan("trước khi mất kết nối"), fakeRender(100))
	if err != nil {
		t.Fatal(err)
	}
	p.stop()
	want := func(what string, err error) {
		t.Helper()
		e := apperr.As(err)
		if e.Kind != apperr.Unavailable || e.Code != "database_unavailable" {
			t.Errorf("%s: %v (kind %v), want Unavailable database_unavailable", what, err, e.Kind)
		}
	}
	for range 3 {
		_, err = svc.Issue(ctx, plan("khi mất kết nối"), fakeRender(100))
		want("issue", err)
	}
	_, err = svc.List(ctx, registry.Query{})
	want("list", err)
	_, err = svc.Get(ctx, first.ID.String())
	want("get", err)
	_, err = svc.VerifyCertificate(ctx, "3f2b8c1e-5d7a-4c1e-9b2a-0c6d8e4f1a2b")
	want("verify", err)
	if err := st.DB().PingContext(ctx); err == nil {
		t.Error("ping succeeds with the database gone: /readyz would stay green")
	}
	p.start(t)
	var rec registry.Record
	deadline := time.Now().Add(5 * time.Second)
	for {
		rec, err = svc.Issue(ctx, plan("sau khi có lại kết nối"), fakeRender(100))
		if err == nil || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err != nil {
		t.Fatalf("database back, issue still fails: %v", err)
	}
	if rec.Number != first.Number+1 {
		t.Errorf("number after the outage %d, want %d (no gap, no duplicate)", rec.Number, first.Number+1)
	}
	if err := st.DB().PingContext(ctx); err != nil {
		t.Errorf("ping after the outage: %v", err)
	}
}

// fullBlobs is a file store on a full disk.
type fullBlobs struct{}

func (fullBlobs) Put(context.Context, []byte) (string, error) {
	return "", &os.PathError{Op: "write", Path: "/data/files/tmp-1", Err: syscall.ENOSPC}
}
func (fullBlobs) Open(context.Context, string) (io.ReadCloser, error) {
	return nil, registry.ErrNotFound
}

// Issue 10 item 14: a full disk is 503 disk_full and uses up no number.
func TestDiskFullIsUnavailable(t *testing.T) {
	b := backend{name: "sqlite", dir: t.TempDir()}
	st := b.open(t)
	svc, err := registry.New(st, fullBlobs{}, registry.Config{Agency: "SVHTTDL", Now: (&clock{t: vn(2026, 3, 10, 9, 0)}).Now})
	if err != nil {
		t.Fatal(err)
	}
	_, err = svc.Issue(context.Background(), plan("đĩa đầy"), fakeRender(100))
	if e := apperr.As(err); e.Kind != apperr.Unavailable || e.Code != "disk_full" {
		t.Fatalf("err = %v (kind %v), want Unavailable disk_full", err, e.Kind)
	}
	next, err := svc.Next(context.Background(), "", "KH", "", 2026)
	if err != nil || next != "01" {
		t.Errorf("next %q %v: the failed issue used up a number", next, err)
	}
}
