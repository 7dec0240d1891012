package domain

// ACWR is a rolling acute:chronic workload ratio (Gabbett 2016).
type ACWR struct {
	// Acute is the mean daily load of the last 7 days; Chronic that of the
	// last 28 days (coupled) or of days t-27..t-7 (uncoupled).
	Acute, Chronic, Ratio float64
	Coupled               bool
	// Days is how many days of history there were; Building is true below ACWRDays.
	Days     int
	Building bool
	// Defined is false when the chronic load is 0 and no ratio exists.
	Defined bool
}

// Zone is where the ratio lies (Gabbett 2016).
func (a ACWR) Zone() LoadZone { return LoadZoneOf(a.Ratio) }

// RollingACWR computes the ratio for the last day of loads, where loads holds
// one value per day of the member's history, oldest first. runclub reports
// the uncoupled ratio by default, since the coupled one counts the acute week
// in both terms.
func RollingACWR(loads []float64, coupled bool) ACWR {
	a := ACWR{Coupled: coupled, Days: len(loads)}
	if len(loads) < ACWRDays {
		a.Building = true
		if len(loads) >= 7 {
			a.Acute = mean(loads[len(loads)-7:])
		}
		return a
	}
	n := len(loads)
	a.Acute = mean(loads[n-7:])
	if coupled {
		a.Chronic = mean(loads[n-28:])
	} else {
		a.Chronic = mean(loads[n-28 : n-7])
	}
	if a.Chronic > 0 {
		a.Defined = true
		a.Ratio = a.Acute / a.Chronic
	}
	return a
}

// ACWRSeries returns the rolling ratio for every day of loads (0 where it is
// not defined yet). It keeps running sums instead of re-adding each window,
// which is what makes a chart of a year cheap; tests check it against RollingACWR.
func ACWRSeries(loads []float64, coupled bool) []float64 {
	out := make([]float64, len(loads))
	acute := rollingSums(loads, 7)
	long := rollingSums(loads, 28)
	for i := ACWRDays - 1; i < len(loads); i++ {
		out[i], _ = acwrAt(acute, long, i, coupled)
	}
	return out
}

// acwrAt is the rolling ratio on day i from the running 7- and 28-day sums
// ending there; ok is false while it is building or has no chronic load. A
// chronic mean under 1e-9 AU is the running sums' rounding, not load.
func acwrAt(acute, long []float64, i int, coupled bool) (ratio float64, ok bool) {
	if i < ACWRDays-1 {
		return 0, false
	}
	chronic := long[i] / 28
	if !coupled {
		chronic = (long[i] - acute[i]) / 21
	}
	if chronic < 1e-9 {
		return 0, false
	}
	return (acute[i] / 7) / chronic, true
}

// rollingSums returns, for each i, the sum of xs[i-w+1..i] (fewer at the start).
func rollingSums(xs []float64, w int) []float64 {
	out := make([]float64, len(xs))
	s := 0.0
	for i, x := range xs {
		s += x
		if i >= w {
			s -= xs[i-w]
		}
		out[i] = s
	}
	return out
}

// EWMALambda is the decay 2/(N+1) of Williams et al. (2017): 0.25 for N = 7.
func EWMALambda(n int) float64 { return 2 / float64(n+1) }

// EWMA is the exponentially weighted moving average of loads with N-day
// decay, seeded with the first day's load: E_t = λ·L_t + (1-λ)·E_{t-1}.
func EWMA(loads []float64, n int) float64 {
	if len(loads) == 0 {
		return 0
	}
	l := EWMALambda(n)
	e := loads[0]
	for _, x := range loads[1:] {
		e = l*x + (1-l)*e
	}
	return e
}

// EWMARatio is the EWMA acute:chronic ratio (acute N = 7, chronic N = 28).
type EWMARatio struct {
	Acute, Chronic, Ratio float64
	Days                  int
	// Building is true below ACWRDays of history: the chronic average is still
	// mostly its seed.
	Building bool
	Defined  bool
}

// EWMAACWR computes the EWMA ratio for the last day of loads (one per day, oldest first).
func EWMAACWR(loads []float64) EWMARatio {
	r := EWMARatio{Days: len(loads), Building: len(loads) < ACWRDays}
	if len(loads) == 0 {
		return r
	}
	r.Acute, r.Chronic = EWMA(loads, 7), EWMA(loads, 28)
	if r.Chronic > 0 {
		r.Defined = true
		r.Ratio = r.Acute / r.Chronic
	}
	return r
}
