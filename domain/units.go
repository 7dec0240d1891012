package domain

// Conversion factors between SI and US units.
const (
	MetresPerMile = 1609.344
	KGPerPound    = 0.45359237
	MLPerFlOz     = 29.5735295625
)
