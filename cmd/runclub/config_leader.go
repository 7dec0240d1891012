package main

import (
	"fmt"
	"time"
)

// maxLeaderRetry keeps a takeover within 30 s of a leader's death: a
// follower notices the free lock at its next try.
const maxLeaderRetry = 25 * time.Second

// intervals reads the leader keys: how often a follower tries to take the
// lead, and how often the leader checks that its database session lives.
func (l LeaderConfig) intervals() (retry, ping time.Duration, err error) {
	read := func(key, val string) (time.Duration, error) {
		d, err := time.ParseDuration(val)
		if err != nil || d < 100*time.Millisecond || d > maxLeaderRetry {
			return 0, &ConfigError{Key: key, Reason: fmt.Sprintf("%q is not a duration from 100ms to %s, such as 5s", val, maxLeaderRetry)}
		}
		return d, nil
	}
	if retry, err = read("leader.retry_interval", l.RetryInterval); err != nil {
		return 0, 0, err
	}
	if ping, err = read("leader.ping_interval", l.PingInterval); err != nil {
		return 0, 0, err
	}
	if ping > retry {
		// A leader that lost its session must notice before a follower can
		// have taken over, or two would push at once for a while.
		return 0, 0, &ConfigError{Key: "leader.ping_interval", Reason: fmt.Sprintf("%s is longer than leader.retry_interval (%s); the leader must notice a lost session before a follower takes over", ping, retry)}
	}
	return retry, ping, nil
}
