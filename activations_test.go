package nn

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// closed compares a function with its closed form evaluated another way: a
// few roundings apart, so relative 1e-14; absolute 1e-300 lets exact zeros match.
var closed = cmpopts.EquateApprox(1e-14, 1e-300)

// central returns the central difference (f(z+h) − f(z−h)) / 2h.
func central(f func(float64) float64, z, h float64) float64 {
	return (f(z+h) - f(z-h)) / (2 * h)
}

// centralTol bounds |f′(z) − (f(z+h) − f(z−h))/2h| at h = 1e-6, relative
// to max(1, |f(z)|): the truncation error h²·|f‴|/6 is below 1e-12 for
// these functions, and rounding is about ε·|f(z)|/h ≈ 2e-10·|f(z)| from the
// two values of f plus ε·|z|/h of δ from rounding z ± h. The worst seen is
// 7e-11.
const centralTol = 1e-9

func TestActivations(t *testing.T) {
	// Closed forms written with e^{−|z|}, so that they too are finite at ±1000.
	e := func(z float64) float64 { return math.Exp(-math.Abs(z)) }
	sign := func(z float64) float64 { return math.Copysign(1, z) }
	sigma := func(z float64) float64 {
		if z >= 0 {
			return 1 / (1 + e(z))
		}
		return e(z) / (1 + e(z))
	}
	tests := []struct {
		name  string
		f     Elementwise
		F     func(z float64) float64 // closed form of f
		Prime func(z float64) float64 // closed form of f′
	}{
		{"sigmoid", Sigmoid{}, sigma, func(z float64) float64 { return e(z) / ((1 + e(z)) * (1 + e(z))) }},
		{"tanh", Tanh{}, func(z float64) float64 { return sign(z) * (1 - e(2*z)) / (1 + e(2*z)) },
			func(z float64) float64 { return 4 * e(2*z) / ((1 + e(2*z)) * (1 + e(2*z))) }},
		{"relu", ReLU{}, func(z float64) float64 { return math.Max(0, z) }, func(z float64) float64 { return map[bool]float64{true: 1, false: 0}[z > 0] }},
		{"leaky relu 0.01", LeakyReLU{DefaultLeakySlope}, func(z float64) float64 { return math.Max(z, 0.01*z) },
			func(z float64) float64 { return map[bool]float64{true: 1, false: 0.01}[z > 0] }},
		{"prelu 0.25", NewPReLU(0.25), func(z float64) float64 { return math.Max(z, 0.25*z) },
			func(z float64) float64 { return map[bool]float64{true: 1, false: 0.25}[z > 0] }},
		{"identity", Identity{}, func(z float64) float64 { return z }, func(float64) float64 { return 1 }},
		{"step", Step{}, func(z float64) float64 { return map[bool]float64{true: 1, false: 0}[z > 0] }, func(float64) float64 { return 0 }},
	}
	points := []float64{-1000, -20, -5, -1, -0.5, -0.1, 0.1, 0.5, 1, 2.5, 5, 20, 1000}
	const h = 1e-6
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, z := range points {
				if got, want := tt.f.F(z), tt.F(z); !cmp.Equal(got, want, closed) {
					t.Errorf("%v.F(%v) = %v, want %v", tt.f, z, got, want)
				}
				if got, want := tt.f.Prime(z), tt.Prime(z); !cmp.Equal(got, want, closed) {
					t.Errorf("%v.Prime(%v) = %v, want %v", tt.f, z, got, want)
				}
				if n, g := central(tt.f.F, z, h), tt.f.Prime(z); math.Abs(g-n) > centralTol*max(1, math.Abs(tt.f.F(z))) {
					t.Errorf("%v.Prime(%v) = %v, central difference %v", tt.f, z, g, n)
				}
			}
		})
	}
}

func TestActivationSpecialCases(t *testing.T) {
	tests := []struct {
		name      string
		got, want float64
	}{
		{"σ(−1000) = 0", Sigmoid{}.F(-1000), 0},
		{"σ(1000) = 1", Sigmoid{}.F(1000), 1},
		{"σ′(−1000) = 0", Sigmoid{}.Prime(-1000), 0},
		{"σ′(1000) = 0", Sigmoid{}.Prime(1000), 0},
		{"σ(−Inf) = 0", Sigmoid{}.F(math.Inf(-1)), 0},
		{"σ(+Inf) = 1", Sigmoid{}.F(math.Inf(1)), 1},
		{"σ(0) = ½", Sigmoid{}.F(0), 0.5},
		{"tanh(−1000) = −1", Tanh{}.F(-1000), -1},
		{"tanh′(1000) = 0", Tanh{}.Prime(1000), 0},
		{"relu(−1000) = 0", ReLU{}.F(-1000), 0},
		{"relu(1000) = 1000", ReLU{}.F(1000), 1000},
		{"relu′(0) = 0 (documented choice)", ReLU{}.Prime(0), 0},
		{"leaky(−1000) = −10", LeakyReLU{DefaultLeakySlope}.F(-1000), -1000 * 0.01},
		{"leaky′(0) = α", LeakyReLU{DefaultLeakySlope}.Prime(0), 0.01},
		{"step(0) = 0", Step{}.F(0), 0},
		{"step(1e−300) = 1", Step{}.F(1e-300), 1},
	}
	for _, tt := range tests {
		if !cmp.Equal(tt.got, tt.want, closed) || math.IsNaN(tt.got) {
			t.Errorf("%s: got %v", tt.name, tt.got)
		}
	}
}

// TestActivationClaims checks the claims of the table in notes §2.
func TestActivationClaims(t *testing.T) {
	var zs []float64
	for i := -4000; i <= 4000; i++ {
		zs = append(zs, float64(i)/200) // [−20, 20] in steps of 0.005, including 0
	}
	argmax := func(f func(float64) float64) (zbest, best float64) {
		best = math.Inf(-1)
		for _, z := range zs {
			if v := f(z); v > best {
				zbest, best = z, v
			}
		}
		return zbest, best
	}
	if z, m := argmax(Sigmoid{}.Prime); z != 0 || !cmp.Equal(m, 0.25, closed) {
		t.Errorf("max σ′ = %v at z = %v, want 0.25 at 0", m, z)
	}
	if z, m := argmax(Tanh{}.Prime); z != 0 || !cmp.Equal(m, 1.0, closed) {
		t.Errorf("max tanh′ = %v at z = %v, want 1 at 0", m, z)
	}
	for _, z := range zs {
		if s := (Sigmoid{}).F(z); !(s > 0 && s < 1) && math.Abs(z) < 30 {
			t.Errorf("σ(%v) = %v, outside (0, 1)", z, s)
		}
		if th := (Tanh{}).F(z); !(th > -1 && th < 1) && math.Abs(z) < 15 {
			t.Errorf("tanh(%v) = %v, outside (−1, 1)", z, th)
		}
		if r := (ReLU{}).F(z); r < 0 {
			t.Errorf("relu(%v) = %v < 0", z, r)
		}
		// tanh(z) = 2σ(2z) − 1: the subtraction loses up to one ulp of 2σ(2z) ≈ 2.
		if th, s := (Tanh{}).F(z), 2*(Sigmoid{}).F(2*z)-1; math.Abs(th-s) > 4e-16 {
			t.Errorf("tanh(%v) = %v but 2σ(2z) − 1 = %v", z, th, s)
		}
	}
}

func TestSoftmax(t *testing.T) {
	e := math.Exp
	tests := []struct {
		name string
		z    []float64
		want []float64
	}{
		{"[0 1 2]", []float64{0, 1, 2}, []float64{1 / (1 + e(1) + e(2)), e(1) / (1 + e(1) + e(2)), e(2) / (1 + e(1) + e(2))}},
		{"[1000 1001 1002] is finite", []float64{1000, 1001, 1002}, []float64{1 / (1 + e(1) + e(2)), e(1) / (1 + e(1) + e(2)), e(2) / (1 + e(1) + e(2))}},
		{"[-1000 0] underflows to 0", []float64{-1000, 0}, []float64{0, 1}},
		{"one unit", []float64{3}, []float64{1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := SoftmaxOf(tt.z)
			if diff := cmp.Diff(tt.want, a, closed); diff != "" {
				t.Errorf("SoftmaxOf(%v) mismatch (-want +got):\n%s", tt.z, diff)
			}
			sum := 0.0
			for _, ak := range a {
				sum += ak
			}
			if math.Abs(sum-1) > 1e-15 {
				t.Errorf("Σ softmax(%v) = %v, want 1", tt.z, sum)
			}
		})
	}
}

// TestNonElementwiseBackward checks Softmax.Backward and PReLU.AlphaGrad, the
// two derivatives that are not f′(z) ⊙ g, against central differences of
// L = g·f(z) for a fixed g, to centralTol.
func TestNonElementwiseBackward(t *testing.T) {
	z := []float64{0.3, -1.2, 2.0, -0.4}
	g := []float64{0.5, -1, 0.25, 2}
	const h = 1e-6
	loss := func(f Activation, z []float64) float64 {
		a := make([]float64, len(z))
		f.Apply(a, z)
		return Dot(g, a)
	}
	for _, f := range []Activation{Softmax{}, NewPReLU(0.2), Tanh{}} {
		a := make([]float64, len(z))
		f.Apply(a, z)
		delta := make([]float64, len(z))
		f.Backward(delta, z, a, g)
		for k := range z {
			zp := append([]float64(nil), z...)
			n := central(func(v float64) float64 { zp[k] = v; return loss(f, zp) }, z[k], h)
			if e := math.Abs(delta[k] - n); e > centralTol*max(1, math.Abs(loss(f, z))) {
				t.Errorf("%v.Backward: δ_%d = %v, central difference %v (error %.2g)", f, k, delta[k], n, e)
			}
		}
	}
	p := NewPReLU(0.2)
	n := central(func(alpha float64) float64 { p.Alpha[0] = alpha; return loss(p, z) }, 0.2, h)
	p.Alpha[0] = 0.2
	if got := p.AlphaGrad(z, g); math.Abs(got-n) > centralTol*max(1, math.Abs(loss(p, z))) {
		t.Errorf("PReLU.AlphaGrad = %v, central difference %v", got, n)
	}
	// By hand: z_j ≤ 0 for j = 1, 3, so ∂L/∂α = g_1 z_1 + g_3 z_3.
	if got, want := p.AlphaGrad(z, g), -1*-1.2+2*-0.4; !cmp.Equal(got, want, closed) {
		t.Errorf("PReLU.AlphaGrad = %v, want %v", got, want)
	}
}

// TestParseActivation: the names of the command line and of String.
func TestParseActivation(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want Activation
	}{
		{"relu", ReLU{}}, {"tanh", Tanh{}}, {"sigmoid", Sigmoid{}}, {"identity", Identity{}},
		{"leakyrelu", LeakyReLU{Alpha: DefaultLeakySlope}}, {"leakyrelu(0.2)", LeakyReLU{Alpha: 0.2}},
		{"prelu", NewPReLU(0.25)}, {"prelu(0.1)", NewPReLU(0.1)}, {"softmax", Softmax{}}, {"step", Step{}},
	} {
		got, err := ParseActivation(tt.in)
		if err != nil || !cmp.Equal(got, tt.want) {
			t.Errorf("ParseActivation(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
		if again, err := ParseActivation(got.String()); err != nil || !cmp.Equal(again, got) {
			t.Errorf("ParseActivation(%q.String()) = %v, %v", tt.in, again, err)
		}
	}
	for _, s := range []string{"swish", "relu(2)", "leakyrelu(x)", ""} {
		if _, err := ParseActivation(s); err == nil {
			t.Errorf("ParseActivation(%q) gave no error", s)
		}
	}
}

// TestParseLoss: each loss's String reads back to it; other names fail.
func TestParseLoss(t *testing.T) {
	for _, l := range []Loss{MSE{}, CrossEntropy{}, BinaryCrossEntropy{}} {
		if got, err := ParseLoss(l.String()); err != nil || got != l {
			t.Errorf("ParseLoss(%q) = %v, %v; want %v", l.String(), got, err, l)
		}
	}
	for _, s := range []string{"", "crossentropy", "MSE", "hinge"} {
		if _, err := ParseLoss(s); err == nil {
			t.Errorf("ParseLoss(%q) gave no error", s)
		}
	}
}

// TestCheckLoss: cross-entropy needs softmax and binary cross-entropy
// sigmoid; MSE takes any output. Train and Trace return the same *LossError.
func TestCheckLoss(t *testing.T) {
	for _, tt := range []struct {
		loss Loss
		out  Activation
		need Activation // nil: no error
	}{
		{CrossEntropy{}, Softmax{}, nil}, {CrossEntropy{}, Sigmoid{}, Softmax{}}, {CrossEntropy{}, Identity{}, Softmax{}},
		{BinaryCrossEntropy{}, Sigmoid{}, nil}, {BinaryCrossEntropy{}, Softmax{}, Sigmoid{}},
		{MSE{}, Softmax{}, nil}, {MSE{}, Identity{}, nil}, {MSE{}, Sigmoid{}, nil},
	} {
		err := CheckLoss(tt.loss, tt.out)
		var e *LossError
		switch {
		case tt.need == nil && err != nil:
			t.Errorf("CheckLoss(%v, %v) = %v, want nil", tt.loss, tt.out, err)
		case tt.need != nil && (!errors.As(err, &e) || *e != LossError{Loss: tt.loss, Need: tt.need, Out: tt.out}):
			t.Errorf("CheckLoss(%v, %v) = %v, want a LossError needing %v", tt.loss, tt.out, err, tt.need)
		}
	}
	net, err := New([]int{2, 2}, []Activation{Sigmoid{}}, XavierUniform, rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		t.Fatal(err)
	}
	X, Y := FromRows([][]float64{{0, 1}}), FromRows([][]float64{{0, 1}})
	_, err = net.Train(X, Y, TrainConfig{Loss: CrossEntropy{}, Optimizer: &SGD{}, Schedule: Constant{0.1}, BatchSize: 1, Epochs: 1}, rand.New(rand.NewPCG(1, 1)))
	var e *LossError
	if !errors.As(err, &e) || !errors.Is(err, ErrSettings) {
		t.Errorf("Train with cross-entropy on a sigmoid output: %v, want a LossError wrapped in ErrSettings", err)
	}
	if _, err := net.Trace(X.Row(0), Y.Row(0), CrossEntropy{}, 0.1); !errors.As(err, &e) {
		t.Errorf("Trace with cross-entropy on a sigmoid output: %v, want a LossError", err)
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
	if p := (Tanh{}).Prime(z); p != 1/(c*c) || p < 1.05e-16 || p > 1.15e-16 {
		t.Errorf("tanh′(%.3f) = %v, want 1/cosh² ≈ 1.1e−16", z, p)
	}
}
