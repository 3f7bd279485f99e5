package plot

// The canvas: a figure written as SVG text, panel by panel, each in its
// parts (title, heat map, grid, ticks, series, frame, notes, legend).

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

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

// Text in a figure (titles, labels, names, notes) may hold exponents as
// ^{…}, "N^{−0.96}", which are drawn raised and smaller.

// supRaise is how far an exponent is raised, in em of the text around it.
const supRaise = 0.4

// rich returns t as the content of an SVG text element, escaped, each
// exponent ^{…} in a tspan raised by supRaise em, at 75% of the size.
func rich(t string) string {
	var b strings.Builder
	back := false // the text that follows an exponent goes back to the baseline
	for {
		i, j := exponent(t)
		if i < 0 {
			i = len(t)
		}
		if back && i > 0 { // 0.4em of the smaller text is 0.3em of this one
			fmt.Fprintf(&b, `<tspan dy="%gem">%s</tspan>`, supRaise*0.75, esc(t[:i]))
		} else {
			b.WriteString(esc(t[:i]))
		}
		if i == len(t) {
			return b.String()
		}
		fmt.Fprintf(&b, `<tspan dy="-%gem" font-size="75%%">%s</tspan>`, supRaise, esc(t[i+2:j]))
		t, back = t[j+1:], true
	}
}

// exponent returns where the first exponent ^{…} of t starts and where its
// "}" is; i < 0 if t has none.
func exponent(t string) (i, j int) {
	i = strings.Index(t, "^{")
	if i < 0 {
		return -1, -1
	}
	j = strings.Index(t[i:], "}")
	if j < 0 {
		return -1, -1
	}
	return i, i + j
}

// plain returns t without the markup of its exponents, for attributes and
// for measuring: "N^{−0.96}" is "N−0.96".
func plain(t string) string {
	for {
		i, j := exponent(t)
		if i < 0 {
			return t
		}
		t = t[:i] + t[i+2:j] + t[j+1:]
	}
}

// WriteSVG writes the figure as an SVG document.
func (f *Figure) WriteSVG(w io.Writer) error {
	cols := max(1, min(f.Cols, len(f.Panels)))
	rows := (len(f.Panels) + cols - 1) / cols
	ls := make([]layout, len(f.Panels))
	for i, p := range f.Panels {
		ls[i] = p.layout(cols > 1)
	}
	// Each column is as wide as its widest panel (with its legend), each row
	// as high as its highest (with what is below the frame).
	colX, rowY := make([]float64, cols+1), make([]float64, rows+1)
	rowY[0] = figureTitleH
	for i, p := range f.Panels {
		c, r := i%cols, i/cols
		w := float64(marginLeft + plotW + marginRight)
		if !ls[i].legendBelow {
			w += p.legendWidth()
		}
		colX[c+1] = math.Max(colX[c+1], w)
		rowY[r+1] = math.Max(rowY[r+1], marginTop+plotH+marginBottom+ls[i].below(p))
	}
	for c := range cols {
		colX[c+1] += colX[c]
	}
	for r := range rows {
		rowY[r+1] += rowY[r]
	}
	W, H := colX[cols], rowY[rows]+8

	s := &svgWriter{w: bufio.NewWriter(w)}
	s.printf(`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="%s" height="%s" viewBox="0 0 %s %s" font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="12">`+"\n",
		px(W), px(H), px(W), px(H))
	s.printf("<title>%s</title>\n", esc(plain(f.Title)))
	s.printf(`<rect width="100%%" height="100%%" fill="white"/>` + "\n")
	s.printf(`<text class="title" x="%s" y="22" text-anchor="middle" font-size="15" font-weight="bold">%s</text>`+"\n", px(W/2), rich(f.Title))
	for i, p := range f.Panels {
		p.write(s, i, ls[i], colX[i%cols]+marginLeft, rowY[i/cols]+marginTop)
	}
	s.printf("</svg>\n")
	if s.err != nil {
		return s.err
	}
	return s.w.Flush()
}

// frame is where a panel is drawn: number i of its figure (which names its
// clip path), the top left corner (x0, y0) of its frame, its scales and the
// ticks of both axes.
type frame struct {
	i      int
	x0, y0 float64
	sx, sy scale
	xt, yt []float64
}

// write draws panel number i, laid out by l, with its frame's top left
// corner at (x0, y0).
func (p *Panel) write(s *svgWriter, i int, l layout, x0, y0 float64) {
	f := frame{i: i, x0: x0, y0: y0}
	f.sx, f.sy, f.xt, f.yt = p.axes(x0, y0)
	s.printf(`<g class="panel" data-title="%s">`+"\n", esc(plain(p.Title)))
	s.printf(`<text class="panel-title" x="%s" y="%s" text-anchor="middle" font-size="13">%s</text>`+"\n",
		px(x0+plotW/2), px(y0-10), rich(p.Title))
	s.printf(`<clipPath id="clip%d"><rect x="%s" y="%s" width="%s" height="%s"/></clipPath>`+"\n",
		i, px(x0), px(y0), px(plotW), px(plotH))
	if p.Heat != nil {
		p.Heat.write(s, f)
	}
	writeGrid(s, f)
	p.writeTicks(s, f)
	for k, sr := range p.Series {
		sr.write(s, f, k)
	}
	s.printf(`<rect class="frame" x="%s" y="%s" width="%s" height="%s" fill="none" stroke="#444"/>`+"\n",
		px(x0), px(y0), px(plotW), px(plotH))
	p.writeNotes(s, f, l)
	p.writeLegend(s, f, l)
	s.printf("</g>\n")
}

// writeGrid draws a grid line at every tick.
func writeGrid(s *svgWriter, f frame) {
	s.printf(`<g class="axis x" stroke="#ddd" stroke-width="1">` + "\n")
	for _, v := range f.xt {
		x := f.sx.at(v)
		s.printf(`<line x1="%s" y1="%s" x2="%s" y2="%s"/>`+"\n", px(x), px(f.y0), px(x), px(f.y0+plotH))
	}
	for _, v := range f.yt {
		y := f.sy.at(v)
		s.printf(`<line x1="%s" y1="%s" x2="%s" y2="%s"/>`+"\n", px(f.x0), px(y), px(f.x0+plotW), px(y))
	}
	s.printf("</g>\n")
}

// writeTicks labels the ticks and both axes.
func (p *Panel) writeTicks(s *svgWriter, f frame) {
	s.printf(`<g class="ticks" fill="#333">` + "\n")
	for i, l := range tickTexts(f.xt, p.XLog) {
		s.printf(`<text class="xtick" x="%s" y="%s" text-anchor="middle">%s</text>`+"\n", px(f.sx.at(f.xt[i])), px(f.y0+plotH+16), esc(l))
	}
	for i, l := range tickTexts(f.yt, p.YLog) {
		s.printf(`<text class="ytick" x="%s" y="%s" text-anchor="end">%s</text>`+"\n", px(f.x0-6), px(f.sy.at(f.yt[i])+4), esc(l))
	}
	s.printf("</g>\n")
	s.printf(`<text class="xlabel" x="%s" y="%s" text-anchor="middle">%s</text>`+"\n", px(f.x0+plotW/2), px(f.y0+plotH+36), rich(p.XLabel))
	s.printf(`<text class="ylabel" transform="translate(%s %s) rotate(-90)" text-anchor="middle">%s</text>`+"\n",
		px(f.x0-marginLeft+14), px(f.y0+plotH/2), rich(p.YLabel))
}

// write draws the series, number k of its panel, clipped to the frame:
// markers, or a line broken where a point cannot be shown.
func (sr Series) write(s *svgWriter, f frame, k int) {
	color := sr.color(k)
	if sr.VLine {
		if x := f.sx.at(sr.X[0]); !math.IsNaN(x) {
			s.printf(`<line class="mark" data-name="%s" x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="%s"%s/>`+"\n",
				esc(plain(sr.Name)), px(x), px(f.y0), px(x), px(f.y0+plotH), color, px(sr.width()), sr.dash())
		}
		return
	}
	s.printf(`<g class="series" data-name="%s" clip-path="url(#clip%d)">`+"\n", esc(plain(sr.Name)), f.i)
	if sr.Marker {
		for j := range sr.X {
			x, y := f.sx.at(sr.X[j]), f.sy.at(sr.Y[j])
			if math.IsNaN(x) || math.IsNaN(y) {
				continue
			}
			if sr.Hollow {
				s.printf(`<circle cx="%s" cy="%s" r="4" fill="white" stroke="%s" stroke-width="1.8"/>`+"\n", px(x), px(y), color)
			} else {
				s.printf(`<circle cx="%s" cy="%s" r="3" fill="%s" stroke="white" stroke-width="0.8"/>`+"\n", px(x), px(y), color)
			}
		}
		s.printf("</g>\n")
		return
	}
	width := sr.width()
	var pts []string
	flush := func() {
		if len(pts) == 1 { // a point alone between gaps
			xy := strings.Split(pts[0], ",")
			s.printf(`<circle cx="%s" cy="%s" r="%s" fill="%s"/>`+"\n", xy[0], xy[1], px(width), color)
		}
		if len(pts) > 1 {
			s.printf(`<polyline fill="none" stroke="%s" stroke-width="%s"%s stroke-linejoin="round" points="%s"/>`+"\n",
				color, px(width), sr.dash(), strings.Join(pts, " "))
		}
		pts = pts[:0]
	}
	for j := range sr.X {
		x, y := f.sx.at(sr.X[j]), f.sy.at(sr.Y[j])
		if math.IsNaN(x) || math.IsNaN(y) {
			flush()
			continue
		}
		pts = append(pts, px(x)+","+px(y))
	}
	flush()
	s.printf("</g>\n")
}

// writeNotes writes the notes where l puts them: in a white box inside the
// frame, or below the frame (after a legend there).
func (p *Panel) writeNotes(s *svgWriter, f frame, l layout) {
	if len(p.Notes) == 0 {
		return
	}
	x, y := f.x0+l.notesX, f.y0+l.notesY
	if l.notesIn {
		w, h := p.notesBox()
		s.printf(`<rect class="notes" x="%s" y="%s" width="%s" height="%s" fill="white" fill-opacity="0.85" stroke="#bbb" stroke-width="0.5"/>`+"\n",
			px(x), px(y), px(w), px(h))
		x += 4
	} else {
		x, y = f.x0-marginLeft+14, f.y0+plotH+marginBottom-6
		if n := len(l.legendRows); n > 0 {
			y += legendLine * (float64(n) + 0.5)
		}
	}
	for k, n := range p.Notes {
		s.printf(`<text class="note" x="%s" y="%s" fill="#222">%s</text>`+"\n", px(x), px(y+noteLine*float64(k+1)-2), rich(n))
	}
}

// writeLegend lists the named series, if there are two or more: right of
// the frame, or below it in rows as l says.
func (p *Panel) writeLegend(s *svgWriter, f frame, l layout) {
	if p.named() < 2 {
		return
	}
	s.printf(`<g class="legend">` + "\n")
	entry := func(j int, x, y float64) {
		sr := p.Series[j]
		switch {
		case sr.Marker && sr.Hollow:
			s.printf(`<circle cx="%s" cy="%s" r="4" fill="white" stroke="%s" stroke-width="1.8"/>`+"\n", px(x+9), px(y), sr.color(j))
		case sr.Marker:
			s.printf(`<circle cx="%s" cy="%s" r="4" fill="%s"/>`+"\n", px(x+9), px(y), sr.color(j))
		case sr.VLine:
			s.printf(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="%s"%s/>`+"\n", px(x+10), px(y-7), px(x+10), px(y+7), sr.color(j), px(sr.width()), sr.dash())
		default:
			s.printf(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="%s"%s/>`+"\n", px(x), px(y), px(x+20), px(y), sr.color(j), px(math.Min(sr.width(), 6)), sr.dash())
		}
		s.printf(`<text x="%s" y="%s">%s</text>`+"\n", px(x+legendSwatchW), px(y+4), rich(sr.Name))
	}
	if l.legendBelow {
		for r, row := range l.legendRows {
			x, y := f.x0-marginLeft+14, f.y0+plotH+marginBottom+legendLine*(float64(r)+0.5)
			for _, j := range row {
				entry(j, x, y)
				x += l.legendW
			}
		}
	} else {
		k := 0
		for j, sr := range p.Series {
			if sr.Name != "" {
				entry(j, f.x0+plotW+12, f.y0+8+legendLine*float64(k))
				k++
			}
		}
	}
	s.printf("</g>\n")
}
