package discord

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
)

// Custom ids of the check-in form, which is two short modals because
// Discord allows five inputs in one: the body (the numbers and soreness),
// then the mind (how the member feels). Each has a button that opens it.
const (
	CheckInButtonID     = "modal:checkin"
	CheckInModalID      = "checkin:form"
	CheckInMindButtonID = "modal:checkin:mind"
	CheckInMindModalID  = "checkin:mind"
)

// checkInForms are the two modals: their ids, titles and text inputs, in order.
var checkInForms = []checkInForm{
	{button: CheckInButtonID, modal: CheckInModalID, title: "Morning check-in: body", fields: []string{"rhr", "hrv", "sleep", "quality", "soreness"}},
	{button: CheckInMindButtonID, modal: CheckInMindModalID, title: "Morning check-in: mind", fields: []string{"fatigue", "stress", "mood"}},
}

// checkInForm is one check-in modal.
type checkInForm struct {
	button, modal, title string
	fields               []string
}

// formOf finds the form whose button or modal has id.
func formOf(id string) (checkInForm, bool) {
	for _, f := range checkInForms {
		if id == f.button || id == f.modal {
			return f, true
		}
	}
	return checkInForm{}, false
}

func (a *Adapter) onInteraction(_ *discordgo.Session, ic *discordgo.InteractionCreate) {
	a.guarded("INTERACTION_CREATE", func() {
		if ic.Interaction == nil {
			return
		}
		a.interaction(ic.Interaction, restInitial{a: a, ic: ic.Interaction})
	})
}

// interaction turns one interaction into a command and answers it: a slash
// command or the check-in form arrive with their options, a button with the
// command line it carries; the router reads and checks either. It is the
// one way in for interactions from the gateway and from the HTTP endpoint
// alike; only how the first response goes back (in) differs.
func (a *Adapter) interaction(ic *discordgo.Interaction, in initial) {
	cmd := a.baseCommand(ic)
	switch ic.Type {
	case discordgo.InteractionApplicationCommand:
		data, ok := ic.Data.(discordgo.ApplicationCommandInteractionData)
		if !ok {
			return
		}
		var text string
		cmd.Name = strings.ToLower(data.Name)
		cmd.Options, cmd.Mentions, text = optionArgs(data.Options, data.Resolved)
		cmd.Text = strings.TrimSpace("/" + cmd.Name + " " + text)
	case discordgo.InteractionMessageComponent:
		data, ok := ic.Data.(discordgo.MessageComponentInteractionData)
		if !ok {
			return
		}
		if f, ok := formOf(data.CustomID); ok && data.CustomID == f.button {
			a.openCheckInModal(ic, f, in)
			return
		}
		cmd.Text = strings.TrimSpace(data.CustomID)
	case discordgo.InteractionModalSubmit:
		data, ok := ic.Data.(discordgo.ModalSubmitInteractionData)
		if !ok {
			return
		}
		f, ok := formOf(data.CustomID)
		if !ok || data.CustomID != f.modal {
			a.respond(ic, bot.Reply{Text: "That form has expired. Use /checkin to record this morning's check-in.", Private: true}, in)
			return
		}
		cmd.Name = "checkin"
		cmd.Options = modalArgs(data.Components, f.fields)
		var parts []string
		for _, k := range f.fields {
			if v, ok := cmd.Options[k]; ok {
				parts = append(parts, k+":"+v)
			}
		}
		cmd.Text = strings.TrimSpace("/checkin " + strings.Join(parts, " "))
		if f.modal == CheckInModalID {
			// The body is in; the mind's form is one tap away.
			a.answerThen(ic, cmd, withMindForm, in)
			return
		}
	default:
		return
	}
	a.answerThen(ic, cmd, nil, in)
}

// baseCommand fills in who and where from the interaction, and remembers
// what later pushes need: the member's DM channel and a server they use.
func (a *Adapter) baseCommand(ic *discordgo.Interaction) bot.Command {
	cmd := bot.Command{
		Platform: domain.PlatformDiscord,
		ChatID:   ic.ChannelID,
		GuildID:  ic.GuildID,
		Private:  ic.GuildID == "",
		Time:     a.now(),
	}
	if t, err := discordgo.SnowflakeTimestamp(ic.ID); err == nil && t.Year() > 2015 {
		cmd.Time = t
	}
	var u *discordgo.User
	if ic.Member != nil {
		u = ic.Member.User
		perms := ic.Member.Permissions
		cmd.SenderIsAdmin = perms&discordgo.PermissionManageGuild != 0 || perms&discordgo.PermissionAdministrator != 0
		if ic.Member.Nick != "" {
			cmd.UserName = ic.Member.Nick
		}
	}
	if u == nil {
		u = ic.User
	}
	if u != nil {
		cmd.UserID = u.ID
		if cmd.UserName == "" {
			cmd.UserName = u.DisplayName()
		}
	}
	a.mu.Lock()
	if ic.GuildID != "" {
		cmd.GroupTitle = a.guilds[ic.GuildID].name
		if cmd.UserID != "" {
			a.userGuild[cmd.UserID] = ic.GuildID
		}
	}
	a.mu.Unlock()
	if cmd.Private && cmd.UserID != "" && ic.ChannelID != "" {
		a.RememberDM(cmd.UserID, ic.ChannelID)
	}
	return cmd
}

// withMindForm puts the button of the check-in's second form, the mind,
// above a reply's own buttons.
func withMindForm(r bot.Reply) bot.Reply {
	r.Buttons = append([][]bot.Button{{{Label: "How you feel", Data: CheckInMindButtonID}}}, r.Buttons...)
	return r
}

// modalArgs reads a check-in modal's inputs (those named in fields); empty
// ones are left out so that the handler records only what the member
// filled in.
func modalArgs(rows []discordgo.MessageComponent, fields []string) map[string]string {
	args := map[string]string{}
	var visit func(c discordgo.MessageComponent)
	visit = func(c discordgo.MessageComponent) {
		switch x := c.(type) {
		case *discordgo.ActionsRow:
			for _, in := range x.Components {
				visit(in)
			}
		case discordgo.ActionsRow:
			for _, in := range x.Components {
				visit(in)
			}
		case *discordgo.TextInput:
			put(args, fields, x.CustomID, x.Value)
		case discordgo.TextInput:
			put(args, fields, x.CustomID, x.Value)
		}
	}
	for _, r := range rows {
		visit(r)
	}
	return args
}

func put(args map[string]string, fields []string, id, value string) {
	key := strings.ToLower(strings.TrimSpace(id))
	value = strings.Join(strings.Fields(value), " ")
	for _, f := range fields {
		if key == f && value != "" {
			args[key] = value
		}
	}
}

// openCheckInModal answers a check-in form's button with its modal.
func (a *Adapter) openCheckInModal(ic *discordgo.Interaction, f checkInForm, in initial) {
	labels := map[string]string{}
	for _, spec := range a.cfg.Commands {
		if spec.Name == "checkin" {
			for _, arg := range spec.Args {
				labels[arg.Name] = arg.Help
			}
		}
	}
	placeholders := map[string]string{"rhr": "52", "hrv": "65", "sleep": "7.5", "quality": "4", "fatigue": "3",
		"soreness": "2", "stress": "4", "mood": "7"}
	rows := make([]discordgo.MessageComponent, 0, len(f.fields))
	for _, field := range f.fields {
		label := labels[field]
		if label == "" {
			label = field
		}
		rows = append(rows, discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.TextInput{CustomID: field, Label: bot.Clip(label, 45), Style: discordgo.TextInputShort,
				Placeholder: placeholders[field], Required: false, MaxLength: 10},
		}})
	}
	resp := &discordgo.InteractionResponse{Type: discordgo.InteractionResponseModal, Data: &discordgo.InteractionResponseData{
		CustomID: f.modal, Title: f.title, Components: rows,
	}}
	ctx, cancel := a.replyContext()
	defer cancel()
	err := a.do(ctx, "open check-in form", func(ctx context.Context) error { return in.respond(ctx, resp) })
	if err != nil {
		a.log.Error("discord: open check-in form", "err", err)
	}
}

// replyContext bounds the delivery of an answer. It outlives the run
// context briefly so that an answer in flight at shutdown still goes out.
func (a *Adapter) replyContext() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(a.context()), 30*time.Second)
}

// handleInto runs the handler on its own goroutine, so answer can defer the
// interaction meanwhile; a panic there would end the process, so it is
// recovered here and answered with the apology.
func (a *Adapter) handleInto(done chan<- bot.Reply, cmd bot.Command, then func(bot.Reply) bot.Reply) {
	defer func() {
		if p := recover(); p != nil {
			a.log.Error("discord: handler panicked", "command", cmd.Name, "panic", fmt.Sprint(p))
			done <- bot.Reply{Text: bot.Apology, Private: true}
		}
	}()
	ctx := a.context()
	// The picture is drawn here, inside Discord's window that the deferral
	// keeps open, rather than while answering.
	r := a.resolve(ctx, a.h.Handle(ctx, cmd))
	if then != nil {
		r = then(r)
	}
	done <- r
}

// answerThen runs the handler, applies then to its reply (the adapter's own
// additions, such as the second check-in form's button; nil for none), and
// replies within Discord's window: at once if the handler is quick, else it
// defers (ephemerally in a server, since the reply may be personal) and
// edits the deferred response when the handler is done.
func (a *Adapter) answerThen(ic *discordgo.Interaction, cmd bot.Command, then func(bot.Reply) bot.Reply, in initial) {
	done := make(chan bot.Reply, 1)
	go a.handleInto(done, cmd, then)
	timer := time.NewTimer(a.cfg.DeferAfter)
	defer timer.Stop()
	select {
	case r := <-done:
		a.respond(ic, r, in)
		return
	case <-timer.C:
	}
	a.deferResponse(ic, in)
	r := <-done
	a.completeDeferred(ic, r, in)
}

// deferResponse acknowledges an interaction whose answer comes later by
// editing the response; ephemerally in a server, since the answer may be
// personal.
func (a *Adapter) deferResponse(ic *discordgo.Interaction, in initial) {
	var flags discordgo.MessageFlags
	if ic.GuildID != "" {
		flags = discordgo.MessageFlagsEphemeral
	}
	ctx, cancel := a.replyContext()
	defer cancel()
	err := a.do(ctx, "defer interaction", func(ctx context.Context) error {
		return in.respond(ctx, &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{Flags: flags},
		})
	})
	if err != nil {
		a.log.Error("discord: defer interaction", "interaction", ic.ID, "err", err)
	}
}

// ackOK treats "already acknowledged" as success: it means an earlier try
// of the same response reached Discord.
func ackOK(err error) error {
	var re *discordgo.RESTError
	if errors.As(err, &re) && re.Message != nil && re.Message.Code == discordgo.ErrCodeInteractionHasAlreadyBeenAcknowledged {
		return nil
	}
	return err
}
