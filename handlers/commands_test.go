package handlers_test

import (
	"context"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
)

func TestRunIsLoggedInSI(t *testing.T) {
	cases := []struct {
		text   string
		metres float64
		dur    time.Duration
		rpe    int
		typ    string
	}{
		{"/run 10mi 82m rpe:6 type:easy", 16093.44, 82 * time.Minute, 6, "easy"},
		{"/run 16.1km 1:22:00 rpe:7", 16100, 82 * time.Minute, 7, ""},
		{"/run 5000m 25 type:tempo", 5000, 25 * time.Minute, 0, "tempo"},
		{"/run distance:21.1km duration:1h35m rpe:8 type:race date:yesterday", 21100, 95 * time.Minute, 8, "race"},
		{"/run 12 45m30s", 12000, 45*time.Minute + 30*time.Second, 0, ""},
		{"/run 10km 1:30 rpe:5", 10000, 90 * time.Minute, 5, ""},
		{"/run 10km 1h 22m", 10000, 82 * time.Minute, 0, ""},
	}
	for _, c := range cases {
		t.Run(c.text, func(t *testing.T) {
			e := newEnv(t)
			r := e.say(c.text)
			wantContains(t, r.Text, "Logged")
			runs := e.runs()
			if len(runs) != 1 {
				t.Fatalf("runs = %d (%s)", len(runs), r.Text)
			}
			got := runs[0]
			if diff := got.Metres - c.metres; diff > 0.01 || diff < -0.01 || got.Duration != c.dur || got.RPE != c.rpe || got.Type != c.typ {
				t.Errorf("run = %+v", got)
			}
		})
	}
}

func TestRunBadInputStoresNothing(t *testing.T) {
	cases := []struct{ text, want string }{
		{"/run", "needs a distance and a duration"},
		{"/run 10mi", "needs a distance and a duration"},
		{"/run 400km 10h", "at most 300 km"},
		{"/run 10km 25h", "24 hours"},
		{"/run 10km 82m rpe:11", "1 to 10"},
		{"/run 10km 82m type:jog", "easy, long, tempo"},
		{"/run 10 parsecs 82m", "parsecs"},
		{"/run 10km 82m date:tomorrow", "tomorrow"},
		{"/run 10km -5m", "not a duration I understand"},
		{"/run 10km 45:30", "for 45 minutes 30 seconds write 45m30s"},
		{"/run 100km 4m", "faster than the world record"},
		{"/run 10km 0", "1 minute to 24 hours"},
		{"/run 10km 82m pace:fast", "distance, duration, rpe, type, date"},
	}
	for _, c := range cases {
		t.Run(c.text, func(t *testing.T) {
			e := newEnv(t)
			e.say("/start")
			r := e.say(c.text)
			wantContains(t, r.Text, c.want)
			if n := len(e.runs()); n != 0 {
				t.Errorf("stored %d runs", n)
			}
		})
	}
}

func TestSettingsChangeAndShow(t *testing.T) {
	e := newEnv(t)
	e.say("/start")
	r := e.say("/settings tz:Europe/London wake:06:15 bed:22:30 units:km weight:64kg")
	wantContains(t, r.Text, "Saved", "Europe/London", "wake 06:15", "bed 22:30", "64.0 kg")
	m := e.member()
	if m.TZ != "Europe/London" || m.WakeMinute != 375 || m.BedMinute != 1350 || m.Units != "km" || m.WeightKG != 64 {
		t.Errorf("member = %+v", m)
	}
	r = e.say("/settings units:mi weight:150")
	wantContains(t, r.Text, "150 lb")
	if w := e.member().WeightKG; w < 68.03 || w > 68.04 {
		t.Errorf("150 lb stored as %v kg", w)
	}
	e.say("/settings prompts:off share:on")
	if m := e.member(); m.PromptsOn || !m.ShareWithCoach {
		t.Errorf("prompts/share = %v/%v", m.PromptsOn, m.ShareWithCoach)
	}
	r = e.say("/settings")
	wantContains(t, r.Text, "Your settings", "share with coaches on")
}

func TestSettingsBadInputChangesNothing(t *testing.T) {
	cases := []struct{ text, want string }{
		{"/settings tz:Mars/Olympus", "IANA"},
		{"/settings tz:Local", "IANA"},
		{"/settings tz:../../etc/passwd", "IANA"},
		{"/settings wake:25:00", "HH:MM"},
		{"/settings wake:6am", "HH:MM"},
		{"/settings units:furlongs", "km or mi"},
		{"/settings weight:5kg", "25 and 250"},
		{"/settings prompts:maybe", "on or off"},
		{"/settings tz:Europe/London colour:blue", "tz, wake, bed"},
		{"/settings wake:06:15 bed:99:99", "HH:MM"},
	}
	for _, c := range cases {
		t.Run(c.text, func(t *testing.T) {
			e := newEnv(t)
			e.say("/start")
			before := e.member()
			r := e.say(c.text)
			wantContains(t, r.Text, c.want)
			if after := e.member(); after != before {
				t.Errorf("settings changed: %+v -> %+v", before, after)
			}
		})
	}
}

func TestExportHasEveryRowAndForgetDeletesThem(t *testing.T) {
	e := newEnv(t)
	e.say("/checkin rhr:52 sleep:7.5")
	e.say("/checkin date:yesterday rhr:54 hrv:61.2")
	e.say("/run 10mi 82m rpe:6 type:easy")
	r := e.say("/export")
	if r.Document == nil || !r.Private {
		t.Fatalf("export reply = %+v", r)
	}
	rows, err := csv.NewReader(strings.NewReader(string(r.Document.Data))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var health int
	for _, row := range rows[1:] {
		if row[0] == "checkin" || row[0] == "run" {
			health++
		}
	}
	if health != 3 || rows[0][0] != "kind" {
		t.Fatalf("csv rows = %v", rows)
	}
	joined := string(r.Document.Data)
	wantContains(t, joined, "checkin,2026-11-19,54,61.2", "checkin,2026-11-20,52,,7.5", "run,2026-11-20,,,,,,,,,16093,4920,6,easy")

	r = e.say("/forget")
	wantContains(t, r.Text, "cannot be undone", "/forget yes")
	if len(e.checkIns()) != 2 {
		t.Fatal("asking to forget must not delete yet")
	}
	r = e.say(r.Buttons[0][0].Data) // "Yes, delete everything"
	wantContains(t, r.Text, "deleted")
	if _, err := e.db.MemberByIdentity(context.Background(), domain.PlatformConsole, "local"); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Fatalf("member still there: %v", err)
	}
	r = e.say("/export")
	wantContains(t, r.Text, "no data")
	if r.Document != nil {
		t.Error("export after forget returned a file")
	}
}

func TestForgetNeedsConfirmationInTime(t *testing.T) {
	e := newEnv(t)
	e.say("/checkin rhr:52")
	e.say("/forget")
	r := e.say("no")
	wantContains(t, r.Text, "Cancelled")
	e.say("/forget")
	e.now = e.now.Add(11 * time.Minute)
	r = e.say("/forget yes")
	wantContains(t, r.Text, "expires")
	if len(e.checkIns()) != 1 {
		t.Error("an expired confirmation deleted data")
	}
}

func TestGroupCommandsAndCoachRole(t *testing.T) {
	e := newEnv(t)
	admin := bot.Command{UserID: "1", UserName: "Coach Kim", ChatID: "-100", GroupTitle: "Harriers", SenderIsAdmin: true}
	runner := bot.Command{UserID: "2", UserName: "Ana", ChatID: "-100", GroupTitle: "Harriers"}
	with := func(c bot.Command, text string) bot.Command { c.Text = text; return c }

	r := e.sayAs(with(admin, "/join"))
	wantContains(t, r.Text, "Welcome to Harriers", "coach")
	r = e.sayAs(with(runner, "/join"))
	wantContains(t, r.Text, "Welcome to Harriers, Ana")
	if r.Private {
		t.Error("the welcome in a group is public")
	}
	r = e.sayAs(with(runner, "/coach add Coach Kim"))
	wantContains(t, r.Text, "Only the club's coaches")
	r = e.sayAs(with(admin, "/coach add @ana"))
	wantContains(t, r.Text, "Ana is now a coach")
	r = e.sayAs(with(admin, "/coach remove 2"))
	wantContains(t, r.Text, "Ana is now a member")
	r = e.sayAs(with(admin, "/coach remove 1"))
	wantContains(t, r.Text, "Coach Kim is the only coach of Harriers: make someone else a coach first")
	kim, _ := e.db.MemberByIdentity(context.Background(), domain.PlatformTelegram, "1")
	harriers, _ := e.db.ClubByChat(context.Background(), domain.PlatformTelegram, "-100")
	if cm, err := e.db.ClubMember(context.Background(), harriers.ID, kim.ID); err != nil || cm.Role != domain.RoleCoach {
		t.Errorf("the only coach after a refused /coach remove: %+v, %v", cm, err)
	}
	r = e.sayAs(with(admin, "/coach add @nobody"))
	wantContains(t, r.Text, "not a member of this club")

	// A coach moves the weekly summary; others cannot; bad slots change nothing.
	r = e.sayAs(with(admin, "/coach weekly Mon 07:30 tz:Europe/London"))
	wantContains(t, r.Text, "now go out on Mon 07:30 (Europe/London)")
	club, err := e.db.ClubByChat(context.Background(), domain.PlatformTelegram, "-100")
	if err != nil || club.WeeklyDay != time.Monday || club.WeeklyMinute != 450 || club.TZ != "Europe/London" {
		t.Errorf("club after /coach weekly = %+v, %v", club, err)
	}
	wantContains(t, e.sayAs(with(admin, "/coach weekly Someday 07:30")).Text, "not a day of the week")
	wantContains(t, e.sayAs(with(admin, "/coach weekly Sun 18:00 tz:Mars/Base")).Text, "IANA")
	wantContains(t, e.sayAs(with(runner, "/coach weekly Sun 18:00")).Text, "Only the club's coaches")
	wantContains(t, e.sayAs(with(admin, "/coach weekly")).Text, "go out on Mon 07:30")
	if c, _ := e.db.ClubByChat(context.Background(), domain.PlatformTelegram, "-100"); c != club {
		t.Errorf("refused /coach weekly changed the club: %+v", c)
	}

	// Personal data asked for in the group is marked private.
	r = e.sayAs(with(runner, "/checkin rhr:50"))
	if !r.Private {
		t.Error("a check-in sent in a group must be answered privately")
	}
	r = e.sayAs(with(runner, "/checkin rhr:900"))
	if !r.Private {
		t.Error("an error about a check-in sent in a group must be private")
	}
	// Plain chatter in a group is ignored.
	if r := e.sayAs(with(runner, "nice run today!")); !r.IsZero() {
		t.Errorf("group chatter got a reply: %+v", r)
	}
}

func TestUnreachableIsSetByPlatformAndClearedWhenMemberWrites(t *testing.T) {
	e := newEnv(t)
	e.say("/start")
	e.svc.Unreachable(context.Background(), domain.PlatformConsole, "local")
	if !e.member().Unreachable {
		t.Fatal("not marked unreachable")
	}
	e.say("/help")
	if e.member().Unreachable {
		t.Error("writing again did not clear unreachable")
	}
}

func TestChatMigrationMovesTheClub(t *testing.T) {
	e := newEnv(t)
	e.sayAs(bot.Command{UserID: "1", ChatID: "-100", Text: "/join"})
	e.svc.ChatMigrated(context.Background(), domain.PlatformTelegram, "-100", "-100999")
	if _, err := e.db.ClubByChat(context.Background(), domain.PlatformTelegram, "-100999"); err != nil {
		t.Errorf("club not found under the new chat id: %v", err)
	}
}

func TestUnknownCommandAndPlainText(t *testing.T) {
	e := newEnv(t)
	wantContains(t, e.say("/dance").Text, "don't know /dance", "/help")
	wantContains(t, e.say("hello").Text, "/help")
	wantContains(t, e.say("/help").Text, "/checkin", "/readiness", "/forget")
}

func TestHandlerPanicBecomesApology(t *testing.T) {
	e := newEnv(t)
	e.svc.Members = nil // any use now panics
	r := e.say("/start")
	wantContains(t, r.Text, "Something went wrong")
}

// /export holds everything /forget deletes: settings (the weight is health
// data too), the linked accounts and the club roles, not only the day rows.
func TestExportIncludesSettingsAccountsAndClubs(t *testing.T) {
	e := newEnv(t)
	ana := bot.Command{UserID: "2", UserName: "Ana", ChatID: "2", Private: true}
	ana.Text = "/settings weight:68kg share:on tz:Europe/London"
	e.sayAs(ana)
	e.sayAs(bot.Command{UserID: "2", UserName: "Ana", ChatID: "-100", GroupTitle: "Harriers", Text: "/join"})
	ana.Text = "/export"
	r := e.sayAs(ana)
	if r.Document == nil {
		t.Fatalf("export reply = %+v", r)
	}
	rows, err := csv.NewReader(strings.NewReader(string(r.Document.Data))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, row := range rows[1:] {
		got[row[0]+"/"+row[len(row)-2]] = row[len(row)-1]
	}
	for k, v := range map[string]string{"setting/weight_kg": "68", "setting/tz": "Europe/London", "setting/share_with_coach": "true",
		"setting/name": "Ana", "account/" + domain.PlatformTelegram: "2", "club/1": domain.RoleMember} {
		if got[k] != v {
			t.Errorf("export %s = %q, want %q (all: %v)", k, got[k], v, rows)
		}
	}
}

// Issue 10: /export wrote 16100.000000000002. Distance to the metre,
// duration to the second, HRV to 0.1 ms, sleep to 0.01 h, weight to 0.1 kg.
func TestExportValuesHaveTheirPrecisionAndNoNoise(t *testing.T) {
	for _, tc := range []struct {
		name, setup string
		key, want   string
	}{
		{"a distance that float maths blurs", "/run 16.1km 1:22:00 rpe:7", "distance_m", "16100"},
		{"miles to the metre", "/run 10mi 82m", "distance_m", "16093"},
		{"a duration to the second", "/run 5km 20m31s", "duration_s", "1231"},
		{"HRV to 0.1 ms", "/checkin hrv:61.26", "hrv_ms", "61.3"},
		{"a whole HRV", "/checkin hrv:65", "hrv_ms", "65"},
		{"sleep to 0.01 h", "/checkin sleep:7.333", "sleep_h", "7.33"},
		{"a weight from pounds to 0.1 kg", "/settings weight:141lb", "weight_kg", "64"},
		{"a weight in kg", "/settings weight:63.45kg", "weight_kg", "63.5"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			e.say("/start")
			e.say(tc.setup)
			r := e.say("/export")
			rows, err := csv.NewReader(strings.NewReader(string(r.Document.Data))).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			col := -1
			for i, h := range rows[0] {
				if h == tc.key {
					col = i
				}
			}
			got := ""
			for _, row := range rows[1:] {
				switch {
				case col >= 0 && row[col] != "":
					got = row[col]
				case row[len(row)-2] == tc.key:
					got = row[len(row)-1]
				}
			}
			if got != tc.want {
				t.Errorf("%s = %q, want %q\n%s", tc.key, got, tc.want, r.Document.Data)
			}
		})
	}
}
