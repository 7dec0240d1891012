package handlers

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/handlers/render"
)

// eachRoute visits every route and subroute of the table with its path.
func eachRoute(rts []route, path string, fn func(path string, rt route)) {
	for _, rt := range rts {
		p := strings.TrimSpace(path + " " + rt.spec.Name)
		fn(p, rt)
		eachRoute(rt.subs, p, fn)
	}
}

func TestEveryRouteHasASpecAndEverySpecARoute(t *testing.T) {
	s := &Service{}
	specs := s.Commands()
	rts := s.routes()
	if len(specs) != len(rts) {
		t.Fatalf("%d specs for %d routes", len(specs), len(rts))
	}
	seen := map[string]bool{}
	eachRoute(rts, "", func(path string, rt route) {
		if seen[path] {
			t.Errorf("%s: two routes", path)
		}
		seen[path] = true
		if rt.spec.Name == "" || rt.spec.Description == "" || utf8.RuneCountInString(rt.spec.Description) > 100 {
			t.Errorf("%s: name %q, description %q (at most 100 characters)", path, rt.spec.Name, rt.spec.Description)
		}
		if rt.fn == nil && len(rt.subs) == 0 {
			t.Errorf("%s: a spec with nothing to answer it", path)
		}
		if !rt.spec.Hidden && (rt.spec.Usage == "" || !strings.HasPrefix(rt.spec.Usage, "/")) {
			t.Errorf("%s: usage %q", path, rt.spec.Usage)
		}
		if !strings.Contains(path, " ") && len(rt.spec.Examples) == 0 {
			t.Errorf("%s: no example for /help", path)
		}
		if len("/"+path) > bot.MaxButtonData {
			t.Errorf("/%s does not fit in button data", path)
		}
		if rt.rules.private && (rt.rules.group || rt.rules.club || rt.rules.coach) {
			t.Errorf("%s: a private route cannot act on the group's club", path)
		}
		if rt.rules.group && rt.rules.coach {
			t.Errorf("%s: coach routes work in a private chat too", path)
		}
		names := map[string]bool{}
		for _, a := range rt.spec.Args {
			if names[a.Name] || a.Name == bot.ActionOption || a.Label == "" || a.Help == "" {
				t.Errorf("%s %s: duplicate, reserved or undocumented argument", path, a.Name)
			}
			names[a.Name] = true
			if (a.Kind == bot.ArgChoice) != (len(a.Choices) > 0) {
				t.Errorf("%s %s: choices %v for kind %d", path, a.Name, a.Choices, a.Kind)
			}
			for alias, to := range a.Aliases {
				if !containsString(a.Choices, to) {
					t.Errorf("%s %s: alias %q → %q is not a choice", path, a.Name, alias, to)
				}
			}
		}
	})
	for i, spec := range specs {
		if spec.Name != rts[i].spec.Name || spec.GroupOnly != rts[i].rules.group || spec.CoachOnly != rts[i].rules.coach {
			t.Errorf("spec %s does not follow its route %s", spec.Name, rts[i].spec.Name)
		}
		if len(spec.Subcommands) != len(rts[i].subs) {
			t.Errorf("%s: %d subcommands in the spec, %d routes", spec.Name, len(spec.Subcommands), len(rts[i].subs))
		}
	}
}

func containsString(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func TestChoiceArgumentsTakeTheirAliases(t *testing.T) {
	fuel, _ := (&Service{}).table0("fuel")
	intensity, _ := fuel.spec.Arg("intensity")
	for in, want := range map[string]string{"easy": "easy", " Recovery ": "easy", "long": "moderate",
		"MODERATE": "moderate", "tempo": "hard", "intervals": "hard", "race": "hard"} {
		if got, err := parseChoice(intensity, in); err != nil || got != want {
			t.Errorf("%q: %v %v, want %v", in, got, err, want)
		}
	}
	// The words runners type for a run's kind and their units: "type:interval"
	// and "units:miles" were refused.
	run, _ := (&Service{}).table0("run")
	runType, _ := run.spec.Arg("type")
	settings, _ := (&Service{}).table0("settings")
	units, _ := settings.spec.Arg("units")
	for _, c := range []struct {
		arg      bot.ArgSpec
		in, want string
	}{
		{runType, "interval", "intervals"}, {runType, "Intervals", "intervals"}, {runType, "reps", "intervals"},
		{runType, "threshold", "tempo"}, {runType, "recovery", "recovery"},
		{units, "miles", "mi"}, {units, "mile", "mi"}, {units, "KM", "km"}, {units, "kilometres", "km"}, {units, "kilometers", "km"},
	} {
		if got, err := parseChoice(c.arg, c.in); err != nil || got != c.want {
			t.Errorf("%s %q: %v %v, want %v", c.arg.Name, c.in, got, err, c.want)
		}
	}
	for _, bad := range []string{"", "ultra", strings.Repeat("x", 200)} {
		_, err := parseChoice(intensity, bad)
		if domain.ErrorCode(err) != domain.EINVALID || !strings.Contains(render.ErrorText(err), "easy, moderate or hard") || len(render.ErrorText(err)) > 200 {
			t.Errorf("%q: %v", bad, err)
		}
	}
}

// table0 finds a top-level route by name, for tests.
func (s *Service) table0(name string) (route, bool) {
	for _, rt := range s.routes() {
		if rt.spec.Name == name {
			return rt, true
		}
	}
	return route{}, false
}

// FuzzArgumentValues gives every argument of every command the same text:
// the router's parser either returns a value of the kind's Go type within
// the argument's bounds, or a friendly EINVALID that does not echo long
// input back. Nothing panics.
func FuzzArgumentValues(f *testing.F) {
	for _, s := range []string{"52", "7.5", "-", "none", "easy", "Recovery", "82m", "1:22:00", "10mi", "64kg", "06:30",
		"Europe/London", "Sun 18:00", "@Sam", "<@123>", "today", "2026-11-01", "NaN", "1e308", "💓", "\x00", ""} {
		f.Add(s)
	}
	today := domain.Date{Year: 2026, Month: 11, Day: 20}
	var all []bot.ArgSpec
	eachRoute((&Service{}).routes(), "", func(_ string, rt route) { all = append(all, rt.spec.Args...) })
	f.Fuzz(func(t *testing.T, s string) {
		for _, a := range all {
			for _, units := range []string{domain.UnitsKM, domain.UnitsMI} {
				v, err := parseValue(a, s, units, today)
				if err != nil {
					if domain.ErrorCode(err) != domain.EINVALID || utf8.RuneCountInString(render.ErrorText(err)) > 300 {
						t.Fatalf("%s(%q): %v", a.Name, s, err)
					}
					continue
				}
				checkValue(t, a, s, v, today)
			}
		}
	})
}

// checkValue fails t unless v is what argument a may hold.
func checkValue(t *testing.T, a bot.ArgSpec, s string, v any, today domain.Date) {
	t.Helper()
	if _, ok := v.(cleared); ok {
		if !a.Clearable {
			t.Fatalf("%s(%q) cleared an argument that cannot be cleared", a.Name, s)
		}
		return
	}
	inRange := func(x float64) bool { return x >= a.Min && x <= a.Max }
	ok := false
	switch a.Kind {
	case bot.ArgInteger:
		n, isInt := v.(int)
		ok = isInt && inRange(float64(n))
	case bot.ArgNumber:
		x, isFloat := v.(float64)
		ok = isFloat && inRange(x)
	case bot.ArgDuration:
		d, isDur := v.(time.Duration)
		ok = isDur && inRange(d.Minutes())
	case bot.ArgChoice:
		c, isText := v.(string)
		ok = isText && containsString(a.Choices, c)
	case bot.ArgDate:
		d, isDate := v.(domain.Date)
		ok = isDate && !d.After(today) && today.DaysSince(d) <= domain.MaxPastDays
	case bot.ArgDistance:
		m, isFloat := v.(float64)
		ok = isFloat && m > 0 && m <= domain.MaxRunMetres
	case bot.ArgWeight:
		kg, isFloat := v.(float64)
		ok = isFloat && kg >= 25 && kg <= 250
	case bot.ArgClock:
		m, isInt := v.(int)
		ok = isInt && m >= 0 && m < domain.MinutesPerDay
	case bot.ArgSlot:
		w, isSlot := v.(weeklySlot)
		ok = isSlot && w.minute >= 0 && w.minute < domain.MinutesPerDay
	case bot.ArgMember:
		_, ok = v.(memberRef)
	default:
		_, ok = v.(string)
	}
	if !ok {
		t.Fatalf("%s(%q) = %#v, not a valid %d", a.Name, s, v, a.Kind)
	}
}

func TestEveryExampleReadsAsItsCommandTakesIt(t *testing.T) {
	s := New(Repos{}, Defaults{}, time.Now, nil)
	m := s.newMember("Sam")
	today := domain.Date{Year: 2026, Month: 11, Day: 20}
	for _, rt := range s.routes() {
		for _, ex := range rt.spec.Examples {
			in, err := readInput(bot.Command{Text: ex})
			if err != nil || in.name != rt.spec.Name {
				t.Errorf("example %q reads as /%s (%v)", ex, in.name, err)
				continue
			}
			sub, err := selectSub(rt, &in)
			if err == nil {
				_, err = parseArgs(sub.spec, in, m, today)
			}
			if err != nil {
				t.Errorf("example %q is refused: %v", ex, err)
			}
		}
	}
}
