package discord

import (
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
)

// onMessage handles what a member types in a DM with the bot, such as a
// bare resting heart rate after the morning prompt. Server messages are not
// received (no GuildMessages intent); there, members use slash commands.
func (a *Adapter) onMessage(_ *discordgo.Session, m *discordgo.MessageCreate) {
	a.guarded("MESSAGE_CREATE", func() {
		if m.Message == nil || m.GuildID != "" || m.Author == nil || m.Author.Bot || strings.TrimSpace(m.Content) == "" {
			return
		}
		a.RememberDM(m.Author.ID, m.ChannelID)
		cmd := bot.Command{
			Platform: domain.PlatformDiscord, UserID: m.Author.ID, UserName: m.Author.DisplayName(),
			ChatID: m.ChannelID, Private: true, Text: m.Content, Time: m.Timestamp,
		}
		if cmd.Time.IsZero() {
			cmd.Time = a.now()
		}
		var r bot.Reply
		name, args, pos, err := bot.ParseText(m.Content)
		if err != nil {
			r = bot.Reply{Text: parseReason(err)}
		} else {
			cmd.Name, cmd.Args, cmd.Positional = name, args, pos
			r = a.handle(cmd)
		}
		ctx, cancel := a.replyContext()
		defer cancel()
		if err := a.Send(ctx, bot.Message{To: bot.Recipient{Platform: domain.PlatformDiscord, UserID: m.Author.ID}, Reply: r}); err != nil {
			a.log.Error("discord: reply to DM", "user", m.Author.ID, "err", err)
		}
	})
}
