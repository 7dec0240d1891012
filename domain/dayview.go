package domain

// dayView indexes one member's history by day, from their first data (at most
// MaxHistoryDays back) to today, so that each rule reads a day in O(1).
type dayView struct {
	today  Date
	todayN int
	// first is the day number of index 0; n the number of days first..today.
	first, n int
	// ci points at each day's check-in (nil if none). It points into the
	// caller's slice, never written through; same-day duplicates get a merged copy.
	ci    []*CheckIn
	loads []float64
	// ln memoises ln(rMSSD) by day for lnHRV; nil until first asked.
	ln []float64
	// runs are the runs dated first..today, in input order; runDays their day numbers.
	runs    []Run
	runDays []int
}

func newDayView(h History, today Date) *dayView {
	return newDayViewSince(h, today.DayNumber()-MaxHistoryDays+1, today)
}

// newDayViewSince is newDayView looking back to day number oldest instead of
// MaxHistoryDays: a trend needs every day of its range to see as far back as
// that day's own view would.
func newDayViewSince(h History, oldest int, today Date) *dayView {
	v := &dayView{today: today, todayN: today.DayNumber()}
	first := v.todayN + 1
	ciDays := make([]int, len(h.CheckIns))
	for i, c := range h.CheckIns {
		d := c.Date.DayNumber()
		ciDays[i] = d
		if d >= oldest && d <= v.todayN && d < first {
			first = d
		}
	}
	runDays := make([]int, len(h.Runs))
	nRuns := 0
	for i, r := range h.Runs {
		d := r.Date.DayNumber()
		runDays[i] = d
		if d >= oldest && d <= v.todayN {
			nRuns++
			if d < first {
				first = d
			}
		}
	}
	v.first = first
	v.n = v.todayN - first + 1
	v.ci = make([]*CheckIn, v.n)
	v.loads = make([]float64, v.n)
	v.runs = make([]Run, 0, nRuns)
	v.runDays = make([]int, 0, nRuns)
	for i := range h.CheckIns {
		if j := ciDays[i] - first; j >= 0 && j < v.n {
			if v.ci[j] != nil {
				merged := v.ci[j].Merge(h.CheckIns[i])
				v.ci[j] = &merged
			} else {
				v.ci[j] = &h.CheckIns[i]
			}
		}
	}
	// Usually every run is in the window and the caller's slice can be
	// shared (read-only); otherwise copy the ones that are.
	if nRuns == len(h.Runs) {
		v.runs, v.runDays = h.Runs, runDays
	} else {
		v.runs = make([]Run, 0, nRuns)
		v.runDays = make([]int, 0, nRuns)
	}
	for i, r := range h.Runs {
		if j := runDays[i] - first; j >= 0 && j < v.n {
			v.loads[j] += SessionLoad(r)
			if nRuns != len(h.Runs) {
				v.runs = append(v.runs, r)
				v.runDays = append(v.runDays, runDays[i])
			}
		}
	}
	return v
}

// at returns the index of the day that is ago days before today, and whether
// it lies inside the view.
func (v *dayView) at(ago int) (int, bool) {
	i := v.n - 1 - ago
	return i, i >= 0 && i < v.n
}
