package discord

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/runclub/runclub/bot/discord/discordtest"
)

func TestRunFailsClearlyWithAWrongToken(t *testing.T) {
	t.Parallel()
	fake := discordtest.NewT(t, discordtest.Config{})
	var logs bytes.Buffer
	a, err := New(Config{Token: "wrong-secret-token", APIURL: fake.APIURL()}, newRecorder(nil), nil, slog.New(slog.NewTextHandler(&logs, nil)))
	if err != nil {
		t.Fatal(err)
	}
	err = a.Run(context.Background())
	if err == nil || !strings.Contains(err.Error(), "connect to gateway") || !strings.Contains(err.Error(), "401") {
		t.Fatalf("Run = %v, want a gateway connection error with the 401", err)
	}
	if strings.Contains(err.Error()+logs.String(), "wrong-secret-token") {
		t.Errorf("the token leaked into the error or logs")
	}
}

func TestNewChecksTheConfig(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		cfg  Config
		want string
	}{
		{"no token", Config{}, "token is required"},
		{"bad api url", Config{Token: "t", APIURL: "ftp://example"}, "api_url"},
	}
	for _, c := range cases {
		if _, err := New(c.cfg, newRecorder(nil), nil, nil); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: New = %v, want an error about %s", c.name, err, c.want)
		}
	}
	a, err := New(Config{Token: "abc"}, newRecorder(nil), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if a.s.Token != "Bot abc" || a.cfg.APIURL != DefaultAPIURL {
		t.Errorf("defaults: token prefix or api url not applied")
	}
}
