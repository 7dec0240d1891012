package render

import (
	"strings"
	"testing"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
)

func TestMorningReplyAsksForRHRAndOffersTheCheckIn(t *testing.T) {
	tests := []struct {
		name, member, trend string
		want, notWant       []string
	}{
		{"named with a trend", "Ann", "amber: RHR 57, 6 above your baseline",
			[]string{"Good morning, Ann!", "Reply with just the number, e.g. 52", "\nYesterday: amber: RHR 57, 6 above your baseline"}, nil},
		{"no trend yet", "Ann", "", []string{"Good morning, Ann!", "e.g. 52"}, []string{"Yesterday"}},
		{"no name", "  ", "", []string{"Good morning! Before you get up"}, []string{"Good morning, "}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := MorningReply(domain.Member{Name: tt.member}, tt.trend)
			for _, w := range tt.want {
				if !strings.Contains(r.Text, w) {
					t.Errorf("text %q lacks %q", r.Text, w)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(r.Text, w) {
					t.Errorf("text %q has %q", r.Text, w)
				}
			}
			if !r.CheckInForm || !r.Private {
				t.Errorf("CheckInForm %v, Private %v; want both", r.CheckInForm, r.Private)
			}
			found := false
			for _, row := range r.Buttons {
				for _, b := range row {
					found = found || b.Data == "/checkin"
					if len(b.Data) > bot.MaxButtonData || b.Label == "" {
						t.Errorf("button %+v does not fit every platform", b)
					}
				}
			}
			if !found {
				t.Errorf("buttons %+v lack the guided check-in", r.Buttons)
			}
		})
	}
}
