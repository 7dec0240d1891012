package domain

import (
	"fmt"
	"math"
)

// Conversion factors between SI and US units.
const (
	MetresPerMile = 1609.344
	KGPerPound    = 0.45359237
	MLPerFlOz     = 29.5735295625
)

// FormatDistance shows metres in the member's preferred unit, with the other unit after it.
func FormatDistance(metres float64, units string) string {
	km := metres / 1000
	mi := metres / MetresPerMile
	if units == UnitsMI {
		return fmt.Sprintf("%.1f mi (%.1f km)", mi, km)
	}
	return fmt.Sprintf("%.1f km (%.1f mi)", km, mi)
}

// FormatDistanceShort shows metres in the preferred unit only.
func FormatDistanceShort(metres float64, units string) string {
	if units == UnitsMI {
		return fmt.Sprintf("%.1f mi", metres/MetresPerMile)
	}
	return fmt.Sprintf("%.1f km", metres/1000)
}

// FormatWeight shows kilograms in the preferred unit (lb for mi users), with the other after it.
func FormatWeight(kg float64, units string) string {
	lb := kg / KGPerPound
	if units == UnitsMI {
		return fmt.Sprintf("%.0f lb (%.1f kg)", lb, kg)
	}
	return fmt.Sprintf("%.1f kg (%.0f lb)", kg, lb)
}

// FormatVolume shows millilitres in the preferred unit (fl oz for mi users), with the other after it.
func FormatVolume(ml float64, units string) string {
	oz := ml / MLPerFlOz
	var metric string
	if ml >= 1000 {
		metric = fmt.Sprintf("%.1f L", ml/1000)
	} else {
		metric = fmt.Sprintf("%.0f ml", math.Round(ml/10)*10)
	}
	if units == UnitsMI {
		return fmt.Sprintf("%.0f oz (%s)", oz, metric)
	}
	return fmt.Sprintf("%s (%.0f oz)", metric, oz)
}
