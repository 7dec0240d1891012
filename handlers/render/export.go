package render

import "fmt"

// Exported goes with the CSV file of everything stored about the member.
func Exported(checkIns, runs int) string {
	return fmt.Sprintf("Here is everything I have recorded for you: %s and %s.", count(checkIns, "check-in", "check-ins"), count(runs, "run", "runs"))
}
