package chart

import (
	"errors"
	"fmt"
	"image/color"
	"math"
	"time"

	"github.com/runclub/runclub/domain"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// GridDays is how many days the club grid shows, ending on Grid.End.
const GridDays = 14

// MaxGridRows is the most rows one club grid draws. At the row height a phone
// needs, more would pass the 10,000 px that Telegram allows a photo's width
// and height together; a caller with more sharing members sends more grids.
const MaxGridRows = 120

// GridRow is one sharing member's row of the club grid.
type GridRow struct {
	// Name is how the coach knows the member; a long one is shortened to fit.
	Name string
	// Days holds the member's verdict on each of the GridDays days ending on
	// Grid.End, oldest first. VerdictUnknown (or "") is drawn grey: no check-in
	// that day, or nothing in it to judge by.
	Days []domain.Verdict
}

// Grid is the coach's club picture.
type Grid struct {
	// End is the last day shown (the right-hand column), in the club's zone.
	End domain.Date
	// Rows are the members who share with their coach, in the order they are
	// drawn (the caller's: worst first).
	Rows []GridRow
	// NotSharing counts the members who do not share. They are never rows:
	// the grid only says how many they are, on a line under it.
	NotSharing int
}

// ErrBadGrid is wrapped by ClubGrid's errors about its input.
var ErrBadGrid = errors.New("chart: bad club grid")

// Layout of the club grid, in pixels.
const (
	cellW   vg.Length = 52
	cellH   vg.Length = 52
	cellGap vg.Length = 4
	rowGap  vg.Length = 10
	nameGap vg.Length = 20 // between the names and the first column
)

// ClubGrid draws the club grid as one PNG, Width pixels wide and as tall as
// its rows need: the members down the side in the order given, the GridDays
// days ending on g.End across, each cell the day's verdict colour (grey for
// no check-in), a legend, and under it the count of members who do not share.
func ClubGrid(g Grid) ([]byte, error) {
	if len(g.Rows) == 0 {
		return nil, ErrNothingToDraw
	}
	if len(g.Rows) > MaxGridRows {
		return nil, fmt.Errorf("%w: %d rows, at most %d in one picture", ErrBadGrid, len(g.Rows), MaxGridRows)
	}
	for i, r := range g.Rows {
		if len(r.Days) != GridDays {
			return nil, fmt.Errorf("%w: row %d has %d days, want %d", ErrBadGrid, i, len(r.Days), GridDays)
		}
	}
	gl := layoutGrid(g)
	c, dc := newCanvas(gl.height)
	gl.draw(dc, g)
	return encodePNG(c)
}

// gridLayout places the club grid; the tests read cells' positions from it.
type gridLayout struct {
	height vg.Length
	header [][]headerItem
	// colX is each column's left edge; rowTop each row's top; labelsTop the
	// top of the column headings; footer the baseline of the count line.
	colX      [GridDays]vg.Length
	rowTop    []vg.Length
	labelsTop vg.Length
	footer    vg.Length
	start     domain.Date
}

func layoutGrid(g Grid) *gridLayout {
	gl := &gridLayout{start: g.End.AddDays(-GridDays + 1)}
	title := titleGrid + ", " + rangeLabel(gl.start, g.End)
	keys := []legendKey{
		{kind: keyBox, color: verdictColor(domain.VerdictGreen), label: keyGreen},
		{kind: keyBox, color: verdictColor(domain.VerdictAmber), label: keyAmber},
		{kind: keyBox, color: verdictColor(domain.VerdictRed), label: keyRed},
		{kind: keyBox, color: noDataGrey, label: keyNoCheckIn},
	}
	gl.header = append(flowHeader(title, nil, margin, Width-margin), flowHeader("", keys, margin, Width-margin)...)
	lh := lineHeight()
	x0 := Width - margin - GridDays*(cellW+cellGap) + cellGap
	for k := range gl.colX {
		gl.colX[k] = x0 + vg.Length(k)*(cellW+cellGap)
	}
	// Lay out from the top down on a y axis that points down, then flip once
	// the height is known.
	y := margin + vg.Length(len(gl.header))*lh + panelGap
	gl.labelsTop = y
	y = vg.Length(math.Round(float64(y + 2*lh + 8))) // under the date and weekday rows, on whole pixels for the cells
	for range g.Rows {
		gl.rowTop = append(gl.rowTop, y)
		y += cellH + rowGap
	}
	if g.NotSharing > 0 {
		y += panelGap + lh
		gl.footer = y - titleText().FontExtents().Descent
	}
	gl.height = y + margin
	flip := func(v vg.Length) vg.Length { return gl.height - v }
	gl.labelsTop = flip(gl.labelsTop)
	for i := range gl.rowTop {
		gl.rowTop[i] = flip(gl.rowTop[i])
	}
	gl.footer = flip(gl.footer)
	return gl
}

func (gl *gridLayout) draw(c draw.Canvas, g Grid) {
	drawHeader(c, gl.header, gl.height-margin)
	lh := lineHeight()
	st := bodyText()
	// Dates over each Monday's column (and the first column, if no Monday is
	// near it), weekday initials over every column.
	for k := range GridDays {
		d := gl.start.AddDays(k)
		if d.Weekday() == time.Monday || (k == 0 && firstMondayAfter(d) >= 3) {
			fillBaseline(c, st, gl.colX[k], gl.labelsTop-lh+st.FontExtents().Descent, shortDate(d))
		}
		ws := st
		ws.XAlign = text.XCenter
		fillBaseline(c, ws, gl.colX[k]+cellW/2, gl.labelsTop-2*lh+st.FontExtents().Descent, weekdayInitials[d.Weekday()])
	}
	nameW := gl.colX[0] - nameGap - margin
	for i, r := range g.Rows {
		top := gl.rowTop[i]
		fillBaseline(c, st, margin, top-cellH/2-st.FontExtents().Ascent*0.36, fitText(st, r.Name, nameW))
		for k, v := range r.Days {
			fillRect(c, verdictColor(v), gl.colX[k], top-cellH, gl.colX[k]+cellW, top)
		}
	}
	if g.NotSharing > 0 {
		fillBaseline(c, st, margin, gl.footer, notSharingLine(g.NotSharing))
	}
}

// firstMondayAfter is how many days after d the first Monday is (0 if d is one).
func firstMondayAfter(d domain.Date) int { return (int(time.Monday) - int(d.Weekday()) + 7) % 7 }

// verdictColor is the cell colour of a verdict, Okabe–Ito's bluish green,
// orange and vermilion, which stay apart in the common colour-vision deficiencies.
func verdictColor(v domain.Verdict) color.Color {
	switch v {
	case domain.VerdictGreen:
		return okGreen
	case domain.VerdictAmber:
		return okOrange
	case domain.VerdictRed:
		return okVermilion
	}
	return noDataGrey
}

// fitText shortens s with an ellipsis until it is at most w wide.
func fitText(st text.Style, s string, w vg.Length) string {
	if st.Width(s) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 1 {
		r = r[:len(r)-1]
		if t := string(r) + "…"; st.Width(t) <= w {
			return t
		}
	}
	return "…"
}
