package spreadsheet

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/vanban/vanban/internal/apperr"
)

// cpuTime is the process's user and system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// A read whose caller has gone or whose deadline passed stops: at once when
// the context is done before it starts, and soon after when it is cancelled
// during the read of the largest workbook the caps accept (issue 10 item 1,
// context through the import).
func TestReadStopsWhenCancelled(t *testing.T) {
	data := largestAllowed(t)
	gone, cancel := context.WithCancel(context.Background())
	cancel()
	wb, err := ReadXLSX(gone, bytes.NewReader(data), int64(len(data)), Limits{})
	if e := apperr.As(err); wb != nil || !errors.Is(err, context.Canceled) || e.Code != "cancelled" || e.Kind != apperr.Unavailable {
		t.Fatalf("cancelled before: %v %v", wb, err)
	}

	start := time.Now()
	if _, err := ReadXLSX(context.Background(), bytes.NewReader(data), int64(len(data)), Limits{}); err != nil {
		t.Fatal(err)
	}
	full := time.Since(start)
	// A deadline at a tenth of a full read: the read ends with the deadline's
	// error, well before a full read would.
	ctx, cancel2 := context.WithTimeout(context.Background(), full/10)
	defer cancel2()
	start = time.Now()
	wb, err = ReadXLSX(ctx, bytes.NewReader(data), int64(len(data)), Limits{})
	took := time.Since(start)
	if wb != nil || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("deadline during the read: %v %v", wb, err)
	}
	t.Logf("full read %v; with a deadline of %v it stopped after %v", full, full/10, took)
	if took > full*3/4 {
		t.Errorf("stopped after %v, a full read takes %v", took, full)
	}

	// CSV too.
	var big strings.Builder
	big.WriteString("STT;Họ và tên;Đơn vị\n")
	for i := range 20000 {
		big.WriteString(itoa(i) + ";Nguyễn Văn A;Phòng B\n")
	}
	if _, err := ReadCSV(gone, strings.NewReader(big.String()), "ds", Limits{}); !errors.Is(err, context.Canceled) {
		t.Errorf("CSV, cancelled: %v", err)
	}
}
