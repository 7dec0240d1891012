package domain

import (
	"context"
	"time"
)

// MemberRepository stores members and their platform identities.
type MemberRepository interface {
	// CreateMember stores m with its first identity and sets m.ID.
	CreateMember(ctx context.Context, m *Member, id Identity) error
	// MemberByID returns ENOTFOUND if there is no such member.
	MemberByID(ctx context.Context, id int64) (Member, error)
	// MemberByIdentity finds the member behind a platform account (ENOTFOUND if none).
	MemberByIdentity(ctx context.Context, platform, userID string) (Member, error)
	// UpdateMember saves the member's settings.
	UpdateMember(ctx context.Context, m Member) error
	// AddIdentity links another platform account to a member, or updates
	// the chat id of a known one.
	AddIdentity(ctx context.Context, id Identity) error
	// Identities lists the member's platform accounts.
	Identities(ctx context.Context, memberID int64) ([]Identity, error)
	// DeleteMember removes the member and every row about them.
	DeleteMember(ctx context.Context, id int64) error
}

// CheckInRepository stores check-ins, one per member per local date.
type CheckInRepository interface {
	// UpsertCheckIn merges c into the stored check-in of its date (creating
	// it if needed) and returns the result as stored.
	UpsertCheckIn(ctx context.Context, c CheckIn) (CheckIn, error)
	// AmendCheckIn is UpsertCheckIn that also returns the day as it was
	// (nil when there was no check-in), for the change journal.
	AmendCheckIn(ctx context.Context, c CheckIn) (before *CheckIn, after CheckIn, err error)
	// CheckIns returns the member's check-ins from..to inclusive, oldest first.
	CheckIns(ctx context.Context, memberID int64, from, to Date) ([]CheckIn, error)
	// PutCheckIn replaces the check-in of c's date with c as it is (values
	// it leaves nil are cleared); an empty c deletes the day's check-in.
	PutCheckIn(ctx context.Context, c CheckIn) error
}

// RunRepository stores runs.
type RunRepository interface {
	// CreateRun stores r and sets r.ID and r.Number.
	CreateRun(ctx context.Context, r *Run) error
	// Runs returns the member's runs from..to inclusive, oldest first.
	Runs(ctx context.Context, memberID int64, from, to Date) ([]Run, error)
	// RunByNumber finds the member's run by its Number (ENOTFOUND if none).
	RunByNumber(ctx context.Context, memberID int64, number int) (Run, error)
	// RunsLoggedSince lists the member's runs created at or after since.
	RunsLoggedSince(ctx context.Context, memberID int64, since time.Time) ([]Run, error)
	// UpdateRun saves r's values over the stored run with its ID.
	UpdateRun(ctx context.Context, r Run) error
	// DeleteRun removes the member's run with id.
	DeleteRun(ctx context.Context, memberID, id int64) error
	// RestoreRun puts a deleted run back with its ID and Number.
	RestoreRun(ctx context.Context, r Run) error
}

// ClubRepository stores clubs and who belongs to them.
type ClubRepository interface {
	// ClubByChat finds the club of a platform group (ENOTFOUND if none).
	ClubByChat(ctx context.Context, platform, chatID string) (Club, error)
	// CreateClub stores c and sets c.ID.
	CreateClub(ctx context.Context, c *Club) error
	// UpdateClub saves the club's title, chat id and weekly slot.
	UpdateClub(ctx context.Context, c Club) error
	// SetClubMember adds the member to the club with role, or changes the role.
	SetClubMember(ctx context.Context, cm ClubMember) error
	// ClubMember returns the member's place in the club (ENOTFOUND if not in it).
	ClubMember(ctx context.Context, clubID, memberID int64) (ClubMember, error)
	// ClubMembers lists the club's members.
	ClubMembers(ctx context.Context, clubID int64) ([]ClubMember, error)
	// MemberClubs lists the clubs the member belongs to.
	MemberClubs(ctx context.Context, memberID int64) ([]ClubMember, error)
	// Roster lists every member of a club with their role and home club in
	// one go, ordered by member id, so that a club's summary or a look-up
	// by name does not read its members one at a time.
	Roster(ctx context.Context, clubID int64) ([]RosterEntry, error)
}

// RosterEntry is one member of a club, with their place in it.
type RosterEntry struct {
	Member Member
	Role   string
	// AlertsOff is a coach's /coach alerts off for this club.
	AlertsOff bool
	// HomeClubID is the lowest id among the member's clubs: the one club
	// whose weekly slot brings the member their own summary, so that a
	// member of several clubs gets one summary a week.
	HomeClubID int64
}

// HistoryRepository reads the history of many members at once, for the
// computations that cover a whole club.
type HistoryRepository interface {
	// HistoryOf returns the check-ins and runs from..to inclusive of each
	// member that has any, oldest first, as CheckIns and Runs would return
	// them (without their bookkeeping timestamps). Members with nothing in
	// the window are left out of the map.
	HistoryOf(ctx context.Context, memberIDs []int64, from, to Date) (map[int64]History, error)
}

// Conversation is a small state machine in progress with a member, such as
// the guided check-in; it is stored so that it survives a restart.
type Conversation struct {
	MemberID int64
	// Kind names the flow ("checkin", "forget").
	Kind string
	// Step is the flow's current step.
	Step string
	// Data holds what the flow collected so far.
	Data      map[string]string
	UpdatedAt time.Time
}

// ConversationRepository stores at most one conversation per member.
type ConversationRepository interface {
	// Conversation returns the member's open conversation (ENOTFOUND if none).
	Conversation(ctx context.Context, memberID int64) (Conversation, error)
	// SaveConversation creates or replaces the member's conversation.
	SaveConversation(ctx context.Context, c Conversation) error
	// DeleteConversation ends the member's conversation, if any.
	DeleteConversation(ctx context.Context, memberID int64) error
}

// Conversation kinds and the check-in's steps. Each morning prompt opens a
// check-in conversation at step StepRHR (the handlers do, when the scheduler
// sends the prompt), so that a bare number in reply is that morning's
// resting heart rate.
const (
	ConversationCheckIn = "checkin"
	ConversationForget  = "forget"
	StepRHR             = "rhr"
	StepHRV             = "hrv"
	StepSleep           = "sleep"
	StepQuality         = "quality"
	StepFatigue         = "fatigue"
	StepSoreness        = "soreness"
	StepStress          = "stress"
	StepMood            = "mood"
	StepConfirm         = "confirm"
	// ConversationDateKey holds, in Conversation.Data, the local date
	// (YYYY-MM-DD) the conversation is about.
	ConversationDateKey = "date"
)

// ForgetConfirmTTL is how long a /forget confirmation stays open. Nothing
// else may replace the conversation in that time, not even a morning prompt.
const ForgetConfirmTTL = 10 * time.Minute

// Confirming reports whether c is a /forget confirmation still open at now.
func (c Conversation) Confirming(now time.Time) bool {
	return c.Kind == ConversationForget && now.Sub(c.UpdatedAt) <= ForgetConfirmTTL
}
