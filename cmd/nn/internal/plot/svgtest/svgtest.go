// Package svgtest reads back the SVG that package plot writes, for tests:
// the panels with their frames, the pixel coordinates of every series, the
// ticks, labels and notes.
package svgtest

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"image"
	"image/png"
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

// AllText returns the text of n and of every element below it, n's own
// first (a label with a superscript is a text with tspans).
func (n *Node) AllText() string {
	var b strings.Builder
	n.walk(func(m *Node) { b.WriteString(m.Text) })
	return b.String()
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
	Widths               map[string]float64      // the stroke width of each series drawn as a line
	Notes                [][4]float64            // the boxes of the notes inside the frame: x, y, width, height
	Heat                 image.Image             // the heat map's image, nil without one
	HeatBox              [4]float64              // where the image is drawn: x, y, width, height
	Boundary             [][2]float64            // the points of the heat map's contour
	XTicks, YTicks       []string
	XTickAt, YTickAt     []float64 // the pixel of each tick: its x, its y
	XLabel, YLabel, Note string
}

// Panels returns the panels of a parsed SVG.
func Panels(t testing.TB, root *Node) []Panel {
	t.Helper()
	var out []Panel
	for _, g := range root.Find("g", "panel") {
		p := Panel{Title: g.Attr("data-title"), Series: map[string][][2]float64{}, Widths: map[string]float64{}}
		frames := g.Find("rect", "frame")
		if len(frames) != 1 {
			t.Fatalf("panel %q has %d frames", p.Title, len(frames))
		}
		f := frames[0]
		p.X, p.Y, p.Width, p.Height = f.Num(t, "x"), f.Num(t, "y"), f.Num(t, "width"), f.Num(t, "height")
		for _, s := range g.Find("g", "series") {
			name := s.Attr("data-name")
			for _, pl := range s.Find("polyline", "") {
				p.Widths[name] = pl.Num(t, "stroke-width")
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
		for _, im := range g.Find("image", "heatmap") {
			data, ok := strings.CutPrefix(im.Attr("href"), "data:image/png;base64,")
			b, err := base64.StdEncoding.DecodeString(data)
			if !ok || err != nil {
				t.Fatalf("heat map image: not a PNG data URI (%v)", err)
			}
			if p.Heat, err = png.Decode(bytes.NewReader(b)); err != nil {
				t.Fatalf("heat map image: %v", err)
			}
			p.HeatBox = [4]float64{im.Num(t, "x"), im.Num(t, "y"), im.Num(t, "width"), im.Num(t, "height")}
		}
		for _, b := range g.Find("path", "boundary") {
			for _, f := range strings.FieldsFunc(b.Attr("d"), func(r rune) bool { return r == 'M' || r == 'L' }) {
				var x, y float64
				if xy := strings.Fields(f); len(xy) == 2 {
					x, y = parseFloat(t, xy[0]), parseFloat(t, xy[1])
				} else {
					t.Fatalf("boundary: bad point %q", f)
				}
				p.Boundary = append(p.Boundary, [2]float64{x, y})
			}
		}
		for _, r := range g.Find("rect", "notes") {
			p.Notes = append(p.Notes, [4]float64{r.Num(t, "x"), r.Num(t, "y"), r.Num(t, "width"), r.Num(t, "height")})
		}
		for _, tx := range g.Find("text", "xtick") {
			p.XTicks = append(p.XTicks, tx.Text)
			p.XTickAt = append(p.XTickAt, tx.Num(t, "x"))
		}
		for _, tx := range g.Find("text", "ytick") {
			p.YTicks = append(p.YTicks, tx.Text)
			p.YTickAt = append(p.YTickAt, tx.Num(t, "y")-4) // the label sits 4 px below its tick
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

// parseFloat parses a number of the SVG, failing the test if it is not one.
func parseFloat(t testing.TB, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("bad number %q", s)
	}
	return v
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

// TickValue reads a tick label: "−1.5", "0.05", "10⁻³" or "2·10⁵".
func TickValue(t testing.TB, label string) float64 {
	t.Helper()
	s := strings.ReplaceAll(label, "−", "-")
	m := 1.0
	if a, b, ok := strings.Cut(s, "·"); ok {
		var err error
		if m, err = strconv.ParseFloat(a, 64); err != nil {
			t.Fatalf("tick label %q: %v", label, err)
		}
		s = b
	}
	if e, ok := strings.CutPrefix(s, "10"); ok && e != "" && !strings.ContainsAny(e, "0123456789.") {
		k, err := strconv.Atoi(strings.NewReplacer("⁻", "-", "⁰", "0", "¹", "1", "²", "2", "³", "3", "⁴", "4",
			"⁵", "5", "⁶", "6", "⁷", "7", "⁸", "8", "⁹", "9").Replace(e))
		if err != nil {
			t.Fatalf("tick label %q: %v", label, err)
		}
		return m * math.Pow(10, float64(k))
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("tick label %q: %v", label, err)
	}
	return v
}

// at maps v to a pixel by the first and last of the ticks, linearly or in log₁₀.
func at(t testing.TB, labels []string, pix []float64, v float64, log bool) float64 {
	t.Helper()
	if len(labels) < 2 {
		t.Fatalf("an axis with ticks %q cannot be read", labels)
	}
	n := len(labels) - 1
	a, b := TickValue(t, labels[0]), TickValue(t, labels[n])
	if log {
		a, b, v = math.Log10(a), math.Log10(b), math.Log10(v)
	}
	return pix[0] + (v-a)/(b-a)*(pix[n]-pix[0])
}

// XAt returns the pixel of x = v by the panel's x ticks (log₁₀ on a log axis).
func (p Panel) XAt(t testing.TB, v float64, log bool) float64 {
	t.Helper()
	return at(t, p.XTicks, p.XTickAt, v, log)
}

// YAt returns the pixel of y = v by the panel's y ticks (log₁₀ on a log axis).
func (p Panel) YAt(t testing.TB, v float64, log bool) float64 {
	t.Helper()
	return at(t, p.YTicks, p.YTickAt, v, log)
}
