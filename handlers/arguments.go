package handlers

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/handlers/render"
)

// args are a command's arguments after the router checked them against the
// command's spec: every key is one the spec names, every value parsed by
// its kind. Handlers read typed values and never see a bad one.
type args struct {
	vals map[string]any
	// raw is each argument as typed, for a reply that shows how else it
	// could have been meant.
	raw map[string]string
}

// cleared marks an argument given as "-" or "none": clear the stored value.
type cleared struct{}

// weeklySlot is a day of the week and a local minute, as ArgSlot reads it.
type weeklySlot struct {
	day    time.Weekday
	minute int
}

// memberRef is a member named in a command: a platform user id when the
// platform identified them, else the name as typed.
type memberRef struct {
	userID string
	name   string
}

// has reports whether the argument was given.
func (a args) has(key string) bool {
	_, ok := a.vals[key]
	return ok
}

// isCleared reports whether the argument was given as "-" or "none".
func (a args) isCleared(key string) bool {
	_, ok := a.vals[key].(cleared)
	return ok
}

// count is how many arguments were given.
func (a args) count() int { return len(a.vals) }

func value[T any](a args, key string) (T, bool) {
	v, ok := a.vals[key].(T)
	return v, ok
}

func (a args) int(key string) (int, bool)                { return value[int](a, key) }
func (a args) float(key string) (float64, bool)          { return value[float64](a, key) }
func (a args) text(key string) (string, bool)            { return value[string](a, key) }
func (a args) date(key string) (domain.Date, bool)       { return value[domain.Date](a, key) }
func (a args) duration(key string) (time.Duration, bool) { return value[time.Duration](a, key) }
func (a args) slot(key string) (weeklySlot, bool)        { return value[weeklySlot](a, key) }
func (a args) member(key string) (memberRef, bool)       { return value[memberRef](a, key) }

// typed is the argument as the member typed it.
func (a args) typed(key string) string { return a.raw[key] }

// parseArgs checks a command's arguments against its spec: unknown keys are
// refused naming the valid ones, bare words fill the positional arguments
// in order, and each value is parsed by its kind for this member (their
// units, their local today). Nothing is stored before all of it passed.
func parseArgs(spec bot.CommandSpec, in input, m domain.Member, today domain.Date) (args, error) {
	raw := make(map[string]string, len(in.args)+len(in.words))
	var unknown, valid []string
	for _, a := range spec.Args {
		if !a.Hidden {
			valid = append(valid, a.Name)
		}
	}
	for k, v := range in.args {
		if _, ok := spec.Arg(k); !ok {
			unknown = append(unknown, k)
			continue
		}
		raw[k] = v
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return args{}, invalid(render.UnknownKeys(spec.Name, unknown, valid))
	}
	words := joinSpacedUnits(in.words, spec)
	// A key written with a space for its colon ("sleep 7.5") is that key.
	for i := 0; i+1 < len(words); i++ {
		a, ok := spec.Arg(strings.ToLower(words[i]))
		if _, given := raw[a.Name]; !ok || given || a.Hidden {
			continue
		}
		raw[a.Name], words = words[i+1], append(words[:i:i], words[i+2:]...)
		i--
	}
	// A bare word that is one of a positional choice's values fills it
	// wherever it stands, so that "/away ill" needs no number first.
	for _, a := range spec.Args {
		if _, given := raw[a.Name]; given || !a.Positional || a.Kind != bot.ArgChoice {
			continue
		}
		for i, w := range words {
			if _, err := parseChoice(a, w); err == nil {
				raw[a.Name], words = w, append(words[:i:i], words[i+1:]...)
				break
			}
		}
	}
	for _, a := range spec.Args {
		if _, given := raw[a.Name]; given || !a.Positional || len(words) == 0 {
			continue
		}
		if a.Rest {
			raw[a.Name], words = strings.Join(words, " "), nil
		} else if a.Kind == bot.ArgDuration {
			n := durationWordCount(words)
			raw[a.Name], words = strings.Join(words[:n], " "), words[n:]
		} else {
			raw[a.Name], words = words[0], words[1:]
		}
	}
	var required []string
	missing := false
	for _, a := range spec.Args {
		if a.Required {
			_, given := raw[a.Name]
			missing = missing || !given
			required = append(required, a.Label)
		}
	}
	if missing {
		return args{}, invalid(render.NeedsArguments(spec.Name, required, firstExample(spec)))
	}
	// Units first, so that a bare weight or distance in the same command
	// reads in them.
	units := unitsOf(m)
	out := args{vals: make(map[string]any, len(raw)), raw: raw}
	if u, ok := raw["units"]; ok {
		a, _ := spec.Arg("units")
		v, err := parseValue(a, u, units, today)
		if err != nil {
			return args{}, err
		}
		units = v.(string)
	}
	for _, a := range spec.Args {
		s, ok := raw[a.Name]
		if !ok {
			continue
		}
		v, err := parseValue(a, s, units, today)
		if err != nil {
			return args{}, err
		}
		out.vals[a.Name] = v
	}
	// Stray words come last: a value typed wrong says more than a word
	// that has no place.
	if len(words) > 0 {
		return args{}, invalid(render.StrayWords(strings.Join(words, " "), len(spec.Args) > 0, spec.Usage, firstExample(spec)))
	}
	return out, nil
}

// joinSpacedUnits writes "10 km 45 min" as "10km 45min": a unit typed after
// a space belongs to the number before it, not to the next argument.
func joinSpacedUnits(words []string, spec bot.CommandSpec) []string {
	out := make([]string, 0, len(words))
	for _, w := range words {
		if n := len(out); n > 0 && (isUnitWord(w) || isSpecUnit(w, spec)) && endsWithDigit(out[n-1]) {
			out[n-1] += w
			continue
		}
		out = append(out, w)
	}
	return out
}

func endsWithDigit(w string) bool { return w != "" && w[len(w)-1] >= '0' && w[len(w)-1] <= '9' }

// isSpecUnit reports the unit one of spec's numbers is written with ("3
// days").
func isSpecUnit(w string, spec bot.CommandSpec) bool {
	for _, a := range spec.Args {
		if a.Unit != "" && (strings.EqualFold(w, a.Unit) || strings.EqualFold(w, strings.TrimSuffix(a.Unit, "s"))) {
			return true
		}
	}
	return false
}

// isUnitWord reports a distance, weight or duration unit on its own.
func isUnitWord(w string) bool {
	w = strings.ToLower(w)
	for _, u := range distanceUnits {
		if w == u.suffix {
			return true
		}
	}
	for _, u := range weightUnits {
		if w == u.suffix {
			return true
		}
	}
	for _, u := range durationUnits {
		if w == u.word {
			return true
		}
	}
	return false
}

// firstExample is how a command is typed, for a reply about stray words.
func firstExample(spec bot.CommandSpec) string {
	if len(spec.Examples) > 0 {
		return spec.Examples[0]
	}
	return spec.Usage
}

// parseValue reads one argument's value by its kind.
func parseValue(a bot.ArgSpec, s, units string, today domain.Date) (any, error) {
	if a.Clearable && (s == "-" || strings.EqualFold(s, "none")) {
		return cleared{}, nil
	}
	switch a.Kind {
	case bot.ArgInteger:
		return ParseInt(a.Label, withoutUnit(s, a.Unit), int(a.Min), int(a.Max))
	case bot.ArgNumber:
		// Hours may come with their minutes (7:30, 6h45), as in free text.
		if a.Unit == "h" {
			if h, ok := sleepHours(strings.ToLower(strings.TrimSpace(s))); ok {
				s = strconv.FormatFloat(h, 'f', -1, 64)
			}
		}
		return ParseFloat(a.Label, withoutUnit(s, a.Unit), a.Min, a.Max)
	case bot.ArgChoice:
		return parseChoice(a, s)
	case bot.ArgDate:
		return ParseDate(s, today)
	case bot.ArgDuration:
		return parseDurationIn(a, s)
	case bot.ArgDistance:
		return ParseDistance(s, units)
	case bot.ArgWeight:
		return ParseWeight(s, units)
	case bot.ArgClock:
		return ParseClock(s)
	case bot.ArgZone:
		return ParseZone(s)
	case bot.ArgSlot:
		day, minute, err := domain.ParseWeeklySlot(s)
		return weeklySlot{day, minute}, err
	case bot.ArgMember:
		return memberRef{name: strings.TrimSpace(s)}, nil
	}
	return strings.TrimSpace(s), nil
}

// withoutUnit drops the unit the help writes after the number (the h of
// sleep:7.5h), so that a value typed as it is shown reads; the refusal of
// anything else still quotes it whole, since the number is read from s only
// when the unit was the one given.
func withoutUnit(s, unit string) string {
	t := strings.TrimSpace(s)
	// "days" and "1 day", longer first
	for _, u := range []string{unit, strings.TrimSuffix(unit, "s")} {
		if u == "" || len(t) <= len(u) || !strings.EqualFold(t[len(t)-len(u):], u) {
			continue
		}
		if n := strings.TrimSpace(t[:len(t)-len(u)]); endsWithDigit(n) {
			return n
		}
	}
	return s
}

// parseChoice reads one of a's choices, or a word its aliases know.
func parseChoice(a bot.ArgSpec, s string) (string, error) {
	w := strings.ToLower(strings.TrimSpace(s))
	if alias, ok := a.Aliases[w]; ok {
		w = alias
	}
	for _, c := range a.Choices {
		if w == c {
			return c, nil
		}
	}
	return "", invalid(render.BadChoice(a.Label, s, a.Choices))
}

// parseDurationIn reads a duration and checks it against the argument's
// bounds in minutes.
func parseDurationIn(a bot.ArgSpec, s string) (time.Duration, error) {
	d, err := ParseDuration(s)
	if err != nil {
		return 0, err
	}
	if lo, hi := time.Duration(a.Min*float64(time.Minute)), time.Duration(a.Max*float64(time.Minute)); d < lo || d > hi {
		return 0, invalid(render.DurationOutside(a.Label, s, lo, hi))
	}
	return d, nil
}
