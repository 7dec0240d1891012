package chart

import (
	"errors"
	"math"

	"github.com/runclub/runclub/domain"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// ErrNothingToDraw is returned for a trend in which no series has a point:
// the caller says what is missing (domain.Trend.Missing) instead of sending
// empty axes.
var ErrNothingToDraw = errors.New("chart: the trend has no point to draw")

// TrendHeight is the height in pixels of a trend. A panel whose series has no
// point in the range is left out (the caller's text says why) and the others
// share its room, up to maxDataH each; a trend of one or two panels is shorter.
const TrendHeight = 1500

// Layout constants of the trend, in pixels.
const (
	panelGap   vg.Length = 26 // above each panel's header
	headerGap  vg.Length = 4  // between a header and its plot
	maxDataH   vg.Length = 330
	guessAxisW vg.Length = 130 // a left axis' width before it is measured
)

// Trend draws the member's trend as one PNG, Width × TrendHeight pixels: up to
// four panels on a shared date axis: resting HR with its baseline and the +5
// and +10 bpm bands; HRV on ln(rMSSD), labelled in ms, with the normal range
// and the 7-day mean; sleep bars against the 8–10 h target; daily load bars
// with the 7- and 28-day means and the uncoupled ACWR on a right-hand scale
// with the 0.8–1.3 band and the 1.5 line. Days without a value are gaps,
// never zeros. The dates are t's, which the caller takes in the member's zone;
// no axis shows a distance, so the member's units are not needed.
func Trend(t domain.Trend) ([]byte, error) {
	pic, err := layoutTrend(t)
	if err != nil {
		return nil, err
	}
	c, dc := newCanvas(pic.height)
	pic.draw(dc)
	return encodePNG(c)
}

// trendPicture is a laid-out trend: every panel knows where it draws, so the
// tests can map data to pixels with the same transforms the drawing used.
type trendPicture struct {
	height vg.Length
	title  [][]headerItem
	panels []*panel
}

// layoutTrend builds the panels that have data and places them.
func layoutTrend(t domain.Trend) (*trendPicture, error) {
	n := t.Days()
	if n == 0 {
		return nil, ErrNothingToDraw
	}
	reserve := margin
	if t.HasLoad() && t.ACWR.Points() > 0 {
		reserve += rightAxisWidth()
	}
	dataW := float64(Width - margin - guessAxisW - reserve)
	ds := scaleFor(dataW / float64(n))
	build := func(most int) []*panel {
		var ps []*panel
		if t.RHR.Points() > 0 {
			ps = append(ps, rhrPanel(t, most, ds))
		}
		if t.HRV.Points() > 0 {
			ps = append(ps, hrvPanel(t, most, ds))
		}
		if t.Sleep.Points() > 0 {
			ps = append(ps, sleepPanel(t, most))
		}
		if t.HasLoad() {
			ps = append(ps, loadPanel(t, most, ds))
		}
		if len(ps) > 0 {
			d := dateLabels(t.From, n, dataW)
			ps[len(ps)-1].dates = &d
		}
		return ps
	}
	pic := &trendPicture{title: flowHeader(rangeLabel(t.From, t.To), nil, margin, Width-margin)}
	// Lay out once to learn how tall a data area is, then again with as many
	// y labels as that height holds without overlapping.
	pic.panels = build(3)
	if len(pic.panels) == 0 {
		return nil, ErrNothingToDraw
	}
	dataH := pic.place(reserve, 0)
	pic.panels = build(max(2, int(float64(dataH)/(1.9*bodySize))))
	pic.place(reserve, dataH)
	return pic, nil
}

// place lays the panels out top to bottom on one date axis, their data areas
// all starting after the widest left-axis label and ending reserve pixels
// short of the right edge. With dataH 0 it chooses the data height that fills
// TrendHeight; it returns the height used.
func (pic *trendPicture) place(reserve, dataH vg.Length) vg.Length {
	labelW := vg.Length(0)
	for _, pn := range pic.panels {
		for _, tk := range pn.yTicks.Ticks(pn.p.Y.Min, pn.p.Y.Max) {
			labelW = max(labelW, bodyText().Width(tk.Label))
		}
	}
	left, right := margin+labelW+yLabelGap, Width-reserve
	lh := lineHeight()
	fixed := 2*margin + vg.Length(len(pic.title))*lh
	overhead := make([]vg.Length, len(pic.panels))
	for i, pn := range pic.panels {
		pn.header = flowHeader(pn.title, pn.keys, margin, Width-margin)
		trial := draw.Canvas{Rectangle: vg.Rectangle{Min: vg.Point{X: left, Y: 0}, Max: vg.Point{X: right, Y: 1000}}}
		d := pn.p.DataCanvas(trial)
		overhead[i] = 1000 - (d.Max.Y - d.Min.Y) + labelHeadroom()
		if pn.dates != nil {
			overhead[i] += dateRowH()
		}
		fixed += panelGap + vg.Length(len(pn.header))*lh + headerGap + overhead[i]
	}
	if dataH == 0 {
		dataH = min(maxDataH, (TrendHeight-fixed)/vg.Length(len(pic.panels)))
	}
	pic.height = vg.Length(math.Round(float64(fixed + dataH*vg.Length(len(pic.panels)))))
	y := pic.height - margin - vg.Length(len(pic.title))*lh
	for i, pn := range pic.panels {
		y -= panelGap + vg.Length(len(pn.header))*lh + headerGap
		h := dataH + overhead[i]
		bottom := y - h
		if pn.dates != nil {
			bottom += dateRowH() // the dates are drawn below the plot's own area
		}
		pn.area = draw.Canvas{Rectangle: vg.Rectangle{Min: vg.Point{X: left, Y: bottom}, Max: vg.Point{X: right, Y: y - labelHeadroom()}}}
		pn.data = pn.p.DataCanvas(pn.area)
		y -= h
	}
	return dataH
}

// yLabelGap is the space between the left-axis labels and the data area.
const yLabelGap vg.Length = 12

// labelHeadroom keeps the top y label, centred on the top of the data area,
// clear of the header above it.
func labelHeadroom() vg.Length { return bodyText().FontExtents().Ascent / 2 }

// dateRowH is the height of the dates under the bottom panel.
func dateRowH() vg.Length { return bodyText().FontExtents().Height + 6 }

// draw draws the laid-out trend on c.
func (pic *trendPicture) draw(c draw.Canvas) {
	top := drawHeader(c, pic.title, pic.height-margin)
	for _, pn := range pic.panels {
		drawHeader(c, pn.header, top-panelGap) // the layout placed the panel under it
		area, data := pn.area, pn.data
		area.Canvas, data.Canvas = c.Canvas, c.Canvas
		for _, pl := range pn.under {
			pl.Plot(data, pn.right)
		}
		pn.p.Draw(area)
		for _, pl := range pn.over {
			pl.Plot(data, pn.right)
		}
		drawFrame(data, pn.right != nil)
		drawYLabels(data, pn)
		if pn.right != nil {
			drawRightAxis(data, pn)
		}
		if pn.dates != nil {
			drawDates(data, pn)
		}
		top = pn.area.Min.Y
	}
}

// drawFrame draws the axis lines along the data area's left and bottom edges
// (and right, for a second scale). gonum draws its own where the axes were
// before it padded the data area for their labels, a few pixels off.
func drawFrame(data draw.Canvas, right bool) {
	sty := draw.LineStyle{Color: ink, Width: 2}
	data.StrokeLines(sty, []vg.Point{{X: data.Min.X, Y: data.Max.Y}, data.Min, {X: data.Max.X, Y: data.Min.Y}})
	if right {
		data.StrokeLine2(sty, data.Max.X, data.Min.Y, data.Max.X, data.Max.Y)
	}
}

// drawYLabels writes the left axis' labels, right-aligned beside the data area.
func drawYLabels(data draw.Canvas, pn *panel) {
	st := bodyText()
	st.XAlign = text.XRight
	for _, tk := range pn.yTicks.Ticks(pn.p.Y.Min, pn.p.Y.Max) {
		if y := data.Y(pn.p.Y.Norm(tk.Value)); tk.Label != "" && y >= data.Min.Y-1 && y <= data.Max.Y+1 {
			fillBaseline(data, st, data.Min.X-yLabelGap, y-st.FontExtents().Ascent*0.36, tk.Label)
		}
	}
}

// drawDates writes the date labels under the bottom panel, centred on the
// start of their Monday.
func drawDates(data draw.Canvas, pn *panel) {
	st := bodyText()
	st.XAlign = text.XCenter
	base := data.Min.Y - 6 - st.FontExtents().Ascent
	for _, tk := range pn.dates.Ticks(pn.p.X.Min, pn.p.X.Max) {
		if tk.Label != "" {
			fillBaseline(data, st, data.X(pn.p.X.Norm(tk.Value)), base, tk.Label)
		}
	}
}

// rightTickGap is the space between the right axis and its labels.
const rightTickGap vg.Length = 14

// rightAxisWidth is the room the right-hand labels take beyond the data area.
func rightAxisWidth() vg.Length { return rightTickGap + bodyText().Width("1.5") + 8 }

// drawRightAxis draws the right scale's axis line and its labels, in order of
// importance (the sweet spot's floor, the danger line, then round values),
// leaving out any that would overlap one already drawn.
func drawRightAxis(data draw.Canvas, pn *panel) {
	x, c := data.Max.X, data
	st := bodyText()
	var placed []vg.Length
	for _, tk := range pn.rightTicks {
		y := data.Y(pn.right.Y.Norm(tk.value))
		if tk.value > pn.right.Y.Max || y < data.Min.Y-1 {
			continue
		}
		clear := true
		for _, p := range placed {
			if vg.Length(math.Abs(float64(p-y))) < st.FontExtents().Height*0.9 {
				clear = false
			}
		}
		if !clear {
			continue
		}
		placed = append(placed, y)
		c.StrokeLine2(draw.LineStyle{Color: ink, Width: 2}, x, y, x+10, y)
		st.Color = tk.color
		fillBaseline(c, st, x+rightTickGap, y-st.FontExtents().Ascent*0.36, rightLabel(tk.value))
	}
}
