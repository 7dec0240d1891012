package handlers

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFreeTextReadsKeywordsNumbersAndUnits(t *testing.T) {
	tests := []struct {
		text   string
		values map[string]string
		asked  []string
		unread []string
	}{
		{"slept 7.5h rhr 51 hrv 62 soreness 6 stress 4 mood 7",
			map[string]string{"sleep": "7.5", "rhr": "51", "hrv": "62", "soreness": "6", "stress": "4", "mood": "7"}, nil, nil},
		{"rhr 52, slept 6:45, legs sore 6", map[string]string{"rhr": "52", "sleep": "6.75", "soreness": "6"}, nil, nil},
		{"RHR 49 / 8h sleep", map[string]string{"rhr": "49", "sleep": "8"}, nil, nil},
		{"tired", map[string]string{}, []string{"fatigue"}, nil},
		{"slept 7h rhr 52 legs sore", map[string]string{"sleep": "7", "rhr": "52"}, []string{"soreness"}, nil},
		{"resting heart rate 48, sleep quality 4/5, mood 8/10", map[string]string{"rhr": "48", "quality": "4", "mood": "8"}, nil, nil},
		{"resting hr 50 hrv 71.5ms", map[string]string{"rhr": "50", "hrv": "71.5"}, nil, nil},
		{"8 hours sleep, 62ms", map[string]string{"sleep": "8", "hrv": "62"}, nil, nil},
		{"slept 7h30 rhr:49 stress=3", map[string]string{"sleep": "7.5", "rhr": "49", "stress": "3"}, nil, nil},
		{"slept 7,5 h", map[string]string{"sleep": "7.5"}, nil, nil},
		{"rhr 300", map[string]string{"rhr": "300"}, nil, nil}, // out of range: /checkin's checks refuse it
		{"rhr 50 rhr 52", map[string]string{"rhr": "50"}, nil, []string{"rhr", "52"}},
		{"mood 7 and pizza", map[string]string{"mood": "7"}, nil, []string{"pizza"}},
		{"hello there", map[string]string{}, nil, []string{"hello", "there"}},
		{"52", map[string]string{}, nil, []string{"52"}},
		{"slept 451 minutes", map[string]string{"sleep": "7.52"}, nil, nil},                               // to the hundredth, as 6:45 is
		{"I ran 10k in 50 minutes", map[string]string{}, nil, []string{"50 minutes", "ran", "10k", "in"}}, // minutes alone are no night's sleep
		{"yesterday slept 6h rhr 55", map[string]string{"sleep": "6", "rhr": "55"}, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got := parseFreeText(tt.text)
			if !reflect.DeepEqual(got.values, tt.values) || !reflect.DeepEqual(got.asked, tt.asked) || !reflect.DeepEqual(got.unread, tt.unread) {
				t.Errorf("got values %v asked %v unread %q\nwant values %v asked %v unread %q", got.values, got.asked, got.unread, tt.values, tt.asked, tt.unread)
			}
		})
	}
}

// FuzzFreeText: whatever a member types, the reader neither panics nor
// invents: each value comes from the text, each field is set once, and the
// same text always reads the same.
func FuzzFreeText(f *testing.F) {
	for _, s := range []string{"slept 7.5h rhr 51 hrv 62 soreness 6 stress 4 mood 7", "rhr 52, slept 6:45, legs sore 6",
		"RHR 49 / 8h sleep", "tired", "sleep quality 4/5", "7h30m 450min 62ms 51bpm", "rhr:=:/ 6/10 1:2:3 ..,,",
		"9999999999999999 hrv 1e9 nan inf 0x10"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 1000 || !utf8.ValidString(s) {
			return // the router refuses these before any reading
		}
		got := parseFreeText(s)
		if again := parseFreeText(s); !reflect.DeepEqual(got, again) {
			t.Fatalf("%q read two ways: %+v and %+v", s, got, again)
		}
		if len(got.order) != len(got.values) {
			t.Fatalf("%q: order %v for values %v", s, got.order, got.values)
		}
		lower := strings.ToLower(decimalCommas(s))
		for key, v := range got.values {
			if _, ok := fieldRanges[key]; !ok {
				t.Fatalf("%q: unknown field %q", s, key)
			}
			// Sleep is given in hours whatever its form (6:45, 450min);
			// every other value is a number as typed.
			if key != "sleep" && !strings.Contains(lower, v) {
				t.Fatalf("%q: value %q of %s is not in the text", s, v, key)
			}
			if key == "sleep" && !strings.ContainsAny(lower, "0123456789") {
				t.Fatalf("%q: sleep %q without a digit in the text", s, v)
			}
		}
		for _, a := range got.asked {
			if _, given := got.values[a]; given {
				t.Fatalf("%q: %s both given and asked", s, a)
			}
		}
	})
}
