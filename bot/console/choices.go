package console

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/runclub/runclub/bot"
)

// A reply's buttons show in the terminal as short numbered choices,
// "1) 7.5 h  2) 8 h", one line a row, and the member answers one by typing
// its number or its label. A number that a button's own label reads as
// (the "6" of "6 h", the "4" of a 1-10 scale) is never given to another
// button, so typing a value always means that value.

// choice is a button with the number the console shows it under.
type choice struct {
	n int
	b bot.Button
}

// numberChoices numbers the buttons of rows in order, passing over the
// numbers that other buttons' labels read as.
func numberChoices(rows [][]bot.Button) [][]choice {
	claimedBy := map[int]string{}
	for _, row := range rows {
		for _, b := range row {
			if v, ok := labelNumber(b.Label); ok {
				claimedBy[v] = b.Label
			}
		}
	}
	out := make([][]choice, 0, len(rows))
	n := 0
	for _, row := range rows {
		cs := make([]choice, 0, len(row))
		for _, b := range row {
			n++
			for owner, ok := claimedBy[n]; ok && owner != b.Label; owner, ok = claimedBy[n] {
				n++
			}
			cs = append(cs, choice{n: n, b: b})
		}
		out = append(out, cs)
	}
	return out
}

// labelNumber is the whole number a label reads as: "6 h" is 6, "7.5 h"
// none, "Skip" none.
func labelNumber(label string) (int, bool) {
	f := strings.Fields(label)
	if len(f) == 0 || len(f) > 2 {
		return 0, false
	}
	v, err := strconv.Atoi(f[0])
	return v, err == nil && v > 0
}

// renderChoices writes the choices, one row a line, indented.
func renderChoices(rows [][]choice) string {
	var b strings.Builder
	for _, row := range rows {
		parts := make([]string, len(row))
		for i, c := range row {
			parts[i] = fmt.Sprintf("%d) %s", c.n, c.b.Label)
		}
		b.WriteString("  " + strings.Join(parts, "  ") + "\n")
	}
	return b.String()
}

// pick turns a typed line into the data of the button it names (by label,
// or by number), or returns the line as typed. A command is never a choice.
func pick(line string, rows [][]choice) string {
	t := strings.TrimSpace(line)
	if t == "" || strings.HasPrefix(t, "/") {
		return line
	}
	flat := strings.ToLower(strings.ReplaceAll(t, " ", ""))
	for _, row := range rows {
		for _, c := range row {
			label := strings.ToLower(strings.ReplaceAll(c.b.Label, " ", ""))
			if flat == label {
				return c.b.Data
			}
		}
	}
	for _, row := range rows {
		for _, c := range row {
			if v, ok := labelNumber(c.b.Label); ok && strconv.Itoa(v) == flat {
				return c.b.Data
			}
		}
	}
	if n, err := strconv.Atoi(flat); err == nil {
		for _, row := range rows {
			for _, c := range row {
				if c.n == n {
					return c.b.Data
				}
			}
		}
	}
	return line
}
