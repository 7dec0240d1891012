package scheduler

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
)

// weeklyWorld is two clubs and a lone member:
//   - "London Harriers" (Sun 18:00 Europe/London): coach Cora, members Abe
//     and Ada; Ada is also in the second club.
//   - "NY Striders" (Thu 18:00 America/New_York, a Telegram group): member
//     Ben, coach Dee who is only on Discord, and Ada.
//   - Lou, in Europe/London, belongs to no club: the default slot (Sun 18:00).
type weeklyWorld struct {
	h                             *harness
	london, ny                    domain.Club
	cora, abe, ada, ben, dee, lou domain.Member
}

func newWeeklyWorld(t *testing.T, st store) *weeklyWorld {
	h := newHarness(t, st)
	w := &weeklyWorld{h: h}
	w.london = h.club("harriers", "Europe/London", "Sun 18:00")
	w.ny = h.club("striders", "America/New_York", "Thu 18:00")
	w.cora = h.member("cora", "Europe/London", "06:30", "22:30")
	w.abe = h.member("abe", "Europe/London", "06:30", "22:30")
	w.ada = h.member("ada", "Europe/Paris", "06:30", "22:30")
	w.ben = h.member("ben", "America/New_York", "06:30", "22:30")
	w.dee = h.memberOn(domain.PlatformDiscord, "dee", "America/Chicago", "06:30", "22:30")
	w.lou = h.member("lou", "Europe/London", "06:30", "22:30")
	h.join(w.london, w.cora, domain.RoleCoach)
	h.join(w.london, w.abe, domain.RoleMember)
	h.join(w.london, w.ada, domain.RoleMember)
	h.join(w.ny, w.ben, domain.RoleMember)
	h.join(w.ny, w.dee, domain.RoleCoach)
	h.join(w.ny, w.ada, domain.RoleMember)
	return w
}

// weeklyTexts lists the weekly texts each member received, sorted.
func (w *weeklyWorld) weeklyTexts() map[string][]string {
	out := map[string][]string{}
	for _, m := range []domain.Member{w.cora, w.abe, w.ada, w.ben, w.dee, w.lou} {
		for _, kind := range []string{domain.DeliveryWeeklyMember, domain.DeliveryWeeklyClub} {
			for _, x := range w.h.messagesTo(m, kind) {
				out[m.Name] = append(out[m.Name], x.Reply.Text)
			}
		}
		sort.Strings(out[m.Name])
	}
	return out
}

func TestWeeklySummariesForMembersAndCoaches(t *testing.T) {
	tests := []struct {
		name string
		// ticks are the UTC minutes the bot runs at; each entry is ticked
		// minute by minute from its first to its second time.
		ticks [][2]string
		want  func(w *weeklyWorld) map[string][]string
	}{
		{
			name:  "Sunday slot at the end of May, ticked through the next day",
			ticks: [][2]string{{"2026-05-31 16:55", "2026-05-31 17:05"}, {"2026-06-01 16:55", "2026-06-01 17:05"}},
			want: func(w *weeklyWorld) map[string][]string {
				return map[string][]string{
					"cora": {club(w.london, "2026-05-31"), member(w.cora, "2026-05-31")},
					"abe":  {member(w.abe, "2026-05-31")},
					"ada":  {member(w.ada, "2026-05-31")}, // home club: the London one
					"lou":  {member(w.lou, "2026-05-31")},
				}
			},
		},
		{
			name:  "missed Sunday slot caught up on Monday 1 June (next month)",
			ticks: [][2]string{{"2026-06-01 16:58", "2026-06-01 17:02"}},
			want: func(w *weeklyWorld) map[string][]string {
				// 16:58 and 16:59 UTC are 17:58 and 17:59 BST on Monday,
				// still within 24 hours of Sunday 18:00.
				return map[string][]string{
					"cora": {club(w.london, "2026-05-31"), member(w.cora, "2026-05-31")},
					"abe":  {member(w.abe, "2026-05-31")},
					"ada":  {member(w.ada, "2026-05-31")},
					"lou":  {member(w.lou, "2026-05-31")},
				}
			},
		},
		{
			name:  "missed by more than 24 hours: skipped",
			ticks: [][2]string{{"2026-06-01 17:00", "2026-06-01 17:30"}},
			want:  func(*weeklyWorld) map[string][]string { return map[string][]string{} },
		},
		{
			name:  "Thursday slot on New Year's Eve in New York, sent late that evening and not again on 1 January",
			ticks: [][2]string{{"2027-01-01 01:00", "2027-01-01 01:00"}, {"2027-01-01 22:58", "2027-01-01 23:02"}},
			want: func(w *weeklyWorld) map[string][]string {
				return map[string][]string{
					"ben": {member(w.ben, "2026-12-31")},
					"dee": {club(w.ny, "2026-12-31"), member(w.dee, "2026-12-31")}, // on Discord
					// Ada's summary comes with her home club's slot, not this one.
				}
			},
		},
	}
	forEachStore(t, func(t *testing.T, open func(testing.TB) store) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				w := newWeeklyWorld(t, open(t))
				for _, r := range tt.ticks {
					w.h.run(utc(r[0]), utc(r[1]))
				}
				got, want := w.weeklyTexts(), tt.want(w)
				for _, name := range []string{"cora", "abe", "ada", "ben", "dee", "lou"} {
					if !slices.Equal(got[name], want[name]) {
						t.Errorf("%s got %q, want %q", name, got[name], want[name])
					}
				}
			})
		}
	})
}

func TestWeeklySlotFiresAtItsLocalTime(t *testing.T) {
	forEachStore(t, func(t *testing.T, open func(testing.TB) store) {
		w := newWeeklyWorld(t, open(t))
		w.h.run(utc("2026-12-31 22:55"), utc("2026-12-31 23:05"))
		got := localTimesLayout(w.h.messagesTo(w.dee, domain.DeliveryWeeklyClub), "America/New_York")
		if want := []string{"2026-12-31 18:00 -0500"}; !slices.Equal(got, want) {
			t.Errorf("coach summary at %v, want %v", got, want)
		}
		if x := w.h.messagesTo(w.dee, domain.DeliveryWeeklyClub); len(x) == 1 && x[0].To.Platform != domain.PlatformDiscord {
			t.Errorf("coach summary went to %s, want the coach's only platform, discord", x[0].To.Platform)
		}
	})
}

func TestClubRunIsRecordedOnceCompleteAndNotRepeated(t *testing.T) {
	forEachStore(t, func(t *testing.T, open func(testing.TB) store) {
		w := newWeeklyWorld(t, open(t))
		w.h.tick(utc("2026-05-31 17:00"))
		d := w.h.deliveries(domain.Date{Year: 2026, Month: 5, Day: 31})
		if got := d[fmt.Sprintf("weekly_club/0/%d", w.london.ID)]; got.Status != domain.DeliverySent {
			t.Errorf("club run record = %+v, want sent", got)
		}
		due, err := w.h.st.ClubsDue(context.Background(), "Europe/London", domain.Date{Year: 2026, Month: 5, Day: 31}, 18*60+1)
		if err != nil || len(due) != 0 {
			t.Errorf("clubs still due after their run: %v, %v", due, err)
		}
	})
}

func TestMovingTheSlotLaterAfterThisWeeksRunSendsNothingTwice(t *testing.T) {
	forEachStore(t, func(t *testing.T, open func(testing.TB) store) {
		w := newWeeklyWorld(t, open(t))
		w.h.run(utc("2026-05-31 16:55"), utc("2026-05-31 17:05")) // Sun 18:00 in London
		first := len(w.h.messagesTo(w.cora, domain.DeliveryWeeklyClub))
		if first != 1 {
			t.Fatalf("coach got %d group summaries on Sunday, want 1", first)
		}
		// On Sunday evening the coach moves the slot to Monday morning.
		c := w.london
		c.WeeklyDay, c.WeeklyMinute = time.Monday, 9*60
		if err := w.h.st.UpdateClub(context.Background(), c); err != nil {
			t.Fatal(err)
		}
		w.h.run(utc("2026-06-01 07:55"), utc("2026-06-01 08:05")) // Mon 09:00 in London
		if n := len(w.h.messagesTo(w.cora, domain.DeliveryWeeklyClub)); n != 1 {
			t.Errorf("coach got %d group summaries by Monday, want still 1", n)
		}
		if n := len(w.h.messagesTo(w.abe, domain.DeliveryWeeklyMember)); n != 1 {
			t.Errorf("member got %d weekly summaries by Monday, want still 1", n)
		}
		w.h.run(utc("2026-06-08 07:55"), utc("2026-06-08 08:05")) // the next Monday
		if n := len(w.h.messagesTo(w.cora, domain.DeliveryWeeklyClub)); n != 2 {
			t.Errorf("coach got %d group summaries by the next Monday, want 2", n)
		}
	})
}

func TestWeeklyConfigDefaultsApplyToLoneMembers(t *testing.T) {
	h := newHarness(t, newMemStore())
	s, err := New(Config{Now: h.now, Deliveries: h.st, Schedule: h.st, Clubs: h.st, Content: h.content, Senders: map[string]bot.Sender{domain.PlatformTelegram: h.senders[domain.PlatformTelegram]},
		Weekly: "Mon 07:00"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	h.s = s
	lou := h.member("lou", "Asia/Tokyo", "06:30", "22:30")
	h.run(utc("2026-06-06 21:55"), utc("2026-06-06 22:05")) // Sunday 07:00 JST: not the slot
	h.run(utc("2026-06-07 21:55"), utc("2026-06-07 22:05")) // Monday 07:00 JST
	got := localTimesLayout(h.messagesTo(lou, domain.DeliveryWeeklyMember), "Asia/Tokyo")
	if want := []string{"2026-06-08 07:00 +0900"}; !slices.Equal(got, want) {
		t.Errorf("lone member's weekly summary at %v, want %v", got, want)
	}
}

func club(c domain.Club, date string) string {
	return fmt.Sprintf("Club summary of club %d, week ending %s", c.ID, date)
}

func member(m domain.Member, date string) string {
	return fmt.Sprintf("Weekly summary for member %d, week ending %s", m.ID, date)
}
