package main

import (
	"encoding/xml"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// pixel is the tolerance of a pixel coordinate: the SVG writes two decimals,
// so a parsed coordinate is within 0.005 of the computed one.
const pixel = 0.006

func TestScale(t *testing.T) {
	tests := []struct {
		name string
		s    scale
		v    float64
		want float64
	}{
		{"linear, low end on the left edge", scale{lo: -5, hi: 5, p0: 100, p1: 460}, -5, 100},
		{"linear, high end on the right edge", scale{lo: -5, hi: 5, p0: 100, p1: 460}, 5, 460},
		{"linear, middle", scale{lo: -5, hi: 5, p0: 100, p1: 460}, 0, 280},
		{"linear, a quarter", scale{lo: 0, hi: 8, p0: 0, p1: 400}, 2, 100},
		{"y axis grows upward", scale{lo: 0, hi: 1, p0: 300, p1: 60}, 0.25, 300 - 0.25*240},
		{"y axis top edge", scale{lo: 0, hi: 1, p0: 300, p1: 60}, 1, 60},
		{"log, low end", scale{lo: 1e-6, hi: 1, p0: 0, p1: 600, log: true}, 1e-6, 0},
		{"log, high end", scale{lo: 1e-6, hi: 1, p0: 0, p1: 600, log: true}, 1, 600},
		{"log, a decade is a sixth", scale{lo: 1e-6, hi: 1, p0: 0, p1: 600, log: true}, 1e-5, 100},
		{"log, √10 is half a decade", scale{lo: 1, hi: 100, p0: 0, p1: 200, log: true}, math.Sqrt(10), 50},
	}
	for _, tt := range tests {
		if got := tt.s.at(tt.v); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("%s: at(%v) = %v, want %v", tt.name, tt.v, got, tt.want)
		}
	}
	for _, v := range []float64{0, -1, math.NaN(), math.Inf(1)} {
		if got := (scale{lo: 1, hi: 10, p0: 0, p1: 1, log: true}).at(v); !math.IsNaN(got) {
			t.Errorf("log scale at(%v) = %v, want NaN (not shown)", v, got)
		}
	}
}

func TestTicks(t *testing.T) {
	for _, tt := range []struct{ x, round, up float64 }{
		{1.2, 1, 2}, {2.5, 2, 5}, {4, 5, 5}, {8, 10, 10}, {0.028, 0.02, 0.05}, {0.031, 0.05, 0.05}, {1, 1, 1}, {300, 500, 500}, {250, 200, 500},
	} {
		if got := niceNum(tt.x, true); math.Abs(got-tt.round) > 1e-12*tt.round {
			t.Errorf("niceNum(%v, true) = %v, want %v", tt.x, got, tt.round)
		}
		if got := niceNum(tt.x, false); math.Abs(got-tt.up) > 1e-12*tt.up {
			t.Errorf("niceNum(%v, false) = %v, want %v", tt.x, got, tt.up)
		}
	}
	approx := cmpopts.EquateApprox(0, 1e-12)
	lin := []struct {
		min, max, lo, hi float64
		ticks            []float64
	}{
		{-5, 5, -6, 6, []float64{-6, -4, -2, 0, 2, 4, 6}}, // a step of 10/4 = 2.5 rounds to 2
		{0.03, 0.97, 0, 1, []float64{0, 0.2, 0.4, 0.6, 0.8, 1}},
		{1, 100, 0, 100, []float64{0, 20, 40, 60, 80, 100}},
		{3, 3, 1, 5, []float64{1, 2, 3, 4, 5}}, // widened to [1.5, 4.5]
	}
	for _, tt := range lin {
		n := 6
		if tt.min == -5 {
			n = 5
		}
		lo, hi, ticks := linearTicks(tt.min, tt.max, n)
		if diff := cmp.Diff([]any{tt.lo, tt.hi, tt.ticks}, []any{lo, hi, ticks}, approx); diff != "" {
			t.Errorf("linearTicks(%v, %v) (-want +got):\n%s", tt.min, tt.max, diff)
		}
	}
	lo, hi, ticks := logTicks(3e-7, 0.4)
	if diff := cmp.Diff([]any{1e-7, 1.0, []float64{1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1}}, []any{lo, hi, ticks}, cmpopts.EquateApprox(1e-12, 0)); diff != "" {
		t.Errorf("logTicks (-want +got):\n%s", diff)
	}
	lo, hi, ticks = logTicks(2, 30)
	if diff := cmp.Diff([]any{1.0, 100.0, []float64{1, 2, 5, 10, 20, 50, 100}}, []any{lo, hi, ticks}, cmpopts.EquateApprox(1e-12, 0)); diff != "" {
		t.Errorf("logTicks over one decade (-want +got):\n%s", diff)
	}
	for _, tt := range []struct {
		v    float64
		want string
	}{{1e-6, "10⁻⁶"}, {1, "1"}, {100, "10²"}, {20, "2·10¹"}} {
		if got := powLabel(tt.v); got != tt.want {
			t.Errorf("powLabel(%v) = %q, want %q", tt.v, got, tt.want)
		}
	}
}

// node is any element of a parsed SVG document.
type node struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Nodes   []node     `xml:",any"`
	Text    string     `xml:",chardata"`
}

func (n *node) attr(name string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func (n *node) num(t *testing.T, name string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(n.attr(name), 64)
	if err != nil {
		t.Fatalf("<%s %s=%q>: %v", n.XMLName.Local, name, n.attr(name), err)
	}
	return v
}

// walk calls f for n and every element below it, depth first.
func (n *node) walk(f func(*node)) {
	f(n)
	for i := range n.Nodes {
		n.Nodes[i].walk(f)
	}
}

// find returns the elements below n (n included) with the given name and,
// if class is not "", that class.
func (n *node) find(name, class string) []*node {
	var out []*node
	n.walk(func(m *node) {
		if m.XMLName.Local == name && (class == "" || m.attr("class") == class) {
			out = append(out, m)
		}
	})
	return out
}

// parseSVG parses an SVG document, failing the test if it is not well formed.
func parseSVG(t *testing.T, doc string) *node {
	t.Helper()
	var root node
	if err := xml.Unmarshal([]byte(doc), &root); err != nil {
		t.Fatalf("SVG is not well formed: %v", err)
	}
	if root.XMLName.Local != "svg" {
		t.Fatalf("root element is %q", root.XMLName.Local)
	}
	return &root
}

// plotted is a parsed panel: its frame and its series by name.
type plotted struct {
	title                string
	x, y, width, height  float64
	series               map[string][][2]float64 // every point of every polyline or circle
	xticks, yticks       []string
	xlabel, ylabel, note string
}

// panels returns the panels of a parsed SVG.
func panels(t *testing.T, root *node) []plotted {
	t.Helper()
	var out []plotted
	for _, g := range root.find("g", "panel") {
		p := plotted{title: g.attr("data-title"), series: map[string][][2]float64{}}
		frames := g.find("rect", "frame")
		if len(frames) != 1 {
			t.Fatalf("panel %q has %d frames", p.title, len(frames))
		}
		f := frames[0]
		p.x, p.y, p.width, p.height = f.num(t, "x"), f.num(t, "y"), f.num(t, "width"), f.num(t, "height")
		for _, s := range g.find("g", "series") {
			name := s.attr("data-name")
			for _, pl := range s.find("polyline", "") {
				for _, pt := range strings.Fields(pl.attr("points")) {
					xy := strings.Split(pt, ",")
					x, err1 := strconv.ParseFloat(xy[0], 64)
					y, err2 := strconv.ParseFloat(xy[1], 64)
					if err1 != nil || err2 != nil {
						t.Fatalf("bad point %q", pt)
					}
					p.series[name] = append(p.series[name], [2]float64{x, y})
				}
			}
			for _, c := range s.find("circle", "") {
				p.series[name] = append(p.series[name], [2]float64{c.num(t, "cx"), c.num(t, "cy")})
			}
		}
		for _, tx := range g.find("text", "xtick") {
			p.xticks = append(p.xticks, tx.Text)
		}
		for _, tx := range g.find("text", "ytick") {
			p.yticks = append(p.yticks, tx.Text)
		}
		for _, tx := range g.find("text", "xlabel") {
			p.xlabel = tx.Text
		}
		for _, tx := range g.find("text", "ylabel") {
			p.ylabel = tx.Text
		}
		for _, tx := range g.find("text", "note") {
			p.note += tx.Text + "\n"
		}
		out = append(out, p)
	}
	return out
}

// near reports whether pts has a point within pixel of (x, y).
func near(pts [][2]float64, x, y float64) bool {
	for _, p := range pts {
		if math.Abs(p[0]-x) <= pixel && math.Abs(p[1]-y) <= pixel {
			return true
		}
	}
	return false
}

// TestFigure draws a figure with known data and checks the SVG: well formed,
// the title, both series, a known point where the scale says, a gap for NaN,
// the legend, and the heat map's tints.
func TestFigure(t *testing.T) {
	p := &panel{Title: "a panel", XLabel: "x", YLabel: "y",
		Series: []series{
			{Name: "line", X: []float64{0, 5, 10}, Y: []float64{0, 0.5, 1}},
			{Name: "gap", X: []float64{0, 1, 2, 3, 4}, Y: []float64{0.2, 0.3, math.NaN(), 0.3, 0.2}},
			{Name: "dots", X: []float64{2.5}, Y: []float64{0.75}, Marker: true},
		},
		Heat: &heatmap{X0: 0, X1: 10, Y0: 0, Y1: 1, Nx: 2, Ny: 1, V: []float64{0, 1}},
	}
	var b strings.Builder
	if err := (&figure{Title: "Figure & title", Panels: []*panel{p}}).writeSVG(&b); err != nil {
		t.Fatal(err)
	}
	root := parseSVG(t, b.String())
	if got := root.find("title", "")[0].Text; got != "Figure & title" {
		t.Errorf("title %q", got)
	}
	ps := panels(t, root)
	if len(ps) != 1 {
		t.Fatalf("%d panels", len(ps))
	}
	q := ps[0]
	if q.width != plotW || q.height != plotH {
		t.Errorf("frame %v×%v, want %v×%v", q.width, q.height, plotW, plotH)
	}
	// The axes are [0, 10] and [0, 1]: (5, 0.5) is the centre of the frame,
	// (0, 0) its lower left corner, (2.5, 0.75) a quarter across and down.
	for _, c := range []struct {
		name string
		x, y float64
	}{
		{"line", q.x + q.width/2, q.y + q.height/2},
		{"line", q.x, q.y + q.height},
		{"line", q.x + q.width, q.y},
		{"dots", q.x + q.width/4, q.y + q.height/4},
		{"gap", q.x + q.width*3/10, q.y + q.height*0.7},
	} {
		if !near(q.series[c.name], c.x, c.y) {
			t.Errorf("series %q has no point at (%.2f, %.2f): %v", c.name, c.x, c.y, q.series[c.name])
		}
	}
	if n := len(root.find("polyline", "")); n != 3 {
		t.Errorf("%d polylines, want 3: the NaN splits one series in two", n)
	}
	if got := len(q.series["gap"]); got != 4 {
		t.Errorf("series gap has %d points, want 4 (NaN dropped)", got)
	}
	if diff := cmp.Diff([]string{"0", "2", "4", "6", "8", "10"}, q.xticks); diff != "" {
		t.Errorf("x ticks (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"0.0", "0.2", "0.4", "0.6", "0.8", "1.0"}, q.yticks); diff != "" {
		t.Errorf("y ticks (-want +got):\n%s", diff)
	}
	legend := root.find("g", "legend")
	if len(legend) != 1 || len(legend[0].find("text", "")) != 3 {
		t.Errorf("want one legend with 3 entries")
	}
	rects := root.find("g", "heatmap")[0].find("rect", "")
	if len(rects) != 2 || rects[0].attr("fill") != tint(0) || rects[1].attr("fill") != tint(1) || tint(0) == tint(1) {
		t.Errorf("heat map: %d rectangles, want 2 of tints %s and %s", len(rects), tint(0), tint(1))
	}
	if tint(0.5) != "#ffffff" {
		t.Errorf("tint(½) = %s, want white", tint(0.5))
	}
}

// TestLossPlot: the loss plot has both series, a log axis when the loss falls
// by more than 10×, and leaves out a validation loss that is all NaN.
func TestLossPlot(t *testing.T) {
	train := []float64{1, 0.3, 0.1, 0.05}
	var b strings.Builder
	if err := writeLossPlot(&b, "run", train, []float64{0.9, 0.4, math.NaN(), 0.2}); err != nil {
		t.Fatal(err)
	}
	q := panels(t, parseSVG(t, b.String()))[0]
	if len(q.series["training"]) != 4 || len(q.series["validation"]) != 3 {
		t.Errorf("series: %d training, %d validation points; want 4 and 3", len(q.series["training"]), len(q.series["validation"]))
	}
	// A log axis from 10⁻² to 1: the loss 0.1 is half way up.
	if !(len(q.yticks) > 0 && q.yticks[0] == "10⁻²") {
		t.Errorf("y ticks %v, want a log axis from 10⁻²", q.yticks)
	}
	y01 := q.y + q.height/2
	found := false
	for _, p := range q.series["training"] {
		found = found || math.Abs(p[1]-y01) <= pixel
	}
	if !found {
		t.Errorf("no training point at loss 0.1 (y = %.2f): %v", y01, q.series["training"])
	}
	b.Reset()
	if err := writeLossPlot(&b, "run", train, []float64{math.NaN(), math.NaN()}); err != nil {
		t.Fatal(err)
	}
	if q := panels(t, parseSVG(t, b.String()))[0]; len(q.series) != 1 {
		t.Errorf("all-NaN validation: series %v, want training only", q.series)
	}
}
