package nn

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

// TestAdamWDecaysEveryParameter (issue 16, item 19): AdamW's decoupled decay
// θ ← θ − ηλθ reaches every parameter its doc promises it reaches, the biases,
// PReLU's α and batch normalization's γ and β as well as the weights, both
// when the optimizer is stepped directly and inside Train. At the first step
// m̂ = (1 − β₁)g/(1 − β₁) = g and v̂ = g², so each parameter becomes
//
//	θ₁ = θ₀ (1 − ηλ) − η g/(|g| + ε)
//
// With η = 0.1 and λ = 0.1 a parameter the decay skips is off by 0.01·θ₀.
func TestAdamWDecaysEveryParameter(t *testing.T) {
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
