package domain

import (
	"errors"
	"fmt"
)

// Error kinds. They say what went wrong in terms a caller can act on; handlers
// map each kind to a reply in one place.
const (
	EINVALID   = "invalid"
	ENOTFOUND  = "not_found"
	EFORBIDDEN = "forbidden"
	ECONFLICT  = "conflict"
	EINTERNAL  = "internal"
)

// Error is a domain error with a kind and a message meant for the member.
type Error struct {
	// Code is one of the E* kinds.
	Code string
	// Message is safe to show to the member who caused it.
	Message string
}

// Error implements the error interface.
func (e *Error) Error() string { return fmt.Sprintf("%s: %s", e.Code, e.Message) }

// Errorf returns an *Error of the given kind with a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the kind of err: the code of the first *Error in its
// chain, EINTERNAL for any other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the member-facing message of err, and "" for an
// internal error: nothing about the system may leak into a chat, so the
// handlers answer those with an apology of their own.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return ""
}
