package scheduler

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
)

const localLayout = "2006-01-02 15:04 -0700"

func TestMorningPromptComesOnceAtTheLocalWakeTime(t *testing.T) {
	tests := []struct {
		name     string
		tz, wake string
		from, to string // UTC range ticked minute by minute
		want     []string
	}{
		{"London in winter", "Europe/London", "06:30", "2026-01-14 00:00", "2026-01-15 00:00",
			[]string{"2026-01-14 06:30 +0000"}},
		{"London in summer", "Europe/London", "06:30", "2026-07-14 00:00", "2026-07-15 00:00",
			[]string{"2026-07-14 06:30 +0100"}},
		{"London spring forward, wake inside the gap", "Europe/London", "01:30", "2026-03-28 23:00", "2026-03-29 03:00",
			[]string{"2026-03-29 02:00 +0100"}},
		{"London spring forward, wake at the gap's first minute", "Europe/London", "01:00", "2026-03-28 23:00", "2026-03-29 03:00",
			[]string{"2026-03-29 02:00 +0100"}},
		{"London fall back, repeated hour fires once", "Europe/London", "01:30", "2026-10-24 23:00", "2026-10-25 03:00",
			[]string{"2026-10-25 01:30 +0100"}},
		{"New York spring forward, wake inside the gap", "America/New_York", "02:30", "2026-03-08 05:00", "2026-03-08 09:00",
			[]string{"2026-03-08 03:00 -0400"}},
		{"New York fall back, repeated hour fires once", "America/New_York", "01:30", "2026-11-01 04:00", "2026-11-01 08:00",
			[]string{"2026-11-01 01:30 -0400"}},
		{"Kiritimati (UTC+14) just after midnight", "Pacific/Kiritimati", "00:05", "2026-01-14 09:00", "2026-01-14 11:00",
			[]string{"2026-01-15 00:05 +1400"}},
		{"Pago Pago (UTC-11) just before midnight", "Pacific/Pago_Pago", "23:55", "2026-01-15 10:00", "2026-01-15 12:00",
			[]string{"2026-01-14 23:55 -1100"}},
		{"Kolkata half-hour zone", "Asia/Kolkata", "05:45", "2026-01-13 23:00", "2026-01-14 01:00",
			[]string{"2026-01-14 05:45 +0530"}},
		{"a wake time at noon", "Europe/Berlin", "12:00", "2026-01-14 10:00", "2026-01-14 13:00",
			[]string{"2026-01-14 12:00 +0100"}},
	}
	forEachStore(t, func(t *testing.T, open func(testing.TB) store) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				h := newHarness(t, open(t))
				m := h.member("ann", tt.tz, tt.wake, "22:30")
				h.member("bob", "Asia/Tokyo", "06:30", "22:30") // another zone, another time
				h.run(utc(tt.from), utc(tt.to))
				got := localTimesLayout(h.messagesTo(m, domain.DeliveryMorning), tt.tz)
				if !slices.Equal(got, tt.want) {
					t.Errorf("morning prompts at %v, want %v", got, tt.want)
				}
			})
		}
	})
}

func TestMorningPromptOpensTheCheckInForTheLocalDate(t *testing.T) {
	forEachStore(t, func(t *testing.T, open func(testing.TB) store) {
		h := newHarness(t, open(t))
		m := h.member("kiri", "Pacific/Kiritimati", "00:05", "22:30")
		h.member("tokyo", "Asia/Tokyo", "06:30", "22:30") // evening there: no check-in yet
		var openedBeforeSend []bool
		h.senders[domain.PlatformTelegram].hook = func(context.Context, bot.Message) error {
			openedBeforeSend = append(openedBeforeSend, len(h.content.morningsSent()) == 1)
			return nil
		}
		h.tick(utc("2026-01-14 10:05")) // 00:05 on the 15th in Kiritimati
		if got, want := h.content.morningsSent(), []string{fmt.Sprintf("%d/2026-01-15", m.ID)}; !slices.Equal(got, want) {
			t.Errorf("check-ins opened %v, want %v: the prompt's local date", got, want)
		}
		if !slices.Equal(openedBeforeSend, []bool{true}) {
			t.Errorf("check-in opened before each send: %v, want the conversation open before the prompt goes", openedBeforeSend)
		}
		h.run(utc("2026-01-14 10:06"), utc("2026-01-15 10:00")) // the wind-down, and no second prompt
		if got := h.content.morningsSent(); len(got) != 2 {
			t.Errorf("check-ins opened %v over a day, want one for each member's prompt", got)
		}
	})
}

func TestWindDownComesOnceBeforeBedtime(t *testing.T) {
	tests := []struct {
		name          string
		tz, wake, bed string
		windDown      int
		from, to      string
		want          []string
	}{
		{"default hour before bedtime", "Europe/London", "06:30", "22:30", 0, "2026-01-14 12:00", "2026-01-15 12:00",
			[]string{"2026-01-14 21:30 +0000"}},
		{"member's own half hour", "America/New_York", "06:30", "22:30", 30, "2026-01-14 12:00", "2026-01-15 12:00",
			[]string{"2026-01-14 22:00 -0500"}},
		{"bedtime after midnight in UTC+14", "Pacific/Kiritimati", "08:00", "00:30", 0, "2026-01-14 00:00", "2026-01-15 00:00",
			[]string{"2026-01-14 23:30 +1400"}},
		{"bedtime at midnight in UTC-11", "Pacific/Pago_Pago", "08:00", "00:00", 0, "2026-01-14 12:00", "2026-01-15 12:00",
			[]string{"2026-01-14 23:00 -1100"}},
		{"wind-down inside the spring-forward gap", "America/New_York", "10:00", "03:30", 0, "2026-03-08 05:00", "2026-03-08 09:00",
			[]string{"2026-03-08 03:00 -0400"}},
		{"wind-down in the repeated hour", "Europe/London", "09:00", "02:30", 0, "2026-10-24 22:00", "2026-10-25 03:00",
			[]string{"2026-10-25 01:30 +0100"}},
	}
	forEachStore(t, func(t *testing.T, open func(testing.TB) store) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				h := newHarness(t, open(t))
				m := h.member("ann", tt.tz, tt.wake, tt.bed)
				if tt.windDown > 0 {
					m.WindDownMinutes = tt.windDown
					h.update(m)
				}
				h.run(utc(tt.from), utc(tt.to))
				got := localTimesLayout(h.messagesTo(m, domain.DeliveryWindDown), tt.tz)
				if !slices.Equal(got, tt.want) {
					t.Errorf("wind-downs at %v, want %v", got, tt.want)
				}
			})
		}
	})
}

func TestMissedMessagesAreSentLateOnlyWhileUseful(t *testing.T) {
	// Each case: the bot was down and its first tick after the downtime
	// comes at the given UTC time (London is on GMT in January).
	tests := []struct {
		name      string
		wake, bed string
		first     string
		kind      string
		want      bool
	}{
		{"morning prompt a minute late", "06:30", "22:30", "2026-01-14 06:31", domain.DeliveryMorning, true},
		{"morning prompt at 11:59", "06:30", "22:30", "2026-01-14 11:59", domain.DeliveryMorning, true},
		{"morning prompt not at noon", "06:30", "22:30", "2026-01-14 12:00", domain.DeliveryMorning, false},
		{"morning prompt not before the wake time", "06:30", "22:30", "2026-01-14 06:29", domain.DeliveryMorning, false},
		{"late wake time: prompt within the hour", "12:30", "23:30", "2026-01-14 13:29", domain.DeliveryMorning, true},
		{"late wake time: not an hour later", "12:30", "23:30", "2026-01-14 13:30", domain.DeliveryMorning, false},
		{"wake 11:30 may still be sent at 12:29", "11:30", "23:30", "2026-01-14 12:29", domain.DeliveryMorning, true},
		{"wind-down before bedtime", "06:30", "22:30", "2026-01-14 22:29", domain.DeliveryWindDown, true},
		{"wind-down not at bedtime", "06:30", "22:30", "2026-01-14 22:30", domain.DeliveryWindDown, false},
		{"wind-down not before its time", "06:30", "22:30", "2026-01-14 21:29", domain.DeliveryWindDown, false},
		{"wind-down after midnight before a late bedtime", "08:00", "00:30", "2026-01-15 00:10", domain.DeliveryWindDown, true},
	}
	forEachStore(t, func(t *testing.T, open func(testing.TB) store) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				h := newHarness(t, open(t))
				m := h.member("ann", "Europe/London", tt.wake, tt.bed)
				h.tick(utc(tt.first))
				if got := len(h.messagesTo(m, tt.kind)); got != btoi(tt.want) {
					t.Fatalf("%s messages after the first tick = %d, want %d", tt.kind, got, btoi(tt.want))
				}
				// The bot keeps running: nothing of the kind comes twice
				// for the same morning or night.
				next := utc(tt.first).Add(time.Minute)
				h.run(next, next.Add(3*time.Hour))
				for _, x := range h.messagesTo(m, tt.kind) {
					if x.At.Before(utc(tt.first)) || x.At.Sub(utc(tt.first)) > 3*time.Hour {
						t.Errorf("%s at %s is outside the run", tt.kind, x.At)
					}
				}
				if got := len(h.messagesTo(m, tt.kind)); got > 1 {
					t.Errorf("%d %s messages in three hours, want at most one", got, tt.kind)
				}
			})
		}
	})
}

func TestWindDownAcrossMidnightIsSentOnce(t *testing.T) {
	forEachStore(t, func(t *testing.T, open func(testing.TB) store) {
		h := newHarness(t, open(t))
		m := h.member("ann", "Europe/London", "08:00", "00:30")
		h.tick(utc("2026-01-14 23:30"))
		h.tick(utc("2026-01-15 00:10")) // after midnight, same night
		h.tick(utc("2026-01-15 23:45")) // the next night
		got := localTimesLayout(h.messagesTo(m, domain.DeliveryWindDown), "Europe/London")
		want := []string{"2026-01-14 23:30 +0000", "2026-01-15 23:45 +0000"}
		if !slices.Equal(got, want) {
			t.Errorf("wind-downs at %v, want %v", got, want)
		}
	})
}

func TestZoneChangePromptsOncePerLocalDay(t *testing.T) {
	tests := []struct {
		name         string
		fromTZ, toTZ string
		start, move  string // UTC
		end          string
		wantDates    []string // local dates of the prompts, in order
	}{
		{"westward after the prompt", "Europe/London", "America/New_York",
			"2026-01-14 00:00", "2026-01-14 08:00", "2026-01-15 23:00", []string{"2026-01-14", "2026-01-15"}},
		{"eastward into tomorrow", "America/New_York", "Asia/Tokyo",
			"2026-01-14 00:00", "2026-01-14 12:00", "2026-01-15 12:00", []string{"2026-01-14", "2026-01-15"}},
		{"westward back into yesterday", "Asia/Tokyo", "America/New_York",
			"2026-01-14 12:00", "2026-01-14 22:00", "2026-01-16 12:00", []string{"2026-01-15", "2026-01-16"}},
		{"before the prompt, to a later zone", "America/New_York", "Europe/London",
			"2026-01-14 00:00", "2026-01-14 05:00", "2026-01-14 23:00", []string{"2026-01-14"}},
	}
	forEachStore(t, func(t *testing.T, open func(testing.TB) store) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				h := newHarness(t, open(t))
				m := h.member("ann", tt.fromTZ, "06:30", "22:30")
				h.run(utc(tt.start), utc(tt.move).Add(-time.Minute))
				m.TZ = tt.toTZ
				h.update(m)
				h.run(utc(tt.move), utc(tt.end))
				var dates []string
				for _, x := range h.messagesTo(m, domain.DeliveryMorning) {
					tz := tt.fromTZ
					if !x.At.Before(utc(tt.move)) {
						tz = tt.toTZ
					}
					loc, _ := time.LoadLocation(tz)
					dates = append(dates, x.At.In(loc).Format(time.DateOnly))
				}
				if !slices.Equal(dates, tt.wantDates) {
					t.Errorf("prompts on local dates %v, want %v", dates, tt.wantDates)
				}
			})
		}
	})
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func localTimesLayout(msgs []sent, tz string) []string {
	loc, err := time.LoadLocation(tz)
	if err != nil {
		panic(err)
	}
	var out []string
	for _, m := range msgs {
		out = append(out, m.At.In(loc).Format(localLayout))
	}
	return out
}
