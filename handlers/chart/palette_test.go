package chart

import (
	"image"
	"image/color"
	"slices"
	"testing"
)

func TestPaletteKeepsTheFlatColoursExactAndEdgesClose(t *testing.T) {
	_, c := drawTrendCanvas(t, fixtureTrend(8))
	src := c.Image().(*image.RGBA)
	orig := slices.Clone(src.Pix)
	p := toPaletted(src, flatColors) // spends src
	if len(p.Palette) > 256 || len(p.Palette) <= 16 {
		t.Fatalf("%d colours in the palette", len(p.Palette))
	}
	flat := map[color.RGBA]bool{}
	for _, f := range flatColors {
		flat[f] = true
	}
	far, n := 0, 0
	for i := 0; i+3 < len(orig); i += 4 {
		was := color.RGBA{orig[i], orig[i+1], orig[i+2], orig[i+3]}
		now := rgba(p.Palette[p.Pix[i/4]])
		if flat[was] && now != was {
			t.Fatalf("pixel %d: the flat colour %v became %v", i/4, was, now)
		}
		if channelDiff(was, now) > 16 {
			far++
		}
		n++
	}
	if frac := float64(far) / float64(n); frac > 0.001 {
		t.Errorf("%.3f%% of pixels moved more than 16 in a channel", 100*frac)
	}
	releaseCanvas(c)
}
