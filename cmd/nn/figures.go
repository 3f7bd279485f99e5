package main

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"

	"example.com/nn"
	"example.com/nn/cmd/nn/internal/format"
	"example.com/nn/cmd/nn/internal/plot"
)

// The figures of the notes, which nn plot draws and the tour saves: each
// computes what it shows with the library, and returns a plot.Figure.

// toyData are the data sets of the boundary plot, 200 points with noise 0.1
// (0.08 for the spirals, whose arms are closer).
var toyData = map[string]func(rng *rand.Rand) *nn.Dataset{
	"moons":   func(rng *rand.Rand) *nn.Dataset { return nn.TwoMoons(200, 0.1, rng) },
	"circles": func(rng *rand.Rand) *nn.Dataset { return nn.Circles(200, 0.1, rng) },
	"spirals": func(rng *rand.Rand) *nn.Dataset { return nn.Spirals(300, 0.04, rng) },
	"xor":     func(rng *rand.Rand) *nn.Dataset { return nn.XORBlobs(200, 0.15, rng) },
}

// plotActivations draws each activation of §2 and its derivative on [−5, 5].
func plotActivations() *plot.Figure {
	fig := &plot.Figure{Title: "Activation functions and their derivatives (§2)", Cols: 2}
	z := grid(-5, 5, 400)
	for _, f := range []struct {
		name string
		f    nn.Elementwise
	}{
		{"sigmoid σ", nn.Sigmoid{}},
		{"tanh", nn.Tanh{}},
		{"ReLU", nn.ReLU{}},
		{"leaky ReLU, α = 0.1 (drawn larger than 0.01)", nn.LeakyReLU{Alpha: 0.1}},
	} {
		fz, fp := make([]float64, len(z)), make([]float64, len(z))
		maxP, at := math.Inf(-1), 0.0
		for i, v := range z {
			fz[i], fp[i] = f.f.F(v), f.f.Prime(v)
			if fp[i] > maxP {
				maxP, at = fp[i], v
			}
		}
		note := fmt.Sprintf("max f′ = %.4g at z = %.4g", maxP, at)
		if _, relu := f.f.(nn.ReLU); relu {
			note = "f′ = 1 for z > 0, 0 for z < 0"
		} else if _, leaky := f.f.(nn.LeakyReLU); leaky {
			note = "f′ = 1 for z > 0, α for z < 0"
		}
		fig.Panels = append(fig.Panels, &plot.Panel{
			Title: f.name, XLabel: "z", YLabel: "f(z), f′(z)",
			// f is drawn wider than f′, which lies on it where both are 0 (ReLU, z < 0).
			Series: []plot.Series{{Name: "f(z)", X: z, Y: fz, Width: 4.5}, {Name: "f′(z)", X: z, Y: fp, Dash: true, Width: 1.5}},
			Notes:  []string{note},
		})
	}
	return fig
}

// boundaryResult is what the boundary plot measured.
type boundaryResult struct {
	sizes    []int
	accuracy float64
	loss     float64
	epochs   int
}

// plotBoundary trains a small tanh network on a toy data set (seeded) and
// draws its decision regions, p(class 1) as a heat map, with the points.
func plotBoundary(data string, seed uint64) (*plot.Figure, boundaryResult, error) {
	rng := rand.New(rand.NewPCG(seed, 101))
	d := toyData[data](rng)
	sizes, epochs := []int{2, 8, 8, 1}, 300
	if data == "spirals" {
		sizes, epochs = []int{2, 24, 24, 1}, 600
	}
	acts := make([]nn.Activation, len(sizes)-1)
	for i := range acts {
		acts[i] = nn.Tanh{}
	}
	acts[len(acts)-1] = nn.Sigmoid{}
	net, err := nn.New(sizes, acts, nn.XavierUniform, rng)
	if err != nil {
		return nil, boundaryResult{}, err
	}
	Y := labelColumn(d)
	cfg := nn.TrainConfig{Loss: nn.BinaryCrossEntropy{}, Optimizer: nn.NewAdam(), Schedule: nn.Constant{LR: 0.02},
		BatchSize: 32, Epochs: epochs}
	if _, err := net.Train(d.X, Y, cfg, rng); err != nil {
		return nil, boundaryResult{}, err
	}
	res := boundaryResult{sizes: sizes, epochs: epochs, loss: net.Cost(d.X, Y, nn.BinaryCrossEntropy{})}
	correct := 0
	for i := range d.X.Rows {
		if (net.Predict(d.X.Row(i))[0] > 0.5) == (d.Labels[i] == 1) {
			correct++
		}
	}
	res.accuracy = float64(correct) / float64(d.X.Rows)

	x0, x1, y0, y1 := bounds(d.X)
	heat := &plot.Heatmap{F: func(x, y float64) float64 { return net.Predict([]float64{x, y})[0] }, Boundary: true}
	p := &plot.Panel{
		Title:  fmt.Sprintf("%s: a %s tanh network, %d epochs of Adam", data, format.Sizes(sizes), epochs),
		XLabel: "x₁", YLabel: "x₂", Heat: heat, Equal: true,
		XRange: [2]float64{x0, x1}, YRange: [2]float64{y0, y1},
		Series: classSeries(d),
		Notes:  []string{fmt.Sprintf("training accuracy %.1f%%", 100*res.accuracy)},
	}
	fig := &plot.Figure{Title: "Decision regions of a multi-layer network (§3, §8)", Panels: []*plot.Panel{p}}
	return fig, res, nil
}

// bounds returns the extent of the two features of X, widened by a tenth.
func bounds(X *nn.Matrix) (x0, x1, y0, y1 float64) {
	x0, x1, y0, y1 = math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for i := range X.Rows {
		x0, x1 = math.Min(x0, X.At(i, 0)), math.Max(x1, X.At(i, 0))
		y0, y1 = math.Min(y0, X.At(i, 1)), math.Max(y1, X.At(i, 1))
	}
	dx, dy := (x1-x0)/10, (y1-y0)/10
	return x0 - dx, x1 + dx, y0 - dy, y1 + dy
}

// classSeries returns the points of each class as a series of markers.
func classSeries(d *nn.Dataset) []plot.Series {
	var s [2]plot.Series
	for c := range 2 {
		s[c] = plot.Series{Name: fmt.Sprintf("class %d", c), Marker: true, Color: plot.Palette[c]}
	}
	for i, c := range d.Labels {
		s[c].X = append(s[c].X, d.X.At(i, 0))
		s[c].Y = append(s[c].Y, d.X.At(i, 1))
	}
	return s[:]
}

// perceptronResult is what the perceptron plot measured on each data set.
type perceptronResult struct {
	name   string
	result nn.PerceptronResult
	wrong  int
}

// plotPerceptron trains a perceptron (§1) on two separable clouds, where it
// converges, and on XOR blobs (§8), where after 100 epochs it still has not,
// and draws its line w·x + b = 0 and its regions.
func plotPerceptron(seed uint64) (*plot.Figure, error) {
	fig, _, err := perceptronFigure(seed)
	return fig, err
}

func perceptronFigure(seed uint64) (*plot.Figure, []perceptronResult, error) {
	rng := rand.New(rand.NewPCG(seed, 102))
	// Two clouds around (−½, −½) (class 0) and (½, ½) (class 1): the
	// class-0 corners of the XOR blobs, relabelled by their side.
	sep := nn.XORBlobs(400, 0.15, rng)
	var keep []int
	for i, c := range sep.Labels {
		if c == 0 {
			keep = append(keep, i)
		}
	}
	sep = sep.Subset(keep)
	for i := range sep.Labels {
		if sep.X.At(i, 0)+sep.X.At(i, 1) > 0 {
			sep.Labels[i] = 1
		}
	}
	xor := nn.XORBlobs(200, 0.15, rng)
	fig := &plot.Figure{Title: "The perceptron (§1): a line, which XOR defeats (§8)", Cols: 2}
	var results []perceptronResult
	for _, d := range []struct {
		name string
		data *nn.Dataset
	}{{"two clouds (separable)", sep}, {"XOR (not separable)", xor}} {
		p := nn.NewPerceptron(2)
		y := labelColumn(d.data).Data
		r, err := p.Train(d.data.X, y, 1, 100, rand.New(rand.NewPCG(seed, 103)))
		if err != nil {
			return nil, nil, err
		}
		wrong := 0
		for i := range y {
			if p.Predict(d.data.X.Row(i)) != y[i] {
				wrong++
			}
		}
		results = append(results, perceptronResult{d.name, r, wrong})
		x0, x1, y0, y1 := bounds(d.data.X)
		heat := &plot.Heatmap{F: func(a, b float64) float64 { return p.Predict([]float64{a, b}) }}
		ss := classSeries(d.data)
		// The line w₁x₁ + w₂x₂ + b = 0, where w₂ ≠ 0, over more than the
		// frame shows (equal axes widen one range), clipped to it.
		if p.W[1] != 0 {
			w := x1 - x0
			lx := []float64{x0 - w, x1 + w}
			ly := []float64{-(p.W[0]*lx[0] + p.B) / p.W[1], -(p.W[0]*lx[1] + p.B) / p.W[1]}
			ss = append(ss, plot.Series{Name: "w·x + b = 0", X: lx, Y: ly, Color: "#222"})
		}
		note := fmt.Sprintf("converged: %d epochs, %d updates", r.Epochs, r.Updates)
		if !r.Converged {
			note = fmt.Sprintf("not converged after %d epochs: %d of %d wrong", r.Epochs, wrong, len(y))
		}
		fig.Panels = append(fig.Panels, &plot.Panel{Title: d.name, XLabel: "x₁", YLabel: "x₂", Heat: heat, Equal: true,
			XRange: [2]float64{x0, x1}, YRange: [2]float64{y0, y1}, Series: ss, Notes: []string{note}})
	}
	return fig, results, nil
}

// plotApprox draws §12: f beside the step sums for N = 5, 20, 80, and the
// sup error against N on log-log axes with the fitted slope.
func plotApprox() (*plot.Figure, error) {
	const a, b = 0, 2 * math.Pi
	x := grid(a, b, 600)
	fx := make([]float64, len(x))
	for i, v := range x {
		fx[i] = approxTarget(v)
	}
	left := &plot.Panel{Title: "f and f̂ = Σ N steep sigmoids", XLabel: "x", YLabel: "f(x)",
		Series: []plot.Series{{Name: "f(x) = sin x + 0.3 sin 3x", X: x, Y: fx, Color: "#bbbbbb", Width: 7}}}
	for _, N := range []int{5, 20, 80} {
		net, err := nn.StepSum(approxTarget, a, b, N, 50*float64(N)/(b-a))
		if err != nil {
			return nil, err
		}
		left.Series = append(left.Series, plot.Series{Name: fmt.Sprintf("N = %d", N), X: x, Y: nn.Sample(net, a, b, len(x)-1), Width: 1.5})
	}
	r, err := measureApprox()
	if err != nil {
		return nil, err
	}
	// The fitted line e = c·N^slope through the centre of the points.
	var mx, my float64
	for i := range r.N {
		mx, my = mx+math.Log(r.N[i])/float64(len(r.N)), my+math.Log(r.err[i])/float64(len(r.N))
	}
	fit := make([]float64, len(r.N))
	for i, N := range r.N {
		fit[i] = math.Exp(my + r.slope*(math.Log(N)-mx))
	}
	right := &plot.Panel{Title: "sup |f − f̂| against N", XLabel: "N (hidden units)", YLabel: "sup error", XLog: true, YLog: true,
		Series: []plot.Series{
			{Name: "measured", X: r.N, Y: r.err, Marker: true},
			{Name: format.Minus(fmt.Sprintf("fit: slope %.2f", r.slope)), X: r.N, Y: fit, Dash: true, Width: 1.5},
		},
		Notes: []string{format.Minus(fmt.Sprintf("error ∝ N^{%.2f}: doubling N multiplies it by %.2f", r.slope, math.Pow(2, r.slope)))}}
	return &plot.Figure{Title: "Universal approximation by steps (§12)", Cols: 2, Panels: []*plot.Panel{left, right}}, nil
}

// plotSawtooth draws §13: the deep sawtooth t³ beside the shallow network of
// the same function, and the units each needs against k.
func plotSawtooth() *plot.Figure {
	const k = 3
	x := grid(0, 1, 1024)
	rows := measureSawtooth(8)
	r := rows[k-1]
	left := &plot.Panel{Title: fmt.Sprintf("t³(x), the tent map composed %d times: %d linear pieces", k, r.deepPieces), XLabel: "x", YLabel: "t³(x)",
		Series: []plot.Series{
			{Name: fmt.Sprintf("deep: %d layers × 2 = %d units", k, r.deepUnits), X: x, Y: nn.Sample(nn.Sawtooth(k), 0, 1, 1024), Width: 7, Color: "#9ecae1"},
			{Name: fmt.Sprintf("shallow: 1 layer of %d units", r.shallowUnits), X: x, Y: nn.Sample(nn.ShallowSawtooth(k), 0, 1, 1024), Dash: true, Color: "#d62728", Width: 2},
		}}
	var ks, deep, shallow []float64
	for _, r := range rows {
		ks = append(ks, float64(r.k))
		deep = append(deep, float64(r.deepUnits))
		shallow = append(shallow, float64(r.shallowUnits))
	}
	right := &plot.Panel{Title: "hidden units for 2ᵏ pieces", XLabel: "k (compositions of the tent map)", YLabel: "hidden units", YLog: true,
		Series: []plot.Series{
			{Name: "deep: 2k", X: ks, Y: deep},
			{Name: "one hidden layer: 2ᵏ", X: ks, Y: shallow, Color: "#d62728"},
		}}
	return &plot.Figure{Title: "Depth efficiency: the sawtooth (§13)", Cols: 2, Panels: []*plot.Panel{left, right}}
}

// plotGradflow draws §11: the gradient norm per layer, log scale.
func plotGradflow(seed uint64) (*plot.Figure, error) {
	norms, err := measureGradflow(seed)
	if err != nil {
		return nil, err
	}
	p := &plot.Panel{Title: "‖∂L/∂Wˡ‖ at initialization, 10 layers of 32 units, two moons", XLabel: "layer l", YLabel: "‖∂L/∂Wˡ‖", YLog: true}
	layers := grid(1, 10, 9)
	for i, g := range gradflowNets {
		p.Series = append(p.Series, plot.Series{Name: g.name, X: layers, Y: norms[i]})
	}
	return &plot.Figure{Title: "Vanishing gradients and their remedies (§7, §11)", Panels: []*plot.Panel{p}}, nil
}

// modelLossFigure is the loss plot of a saved model's training record, its
// title starting with prefix; name names the model in an error.
func modelLossFigure(prefix, name string, m *nn.Model) (*plot.Figure, error) {
	if len(m.Record.Epochs) == 0 {
		return nil, fmt.Errorf("%s: the model has no training history to plot", name)
	}
	title := prefix + "trained on " + m.Record.Data
	if m.Record.Data == "" {
		title = strings.TrimSuffix(prefix, ", ")
	}
	return plot.Loss(title, lossRun(m.Record.Epochs, m.Record.BestEpoch)), nil
}

// lossRun is what the loss plot draws of a training history: the loss per
// epoch; the last epoch cut short (an interrupted run) if it ran fewer
// steps than the first, or if it is the only one and none was finished
// (bestEpoch 0); and the epoch whose weights were kept, marked when it is
// not the last one drawn (early stopping, an interruption).
func lossRun(epochs []nn.EpochStats, bestEpoch int) plot.LossRun {
	var r plot.LossRun
	for _, e := range epochs {
		r.Train, r.Val = append(r.Train, e.TrainLoss), append(r.Val, e.ValLoss)
	}
	n := len(epochs)
	if n == 0 {
		return r
	}
	last := epochs[n-1]
	switch {
	case n >= 2 && last.Steps < epochs[0].Steps:
		r.Partial, r.Done = true, float64(last.Steps)/float64(epochs[0].Steps)
	case n == 1 && bestEpoch == 0:
		r.Partial = true
	}
	switch {
	case bestEpoch >= 1 && bestEpoch < n:
		r.Kept, r.KeptName = float64(bestEpoch), fmt.Sprintf("weights kept: epoch %d", bestEpoch)
	case bestEpoch == 0 && r.Partial:
		r.Kept, r.KeptName = float64(n), fmt.Sprintf("weights kept: step %d of epoch %d", last.Steps, n)
		if r.Done > 0 {
			r.Kept = float64(n-1) + r.Done
		}
	}
	return r
}

// saveLossPlot writes the loss plot of a model's training record to path,
// for nn train -plot.
func saveLossPlot(path string, m *nn.Model) error {
	fig, err := modelLossFigure("nn train: ", "the run", m)
	if err != nil {
		return err
	}
	return nn.WriteFileAtomic(path, fig.WriteSVG)
}

// plotLossDemo trains the moons network with a validation split and plots
// its loss per epoch.
func plotLossDemo(seed uint64) (*plot.Figure, error) {
	rng := rand.New(rand.NewPCG(seed, 106))
	d := nn.TwoMoons(300, 0.2, rng)
	train, val, err := nn.StratifiedSplit(d, 0.3, rng)
	if err != nil {
		return nil, err
	}
	net, err := nn.New([]int{2, 16, 16, 1}, []nn.Activation{nn.Tanh{}, nn.Tanh{}, nn.Sigmoid{}}, nn.XavierUniform, rng)
	if err != nil {
		return nil, err
	}
	h, err := net.Train(train.X, labelColumn(train), nn.TrainConfig{Loss: nn.BinaryCrossEntropy{}, Optimizer: nn.NewAdam(),
		Schedule: nn.Constant{LR: 0.003}, BatchSize: 16, Epochs: 200, ValX: val.X, ValY: labelColumn(val)}, rng)
	if err != nil {
		return nil, err
	}
	return plot.Loss("two moons, 2-16-16-1 tanh, Adam η = 0.003, batch 16", lossRun(h.Epochs, h.BestEpoch)), nil
}
