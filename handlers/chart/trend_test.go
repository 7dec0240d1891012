package chart

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"math"
	"sync"
	"testing"

	"github.com/runclub/runclub/domain"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
)

func TestTrendMatchesGolden(t *testing.T) {
	b, err := Trend(fixtureTrend(8))
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "trend-8-weeks.png", b)
}

func TestTrendOf26WeeksIsAPhoneSizedPNGUnder300KB(t *testing.T) {
	b, err := Trend(fixtureTrend(26))
	if err != nil {
		t.Fatal(err)
	}
	img := decodePNG(t, b)
	if h := img.Bounds().Dy(); h != TrendHeight {
		t.Errorf("height %d px, want %d", h, TrendHeight)
	}
	if len(b) >= 300*1024 {
		t.Errorf("%d KB, want under 300 KB", len(b)/1024)
	}
}

func TestTrendBandsAreWhereTheDataPutsThem(t *testing.T) {
	tr := plainTrend()
	pic, img := drawnTrend(t, tr)
	k := gapDay // no check-in: no dot or bar covers the bands that day
	base := tr.RHRBaseline[k]
	lo, hi, ok := tr.NormalRange(k)
	if !base.OK || !ok {
		t.Fatalf("the fixture needs baselines on day %d: %+v, %v", k, base, ok)
	}
	rhr, hrv, sleep := pic.panelTitled(t, titleRHR), pic.panelTitled(t, titleHRV), pic.panelTitled(t, titleSleep)
	load := pic.panelTitled(t, titleLoad)
	for _, tc := range []struct {
		name  string
		at    image.Point
		color color.RGBA
		want  bool
	}{
		{"RHR baseline +7.5 is in the +5 band", pic.pixel(rhr, float64(k), base.V+7.5, false), cautionBand, true},
		{"RHR baseline +2.5 is below the +5 band", pic.pixel(rhr, float64(k), base.V+2.5, false), cautionBand, false},
		{"RHR baseline +12 is in the +10 band", pic.pixel(rhr, float64(k), base.V+12, false), warningBand, true},
		{"inside the HRV normal range, off the 7-day line", pic.pixel(hrv, float64(k), inBandOff(lo, hi, tr.HRVWeek[k].V), false), normalBand, true},
		{"HRV 0.3 below the normal range", pic.pixel(hrv, float64(k), lo-0.3*(hi-lo), false), normalBand, false},
		{"9 h is in the sleep target", pic.pixel(sleep, float64(k), 9, false), targetBand, true},
		{"4 h is outside the sleep target", pic.pixel(sleep, float64(k), 4, false), targetBand, false},
		{"ACWR 1.2, between two bars, is in the sweet spot", pic.pixel(load, 3.5, 1.2, true), sweetBand, true},
		{"ACWR 1.45, between two bars, is above it", pic.pixel(load, 3.5, 1.45, true), sweetBand, false},
	} {
		got := share(img, tc.at, 2, tc.color)
		if tc.want && got < 0.6 || !tc.want && got > 0.1 {
			t.Errorf("%s: %.0f%% of the pixels around %v have the band's colour", tc.name, 100*got, tc.at)
		}
	}
}

// inBandOff is a value a sixth of the way into lo..hi from the end farther
// from line, so that a pixel there shows the band and not the line over it.
func inBandOff(lo, hi, line float64) float64 {
	if line-lo > hi-line {
		return lo + (hi-lo)/6
	}
	return hi - (hi-lo)/6
}

func TestTrendLeavesAGapForADayWithoutACheckIn(t *testing.T) {
	tr := plainTrend()
	if tr.RHR[gapDay].OK || tr.Sleep[gapDay].OK || tr.HRV[gapDay].OK {
		t.Fatal("the fixture's gap day has values")
	}
	pic, img := drawnTrend(t, tr)
	for _, tc := range []struct {
		title string
		color color.RGBA
	}{{titleRHR, okBlue}, {titleHRV, okBlue}, {titleHRV, hrvDayLine}, {titleSleep, okSkyBlue}} {
		pn := pic.panelTitled(t, tc.title)
		top, bottom := pic.rows(pn)
		count := func(day int) int {
			x0 := pic.pixel(pn, float64(day)-0.3, 0, false).X
			x1 := pic.pixel(pn, float64(day)+0.3, 0, false).X
			return columnHas(img, x0, x1, top, bottom, tc.color)
		}
		if n := count(gapDay - 2); n == 0 {
			t.Errorf("%s: day %d has a value but no pixel of its colour", tc.title, gapDay-2)
		}
		if n := count(gapDay); n != 0 {
			t.Errorf("%s: %d pixels of the series' colour on day %d, which has no check-in", tc.title, n, gapDay)
		}
	}
}

func TestTrendDrawsTheACWROnTheRightScale(t *testing.T) {
	tr := plainTrend()
	pic, img := drawnTrend(t, tr)
	pn := pic.panelTitled(t, titleLoad)
	last := tr.Days() - 1
	a := tr.ACWR[last]
	if !a.OK || a.V < 1.5 {
		t.Fatalf("the fixture's last day needs an ACWR over 1.5: %+v", a)
	}
	top, bottom := pic.rows(pn)
	at := pic.pixel(pn, float64(last), a.V, true)
	x := pic.pixel(pn, float64(last)-0.5, 0, false).X // just left of the last day's centre, off its dot
	var ys []int
	for y := top; y <= bottom; y++ {
		if near(rgba(img.At(x, y)), okPurple, 40) {
			ys = append(ys, y)
		}
	}
	if len(ys) == 0 {
		t.Fatalf("no ACWR pixels in column %d", x)
	}
	for _, y := range ys {
		if y < at.Y-14 || y > at.Y+14 {
			t.Errorf("ACWR pixel at row %d, but %.2f on the right scale is row %d", y, a.V, at.Y)
		}
	}
	if left := pic.pixel(pn, float64(last), a.V, false); abs(left.Y-at.Y) < 30 {
		t.Fatalf("the test cannot tell the scales apart: rows %d and %d", left.Y, at.Y)
	}
	// The danger line's label sits on the right of the data area, at 1.5.
	danger := pic.pixel(pn, 0, domain.ACWRDanger, true)
	right := int(pn.data.Max.X)
	if n := columnHas(img, right+8, right+90, danger.Y-25, danger.Y+25, okVermilion); n < 20 {
		t.Errorf("no \"1.5\" label right of the load panel at row %d (%d pixels)", danger.Y, n)
	}
}

func abs(x int) int { return max(x, -x) }

func TestTrendPanelsShareOneDateAxis(t *testing.T) {
	for _, weeks := range []int{1, 8, 26} {
		pic, err := layoutTrend(fixtureTrend(weeks))
		if err != nil {
			t.Fatal(err)
		}
		first := pic.panels[0].data
		for _, pn := range pic.panels[1:] {
			if math.Abs(float64(pn.data.Min.X-first.Min.X)) > 0.5 || math.Abs(float64(pn.data.Max.X-first.Max.X)) > 0.5 {
				t.Errorf("%d weeks: %s spans x %.1f–%.1f, %s %.1f–%.1f", weeks, pn.title, pn.data.Min.X, pn.data.Max.X, pic.panels[0].title, first.Min.X, first.Max.X)
			}
		}
	}
}

func TestTrendTextFitsAndDoesNotOverlap(t *testing.T) {
	for weeks := 1; weeks <= 26; weeks++ {
		pic, err := layoutTrend(fixtureTrend(weeks))
		if err != nil {
			t.Fatal(err)
		}
		for _, pn := range pic.panels {
			for _, line := range pn.header {
				it := line[len(line)-1]
				end := it.x + it.style.Width(it.text)
				if it.key != nil {
					end += swatchSpan(*it.key)
				}
				if end > Width-margin {
					t.Errorf("%d weeks, %s: the header runs to x %.0f, past %v", weeks, pn.title, end, Width-margin)
				}
			}
			ys, ylabels := labelled(pn.yTicks.Ticks(pn.p.Y.Min, pn.p.Y.Max), func(v float64) float64 { return float64(pn.data.Y(pn.p.Y.Norm(v))) })
			for i := 1; i < len(ys); i++ {
				if ys[i]-ys[i-1] < float64(bodyText().Height(ylabels[i])) {
					t.Errorf("%d weeks, %s: y labels %.0f px apart overlap", weeks, pn.title, ys[i]-ys[i-1])
				}
			}
			if len(ys) < 2 {
				t.Errorf("%d weeks, %s: %d labels on the y axis, want at least 2", weeks, pn.title, len(ys))
			}
		}
		bottom := pic.panels[len(pic.panels)-1]
		xs, dates := labelled(bottom.dates.Ticks(bottom.p.X.Min, bottom.p.X.Max), func(v float64) float64 { return float64(bottom.data.X(bottom.p.X.Norm(v))) })
		prevEnd := float64(bottom.data.Min.X) - 10
		for i, x := range xs {
			w := float64(bodyText().Width(dates[i]))
			if x-w/2 < prevEnd+10 || x+w/2 > float64(bottom.data.Max.X) {
				t.Errorf("%d weeks: date label %q at x %.0f overlaps its neighbour or leaves the axis", weeks, dates[i], x)
			}
			prevEnd = x + w/2
		}
		labels := len(xs)
		if weeks >= 2 && labels == 0 {
			t.Errorf("%d weeks: no date on the axis", weeks)
		}
	}
}

// labelled returns where the labelled ticks are, by at, and their labels.
func labelled(ticks []plot.Tick, at func(float64) float64) (pos []float64, labels []string) {
	for _, tk := range ticks {
		if tk.Label != "" {
			pos, labels = append(pos, at(tk.Value)), append(labels, tk.Label)
		}
	}
	return pos, labels
}

func TestTrendLeavesOutPanelsWithoutData(t *testing.T) {
	full := plainTrend()
	all, err := layoutTrend(full)
	if err != nil {
		t.Fatal(err)
	}
	noHRV := full
	noHRV.HRV = make(domain.Series, full.Days())
	pic, err := layoutTrend(noHRV)
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, pn := range pic.panels {
		titles = append(titles, pn.title)
	}
	h := func(p *trendPicture) vg.Length { return p.panels[0].data.Max.Y - p.panels[0].data.Min.Y }
	if len(titles) != 3 || titles[1] != titleSleep || h(pic) <= h(all) || pic.height > TrendHeight {
		t.Errorf("without HRV: panels %q, data %v px tall (with HRV %v), picture %v px", titles, h(pic), h(all), pic.height)
	}
	empty := domain.ComputeTrend(domain.History{}, fixtureEnd.AddDays(-55), fixtureEnd)
	if _, err := Trend(empty); !errors.Is(err, ErrNothingToDraw) {
		t.Errorf("a trend with no data: %v, want ErrNothingToDraw", err)
	}
	if _, err := Trend(domain.Trend{}); !errors.Is(err, ErrNothingToDraw) {
		t.Errorf("a trend of no days: %v, want ErrNothingToDraw", err)
	}
}

// Canvases are reused: a picture drawn after another of the same size must
// not show anything of it.
func TestTrendIsTheSameAfterAnotherPictureOnAReusedCanvas(t *testing.T) {
	first, err := Trend(fixtureTrend(8))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Trend(fixtureTrend(26)); err != nil {
		t.Fatal(err)
	}
	again, err := Trend(fixtureTrend(8))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, again) {
		t.Error("the same trend drew differently on a reused canvas")
	}
}

// The pools and the text cache are shared: pictures drawn at once must come
// out as they do one at a time (run with -race).
func TestPicturesDrawnConcurrentlyAreTheSame(t *testing.T) {
	want, err := Trend(fixtureTrend(8))
	if err != nil {
		t.Fatal(err)
	}
	wantGrid, err := ClubGrid(fixtureGrid(12, 3))
	if err != nil {
		t.Fatal(err)
	}
	tr, g := fixtureTrend(8), fixtureGrid(12, 3)
	got := make([][2][]byte, 4)
	var wg sync.WaitGroup
	for i := range got {
		wg.Go(func() {
			a, _ := Trend(tr)
			b, _ := ClubGrid(g)
			got[i] = [2][]byte{a, b}
		})
	}
	wg.Wait()
	for i, p := range got {
		if !bytes.Equal(p[0], want) || !bytes.Equal(p[1], wantGrid) {
			t.Errorf("goroutine %d drew a different picture", i)
		}
	}
}
