package nn

import (
	"fmt"
	"math"
)

// Why depth and non-linearity matter (notes §4, §11, §12, §13). Every
// construction here returns an ordinary *MLP, the type training uses, so it
// can be run, trained further and printed like any other network.

// StepSum builds the one-hidden-layer sigmoid network of notes §12 that
// approximates f on [a, b] by a sum of N shifted steep sigmoids:
//
//	f̂(x) = f(x₀) + Σᵢ₌₁ᴺ (f(xᵢ) − f(xᵢ₋₁)) · σ(k(x − cᵢ))
//
// on the grid xᵢ = a + i(b − a)/N, with the step for interval i at its
// midpoint cᵢ = (xᵢ₋₁ + xᵢ)/2. As a network: hidden unit i has weight k and
// bias −k·cᵢ; the identity output has weights f(xᵢ) − f(xᵢ₋₁) and bias f(x₀).
// As k → ∞ each sigmoid becomes a step and f̂ the piecewise-constant function
// that takes the value f(xᵢ) on [cᵢ, cᵢ₊₁]; for a Lipschitz f its error then
// falls like 1/N. It returns an error unless a < b, N ≥ 1 and k > 0.
func StepSum(f func(float64) float64, a, b float64, N int, k float64) (*MLP, error) {
	if !(a < b) || N < 1 || !(k > 0) {
		return nil, fmt.Errorf("StepSum: need a < b, N ≥ 1 and k > 0; have [%v, %v], N = %d, k = %v", a, b, N, k)
	}
	x := func(i int) float64 { return a + float64(i)*(b-a)/float64(N) }
	W1, b1 := NewMatrix(N, 1), make([]float64, N)
	W2 := NewMatrix(1, N)
	for i := 1; i <= N; i++ {
		c := (x(i-1) + x(i)) / 2
		W1.Set(i-1, 0, k)
		b1[i-1] = -k * c
		W2.Set(0, i-1, f(x(i))-f(x(i-1)))
	}
	return &MLP{
		Sizes: []int{1, N, 1},
		W:     []*Matrix{nil, W1, W2},
		B:     [][]float64{nil, b1, {f(x(0))}},
		Act:   []Activation{nil, Sigmoid{}, Identity{}},
	}, nil
}

// LogLogSlope returns the least-squares slope s of log y = c + s·log x over
// the points (xs[i], ys[i]): the exponent of a power law y ∝ xˢ, such as the
// sup error of §12 against the number of sigmoids N (s ≈ −1 means the error
// halves as N doubles). All values must be positive; it panics if xs and ys
// differ in length.
func LogLogSlope(xs, ys []float64) float64 {
	if len(xs) != len(ys) {
		panic(fmt.Sprintf("LogLogSlope: len(xs) = %d but len(ys) = %d", len(xs), len(ys)))
	}
	var sx, sy, sxx, sxy float64
	n := float64(len(xs))
	for i := range xs {
		x, y := math.Log(xs[i]), math.Log(ys[i])
		sx, sy, sxx, sxy = sx+x, sy+y, sxx+x*x, sxy+x*y
	}
	return (n*sxy - sx*sy) / (n*sxx - sx*sx)
}

// SupError returns max |f(x) − net(x)| over n+1 evenly spaced points of
// [a, b] (endpoints included), for a network with one input and one output:
// the sup norm of §12, measured on a grid.
func SupError(net *MLP, f func(float64) float64, a, b float64, n int) float64 {
	e := 0.0
	for i, v := range Sample(net, a, b, n) {
		e = max(e, math.Abs(f(a+float64(i)*(b-a)/float64(n))-v))
	}
	return e
}

// StepGap returns the largest distance between a steep sigmoid σ(kx) and the
// step function step(x), outside the window |x| < w (§12), measured on a grid
// of n points on each side, from w out to w + 50/k, beyond which σ(kx) is
// within e^{−50} of the step. The largest distance is at the edge of the
// window, where it is σ(−kw): it shrinks as k grows, for any fixed w > 0.
func StepGap(k, w float64, n int) float64 {
	gap := 0.0
	for i := 0; i <= n; i++ {
		x := w + float64(i)*50/k/float64(n)
		gap = max(gap, math.Abs(Sigmoid{}.F(k*x)-Step{}.F(x)), math.Abs(Sigmoid{}.F(-k*x)-Step{}.F(-x)))
	}
	return gap
}

// Towers builds a sigmoid network that approximates f on the square [a, b]² by
// a sum of n² "towers", one per cell of an n×n grid (§12 in two dimensions),
// everywhere but at the grid crossings and on the outer edge (see SupError2D):
// not in the sup norm over the whole square. The first hidden layer has a
// steep unit σ(k(x − xᵢ)) for each of the n+1 grid lines in x and one
// σ(k(y − yⱼ)) for each in y. Pairs of them make a bump along each axis,
// σ(k(x − xᵢ)) − σ(k(x − xᵢ₊₁)), which is 1 inside the strip and 0 outside;
// the sum of the x-bump and the y-bump is 2 on the cell, 1 on the rest of the
// two strips and 0 elsewhere, and a second sigmoid layer thresholds it at 3/2:
//
//	tower_ij = σ(K·(xbump_i + ybump_j − 3/2))
//
// The identity output sums f(cell centre)·tower_ij. It returns an error
// unless a < b, n ≥ 1, k > 0 and K > 0.
func Towers(f func(x, y float64) float64, a, b float64, n int, k, K float64) (*MLP, error) {
	if !(a < b) || n < 1 || !(k > 0) || !(K > 0) {
		return nil, fmt.Errorf("Towers: need a < b, n ≥ 1, k > 0 and K > 0; have [%v, %v], n = %d, k = %v, K = %v", a, b, n, k, K)
	}
	g := func(i int) float64 { return a + float64(i)*(b-a)/float64(n) }
	lines := n + 1
	W1, b1 := NewMatrix(2*lines, 2), make([]float64, 2*lines)
	for i := range lines {
		W1.Set(i, 0, k) // unit i: σ(k(x − gᵢ))
		b1[i] = -k * g(i)
		W1.Set(lines+i, 1, k) // unit n+1+j: σ(k(y − gⱼ))
		b1[lines+i] = -k * g(i)
	}
	cells := n * n
	W2, b2 := NewMatrix(cells, 2*lines), make([]float64, cells)
	W3 := NewMatrix(1, cells)
	for i := range n {
		for j := range n {
			c := i*n + j
			// K·(h_x,i − h_x,i+1 + h_y,j − h_y,j+1 − 3/2)
			W2.Set(c, i, K)
			W2.Set(c, i+1, -K)
			W2.Set(c, lines+j, K)
			W2.Set(c, lines+j+1, -K)
			b2[c] = -1.5 * K
			W3.Set(0, c, f((g(i)+g(i+1))/2, (g(j)+g(j+1))/2))
		}
	}
	return &MLP{
		Sizes: []int{2, 2 * lines, cells, 1},
		W:     []*Matrix{nil, W1, W2, W3},
		B:     [][]float64{nil, b1, b2, {0}},
		Act:   []Activation{nil, Sigmoid{}, Sigmoid{}, Identity{}},
	}, nil
}

// SupError2D returns max |f(x, y) − net(x, y)| for a network of two inputs
// built by Towers(f, a, b, n, …), over an m×m grid of points of [a, b]² that
// keep a distance of at least a tenth of a cell from every grid line.
//
// The towers fail at the grid crossings, and no steepness or n mends it:
// where a vertical and a horizontal line cross, each of the four cells around
// sees half its x-bump and half its y-bump, 1/2 + 1/2 < 3/2, so none of them
// fires and the output is about 0 whatever f is there (0 where f = 1 for
// e^{−(x²+y²)} at the origin). On the outer edge the one cell inside sees
// half its bump, its tower gives ½, and the output is about half of f. On an
// interior line away from a crossing the two cells beside it give ½ each
// and the output is the mean of their values, an ordinary error
// (TestTowersCrossings). The bands around the crossings and the edge have
// width of order 1/k, so the error is small away from them and on average
// (in L¹ and L²) but not in the sup norm; the sup here is taken off all the
// grid lines.
func SupError2D(net *MLP, f func(x, y float64) float64, a, b float64, n, m int) float64 {
	h := (b - a) / float64(n)
	nearLine := func(v float64) bool {
		r := math.Mod(v-a, h) / h
		return r < 0.1 || r > 0.9
	}
	var pts [][]float64
	for i := 0; i <= m; i++ {
		for j := 0; j <= m; j++ {
			x, y := a+float64(i)*(b-a)/float64(m), a+float64(j)*(b-a)/float64(m)
			if !nearLine(x) && !nearLine(y) {
				pts = append(pts, []float64{x, y})
			}
		}
	}
	e := 0.0
	for i, v := range net.PredictBatch(FromRows(pts)).Data {
		e = max(e, math.Abs(f(pts[i][0], pts[i][1])-v))
	}
	return e
}

// Sawtooth builds the deep ReLU network of §13 that composes the tent map
//
//	t(x) = 2·ReLU(x) − 4·ReLU(x − ½)
//
// k times on [0, 1]. Each of its k hidden layers has the tent's 2 units,
// ReLU(a) and ReLU(a − ½) of the previous output a = 2h₁ − 4h₂ (which the
// next layer's weights [[2, −4], [2, −4]] compute), and the identity output
// forms the last 2h₁ − 4h₂. tᵏ is a sawtooth with 2ᵏ linear pieces, from 2k
// units. It panics if k < 1.
func Sawtooth(k int) *MLP {
	if k < 1 {
		panic(fmt.Sprintf("Sawtooth: k = %d", k))
	}
	net := &MLP{Sizes: []int{1}, W: []*Matrix{nil}, B: [][]float64{nil}, Act: []Activation{nil}}
	add := func(W *Matrix, b []float64, f Activation) {
		net.Sizes = append(net.Sizes, W.Rows)
		net.W, net.B, net.Act = append(net.W, W), append(net.B, b), append(net.Act, f)
	}
	add(FromRows([][]float64{{1}, {1}}), []float64{0, -0.5}, ReLU{})
	for range k - 1 {
		add(FromRows([][]float64{{2, -4}, {2, -4}}), []float64{0, -0.5}, ReLU{})
	}
	add(FromRows([][]float64{{2, -4}}), []float64{0}, Identity{})
	return net
}

// ShallowSawtooth builds a one-hidden-layer ReLU network equal to tᵏ on
// [0, 1] (see Sawtooth), with one unit per linear piece, 2ᵏ units:
//
//	tᵏ(x) = 2ᵏ·ReLU(x) + Σᵢ₌₁^{2ᵏ−1} (−1)ⁱ·2ᵏ⁺¹·ReLU(x − i/2ᵏ)
//
// The slope starts at 2ᵏ and flips sign at every breakpoint i/2ᵏ. No
// network of one hidden layer does it with fewer units: a one-hidden-layer
// ReLU network on one input has at most units + 1 pieces, which bounds the
// units below by 2ᵏ − 1; with exactly 2ᵏ − 1 every kink sits on a
// breakpoint and changes the slope by ±2ᵏ⁺¹, so the slope at 0⁺ would be a
// multiple of 2ᵏ⁺¹, not 2ᵏ. The minimum is 2ᵏ, against 2k for the deep
// network: the separation of §13 (TestShallowSawtoothMinimum).
func ShallowSawtooth(k int) *MLP {
	if k < 1 || k > 30 {
		panic(fmt.Sprintf("ShallowSawtooth: k = %d", k))
	}
	n := 1 << k
	W1, b1, W2 := NewMatrix(n, 1), make([]float64, n), NewMatrix(1, n)
	for i := range n {
		W1.Set(i, 0, 1)
		b1[i] = -float64(i) / float64(n)
		c := float64(2 * n)
		if i == 0 {
			c = float64(n)
		} else if i%2 == 1 {
			c = -c
		}
		W2.Set(0, i, c)
	}
	return &MLP{Sizes: []int{1, n, 1}, W: []*Matrix{nil, W1, W2}, B: [][]float64{nil, b1, {0}}, Act: []Activation{nil, ReLU{}, Identity{}}}
}

// Sample returns net(x) at the n+1 evenly spaced points x = a + i(b − a)/n,
// i = 0 … n, for a network with one input and one output, in one batch.
func Sample(net *MLP, a, b float64, n int) []float64 {
	X := NewMatrix(n+1, 1)
	for i := range X.Data {
		X.Data[i] = a + float64(i)*(b-a)/float64(n)
	}
	return net.PredictBatch(X).Data
}

// CountPieces counts the linear pieces of a piecewise-linear function from
// its values y at evenly spaced points (see Sample), numerically: it takes
// the slope y[i+1] − y[i] of each interval and counts the runs of equal
// slope (within 1e-9 of the slope plus 1e-12 of max |y|) that span at least two
// intervals. An interval that contains a breakpoint has a slope between its
// neighbours'; it is a run of one and is not counted. So the count is exact
// when every piece spans two or more intervals, and otherwise can only be
// too low.
func CountPieces(y []float64) int {
	// Rounding makes the differences of a straight piece differ by about
	// ε·max|y|; slopes are the same if they differ by less than 1e-9 of
	// themselves plus 1e-12 of the function's scale.
	scale := 0.0
	for _, v := range y {
		scale = max(scale, math.Abs(v))
	}
	same := func(s, t float64) bool {
		return math.Abs(s-t) <= 1e-9*max(math.Abs(s), math.Abs(t))+1e-12*scale
	}
	pieces, run := 0, 0
	prev := math.NaN()
	for i := 0; i+1 < len(y); i++ {
		s := y[i+1] - y[i]
		if run > 0 && same(s, prev) {
			run++
			continue
		}
		if run >= 2 {
			pieces++
		}
		prev, run = s, 1
	}
	if run >= 2 {
		pieces++
	}
	return pieces
}

// Parity networks (§13). All use the perceptron's step units (§1), so they
// compute exactly on 0/1 inputs: a unit fires when its weighted sum exceeds 0.

// ParityTree builds n-bit parity as a balanced tree of the XOR block of §8:
// each block takes two bits u, v through two hidden units, OR = step(u + v − ½)
// and NAND = step(−u − v + 3/2), and an output unit AND = step(OR + NAND − 3/2).
// A level pairs up its bits; an odd bit out passes through both layers of the
// level as step(u − ½) = u. It has ⌈log₂ n⌉ levels of two layers each, and
// n − 1 blocks of 3 units plus at most 2 pass-through units per level:
// at most 3(n − 1) + 2⌈log₂ n⌉ units, O(n). It panics if n < 2.
func ParityTree(n int) *MLP {
	if n < 2 {
		panic(fmt.Sprintf("ParityTree: n = %d", n))
	}
	net := &MLP{Sizes: []int{n}, W: []*Matrix{nil}, B: [][]float64{nil}, Act: []Activation{nil}}
	add := func(W *Matrix, b []float64) {
		net.Sizes = append(net.Sizes, W.Rows)
		net.W, net.B, net.Act = append(net.W, W), append(net.B, b), append(net.Act, Step{})
	}
	for m := n; m > 1; m = (m + 1) / 2 {
		pairs, odd := m/2, m%2
		// Hidden layer of the level: OR and NAND of each pair, then the odd bit.
		H, bh := NewMatrix(2*pairs+odd, m), make([]float64, 2*pairs+odd)
		// Output layer of the level: AND of each pair's OR and NAND, then the odd bit.
		O, bo := NewMatrix(pairs+odd, 2*pairs+odd), make([]float64, pairs+odd)
		for p := range pairs {
			u, v := 2*p, 2*p+1
			H.Set(2*p, u, 1)
			H.Set(2*p, v, 1)
			bh[2*p] = -0.5 // OR
			H.Set(2*p+1, u, -1)
			H.Set(2*p+1, v, -1)
			bh[2*p+1] = 1.5 // NAND
			O.Set(p, 2*p, 1)
			O.Set(p, 2*p+1, 1)
			bo[p] = -1.5 // AND
		}
		if odd == 1 {
			H.Set(2*pairs, m-1, 1)
			bh[2*pairs] = -0.5
			O.Set(pairs, 2*pairs, 1)
			bo[pairs] = -0.5
		}
		add(H, bh)
		add(O, bo)
	}
	return net
}

// ParityNaive builds n-bit parity with one hidden layer of 2ⁿ⁻¹ step units,
// one per input pattern p with an odd number of ones; unit p fires only on
// x = p:
//
//	h_p = step(Σⱼ (2pⱼ − 1) xⱼ − (|p| − ½))
//
// (the sum is |p| on x = p and at most |p| − 1 on any other 0/1 input), and
// the output is their OR, step(Σ_p h_p − ½). It panics unless 1 ≤ n ≤ 20.
func ParityNaive(n int) *MLP {
	if n < 1 || n > 20 {
		panic(fmt.Sprintf("ParityNaive: n = %d", n))
	}
	units := 1 << (n - 1)
	W1, b1 := NewMatrix(units, n), make([]float64, units)
	u := 0
	for p := range 1 << n {
		ones := 0
		for j := range n {
			ones += p >> j & 1
		}
		if ones%2 == 0 {
			continue
		}
		for j := range n {
			W1.Set(u, j, float64(2*(p>>j&1)-1))
		}
		b1[u] = -(float64(ones) - 0.5)
		u++
	}
	W2 := NewMatrix(1, units)
	for i := range units {
		W2.Set(0, i, 1)
	}
	return &MLP{Sizes: []int{n, units, 1}, W: []*Matrix{nil, W1, W2}, B: [][]float64{nil, b1, {-0.5}}, Act: []Activation{nil, Step{}, Step{}}}
}

// ParityCount builds n-bit parity with one hidden layer of only n step units,
// unit k firing when at least k inputs are on, and an output that adds them
// with alternating signs:
//
//	h_k = step(Σⱼ xⱼ − k + ½),   y = step(Σ_k (−1)^{k+1} h_k − ½)
//
// With c inputs on, h₁ … h_c fire and the alternating sum is 1 if c is odd,
// 0 if even. This is why parity only illustrates depth efficiency and does
// not prove it (NOTES.md §13): with real-valued weights a single hidden
// layer needs just n units, not 2ⁿ⁻¹. The sawtooth is the honest separation.
func ParityCount(n int) *MLP {
	if n < 1 {
		panic(fmt.Sprintf("ParityCount: n = %d", n))
	}
	W1, b1, W2 := NewMatrix(n, n), make([]float64, n), NewMatrix(1, n)
	for k := 1; k <= n; k++ {
		for j := range n {
			W1.Set(k-1, j, 1)
		}
		b1[k-1] = -float64(k) + 0.5
		W2.Set(0, k-1, float64(1-2*((k+1)%2))) // (−1)^{k+1}
	}
	return &MLP{Sizes: []int{n, n, 1}, W: []*Matrix{nil, W1, W2}, B: [][]float64{nil, b1, {-0.5}}, Act: []Activation{nil, Step{}, Step{}}}
}

// Units returns the number of hidden and output units of net, Σ_{l≥1} n_l.
func Units(net *MLP) int {
	s := 0
	for _, n := range net.Sizes[1:] {
		s += n
	}
	return s
}

// Chain builds the one-unit-per-layer network of §11 with L layers, each
// z^l = w·a^{l−1} + b_l, a^l = f(z^l), with the biases chosen so that, for
// the input x = 1, every pre-activation z^l is exactly 0. Backpropagation
// through it multiplies the output error by w·f′(0) once per layer, so the
// gradient reaching the input is (w f′(0))^L times ∂L/∂a^L: 0.25^L for
// sigmoid with w = 1 (vanishing), 1 for tanh, 2^L for w = 2 with an identity
// (slope-1) unit (exploding). It panics if L < 1.
func Chain(L int, f Elementwise, w float64) *MLP {
	if L < 1 {
		panic(fmt.Sprintf("Chain: L = %d", L))
	}
	net := &MLP{Sizes: []int{1}, W: []*Matrix{nil}, B: [][]float64{nil}, Act: []Activation{nil}}
	a := 1.0 // a^0 = x = 1
	for range L {
		net.Sizes = append(net.Sizes, 1)
		net.W = append(net.W, FromRows([][]float64{{w}}))
		net.B = append(net.B, []float64{-w * a}) // z = w·a + b = 0
		net.Act = append(net.Act, f)
		a = f.F(0)
	}
	return net
}

// InputGrad returns ∂L/∂x = (W¹)ᵀ δ¹ for one sample: the gradient that
// backpropagation carries all the way to the input (§11).
func (net *MLP) InputGrad(x, y []float64, loss Loss) []float64 {
	g, _ := net.Backprop(x, y, loss)
	return MulTVec(net.W[1], g.B[1])
}
