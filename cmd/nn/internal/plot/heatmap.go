package plot

// The heat map under a panel: a function sampled every heatCell pixels over
// the frame, drawn as an image the viewer smooths, with the contour F = ½
// traced by marching squares (the decision boundary of a classifier).

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"strings"
)

// Heatmap is a function of the plane with values in [0, 1], drawn under a
// panel's series for the decision regions of a classifier: a tint from
// Palette[0] (0) through white (½) to Palette[1] (1), sampled every heatCell
// pixels over the whole frame. If Boundary is set, the contour F = ½ is
// drawn as a line.
type Heatmap struct {
	F        func(x, y float64) float64
	Boundary bool
}

// heatCell is the side of a heat map's cell in pixels: fine enough, with the
// viewer's smoothing of the image, that the edge between regions shows no
// steps.
const heatCell = 2

// sample returns F at the centres of the cells of the frame f, row by row
// from the top: nx × ny values.
func (h *Heatmap) sample(f frame) (v []float64, nx, ny int) {
	nx, ny = int(math.Ceil(plotW/heatCell)), int(math.Ceil(plotH/heatCell))
	v = make([]float64, nx*ny)
	for j := range ny {
		y := f.sy.inv(f.y0 + (float64(j)+0.5)*plotH/float64(ny))
		for i := range nx {
			v[j*nx+i] = h.F(f.sx.inv(f.x0+(float64(i)+0.5)*plotW/float64(nx)), y)
		}
	}
	return v, nx, ny
}

// write draws the heat map over the frame as a PNG image, and its boundary.
func (h *Heatmap) write(s *svgWriter, f frame) {
	v, nx, ny := h.sample(f)
	img := image.NewNRGBA(image.Rect(0, 0, nx, ny))
	for j := range ny {
		for i := range nx {
			img.Set(i, j, tint(v[j*nx+i]))
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		s.err = err
		return
	}
	s.printf(`<image class="heatmap" x="%s" y="%s" width="%s" height="%s" preserveAspectRatio="none" clip-path="url(#clip%d)" xlink:href="data:image/png;base64,%s"/>`+"\n",
		px(f.x0), px(f.y0), px(plotW), px(plotH), f.i, base64.StdEncoding.EncodeToString(b.Bytes()))
	if h.Boundary {
		d := contour(v, nx, ny, 0.5, func(i, j float64) (float64, float64) {
			return f.x0 + (i+0.5)*plotW/float64(nx), f.y0 + (j+0.5)*plotH/float64(ny)
		})
		if d != "" {
			s.printf(`<path class="boundary" d="%s" fill="none" stroke="#333" stroke-width="1.2" stroke-linecap="round" clip-path="url(#clip%d)"/>`+"\n", d, f.i)
		}
	}
}

// tint is the colour of a heat map value v in [0, 1]: white at ½, towards
// Palette[0] below and Palette[1] above, at most 45% of the colour.
func tint(v float64) color.NRGBA {
	lo, hi := [3]float64{0x1f, 0x77, 0xb4}, [3]float64{0xff, 0x7f, 0x0e}
	c, t := lo, (0.5-v)*2
	if v > 0.5 {
		c, t = hi, (v-0.5)*2
	}
	t = math.Min(math.Max(t, 0), 1) * 0.45
	if math.IsNaN(v) {
		t = 0
	}
	var rgb [3]uint8
	for k := range 3 {
		rgb[k] = uint8(math.Round(255 + (c[k]-255)*t))
	}
	return color.NRGBA{rgb[0], rgb[1], rgb[2], 255}
}

// contour returns the SVG path of the level line v = level of the grid v
// (nx × ny, row by row) by marching squares: in each square of four
// neighbouring samples, a segment between the points, interpolated
// linearly, where v crosses the level on its edges. at maps grid
// coordinates (i, j) to pixels.
func contour(v []float64, nx, ny int, level float64, at func(i, j float64) (float64, float64)) string {
	var b strings.Builder
	for j := 0; j+1 < ny; j++ {
		for i := 0; i+1 < nx; i++ {
			// The corners in turn around the square, and where each edge is crossed.
			c := [4][2]float64{{float64(i), float64(j)}, {float64(i + 1), float64(j)}, {float64(i + 1), float64(j + 1)}, {float64(i), float64(j + 1)}}
			w := [4]float64{v[j*nx+i], v[j*nx+i+1], v[(j+1)*nx+i+1], v[(j+1)*nx+i]}
			var pts [][2]float64
			for k := range 4 {
				a, z := w[k]-level, w[(k+1)%4]-level
				if (a < 0) != (z < 0) {
					t := a / (a - z)
					pts = append(pts, [2]float64{c[k][0] + t*(c[(k+1)%4][0]-c[k][0]), c[k][1] + t*(c[(k+1)%4][1]-c[k][1])})
				}
			}
			// Two crossings make one segment; four (a saddle) two, paired
			// around the corner whose side the centre is not on.
			if len(pts) == 4 && ((w[0]+w[1]+w[2]+w[3])/4 < level) != (w[0] < level) {
				pts = [][2]float64{pts[1], pts[2], pts[3], pts[0]}
			}
			for k := 0; k+1 < len(pts); k += 2 {
				x0, y0 := at(pts[k][0], pts[k][1])
				x1, y1 := at(pts[k+1][0], pts[k+1][1])
				fmt.Fprintf(&b, "M%s %sL%s %s", px(x0), px(y0), px(x1), px(y1))
			}
		}
	}
	return b.String()
}
