package handlers

import (
	"strconv"
	"strings"
	"unicode"
)

// The free-text check-in: "slept 7.5h rhr 51 hrv 62 soreness 6", "rhr 52,
// slept 6:45, legs sore 6", "RHR 49 / 8h sleep". A rule-based reader of
// keywords, numbers and units, no model: it finds each keyword's number
// (after it, else before it), lets a unit speak for itself (8h is sleep,
// 62ms HRV, 51bpm resting HR) and never guesses a number for a word that
// has none ("tired"): that field is asked with buttons instead.

// freeText is what one line of plain text says about a check-in.
type freeText struct {
	// values are the check-in values found, by argument name, as an
	// argument would give them ("51", "7.5"), for the same checks as
	// /checkin's.
	values map[string]string
	// order is the keys of values in the order the text gave them.
	order []string
	// asked are the fields named without a number, in order.
	asked []string
	// unread are the words and numbers that fit nowhere, as typed.
	unread []string
	// yesterday marks a text about yesterday ("yesterday slept 6h").
	yesterday bool
	// run marks a text that speaks of a run ("ran 10k"), for a reply
	// that points to /run.
	run bool
}

// understood reports whether the text named any check-in field.
func (f freeText) understood() bool { return len(f.values) > 0 || len(f.asked) > 0 }

// maxFreeTextTokens bounds the work on one message; the router already
// refuses messages over bot.MaxTextLen.
const maxFreeTextTokens = 200

// token is one word or number of the text.
type token struct {
	text string // as typed
	// field is the check-in key a keyword names; "" for other words.
	field string
	// isNum marks a number: value is its argument text, unit what its
	// unit says it measures ("" when it has none).
	isNum bool
	value string
	unit  string
	used  bool
}

// keywords map a word to the check-in field it names.
var keywords = map[string]string{
	"rhr": "rhr", "hr": "rhr", "pulse": "rhr", "resting": "rhr", "bpm": "rhr",
	"hrv": "hrv", "rmssd": "hrv",
	"slept": "sleep", "sleep": "sleep", "sleeping": "sleep",
	"quality": "quality", "sq": "quality",
	"fatigue": "fatigue", "fatigued": "fatigue", "tired": "fatigue", "tiredness": "fatigue", "exhausted": "fatigue",
	"soreness": "soreness", "sore": "soreness", "doms": "soreness",
	"stress": "stress", "stressed": "stress",
	"mood": "mood", "motivation": "mood", "motivated": "mood",
}

// fillers are words that carry nothing for the check-in.
var fillers = map[string]bool{
	"legs": true, "leg": true, "muscles": true, "my": true, "i": true, "was": true, "is": true, "am": true, "im": true,
	"feel": true, "feeling": true, "felt": true, "last": true, "night": true, "very": true, "a": true, "bit": true,
	"and": true, "ok": true, "today": true, "this": true, "morning": true, "quite": true, "pretty": true, "of": true,
	"at": true, "the": true, "got": true, "about": true, "around": true, "so": true, "little": true, "heart": true,
	"rate": true, "with": true, "only": true, "just": true, "for": true, "&": true, "+": true, "-": true, "=": true,
	"out": true, "level": true, "score": true, "hours": true, "hrs": true, "h": true, "ms": true, "now": true,
}

// unitFields say what a number's unit measures.
var unitFields = map[string]string{
	"h": "sleep", "hr": "sleep", "hrs": "sleep", "hour": "sleep", "hours": "sleep",
	"min": "sleep", "mins": "sleep", "minutes": "sleep",
	"ms": "hrv", "bpm": "rhr",
}

// parseFreeText reads a line of plain text as a check-in.
func parseFreeText(s string) freeText {
	toks := tokenize(s)
	out := freeText{values: map[string]string{}}
	for i := range toks {
		t := &toks[i]
		if t.field == "" || t.isNum || modifies(toks, i) {
			continue
		}
		j := numberFor(toks, i)
		switch {
		case out.values[t.field] != "" || contains(out.asked, t.field):
			// a field given twice: the first one stands
			out.unread = append(out.unread, t.text)
			if j >= 0 {
				toks[j].used = true
				out.unread = append(out.unread, toks[j].text)
			}
		case j < 0:
			out.asked = append(out.asked, t.field)
		default:
			toks[j].used = true
			out.values[t.field] = fieldValue(t.field, toks[j])
			out.order = append(out.order, t.field)
		}
	}
	for i := range toks {
		t := &toks[i]
		if !t.isNum || t.used {
			continue
		}
		// Minutes on their own are a run's or a nap's, not a night's sleep:
		// "ran 10k in 50 minutes" is no 0.83 h night.
		if f := t.unit; f != "" && out.values[f] == "" && !contains(out.asked, f) && !(f == "sleep" && strings.HasSuffix(t.value, "min")) {
			out.values[f] = fieldValue(f, *t)
			out.order = append(out.order, f)
			continue
		}
		out.unread = append(out.unread, t.text)
	}
	for _, t := range toks {
		lower := strings.ToLower(t.text)
		if lower == "yesterday" {
			out.yesterday = true
			continue
		}
		if !t.isNum && t.field == "" && !fillers[lower] {
			out.run = out.run || speaksOfARun(lower)
			out.unread = append(out.unread, t.text)
		}
	}
	// A field named without a number but given by a unit elsewhere is given.
	asked := out.asked[:0]
	for _, f := range out.asked {
		if out.values[f] == "" {
			asked = append(asked, f)
		}
	}
	out.asked = asked
	return out
}

// runWords are the words of a run told in words.
var runWords = map[string]bool{"ran": true, "run": true, "running": true, "jog": true, "jogged": true,
	"km": true, "k": true, "mi": true, "mile": true, "miles": true}

// speaksOfARun reports a run word or a distance such as 10k or 6mi.
func speaksOfARun(w string) bool {
	if runWords[w] {
		return true
	}
	i := 0
	for i < len(w) && (isDigit(w[i]) || w[i] == '.') {
		i++
	}
	return i > 0 && i < len(w) && runWords[w[i:]]
}

// modifies reports a keyword that only qualifies the next one: "resting
// hr", "sleep quality". The next keyword takes the number.
func modifies(toks []token, i int) bool {
	for j := i + 1; j < len(toks); j++ {
		t := toks[j]
		if t.isNum || (t.field == "" && !fillers[strings.ToLower(t.text)]) {
			return false
		}
		if t.field != "" {
			return t.field == toks[i].field || (toks[i].field == "sleep" && t.field == "quality")
		}
	}
	return false
}

// numberFor finds the number keyword i speaks of: the next unused one,
// then the one just before it, that fits the field (its unit, its range),
// else the next one whatever it is, for the field's checks to refuse. -1
// when there is none.
func numberFor(toks []token, i int) int {
	f := toks[i].field
	next, prev := neighbour(toks, i, 1), neighbour(toks, i, -1)
	for _, j := range []int{next, prev} {
		if j >= 0 && fits(f, toks[j]) {
			return j
		}
	}
	if next >= 0 && (toks[next].unit == "" || toks[next].unit == f) {
		return next
	}
	return -1
}

// neighbour is the index of the first unused number from i in direction
// step, past fillers only; -1 if a keyword or another word comes first.
func neighbour(toks []token, i, step int) int {
	for j := i + step; j >= 0 && j < len(toks); j += step {
		t := toks[j]
		switch {
		case t.isNum && !t.used:
			return j
		case t.isNum, t.field != "", !fillers[strings.ToLower(t.text)]:
			return -1
		}
	}
	return -1
}

// fieldRanges are the valid values of each field, to tell which number a
// keyword means when two are near it.
var fieldRanges = map[string][2]float64{
	"rhr": {25, 120}, "hrv": {5, 300}, "sleep": {0, 16}, "quality": {1, 5},
	"fatigue": {1, 10}, "soreness": {1, 10}, "stress": {1, 10}, "mood": {1, 10},
}

// fits reports whether t can be field's value: its unit agrees and the
// number is in the field's range.
func fits(field string, t token) bool {
	if t.unit != "" && t.unit != field {
		return false
	}
	v, err := strconv.ParseFloat(fieldValue(field, t), 64)
	r := fieldRanges[field]
	return err == nil && v >= r[0] && v <= r[1]
}

// fieldValue is t as field's argument: sleep in decimal hours (6:45 is
// 6.75, 7h30 is 7.5, 450min is 7.5), a score out of 10 as its numerator.
func fieldValue(field string, t token) string {
	if field == "sleep" {
		if h, ok := sleepHours(t.value); ok {
			return strconv.FormatFloat(h, 'f', -1, 64)
		}
	}
	return t.value
}

// sleepHours reads "7.5", "6:45", "7h30", "7h30m" and "450min" as hours,
// to the minute.
func sleepHours(v string) (float64, bool) {
	if strings.HasSuffix(v, "min") {
		m, err := parseNumber(strings.TrimSuffix(v, "min"))
		return float64(int(float64(int(m+0.5))/60*100+0.5)) / 100, err == nil && m <= 24*60
	}
	h, m, hasMinutes := strings.Cut(strings.NewReplacer("h", ":", "m", "").Replace(v), ":")
	if !hasMinutes {
		f, err := parseNumber(h)
		return f, err == nil
	}
	hh, err1 := strconv.Atoi(h)
	mm := 0
	var err2 error
	if m != "" {
		mm, err2 = strconv.Atoi(m)
	}
	if err1 != nil || err2 != nil || mm >= 60 || hh > 24 || len(m) > 2 {
		return 0, false
	}
	return float64(hh) + float64(int(float64(mm)/60*100+0.5))/100, true
}

// tokenize splits the text into words and numbers: at spaces, commas and
// semicolons (a comma between digits is a decimal one), slashes (but 6/10
// is a score) and a colon or equals sign after a word (rhr:52); a number's
// unit may follow it as a word (8 hours).
func tokenize(s string) []token {
	var fields []string
	for _, f := range strings.FieldsFunc(decimalCommas(s), func(r rune) bool {
		return unicode.IsSpace(r) || r == ',' || r == ';' || r == '(' || r == ')' || r == '!' || r == '?'
	}) {
		fields = append(fields, splitWord(f)...)
		if len(fields) > maxFreeTextTokens {
			break
		}
	}
	var toks []token
	for i := 0; i < len(fields) && len(toks) < maxFreeTextTokens; i++ {
		f := strings.TrimRight(fields[i], ".")
		if f == "" {
			continue
		}
		lower := strings.ToLower(f)
		if v, unit, ok := readNumber(lower); ok {
			if unit == "" && i+1 < len(fields) {
				if u, ok := unitFields[strings.ToLower(fields[i+1])]; ok {
					unit = u
					if u == "sleep" && strings.HasPrefix(strings.ToLower(fields[i+1]), "min") {
						v += "min"
					}
					f += " " + fields[i+1]
					i++
				}
			}
			toks = append(toks, token{text: f, isNum: true, value: v, unit: unit})
			continue
		}
		toks = append(toks, token{text: f, field: keywords[lower]})
	}
	return toks
}

// decimalCommas turns a comma between two digits into a point.
func decimalCommas(s string) string {
	b := []byte(s)
	for i := 1; i+1 < len(b); i++ {
		if b[i] == ',' && isDigit(b[i-1]) && isDigit(b[i+1]) {
			b[i] = '.'
		}
	}
	return string(b)
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// splitWord splits "rhr:52", "rhr=52" and "49/8h" into their parts; a score
// "6/10" and a time "6:45" stay whole.
func splitWord(f string) []string {
	if i := strings.IndexAny(f, ":="); i > 0 && !isDigit(f[0]) {
		return append([]string{f[:i]}, splitWord(f[i+1:])...)
	}
	if i := strings.IndexByte(f, '/'); i >= 0 {
		if _, _, ok := readNumber(strings.ToLower(f)); ok {
			return []string{f}
		}
		var out []string
		for _, p := range strings.Split(f, "/") {
			if p != "" {
				out = append(out, p)
			}
		}
		return out
	}
	return []string{f}
}

// readNumber reads a number token: 52, 7.5, 6:45, 6/10, 7h30, and a number
// with a unit (7.5h, 62ms, 51bpm, 450min). value is the number as an
// argument gives it; unit the field the unit measures.
func readNumber(w string) (value, unit string, ok bool) {
	if num, den, isScore := strings.Cut(w, "/"); isScore {
		if _, err := strconv.Atoi(num); err != nil || (den != "10" && den != "5") {
			return "", "", false
		}
		return num, "", true
	}
	if h, m, isClock := strings.Cut(w, ":"); isClock {
		if _, err := strconv.Atoi(h); err != nil || len(m) != 2 || !isDigit(m[0]) || !isDigit(m[1]) || len(h) > 2 {
			return "", "", false
		}
		return w, "sleep", true
	}
	i := 0
	for i < len(w) && (isDigit(w[i]) || w[i] == '.') {
		i++
	}
	if i == 0 || i > 8 {
		return "", "", false
	}
	if _, err := parseNumber(w[:i]); err != nil {
		return "", "", false
	}
	rest := w[i:]
	if rest == "" {
		return w, "", true
	}
	if f, ok := unitFields[rest]; ok {
		if f == "sleep" && strings.HasPrefix(rest, "min") {
			return w[:i] + "min", f, true
		}
		return w[:i], f, true
	}
	// 7h30 and 7h30m: hours and minutes of sleep
	if h, m, ok := strings.Cut(rest, "h"); ok && h == "" && len(strings.TrimSuffix(m, "m")) == 2 {
		if _, err := strconv.Atoi(strings.TrimSuffix(m, "m")); err == nil && !strings.Contains(w[:i], ".") {
			return w[:i] + "h" + strings.TrimSuffix(m, "m"), "sleep", true
		}
	}
	return "", "", false
}
