package discord

import (
	"bytes"
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
// It also watches for global 429s so that every paced request pauses, not
// only the one that was refused.
type rewriteTransport struct {
	base     http.RoundTripper
	from     string // discordgo.EndpointAPI when the adapter was built
	to       string // Config.APIURL; equal to from when not rewriting
	onGlobal func(retryAfter time.Duration)
}

func (t *rewriteTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if t.to != t.from {
		if rest, ok := strings.CutPrefix(req.URL.String(), t.from); ok {
			u, err := url.Parse(t.to + rest)
			if err != nil {
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
