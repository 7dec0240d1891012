package handlers

import (
	"context"

	"github.com/runclub/runclub/bot"
	"github.com/runclub/runclub/domain"
)

// route is one command: what it takes (spec), what answers it (fn) and who
// may use it where (rules), side by side. A subcommand ("/run delete 3") is
// a route too; its spec's Subcommands are derived from subs.
type route struct {
	spec  bot.CommandSpec
	fn    func(ctx context.Context, r *request) (bot.Reply, error)
	rules rules
	subs  []route
}

// rules are enforced by the router before fn runs, so no handler checks
// them by hand.
type rules struct {
	// personal replies carry health data or settings: never shown in a group.
	personal bool
	// register creates the member on first contact; registered refuses a
	// sender who never sent /start (or a registering command).
	register, registered bool
	// group routes are used in a group chat only: the group is the club.
	group bool
	// coach routes are for the coaches of the group's club; the router
	// finds the club and checks the role. In a private chat they act on the
	// club the sender coaches, or ask which (a club: argument or buttons).
	coach bool
	// club routes act on a club the sender is in: the group's, or in a
	// private chat the sender's (asking which when there are several).
	club bool
	// noJoin routes do not make a sender who uses them in a club's chat a
	// member of it (leaving, forgetting, and /join, which joins by itself).
	noJoin bool
	// private routes are answered in a private chat only (a link code
	// typed in a group is no secret).
	private bool
	// console routes exist in the terminal only; elsewhere they are unknown.
	console bool
}

// Argument specs shared by several commands.
var (
	argDate      = bot.ArgSpec{Name: "date", Label: "Date", Help: "today, yesterday or YYYY-MM-DD", Kind: bot.ArgDate}
	onOff        = []string{"on", "off"}
	onOffAliases = map[string]string{"yes": "on", "true": "on", "1": "on", "no": "off", "false": "off", "0": "off"}
)

// routes is the command table: every command runclub answers, in the order
// /help and the menus list them.
func (s *Service) routes() []route {
	personal := rules{personal: true, registered: true}
	return []route{
		{spec: bot.CommandSpec{Name: "start", Description: "Register and see how runclub works", Usage: "/start",
			Examples: []string{"/start"}},
			fn: s.start, rules: rules{personal: true, register: true}},
		{spec: bot.CommandSpec{Name: "join", Description: "Join this group's club", Usage: "/join (in a group)",
			Examples: []string{"/join"}},
			fn: s.join, rules: rules{register: true, group: true, noJoin: true}},
		{spec: bot.CommandSpec{Name: "leave", Description: "Leave this group's club (your data stays yours)", Usage: "/leave (in the group, or club:name in private)",
			Args: []bot.ArgSpec{argClub}, Examples: []string{"/leave"}},
			fn: s.leave, rules: rules{registered: true, club: true, noJoin: true}},
		{spec: bot.CommandSpec{Name: "checkin", Description: "Record this morning's check-in",
			Usage: "/checkin rhr:52 hrv:65 sleep:7.5 quality:4 fatigue:3 soreness:2 stress:4 mood:7 date:today",
			Args: []bot.ArgSpec{
				{Name: "rhr", Label: "Resting heart rate", Help: "Resting heart rate on waking (bpm)", Kind: bot.ArgInteger, Min: domain.MinRHR, Max: domain.MaxRHR, Unit: "bpm", Positional: true, Clearable: true},
				{Name: "hrv", Label: "HRV (rMSSD, ms)", Help: "HRV, rMSSD (ms)", Kind: bot.ArgNumber, Min: domain.MinHRV, Max: domain.MaxHRV, Unit: "ms", Clearable: true},
				{Name: "sleep", Label: "Sleep (hours)", Help: "Hours slept last night", Kind: bot.ArgNumber, Min: domain.MinSleep, Max: domain.MaxSleep, Unit: "h", Clearable: true},
				{Name: "quality", Label: "Sleep quality (5 = best)", Help: "Sleep quality 1-5 (5 = best)", Kind: bot.ArgInteger, Min: 1, Max: 5, Clearable: true},
				{Name: "fatigue", Label: "Fatigue (10 = worst)", Help: "Fatigue 1-10 (10 = worst)", Kind: bot.ArgInteger, Min: 1, Max: 10, Clearable: true},
				{Name: "soreness", Label: "Soreness (10 = worst)", Help: "Soreness 1-10 (10 = worst)", Kind: bot.ArgInteger, Min: 1, Max: 10, Clearable: true},
				{Name: "stress", Label: "Stress (10 = worst)", Help: "Stress 1-10 (10 = worst)", Kind: bot.ArgInteger, Min: 1, Max: 10, Clearable: true},
				{Name: "mood", Label: "Mood (10 = best)", Help: "Mood / motivation 1-10 (10 = best)", Kind: bot.ArgInteger, Min: 1, Max: 10, Clearable: true},
				argDate,
			},
			Examples: []string{"/checkin rhr:52 sleep:7.5 fatigue:3", "/checkin hrv:61 mood:7 date:yesterday", "/checkin rhr:-"}},
			fn: s.checkIn, rules: rules{personal: true, register: true},
			subs: []route{
				{spec: bot.CommandSpec{Name: "skip", Description: "Skip this question", Hidden: true}, fn: s.guidedSkip, rules: personal},
				{spec: bot.CommandSpec{Name: "stop", Description: "Stop the guided check-in", Hidden: true}, fn: s.guidedStop, rules: personal},
			}},
		{spec: bot.CommandSpec{Name: "run", Description: "Log, edit or delete a run", Usage: "/run <distance> <duration> rpe:1-10 type:easy date:today",
			Args:     []bot.ArgSpec{argDistance, argDuration, argRPE, argRunType, argDate, argConfirm},
			Examples: []string{"/run 10mi 82m rpe:6 type:easy", "/run 21.1km 1:35 rpe:8 type:race date:yesterday"}},
			fn: s.logRun, rules: rules{personal: true, register: true},
			subs: []route{
				{spec: bot.CommandSpec{Name: "edit", Description: "Change a run, by its number in /history", Usage: "/run edit <number> key:value",
					Args:     []bot.ArgSpec{argRunNumber, withoutRequired(argDistance), withoutRequired(argDuration), clearable(argRPE), clearable(argRunType), argDate, argConfirm},
					Examples: []string{"/run edit 3 rpe:6", "/run edit 3 duration:1:30 type:long"}},
					fn: s.editRun, rules: personal},
				{spec: bot.CommandSpec{Name: "delete", Description: "Delete a run, by its number in /history", Usage: "/run delete <number>",
					Args: []bot.ArgSpec{argRunNumber}, Examples: []string{"/run delete 3", "/run delete 12"}},
					fn: s.deleteRunCommand, rules: personal},
			}},
		{spec: bot.CommandSpec{Name: "history", Description: "My recorded days and numbered runs", Usage: "/history [days]",
			Args: []bot.ArgSpec{{Name: "days", Label: "Days", Help: "How many days back", Kind: bot.ArgInteger,
				Min: 1, Max: historyMaxDays, Unit: "days", Positional: true}},
			Examples: []string{"/history", "/history 30"}},
			fn: s.showHistory, rules: personal},
		{spec: bot.CommandSpec{Name: "undo", Description: "Take back my last change (up to 10 within 24 h)", Usage: "/undo",
			Args:     []bot.ArgSpec{{Name: "change", Label: "Change", Help: "The change an Undo button takes back", Kind: bot.ArgInteger, Min: 1, Max: 1 << 53, Positional: true, Hidden: true}},
			Examples: []string{"/undo"}},
			fn: s.undo, rules: personal},
		{spec: bot.CommandSpec{Name: "readiness", Description: "Today's verdict: train, keep it easy, or rest", Usage: "/readiness date:today",
			Args:     []bot.ArgSpec{withPositional(argDate)},
			Examples: []string{"/readiness", "/readiness yesterday"}},
			fn: s.readiness, rules: personal},
		{spec: bot.CommandSpec{Name: "fuel", Description: "Fuel and fluid plan for a run",
			Usage: "/fuel minutes:90 intensity:moderate weight:64kg pre:64kg post:63.2kg",
			Args: []bot.ArgSpec{
				{Name: "minutes", Label: "Minutes", Help: "Planned run length, e.g. 90, 90m or 1:30", Kind: bot.ArgDuration, Min: 1, Max: domain.MaxFuelMinutes, Positional: true},
				{Name: "intensity", Label: "Intensity", Help: "How hard", Kind: bot.ArgChoice, Positional: true,
					Choices: []string{string(domain.IntensityEasy), string(domain.IntensityModerate), string(domain.IntensityHard)}, Aliases: intensityAliases},
				{Name: "weight", Label: "Weight", Help: "Body weight, e.g. 64kg or 141lb", Kind: bot.ArgWeight},
				{Name: "pre", Label: "Weight before the run", Help: "Weight before the run, e.g. 64kg", Kind: bot.ArgWeight},
				{Name: "post", Label: "Weight after the run", Help: "Weight after the run, e.g. 63.2kg", Kind: bot.ArgWeight},
			},
			Examples: []string{"/fuel 90 hard", "/fuel minutes:150 intensity:moderate pre:64kg post:63.2kg"}},
			fn: s.fuel, rules: rules{personal: true}},
		{spec: bot.CommandSpec{Name: "week", Description: "My weekly summary now", Usage: "/week", Examples: []string{"/week"}},
			fn: s.week, rules: personal},
		{spec: bot.CommandSpec{Name: "trend", Description: "My last weeks as a picture: resting HR, HRV, sleep, load", Usage: "/trend [weeks]",
			Args: []bot.ArgSpec{{Name: "weeks", Label: "Weeks", Help: "How many weeks back", Kind: bot.ArgInteger,
				Min: 1, Max: trendMaxWeeks, Unit: "weeks", Positional: true}},
			Examples: []string{"/trend", "/trend 26"}},
			fn: s.trend, rules: personal},
		{spec: bot.CommandSpec{Name: "settings", Description: "Time zone, wake and bed times, units, weight, prompts, sharing",
			Usage: "/settings tz:Europe/London wake:06:15 bed:22:30 units:km weight:64kg prompts:on share:off winddown:60m",
			Args: []bot.ArgSpec{
				{Name: "tz", Label: "Time zone", Help: "Time zone, e.g. Europe/London", Kind: bot.ArgZone},
				{Name: "wake", Label: "Wake time", Help: "Wake time HH:MM", Kind: bot.ArgClock},
				{Name: "bed", Label: "Bedtime", Help: "Bedtime HH:MM", Kind: bot.ArgClock},
				{Name: "units", Label: "units", Help: "Distance units", Kind: bot.ArgChoice, Choices: []string{domain.UnitsKM, domain.UnitsMI}, Aliases: unitsAliases},
				{Name: "weight", Label: "Weight", Help: "Body weight, e.g. 64kg or 141lb", Kind: bot.ArgWeight},
				{Name: "prompts", Label: "prompts", Help: "Morning and bedtime messages", Kind: bot.ArgChoice, Choices: onOff, Aliases: onOffAliases},
				{Name: "share", Label: "share", Help: "Share my values with the club's coaches", Kind: bot.ArgChoice, Choices: onOff, Aliases: onOffAliases},
				{Name: "winddown", Label: "winddown", Help: "Minutes of wind-down before bedtime, e.g. 60m", Kind: bot.ArgDuration, Min: 1, Max: domain.MaxWindDownMinutes},
			},
			Examples: []string{"/settings tz:Europe/London wake:06:15 bed:22:30", "/settings units:mi weight:141lb share:on"}},
			fn: s.settings, rules: rules{personal: true, register: true}},
		{spec: bot.CommandSpec{Name: "summary", Description: "Coach: the group's weekly summary", Usage: "/summary (in the club's group, or in private)",
			Args: []bot.ArgSpec{argClub}, Examples: []string{"/summary"}},
			fn: s.summary, rules: rules{personal: true, coach: true}},
		{spec: bot.CommandSpec{Name: "coach", Description: "Coach: coach roles, the weekly summary's slot, alerts",
			Usage:    "/coach add @member, /coach remove @member, /coach weekly Sun 18:00 tz:Europe/London, /coach alerts off",
			Examples: []string{"/coach add @Sam", "/coach weekly Sun 18:00 tz:Europe/London", "/coach alerts off"}},
			rules: rules{coach: true},
			subs: []route{
				{spec: bot.CommandSpec{Name: "add", Description: "Make a member a coach", Usage: "/coach add @member",
					Args: []bot.ArgSpec{argMember, argClub}}, fn: s.coachAdd, rules: rules{coach: true}},
				{spec: bot.CommandSpec{Name: "remove", Description: "Make a coach a member", Usage: "/coach remove @member",
					Args: []bot.ArgSpec{argMember, argClub}}, fn: s.coachRemove, rules: rules{coach: true}},
				{spec: bot.CommandSpec{Name: "weekly", Description: "Move the weekly summary", Usage: "/coach weekly Sun 18:00 tz:Europe/London",
					Args: []bot.ArgSpec{
						{Name: "slot", Label: "Weekly slot", Help: "Weekly summary day and time, e.g. Sun 18:00", Kind: bot.ArgSlot, Positional: true, Rest: true},
						{Name: "tz", Label: "Time zone", Help: "The club's time zone, e.g. Europe/London", Kind: bot.ArgZone},
						argClub,
					}}, fn: s.coachWeekly, rules: rules{coach: true}},
				{spec: bot.CommandSpec{Name: "alerts", Description: "My alerts about members in the week: see them, or turn them on or off", Usage: "/coach alerts off",
					Args: []bot.ArgSpec{
						{Name: "set", Label: "Alerts", Help: "Alerts on or off", Kind: bot.ArgChoice, Choices: onOff, Aliases: onOffAliases, Positional: true},
						argClub,
					}}, fn: s.coachAlerts, rules: rules{personal: true, coach: true}},
			}},
		{spec: bot.CommandSpec{Name: "away", Description: "Pause prompts while ill, injured, travelling or resting",
			Usage: "/away [days | until:YYYY-MM-DD] [reason]",
			Args: []bot.ArgSpec{
				{Name: "days", Label: "Days away", Help: "Days away, today included", Kind: bot.ArgInteger, Min: 1, Max: domain.MaxAwayDays, Unit: "days", Positional: true},
				{Name: "until", Label: "Last day away", Help: "Last day away: today, tomorrow or YYYY-MM-DD", Kind: bot.ArgText},
				{Name: "reason", Label: "Reason", Help: "Why", Kind: bot.ArgChoice, Choices: domain.AwayReasons, Aliases: awayAliases, Positional: true},
			},
			Examples: []string{"/away 3 ill", "/away until:2026-12-02 travel", "/away"}},
			fn: s.away, rules: personal},
		{spec: bot.CommandSpec{Name: "back", Description: "Back from time away: prompts start again", Usage: "/back", Examples: []string{"/back"}},
			fn: s.back, rules: personal},
		{spec: bot.CommandSpec{Name: "link", Description: "Join my Telegram and Discord accounts with a one-time code", Usage: "/link, then /link CODE on the other account",
			Args:     []bot.ArgSpec{{Name: "code", Label: "Link code", Help: "The code /link gave on your other account", Kind: bot.ArgText, Positional: true}},
			Examples: []string{"/link", "/link K7Q2MX"}},
			fn: s.link, rules: rules{personal: true, private: true}},
		{spec: bot.CommandSpec{Name: "export", Description: "My data as a CSV file", Usage: "/export", Examples: []string{"/export"}},
			fn: s.export, rules: personal},
		{spec: bot.CommandSpec{Name: "forget", Description: "Delete all my data", Usage: "/forget, then /forget yes", Examples: []string{"/forget", "/forget yes"}},
			fn: s.forget, rules: rules{personal: true, registered: true, noJoin: true},
			subs: []route{
				{spec: bot.CommandSpec{Name: "yes", Description: "Confirm the deletion", Hidden: true}, fn: s.forgetYes, rules: rules{personal: true, registered: true, noJoin: true}},
				{spec: bot.CommandSpec{Name: "no", Description: "Cancel the deletion", Hidden: true}, fn: s.forgetNo, rules: rules{personal: true, registered: true, noJoin: true}},
			}},
		{spec: bot.CommandSpec{Name: "help", Description: "What runclub can do", Usage: "/help or /help <command>",
			Args:     []bot.ArgSpec{{Name: "command", Label: "Command", Help: "A command to explain, e.g. run: any command /help lists", Kind: bot.ArgText, Positional: true}},
			Examples: []string{"/help", "/help run"}},
			fn: s.help},
		{spec: bot.CommandSpec{Name: "as", Description: "Speak as another member (the terminal only)", Usage: "/as NAME",
			Args:     []bot.ArgSpec{{Name: "name", Label: "Name", Help: "Whom to speak as, e.g. Sam", Kind: bot.ArgText, Positional: true, Rest: true, Required: true}},
			Examples: []string{"/as Sam"}},
			fn: s.speakAs, rules: rules{console: true}},
	}
}

// The arguments of a run, for logging one and for editing one.
var (
	argDistance = bot.ArgSpec{Name: "distance", Label: "Distance", Help: "Distance, e.g. 10mi, 16.1km, 5000m", Kind: bot.ArgDistance, Positional: true, Required: true}
	argDuration = bot.ArgSpec{Name: "duration", Label: "Duration", Help: "Duration, e.g. 82m, 1h22m, 1:22 (h:mm) or 1:22:00", Kind: bot.ArgDuration, Min: 1, Max: domain.MaxRunDuration.Minutes(), Positional: true, Required: true}
	argRPE      = bot.ArgSpec{Name: "rpe", Label: "RPE", Help: "How hard the whole run felt (10 = maximal)", Kind: bot.ArgInteger, Min: 1, Max: 10}
	argRunType  = bot.ArgSpec{Name: "type", Label: "Run type", Help: "Kind of run", Kind: bot.ArgChoice, Choices: domain.RunTypes, Aliases: runTypeAliases}
)

// withoutRequired and clearable return a copy of a that may be left out, or
// given as "-" to clear the stored value.
func withoutRequired(a bot.ArgSpec) bot.ArgSpec {
	a.Required = false
	return a
}

func clearable(a bot.ArgSpec) bot.ArgSpec {
	a.Clearable = true
	return a
}

// argMember is the member a coach command is about.
var argMember = bot.ArgSpec{Name: "member", Label: "Member", Help: "The member, e.g. @Sam", Kind: bot.ArgMember, Positional: true, Rest: true}

// argClub names the club a command sent in a private chat is about, for a
// member of several; in a group the group is the club.
var argClub = bot.ArgSpec{Name: "club", Label: "Club", Help: "Which club, when you are in several (its name)", Kind: bot.ArgText}

// awayAliases are other words for the reasons to be away.
var awayAliases = map[string]string{
	"sick": "ill", "illness": "ill", "flu": "ill", "cold": "ill", "covid": "ill",
	"injury": "injured", "hurt": "injured", "travelling": "travel", "traveling": "travel", "trip": "travel",
	"holiday": "travel", "vacation": "travel", "resting": "rest", "break": "rest", "taper": "rest",
}

// runTypeAliases are the other words runners use for a run's kind.
var runTypeAliases = map[string]string{
	"interval": "intervals", "reps": "intervals", "repeats": "intervals", "track": "intervals",
	"threshold": "tempo", "lsr": "long", "recover": "recovery", "shakeout": "recovery",
}

// unitsAliases are distance units written out.
var unitsAliases = map[string]string{
	"mile": "mi", "miles": "mi", "kilometre": "km", "kilometres": "km", "kilometer": "km", "kilometers": "km", "k": "km",
}

// intensityAliases are the other words runners use for how hard a run is;
// run types map to the intensity they usually have.
var intensityAliases = map[string]string{
	"light": "easy", "recovery": "easy", "low": "easy", "e": "easy",
	"steady": "moderate", "long": "moderate", "medium": "moderate", "mod": "moderate", "m": "moderate",
	"tempo": "hard", "intervals": "hard", "interval": "hard", "race": "hard", "threshold": "hard", "high": "hard", "h": "hard",
}

// withPositional returns a copy of a that may be given as a bare word.
func withPositional(a bot.ArgSpec) bot.ArgSpec {
	a.Positional = true
	return a
}

// CommandSpecs is the command table's specs, as Commands gives them, for
// code that has no Service (tests of the platforms' registration).
func CommandSpecs() []bot.CommandSpec { return (*Service)(nil).Commands() }

// Commands is the command set as platforms register it and /help lists it.
func (s *Service) Commands() []bot.CommandSpec {
	rts := s.routes()
	out := make([]bot.CommandSpec, len(rts))
	for i, rt := range rts {
		out[i] = rt.fullSpec()
	}
	return out
}

// fullSpec is the route's spec with its rules and subcommands filled in,
// as menus and help need it.
func (rt route) fullSpec() bot.CommandSpec {
	spec := rt.spec
	spec.GroupOnly = rt.rules.group
	spec.CoachOnly = rt.rules.coach
	spec.PrivateOnly = rt.rules.private
	spec.Hidden = spec.Hidden || rt.rules.console
	spec.Subcommands = nil
	for _, sub := range rt.subs {
		spec.Subcommands = append(spec.Subcommands, sub.fullSpec())
	}
	return spec
}
