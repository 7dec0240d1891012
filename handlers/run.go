package handlers

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"time"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/handlers/render"
)

// logRun records one run: /run 10mi 82m rpe:6 type:easy date:today. A pace
// no runner runs is refused or held for a confirmation, and a run identical
// to one logged minutes ago is taken as the same message sent twice; the
// buttons of those replies carry the run whole (ok:1), so they work after a
// restart and on every platform.
func (s *Service) logRun(ctx context.Context, r *request) (bot.Reply, error) {
	run := runFromArgs(r.args, r.date())
	run.MemberID, run.CreatedAt = r.member.ID, r.now
	if err := run.Validate(); err != nil {
		return bot.Reply{}, err
	}
	units := unitsOf(r.member)
	confirmed := r.args.has(argConfirm.Name)
	if reply, held, err := paceHold(run, units, r.args.typed("duration"), confirmed, runCommand(run), runCommand); held || err != nil {
		return reply, err
	}
	if !confirmed {
		same, found, err := s.sameRecentRun(ctx, run)
		if err != nil {
			return bot.Reply{}, err
		}
		if found {
			return bot.Reply{Text: render.RunAlreadyLogged(same, units, r.today()),
				Buttons: [][]bot.Button{{{Label: render.ButtonAddAgain, Data: confirm(runCommand(run))}}}}, nil
		}
	}
	id, err := s.createRun(ctx, &run)
	if err != nil {
		return bot.Reply{}, err
	}
	return bot.Reply{Text: render.RunLogged(run, units, r.today()), Buttons: undoButton(id)}, nil
}

// paceHold stops a run whose pace no runner runs: faster than the world
// records is refused (an EINVALID error, so that nothing is stored, not even
// a newcomer), slower than a walk waits for the member's tap (the button
// sends command with ok:1) unless confirmed. Both name the reading the
// member most likely meant; the question offers a button that logs it (as
// relog would send it) when that reading is a plausible run.
func paceHold(run domain.Run, units, typed string, confirmed bool, command string, relog func(domain.Run) string) (bot.Reply, bool, error) {
	check := domain.CheckPace(run.Metres, run.Duration)
	if check == domain.PacePlausible || (check == domain.PaceTooSlow && confirmed) {
		return bot.Reply{}, false, nil
	}
	alt, altText, ok := otherReading(typed, check == domain.PaceTooFast)
	if !ok {
		alt, altText = 0, ""
	}
	if check == domain.PaceTooFast {
		return bot.Reply{}, false, invalid(render.RunTooFast(run, units, typed, alt, altText))
	}
	reply := bot.Reply{Text: render.RunTooSlow(run, units, typed, alt, altText),
		Buttons: [][]bot.Button{{{Label: render.ButtonStoreAnyway, Data: confirm(command)}}}}
	if alt != 0 && domain.CheckPace(run.Metres, alt) == domain.PacePlausible {
		meant := run
		meant.Duration = alt
		reply.Buttons = append(reply.Buttons, []bot.Button{{Label: render.ButtonLogAs(run.Metres, alt, units), Data: relog(meant)}})
	}
	return reply, true, nil
}

// sameRecentRun finds a run identical to run logged within the duplicate
// window.
func (s *Service) sameRecentRun(ctx context.Context, run domain.Run) (domain.Run, bool, error) {
	recent, err := s.Runs.RunsLoggedSince(ctx, run.MemberID, run.CreatedAt.Add(-domain.DuplicateWindow))
	if err != nil {
		return domain.Run{}, false, err
	}
	for i := len(recent) - 1; i >= 0; i-- {
		if recent[i].SameAs(run) {
			return recent[i], true, nil
		}
	}
	return domain.Run{}, false, nil
}

// runCommand is run as the shortest /run line that logs it again: SI
// values to the metre and the second, and the date, so that a button
// pressed after midnight logs the same day. The longest one, 300 km in
// 24 h at RPE 10 of type intervals, is 57 bytes, 61 with ok:1.
func runCommand(run domain.Run) string {
	text := fmt.Sprintf("/run %dm %ds", wholeMetres(run.Metres), int64(run.Duration.Round(time.Second)/time.Second))
	if run.RPE > 0 {
		text += fmt.Sprintf(" rpe:%d", run.RPE)
	}
	if run.Type != "" {
		text += " type:" + run.Type
	}
	return text + " date:" + run.Date.String()
}

// wholeMetres rounds a distance to the metre, and never to nothing.
func wholeMetres(m float64) int64 { return max(1, int64(math.Round(m))) }

// confirm is command with the confirmation a button adds.
func confirm(command string) string { return command + " " + argConfirm.Name + ":1" }

// undoButton is the button that takes back the change just made, and only
// that one.
func undoButton(changeID int64) [][]bot.Button {
	return [][]bot.Button{{{Label: render.ButtonUndo, Data: fmt.Sprintf("/undo %d", changeID)}}}
}

// runFromArgs builds a run on date from checked arguments.
func runFromArgs(a args, date domain.Date) domain.Run {
	run := domain.Run{Date: date}
	run.Metres, _ = a.float("distance")
	run.Duration, _ = a.duration("duration")
	run.RPE, _ = a.int("rpe")
	run.Type, _ = a.text("type")
	return run
}

// unitsOf is the member's units: kilometres until they choose.
func unitsOf(m domain.Member) string { return cmp.Or(m.Units, domain.UnitsKM) }
