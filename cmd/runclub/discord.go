package main

import (
	"context"

	"github.com/runclub/runclub/bot/discord"
)

// discordRunners splits the Discord adapter's work into what every replica
// runs and what only the leader runs. Without a public key the gateway
// brings everything, so it is the leader's (Run). With one, interactions
// come to /discord/interactions at any replica, so every replica registers
// the commands and answers (RunInteractions); the gateway, needed then only
// for members' DM text and new servers, is the leader's (Gateway), and none
// is opened in interactions mode.
func discordRunners(dc *discord.Adapter, c DiscordConfig) (every, leader []func(context.Context) error) {
	switch {
	case c.PublicKey == "":
		return nil, []func(context.Context) error{dc.Run}
	case c.Mode == "interactions":
		return []func(context.Context) error{dc.RunInteractions}, nil
	default:
		return []func(context.Context) error{dc.RunInteractions}, []func(context.Context) error{dc.Gateway}
	}
}
