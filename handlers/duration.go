package handlers

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/handlers/render"
)

// durationForm is how a duration was typed, which decides what else it
// could have meant.
type durationForm int

const (
	// formClock is h:mm ("1:30"): the form most often meant as m:ss.
	formClock durationForm = iota
	// formClockSeconds is h:mm:ss ("1:30:00").
	formClockSeconds
	// formMinutes is minutes alone: "82", "82m", "82min".
	formMinutes
	// formHours and formSeconds are hours or seconds alone: "4h", "90s".
	formHours
	formSeconds
	// formMixed is several units: "1h22", "1h 22m", "82m30s".
	formMixed
)

// ParseDuration reads the length of a run: 1:30 and 1:30:00 are h:mm and
// h:mm:ss (1 h 30 min); 82, 82m and 82min are minutes; 1h22, 1h22m,
// "1h 22m", 82m30s and 45m30s mix units; 1.5h and 90s are single units.
// It refuses anything under a minute or over 24 hours.
func ParseDuration(s string) (time.Duration, error) {
	d, form, err := readDuration(s)
	if err != nil {
		return 0, err
	}
	if d < time.Minute || d > domain.MaxRunDuration {
		if alt, text, ok := otherReading(s, false); ok && form == formClock && d > domain.MaxRunDuration {
			return 0, invalid(render.ClockTooLong(s, d, alt, text))
		}
		return 0, invalid(render.RunDurationOutside(s))
	}
	return d, nil
}

// readDuration parses s without checking its range.
func readDuration(s string) (time.Duration, durationForm, error) {
	bad := invalid(render.BadDuration(s))
	t := strings.ToLower(strings.Join(strings.Fields(s), ""))
	if t == "" || len(t) > 24 {
		return 0, 0, bad
	}
	if strings.Contains(t, ":") {
		d, form, ok := readClock(t)
		if !ok {
			return 0, 0, bad
		}
		return d, form, nil
	}
	if m, err := parseNumber(t); err == nil {
		if m < 0 || m > 1e6 {
			return 0, 0, bad
		}
		return time.Duration(m * float64(time.Minute)), formMinutes, nil
	}
	d, form, ok := readUnits(t)
	if !ok {
		return 0, 0, bad
	}
	return d, form, nil
}

// readClock reads h:mm or h:mm:ss; the parts after the first are two digits
// under 60.
func readClock(t string) (time.Duration, durationForm, bool) {
	parts := strings.Split(t, ":")
	if len(parts) > 3 {
		return 0, 0, false
	}
	nums := make([]int, len(parts))
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 || p[0] == '+' || len(p) > 6 || (i > 0 && (n >= 60 || len(p) != 2)) {
			return 0, 0, false
		}
		nums[i] = n
	}
	d := time.Duration(nums[0])*time.Hour + time.Duration(nums[1])*time.Minute
	if len(nums) == 3 {
		return d + time.Duration(nums[2])*time.Second, formClockSeconds, true
	}
	return d, formClock, true
}

// durationUnits are the unit words, longest first so that "mins" is not read
// as "m" followed by "ins".
var durationUnits = []struct {
	word string
	unit time.Duration
}{
	{"hours", time.Hour}, {"hour", time.Hour}, {"hrs", time.Hour}, {"hr", time.Hour}, {"h", time.Hour},
	{"minutes", time.Minute}, {"minute", time.Minute}, {"mins", time.Minute}, {"min", time.Minute}, {"m", time.Minute},
	{"seconds", time.Second}, {"second", time.Second}, {"secs", time.Second}, {"sec", time.Second}, {"s", time.Second},
}

// readUnits reads numbers with units in falling order, each unit once:
// "1h22m", "82m30s", "1.5h". A last number without a unit counts in the unit
// after the one before it ("1h22" is 1 h 22 min, "45m30" is 45 min 30 s).
func readUnits(t string) (time.Duration, durationForm, bool) {
	var total time.Duration
	var used []time.Duration
	last := time.Duration(0)
	for t != "" {
		i := 0
		for i < len(t) && (t[i] >= '0' && t[i] <= '9' || t[i] == '.') {
			i++
		}
		if i == 0 {
			return 0, 0, false
		}
		digits := t[:i]
		num, err := parseNumber(digits)
		if err != nil || num > 1e6 {
			return 0, 0, false
		}
		t = t[i:]
		unit := time.Duration(0)
		for _, u := range durationUnits {
			if strings.HasPrefix(t, u.word) {
				unit, t = u.unit, t[len(u.word):]
				break
			}
		}
		if unit == 0 {
			if t != "" || last == 0 || last == time.Second || strings.Contains(digits, ".") {
				return 0, 0, false
			}
			unit = last / 60
		}
		if last != 0 && unit >= last {
			return 0, 0, false
		}
		total += time.Duration(num * float64(unit))
		used = append(used, unit)
		last = unit
	}
	switch {
	case len(used) > 1:
		return total, formMixed, true
	case used[0] == time.Hour:
		return total, formHours, true
	case used[0] == time.Second:
		return total, formSeconds, true
	}
	return total, formMinutes, true
}

// otherReading is what s most likely meant if its unit was taken wrongly,
// and how to write that: slower asks for a longer reading (4m meant as 4 h),
// else a shorter one (1:30 meant as 1 min 30 s). ok is false when no other
// reading suggests itself.
func otherReading(s string, slower bool) (time.Duration, string, bool) {
	d, form, err := readDuration(s)
	if err != nil {
		return 0, "", false
	}
	var alt time.Duration
	var text string
	switch {
	case form == formClock && !slower:
		// h:mm meant as m:ss
		alt = d / 60
		m, sec := int(alt/time.Minute), int(alt%time.Minute/time.Second)
		text = fmt.Sprintf("%dm%02ds", m, sec)
		if sec == 0 {
			text = fmt.Sprintf("%dm", m)
		}
	case form == formMinutes && slower:
		alt = d * 60
		text = strconv.FormatFloat(d.Minutes(), 'f', -1, 64) + "h"
	case form == formHours && !slower:
		alt = d / 60
		text = strconv.FormatFloat(d.Hours(), 'f', -1, 64) + "m"
	case form == formSeconds && slower:
		alt = d * 60
		text = strconv.FormatFloat(d.Seconds(), 'f', -1, 64) + "m"
	default:
		return 0, "", false
	}
	if alt < time.Minute || alt > domain.MaxRunDuration {
		return 0, "", false
	}
	return alt, text, true
}

// durationWordCount is how many of words make up a duration that starts
// at words[0]: "1h 22m" arrives as two words, each with its unit.
func durationWordCount(words []string) int {
	n := 1
	for n < len(words) && endsWithUnit(words[n-1]) && isUnitGroup(words[n]) {
		n++
	}
	return n
}

func endsWithUnit(w string) bool {
	w = strings.ToLower(w)
	return w != "" && w[len(w)-1] >= 'a' && w[len(w)-1] <= 'z'
}

// isUnitGroup reports a word such as "22m" or "30s": digits and a unit.
func isUnitGroup(w string) bool {
	w = strings.ToLower(w)
	i := 0
	for i < len(w) && w[i] >= '0' && w[i] <= '9' {
		i++
	}
	if i == 0 || i == len(w) {
		return false
	}
	for _, u := range durationUnits {
		if w[i:] == u.word {
			return true
		}
	}
	return false
}
