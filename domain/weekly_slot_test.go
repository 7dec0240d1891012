package domain_test

import (
	"testing"
	"time"

	"github.com/runclub/runclub/domain"
)

func TestParseWeeklySlot(t *testing.T) {
	tests := []struct {
		in      string
		day     time.Weekday
		minute  int
		wantErr bool
	}{
		{"Sun 18:00", time.Sunday, 1080, false},
		{"monday 07:30", time.Monday, 450, false},
		{"THU 00:00", time.Thursday, 0, false},
		{"Sat 23:59", time.Saturday, 1439, false},
		{"Funday 18:00", 0, 0, true},
		{"Su 18:00", 0, 0, true},
		{"Sun 25:00", 0, 0, true},
		{"Sun", 0, 0, true},
		{"", 0, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			day, minute, err := domain.ParseWeeklySlot(tt.in)
			if tt.wantErr && domain.ErrorCode(err) != domain.EINVALID {
				t.Errorf("ParseWeeklySlot(%q) error kind %q, want invalid", tt.in, domain.ErrorCode(err))
			}
			if (err != nil) != tt.wantErr || (!tt.wantErr && (day != tt.day || minute != tt.minute)) {
				t.Errorf("ParseWeeklySlot(%q) = %v, %d, %v", tt.in, day, minute, err)
			}
		})
	}
}

func TestFormatWeeklySlotRoundTrips(t *testing.T) {
	for _, in := range []string{"Sun 18:00", "Mon 07:30", "Sat 23:59"} {
		d, m, err := domain.ParseWeeklySlot(in)
		if err != nil || domain.FormatWeeklySlot(d, m) != in {
			t.Errorf("%q -> %v %d %v -> %q", in, d, m, err, domain.FormatWeeklySlot(d, m))
		}
	}
}
