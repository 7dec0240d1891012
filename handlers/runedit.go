package handlers

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/handlers/render"
)

// runByNumber finds the member's run by the number /history shows.
func (s *Service) runByNumber(ctx context.Context, r *request) (domain.Run, error) {
	n, _ := r.args.int("number")
	run, err := s.Runs.RunByNumber(ctx, r.member.ID, n)
	if domain.ErrorCode(err) == domain.ENOTFOUND {
		return domain.Run{}, invalid(render.NoSuchRun(n))
	}
	return run, err
}

// deleteRunCommand answers /run delete N.
func (s *Service) deleteRunCommand(ctx context.Context, r *request) (bot.Reply, error) {
	run, err := s.runByNumber(ctx, r)
	if err != nil {
		return bot.Reply{}, err
	}
	id, err := s.deleteRun(ctx, r, run)
	if err != nil {
		return bot.Reply{}, err
	}
	return bot.Reply{Text: render.RunDeleted(run, unitsOf(r.member), r.today()), Buttons: undoButton(id)}, nil
}

// editRun answers /run edit N key:value: the values given replace the
// run's, checked as a new run's are, pace included.
func (s *Service) editRun(ctx context.Context, r *request) (bot.Reply, error) {
	before, err := s.runByNumber(ctx, r)
	if err != nil {
		return bot.Reply{}, err
	}
	after, changed := editedRun(before, r.args)
	if !changed {
		return bot.Reply{}, invalid(render.NothingToEdit(before.Number))
	}
	units := unitsOf(r.member)
	if sameRun(before, after) {
		return bot.Reply{Text: render.RunUnchanged(before, units, r.today())}, nil
	}
	if err := after.Validate(); err != nil {
		return bot.Reply{}, err
	}
	command := editCommand(before.Number, r.args, after)
	relog := func(meant domain.Run) string { return editCommand(before.Number, r.args, meant) }
	if reply, held, err := paceHold(after, units, r.args.typed("duration"), r.args.has(argConfirm.Name), command, relog); err != nil {
		return bot.Reply{}, err
	} else if held {
		for _, row := range reply.Buttons {
			if len(row[0].Data) > bot.MaxButtonData {
				return bot.Reply{}, invalid(render.EditTooLongToConfirm(before.Number))
			}
		}
		return reply, nil
	}
	id, err := s.updateRun(ctx, r, before, after)
	if err != nil {
		return bot.Reply{}, err
	}
	return bot.Reply{Text: render.RunEdited(before, after, units, r.today()), Buttons: undoButton(id)}, nil
}

// editedRun is run with the edit's values; rpe:- and type:- clear.
func editedRun(run domain.Run, a args) (domain.Run, bool) {
	out := run
	if v, ok := a.float("distance"); ok {
		out.Metres = v
	}
	if v, ok := a.duration("duration"); ok {
		out.Duration = v
	}
	if v, ok := a.int("rpe"); ok {
		out.RPE = v
	} else if a.isCleared("rpe") {
		out.RPE = 0
	}
	if v, ok := a.text("type"); ok {
		out.Type = v
	} else if a.isCleared("type") {
		out.Type = ""
	}
	if v, ok := a.date("date"); ok {
		out.Date = v
	}
	return out, a.has("distance") || a.has("duration") || a.has("rpe") || a.has("type") || a.has("date")
}

// sameRun reports that an edit gives the run the values it has, to the
// metre and the second it is stored in.
func sameRun(a, b domain.Run) bool {
	return wholeMetres(a.Metres) == wholeMetres(b.Metres) && a.Duration.Round(time.Second) == b.Duration.Round(time.Second) &&
		a.RPE == b.RPE && a.Type == b.Type && a.Date == b.Date
}

// editCommand is the /run edit line that makes the same edit with the
// values of run, as a confirmation button sends it: only the keys the
// member gave, in SI.
func editCommand(number int, a args, run domain.Run) string {
	parts := []string{fmt.Sprintf("/run edit %d", number)}
	if a.has("distance") {
		parts = append(parts, fmt.Sprintf("distance:%dm", wholeMetres(run.Metres)))
	}
	if a.has("duration") {
		parts = append(parts, fmt.Sprintf("duration:%ds", int64(run.Duration.Round(time.Second)/time.Second)))
	}
	if a.has("rpe") {
		parts = append(parts, "rpe:"+orDash(run.RPE > 0, fmt.Sprint(run.RPE)))
	}
	if a.has("type") {
		parts = append(parts, "type:"+orDash(run.Type != "", run.Type))
	}
	if a.has("date") {
		parts = append(parts, "date:"+run.Date.String())
	}
	return strings.Join(parts, " ")
}

// orDash is v, or "-" (cleared) when not set.
func orDash(set bool, v string) string {
	if set {
		return v
	}
	return "-"
}

// The arguments of /run's own buttons and of its subcommands.
var (
	// argConfirm is the member's tap on "Yes, store it" or "Add it again".
	argConfirm = bot.ArgSpec{Name: "ok", Label: "Confirmation", Help: "Store it as it is", Kind: bot.ArgChoice, Choices: []string{"1"},
		Aliases: map[string]string{"yes": "1"}, Hidden: true}
	argRunNumber = bot.ArgSpec{Name: "number", Label: "Run number", Help: "The run's number in /history",
		Kind: bot.ArgInteger, Min: 1, Max: 1_000_000, Positional: true, Required: true}
)
