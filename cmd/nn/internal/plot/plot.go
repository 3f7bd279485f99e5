// Package plot draws the pictures of the nn command as SVG, with the
// standard library only; it knows nothing of networks. As in gonum/plot,
// three things are kept apart: the data (a Series of x, y values, a
// Heatmap, a function of the plane), the plot (a Panel: axes with ticks,
// labels, a legend, notes, a title) and the canvas (the SVG text, with
// absolute pixel coordinates so that a test can parse it and check where a
// point landed; a heat map is a PNG image in it). Axes fitted to the data
// leave a margin, so that nothing is drawn on the frame; tick steps are
// Heckbert's "nice numbers", 1, 2 or 5 × 10ᵏ. Notes go where they cover no
// data. The output is deterministic: fixed number formatting and a stable
// element order.
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
	Hollow bool    // markers drawn as rings
	// VLine draws a vertical line across the frame at X[0], a mark such as
	// the epoch whose weights were kept; Y is nil.
	VLine bool
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

// width is the width of the series' line in pixels.
func (s Series) width() float64 {
	if s.Width == 0 {
		return 2
	}
	return s.Width
}

// dash is the SVG attribute of a dashed series' line, "" for a solid one.
func (s Series) dash() string {
	if s.Dash {
		return ` stroke-dasharray="6 4"`
	}
	return ""
}

// Panel is one plot: axes, series, an optional heat map, a legend when it
// has two or more named series, and notes.
type Panel struct {
	Title          string
	XLabel, YLabel string
	XLog, YLog     bool
	// XRange and YRange fix an axis's data range; the zero value fits the
	// data, with a margin at each end.
	XRange, YRange [2]float64
	// Equal makes a unit as long on the x axis as on the y axis (the x₁, x₂
	// plane of a data set), widening the range of one of them about its
	// middle. For linear axes.
	Equal  bool
	Series []Series
	Heat   *Heatmap
	// Notes are written in a box in a corner of the frame where they cover
	// no data, else below the frame.
	Notes []string
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
	legendSwatchW = 26
)

// axes returns the scales of p for a frame whose top left corner is (x0, y0),
// and the ticks of both axes.
func (p *Panel) axes(x0, y0 float64) (sx, sy scale, xt, yt []float64) {
	xr, yr := p.XRange, p.YRange
	if xr == [2]float64{} {
		xr = padded(p.extent(func(s Series) []float64 { return s.X }, p.XLog), p.XLog)
	}
	if yr == [2]float64{} {
		yr = padded(p.extent(func(s Series) []float64 { return s.Y }, p.YLog), p.YLog)
	}
	if p.Equal {
		xr, yr = equal(xr, yr)
	}
	xt, yt = axisTicks(xr, p.XLog, 6), axisTicks(yr, p.YLog, 5)
	sx = scale{lo: xr[0], hi: xr[1], p0: x0, p1: x0 + plotW, log: p.XLog}
	sy = scale{lo: yr[0], hi: yr[1], p0: y0 + plotH, p1: y0, log: p.YLog}
	return sx, sy, xt, yt
}

// equal widens the x range or the y range about its middle so that a unit
// is as many pixels on both axes of the frame.
func equal(xr, yr [2]float64) (x, y [2]float64) {
	ux, uy := (xr[1]-xr[0])/plotW, (yr[1]-yr[0])/plotH // units per pixel
	widen := func(r [2]float64, u, n float64) [2]float64 {
		m := (r[0] + r[1]) / 2
		return [2]float64{m - u*n/2, m + u*n/2}
	}
	if ux > uy {
		return xr, widen(yr, ux, plotH)
	}
	return widen(xr, uy, plotW), yr
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
