package handlers

import (
	"context"
	"strings"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/handlers/render"
)

// help lists the commands, short, from the same table the platforms
// register; "/help run" explains one command.
func (s *Service) help(ctx context.Context, r *request) (bot.Reply, error) {
	if name, ok := r.args.text("command"); ok {
		name = strings.ToLower(strings.TrimPrefix(name, "/"))
		rt, found := s.table[name]
		if !found || name == "" || (rt.rules.console && r.cmd.Platform != domain.PlatformConsole) {
			return bot.Reply{}, invalid(render.NoSuchCommand(name))
		}
		return bot.Reply{Text: render.CommandHelp(rt.fullSpec())}, nil
	}
	specs := s.Commands()
	if r.cmd.Platform == domain.PlatformConsole {
		// The terminal's own commands are listed where they work.
		for i, rt := range s.routes() {
			if rt.rules.console {
				specs[i].Hidden = rt.spec.Hidden
			}
		}
	}
	return bot.Reply{Text: render.Help(specs)}, nil
}

// start registers the sender and explains the bot and its settings.
func (s *Service) start(ctx context.Context, r *request) (bot.Reply, error) {
	return bot.Reply{Text: render.Welcome(r.member)}, nil
}
