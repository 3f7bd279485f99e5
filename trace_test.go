package nn

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestTraceWorkedExample checks the trace of notes §9 against every number
// the §9 test (TestWorkedExample3Layer) writes out as a formula, then the
// update and the loss after it.
func TestTraceWorkedExample(t *testing.T) {
	σ := func(z float64) float64 { return 1 / (1 + math.Exp(-z)) }
	net, x, y := WorkedExample()
	const eta = 0.5
	w := byHand() // the numbers TestWorkedExample3Layer checks, as formulas
	z1, a1, z2, a2, loss, d2, dA1, d1, dW2, dW1 := w.z1, w.a1, w.z2, w.a2, w.loss, w.d2, w.dA1, w.d1, w.dW2, w.dW1
	// After the step θ ← θ − η ∂L/∂θ:
	W1 := []float64{0.1 - eta*dW1[0], 0.4 - eta*dW1[1], -0.3 - eta*dW1[2], 0.2 - eta*dW1[3]}
	b1 := []float64{0.05 - eta*d1[0], -0.1 - eta*d1[1]}
	W2 := []float64{0.7 - eta*dW2[0], -0.5 - eta*dW2[1]}
	b2 := []float64{0.2 - eta*d2[0]}
	h := []float64{σ(W1[0]*x[0] + W1[1]*x[1] + b1[0]), σ(W1[2]*x[0] + W1[3]*x[1] + b1[1])}
	aAfter := σ(W2[0]*h[0] + W2[1]*h[1] + b2[0])
	lossAfter := 0.5 * (aAfter - y[0]) * (aAfter - y[0])

	tr, err := net.Trace(x, y, MSE{}, eta)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		got, want any
	}{
		{"z¹", tr.Z[1], z1}, {"a¹", tr.A[1], a1}, {"z²", tr.Z[2], z2}, {"a²", tr.A[2], a2},
		{"L", tr.Cost, loss},
		{"∂L/∂a²", tr.GradA[2], []float64{a2[0] - y[0]}},
		{"f′(z²)", tr.FPrime[2], []float64{a2[0] * (1 - a2[0])}},
		{"δ²", tr.Delta[2], d2},
		{"∂L/∂a¹", tr.GradA[1], dA1},
		{"f′(z¹)", tr.FPrime[1], []float64{a1[0] * (1 - a1[0]), a1[1] * (1 - a1[1])}},
		{"δ¹", tr.Delta[1], d1},
		{"∂L/∂W²", tr.Grads.W[2].Data, dW2}, {"∂L/∂b²", tr.Grads.B[2], d2},
		{"∂L/∂W¹", tr.Grads.W[1].Data, dW1}, {"∂L/∂b¹", tr.Grads.B[1], d1},
		{"W¹ after", tr.After.W[1].Data, W1}, {"b¹ after", tr.After.B[1], b1},
		{"W² after", tr.After.W[2].Data, W2}, {"b² after", tr.After.B[2], b2},
		{"L after", tr.CostAfter, lossAfter},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, tt.got, closed); diff != "" {
			t.Errorf("%s mismatch (-want +got):\n%s", tt.name, diff)
		}
	}
	if tr.DeltaRule != "(a^L − y) ⊙ f′(z^L)" {
		t.Errorf("DeltaRule = %q, want the MSE rule", tr.DeltaRule)
	}
	if !(tr.CostAfter < tr.Cost) {
		t.Errorf("loss after the step %v is not below %v", tr.CostAfter, tr.Cost)
	}
	// The trace must not have changed the network.
	if net.W[2].Data[0] != 0.7 || net.B[1][0] != 0.05 {
		t.Errorf("Trace changed the network: W² = %v, b¹ = %v", net.W[2].Data, net.B[1])
	}
	checkGrads(t, tr.Grads, tr.Numerical)
}

// TestTraceMatchesBackprop: on small random networks of every kind the trace
// supports, the trace's gradients and loss are Backprop's, its central
// differences agree with them, its updated network is Update's, and
// DeltaRule names the simplification that applies.
func TestTraceMatchesBackprop(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	tests := []struct {
		name        string
		sizes       []int
		hidden, out Activation
		loss        Loss
		residual    int // layer given a residual connection, 0 for none
		rule        string
	}{
		{"tanh mse", []int{2, 3, 2}, Tanh{}, Identity{}, MSE{}, 0, "(a^L − y) ⊙ f′(z^L)"},
		{"softmax cross-entropy", []int{3, 4, 3}, Tanh{}, Softmax{}, CrossEntropy{}, 0, "a^L − y  (softmax with cross-entropy)"},
		{"sigmoid binary cross-entropy", []int{2, 3, 1}, Sigmoid{}, Sigmoid{}, BinaryCrossEntropy{}, 0, "a^L − y  (sigmoid with binary cross-entropy)"},
		{"softmax mse", []int{2, 3, 3}, Sigmoid{}, Softmax{}, MSE{}, 0, "J_softmax(z^L)ᵀ ∇_a L  (softmax is not element-wise)"},
		{"prelu residual", []int{2, 3, 3, 2}, NewPReLU(0.2), Identity{}, MSE{}, 2, "(a^L − y) ⊙ f′(z^L)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			net, X, Y := randomNet(t, rng, tt.sizes, tt.hidden, tt.out, tt.loss, 1)
			if tt.residual > 0 {
				if err := net.SetResidual(tt.residual); err != nil {
					t.Fatal(err)
				}
			}
			x, y := X.Row(0), Y.Row(0)
			const eta = 0.1
			tr, err := net.Trace(x, y, tt.loss, eta)
			if err != nil {
				t.Fatal(err)
			}
			g, cost := net.Backprop(x, y, tt.loss)
			if diff := cmp.Diff(g.Params(), tr.Grads.Params(), closed); diff != "" {
				t.Errorf("gradients differ from Backprop (-Backprop +Trace):\n%s", diff)
			}
			if diff := cmp.Diff(cost, tr.Cost, closed); diff != "" {
				t.Errorf("loss differs from Backprop (-Backprop +Trace):\n%s", diff)
			}
			checkGrads(t, tr.Grads, tr.Numerical)
			after := net.Clone()
			after.Update(g, eta)
			if diff := cmp.Diff(after.Params(), tr.After.Params(), closed); diff != "" {
				t.Errorf("updated parameters differ from Update (-Update +Trace):\n%s", diff)
			}
			if diff := cmp.Diff(after.Cost(X, Y, tt.loss), tr.CostAfter, closed); diff != "" {
				t.Errorf("loss after the step (-want +got):\n%s", diff)
			}
			if tr.DeltaRule != tt.rule {
				t.Errorf("DeltaRule = %q, want %q", tr.DeltaRule, tt.rule)
			}
		})
	}
}

func TestTraceErrors(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	net, X, Y := randomNet(t, rng, []int{2, 3, 2}, Tanh{}, Sigmoid{}, MSE{}, 1)
	x, y := X.Row(0), Y.Row(0)
	tests := []struct {
		name string
		net  *MLP
		loss Loss
		eta  float64
		want string // part of the error
	}{
		{"cross-entropy without softmax", net, CrossEntropy{}, 0.1, "cross-entropy loss needs a softmax output layer, not sigmoid"},
		{"binary cross-entropy without sigmoid", mustNew(t, []int{2, 2}, Tanh{}), BinaryCrossEntropy{}, 0.1, "needs a sigmoid output layer, not tanh"},
		{"negative η", net, MSE{}, -1, "learning rate η = -1 must be finite and ≥ 0"},
		{"NaN η", net, MSE{}, math.NaN(), "learning rate η = NaN"},
	}
	bn := net.Clone()
	if err := bn.SetBatchNorm(1); err != nil {
		t.Fatal(err)
	}
	tests = append(tests, struct {
		name string
		net  *MLP
		loss Loss
		eta  float64
		want string
	}{"batch norm", bn, MSE{}, 0.1, "layer 1 has batch normalization"})
	for _, tt := range tests {
		_, err := tt.net.Trace(x, y, tt.loss, tt.eta)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want one containing %q", tt.name, err, tt.want)
		}
	}
	defer func() {
		if r := recover(); r == nil || !strings.Contains(r.(string), "MLP.Trace: network has 2 inputs and 2 outputs but len(x) = 3") {
			t.Errorf("panic %v, want the shapes", r)
		}
	}()
	net.Trace([]float64{1, 2, 3}, y, MSE{}, 0.1)
}

func mustNew(t *testing.T, sizes []int, f Activation) *MLP {
	t.Helper()
	net, err := New(sizes, []Activation{f}, XavierNormal, rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		t.Fatal(err)
	}
	return net
}

// ExampleMLP_Trace is the worked example of §9: one step of
// backpropagation, every intermediate value, each gradient beside its
// central difference.
func ExampleMLP_Trace() {
	net, x, y := WorkedExample()
	tr, err := net.Trace(x, y, MSE{}, 0.5)
	if err != nil {
		panic(err)
	}
	fmt.Printf("z¹ = %.4f, a¹ = %.4f\n", tr.Z[1], tr.A[1])
	fmt.Printf("a² = %.4f, L = %.4f\n", tr.A[2], tr.Cost)
	fmt.Printf("δ² = %.4f by %s\n", tr.Delta[2], tr.DeltaRule)
	fmt.Printf("δ¹ = %.4f\n", tr.Delta[1])
	fmt.Printf("∂L/∂W² = %.4f, central difference %.4f\n", tr.Grads.W[2].Data, tr.Numerical.W[2].Data)
	fmt.Printf("after one step with η = 0.5: L = %.4f\n", tr.CostAfter)
	// Output:
	// z¹ = [0.3500 -0.3000], a¹ = [0.5866 0.4256]
	// a² = [0.5982], L = 0.0807
	// δ² = [-0.0966] by (a^L − y) ⊙ f′(z^L)
	// δ¹ = [-0.0164 0.0118]
	// ∂L/∂W² = [-0.0567 -0.0411], central difference [-0.0567 -0.0411]
	// after one step with η = 0.5: L = 0.0734
}
