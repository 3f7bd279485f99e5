package main

// A small plotting package that writes SVG with the standard library only.
// As in gonum/plot, three things are kept apart: the data (series of x, y
// values, a heat map), the plot (a panel: axes with ticks, labels, a legend,
// a title) and the canvas (the SVG text, with absolute pixel coordinates so
// that a test can parse it and check where a point landed). Tick steps are
// Heckbert's "nice numbers", 1, 2 or 5 × 10ᵏ. The output is deterministic:
// fixed number formatting and a stable element order.

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// scale maps data values in [lo, hi] to pixels in [p0, p1]: linearly, or
// linearly in log₁₀ v if log is set (then lo and hi must be > 0). p0 may be
// greater than p1 (a y axis grows upward, pixels downward).
type scale struct {
	lo, hi float64
	p0, p1 float64
	log    bool
}

// at returns the pixel of the data value v; NaN if v cannot be shown (NaN,
// ±Inf, or ≤ 0 on a log scale).
func (s scale) at(v float64) float64 {
	lo, hi := s.lo, s.hi
	if s.log {
		if !(v > 0) {
			return math.NaN()
		}
		v, lo, hi = math.Log10(v), math.Log10(lo), math.Log10(hi)
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return math.NaN()
	}
	return s.p0 + (v-lo)/(hi-lo)*(s.p1-s.p0)
}

// niceNum returns a "nice" number near x > 0, 1, 2 or 5 × 10ᵏ (Heckbert,
// Graphics Gems, 1990): the nearest one if round, else the smallest ≥ x.
func niceNum(x float64, round bool) float64 {
	e := math.Floor(math.Log10(x))
	f := x / math.Pow(10, e) // 1 ≤ f < 10
	var nf float64
	if round {
		switch {
		case f < 1.5:
			nf = 1
		case f < 3:
			nf = 2
		case f < 7:
			nf = 5
		default:
			nf = 10
		}
	} else {
		switch {
		case f <= 1:
			nf = 1
		case f <= 2:
			nf = 2
		case f <= 5:
			nf = 5
		default:
			nf = 10
		}
	}
	return nf * math.Pow(10, e)
}

// linearTicks returns an axis range [lo, hi] ⊇ [min, max] whose ends are
// ticks, and the ticks, about n of them, a nice step apart ("loose
// labelling"). A degenerate range is widened around its value.
func linearTicks(min, max float64, n int) (lo, hi float64, ticks []float64) {
	if min == max {
		d := math.Max(math.Abs(min)/2, 1)
		min, max = min-d, max+d
	}
	step := niceNum(niceNum(max-min, false)/float64(n-1), true)
	lo, hi = math.Floor(min/step)*step, math.Ceil(max/step)*step
	for i := 0; ; i++ {
		v := lo + float64(i)*step
		if v > hi+step/2 {
			break
		}
		if math.Abs(v) < step*1e-9 {
			v = 0
		}
		ticks = append(ticks, v)
	}
	return lo, hi, ticks
}

// logTicks returns a log axis range [lo, hi] ⊇ [min, max] (both > 0) from
// power of ten to power of ten, and its ticks: every power of ten, thinned
// to at most 8, with 2 and 5 × 10ᵏ added when the range spans two decades or less.
func logTicks(min, max float64) (lo, hi float64, ticks []float64) {
	e0, e1 := math.Floor(math.Log10(min)+1e-9), math.Ceil(math.Log10(max)-1e-9)
	if e1 == e0 {
		e1++
	}
	every := math.Ceil((e1 - e0) / 7)
	for e := e0; e <= e1; e += every {
		ticks = append(ticks, math.Pow(10, e))
		if e1-e0 <= 2 && e < e1 {
			ticks = append(ticks, 2*math.Pow(10, e), 5*math.Pow(10, e))
		}
	}
	return math.Pow(10, e0), math.Pow(10, e0+every*math.Ceil((e1-e0)/every)), ticks
}

// tickLabel formats a tick of a linear axis with as many decimals as its step needs.
func tickLabel(v, step float64) string {
	d := 0
	if step > 0 {
		d = max(0, int(-math.Floor(math.Log10(step)+1e-9)))
	}
	if math.Abs(v) >= 1e5 || (v != 0 && math.Abs(v) < 1e-4) {
		return strconv.FormatFloat(v, 'g', 3, 64)
	}
	s := strconv.FormatFloat(v, 'f', d, 64)
	return strings.Replace(s, "-", "−", 1)
}

// powLabel formats a tick of a log axis: 10ᵏ for powers of ten, else 2·10ᵏ.
func powLabel(v float64) string {
	e := math.Floor(math.Log10(v) + 1e-9)
	m := math.Round(v / math.Pow(10, e))
	sup := strings.NewReplacer("-", "⁻", "0", "⁰", "1", "¹", "2", "²", "3", "³", "4", "⁴",
		"5", "⁵", "6", "⁶", "7", "⁷", "8", "⁸", "9", "⁹").Replace(strconv.Itoa(int(e)))
	if e == 0 && m == 1 {
		return "1"
	}
	if m == 1 {
		return "10" + sup
	}
	return fmt.Sprintf("%g·10%s", m, sup)
}

// series is one set of data drawn in a panel: a line through its points in
// order (broken where a value is NaN or cannot be shown), or markers.
type series struct {
	Name   string
	X, Y   []float64
	Marker bool    // draw points instead of a line
	Color  string  // "" picks the palette colour of the series' index
	Dash   bool    // a dashed line
	Width  float64 // line width in pixels, 0 for 2
}

// palette is the colours series take in turn (Tableau 10).
var palette = []string{"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"}

// heatmap is a grid of values in [0, 1] drawn under a panel's series, for the
// decision regions of a classifier: cell (i, j) spans x in
// [X0 + i·(X1−X0)/Nx, …] and y likewise, and V[j*Nx+i] is its value, shown
// as a tint from palette[0] (0) through white (½) to palette[1] (1).
type heatmap struct {
	X0, X1, Y0, Y1 float64
	Nx, Ny         int
	V              []float64
}

// panel is one plot: axes, series, an optional heat map, a legend when it has
// two or more named series, and notes written in its upper left corner.
type panel struct {
	Title          string
	XLabel, YLabel string
	XLog, YLog     bool
	// XRange and YRange fix an axis's data range; the zero value fits the data.
	XRange, YRange [2]float64
	Series         []series
	Heat           *heatmap
	Notes          []string
	NotesBelow     bool // write the notes in the lower left corner instead
}

// figure is one or more panels on a grid of Cols columns under a title.
type figure struct {
	Title  string
	Cols   int
	Panels []*panel
}

// The layout of a panel, in pixels.
const (
	plotW, plotH  = 360, 240 // the plot area (the frame)
	marginLeft    = 62
	marginRight   = 16
	marginTop     = 30 // the panel title
	marginBottom  = 46 // tick labels and the x label
	figureTitleH  = 34
	legendLine    = 18
	legendCharW   = 7.2 // width of a character of the legend, roughly
	legendSwatchW = 26
)

// legendWidth is the width of a panel's legend column (0 without a legend).
func (p *panel) legendWidth() float64 {
	if p.named() < 2 {
		return 0
	}
	n := 0
	for _, s := range p.Series {
		n = max(n, len([]rune(s.Name)))
	}
	return legendSwatchW + legendCharW*float64(n) + 12
}

func (p *panel) named() int {
	n := 0
	for _, s := range p.Series {
		if s.Name != "" {
			n++
		}
	}
	return n
}

// axes returns the scales of p for a frame whose top left corner is (x0, y0),
// and the ticks of both axes.
func (p *panel) axes(x0, y0 float64) (sx, sy scale, xt, yt []float64) {
	xr, yr := p.XRange, p.YRange
	if xr == [2]float64{} {
		xr = p.extent(func(s series) []float64 { return s.X }, p.XLog)
		if p.Heat != nil {
			xr = [2]float64{math.Min(xr[0], p.Heat.X0), math.Max(xr[1], p.Heat.X1)}
		}
	}
	if yr == [2]float64{} {
		yr = p.extent(func(s series) []float64 { return s.Y }, p.YLog)
		if p.Heat != nil {
			yr = [2]float64{math.Min(yr[0], p.Heat.Y0), math.Max(yr[1], p.Heat.Y1)}
		}
	}
	ticks := func(r [2]float64, log, fixed bool, n int) (float64, float64, []float64) {
		if log {
			return logTicks(r[0], r[1])
		}
		lo, hi, t := linearTicks(r[0], r[1], n)
		if fixed { // keep the given range; drop ticks outside it, and ask for more if few are left
			for m := n; ; m++ {
				lo, hi, t = linearTicks(r[0], r[1], m)
				var in []float64
				for _, v := range t {
					if v >= r[0]-1e-9*(hi-lo) && v <= r[1]+1e-9*(hi-lo) {
						in = append(in, v)
					}
				}
				if len(in) >= 4 || m > 12 {
					return r[0], r[1], in
				}
			}
		}
		return lo, hi, t
	}
	var xlo, xhi, ylo, yhi float64
	xlo, xhi, xt = ticks(xr, p.XLog, p.XRange != [2]float64{}, 6)
	ylo, yhi, yt = ticks(yr, p.YLog, p.YRange != [2]float64{}, 5)
	sx = scale{lo: xlo, hi: xhi, p0: x0, p1: x0 + plotW, log: p.XLog}
	sy = scale{lo: ylo, hi: yhi, p0: y0 + plotH, p1: y0, log: p.YLog}
	return sx, sy, xt, yt
}

// extent returns the range of the finite values of all series (> 0 on a log axis).
func (p *panel) extent(vals func(series) []float64, log bool) [2]float64 {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, s := range p.Series {
		for _, v := range vals(s) {
			if math.IsNaN(v) || math.IsInf(v, 0) || (log && !(v > 0)) {
				continue
			}
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	if lo > hi { // no data
		if log {
			return [2]float64{1, 10}
		}
		return [2]float64{0, 1}
	}
	return [2]float64{lo, hi}
}

// svgWriter writes the SVG text, keeping the first error.
type svgWriter struct {
	w   *bufio.Writer
	err error
}

func (s *svgWriter) printf(format string, args ...any) {
	if s.err == nil {
		_, s.err = fmt.Fprintf(s.w, format, args...)
	}
}

// px formats a pixel coordinate with two decimals.
func px(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }

// esc escapes text for XML.
func esc(t string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(t))
	return b.String()
}

// writeSVG writes the figure as an SVG document.
func (f *figure) writeSVG(w io.Writer) error {
	cols := max(1, min(f.Cols, len(f.Panels)))
	rows := (len(f.Panels) + cols - 1) / cols
	// Each column is as wide as its widest panel (with its legend).
	colX := make([]float64, cols+1)
	for c := range cols {
		w := 0.0
		for i := c; i < len(f.Panels); i += cols {
			w = math.Max(w, marginLeft+plotW+marginRight+f.Panels[i].legendWidth())
		}
		colX[c+1] = colX[c] + w
	}
	cellH := float64(marginTop + plotH + marginBottom)
	W, H := colX[cols], figureTitleH+cellH*float64(rows)+8

	s := &svgWriter{w: bufio.NewWriter(w)}
	s.printf(`<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" viewBox="0 0 %s %s" font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="12">`+"\n",
		px(W), px(H), px(W), px(H))
	s.printf("<title>%s</title>\n", esc(f.Title))
	s.printf(`<rect width="100%%" height="100%%" fill="white"/>` + "\n")
	s.printf(`<text class="title" x="%s" y="22" text-anchor="middle" font-size="15" font-weight="bold">%s</text>`+"\n", px(W/2), esc(f.Title))
	for i, p := range f.Panels {
		x0 := colX[i%cols] + marginLeft
		y0 := figureTitleH + cellH*float64(i/cols) + marginTop
		p.write(s, i, x0, y0)
	}
	s.printf("</svg>\n")
	if s.err != nil {
		return s.err
	}
	return s.w.Flush()
}

// write draws panel number i with its frame's top left corner at (x0, y0).
func (p *panel) write(s *svgWriter, i int, x0, y0 float64) {
	sx, sy, xt, yt := p.axes(x0, y0)
	s.printf(`<g class="panel" data-title="%s">`+"\n", esc(p.Title))
	s.printf(`<text class="panel-title" x="%s" y="%s" text-anchor="middle" font-size="13">%s</text>`+"\n",
		px(x0+plotW/2), px(y0-10), esc(p.Title))
	s.printf(`<clipPath id="clip%d"><rect x="%s" y="%s" width="%s" height="%s"/></clipPath>`+"\n",
		i, px(x0), px(y0), px(plotW), px(plotH))
	if p.Heat != nil {
		p.Heat.write(s, sx, sy, i)
	}

	// Grid lines and ticks.
	s.printf(`<g class="axis x" stroke="#ddd" stroke-width="1">` + "\n")
	for _, v := range xt {
		x := sx.at(v)
		s.printf(`<line x1="%s" y1="%s" x2="%s" y2="%s"/>`+"\n", px(x), px(y0), px(x), px(y0+plotH))
	}
	for _, v := range yt {
		y := sy.at(v)
		s.printf(`<line x1="%s" y1="%s" x2="%s" y2="%s"/>`+"\n", px(x0), px(y), px(x0+plotW), px(y))
	}
	s.printf("</g>\n")
	s.printf(`<g class="ticks" fill="#333">` + "\n")
	step := func(t []float64) float64 {
		if len(t) < 2 {
			return 0
		}
		return t[1] - t[0]
	}
	label := func(v float64, log bool, t []float64) string {
		if log {
			return powLabel(v)
		}
		return tickLabel(v, step(t))
	}
	for _, v := range xt {
		s.printf(`<text class="xtick" x="%s" y="%s" text-anchor="middle">%s</text>`+"\n", px(sx.at(v)), px(y0+plotH+16), esc(label(v, p.XLog, xt)))
	}
	for _, v := range yt {
		s.printf(`<text class="ytick" x="%s" y="%s" text-anchor="end">%s</text>`+"\n", px(x0-6), px(sy.at(v)+4), esc(label(v, p.YLog, yt)))
	}
	s.printf("</g>\n")
	s.printf(`<text class="xlabel" x="%s" y="%s" text-anchor="middle">%s</text>`+"\n", px(x0+plotW/2), px(y0+plotH+36), esc(p.XLabel))
	s.printf(`<text class="ylabel" transform="translate(%s %s) rotate(-90)" text-anchor="middle">%s</text>`+"\n",
		px(x0-marginLeft+14), px(y0+plotH/2), esc(p.YLabel))

	// The series, clipped to the frame.
	for k, sr := range p.Series {
		color := sr.Color
		if color == "" {
			color = palette[k%len(palette)]
		}
		s.printf(`<g class="series" data-name="%s" clip-path="url(#clip%d)">`+"\n", esc(sr.Name), i)
		if sr.Marker {
			for j := range sr.X {
				x, y := sx.at(sr.X[j]), sy.at(sr.Y[j])
				if math.IsNaN(x) || math.IsNaN(y) {
					continue
				}
				s.printf(`<circle cx="%s" cy="%s" r="3" fill="%s" stroke="white" stroke-width="0.8"/>`+"\n", px(x), px(y), color)
			}
		} else {
			width := sr.Width
			if width == 0 {
				width = 2
			}
			dash := ""
			if sr.Dash {
				dash = ` stroke-dasharray="6 4"`
			}
			var pts []string
			flush := func() {
				if len(pts) == 1 { // a point alone between gaps
					xy := strings.Split(pts[0], ",")
					s.printf(`<circle cx="%s" cy="%s" r="%s" fill="%s"/>`+"\n", xy[0], xy[1], px(width), color)
				}
				if len(pts) > 1 {
					s.printf(`<polyline fill="none" stroke="%s" stroke-width="%s"%s stroke-linejoin="round" points="%s"/>`+"\n",
						color, px(width), dash, strings.Join(pts, " "))
				}
				pts = pts[:0]
			}
			for j := range sr.X {
				x, y := sx.at(sr.X[j]), sy.at(sr.Y[j])
				if math.IsNaN(x) || math.IsNaN(y) {
					flush()
					continue
				}
				pts = append(pts, px(x)+","+px(y))
			}
			flush()
		}
		s.printf("</g>\n")
	}
	s.printf(`<rect class="frame" x="%s" y="%s" width="%s" height="%s" fill="none" stroke="#444"/>`+"\n",
		px(x0), px(y0), px(plotW), px(plotH))
	for k, n := range p.Notes {
		y := y0 + 18 + 16*float64(k)
		if p.NotesBelow {
			y = y0 + plotH - 8 - 16*float64(len(p.Notes)-1-k)
		}
		s.printf(`<rect x="%s" y="%s" width="%s" height="16" fill="white" fill-opacity="0.75"/>`+"\n",
			px(x0+4), px(y-12), px(6.8*float64(len([]rune(n)))+8))
		s.printf(`<text class="note" x="%s" y="%s" fill="#222">%s</text>`+"\n", px(x0+8), px(y), esc(n))
	}

	// The legend, to the right of the frame.
	if p.named() >= 2 {
		lx, ly := x0+plotW+12, y0+8
		s.printf(`<g class="legend">` + "\n")
		k := 0
		for j, sr := range p.Series {
			if sr.Name == "" {
				continue
			}
			color := sr.Color
			if color == "" {
				color = palette[j%len(palette)]
			}
			y := ly + legendLine*float64(k)
			if sr.Marker {
				s.printf(`<circle cx="%s" cy="%s" r="4" fill="%s"/>`+"\n", px(lx+9), px(y), color)
			} else {
				dash := ""
				if sr.Dash {
					dash = ` stroke-dasharray="6 4"`
				}
				s.printf(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="2"%s/>`+"\n", px(lx), px(y), px(lx+20), px(y), color, dash)
			}
			s.printf(`<text x="%s" y="%s">%s</text>`+"\n", px(lx+legendSwatchW), px(y+4), esc(sr.Name))
			k++
		}
		s.printf("</g>\n")
	}
	s.printf("</g>\n")
}

// write draws the heat map as rectangles, merging runs of cells of one tint
// along each row.
func (h *heatmap) write(s *svgWriter, sx, sy scale, i int) {
	s.printf(`<g class="heatmap" shape-rendering="crispEdges" clip-path="url(#clip%d)">`+"\n", i)
	cx := func(i int) float64 { return sx.at(h.X0 + float64(i)*(h.X1-h.X0)/float64(h.Nx)) }
	cy := func(j int) float64 { return sy.at(h.Y0 + float64(j)*(h.Y1-h.Y0)/float64(h.Ny)) }
	for j := range h.Ny {
		y1, y2 := cy(j+1), cy(j)
		for i := 0; i < h.Nx; {
			c := tint(h.V[j*h.Nx+i])
			k := i + 1
			for k < h.Nx && tint(h.V[j*h.Nx+k]) == c {
				k++
			}
			s.printf(`<rect x="%s" y="%s" width="%s" height="%s" fill="%s"/>`+"\n",
				px(cx(i)), px(y1), px(cx(k)-cx(i)), px(y2-y1), c)
			i = k
		}
	}
	s.printf("</g>\n")
}

// tint returns the colour of a heat map value v in [0, 1], in 5 steps on each
// side of ½: light tints of palette[0] below, of palette[1] above.
func tint(v float64) string {
	lo, hi := [3]float64{0x1f, 0x77, 0xb4}, [3]float64{0xff, 0x7f, 0x0e}
	c, t := lo, (0.5-v)*2
	if v > 0.5 {
		c, t = hi, (v-0.5)*2
	}
	t = math.Ceil(math.Min(math.Max(t, 0), 1)*5) / 5 * 0.45 // at most 45% of the colour
	var rgb [3]int
	for k := range 3 {
		rgb[k] = int(math.Round(255 + (c[k]-255)*t))
	}
	return fmt.Sprintf("#%02x%02x%02x", rgb[0], rgb[1], rgb[2])
}

// writeLossPlot writes the loss per epoch of a training run as an SVG plot
// (notes §6, §7): train and, if val is not nil and holds a finite value, the
// validation loss. NaN values leave a gap. The y axis is logarithmic when the
// losses are positive and span more than a factor of 10.
func writeLossPlot(w io.Writer, title string, train, val []float64) error {
	return lossFigure(title, train, val).writeSVG(w)
}

// lossFigure is the figure of writeLossPlot.
func lossFigure(title string, train, val []float64) *figure {
	p := &panel{Title: title, XLabel: "epoch", YLabel: "loss (mean per sample)"}
	epochs := func(n int) []float64 {
		x := make([]float64, n)
		for i := range x {
			x[i] = float64(i + 1)
		}
		return x
	}
	p.Series = append(p.Series, series{Name: "training", X: epochs(len(train)), Y: train})
	finite := func(v []float64) bool {
		for _, x := range v {
			if !math.IsNaN(x) && !math.IsInf(x, 0) {
				return true
			}
		}
		return false
	}
	if finite(val) {
		p.Series = append(p.Series, series{Name: "validation", X: epochs(len(val)), Y: val})
	}
	if r := p.extent(func(s series) []float64 { return s.Y }, false); r[0] > 0 && r[1] > 10*r[0] {
		p.YLog = true
	}
	if len(train) < 2 {
		p.XRange = [2]float64{0, 2}
	}
	return &figure{Title: "Loss per epoch (§6, §7)", Panels: []*panel{p}}
}
