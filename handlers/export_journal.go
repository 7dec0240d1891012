package handlers

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"sort"
	"strconv"
	"time"
)

// appendJournalCSV adds the change journal and the guided check-in's skip
// counts to an export. The journal is data about the member: for up to 24
// hours it keeps the values a change replaced (a resting HR before it was
// amended, a run deleted), which the check-in and run rows no longer show,
// so an export without it would not hold every row /forget deletes. Each
// entry is one row of kind "change": the record as it was before the
// change (empty for a run just logged), the change's kind and its time.
func (s *Service) appendJournalCSV(ctx context.Context, data []byte, memberID int64) ([]byte, error) {
	changes, err := s.Changes.Changes(ctx, memberID)
	if err != nil {
		return nil, err
	}
	skips, err := s.Skips.AllStepSkips(ctx, memberID)
	if err != nil {
		return nil, err
	}
	buf := bytes.NewBuffer(data)
	w := csv.NewWriter(buf)
	var rows [][]string
	for _, c := range changes {
		row := []string{"change", c.Date.String(), "", "", "", "", "", "", "", "", "", "", "", "",
			string(c.Kind), c.At.UTC().Format(time.RFC3339)}
		if b := c.CheckInBefore; b != nil {
			copy(row[2:10], []string{optInt(b.RHR), optDecimal(b.HRV, hrvPlaces), optDecimal(b.SleepHours, sleepPlaces),
				optInt(b.SleepQuality), optInt(b.Fatigue), optInt(b.Soreness), optInt(b.Stress), optInt(b.Mood)})
		}
		if b := c.RunBefore; b != nil {
			copy(row[10:14], []string{decimal(b.Metres, metrePlaces), strconv.Itoa(int(b.Duration.Round(time.Second).Seconds())),
				optInt(nonZero(b.RPE)), b.Type})
		}
		rows = append(rows, row)
	}
	steps := make([]string, 0, len(skips))
	for step := range skips {
		steps = append(steps, step)
	}
	sort.Strings(steps)
	for _, step := range steps {
		rows = append(rows, []string{"setting", "", "", "", "", "", "", "", "", "", "", "", "", "",
			"skipped_in_a_row_" + step, strconv.Itoa(skips[step])})
	}
	if err := w.WriteAll(rows); err != nil {
		return nil, fmt.Errorf("write export csv: %w", err)
	}
	return buf.Bytes(), nil
}

// nonZero is &n, or nil for 0 (an RPE not given).
func nonZero(n int) *int {
	if n == 0 {
		return nil
	}
	return &n
}
