package scheduler

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
)

func TestMorningReplyAsksForRHRAndOffersTheCheckIn(t *testing.T) {
	tests := []struct {
		name, member, trend string
		want, notWant       []string
	}{
		{"named with a trend", "Ann", "amber: RHR 57, 6 above your baseline",
			[]string{"Good morning, Ann!", "Reply with just the number, e.g. 52", "\nYesterday: amber: RHR 57, 6 above your baseline"}, nil},
		{"no trend yet", "Ann", "", []string{"Good morning, Ann!", "e.g. 52"}, []string{"Yesterday"}},
		{"no name", "  ", "", []string{"Good morning! Before you get up"}, []string{"Good morning, "}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := MorningReply(domain.Member{Name: tt.member}, tt.trend)
			for _, w := range tt.want {
				if !strings.Contains(r.Text, w) {
					t.Errorf("text %q lacks %q", r.Text, w)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(r.Text, w) {
					t.Errorf("text %q has %q", r.Text, w)
				}
			}
			if !r.CheckInForm || !r.Private {
				t.Errorf("CheckInForm %v, Private %v; want both", r.CheckInForm, r.Private)
			}
			found := false
			for _, row := range r.Buttons {
				for _, b := range row {
					found = found || b.Data == "/checkin"
					if len(b.Data) > bot.MaxButtonData || b.Label == "" {
						t.Errorf("button %+v does not fit every platform", b)
					}
				}
			}
			if !found {
				t.Errorf("buttons %+v lack the guided check-in", r.Buttons)
			}
		})
	}
}

func TestMorningPromptMentionsYesterdaysReadinessOnlyWhenThereIsOne(t *testing.T) {
	forEachStore(t, func(t *testing.T, open func(testing.TB) store) {
		h := newHarness(t, open(t))
		ann := h.member("ann", "Europe/London", "06:30", "22:30")
		bob := h.member("bob", "Europe/London", "06:30", "22:30")
		h.reports.setReadiness(ann.ID, domain.Date{Year: 2026, Month: 1, Day: 13}, "green: all markers normal", LevelGreen)
		h.reports.setReadiness(bob.ID, domain.Date{Year: 2026, Month: 1, Day: 14}, "today, not yesterday", LevelGreen)
		h.tick(utc("2026-01-14 06:30"))
		if got := h.messagesTo(ann, domain.DeliveryMorning); len(got) != 1 || !strings.Contains(got[0].Reply.Text, "Yesterday: green: all markers normal") {
			t.Errorf("ann's prompt = %v, want yesterday's readiness", got)
		}
		if got := h.messagesTo(bob, domain.DeliveryMorning); len(got) != 1 || strings.Contains(got[0].Reply.Text, "Yesterday") {
			t.Errorf("bob's prompt = %v, want no readiness line", got)
		}
	})
}

func TestMorningPromptGoesOutWhenReadinessFails(t *testing.T) {
	h := newHarness(t, newMemStore())
	ann := h.member("ann", "Europe/London", "06:30", "22:30")
	h.reports.err = errors.New("database is locked")
	h.tick(utc("2026-01-14 06:30"))
	if got := h.messagesTo(ann, domain.DeliveryMorning); len(got) != 1 {
		t.Errorf("got %d prompts, want 1 without the readiness line", len(got))
	}
}

func TestWindDownTipVariesAndNeverRepeatsOnConsecutiveNights(t *testing.T) {
	start := domain.Date{Year: 2026, Month: 1, Day: 1}
	for id := int64(1); id <= 300; id++ {
		seen := map[string]bool{}
		prev := ""
		for i := range 400 {
			tip := WindDownTip(id, start.AddDays(i))
			if tip == prev {
				t.Fatalf("member %d: same tip on %s and the night before", id, start.AddDays(i))
			}
			if tip != WindDownTip(id, start.AddDays(i)) {
				t.Fatalf("member %d: tip for %s is not stable", id, start.AddDays(i))
			}
			prev = tip
			if i < 14 {
				seen[tip] = true
			}
		}
		if len(seen) < 7 {
			t.Fatalf("member %d saw only %d different tips in two weeks", id, len(seen))
		}
	}
	if WindDownTip(1, start) == WindDownTip(2, start) && WindDownTip(2, start) == WindDownTip(3, start) {
		t.Error("three members get the same tip on the same night")
	}
}

func TestBedtimeLineGivesEightToTenHoursBeforeWaking(t *testing.T) {
	tests := []struct {
		name      string
		bed, wake string
		want      string
	}{
		{"defaults", "22:30", "06:30", "For 8–10 h of sleep before your 06:30 wake-up, be asleep between 20:30 and 22:30. Your bedtime of 22:30 gives you 8 h."},
		{"bedtime too late", "23:30", "06:00", "be asleep between 20:00 and 22:00. Your bedtime of 23:30 leaves only 6 h 30 min."},
		{"nine hours", "21:00", "06:00", "Your bedtime of 21:00 gives you 9 h."},
		{"more than ten hours says nothing of the bedtime", "19:00", "06:00", "be asleep between 20:00 and 22:00."},
		{"wake after noon wraps the window", "04:00", "13:00", "be asleep between 03:00 and 05:00. Your bedtime of 04:00 gives you 9 h."},
		{"early wake wraps past midnight", "20:00", "04:30", "be asleep between 18:30 and 20:30. Your bedtime of 20:00 gives you 8 h 30 min."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := bedtimeLine(clock(t, tt.bed), clock(t, tt.wake))
			if !strings.HasSuffix(got, tt.want) {
				t.Errorf("bedtimeLine = %q, want it to end %q", got, tt.want)
			}
		})
	}
}

func TestWindDownAddsOneLineWhenSleepMattersMore(t *testing.T) {
	night := domain.Date{Year: 2026, Month: 1, Day: 14}
	tests := []struct {
		name      string
		sleep     *float64
		readiness string
		runs      []domain.Run
		want      string // "" means no extra line
	}{
		{"nothing special", domain.Ptr(8.0), LevelGreen,
			[]domain.Run{{Metres: 10000, Duration: 50 * time.Minute, RPE: 4, Type: "easy"}}, ""},
		{"short sleep last night", domain.Ptr(6.5), "", nil, "you slept 6.5 h last night"},
		{"seven hours is not short", domain.Ptr(7.0), "", nil, ""},
		{"amber readiness", nil, LevelAmber, nil, "your readiness today is amber"},
		{"red readiness", nil, LevelRed, nil, "your readiness today is red"},
		{"long run", nil, "", []domain.Run{{Metres: 32000, Duration: 150 * time.Minute, RPE: 6, Type: "long"}}, "you ran a long 32.0 km today"},
		{"hard intervals", nil, "", []domain.Run{{Metres: 12000, Duration: 60 * time.Minute, RPE: 9, Type: "intervals"}}, "today's intervals session was hard"},
		{"several reasons in one line", domain.Ptr(5.0), LevelRed,
			[]domain.Run{{Metres: 30000, Duration: 140 * time.Minute, RPE: 7, Type: "long"}},
			"you slept 5 h last night, your readiness today is red, you ran a long 30.0 km today"},
	}
	forEachStore(t, func(t *testing.T, open func(testing.TB) store) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				ctx := context.Background()
				h := newHarness(t, open(t))
				m := h.member("ann", "Europe/London", "06:30", "22:30")
				if tt.sleep != nil {
					if _, err := h.st.UpsertCheckIn(ctx, domain.CheckIn{MemberID: m.ID, Date: night, SleepHours: tt.sleep}); err != nil {
						t.Fatal(err)
					}
				}
				if tt.readiness != "" {
					h.reports.setReadiness(m.ID, night, "today", tt.readiness)
				}
				for _, r := range tt.runs {
					r.MemberID, r.Date = m.ID, night
					if err := h.st.CreateRun(ctx, &r); err != nil {
						t.Fatal(err)
					}
				}
				// Yesterday's data must not count.
				if _, err := h.st.UpsertCheckIn(ctx, domain.CheckIn{MemberID: m.ID, Date: night.AddDays(-1), SleepHours: domain.Ptr(4.0)}); err != nil {
					t.Fatal(err)
				}
				h.tick(utc("2026-01-14 21:30"))
				msgs := h.messagesTo(m, domain.DeliveryWindDown)
				if len(msgs) != 1 {
					t.Fatalf("%d wind-downs, want 1", len(msgs))
				}
				text := msgs[0].Reply.Text
				n := strings.Count(text, "Sleep matters more tonight")
				switch {
				case tt.want == "" && n != 0:
					t.Errorf("unexpected extra line in %q", text)
				case tt.want != "" && (n != 1 || !strings.Contains(text, "Sleep matters more tonight: "+tt.want+".")):
					t.Errorf("text %q, want one line with %q", text, tt.want)
				}
				if !strings.Contains(text, "be asleep between 20:30 and 22:30") {
					t.Errorf("text %q lacks the bedtime window", text)
				}
			})
		}
	})
}

func TestNewRefusesIncompleteConfig(t *testing.T) {
	st := newMemStore()
	full := Config{CheckIns: st, Runs: st, Conversations: st, Deliveries: st, Schedule: st, Clubs: st, Reports: &fakeReports{},
		Senders: map[string]bot.Sender{domain.PlatformConsole: &recordingSender{}}}
	tests := []struct {
		name   string
		change func(c *Config)
	}{
		{"no repositories", func(c *Config) { c.Schedule = nil }},
		{"no reports", func(c *Config) { c.Reports = nil }},
		{"no sender", func(c *Config) { c.Senders = nil }},
		{"wind-down too long", func(c *Config) { c.WindDown = 5 * time.Hour }},
		{"bad weekly slot", func(c *Config) { c.Weekly = "someday" }},
	}
	if _, err := New(full, nil); err != nil {
		t.Fatalf("complete config refused: %v", err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := full
			tt.change(&c)
			if _, err := New(c, nil); err == nil {
				t.Error("New accepted it")
			}
		})
	}
}
