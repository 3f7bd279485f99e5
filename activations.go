package nn

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Activation is a layer's activation function a = f(z) (notes §2), applied to
// the n values of one sample's layer.
//
// Every activation but Softmax is element-wise and also implements
// Elementwise, which gives f and f′ one value at a time.
//
// The batch passes call Apply and Backward on disjoint parts of a batch from
// several goroutines at once (passes.go): an Activation must not change
// state of its own in them.
type Activation interface {
	// Apply sets a = f(z). a and z have the same length and may be the same slice.
	Apply(a, z []float64)
	// Backward sets δ = (∂a/∂z)ᵀ g, the error at z given g = ∂L/∂a. For an
	// element-wise f this is δ = g ⊙ f′(z) (§5 steps 3 and 4). a = f(z) is
	// passed so that it need not be recomputed. delta may be the same slice as g.
	Backward(delta, z, a, g []float64)
	String() string
}

// Elementwise is an activation applied to each unit on its own:
// a_j = f(z_j), and ∂a_j/∂z_k = 0 for j ≠ k.
type Elementwise interface {
	Activation
	F(z float64) float64     // f(z)
	Prime(z float64) float64 // f′(z)
}

// Prime returns f′(z) element-wise, the vector the notes multiply by in §5:
//
//	δ^l = ((W^{l+1})ᵀ δ^{l+1}) ⊙ f′(z^l)
//
// It panics if f is not element-wise (Softmax).
func Prime(f Activation, z []float64) []float64 {
	e, ok := f.(Elementwise)
	if !ok {
		panic(fmt.Sprintf("Prime: %v is not element-wise", f))
	}
	d := make([]float64, len(z))
	for j, zj := range z {
		d[j] = e.Prime(zj)
	}
	return d
}

// apply and backward implement Apply and Backward for any Elementwise f.
// They call f.F and f.Prime through the interface, once per element; the
// common activations (Sigmoid, Tanh, ReLU, LeakyReLU) write the same loops
// with their own F and Prime, which the compiler inlines.
func apply(f Elementwise, a, z []float64) {
	a = a[:len(z)]
	for j, zj := range z {
		a[j] = f.F(zj)
	}
}

func backward(f Elementwise, delta, z, g []float64) {
	delta, g = delta[:len(z)], g[:len(z)]
	for j, zj := range z {
		delta[j] = g[j] * f.Prime(zj)
	}
}

// Sigmoid is the logistic function (§2):
//
//	σ(z) = 1 / (1 + e^{−z}),   σ′(z) = σ(z)(1 − σ(z))
//
// Its range is (0, 1) and its derivative is at most 0.25, at z = 0.
type Sigmoid struct{}

// F returns σ(z), computed without overflow: for z < 0 it uses the form
// e^z / (1 + e^z). Special cases: σ(+Inf) = 1, σ(−Inf) = 0, σ(NaN) = NaN.
func (Sigmoid) F(z float64) float64 {
	if z >= 0 {
		return 1 / (1 + math.Exp(-z))
	}
	e := math.Exp(z)
	return e / (1 + e)
}

// Prime returns σ′(z) = σ(z)(1 − σ(z)) = σ(z)σ(−z), computed as
//
//	σ′(z) = e^{−|z|} / (1 + e^{−|z|})²
//
// the same value (σ′ is even, and σ(|z|)σ(−|z|) is this fraction) with one
// exponential instead of two. 1 − σ(z) would lose all its digits where σ(z)
// rounds to nearly 1 (at z = 20, σ(z)(1 − σ(z)) is off in the 8th digit);
// this form subtracts nothing. It is 0, not NaN, for z = ±Inf.
func (Sigmoid) Prime(z float64) float64 {
	e := math.Exp(-math.Abs(z))
	return e / ((1 + e) * (1 + e))
}

// Apply sets a = f(z), element by element.
func (s Sigmoid) Apply(a, z []float64) {
	a = a[:len(z)]
	for j, zj := range z {
		a[j] = s.F(zj)
	}
}

// Backward sets δ = g ⊙ f′(z).
func (s Sigmoid) Backward(delta, z, _, g []float64) {
	delta, g = delta[:len(z)], g[:len(z)]
	for j, zj := range z {
		delta[j] = g[j] * s.Prime(zj)
	}
}

// String returns the name of the Sigmoid.
func (Sigmoid) String() string { return "sigmoid" }

// Tanh is the hyperbolic tangent (§2):
//
//	tanh(z) = (e^z − e^{−z}) / (e^z + e^{−z}) = 2σ(2z) − 1,   tanh′(z) = 1 − tanh²(z)
//
// Its range is (−1, 1), it is zero-centred, and its derivative is at most 1, at z = 0.
type Tanh struct{}

// F returns tanh(z) using math.Tanh. Special cases: tanh(±Inf) = ±1.
func (Tanh) F(z float64) float64 { return math.Tanh(z) }

// Prime returns tanh′(z) = 1 − tanh²(z), computed as 1/cosh²(z): the same
// value, but 1 − tanh²(z) loses its digits where tanh(z) rounds to nearly ±1
// (it first becomes exactly 0 near z ≈ 19.06, where the true value is about
// 1.1e−16).
func (Tanh) Prime(z float64) float64 {
	c := math.Cosh(z)
	return 1 / (c * c)
}

// Apply sets a = f(z), element by element.
func (t Tanh) Apply(a, z []float64) {
	a = a[:len(z)]
	for j, zj := range z {
		a[j] = t.F(zj)
	}
}

// Backward sets δ = g ⊙ f′(z).
func (t Tanh) Backward(delta, z, _, g []float64) {
	delta, g = delta[:len(z)], g[:len(z)]
	for j, zj := range z {
		delta[j] = g[j] * t.Prime(zj)
	}
}

// String returns the name of the Tanh.
func (Tanh) String() string { return "tanh" }

// ReLU is the rectified linear unit (§2):
//
//	ReLU(z) = max(0, z),   ReLU′(z) = 1 if z > 0, else 0
//
// At the kink z = 0 the derivative is undefined; this package takes 0 there
// (the left derivative, as PyTorch does), so a unit whose pre-activation is
// exactly 0 passes no gradient.
type ReLU struct{}

// F returns max(0, z).
func (ReLU) F(z float64) float64 {
	if z > 0 {
		return z
	}
	return 0
}

// Prime returns 1 if z > 0, else 0 (including at z = 0).
func (ReLU) Prime(z float64) float64 {
	if z > 0 {
		return 1
	}
	return 0
}

// Apply sets a = f(z), element by element: a_j = z_j if z_j > 0, else 0,
// as F, but without a branch (see ifPositive).
func (ReLU) Apply(a, z []float64) {
	a = a[:len(z)]
	for j, zj := range z {
		a[j] = ifPositive(zj, zj)
	}
}

// Backward sets δ = g ⊙ f′(z): δ_j = g_j · (1 if z_j > 0, else 0), as
// Prime, but without a branch (see ifPositive).
func (ReLU) Backward(delta, z, _, g []float64) {
	delta, g = delta[:len(z)], g[:len(z)]
	for j, zj := range z {
		delta[j] = g[j] * ifPositive(1, zj)
	}
}

// ifPositive returns x if z > 0, else 0. It is ReLU's choice, made without a
// branch: it keeps or clears the bits of x with a mask, which the compiler
// sets with a conditional move. The signs of a layer's pre-activations
// follow no pattern the CPU could predict, and a branch on them was
// mispredicted so often that ReLU's loops ran 10× slower.
func ifPositive(x, z float64) float64 {
	var mask uint64
	if z > 0 {
		mask = math.MaxUint64
	}
	return math.Float64frombits(math.Float64bits(x) & mask)
}

// String returns the name of the ReLU.
func (ReLU) String() string { return "relu" }

// DefaultLeakySlope is the negative slope α of LeakyReLU when none is given.
const DefaultLeakySlope = 0.01

// LeakyReLU is ReLU with a small fixed slope α for z ≤ 0 (§2):
//
//	f(z) = z if z > 0, else αz,   f′(z) = 1 if z > 0, else α
//
// The zero value, LeakyReLU{}, has the notes' default slope
// α = DefaultLeakySlope = 0.01: Alpha = 0 means "the default", since a
// slope of 0 would be plain ReLU (use ReLU for that). At z = 0 the
// derivative is taken as α.
type LeakyReLU struct {
	Alpha float64 // slope for z ≤ 0; 0 means DefaultLeakySlope
}

// slope returns α: Alpha, or DefaultLeakySlope if Alpha is 0.
func (r LeakyReLU) slope() float64 {
	if r.Alpha == 0 {
		return DefaultLeakySlope
	}
	return r.Alpha
}

// F returns z if z > 0, else αz.
func (r LeakyReLU) F(z float64) float64 { return leaky(r.slope(), z) }

// Prime returns 1 if z > 0, else α.
func (r LeakyReLU) Prime(z float64) float64 { return leakyPrime(r.slope(), z) }

// leaky returns z if z > 0, else αz.
func leaky(alpha, z float64) float64 {
	if z > 0 {
		return z
	}
	return alpha * z
}

// leakyPrime returns 1 if z > 0, else α.
func leakyPrime(alpha, z float64) float64 {
	if z > 0 {
		return 1
	}
	return alpha
}

// Apply sets a = f(z), element by element.
func (r LeakyReLU) Apply(a, z []float64) {
	a, alpha := a[:len(z)], r.slope()
	for j, zj := range z {
		a[j] = leaky(alpha, zj)
	}
}

// Backward sets δ = g ⊙ f′(z).
func (r LeakyReLU) Backward(delta, z, _, g []float64) {
	delta, g, alpha := delta[:len(z)], g[:len(z)], r.slope()
	for j, zj := range z {
		delta[j] = g[j] * leakyPrime(alpha, zj)
	}
}

// String returns the name of the LeakyReLU.
func (r LeakyReLU) String() string { return fmt.Sprintf("leakyrelu(%g)", r.slope()) }

// PReLU is a leaky ReLU whose slope α is learned (§2). One α is shared by
// all units of a layer, as in PyTorch's default:
//
//	f(z) = z if z > 0, else αz
//	∂f/∂z = 1 if z > 0, else α
//	∂f/∂α = z if z ≤ 0, else 0
//
// α is a parameter of the network like the weights: New gives every PReLU
// layer its own, and MLP.Params lists it after the layer's W and b.
// Use NewPReLU to make one.
type PReLU struct {
	// Alpha[0] is α. It is an array of one so that the optimizer can update
	// it through the slice Alpha[:].
	Alpha [1]float64
}

// NewPReLU returns a PReLU with initial slope alpha (PyTorch starts at 0.25).
func NewPReLU(alpha float64) *PReLU { return &PReLU{Alpha: [1]float64{alpha}} }

// F returns z if z > 0, else αz.
func (p *PReLU) F(z float64) float64 { return leaky(p.Alpha[0], z) }

// Prime returns ∂f/∂z: 1 if z > 0, else α.
func (p *PReLU) Prime(z float64) float64 { return leakyPrime(p.Alpha[0], z) }

// AlphaGrad returns ∂L/∂α = Σ_j g_j ∂f(z_j)/∂α = Σ_{j: z_j ≤ 0} g_j z_j,
// given g = ∂L/∂a for one sample.
func (p *PReLU) AlphaGrad(z, g []float64) float64 {
	if len(z) != len(g) {
		panic(fmt.Sprintf("PReLU.AlphaGrad: len(z) = %d but len(g) = %d", len(z), len(g)))
	}
	s := 0.0
	for j, zj := range z {
		if zj <= 0 {
			s += g[j] * zj
		}
	}
	return s
}

// Apply sets a = f(z), element by element.
func (p *PReLU) Apply(a, z []float64) { apply(p, a, z) }

// Backward sets δ = g ⊙ f′(z).
func (p *PReLU) Backward(delta, z, _, g []float64) { backward(p, delta, z, g) }

// String returns the name of the PReLU.
func (p *PReLU) String() string { return fmt.Sprintf("prelu(%g)", p.Alpha[0]) }

// Identity is the linear activation f(z) = z, f′(z) = 1, for regression outputs.
type Identity struct{}

// F returns z.
func (Identity) F(z float64) float64 { return z }

// Prime returns 1.
func (Identity) Prime(float64) float64 { return 1 }

// Apply sets a = f(z), element by element.
func (f Identity) Apply(a, z []float64) { apply(f, a, z) }

// Backward sets δ = g ⊙ f′(z).
func (f Identity) Backward(delta, z, _, g []float64) { backward(f, delta, z, g) }

// String returns the name of the Identity.
func (Identity) String() string { return "identity" }

// Step is the perceptron's threshold function (§1):
//
//	step(z) = 1 if z > 0, else 0
//
// (the boundary z = 0 gives 0). Its derivative is 0 wherever it exists, so a
// network of step units cannot learn by backpropagation; Prime returns 0
// everywhere, including at z = 0 where the derivative does not exist.
type Step struct{}

// F returns 1 if z > 0, else 0.
func (Step) F(z float64) float64 {
	if z > 0 {
		return 1
	}
	return 0
}

// Prime returns 0.
func (Step) Prime(float64) float64 { return 0 }

// Apply sets a = f(z), element by element.
func (s Step) Apply(a, z []float64) { apply(s, a, z) }

// Backward sets δ = g ⊙ f′(z).
func (s Step) Backward(delta, z, _, g []float64) { backward(s, delta, z, g) }

// String returns the name of the Step.
func (Step) String() string { return "step" }

// Softmax turns a layer's pre-activations into a probability distribution
// (§2), for a multi-class output layer:
//
//	softmax(z)_k = e^{z_k} / Σ_j e^{z_j}
//
// It is not element-wise: each a_k depends on every z_j, with Jacobian
// ∂a_k/∂z_j = a_k([k = j] − a_j). New allows it only in the output layer.
type Softmax struct{}

// Apply sets a = softmax(z), computed as e^{z_k − max z} / Σ_j e^{z_j − max z},
// which is the same value but never overflows: softmax([1000, 1001, 1002])
// is finite and sums to 1. It panics if len(a) ≠ len(z).
func (Softmax) Apply(a, z []float64) {
	if len(a) != len(z) {
		panic(fmt.Sprintf("Softmax.Apply: len(a) = %d but len(z) = %d", len(a), len(z)))
	}
	zmax := math.Inf(-1)
	for _, zk := range z {
		zmax = max(zmax, zk)
	}
	sum := 0.0
	for k, zk := range z {
		a[k] = math.Exp(zk - zmax)
		sum += a[k]
	}
	for k := range a {
		a[k] /= sum
	}
}

// Backward sets δ = (∂a/∂z)ᵀ g for the softmax Jacobian:
//
//	δ_k = a_k (g_k − Σ_j g_j a_j)
//
// It panics unless delta, a and g have the same length.
func (Softmax) Backward(delta, _, a, g []float64) {
	if len(delta) != len(a) || len(g) != len(a) {
		panic(fmt.Sprintf("Softmax.Backward: len(delta) = %d, len(a) = %d, len(g) = %d; all must be equal", len(delta), len(a), len(g)))
	}
	s := Dot(g, a)
	for k, ak := range a {
		delta[k] = ak * (g[k] - s)
	}
}

// String returns the name of the Softmax.
func (Softmax) String() string { return "softmax" }

// SoftmaxOf returns softmax(z) as a new slice.
func SoftmaxOf(z []float64) []float64 {
	a := make([]float64, len(z))
	Softmax{}.Apply(a, z)
	return a
}

// activationByName returns the activation a model file names; alpha is the
// slope of leakyrelu and prelu, and softmax is only for the output layer.
func activationByName(name string, alpha *float64, output bool) (Activation, error) {
	switch name {
	case "leakyrelu", "prelu":
		if alpha == nil {
			return nil, fmt.Errorf("%s needs \"alpha\"", name)
		}
		if notFinite(*alpha) {
			return nil, fmt.Errorf("alpha %v is not finite", *alpha)
		}
		if name == "prelu" {
			return NewPReLU(*alpha), nil
		}
		return LeakyReLU{Alpha: *alpha}, nil
	}
	if alpha != nil {
		return nil, fmt.Errorf("%s has no \"alpha\"", name)
	}
	switch name {
	case "sigmoid":
		return Sigmoid{}, nil
	case "tanh":
		return Tanh{}, nil
	case "relu":
		return ReLU{}, nil
	case "identity":
		return Identity{}, nil
	case "step":
		return Step{}, nil
	case "softmax":
		if !output {
			return nil, errors.New("softmax is only for the output layer")
		}
		return Softmax{}, nil
	case "":
		return nil, errors.New("missing")
	}
	return nil, fmt.Errorf("unknown activation %q (want sigmoid, tanh, relu, leakyrelu, prelu, identity, step or softmax)", name)
}

// ParseActivation returns the activation named s, as the command line and
// Activation.String write it: "sigmoid", "tanh", "relu", "leakyrelu" (slope
// DefaultLeakySlope) or "leakyrelu(0.2)", "prelu" (α = 0.25 to start) or
// "prelu(0.1)", "identity", "step", "softmax".
func ParseActivation(s string) (Activation, error) {
	name, arg, hasArg := strings.Cut(strings.TrimSuffix(strings.TrimSpace(s), ")"), "(")
	var alpha *float64
	switch {
	case hasArg:
		v, err := strconv.ParseFloat(arg, 64)
		if err != nil || notFinite(v) {
			return nil, fmt.Errorf("activation %q: %q is not a slope", s, arg)
		}
		alpha = &v
	case name == "leakyrelu":
		v := DefaultLeakySlope
		alpha = &v
	case name == "prelu":
		v := 0.25
		alpha = &v
	}
	a, err := activationByName(name, alpha, true)
	if err != nil {
		return nil, fmt.Errorf("activation %q: %w", s, err)
	}
	return a, nil
}

// ParseLoss returns the loss named s, as Loss.String writes it: "mse",
// "cross-entropy" or "binary-cross-entropy".
func ParseLoss(s string) (Loss, error) {
	for _, l := range []Loss{MSE{}, CrossEntropy{}, BinaryCrossEntropy{}} {
		if strings.TrimSpace(s) == l.String() {
			return l, nil
		}
	}
	return nil, fmt.Errorf("loss %q: want mse, cross-entropy or binary-cross-entropy", s)
}

// LossError is the error of CheckLoss: the loss needs another output
// activation than the network has.
type LossError struct {
	Loss Loss
	Need Activation // the output activation Loss needs: Softmax{} or Sigmoid{}
	Out  Activation // the network's output activation
}

// Error names the loss and both activations.
func (e *LossError) Error() string {
	return fmt.Sprintf("%v loss needs a %v output layer, not %v", e.Loss, e.Need, e.Out)
}

// CheckLoss returns a *LossError if loss only works with another output
// activation than out: CrossEntropy needs Softmax (its δ^L = a^L − y, §5,
// holds for softmax alone) and BinaryCrossEntropy needs Sigmoid. Other
// losses (MSE) work with any output, and CheckLoss returns nil.
func CheckLoss(loss Loss, out Activation) error {
	var need Activation
	switch loss.(type) {
	case CrossEntropy:
		if _, ok := out.(Softmax); !ok {
			need = Softmax{}
		}
	case BinaryCrossEntropy:
		if _, ok := out.(Sigmoid); !ok {
			need = Sigmoid{}
		}
	}
	if need == nil {
		return nil
	}
	return &LossError{Loss: loss, Need: need, Out: out}
}
