package render

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
)

func TestInvalidSaysWhatWasWrongAndWhatIsValid(t *testing.T) {
	day := domain.Date{Year: 2026, Month: 11, Day: 20}
	ci := func(f func(*domain.CheckIn)) error {
		c := domain.CheckIn{Date: day, RHR: domain.Ptr(52)}
		f(&c)
		return c.Validate()
	}
	run := func(f func(*domain.Run)) error {
		r := domain.Run{Date: day, Metres: 10000, Duration: time.Hour}
		f(&r)
		return r.Validate()
	}
	member := func(f func(*domain.Member)) error {
		m := domain.NewMember("Ann", "UTC")
		f(&m)
		return m.Validate()
	}
	slot := func(s string) error { _, _, err := domain.ParseWeeklySlot(s); return err }
	for _, tc := range []struct {
		err  error
		want string
	}{
		{ci(func(c *domain.CheckIn) { c.RHR = nil }), "A check-in needs at least one value, e.g. /checkin rhr:52 sleep:7.5"},
		{ci(func(c *domain.CheckIn) { c.RHR = domain.Ptr(500) }), "Resting heart rate 500 is out of range: use 25 to 120 bpm, measured on waking."},
		{ci(func(c *domain.CheckIn) { c.HRV = domain.Ptr(4.5) }), "HRV 4.5 is out of range: use rMSSD from 5 to 300 ms."},
		{ci(func(c *domain.CheckIn) { c.SleepHours = domain.Ptr(-2.0) }), "Sleep -2 h is out of range: use 0 to 16 hours."},
		{ci(func(c *domain.CheckIn) { c.SleepQuality = domain.Ptr(6) }), "Sleep quality 6 is out of range: use 1 to 5 (5 = best)."},
		{ci(func(c *domain.CheckIn) { c.Fatigue = domain.Ptr(11) }), "Fatigue 11 is out of range: use 1 to 10 (10 = worst)."},
		{ci(func(c *domain.CheckIn) { c.Mood = domain.Ptr(0) }), "Mood 0 is out of range: use 1 to 10 (10 = best)."},
		{run(func(r *domain.Run) { r.Metres = 400000 }), "Distance must be more than 0 and at most 300 km (186 mi), e.g. 10mi or 16.1km."},
		{run(func(r *domain.Run) { r.Duration = 0 }), "Duration must be more than 0 and at most 24 hours, e.g. 82m, 82 or 1:22:00."},
		{run(func(r *domain.Run) { r.RPE = 11 }), "RPE must be 1 to 10 (how hard the whole session felt; 10 = maximal)."},
		{run(func(r *domain.Run) { r.Type = "jog" }), `Run type "jog" is not one I know. Use one of: easy, long, tempo, intervals, race, recovery, other.`},
		{member(func(m *domain.Member) { m.TZ = "Mars/Base" }), `"Mars/Base" is not a time zone I know. Use an IANA name such as Europe/London or America/New_York.`},
		{member(func(m *domain.Member) { m.WakeMinute = -1 }), "Times must be between 00:00 and 23:59."},
		{member(func(m *domain.Member) { m.Units = "furlongs" }), "Units must be km or mi."},
		{member(func(m *domain.Member) { m.WindDownMinutes = 500 }), "The wind-down reminder must be 0 to 240 minutes before bedtime."},
		{domain.ValidateFuel(2000, 70), "Minutes must be more than 0 and at most 1440 (24 hours), e.g. /fuel minutes:90 intensity:moderate."},
		{domain.ValidateFuel(60, 300), "Weight must be between 25 and 250 kg (55 to 550 lb), e.g. weight:70kg or weight:154lb."},
		{domain.ValidateEntryDate(day.AddDays(1), day), "The date 2026-11-21 is in the future. Use today, yesterday or a date in the last 365 days (YYYY-MM-DD)."},
		{domain.ValidateEntryDate(day.AddDays(-400), day), "The date 2025-10-16 is more than 365 days ago. Use a date from 2025-11-20 to 2026-11-20."},
		{slot("Sun"), `"Sun" is not a weekly slot; use a day and a time, e.g. Sun 18:00.`},
		{slot("Someday 07:30"), `"Someday" is not a day of the week; use Mon, Tue, Wed, Thu, Fri, Sat or Sun.`},
		{slot("Sun 25:00"), `"25:00" is not a time; use HH:MM, e.g. 18:00.`},
		{slot(strings.Repeat("x", 100) + " 18:00"), `"xxxxxxxxxxxxxxxxxxxxxxxx…" is not a day of the week`},
	} {
		if got := ErrorText(tc.err); !strings.Contains(got, tc.want) {
			t.Errorf("%v:\n got %q\nwant %q", tc.err, got, tc.want)
		}
	}
}

func TestErrorTextNeverLeaksTheSystem(t *testing.T) {
	for err, want := range map[error]string{
		&domain.Error{Code: domain.ENOTFOUND, Message: NotRegistered}:                        NotRegistered,
		fmt.Errorf("load: %w", &domain.Error{Code: domain.EFORBIDDEN, Message: CoachesOnly}): CoachesOnly,
		errors.New("database is locked"):                                                     bot.Apology,
		&domain.Error{Code: domain.EINTERNAL, Message: "sql: no such table"}:                 bot.Apology,
	} {
		if got := ErrorText(err); got != want {
			t.Errorf("ErrorText(%v) = %q, want %q", err, got, want)
		}
	}
}

func TestArgumentWords(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{UnknownKeys("readiness", []string{"when"}, []string{"date"}), "I don't know when. Valid keys here are: date."},
		{UnknownKeys("week", []string{strings.Repeat("k", 40)}, nil), "I don't know kkkkkkkkkkkkkkkkkkkkkkkk…: /week takes nothing more."},
		{NeedsArguments("run", []string{"Distance", "Duration"}, "/run 10mi 82m"), "/run needs a distance and a duration, e.g. /run 10mi 82m."},
		{StrayWords("please", true, "/readiness date:today", "/readiness"), `I don't understand "please". Give each value as key:value, e.g. /readiness.`},
		{StrayWords("now", false, "/week", "/week"), `I don't understand "now": /week takes nothing more.`},
		{BadChoice("units", "furlongs", []string{"km", "mi"}), `units must be km or mi, not "furlongs".`},
		{BadChoice("Intensity", "ultra", []string{"easy", "moderate", "hard"}), `Intensity must be one of easy, moderate or hard, not "ultra".`},
		{DurationOutside("winddown", "500m", time.Minute, 4*time.Hour), `winddown must be 1 min to 4 h; "500m" is outside that.`},
		{UseOneOf([]string{"/coach add @member", "/coach remove @member"}), "Use /coach add @member or /coach remove @member."},
	} {
		if tc.got != tc.want {
			t.Errorf("%q, want %q", tc.got, tc.want)
		}
	}
}

func TestUnreadableLinesSayWhatToType(t *testing.T) {
	for in, want := range map[string]string{
		"/checkin " + strings.Repeat("a", 2000): "That message is too long (2009 characters). Commands are short, e.g. /checkin rhr:52 sleep:7.5 (at most 1000 characters).",
		string([]byte{0xff, 0xfe}):              "That message has characters I cannot read. Please type it again.",
		"/checkin \x1b[31m":                     "That message has control characters in it. Please type the command again, e.g. /checkin rhr:52.",
		"/💓":                                    `"/💓" is not a command. Commands are a slash and a word, e.g. /checkin or /help.`,
		"/" + strings.Repeat("💓", 50):           `"/💓💓💓💓💓💓💓💓💓💓💓💓💓💓💓💓💓💓💓💓💓💓💓💓💓💓💓💓💓…" is not a command.`,
		"/checkin rhr:1 rhr:2":                  "rhr is given twice. Give each argument once.",
	} {
		_, _, _, err := bot.ParseText(in)
		got := Unreadable(err)
		if !strings.HasPrefix(got, want) || !strings.HasSuffix(got, " Send /help for the list of commands.") || len([]rune(got)) > 250 {
			t.Errorf("%.30q:\n got %q\nwant %q", in, got, want)
		}
	}
}
