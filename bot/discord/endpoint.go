package discord

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/bwmarrin/discordgo"
)

// initial is how an interaction's first response goes back: to the
// callback endpoint for one from the gateway, in the HTTP answer for one
// Discord posted to the interactions endpoint. Everything after it (edits,
// follow-ups) goes through the same webhook endpoints either way.
type initial interface {
	respond(ctx context.Context, resp *discordgo.InteractionResponse) error
	// filesInline reports whether the first response may carry files.
	filesInline() bool
	// answered waits until the first response is on its way to Discord,
	// before an edit or follow-up refers to it.
	answered(ctx context.Context)
	// lags reports whether Discord may not know the first response yet
	// when answered returns, so that an edit or follow-up refused as
	// unknown is worth another try.
	lags() bool
}

// restInitial answers a gateway interaction at its callback endpoint.
type restInitial struct {
	a  *Adapter
	ic *discordgo.Interaction
}

func (r restInitial) respond(ctx context.Context, resp *discordgo.InteractionResponse) error {
	return ackOK(r.a.s.InteractionRespond(r.ic, resp, discordgo.WithContext(ctx)))
}

func (restInitial) filesInline() bool { return true }

// answered returns at once: the callback returned after Discord applied it.
func (restInitial) answered(context.Context) {}

func (restInitial) lags() bool { return false }

// httpInitial hands the first response to the HTTP handler, which writes it
// as the answer to Discord's POST: Discord documents the callback endpoint
// for gateway interactions only. Files are not put in that answer (the
// response is JSON); a reply with files is deferred and edited in instead.
type httpInitial struct {
	resp chan *discordgo.InteractionResponse // buffered: one response
	gone chan struct{}                       // closed when the request ended unanswered
	sent chan struct{}                       // closed once the answer is written
}

func newHTTPInitial() *httpInitial {
	return &httpInitial{resp: make(chan *discordgo.InteractionResponse, 1), gone: make(chan struct{}), sent: make(chan struct{})}
}

// answered waits until the HTTP answer is written (or will never be).
func (h *httpInitial) answered(ctx context.Context) {
	select {
	case <-h.sent:
	case <-h.gone:
	case <-ctx.Done():
	}
}

// lags is true: Discord reads the answer after it was written.
func (*httpInitial) lags() bool { return true }

// errUnanswerable is a first response that can no longer be given.
var errUnanswerable = errors.New("discord: the interaction's HTTP request ended, or was answered already")

func (h *httpInitial) respond(_ context.Context, resp *discordgo.InteractionResponse) error {
	select {
	case <-h.gone:
		return permanent{errUnanswerable}
	default:
	}
	select {
	case h.resp <- resp:
		return nil
	default:
		return permanent{errUnanswerable}
	}
}

func (*httpInitial) filesInline() bool { return false }

// maxInteractionBody bounds what the endpoint reads of a request: an
// interaction, even a modal of five long inputs, is a few kilobytes.
const maxInteractionBody = 256 << 10

// InteractionsHandler serves Discord's HTTP interactions endpoint (the
// application's Interactions Endpoint URL, /discord/interactions on
// runclub's HTTP server). Every request's Ed25519 signature is checked
// against Config.PublicKey (401 if it fails, as Discord requires); a PING is
// answered with a PONG; slash commands, buttons and modal submissions take
// the same path as those from the gateway, and the first response is the
// HTTP answer. Any replica can serve it: it needs no gateway. Without a
// public key it answers 404.
func (a *Adapter) InteractionsHandler() http.Handler {
	return http.HandlerFunc(a.serveInteraction)
}

func (a *Adapter) serveInteraction(w http.ResponseWriter, r *http.Request) {
	if a.cfg.publicKey == nil {
		http.Error(w, "the interactions endpoint is off: set discord.public_key", http.StatusNotFound)
		return
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "POST only", http.StatusMethodNotAllowed)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxInteractionBody)
	if !discordgo.VerifyInteraction(r, a.cfg.publicKey) {
		http.Error(w, "invalid request signature", http.StatusUnauthorized)
		return
	}
	if !a.fresh(r.Header.Get("X-Signature-Timestamp")) {
		// Signed, but not now: a request recorded and sent again.
		http.Error(w, "stale request signature", http.StatusUnauthorized)
		return
	}
	var ic discordgo.Interaction
	if err := json.NewDecoder(r.Body).Decode(&ic); err != nil {
		http.Error(w, "not an interaction", http.StatusBadRequest)
		return
	}
	if ic.Type == discordgo.InteractionPing {
		writeResponse(w, &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong})
		return
	}
	in := newHTTPInitial()
	done := make(chan struct{})
	go func() {
		defer close(done)
		a.guarded("INTERACTION_HTTP", func() { a.interaction(&ic, in) })
	}()
	select {
	case resp := <-in.resp:
		writeResponse(w, resp)
		close(in.sent)
	case <-done:
		select {
		case resp := <-in.resp:
			writeResponse(w, resp)
			close(in.sent)
		default:
			// Nothing to answer: an interaction kind runclub does not
			// use, or the adapter is stopping.
			http.Error(w, "interaction not handled", http.StatusBadRequest)
		}
	case <-r.Context().Done():
		close(in.gone)
	}
}

// webhook runs call, an edit or follow-up of the interaction's first
// response, once that response is on its way, retried by do. For an HTTP
// answer Discord may not have applied yet, "unknown message" or "unknown
// webhook" is tried again rather than taken as final.
func (a *Adapter) webhook(ctx context.Context, in initial, what string, call func(context.Context) error) error {
	in.answered(ctx)
	return a.do(ctx, what, func(ctx context.Context) error {
		err := call(ctx)
		if in.lags() && (isCode(err, discordgo.ErrCodeUnknownMessage) || isCode(err, discordgo.ErrCodeUnknownWebhook)) {
			return transient{err}
		}
		return err
	})
}

// maxSignatureAge is how far a request's signed timestamp may be from the
// adapter's clock: room for clock skew, none for replaying a request much
// later (Discord's interaction tokens last 15 minutes, its answers 3 s).
const maxSignatureAge = 5 * time.Minute

// fresh reports whether a signed timestamp (Unix seconds) is near now.
func (a *Adapter) fresh(ts string) bool {
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return false
	}
	d := a.now().Sub(time.Unix(sec, 0))
	return d < maxSignatureAge && d > -maxSignatureAge
}

// writeResponse writes an interaction response as the HTTP answer.
func writeResponse(w http.ResponseWriter, resp *discordgo.InteractionResponse) {
	body, err := json.Marshal(resp)
	if err != nil {
		http.Error(w, "response not encodable", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(body)
}
