module github.com/runclub/runclub

go 1.26.8
