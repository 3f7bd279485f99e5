package plot

// Layout: where a panel's legend and notes go. The legend stands right of
// the frame, or below it in a figure of several columns (which would be too
// wide to read at 900 px otherwise); the notes go in a corner of the frame
// where they cover no data, else below the frame.

import "math"

// Sizes of text, in pixels, for estimating widths.
const (
	charW    = 7.2 // width of a character at the font size 12, roughly
	noteLine = 16  // line height of the notes
)

// layout is where the legend and the notes of a panel go.
type layout struct {
	legendBelow bool
	legendRows  [][]int // the indices of the named series, row by row, for a legend below
	legendW     float64 // the width of an entry of a legend below
	notesIn     bool    // the notes are inside the frame, at notesX, notesY (relative to the frame)
	notesX      float64
	notesY      float64 // the top of the notes' box
}

// textWidth estimates the width of t in pixels (without its exponents' markup).
func textWidth(t string) float64 { return charW * float64(len([]rune(plain(t)))) }

// legendWidth is the width of a panel's legend column (0 without a legend).
func (p *Panel) legendWidth() float64 {
	if p.named() < 2 {
		return 0
	}
	w := 0.0
	for _, s := range p.Series {
		w = math.Max(w, textWidth(s.Name))
	}
	return legendSwatchW + w + 12
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

// layout places the legend (below the frame if below) and the notes of p.
func (p *Panel) layout(below bool) layout {
	var l layout
	if p.named() >= 2 && below {
		// As many columns of entries as fit under the panel, each as wide
		// as the widest entry.
		l.legendBelow, l.legendW = true, p.legendWidth()+6
		n := max(1, int((marginLeft+plotW+marginRight-14)/l.legendW))
		var row []int
		for i, s := range p.Series {
			if s.Name == "" {
				continue
			}
			if len(row) == n {
				l.legendRows, row = append(l.legendRows, row), nil
			}
			row = append(row, i)
		}
		l.legendRows = append(l.legendRows, row)
	}
	l.notesIn, l.notesX, l.notesY = p.notesPlace()
	return l
}

// below is the height the legend and the notes take below the frame.
func (l layout) below(p *Panel) float64 {
	h := legendLine * float64(len(l.legendRows))
	if h > 0 {
		h += legendLine / 2
	}
	if !l.notesIn && len(p.Notes) > 0 {
		h += noteLine*float64(len(p.Notes)) + 4
	}
	return h
}

// notesBox is the size of the box of the notes.
func (p *Panel) notesBox() (w, h float64) {
	for _, n := range p.Notes {
		w = math.Max(w, textWidth(n))
	}
	return w + 8, noteLine*float64(len(p.Notes)) + 4
}

// notesPlace finds a corner of the frame (or the middle of its top or bottom
// edge) where the notes' box covers no point and crosses no line, and
// returns its top left corner relative to the frame; ok is false if there
// is none (or no notes).
func (p *Panel) notesPlace() (ok bool, x, y float64) {
	if len(p.Notes) == 0 {
		return false, 0, 0
	}
	w, h := p.notesBox()
	sx, sy, _, _ := p.axes(0, 0)
	const m = 4 // from the frame
	for _, c := range [][2]float64{{m, m}, {plotW - m - w, m}, {m, plotH - m - h}, {plotW - m - w, plotH - m - h},
		{(plotW - w) / 2, m}, {(plotW - w) / 2, plotH - m - h}} {
		if c[0] >= 0 && !p.covers(sx, sy, c[0], c[1], c[0]+w, c[1]+h) {
			return true, c[0], c[1]
		}
	}
	return false, 0, 0
}

// covers reports whether the rectangle [x0, x1]×[y0, y1] (pixels) covers a
// point of a series or crosses one of its lines, drawn with the scales sx, sy.
func (p *Panel) covers(sx, sy scale, x0, y0, x1, y1 float64) bool {
	for _, s := range p.Series {
		r := 4.0 // a marker's radius, and a pixel
		if !s.Marker {
			r = s.width()/2 + 1
		}
		if s.VLine {
			if x := sx.at(s.X[0]); x > x0-r && x < x1+r {
				return true
			}
			continue
		}
		prev := [2]float64{math.NaN(), math.NaN()}
		for j := range s.X {
			q := [2]float64{sx.at(s.X[j]), sy.at(s.Y[j])}
			if s.Marker && !math.IsNaN(q[0]+q[1]) && q[0] > x0-r && q[0] < x1+r && q[1] > y0-r && q[1] < y1+r {
				return true
			}
			if !s.Marker && crosses(prev, q, x0-r, y0-r, x1+r, y1+r) {
				return true
			}
			prev = q
		}
	}
	return false
}

// crosses reports whether the segment from a to b (a point if a is NaN)
// meets the rectangle [x0, x1]×[y0, y1], by Liang and Barsky's clipping.
func crosses(a, b [2]float64, x0, y0, x1, y1 float64) bool {
	if math.IsNaN(b[0] + b[1]) {
		return false
	}
	if math.IsNaN(a[0] + a[1]) {
		a = b
	}
	t0, t1 := 0.0, 1.0
	dx, dy := b[0]-a[0], b[1]-a[1]
	for _, e := range [4][2]float64{{-dx, a[0] - x0}, {dx, x1 - a[0]}, {-dy, a[1] - y0}, {dy, y1 - a[1]}} {
		pk, qk := e[0], e[1]
		if pk == 0 {
			if qk < 0 {
				return false
			}
			continue
		}
		t := qk / pk
		if pk < 0 {
			t0 = math.Max(t0, t)
		} else {
			t1 = math.Min(t1, t)
		}
		if t0 > t1 {
			return false
		}
	}
	return true
}
