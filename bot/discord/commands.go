package discord

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/runclub/runclub/bot"
)

// ApplicationCommands builds the slash commands from bot.Commands: one chat
// command per spec, with typed options of the same names as the text
// arguments. Group-only commands are offered in servers only; the rest in
// servers and in DMs with the bot.
func ApplicationCommands() []*discordgo.ApplicationCommand {
	out := make([]*discordgo.ApplicationCommand, 0, len(bot.Commands))
	for _, spec := range bot.Commands {
		inDMs := !spec.GroupOnly
		contexts := []discordgo.InteractionContextType{discordgo.InteractionContextGuild}
		if inDMs {
			contexts = append(contexts, discordgo.InteractionContextBotDM)
		}
		cmd := &discordgo.ApplicationCommand{
			Type:         discordgo.ChatApplicationCommand,
			Name:         spec.Name,
			Description:  clip(spec.Description, 100),
			DMPermission: &inDMs,
			Contexts:     &contexts,
			Options:      []*discordgo.ApplicationCommandOption{},
		}
		for _, arg := range spec.Args {
			cmd.Options = append(cmd.Options, option(arg))
		}
		out = append(out, cmd)
	}
	return out
}

func option(arg bot.ArgSpec) *discordgo.ApplicationCommandOption {
	o := &discordgo.ApplicationCommandOption{
		Name:        arg.Name,
		Description: clip(arg.Description, 100),
		Type:        discordgo.ApplicationCommandOptionString,
	}
	bounded := arg.Min != 0 || arg.Max != 0
	switch arg.Kind {
	case bot.ArgInteger:
		o.Type = discordgo.ApplicationCommandOptionInteger
	case bot.ArgNumber:
		o.Type = discordgo.ApplicationCommandOptionNumber
	case bot.ArgChoice:
		for _, c := range arg.Choices {
			o.Choices = append(o.Choices, &discordgo.ApplicationCommandOptionChoice{Name: c, Value: c})
		}
	}
	if bounded && (arg.Kind == bot.ArgInteger || arg.Kind == bot.ArgNumber) {
		lo := arg.Min
		o.MinValue = &lo
		o.MaxValue = arg.Max
	}
	return o
}

// clip shortens s to n runes, as Discord refuses longer descriptions.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// optionArgs turns slash-command options into text arguments: integers as
// "52", numbers in their shortest exact form ("7.5"), strings as typed.
func optionArgs(opts []*discordgo.ApplicationCommandInteractionDataOption) (map[string]string, string) {
	args := map[string]string{}
	var text []string
	for _, o := range opts {
		if o == nil || o.Name == "" {
			continue
		}
		var v string
		switch x := o.Value.(type) {
		case string:
			v = x
		case float64:
			// A fraction or a number past int64 under an integer option is
			// passed on as written, for the handler to refuse: truncating
			// would store a value the member never gave.
			if o.Type == discordgo.ApplicationCommandOptionInteger && x == math.Trunc(x) && math.Abs(x) <= 1<<53 {
				v = strconv.FormatInt(int64(x), 10)
			} else {
				v = strconv.FormatFloat(x, 'f', -1, 64)
			}
		case bool:
			v = strconv.FormatBool(x)
		case nil:
			continue
		default:
			continue
		}
		key := strings.ToLower(o.Name)
		args[key] = v
		text = append(text, key+":"+v)
	}
	return args, strings.Join(text, " ")
}
