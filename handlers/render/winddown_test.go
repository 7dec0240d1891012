package render

import (
	"strings"
	"testing"
	"time"

	"github.com/runclub/runclub/domain"
)

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

// clock reads HH:MM as minutes after midnight.
func clock(t *testing.T, s string) int {
	t.Helper()
	v, err := time.Parse("15:04", s)
	if err != nil {
		t.Fatalf("clock %q: %v", s, err)
	}
	return v.Hour()*60 + v.Minute()
}

func TestWindDownAddsOneLineWhenSleepMattersMore(t *testing.T) {
	night := domain.Date{Year: 2026, Month: 1, Day: 14}
	tests := []struct {
		name      string
		sleep     *float64
		readiness domain.Verdict
		runs      []domain.Run
		want      string // "" means no extra line
	}{
		{"nothing special", domain.Ptr(8.0), domain.VerdictGreen,
			[]domain.Run{{Metres: 10000, Duration: 50 * time.Minute, RPE: 4, Type: "easy"}}, ""},
		{"short sleep last night", domain.Ptr(6.5), "", nil, "you slept 6.5 h last night"},
		{"seven hours is not short", domain.Ptr(7.0), "", nil, ""},
		{"amber readiness", nil, domain.VerdictAmber, nil, "your readiness today is amber"},
		{"red readiness", nil, domain.VerdictRed, nil, "your readiness today is red"},
		{"long run", nil, "", []domain.Run{{Metres: 32000, Duration: 150 * time.Minute, RPE: 6, Type: "long"}}, "you ran a long 32.0 km today"},
		{"long run in miles", nil, "", []domain.Run{{Metres: 32186.9, Duration: 100 * time.Minute, RPE: 6, Type: "easy"}}, "you ran a long 20.0 mi today"},
		{"hard intervals", nil, "", []domain.Run{{Metres: 12000, Duration: 60 * time.Minute, RPE: 9, Type: "intervals"}}, "today's intervals session was hard"},
		{"a hard run of no type", nil, "", []domain.Run{{Metres: 12000, Duration: 60 * time.Minute, RPE: 8}}, "today's run was hard"},
		{"several reasons in one line", domain.Ptr(5.0), domain.VerdictRed,
			[]domain.Run{{Metres: 30000, Duration: 140 * time.Minute, RPE: 7, Type: "long"}},
			"you slept 5 h last night, your readiness today is red, you ran a long 30.0 km today"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := domain.NewMember("Ann", "Europe/London")
			m.ID, m.WakeMinute, m.BedMinute = 1, clock(t, "06:30"), clock(t, "22:30")
			if strings.HasSuffix(tt.name, "in miles") {
				m.Units = domain.UnitsMI
			}
			text := WindDownReply(m, night, domain.SleepPriority(tt.sleep, tt.readiness, tt.runs)).Text
			n := strings.Count(text, "Sleep matters more tonight")
			switch {
			case tt.want == "" && n != 0:
				t.Errorf("unexpected extra line in %q", text)
			case tt.want != "" && (n != 1 || !strings.Contains(text, "Sleep matters more tonight: "+tt.want+".")):
				t.Errorf("text %q, want one line with %q", text, tt.want)
			}
			if !strings.HasPrefix(text, "Time to wind down. "+WindDownTip(m.ID, night)+"\n") {
				t.Errorf("text %q does not start with the night's tip", text)
			}
			if !strings.Contains(text, "be asleep between 20:30 and 22:30") {
				t.Errorf("text %q lacks the bedtime window", text)
			}
		})
	}
}
