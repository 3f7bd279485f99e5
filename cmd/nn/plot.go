package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"path/filepath"
	"sort"
	"strings"

	"example.com/nn"
	"example.com/nn/cmd/nn/internal/format"
	"example.com/nn/cmd/nn/internal/plot"
)

var cmdPlot = &command{
	Name:      "plot",
	UsageLine: "plot <activations|boundary|perceptron|approx|sawtooth|gradflow|loss> [-o file.svg] [-data moons] [-seed 1]",
	Short:     "draw a section of the notes as an SVG picture",
	Long: `
Plot draws one section of the notes as an SVG file, which any browser opens:

	activations  §2: each activation f and its derivative f′ on [−5, 5]
	boundary     §3, §8: the decision regions of a small network trained on
	             the spot on a 2-D data set (-data moons, circles, spirals
	             or xor), with the data points
	perceptron   §1, §8: a perceptron's line on a separable set, and its
	             failure on XOR
	approx       §12: f and the sum of N steep sigmoids for N = 5, 20, 80,
	             and the sup error against N on log-log axes with its slope
	sawtooth     §13: the deep network's 2ᵏ linear pieces beside the shallow
	             one, and the units each needs
	gradflow     §11: the gradient norm of every layer of a 10-layer network,
	             for sigmoid, ReLU with He initialization, residual
	             connections and batch normalization
	loss         §6, §7: training and validation loss per epoch of a saved
	             model (-model file.json, from nn train -o), or of a small
	             network trained on the spot

The picture goes to -o (default <name>.svg; "-" writes it to stdout).
Everything random is drawn from -seed, so a plot can be made again.

Example:

	nn plot boundary -data spirals -o spirals.svg
`,
	Flags: func(fs *flag.FlagSet) func(context.Context, []string, io.Writer, io.Writer) error {
		out := fs.String("o", "", "output file (default <name>.svg; - for stdout)")
		data := fs.String("data", "moons", "data set of the boundary plot: moons, circles, spirals or xor")
		seed := fs.Uint64("seed", 1, "seed of the data and the initial weights")
		model := fs.String("model", "", "the loss plot: a saved model whose training history to draw")
		return func(ctx context.Context, args []string, stdout, _ io.Writer) error {
			if len(args) > 1 { // flags after the name: nn plot boundary -data spirals
				if err := fs.Parse(args[1:]); err != nil {
					if errors.Is(err, flag.ErrHelp) {
						return errHelp // runCommand prints the page
					}
					return usageError("%v", err)
				}
				args = append(args[:1], fs.Args()...)
			}
			if len(args) > 1 {
				return usageError("unexpected argument %q after the plot name %s", args[1], args[0])
			}
			if len(args) != 1 {
				return usageError("want one plot name: %s", strings.Join(plotNames(), ", "))
			}
			name := args[0]
			if _, ok := plotMakers[name]; !ok {
				return usageError("unknown plot %q; the plots are %s", name, strings.Join(plotNames(), ", "))
			}
			if _, ok := toyData[*data]; !ok {
				return usageError("-data %q: the data sets are %s", *data, strings.Join(toyNames(), ", "))
			}
			if *model != "" && name != "loss" {
				return usageError("-model is for the loss plot, not %s", name)
			}
			fig, err := plotMakers[name](plotOptions{data: *data, seed: *seed, model: *model})
			if err != nil {
				return err
			}
			path := *out
			if path == "-" {
				return fig.WriteSVG(stdout)
			}
			if path == "" {
				path = name + ".svg"
			}
			if err := nn.WriteFileAtomic(path, fig.WriteSVG); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "wrote %s\n", path)
			return nil
		}
	},
}

// plotOptions are the settings a plot may use.
type plotOptions struct {
	data  string
	seed  uint64
	model string // a saved model file, for the loss plot
}

// plotMakers builds each plot of "nn plot".
var plotMakers = map[string]func(plotOptions) (*plot.Figure, error){
	"activations": func(plotOptions) (*plot.Figure, error) { return plotActivations(), nil },
	"boundary": func(o plotOptions) (*plot.Figure, error) {
		f, _, err := plotBoundary(o.data, o.seed)
		return f, err
	},
	"perceptron": func(o plotOptions) (*plot.Figure, error) { return plotPerceptron(o.seed) },
	"approx":     func(plotOptions) (*plot.Figure, error) { return plotApprox() },
	"sawtooth":   func(plotOptions) (*plot.Figure, error) { return plotSawtooth(), nil },
	"gradflow":   func(o plotOptions) (*plot.Figure, error) { return plotGradflow(o.seed) },
	"loss": func(o plotOptions) (*plot.Figure, error) {
		if o.model != "" {
			m, err := loadModel(o.model)
			if err != nil {
				return nil, err
			}
			return modelLossFigure(filepath.Base(o.model)+", ", o.model, m)
		}
		return plotLossDemo(o.seed)
	},
}

func plotNames() []string {
	var names []string
	for n := range plotMakers {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// toyData are the data sets of the boundary plot, 200 points with noise 0.1
// (0.08 for the spirals, whose arms are closer).
var toyData = map[string]func(rng *rand.Rand) *nn.Dataset{
	"moons":   func(rng *rand.Rand) *nn.Dataset { return nn.TwoMoons(200, 0.1, rng) },
	"circles": func(rng *rand.Rand) *nn.Dataset { return nn.Circles(200, 0.1, rng) },
	"spirals": func(rng *rand.Rand) *nn.Dataset { return nn.Spirals(300, 0.04, rng) },
	"xor":     func(rng *rand.Rand) *nn.Dataset { return nn.XORBlobs(200, 0.15, rng) },
}

func toyNames() []string {
	var names []string
	for n := range toyData {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// minus writes the minus signs of s as "−".
func minus(s string) string { return strings.ReplaceAll(s, "-", "−") }

// grid returns n+1 evenly spaced points of [a, b].
func grid(a, b float64, n int) []float64 {
	x := make([]float64, n+1)
	for i := range x {
		x[i] = a + float64(i)*(b-a)/float64(n)
	}
	return x
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
			Title: f.name, XLabel: "z", YLabel: "f(z), f′(z)", XRange: [2]float64{-5, 5},
			Series: []plot.Series{{Name: "f(z)", X: z, Y: fz}, {Name: "f′(z)", X: z, Y: fp, Dash: true}},
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
	Y := nn.NewMatrix(d.X.Rows, 1)
	for i, c := range d.Labels {
		Y.Data[i] = float64(c)
	}
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
	heat := regions(x0, x1, y0, y1, 80, func(x, y float64) float64 { return net.Predict([]float64{x, y})[0] })
	p := &plot.Panel{
		Title:  fmt.Sprintf("%s: a %s tanh network, %d epochs of Adam", data, format.Sizes(sizes), epochs),
		XLabel: "x₁", YLabel: "x₂", Heat: heat,
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

// regions samples p on an n×n grid of cells over the rectangle, at the cells' centres.
func regions(x0, x1, y0, y1 float64, n int, p func(x, y float64) float64) *plot.Heatmap {
	h := &plot.Heatmap{X0: x0, X1: x1, Y0: y0, Y1: y1, Nx: n, Ny: n, V: make([]float64, n*n)}
	for j := range n {
		for i := range n {
			h.V[j*n+i] = p(x0+(float64(i)+0.5)*(x1-x0)/float64(n), y0+(float64(j)+0.5)*(y1-y0)/float64(n))
		}
	}
	return h
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
	// XOR blobs without the other diagonal.
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
		y := make([]float64, len(d.data.Labels))
		for i, c := range d.data.Labels {
			y[i] = float64(c)
		}
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
		heat := regions(x0, x1, y0, y1, 80, func(a, b float64) float64 { return p.Predict([]float64{a, b}) })
		ss := classSeries(d.data)
		// The line w₁x₁ + w₂x₂ + b = 0, where w₂ ≠ 0.
		if p.W[1] != 0 {
			lx := []float64{x0, x1}
			ly := []float64{-(p.W[0]*x0 + p.B) / p.W[1], -(p.W[0]*x1 + p.B) / p.W[1]}
			ss = append(ss, plot.Series{Name: "w·x + b = 0", X: lx, Y: ly, Color: "#222"})
		}
		note := fmt.Sprintf("converged: %d epochs, %d updates", r.Epochs, r.Updates)
		if !r.Converged {
			note = fmt.Sprintf("not converged after %d epochs: %d of %d wrong", r.Epochs, wrong, len(y))
		}
		fig.Panels = append(fig.Panels, &plot.Panel{Title: d.name, XLabel: "x₁", YLabel: "x₂", Heat: heat,
			XRange: [2]float64{x0, x1}, YRange: [2]float64{y0, y1}, Series: ss, Notes: []string{note}})
	}
	return fig, results, nil
}

// approxResult is the §12 measurement: sup errors against N and their slope.
type approxResult struct {
	N, err []float64
	slope  float64
}

// approxTarget is the function the approx plot approximates, on [0, 2π].
func approxTarget(x float64) float64 { return math.Sin(x) + 0.3*math.Sin(3*x) }

// measureApprox builds StepSum for each N (steepness k = 50N/(b − a), so
// each sigmoid is a step on the scale of the grid) and measures its sup error.
func measureApprox(Ns []float64) (approxResult, error) {
	const a, b = 0, 2 * math.Pi
	r := approxResult{N: Ns}
	for _, N := range Ns {
		net, err := nn.StepSum(approxTarget, a, b, int(N), 50*N/(b-a))
		if err != nil {
			return r, err
		}
		r.err = append(r.err, nn.SupError(net, approxTarget, a, b, 5000))
	}
	r.slope = nn.LogLogSlope(r.N, r.err)
	return r, nil
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
	left := &plot.Panel{Title: "f and f̂ = Σ N steep sigmoids", XLabel: "x", YLabel: "f(x)", XRange: [2]float64{a, b},
		Series: []plot.Series{{Name: "f(x) = sin x + 0.3 sin 3x", X: x, Y: fx, Color: "#222", Width: 3}}}
	for _, N := range []int{5, 20, 80} {
		net, err := nn.StepSum(approxTarget, a, b, N, 50*float64(N)/(b-a))
		if err != nil {
			return nil, err
		}
		left.Series = append(left.Series, plot.Series{Name: fmt.Sprintf("N = %d", N), X: x, Y: nn.Sample(net, a, b, len(x)-1), Width: 1.5})
	}
	r, err := measureApprox([]float64{5, 10, 20, 40, 80, 160})
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
			{Name: minus(fmt.Sprintf("fit: slope %.2f", r.slope)), X: r.N, Y: fit, Dash: true, Width: 1.5},
		},
		Notes:      []string{minus(fmt.Sprintf("error ∝ N^%.2f: doubling N multiplies it by %.2f", r.slope, math.Pow(2, r.slope)))},
		NotesBelow: true}
	return &plot.Figure{Title: "Universal approximation by steps (§12)", Cols: 2, Panels: []*plot.Panel{left, right}}, nil
}

// sawtoothRow is one k of the §13 comparison.
type sawtoothRow struct {
	k                         int
	deepUnits, shallowUnits   int
	deepPieces, shallowPieces int
}

// measureSawtooth counts the units and the linear pieces (on a grid of 2¹²
// intervals, 16 per piece at k = 8) of the deep and the shallow sawtooth for k = 1 … K.
func measureSawtooth(K int) []sawtoothRow {
	var rows []sawtoothRow
	for k := 1; k <= K; k++ {
		deep, shallow := nn.Sawtooth(k), nn.ShallowSawtooth(k)
		rows = append(rows, sawtoothRow{k,
			nn.Units(deep) - 1, nn.Units(shallow) - 1, // hidden units: all but the output
			nn.CountPieces(nn.Sample(deep, 0, 1, 1<<12)), nn.CountPieces(nn.Sample(shallow, 0, 1, 1<<12))})
	}
	return rows
}

// plotSawtooth draws §13: the deep sawtooth t³ beside the shallow network of
// the same function, and the units each needs against k.
func plotSawtooth() *plot.Figure {
	const k = 3
	x := grid(0, 1, 1024)
	rows := measureSawtooth(8)
	r := rows[k-1]
	left := &plot.Panel{Title: fmt.Sprintf("t³(x), the tent map composed %d times: %d linear pieces", k, r.deepPieces), XLabel: "x", YLabel: "t³(x)",
		XRange: [2]float64{0, 1}, YRange: [2]float64{-0.02, 1.02},
		Series: []plot.Series{
			{Name: fmt.Sprintf("deep: %d layers × 2 = %d units", k, r.deepUnits), X: x, Y: nn.Sample(nn.Sawtooth(k), 0, 1, 1024), Width: 4, Color: "#9ecae1"},
			{Name: fmt.Sprintf("shallow: 1 layer of %d units", r.shallowUnits), X: x, Y: nn.Sample(nn.ShallowSawtooth(k), 0, 1, 1024), Dash: true, Color: "#d62728"},
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

// gradflowNets are the four 10-layer networks of the §11 plot.
var gradflowNets = []struct {
	name string
	f    nn.Activation
	init nn.Init
	fix  func(net *nn.MLP, l int) error // applied to every hidden layer l
}{
	{"sigmoid, Xavier", nn.Sigmoid{}, nn.XavierNormal, nil},
	{"ReLU, He", nn.ReLU{}, nn.HeNormal, nil},
	{"sigmoid + residual", nn.Sigmoid{}, nn.XavierNormal, func(net *nn.MLP, l int) error {
		if l < 2 {
			return nil
		}
		return net.SetResidual(l)
	}},
	{"sigmoid + batch norm", nn.Sigmoid{}, nn.XavierNormal, (*nn.MLP).SetBatchNorm},
}

// measureGradflow returns ‖∂L/∂W^l‖ for l = 1 … 10 of each network of
// gradflowNets (2-32-…-32-1, binary cross-entropy) on 256 points of the
// two moons, at initialization.
func measureGradflow(seed uint64) ([][]float64, error) {
	const L = 10
	rng := rand.New(rand.NewPCG(seed, 104))
	d := nn.TwoMoons(256, 0.1, rng)
	Y := nn.NewMatrix(d.X.Rows, 1)
	for i, c := range d.Labels {
		Y.Data[i] = float64(c)
	}
	var norms [][]float64
	for _, g := range gradflowNets {
		sizes, acts := []int{2}, []nn.Activation{}
		for range L - 1 {
			sizes, acts = append(sizes, 32), append(acts, g.f)
		}
		sizes, acts = append(sizes, 1), append(acts, nn.Sigmoid{})
		net, err := nn.New(sizes, acts, g.init, rand.New(rand.NewPCG(seed, 105)))
		if err != nil {
			return nil, err
		}
		if g.fix != nil {
			for l := 1; l < L; l++ {
				if err := g.fix(net, l); err != nil {
					return nil, err
				}
			}
		}
		norms = append(norms, nn.GradientFlow(net, d.X, Y, nn.BinaryCrossEntropy{})[1:])
	}
	return norms, nil
}

// plotGradflow draws §11: the gradient norm per layer, log scale.
func plotGradflow(seed uint64) (*plot.Figure, error) {
	norms, err := measureGradflow(seed)
	if err != nil {
		return nil, err
	}
	p := &plot.Panel{Title: "‖∂L/∂Wˡ‖ at initialization, 10 layers of 32 units, two moons", XLabel: "layer l", YLabel: "‖∂L/∂Wˡ‖", YLog: true,
		XRange: [2]float64{1, 10}}
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
	var train, val []float64
	for _, e := range m.Record.Epochs {
		train, val = append(train, e.TrainLoss), append(val, e.ValLoss)
	}
	title := prefix + "trained on " + m.Record.Data
	if m.Record.Data == "" {
		title = strings.TrimSuffix(prefix, ", ")
	}
	return plot.Loss(title, train, val), nil
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
	y := func(d *nn.Dataset) *nn.Matrix {
		Y := nn.NewMatrix(d.X.Rows, 1)
		for i, c := range d.Labels {
			Y.Data[i] = float64(c)
		}
		return Y
	}
	net, err := nn.New([]int{2, 16, 16, 1}, []nn.Activation{nn.Tanh{}, nn.Tanh{}, nn.Sigmoid{}}, nn.XavierUniform, rng)
	if err != nil {
		return nil, err
	}
	h, err := net.Train(train.X, y(train), nn.TrainConfig{Loss: nn.BinaryCrossEntropy{}, Optimizer: nn.NewAdam(),
		Schedule: nn.Constant{LR: 0.003}, BatchSize: 16, Epochs: 200, ValX: val.X, ValY: y(val)}, rng)
	if err != nil {
		return nil, err
	}
	var tr, va []float64
	for _, e := range h.Epochs {
		tr, va = append(tr, e.TrainLoss), append(va, e.ValLoss)
	}
	return plot.Loss("two moons, 2-16-16-1 tanh, Adam η = 0.003, batch 16", tr, va), nil
}
