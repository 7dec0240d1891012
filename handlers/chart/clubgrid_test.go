package chart

import (
	"errors"
	"image"
	"image/color"
	"strings"
	"testing"

	"github.com/runclub/runclub/domain"
)

func TestClubGridMatchesGolden(t *testing.T) {
	b, err := ClubGrid(fixtureGrid(12, 3))
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "club-grid-12.png", b)
}

// drawnGrid draws a grid and returns its layout with the decoded picture.
func drawnGrid(t *testing.T, g Grid) (*gridLayout, image.Image) {
	t.Helper()
	b, err := ClubGrid(g)
	if err != nil {
		t.Fatal(err)
	}
	return layoutGrid(g), decodePNG(t, b)
}

// cellCentre is the image point at the centre of row i's cell for day k.
func (gl *gridLayout) cellCentre(i, k int) image.Point {
	return image.Pt(int(gl.colX[k]+cellW/2), int(gl.height-gl.rowTop[i]+cellH/2))
}

func TestClubGridColoursEachDayByItsVerdictAndGreysADayWithoutACheckIn(t *testing.T) {
	days := []domain.Verdict{domain.VerdictGreen, domain.VerdictAmber, domain.VerdictRed, domain.VerdictUnknown, ""}
	row := GridRow{Name: "Sam"}
	for k := range GridDays {
		row.Days = append(row.Days, days[k%len(days)])
	}
	g := Grid{End: fixtureEnd, Rows: []GridRow{row}}
	gl, img := drawnGrid(t, g)
	want := map[domain.Verdict]color.RGBA{
		domain.VerdictGreen: okGreen, domain.VerdictAmber: okOrange, domain.VerdictRed: okVermilion,
		domain.VerdictUnknown: noDataGrey, "": noDataGrey,
	}
	for k, v := range row.Days {
		if got := share(img, gl.cellCentre(0, k), 8, want[v]); got < 0.95 {
			t.Errorf("day %d (%q): %.0f%% of the cell is its colour", k, v, 100*got)
		}
	}
	if near(noDataGrey, okGreen, 40) || near(noDataGrey, okOrange, 40) || near(okOrange, okVermilion, 40) {
		t.Error("the cell colours are too close to tell apart")
	}
}

// A member who does not share is only counted: the caller passes rows for
// the sharing members and a count for the rest, and the picture must hold
// exactly those rows, with the count changing nothing but the line under it.
func TestClubGridDrawsOnlyTheRowsItIsGivenAndCountsTheRest(t *testing.T) {
	rows := fixtureGrid(4, 0).Rows
	base, baseImg := drawnGrid(t, Grid{End: fixtureEnd, Rows: rows})
	for _, notSharing := range []int{1, 7} {
		gl, img := drawnGrid(t, Grid{End: fixtureEnd, Rows: rows, NotSharing: notSharing})
		if len(gl.rowTop) != len(rows) {
			t.Fatalf("%d not sharing: %d rows laid out, want %d", notSharing, len(gl.rowTop), len(rows))
		}
		gridBottom := int(gl.height - gl.rowTop[len(rows)-1] + cellH)
		for y := 0; y <= gridBottom; y++ {
			for x := 0; x < Width; x++ {
				// Within the palette's rounding: each picture's anti-aliased
				// edges get the palette of its own busiest colours.
				if a, b := rgba(img.At(x, y)), rgba(baseImg.At(x, y)); !near(a, b, 24) {
					t.Fatalf("%d not sharing: pixel (%d, %d) above the count line is %v, %v without them", notSharing, x, y, a, b)
				}
			}
		}
		footer := int(gl.height - gl.footer)
		if n := columnHas(img, int(margin), Width/2, footer-40, footer+10, ink); n < 100 {
			t.Errorf("%d not sharing: no count line under the grid (%d ink pixels)", notSharing, n)
		}
	}
	below := int(base.height-base.rowTop[len(rows)-1]+cellH) + 1
	if n := columnHas(baseImg, 0, Width-1, below, baseImg.Bounds().Dy()-1, ink); n > 0 {
		t.Errorf("everyone shares, yet there are %d ink pixels under the grid", n)
	}
	// Down the first column, under its headings, one cell per row and nothing else.
	x, cells, inCell := base.cellCentre(0, 0).X, 0, false
	for y := int(base.height-base.labelsTop+2*lineHeight()) + 2; y < baseImg.Bounds().Dy(); y++ {
		c := rgba(baseImg.At(x, y))
		filled := !near(c, background, 10)
		if filled && !inCell {
			cells++
		}
		inCell = filled
	}
	if cells != len(rows) {
		t.Errorf("%d cells down the first column, want one per sharing member (%d)", cells, len(rows))
	}
	for _, tc := range []struct {
		n    int
		want string
	}{{1, "1 member does not share"}, {7, "7 members do not share"}} {
		if got := notSharingLine(tc.n); !strings.HasPrefix(got, tc.want) {
			t.Errorf("count line for %d: %q, want it to start %q", tc.n, got, tc.want)
		}
	}
}

func TestClubGridRefusesInputItCannotDraw(t *testing.T) {
	short := fixtureGrid(2, 0)
	short.Rows[1].Days = short.Rows[1].Days[:13]
	for _, tc := range []struct {
		name string
		g    Grid
		want error
	}{
		{"no sharing member", Grid{End: fixtureEnd, NotSharing: 5}, ErrNothingToDraw},
		{"a row of 13 days", short, ErrBadGrid},
		{"more rows than one picture holds", fixtureGrid(MaxGridRows+1, 0), ErrBadGrid},
	} {
		if _, err := ClubGrid(tc.g); !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
		}
	}
	if _, err := ClubGrid(fixtureGrid(MaxGridRows, 0)); err != nil {
		t.Errorf("%d rows: %v", MaxGridRows, err)
	}
}

func TestClubGridShortensLongNamesToFit(t *testing.T) {
	st := bodyText()
	w := st.Width("Alexandra K")
	for _, name := range []string{"Alexandra Konstantinopoulou", "Zoë", "李小龍 Bruce"} {
		got := fitText(st, name, w)
		if st.Width(got) > w {
			t.Errorf("%q shortened to %q, still wider than %v", name, got, w)
		}
		if st.Width(name) <= w && got != name {
			t.Errorf("%q fits but became %q", name, got)
		}
		if st.Width(name) > w && !strings.HasSuffix(got, "…") {
			t.Errorf("%q shortened to %q without an ellipsis", name, got)
		}
	}
}
