package render

import (
	"strings"
	"testing"
	"time"

	"github.com/runclub/runclub/domain"
)

// Each run type reads as English in the run's line: "an intervals run"
// and "an other run" did not.
func TestRunKindReadsForEveryType(t *testing.T) {
	want := map[string]string{"": "a run", "easy": "an easy run", "long": "a long run", "tempo": "a tempo run",
		"intervals": "an interval session", "race": "a race", "recovery": "a recovery run", "other": "a run"}
	for _, typ := range domain.RunTypes {
		if _, ok := want[typ]; !ok {
			t.Errorf("run type %q has no expected wording", typ)
		}
	}
	for typ, w := range want {
		run := domain.Run{Number: 1, Date: today, Metres: 10000, Duration: 50 * time.Minute, Type: typ}
		if got := RunLogged(run, domain.UnitsKM, today); !strings.HasPrefix(got, "Logged run 1, "+w+" for today:") {
			t.Errorf("type %q: %q, want it to start %q", typ, got, "Logged run 1, "+w+" for today:")
		}
	}
}
