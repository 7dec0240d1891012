package main

import (
	"math"
	"math/rand/v2"
	"time"

	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/handlers"
	"github.com/runclub/runclub/storage"
)

// The demo club: twelve runners over eight weeks, the same numbers at
// every run (the generator's seed is fixed), laid out so that the coach's
// tools have something to show: seven share with the coach; Sam is
// overreaching (load up, resting HR up, short sleep: red two days
// running), Mia is away ill, Leo has gone quiet after weeks of check-ins,
// and so has Tom, who does not share.

// demoClubTitle names the demo club.
const demoClubTitle = "Riverside Runners (demo)"

// demoDays is the history seeded, today included.
const demoDays = 8 * 7

// demoRunner is one member's profile: who they are and how they train.
type demoRunner struct {
	name   string
	coach  bool
	share  bool
	units  string
	weekKM float64 // a normal week's distance
	rhr    int     // resting HR baseline, bpm
	hrv    float64 // rMSSD baseline, ms (0: no HRV strap)
	sleep  float64 // a normal night, hours
	// checkIn is the chance of a morning check-in on a normal day.
	checkIn float64
	pattern string // what the runner's recent days look like
}

// The patterns of the last days.
const (
	patternSteady     = ""
	patternOverreach  = "overreach"
	patternIll        = "ill"
	patternQuiet      = "quiet"
	patternShortSleep = "short-sleep"
)

var demoRunners = []demoRunner{
	{name: "Jo", coach: true, share: true, units: domain.UnitsKM, weekKM: 55, rhr: 52, hrv: 62, sleep: 7.8, checkIn: 0.85},
	{name: "Sam", share: true, units: domain.UnitsKM, weekKM: 80, rhr: 46, hrv: 78, sleep: 8.1, checkIn: 0.95, pattern: patternOverreach},
	{name: "Mia", share: true, units: domain.UnitsKM, weekKM: 80, rhr: 49, hrv: 70, sleep: 8.4, checkIn: 0.9, pattern: patternIll},
	{name: "Leo", share: true, units: domain.UnitsMI, weekKM: 115, rhr: 44, sleep: 8.0, checkIn: 1, pattern: patternQuiet},
	{name: "Ava", share: true, units: domain.UnitsKM, weekKM: 72, rhr: 50, hrv: 66, sleep: 8.6, checkIn: 0.9},
	{name: "Ben", share: true, units: domain.UnitsMI, weekKM: 120, rhr: 43, hrv: 85, sleep: 8.3, checkIn: 0.8},
	{name: "Zoe", share: true, units: domain.UnitsKM, weekKM: 88, rhr: 51, sleep: 7.6, checkIn: 0.9, pattern: patternShortSleep},
	{name: "Omar", units: domain.UnitsKM, weekKM: 100, rhr: 47, hrv: 74, sleep: 8.0, checkIn: 0.7},
	{name: "Ivy", units: domain.UnitsKM, weekKM: 75, rhr: 53, sleep: 8.2, checkIn: 0.6},
	{name: "Raj", units: domain.UnitsMI, weekKM: 110, rhr: 45, hrv: 69, sleep: 7.9, checkIn: 0.85},
	{name: "Nia", units: domain.UnitsKM, weekKM: 85, rhr: 48, sleep: 8.3, checkIn: 0.75},
	{name: "Tom", units: domain.UnitsKM, weekKM: 90, rhr: 50, sleep: 8.0, checkIn: 1, pattern: patternQuiet},
}

// demoWeek is a training week, Monday first: the share of the week's
// distance, the run type and its session RPE; 0 is a rest day.
var demoWeek = [7]struct {
	share float64
	kind  string
	rpe   int
	pace  float64 // minutes per km
}{
	{0.13, "easy", 3, 5.6}, {0.17, "tempo", 7, 4.6}, {0.12, "easy", 3, 5.7}, {0.16, "intervals", 8, 4.8},
	{0, "", 0, 0}, {0.30, "long", 6, 5.3}, {0.12, "recovery", 2, 6.1},
}

// demoDataset is the demo club as it stands on today (the local date of
// zone tz at now); the same now gives the same data.
func demoDataset(now time.Time, tz string) storage.Dataset {
	loc, err := time.LoadLocation(tz)
	if err != nil {
		loc = time.UTC
	}
	today := domain.DateOf(now.In(loc))
	first := today.AddDays(-(demoDays - 1))
	rng := rand.New(rand.NewPCG(12, 2026))
	ds := storage.Dataset{Clubs: []domain.Club{{ID: 1, Platform: domain.PlatformConsole, ChatID: "demo-club", Title: demoClubTitle,
		WeeklyDay: time.Sunday, WeeklyMinute: 18 * 60, TZ: tz}}}
	for i, p := range demoRunners {
		id := int64(i + 1)
		m := domain.NewMember(p.name, tz)
		m.ID, m.Units, m.ShareWithCoach = id, p.units, p.share
		m.WeightKG = math.Round(55 + rng.Float64()*25) // 55–80 kg
		m.CreatedAt = first.Time(loc).Add(7 * time.Hour)
		ds.Members = append(ds.Members, m)
		ds.Identities = append(ds.Identities, domain.Identity{Platform: domain.PlatformConsole, UserID: handlers.ConsoleUserID(p.name), ChatID: "console", MemberID: id})
		role := domain.RoleMember
		if p.coach {
			role = domain.RoleCoach
		}
		ds.ClubMembers = append(ds.ClubMembers, domain.ClubMember{ClubID: 1, MemberID: id, Role: role})
		cis, runs := p.history(rng, id, first, today, loc)
		ds.CheckIns = append(ds.CheckIns, cis...)
		ds.Runs = append(ds.Runs, runs...)
		if p.pattern == patternIll {
			ds.Away = append(ds.Away, domain.Away{MemberID: id, From: today.AddDays(-2), Until: today.AddDays(2), Reason: domain.AwayIll,
				CreatedAt: today.AddDays(-2).Time(loc).Add(7 * time.Hour)})
		}
	}
	return ds
}

// history is one runner's check-ins and runs from first to today.
func (p demoRunner) history(rng *rand.Rand, id int64, first, today domain.Date, loc *time.Location) ([]domain.CheckIn, []domain.Run) {
	var cis []domain.CheckIn
	var runs []domain.Run
	for d := first; !d.After(today); d = d.AddDays(1) {
		ago := today.DaysSince(d)
		morning := d.Time(loc).Add(6*time.Hour + 40*time.Minute)
		load, rhrUp, sleepCut, tired := 1.0, 0.0, 0.0, 0
		switch p.pattern {
		case patternOverreach:
			if ago <= 6 {
				load, tired = 1.5, 3
			}
			if ago <= 2 {
				rhrUp, sleepCut = 12+float64(2-ago), 2.2
			}
		case patternIll:
			if ago <= 2 {
				load, rhrUp, tired = 0, 9, 3
			} else if ago == 3 {
				rhrUp = 6
			}
		case patternShortSleep:
			if ago <= 7 {
				sleepCut = 1.4
			}
		}
		quiet := p.pattern == patternQuiet && ago <= 3
		if !quiet && rng.Float64() < p.checkIn {
			cis = append(cis, p.checkInOn(rng, id, d, rhrUp, sleepCut, tired, morning))
		}
		day := demoWeek[(int(d.Weekday())+6)%7]
		if quiet || day.share == 0 || load == 0 || rng.Float64() < 0.06 {
			continue
		}
		km := p.weekKM * day.share * load * (0.9 + 0.2*rng.Float64())
		rpe := min(day.rpe+int(math.Round(load-1)), domain.MaxRPE)
		minutes := km * day.pace * (0.95 + 0.1*rng.Float64())
		runs = append(runs, domain.Run{MemberID: id, Date: d, Metres: math.Round(km * 1000), RPE: rpe, Type: day.kind,
			Duration: time.Duration(math.Round(minutes)) * time.Minute, CreatedAt: morning.Add(3 * time.Hour)})
	}
	return cis, runs
}

// checkInOn is one morning's answers: the runner's normal with a little
// day-to-day noise, moved by the pattern's rhrUp, sleepCut and tired.
func (p demoRunner) checkInOn(rng *rand.Rand, id int64, d domain.Date, rhrUp, sleepCut float64, tired int, at time.Time) domain.CheckIn {
	noise := func(spread float64) float64 { return (rng.Float64()*2 - 1) * spread }
	scale := func(base float64, up int) *int {
		return domain.Ptr(max(domain.MinScale, min(domain.MaxScale, int(math.Round(base+noise(1)))+up)))
	}
	c := domain.CheckIn{MemberID: id, Date: d, UpdatedAt: at,
		RHR:          domain.Ptr(p.rhr + int(math.Round(noise(2)+rhrUp))),
		SleepHours:   domain.Ptr(math.Round((p.sleep-sleepCut+noise(0.5))*4) / 4),
		SleepQuality: domain.Ptr(max(domain.MinQuality, min(domain.MaxQuality, int(math.Round(3.8+noise(1)-sleepCut/2))))),
		Fatigue:      scale(3.5, tired),
		Soreness:     scale(3, tired),
		Stress:       scale(3.5, tired/2),
		Mood:         scale(7, -tired),
	}
	if p.hrv > 0 {
		c.HRV = domain.Ptr(math.Round(p.hrv*math.Exp(noise(0.12)-rhrUp/60)*10) / 10)
	}
	return c
}
