package nn

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
)

// MLP is a multi-layer network (notes §3): layers l = 1 … L, where layer l
// computes
//
//	z^l = W^l a^{l−1} + b^l,   a^l = f_l(z^l)
//
// from a^0 = x. The slices are indexed by the notes' layer number: W[l] is
// n_l×n_{l−1}, B[l] has n_l entries and Act[l] is f_l; W[0], B[0] and Act[0]
// are unused (nil). Sizes[l] is n_l, with Sizes[0] the number of inputs.
//
// The remedies of §7 that change a hidden layer are optional per-layer
// fields, set by SetDropout, SetResidual and SetBatchNorm; they are nil
// until one is set:
//
//	Norm[l]:     z^l = γ ⊙ (u − μ)/√(σ² + ε) + β,  u = W^l a^{l−1} + b^l  (batch normalization)
//	Keep[l]:     a^l = f(z^l) ⊙ mask/p, each unit kept with probability p = Keep[l]  (dropout, training only)
//	Residual[l]: a^l = f(z^l) + a^{l−1}                                      (residual connection)
//
// Concurrency: Predict, Forward, PredictBatch and Cost only read the
// network, so any number of goroutines may call them at once on a network
// that nothing is changing (training, Update, the Set methods); so may
// ForwardBatch and BackpropBatch, each goroutine with its own Workspace and
// Grads (TestConcurrentPredict checks this under -race).
type MLP struct {
	Sizes []int
	W     []*Matrix
	B     [][]float64
	Act   []Activation

	Norm     []*BatchNorm
	Keep     []float64
	Residual []bool
}

// Init is a weight initialization scheme (notes §7). Biases start at 0.
type Init int

const (
	// XavierUniform (Glorot) draws w ~ U(−r, r) with r = √(6/(n_in + n_out)),
	// so Var w = 2/(n_in + n_out). For sigmoid and tanh layers.
	XavierUniform Init = iota
	// XavierNormal draws w ~ N(0, 2/(n_in + n_out)).
	XavierNormal
	// HeUniform (Kaiming) draws w ~ U(−r, r) with r = √(6/n_in), so
	// Var w = 2/n_in. For ReLU-family layers.
	HeUniform
	// HeNormal draws w ~ N(0, 2/n_in).
	HeNormal
)

// String returns the name of the Init.
func (init Init) String() string {
	switch init {
	case XavierUniform:
		return "xavier-uniform"
	case XavierNormal:
		return "xavier-normal"
	case HeUniform:
		return "he-uniform"
	case HeNormal:
		return "he-normal"
	}
	return fmt.Sprintf("Init(%d)", int(init))
}

// Variance returns the variance of the weights init draws for a layer with
// nIn inputs and nOut outputs.
func (init Init) Variance(nIn, nOut int) float64 {
	switch init {
	case XavierUniform, XavierNormal:
		return 2 / float64(nIn+nOut)
	case HeUniform, HeNormal:
		return 2 / float64(nIn)
	}
	panic(fmt.Sprintf("Init.Variance: unknown %v", init))
}

// draw returns one weight.
func (init Init) draw(rng *rand.Rand, nIn, nOut int) float64 {
	v := init.Variance(nIn, nOut)
	switch init {
	case XavierUniform, HeUniform:
		r := math.Sqrt(3 * v) // U(−r, r) has variance r²/3
		return (2*rng.Float64() - 1) * r
	default:
		return rng.NormFloat64() * math.Sqrt(v)
	}
}

// ErrConfig is wrapped by the errors New returns for an invalid architecture.
var ErrConfig = errors.New("invalid network configuration")

// New returns a network with layer sizes sizes[0] (inputs), sizes[1], …,
// sizes[L] (outputs) and activations acts[0] for layer 1 … acts[L−1] for
// layer L. Weights are drawn by init from rng; biases are 0.
//
// Each PReLU layer gets its own copy of the PReLU passed in, so its α is a
// parameter of that layer alone. Softmax is allowed only in the output
// layer, and only with at least 2 outputs (softmax of one number is 1).
// New returns an error wrapping ErrConfig if a size is not positive, there
// are fewer than 2 sizes, len(acts) ≠ len(sizes) − 1, or rng is nil.
func New(sizes []int, acts []Activation, init Init, rng *rand.Rand) (*MLP, error) {
	if len(sizes) < 2 {
		return nil, fmt.Errorf("%w: need at least 2 layer sizes (inputs and outputs), got %v", ErrConfig, sizes)
	}
	if len(acts) != len(sizes)-1 {
		return nil, fmt.Errorf("%w: %d layer sizes need %d activations, got %d", ErrConfig, len(sizes), len(sizes)-1, len(acts))
	}
	for l, n := range sizes {
		if n <= 0 {
			return nil, fmt.Errorf("%w: layer %d has size %d", ErrConfig, l, n)
		}
	}
	if rng == nil {
		return nil, fmt.Errorf("%w: rng is nil; weights are drawn from the caller's generator", ErrConfig)
	}
	if init < XavierUniform || init > HeNormal {
		return nil, fmt.Errorf("%w: unknown initialization %v", ErrConfig, init)
	}
	L := len(sizes) - 1
	net := &MLP{
		Sizes: append([]int(nil), sizes...),
		W:     make([]*Matrix, L+1),
		B:     make([][]float64, L+1),
		Act:   make([]Activation, L+1),
	}
	for l := 1; l <= L; l++ {
		f := acts[l-1]
		switch p := f.(type) {
		case nil:
			return nil, fmt.Errorf("%w: layer %d has no activation", ErrConfig, l)
		case Softmax:
			if l < L {
				return nil, fmt.Errorf("%w: softmax in hidden layer %d; it is only for the output layer", ErrConfig, l)
			}
			if sizes[L] < 2 {
				return nil, fmt.Errorf("%w: softmax output layer of 1 unit: its output is always 1, so nothing is learned; it needs ≥ 2 outputs (for two classes use 1 sigmoid output with BinaryCrossEntropy)", ErrConfig)
			}
		case *PReLU:
			f = NewPReLU(p.Alpha[0])
		}
		net.Act[l] = f
		net.W[l] = NewMatrix(sizes[l], sizes[l-1])
		for i := range net.W[l].Data {
			net.W[l].Data[i] = init.draw(rng, sizes[l-1], sizes[l])
		}
		net.B[l] = make([]float64, sizes[l])
	}
	return net, nil
}

// L returns the number of layers with weights (the notes' L).
func (net *MLP) L() int { return len(net.W) - 1 }

// Params returns the network's parameters as one list of slices that share
// storage with it: for l = 1 … L, W[l].Data, then B[l], then α of a PReLU
// layer, then γ and β of a batch-normalized layer. Grads.Params lists the
// gradients in the same order, so an optimizer or a clipping function can
// walk the two lists together.
func (net *MLP) Params() [][]float64 {
	var ps [][]float64
	for l := 1; l <= net.L(); l++ {
		ps = append(ps, net.W[l].Data, net.B[l])
		if p, ok := net.Act[l].(*PReLU); ok {
			ps = append(ps, p.Alpha[:])
		}
		if bn := net.norm(l); bn != nil {
			ps = append(ps, bn.Gamma, bn.Beta)
		}
	}
	return ps
}

// state lists every number that defines what net computes: Params, then the
// running statistics of batch normalization.
func (net *MLP) state() [][]float64 {
	ps := net.Params()
	for l := 1; l <= net.L(); l++ {
		if bn := net.norm(l); bn != nil {
			ps = append(ps, bn.Mean, bn.Var)
		}
	}
	return ps
}

// setParams makes the network compute with the parameters ps, a list in the
// order of Params: its slices are pointed at those of ps, and a PReLU's α,
// an array, is copied from its slice of ps.
func (net *MLP) setParams(ps [][]float64) {
	i := 0
	for l := 1; l <= net.L(); l++ {
		net.W[l].Data, net.B[l] = ps[i], ps[i+1]
		i += 2
		if p, ok := net.Act[l].(*PReLU); ok {
			p.Alpha[0] = ps[i][0]
			i++
		}
		if bn := net.norm(l); bn != nil {
			bn.Gamma, bn.Beta = ps[i], ps[i+1]
			i += 2
		}
	}
}

// updateStats folds the batch statistics of the last training-mode forward
// pass into the running statistics of every batch-normalized layer.
func (net *MLP) updateStats(ws *Workspace) {
	for l := 1; l <= net.L(); l++ {
		if bn := net.norm(l); bn != nil {
			bn.update(ws.mu[l], ws.vr[l], ws.Z[l].Rows)
		}
	}
}

// norm, keep and residual read the optional per-layer fields.
func (net *MLP) norm(l int) *BatchNorm {
	if net.Norm == nil {
		return nil
	}
	return net.Norm[l]
}

func (net *MLP) keep(l int) float64 {
	if net.Keep == nil || net.Keep[l] == 0 {
		return 1
	}
	return net.Keep[l]
}

func (net *MLP) residual(l int) bool { return net.Residual != nil && net.Residual[l] }

// Clone returns a deep copy of net.
func (net *MLP) Clone() *MLP {
	c := &MLP{
		Sizes: append([]int(nil), net.Sizes...),
		W:     make([]*Matrix, len(net.W)),
		B:     make([][]float64, len(net.B)),
		Act:   make([]Activation, len(net.Act)),
	}
	for l := 1; l <= net.L(); l++ {
		c.W[l] = net.W[l].Clone()
		c.B[l] = append([]float64(nil), net.B[l]...)
		c.Act[l] = net.Act[l]
		if p, ok := net.Act[l].(*PReLU); ok {
			c.Act[l] = NewPReLU(p.Alpha[0])
		}
	}
	if net.Norm != nil {
		c.Norm = make([]*BatchNorm, len(net.Norm))
		for l, bn := range net.Norm {
			if bn != nil {
				c.Norm[l] = bn.clone()
			}
		}
	}
	c.Keep = append([]float64(nil), net.Keep...)
	c.Residual = append([]bool(nil), net.Residual...)
	return c
}

// CopyParams sets every parameter of net, and the running statistics of
// its batch normalization, to those of src. It panics unless src has the
// same shape.
func (net *MLP) CopyParams(src *MLP) {
	dst, from := net.state(), src.state()
	if len(dst) != len(from) {
		panic(fmt.Sprintf("MLP.CopyParams: %d parameter slices but src has %d", len(dst), len(from)))
	}
	for i := range dst {
		if len(dst[i]) != len(from[i]) {
			panic(fmt.Sprintf("MLP.CopyParams: parameter %d has %d entries but src's has %d", i, len(dst[i]), len(from[i])))
		}
	}
	copyAll(dst, from)
}

// Forward runs the forward pass for one sample x (notes §5 step 1, §10):
//
//	for l = 1 … L:   z^l = W^l a^{l−1} + b^l,   a^l = f_l(z^l)
//
// It returns every z^l and a^l, indexed by layer: a[0] is x (not copied),
// z[0] is nil and a[L] is the output ŷ. It panics if len(x) ≠ Sizes[0].
//
// This is inference: a batch-normalized layer uses its running statistics,
// dropout drops nothing, and a residual layer adds a^{l−1} to f(z^l).
func (net *MLP) Forward(x []float64) (z, a [][]float64) {
	if len(x) != net.Sizes[0] {
		panic(fmt.Sprintf("MLP.Forward: network has %d inputs but len(x) = %d", net.Sizes[0], len(x)))
	}
	L := net.L()
	z = make([][]float64, L+1)
	a = make([][]float64, L+1)
	a[0] = x
	for l := 1; l <= L; l++ {
		// z^l = W^l a^{l−1} + b^l
		z[l] = MulVec(net.W[l], a[l-1])
		for j := range z[l] {
			z[l][j] += net.B[l][j]
		}
		if bn := net.norm(l); bn != nil {
			bn.infer(z[l], z[l])
		}
		// a^l = f(z^l)
		a[l] = make([]float64, len(z[l]))
		net.Act[l].Apply(a[l], z[l])
		if net.residual(l) {
			for j := range a[l] {
				a[l][j] += a[l-1][j]
			}
		}
	}
	return z, a
}

// Predict returns the network's output a^L for one sample x.
func (net *MLP) Predict(x []float64) []float64 {
	_, a := net.Forward(x)
	return a[net.L()]
}

// Workspace holds the batch forward pass's Z^l and A^l and the buffers of
// the batch backward pass, so that training allocates nothing once it has
// started. Make one with MLP.NewWorkspace; it serves batches of up to the
// size it was made for. A Workspace must not be used by two goroutines at once.
//
// Training selects the mode of a forward pass: when it is set, batch
// normalization uses the statistics of the batch, and dropout (if Rand is not
// nil) drops units. Otherwise the pass is inference, like MLP.Forward.
type Workspace struct {
	Training bool
	Rand     *rand.Rand // draws dropout masks in training mode; nil means no dropout

	cap   int
	Z, A  []*Matrix // Z[l] (input of f_l) and A[l] for the current batch; A[0] is the input batch
	Delta []*Matrix // Δ^l = ∂L/∂Z^l (∂L/∂U^l after batch normalization), one row per sample
	G     []*Matrix // ∂L/∂A^l, one row per sample
	Mask  []*Matrix // dropout masks: 0 or 1/p
	Xhat  []*Matrix // batch normalization: x̂ = (U − μ)/√(σ² + ε)
	mu    [][]float64
	vr    [][]float64 // batch variance σ²
}

// NewWorkspace returns a workspace for batches of at most m samples.
func (net *MLP) NewWorkspace(m int) *Workspace {
	if m <= 0 {
		panic(fmt.Sprintf("MLP.NewWorkspace: batch size %d", m))
	}
	L := net.L()
	ws := &Workspace{cap: m,
		Z: make([]*Matrix, L+1), A: make([]*Matrix, L+1),
		Delta: make([]*Matrix, L+1), G: make([]*Matrix, L+1),
		Mask: make([]*Matrix, L+1), Xhat: make([]*Matrix, L+1),
		mu: make([][]float64, L+1), vr: make([][]float64, L+1),
	}
	for l := 1; l <= L; l++ {
		n := net.Sizes[l]
		ws.Z[l], ws.A[l] = NewMatrix(m, n), NewMatrix(m, n)
		ws.Delta[l], ws.G[l] = NewMatrix(m, n), NewMatrix(m, n)
		if net.keep(l) < 1 {
			ws.Mask[l] = NewMatrix(m, n)
		}
		if net.norm(l) != nil {
			ws.Xhat[l] = NewMatrix(m, n)
			ws.mu[l], ws.vr[l] = make([]float64, n), make([]float64, n)
		}
	}
	return ws
}

// setRows makes every buffer of ws hold m rows (m ≤ its capacity).
func (ws *Workspace) setRows(m int) {
	for _, ms := range [][]*Matrix{ws.Z, ws.A, ws.Delta, ws.G, ws.Mask, ws.Xhat} {
		for _, M := range ms[1:] {
			if M != nil {
				M.Rows = m
				M.Data = M.Data[: m*M.Cols : cap(M.Data)]
			}
		}
	}
}

// ForwardBatch runs the forward pass for a batch X whose rows are samples,
// keeping every Z^l and A^l in ws for the backward pass:
//
//	for l = 1 … L:   Z^l = A^{l−1} (W^l)ᵀ + 1 (b^l)ᵀ,   A^l = f_l(Z^l) row by row
//
// Row i of Z^l and A^l is z^l and a^l of sample i. Batch normalization,
// dropout and residual connections apply as described at MLP, in the mode
// ws.Training selects. It returns A^L, which belongs to ws and is overwritten
// by its next use. It panics if X has the wrong number of columns or more
// rows than ws was made for.
func (net *MLP) ForwardBatch(ws *Workspace, X *Matrix) *Matrix {
	if X.Cols != net.Sizes[0] || X.Rows > ws.cap || len(ws.Z) != len(net.W) {
		panic(fmt.Sprintf("MLP.ForwardBatch: X is %s; network has %d inputs and %d layers, workspace takes %d rows and %d layers",
			shape(X), net.Sizes[0], net.L(), ws.cap, len(ws.Z)-1))
	}
	ws.setRows(X.Rows)
	ws.A[0] = X
	for l := 1; l <= net.L(); l++ {
		bn := net.norm(l)
		if (bn != nil && ws.Xhat[l] == nil) || (net.keep(l) < 1 && ws.Mask[l] == nil) {
			panic(fmt.Sprintf("MLP.ForwardBatch: the workspace was made before batch normalization or dropout was added to layer %d; make a new one", l))
		}
		if bn == nil {
			// Z^l = A^{l−1} (W^l)ᵀ + 1 (b^l)ᵀ
			LinearTo(ws.Z[l], ws.A[l-1], net.W[l], net.B[l])
		} else {
			// U^l = A^{l−1} (W^l)ᵀ + 1 (b^l)ᵀ,  Z^l = γ x̂ + β
			LinearTo(ws.Xhat[l], ws.A[l-1], net.W[l], net.B[l])
			if ws.Training {
				bn.forward(ws.Z[l], ws.Xhat[l], ws.mu[l], ws.vr[l])
			} else {
				for i := range X.Rows {
					bn.infer(ws.Z[l].Row(i), ws.Xhat[l].Row(i))
				}
			}
		}
		// A^l = f(Z^l)
		applyRows(net.Act[l], ws.A[l], ws.Z[l])
		if p := net.keep(l); p < 1 && ws.Training && ws.Rand != nil {
			dropout(ws.A[l], ws.Mask[l], p, ws.Rand)
		}
		if net.residual(l) {
			// A^l = f(Z^l) + A^{l−1}
			for k, v := range ws.A[l-1].Data {
				ws.A[l].Data[k] += v
			}
		}
	}
	return ws.A[net.L()]
}

// dropping reports whether the last ForwardBatch on ws dropped units of layer l.
func (ws *Workspace) dropping(net *MLP, l int) bool {
	return net.keep(l) < 1 && ws.Training && ws.Rand != nil
}

// PredictBatch returns the outputs for a batch X whose rows are samples, as a
// new matrix, in inference mode.
func (net *MLP) PredictBatch(X *Matrix) *Matrix {
	ws := net.NewWorkspace(max(X.Rows, 1))
	return net.ForwardBatch(ws, X).Clone()
}
