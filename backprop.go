package nn

import (
	"fmt"
	"math"
)

// Loss is a loss function L(a^L, y) of one sample (notes §5 step 2), with
// the output error it sends back.
type Loss interface {
	// Value returns L for one sample, given the output layer's z^L and
	// a^L = f(z^L) and the target y.
	Value(z, a, y []float64) float64
	// Grad sets g = ∇_a L, the gradient with respect to the output a^L.
	Grad(g, a, y []float64)
	// Delta sets δ^L = ∂L/∂z^L, the output layer's error (§5 step 3), for the
	// output activation f. It panics if the loss needs a particular f
	// (cross-entropy needs Softmax, binary cross-entropy Sigmoid) and f is another.
	Delta(delta, z, a, y []float64, f Activation)
	String() string
}

// MSE is the squared-error loss of §5 and §9, half the squared error summed
// over the n_L outputs (not a mean, despite the name):
//
//	L = ½ ‖a − y‖² = ½ Σ_k (a_k − y_k)²,   ∇_a L = a − y
//
// The ½ makes the gradient a − y. It works with any output activation.
// PyTorch's nn.MSELoss (reduction "mean") averages (a_k − y_k)² over the
// outputs as well as the samples, without the ½: Train's mean of this loss
// over a batch is n_L/2 times MSELoss on that batch, and so are its
// gradients (for one output, half). scikit-learn's MLPRegressor reports as
// its loss the mean of (a_k − y_k)² over the outputs and the samples,
// halved (squared_loss, before its α penalty): 1/n_L times Train's mean of
// this loss over the batch; its gradients, δ^L = a − y averaged over the
// samples, are those of Train's mean, not n_L times smaller.
type MSE struct{}

// Value returns ½ Σ_k (a_k − y_k)².
func (MSE) Value(_, a, y []float64) float64 {
	checkLen("MSE.Value", a, y)
	s := 0.0
	for k := range a {
		d := a[k] - y[k]
		s += d * d
	}
	return s / 2
}

// Grad sets g = a − y.
func (MSE) Grad(g, a, y []float64) {
	checkLen("MSE.Grad", a, y)
	for k := range a {
		g[k] = a[k] - y[k]
	}
}

// Delta sets δ^L = (a − y) ⊙ f′(z) (§5 step 3); for Softmax, the Jacobian
// takes the place of f′ (see Softmax.Backward).
func (l MSE) Delta(delta, z, a, y []float64, f Activation) {
	l.Grad(delta, a, y)
	f.Backward(delta, z, a, delta)
}

// String returns the name of the MSE.
func (MSE) String() string { return "mse" }

// CrossEntropy is the multi-class cross-entropy loss of a Softmax output
// layer (§5), for a one-hot (or any probability vector) target y:
//
//	L = −Σ_k y_k log a_k,   a = softmax(z)
//
// With softmax, the output error simplifies to δ^L = a − y.
type CrossEntropy struct{}

// Value returns −Σ_k y_k log a_k, computed from z as
//
//	Σ_k y_k ((max z − z_k) + log Σ_j e^{z_j − max z})
//
// so that it stays finite when some a_k underflows to 0, and is unchanged
// (to rounding of the result) when every logit is shifted by the same c.
func (CrossEntropy) Value(z, _, y []float64) float64 {
	checkLen("CrossEntropy.Value", z, y)
	zmax := math.Inf(-1)
	for _, zk := range z {
		zmax = max(zmax, zk)
	}
	s := 0.0
	for _, zk := range z {
		s += math.Exp(zk - zmax)
	}
	return crossEntropy(z, y, zmax, math.Log(s))
}

// crossEntropy returns Σ_k y_k ((max z − z_k) + log S), S = Σ_j e^{z_j − max z},
// given max z and log S. Both terms are differences of logits, so shifting
// every z_j by c changes neither; (max z + log S) − z_k would lose the digits
// of log S below the rounding of max z.
func crossEntropy(z, y []float64, zmax, logS float64) float64 {
	L := 0.0
	for k, yk := range y {
		if yk != 0 {
			L += yk * ((zmax - z[k]) + logS)
		}
	}
	return L
}

// Grad sets g_k = −y_k / a_k.
func (CrossEntropy) Grad(g, a, y []float64) {
	checkLen("CrossEntropy.Grad", a, y)
	for k := range a {
		g[k] = -y[k] / a[k]
	}
}

// Delta sets δ^L = a − y (see SoftmaxCrossEntropyDelta). It panics if f is not Softmax.
func (CrossEntropy) Delta(delta, _, a, y []float64, f Activation) {
	if _, ok := f.(Softmax); !ok {
		panic(fmt.Sprintf("CrossEntropy.Delta: output activation is %v; cross-entropy needs softmax", f))
	}
	SoftmaxCrossEntropyDelta(delta, a, y)
}

// String returns the name of the CrossEntropy.
func (CrossEntropy) String() string { return "cross-entropy" }

// SoftmaxCrossEntropyDelta sets the output error of a softmax layer under
// cross-entropy loss (§5):
//
//	δ^L = a − y
//
// It follows from ∂a_k/∂z_j = a_k([k = j] − a_j) and Σ_k y_k = 1.
func SoftmaxCrossEntropyDelta(delta, a, y []float64) {
	checkLen("SoftmaxCrossEntropyDelta", a, y)
	for k := range a {
		delta[k] = a[k] - y[k]
	}
}

// BinaryCrossEntropy is the loss of a Sigmoid output for targets y in [0, 1] (§5):
//
//	L = −Σ_k [y_k log a_k + (1 − y_k) log(1 − a_k)],   a = σ(z)
//
// With a sigmoid output the error simplifies to δ^L = a − y.
type BinaryCrossEntropy struct{}

// Value returns −Σ_k [y_k log a_k + (1 − y_k) log(1 − a_k)], computed from z as
// Σ_k [softplus(z_k) − y_k z_k], softplus(z) = max(z, 0) + log(1 + e^{−|z|}),
// so that it stays finite when a_k rounds to 0 or 1.
func (BinaryCrossEntropy) Value(z, _, y []float64) float64 {
	checkLen("BinaryCrossEntropy.Value", z, y)
	L := 0.0
	for k, zk := range z {
		L += max(zk, 0) + math.Log1p(math.Exp(-math.Abs(zk))) - y[k]*zk
	}
	return L
}

// Grad sets g_k = (a_k − y_k) / (a_k (1 − a_k)).
func (BinaryCrossEntropy) Grad(g, a, y []float64) {
	checkLen("BinaryCrossEntropy.Grad", a, y)
	for k := range a {
		g[k] = (a[k] - y[k]) / (a[k] * (1 - a[k]))
	}
}

// Delta sets δ^L = a − y (see SigmoidBinaryCrossEntropyDelta). It panics if f is not Sigmoid.
func (BinaryCrossEntropy) Delta(delta, _, a, y []float64, f Activation) {
	if _, ok := f.(Sigmoid); !ok {
		panic(fmt.Sprintf("BinaryCrossEntropy.Delta: output activation is %v; binary cross-entropy needs sigmoid", f))
	}
	SigmoidBinaryCrossEntropyDelta(delta, a, y)
}

// String returns the name of the BinaryCrossEntropy.
func (BinaryCrossEntropy) String() string { return "binary-cross-entropy" }

// SigmoidBinaryCrossEntropyDelta sets the output error of a sigmoid layer
// under binary cross-entropy loss (§5):
//
//	δ^L = a − y
//
// It follows from σ′(z) = a(1 − a), which cancels the denominator of ∇_a L.
func SigmoidBinaryCrossEntropyDelta(delta, a, y []float64) {
	checkLen("SigmoidBinaryCrossEntropyDelta", a, y)
	for k := range a {
		delta[k] = a[k] - y[k]
	}
}

func checkLen(fn string, a, y []float64) {
	if len(a) != len(y) {
		panic(fmt.Sprintf("%s: len(a) = %d but len(y) = %d", fn, len(a), len(y)))
	}
}

// OutputDelta returns the output-layer error δ^L = ∂L/∂z^L (notes §5 step 3):
//
//	δ^L = ∇_a L ⊙ f′(z^L)
//
// which for MSE is (a^L − y) ⊙ f′(z^L), and for a softmax output with
// cross-entropy, or a sigmoid output with binary cross-entropy, simplifies to
// a^L − y. z, a and y all have length n_L.
func OutputDelta(z, a, y []float64, f Activation, loss Loss) []float64 {
	delta := make([]float64, len(a))
	loss.Delta(delta, z, a, y, f)
	return delta
}

// Grads holds ∂L/∂θ for every parameter θ of a network, in the network's
// shape: W[l] is ∂L/∂W^l, B[l] is ∂L/∂b^l, Alpha[l] (one entry) is ∂L/∂α of a
// PReLU layer, and Gamma[l], Beta[l] are ∂L/∂γ, ∂L/∂β of a batch-normalized
// layer; they are nil for the other layers. Index 0 is unused.
type Grads struct {
	W           []*Matrix
	B           [][]float64
	Alpha       [][]float64
	Gamma, Beta [][]float64
}

// NewGrads returns zero gradients shaped like net.
func (net *MLP) NewGrads() *Grads {
	L := net.L()
	g := &Grads{W: make([]*Matrix, L+1), B: make([][]float64, L+1), Alpha: make([][]float64, L+1),
		Gamma: make([][]float64, L+1), Beta: make([][]float64, L+1)}
	for l := 1; l <= L; l++ {
		g.W[l] = NewMatrix(net.W[l].Rows, net.W[l].Cols)
		g.B[l] = make([]float64, len(net.B[l]))
		if _, ok := net.Act[l].(*PReLU); ok {
			g.Alpha[l] = make([]float64, 1)
		}
		if net.norm(l) != nil {
			g.Gamma[l], g.Beta[l] = make([]float64, net.Sizes[l]), make([]float64, net.Sizes[l])
		}
	}
	return g
}

// Params returns the gradients as one list of slices, in the order of
// MLP.Params: for l = 1 … L, W[l].Data, B[l], then Alpha[l], Gamma[l] and
// Beta[l] where present.
func (g *Grads) Params() [][]float64 {
	var ps [][]float64
	for l := 1; l < len(g.W); l++ {
		ps = append(ps, g.W[l].Data, g.B[l])
		if g.Alpha[l] != nil {
			ps = append(ps, g.Alpha[l])
		}
		if g.Gamma[l] != nil {
			ps = append(ps, g.Gamma[l], g.Beta[l])
		}
	}
	return ps
}

// Backprop computes the loss of one sample (x, y) and the gradient of that
// loss with respect to every parameter, line by line as in notes §10:
//
//	forward:   z^l = W^l a^{l−1} + b^l,  a^l = f(z^l)          l = 1 … L
//	           δ^L = ∇_a L ⊙ f′(z^L)                           step 3
//	backward:  δ^l = ((W^{l+1})ᵀ δ^{l+1}) ⊙ f′(z^l)            l = L−1 … 1
//	gradients: ∂L/∂W^l = δ^l (a^{l−1})ᵀ,  ∂L/∂b^l = δ^l         step 5
//
// For a PReLU layer it also returns ∂L/∂α = Σ_{j: z_j ≤ 0} (∂L/∂a_j) z_j, and
// a residual connection a^{l+1} = f(z^{l+1}) + a^l adds ∂L/∂a^{l+1} to ∂L/∂a^l.
// This is the readable version; BackpropBatch does the same for a batch with
// matrix products and without allocating. It panics if the network has batch
// normalization, which couples the samples of a batch: use BackpropBatch.
func (net *MLP) Backprop(x, y []float64, loss Loss) (*Grads, float64) {
	L := net.L()
	if len(y) != net.Sizes[L] {
		panic(fmt.Sprintf("MLP.Backprop: network has %d outputs but len(y) = %d", net.Sizes[L], len(y)))
	}
	for l := 1; l <= L; l++ {
		if net.norm(l) != nil {
			panic(fmt.Sprintf("MLP.Backprop: layer %d has batch normalization, which needs a batch; use BackpropBatch", l))
		}
	}
	z, a := net.Forward(x)
	cost := loss.Value(z[L], a[L], y)

	delta := make([][]float64, L+1)
	dLda := make([][]float64, L+1) // ∂L/∂a^l
	// δ^L = ∇_a L ⊙ f′(z^L)                                   §5 step 3
	delta[L] = OutputDelta(z[L], a[L], y, net.Act[L], loss)
	dLda[L] = make([]float64, len(y))
	loss.Grad(dLda[L], a[L], y)
	for l := L - 1; l >= 1; l-- {
		// ∂L/∂a^l = (W^{l+1})ᵀ δ^{l+1}                            §5 step 4
		dLda[l] = MulTVec(net.W[l+1], delta[l+1])
		if net.residual(l + 1) {
			// a^{l+1} = f(z^{l+1}) + a^l:  ∂L/∂a^l += ∂L/∂a^{l+1}     §7
			axpy(dLda[l], 1, dLda[l+1])
		}
		// δ^l = ∂L/∂a^l ⊙ f′(z^l)
		delta[l] = Hadamard(dLda[l], Prime(net.Act[l], z[l]))
	}

	g := net.NewGrads()
	for l := 1; l <= L; l++ {
		// ∂L/∂W^l = δ^l (a^{l−1})ᵀ,  ∂L/∂b^l = δ^l                §5 step 5
		g.W[l] = Outer(delta[l], a[l-1])
		g.B[l] = delta[l]
		if p, ok := net.Act[l].(*PReLU); ok {
			g.Alpha[l][0] = p.AlphaGrad(z[l], dLda[l])
		}
	}
	return g, cost
}

// BackpropBatch runs the forward and backward pass for a batch whose rows are
// samples (X is m×n_0, Y is m×n_L) and sets g to the gradient of the mean loss
// (1/m) Σ_i L(x_i, y_i), the mean of the per-sample gradients of Backprop. It
// returns the mean loss. With Δ^l the m×n_l matrix whose rows are the δ^l of
// the samples, divided by m:
//
//	Δ^L       = rows of δ^L / m                                  step 3
//	Δ^l       = (Δ^{l+1} W^{l+1}) ⊙ f′(Z^l)                       step 4
//	∂L/∂W^l   = (Δ^l)ᵀ A^{l−1}   (the sum of the outer products)  step 5
//	∂L/∂b^l   = 1ᵀ Δ^l
//
// Batch normalization, dropout (with the masks the forward pass drew) and
// residual connections are differentiated too, in the mode ws.Training
// selects. ws holds the intermediate values; once ws and g exist, a call
// allocates nothing. It panics on a shape mismatch.
func (net *MLP) BackpropBatch(ws *Workspace, X, Y *Matrix, loss Loss, g *Grads) float64 {
	L := net.L()
	if Y.Rows != X.Rows || Y.Cols != net.Sizes[L] {
		panic(fmt.Sprintf("MLP.BackpropBatch: X is %s but Y is %s; network has %d outputs", shape(X), shape(Y), net.Sizes[L]))
	}
	net.ForwardBatch(ws, X)
	m := X.Rows
	inv := 1 / float64(m)
	cost := 0.0
	_, ce := loss.(CrossEntropy)
	_, softmax := net.Act[L].(Softmax)
	if ce && softmax && !ws.dropping(net, L) && !net.residual(L) {
		// The same losses and Δ^L as the loop below, sharing the forward
		// pass's exponentials.
		cost = softmaxCrossEntropyRows(ws.Delta[L], ws.Z[L], ws.A[L], Y)
	} else {
		for i := range m {
			z, a, y := ws.Z[L].Row(i), ws.A[L].Row(i), Y.Row(i)
			cost += loss.Value(z, a, y)
			loss.Delta(ws.Delta[L].Row(i), z, a, y, net.Act[L])
			if g.Alpha[L] != nil {
				loss.Grad(ws.G[L].Row(i), a, y)
			}
		}
	}
	scale(ws.Delta[L].Data, inv)
	if g.Alpha[L] != nil {
		scale(ws.G[L].Data, inv)
		g.Alpha[L][0] = alphaGrad(net.Act[L].(*PReLU), ws.Z[L], ws.G[L])
	}

	for l := L; l >= 1; l-- {
		if l < L {
			// G^l = Δ^{l+1} W^{l+1}: row i is (W^{l+1})ᵀ δ^{l+1}_i
			MulTo(ws.G[l], ws.Delta[l+1], net.W[l+1])
			if net.residual(l + 1) {
				// A^{l+1} = f(Z^{l+1}) + A^l:  G^l += G^{l+1}
				axpy(ws.G[l].Data, 1, ws.G[l+1].Data)
			}
			// The gradient reaching f(Z^l): G^l, through the dropout mask if any.
			dfz := ws.G[l]
			if ws.dropping(net, l) {
				for k, v := range ws.G[l].Data {
					ws.Delta[l].Data[k] = v * ws.Mask[l].Data[k]
				}
				dfz = ws.Delta[l]
			}
			if p, ok := net.Act[l].(*PReLU); ok {
				g.Alpha[l][0] = alphaGrad(p, ws.Z[l], dfz)
			}
			// Δ^l = G^l ⊙ f′(Z^l)
			backwardRows(net.Act[l], ws.Delta[l], ws.Z[l], ws.A[l], dfz)
		}
		if bn := net.norm(l); bn != nil {
			// Δ^l = ∂L/∂Z^l becomes ∂L/∂U^l, through the normalization.
			bn.backward(ws.Delta[l], ws.Xhat[l], ws.vr[l], ws.Training, g.Gamma[l], g.Beta[l])
		}
		// ∂L/∂W^l = (Δ^l)ᵀ A^{l−1},  ∂L/∂b^l = 1ᵀ Δ^l
		TMulTo(g.W[l], ws.Delta[l], ws.A[l-1])
		ColSumsTo(g.B[l], ws.Delta[l])
	}
	return cost * inv
}

// softmaxCrossEntropyRows is the output layer of BackpropBatch for a softmax
// output under cross-entropy, for the rows (samples) of Z = z^L, A = a^L =
// softmax(z^L) and the targets Y: it sets each row of D to δ^L = a − y
// (SoftmaxCrossEntropyDelta) and returns the sum of the samples' losses,
// each as CrossEntropy.Value computes it,
//
//	L = Σ_k y_k ((max z − z_k) + log S),   S = Σ_j e^{z_j − max z}
//
// but without an exponential: Softmax.Apply set a_k = e^{z_k − max z} / S,
// so at the largest logit a = e^0 / S = 1/S, and
//
//	log S = −log a_{k*},   k* = argmax_k z_k
//
// The loss agrees with CrossEntropy.Value to rounding (TestSoftmaxCrossEntropyRows).
func softmaxCrossEntropyRows(D, Z, A, Y *Matrix) float64 {
	clearUpper() // the vector build: see vzeroupper in matmul_simd.go
	cost := 0.0
	for i := range Z.Rows {
		z, a, y := Z.Row(i), A.Row(i), Y.Row(i)
		top := 0
		for k, zk := range z {
			if zk > z[top] {
				top = k
			}
		}
		cost += crossEntropy(z, y, z[top], -math.Log(a[top]))
		SoftmaxCrossEntropyDelta(D.Row(i), a, y)
	}
	return cost
}

// alphaGrad sums PReLU's ∂L/∂α over the rows (samples) of Z and G = ∂L/∂f(Z).
func alphaGrad(p *PReLU, Z, G *Matrix) float64 {
	s := 0.0
	for i := range Z.Rows {
		s += p.AlphaGrad(Z.Row(i), G.Row(i))
	}
	return s
}

// Update takes one gradient-descent step (notes §5 step 6):
//
//	θ ← θ − η ∂L/∂θ   for every W^l, b^l (and PReLU α, batch norm γ and β)
//
// It panics if g is not shaped like net.
func (net *MLP) Update(g *Grads, eta float64) {
	if len(g.W) != len(net.W) {
		panic(fmt.Sprintf("MLP.Update: network has %d layers but g has %d", net.L(), len(g.W)-1))
	}
	for l := 1; l <= net.L(); l++ {
		step(net.W[l].Data, g.W[l].Data, eta) // W^l ← W^l − η ∂L/∂W^l
		step(net.B[l], g.B[l], eta)           // b^l ← b^l − η ∂L/∂b^l
		if p, ok := net.Act[l].(*PReLU); ok {
			step(p.Alpha[:], g.Alpha[l], eta)
		}
		if bn := net.norm(l); bn != nil {
			step(bn.Gamma, g.Gamma[l], eta)
			step(bn.Beta, g.Beta[l], eta)
		}
	}
}

// step sets θ ← θ − η g. It panics if θ and g differ in length.
func step(theta, g []float64, eta float64) {
	if len(theta) != len(g) {
		panic(fmt.Sprintf("MLP.Update: a parameter has %d entries but its gradient has %d", len(theta), len(g)))
	}
	axpy(theta, -eta, g)
}

// Cost returns the mean loss (1/m) Σ_i L(x_i, y_i) over the rows of X and Y,
// computed one sample at a time with Forward (inference mode).
func (net *MLP) Cost(X, Y *Matrix, loss Loss) float64 {
	if X.Rows != Y.Rows {
		panic(fmt.Sprintf("MLP.Cost: X is %s but Y is %s", shape(X), shape(Y)))
	}
	L := net.L()
	s := 0.0
	for i := range X.Rows {
		z, a := net.Forward(X.Row(i))
		s += loss.Value(z[L], a[L], Y.Row(i))
	}
	return s / float64(X.Rows)
}

// NumericalGrad returns the gradient of the mean loss C = (1/m) Σ_i L(x_i, y_i)
// over the rows of X and Y by central differences, one parameter at a time,
// with the fourth-order stencil
//
//	∂C/∂θ ≈ [8(C(θ+h) − C(θ−h)) − (C(θ+2h) − C(θ−2h))] / 12h
//
// rather than the two-point (C(θ+h) − C(θ−h)) / 2h. Both are symmetric
// differences; the two-point one has error O(h²) + O(ε·C/h), which is at
// best about 1e-10 (h ≈ 1e-6), too coarse to check a gradient of 1e-5 (a
// first layer's, say) to 6 digits. This one has error O(h⁴) + O(ε·C/h), about
// 1e-12 at h = 1e-4. Keep every pre-activation more than 2h·|a| away from a
// kink (ReLU's at 0), or the stencil straddles it.
//
// C is the loss BackpropBatch differentiates in training mode: batch
// normalization uses the statistics of the batch X. Dropout is left out, since
// its random mask is not a function of θ. Use NumericalGrad to check a backward
// pass (your own, or the package's for a new activation or loss): it costs
// four forward passes over the data per parameter. net is restored exactly
// afterwards. It panics unless h > 0 and finite.
func NumericalGrad(net *MLP, X, Y *Matrix, loss Loss, h float64) *Grads {
	if !(h > 0) || math.IsInf(h, 0) {
		panic(fmt.Sprintf("NumericalGrad: step h = %v must be > 0 and finite (1e-4 suits the four-point stencil)", h))
	}
	ws := net.NewWorkspace(X.Rows)
	ws.Training = true
	L := net.L()
	cost := func() float64 {
		net.ForwardBatch(ws, X)
		s := 0.0
		for i := range X.Rows {
			s += loss.Value(ws.Z[L].Row(i), ws.A[L].Row(i), Y.Row(i))
		}
		return s / float64(X.Rows)
	}
	g := net.NewGrads()
	gs := g.Params()
	for i, p := range net.Params() {
		for k := range p {
			theta := p[k]
			C := func(t float64) float64 {
				p[k] = t
				return cost()
			}
			d1 := C(theta+h) - C(theta-h)
			d2 := C(theta+2*h) - C(theta-2*h)
			p[k] = theta
			gs[i][k] = (8*d1 - d2) / (12 * h)
		}
	}
	return g
}
