package handlers_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"slices"
	"testing"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/handlers"
	"github.com/runclub/runclub/handlers/chart"
)

// decodePNG decodes a reply's picture, failing the test if it is none.
func decodePNG(t *testing.T, r bot.Reply) image.Image {
	t.Helper()
	r = resolved(t, r)
	if r.Image == nil || r.Image.MIME != "image/png" {
		t.Fatalf("reply has no PNG: %s", fileName(r.Image))
	}
	img, err := png.Decode(bytes.NewReader(r.Image.Data))
	if err != nil {
		t.Fatalf("the picture does not decode: %v", err)
	}
	return img
}

// seedEightWeeks gives the console member 56 mornings (resting HR 50, HRV
// 65 ms, 8 h of sleep) and 56 runs of 10 km in 50 minutes at RPE 5.
func seedEightWeeks(t *testing.T, e *env) domain.Member {
	t.Helper()
	e.say("/start")
	m := e.member()
	for ago := 55; ago >= 0; ago-- {
		checkInOn(t, e, m.ID, ago, domain.CheckIn{RHR: domain.Ptr(50 + ago%3), HRV: domain.Ptr(65.0), SleepHours: domain.Ptr(8.0)})
	}
	seedRuns(t, e, m.ID, 55, 0, 10000, 50, 5)
	return m
}

func TestTrendAfterEightWeeksIsAPictureAndLinesNamingTheBaseline(t *testing.T) {
	tests := []struct {
		name    string
		command string
		units   string
		want    []string
	}{
		{name: "default eight weeks", command: "/trend", units: "km", want: []string{
			"Your last 8 weeks, 26 Sep – 20 Nov 2026: resting HR 50 bpm on 20 Nov, against your baseline of 51 bpm",
			"bands at +5 and +10 bpm",
			"HRV 7-day mean 65 ms",
			"sleep 8.0 h a night over 56 nights, against the 8–10 h band",
			"Load: 560.0 km in 56 runs; 7-day mean 250 a day (RPE × minutes); load ratio 1.00, sweet spot"}},
		{name: "two weeks in miles", command: "/trend 2", units: "mi", want: []string{
			"Your last 2 weeks, 7 Nov – 20 Nov 2026:", "Load: 87.0 mi in 14 runs"}},
		{name: "as many weeks as allowed", command: "/trend weeks:26", units: "km", want: []string{
			"Your last 26 weeks, 23 May – 20 Nov 2026:", "560.0 km in 56 runs"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			seedEightWeeks(t, e)
			e.say("/settings units:" + tt.units)
			r := e.say(tt.command)
			if !r.Private {
				t.Error("a trend is personal: private")
			}
			wantContains(t, r.Text, tt.want...)
			if n := len(bytes.Split([]byte(r.Text), []byte("\n"))); n < 2 || n > 3 {
				t.Errorf("%d lines beside the picture, want 2 or 3:\n%s", n, r.Text)
			}
			img := decodePNG(t, r)
			if b := img.Bounds(); b.Dx() < 1000 || b.Dy() < 1000 {
				t.Errorf("picture %v, want at least 1000 px wide for a phone", b)
			}
			if r.Image.Name != "runclub-trend-2026-11-20.png" {
				t.Errorf("file name %q, want the member's local date", r.Image.Name)
			}
		})
	}
}

func TestTrendDatesAreTheMembersOwn(t *testing.T) {
	e := newEnv(t)
	seedEightWeeks(t, e)
	// 06:40 UTC on 20 Nov is still 19 Nov in Los Angeles.
	e.say("/settings tz:America/Los_Angeles")
	r := e.say("/trend 1")
	wantContains(t, r.Text, "Your last 1 week, 13 Nov – 19 Nov 2026:")
	if r.Image == nil || r.Image.Name != "runclub-trend-2026-11-19.png" {
		t.Errorf("picture %s, want the Los Angeles date in its name", fileName(r.Image))
	}
}

func TestTrendWithTooLittleDataSaysWhatIsMissingAndDrawsNothing(t *testing.T) {
	tests := []struct {
		name  string
		setup []string
		want  []string
	}{
		{name: "nothing yet", want: []string{"Too little to draw yet: 0 days with a check-in or a rated run in your last 8 weeks", "I need 3", "/checkin"}},
		{name: "two mornings", setup: []string{"/checkin rhr:52 date:yesterday", "/checkin rhr:51"},
			want: []string{"Too little to draw yet: 2 days with a check-in or a rated run"}},
		{name: "a run without an RPE is no load", setup: []string{"/checkin sleep:7", "/run 10km 50m date:yesterday", "/run 5km 25m"},
			want: []string{"1 day with a check-in or a rated run"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			e.say("/start")
			for _, s := range tt.setup {
				e.say(s)
			}
			r := e.say("/trend")
			wantContains(t, r.Text, tt.want...)
			if r.Image != nil {
				t.Errorf("a picture with too little data: %s", fileName(r.Image))
			}
		})
	}
}

func TestTrendNamesThePanelsItLeavesOut(t *testing.T) {
	e := newEnv(t)
	e.say("/start")
	m := e.member()
	for ago := 9; ago >= 0; ago-- {
		checkInOn(t, e, m.ID, ago, domain.CheckIn{RHR: domain.Ptr(52)})
	}
	r := e.say("/trend")
	wantContains(t, r.Text, "against your baseline of 52 bpm", "Not drawn: HRV (no reading", "sleep (no night logged)", "load (no run with an rpe)")
	decodePNG(t, r)
}

func TestTrendBadInputSaysWhatIsValid(t *testing.T) {
	e := newEnv(t)
	e.say("/start")
	for _, tt := range []struct{ command, want string }{
		{"/trend 27", "Weeks 27 is out of range: use 1 to 26."},
		{"/trend 0", "out of range: use 1 to 26"},
		{"/trend many", `Weeks must be a whole number from 1 to 26, not "many".`},
		{"/trend 2.5", "whole number from 1 to 26"},
	} {
		r := e.say(tt.command)
		wantContains(t, r.Text, tt.want)
		if r.Image != nil {
			t.Errorf("%s drew a picture", tt.command)
		}
	}
}

func TestWeeklySummaryCarriesTheLastEightWeeks(t *testing.T) {
	e := newEnv(t)
	m := seedEightWeeks(t, e)
	end := domain.DateOf(e.now)
	r, err := e.svc.WeekReply(context.Background(), m, end)
	if err != nil {
		t.Fatal(err)
	}
	wantContains(t, r.Text, "Your week,", "The picture shows your last 8 weeks")
	if r.Image == nil || r.Image.Data != nil || r.Image.Draw == nil {
		t.Fatalf("picture %s, want one drawn when sent", fileName(r.Image))
	}
	if b := decodePNG(t, r).Bounds(); b.Dx() < 1000 {
		t.Errorf("picture %v, want at least 1000 px wide", b)
	}
	// The same picture as /trend's eight weeks on that day.
	trend := e.say("/trend")
	if got := resolved(t, r).Image.Data; !bytes.Equal(got, trend.Image.Data) {
		t.Error("the weekly picture is not /trend's eight weeks")
	}
	if r.Image.Name != "runclub-week-2026-11-20.png" {
		t.Errorf("file name %q", r.Image.Name)
	}

	e2 := newEnv(t)
	e2.say("/start")
	e2.say("/checkin rhr:50")
	empty, err := e2.svc.WeekReply(context.Background(), e2.member(), end)
	if err != nil {
		t.Fatal(err)
	}
	if empty.Image != nil || bytes.Contains([]byte(empty.Text), []byte("The picture")) {
		t.Errorf("a week with one check-in promises a picture: %s", fileName(empty.Image))
	}
}

// gridNames are the row names of a club grid.
func gridNames(g chart.Grid) []string {
	var out []string
	for _, r := range g.Rows {
		out = append(out, r.Name)
	}
	return out
}

func TestCoachPictureHoldsOnlyMembersWhoShare(t *testing.T) {
	for _, share := range []bool{true, false} {
		t.Run(map[bool]string{true: "Ann shares", false: "Ann does not share"}[share], func(t *testing.T) {
			ctx := context.Background()
			e := newEnv(t)
			privacyClub(t, e, share, false)
			c, err := e.db.ClubByChat(ctx, domain.PlatformTelegram, "-100")
			if err != nil {
				t.Fatal(err)
			}
			roster, _ := e.db.Roster(ctx, c.ID)
			var everyone []int64
			for _, r := range roster {
				everyone = append(everyone, r.Member.ID)
			}
			end := domain.DateOf(e.now)
			// Asked for everyone, the grid still holds only those who share.
			grid, err := e.svc.ClubGrid(ctx, c, everyone, end)
			if err != nil {
				t.Fatal(err)
			}
			wantRows := map[bool][]string{true: {"Ann"}, false: nil}[share]
			wantNotSharing := map[bool]int{true: 1, false: 2}[share]
			if !slices.Equal(gridNames(grid), wantRows) || grid.NotSharing != wantNotSharing {
				t.Fatalf("grid rows %v, %d not sharing; want %v, %d", gridNames(grid), grid.NotSharing, wantRows, wantNotSharing)
			}
			if share && grid.Rows[0].Days[13] != domain.VerdictRed {
				t.Errorf("Ann's last day is %v, want red", grid.Rows[0].Days[13])
			}

			kim := bot.Command{UserID: "1", UserName: "Kim", ChatID: "1", Private: true}
			summary := e.sayAs(withText(kim, "/summary"))
			_, coaches, err := handlers.Scheduled{Service: e.svc}.ClubWeekly(ctx, c, roster, end)
			if err != nil {
				t.Fatal(err)
			}
			kimID := roster[slices.IndexFunc(roster, func(r domain.RosterEntry) bool { return r.Member.Name == "Kim" })].Member.ID
			for what, r := range map[string]bot.Reply{"/summary": summary, "the weekly summary": coaches[kimID]} {
				r = resolved(t, r)
				if !share {
					if r.Image != nil {
						t.Errorf("%s: a picture with no member who shares", what)
					}
					continue
				}
				want, err := chart.ClubGrid(grid)
				if err != nil {
					t.Fatal(err)
				}
				if r.Image == nil || !bytes.Equal(r.Image.Data, want) {
					t.Errorf("%s: the coach's picture is not the grid of the members who share", what)
				}
				wantContains(t, r.Text, "The picture shows the 1 member who shares", "The 1 member who does not share is not in it.")
			}
		})
	}
}

func TestMemberWhoStopsSharingAfterTheSummaryIsInNoPicture(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	privacyClub(t, e, true, false)
	kim := bot.Command{UserID: "1", UserName: "Kim", ChatID: "1", Private: true}
	summary := e.sayAs(withText(kim, "/summary"))
	if summary.Image == nil {
		t.Fatal("no picture while Ann shares")
	}
	// Ann stops sharing between the summary's text and its sending.
	e.sayAs(bot.Command{UserID: "2", UserName: "Ann", ChatID: "2", Private: true, Text: "/settings share:off"})
	if r, err := summary.Resolve(ctx); err != nil || r.Image != nil {
		t.Errorf("picture drawn after Ann stopped sharing: %s, %v", fileName(r.Image), err)
	}
}

func withText(c bot.Command, text string) bot.Command {
	c.Text = text
	return c
}

// fileName names a file for a failure message, without its bytes.
func fileName(f *bot.File) string {
	if f == nil {
		return "none"
	}
	return fmt.Sprintf("%s (%d bytes, drawn when sent: %v)", f.Name, len(f.Data), f.Draw != nil)
}
