package main

import (
	"math"
	"math/rand/v2"

	"example.com/nn"
)

// The measurements that the figures, the tour and the quiz share: §12's
// errors against N, §13's units and pieces, §11's gradient norms per layer.

// grid returns n+1 evenly spaced points of [a, b].
func grid(a, b float64, n int) []float64 {
	x := make([]float64, n+1)
	for i := range x {
		x[i] = a + float64(i)*(b-a)/float64(n)
	}
	return x
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
	Y := labelColumn(d)
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

// labelColumn returns the labels of a data set of two classes as a column
// of 0s and 1s: the targets of a network with one sigmoid output.
func labelColumn(d *nn.Dataset) *nn.Matrix {
	Y := nn.NewMatrix(len(d.Labels), 1)
	for i, c := range d.Labels {
		Y.Data[i] = float64(c)
	}
	return Y
}
