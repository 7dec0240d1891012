package bot

// ArgKind is the type of a command argument, so that platforms with typed
// options (Discord) can offer the right input.
type ArgKind int

// Argument kinds.
const (
	ArgString ArgKind = iota
	ArgInteger
	ArgNumber
	ArgChoice
)

// ArgSpec describes one argument of a command.
type ArgSpec struct {
	Name        string
	Description string
	Kind        ArgKind
	// Min and Max bound Integer and Number arguments.
	Min, Max float64
	// Choices lists the valid values of a Choice argument.
	Choices []string
}

// CommandSpec describes one command: the one list that /help, Telegram's
// setMyCommands and Discord's slash-command registration are built from.
type CommandSpec struct {
	Name        string
	Description string
	Usage       string
	Args        []ArgSpec
	// GroupOnly and CoachOnly say where and by whom the command may be used.
	GroupOnly bool
	CoachOnly bool
}

// Commands is the command set, the same on every platform.
var Commands = []CommandSpec{
	{Name: "start", Description: "Register and see how runclub works", Usage: "/start"},
	{Name: "join", Description: "Join this group's club", Usage: "/join (in a group)", GroupOnly: true},
	{Name: "checkin", Description: "Record this morning's check-in", Usage: "/checkin rhr:52 hrv:65 sleep:7.5 quality:4 fatigue:3 soreness:2 stress:4 mood:7 date:today",
		Args: []ArgSpec{
			{Name: "rhr", Description: "Resting heart rate on waking (bpm)", Kind: ArgInteger, Min: 25, Max: 120},
			{Name: "hrv", Description: "HRV, rMSSD (ms)", Kind: ArgNumber, Min: 5, Max: 300},
			{Name: "sleep", Description: "Hours slept last night", Kind: ArgNumber, Min: 0, Max: 16},
			{Name: "quality", Description: "Sleep quality 1-5 (5 = best)", Kind: ArgInteger, Min: 1, Max: 5},
			{Name: "fatigue", Description: "Fatigue 1-10 (10 = worst)", Kind: ArgInteger, Min: 1, Max: 10},
			{Name: "soreness", Description: "Soreness 1-10 (10 = worst)", Kind: ArgInteger, Min: 1, Max: 10},
			{Name: "stress", Description: "Stress 1-10 (10 = worst)", Kind: ArgInteger, Min: 1, Max: 10},
			{Name: "mood", Description: "Mood / motivation 1-10 (10 = best)", Kind: ArgInteger, Min: 1, Max: 10},
			{Name: "date", Description: "today, yesterday or YYYY-MM-DD", Kind: ArgString},
		}},
	{Name: "run", Description: "Log a run", Usage: "/run 10mi 82m rpe:6 type:easy date:today",
		Args: []ArgSpec{
			{Name: "distance", Description: "Distance, e.g. 10mi, 16.1km, 5000m", Kind: ArgString},
			{Name: "duration", Description: "Duration, e.g. 82m, 82 or 1:22:00", Kind: ArgString},
			{Name: "rpe", Description: "Session effort 1-10 (10 = maximal)", Kind: ArgInteger, Min: 1, Max: 10},
			{Name: "type", Description: "Kind of run", Kind: ArgChoice, Choices: []string{"easy", "long", "tempo", "intervals", "race", "recovery", "other"}},
			{Name: "date", Description: "today, yesterday or YYYY-MM-DD", Kind: ArgString},
		}},
	{Name: "readiness", Description: "Today's verdict: train, keep it easy, or rest", Usage: "/readiness date:today",
		Args: []ArgSpec{{Name: "date", Description: "today, yesterday or YYYY-MM-DD", Kind: ArgString}}},
	{Name: "fuel", Description: "Fuel and fluid plan for a run", Usage: "/fuel minutes:90 intensity:moderate weight:64kg pre:64kg post:63.2kg",
		Args: []ArgSpec{
			{Name: "minutes", Description: "Planned run length in minutes", Kind: ArgInteger, Min: 1, Max: 1440},
			{Name: "intensity", Description: "How hard", Kind: ArgChoice, Choices: []string{"easy", "moderate", "hard"}},
			{Name: "weight", Description: "Body weight, e.g. 64kg or 141lb", Kind: ArgString},
			{Name: "pre", Description: "Weight before the run, e.g. 64kg", Kind: ArgString},
			{Name: "post", Description: "Weight after the run, e.g. 63.2kg", Kind: ArgString},
		}},
	{Name: "week", Description: "My weekly summary now", Usage: "/week"},
	{Name: "settings", Description: "Time zone, wake and bed times, units, weight, prompts, sharing", Usage: "/settings tz:Europe/London wake:06:15 bed:22:30 units:km weight:64kg prompts:on share:off",
		Args: []ArgSpec{
			{Name: "tz", Description: "Time zone, e.g. Europe/London", Kind: ArgString},
			{Name: "wake", Description: "Wake time HH:MM", Kind: ArgString},
			{Name: "bed", Description: "Bedtime HH:MM", Kind: ArgString},
			{Name: "units", Description: "Distance units", Kind: ArgChoice, Choices: []string{"km", "mi"}},
			{Name: "weight", Description: "Body weight, e.g. 64kg or 141lb", Kind: ArgString},
			{Name: "prompts", Description: "Morning and bedtime messages", Kind: ArgChoice, Choices: []string{"on", "off"}},
			{Name: "share", Description: "Share my values with the club's coaches", Kind: ArgChoice, Choices: []string{"on", "off"}},
		}},
	{Name: "summary", Description: "Coach: the group's weekly summary", Usage: "/summary", CoachOnly: true},
	{Name: "coach", Description: "Coach: grant or take the coach role, or move the weekly summary", Usage: "/coach add @member, /coach remove @member, /coach weekly Sun 18:00 tz:Europe/London", CoachOnly: true,
		Args: []ArgSpec{
			{Name: "action", Description: "add or remove a coach, or set the weekly slot", Kind: ArgChoice, Choices: []string{"add", "remove", "weekly"}},
			{Name: "member", Description: "The member (add, remove)", Kind: ArgString},
			{Name: "slot", Description: "Weekly summary day and time, e.g. Sun 18:00 (weekly)", Kind: ArgString},
			{Name: "tz", Description: "The club's time zone, e.g. Europe/London (weekly)", Kind: ArgString},
		}},
	{Name: "export", Description: "My data as a CSV file", Usage: "/export"},
	{Name: "forget", Description: "Delete all my data", Usage: "/forget"},
	{Name: "help", Description: "What runclub can do", Usage: "/help"},
}

// Spec returns the spec of the named command.
func Spec(name string) (CommandSpec, bool) {
	for _, c := range Commands {
		if c.Name == name {
			return c, true
		}
	}
	return CommandSpec{}, false
}
