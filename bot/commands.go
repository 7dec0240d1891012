package bot

// ArgKind is the type of a command argument. The router parses each kind the
// same way on every platform; platforms with typed options (Discord) offer
// the matching input.
type ArgKind int

// Argument kinds.
const (
	// ArgText is free text, taken as typed.
	ArgText ArgKind = iota
	// ArgInteger is a whole number from Min to Max.
	ArgInteger
	// ArgNumber is a decimal number from Min to Max.
	ArgNumber
	// ArgChoice is one of Choices (or a word in Aliases).
	ArgChoice
	// ArgDate is today, yesterday or YYYY-MM-DD, never in the future.
	ArgDate
	// ArgDuration is a length of time such as 82m, 1h22 or 1:22:00; Min and
	// Max bound it in minutes.
	ArgDuration
	// ArgDistance is 10mi, 16.1km, 5000m or a bare number in the member's units.
	ArgDistance
	// ArgWeight is 64kg, 141lb or a bare number in the member's units.
	ArgWeight
	// ArgClock is a 24-hour time of day, HH:MM.
	ArgClock
	// ArgZone is an IANA time zone name such as Europe/London.
	ArgZone
	// ArgSlot is a day of the week and a time, such as Sun 18:00.
	ArgSlot
	// ArgMember names another member: a mention or a display name.
	ArgMember
)

// ArgSpec describes one argument of a command.
type ArgSpec struct {
	// Name is the key typed before the colon, and the option's name on Discord.
	Name string
	// Label names the value in replies ("Resting heart rate"); Help says
	// what to give in a line of /help and Discord's option description.
	Label, Help string
	Kind        ArgKind
	// Min and Max bound Integer, Number and Duration (minutes) arguments.
	Min, Max float64
	// Unit follows a number in help ("bpm", "h").
	Unit string
	// Choices are the valid values of a Choice argument; Aliases maps other
	// words a member may type to one of them.
	Choices []string
	Aliases map[string]string
	// Positional arguments may be given as bare words, in the order of the
	// command's Args; Rest takes every remaining word (a name, "Sun 18:00").
	Positional, Rest bool
	// Clearable arguments accept "-" or "none" to clear a stored value.
	Clearable bool
	// Required arguments must be given; the router refuses the command
	// before anything is stored.
	Required bool
	// Hidden arguments are for the bot's own buttons (a confirmation):
	// accepted when typed or pressed, shown in no help and no menu.
	Hidden bool
}

// CommandSpec describes one command: the list that menus, Telegram's
// setMyCommands, Discord's registration and /help are built from. The
// handlers hold the list, each spec beside its function and rules.
type CommandSpec struct {
	// Name is the command without its slash; for a subcommand, its word
	// ("delete" in /run delete 3).
	Name string
	// Description is one line for menus (Discord allows 100 characters).
	Description string
	// Usage shows how to type it, e.g. "/run <distance> <duration> rpe:1-10".
	Usage    string
	Args     []ArgSpec
	Examples []string
	// Subcommands are chosen by the first word after the command, or on
	// Discord by an option named ActionOption.
	Subcommands []CommandSpec
	// GroupOnly, CoachOnly and PrivateOnly say where and by whom the command
	// is used; the router enforces them, menus follow them.
	GroupOnly, CoachOnly, PrivateOnly bool
	// Hidden commands work when typed or pressed (button data) but appear in
	// no menu and no help list.
	Hidden bool
}

// ActionOption is the option that picks a subcommand where a platform has
// typed options, such as /coach action:add on Discord.
const ActionOption = "action"

// Arg returns the spec of the named argument.
func (c CommandSpec) Arg(name string) (ArgSpec, bool) {
	for _, a := range c.Args {
		if a.Name == name {
			return a, true
		}
	}
	return ArgSpec{}, false
}

// Sub returns the named subcommand.
func (c CommandSpec) Sub(name string) (CommandSpec, bool) {
	for _, s := range c.Subcommands {
		if s.Name == name {
			return s, true
		}
	}
	return CommandSpec{}, false
}
