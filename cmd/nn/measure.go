package main

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"example.com/nn"
)

// The measurements that the figures, the tour and the quiz share: §12's
// errors against N, §13's units and pieces and its minimum of units in one
// hidden layer, §11's gradient norms per layer and the factor of a chain.

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

// approxNs are the N of the §12 measurement that the plot, the tour and the
// quiz all show.
var approxNs = []float64{5, 10, 20, 40, 80, 160}

// measureApprox builds StepSum for each N of approxNs (steepness
// k = 50N/(b − a), so each sigmoid is a step on the scale of the grid) and
// measures its sup error.
func measureApprox() (approxResult, error) {
	const a, b = 0, 2 * math.Pi
	r := approxResult{N: approxNs}
	for _, N := range approxNs {
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

// chainFactor is the factor by which backpropagation through nn.Chain(L,
// sigmoid, w) multiplies the output error: with y = a^L − 1 the output
// gradient ∂L/∂a^L = a^L − y is 1, so the input gradient is the factor.
func chainFactor(L int, w float64) float64 {
	net := nn.Chain(L, nn.Sigmoid{}, w)
	aL := net.Predict([]float64{1})[0]
	return net.InputGrad([]float64{1}, []float64{aL - 1}, nn.MSE{})[0]
}

// shallowMinimum is the fewest hidden units of a one-hidden-layer ReLU
// network equal to the sawtooth tᵏ on [0, 1] (§13), with the quantities of
// its proof, each measured on the networks.
type shallowMinimum struct {
	k      int
	pieces int     // linear pieces of tᵏ, counted
	bound  int     // pieces − 1: the counting bound
	slope0 float64 // the slope of tᵏ just right of 0
	jump   float64 // |the change of slope| at a breakpoint of tᵏ
	units  int     // the minimum: bound, or bound + 1 if slope0 is not a multiple of jump
	built  int     // hidden units of nn.ShallowSawtooth(k), which equals tᵏ at every sample
}

// sawtoothMinimum measures the fewest units one hidden ReLU layer needs for
// tᵏ. A network of one hidden layer on one input has one kink per unit at
// most, so it needs at least pieces − 1 units. With exactly that many, every
// unit has its kink on one of the pieces − 1 breakpoints, and adds there a
// slope change of ±jump; the slope just right of 0 is the sum of the changes
// of the units active left of their kinks, a multiple of jump (0 included).
// If slope0 is not one, a unit more is needed. nn.ShallowSawtooth shows that
// one more is enough; sawtoothMinimum checks that it equals tᵏ on the grid
// and has that many units, and returns an error otherwise.
func sawtoothMinimum(k int) (shallowMinimum, error) {
	n := 1 << 12
	y := nn.Sample(nn.Sawtooth(k), 0, 1, n)
	m := shallowMinimum{k: k, pieces: nn.CountPieces(y)}
	m.bound = m.pieces - 1
	per := n / m.pieces // grid intervals per piece
	slope := func(i int) float64 { return (y[i+1] - y[i]) * float64(n) }
	m.slope0, m.jump = slope(0), math.Abs(slope(per)-slope(per-1))
	m.units = m.bound
	if r := math.Mod(m.slope0, m.jump); r != 0 {
		m.units++
	}
	shallow := nn.ShallowSawtooth(k)
	m.built = nn.Units(shallow) - 1
	if !slices.Equal(nn.Sample(shallow, 0, 1, n), y) || m.built != m.units {
		return m, fmt.Errorf("§13: nn.ShallowSawtooth(%d) has %d hidden units, the minimum is %d, and it equals tᵏ on the grid: %v",
			k, m.built, m.units, slices.Equal(nn.Sample(shallow, 0, 1, n), y))
	}
	return m, nil
}
