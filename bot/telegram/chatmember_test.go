package telegram_test

import (
	"testing"

	"github.com/runclub/runclub/bot/telegram/telegramtest"
)

func TestAddingTheBotToAGroupReportsTheChatAndItsAdmins(t *testing.T) {
	srv := telegramtest.New(t)
	srv.SetMemberStatus(club, coach, "creator")
	srv.SetMemberStatus(club, ann, "administrator")
	srv.SetMemberStatus(club, telegramtest.User{ID: 1009, FirstName: "Helper", IsBot: true}, "administrator")
	hs := newHarness(t, srv, newRecorder(nil)).run(t)
	srv.AddBot(club, coach)
	got := hs.ev.waitChats(t, 1)[0]
	if got != "telegram -4001 Dawn Patrol <RC> 1001 1003" && got != "telegram -4001 Dawn Patrol <RC> 1003 1001" {
		t.Errorf("ChatJoined(%s), want the group, its title and its two human admins", got)
	}
	// Being in the group already, or leaving it, is no news; a private chat
	// is no club.
	srv.RemoveBot(club, coach)
	srv.SendPrivate(ann, "/help")
	hs.h.next(t)
	if n := len(hs.ev.chats()); n != 1 {
		t.Errorf("%d chats reported, want 1", n)
	}
	if srv.Dropped() != 0 {
		t.Errorf("the adapter's allowed_updates left out %d updates", srv.Dropped())
	}
}
