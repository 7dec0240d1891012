package render

import (
	"fmt"

	"github.com/runclub/runclub/domain"
)

// AwayOutside refuses a last day away before today or too far ahead.
func AwayOutside(from, to domain.Date) string {
	return fmt.Sprintf("The last day away must be from today (%s) to %s, %d days at most, e.g. /away 3 ill or /away until:%s travel.",
		from, to, domain.MaxAwayDays, from.AddDays(6))
}
