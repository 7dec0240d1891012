package render

import (
	"fmt"

	"github.com/runclub/runclub/domain"
)

// RunLogged confirms a logged run, with its load when it has an RPE.
func RunLogged(run domain.Run, units string, today domain.Date) string {
	kind := "a run"
	if run.Type != "" {
		kind = article(run.Type) + " " + run.Type + " run"
	}
	text := fmt.Sprintf("Logged %s for %s: %s in %s", kind, dayLabel(run.Date, today),
		FormatDistance(run.Metres, units), clockDuration(run.Duration))
	if run.RPE > 0 {
		text += fmt.Sprintf(" at RPE %d (load %d).", run.RPE, run.RPE*int(run.Duration.Minutes()+0.5))
	} else {
		text += ". Add rpe:1-10 next time (how hard the whole session felt) so I can track your training load."
	}
	return text
}
