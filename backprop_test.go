package nn

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// handWorked holds the numbers of the §9 worked example (WorkedExample),
// written out by hand as the formulas of the notes.
type handWorked struct {
	z1, a1, z2, a2 []float64
	loss           float64
	d2, dA1, d1    []float64
	dW2, dW1       []float64
}

// byHand works out the §9 example without the library: W¹ = [[0.1, 0.4],
// [−0.3, 0.2]], b¹ = [0.05, −0.1], W² = [[0.7, −0.5]], b² = [0.2],
// x = [1, 0.5], y = [1], sigmoid units, L = ½(a² − y)².
func byHand() handWorked {
	σ := func(z float64) float64 { return 1 / (1 + math.Exp(-z)) }
	x, y := []float64{1.0, 0.5}, []float64{1}
	var h handWorked
	// Layer 1: z¹ = W¹x + b¹, a¹ = σ(z¹).
	h.z1 = []float64{0.1*x[0] + 0.4*x[1] + 0.05, -0.3*x[0] + 0.2*x[1] - 0.1}
	h.a1 = []float64{σ(h.z1[0]), σ(h.z1[1])}
	// Layer 2: z² = W²a¹ + b², a² = σ(z²).
	h.z2 = []float64{0.7*h.a1[0] - 0.5*h.a1[1] + 0.2}
	h.a2 = []float64{σ(h.z2[0])}
	h.loss = 0.5 * (h.a2[0] - y[0]) * (h.a2[0] - y[0])
	// Output weights: δ² = (a² − y) · σ′(z²), with σ′(z²) = σ(z²)(1 − σ(z²)).
	h.d2 = []float64{(h.a2[0] - y[0]) * h.a2[0] * (1 - h.a2[0])}
	// ∂L/∂W² = δ² (a¹)ᵀ, ∂L/∂b² = δ².
	h.dW2 = []float64{h.d2[0] * h.a1[0], h.d2[0] * h.a1[1]}
	// Hidden weights: ∂L/∂a¹ = (W²)ᵀ δ², δ¹ = ∂L/∂a¹ ⊙ σ′(z¹).
	h.dA1 = []float64{0.7 * h.d2[0], -0.5 * h.d2[0]}
	h.d1 = []float64{h.dA1[0] * h.a1[0] * (1 - h.a1[0]), h.dA1[1] * h.a1[1] * (1 - h.a1[1])}
	// ∂L/∂W¹ = δ¹ xᵀ, ∂L/∂b¹ = δ¹.
	h.dW1 = []float64{h.d1[0] * x[0], h.d1[0] * x[1], h.d1[1] * x[0], h.d1[1] * x[1]}
	return h
}

// TestWorkedExample3Layer is notes §9 with concrete numbers: 2 inputs, 2
// sigmoid hidden units, 1 sigmoid output, L = ½(a² − y)². Every intermediate
// value is written out below as the formula of the notes, and the library's
// forward and backward passes must give the same numbers.
func TestWorkedExample3Layer(t *testing.T) {
	net, x, y := WorkedExample()
	h := byHand()
	z1, a1, z2, a2, loss, d2, d1, dW2, dW1 := h.z1, h.a1, h.z2, h.a2, h.loss, h.d2, h.d1, h.dW2, h.dW1

	z, a := net.Forward(x)
	g, cost := net.Backprop(x, y, MSE{})
	tests := []struct {
		name      string
		got, want any
	}{
		{"z¹", z[1], z1}, {"a¹", a[1], a1}, {"z²", z[2], z2}, {"a²", a[2], a2},
		{"L", cost, loss},
		{"δ² = OutputDelta", OutputDelta(z[2], a[2], y, Sigmoid{}, MSE{}), d2},
		{"∂L/∂b² = δ²", g.B[2], d2}, {"∂L/∂W²", g.W[2].Data, dW2},
		{"∂L/∂b¹ = δ¹", g.B[1], d1}, {"∂L/∂W¹", g.W[1].Data, dW1},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, tt.got, closed); diff != "" {
			t.Errorf("%s mismatch (-want +got):\n%s", tt.name, diff)
		}
	}
	// And the second way the notes ask for: finite differences.
	X, Y := FromRows([][]float64{x}), FromRows([][]float64{y})
	checkGrads(t, g, NumericalGrad(net, X, Y, MSE{}, 1e-4))
}

// checkGrads fails if any gradient g differs from its central difference n by
// a relative error |g − n| / max(|g|, |n|, 1e-5) of 1e-6 or more. The
// fourth-order difference of NumericalGrad has rounding error about
// (18/12)·ε·C/h ≈ 3e-12·C at h = 1e-4, so for losses C up to ~3 it is good to
// 1e-11 absolute; the floor 1e-5 turns the test into that absolute bound for
// gradients near 0 (a bias before batch normalization has gradient exactly
// 0). A wrong term of the chain rule fails it by orders of magnitude.
func checkGrads(t *testing.T, got, num *Grads) {
	t.Helper()
	gs, ns := got.Params(), num.Params()
	if len(gs) != len(ns) {
		t.Fatalf("gradient has %d parameter slices, numerical %d", len(gs), len(ns))
	}
	worst := 0.0
	for i := range gs {
		for k := range gs[i] {
			e := math.Abs(gs[i][k]-ns[i][k]) / max(math.Abs(gs[i][k]), math.Abs(ns[i][k]), 1e-5)
			worst = max(worst, e)
			if e > 1e-6 {
				t.Errorf("parameter %d[%d]: backprop %v, central difference %v (relative error %.2g)", i, k, gs[i][k], ns[i][k], e)
				return
			}
		}
	}
	t.Logf("worst relative error %.2g", worst)
}

// randomNet returns a network of the given sizes with hidden activation
// hidden and output activation out, random weights and biases, and a batch
// of m random samples with targets suited to loss.
func randomNet(t *testing.T, rng *rand.Rand, sizes []int, hidden, out Activation, loss Loss, m int) (*MLP, *Matrix, *Matrix) {
	t.Helper()
	acts := make([]Activation, len(sizes)-1)
	for l := range acts {
		acts[l] = hidden
	}
	acts[len(acts)-1] = out
	net, err := New(sizes, acts, XavierNormal, rng)
	if err != nil {
		t.Fatal(err)
	}
	for l := 1; l <= net.L(); l++ {
		for j := range net.B[l] {
			net.B[l][j] = 0.3 * rng.NormFloat64()
		}
	}
	X := randMatrix(rng, m, sizes[0])
	nL := sizes[len(sizes)-1]
	Y := NewMatrix(m, nL)
	for i := range m {
		switch loss.(type) {
		case CrossEntropy:
			Y.Set(i, rng.IntN(nL), 1)
		case BinaryCrossEntropy:
			for k := range nL {
				Y.Set(i, k, float64(rng.IntN(2)))
			}
		default:
			for k := range nL {
				Y.Set(i, k, rng.NormFloat64())
			}
		}
	}
	return net, X, Y
}

// minAbsZ returns the smallest |z| of any unit on any sample: the distance
// of the data from the kink of the ReLU family.
func minAbsZ(net *MLP, X *Matrix) float64 {
	m := math.Inf(1)
	for i := range X.Rows {
		z, _ := net.Forward(X.Row(i))
		for l := 1; l < len(z); l++ {
			for _, v := range z[l] {
				m = min(m, math.Abs(v))
			}
		}
	}
	return m
}

// TestGradientCheck compares backprop with central differences for every
// activation (hidden and output) and every loss, on seeded random networks
// with 2 and 3 hidden layers and a batch of 5, through both the per-sample
// and the batch backward pass.
func TestGradientCheck(t *testing.T) {
	type combo struct {
		hidden, out Activation
		loss        Loss
	}
	var combos []combo
	hiddens := []Activation{Sigmoid{}, Tanh{}, ReLU{}, LeakyReLU{DefaultLeakySlope}, NewPReLU(0.25), Identity{}}
	for _, h := range hiddens {
		combos = append(combos, combo{h, Softmax{}, CrossEntropy{}}, combo{h, Sigmoid{}, BinaryCrossEntropy{}})
	}
	for _, out := range []Activation{Sigmoid{}, Tanh{}, ReLU{}, LeakyReLU{DefaultLeakySlope}, NewPReLU(0.25), Identity{}, Softmax{}} {
		combos = append(combos, combo{Tanh{}, out, MSE{}})
	}
	for ci, c := range combos {
		for _, sizes := range [][]int{{3, 4, 5, 3}, {4, 5, 3, 4, 2}} {
			name := fmt.Sprintf("%v-%v-%v/%d-layers", c.hidden, c.out, c.loss, len(sizes)-1)
			t.Run(name, func(t *testing.T) {
				// Draw until no unit is within 1e-2 of ReLU's kink, where
				// the stencil (θ ± 2h, h = 1e-4, inputs of order 1) could straddle it.
				var net *MLP
				var X, Y *Matrix
				for seed := uint64(0); ; seed++ {
					rng := rand.New(rand.NewPCG(uint64(ci), seed))
					net, X, Y = randomNet(t, rng, sizes, c.hidden, c.out, c.loss, 5)
					if minAbsZ(net, X) > 1e-2 {
						break
					}
				}
				if c.out == (ReLU{}) {
					// A dead output unit has gradient 0 both ways; make
					// sure most of the check is of live units.
					for l := range net.B[net.L()] {
						net.B[net.L()][l] += 2
					}
				}
				num := NumericalGrad(net, X, Y, c.loss, 1e-4)

				ws := net.NewWorkspace(X.Rows)
				batch := net.NewGrads()
				net.BackpropBatch(ws, X, Y, c.loss, batch)
				checkGrads(t, batch, num)

				checkGrads(t, meanPerSample(net, X, Y, c.loss), num)
			})
		}
	}
}

// meanPerSample returns the mean over the rows of X, Y of Backprop's gradients.
func meanPerSample(net *MLP, X, Y *Matrix, loss Loss) *Grads {
	mean := net.NewGrads()
	ms := mean.Params()
	for i := range X.Rows {
		g, _ := net.Backprop(X.Row(i), Y.Row(i), loss)
		for p, gp := range g.Params() {
			for k := range gp {
				ms[p][k] += gp[k] / float64(X.Rows)
			}
		}
	}
	return mean
}

// TestBatchEqualsPerSample: the batch backward pass gives the mean of the
// per-sample gradients, up to rounding (the sums run in another order), on
// random networks of every hidden activation, and the same loss.
func TestBatchEqualsPerSample(t *testing.T) {
	rounding := cmpopts.EquateApprox(1e-12, 1e-15)
	for i, h := range []Activation{Sigmoid{}, Tanh{}, ReLU{}, LeakyReLU{DefaultLeakySlope}, NewPReLU(0.1)} {
		rng := rand.New(rand.NewPCG(7, uint64(i)))
		net, X, Y := randomNet(t, rng, []int{6, 9, 7, 4}, h, Softmax{}, CrossEntropy{}, 11)
		ws := net.NewWorkspace(16) // larger than the batch: a short last batch
		g := net.NewGrads()
		cost := net.BackpropBatch(ws, X, Y, CrossEntropy{}, g)
		want := meanPerSample(net, X, Y, CrossEntropy{})
		if diff := cmp.Diff(want.Params(), g.Params(), rounding); diff != "" {
			t.Errorf("%v: batch gradients ≠ mean of per-sample ones (-want +got):\n%s", h, diff)
		}
		if c := net.Cost(X, Y, CrossEntropy{}); !cmp.Equal(c, cost, rounding) {
			t.Errorf("%v: batch loss %v, mean per-sample loss %v", h, cost, c)
		}
	}
}

func TestLossValues(t *testing.T) {
	z := []float64{0.5, -1, 2}
	a := SoftmaxOf(z)
	y := []float64{0, 0, 1}
	s := []float64{1 / (1 + math.Exp(-0.5)), 1 / (1 + math.Exp(1)), 1 / (1 + math.Exp(-2))}
	yb := []float64{1, 0, 1}
	tests := []struct {
		name      string
		got, want float64
	}{
		{"MSE ½‖a − y‖²", MSE{}.Value(nil, []float64{1, 2}, []float64{0, 4}), 0.5 * (1 + 4)},
		{"cross-entropy −Σ y log a", CrossEntropy{}.Value(z, a, y), -math.Log(a[2])},
		{"cross-entropy of a certain miss is finite", CrossEntropy{}.Value([]float64{-1000, 0}, nil, []float64{1, 0}), 1000},
		{"binary cross-entropy", BinaryCrossEntropy{}.Value(z, s, yb), -(math.Log(s[0]) + math.Log(1-s[1]) + math.Log(s[2]))},
		{"binary cross-entropy at z = 1000, y = 0", BinaryCrossEntropy{}.Value([]float64{1000}, nil, []float64{0}), 1000},
	}
	for _, tt := range tests {
		if !cmp.Equal(tt.got, tt.want, closed) {
			t.Errorf("%s = %v, want %v", tt.name, tt.got, tt.want)
		}
	}
}

func TestUpdate(t *testing.T) {
	net := HandXOR(1)
	g := net.NewGrads()
	for _, p := range g.Params() {
		for k := range p {
			p[k] = 1
		}
	}
	before := net.Clone()
	net.Update(g, 0.5)
	for i, p := range net.Params() {
		for k := range p {
			if want := before.Params()[i][k] - 0.5*1; !cmp.Equal(p[k], want, exact) {
				t.Fatalf("parameter %d[%d] = %v after a step, want θ − η·1 = %v", i, k, p[k], want)
			}
		}
	}
}

func TestNewErrors(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	tests := []struct {
		name  string
		sizes []int
		acts  []Activation
		want  string
	}{
		{"one size", []int{2}, nil, "invalid network configuration: need at least 2 layer sizes (inputs and outputs), got [2]"},
		{"acts", []int{2, 2}, nil, "invalid network configuration: 2 layer sizes need 1 activations, got 0"},
		{"zero width", []int{2, 0, 1}, []Activation{ReLU{}, ReLU{}}, "invalid network configuration: layer 1 has size 0"},
		{"hidden softmax", []int{2, 3, 1}, []Activation{Softmax{}, Sigmoid{}}, "invalid network configuration: softmax in hidden layer 1; it is only for the output layer"},
	}
	for _, tt := range tests {
		_, err := New(tt.sizes, tt.acts, XavierUniform, rng)
		if err == nil || err.Error() != tt.want {
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.want)
		}
	}
}

// TestInit checks the variance of each initialization against its formula
// on a 400×300 layer: the sample variance of n = 120000 draws has relative
// standard error √(2/n) ≈ 0.004 (normal) or less (uniform), so 2% is five of them.
func TestInit(t *testing.T) {
	for _, init := range []Init{XavierUniform, XavierNormal, HeUniform, HeNormal} {
		net, err := New([]int{300, 400}, []Activation{ReLU{}}, init, rand.New(rand.NewPCG(5, 5)))
		if err != nil {
			t.Fatal(err)
		}
		v := 0.0
		for _, w := range net.W[1].Data {
			v += w * w
		}
		v /= float64(len(net.W[1].Data))
		want := map[Init]float64{XavierUniform: 2.0 / 700, XavierNormal: 2.0 / 700, HeUniform: 2.0 / 300, HeNormal: 2.0 / 300}[init]
		if math.Abs(v-want) > 0.02*want {
			t.Errorf("%v: weight variance %v, want %v", init, v, want)
		}
	}
}

func TestPReLUIsPerLayer(t *testing.T) {
	p := NewPReLU(0.25)
	net, err := New([]int{2, 3, 3, 1}, []Activation{p, p, Identity{}}, HeNormal, rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		t.Fatal(err)
	}
	net.Act[1].(*PReLU).Alpha[0] = 0.5
	if a := net.Act[2].(*PReLU).Alpha[0]; a != 0.25 || p.Alpha[0] != 0.25 {
		t.Errorf("changing layer 1's α changed layer 2's (%v) or the caller's (%v)", a, p.Alpha[0])
	}
	if n := len(net.Params()); n != 8 {
		t.Errorf("len(Params) = %d, want 8 (W, b for 3 layers and α for 2)", n)
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
	net, err := New([]int{2, 4, 3}, []Activation{Tanh{}, Identity{}}, XavierNormal, rng)
	if err != nil {
		t.Fatal(err)
	}
	X, Y := NewMatrix(5, 2), NewMatrix(5, 3)
	for i := range X.Data {
		X.Data[i] = rng.NormFloat64()
	}
	for i := range Y.Data {
		Y.Data[i] = rng.NormFloat64()
	}
	P := NewMatrix(X.Rows, Y.Cols) // the predictions, row i = a for x_i
	for i := range X.Rows {
		copy(P.Row(i), net.Predict(X.Row(i)))
	}
	torch := 0.0 // torch.MSELoss()(p, y): Σ (p − y)² / (m n_L)
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
	got := net.Cost(X, Y, MSE{})
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
