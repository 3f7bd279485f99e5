package nn_test

// Tests of sentences the notes, the doc comments and the command print
// (issues 16 and 19): each fails if its sentence becomes false.

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"example.com/nn"
)

// lstsqResidual returns the largest |A·c − y| at the least-squares solution c
// of A·c ≈ y (columns of A given as vectors), by modified Gram–Schmidt with a
// second pass, which keeps the residual of a consistent system at rounding.
func lstsqResidual(cols [][]float64, y []float64) float64 {
	r := append([]float64(nil), y...)
	var q [][]float64
	for _, c := range cols {
		v := append([]float64(nil), c...)
		for range 2 {
			for _, u := range q {
				d := dot(u, v)
				for i := range v {
					v[i] -= d * u[i]
				}
			}
		}
		n := math.Sqrt(dot(v, v))
		for i := range v {
			v[i] /= n
		}
		q = append(q, v)
	}
	for range 2 {
		for _, u := range q {
			d := dot(u, r)
			for i := range r {
				r[i] -= d * u[i]
			}
		}
	}
	worst := 0.0
	for _, v := range r {
		worst = math.Max(worst, math.Abs(v))
	}
	return worst
}

func dot(u, v []float64) float64 {
	s := 0.0
	for i := range u {
		s += u[i] * v[i]
	}
	return s
}

// TestShallowSawtoothMinimum: one hidden ReLU layer needs 2ᵏ units for the
// sawtooth tᵏ on [0, 1], not the 2ᵏ − 1 of the counting bound (notes §13,
// the quiz's §13 key, ShallowSawtooth's doc), for k = 1 … 4, by least
// squares over every network that could do it with 2ᵏ − 1 units.
//
// A one-hidden-layer ReLU network on one input, c + Σᵢ vᵢ ReLU(wᵢx + bᵢ),
// is linear on [0, 1] except for one kink per unit whose kink −bᵢ/wᵢ lies in
// (0, 1). tᵏ has a kink at each of the 2ᵏ − 1 points j/2ᵏ, so with 2ᵏ − 1
// units each unit has its kink on a different one of them, and is then
// vᵢ|wᵢ|·ReLU(±(x − j/2ᵏ)): a column ReLU(x − j/2ᵏ) or ReLU(j/2ᵏ − x) with a
// free coefficient. Both sides are linear between the points j/2ᵏ, so they
// are equal on [0, 1] if and only if they are equal at x = j/2ᵏ, j = 0 … 2ᵏ.
// The test solves the least-squares problem at those points for each of
// the 2^(2ᵏ − 1) choices of the directions: none leaves a residual below
// 1e−3 (the slope argument says none can be 0), and the smallest, rounded
// to the digits docs/notes.md prints (0.5, 0.25, 0.083, 0.036), is the
// number printed there. With 2ᵏ units, kinks at
// 0, 1/2ᵏ, …, (2ᵏ − 1)/2ᵏ all opening to the right (nn.ShallowSawtooth's),
// the residual is rounding, below 1e−13.
func TestShallowSawtoothMinimum(t *testing.T) {
	notes := []string{"0.5", "0.25", "0.083", "0.036"} // docs/notes.md §13, "In the code"
	for k := 1; k <= 4; k++ {
		n := 1 << k
		y := nn.Sample(nn.Sawtooth(k), 0, 1, n) // tᵏ at j/2ᵏ, j = 0 … 2ᵏ
		x := make([]float64, n+1)
		for j := range x {
			x[j] = float64(j) / float64(n)
		}
		column := func(p float64, right bool) []float64 {
			c := make([]float64, n+1)
			for j, xj := range x {
				if right {
					c[j] = math.Max(0, xj-p)
				} else {
					c[j] = math.Max(0, p-xj)
				}
			}
			return c
		}
		ones := make([]float64, n+1) // the output bias c
		for j := range ones {
			ones[j] = 1
		}
		best := math.Inf(1)
		for dirs := range 1 << (n - 1) {
			cols := [][]float64{ones}
			for i := 1; i < n; i++ {
				cols = append(cols, column(x[i], dirs>>(i-1)&1 == 1))
			}
			best = math.Min(best, lstsqResidual(cols, y))
		}
		if best < 1e-3 {
			t.Errorf("k = %d: %d units reach tᵏ to %.3g", k, n-1, best)
		}
		printed := notes[k-1]
		digits := len(strings.TrimLeft(strings.TrimPrefix(printed, "0."), "0")) // significant digits printed
		if got := strconv.FormatFloat(best, 'g', digits, 64); got != printed {
			t.Errorf("k = %d: the closest fit of %d units is off by %.4g, which rounds to %s; docs/notes.md says %s", k, n-1, best, got, printed)
		}
		cols := [][]float64{ones}
		for i := range n {
			cols = append(cols, column(x[i], true))
		}
		if r := lstsqResidual(cols, y); r > 1e-13 {
			t.Errorf("k = %d: %d units leave a residual of %.3g", k, n, r)
		}
		t.Logf("k = %d: with %d units the closest fit is off by %.3g at a breakpoint; with %d units exact", k, n-1, best, n)
		if got := nn.Units(nn.ShallowSawtooth(k)) - 1; got != n {
			t.Errorf("k = %d: ShallowSawtooth has %d hidden units, want %d", k, got, n)
		}
	}
}

// chainFactor is the factor by which backpropagation through
// nn.Chain(L, f, w) multiplies the output error (with ∂L/∂a^L = 1).
func chainFactor(L int, f nn.Elementwise, w float64) float64 {
	net := nn.Chain(L, f, w)
	aL := net.Predict([]float64{1})[0]
	return net.InputGrad([]float64{1}, []float64{aL - 1}, nn.MSE{})[0]
}

// TestSigmoidLayersNeedNotShrink: σ′ ≤ ¼ bounds only the σ′ factor of a
// sigmoid layer; the layer multiplies the error by diag(σ′)·Wᵀ, and weights
// above 4 make the gradient grow (the tour's §2 and §11 lines, the quiz's
// §2 and §11 explanations, notes §11). With w = 8 the factors are 2, 32 and
// 1024 for L = 1, 5, 10; with w = 1 they are 0.25ᴸ.
func TestSigmoidLayersNeedNotShrink(t *testing.T) {
	σ0 := 1 / (1 + math.Exp(0))
	for _, L := range []int{1, 5, 10} {
		for _, w := range []float64{1, 8} {
			want := math.Pow(w*σ0*(1-σ0), float64(L)) // (w σ′(0))ᴸ
			if got := chainFactor(L, nn.Sigmoid{}, w); math.Abs(got-want) > 1e-12*want {
				t.Errorf("L = %d, w = %g: factor %v, want %v", L, w, got, want)
			}
		}
		if f := chainFactor(L, nn.Sigmoid{}, 8); f <= 1 {
			t.Errorf("L = %d, w = 8: factor %v, want a gradient that grows", L, f)
		}
	}
}

// TestMSEScale: the loss named MSE is half the squared error summed over the
// outputs; its mean over a batch is n_L/2 times PyTorch's MSELoss (the mean
// of (a − y)² over samples and outputs) and n_L times the loss scikit-learn's
// MLPRegressor reports (its squared_loss, ((y − p)**2).mean() / 2 over the
// same entries), each computed here in its own loop, as its library does:
// MSE's doc and docs/notes.md §5.
func TestMSEScale(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 10))
	net, err := nn.New([]int{2, 4, 3}, []nn.Activation{nn.Tanh{}, nn.Identity{}}, nn.XavierNormal, rng)
	if err != nil {
		t.Fatal(err)
	}
	X, Y := nn.NewMatrix(5, 2), nn.NewMatrix(5, 3)
	for i := range X.Data {
		X.Data[i] = rng.NormFloat64()
	}
	for i := range Y.Data {
		Y.Data[i] = rng.NormFloat64()
	}
	P := nn.NewMatrix(X.Rows, Y.Cols) // the predictions, row i = a for x_i
	for i := range X.Rows {
		copy(P.Row(i), net.Predict(X.Row(i)))
	}
	torch := 0.0 // torch.nn.MSELoss()(p, y): Σ (p − y)² / (m n_L)
	for i := range P.Data {
		d := P.Data[i] - Y.Data[i]
		torch += d * d
	}
	torch /= float64(len(P.Data))
	sq := make([]float64, len(P.Data)) // scikit-learn: (y − p)**2, then .mean(), then / 2
	for i := range P.Data {
		sq[i] = (Y.Data[i] - P.Data[i]) * (Y.Data[i] - P.Data[i])
	}
	mean := 0.0
	for _, v := range sq {
		mean += v
	}
	sk := mean / float64(len(sq)) / 2
	nL := float64(Y.Cols)
	got := net.Cost(X, Y, nn.MSE{})
	// Each is a sum of 15 squares, added in another order and divided
	// another way: each sum is within 15ε ≈ 3.3e−15 (relative) of the exact
	// one, so two of them differ by less than 1e−14.
	if math.Abs(got-nL/2*torch) > 1e-14*got {
		t.Errorf("mean MSE over the batch %v, want n_L/2 · MSELoss = %v", got, nL/2*torch)
	}
	if math.Abs(got-nL*sk) > 1e-14*got {
		t.Errorf("mean MSE over the batch %v, want n_L · scikit-learn's squared_loss = %v", got, nL*sk)
	}
}

// TestWeightDecayEveryParameter: an optimizer's WeightDecay decays every
// parameter (weights, biases, PReLU's α, batch norm's γ and β), AdamW's by
// θ ← θ − ηλθ with the step's η (PyTorch's form), while TrainConfig.L2's
// gradient touches the weights only: the docs of Optimizer, SGD, Adam,
// NewAdamW, L2Penalty and TrainConfig.L2.
func TestWeightDecayEveryParameter(t *testing.T) {
	newNet := func() *nn.MLP {
		net, err := nn.New([]int{2, 3, 1}, []nn.Activation{&nn.PReLU{Alpha: [1]float64{0.25}}, nn.Sigmoid{}}, nn.XavierNormal, rand.New(rand.NewPCG(1, 9)))
		if err != nil {
			t.Fatal(err)
		}
		if err := net.SetBatchNorm(1); err != nil {
			t.Fatal(err)
		}
		for _, p := range net.Params() {
			for i := range p {
				p[i] = 1
			}
		}
		return net
	}
	zero := func(ps [][]float64) [][]float64 {
		g := make([][]float64, len(ps))
		for i, p := range ps {
			g[i] = make([]float64, len(p))
		}
		return g
	}
	const eta, lambda = 0.5, 0.1
	for _, o := range []nn.Optimizer{&nn.SGD{WeightDecay: lambda}, &nn.Adam{Beta1: 0.9, Beta2: 0.999, Eps: 1e-8, WeightDecay: lambda}, func() nn.Optimizer {
		o := nn.NewAdamW()
		o.WeightDecay = lambda
		return o
	}()} {
		net := newNet()
		ps := net.Params()
		o.Step(ps, zero(ps), eta)
		if len(ps) != 7 { // W¹, b¹, α, γ, β, W², b²
			t.Fatalf("%d parameter slices, want 7", len(ps))
		}
		for i, p := range ps {
			for _, v := range p {
				if v >= 1 {
					t.Errorf("%v: parameter slice %d not decayed: %v", o, i, p)
					break
				}
			}
		}
		if o.String() == "adamw" {
			for i, p := range ps {
				for _, v := range p {
					if want := 1 - eta*lambda; math.Abs(v-want) > 1e-15 {
						t.Errorf("adamw: slice %d: θ = %v, want 1 − ηλ = %v", i, v, want)
					}
				}
			}
		}
	}
	// L2: the gradient λW on the weights, nothing on the rest.
	net := newNet()
	g := net.NewGrads()
	net.BackpropBatch(net.NewWorkspace(2), nn.FromRows([][]float64{{0, 1}, {1, 0}}), nn.FromRows([][]float64{{0}, {1}}), nn.MSE{}, g)
	before := g.Params()
	var was [][]float64
	for _, p := range before {
		was = append(was, append([]float64(nil), p...))
	}
	nn.AddL2Grad(g, net, lambda)
	weights := map[int]bool{}
	for l := 1; l <= net.L(); l++ {
		for i, p := range g.Params() {
			if &p[0] == &g.W[l].Data[0] {
				weights[i] = true
			}
		}
	}
	for i, p := range g.Params() {
		for k := range p {
			if d := p[k] - was[i][k]; weights[i] && math.Abs(d-lambda) > 1e-15 || !weights[i] && d != 0 {
				t.Errorf("L2: slice %d (weights: %v) changed by %v", i, weights[i], d)
			}
		}
	}
	if len(weights) != 2 {
		t.Errorf("found %d weight slices among the gradients, want 2", len(weights))
	}
}

// TestTanhPrimeRounding: 1 − tanh²(z) first rounds to exactly 0 near
// z ≈ 19.06, where the true value 1/cosh²(z) is about 1.1e−16, and Prime
// still gives it there (Tanh.Prime's doc).
func TestTanhPrimeRounding(t *testing.T) {
	z := 0.0
	for ; z < 30; z += 1e-3 {
		if th := math.Tanh(z); 1-th*th == 0 {
			break
		}
	}
	if z < 19.05 || z > 19.07 {
		t.Errorf("1 − tanh² first becomes 0 at z = %.3f, want ≈ 19.06", z)
	}
	c := math.Cosh(z)
	if p := (nn.Tanh{}).Prime(z); p != 1/(c*c) || p < 1.05e-16 || p > 1.15e-16 {
		t.Errorf("tanh′(%.3f) = %v, want 1/cosh² ≈ 1.1e−16", z, p)
	}
}

// TestHandXORMargin: at k = 20 every hidden unit of HandXOR is within
// e^{−10} ≈ 4.5e−5 of 0 or 1 on the four patterns, and some unit is no
// closer than e^{−10.1} (so e^{−10} is the bound, not e^{−5}): HandXOR's doc.
func TestHandXORMargin(t *testing.T) {
	net := nn.HandXOR(20)
	X, _ := nn.XOR()
	worst := 0.0
	for i := range X.Rows {
		_, a := net.Forward(X.Row(i))
		for _, h := range a[1] {
			worst = math.Max(worst, math.Min(h, 1-h))
		}
	}
	if worst > math.Exp(-10) || worst < math.Exp(-10.1) {
		t.Errorf("largest distance of a hidden unit from 0 or 1: %v, want within [e^−10.1, e^−10] = [%v, %v]", worst, math.Exp(-10.1), math.Exp(-10))
	}
}

// TestTowersCrossings: the 2-D towers of §12 fail at the grid crossings and
// on the outer edge, for every n, and away from them the error is ordinary,
// below max|∇f|·h/√2 (the distance to a cell's centre times the slope
// bound), both inside the cells and on an interior line: at the crossing (0, 0) of
// a grid on [−1, 1]², f(x, y) = e^{−(x²+y²)} is 1 and the network gives
// about 0 (each of the four cells around sees half its x-bump and half its
// y-bump, 1/2 + 1/2 < 3/2); on the edge x = −1 it gives half the tower's
// value, ½ f(cell centre); on the interior line x = 0, away from crossings,
// it gives the mean of the two cells' values; inside a cell (from 0.1 to
// 0.9 of it along each axis) it gives f(cell centre), at most 0.4·√2·h from
// the point.
// Towers' and SupError2D's docs and notes §12.
func TestTowersCrossings(t *testing.T) {
	f := func(x, y float64) float64 { return math.Exp(-(x*x + y*y)) }
	lip := math.Sqrt2 * math.Exp(-0.5) // max |∇f| = max 2r e^{−r²}, at r = 1/√2
	for _, n := range []int{4, 8, 16} {
		net, err := nn.Towers(f, -1, 1, n, 100*float64(n), 50)
		if err != nil {
			t.Fatal(err)
		}
		at := func(x, y float64) float64 { return net.Predict([]float64{x, y})[0] }
		h := 2 / float64(n)
		if v := at(0, 0); v > 1e-9 {
			t.Errorf("n = %d: at the crossing (0, 0) the towers give %v, want ≈ 0 (f = 1)", n, v)
		}
		line := 0.0
		for j := range n { // cell j of the line x = 0, from 0.1 to 0.9 of the cell
			for s := 0.1; s <= 0.9; s += 0.05 {
				y := -1 + (float64(j)+s)*h
				line = math.Max(line, math.Abs(at(0, y)-f(0, y)))
				yc := -1 + (float64(j)+0.5)*h // the edge cell's centre: (−1 + h/2, yc)
				if v, want := at(-1, y), f(-1+h/2, yc)/2; math.Abs(v-want) > 1e-6 {
					t.Errorf("n = %d: on the edge at (−1, %.3f) the towers give %v, want ½ f(centre) = %v", n, y, v, want)
				}
			}
		}
		inside := 0.0
		for i := range n {
			for j := range n {
				for _, s := range []float64{0.1, 0.3, 0.5, 0.7, 0.9} {
					for _, r := range []float64{0.1, 0.5, 0.9} {
						x, y := -1+(float64(i)+s)*h, -1+(float64(j)+r)*h
						inside = math.Max(inside, math.Abs(at(x, y)-f(x, y)))
					}
				}
			}
		}
		bound := lip * h / math.Sqrt2
		if line > bound {
			t.Errorf("n = %d: error on the line x = 0 away from crossings %v, want below max|∇f|·h/√2 = %v", n, line, bound)
		}
		if inside > bound {
			t.Errorf("n = %d: error inside the cells %v, want below max|∇f|·h/√2 = %v", n, inside, bound)
		}
		t.Logf("n = %d: crossing error 1, interior-line error %.3g, inside the cells %.3g, off-line sup error %.3g", n, line, inside, nn.SupError2D(net, f, -1, 1, n, 100))
	}
}
