package telegramtest

import (
	"math"
	"time"

	"golang.org/x/time/rate"
)

// Fault makes the fake answer matching requests with an error or slowly.
type Fault struct {
	// Method is the Bot API method it applies to, e.g. "sendMessage"; empty
	// means any method except getUpdates.
	Method string
	// ChatID limits the fault to requests for that chat_id; 0 means any.
	ChatID int64
	// Code is the error code to answer (429, 500, 403, 400...); 0 answers
	// normally, which with Hold makes a slow but successful answer.
	Code        int
	Description string
	// RetryAfter is the 429 answer's parameters.retry_after in seconds.
	RetryAfter int
	// MigrateTo is the 400 answer's parameters.migrate_to_chat_id.
	MigrateTo int64
	// Hold delays the answer until it is closed. If the client gives up
	// first, nothing is recorded or sent, as when a connection drops.
	Hold <-chan struct{}
	// Times is how many requests the fault applies to; 0 means once.
	Times int
}

func (f *Fault) apiError() *apiError {
	e := &apiError{code: f.Code, description: f.Description, retryAfter: f.RetryAfter, migrateTo: f.MigrateTo}
	if e.description == "" {
		switch f.Code {
		case 429:
			e.description = "Too Many Requests: retry after " + itoa(f.RetryAfter)
		case 500:
			e.description = "Internal Server Error"
		case 502:
			e.description = "Bad Gateway"
		case 403:
			e.description = "Forbidden: bot was blocked by the user"
		default:
			e.description = "Bad Request"
		}
	}
	return e
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

// Fail queues a fault; faults apply in the order they were queued.
func (s *Server) Fail(f Fault) {
	if f.Times == 0 {
		f.Times = 1
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &f)
}

func (s *Server) takeFaultLocked(req *request) *Fault {
	if req.method == "getUpdates" {
		return nil
	}
	for i, f := range s.faults {
		if f.Method != "" && f.Method != req.method {
			continue
		}
		if f.ChatID != 0 {
			id, e := req.chatID()
			if e != nil || id != f.ChatID {
				continue
			}
		}
		f.Times--
		if f.Times <= 0 {
			s.faults = append(s.faults[:i], s.faults[i+1:]...)
		}
		return f
	}
	return nil
}

// Rate is a limit of Count messages per Per, with Burst messages allowed
// at once (Burst 0 means Count).
type Rate struct {
	Count int
	Per   time.Duration
	Burst int
}

func (r Rate) limit(factor float64) rate.Limit {
	return rate.Limit(float64(r.Count) / r.Per.Seconds() * factor)
}

func (r Rate) burst() int {
	if r.Burst > 0 {
		return r.Burst
	}
	return r.Count
}

// Limits are the send limits the fake enforces. A zero Rate is no limit.
type Limits struct {
	Global   Rate // all chats together
	PerChat  Rate // one chat
	PerGroup Rate // one group (negative chat id)
	// Factor multiplies every rate, so a test can run Telegram's limits
	// faster; 0 means 1.
	Factor float64
}

// TelegramLimits are the documented limits (30 messages/s overall, about
// 1/s per chat with short bursts tolerated, 20/min per group) scaled by factor.
func TelegramLimits(factor float64) Limits {
	return Limits{
		Global:   Rate{Count: 30, Per: time.Second},
		PerChat:  Rate{Count: 1, Per: time.Second, Burst: 3},
		PerGroup: Rate{Count: 20, Per: time.Minute},
		Factor:   factor,
	}
}

// GlobalRate is the enforced overall rate in messages per second.
func (l Limits) GlobalRate() float64 { return float64(l.Global.limit(l.factor())) }

// ChatRate is the enforced per-chat rate in messages per second.
func (l Limits) ChatRate() float64 { return float64(l.PerChat.limit(l.factor())) }

// GroupRate is the enforced per-group rate in messages per second.
func (l Limits) GroupRate() float64 { return float64(l.PerGroup.limit(l.factor())) }

func (l Limits) factor() float64 {
	if l.Factor == 0 {
		return 1
	}
	return l.Factor
}

type limiter struct {
	lim    Limits
	global *rate.Limiter
	chats  map[int64]*rate.Limiter
	groups map[int64]*rate.Limiter
}

func newLimiter(l Limits) *limiter {
	lt := &limiter{lim: l, chats: map[int64]*rate.Limiter{}, groups: map[int64]*rate.Limiter{}}
	if l.Global.Count > 0 {
		lt.global = rate.NewLimiter(l.Global.limit(l.factor()), l.Global.burst())
	}
	return lt
}

// allow takes a token from every bucket the message counts against, or
// none, and says how long to wait when refused.
func (lt *limiter) allow(now time.Time, chatID int64) (bool, time.Duration, string) {
	var lims []*rate.Limiter
	names := []string{}
	if lt.global != nil {
		lims = append(lims, lt.global)
		names = append(names, "global")
	}
	if lt.lim.PerChat.Count > 0 {
		l, ok := lt.chats[chatID]
		if !ok {
			l = rate.NewLimiter(lt.lim.PerChat.limit(lt.lim.factor()), lt.lim.PerChat.burst())
			lt.chats[chatID] = l
		}
		lims = append(lims, l)
		names = append(names, "chat")
	}
	if chatID < 0 && lt.lim.PerGroup.Count > 0 {
		l, ok := lt.groups[chatID]
		if !ok {
			l = rate.NewLimiter(lt.lim.PerGroup.limit(lt.lim.factor()), lt.lim.PerGroup.burst())
			lt.groups[chatID] = l
		}
		lims = append(lims, l)
		names = append(names, "group")
	}
	var wait time.Duration
	var which string
	for i, l := range lims {
		if t := l.TokensAt(now); t < 1 {
			d := time.Duration((1 - t) / float64(l.Limit()) * float64(time.Second))
			if d > wait {
				wait, which = d, names[i]
			}
		}
	}
	if wait > 0 {
		return false, wait, which
	}
	for _, l := range lims {
		l.AllowN(now, 1)
	}
	return true, 0, ""
}

// retryAfter is what Telegram would put in retry_after: whole seconds, at
// least one.
func retryAfter(d time.Duration) int {
	return int(math.Max(1, math.Ceil(d.Seconds())))
}

// MinFanOut is the least time the enforced limits allow for n messages to n
// different private chats: the global burst at once, the rest at the
// global rate.
func (l Limits) MinFanOut(n int) time.Duration {
	if l.Global.Count == 0 {
		return 0
	}
	rest := max(n-l.Global.burst(), 0)
	return time.Duration(float64(rest) / l.GlobalRate() * float64(time.Second))
}

// MinChatBurst is the least time the enforced limits allow for n messages
// to one private chat.
func (l Limits) MinChatBurst(n int) time.Duration {
	if l.PerChat.Count == 0 {
		return 0
	}
	rest := max(n-l.PerChat.burst(), 0)
	return time.Duration(float64(rest) / l.ChatRate() * float64(time.Second))
}
