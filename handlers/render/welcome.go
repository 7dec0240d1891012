package render

import (
	"cmp"
	"fmt"

	"github.com/runclub/runclub/domain"
)

// Welcome answers /start: what runclub does, the member's settings, and how
// their data is kept.
func Welcome(m domain.Member) string {
	return fmt.Sprintf(`Hi %s, welcome to runclub.

Every morning at your wake time I ask how you slept and your resting heart rate; answer with one number or a few taps. Ask /readiness for today's verdict (train as planned, keep it easy, or rest), /fuel for a fuel and fluid plan, and /week for your own summary. In the evening I send a short wind-down reminder before your bedtime.

Your settings now: time zone %s, wake %s, bed %s, units %s.
Set yours, for example:
/settings tz:Europe/London wake:06:15 bed:22:30 units:km weight:64kg

Your data stays yours: it is never shown in a group, a coach sees it only if you send /settings share:on, /export gives you all of it and /forget deletes it.`,
		cmp.Or(m.Name, "runner"), m.TZ, domain.FormatClock(m.WakeMinute), domain.FormatClock(m.BedMinute), m.Units)
}
