package main

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/handlers/handlerstest"
)

// runDemo runs runclub demo with args on script in the test's own folder.
func runDemo(t *testing.T, script string, args ...string) (int, string) {
	t.Helper()
	var out strings.Builder
	code := run(context.Background(), append([]string{"demo"}, args...), []string{"RUNCLUB_LOG_LEVEL=error"}, strings.NewReader(script), &out, testWriter{t})
	return code, out.String()
}

func TestDemoAnswersTheCoachWithNoToken(t *testing.T) {
	t.Chdir(t.TempDir())
	code, out := runDemo(t, "/summary\n/coach alerts\n/as Sam\n/week\n/as Jo\n/checkin rhr:50\n")
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	for _, want := range []string{
		"You are Jo, its coach.",
		"Riverside Runners (demo), week",
		"12 members: 7 share with coaches, 5 do not (counted, not shown).",
		"Away: Mia (ill,",
		"Sam: ",
		"Riverside Runners (demo): Sam may need a look.", "Red two days running (yesterday and today)", "Load ratio",
		"Riverside Runners (demo): Leo may need a look.", "No check-in for 3 days",
		"1 member who does not share has not checked in for 3 days",
		"You are now Sam (member of Riverside Runners (demo))", "Your week,",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the demo did not say %q", want)
		}
	}
	for _, secret := range []string{"Omar", "Ivy", "Raj", "Nia", "Tom"} {
		if strings.Contains(out, secret+":") || strings.Contains(out, secret+" may") {
			t.Errorf("the coach sees %s, who does not share", secret)
		}
	}
	// Running the demo again starts it over: Jo's check-in is gone.
	db := handlerstest.Open(t, demoDB)
	jo, err := db.MemberByIdentity(context.Background(), domain.PlatformConsole, "jo")
	if err != nil {
		t.Fatal(err)
	}
	today := jo.Today(time.Now())
	before, _ := db.CheckIns(context.Background(), jo.ID, today, today)
	db.Close()
	if len(before) != 1 || *before[0].RHR != 50 {
		t.Fatalf("Jo's check-in today: %+v", before)
	}
	if code, _ := runDemo(t, ""); code != 0 {
		t.Fatal("second run")
	}
	db = handlerstest.Open(t, demoDB)
	if after, _ := db.CheckIns(context.Background(), jo.ID, today, today); len(after) == 1 && *after[0].RHR == 50 {
		t.Error("the second run kept the first run's check-in")
	}
}

func TestDemoAsAMemberAndAsNobody(t *testing.T) {
	t.Chdir(t.TempDir())
	if code, out := runDemo(t, "/summary\n", "-as", "mia"); code != 0 || !strings.Contains(out, "You are Mia, a member.") || !strings.Contains(out, "You coach no club yet") {
		t.Errorf("exit %d:\n%s", code, out)
	}
	if code, _ := runDemo(t, "", "-as", "Nobody"); code != exitConfig {
		t.Errorf("-as Nobody: exit %d", code)
	}
	if code, _ := runDemo(t, "", "extra"); code != exitConfig {
		t.Errorf("a stray argument: exit %d", code)
	}
}

func TestDemoDataIsTheSameEveryRunAndShapedAsPromised(t *testing.T) {
	now := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	a, b := demoDataset(now, "UTC"), demoDataset(now, "UTC")
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two seeds of the same day differ")
	}
	today := domain.DateOf(now)
	sharing, days := 0, map[int64]map[domain.Date]bool{}
	for _, m := range a.Members {
		if m.ShareWithCoach {
			sharing++
		}
	}
	for _, c := range a.CheckIns {
		if days[c.MemberID] == nil {
			days[c.MemberID] = map[domain.Date]bool{}
		}
		days[c.MemberID][c.Date] = true
		if err := c.Validate(); err != nil {
			t.Errorf("check-in %+v: %v", c, err)
		}
	}
	for _, r := range a.Runs {
		if err := r.Validate(); err != nil || r.Date.After(today) || r.Date.Before(today.AddDays(-(demoDays - 1))) {
			t.Errorf("run %+v: %v", r, err)
		}
	}
	if len(a.Members) != 12 || sharing != 7 || len(a.Clubs) != 1 || len(a.ClubMembers) != 12 {
		t.Errorf("%d members, %d sharing, %d clubs", len(a.Members), sharing, len(a.Clubs))
	}
	if len(a.Away) != 1 || !a.Away[0].Covers(today) || a.Away[0].Reason != domain.AwayIll {
		t.Errorf("times away %+v", a.Away)
	}
	var history = map[int64]domain.History{}
	for _, c := range a.CheckIns {
		h := history[c.MemberID]
		h.CheckIns = append(h.CheckIns, c)
		history[c.MemberID] = h
	}
	for _, r := range a.Runs {
		h := history[r.MemberID]
		h.Runs = append(h.Runs, r)
		history[r.MemberID] = h
	}
	for _, w := range a.Away {
		h := history[w.MemberID]
		h.Away = append(h.Away, w)
		history[w.MemberID] = h
	}
	var alerted []string
	for _, m := range a.Members {
		if m.ShareWithCoach && len(domain.AlertFindings(history[m.ID], today)) > 0 {
			alerted = append(alerted, m.Name)
		}
	}
	if !slices.Equal(alerted, []string{"Sam", "Leo"}) {
		t.Errorf("members who share and need a look: %v, want Sam (overreaching) and Leo (quiet)", alerted)
	}
	if ratio := domain.ComputeLoad(history[2], today).ACWR.Ratio; ratio < 1.5 {
		t.Errorf("Sam's load ratio %.2f is not overreaching", ratio)
	}
}
