package domain

import (
	"context"
	"time"
)

// Linking two accounts of one person (/link): a one-time code from one
// account, typed on the other within LinkCodeTTL, makes them one member.
const (
	// LinkCodeLength is the code's length in characters of LinkAlphabet:
	// 32^6 ≈ 10^9 codes against at most MaxWrongLinkCodes guesses an hour.
	LinkCodeLength = 6
	LinkCodeTTL    = 10 * time.Minute
	// MaxWrongLinkCodes is how many wrong codes one member (or one account
	// not yet a member) may try in WrongLinkWindow.
	MaxWrongLinkCodes = 5
	WrongLinkWindow   = time.Hour
)

// LinkAlphabet is the characters of a link code: capitals and digits
// without the ones people confuse (0/O, 1/I/L).
const LinkAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

// MergeCheckIns merges two check-ins of one date from two accounts of the
// same person: field by field, the answer given later (by UpdatedAt) wins,
// and a field only one of them has is kept.
func MergeCheckIns(a, b CheckIn) CheckIn {
	if b.UpdatedAt.Before(a.UpdatedAt) {
		a, b = b, a
	}
	return a.Merge(b)
}

// LinkRepository stores link codes and merges members.
type LinkRepository interface {
	// SaveLinkCode stores the hash of the member's new code, valid until
	// expires; it replaces any code the member had.
	SaveLinkCode(ctx context.Context, memberID int64, hash []byte, expires time.Time) error
	// TakeLinkCode returns the member whose code has hash and deletes it:
	// a code works once. ENOTFOUND when no code valid at now has it.
	TakeLinkCode(ctx context.Context, hash []byte, now time.Time) (int64, error)
	// DropLinkCode deletes the member's code, if any.
	DropLinkCode(ctx context.Context, memberID int64) error
	// WrongLinkCodes counts the wrong codes tried by key since the time given.
	WrongLinkCodes(ctx context.Context, key string, since time.Time) (int, error)
	// RecordWrongLinkCode records a wrong code tried by key at the time
	// given (and forgets those older than WrongLinkWindow).
	RecordWrongLinkCode(ctx context.Context, key string, memberID int64, at time.Time) error
	// MergeMembers moves every row of member from into member into, in one
	// transaction: identities, runs, check-ins (MergeCheckIns on a date both
	// have), times away, club places (the higher role wins) and the delivery
	// ledger, then deletes member from. into keeps its own settings.
	MergeMembers(ctx context.Context, into, from int64) error
}
