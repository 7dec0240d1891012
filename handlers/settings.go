package handlers

import (
	"context"
	"fmt"
	"strings"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
)

var settingsKeys = []string{"tz", "wake", "bed", "units", "weight", "prompts", "share", "winddown"}

// settings shows the member's settings, or changes the ones given. Every
// value is checked before any is stored, so a bad one changes nothing.
func (s *Service) settings(ctx context.Context, r *request) (bot.Reply, error) {
	if len(r.cmd.Positional) > 0 {
		return bot.Reply{}, invalid("Give settings as key:value, e.g. /settings tz:Europe/London wake:06:15. Valid keys: %s.", strings.Join(settingsKeys, ", "))
	}
	if err := unknownKeys(r.cmd.Args, settingsKeys); err != nil {
		return bot.Reply{}, err
	}
	m := r.member
	args := r.cmd.Args
	var err error
	// Units first, so that a bare weight in the same command reads in them.
	if v, ok := args["units"]; ok {
		switch u := strings.ToLower(v); u {
		case domain.UnitsKM, domain.UnitsMI:
			m.Units = u
		default:
			return bot.Reply{}, invalid("units must be km or mi, not %q.", clip(v))
		}
	}
	if v, ok := args["tz"]; ok {
		if m.TZ, err = ParseZone(v); err != nil {
			return bot.Reply{}, err
		}
	}
	if v, ok := args["wake"]; ok {
		if m.WakeMinute, err = ParseClock(v); err != nil {
			return bot.Reply{}, err
		}
	}
	if v, ok := args["bed"]; ok {
		if m.BedMinute, err = ParseClock(v); err != nil {
			return bot.Reply{}, err
		}
	}
	if v, ok := args["weight"]; ok {
		if m.WeightKG, err = ParseWeight(v, m.Units); err != nil {
			return bot.Reply{}, err
		}
	}
	if v, ok := args["prompts"]; ok {
		if m.PromptsOn, err = ParseOnOff("prompts", v); err != nil {
			return bot.Reply{}, err
		}
	}
	if v, ok := args["share"]; ok {
		if m.ShareWithCoach, err = ParseOnOff("share", v); err != nil {
			return bot.Reply{}, err
		}
	}
	if v, ok := args["winddown"]; ok {
		d, err := ParseDuration(v)
		if err != nil || d > domain.MaxWindDown {
			return bot.Reply{}, invalid("winddown is how long before bedtime the reminder comes, 1 to %d minutes, e.g. winddown:60m.", domain.MaxWindDownMinutes)
		}
		m.WindDownMinutes = int(d.Minutes())
	}
	if err := m.Validate(); err != nil {
		return bot.Reply{}, err
	}
	if len(args) == 0 {
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
