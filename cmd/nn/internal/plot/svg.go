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

// WriteSVG writes the figure as an SVG document.
func (f *Figure) WriteSVG(w io.Writer) error {
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

// frame is where a panel is drawn: number i of its figure (which names its
// clip path), the top left corner (x0, y0) of its frame, its scales and the
// ticks of both axes.
type frame struct {
	i      int
	x0, y0 float64
	sx, sy scale
	xt, yt []float64
}

// write draws panel number i with its frame's top left corner at (x0, y0).
func (p *Panel) write(s *svgWriter, i int, x0, y0 float64) {
	f := frame{i: i, x0: x0, y0: y0}
	f.sx, f.sy, f.xt, f.yt = p.axes(x0, y0)
	s.printf(`<g class="panel" data-title="%s">`+"\n", esc(p.Title))
	s.printf(`<text class="panel-title" x="%s" y="%s" text-anchor="middle" font-size="13">%s</text>`+"\n",
		px(x0+plotW/2), px(y0-10), esc(p.Title))
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
	p.writeNotes(s, f)
	p.writeLegend(s, f)
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
	for _, v := range f.xt {
		s.printf(`<text class="xtick" x="%s" y="%s" text-anchor="middle">%s</text>`+"\n", px(f.sx.at(v)), px(f.y0+plotH+16), esc(tickText(v, p.XLog, f.xt)))
	}
	for _, v := range f.yt {
		s.printf(`<text class="ytick" x="%s" y="%s" text-anchor="end">%s</text>`+"\n", px(f.x0-6), px(f.sy.at(v)+4), esc(tickText(v, p.YLog, f.yt)))
	}
	s.printf("</g>\n")
	s.printf(`<text class="xlabel" x="%s" y="%s" text-anchor="middle">%s</text>`+"\n", px(f.x0+plotW/2), px(f.y0+plotH+36), esc(p.XLabel))
	s.printf(`<text class="ylabel" transform="translate(%s %s) rotate(-90)" text-anchor="middle">%s</text>`+"\n",
		px(f.x0-marginLeft+14), px(f.y0+plotH/2), esc(p.YLabel))
}

// write draws the series, number k of its panel, clipped to the frame:
// markers, or a line broken where a point cannot be shown.
func (sr Series) write(s *svgWriter, f frame, k int) {
	color := sr.color(k)
	s.printf(`<g class="series" data-name="%s" clip-path="url(#clip%d)">`+"\n", esc(sr.Name), f.i)
	if sr.Marker {
		for j := range sr.X {
			x, y := f.sx.at(sr.X[j]), f.sy.at(sr.Y[j])
			if math.IsNaN(x) || math.IsNaN(y) {
				continue
			}
			s.printf(`<circle cx="%s" cy="%s" r="3" fill="%s" stroke="white" stroke-width="0.8"/>`+"\n", px(x), px(y), color)
		}
		s.printf("</g>\n")
		return
	}
	width := sr.Width
	if width == 0 {
		width = 2
	}
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

// writeNotes writes the notes in the upper left corner of the frame (lower
// left with NotesBelow), each on a white box that lets the data show through.
func (p *Panel) writeNotes(s *svgWriter, f frame) {
	for k, n := range p.Notes {
		y := f.y0 + 18 + 16*float64(k)
		if p.NotesBelow {
			y = f.y0 + plotH - 8 - 16*float64(len(p.Notes)-1-k)
		}
		s.printf(`<rect x="%s" y="%s" width="%s" height="16" fill="white" fill-opacity="0.75"/>`+"\n",
			px(f.x0+4), px(y-12), px(6.8*float64(len([]rune(n)))+8))
		s.printf(`<text class="note" x="%s" y="%s" fill="#222">%s</text>`+"\n", px(f.x0+8), px(y), esc(n))
	}
}

// writeLegend lists the named series to the right of the frame, if there
// are two or more.
func (p *Panel) writeLegend(s *svgWriter, f frame) {
	if p.named() < 2 {
		return
	}
	lx, ly := f.x0+plotW+12, f.y0+8
	s.printf(`<g class="legend">` + "\n")
	k := 0
	for j, sr := range p.Series {
		if sr.Name == "" {
			continue
		}
		y := ly + legendLine*float64(k)
		if sr.Marker {
			s.printf(`<circle cx="%s" cy="%s" r="4" fill="%s"/>`+"\n", px(lx+9), px(y), sr.color(j))
		} else {
			s.printf(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="2"%s/>`+"\n", px(lx), px(y), px(lx+20), px(y), sr.color(j), sr.dash())
		}
		s.printf(`<text x="%s" y="%s">%s</text>`+"\n", px(lx+legendSwatchW), px(y+4), esc(sr.Name))
		k++
	}
	s.printf("</g>\n")
}

// write draws the heat map as rectangles, merging runs of cells of one tint
// along each row.
func (h *Heatmap) write(s *svgWriter, f frame) {
	s.printf(`<g class="heatmap" shape-rendering="crispEdges" clip-path="url(#clip%d)">`+"\n", f.i)
	cx := func(i int) float64 { return f.sx.at(h.X0 + float64(i)*(h.X1-h.X0)/float64(h.Nx)) }
	cy := func(j int) float64 { return f.sy.at(h.Y0 + float64(j)*(h.Y1-h.Y0)/float64(h.Ny)) }
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
// side of ½: light tints of Palette[0] below, of Palette[1] above.
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
