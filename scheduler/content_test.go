package scheduler

import (
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
)

func TestNewRefusesIncompleteConfig(t *testing.T) {
	st := newMemStore()
	full := Config{Deliveries: st, Schedule: st, Clubs: st, Content: &fakeContent{},
		Senders: map[string]bot.Sender{domain.PlatformConsole: &recordingSender{}}}
	tests := []struct {
		name   string
		change func(c *Config)
	}{
		{"no repositories", func(c *Config) { c.Schedule = nil }},
		{"no rosters", func(c *Config) { c.Clubs = nil }},
		{"no content", func(c *Config) { c.Content = nil }},
		{"no sender", func(c *Config) { c.Senders = nil }},
		{"wind-down too long", func(c *Config) { c.WindDown = 5 * time.Hour }},
		{"wind-down just too long", func(c *Config) { c.WindDown = domain.MaxWindDown + time.Minute }},
		{"bad weekly slot", func(c *Config) { c.Weekly = "someday" }},
	}
	if _, err := New(full, nil); err != nil {
		t.Fatalf("complete config refused: %v", err)
	}
	longest := full
	longest.WindDown = domain.MaxWindDown
	if _, err := New(longest, nil); err != nil {
		t.Fatalf("the longest wind-down refused: %v", err)
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

func TestMessageThatCannotBeBuiltIsClaimedNextMinute(t *testing.T) {
	forEachStore(t, func(t *testing.T, open func(testing.TB) store) {
		h := newHarness(t, open(t))
		ann := h.member("ann", "Europe/London", "06:30", "22:30")
		bob := h.member("bob", "Europe/London", "06:30", "22:30")
		failures := 1
		h.content.fail = func(kind string, id int64) error {
			if kind == domain.DeliveryMorning && id == ann.ID && failures > 0 {
				failures--
				return errors.New("database is locked")
			}
			return nil
		}
		if st := h.tick(utc("2026-01-14 06:30")); st.Claimed != 1 || st.Sent != 1 {
			t.Errorf("first tick = %+v, want bob's prompt claimed and sent, ann's left unclaimed", st)
		}
		if _, ok := h.deliveries(domain.Date{Year: 2026, Month: 1, Day: 14})[fmt.Sprintf("morning/%d/0", ann.ID)]; ok {
			t.Error("a prompt that could not be built was claimed")
		}
		h.tick(utc("2026-01-14 06:31"))
		for _, m := range []domain.Member{ann, bob} {
			if got := len(h.messagesTo(m, domain.DeliveryMorning)); got != 1 {
				t.Errorf("%s got %d prompts, want 1", m.Name, got)
			}
		}
	})
}

func TestClubWhoseSummariesCannotBeBuiltStaysDue(t *testing.T) {
	forEachStore(t, func(t *testing.T, open func(testing.TB) store) {
		w := newWeeklyWorld(t, open(t))
		failures := 1
		w.h.content.fail = func(kind string, id int64) error {
			if kind == domain.DeliveryWeeklyClub && id == w.london.ID && failures > 0 {
				failures--
				return errors.New("database is locked")
			}
			return nil
		}
		w.h.tick(utc("2026-05-31 17:00"))
		if got := w.weeklyTexts(); len(got["cora"]) != 0 || len(got["abe"]) != 0 || len(got["lou"]) != 1 {
			t.Errorf("after the failed build: %q; want nothing of the club yet, the lone member's summary sent", got)
		}
		w.h.tick(utc("2026-05-31 17:01"))
		got := w.weeklyTexts()
		want := []string{club(w.london, "2026-05-31"), member(w.cora, "2026-05-31")}
		if !slices.Equal(got["cora"], want) || len(got["abe"]) != 1 {
			t.Errorf("a minute later: %q; want the club's summaries", got)
		}
	})
}
