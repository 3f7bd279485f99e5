// Package svgtest reads back the SVG that package plot writes, for tests:
// the panels with their frames, the pixel coordinates of every series, the
// ticks, labels and notes.
package svgtest

import (
	"encoding/xml"
	"math"
	"strconv"
	"strings"
	"testing"
)

// Pixel is the tolerance of a pixel coordinate: the SVG writes two
// decimals, so a parsed coordinate is within 0.005 of the computed one.
const Pixel = 0.006

// Node is any element of a parsed SVG document.
type Node struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Nodes   []Node     `xml:",any"`
	Text    string     `xml:",chardata"`
}

// Attr returns the value of n's attribute name, "" if it has none.
func (n *Node) Attr(name string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// Num returns n's attribute name as a number, failing the test if it is not one.
func (n *Node) Num(t testing.TB, name string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(n.Attr(name), 64)
	if err != nil {
		t.Fatalf("<%s %s=%q>: %v", n.XMLName.Local, name, n.Attr(name), err)
	}
	return v
}

// walk calls f for n and every element below it, depth first.
func (n *Node) walk(f func(*Node)) {
	f(n)
	for i := range n.Nodes {
		n.Nodes[i].walk(f)
	}
}

// Find returns the elements below n (n included) with the given name and,
// if class is not "", that class.
func (n *Node) Find(name, class string) []*Node {
	var out []*Node
	n.walk(func(m *Node) {
		if m.XMLName.Local == name && (class == "" || m.Attr("class") == class) {
			out = append(out, m)
		}
	})
	return out
}

// Parse parses an SVG document, failing the test if it is not well formed.
func Parse(t testing.TB, doc string) *Node {
	t.Helper()
	var root Node
	if err := xml.Unmarshal([]byte(doc), &root); err != nil {
		t.Fatalf("SVG is not well formed: %v", err)
	}
	if root.XMLName.Local != "svg" {
		t.Fatalf("root element is %q", root.XMLName.Local)
	}
	return &root
}

// Panel is a parsed panel: its frame and its series by name.
type Panel struct {
	Title                string
	X, Y, Width, Height  float64
	Series               map[string][][2]float64 // every point of every polyline or circle
	XTicks, YTicks       []string
	XLabel, YLabel, Note string
}

// Panels returns the panels of a parsed SVG.
func Panels(t testing.TB, root *Node) []Panel {
	t.Helper()
	var out []Panel
	for _, g := range root.Find("g", "panel") {
		p := Panel{Title: g.Attr("data-title"), Series: map[string][][2]float64{}}
		frames := g.Find("rect", "frame")
		if len(frames) != 1 {
			t.Fatalf("panel %q has %d frames", p.Title, len(frames))
		}
		f := frames[0]
		p.X, p.Y, p.Width, p.Height = f.Num(t, "x"), f.Num(t, "y"), f.Num(t, "width"), f.Num(t, "height")
		for _, s := range g.Find("g", "series") {
			name := s.Attr("data-name")
			for _, pl := range s.Find("polyline", "") {
				for _, pt := range strings.Fields(pl.Attr("points")) {
					xy := strings.Split(pt, ",")
					x, err1 := strconv.ParseFloat(xy[0], 64)
					y, err2 := strconv.ParseFloat(xy[1], 64)
					if err1 != nil || err2 != nil {
						t.Fatalf("bad point %q", pt)
					}
					p.Series[name] = append(p.Series[name], [2]float64{x, y})
				}
			}
			for _, c := range s.Find("circle", "") {
				p.Series[name] = append(p.Series[name], [2]float64{c.Num(t, "cx"), c.Num(t, "cy")})
			}
		}
		for _, tx := range g.Find("text", "xtick") {
			p.XTicks = append(p.XTicks, tx.Text)
		}
		for _, tx := range g.Find("text", "ytick") {
			p.YTicks = append(p.YTicks, tx.Text)
		}
		for _, tx := range g.Find("text", "xlabel") {
			p.XLabel = tx.Text
		}
		for _, tx := range g.Find("text", "ylabel") {
			p.YLabel = tx.Text
		}
		for _, tx := range g.Find("text", "note") {
			p.Note += tx.Text + "\n"
		}
		out = append(out, p)
	}
	return out
}

// Near reports whether pts has a point within Pixel of (x, y).
func Near(pts [][2]float64, x, y float64) bool {
	for _, p := range pts {
		if math.Abs(p[0]-x) <= Pixel && math.Abs(p[1]-y) <= Pixel {
			return true
		}
	}
	return false
}
