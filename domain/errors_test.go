package domain

import (
	"errors"
	"fmt"
	"testing"
	"time"
)

func TestValidationSaysWhichFieldAndWhatIsValid(t *testing.T) {
	today := Date{2026, 11, 20}
	ci := func(f func(*CheckIn)) error {
		c := CheckIn{Date: today, RHR: Ptr(52)}
		f(&c)
		return c.Validate()
	}
	run := func(f func(*Run)) error {
		r := Run{Date: today, Metres: 10000, Duration: time.Hour, RPE: 5}
		f(&r)
		return r.Validate()
	}
	member := func(f func(*Member)) error {
		m := NewMember("Ann", "Europe/London")
		f(&m)
		return m.Validate()
	}
	for _, tc := range []struct {
		name string
		err  error
		want InvalidError
	}{
		{"check-in without a date", ci(func(c *CheckIn) { c.Date = Date{} }), InvalidError{Field: FieldDate, Problem: ProblemMissing}},
		{"empty check-in", ci(func(c *CheckIn) { c.RHR = nil }), InvalidError{Field: FieldCheckIn, Problem: ProblemMissing}},
		{"resting HR", ci(func(c *CheckIn) { c.RHR = Ptr(500) }), InvalidError{Field: FieldRHR, Problem: ProblemRange, Got: 500, Min: MinRHR, Max: MaxRHR}},
		{"HRV", ci(func(c *CheckIn) { c.HRV = Ptr(4.5) }), InvalidError{Field: FieldHRV, Problem: ProblemRange, Got: 4.5, Min: MinHRV, Max: MaxHRV}},
		{"sleep", ci(func(c *CheckIn) { c.SleepHours = Ptr(-2.0) }), InvalidError{Field: FieldSleep, Problem: ProblemRange, Got: -2, Min: MinSleep, Max: MaxSleep}},
		{"sleep quality", ci(func(c *CheckIn) { c.SleepQuality = Ptr(6) }), InvalidError{Field: FieldSleepQuality, Problem: ProblemRange, Got: 6, Min: 1, Max: 5}},
		{"mood", ci(func(c *CheckIn) { c.Mood = Ptr(0) }), InvalidError{Field: FieldMood, Problem: ProblemRange, Got: 0, Min: 1, Max: 10}},
		{"distance", run(func(r *Run) { r.Metres = 400000 }), InvalidError{Field: FieldDistance, Problem: ProblemRange, Got: 400000, Max: MaxRunMetres}},
		{"duration", run(func(r *Run) { r.Duration = 25 * time.Hour }), InvalidError{Field: FieldDuration, Problem: ProblemRange, Got: 1500, Max: 1440}},
		{"RPE", run(func(r *Run) { r.RPE = 11 }), InvalidError{Field: FieldRPE, Problem: ProblemRange, Got: 11, Min: 1, Max: MaxRPE}},
		{"run type", run(func(r *Run) { r.Type = "jog" }), InvalidError{Field: FieldRunType, Problem: ProblemUnknown, Value: "jog", Choices: RunTypes}},
		{"zone", member(func(m *Member) { m.TZ = "Local" }), InvalidError{Field: FieldZone, Problem: ProblemUnknown, Value: "Local"}},
		{"bedtime", member(func(m *Member) { m.BedMinute = 1440 }), InvalidError{Field: FieldClock, Problem: ProblemRange, Got: 1440, Max: 1439}},
		{"units", member(func(m *Member) { m.Units = "furlongs" }), InvalidError{Field: FieldUnits, Problem: ProblemUnknown, Value: "furlongs", Choices: []string{UnitsKM, UnitsMI}}},
		{"weight", member(func(m *Member) { m.WeightKG = 300 }), InvalidError{Field: FieldWeight, Problem: ProblemRange, Got: 300, Min: MinWeightKG, Max: MaxWeightKG}},
		{"wind-down", member(func(m *Member) { m.WindDownMinutes = 241 }), InvalidError{Field: FieldWindDown, Problem: ProblemRange, Got: 241, Max: MaxWindDownMinutes}},
		{"fuel minutes", ValidateFuel(0, 70), InvalidError{Field: FieldMinutes, Problem: ProblemRange, Max: MaxFuelMinutes}},
		{"fuel weight", ValidateFuel(60, 20), InvalidError{Field: FieldWeight, Problem: ProblemRange, Got: 20, Min: MinWeightKG, Max: MaxWeightKG}},
		{"future date", ValidateEntryDate(today.AddDays(1), today), InvalidError{Field: FieldDate, Problem: ProblemFuture, Date: today.AddDays(1), From: today.AddDays(-365), To: today}},
		{"old date", ValidateEntryDate(today.AddDays(-366), today), InvalidError{Field: FieldDate, Problem: ProblemTooOld, Date: today.AddDays(-366), From: today.AddDays(-365), To: today}},
		{"slot", second(ParseWeeklySlot("Sun")), InvalidError{Field: FieldSlot, Problem: ProblemUnknown, Value: "Sun"}},
		{"weekday", second(ParseWeeklySlot("Funday 18:00")), InvalidError{Field: FieldWeekday, Problem: ProblemUnknown, Value: "Funday"}},
		{"slot time", second(ParseWeeklySlot("Sun 25:00")), InvalidError{Field: FieldSlotTime, Problem: ProblemUnknown, Value: "25:00"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got *InvalidError
			if !errors.As(tc.err, &got) || ErrorCode(tc.err) != EINVALID {
				t.Fatalf("error %v (%s), want an InvalidError", tc.err, ErrorCode(tc.err))
			}
			if fmt.Sprintf("%+v", *got) != fmt.Sprintf("%+v", tc.want) {
				t.Errorf("got  %+v\nwant %+v", *got, tc.want)
			}
		})
	}
	for _, ok := range []error{ci(func(*CheckIn) {}), run(func(*Run) {}), member(func(*Member) {}), ValidateFuel(60, 70),
		ValidateEntryDate(today.AddDays(-365), today), second(ParseWeeklySlot("Sun 18:00"))} {
		if ok != nil {
			t.Errorf("valid input refused: %v", ok)
		}
	}
}

func second(_ time.Weekday, _ int, err error) error { return err }

func TestErrorCodes(t *testing.T) {
	for err, want := range map[error]string{
		nil:                       "",
		Errorf(ENOTFOUND, "gone"): ENOTFOUND,
		fmt.Errorf("load: %w", &InvalidError{Field: FieldRHR}): EINVALID,
		errors.New("disk on fire"):                             EINTERNAL,
	} {
		if got := ErrorCode(err); got != want {
			t.Errorf("ErrorCode(%v) = %q, want %q", err, got, want)
		}
	}
}
