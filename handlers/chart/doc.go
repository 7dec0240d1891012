// Package chart draws runclub's pictures as PNG: a member's trend (resting HR,
// HRV, sleep and training load over weeks, on one date axis) and a coach's club
// grid (each sharing member's verdict colour over the last 14 days). It only
// draws typed facts that domain computed and the caller chose; it decides
// nothing, reads no clock and stores nothing but caches (canvases for reuse,
// words rasterised once). It draws for a phone: 1200 px wide, text no smaller
// than a phone's body text, the Okabe–Ito colour-blind-safe palette on a light
// background, and only the fonts gonum/plot embeds. Its functions are safe to
// call from several goroutines at once.
//
// It may import domain, gonum.org/v1/plot and the standard library only.
package chart
