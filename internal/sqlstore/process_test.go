package sqlstore_test

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/vanban/vanban/internal/nd30"
	"github.com/vanban/vanban/internal/registry"
	"github.com/vanban/vanban/internal/registry/blobfs"
	"github.com/vanban/vanban/internal/sqlstore"
)

// Child processes: the test binary re-executed with -test.run=^TestChild$
// and these variables set.
const (
	childMode = "VANBAN_SQLSTORE_CHILD"     // "issue" or "block"
	childDir  = "VANBAN_SQLSTORE_CHILD_DIR" // data directory
	childURL  = "VANBAN_SQLSTORE_CHILD_URL" // PostgreSQL URL, or empty
	childN    = "VANBAN_SQLSTORE_CHILD_N"   // documents to issue
)

// TestChild is not a test: it is the body of the child processes of
// TestTwoProcesses and TestCrashWhileIssuing, and does nothing otherwise.
func TestChild(t *testing.T) {
	mode := os.Getenv(childMode)
	if mode == "" {
		t.Skip("runs only as a child process")
	}
	n, _ := strconv.Atoi(os.Getenv(childN))
	ctx := context.Background()
	st, err := sqlstore.Open(ctx, os.Getenv(childDir), os.Getenv(childURL))
	if err != nil {
		fmt.Println("ERROR", err)
		os.Exit(2)
	}
	svc := newService(t, st, os.Getenv(childDir), registry.Config{})
	for range n {
		rec, err := svc.Issue(ctx, plan("tiến trình con"), fakeRender(3000))
		if err != nil {
			fmt.Println("ERROR", err)
			os.Exit(2)
		}
		fmt.Println("ISSUED", rec.Number)
	}
	if mode == "block" {
		// The next issue blocks in its render, after its file is written
		// to the blob store: the parent kills the process there.
		_, err := svc.Issue(ctx, plan("bị giết"), func(ctx context.Context, number string, date nd30.Date) ([]registry.File, error) {
			files, _ := fakeRender(3000)(ctx, number, date)
			files[0].Data = append(files[0].Data, []byte("orphan")...)
			// Write the orphan blob now, as Issue would after render, to
			// show that a stored file without a record is harmless.
			blobs, _ := blobfs.Open(filepath.Join(os.Getenv(childDir), "blobs"))
			blobs.Put(ctx, files[0].Data)
			fmt.Println("BLOCKED", number)
			select {}
		})
		fmt.Println("ERROR unblocked", err)
		os.Exit(2)
	}
	st.Close()
}

func child(t *testing.T, mode string, b backend, n int) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), childMode+"="+mode, childDir+"="+b.dir, childURL+"="+b.url, childN+"="+strconv.Itoa(n))
	cmd.Stderr = os.Stderr
	return cmd
}

// TestTwoProcesses: two processes issue 500 documents each on the same
// SQLite file (or PostgreSQL database): 1..1000, each once.
func TestTwoProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			var wg sync.WaitGroup
			outs := make([]string, 2)
			errs := make([]error, 2)
			for i := range 2 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					out, err := child(t, "issue", b, 500).Output()
					outs[i], errs[i] = string(out), err
				}()
			}
			wg.Wait()
			for i := range 2 {
				if errs[i] != nil || strings.Contains(outs[i], "ERROR") {
					t.Fatalf("child %d: %v\n%s", i, errs[i], outs[i])
				}
				if c := strings.Count(outs[i], "ISSUED"); c != 500 {
					t.Fatalf("child %d issued %d", i, c)
				}
			}
			svc := newService(t, b.open(t), b.dir, registry.Config{})
			checkSequence(t, allRecords(t, svc, "SVHTTDL"), 1000)
		})
	}
}

// TestCrashWhileIssuing: a process killed with SIGKILL while it holds a
// number (blocked in its render) leaves no record for that number and no
// record without its file; the next issue takes that number, without a gap
// or a duplicate.
func TestCrashWhileIssuing(t *testing.T) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			cmd := child(t, "block", b, 3)
			stdout, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			lines := make(chan string)
			go func() {
				sc := bufio.NewScanner(stdout)
				for sc.Scan() {
					lines <- sc.Text()
				}
				close(lines)
			}()
			var blocked string
			timeout := time.After(60 * time.Second)
		wait:
			for {
				select {
				case l, ok := <-lines:
					if !ok {
						t.Fatal("child exited before blocking")
					}
					if strings.HasPrefix(l, "ERROR") {
						t.Fatal(l)
					}
					if strings.HasPrefix(l, "BLOCKED ") {
						blocked = strings.TrimPrefix(l, "BLOCKED ")
						break wait
					}
				case <-timeout:
					cmd.Process.Kill()
					t.Fatal("child did not block")
				}
			}
			if blocked != "04" {
				t.Fatalf("child blocked on number %s, want 04", blocked)
			}
			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			err = cmd.Wait()
			if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
				t.Fatalf("child was not killed by SIGKILL: %v", err)
			}

			st := b.open(t)
			svc := newService(t, st, b.dir, registry.Config{})
			recs := allRecords(t, svc, "SVHTTDL")
			checkSequence(t, recs, 3)
			blobs, err := blobfs.Open(filepath.Join(b.dir, "blobs"))
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range recs {
				for _, f := range r.Files {
					rc, err := blobs.Open(context.Background(), f.Key)
					if err != nil {
						t.Fatalf("record %s has no stored file: %v", r.Ref(), err)
					}
					data, err := io.ReadAll(rc)
					rc.Close()
					if err != nil {
						t.Fatalf("record %s has no stored file: %v", r.Ref(), err)
					}
					sum := sha256.Sum256(data)
					if hex.EncodeToString(sum[:]) != f.SHA256 {
						t.Fatalf("stored file of %s fails its SHA-256", r.Ref())
					}
				}
			}
			// No temporary file is left where a reader would take it for a blob.
			matches, _ := filepath.Glob(filepath.Join(b.dir, "blobs", "*", "*"))
			for _, m := range matches {
				if strings.HasPrefix(filepath.Base(m), ".tmp-") {
					continue
				}
				if len(filepath.Base(m)) != 64 {
					t.Errorf("unexpected file %s in the blob store", m)
				}
			}
			rec, err := svc.Issue(context.Background(), plan("sau sự cố"), fakeRender(100))
			if err != nil {
				t.Fatal(err)
			}
			if rec.Number != 4 {
				t.Fatalf("after the crash the next number is %d, want 4", rec.Number)
			}
			checkSequence(t, allRecords(t, svc, "SVHTTDL"), 4)
		})
	}
}
