package domain

import "time"

// Plausible paces of one logged run. A duration misread by a unit (1:30
// meant as 1 min 30 s, 4m meant as 4 h) shows as a pace no runner runs, so a
// pace faster than the world records is refused and one slower than a walk
// is stored only when the member confirms it.
//
// The limits are a little faster than the men's outdoor world records, so
// that no real run is refused (World Athletics records, as of 2024):
//   - up to 3 km, 2:15 min/km: the 1500 m record, 3:26.00 (El Guerrouj,
//     1998), is 2:17.3 min/km; the mile, 3:43.13, is 2:18.6; the 3000 m,
//     7:20.67 (Komen, 1996), is 2:26.9. The 800 m (1:40.91, Rudisha, 2012,
//     2:06.1 min/km) and the sprints are faster: a rep of 800 m or less at
//     that pace is refused, which a run log can afford.
//   - beyond 3 km, 2:30 min/km: the 5000 m record, 12:35.36 (Cheptegei,
//     2020), is 2:31.1 min/km; the 10,000 m, 26:11.00, is 2:37.1; the
//     marathon, 2:00:35 (Kiptum, 2023), is 2:51.5.
//
// The slow limit, 20:00 min/km (32:11 min/mi), is slower than a brisk walk
// (about 10–12 min/km): slower than that is usually a duration typed in the
// wrong unit, though a hike or a long ultra with stops can be that slow.
const (
	// ShortRunMetres is the distance up to which FastestShortPace applies.
	ShortRunMetres = 3000
	// FastestShortPace and FastestLongPace are the fastest paces accepted,
	// per kilometre, up to and beyond ShortRunMetres.
	FastestShortPace = 2*time.Minute + 15*time.Second
	FastestLongPace  = 2*time.Minute + 30*time.Second
	// SlowestPace is the slowest pace stored without the member's confirmation.
	SlowestPace = 20 * time.Minute
)

// PaceCheck says whether a run's pace is one a runner runs.
type PaceCheck int

// The outcomes of CheckPace.
const (
	PacePlausible PaceCheck = iota
	// PaceTooFast is faster than the world records: refused.
	PaceTooFast
	// PaceTooSlow is slower than SlowestPace: stored once confirmed.
	PaceTooSlow
)

// PacePerKM is the time a run took per kilometre; zero for no distance.
func PacePerKM(metres float64, d time.Duration) time.Duration {
	if metres <= 0 {
		return 0
	}
	return time.Duration(float64(d) * 1000 / metres)
}

// FastestPace is the fastest pace per kilometre accepted over metres.
func FastestPace(metres float64) time.Duration {
	if metres <= ShortRunMetres {
		return FastestShortPace
	}
	return FastestLongPace
}

// CheckPace tells whether metres in d is a pace a runner runs.
func CheckPace(metres float64, d time.Duration) PaceCheck {
	p := PacePerKM(metres, d)
	switch {
	case p < FastestPace(metres):
		return PaceTooFast
	case p > SlowestPace:
		return PaceTooSlow
	}
	return PacePlausible
}

// Pace is the run's pace per kilometre.
func (r Run) Pace() time.Duration { return PacePerKM(r.Metres, r.Duration) }

// SameAs reports whether r and o record the same session: the same date,
// distance to the metre, duration to the second, RPE and type. A run sent
// twice within a few minutes is one run, not two.
func (r Run) SameAs(o Run) bool {
	return r.Date == o.Date && int64(r.Metres+0.5) == int64(o.Metres+0.5) &&
		r.Duration.Round(time.Second) == o.Duration.Round(time.Second) && r.RPE == o.RPE && r.Type == o.Type
}

// DuplicateWindow is how recently an identical run must have been logged
// for a new one to be taken as the same message sent twice.
const DuplicateWindow = 10 * time.Minute
