package handlers

import (
	"context"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/handlers/render"
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
	wind := m.WindDownMinutes
	if wind == 0 {
		wind = s.Defaults.WindDownMinutes
	}
	if a.count() == 0 {
		return bot.Reply{Text: render.Settings(m, wind)}, nil
	}
	if err := s.Members.UpdateMember(ctx, m); err != nil {
		return bot.Reply{}, err
	}
	return bot.Reply{Text: render.SettingsSaved(m, wind)}, nil
}
