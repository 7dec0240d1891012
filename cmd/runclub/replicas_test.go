package main

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/runclub/runclub/bot/discord/discordtest"
	"github.com/runclub/runclub/bot/telegram/telegramtest"
	"github.com/runclub/runclub/domain"
	"github.com/runclub/runclub/scheduler"
	"github.com/runclub/runclub/storage"
	"github.com/runclub/runclub/storage/pgtest"
)

// The replicas test's sizes: 500 members due at once, half on each
// platform; the leader is killed once this many Telegram prompts are out
// (about 3 s into a fan-out of 8 at Telegram's 30 messages a second).
const (
	replicaTelegramMembers = 250
	replicaDiscordMembers  = 250
	killAfterPrompts       = 80
	replicaWebhookPath     = "/telegram/webhook"
)

// TestThreeReplicasActAsOneBot runs three `runclub serve` processes on one
// PostgreSQL database behind the Telegram fake in webhook mode (updates
// round-robin across the replicas, every fourth posted to two at once) and
// the Discord fake, both enforcing the platforms' rate limits. 500 members'
// morning prompts fall due at once; the leader is killed with SIGKILL in
// the middle of the fan-out. It reports and checks: prompts sent twice (0),
// prompts missed (only members of the dead leader's last claimed batch),
// the takeover time (under 30 s) and 429s (0). Then, with the dead replica
// started again, every command sent through the replicas is answered once.
func TestThreeReplicasActAsOneBot(t *testing.T) {
	dsn := pgtest.Schema(t)
	zone, wake := morningZone(t)
	loc, _ := time.LoadLocation(zone)
	// The weekly summaries fall on another day, so that the morning
	// prompts are the fan-out's only messages.
	weekly := time.Now().In(loc).AddDate(0, 0, 3).Weekday().String()[:3] + " 18:00"

	live := &liveReplicas{}
	tg := telegramtest.New(t, telegramtest.WithLimits(telegramtest.TelegramLimits(1)), telegramtest.WithWebhookTargets(live.targets))
	guild := discordtest.Guild{ID: "820000000000000001", Name: "Replica Runners"}
	dc := discordtest.NewT(t, discordtest.Config{Guilds: []discordtest.Guild{guild}})
	dc.EnforceGlobalLimit(50, 1)
	members := seedReplicaMembers(t, dsn, zone, wake, tg, dc)

	env := []string{
		"RUNCLUB_DATABASE_DRIVER=postgres", "RUNCLUB_DATABASE_DSN=" + dsn, "RUNCLUB_DATABASE_MAX_OPEN_CONNS=10", "RUNCLUB_DATABASE_MAX_IDLE_CONNS=5",
		"RUNCLUB_TELEGRAM_TOKEN=" + tg.Token(), "RUNCLUB_TELEGRAM_API_URL=" + tg.URL, "RUNCLUB_TELEGRAM_MODE=webhook",
		"RUNCLUB_TELEGRAM_WEBHOOK_URL=https://runclub.example" + replicaWebhookPath, "RUNCLUB_TELEGRAM_WEBHOOK_SECRET=replica-secret",
		"RUNCLUB_DISCORD_TOKEN=" + dc.Token(), "RUNCLUB_DISCORD_API_URL=" + dc.APIURL(), "RUNCLUB_DISCORD_GUILD_ID=" + guild.ID,
		"RUNCLUB_DISCORD_PUBLIC_KEY=" + dc.PublicKey(), "RUNCLUB_DISCORD_MODE=gateway",
		"RUNCLUB_LEADER_RETRY_INTERVAL=1s", "RUNCLUB_LEADER_PING_INTERVAL=200ms",
		"RUNCLUB_DEFAULTS_WEEKLY=" + weekly, "RUNCLUB_LOG_LEVEL=info", "RUNCLUB_LOG_FORMAT=json",
	}
	hub := newLogHub()
	replicas := make([]*replica, 3)
	for i := range replicas {
		replicas[i] = startReplica(t, hub, i, env, freeAddr(t))
	}
	for _, r := range replicas {
		r.waitReady(t)
		live.add(r.addr)
	}
	first := hub.wait(t, 30*time.Second, "a leader", func(e logEvent) bool { return e.msg == msgLeads })
	leader := replicas[first.replica]
	t.Logf("replica %d leads", leader.n)

	// Kill the leader in the middle of the fan-out.
	waitFake(t, tg.Wait, "Telegram prompts before the kill", func() bool { return len(promptsByChat(tg.Sent())) >= killAfterPrompts })
	live.remove(leader.addr)
	killedAt := time.Now()
	leader.kill9(t)
	sentAtKill := len(promptsByChat(tg.Sent()))
	next := hub.wait(t, 30*time.Second, "another leader", func(e logEvent) bool { return e.msg == msgLeads && e.replica != leader.n })
	takeover := next.at.Sub(killedAt)
	hub.wait(t, 60*time.Second, "the new leader's first tick", func(e logEvent) bool {
		return e.replica == next.replica && e.msg == "scheduler: tick"
	})

	// What the members received, and what the ledger says.
	tgPrompts := promptsByChat(tg.Sent())
	dcPrompts := map[string]int{}
	for _, m := range dc.Messages() {
		if strings.Contains(m.Content, "Good morning") {
			dcPrompts[m.ChannelID]++
		}
	}
	ledger := replicaLedger(t, dsn, domain.DateOf(time.Now().In(loc)))
	var twice, missed []string
	lastBatch := map[string]time.Time{} // platform → created_at of the dead leader's last claim
	for _, d := range ledger {
		if d.Status == domain.DeliveryFailed && d.Reason == scheduler.ReasonInterrupted {
			if p := members[d.MemberID].platform; d.CreatedAt.After(lastBatch[p]) {
				lastBatch[p] = d.CreatedAt
			}
		}
	}
	abandoned, inLastBatch := 0, 0
	for id, m := range members {
		n := tgPrompts[m.chat]
		if m.platform == domain.PlatformDiscord {
			n = dcPrompts[m.chat]
		}
		switch {
		case n > 1:
			twice = append(twice, m.name)
		case n == 0:
			missed = append(missed, m.name)
			d, ok := ledger[id]
			if !ok || d.Reason != scheduler.ReasonInterrupted || !d.CreatedAt.Equal(lastBatch[m.platform]) {
				t.Errorf("%s got no prompt and was not in the dead leader's last claimed batch: delivery %+v", m.name, d)
			}
		}
	}
	for _, d := range ledger {
		if d.Reason == scheduler.ReasonInterrupted {
			abandoned++
			if d.CreatedAt.Equal(lastBatch[members[d.MemberID].platform]) {
				inLastBatch++
			}
		}
	}
	stats := tg.Stats()
	t.Logf("fan-out of %d prompts, leader killed after %d Telegram prompts: sent twice %d, missed %d (the dead leader's last claimed batches: %d deliveries; abandoned at takeover: %d, the rest sent but not yet marked), takeover %s, 429s Telegram %d Discord %d",
		len(members), sentAtKill, len(twice), len(missed), inLastBatch, abandoned, takeover.Round(time.Millisecond), stats.TooMany, dc.RateLimited())
	if len(twice) > 0 {
		t.Errorf("prompted twice: %v", twice)
	}
	if takeover >= 30*time.Second {
		t.Errorf("takeover took %s, want under 30 s", takeover)
	}
	if stats.TooMany != 0 || dc.RateLimited() != 0 {
		t.Errorf("429s: Telegram %d, Discord %d; want none", stats.TooMany, dc.RateLimited())
	}
	if dups := tg.Duplicates(); len(dups) > 0 {
		t.Errorf("Telegram received %d duplicate messages, the first %.60q", len(dups), dups[0].Text)
	}

	// The dead replica comes back as a follower; every command through the
	// three is answered once.
	replicas[leader.n] = startReplica(t, hub, leader.n, env, leader.addr)
	replicas[leader.n].waitReady(t)
	live.add(leader.addr)
	doubled := replicaCommands(t, tg, dc, replicas, members, dsn)

	// The operator's view: one leader, and the abandoned deliveries counted
	// by the replica that took over.
	leaders, repeats := 0, 0.0
	for _, r := range replicas {
		_, page := get(t, "http://"+r.addr+"/metrics")
		repeats += max(0, sample(page, `runclub_commands_total{command="unknown",outcome="repeat"}`))
		if v := sample(page, "runclub_leader"); v == 1 {
			leaders++
			if r.n != next.replica {
				t.Errorf("replica %d leads by its metrics; replica %d took over", r.n, next.replica)
			}
		}
		if r.n == next.replica {
			if v := sample(page, "runclub_deliveries_abandoned_total"); v != float64(abandoned) {
				t.Errorf("the new leader's runclub_deliveries_abandoned_total = %v, want %d", v, abandoned)
			}
		}
	}
	if leaders != 1 {
		t.Errorf("%d replicas report runclub_leader 1, want 1", leaders)
	}
	if repeats != float64(doubled) {
		t.Errorf("the replicas counted %v repeated updates, want %d (one per update posted to two)", repeats, doubled)
	}
	for _, r := range replicas {
		r.stop(t)
	}
}

// msgLeads is what a replica logs when it becomes the leader.
const msgLeads = "leader: this replica leads: it runs the schedule and the pushes"

// replicaMember is a seeded member as the test knows them.
type replicaMember struct {
	name, platform, user, chat string
}

// seedReplicaMembers stores the members whose prompts fall due together,
// through the bulk import, and makes each known to its platform's fake.
func seedReplicaMembers(t *testing.T, dsn, zone, wake string, tg *telegramtest.Server, dc *discordtest.Server) map[int64]replicaMember {
	t.Helper()
	wakeMinute, err := strconv.Atoi(wake[:2])
	if err != nil {
		t.Fatal(err)
	}
	minute, _ := strconv.Atoi(wake[3:])
	wakeMinute = wakeMinute*60 + minute
	var d storage.Dataset
	members := map[int64]replicaMember{}
	for i := range replicaTelegramMembers + replicaDiscordMembers {
		id := int64(i + 1)
		m := domain.NewMember(fmt.Sprintf("Runner %d", id), zone)
		m.ID, m.WakeMinute = id, wakeMinute
		d.Members = append(d.Members, m)
		rm := replicaMember{name: m.Name, platform: domain.PlatformTelegram}
		if i < replicaTelegramMembers {
			uid := 500000 + id
			tg.AddUser(telegramtest.User{ID: uid, FirstName: m.Name}, true)
			rm.user, rm.chat = strconv.FormatInt(uid, 10), strconv.FormatInt(uid, 10)
		} else {
			rm.platform = domain.PlatformDiscord
			rm.user = fmt.Sprintf("7400000000%08d", id)
			rm.chat = dc.DMChannel(rm.user)
		}
		members[id] = rm
		d.Identities = append(d.Identities, domain.Identity{Platform: rm.platform, UserID: rm.user, ChatID: rm.chat, MemberID: id})
	}
	db, err := storage.Open(context.Background(), "postgres", dsn, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := storage.NewStores(db).Import.Import(context.Background(), d); err != nil {
		t.Fatalf("seed: %v", err)
	}
	return members
}

// replicaLedger is the day's morning deliveries by member.
func replicaLedger(t *testing.T, dsn string, date domain.Date) map[int64]domain.Delivery {
	t.Helper()
	db, err := storage.Open(context.Background(), "postgres", dsn, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	all, err := storage.NewStores(db).Deliveries.Deliveries(context.Background(), date)
	if err != nil {
		t.Fatal(err)
	}
	out := map[int64]domain.Delivery{}
	for _, d := range all {
		if d.Kind == domain.DeliveryMorning {
			out[d.MemberID] = d
		}
	}
	return out
}

// promptsByChat counts the morning prompts each Telegram chat received.
func promptsByChat(sent []telegramtest.Sent) map[string]int {
	out := map[string]int{}
	for _, m := range sent {
		if strings.Contains(m.Text, "Good morning") {
			out[strconv.FormatInt(m.ChatID, 10)]++
		}
	}
	return out
}

// replicaCommands sends commands through the replicas and checks that each
// is answered once and stored once: new Telegram members register and log
// a run (their updates round-robin, every fourth posted to two replicas at
// once), and Discord members check in through each replica's interactions
// endpoint. It returns how many updates were posted to two replicas.
func replicaCommands(t *testing.T, tg *telegramtest.Server, dc *discordtest.Server, replicas []*replica, members map[int64]replicaMember, dsn string) int {
	t.Helper()
	before := len(tg.WebhookDeliveries())
	var users []telegramtest.User
	for i := range 12 {
		u := telegramtest.User{ID: int64(600001 + i), FirstName: fmt.Sprintf("Newcomer%d", i)}
		users = append(users, u)
		tg.SendPrivate(u, "/start")
		tg.SendPrivate(u, "/run 5km 25m rpe:4")
	}
	waitFake(t, tg.Wait, "every update delivered", func() bool { return tg.Pending() == 0 })
	waitFake(t, tg.Wait, "every command answered", func() bool {
		for _, u := range users {
			if len(tg.SentTo(u.ID)) < 2 {
				return false
			}
		}
		return true
	})
	for _, u := range users {
		got := tg.SentTo(u.ID)
		if len(got) != 2 || !strings.Contains(got[0].Text, "welcome to runclub") || !strings.Contains(got[1].Text, "Logged run 1") {
			var texts []string
			for _, m := range got {
				texts = append(texts, fmt.Sprintf("%.50q", m.Text))
			}
			t.Errorf("%s was answered %d times: %s; want the welcome and the run, once each", u.FirstName, len(got), strings.Join(texts, ", "))
		}
	}
	byReplica, doubled := map[string]int{}, map[int64]int{}
	for _, d := range tg.WebhookDeliveries()[before:] {
		byReplica[d.URL]++
		doubled[d.UpdateID]++
		if d.Status != http.StatusOK {
			t.Errorf("update %d posted to %s: %d %s", d.UpdateID, d.URL, d.Status, d.Err)
		}
	}
	twice := 0
	for _, n := range doubled {
		if n > 1 {
			twice++
		}
	}
	t.Logf("%d Telegram commands through %d replicas (%v), %d of them posted to two replicas at once", 2*len(users), len(byReplica), byReplica, twice)
	if len(byReplica) != 3 || twice == 0 {
		t.Errorf("updates went to %d replicas, %d to two at once; want all three and some doubled", len(byReplica), twice)
	}

	db, err := storage.Open(context.Background(), "postgres", dsn, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	st := storage.NewStores(db)
	for _, u := range users {
		m, err := st.Members.MemberByIdentity(context.Background(), domain.PlatformTelegram, strconv.FormatInt(u.ID, 10))
		if err != nil {
			t.Errorf("%s not registered: %v", u.FirstName, err)
			continue
		}
		runs, _ := st.Runs.Runs(context.Background(), m.ID, domain.Date{Year: 2000, Month: 1, Day: 1}, domain.Date{Year: 2100, Month: 1, Day: 1})
		if len(runs) != 1 {
			t.Errorf("%s has %d runs stored, want 1", u.FirstName, len(runs))
		}
	}

	// Discord members use slash commands, posted signed to the
	// interactions endpoint of each replica in turn.
	for i := range 6 {
		m := members[int64(replicaTelegramMembers+1+i)]
		url := "http://" + replicas[i%len(replicas)].addr + "/discord/interactions"
		got, err := dc.Post(context.Background(), url, discordtest.Interaction{Kind: discordtest.KindCommand,
			User: discordtest.User{ID: m.user, Name: m.name}, Command: "checkin", Options: []discordtest.Option{{Name: "rhr", Type: 4, Value: 50}}})
		if err != nil || got.Status != http.StatusOK || got.Refused != nil {
			t.Errorf("%s's check-in posted to replica %d: %+v, %v", m.name, i%len(replicas), got, err)
			continue
		}
		if r := dc.Replies(got.ID); len(r) != 1 || !strings.Contains(r[0].Content, "resting HR 50") {
			t.Errorf("%s's check-in through replica %d answered %d times: %+v", m.name, i%len(replicas), len(r), r)
		}
	}
	return twice
}

// waitFake waits on a fake's change notifications for up to a minute.
func waitFake(t *testing.T, wait func(context.Context, func() bool) error, what string, cond func() bool) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := wait(ctx, cond); err != nil {
		t.Fatalf("waiting for %s: %v", what, err)
	}
}

// liveReplicas are the replicas the Telegram fake posts to, as a load
// balancer's healthy backends.
type liveReplicas struct {
	mu    sync.Mutex
	addrs []string
	next  atomic.Int64
}

func (l *liveReplicas) add(addr string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.addrs = append(l.addrs, addr)
}

func (l *liveReplicas) remove(addr string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for i, a := range l.addrs {
		if a == addr {
			l.addrs = append(l.addrs[:i], l.addrs[i+1:]...)
			return
		}
	}
}

// targets picks the next replica for an update, and for every fourth
// update the one after it too.
func (l *liveReplicas) targets(updateID int64, _ string) []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.addrs) == 0 {
		return nil
	}
	n := int(l.next.Add(1))
	out := []string{"http://" + l.addrs[n%len(l.addrs)] + replicaWebhookPath}
	if updateID%4 == 0 && len(l.addrs) > 1 {
		out = append(out, "http://"+l.addrs[(n+1)%len(l.addrs)]+replicaWebhookPath)
	}
	return out
}
