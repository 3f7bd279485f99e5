package nn_test

// Tests of sentences the notes, the doc comments and the command print
// (issues 16 and 19): each fails if its sentence becomes false.

import (
	"math"
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
// 1e−3 (the slope argument says none can be 0). With 2ᵏ units, kinks at
// 0, 1/2ᵏ, …, (2ᵏ − 1)/2ᵏ all opening to the right (nn.ShallowSawtooth's),
// the residual is rounding, below 1e−13.
func TestShallowSawtoothMinimum(t *testing.T) {
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
