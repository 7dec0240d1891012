package domain

import (
	"testing"
	"time"
)

func TestWindDownWindowContainsMinutesBeforeBedOnly(t *testing.T) {
	tests := []struct {
		name               string
		now, bed, windDown int
		want               bool
	}{
		{"at the start of the window", 21*60 + 30, 22*60 + 30, 60, true},
		{"one minute before the window", 21*60 + 29, 22*60 + 30, 60, false},
		{"last minute before bed", 22*60 + 29, 22*60 + 30, 60, true},
		{"at bedtime the window is over", 22*60 + 30, 22*60 + 30, 60, false},
		{"window across midnight, evening side", 23*60 + 45, 30, 60, true},
		{"window across midnight, morning side", 10, 30, 60, true},
		{"bedtime after midnight, long before the window", 12 * 60, 30, 60, false},
		{"bedtime at midnight", 23 * 60, 0, 60, true},
		{"long wind-down of four hours", 19 * 60, 23 * 60, 240, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := WindDownWindow(tt.now, tt.bed, tt.windDown); got != tt.want {
				t.Errorf("WindDownWindow(%d, %d, %d) = %v, want %v", tt.now, tt.bed, tt.windDown, got, tt.want)
			}
		})
	}
}

func TestWindDownNightIsTheDateTheWindowStarted(t *testing.T) {
	d := Date{2026, time.March, 1}
	tests := []struct {
		name               string
		now, bed, windDown int
		want               Date
	}{
		{"evening window", 22 * 60, 22*60 + 30, 60, d},
		{"bed after midnight, before midnight", 23*60 + 45, 30, 60, d},
		{"bed after midnight, after midnight", 10, 30, 60, d.AddDays(-1)},
		{"bed at 01:00 with the window starting 00:30", 40, 60, 30, d},
		{"bed at midnight", 23*60 + 30, 0, 60, d},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := WindDownNight(d, tt.now, tt.bed, tt.windDown); got != tt.want {
				t.Errorf("WindDownNight = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestWeeklySlotDateIsDueForTwentyFourHours(t *testing.T) {
	sun := Date{2026, time.May, 31} // a Sunday at the end of a month
	mon := sun.AddDays(1)
	slot := 18 * 60
	tests := []struct {
		name   string
		date   Date
		now    int
		want   Date
		wantOK bool
	}{
		{"before the slot", sun, slot - 1, Date{}, false},
		{"at the slot", sun, slot, sun, true},
		{"late on the day", sun, 23*60 + 59, sun, true},
		{"next morning, next month", mon, 9 * 60, sun, true},
		{"one minute before 24 hours", mon, slot - 1, sun, true},
		{"24 hours after", mon, slot, Date{}, false},
		{"another weekday", sun.AddDays(3), slot, Date{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := WeeklySlotDate(tt.date, tt.now, time.Sunday, slot)
			if ok != tt.wantOK || got != tt.want {
				t.Errorf("WeeklySlotDate(%s, %d) = %s, %v; want %s, %v", tt.date, tt.now, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}
