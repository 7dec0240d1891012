package render

import (
	"strings"
	"testing"
	"time"

	"github.com/runclub/runclub/domain"
)

// FuzzRenderedFacts feeds histories with any values, in range or not, in
// any order, through domain and then render, and checks that every reply is
// written and never shows a number a reader cannot use.
func FuzzRenderedFacts(f *testing.F) {
	f.Add([]byte{10, 50, 60, 80, 3, 3, 5, 7, 0, 60, 7}, uint8(20), uint8(0))
	f.Add([]byte{0, 255, 0, 0, 0, 0, 0, 0, 255, 255, 255}, uint8(0), uint8(3))
	start := domain.Date{Year: 2026, Month: 1, Day: 1}
	f.Fuzz(func(t *testing.T, data []byte, todayOff, ago uint8) {
		var h domain.History
		for len(data) >= 11 {
			d := start.AddDays(int(data[0]) % 90)
			h.CheckIns = append(h.CheckIns, domain.CheckIn{Date: d, RHR: domain.Ptr(int(data[1])), HRV: domain.Ptr(float64(data[2])), SleepHours: domain.Ptr(float64(data[3]) / 10),
				Fatigue: domain.Ptr(int(data[4]) % 12), Soreness: domain.Ptr(int(data[5]) % 12), Stress: domain.Ptr(int(data[6]) % 12), Mood: domain.Ptr(int(data[7]) % 12)})
			h.Runs = append(h.Runs, domain.Run{Date: d.AddDays(int(data[8]) % 3), Metres: float64(data[9]) * 300, Duration: time.Duration(data[9]) * time.Minute, RPE: int(data[10]) % 11})
			data = data[11:]
		}
		today := start.AddDays(int(todayOff) % 100)
		day := today.AddDays(-int(ago % 10))
		m := domain.NewMember("Fuzz", "UTC")
		rd := domain.ComputeReadiness(m, h, day)
		w := domain.WeeklySummary(m, h, today)
		g := domain.GroupSummary([]domain.GroupMember{{Member: domain.Member{Name: "Fuzz", ShareWithCoach: true}, History: h}}, today)
		for _, text := range []string{Readiness(rd, domain.UnitsKM, today), ReadinessLine(rd, today), MemberWeek(w, m), GroupWeek(g, "Club", domain.UnitsMI)} {
			if text == "" || strings.Contains(text, "NaN") || strings.Contains(text, "Inf") || strings.Contains(text, "%!") {
				t.Fatalf("rendered %q", text)
			}
		}
		for _, x := range rd.Reasons {
			if reasonText(x, tense{}) == "" {
				t.Fatalf("no words for %+v", x)
			}
		}
		for _, fl := range w.Flags {
			if evidence(fl, domain.UnitsKM) == "" {
				t.Fatalf("no words for %+v", fl)
			}
		}
	})
}
