// Package domain holds runclub's entities, their validation, the error kinds,
// the repository interfaces the rest of the program depends on, and all the
// recovery maths. It imports nothing of the project and never reads the clock:
// every computation takes the date or time it is about as an argument.
package domain
