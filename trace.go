package nn

import (
	"fmt"
	"math"
)

// Trace is every number of one step of backpropagation for one sample
// (notes §5, §9, §10), as MLP.Trace returns it: the forward pass, the loss,
// each layer's error δ^l, the gradients beside their central differences, the
// parameters after one gradient-descent step and the loss after it. Slices are
// indexed by layer, as in MLP: index 0 is unused except A[0] = x.
type Trace struct {
	X, Y []float64 // the sample
	Loss Loss
	Eta  float64 // η of the update

	// Forward pass, §5 step 1: z^l = W^l a^{l−1} + b^l, a^l = f(z^l).
	Z, A [][]float64
	// Cost is L(a^L, y), §5 step 2.
	Cost float64

	// GradA[l] is ∂L/∂a^l: ∇_a L for l = L, and (W^{l+1})ᵀ δ^{l+1} below it
	// (plus ∂L/∂a^{l+1} across a residual connection, §7).
	GradA [][]float64
	// FPrime[l] is f′(z^l), nil for a softmax layer (whose Jacobian is not diagonal).
	FPrime [][]float64
	// Delta[l] is δ^l = ∂L/∂z^l, §5 steps 3 and 4.
	Delta [][]float64
	// DeltaRule is the formula that gave δ^L: "(a^L − y) ⊙ f′(z^L)" for MSE,
	// or the simplification "a^L − y" of cross-entropy with softmax and of
	// binary cross-entropy with sigmoid (§5).
	DeltaRule string

	// Grads holds ∂L/∂W^l = δ^l (a^{l−1})ᵀ and ∂L/∂b^l = δ^l (§5 step 5),
	// and ∂L/∂α of a PReLU layer.
	Grads *Grads
	// Numerical holds the same gradients by central differences (NumericalGrad).
	Numerical *Grads

	// After is a copy of the network after the step θ ← θ − η ∂L/∂θ (§5 step 6),
	// and CostAfter its loss on the same sample.
	After     *MLP
	CostAfter float64
}

// TraceH is the step h of the central differences in Trace.Numerical.
const TraceH = 1e-4

// Trace runs one step of backpropagation on the sample (x, y) and returns
// every intermediate value (notes §5, §9, §10):
//
//	forward:   z^l = W^l a^{l−1} + b^l,  a^l = f(z^l)          l = 1 … L
//	loss:      L(a^L, y)
//	output:    δ^L = ∇_a L ⊙ f′(z^L)    (a^L − y for softmax + cross-entropy, sigmoid + binary cross-entropy)
//	backward:  δ^l = ((W^{l+1})ᵀ δ^{l+1}) ⊙ f′(z^l)            l = L−1 … 1
//	gradients: ∂L/∂W^l = δ^l (a^{l−1})ᵀ,  ∂L/∂b^l = δ^l
//	update:    θ ← θ − η ∂L/∂θ
//
// It computes the pass step by step, as Backprop does, and adds the central
// differences of every gradient (NumericalGrad with h = TraceH), the updated
// network and its loss. net is not changed. The pass is inference: dropout
// drops nothing.
//
// It returns an error if a layer has batch normalization (which couples the
// samples of a batch, so one sample has no trace of its own), if the loss
// needs another output activation (cross-entropy needs softmax, binary
// cross-entropy sigmoid: a *LossError, see CheckLoss), or if η is negative or not finite. It panics if
// len(x) or len(y) does not fit the network.
func (net *MLP) Trace(x, y []float64, loss Loss, eta float64) (*Trace, error) {
	L := net.L()
	if len(x) != net.Sizes[0] || len(y) != net.Sizes[L] {
		panic(fmt.Sprintf("MLP.Trace: network has %d inputs and %d outputs but len(x) = %d, len(y) = %d",
			net.Sizes[0], net.Sizes[L], len(x), len(y)))
	}
	for l := 1; l <= L; l++ {
		if net.norm(l) != nil {
			return nil, fmt.Errorf("trace: layer %d has batch normalization, which couples the samples of a batch; one sample has no backward pass of its own", l)
		}
	}
	if err := CheckLoss(loss, net.Act[L]); err != nil {
		return nil, fmt.Errorf("trace: %w", err)
	}
	rule := "(a^L − y) ⊙ f′(z^L)"
	switch loss.(type) {
	case CrossEntropy:
		rule = "a^L − y  (softmax with cross-entropy)"
	case BinaryCrossEntropy:
		rule = "a^L − y  (sigmoid with binary cross-entropy)"
	default:
		if _, ok := net.Act[L].(Softmax); ok {
			rule = "J_softmax(z^L)ᵀ ∇_a L  (softmax is not element-wise)"
		} else if _, ok := loss.(MSE); !ok {
			rule = "∇_a L ⊙ f′(z^L)"
		}
	}
	if !(eta >= 0) || math.IsInf(eta, 0) {
		return nil, fmt.Errorf("trace: learning rate η = %v must be finite and ≥ 0", eta)
	}

	t := &Trace{X: x, Y: y, Loss: loss, Eta: eta, DeltaRule: rule,
		GradA: make([][]float64, L+1), FPrime: make([][]float64, L+1), Delta: make([][]float64, L+1)}
	// z^l = W^l a^{l−1} + b^l,  a^l = f(z^l)                        §5 step 1
	t.Z, t.A = net.Forward(x)
	// L(a^L, y)                                                      §5 step 2
	t.Cost = loss.Value(t.Z[L], t.A[L], y)
	for l := 1; l <= L; l++ {
		if _, ok := net.Act[l].(Elementwise); ok {
			t.FPrime[l] = Prime(net.Act[l], t.Z[l])
		}
	}

	// ∇_a L, and δ^L = ∇_a L ⊙ f′(z^L) or its simplification           §5 step 3
	t.GradA[L] = make([]float64, len(y))
	loss.Grad(t.GradA[L], t.A[L], y)
	t.Delta[L] = OutputDelta(t.Z[L], t.A[L], y, net.Act[L], loss)
	for l := L - 1; l >= 1; l-- {
		// ∂L/∂a^l = (W^{l+1})ᵀ δ^{l+1}                                 §5 step 4
		t.GradA[l] = MulTVec(net.W[l+1], t.Delta[l+1])
		if net.residual(l + 1) {
			// a^{l+1} = f(z^{l+1}) + a^l:  ∂L/∂a^l += ∂L/∂a^{l+1}          §7
			for j := range t.GradA[l] {
				t.GradA[l][j] += t.GradA[l+1][j]
			}
		}
		// δ^l = ∂L/∂a^l ⊙ f′(z^l)
		t.Delta[l] = Hadamard(t.GradA[l], t.FPrime[l])
	}

	t.Grads = net.NewGrads()
	for l := 1; l <= L; l++ {
		// ∂L/∂W^l = δ^l (a^{l−1})ᵀ,  ∂L/∂b^l = δ^l                      §5 step 5
		t.Grads.W[l] = Outer(t.Delta[l], t.A[l-1])
		t.Grads.B[l] = append([]float64(nil), t.Delta[l]...)
		if p, ok := net.Act[l].(*PReLU); ok {
			t.Grads.Alpha[l][0] = p.AlphaGrad(t.Z[l], t.GradA[l])
		}
	}
	t.Numerical = NumericalGrad(net, FromRows([][]float64{x}), FromRows([][]float64{y}), loss, TraceH)

	// θ ← θ − η ∂L/∂θ                                                §5 step 6
	t.After = net.Clone()
	t.After.Update(t.Grads, eta)
	z, a := t.After.Forward(x)
	t.CostAfter = loss.Value(z[L], a[L], y)
	return t, nil
}

// WorkedExample returns the network and the sample of the worked example of
// §9 that the tests write out by hand: a 2-2-1 sigmoid network with
//
//	W¹ = [[0.1, 0.4], [−0.3, 0.2]], b¹ = [0.05, −0.1], W² = [[0.7, −0.5]], b² = [0.2]
//
// and x = [1, 0.5], y = [1]. Each call returns a new network.
func WorkedExample() (net *MLP, x, y []float64) {
	net = &MLP{
		Sizes: []int{2, 2, 1},
		W: []*Matrix{nil,
			FromRows([][]float64{{0.1, 0.4}, {-0.3, 0.2}}),
			FromRows([][]float64{{0.7, -0.5}})},
		B:   [][]float64{nil, {0.05, -0.1}, {0.2}},
		Act: []Activation{nil, Sigmoid{}, Sigmoid{}},
	}
	return net, []float64{1, 0.5}, []float64{1}
}
