package handlers

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/handlers/render"
)

// everything spans every date a row can have.
var (
	firstDate = domain.Date{Year: 1, Month: 1, Day: 1}
	lastDate  = domain.Date{Year: 9999, Month: 12, Day: 31}
)

// export sends the member all their rows as one CSV file.
func (s *Service) export(ctx context.Context, r *request) (bot.Reply, error) {
	checkIns, err := s.CheckIns.CheckIns(ctx, r.member.ID, firstDate, lastDate)
	if err != nil {
		return bot.Reply{}, err
	}
	runs, err := s.Runs.Runs(ctx, r.member.ID, firstDate, lastDate)
	if err != nil {
		return bot.Reply{}, err
	}
	ids, err := s.Members.Identities(ctx, r.member.ID)
	if err != nil {
		return bot.Reply{}, err
	}
	clubs, err := s.Clubs.MemberClubs(ctx, r.member.ID)
	if err != nil {
		return bot.Reply{}, err
	}
	data, err := exportCSV(checkIns, runs)
	if err != nil {
		return bot.Reply{}, err
	}
	data, err = appendAboutCSV(data, r.member, ids, clubs)
	if err != nil {
		return bot.Reply{}, err
	}
	if data, err = s.appendJournalCSV(ctx, data, r.member.ID); err != nil {
		return bot.Reply{}, err
	}
	return bot.Reply{
		Text:     render.Exported(len(checkIns), len(runs)) + " " + render.ExportedAccounts(ids),
		Document: &bot.File{Name: "runclub-export.csv", MIME: "text/csv", Data: data},
	}, nil
}

// Export precision: as finely as the values are measured, and no finer, so
// that 16.1 km reads 16100 and not 16100.000000000002.
const (
	metrePlaces  = 0 // distance to the metre
	hrvPlaces    = 1 // rMSSD to 0.1 ms
	sleepPlaces  = 2 // hours to 0.01 h, 36 seconds
	weightPlaces = 1 // body weight to 0.1 kg
)

// exportCSV writes check-ins and runs as rows of one table, SI units, one
// kind per row, so that a spreadsheet can filter them. Durations are whole
// seconds.
func exportCSV(checkIns []domain.CheckIn, runs []domain.Run) ([]byte, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	rows := [][]string{{"kind", "date", "rhr_bpm", "hrv_ms", "sleep_h", "sleep_quality", "fatigue", "soreness", "stress", "mood",
		"distance_m", "duration_s", "rpe", "type", "key", "value"}}
	for _, c := range checkIns {
		rows = append(rows, []string{"checkin", c.Date.String(), optInt(c.RHR), optDecimal(c.HRV, hrvPlaces), optDecimal(c.SleepHours, sleepPlaces),
			optInt(c.SleepQuality), optInt(c.Fatigue), optInt(c.Soreness), optInt(c.Stress), optInt(c.Mood), "", "", "", "", "", ""})
	}
	for _, r := range runs {
		rpe := ""
		if r.RPE > 0 {
			rpe = strconv.Itoa(r.RPE)
		}
		rows = append(rows, []string{"run", r.Date.String(), "", "", "", "", "", "", "", "",
			decimal(r.Metres, metrePlaces), strconv.Itoa(int(r.Duration.Round(time.Second).Seconds())), rpe, r.Type, "", ""})
	}
	if err := w.WriteAll(rows); err != nil {
		return nil, fmt.Errorf("write export csv: %w", err)
	}
	return buf.Bytes(), nil
}

// appendAboutCSV adds the rest of what is stored about the member (settings,
// weight, linked accounts, club roles) as key/value rows, so the export
// holds every row /forget deletes.
func appendAboutCSV(data []byte, m domain.Member, ids []domain.Identity, clubs []domain.ClubMember) ([]byte, error) {
	buf := bytes.NewBuffer(data)
	w := csv.NewWriter(buf)
	pad := make([]string, 13) // date .. type stay empty
	row := func(kind, key, value string) []string {
		return append(append([]string{kind}, pad...), key, value)
	}
	weight := ""
	if m.WeightKG > 0 {
		weight = decimal(m.WeightKG, weightPlaces)
	}
	rows := [][]string{
		row("setting", "name", m.Name), row("setting", "tz", m.TZ),
		row("setting", "wake", domain.FormatClock(m.WakeMinute)), row("setting", "bed", domain.FormatClock(m.BedMinute)),
		row("setting", "wind_down_min", strconv.Itoa(m.WindDownMinutes)), row("setting", "units", m.Units),
		row("setting", "weight_kg", weight), row("setting", "prompts", strconv.FormatBool(m.PromptsOn)),
		row("setting", "share_with_coach", strconv.FormatBool(m.ShareWithCoach)),
	}
	for _, id := range ids {
		rows = append(rows, row("account", id.Platform, id.UserID))
	}
	for _, c := range clubs {
		rows = append(rows, row("club", strconv.FormatInt(c.ClubID, 10), c.Role))
	}
	if err := w.WriteAll(rows); err != nil {
		return nil, fmt.Errorf("write export csv: %w", err)
	}
	return buf.Bytes(), nil
}

func optInt(v *int) string {
	if v == nil {
		return ""
	}
	return strconv.Itoa(*v)
}

func optDecimal(v *float64, places int) string {
	if v == nil {
		return ""
	}
	return decimal(*v, places)
}

// decimal shows x rounded to places decimals, without trailing zeros: the
// shortest text that reads back as the rounded value.
func decimal(x float64, places int) string {
	p := math.Pow10(places)
	return strconv.FormatFloat(math.Round(x*p)/p, 'f', -1, 64)
}
