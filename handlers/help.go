package handlers

import (
	"context"
	"strings"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/handlers/render"
)

// help lists the commands, short, from the same table the platforms
// register; "/help run" explains one command.
func (s *Service) help(ctx context.Context, r *request) (bot.Reply, error) {
	if name, ok := r.args.text("command"); ok {
		name = strings.ToLower(strings.TrimPrefix(name, "/"))
		rt, found := s.table[name]
		if !found || name == "" {
			return bot.Reply{}, invalid(render.NoSuchCommand(name))
		}
		return bot.Reply{Text: render.CommandHelp(rt.fullSpec())}, nil
	}
	return bot.Reply{Text: render.Help(s.Commands())}, nil
}

// start registers the sender and explains the bot and its settings.
func (s *Service) start(ctx context.Context, r *request) (bot.Reply, error) {
	return bot.Reply{Text: render.Welcome(r.member)}, nil
}
