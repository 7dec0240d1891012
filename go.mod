module github.com/runclub/runclub

go 1.26.8

require (
	github.com/go-telegram/bot v1.19.0
	golang.org/x/time v0.16.0
)
