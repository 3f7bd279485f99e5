package plot

// The loss plot: training and validation loss per epoch (notes §6, §7),
// with the epoch whose weights were kept and a last epoch cut short.

import (
	"fmt"
	"math"
)

// LossRun is the loss per epoch of a training run, as the loss plot draws it.
type LossRun struct {
	Train, Val []float64 // per epoch; NaN where not measured
	// Partial says the last epoch was cut short (training interrupted): its
	// training loss is the mean over the steps it ran, drawn as a ring at
	// epoch n − 1 + Done, joined to the curve by a dashed line. Done is the
	// fraction of the epoch that ran, 0 if not known (then at epoch n).
	Partial bool
	Done    float64
	// Kept is the epoch whose weights were kept (early stopping, or the last
	// epoch finished before an interruption), marked by a vertical line; 0
	// for no mark. KeptName names it in the legend.
	Kept     float64
	KeptName string
}

// Loss returns the loss plot of a run (notes §6, §7): the training loss and,
// if Val holds a finite value, the validation loss, with a gap at NaN; a
// partial last epoch and the kept epoch as LossRun says. The y axis is
// logarithmic when the losses are positive and span more than a factor of 10.
func Loss(title string, r LossRun) *Figure {
	p := &Panel{Title: title, XLabel: "epoch", YLabel: "loss (mean per sample)"}
	epochs := func(n int) []float64 {
		x := make([]float64, n)
		for i := range x {
			x[i] = float64(i + 1)
		}
		return x
	}
	train, val := r.Train, r.Val
	if r.Partial && len(train) > 0 {
		train = train[:len(train)-1]
		if len(val) > len(train) {
			val = val[:len(train)]
		}
	}
	p.Series = append(p.Series, Series{Name: "training", X: epochs(len(train)), Y: train})
	if finite(val) {
		p.Series = append(p.Series, Series{Name: "validation", X: epochs(len(val)), Y: val})
	}
	if r.Partial && len(r.Train) > 0 {
		p.Series = append(p.Series, partialEpoch(r)...)
	}
	if r.Kept > 0 {
		p.Series = append(p.Series, Series{Name: r.KeptName, X: []float64{r.Kept}, VLine: true, Dash: true, Color: "#555", Width: 1.5})
	}
	if y := p.extent(func(s Series) []float64 { return s.Y }, false); y[0] > 0 && y[1] > 10*y[0] {
		p.YLog = true
	}
	if x := p.extent(func(s Series) []float64 { return s.X }, false); x[1]-x[0] < 1 {
		p.XRange = [2]float64{math.Floor(x[0]) - 1, math.Ceil(x[1]) + 1}
	}
	return &Figure{Title: "Loss per epoch (§6, §7)", Panels: []*Panel{p}}
}

// partialEpoch draws the last epoch of r, cut short: a ring, and a dashed
// line to it from the last whole epoch.
func partialEpoch(r LossRun) []Series {
	n := len(r.Train)
	x := float64(n)
	if r.Done > 0 {
		x = float64(n-1) + r.Done
	}
	name := fmt.Sprintf("epoch %d, cut short", n)
	if r.Done > 0 {
		name = fmt.Sprintf("epoch %d, %.0f%% run", n, 100*r.Done)
	}
	ring := Series{Name: name, X: []float64{x}, Y: []float64{r.Train[n-1]}, Marker: true, Hollow: true, Color: Palette[0]}
	if n < 2 {
		return []Series{ring}
	}
	return []Series{{X: []float64{float64(n - 1), x}, Y: r.Train[n-2:], Dash: true, Color: Palette[0]}, ring}
}

// finite reports whether v holds a finite value.
func finite(v []float64) bool {
	for _, x := range v {
		if !math.IsNaN(x) && !math.IsInf(x, 0) {
			return true
		}
	}
	return false
}
