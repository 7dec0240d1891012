// Package render writes every sentence runclub says to a member or a coach:
// replies and pushes alike (the morning prompt, the wind-down, the weekly
// summaries), one file per kind of message. It turns the typed facts that
// domain computes into plain words in the reader's units and zone; it decides
// nothing about the science and stores nothing.
//
// It may import domain and bot only.
package render
