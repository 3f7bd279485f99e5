package plot

// The loss plot: training and validation loss per epoch (notes §6, §7).

import (
	"io"
	"math"
)

// WriteLoss writes the loss per epoch of a training run as an SVG plot
// (notes §6, §7): train and, if val is not nil and holds a finite value, the
// validation loss. NaN values leave a gap. The y axis is logarithmic when the
// losses are positive and span more than a factor of 10.
func WriteLoss(w io.Writer, title string, train, val []float64) error {
	return Loss(title, train, val).WriteSVG(w)
}

// Loss is the figure WriteLoss writes.
func Loss(title string, train, val []float64) *Figure {
	p := &Panel{Title: title, XLabel: "epoch", YLabel: "loss (mean per sample)"}
	epochs := func(n int) []float64 {
		x := make([]float64, n)
		for i := range x {
			x[i] = float64(i + 1)
		}
		return x
	}
	p.Series = append(p.Series, Series{Name: "training", X: epochs(len(train)), Y: train})
	finite := func(v []float64) bool {
		for _, x := range v {
			if !math.IsNaN(x) && !math.IsInf(x, 0) {
				return true
			}
		}
		return false
	}
	if finite(val) {
		p.Series = append(p.Series, Series{Name: "validation", X: epochs(len(val)), Y: val})
	}
	if r := p.extent(func(s Series) []float64 { return s.Y }, false); r[0] > 0 && r[1] > 10*r[0] {
		p.YLog = true
	}
	if len(train) < 2 {
		p.XRange = [2]float64{0, 2}
	}
	return &Figure{Title: "Loss per epoch (§6, §7)", Panels: []*Panel{p}}
}
