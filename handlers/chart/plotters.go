package chart

import (
	"image/color"

	"github.com/runclub/runclub/domain"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// plain hides a plotter's DataRange and GlyphBoxes: every panel sets its own
// axis ranges, and glyph padding would let one panel's dots move its data
// area off the shared date axis.
type plain struct{ plot.Plotter }

// runsOf returns the [start, end] index pairs of the runs of consecutive days
// for which has is true.
func runsOf(n int, has func(int) bool) [][2]int {
	var out [][2]int
	for k := 0; k < n; k++ {
		if !has(k) {
			continue
		}
		start := k
		for k+1 < n && has(k+1) {
			k++
		}
		out = append(out, [2]int{start, k})
	}
	return out
}

// seriesLines draws s as one line per run of consecutive days, so a day
// without a value is a gap. With wide, each run reaches half a day beyond its
// first and last days (a baseline holds for the whole day); otherwise it joins
// the days' centres (a measurement is one point of the day).
func seriesLines(s domain.Series, sty draw.LineStyle, wide bool) []plot.Plotter {
	var out []plot.Plotter
	for _, r := range runsOf(len(s), func(k int) bool { return s[k].OK }) {
		xys := make(plotter.XYs, 0, r[1]-r[0]+3)
		if wide {
			xys = append(xys, plotter.XY{X: float64(r[0]) - 0.5, Y: s[r[0]].V})
		}
		for k := r[0]; k <= r[1]; k++ {
			xys = append(xys, plotter.XY{X: float64(k), Y: s[k].V})
		}
		if wide {
			xys = append(xys, plotter.XY{X: float64(r[1]) + 0.5, Y: s[r[1]].V})
		}
		if len(xys) < 2 {
			continue // a lone measured day is drawn by seriesDots
		}
		// A literal, not NewLine: that copies the points to check for NaN,
		// which domain never gives.
		out = append(out, plain{&plotter.Line{XYs: xys, LineStyle: sty}})
	}
	return out
}

// seriesDots marks the days of s that have a value: every one when all is
// set (days are wide enough for a dot), else only those with no neighbour, so
// a lone morning is not lost between gaps.
func seriesDots(s domain.Series, c color.Color, radius vg.Length, all bool) plot.Plotter {
	var xys plotter.XYs
	for k, x := range s {
		if !x.OK {
			continue
		}
		lone := (k == 0 || !s[k-1].OK) && (k == len(s)-1 || !s[k+1].OK)
		if all || lone {
			xys = append(xys, plotter.XY{X: float64(k), Y: x.V})
		}
	}
	sc, err := plotter.NewScatter(xys)
	if err != nil || len(xys) == 0 {
		return nil
	}
	sc.GlyphStyle = draw.GlyphStyle{Color: c, Radius: radius, Shape: draw.CircleGlyph{}}
	return plain{sc}
}

// todayDot marks the range's last day, when s has a value for it, with a
// larger dot in a white ring: the reading the member came to look at.
func todayDot(s domain.Series, c color.Color) []plot.Plotter {
	k := len(s) - 1
	if k < 0 || !s[k].OK {
		return nil
	}
	var out []plot.Plotter
	for _, g := range []draw.GlyphStyle{{Color: background, Radius: 15, Shape: draw.CircleGlyph{}}, {Color: c, Radius: 11, Shape: draw.CircleGlyph{}}} {
		if sc, err := plotter.NewScatter(plotter.XYs{{X: float64(k), Y: s[k].V}}); err == nil {
			sc.GlyphStyle = g
			out = append(out, plain{sc})
		}
	}
	return out
}

// dayBand fills, for each run of days where span gives a range, the area
// between its low and high edges, reaching half a day either side like a wide line.
func dayBand(n int, span func(k int) (lo, hi float64, ok bool), fill color.Color) plot.Plotter {
	has := func(k int) bool { _, _, ok := span(k); return ok }
	var rings []plotter.XYs
	for _, r := range runsOf(n, has) {
		// Along the low edge day by day, then back along the high edge.
		ring := make(plotter.XYs, 0, 4*(r[1]-r[0]+1))
		edge := func(k int, high bool) (x0, x1, y float64) {
			lo, hi, _ := span(k)
			x0, x1, y = float64(k)-0.5, float64(k)+0.5, lo
			if k > r[0] {
				x0 = float64(k)
			}
			if k < r[1] {
				x1 = float64(k)
			}
			if high {
				y = hi
			}
			return x0, x1, y
		}
		for k := r[0]; k <= r[1]; k++ {
			x0, x1, y := edge(k, false)
			ring = append(ring, plotter.XY{X: x0, Y: y}, plotter.XY{X: x1, Y: y})
		}
		for k := r[1]; k >= r[0]; k-- {
			x0, x1, y := edge(k, true)
			ring = append(ring, plotter.XY{X: x1, Y: y}, plotter.XY{X: x0, Y: y})
		}
		rings = append(rings, ring)
	}
	if len(rings) == 0 {
		return nil
	}
	return plain{&plotter.Polygon{XYs: rings, Color: fill}} // no outline
}

// constBand fills lo..hi across the whole date axis.
func constBand(n int, lo, hi float64, fill color.Color) plot.Plotter {
	return dayBand(n, func(int) (float64, float64, bool) { return lo, hi, true }, fill)
}

// hLine is a horizontal line at y across the whole date axis.
func hLine(n int, y float64, sty draw.LineStyle) plot.Plotter {
	l, err := plotter.NewLine(plotter.XYs{{X: -0.5, Y: y}, {X: float64(n) - 0.5, Y: y}})
	if err != nil {
		return nil
	}
	l.LineStyle = sty
	return plain{l}
}

// dayBars draws a bar for each day with a value, frac of a day wide, from 0.
type dayBars struct {
	s    domain.Series
	fill color.Color
	frac float64
}

// Plot implements plot.Plotter. Each bar is filled on its own: one path of
// all of them is several times slower in the rasteriser gonum uses.
func (b dayBars) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	half := (trX(1) - trX(0)) * vg.Length(b.frac) / 2
	half = max(half, 0.75) // at least a visible 1.5 px on a long trend
	y0 := max(trY(max(0, p.Y.Min)), c.Min.Y)
	for k, x := range b.s {
		if !x.OK || x.V <= 0 {
			continue
		}
		xc, y1 := trX(float64(k)), min(trY(x.V), c.Max.Y)
		c.FillPolygon(b.fill, []vg.Point{{X: xc - half, Y: y0}, {X: xc + half, Y: y0}, {X: xc + half, Y: y1}, {X: xc - half, Y: y1}})
	}
}

// weekLines draws a light vertical line at each Monday of the date axis.
type weekLines struct {
	from domain.Date
	days int
}

// Plot implements plot.Plotter.
func (w weekLines) Plot(c draw.Canvas, p *plot.Plot) {
	trX, _ := p.Transforms(&c)
	sty := draw.LineStyle{Color: gridGrey, Width: 2}
	for _, k := range mondays(w.from, w.days) {
		x := trX(float64(k) - 0.5) // the line sits where the Monday begins
		c.StrokeLine2(sty, x, c.Min.Y, x, c.Max.Y)
	}
}

// rowLines draws a light horizontal line at each labelled value of the left axis.
type rowLines struct{ ticks plot.Ticker }

// Plot implements plot.Plotter.
func (r rowLines) Plot(c draw.Canvas, p *plot.Plot) {
	_, trY := p.Transforms(&c)
	sty := draw.LineStyle{Color: gridGrey, Width: 2}
	for _, tk := range r.ticks.Ticks(p.Y.Min, p.Y.Max) {
		if y := trY(tk.Value); tk.Label != "" && y >= c.Min.Y && y <= c.Max.Y {
			c.StrokeLine2(sty, c.Min.X, y, c.Max.X, y)
		}
	}
}

// lineStyle is a solid line of width px; dashed adds a dash pattern.
func lineStyle(c color.Color, width vg.Length, dashed bool) draw.LineStyle {
	s := draw.LineStyle{Color: c, Width: width}
	if dashed {
		s.Dashes = []vg.Length{18, 10}
	}
	return s
}
