package discord

import (
	"bytes"
	"context"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/runclub/runclub/bot"
)

// Discord's limits on one message.
const (
	MaxMessageLen  = 2000
	maxRows        = 5
	maxRowButtons  = 5
	maxButtonLabel = 80
	maxCustomID    = 100
)

// codeFence opens and closes a Discord code block.
const codeFence = "```"

// outMessage is one Discord message of a rendered reply.
type outMessage struct {
	content string
	rows    []discordgo.MessageComponent
	files   []bot.File
	flags   discordgo.MessageFlags
}

// dgFiles gives fresh readers on every try, as discordgo consumes them.
func (m outMessage) dgFiles() []*discordgo.File {
	var out []*discordgo.File
	for _, f := range m.files {
		out = append(out, &discordgo.File{Name: f.Name, ContentType: f.MIME, Reader: bytes.NewReader(f.Data)})
	}
	return out
}

// noMentions stops text that members wrote (names, notes) from pinging
// anyone, including @everyone.
var noMentions = &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}

// render splits a reply into Discord messages: text in pieces of at most
// 2,000 characters, with the buttons and attachments on the last piece.
// ephemeral marks every piece visible to the invoking member only.
func (a *Adapter) render(r bot.Reply, ephemeral bool) []outMessage {
	pieces := splitText(r.Text, MaxMessageLen)
	// A table goes in code blocks, one per message, so it stays aligned.
	for _, p := range splitText(strings.TrimRight(r.Pre, "\n"), MaxMessageLen-len(codeFence)*2-2) {
		pieces = append(pieces, codeFence+"\n"+p+"\n"+codeFence)
	}
	if len(pieces) == 0 {
		pieces = []string{""}
	}
	out := make([]outMessage, len(pieces))
	var flags discordgo.MessageFlags
	if ephemeral {
		flags = discordgo.MessageFlagsEphemeral
	}
	for i, p := range pieces {
		out[i] = outMessage{content: p, flags: flags}
	}
	last := &out[len(out)-1]
	last.rows = a.buttonRows(r)
	for _, f := range []*bot.File{r.Image, r.Document} {
		if f != nil {
			last.files = append(last.files, *f)
		}
	}
	if last.content == "" && len(last.rows) == 0 && len(last.files) == 0 {
		last.content = "Done."
	}
	return out
}

// buttonRows lays out the reply's buttons as action rows of at most five,
// at most five rows, with the "Check in" form button first when asked for.
// Buttons Discord would refuse are left out (and logged) rather than
// failing the whole message.
func (a *Adapter) buttonRows(r bot.Reply) []discordgo.MessageComponent {
	var rows []discordgo.MessageComponent
	seen := map[string]bool{}
	if r.CheckInForm {
		seen[CheckInButtonID] = true
		rows = append(rows, discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.Button{Label: "Check in", Style: discordgo.PrimaryButton, CustomID: CheckInButtonID},
		}})
	}
	for _, row := range r.Buttons {
		var cur []discordgo.MessageComponent
		flush := func() {
			if len(cur) > 0 {
				rows = append(rows, discordgo.ActionsRow{Components: cur})
				cur = nil
			}
		}
		for _, b := range row {
			if b.Label == "" || b.Data == "" || len(b.Data) > bot.MaxButtonData {
				a.log.Warn("discord: button left out", "label", b.Label, "data_len", len(b.Data))
				continue
			}
			id := b.Data
			// Discord refuses two buttons with one custom id in a message;
			// trailing spaces keep them apart and vanish when parsed.
			for seen[id] && len(id) < maxCustomID {
				id += " "
			}
			seen[id] = true
			cur = append(cur, discordgo.Button{Label: bot.Clip(b.Label, maxButtonLabel), Style: discordgo.SecondaryButton, CustomID: id})
			if len(cur) == maxRowButtons {
				flush()
			}
		}
		flush()
	}
	if len(rows) > maxRows {
		a.log.Warn("discord: reply has more button rows than Discord shows", "rows", len(rows))
		rows = rows[:maxRows]
	}
	return rows
}

// splitText cuts s into pieces of at most n characters, preferring to cut
// after a newline, then after a space. It is linear in len(s).
func splitText(s string, n int) []string {
	var out []string
	for s != "" {
		// byte offset of the (n+1)th rune, or len(s) if s is short enough
		cut, count := len(s), 0
		for i := range s {
			if count == n {
				cut = i
				break
			}
			count++
		}
		if cut == len(s) {
			out = append(out, s)
			break
		}
		piece := s[:cut]
		if i := lastIndexByteFrom(piece, '\n'); i > cut/2 {
			cut = i + 1
		} else if i := lastIndexByteFrom(piece, ' '); i > cut/2 {
			cut = i + 1
		}
		out = append(out, s[:cut])
		s = s[cut:]
	}
	return out
}

func lastIndexByteFrom(s string, b byte) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == b {
			return i
		}
	}
	return -1
}

// respond answers an interaction at once (within the 3 s window): the first
// piece as the response, the rest as follow-ups. A first piece with files
// that cannot go in the first response (an HTTP answer) is deferred and
// delivered by editing the response, which takes attachments.
func (a *Adapter) respond(ic *discordgo.Interaction, r bot.Reply, in initial) {
	msgs := a.render(r, ic.GuildID != "" && r.Private)
	first := msgs[0]
	if len(first.files) > 0 && !in.filesInline() {
		a.deferResponse(ic, in)
		a.completeDeferred(ic, r, in)
		return
	}
	ctx, cancel := a.replyContext()
	defer cancel()
	err := a.do(ctx, "answer interaction", func(ctx context.Context) error {
		return in.respond(ctx, &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{
				Content: first.content, Components: first.rows, Files: first.dgFiles(),
				Flags: first.flags, AllowedMentions: noMentions,
			},
		})
	})
	if err != nil {
		a.log.Error("discord: answer interaction", "interaction", ic.ID, "err", err)
		return
	}
	a.followups(ctx, ic, msgs[1:], in)
}

// completeDeferred delivers the reply to a deferred interaction by editing
// the deferred ("thinking") response. In a server the deferral was
// ephemeral, so a public reply cannot go there: the deferred response gets a
// short note, the reply goes out as public follow-ups, and the note is then
// removed. (Discord treats a follow-up sent while the response is still
// loading as an edit keeping the deferral's flags, so the edit comes first.)
func (a *Adapter) completeDeferred(ic *discordgo.Interaction, r bot.Reply, in initial) {
	inGuild := ic.GuildID != ""
	msgs := a.render(r, inGuild && r.Private)
	ctx, cancel := a.replyContext()
	defer cancel()
	public := inGuild && !r.Private
	first := msgs[0]
	if public {
		first = outMessage{content: "Answer posted in the channel."}
	}
	err := a.webhook(ctx, in, "complete deferred answer", func(ctx context.Context) error {
		content, rows := first.content, first.rows
		if rows == nil {
			rows = []discordgo.MessageComponent{}
		}
		_, err := a.s.InteractionResponseEdit(ic, &discordgo.WebhookEdit{
			Content: &content, Components: &rows, Files: first.dgFiles(), AllowedMentions: noMentions,
		}, discordgo.WithContext(ctx))
		return err
	})
	if err != nil {
		a.log.Error("discord: complete deferred answer", "interaction", ic.ID, "err", err)
		return
	}
	if !public {
		a.followups(ctx, ic, msgs[1:], in)
		return
	}
	a.followups(ctx, ic, msgs, in)
	err = a.webhook(ctx, in, "remove deferred note", func(ctx context.Context) error {
		return a.s.InteractionResponseDelete(ic, discordgo.WithContext(ctx))
	})
	if err != nil {
		a.log.Warn("discord: remove deferred note", "interaction", ic.ID, "err", err)
	}
}

func (a *Adapter) followups(ctx context.Context, ic *discordgo.Interaction, msgs []outMessage, in initial) {
	for _, m := range msgs {
		err := a.webhook(ctx, in, "send follow-up", func(ctx context.Context) error {
			_, err := a.s.FollowupMessageCreate(ic, true, &discordgo.WebhookParams{
				Content: m.content, Components: m.rows, Files: m.dgFiles(), Flags: m.flags, AllowedMentions: noMentions,
			}, discordgo.WithContext(ctx))
			return err
		})
		if err != nil {
			a.log.Error("discord: send follow-up", "interaction", ic.ID, "err", err)
			return
		}
	}
}
