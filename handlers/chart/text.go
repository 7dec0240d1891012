package chart

import (
	"image"
	"image/color"
	stddraw "image/draw"
	"math"
	"sync"
	"sync/atomic"

	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// Text is most of a picture's drawing time when gonum's image canvas draws
// it: its y axis points up, so every glyph goes through a general image
// transform. The pictures repeat the same few hundred strings (titles, legend
// words, tick labels, dates, names), so each is rasterised once, with gonum's
// own fonts and rasteriser, into an alpha mask that later pictures stamp onto
// their pixels with the standard library's fast mask drawing.

// textKey names one rasterised string.
type textKey struct {
	s string
	f font.Font
}

// textMask is a string's coverage, with the pen's origin inside it.
type textMask struct {
	mask *image.Alpha
	// x0 is the column of the pen's start, base the row of the baseline.
	x0, base int
}

// maxMasks bounds the cache: the fixed words and every date and number fit
// many times over; an endless stream of new member names does not grow it.
const maxMasks = 4096

var (
	masks     sync.Map // textKey → *textMask
	maskCount atomic.Int64
)

// maskOf returns the rasterised coverage of txt in st's font.
func maskOf(st text.Style, txt string) *textMask {
	k := textKey{txt, st.Font}
	if m, ok := masks.Load(k); ok {
		return m.(*textMask)
	}
	m := rasterise(st, txt)
	if maskCount.Load() < maxMasks {
		if _, loaded := masks.LoadOrStore(k, m); !loaded {
			maskCount.Add(1)
		}
	}
	return m
}

// rasterise draws txt in black on white with gonum and keeps its coverage.
func rasterise(st text.Style, txt string) *textMask {
	const pad = 3
	e := st.FontExtents()
	w := int(math.Ceil(float64(st.Width(txt)))) + 2*pad
	h := int(math.Ceil(float64(e.Ascent+e.Descent))) + 2*pad
	c := vgimg.NewWith(vgimg.UseWH(vg.Length(w), vg.Length(h)), vgimg.UseDPI(dpi), vgimg.UseBackgroundColor(color.White))
	st.Color, st.XAlign, st.YAlign, st.Rotation = color.Black, text.XLeft, text.YBottom, 0
	baseline := vg.Length(pad) + e.Descent // from the bottom, in the canvas' y-up units
	// gonum places single-line text by size − ascent above the point given.
	dc := draw.New(c)
	dc.FillText(st, vg.Point{X: pad, Y: baseline + e.Ascent - st.Font.Size}, txt)
	src := c.Image()
	m := image.NewAlpha(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			r, _, _, _ := src.At(x, y).RGBA()
			m.Pix[y*m.Stride+x] = 255 - uint8(r>>8)
		}
	}
	return &textMask{mask: m, x0: pad, base: h - int(math.Round(float64(baseline)))}
}

// stamp draws txt with its baseline at y, from x as st aligns it (XLeft,
// XCenter or XRight), onto the pixels under c. A canvas that is not an image
// gets gonum's own text drawing.
func stamp(c draw.Canvas, st text.Style, x, y vg.Length, txt string) {
	vc, _ := c.Canvas.(*vgimg.Canvas)
	img, isRGBA := vgImage(vc)
	if !isRGBA {
		st.YAlign = text.YBottom
		c.FillText(st, vg.Point{X: x, Y: y + st.FontExtents().Ascent - st.Font.Size}, txt)
		return
	}
	m := maskOf(st, txt)
	_, h := vc.Size()
	left := float64(x) + float64(st.XAlign)*float64(st.Width(txt))
	px := int(math.Round(left)) - m.x0
	py := int(math.Round(float64(h-y))) - m.base
	r := m.mask.Bounds().Add(image.Pt(px, py))
	stddraw.DrawMask(img, r, image.NewUniform(st.Color), image.Point{}, m.mask, image.Point{}, stddraw.Over)
}

// vgImage is the RGBA image a vgimg canvas draws on, if it is one.
func vgImage(vc *vgimg.Canvas) (*image.RGBA, bool) {
	if vc == nil {
		return nil, false
	}
	img, isRGBA := vc.Image().(*image.RGBA)
	return img, isRGBA
}

// fillRect fills the rectangle x0..x1 × y0..y1 (whole pixels, y up) with
// col, straight onto the image under c when there is one: a club grid of 100
// members is 1,400 cells, and the rasteriser's setup for each costs more than
// the cell.
func fillRect(c draw.Canvas, col color.Color, x0, y0, x1, y1 vg.Length) {
	vc, _ := c.Canvas.(*vgimg.Canvas)
	img, ok := vgImage(vc)
	if !ok {
		c.FillPolygon(col, []vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}})
		return
	}
	_, h := vc.Size()
	r := image.Rect(int(math.Round(float64(x0))), int(math.Round(float64(h-y1))), int(math.Round(float64(x1))), int(math.Round(float64(h-y0))))
	stddraw.Draw(img, r, image.NewUniform(col), image.Point{}, stddraw.Src)
}
