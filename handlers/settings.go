package handlers

import (
	"context"
	"fmt"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
)

// settings shows the member's settings, or changes the ones given. The
// router checked every value before this runs, so a bad one changes nothing.
func (s *Service) settings(ctx context.Context, r *request) (bot.Reply, error) {
	m := r.member
	a := r.args
	if v, ok := a.text("units"); ok {
		m.Units = v
	}
	if v, ok := a.text("tz"); ok {
		m.TZ = v
	}
	if v, ok := a.int("wake"); ok {
		m.WakeMinute = v
	}
	if v, ok := a.int("bed"); ok {
		m.BedMinute = v
	}
	if v, ok := a.float("weight"); ok {
		m.WeightKG = v
	}
	if v, ok := a.text("prompts"); ok {
		m.PromptsOn = v == "on"
	}
	if v, ok := a.text("share"); ok {
		m.ShareWithCoach = v == "on"
	}
	if v, ok := a.duration("winddown"); ok {
		m.WindDownMinutes = int(v.Minutes())
	}
	if err := m.Validate(); err != nil {
		return bot.Reply{}, err
	}
	if a.count() == 0 {
		return bot.Reply{Text: "Your settings:\n" + describeSettings(m, s.Defaults) +
			"\n\nChange any of them, e.g. /settings tz:Europe/London wake:06:15 bed:22:30 units:km weight:64kg prompts:on share:off"}, nil
	}
	if err := s.Members.UpdateMember(ctx, m); err != nil {
		return bot.Reply{}, err
	}
	return bot.Reply{Text: "Saved. Your settings now:\n" + describeSettings(m, s.Defaults)}, nil
}

func describeSettings(m domain.Member, d Defaults) string {
	weight := "not set (needed for /fuel)"
	if m.WeightKG > 0 {
		weight = domain.FormatWeight(m.WeightKG, m.Units)
	}
	wind := m.WindDownMinutes
	if wind == 0 {
		wind = d.WindDownMinutes
	}
	onOff := func(b bool) string {
		if b {
			return "on"
		}
		return "off"
	}
	return fmt.Sprintf("time zone %s\nwake %s, bed %s (wind-down reminder %d min before)\nunits %s\nweight %s\nmorning and bedtime messages %s\nshare with coaches %s",
		m.TZ, domain.FormatClock(m.WakeMinute), domain.FormatClock(m.BedMinute), wind, m.Units, weight, onOff(m.PromptsOn), onOff(m.ShareWithCoach))
}
