package render

import (
	"fmt"

	"github.com/runclub/runclub/domain"
)

// Settings shows the member's settings and how to change them; windDown is
// the wind-down in effect (the default when they set none).
func Settings(m domain.Member, windDown int) string {
	return "Your settings:\n" + describeSettings(m, windDown) +
		"\n\nChange any of them, e.g. /settings tz:Europe/London wake:06:15 bed:22:30 units:km weight:64kg prompts:on share:off"
}

// SettingsSaved confirms changed settings with all of them as they are now.
func SettingsSaved(m domain.Member, windDown int) string {
	return "Saved. Your settings now:\n" + describeSettings(m, windDown)
}

func describeSettings(m domain.Member, windDown int) string {
	weight := "not set (needed for /fuel)"
	if m.WeightKG > 0 {
		weight = FormatWeight(m.WeightKG, m.Units)
	}
	return fmt.Sprintf("time zone %s\nwake %s, bed %s (wind-down reminder %d min before)\nunits %s\nweight %s\nmorning and bedtime messages %s\nshare with coaches %s",
		m.TZ, domain.FormatClock(m.WakeMinute), domain.FormatClock(m.BedMinute), windDown, m.Units, weight, onOff(m.PromptsOn), onOff(m.ShareWithCoach))
}
