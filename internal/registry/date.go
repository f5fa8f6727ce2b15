package registry

import (
	"fmt"
	"github.com/vanban/vanban/internal/nd30"
	"strconv"
	"strings"
	"time"
)

// Date is a calendar date (no time, no zone). Its fields match nd30.Date, so
// nd30.Date(d) converts it.
type Date struct {
	Year, Month, Day int
}

// DateOf returns the calendar date of t in t's location.
func DateOf(t time.Time) Date { return Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()} }

// ParseDate reads "YYYY-MM-DD" and rejects impossible dates.
func ParseDate(s string) (Date, error) {
	bad := fmt.Errorf("ngày %q không đúng dạng NNNN-TT-NN", s)
	parts := strings.Split(s, "-")
	if len(parts) != 3 || len(parts[0]) != 4 || len(parts[1]) != 2 || len(parts[2]) != 2 {
		return Date{}, bad
	}
	var n [3]int
	for i, p := range parts {
		if strings.Trim(p, "0123456789") != "" {
			return Date{}, bad
		}
		v, err := strconv.Atoi(p)
		if err != nil || v < 0 {
			return Date{}, bad
		}
		n[i] = v
	}
	d := Date{Year: n[0], Month: n[1], Day: n[2]}
	if err := d.Check(); err != nil {
		return Date{}, err
	}
	return d, nil
}

// Check reports an impossible date.
func (d Date) Check() error {
	if d.Year < 1945 || d.Year > 9999 {
		return fmt.Errorf("năm %d không hợp lệ", d.Year)
	}
	if d.Month < 1 || d.Month > 12 {
		return fmt.Errorf("tháng %d không hợp lệ", d.Month)
	}
	if d.Day < 1 || d.Day > nd30.DaysIn(d.Year, d.Month) {
		return fmt.Errorf("ngày %d/%d/%d không có thật", d.Day, d.Month, d.Year)
	}
	return nil
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// Before reports whether d is earlier than e.
func (d Date) Before(e Date) bool {
	if d.Year != e.Year {
		return d.Year < e.Year
	}
	if d.Month != e.Month {
		return d.Month < e.Month
	}
	return d.Day < e.Day
}

// String writes "YYYY-MM-DD".
func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day) }

// Short writes "dd/mm/yyyy", the form used in the register's date column.
func (d Date) Short() string { return fmt.Sprintf("%02d/%02d/%04d", d.Day, d.Month, d.Year) }

// MarshalText writes "YYYY-MM-DD" ("" for the zero Date).
func (d Date) MarshalText() ([]byte, error) {
	if d.IsZero() {
		return []byte{}, nil
	}
	return []byte(d.String()), nil
}

// UnmarshalText reads "YYYY-MM-DD" ("" is the zero Date).
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}
