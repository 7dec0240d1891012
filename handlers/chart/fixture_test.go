package chart

import (
	"math"
	"math/rand/v2"
	"time"

	"github.com/runclub/runclub/domain"
)

// fixtureEnd is the last day of the fixed histories the tests draw.
var fixtureEnd = domain.Date{Year: 2026, Month: time.August, Day: 30}

// fixtureHistory is a runner's days ending at fixtureEnd: mornings of RHR,
// HRV and sleep with gaps, and runs with RPE, including a hard block that
// lifts RHR, drops HRV and sends the ACWR over 1.5. It is seeded, so every
// run of the tests draws the same picture.
func fixtureHistory(days int) domain.History {
	rng := rand.New(rand.NewPCG(42, 7))
	var h domain.History
	start := fixtureEnd.AddDays(-days + 1)
	for i := range days {
		d := start.AddDays(i)
		left := days - 1 - i // days before the end
		hard := left >= 20 && left < 34
		if rng.Float64() < 0.88 {
			rhr := 47 + rng.IntN(4)
			hrv := 62 + rng.Float64()*14
			sleep := 7.4 + rng.Float64()*1.8
			if hard {
				rhr += 5 + rng.IntN(6)
				hrv *= 0.72
				sleep -= 1
			}
			h.CheckIns = append(h.CheckIns, domain.CheckIn{Date: d, RHR: domain.Ptr(rhr), HRV: domain.Ptr(math.Round(hrv)), SleepHours: domain.Ptr(math.Round(sleep*4) / 4)})
		}
		mins, rpe := 50+rng.IntN(40), 3+rng.IntN(3)
		switch {
		case d.Weekday() == time.Monday:
			continue // rest day
		case d.Weekday() == time.Sunday:
			mins, rpe = 120+rng.IntN(30), 6
		case hard:
			mins, rpe = mins+40, rpe+3
		}
		h.Runs = append(h.Runs, domain.Run{Date: d, Metres: float64(mins) * 200, Duration: time.Duration(mins) * time.Minute, RPE: rpe})
	}
	return h
}

// fixtureTrend is the last weeks of a fixture history of a year.
func fixtureTrend(weeks int) domain.Trend {
	return domain.ComputeTrend(fixtureHistory(365), fixtureEnd.AddDays(-7*weeks+1), fixtureEnd)
}

// fixtureNames are the sharing members of the fixture club, worst first.
var fixtureNames = []string{"Alexandra Konstantinopoulou", "Sam", "Priya N.", "Jo Bloggs", "Tomás Ruiz", "Mei", "Kwame A.", "Léa", "Oskar", "Ana Beatriz", "Ravi", "Zoë", "Femi", "Hana"}

// fixtureGrid is a club grid of rows sharing members ending at fixtureEnd,
// with a seeded mix of verdicts and days without a check-in.
func fixtureGrid(rows, notSharing int) Grid {
	rng := rand.New(rand.NewPCG(9, uint64(rows)))
	g := Grid{End: fixtureEnd, NotSharing: notSharing}
	verdicts := []domain.Verdict{domain.VerdictGreen, domain.VerdictGreen, domain.VerdictGreen, domain.VerdictAmber, domain.VerdictRed, domain.VerdictUnknown}
	for i := range rows {
		r := GridRow{Name: fixtureNames[i%len(fixtureNames)]}
		for range GridDays {
			r.Days = append(r.Days, verdicts[rng.IntN(len(verdicts))])
		}
		g.Rows = append(g.Rows, r)
	}
	return g
}

// gapDay is the day of plainTrend that has no check-in.
const gapDay = 17

// plainTrend is 28 days of a steady runner, simple enough to read pixels
// against: RHR 50 every morning (baseline 50), HRV alternating 55 and 66 ms,
// 7.5 h of sleep, an hour at RPE 5 every day (load 300) and a hard last week
// at RPE 9 (load 540) that lifts the ACWR to 1.8, and no check-in at all on
// day gapDay.
func plainTrend() domain.Trend {
	var h domain.History
	start := fixtureEnd.AddDays(-89)
	for i := range 90 {
		d := start.AddDays(i)
		if i != 90-28+gapDay {
			hrv := 55.0
			if i%2 == 1 {
				hrv = 66
			}
			h.CheckIns = append(h.CheckIns, domain.CheckIn{Date: d, RHR: domain.Ptr(50), HRV: domain.Ptr(hrv), SleepHours: domain.Ptr(7.5)})
		}
		rpe := 5
		if i >= 83 {
			rpe = 9
		}
		h.Runs = append(h.Runs, domain.Run{Date: d, Metres: 12000, Duration: time.Hour, RPE: rpe})
	}
	return domain.ComputeTrend(h, fixtureEnd.AddDays(-27), fixtureEnd)
}
