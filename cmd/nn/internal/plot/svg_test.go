package plot

import (
	"math"
	"strings"
	"testing"

	"example.com/nn/cmd/nn/internal/plot/svgtest"
	"github.com/google/go-cmp/cmp"
)

// TestFigure draws a figure with known data and checks the SVG: well formed,
// the title, both series, a known point where the scale says, a gap for NaN,
// the legend, and the heat map's tints.
func TestFigure(t *testing.T) {
	p := &Panel{Title: "a panel", XLabel: "x", YLabel: "y",
		Series: []Series{
			{Name: "line", X: []float64{0, 5, 10}, Y: []float64{0, 0.5, 1}},
			{Name: "gap", X: []float64{0, 1, 2, 3, 4}, Y: []float64{0.2, 0.3, math.NaN(), 0.3, 0.2}},
			{Name: "dots", X: []float64{2.5}, Y: []float64{0.75}, Marker: true},
		},
		Heat: &Heatmap{X0: 0, X1: 10, Y0: 0, Y1: 1, Nx: 2, Ny: 1, V: []float64{0, 1}},
	}
	var b strings.Builder
	if err := (&Figure{Title: "Figure & title", Panels: []*Panel{p}}).WriteSVG(&b); err != nil {
		t.Fatal(err)
	}
	root := svgtest.Parse(t, b.String())
	if got := root.Find("title", "")[0].Text; got != "Figure & title" {
		t.Errorf("title %q", got)
	}
	ps := svgtest.Panels(t, root)
	if len(ps) != 1 {
		t.Fatalf("%d panels", len(ps))
	}
	q := ps[0]
	if q.Width != plotW || q.Height != plotH {
		t.Errorf("frame %v×%v, want %v×%v", q.Width, q.Height, plotW, plotH)
	}
	// The axes are [0, 10] and [0, 1]: (5, 0.5) is the centre of the frame,
	// (0, 0) its lower left corner, (2.5, 0.75) a quarter across and down.
	for _, c := range []struct {
		name string
		x, y float64
	}{
		{"line", q.X + q.Width/2, q.Y + q.Height/2},
		{"line", q.X, q.Y + q.Height},
		{"line", q.X + q.Width, q.Y},
		{"dots", q.X + q.Width/4, q.Y + q.Height/4},
		{"gap", q.X + q.Width*3/10, q.Y + q.Height*0.7},
	} {
		if !svgtest.Near(q.Series[c.name], c.x, c.y) {
			t.Errorf("series %q has no point at (%.2f, %.2f): %v", c.name, c.x, c.y, q.Series[c.name])
		}
	}
	if n := len(root.Find("polyline", "")); n != 3 {
		t.Errorf("%d polylines, want 3: the NaN splits one series in two", n)
	}
	if got := len(q.Series["gap"]); got != 4 {
		t.Errorf("series gap has %d points, want 4 (NaN dropped)", got)
	}
	if diff := cmp.Diff([]string{"0", "2", "4", "6", "8", "10"}, q.XTicks); diff != "" {
		t.Errorf("x ticks (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"0.0", "0.2", "0.4", "0.6", "0.8", "1.0"}, q.YTicks); diff != "" {
		t.Errorf("y ticks (-want +got):\n%s", diff)
	}
	legend := root.Find("g", "legend")
	if len(legend) != 1 || len(legend[0].Find("text", "")) != 3 {
		t.Errorf("want one legend with 3 entries")
	}
	rects := root.Find("g", "heatmap")[0].Find("rect", "")
	if len(rects) != 2 || rects[0].Attr("fill") != tint(0) || rects[1].Attr("fill") != tint(1) || tint(0) == tint(1) {
		t.Errorf("heat map: %d rectangles, want 2 of tints %s and %s", len(rects), tint(0), tint(1))
	}
	if tint(0.5) != "#ffffff" {
		t.Errorf("tint(½) = %s, want white", tint(0.5))
	}
}
