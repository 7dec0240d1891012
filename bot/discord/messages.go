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
		names := map[string]string{}
		for _, u := range m.Mentions {
			if u != nil {
				names[u.ID] = u.DisplayName()
			}
		}
		cmd := bot.Command{
			Platform: domain.PlatformDiscord, UserID: m.Author.ID, UserName: m.Author.DisplayName(),
			ChatID: m.ChannelID, Private: true, Time: m.Timestamp,
		}
		cmd.Text, cmd.Mentions = normaliseMentions(m.Content, names)
		if cmd.Time.IsZero() {
			cmd.Time = a.now()
		}
		r := a.h.Handle(a.context(), cmd)
		ctx, cancel := a.replyContext()
		defer cancel()
		if err := a.Send(ctx, bot.Message{To: bot.Recipient{Platform: domain.PlatformDiscord, UserID: m.Author.ID}, Reply: r}); err != nil {
			a.log.Error("discord: reply to DM", "user", m.Author.ID, "err", err)
		}
	})
}
