package chart

import (
	"image"
	"testing"

	"github.com/runclub/runclub/domain"
)

// benchTrend renders a weeks-long /trend the way the command will: the
// series from a year of history, the drawing, the PNG. With cold, no canvas
// is there to reuse, as for the first picture after a start.
func benchTrend(b *testing.B, weeks int, cold bool) {
	h := fixtureHistory(365)
	from := fixtureEnd.AddDays(-7*weeks + 1)
	b.ReportAllocs()
	size := 0
	for b.Loop() {
		if cold {
			canvases.Clear()
		}
		png, err := Trend(domain.ComputeTrend(h, from, fixtureEnd))
		if err != nil {
			b.Fatal(err)
		}
		size = len(png)
	}
	b.ReportMetric(float64(size)/1024, "KB/png")
}

// BenchmarkTrend26Weeks is the longest /trend (target: under 100 ms and 20 MB).
func BenchmarkTrend26Weeks(b *testing.B) { benchTrend(b, 26, false) }

// BenchmarkTrend26WeeksCold is the same with no canvas to reuse.
func BenchmarkTrend26WeeksCold(b *testing.B) { benchTrend(b, 26, true) }

// BenchmarkTrend8Weeks is /trend's default.
func BenchmarkTrend8Weeks(b *testing.B) { benchTrend(b, 8, false) }

// BenchmarkTrend1Week is the baseline: the same picture with the fewest days,
// so the difference is what 26 weeks of data cost over the fixed work of
// four panels, their text and the PNG.
func BenchmarkTrend1Week(b *testing.B) { benchTrend(b, 1, false) }

// BenchmarkBlankPNG is the floor: a blank canvas of the trend's size, taken
// from the pool and encoded.
func BenchmarkBlankPNG(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		c, _ := newCanvas(TrendHeight)
		if _, err := encodePNG(c); err != nil {
			b.Fatal(err)
		}
	}
}

func benchGrid(b *testing.B, rows int) {
	g := fixtureGrid(rows, 3)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ClubGrid(g); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkClubGrid12 is a club grid of 12 sharing members.
func BenchmarkClubGrid12(b *testing.B) { benchGrid(b, 12) }

// BenchmarkClubGrid100 is a club grid of 100 sharing members.
func BenchmarkClubGrid100(b *testing.B) { benchGrid(b, 100) }

// BenchmarkPalette is the PNG's colour reduction alone, on a drawn 26-week trend.
func BenchmarkPalette(b *testing.B) {
	_, c := drawTrendCanvas(b, fixtureTrend(26))
	drawn := c.Image().(*image.RGBA)
	work := image.NewRGBA(drawn.Bounds())
	b.ReportAllocs()
	for b.Loop() {
		copy(work.Pix, drawn.Pix)
		toPaletted(work, flatColors)
	}
}
