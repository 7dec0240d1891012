package render

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/runclub/runclub/domain"
)

// FormatDistance shows metres in the member's preferred unit, with the other unit after it.
func FormatDistance(metres float64, units string) string {
	km := metres / 1000
	mi := metres / domain.MetresPerMile
	if units == domain.UnitsMI {
		return fmt.Sprintf("%.1f mi (%.1f km)", mi, km)
	}
	return fmt.Sprintf("%.1f km (%.1f mi)", km, mi)
}

// FormatDistanceShort shows metres in the preferred unit only.
func FormatDistanceShort(metres float64, units string) string {
	if units == domain.UnitsMI {
		return fmt.Sprintf("%.1f mi", metres/domain.MetresPerMile)
	}
	return fmt.Sprintf("%.1f km", metres/1000)
}

// FormatWeight shows kilograms in the preferred unit (lb for mi users), with the other after it.
func FormatWeight(kg float64, units string) string {
	lb := kg / domain.KGPerPound
	if units == domain.UnitsMI {
		return fmt.Sprintf("%.0f lb (%.1f kg)", lb, kg)
	}
	return fmt.Sprintf("%.1f kg (%.0f lb)", kg, lb)
}

// FormatVolume shows millilitres in the preferred unit (fl oz for mi users), with the other after it.
func FormatVolume(ml float64, units string) string {
	oz := ml / domain.MLPerFlOz
	var metric string
	if ml >= 1000 {
		metric = fmt.Sprintf("%.1f L", ml/1000)
	} else {
		metric = fmt.Sprintf("%.0f ml", math.Round(ml/10)*10)
	}
	if units == domain.UnitsMI {
		return fmt.Sprintf("%.0f oz (%s)", oz, metric)
	}
	return fmt.Sprintf("%s (%.0f oz)", metric, oz)
}

// volumeRange shows a millilitre range in the member's units first, the other after.
func volumeRange(r domain.Range, units string) string {
	ml := rangeText(r, "%.0f") + " ml"
	oz := rangeText(domain.Range{Lo: r.Lo / domain.MLPerFlOz, Hi: r.Hi / domain.MLPerFlOz}, "%.0f") + " oz"
	if units == domain.UnitsMI {
		return oz + " (" + ml + ")"
	}
	return ml + " (" + oz + ")"
}

// grams shows a range of grams, "70–280 g".
func grams(r domain.Range) string { return rangeText(r, "%.0f") + " g" }

// rangeText shows lo–hi in format, or one number when both ends read the same.
func rangeText(r domain.Range, format string) string {
	lo, hi := fmt.Sprintf(format, r.Lo), fmt.Sprintf(format, r.Hi)
	if lo == hi {
		return lo
	}
	return lo + "–" + hi
}

// hoursMinutes shows minutes as "11:12 h".
func hoursMinutes(m float64) string {
	t := int(math.Round(m))
	return fmt.Sprintf("%d:%02d h", t/60, t%60)
}

// clockDuration shows 1:22:00 or 45:30.
func clockDuration(d time.Duration) string {
	sec := int(d.Round(time.Second).Seconds())
	if sec >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", sec/3600, sec/60%60, sec%60)
	}
	return fmt.Sprintf("%d:%02d", sec/60, sec%60)
}

// durationWords says a duration the way a runner reads it: "1 h 30 min",
// "45 min", "4 h".
func durationWords(d time.Duration) string {
	d = d.Round(time.Second)
	h, m, sec := int(d.Hours()), int(d.Minutes())%60, int(d.Seconds())%60
	var parts []string
	if h > 0 {
		parts = append(parts, fmt.Sprintf("%d h", h))
	}
	if m > 0 || (h == 0 && sec == 0) {
		parts = append(parts, fmt.Sprintf("%d min", m))
	}
	if sec > 0 {
		parts = append(parts, fmt.Sprintf("%d s", sec))
	}
	return strings.Join(parts, " ")
}

// minutesWords is DurationWords of a number of minutes.
func minutesWords(minutes float64) string {
	return durationWords(time.Duration(minutes * float64(time.Minute)))
}

// tenths shows x to one decimal place without a trailing ".0": 6.5, 7.
func tenths(x float64) string { return fmt.Sprintf("%g", math.Round(x*10)/10) }
