package chart

import (
	"image/color"
	"math"

	"github.com/runclub/runclub/domain"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// keyKind is how a legend entry shows its series.
type keyKind int

const (
	keyLine keyKind = iota
	keyDashed
	keyBox
	keyDot
	keyBoxPair // two bands side by side, named together ("+5 / +10")
)

// legendKey is one legend entry: a swatch of the series' colour and a word.
type legendKey struct {
	kind   keyKind
	color  color.Color
	label  string
	color2 color.Color // keyBoxPair's second band
}

// panel is one of the trend's stacked plots: a title and legend above it, the
// plot with its left axis, and optionally a second scale on the right. The
// title names the panel's own measure (the blue dots or bars); the legend
// names only what it is read against, which keeps each header to one line
// where it can be.
type panel struct {
	title string
	keys  []legendKey
	p     *plot.Plot
	// right is a second y scale on p's date axis (the load panel's ACWR), drawn
	// by hand on the right: under is drawn on its scale before p, over after.
	right       *plot.Plot
	under, over []plot.Plotter
	rightTicks  []rightTick
	// yTicks labels the left axis; dates, set on the bottom panel only,
	// labels the date axis under it. Both are drawn by the trend itself.
	yTicks plot.Ticker
	dates  *dateTicks

	// Set by the layout: the header's lines, the area p draws in (its axes
	// included) and the data area inside it.
	header [][]headerItem
	area   draw.Canvas
	data   draw.Canvas
}

// rightTick is one labelled value of a panel's right scale.
type rightTick struct {
	value float64
	color color.Color
}

// Line widths in pixels.
const (
	wMeasure  = 4 // a daily measurement's line
	wBaseline = 5 // a baseline or mean the measurements are read against
)

// dayScale is how wide a day is on the date axis, and what follows for the
// marks: dots for every day once a day is wide enough to hold one.
type dayScale struct {
	dot   vg.Length
	dense bool
}

func scaleFor(pxPerDay float64) dayScale {
	return dayScale{dot: vg.Length(math.Max(3, math.Min(7, pxPerDay*0.45))), dense: pxPerDay >= 12}
}

// newPanel returns a panel whose plot is on the trend's date axis (day
// indexes, 0 the first day) with y from lo to hi. gonum draws no axis of it:
// the trend draws the axis lines and labels itself (see drawFrame, drawYLabels).
func newPanel(t domain.Trend, lo, hi float64, yTicks plot.Ticker) *panel {
	p := plot.New()
	p.BackgroundColor = nil // the canvas is filled once; panels draw over it
	p.X.Min, p.X.Max = -0.5, float64(t.Days())-0.5
	p.Y.Min, p.Y.Max = lo, hi
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Tick.Marker = plot.ConstantTicks{}
		a.LineStyle.Width = 0
		a.Tick.Length = 0
		a.Padding = 6
	}
	p.Add(weekLines{t.From, t.Days()}, rowLines{yTicks})
	return &panel{p: p, yTicks: yTicks}
}

// span returns the smallest and largest value present in the series (ok
// false when none has a value), so a panel's axis fits its data.
func span(ss ...domain.Series) (lo, hi float64, ok bool) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, s := range ss {
		for _, x := range s {
			if x.OK {
				lo, hi = math.Min(lo, x.V), math.Max(hi, x.V)
			}
		}
	}
	return lo, hi, lo <= hi
}

// shifted returns s with d added to each value it has.
func shifted(s domain.Series, d float64) domain.Series {
	out := make(domain.Series, len(s))
	for k, x := range s {
		out[k] = domain.Sample{V: x.V + d, OK: x.OK}
	}
	return out
}

// rhrPanel draws resting HR against the baseline, with the +5 (caution) and
// +10 (warning) bands above it (science.md, "Recovery markers").
func rhrPanel(t domain.Trend, most int, d dayScale) *panel {
	base := t.RHRBaseline
	top := shifted(base, domain.RHRWarning+2)
	lo, hi, _ := span(t.RHR, base, top)
	lo, hi = math.Floor(lo-2), math.Ceil(hi+1)
	pn := newPanel(t, lo, hi, niceTicks{most})
	p, n := pn.p, t.Days()
	between := func(a, b float64) func(int) (float64, float64, bool) {
		return func(k int) (float64, float64, bool) {
			return base[k].V + a, math.Min(base[k].V+b, hi), base[k].OK
		}
	}
	p.Add(keep(
		dayBand(n, between(domain.RHRCaution, domain.RHRWarning), cautionBand),
		dayBand(n, between(domain.RHRWarning, math.Inf(1)), warningBand),
	)...)
	p.Add(seriesLines(base, lineStyle(okBlack, wBaseline, false), true)...)
	p.Add(seriesLines(t.RHR, lineStyle(okBlue, wMeasure, false), false)...)
	p.Add(keep(seriesDots(t.RHR, okBlue, d.dot, d.dense))...)
	p.Add(todayDot(t.RHR, okBlue)...)
	pn.title = titleRHR
	if base.Points() > 0 {
		pn.keys = []legendKey{
			{kind: keyLine, color: okBlack, label: keyBaseline},
			{kind: keyBoxPair, color: cautionBand, color2: warningBand, label: keyPlus5And10},
		}
	}
	return pn
}

// hrvPanel draws ln(rMSSD), labelled in ms, with the normal range (baseline ±
// 0.5 SD) as a band and the 7-day mean as a line (Plews et al. 2012).
func hrvPanel(t domain.Trend, most int, d dayScale) *panel {
	n := t.Days()
	rangeLo, rangeHi := make(domain.Series, n), make(domain.Series, n)
	for k := range n {
		lo, hi, ok := t.NormalRange(k)
		rangeLo[k], rangeHi[k] = domain.Sample{V: lo, OK: ok}, domain.Sample{V: hi, OK: ok}
	}
	lo, hi, _ := span(t.HRV, t.HRVWeek, rangeLo, rangeHi)
	pad := math.Max(0.05, (hi-lo)*0.08)
	pn := newPanel(t, lo-pad, hi+pad, msTicks{most})
	p := pn.p
	p.Add(keep(dayBand(n, t.NormalRange, normalBand))...)
	p.Add(seriesLines(t.HRV, lineStyle(hrvDayLine, wMeasure/2, false), false)...)
	p.Add(keep(seriesDots(t.HRV, okBlue, d.dot, true))...)
	p.Add(seriesLines(t.HRVWeek, lineStyle(okBlack, wBaseline, false), false)...)
	p.Add(todayDot(t.HRV, okBlue)...)
	pn.title = titleHRV
	pn.keys = keysFor([]domain.Series{t.HRVWeek, rangeLo}, []legendKey{
		{kind: keyLine, color: okBlack, label: key7DayMean},
		{kind: keyBox, color: normalBand, label: keyNormal},
	})
	return pn
}

// sleepPanel draws each night's hours as a bar against the guide's 8–10 h.
func sleepPanel(t domain.Trend, most int) *panel {
	_, hi, _ := span(t.Sleep)
	hi = math.Max(hi+0.5, domain.SleepTarget+2.5)
	pn := newPanel(t, 0, math.Ceil(hi), niceTicks{most})
	pn.p.Add(keep(constBand(t.Days(), domain.SleepTarget, domain.SleepTarget+2, targetBand))...)
	pn.p.Add(dayBars{s: t.Sleep, fill: okSkyBlue, frac: 0.7})
	pn.title, pn.keys = titleSleep, []legendKey{{kind: keyBox, color: targetBand, label: keyTarget}}
	return pn
}

// acwrMax bounds the right scale: ratios far above the danger line (a week
// back after time off) leave the top rather than flatten the rest.
const acwrMax = 3.0

// loadPanel draws each day's session load as a bar with the 7- and 28-day
// means, and the uncoupled ACWR on a right-hand scale with the 0.8–1.3 sweet
// spot and the 1.5 danger line (Gabbett 2016).
func loadPanel(t domain.Trend, most int, d dayScale) *panel {
	n := t.Days()
	bars := make(domain.Series, n)
	for k, x := range t.Load {
		bars[k] = domain.Sample{V: x, OK: true}
	}
	_, hi, _ := span(bars, t.Load7, t.Load28)
	pn := newPanel(t, 0, math.Max(100, hi*1.08), niceTicks{most})
	p := pn.p
	p.Add(dayBars{s: bars, fill: okSkyBlue, frac: 0.7})
	p.Add(seriesLines(t.Load7, lineStyle(okBlue, wBaseline, false), false)...)
	p.Add(seriesLines(t.Load28, lineStyle(okBlack, wMeasure, true), false)...)
	pn.title = titleLoad
	pn.keys = keysFor([]domain.Series{t.Load7, t.Load28}, []legendKey{
		{kind: keyLine, color: okBlue, label: key7Day},
		{kind: keyDashed, color: okBlack, label: key28Day},
	})
	if t.ACWR.Points() == 0 {
		return pn
	}
	_, top, _ := span(t.ACWR)
	right := plot.New()
	right.X.Min, right.X.Max = p.X.Min, p.X.Max
	right.Y.Min, right.Y.Max = 0, math.Min(acwrMax, math.Max(2, top*1.05))
	pn.right = right
	pn.under = keep(constBand(n, domain.ACWRSweetLow, domain.ACWRSweetHigh, sweetBand))
	pn.over = append(keep(hLine(n, domain.ACWRDanger, lineStyle(okVermilion, wMeasure, true))),
		seriesLines(t.ACWR, lineStyle(okPurple, wBaseline, false), false)...)
	pn.over = append(pn.over, keep(seriesDots(t.ACWR, okPurple, d.dot, false))...)
	pn.rightTicks = []rightTick{{domain.ACWRSweetLow, okGreen}, {domain.ACWRDanger, okVermilion}, {0, ink}, {2, ink}, {3, ink}}
	pn.keys = append(pn.keys, legendKey{kind: keyLine, color: okPurple, label: keyACWR},
		legendKey{kind: keyBox, color: sweetBand, label: keySweetSpot})
	return pn
}

// keysFor keeps the legend entries whose series (same order) have a point:
// a legend names only what the picture shows.
func keysFor(series []domain.Series, keys []legendKey) []legendKey {
	var out []legendKey
	for i, s := range series {
		if s.Points() > 0 {
			out = append(out, keys[i])
		}
	}
	return out
}

// keep drops the nil plotters a builder returns when it has nothing to draw.
func keep(ps ...plot.Plotter) []plot.Plotter {
	out := ps[:0]
	for _, p := range ps {
		if p != nil {
			out = append(out, p)
		}
	}
	return out
}

// swatchWidth is the width of a legend swatch; the gap follows it.
const (
	swatchWidth vg.Length = 38
	swatchGap   vg.Length = 10
	itemGap     vg.Length = 26
)
