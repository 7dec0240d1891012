package chart

import (
	"encoding/binary"
	"image"
	"image/color"
	"slices"
	"sync"
)

// The pictures are a few flat colours and the anti-aliased edges between
// them, so they are sent as 8-bit paletted PNGs: a quarter of the pixels to
// compress and no per-row filtering, which makes the encoding several times
// faster than truecolour and the file smaller, with no visible change.

// cellBits is the precision, per channel, at which colours are binned.
const cellBits = 5

// cellOf is the bin of an RGB colour: cellBits per channel.
func cellOf(r, g, b uint8) int {
	const s = 8 - cellBits
	return int(r>>s)<<(2*cellBits) | int(g>>s)<<cellBits | int(b>>s)
}

// toPaletted maps src onto a palette of at most 256 colours: every colour in
// exact first (the flat colours the picture is drawn in, kept exactly), then
// the mean colours of the busiest remaining bins (the anti-aliased edges),
// counted on every sampleRows-th row. src must be opaque, as every canvas here
// is. The paletted pixels are written over the start of src's own buffer
// (each byte after the four it replaces were read), so src is spent and the
// picture costs no second image.
func toPaletted(src *image.RGBA, exact []color.RGBA) *image.Paletted {
	tb := tablePool.Get().(*tables)
	defer tablePool.Put(tb)
	tb.reset()
	count, sums, taken, index := tb.count, tb.sums, tb.taken, tb.index
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	for y := 0; y < h; y += sampleRows {
		row := src.Pix[y*src.Stride : y*src.Stride+4*w]
		for x := 0; x < w; {
			n := runAt(row, x, w)
			r, g, bl := row[4*x], row[4*x+1], row[4*x+2]
			k := cellOf(r, g, bl)
			count[k] += uint32(n)
			s := &sums[k]
			s[0] += uint32(r) * uint32(n)
			s[1] += uint32(g) * uint32(n)
			s[2] += uint32(bl) * uint32(n)
			x += n
		}
	}
	pal := make([]color.RGBA, 0, 256)
	for _, c := range exact {
		if k := cellOf(c.R, c.G, c.B); !taken[k] {
			taken[k] = true
			pal = append(pal, c)
		}
	}
	var busy []int
	for k, n := range count {
		if n > 0 && !taken[k] {
			busy = append(busy, k)
		}
	}
	slices.SortFunc(busy, func(a, b int) int { return int(count[b]) - int(count[a]) })
	for _, k := range busy[:min(len(busy), 256-len(pal))] {
		n, s := count[k], sums[k]
		pal = append(pal, color.RGBA{uint8(s[0] / n), uint8(s[1] / n), uint8(s[2] / n), 0xff})
	}
	for len(pal) <= 16 {
		pal = append(pal, background) // 17 entries or more keep png's fast 8-bit path
	}
	// index holds each bin's palette entry plus one; 0 is not chosen yet (a
	// bin the sampled rows missed gets the entry nearest its first pixel).
	for k, n := range count {
		if n > 0 {
			s := sums[k]
			index[k] = 1 + uint16(nearest(pal, int(s[0]/n), int(s[1]/n), int(s[2]/n)))
		}
	}
	out := &image.Paletted{Pix: src.Pix[:w*h], Stride: w, Rect: b, Palette: make(color.Palette, len(pal))}
	for i, c := range pal {
		out.Palette[i] = c
	}
	for y := range h {
		row := src.Pix[y*src.Stride : y*src.Stride+4*w]
		dst := out.Pix[y*w : y*w+w]
		for x := 0; x < w; {
			n := runAt(row, x, w)
			r, g, bl := row[4*x], row[4*x+1], row[4*x+2]
			k := cellOf(r, g, bl)
			if index[k] == 0 {
				index[k] = 1 + uint16(nearest(pal, int(r), int(g), int(bl)))
			}
			v := uint8(index[k] - 1)
			for i := x; i < x+n; i++ {
				dst[i] = v
			}
			x += n
		}
	}
	return out
}

// cells is the number of colour bins.
const cells = 1 << (3 * cellBits)

// tables are toPaletted's per-bin counts, kept in a pool: half a megabyte
// that every picture would otherwise allocate.
type tables struct {
	count []uint32
	sums  [][3]uint32
	taken []bool
	index []uint16
}

var tablePool = sync.Pool{New: func() any {
	return &tables{make([]uint32, cells), make([][3]uint32, cells), make([]bool, cells), make([]uint16, cells)}
}}

func (t *tables) reset() {
	clear(t.count)
	clear(t.sums)
	clear(t.taken)
	clear(t.index)
}

// sampleRows is how far apart the rows are that toPaletted counts colours on.
const sampleRows = 2

// runAt is the number of pixels from x on that have x's colour. Flat
// pictures have long runs, so each run is binned once.
func runAt(row []uint8, x, w int) int {
	v, n := binary.LittleEndian.Uint32(row[4*x:]), 1
	for x+n < w && binary.LittleEndian.Uint32(row[4*(x+n):]) == v {
		n++
	}
	return n
}

// nearest is the index of the palette colour closest to r, g, b.
func nearest(pal []color.RGBA, r, g, b int) uint8 {
	best, bestD := 0, 1<<30
	for i, c := range pal {
		dr, dg, db := int(c.R)-r, int(c.G)-g, int(c.B)-b
		if d := dr*dr + dg*dg + db*db; d < bestD {
			best, bestD = i, d
		}
	}
	return uint8(best)
}
