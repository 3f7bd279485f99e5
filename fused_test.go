package nn

import (
	"math"
	"math/rand/v2"
	"testing"
)

// plainCE is CrossEntropy under another type, so BackpropBatch takes its
// per-sample loop (Value and Delta) instead of softmaxCrossEntropyRows.
type plainCE struct{ CrossEntropy }

// TestSoftmaxCrossEntropyRows checks the fused output layer of
// BackpropBatch against CrossEntropy.Value and SoftmaxCrossEntropyDelta, row
// by row: the same δ^L bit for bit, and the same loss to rounding, on
// ordinary logits, huge ones, ties, logits whose softmax underflows to 0
// at the target, and soft targets.
func TestSoftmaxCrossEntropyRows(t *testing.T) {
	// The fused loss takes log S from a rounded 1/S instead of a rounded S:
	// a few ulps of log S, times Σ y_k = 1, on top of Value's own rounding.
	const lossTol = 8 * 0x1p-52
	rng := rand.New(rand.NewPCG(3, 3))
	rows := [][2][]float64{ // logits, target
		{{1000, 1001, 1002}, {0, 0, 1}},
		{{1000, 1001, 1002}, {1, 0, 0}},
		{{0, -800}, {0, 1}}, // a_2 underflows to 0: L = 800 + log(1 + e^{−800})
		{{2, 2, 2}, {0, 1, 0}},
		{{-3, 5, 5}, {0.25, 0.5, 0.25}},
		{{1e-300, 0}, {1, 0}},
	}
	for range 20 {
		z, y := make([]float64, 10), make([]float64, 10)
		for k := range z {
			z[k] = 10 * rng.NormFloat64()
		}
		y[rng.IntN(10)] = 1
		rows = append(rows, [2][]float64{z, y})
	}
	for _, r := range rows {
		z, y := r[0], r[1]
		n := len(z)
		Z, Y := FromRows([][]float64{z}), FromRows([][]float64{y})
		A, D := NewMatrix(1, n), NewMatrix(1, n)
		Softmax{}.Apply(A.Data, z)
		got := softmaxCrossEntropyRows(D, Z, A, Y)
		want := CrossEntropy{}.Value(z, A.Data, y)
		if math.Abs(got-want) > lossTol*max(1, math.Abs(want)) {
			t.Errorf("z = %v, y = %v: fused loss %v, CrossEntropy.Value %v", z, y, got, want)
		}
		wantD := make([]float64, n)
		SoftmaxCrossEntropyDelta(wantD, A.Data, y)
		for k := range wantD {
			if D.Data[k] != wantD[k] {
				t.Errorf("z = %v, y = %v: fused δ = %v, SoftmaxCrossEntropyDelta %v", z, y, D.Data, wantD)
				break
			}
		}
	}
	if got := softmaxCrossEntropyRows(NewMatrix(1, 2), FromRows([][]float64{{math.NaN(), 0}}),
		FromRows([][]float64{{math.NaN(), math.NaN()}}), FromRows([][]float64{{0, 1}})); !math.IsNaN(got) {
		t.Errorf("fused loss of a NaN logit = %v, want NaN (Train detects divergence by it)", got)
	}
}

// TestBackpropBatchFusedMatchesPlain checks that BackpropBatch's fused
// softmax cross-entropy path gives the gradient of its per-sample loop
// exactly, and the loss to rounding.
func TestBackpropBatchFusedMatchesPlain(t *testing.T) {
	const lossTol = 8 * 0x1p-52
	rng := rand.New(rand.NewPCG(4, 4))
	net := newNet(t, []int{6, 5, 4}, []Activation{Tanh{}, Softmax{}}, XavierUniform, 4)
	X := randMatrix(rng, 7, 6)
	labels := make([]int, 7)
	for i := range labels {
		labels[i] = rng.IntN(4)
	}
	Y := OneHot(labels, 4)
	ws := net.NewWorkspace(7)
	g1, g2 := net.NewGrads(), net.NewGrads()
	fused := net.BackpropBatch(ws, X, Y, CrossEntropy{}, g1)
	plain := net.BackpropBatch(ws, X, Y, plainCE{}, g2)
	if math.Abs(fused-plain) > lossTol*max(1, math.Abs(plain)) {
		t.Errorf("loss: fused %v, plain %v", fused, plain)
	}
	p1, p2 := g1.Params(), g2.Params()
	for i := range p1 {
		for k := range p1[i] {
			if p1[i][k] != p2[i][k] {
				t.Fatalf("gradient %d[%d]: fused %v, plain %v", i, k, p1[i][k], p2[i][k])
			}
		}
	}
}

// TestElementwiseLoops checks that the slice loops of every element-wise
// activation (Apply, Backward) give exactly F(z) and g·Prime(z), the
// per-value functions the notes write, on ordinary values and on ±0, ±Inf,
// NaN and subnormals: ReLU's loops choose without a branch (ifPositive),
// and the others call F and Prime directly.
func TestElementwiseLoops(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	z := []float64{0, math.Copysign(0, -1), 1, -1, math.Inf(1), math.Inf(-1), math.NaN(), 5e-324, -5e-324, 40, -40, 800, -800}
	g := []float64{1, -1, math.Inf(1), math.NaN(), -2, 0.5, 3, -0.25, math.Inf(-1), 7, -7, 1e300, -1e-300}
	for range 200 {
		z = append(z, 3*rng.NormFloat64())
		g = append(g, rng.NormFloat64())
	}
	same := func(x, y float64) bool {
		return math.Float64bits(x) == math.Float64bits(y) || (math.IsNaN(x) && math.IsNaN(y))
	}
	for _, f := range []Elementwise{Sigmoid{}, Tanh{}, ReLU{}, LeakyReLU{}, LeakyReLU{Alpha: 0.2}, NewPReLU(0.25), Identity{}, Step{}} {
		a, delta := make([]float64, len(z)), make([]float64, len(z))
		f.Apply(a, z)
		f.Backward(delta, z, a, g)
		for j, zj := range z {
			if want := f.F(zj); !same(a[j], want) {
				t.Errorf("%v.Apply: a = %v at z = %v, F gives %v", f, a[j], zj, want)
			}
			if want := g[j] * f.Prime(zj); !same(delta[j], want) {
				t.Errorf("%v.Backward: δ = %v at z = %v, g = %v; g·Prime gives %v", f, delta[j], zj, g[j], want)
			}
		}
	}
}
