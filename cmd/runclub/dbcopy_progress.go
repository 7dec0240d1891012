package main

import (
	"fmt"
	"io"
	"time"

	"github.com/runclub/runclub/storage"
)

// copyProgress shows how far a copy is: on a terminal one line redrawn in
// place (rows copied, rate, time left), at most ten times a second; in a
// pipe or a log, one line per table as it is done.
type copyProgress struct {
	w        io.Writer
	terminal bool
	now      func() time.Time
	drawn    time.Time
	dirty    bool
}

func newCopyProgress(w io.Writer, terminal bool, now func() time.Time) *copyProgress {
	return &copyProgress{w: w, terminal: terminal, now: now}
}

// show is storage.CopyOptions.Progress.
func (c *copyProgress) show(p storage.CopyProgress) {
	if !c.terminal {
		if p.Done {
			fmt.Fprintf(c.w, "%-16s %8d %s copied and checked, %s since the start\n", p.Table, p.TableRows, rowsWord(p.TableRows), roundDuration(p.Elapsed))
		}
		return
	}
	if !p.Done && c.now().Sub(c.drawn) < 100*time.Millisecond {
		return
	}
	c.drawn = c.now()
	fmt.Fprintf(c.w, "\r\033[K%s", progressLine(p))
	c.dirty = true
	if p.Done {
		fmt.Fprintf(c.w, "\r\033[K%-16s %8d %s copied and checked\n", p.Table, p.TableRows, rowsWord(p.TableRows))
		c.dirty = false
	}
}

// end finishes a line left half drawn, so that what follows starts afresh.
func (c *copyProgress) end() {
	if c.dirty {
		fmt.Fprintln(c.w)
		c.dirty = false
	}
}

// progressLine is the terminal's line: the table, the rows, the rate and
// the time left at that rate.
func progressLine(p storage.CopyProgress) string {
	rate := 0.0
	if s := p.Elapsed.Seconds(); s > 0 {
		rate = float64(p.Rows) / s
	}
	left := "?"
	if rate > 0 {
		left = roundDuration(time.Duration(float64(p.Total-p.Rows) / rate * float64(time.Second)))
	}
	pct := 100.0
	if p.Total > 0 {
		pct = 100 * float64(p.Rows) / float64(p.Total)
	}
	return fmt.Sprintf("%s %d/%d · all %d/%d rows (%.0f%%) · %.0f rows/s · %s left",
		p.Table, p.TableRows, p.TableTotal, p.Rows, p.Total, pct, rate, left)
}

// rowsWord is "row" or "rows", as n needs.
func rowsWord(n int64) string {
	if n == 1 {
		return "row"
	}
	return "rows"
}

// roundDuration is d to a readable precision.
func roundDuration(d time.Duration) string {
	switch {
	case d < time.Second:
		return d.Round(time.Millisecond).String()
	case d < time.Minute:
		return d.Round(100 * time.Millisecond).String()
	default:
		return d.Round(time.Second).String()
	}
}
