package discord

import (
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/runclub/runclub/bot"
)

// ApplicationCommands builds the slash commands from the command table: one
// chat command per spec, with typed options of the same names as the text
// arguments. A command with subcommands gets an "action" choice (/coach
// action:add member:@Sam) and the subcommands' options beside its own, so
// that every platform takes the same words. Group-only commands are offered
// in servers only; the rest in servers and in DMs with the bot.
func ApplicationCommands(specs []bot.CommandSpec) []*discordgo.ApplicationCommand {
	out := make([]*discordgo.ApplicationCommand, 0, len(specs))
	for _, spec := range specs {
		if spec.Hidden {
			continue
		}
		inDMs := !spec.GroupOnly
		contexts := []discordgo.InteractionContextType{discordgo.InteractionContextGuild}
		if inDMs {
			contexts = append(contexts, discordgo.InteractionContextBotDM)
		}
		cmd := &discordgo.ApplicationCommand{
			Type:         discordgo.ChatApplicationCommand,
			Name:         spec.Name,
			Description:  bot.Clip(spec.Description, 100),
			DMPermission: &inDMs,
			Contexts:     &contexts,
			Options:      []*discordgo.ApplicationCommandOption{},
		}
		for _, arg := range OptionArgs(spec) {
			cmd.Options = append(cmd.Options, option(arg))
		}
		out = append(out, cmd)
	}
	return out
}

// OptionArgs are the arguments a command takes as Discord options, in
// order: its own, then the action that picks a subcommand, then each
// subcommand's arguments not already listed.
func OptionArgs(spec bot.CommandSpec) []bot.ArgSpec {
	var args []bot.ArgSpec
	for _, a := range spec.Args {
		if !a.Hidden {
			args = append(args, a)
		}
	}
	var actions []string
	for _, sub := range spec.Subcommands {
		if !sub.Hidden {
			actions = append(actions, sub.Name)
		}
	}
	if len(actions) == 0 {
		return args
	}
	args = append(args, bot.ArgSpec{Name: bot.ActionOption, Help: "What to do: " + strings.Join(actions, ", "), Kind: bot.ArgChoice, Choices: actions})
	for _, sub := range spec.Subcommands {
		for _, a := range sub.Args {
			if _, dup := (bot.CommandSpec{Args: args}).Arg(a.Name); !dup && !sub.Hidden && !a.Hidden {
				args = append(args, a)
			}
		}
	}
	return args
}

func option(arg bot.ArgSpec) *discordgo.ApplicationCommandOption {
	o := &discordgo.ApplicationCommandOption{
		Name:        arg.Name,
		Description: bot.Clip(arg.Help, 100),
		Type:        discordgo.ApplicationCommandOptionString,
	}
	switch arg.Kind {
	case bot.ArgInteger:
		o.Type = discordgo.ApplicationCommandOptionInteger
	case bot.ArgNumber:
		o.Type = discordgo.ApplicationCommandOptionNumber
	case bot.ArgMember:
		o.Type = discordgo.ApplicationCommandOptionUser
	case bot.ArgChoice:
		for _, c := range arg.Choices {
			o.Choices = append(o.Choices, &discordgo.ApplicationCommandOptionChoice{Name: c, Value: c})
		}
	}
	if bounded := arg.Min != 0 || arg.Max != 0; bounded && (arg.Kind == bot.ArgInteger || arg.Kind == bot.ArgNumber) {
		lo := arg.Min
		o.MinValue = &lo
		o.MaxValue = arg.Max
	}
	return o
}

// optionArgs turns slash-command options into text arguments: integers as
// "52", numbers in their shortest exact form ("7.5"), strings as typed, and
// a user option as the "@Name" of a mention of that user. It also returns
// the options as the text a member would have typed, for logs.
func optionArgs(opts []*discordgo.ApplicationCommandInteractionDataOption, resolved *discordgo.ApplicationCommandInteractionDataResolved) (map[string]string, []bot.Mention, string) {
	args := map[string]string{}
	var mentions []bot.Mention
	var text []string
	for _, o := range opts {
		if o == nil || o.Name == "" {
			continue
		}
		var v string
		switch x := o.Value.(type) {
		case string:
			var ms []bot.Mention
			if o.Type == discordgo.ApplicationCommandOptionUser {
				v, ms = userMention(x, resolved)
			} else {
				v, ms = normaliseMentions(x, nil)
			}
			mentions = append(mentions, ms...)
		case float64:
			// A fraction or a number past int64 under an integer option is
			// passed on as written, for the router to refuse: truncating
			// would store a value the member never gave.
			if o.Type == discordgo.ApplicationCommandOptionInteger && x == math.Trunc(x) && math.Abs(x) <= 1<<53 {
				v = strconv.FormatInt(int64(x), 10)
			} else {
				v = strconv.FormatFloat(x, 'f', -1, 64)
			}
		case bool:
			v = strconv.FormatBool(x)
		default:
			continue
		}
		key := strings.ToLower(o.Name)
		args[key] = v
		text = append(text, key+":"+v)
	}
	return args, mentions, strings.Join(text, " ")
}

// userMention is the token of a user option's value (a user id): "@" and
// their name when Discord resolved it, else "@" and the id.
func userMention(id string, resolved *discordgo.ApplicationCommandInteractionDataResolved) (string, []bot.Mention) {
	name := id
	if resolved != nil {
		if m := resolved.Members[id]; m != nil && m.Nick != "" {
			name = m.Nick
		} else if u := resolved.Users[id]; u != nil {
			name = u.DisplayName()
		}
	}
	token := "@" + name
	return token, []bot.Mention{{Token: token, UserID: id}}
}

// mentionMarkup is Discord's user mention, <@id> or <@!id>.
var mentionMarkup = regexp.MustCompile(`<@!?([0-9]{1,20})>`)

// normaliseMentions replaces Discord's mention markup in s by "@Name" (the
// name from names, else the id), so that handlers see no platform syntax,
// and lists who each token stands for.
func normaliseMentions(s string, names map[string]string) (string, []bot.Mention) {
	var mentions []bot.Mention
	out := mentionMarkup.ReplaceAllStringFunc(s, func(m string) string {
		id := mentionMarkup.FindStringSubmatch(m)[1]
		token := "@" + id
		if n := names[id]; n != "" {
			token = "@" + n
		}
		mentions = append(mentions, bot.Mention{Token: token, UserID: id})
		return token
	})
	return out, mentions
}
