package render

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/runclub/runclub/domain"
)

// HistoryEmpty answers /history when nothing is recorded in the window.
func HistoryEmpty(days int) string {
	return fmt.Sprintf("Nothing recorded in the last %s. Send /checkin or /run to start, e.g. /run 10km 50m rpe:4.", count(days, "day", "days"))
}

// HistoryIntro is the text above the /history table: what its columns are
// and how to use the run numbers.
func HistoryIntro(days int, units string, runs []domain.Run) string {
	text := fmt.Sprintf("Your last %s, oldest first. rhr resting HR (bpm), hrv HRV (ms), sleep (h), q sleep quality (5 best), "+
		"fa fatigue, so soreness, st stress (10 worst), mo mood (10 best); - not given.", count(days, "day", "days"))
	if len(runs) > 0 {
		n := runs[len(runs)-1].Number
		text += fmt.Sprintf(" Runs (#number, %s, duration, RPE, load = RPE × minutes): /run edit %d rpe:6 or /run delete %d works on a number.", units, n, n)
	}
	return text
}

// HistoryTable is the member's days from..to, one line a day and one under
// it for each run, aligned for a monospaced font and at most 40 characters
// wide so that a phone shows it without wrapping.
func HistoryTable(from, to domain.Date, checkIns []domain.CheckIn, runs []domain.Run, units string) string {
	byDate := map[domain.Date]domain.CheckIn{}
	for _, c := range checkIns {
		byDate[c.Date] = c
	}
	runsOn := map[domain.Date][]domain.Run{}
	for _, r := range runs {
		runsOn[r.Date] = append(runsOn[r.Date], r)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%-10s%4s%5s%6s%2s%3s%3s%3s%3s\n", "day", "rhr", "hrv", "sleep", "q", "fa", "so", "st", "mo")
	for d := from; d.DayNumber() <= to.DayNumber(); d = d.AddDays(1) {
		c := byDate[d]
		fmt.Fprintf(&b, "%-10s%4s%5s%6s%2s%3s%3s%3s%3s\n", d.Time(time.UTC).Format("Mon 02 Jan"),
			intCell(c.RHR), floatCell(c.HRV, 0), floatCell(c.SleepHours, 2), intCell(c.SleepQuality),
			intCell(c.Fatigue), intCell(c.Soreness), intCell(c.Stress), intCell(c.Mood))
		for _, r := range runsOn[d] {
			b.WriteString(runCells(r, units) + "\n")
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

// runCells is one run's line: "  #12  10.0km  1:30:00 rpe 5 load 450".
func runCells(r domain.Run, units string) string {
	rpe, load := "-", "-"
	if r.RPE > 0 {
		rpe, load = strconv.Itoa(r.RPE), fmt.Sprintf("%.0f", math.Round(domain.SessionLoad(r)))
	}
	dist := strings.ReplaceAll(FormatDistanceShort(r.Metres, units), " ", "")
	return fmt.Sprintf("  #%-4d%7s %8s rpe %-2s load %s", r.Number, dist, clockDuration(r.Duration), rpe, load)
}

// intCell and floatCell are a value of the table, or "-" when not given;
// a float to at most places decimals.
func intCell(v *int) string {
	if v == nil {
		return "-"
	}
	return strconv.Itoa(*v)
}

func floatCell(v *float64, places int) string {
	if v == nil {
		return "-"
	}
	p := math.Pow10(places)
	return strconv.FormatFloat(math.Round(*v*p)/p, 'f', -1, 64)
}
