package chart

import (
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/font/liberation"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
)

// Width is the width of every picture in pixels. The canvases work at 72 dpi,
// so one vg point is one pixel.
const Width = 1200

const dpi = 72

// Text sizes in pixels. A phone's body text is about 16 CSS px (the browsers'
// default and Material's body-large; iOS body is 17 pt, Android's body-medium
// 14 sp), and phones are 360 to 430 CSS px wide, most near 400 (Android's 411,
// the iPhones' 390 to 430). A picture 1200 px wide filling a 400 px screen has
// 3 image pixels to a CSS pixel, so body text needs 48 px. No text is smaller
// than bodySize; titles are a little larger and bold.
const (
	bodySize  = 48
	titleSize = 52
)

// The Okabe–Ito palette (Okabe & Ito 2008), safe for the common colour-vision
// deficiencies. Each series keeps its colour across panels.
var (
	okBlack     = color.RGBA{0x00, 0x00, 0x00, 0xff}
	okOrange    = color.RGBA{0xe6, 0x9f, 0x00, 0xff}
	okSkyBlue   = color.RGBA{0x56, 0xb4, 0xe9, 0xff}
	okGreen     = color.RGBA{0x00, 0x9e, 0x73, 0xff} // "bluish green"
	okBlue      = color.RGBA{0x00, 0x72, 0xb2, 0xff}
	okVermilion = color.RGBA{0xd5, 0x5e, 0x00, 0xff}
	okPurple    = color.RGBA{0xcc, 0x79, 0xa7, 0xff} // "reddish purple"
)

// Neutral colours: the light background, the text, the grid and the grey of
// a day without a check-in.
var (
	background = color.RGBA{0xff, 0xff, 0xff, 0xff}
	ink        = color.RGBA{0x1a, 0x1a, 0x1a, 0xff}
	gridGrey   = color.RGBA{0xdd, 0xdd, 0xdd, 0xff}
	noDataGrey = color.RGBA{0xc8, 0xc8, 0xc8, 0xff}
)

// tint mixes c with the white background, keeping share of c. Bands are drawn
// in opaque tints rather than with alpha, so that a band's pixels have one
// known colour wherever they are.
func tint(c color.RGBA, share float64) color.RGBA {
	mix := func(a uint8) uint8 { return uint8(float64(a)*share + 255*(1-share) + 0.5) }
	return color.RGBA{mix(c.R), mix(c.G), mix(c.B), 0xff}
}

// Band tints.
var (
	cautionBand = tint(okOrange, 0.30)
	warningBand = tint(okVermilion, 0.30)
	normalBand  = tint(okGreen, 0.25)
	targetBand  = tint(okGreen, 0.25)
	sweetBand   = tint(okGreen, 0.18)
)

// The two faces the pictures use, both embedded in gonum/plot (nothing is
// fetched at run time). They are looked up by name in its collection, which
// spares this package an import of golang.org/x/image for the bold weight.
// hrvDayLine is the light line joining the HRV mornings.
var hrvDayLine = tint(okBlue, 0.6)

// flatColors are every colour the pictures fill or stroke with, which the
// PNG's palette keeps exactly.
var flatColors = []color.RGBA{
	background, ink, gridGrey, noDataGrey,
	okBlack, okOrange, okSkyBlue, okGreen, okBlue, okVermilion, okPurple,
	cautionBand, warningBand, normalBand, targetBand, sweetBand, hrvDayLine,
}

var (
	sans     = embeddedFont("LiberationSans-Regular")
	sansBold = embeddedFont("LiberationSans-Bold")
)

func embeddedFont(name string) font.Font {
	for _, f := range liberation.Collection() {
		if f.Font.Name() == name {
			f.Font.Typeface = "Liberation"
			return f.Font
		}
	}
	panic("chart: gonum/plot no longer embeds " + name)
}

// textStyle is a text style of the embedded Liberation Sans at size px.
func textStyle(f font.Font, size vg.Length, c color.Color) text.Style {
	return text.Style{
		Color:   c,
		Font:    font.From(f, size),
		XAlign:  text.XLeft,
		YAlign:  text.YBottom,
		Handler: plot.DefaultTextHandler,
	}
}

func bodyText() text.Style  { return textStyle(sans, bodySize, ink) }
func titleText() text.Style { return textStyle(sansBold, titleSize, ink) }
