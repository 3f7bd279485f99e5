package nn

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Claims of the notes not tested elsewhere.

// TestDyingReLU (§2): a ReLU unit with z < 0 on every input gets gradient 0,
// so training never changes its weights; with leaky ReLU the same unit keeps
// a gradient of α times the ReLU one's and moves.
func TestDyingReLU(t *testing.T) {
	X, Y := XOR()
	for _, tt := range []struct {
		f    Activation
		dead bool
	}{{ReLU{}, true}, {LeakyReLU{DefaultLeakySlope}, false}} {
		net := newNet(t, []int{2, 3, 1}, []Activation{tt.f, Identity{}}, HeNormal, 1)
		net.W[1].Row(0)[0], net.W[1].Row(0)[1], net.B[1][0] = 0.5, 0.5, -5 // z ≤ 1 − 5 < 0 on every input
		before := append([]float64(nil), net.W[1].Row(0)...)
		if _, err := net.TrainGD(X, Y, MSE{}, 0.1, 100, nil); err != nil {
			t.Fatal(err)
		}
		moved := !cmp.Equal(before, net.W[1].Row(0))
		if moved == tt.dead {
			t.Errorf("%v: the unit's weights moved = %v, want %v", tt.f, moved, !tt.dead)
		}
	}
}

// TestOutputDeltaSimplifies (§5): with softmax and cross-entropy, and with
// sigmoid and binary cross-entropy, the general step 3, δ = (∂a/∂z)ᵀ ∇_a L,
// computed from the activation's Jacobian and the loss's gradient, equals
// a − y. (OutputDelta takes that shortcut, so comparing it with a − y would
// compare a − y with itself; the general form is what it must agree with.)
func TestOutputDeltaSimplifies(t *testing.T) {
	z := []float64{0.3, -1.2, 2.0}
	for _, tt := range []struct {
		f    Activation
		loss Loss
		y    []float64
	}{
		{Softmax{}, CrossEntropy{}, []float64{0, 0, 1}},
		{Sigmoid{}, BinaryCrossEntropy{}, []float64{1, 0, 1}},
	} {
		a := make([]float64, 3)
		tt.f.Apply(a, z)
		g := make([]float64, 3)
		tt.loss.Grad(g, a, tt.y) // ∇_a L
		general := make([]float64, 3)
		tt.f.Backward(general, z, a, g)
		want := []float64{a[0] - tt.y[0], a[1] - tt.y[1], a[2] - tt.y[2]}
		if diff := cmp.Diff(want, general, tight); diff != "" {
			t.Errorf("%v with %v: (∂a/∂z)ᵀ∇L ≠ a − y (-want +got):\n%s", tt.f, tt.loss, diff)
		}
		if diff := cmp.Diff(general, OutputDelta(z, a, tt.y, tt.f, tt.loss), tight); diff != "" {
			t.Errorf("%v with %v: OutputDelta ≠ (∂a/∂z)ᵀ∇L (-general +OutputDelta):\n%s", tt.f, tt.loss, diff)
		}
	}
}

// TestMomentumForms (§7): v ← μv + g, θ ← θ − ηv (SGD's form) and
// v ← μv − ηg, θ ← θ + v give the same trajectory while η is constant, but
// not when η changes between steps.
func TestMomentumForms(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	grads := make([]float64, 10)
	for i := range grads {
		grads[i] = rng.NormFloat64()
	}
	run := func(eta func(step int) float64) (sgd, other []float64) {
		opt := &SGD{Momentum: 0.9}
		theta, theta2, v := []float64{1}, 1.0, 0.0
		for s, g := range grads {
			opt.Step([][]float64{theta}, [][]float64{{g}}, eta(s))
			v = 0.9*v - eta(s)*g
			theta2 += v
			sgd, other = append(sgd, theta[0]), append(other, theta2)
		}
		return sgd, other
	}
	a, b := run(func(int) float64 { return 0.1 })
	if diff := cmp.Diff(a, b, tight); diff != "" {
		t.Errorf("constant η: the two forms differ (-SGD +other):\n%s", diff)
	}
	a, b = run(func(s int) float64 { return 0.1 / float64(s+1) })
	if cmp.Equal(a, b, tight) {
		t.Errorf("decaying η: the two forms agree, but the notes say they should not")
	}
}

func ExampleClipNorm() {
	grads := [][]float64{{3}, {0, 4}} // ‖g‖ = 5 over both slices
	norm := ClipNorm(grads, 1)
	fmt.Println(norm, grads)
	// Output:
	// 5 [[0.6000000000000001] [0 0.8]]
}

func ExampleNewAdam() {
	theta := []float64{1}
	opt := NewAdam()
	for range 3 {
		opt.Step([][]float64{theta}, [][]float64{{2 * theta[0]}}, 0.1) // minimize θ²
	}
	fmt.Printf("%.4f\n", theta[0]) // each early Adam step moves θ by about η
	// Output:
	// 0.7016
}
