package nn

// Weight decay: an optimizer's WeightDecay reaches every parameter, AdamW's
// in PyTorch's form, while TrainConfig.L2 reaches the weights only.

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

// TestWeightDecayEveryParameter (issue 16 item 19, issue 19 items 14 and
// 15): an optimizer's WeightDecay decays every parameter (weights, biases,
// PReLU's α, batch norm's γ and β), AdamW's by θ ← θ − ηλθ with the step's η
// (PyTorch's form), stepped directly and inside Train, while TrainConfig.L2's
// gradient touches the weights only: the docs of Optimizer, SGD, Adam,
// NewAdamW, L2Penalty and TrainConfig.L2.
func TestWeightDecayEveryParameter(t *testing.T) {
	t.Run("SGD and Adam", decaysEverySlice)
	t.Run("AdamW", adamWDecaysEveryParameter)
	t.Run("L2", l2WeightsOnly)
}

// newDecayNet is a 2-3-1 network with PReLU and batch norm in its hidden
// layer, every parameter 1.
func newDecayNet(t *testing.T) *MLP {
	net, err := New([]int{2, 3, 1}, []Activation{&PReLU{Alpha: [1]float64{0.25}}, Sigmoid{}}, XavierNormal, rand.New(rand.NewPCG(1, 9)))
	if err != nil {
		t.Fatal(err)
	}
	if err := net.SetBatchNorm(1); err != nil {
		t.Fatal(err)
	}
	for _, p := range net.Params() {
		for i := range p {
			p[i] = 1
		}
	}
	return net
}

// decaysEverySlice: with a zero gradient, one step of SGD or Adam with
// WeightDecay moves every parameter slice below its start of 1.
func decaysEverySlice(t *testing.T) {
	zero := func(ps [][]float64) [][]float64 {
		g := make([][]float64, len(ps))
		for i, p := range ps {
			g[i] = make([]float64, len(p))
		}
		return g
	}
	const eta, lambda = 0.5, 0.1
	for _, o := range []Optimizer{&SGD{WeightDecay: lambda}, &Adam{Beta1: 0.9, Beta2: 0.999, Eps: 1e-8, WeightDecay: lambda}} {
		net := newDecayNet(t)
		ps := net.Params()
		o.Step(ps, zero(ps), eta)
		if len(ps) != 7 { // W¹, b¹, α, γ, β, W², b²
			t.Fatalf("%d parameter slices, want 7", len(ps))
		}
		for i, p := range ps {
			for _, v := range p {
				if v >= 1 {
					t.Errorf("%v: parameter slice %d not decayed: %v", o, i, p)
					break
				}
			}
		}
	}
}

// adamWDecaysEveryParameter: AdamW's decoupled decay θ ← θ − ηλθ reaches
// every parameter its doc promises it reaches, the biases, PReLU's α and
// batch normalization's γ and β as well as the weights, both when the
// optimizer is stepped directly and inside Train. At the first step
// m̂ = (1 − β₁)g/(1 − β₁) = g and v̂ = g², so each parameter becomes
//
//	θ₁ = θ₀ (1 − ηλ) − η g/(|g| + ε)
//
// With η = 0.1 and λ = 0.1 a parameter the decay skips is off by 0.01·θ₀.
func adamWDecaysEveryParameter(t *testing.T) {
	// A few roundings (one ulp is 2.2e-16 to 4.4e-16 here) of parameters
	// below 2, in whatever order the optimizer writes its rule.
	const tol = 2e-15
	const eta, lambda = 0.1, 0.1
	rng := rand.New(rand.NewPCG(19, 1))
	net, X, Y := randomNet(t, rng, []int{3, 4, 4, 2}, NewPReLU(0.25), Softmax{}, CrossEntropy{}, 1)
	if err := net.SetBatchNorm(2); err != nil {
		t.Fatal(err)
	}
	for _, p := range net.Params() { // no parameter starts at 0, where decay is invisible
		for k := range p {
			p[k] += 0.5
		}
	}
	names := paramNames(net)
	// The gradient Train computes for its one step: one sample, training mode.
	ws := net.NewWorkspace(1)
	ws.Training = true
	g := net.NewGrads()
	net.BackpropBatch(ws, X, Y, CrossEntropy{}, g)
	before := net.Clone()
	want := net.Clone().Params()
	for i, p := range want {
		for k, th := range p {
			gk := g.Params()[i][k]
			p[k] = th*(1-eta*lambda) - eta*gk/(math.Abs(gk)+1e-8)
		}
	}
	check := func(how string, got [][]float64) {
		t.Helper()
		for i, p := range got {
			for k, v := range p {
				if math.Abs(v-want[i][k]) > tol {
					t.Errorf("%s: %s[%d] = %v, want θ(1 − ηλ) − ηg/(|g| + ε) = %v (from θ = %v)",
						how, names[i], k, v, want[i][k], before.Params()[i][k])
				}
			}
		}
	}

	stepped := before.Clone()
	opt := NewAdamW()
	opt.WeightDecay = lambda
	opt.Step(stepped.Params(), g.Params(), eta)
	check("Step", stepped.Params())

	trained := before.Clone()
	opt = NewAdamW()
	opt.WeightDecay = lambda
	cfg := TrainConfig{Loss: CrossEntropy{}, Optimizer: opt, Schedule: Constant{eta}, BatchSize: 1, Epochs: 1}
	if _, err := trained.Train(X, Y, cfg, rand.New(rand.NewPCG(19, 2))); err != nil {
		t.Fatal(err)
	}
	check("Train", trained.Params())
}

// l2WeightsOnly: TrainConfig.L2's gradient λW is added to the weights'
// gradients, and to nothing else.
func l2WeightsOnly(t *testing.T) {
	const lambda = 0.1
	net := newDecayNet(t)
	g := net.NewGrads()
	net.BackpropBatch(net.NewWorkspace(2), FromRows([][]float64{{0, 1}, {1, 0}}), FromRows([][]float64{{0}, {1}}), MSE{}, g)
	before := g.Params()
	var was [][]float64
	for _, p := range before {
		was = append(was, append([]float64(nil), p...))
	}
	AddL2Grad(g, net, lambda)
	weights := map[int]bool{}
	for l := 1; l <= net.L(); l++ {
		for i, p := range g.Params() {
			if &p[0] == &g.W[l].Data[0] {
				weights[i] = true
			}
		}
	}
	for i, p := range g.Params() {
		for k := range p {
			if d := p[k] - was[i][k]; weights[i] && math.Abs(d-lambda) > 1e-15 || !weights[i] && d != 0 {
				t.Errorf("L2: slice %d (weights: %v) changed by %v", i, weights[i], d)
			}
		}
	}
	if len(weights) != 2 {
		t.Errorf("found %d weight slices among the gradients, want 2", len(weights))
	}
}

// paramNames names the slices of net.Params(), in their order: "W^1", "b^1", …
func paramNames(net *MLP) []string {
	var names []string
	for l := 1; l <= net.L(); l++ {
		names = append(names, "W^"+strconv.Itoa(l), "b^"+strconv.Itoa(l))
		if _, ok := net.Act[l].(*PReLU); ok {
			names = append(names, "α^"+strconv.Itoa(l))
		}
		if net.norm(l) != nil {
			names = append(names, "γ^"+strconv.Itoa(l), "β^"+strconv.Itoa(l))
		}
	}
	return names
}
