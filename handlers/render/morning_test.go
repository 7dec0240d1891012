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
			r := MorningReply(domain.Member{Name: tt.member}, tt.trend, 0, domain.Date{Year: 2026, Month: 12, Day: 2})
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

// With a usual resting HR the prompt answers its own question in one tap:
// five values around it, each recording that morning's RHR.
func TestMorningReplyOffersTheUsualRestingHR(t *testing.T) {
	day := domain.Date{Year: 2026, Month: 12, Day: 2}
	r := MorningReply(domain.Member{Name: "Ann"}, "", 50.4, day)
	var labels []string
	for _, b := range r.Buttons[0] {
		labels = append(labels, b.Label)
		if !strings.HasPrefix(b.Data, "/checkin rhr:"+b.Label+" date:2026-12-02") {
			t.Errorf("button %+v does not record that morning's resting HR", b)
		}
	}
	if strings.Join(labels, " ") != "48 49 50 51 52" {
		t.Errorf("RHR buttons = %v, want 48 to 52 around the usual 50", labels)
	}
	if len(r.Buttons) > 4 {
		t.Errorf("%d button rows: with Discord's form row that is over its five", len(r.Buttons))
	}
}
