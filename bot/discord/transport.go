package discord

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// rewriteTransport points discordgo at Config.APIURL. discordgo v0.29.0
// builds every REST URL from package-level Endpoint* variables (there is no
// per-session base URL), and reassigning those globals would race between
// sessions and tests. Rewriting requests bound for discordgo.EndpointAPI in
// the session's own http.Client is per-session and race-free; GET /gateway
// goes through it too, so the gateway URL is discovered from the configured
// base exactly as the library does against Discord.
//
// Every request that counts toward Discord's global limit is paced here,
// including the ones discordgo makes on its own (gateway discovery), so the
// whole session stays under the limit. Interaction responses and webhooks
// are exempt on Discord and go straight through: they must meet the 3 s
// window whatever else is queued. The transport also watches for global
// 429s so that every paced request pauses, not only the refused one.
type rewriteTransport struct {
	base     http.RoundTripper
	from     string // discordgo.EndpointAPI when the adapter was built
	to       string // Config.APIURL; equal to from when not rewriting
	pace     func(ctx context.Context) error
	paced    func()
	onGlobal func(retryAfter time.Duration)
}

// exempt reports whether Discord leaves a request out of the global limit.
func exempt(rest string) bool {
	return strings.HasPrefix(rest, "interactions/") || strings.HasPrefix(rest, "webhooks/")
}

func (t *rewriteTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	rest, ours := strings.CutPrefix(req.URL.String(), t.from)
	if ours && !exempt(rest) && t.pace != nil {
		if err := t.pace(req.Context()); err != nil {
			if req.Body != nil {
				req.Body.Close()
			}
			return nil, err
		}
		defer t.paced()
	}
	if t.to != t.from {
		if ours {
			u, err := url.Parse(t.to + rest)
			if err != nil {
				if req.Body != nil {
					req.Body.Close()
				}
				return nil, err
			}
			req = req.Clone(req.Context())
			req.URL = u
			req.Host = u.Host
		}
	}
	resp, err := t.base.RoundTrip(req)
	if err == nil && resp.StatusCode == http.StatusTooManyRequests && resp.Header.Get("X-RateLimit-Global") != "" && t.onGlobal != nil {
		body, rerr := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
		resp.Body.Close()
		resp.Body = io.NopCloser(bytes.NewReader(body))
		if rerr == nil {
			var rl struct {
				RetryAfter float64 `json:"retry_after"`
			}
			if json.Unmarshal(body, &rl) == nil && rl.RetryAfter > 0 {
				t.onGlobal(time.Duration(rl.RetryAfter * float64(time.Second)))
			}
		}
	}
	return resp, err
}
