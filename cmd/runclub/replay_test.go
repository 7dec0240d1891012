package main

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/runclub/runclub/domain"
)

// TestEightWeekReplayMatchesTheScience replays eight weeks of a synthetic
// runner through the console and checks the numbers in the replies against
// values computed here, independently, straight from science.md's
// definitions: uncoupled rolling ACWR, monotony and strain of the last 7
// days, the HRV normal range on ln(rMSSD), and the readiness verdict.
func TestEightWeekReplayMatchesTheScience(t *testing.T) {
	const days = 56
	today := domain.DateOf(time.Now().UTC())
	var script []string
	script = append(script, "/settings tz:UTC units:km weight:64kg")
	load := make([]float64, days) // index 0 = 55 days ago, 55 = today
	hrv := make([]float64, days)
	for i := 0; i < days; i++ {
		d := today.AddDays(i - (days - 1))
		rhr, h, sleep := 48+i%3, 60.0+float64((i*7)%11), 8.0
		if i == days-1 { // today: RHR +10 or more and HRV far below the range
			rhr, h, sleep = 62, 40, 6
		}
		hrv[i] = h
		script = append(script, fmt.Sprintf("/checkin date:%s rhr:%d hrv:%g sleep:%g fatigue:3 soreness:3", d, rhr, h, sleep))
		if i%7 == 3 { // a rest day every week
			continue
		}
		minutes, rpe := 45+(i*13)%50, 3+i%5
		if i >= days-7 { // the last week builds up
			minutes += 30
		}
		load[i] = float64(minutes * rpe)
		script = append(script, fmt.Sprintf("/run %dkm %dm rpe:%d type:easy date:%s", minutes/5, minutes, rpe, d))
	}
	script = append(script, "/readiness", "/week")

	var out, errOut strings.Builder
	dsn := filepath.Join(t.TempDir(), "runclub.db")
	if code := run(context.Background(), []string{"console"}, []string{"RUNCLUB_DATABASE_DSN=" + dsn, "RUNCLUB_CONSOLE_IMAGE_DIR=" + t.TempDir()}, strings.NewReader(strings.Join(script, "\n")), &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	got := out.String()
	if n := strings.Count(got, "Saved your check-in"); n != days {
		t.Fatalf("%d check-ins acknowledged, want %d", n, days)
	}

	mean := func(xs []float64) float64 {
		s := 0.0
		for _, x := range xs {
			s += x
		}
		return s / float64(len(xs))
	}
	sd := func(xs []float64) float64 {
		m, s := mean(xs), 0.0
		for _, x := range xs {
			s += (x - m) * (x - m)
		}
		return math.Sqrt(s / float64(len(xs)))
	}
	t0 := days - 1
	acute := mean(load[t0-6 : t0+1])
	chronic := mean(load[t0-27 : t0-6]) // days t-27 .. t-7
	week := load[t0-6 : t0+1]
	monotony := mean(week) / sd(week)
	strain := mean(week) * 7 * monotony
	var lnBase []float64
	for _, h := range hrv[:t0] { // the 60 days before today: all 55 here
		lnBase = append(lnBase, math.Log(h))
	}
	lo, hi := math.Exp(mean(lnBase)-0.5*sd(lnBase)), math.Exp(mean(lnBase)+0.5*sd(lnBase))

	for _, want := range []string{
		fmt.Sprintf("(ACWR, uncoupled) %.2f", acute/chronic),
		fmt.Sprintf("monotony %.2f, strain %.0f", monotony, strain),
		fmt.Sprintf("normal range %.0f–%.0f ms", lo, hi),
		"Red for today",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("replies lack %q", want)
		}
	}
	if t.Failed() {
		i := strings.Index(got, "Red")
		t.Logf("replies from the verdict on:\n%s", got[max(0, i-20):])
	}
}
