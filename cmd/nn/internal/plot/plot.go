// Package plot draws the pictures of the nn command as SVG, with the
// standard library only; it knows nothing of networks. As in gonum/plot,
// three things are kept apart: the data (a Series of x, y values, a
// Heatmap), the plot (a Panel: axes with ticks, labels, a legend, a title)
// and the canvas (the SVG text, with absolute pixel coordinates so that a
// test can parse it and check where a point landed). Tick steps are
// Heckbert's "nice numbers", 1, 2 or 5 × 10ᵏ. The output is deterministic:
// fixed number formatting and a stable element order.
package plot

import "math"

// Series is one set of data drawn in a panel: a line through its points in
// order (broken where a value is NaN or cannot be shown), or markers.
type Series struct {
	Name   string
	X, Y   []float64
	Marker bool    // draw points instead of a line
	Color  string  // "" picks the palette colour of the series' index
	Dash   bool    // a dashed line
	Width  float64 // line width in pixels, 0 for 2
}

// Palette is the colours series take in turn (Tableau 10).
var Palette = []string{"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"}

// color is the colour of the series at index k of its panel.
func (s Series) color(k int) string {
	if s.Color != "" {
		return s.Color
	}
	return Palette[k%len(Palette)]
}

// dash is the SVG attribute of a dashed series' line, "" for a solid one.
func (s Series) dash() string {
	if s.Dash {
		return ` stroke-dasharray="6 4"`
	}
	return ""
}

// Heatmap is a grid of values in [0, 1] drawn under a panel's series, for
// the decision regions of a classifier: cell (i, j) spans x in
// [X0 + i·(X1−X0)/Nx, …] and y likewise, and V[j*Nx+i] is its value, shown
// as a tint from Palette[0] (0) through white (½) to Palette[1] (1).
type Heatmap struct {
	X0, X1, Y0, Y1 float64
	Nx, Ny         int
	V              []float64
}

// Panel is one plot: axes, series, an optional heat map, a legend when it
// has two or more named series, and notes written in its upper left corner.
type Panel struct {
	Title          string
	XLabel, YLabel string
	XLog, YLog     bool
	// XRange and YRange fix an axis's data range; the zero value fits the data.
	XRange, YRange [2]float64
	Series         []Series
	Heat           *Heatmap
	Notes          []string
	NotesBelow     bool // write the notes in the lower left corner instead
}

// Figure is one or more panels on a grid of Cols columns under a title.
type Figure struct {
	Title  string
	Cols   int
	Panels []*Panel
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
func (p *Panel) legendWidth() float64 {
	if p.named() < 2 {
		return 0
	}
	n := 0
	for _, s := range p.Series {
		n = max(n, len([]rune(s.Name)))
	}
	return legendSwatchW + legendCharW*float64(n) + 12
}

// named counts the series with a name, those the legend lists.
func (p *Panel) named() int {
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
func (p *Panel) axes(x0, y0 float64) (sx, sy scale, xt, yt []float64) {
	xr, yr := p.XRange, p.YRange
	if xr == [2]float64{} {
		xr = p.extent(func(s Series) []float64 { return s.X }, p.XLog)
		if p.Heat != nil {
			xr = [2]float64{math.Min(xr[0], p.Heat.X0), math.Max(xr[1], p.Heat.X1)}
		}
	}
	if yr == [2]float64{} {
		yr = p.extent(func(s Series) []float64 { return s.Y }, p.YLog)
		if p.Heat != nil {
			yr = [2]float64{math.Min(yr[0], p.Heat.Y0), math.Max(yr[1], p.Heat.Y1)}
		}
	}
	var xlo, xhi, ylo, yhi float64
	xlo, xhi, xt = axisTicks(xr, p.XLog, p.XRange != [2]float64{}, 6)
	ylo, yhi, yt = axisTicks(yr, p.YLog, p.YRange != [2]float64{}, 5)
	sx = scale{lo: xlo, hi: xhi, p0: x0, p1: x0 + plotW, log: p.XLog}
	sy = scale{lo: ylo, hi: yhi, p0: y0 + plotH, p1: y0, log: p.YLog}
	return sx, sy, xt, yt
}

// extent returns the range of the finite values of all series (> 0 on a log
// axis) that vals picks, the X or the Y; [0, 1] ([1, 10] on a log axis) if
// there are none.
func (p *Panel) extent(vals func(Series) []float64, log bool) [2]float64 {
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
