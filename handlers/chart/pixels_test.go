package chart

import (
	"bytes"
	"flag"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/runclub/runclub/domain"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg/vgimg"
)

var update = flag.Bool("update", false, "rewrite the golden PNGs in testdata")

// decodePNG decodes a picture and checks what every picture must be: a PNG
// at least 1000 px wide (it is drawn Width wide for a phone's screen).
func decodePNG(t *testing.T, b []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("the picture does not decode: %v", err)
	}
	if w := img.Bounds().Dx(); w < 1000 || w != Width {
		t.Fatalf("width %d px, want %d (and at least 1000)", w, Width)
	}
	return img
}

// checkGolden compares a picture with testdata/name within a tolerance: the
// same size, at most 0.2% of pixels off by more than 24 in a channel, and a
// mean channel difference under 0.5. The rasteriser is deterministic, so the
// tolerance only absorbs a float rounding that differs between machines.
// With -update it rewrites the golden file instead.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	wantPNG, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	a, b := decodePNG(t, got), decodePNG(t, wantPNG)
	if a.Bounds() != b.Bounds() {
		t.Fatalf("%s: size %v, golden %v", name, a.Bounds().Size(), b.Bounds().Size())
	}
	off, sum, n := 0, 0, 0
	for y := a.Bounds().Min.Y; y < a.Bounds().Max.Y; y++ {
		for x := a.Bounds().Min.X; x < a.Bounds().Max.X; x++ {
			d := channelDiff(rgba(a.At(x, y)), rgba(b.At(x, y)))
			if d > 24 {
				off++
			}
			sum += d
			n++
		}
	}
	if frac, mean := float64(off)/float64(n), float64(sum)/float64(n); frac > 0.002 || mean > 0.5 {
		out := filepath.Join(os.TempDir(), "chart-got-"+name) // kept after the test, to look at
		_ = os.WriteFile(out, got, 0o644)
		t.Errorf("%s differs from its golden: %.3f%% of pixels off, mean difference %.2f; got %s", name, 100*frac, mean, out)
	}
}

func rgba(c color.Color) color.RGBA {
	r, g, b, a := c.RGBA()
	return color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), uint8(a >> 8)}
}

// channelDiff is the largest difference between two colours in one channel.
func channelDiff(a, b color.RGBA) int {
	d := 0
	for _, p := range [][2]uint8{{a.R, b.R}, {a.G, b.G}, {a.B, b.B}} {
		d = max(d, max(int(p[0])-int(p[1]), int(p[1])-int(p[0])))
	}
	return d
}

// near reports whether two colours are within tol in every channel.
func near(a, b color.RGBA, tol int) bool { return channelDiff(a, b) <= tol }

// share is the fraction of the pixels in the (2r+1)² box around p that are
// near want.
func share(img image.Image, p image.Point, r int, want color.RGBA) float64 {
	hit, n := 0, 0
	for y := p.Y - r; y <= p.Y+r; y++ {
		for x := p.X - r; x <= p.X+r; x++ {
			n++
			if near(rgba(img.At(x, y)), want, 6) {
				hit++
			}
		}
	}
	return float64(hit) / float64(n)
}

// columnHas counts the pixels near want in the image columns x0..x1 between
// the image rows top and bottom.
func columnHas(img image.Image, x0, x1, top, bottom int, want color.RGBA) int {
	n := 0
	for y := top; y <= bottom; y++ {
		for x := x0; x <= x1; x++ {
			if near(rgba(img.At(x, y)), want, 40) {
				n++
			}
		}
	}
	return n
}

// drawnTrend lays out, draws and encodes a trend the way Trend does, and
// returns the layout with the decoded picture, so that a test can find the
// pixels of a data point with the transforms the drawing used.
func drawnTrend(t *testing.T, tr domain.Trend) (*trendPicture, image.Image) {
	t.Helper()
	pic, c := drawTrendCanvas(t, tr)
	b, err := encodePNG(c)
	if err != nil {
		t.Fatal(err)
	}
	return pic, decodePNG(t, b)
}

// drawTrendCanvas lays out and draws a trend on a canvas from the pool, not
// yet encoded.
func drawTrendCanvas(tb testing.TB, tr domain.Trend) (*trendPicture, *vgimg.Canvas) {
	tb.Helper()
	pic, err := layoutTrend(tr)
	if err != nil {
		tb.Fatal(err)
	}
	c, dc := newCanvas(pic.height)
	pic.draw(dc)
	return pic, c
}

// panelTitled finds the trend's panel with the given title.
func (pic *trendPicture) panelTitled(t *testing.T, title string) *panel {
	t.Helper()
	for _, pn := range pic.panels {
		if pn.title == title {
			return pn
		}
	}
	t.Fatalf("no panel %q", title)
	return nil
}

// pixel is the image point of data (x, y) in a panel, y read on the left
// scale, or on the right one when right is set.
func (pic *trendPicture) pixel(pn *panel, x, y float64, right bool) image.Point {
	var scale *plot.Plot = pn.p
	if right {
		scale = pn.right
	}
	px := pn.data.X(pn.p.X.Norm(x))
	py := pn.data.Y(scale.Y.Norm(y))
	return image.Pt(int(px), int(pic.height-py))
}

// rows are the image rows of the top and bottom of a panel's data area.
func (pic *trendPicture) rows(pn *panel) (top, bottom int) {
	return int(pic.height-pn.data.Max.Y) + 1, int(pic.height-pn.data.Min.Y) - 1
}
