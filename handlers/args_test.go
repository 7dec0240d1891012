package handlers_test

import (
	"context"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/handlers"
	"github.com/runclub/runclub/handlers/render"
)

var today = domain.Date{Year: 2026, Month: 11, Day: 20}

func TestParseDuration(t *testing.T) {
	cases := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"82m", 82 * time.Minute, true},
		{"82", 82 * time.Minute, true},
		{"82min", 82 * time.Minute, true},
		{"1:22:00", 82 * time.Minute, true},
		{"45:30", 0, false}, // h:mm: 45 h 30 min, longer than a run
		{"1:30", 90 * time.Minute, true},
		{"1:30:00", 90 * time.Minute, true},
		{"45m30s", 45*time.Minute + 30*time.Second, true},
		{"82m30s", 82*time.Minute + 30*time.Second, true},
		{"1h22", 82 * time.Minute, true},
		{"1h 22m", 82 * time.Minute, true},
		{"1.5h", 90 * time.Minute, true},
		{"5400s", 90 * time.Minute, true},
		{"1hr 22min", 82 * time.Minute, true},
		{"22m1h", 0, false},
		{"1h22m30", 82*time.Minute + 30*time.Second, true},
		{"1h1h", 0, false},
		{"1h22m", 82 * time.Minute, true},
		{"90.5", 90*time.Minute + 30*time.Second, true},
		{"1:2:3", 0, false},
		{"1:60:00", 0, false},
		{"25h", 0, false},
		{"0", 0, false},
		{"5ms", 0, false},
		{"-5m", 0, false},
		{"abc", 0, false},
		{"", 0, false},
		{"1:22:00:00", 0, false},
		{"1e3", 0, false},
	}
	for _, c := range cases {
		got, err := handlers.ParseDuration(c.in)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v ok=%v", c.in, got, err, c.want, c.ok)
		}
	}
}

func TestParseDistance(t *testing.T) {
	cases := []struct {
		in, units string
		want      float64
		ok        bool
	}{
		{"10mi", "km", 16093.44, true},
		{"16.1km", "mi", 16100, true},
		{"5000m", "km", 5000, true},
		{"10", "km", 10000, true},
		{"10", "mi", 16093.44, true},
		{"10,5km", "km", 10500, true},
		{"0km", "km", 0, false},
		{"301km", "km", 0, false},
		{"infkm", "km", 0, false},
		{"0x10km", "km", 0, false},
		{"ten", "km", 0, false},
	}
	for _, c := range cases {
		got, err := handlers.ParseDistance(c.in, c.units)
		if (err == nil) != c.ok || (c.ok && (got-c.want > 0.001 || c.want-got > 0.001)) {
			t.Errorf("ParseDistance(%q, %s) = %v, %v; want %v ok=%v", c.in, c.units, got, err, c.want, c.ok)
		}
	}
}

func TestParseWeightClockZoneDate(t *testing.T) {
	if kg, err := handlers.ParseWeight("150lb", "km"); err != nil || kg < 68.03 || kg > 68.04 {
		t.Errorf("150lb = %v, %v", kg, err)
	}
	if kg, err := handlers.ParseWeight("68kg", "mi"); err != nil || kg != 68 {
		t.Errorf("68kg = %v, %v", kg, err)
	}
	if _, err := handlers.ParseWeight("-68kg", "km"); err == nil {
		t.Error("negative weight accepted")
	}
	for in, want := range map[string]int{"06:30": 390, "6:30": 390, "00:00": 0, "23:59": 1439} {
		if got, err := handlers.ParseClock(in); err != nil || got != want {
			t.Errorf("ParseClock(%q) = %d, %v", in, got, err)
		}
	}
	for _, in := range []string{"24:00", "6:5", "630", "-1:30", "+6:30", "6:30pm", ""} {
		if _, err := handlers.ParseClock(in); err == nil {
			t.Errorf("ParseClock(%q) accepted", in)
		}
	}
	for _, in := range []string{"Europe/London", "America/New_York", "Pacific/Kiritimati", "UTC"} {
		if _, err := handlers.ParseZone(in); err != nil {
			t.Errorf("ParseZone(%q): %v", in, err)
		}
	}
	for _, in := range []string{"Local", "", "Mars/Base", "../etc/passwd", "/etc/localtime", "GMT+25"} {
		if _, err := handlers.ParseZone(in); err == nil {
			t.Errorf("ParseZone(%q) accepted", in)
		}
	}
	for in, want := range map[string]string{"today": "2026-11-20", "yesterday": "2026-11-19", "2025-11-20": "2025-11-20", "": "2026-11-20"} {
		if got, err := handlers.ParseDate(in, today); err != nil || got.String() != want {
			t.Errorf("ParseDate(%q) = %v, %v", in, got, err)
		}
	}
	for _, in := range []string{"tomorrow", "2026-11-21", "2025-11-19", "2026-02-30", "20/11/2026"} {
		if _, err := handlers.ParseDate(in, today); domain.ErrorCode(err) != domain.EINVALID {
			t.Errorf("ParseDate(%q) err = %v", in, err)
		}
	}
}

// FuzzValueParsers checks that no argument text can crash a parser, that an
// accepted value is within its valid range, and that a refusal is a friendly
// EINVALID whose message does not echo long input back.
func FuzzValueParsers(f *testing.F) {
	for _, s := range []string{"82m", "1:22:00", "10mi", "16.1km", "68kg", "150lb", "06:30", "Europe/London", "today", "2026-11-01", "NaN", "1e308", "-0", "💓", "\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		check := func(what string, err error) {
			if err == nil {
				return
			}
			if domain.ErrorCode(err) != domain.EINVALID {
				t.Fatalf("%s(%q): error kind %q", what, s, domain.ErrorCode(err))
			}
			if utf8.RuneCountInString(render.ErrorText(err)) > 300 {
				t.Fatalf("%s(%q): message too long", what, s)
			}
		}
		if d, err := handlers.ParseDuration(s); err == nil && (d < time.Minute || d > 24*time.Hour) {
			t.Fatalf("ParseDuration(%q) = %v out of range", s, d)
		} else {
			check("ParseDuration", err)
		}
		if m, err := handlers.ParseDistance(s, "km"); err == nil && (m <= 0 || m > 300000) {
			t.Fatalf("ParseDistance(%q) = %v out of range", s, m)
		} else {
			check("ParseDistance", err)
		}
		if kg, err := handlers.ParseWeight(s, "mi"); err == nil && (kg < 25 || kg > 250) {
			t.Fatalf("ParseWeight(%q) = %v out of range", s, kg)
		} else {
			check("ParseWeight", err)
		}
		if m, err := handlers.ParseClock(s); err == nil && (m < 0 || m >= 1440) {
			t.Fatalf("ParseClock(%q) = %v out of range", s, m)
		} else {
			check("ParseClock", err)
		}
		if d, err := handlers.ParseDate(s, today); err == nil && (d.After(today) || today.DaysSince(d) > 365) {
			t.Fatalf("ParseDate(%q) = %v out of range", s, d)
		} else {
			check("ParseDate", err)
		}
		_, err := handlers.ParseZone(s)
		check("ParseZone", err)
	})
}

// FuzzHandle sends arbitrary text through the whole router: it must never
// panic, always answer something, and never store a check-in it refused.
func FuzzHandle(f *testing.F) {
	for _, s := range []string{"/checkin rhr:52 sleep:7.5", "/checkin rhr:500", "/run 10mi 82m rpe:6", "/settings tz:Europe/London", "52", "/checkin", "skip", "/forget", "/coach add @x", "/checkin date:tomorrow rhr:50", "/run 1:22:00 10km", "/trend", "/trend 27", "/trend weeks:-1"} {
		f.Add(s)
	}
	e := newEnv(f)
	f.Fuzz(func(t *testing.T, s string) {
		e.t = t
		before := len(e.checkInsOrNone())
		r := e.svc.Handle(context.Background(), bot.Command{Platform: domain.PlatformConsole, UserID: "local", ChatID: "console", Private: true, Text: s})
		if r.IsZero() && s != "" && !isBlank(s) {
			t.Fatalf("no reply to %q", s)
		}
		if after := len(e.checkInsOrNone()); after > before+1 {
			t.Fatalf("one message stored %d check-ins", after-before)
		}
	})
}

// isBlank is text with nothing to answer: no command and no words.
func isBlank(s string) bool {
	_, _, pos, err := bot.ParseText(s)
	return err == nil && len(pos) == 0 && !strings.ContainsRune(s, '/')
}

// checkInsOrNone is checkIns for a member who may not exist yet.
func (e *env) checkInsOrNone() []domain.CheckIn {
	m, err := e.db.MemberByIdentity(context.Background(), domain.PlatformConsole, "local")
	if err != nil {
		return nil
	}
	list, _ := e.db.CheckIns(context.Background(), m.ID, domain.Date{Year: 1, Month: 1, Day: 1}, domain.Date{Year: 9999, Month: 1, Day: 1})
	return list
}
