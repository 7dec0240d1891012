package render

import "fmt"

// DemoIntro opens runclub demo: what was seeded, who you are, what to try,
// and that running it again starts over.
func DemoIntro(club string, members, weeks int, name string, coach bool, file string) string {
	who := fmt.Sprintf("You are %s, a member.", name)
	try := "/readiness, /week, /away 2 ill, /back, /export"
	if coach {
		who = fmt.Sprintf("You are %s, its coach.", name)
		try = "/summary, /coach alerts, /coach weekly, /week"
	}
	return fmt.Sprintf("runclub demo: %s, %d members and %d weeks of made-up training in %s (running the demo again starts it over).\n%s Try %s; /as Sam speaks as Sam, /as Jo as the coach again; /help lists everything. Ctrl-D quits.",
		club, members, weeks, file, who, try)
}
