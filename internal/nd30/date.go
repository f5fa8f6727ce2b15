// Package nd30 holds the presentation rules of Nghị định 30/2020/NĐ-CP
// (Phụ lục I–III) as pure functions and data: dates, số and ký hiệu,
// type abbreviations, size profiles, signature authority forms, nơi nhận
// punctuation, the điểm letter sequence, text normalisation; and the builders
// that turn them into blocks of the format-neutral document model.
package nd30

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Date is a calendar date whose day may be left blank (Day == 0) for the văn
// thư to write in by hand once the document is signed, as in
// "ngày    tháng 12 năm 2021".
type Date struct {
	Year, Month, Day int
}

// ParseDate reads "YYYY-MM-DD", or "YYYY-MM" for a date whose day is left
// blank. It rejects impossible dates (2025-02-30).
func ParseDate(s string) (Date, error) {
	parts := strings.Split(s, "-")
	if len(parts) != 2 && len(parts) != 3 {
		return Date{}, fmt.Errorf("ngày %q không đúng dạng NNNN-TT-NN (hoặc NNNN-TT khi để trống ngày)", s)
	}
	nums := make([]int, len(parts))
	for i, p := range parts {
		want := 2
		if i == 0 {
			want = 4
		}
		if len(p) != want {
			return Date{}, fmt.Errorf("ngày %q không đúng dạng NNNN-TT-NN (hoặc NNNN-TT khi để trống ngày)", s)
		}
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 {
			return Date{}, fmt.Errorf("ngày %q không đúng dạng NNNN-TT-NN (hoặc NNNN-TT khi để trống ngày)", s)
		}
		nums[i] = n
	}
	d := Date{Year: nums[0], Month: nums[1]}
	if len(nums) == 3 {
		d.Day = nums[2]
		if d.Day == 0 {
			return Date{}, fmt.Errorf("ngày %q không có thật: ngày phải từ 01", s)
		}
	}
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
		return fmt.Errorf("tháng %d không có thật", d.Month)
	}
	if d.Day != 0 {
		last := DaysIn(d.Year, d.Month)
		if d.Day < 1 || d.Day > last {
			return fmt.Errorf("ngày %02d/%02d/%d không có thật: tháng %d năm %d chỉ có %d ngày", d.Day, d.Month, d.Year, d.Month, d.Year, last)
		}
	}
	return nil
}

// DaysIn is the number of days of month (1–12) in year, leap years included.
func DaysIn(year, month int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// DateOf returns the Date of t.
func DateOf(t time.Time) Date { return Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()} }

// String is the ISO form ("2021-12-05", or "2021-12" when the day is blank).
func (d Date) String() string {
	if d.Day == 0 {
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// IsZero reports whether d is the zero Date (no date given; an open end of
// a period).
func (d Date) IsZero() bool { return d == Date{} }

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return cmp.Compare(d.Year, e.Year)
	case d.Month != e.Month:
		return cmp.Compare(d.Month, e.Month)
	}
	return cmp.Compare(d.Day, e.Day)
}

// Before reports whether d is earlier than e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// MarshalText writes the ISO form ("" for the zero Date): the JSON form of
// a date everywhere.
func (d Date) MarshalText() ([]byte, error) {
	if d.IsZero() {
		return []byte{}, nil
	}
	return []byte(d.String()), nil
}

// UnmarshalText reads what ParseDate reads; "" is the zero Date.
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

// BlankDay is what stands for a day left blank: enough room to write two
// digits by hand.
const BlankDay = "    "

// Long is the NĐ30 long form (Phụ lục I, ô 4): the day below 10 and the
// months 1 and 2 take a leading zero, months 3–12 do not:
// "ngày 05 tháng 01 năm 2022", "ngày 15 tháng 3 năm 2022",
// "ngày    tháng 12 năm 2021" when the day is blank.
func (d Date) Long() string {
	day := BlankDay
	if d.Day != 0 {
		day = fmt.Sprintf("%02d", d.Day)
	}
	return fmt.Sprintf("ngày %s tháng %s năm %d", day, Month(d.Month), d.Year)
}

// Month writes a month the NĐ30 way: "01", "02", then "3" … "12".
func Month(m int) string {
	if m <= 2 {
		return fmt.Sprintf("%02d", m)
	}
	return strconv.Itoa(m)
}

// Short is the short form used inside body text and on certificates,
// "10/12/2025" ("…/12/2025" when the day is blank).
func (d Date) Short() string {
	if d.Day == 0 {
		return fmt.Sprintf("…/%s/%d", Month(d.Month), d.Year)
	}
	return fmt.Sprintf("%02d/%s/%d", d.Day, Month(d.Month), d.Year)
}

// Padded is the register's form, every part padded: "05/03/2022". The sổ
// đăng ký văn bản đi writes its date column this way, in every listing,
// export and page.
func (d Date) Padded() string {
	return fmt.Sprintf("%02d/%02d/%04d", d.Day, d.Month, d.Year)
}

// weekdays are the Vietnamese names of the days, Sunday first.
var weekdays = [...]string{"Chủ nhật", "thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy"}

// Weekday is the day of the week in Vietnamese ("thứ Hai", "Chủ nhật"), as
// invitations name it; "" when the day is blank.
func (d Date) Weekday() string {
	if d.Day == 0 {
		return ""
	}
	return weekdays[time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC).Weekday()]
}

// PlaceDate is the line of ô 4: "Lai Châu, ngày 05 tháng 12 năm 2021".
func PlaceDate(place string, d Date) string {
	return place + ", " + d.Long()
}
