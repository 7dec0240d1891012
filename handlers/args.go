package handlers

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/handlers/render"
)

// The value parsers below turn the text of one argument into a value, or a
// domain EINVALID error whose message says what was wrong and what is valid.
// Every platform goes through them, so a value means the same everywhere.

// invalid builds the EINVALID error every parser returns, with the words
// render chose for it.
func invalid(words string) error {
	return &domain.Error{Code: domain.EINVALID, Message: words}
}

// ParseDate reads "today", "yesterday" or YYYY-MM-DD relative to the member's
// local today, and refuses the future and anything older than 365 days.
func ParseDate(s string, today domain.Date) (domain.Date, error) {
	var d domain.Date
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "today":
		d = today
	case "yesterday":
		d = today.AddDays(-1)
	case "tomorrow":
		return domain.Date{}, invalid(render.Tomorrow)
	default:
		t, err := time.Parse(time.DateOnly, strings.TrimSpace(s))
		if err != nil {
			return domain.Date{}, invalid(render.BadDate(s, today.AddDays(-1)))
		}
		d = domain.DateOf(t)
	}
	if err := domain.ValidateEntryDate(d, today); err != nil {
		return domain.Date{}, err
	}
	return d, nil
}

// ParseDistance reads 10mi, 16.1km, 5000m or a bare number in the member's units.
func ParseDistance(s, units string) (float64, error) {
	bare := 1000.0
	if units == domain.UnitsMI {
		bare = domain.MetresPerMile
	}
	metres, err := parseWithUnit(s, bare, distanceUnits)
	if err != nil {
		return 0, invalid(render.BadDistance(s))
	}
	if metres <= 0 || metres > domain.MaxRunMetres {
		return 0, invalid(render.DistanceOutside(s))
	}
	return metres, nil
}

// ParseWeight reads 68kg, 150lb or a bare number in the member's units (kg for
// km users, lb for mi users) and returns kilograms.
func ParseWeight(s, units string) (float64, error) {
	bare := 1.0
	if units == domain.UnitsMI {
		bare = domain.KGPerPound
	}
	kg, err := parseWithUnit(s, bare, weightUnits)
	if err != nil {
		return 0, invalid(render.BadWeight(s))
	}
	if kg < domain.MinWeightKG || kg > domain.MaxWeightKG {
		return 0, invalid(render.WeightOutside(s))
	}
	return kg, nil
}

// unit is a suffix and what one of it is worth in SI.
type unit struct {
	suffix string
	si     float64
}

// Longer suffixes first, so that "miles" is not read as "mile" + "s".
var (
	distanceUnits = []unit{{"miles", domain.MetresPerMile}, {"mile", domain.MetresPerMile}, {"mi", domain.MetresPerMile}, {"km", 1000}, {"k", 1000}, {"m", 1}}
	weightUnits   = []unit{{"kgs", 1}, {"kg", 1}, {"lbs", domain.KGPerPound}, {"lb", domain.KGPerPound}}
)

// parseWithUnit reads a number with an optional unit suffix and returns it in
// SI; a bare number is worth bare.
func parseWithUnit(s string, bare float64, units []unit) (float64, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	factor := bare
	for _, u := range units {
		if strings.HasSuffix(t, u.suffix) {
			t, factor = strings.TrimSuffix(t, u.suffix), u.si
			break
		}
	}
	v, err := parseNumber(strings.TrimSpace(t))
	if err != nil {
		return 0, err
	}
	return v * factor, nil
}

// ParseClock reads a 24-hour time such as 06:30 or 6:30 and returns minutes after midnight.
func ParseClock(s string) (int, error) {
	bad := invalid(render.BadClock(s))
	h, m, ok := strings.Cut(strings.TrimSpace(s), ":")
	if !ok || len(h) < 1 || len(h) > 2 || len(m) != 2 {
		return 0, bad
	}
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if err1 != nil || err2 != nil || hh < 0 || hh > 23 || mm < 0 || mm > 59 || h[0] == '+' || h[0] == '-' || m[0] == '+' || m[0] == '-' {
		return 0, bad
	}
	return hh*60 + mm, nil
}

// ParseZone checks an IANA time zone name such as Europe/London.
func ParseZone(s string) (string, error) {
	s = strings.TrimSpace(s)
	bad := invalid(render.BadZone(s))
	if !domain.ValidZone(s) {
		return "", bad
	}
	return s, nil
}

// ParseInt reads a whole number for the named input and checks it against lo..hi.
func ParseInt(name, s string, lo, hi int) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return 0, invalid(render.NotWholeNumber(name, s, lo, hi))
	}
	if n < lo || n > hi {
		return 0, invalid(render.IntOutside(name, n, lo, hi))
	}
	return n, nil
}

// ParseFloat reads a number for the named input and checks it against lo..hi.
func ParseFloat(name, s string, lo, hi float64) (float64, error) {
	f, err := parseNumber(strings.TrimSpace(s))
	if err != nil {
		return 0, invalid(render.NotNumber(name, s, lo, hi))
	}
	if f < lo || f > hi {
		return 0, invalid(render.NumberOutside(name, f, lo, hi))
	}
	return f, nil
}

// parseNumber accepts a plain decimal (a comma as decimal separator too) and
// refuses NaN, infinities, hex and exponents that strconv would allow.
func parseNumber(s string) (float64, error) {
	s = strings.Replace(s, ",", ".", 1)
	if s == "" || strings.ContainsAny(s, "xXpPeEiInN_") {
		return 0, strconv.ErrSyntax
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, strconv.ErrSyntax
	}
	return f, nil
}
