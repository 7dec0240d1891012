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

// Custom ids of the check-in form: the button that opens the modal and the
// modal itself.
const (
	CheckInButtonID = "modal:checkin"
	CheckInModalID  = "checkin:form"
)

// checkInFields are the modal's text inputs, in order; Discord allows five.
var checkInFields = []string{"rhr", "hrv", "sleep", "fatigue", "soreness"}

func (a *Adapter) onInteraction(_ *discordgo.Session, ic *discordgo.InteractionCreate) {
	a.guarded("INTERACTION_CREATE", func() {
		if ic.Interaction == nil {
			return
		}
		a.interaction(ic.Interaction)
	})
}

// interaction turns one interaction into a command and answers it: a slash
// command or the check-in form arrive with their options, a button with the
// command line it carries; the router reads and checks either.
func (a *Adapter) interaction(ic *discordgo.Interaction) {
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
		if data.CustomID == CheckInButtonID {
			a.openCheckInModal(ic)
			return
		}
		cmd.Text = strings.TrimSpace(data.CustomID)
	case discordgo.InteractionModalSubmit:
		data, ok := ic.Data.(discordgo.ModalSubmitInteractionData)
		if !ok {
			return
		}
		if data.CustomID != CheckInModalID {
			a.respond(ic, bot.Reply{Text: "That form has expired. Use /checkin to record this morning's check-in.", Private: true})
			return
		}
		cmd.Name = "checkin"
		cmd.Options = modalArgs(data.Components)
		var parts []string
		for _, k := range checkInFields {
			if v, ok := cmd.Options[k]; ok {
				parts = append(parts, k+":"+v)
			}
		}
		cmd.Text = strings.TrimSpace("/checkin " + strings.Join(parts, " "))
	default:
		return
	}
	a.answer(ic, cmd)
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

// modalArgs reads the check-in modal's inputs; empty ones are left out so
// that the handler records only what the member filled in.
func modalArgs(rows []discordgo.MessageComponent) map[string]string {
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
			put(args, x.CustomID, x.Value)
		case discordgo.TextInput:
			put(args, x.CustomID, x.Value)
		}
	}
	for _, r := range rows {
		visit(r)
	}
	return args
}

func put(args map[string]string, id, value string) {
	key := strings.ToLower(strings.TrimSpace(id))
	value = strings.Join(strings.Fields(value), " ")
	for _, f := range checkInFields {
		if key == f && value != "" {
			args[key] = value
		}
	}
}

// openCheckInModal answers the "Check in" button with the check-in form.
func (a *Adapter) openCheckInModal(ic *discordgo.Interaction) {
	labels := map[string]string{}
	for _, spec := range a.cfg.Commands {
		if spec.Name == "checkin" {
			for _, arg := range spec.Args {
				labels[arg.Name] = arg.Help
			}
		}
	}
	placeholders := map[string]string{"rhr": "52", "hrv": "65", "sleep": "7.5", "fatigue": "3", "soreness": "2"}
	rows := make([]discordgo.MessageComponent, 0, len(checkInFields))
	for _, f := range checkInFields {
		label := labels[f]
		if label == "" {
			label = f
		}
		rows = append(rows, discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.TextInput{CustomID: f, Label: bot.Clip(label, 45), Style: discordgo.TextInputShort,
				Placeholder: placeholders[f], Required: false, MaxLength: 10},
		}})
	}
	resp := &discordgo.InteractionResponse{Type: discordgo.InteractionResponseModal, Data: &discordgo.InteractionResponseData{
		CustomID: CheckInModalID, Title: "Morning check-in", Components: rows,
	}}
	ctx, cancel := a.replyContext()
	defer cancel()
	err := a.do(ctx, "open check-in form", func(ctx context.Context) error {
		return ackOK(a.s.InteractionRespond(ic, resp, discordgo.WithContext(ctx)))
	})
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
func (a *Adapter) handleInto(done chan<- bot.Reply, cmd bot.Command) {
	defer func() {
		if p := recover(); p != nil {
			a.log.Error("discord: handler panicked", "command", cmd.Name, "panic", fmt.Sprint(p))
			done <- bot.Reply{Text: bot.Apology, Private: true}
		}
	}()
	done <- a.h.Handle(a.context(), cmd)
}

// answer runs the handler and replies within Discord's window: at once if
// the handler is quick, else it defers (ephemerally in a server, since the
// reply may be personal) and edits the deferred response when the handler
// is done.
func (a *Adapter) answer(ic *discordgo.Interaction, cmd bot.Command) {
	done := make(chan bot.Reply, 1)
	go a.handleInto(done, cmd)
	timer := time.NewTimer(a.cfg.DeferAfter)
	defer timer.Stop()
	select {
	case r := <-done:
		a.respond(ic, r)
		return
	case <-timer.C:
	}
	inGuild := ic.GuildID != ""
	var flags discordgo.MessageFlags
	if inGuild {
		flags = discordgo.MessageFlagsEphemeral
	}
	ctx, cancel := a.replyContext()
	err := a.do(ctx, "defer interaction", func(ctx context.Context) error {
		return ackOK(a.s.InteractionRespond(ic, &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{Flags: flags},
		}, discordgo.WithContext(ctx)))
	})
	cancel()
	if err != nil {
		a.log.Error("discord: defer interaction", "command", cmd.Name, "err", err)
	}
	r := <-done
	a.completeDeferred(ic, r)
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
