package chart

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	stddraw "image/draw"
	"image/png"
	"sync"

	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// margin is the blank border around each picture.
const margin vg.Length = 28

// canvases keeps canvases for reuse, a sync.Pool for each height. A vgimg
// canvas costs two Width × height RGBA images (vgimg's own and the copy its
// rasteriser draws on), 7.2 MB each for a trend; reusing them is most of the
// difference between drawing a picture and allocating one.
var canvases sync.Map

// newCanvas returns a light canvas of Width × height pixels, reused when one
// of that height was released.
func newCanvas(height vg.Length) (*vgimg.Canvas, draw.Canvas) {
	pool, _ := canvases.LoadOrStore(height, new(sync.Pool))
	c, ok := pool.(*sync.Pool).Get().(*vgimg.Canvas)
	if ok {
		img := c.Image()
		stddraw.Draw(img, img.Bounds(), image.NewUniform(background), image.Point{}, stddraw.Src)
	} else {
		c = vgimg.NewWith(vgimg.UseWH(Width, height), vgimg.UseDPI(dpi), vgimg.UseBackgroundColor(background))
	}
	return c, draw.New(c)
}

// releaseCanvas gives a canvas back for reuse; its pixels are not kept.
func releaseCanvas(c *vgimg.Canvas) {
	_, h := c.Size()
	if pool, ok := canvases.Load(h); ok {
		pool.(*sync.Pool).Put(c)
	}
}

// encodePNG writes the canvas as an 8-bit paletted PNG (see toPaletted), at
// BestSpeed: flat colours compress well at any level, and the default level
// costs about twice the time for a few per cent fewer bytes. It releases the
// canvas, whose pixels the paletted image was written over.
func encodePNG(c *vgimg.Canvas) ([]byte, error) {
	defer releaseCanvas(c)
	var img image.Image = c.Image()
	if rgba, ok := img.(*image.RGBA); ok {
		img = toPaletted(rgba, flatColors)
	}
	var buf bytes.Buffer
	buf.Grow(128 << 10) // most pictures fit, so the buffer does not grow by doubling
	enc := png.Encoder{CompressionLevel: png.BestSpeed, BufferPool: encoderBuffers{}}
	if err := enc.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("chart: encode PNG: %w", err)
	}
	return buf.Bytes(), nil
}

// encoderBuffers lends png its encoder's buffers (a zlib writer of about a
// megabyte among them) from one pool, instead of new ones for each picture.
type encoderBuffers struct{}

var pngBuffers sync.Pool

// Get implements png.EncoderBufferPool.
func (encoderBuffers) Get() *png.EncoderBuffer {
	b, _ := pngBuffers.Get().(*png.EncoderBuffer)
	return b
}

// Put implements png.EncoderBufferPool.
func (encoderBuffers) Put(b *png.EncoderBuffer) { pngBuffers.Put(b) }

// headerItem is one word or legend entry of a header line, placed at x.
type headerItem struct {
	x     vg.Length
	text  string
	style text.Style
	key   *legendKey
}

// lineHeight is the height of one header line.
func lineHeight() vg.Length { return titleText().FontExtents().Height * 1.12 }

// flowHeader lays the title and the legend entries out left to right from
// left, starting a new line where the next entry would pass right.
func flowHeader(title string, keys []legendKey, left, right vg.Length) [][]headerItem {
	var lines [][]headerItem
	var line []headerItem
	x := left
	place := func(it headerItem, w vg.Length) {
		if len(line) > 0 && x+w > right {
			lines = append(lines, line)
			line, x = nil, left
		}
		it.x = x
		line = append(line, it)
		x += w + itemGap
	}
	if title != "" {
		st := titleText()
		place(headerItem{text: title, style: st}, st.Width(title))
	}
	for i := range keys {
		st := bodyText()
		place(headerItem{text: keys[i].label, style: st, key: &keys[i]}, swatchSpan(keys[i])+st.Width(keys[i].label))
	}
	if len(line) > 0 {
		lines = append(lines, line)
	}
	return lines
}

// drawHeader draws header lines downwards from top and returns the y below them.
func drawHeader(c draw.Canvas, lines [][]headerItem, top vg.Length) vg.Length {
	lh := lineHeight()
	for _, line := range lines {
		base := top - lh + titleText().FontExtents().Descent // text baseline of this line
		for _, it := range line {
			x := it.x
			if it.key != nil {
				drawSwatch(c, *it.key, x, base+it.style.FontExtents().Ascent*0.35)
				x += swatchSpan(*it.key)
			}
			fillBaseline(c, it.style, x, base, it.text)
		}
		top -= lh
	}
	return top
}

// swatchSpan is the room a key's swatch and the gap after it take.
func swatchSpan(k legendKey) vg.Length {
	if k.kind == keyBoxPair {
		return 2*swatchWidth + swatchGap
	}
	return swatchWidth + swatchGap
}

// drawSwatch draws a legend key's mark centred vertically on mid.
func drawSwatch(c draw.Canvas, k legendKey, x, mid vg.Length) {
	switch k.kind {
	case keyLine, keyDashed:
		c.StrokeLine2(lineStyle(k.color, wBaseline, k.kind == keyDashed), x, mid, x+swatchWidth, mid)
	case keyDot:
		c.DrawGlyph(draw.GlyphStyle{Color: k.color, Radius: 11, Shape: draw.CircleGlyph{}}, vg.Point{X: x + swatchWidth/2, Y: mid})
	case keyBox:
		drawBox(c, k.color, x, mid)
	case keyBoxPair:
		drawBox(c, k.color, x, mid)
		drawBox(c, k.color2, x+swatchWidth, mid)
	}
}

// drawBox is a band's swatch: a square of its colour with a light outline, so
// that a pale tint still shows on the background.
func drawBox(c draw.Canvas, fill color.Color, x, mid vg.Length) {
	const h = 36
	r := []vg.Point{{X: x, Y: mid - h/2}, {X: x + swatchWidth, Y: mid - h/2}, {X: x + swatchWidth, Y: mid + h/2}, {X: x, Y: mid + h/2}}
	c.FillPolygon(fill, r)
	c.StrokeLines(draw.LineStyle{Color: gridGrey, Width: 2}, append(r, r[0]))
}

// fillBaseline draws txt with its baseline at y, from x as st aligns it.
func fillBaseline(c draw.Canvas, st text.Style, x, y vg.Length, txt string) {
	stamp(c, st, x, y, txt)
}
