package discordtest

import (
	"encoding/json"
	"net/http"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// GatewayOp is a payload the client sent on the gateway.
type GatewayOp struct {
	Op   int
	Data json.RawMessage
}

// gwConn is one websocket connection; writes are serialised.
type gwConn struct {
	ws *websocket.Conn
	mu sync.Mutex
}

func (c *gwConn) write(v any) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.ws.WriteJSON(v)
}

// gatewayState is guarded by Server.mu.
type gatewayState struct {
	all        []*gwConn
	conn       *gwConn // the connection with a live session, nil between sessions
	sessionID  string
	seq        int64
	queue      []frame // dispatches waiting for a session
	ops        []GatewayOp
	identifies int
	resumes    int
	heartbeats int
	reconnects int
	intents    int64
}

type frame struct {
	Op   int    `json:"op"`
	Data any    `json:"d"`
	Seq  *int64 `json:"s,omitempty"`
	Type string `json:"t,omitempty"`
}

// Dispatch sends an event (op 0) to the connected session, or queues it
// until a session identifies or resumes, as Discord replays missed events.
func (s *Server) Dispatch(event string, data any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.gw.seq++
	seq := s.gw.seq
	f := frame{Op: 0, Data: data, Seq: &seq, Type: event}
	if s.gw.conn == nil {
		s.gw.queue = append(s.gw.queue, f)
		return
	}
	if err := s.gw.conn.write(f); err != nil {
		s.gw.conn = nil
		s.gw.queue = append(s.gw.queue, f)
	}
}

// Reconnect asks the client to reconnect (op 7). Events dispatched until it
// resumes are queued and replayed after RESUMED.
func (s *Server) Reconnect() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.gw.conn != nil {
		s.gw.conn.write(frame{Op: 7})
		s.gw.conn = nil
	}
	s.gw.reconnects++
	s.notifyLocked()
}

// Identifies counts IDENTIFY payloads (new sessions).
func (s *Server) Identifies() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.gw.identifies
}

// Resumes counts successful RESUMEs.
func (s *Server) Resumes() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.gw.resumes
}

// Heartbeats counts heartbeats received.
func (s *Server) Heartbeats() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.gw.heartbeats
}

// Intents returns the intents of the last IDENTIFY.
func (s *Server) Intents() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.gw.intents
}

// GatewayOps returns every payload the client sent on the gateway.
func (s *Server) GatewayOps() []GatewayOp {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]GatewayOp(nil), s.gw.ops...)
}

// Connected reports whether a session is live (identified or resumed).
func (s *Server) Connected() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.gw.conn != nil
}

func (s *Server) serveGateway(w http.ResponseWriter, r *http.Request) {
	ws, err := s.up.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	c := &gwConn{ws: ws}
	s.mu.Lock()
	s.gw.all = append(s.gw.all, c)
	s.mu.Unlock()
	defer ws.Close()

	hello := frame{Op: 10, Data: map[string]any{"heartbeat_interval": s.cfg.HeartbeatInterval.Milliseconds()}}
	if c.write(hello) != nil {
		return
	}
	for {
		_, raw, err := ws.ReadMessage()
		if err != nil {
			s.mu.Lock()
			if s.gw.conn == c {
				s.gw.conn = nil
			}
			s.notifyLocked()
			s.mu.Unlock()
			return
		}
		var in struct {
			Op   int             `json:"op"`
			Data json.RawMessage `json:"d"`
		}
		if json.Unmarshal(raw, &in) != nil {
			ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(4002, "Decode error"), time.Now().Add(time.Second))
			return
		}
		s.mu.Lock()
		s.gw.ops = append(s.gw.ops, GatewayOp{Op: in.Op, Data: in.Data})
		s.mu.Unlock()
		switch in.Op {
		case 1:
			s.mu.Lock()
			s.gw.heartbeats++
			s.notifyLocked()
			s.mu.Unlock()
			c.write(frame{Op: 11})
		case 2:
			if !s.identify(c, in.Data) {
				return
			}
		case 6:
			s.resume(c, in.Data)
		}
	}
}

func (s *Server) identify(c *gwConn, data json.RawMessage) bool {
	var id struct {
		Token   string `json:"token"`
		Intents int64  `json:"intents"`
	}
	json.Unmarshal(data, &id)
	if id.Token != "Bot "+s.cfg.Token {
		c.ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(4004, "Authentication failed."), time.Now().Add(time.Second))
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.gw.identifies++
	s.gw.intents = id.Intents
	s.gw.sessionID = "session-" + s.snowflakeLocked()
	s.gw.seq++
	seq := s.gw.seq
	guilds := make([]map[string]any, len(s.cfg.Guilds))
	for i, g := range s.cfg.Guilds {
		guilds[i] = map[string]any{"id": g.ID, "unavailable": true}
	}
	ready := frame{Op: 0, Type: "READY", Seq: &seq, Data: map[string]any{
		"v": 9, "session_id": s.gw.sessionID, "resume_gateway_url": s.GatewayURL(),
		"user": s.botUser(), "application": map[string]any{"id": s.cfg.AppID, "flags": 0},
		"guilds": guilds, "private_channels": []any{},
	}}
	if c.write(ready) != nil {
		return false
	}
	for _, g := range s.cfg.Guilds {
		s.gw.seq++
		seq := s.gw.seq
		owner := g.OwnerID
		if owner == "" {
			owner = "1"
		}
		c.write(frame{Op: 0, Type: "GUILD_CREATE", Seq: &seq, Data: map[string]any{
			"id": g.ID, "name": g.Name, "system_channel_id": g.SystemChannelID, "owner_id": owner,
			"channels": []any{}, "roles": []any{}, "members": []any{}, "unavailable": false,
		}})
	}
	// A fresh session does not get the old one's missed events on Discord;
	// the fake delivers them anyway so that a test's dispatch before the
	// first IDENTIFY is not lost.
	s.attachLocked(c)
	return true
}

func (s *Server) resume(c *gwConn, data json.RawMessage) {
	var rs struct {
		SessionID string `json:"session_id"`
		Seq       int64  `json:"seq"`
	}
	json.Unmarshal(data, &rs)
	s.mu.Lock()
	defer s.mu.Unlock()
	if rs.SessionID == "" || rs.SessionID != s.gw.sessionID {
		c.write(frame{Op: 9, Data: false})
		return
	}
	s.gw.resumes++
	s.gw.seq++
	seq := s.gw.seq
	if c.write(frame{Op: 0, Type: "RESUMED", Seq: &seq, Data: map[string]any{}}) != nil {
		return
	}
	s.attachLocked(c)
}

// attachLocked makes c the live connection and replays queued events.
func (s *Server) attachLocked(c *gwConn) {
	s.gw.conn = c
	q := s.gw.queue
	s.gw.queue = nil
	for i, f := range q {
		if c.write(f) != nil {
			s.gw.conn = nil
			s.gw.queue = append(q[i:], s.gw.queue...)
			break
		}
	}
	s.notifyLocked()
}
