// Package apperr is vanban's small error vocabulary. Every error a caller can
// cause is an *Error with a Kind, a stable English Code, a Vietnamese Detail
// and, where it helps, one Problem per field path or spreadsheet row. The HTTP
// layer maps Kind to a status in one place; the CLI prints Detail and Problems.
package apperr

import (
	"errors"
	"fmt"
	"strings"
)

// Kind classifies an error for transport mapping.
type Kind int

// Kinds.
const (
	Internal     Kind = iota // a defect or an I/O failure: not the caller's fault
	Invalid                  // the input is wrong; Problems say where
	NotFound                 // the thing asked for does not exist
	Conflict                 // the request clashes with the current state
	TooLarge                 // the input exceeds a limit
	Unavailable              // try again later (backpressure)
	Unauthorized             // a missing or wrong API key
	Unsupported              // the format asked for is not offered
	Forbidden                // refused whoever asks: a foreign Origin or Host
)

// Problem is one thing to fix: a JSON field path ("signer.name",
// "body.sections[2].title") or a spreadsheet location, and a Vietnamese message.
type Problem struct {
	Field   string `json:"field,omitempty"`
	Sheet   string `json:"sheet,omitempty"`
	Row     int    `json:"row,omitempty"`
	Column  string `json:"column,omitempty"`
	Code    string `json:"code"`
	Message string `json:"message"`
	// Warning marks a problem that does not stop generation.
	Warning bool `json:"warning,omitempty"`
}

func (p Problem) String() string {
	var where []string
	if p.Field != "" {
		where = append(where, p.Field)
	}
	if p.Sheet != "" {
		where = append(where, "trang tính "+p.Sheet)
	}
	if p.Row > 0 {
		where = append(where, fmt.Sprintf("dòng %d", p.Row))
	}
	if p.Column != "" {
		where = append(where, "cột "+p.Column)
	}
	if len(where) == 0 {
		return p.Message
	}
	return strings.Join(where, ", ") + ": " + p.Message
}

// Error is an application error.
type Error struct {
	Kind     Kind
	Code     string // stable, English, e.g. "invalid_input"
	Detail   string // Vietnamese, for people
	Problems []Problem
	Err      error // cause, for logs; never shown to callers of Internal errors
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Code)
	if e.Detail != "" {
		b.WriteString(": ")
		b.WriteString(e.Detail)
	}
	for _, p := range e.Problems {
		b.WriteString("; ")
		b.WriteString(p.String())
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// New returns an error of kind k.
func New(k Kind, code, detail string) *Error {
	return &Error{Kind: k, Code: code, Detail: detail}
}

// Invalidf returns an Invalid error with one problem at field.
func Invalidf(field, code, format string, args ...any) *Error {
	msg := fmt.Sprintf(format, args...)
	return &Error{Kind: Invalid, Code: code, Detail: msg,
		Problems: []Problem{{Field: field, Code: code, Message: msg}}}
}

// Wrap marks err as an internal failure during op.
func Wrap(err error, op string) error {
	if err == nil {
		return nil
	}
	var ae *Error
	if errors.As(err, &ae) {
		return err
	}
	return &Error{Kind: Internal, Code: "internal", Detail: "Lỗi hệ thống, vui lòng thử lại hoặc báo quản trị viên.", Err: fmt.Errorf("%s: %w", op, err)}
}

// As returns the *Error in err's chain, or an Internal error wrapping err.
func As(err error) *Error {
	var ae *Error
	if errors.As(err, &ae) {
		return ae
	}
	return &Error{Kind: Internal, Code: "internal", Detail: "Lỗi hệ thống, vui lòng thử lại hoặc báo quản trị viên.", Err: err}
}

// Is reports whether err is an *Error of kind k.
func Is(err error, k Kind) bool {
	var ae *Error
	return errors.As(err, &ae) && ae.Kind == k
}

// Codes returns the codes err carries: those of its problems, or its own
// code when it has none ("internal" for an error that is not an *Error).
func Codes(err error) []string {
	ae := As(err)
	var out []string
	for _, p := range ae.Problems {
		out = append(out, p.Code)
	}
	if len(out) == 0 {
		out = append(out, ae.Code)
	}
	return out
}

// HasCode reports whether code is one of Codes(err).
func HasCode(err error, code string) bool {
	for _, c := range Codes(err) {
		if c == code {
			return true
		}
	}
	return false
}

// Problems collects problems while validating and turns them into one error.
type Problems []Problem

// Add records a problem at field.
func (ps *Problems) Add(field, code, format string, args ...any) {
	*ps = append(*ps, Problem{Field: field, Code: code, Message: fmt.Sprintf(format, args...)})
}

// Warn records a warning at field.
func (ps *Problems) Warn(field, code, format string, args ...any) {
	*ps = append(*ps, Problem{Field: field, Code: code, Message: fmt.Sprintf(format, args...), Warning: true})
}

// Errors counts the problems that are not warnings.
func (ps Problems) Errors() int {
	n := 0
	for _, p := range ps {
		if !p.Warning {
			n++
		}
	}
	return n
}

// Err returns an Invalid error when any problem is not a warning, else nil.
func (ps Problems) Err() error {
	if ps.Errors() == 0 {
		return nil
	}
	return &Error{Kind: Invalid, Code: "invalid_input",
		Detail:   fmt.Sprintf("Dữ liệu chưa hợp lệ: có %d lỗi cần sửa.", ps.Errors()),
		Problems: ps}
}
