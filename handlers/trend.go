package handlers

import (
	"context"
	"errors"
	"fmt"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/handlers/chart"
	"github.com/runclub/runclub/handlers/render"
)

// /trend's window: eight weeks unless asked, half a year at most; the weekly
// summary's picture is the default window.
const (
	trendDefaultWeeks = 8
	trendMaxWeeks     = 26
)

// trendMinDays is how many days of the window need a check-in or a rated
// run before there is a picture: fewer is a few dots on empty axes, which
// says less than the sentence about what is missing.
const trendMinDays = 3

// trendLookback is how far before a trend's first day its history is read:
// as far as /readiness reads before its day (the HRV baseline looks back 60
// days, the resting HR one 28 mornings, however spread), so that each day of
// the picture has the baseline /readiness gave that day.
const trendLookback = HistoryDays

// trend answers /trend [weeks]: the member's last weeks as a picture and the
// lines that say what it shows.
func (s *Service) trend(ctx context.Context, r *request) (bot.Reply, error) {
	weeks := trendDefaultWeeks
	if n, ok := r.args.int("weeks"); ok {
		weeks = n
	}
	p, err := s.trendPicture(ctx, r.member, r.today(), weeks)
	if err != nil {
		return bot.Reply{}, err
	}
	if p.png == nil {
		return bot.Reply{Text: render.TrendTooLittle(p.trend, weeks, p.days, trendMinDays), Private: true}, nil
	}
	return bot.Reply{Text: render.Trend(p.trend, p.facts, unitsOf(r.member)), Private: true,
		Image: &bot.File{Name: TrendFileName(r.today()), MIME: "image/png", Data: p.png}}, nil
}

// TrendFileName is the /trend picture's file name, by the member's local date.
func TrendFileName(d domain.Date) string { return "runclub-trend-" + d.String() + ".png" }

// WeekFileName is the weekly summary's picture's file name, by the week's last day.
func WeekFileName(end domain.Date) string { return "runclub-week-" + end.String() + ".png" }

// trendPic is a trend, drawn when there is enough to draw.
type trendPic struct {
	trend domain.Trend
	facts render.TrendFacts
	// days counts the window's days with a check-in value or a rated run.
	days int
	// png is nil when days is under trendMinDays.
	png []byte
}

// trendPicture reads the member's history for the weeks ending end and
// draws them when there is enough.
func (s *Service) trendPicture(ctx context.Context, m domain.Member, end domain.Date, weeks int) (trendPic, error) {
	from := end.AddDays(-(weeks*7 - 1))
	h, err := s.historyFrom(ctx, m.ID, from.AddDays(-trendLookback), end)
	if err != nil {
		return trendPic{}, err
	}
	p := trendPic{trend: domain.ComputeTrend(h, from, end), facts: render.TrendFacts{Weeks: weeks}}
	for _, run := range h.Runs {
		if !run.Date.Before(from) && !run.Date.After(end) {
			p.facts.Metres += run.Metres
			p.facts.Runs++
		}
	}
	p.days = daysWithData(p.trend)
	if p.days < trendMinDays {
		return p, nil
	}
	release, err := s.drawSlot(ctx)
	if err != nil {
		return trendPic{}, err
	}
	defer release()
	p.png, err = chart.Trend(p.trend)
	if errors.Is(err, chart.ErrNothingToDraw) {
		return p, nil
	}
	if err != nil {
		return trendPic{}, fmt.Errorf("draw the trend of member %d: %w", m.ID, err)
	}
	return p, nil
}

// drawSlot waits for a turn to draw a picture and returns its release.
// Drawing is CPU work holding two 1200-px-wide canvases (about 15 MB for a
// trend): the weekly fan-out has 32 sends in flight per platform, and more
// pictures at once than cores would only hold more canvases, not finish
// sooner.
func (s *Service) drawSlot(ctx context.Context) (release func(), err error) {
	if s.drawing == nil { // a Service not made by New
		return func() {}, nil
	}
	select {
	case s.drawing <- struct{}{}:
		return func() { <-s.drawing }, nil
	case <-ctx.Done():
		return nil, fmt.Errorf("wait for a turn to draw a picture: %w", ctx.Err())
	}
}

// daysWithData counts the trend's days that have a value to draw.
func daysWithData(t domain.Trend) int {
	n := 0
	for i := range t.Days() {
		if t.RHR[i].OK || t.HRV[i].OK || t.Sleep[i].OK || t.Load[i] > 0 {
			n++
		}
	}
	return n
}

// enoughForTrend reports, from a history already read, whether the weeks
// ending end have enough to draw: what the weekly run asks before it
// promises a picture it draws later.
func enoughForTrend(h domain.History, end domain.Date, weeks int) bool {
	from := end.AddDays(-(weeks*7 - 1))
	days := map[domain.Date]bool{}
	for _, c := range h.CheckIns {
		if !c.Date.Before(from) && !c.Date.After(end) && (c.RHR != nil || c.HRV != nil || c.SleepHours != nil) {
			days[c.Date] = true
		}
	}
	for _, r := range h.Runs {
		if !r.Date.Before(from) && !r.Date.After(end) && r.RPE > 0 && r.Duration > 0 {
			days[r.Date] = true
		}
	}
	return len(days) >= trendMinDays
}

// weekTrendFile is the weekly summary's picture of the member's last eight
// weeks, drawn when the message is sent: the weekly run only decides that
// there is one. It reads the history again then, rather than keeping every
// member's in memory until the paced queue reaches them.
func (s *Service) weekTrendFile(m domain.Member, end domain.Date) *bot.File {
	return &bot.File{Name: WeekFileName(end), MIME: "image/png", Draw: func(ctx context.Context) ([]byte, error) {
		p, err := s.trendPicture(ctx, m, end, trendDefaultWeeks)
		return p.png, err
	}}
}

// historyFrom loads the member's check-ins and runs from..to.
func (s *Service) historyFrom(ctx context.Context, memberID int64, from, to domain.Date) (domain.History, error) {
	cis, err := s.CheckIns.CheckIns(ctx, memberID, from, to)
	if err != nil {
		return domain.History{}, fmt.Errorf("load check-ins of member %d: %w", memberID, err)
	}
	runs, err := s.Runs.Runs(ctx, memberID, from, to)
	if err != nil {
		return domain.History{}, fmt.Errorf("load runs of member %d: %w", memberID, err)
	}
	return domain.History{CheckIns: cis, Runs: runs}, nil
}
