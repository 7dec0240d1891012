package domain

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"
)

// Platforms a member can be known on.
const (
	PlatformTelegram = "telegram"
	PlatformDiscord  = "discord"
	PlatformConsole  = "console"
)

// Units of distance a member prefers to see.
const (
	UnitsKM = "km"
	UnitsMI = "mi"
)

// Default settings for a new member, used until they say otherwise.
const (
	DefaultWakeMinute = 6*60 + 30
	DefaultBedMinute  = 22*60 + 30
)

// Member is one runner. Settings are kept in the units and zone the member
// chose; measurements are stored in SI.
type Member struct {
	ID   int64
	Name string
	// TZ is an IANA zone name such as "Europe/London".
	TZ string
	// WakeMinute and BedMinute are local wall-clock minutes after midnight.
	WakeMinute int
	BedMinute  int
	// WindDownMinutes is how long before bedtime the reminder comes; 0 means the default.
	WindDownMinutes int
	// Units is UnitsKM or UnitsMI.
	Units string
	// WeightKG is the body mass used for fuel plans; 0 means unknown.
	WeightKG float64
	// PromptsOn is false when the member asked for no scheduled messages.
	PromptsOn bool
	// ShareWithCoach lets the club's coaches see this member's values.
	ShareWithCoach bool
	// Unreachable is set when a platform refused delivery (bot blocked, DMs
	// closed); it is cleared when the member writes again.
	Unreachable bool
	CreatedAt   time.Time
}

// NewMember returns a member with the default settings.
func NewMember(name, tz string) Member {
	if tz == "" {
		tz = "UTC"
	}
	return Member{Name: name, TZ: tz, WakeMinute: DefaultWakeMinute, BedMinute: DefaultBedMinute,
		Units: UnitsKM, PromptsOn: true}
}

// Location returns the member's time zone, UTC if it cannot be loaded.
func (m Member) Location() *time.Location {
	loc, err := time.LoadLocation(m.TZ)
	if err != nil {
		return time.UTC
	}
	return loc
}

// Today returns the member's local date at instant now.
func (m Member) Today(now time.Time) Date { return DateOf(now.In(m.Location())) }

// MinWeightKG and MaxWeightKG bound a body weight (55 to 550 lb).
const MinWeightKG, MaxWeightKG = 25.0, 250.0

// Validate checks the member's settings.
func (m Member) Validate() error {
	if !ValidZone(m.TZ) {
		return &InvalidError{Field: FieldZone, Problem: ProblemUnknown, Value: m.TZ}
	}
	for _, minute := range []int{m.WakeMinute, m.BedMinute} {
		if minute < 0 || minute >= MinutesPerDay {
			return outOfRange(FieldClock, float64(minute), 0, MinutesPerDay-1)
		}
	}
	if m.Units != UnitsKM && m.Units != UnitsMI {
		return &InvalidError{Field: FieldUnits, Problem: ProblemUnknown, Value: m.Units, Choices: []string{UnitsKM, UnitsMI}}
	}
	if m.WeightKG != 0 && (m.WeightKG < MinWeightKG || m.WeightKG > MaxWeightKG) {
		return outOfRange(FieldWeight, m.WeightKG, MinWeightKG, MaxWeightKG)
	}
	if m.WindDownMinutes < 0 || m.WindDownMinutes > MaxWindDownMinutes {
		return outOfRange(FieldWindDown, float64(m.WindDownMinutes), 0, MaxWindDownMinutes)
	}
	return nil
}

// ValidZone reports whether name is an IANA zone runclub can keep time in:
// it loads, and it is not "" or "Local", the host's own zone, which differs
// from machine to machine and would move members' mornings with the server.
func ValidZone(name string) bool {
	if name == "" || name == "Local" || len(name) > 64 || strings.Trim(name, zoneChars) != "" {
		return false
	}
	zoneCache.mu.Lock()
	valid, known := zoneCache.names[name]
	zoneCache.mu.Unlock()
	if known {
		return valid
	}
	_, err := time.LoadLocation(name)
	valid = err == nil
	zoneCache.mu.Lock()
	if len(zoneCache.names) >= maxZoneCache {
		clear(zoneCache.names)
	}
	zoneCache.names[name] = valid
	zoneCache.mu.Unlock()
	return valid
}

// zoneChars are the characters of IANA zone names ("America/Port-au-Prince",
// "Etc/GMT+5"); anything else is refused before the zone database is read.
const zoneChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/_-+"

// zoneCache remembers what ValidZone found: reading the zone database for
// every check costs up to 0.1 ms. It is bounded, as names come from members.
var zoneCache = struct {
	mu    sync.Mutex
	names map[string]bool
}{names: map[string]bool{}}

// maxZoneCache bounds zoneCache; there are about 600 real zone names.
const maxZoneCache = 4096

// MaxWindDownMinutes is the longest wind-down there is: the most a member
// may set (Member.Validate, /settings winddown) and the most the operator
// may configure as the default (defaults.wind_down); due queries scan
// bedtimes this far ahead.
const MaxWindDownMinutes = 240

// MaxWindDown is MaxWindDownMinutes as a duration.
const MaxWindDown = MaxWindDownMinutes * time.Minute

// FormatClock formats minutes after midnight as HH:MM.
func FormatClock(minute int) string { return fmt.Sprintf("%02d:%02d", minute/60, minute%60) }

// Identity ties a platform account to a member; one member may have several.
type Identity struct {
	Platform string
	// UserID is the platform's user id as text.
	UserID string
	// ChatID is where private messages to this user go (Telegram private chat
	// id, Discord DM channel id); empty until known.
	ChatID   string
	MemberID int64
}

// Roles a member can hold in a club.
const (
	RoleMember = "member"
	RoleCoach  = "coach"
)

// Club is a Telegram group or a Discord server; the group is the club.
type Club struct {
	ID       int64
	Platform string
	// ChatID is the platform's id of the group (Telegram chat id, Discord guild id).
	ChatID string
	Title  string
	// WeeklyDay and WeeklyMinute are the local slot of the weekly summary in TZ.
	WeeklyDay    time.Weekday
	WeeklyMinute int
	TZ           string
}

// ClubMember is a member's place in a club.
type ClubMember struct {
	ClubID   int64
	MemberID int64
	Role     string
	// AlertsOff is a coach's /coach alerts off for this club.
	AlertsOff bool
}

// MembershipRepository is the rest of the club aggregate: leaving, the
// coaches' alert switch, and the group admins a club was joined with who
// are not members yet.
type MembershipRepository interface {
	// ClubByID returns ENOTFOUND if there is no such club.
	ClubByID(ctx context.Context, id int64) (Club, error)
	// RemoveClubMember takes the member out of the club (ENOTFOUND if not in it).
	RemoveClubMember(ctx context.Context, clubID, memberID int64) error
	// SetCoachAlerts turns a coach's alerts about the club on or off.
	SetCoachAlerts(ctx context.Context, clubID, memberID int64, on bool) error
	// AddPendingCoaches records platform accounts that administer the club
	// but are not members yet: they join it as coaches when they register.
	AddPendingCoaches(ctx context.Context, clubID int64, platform string, userIDs []string) error
	// TakePendingCoaches returns and forgets the clubs whose pending
	// coaches include the account.
	TakePendingCoaches(ctx context.Context, platform, userID string) ([]int64, error)
}
