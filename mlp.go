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
type MLP struct {
	Sizes []int
	W     []*Matrix
	B     [][]float64
	Act   []Activation
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
// parameter of that layer alone. Softmax is allowed only in the output layer.
// New returns an error wrapping ErrConfig if a size is not positive, there
// are fewer than 2 sizes, or len(acts) ≠ len(sizes) − 1.
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
// layer. Grads.Params lists the gradients in the same order, so an optimizer
// or a clipping function can walk the two lists together.
func (net *MLP) Params() [][]float64 {
	var ps [][]float64
	for l := 1; l <= net.L(); l++ {
		ps = append(ps, net.W[l].Data, net.B[l])
		if p, ok := net.Act[l].(*PReLU); ok {
			ps = append(ps, p.Alpha[:])
		}
	}
	return ps
}

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
	return c
}

// Forward runs the forward pass for one sample x (notes §5 step 1, §10):
//
//	for l = 1 … L:   z^l = W^l a^{l−1} + b^l,   a^l = f_l(z^l)
//
// It returns every z^l and a^l, indexed by layer: a[0] is x (not copied),
// z[0] is nil and a[L] is the output ŷ. It panics if len(x) ≠ Sizes[0].
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
		// a^l = f(z^l)
		a[l] = make([]float64, len(z[l]))
		net.Act[l].Apply(a[l], z[l])
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
type Workspace struct {
	cap   int
	Z, A  []*Matrix // Z[l], A[l] for the current batch; A[0] is the input batch
	Delta []*Matrix // Δ^l, one row per sample
	G     []*Matrix // ∂L/∂A^l, one row per sample
	alpha []float64 // per-layer scratch for PReLU's ∂L/∂α
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
	}
	for l := 1; l <= L; l++ {
		n := net.Sizes[l]
		ws.Z[l], ws.A[l] = NewMatrix(m, n), NewMatrix(m, n)
		ws.Delta[l], ws.G[l] = NewMatrix(m, n), NewMatrix(m, n)
	}
	return ws
}

// setRows makes every buffer of ws hold m rows (m ≤ its capacity).
func (ws *Workspace) setRows(m int) {
	for _, ms := range [][]*Matrix{ws.Z, ws.A, ws.Delta, ws.G} {
		for _, M := range ms {
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
// Row i of Z^l and A^l is z^l and a^l of sample i. It returns A^L, which
// belongs to ws and is overwritten by its next use. It panics if X has the
// wrong number of columns or more rows than ws was made for.
func (net *MLP) ForwardBatch(ws *Workspace, X *Matrix) *Matrix {
	if X.Cols != net.Sizes[0] || X.Rows > ws.cap || len(ws.Z) != len(net.W) {
		panic(fmt.Sprintf("MLP.ForwardBatch: X is %s; network has %d inputs and %d layers, workspace takes %d rows and %d layers",
			shape(X), net.Sizes[0], net.L(), ws.cap, len(ws.Z)-1))
	}
	ws.setRows(X.Rows)
	ws.A[0] = X
	for l := 1; l <= net.L(); l++ {
		LinearTo(ws.Z[l], ws.A[l-1], net.W[l], net.B[l])
		applyRows(net.Act[l], ws.A[l], ws.Z[l])
	}
	return ws.A[net.L()]
}

// applyRows sets A = f(Z) one row (sample) at a time.
func applyRows(f Activation, A, Z *Matrix) {
	if _, ok := f.(Elementwise); ok {
		f.Apply(A.Data, Z.Data)
		return
	}
	for i := range Z.Rows {
		f.Apply(A.Row(i), Z.Row(i))
	}
}

// PredictBatch returns the outputs for a batch X whose rows are samples, as a
// new matrix.
func (net *MLP) PredictBatch(X *Matrix) *Matrix {
	ws := net.NewWorkspace(max(X.Rows, 1))
	return net.ForwardBatch(ws, X).Clone()
}
