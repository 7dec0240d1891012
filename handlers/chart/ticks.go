package chart

import (
	"math"
	"strconv"
	"time"

	"github.com/runclub/runclub/domain"
	"gonum.org/v1/plot"
)

// niceTicks labels round values (steps of 1, 2, 2.5 or 5 × 10ⁿ) between min
// and max, at most most of them, so that labels of bodySize never overlap on
// an axis only a few hundred pixels tall.
type niceTicks struct{ most int }

// Ticks implements plot.Ticker.
func (n niceTicks) Ticks(min, max float64) []plot.Tick {
	step := niceStep(min, max, n.most)
	prec := 0
	if step < 1 {
		prec = int(math.Ceil(-math.Log10(step)))
	}
	var out []plot.Tick
	for v := math.Ceil(min/step) * step; v <= max+step*1e-9; v += step {
		out = append(out, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'f', prec, 64)})
	}
	return out
}

// niceStep is the round step that puts the most ticks, and at most most,
// between lo and hi (the smaller step of two that put as many).
func niceStep(lo, hi float64, most int) float64 {
	best, bestN := 0.0, -1
	mag := math.Pow(10, math.Floor(math.Log10((hi-lo)/float64(max(most, 1)))))
	for _, m := range []float64{1, 2, 2.5, 5, 10, 20, 25, 50, 100} {
		s := m * mag
		if n := ticksIn(lo, hi, s); n <= most && n > bestN {
			best, bestN = s, n
		}
	}
	return best
}

// ticksIn counts the multiples of step between lo and hi.
func ticksIn(lo, hi, step float64) int {
	return int(math.Floor(hi/step+1e-9)-math.Ceil(lo/step-1e-9)) + 1
}

// msTicks labels an axis drawn on ln(rMSSD) in milliseconds, at round values
// of rMSSD, at most most of them.
type msTicks struct{ most int }

// Ticks implements plot.Ticker.
func (t msTicks) Ticks(min, max float64) []plot.Tick {
	lo, hi := math.Exp(min), math.Exp(max)
	best, bestN := 0.0, -1
	for _, step := range []float64{1, 2, 5, 10, 20, 25, 50, 100} {
		if n := ticksIn(lo, hi, step); n <= t.most && n > bestN {
			best, bestN = step, n
		}
	}
	var out []plot.Tick
	for v := math.Ceil(lo/best) * best; v <= hi; v += best {
		out = append(out, plot.Tick{Value: math.Log(v), Label: strconv.FormatFloat(v, 'f', 0, 64)})
	}
	return out
}

// dateTicks marks each Monday of a trend on an axis of day indexes (0 is the
// trend's first day) and labels every every-th of them "3 Mar"; with every 0
// it labels none, for the panels above the one that carries the dates.
type dateTicks struct {
	from  domain.Date
	days  int
	every int
	// edge is how many days from either end a label's centre must keep, so
	// that no label hangs past the data area (the plot would shrink it).
	edge float64
}

// Ticks implements plot.Ticker.
func (d dateTicks) Ticks(_, _ float64) []plot.Tick {
	var out []plot.Tick
	n := 0 // Mondays far enough from the ends to carry a label
	for _, k := range mondays(d.from, d.days) {
		t := plot.Tick{Value: float64(k) - 0.5} // where the Monday begins, like the week lines
		if d.every > 0 && t.Value >= d.edge-0.5 && t.Value <= float64(d.days)-0.5-d.edge {
			if n%d.every == 0 {
				t.Label = shortDate(d.from.AddDays(k))
			}
			n++
		}
		out = append(out, t)
	}
	return out
}

// mondays returns the indexes of the Mondays among days days from from.
func mondays(from domain.Date, days int) []int {
	first := (int(time.Monday) - int(from.Weekday()) + 7) % 7
	var out []int
	for k := first; k < days; k += 7 {
		out = append(out, k)
	}
	return out
}

// dateLabels returns the date ticks for the panel that carries the dates on
// an axis width pixels wide: labels far enough apart to fit with a gap, and
// none closer to an end than half a label.
func dateLabels(from domain.Date, days int, width float64) dateTicks {
	perDay := width / float64(max(days, 1))
	need := float64(bodyText().Width("30 Sep"))
	return dateTicks{from: from, days: days,
		every: max(1, int(math.Ceil(need*1.25/(perDay*7)))),
		edge:  need / 2 / perDay}
}
