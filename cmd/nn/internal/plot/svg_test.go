package plot

// Tests of the SVG canvas, read back with svgtest.

import (
	"image/color"
	"math"
	"strings"
	"testing"

	"example.com/nn/cmd/nn/internal/plot/svgtest"
	"github.com/google/go-cmp/cmp"
)

// TestFigure draws a figure with known data and checks the SVG: well formed,
// the title, both series, a known point where the scale says, a gap for NaN,
// and the legend.
func TestFigure(t *testing.T) {
	p := &Panel{Title: "a panel", XLabel: "x", YLabel: "y", XRange: [2]float64{0, 10}, YRange: [2]float64{0, 1},
		Series: []Series{
			{Name: "line", X: []float64{0, 5, 10}, Y: []float64{0, 0.5, 1}},
			{Name: "gap", X: []float64{0, 1, 2, 3, 4}, Y: []float64{0.2, 0.3, math.NaN(), 0.3, 0.2}},
			{Name: "dots", X: []float64{2.5}, Y: []float64{0.75}, Marker: true},
		},
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
}

// TestHeatmap draws the heat map of F = x/10 over [0, 10] × [0, 1] and reads
// back its image and its boundary.
func TestHeatmap(t *testing.T) {
	p := &Panel{XRange: [2]float64{0, 10}, YRange: [2]float64{0, 1},
		Heat: &Heatmap{F: func(x, y float64) float64 { return x / 10 }, Boundary: true}}
	var b strings.Builder
	if err := (&Figure{Panels: []*Panel{p}}).WriteSVG(&b); err != nil {
		t.Fatal(err)
	}
	q := svgtest.Panels(t, svgtest.Parse(t, b.String()))[0]
	// The heat map: F = x/10 sampled at the centres of 2-pixel cells over
	// the frame, the tint of F = ½ white, and the contour F = ½ at x = 5,
	// the middle of the frame.
	h := q.Heat
	if h == nil || h.Bounds().Dx() != plotW/2 || h.Bounds().Dy() != plotH/2 || q.HeatBox != [4]float64{q.X, q.Y, q.Width, q.Height} {
		t.Fatalf("heat map: image %v over %v, want %d×%d cells over the frame", h.Bounds(), q.HeatBox, plotW/2, plotH/2)
	}
	for _, i := range []int{0, 17, 90, 179} {
		if got, want := color.NRGBAModel.Convert(h.At(i, 60)), tint((float64(i)+0.5)*2/plotW); got != want {
			t.Errorf("heat map column %d: %v, want %v", i, got, want)
		}
	}
	if tint(0.5) != (color.NRGBA{255, 255, 255, 255}) {
		t.Errorf("tint(½) = %v, want white", tint(0.5))
	}
	if len(q.Boundary) != 2*(plotH/2-1) {
		t.Errorf("boundary: %d points, want one segment per row of squares", len(q.Boundary))
	}
	for _, b := range q.Boundary {
		if math.Abs(b[0]-(q.X+q.Width/2)) > svgtest.Pixel {
			t.Errorf("boundary point %v, want x = %v", b, q.X+q.Width/2)
			break
		}
	}
}

// TestRich: an exponent ^{…} becomes a raised tspan, the text after it comes
// back to the baseline, and the markup is gone from attributes.
func TestRich(t *testing.T) {
	for _, tt := range []struct{ in, want, plain string }{
		{"N^{−0.96}", `N<tspan dy="-0.4em" font-size="75%">−0.96</tspan>`, "N−0.96"},
		{"e ∝ N^{−1}: a & b", `e ∝ N<tspan dy="-0.4em" font-size="75%">−1</tspan><tspan dy="0.3em">: a &amp; b</tspan>`, "e ∝ N−1: a & b"},
		{"a^b, {c}", "a^b, {c}", "a^b, {c}"},
	} {
		if got := rich(tt.in); got != tt.want {
			t.Errorf("rich(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := plain(tt.in); got != tt.plain {
			t.Errorf("plain(%q) = %q, want %q", tt.in, got, tt.plain)
		}
	}
}
