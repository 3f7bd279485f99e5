package nn

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

// -cpu: to compare GOMAXPROCS values, give each its own command (-cpu 1,
// then -cpu 2), not a list (-cpu 1,2). Go 1.26's testing runs each
// benchmark once before it sets GOMAXPROCS to the list's first value, and a
// benchmark written with b.Loop takes all its measure in that run, so its
// first value is measured at the GOMAXPROCS left by the run before: the
// list's last (golang/go#49980). With -cpu 1,2 both lines were measured at 2.

// The Fashion-MNIST network of the speed target: 784-256-128-10, batch 128.
var benchSizes = []int{784, 256, 128, 10}

const benchBatch = 128

func benchNet(b *testing.B) (*MLP, *Matrix, *Matrix) {
	b.Helper()
	rng := rand.New(rand.NewPCG(1, 1))
	net, err := New(benchSizes, []Activation{ReLU{}, ReLU{}, Softmax{}}, HeNormal, rng)
	if err != nil {
		b.Fatal(err)
	}
	X := NewMatrix(benchBatch, benchSizes[0])
	for i := range X.Data {
		X.Data[i] = rng.Float64()
	}
	labels := make([]int, benchBatch)
	for i := range labels {
		labels[i] = rng.IntN(10)
	}
	return net, X, OneHot(labels, 10)
}

// flops is the multiply-adds ×2 of one forward (1) or forward and backward (3) pass.
func flops(passes int) float64 {
	f := 0.0
	for l := 1; l < len(benchSizes); l++ {
		f += 2 * float64(benchBatch*benchSizes[l]*benchSizes[l-1])
	}
	return f * float64(passes)
}

func BenchmarkForwardBatch(b *testing.B) {
	net, X, _ := benchNet(b)
	ws := net.NewWorkspace(benchBatch)
	b.ReportAllocs()
	for b.Loop() {
		net.ForwardBatch(ws, X)
	}
	b.ReportMetric(float64(b.N)*flops(1)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
}

// BenchmarkBackpropBatch is one forward and backward pass: the gradient of a
// training step. (The backward pass skips Δ¹ W¹, the gradient with respect
// to the input, so it is slightly less than twice the forward work.)
func BenchmarkBackpropBatch(b *testing.B) {
	net, X, Y := benchNet(b)
	ws := net.NewWorkspace(benchBatch)
	g := net.NewGrads()
	b.ReportAllocs()
	for b.Loop() {
		net.BackpropBatch(ws, X, Y, CrossEntropy{}, g)
	}
	b.ReportMetric(float64(b.N)*flops(3)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
	b.ReportMetric(float64(b.N*benchBatch)/b.Elapsed().Seconds(), "samples/s")
}

// BenchmarkProducts times each product at the shapes of the first layer of
// the benchmark network, fast against plain, so their ratio is measured in
// one run.
func BenchmarkProducts(b *testing.B) {
	rng := rand.New(rand.NewPCG(2, 2))
	m, n, k := benchBatch, 256, 784
	A, W, D := randMatrix(rng, m, k), randMatrix(rng, n, k), randMatrix(rng, m, n)
	Z, G, GW := NewMatrix(m, n), NewMatrix(m, k), NewMatrix(n, k)
	cases := []struct {
		name string
		f    func()
	}{
		{"MulTTo/A·Wᵀ", func() { MulTTo(Z, A, W) }},
		{"MulT/A·Wᵀ/plain", func() { MulT(A, W) }},
		{"MulTo/Δ·W", func() { MulTo(G, D, W) }},
		{"Mul/Δ·W/plain", func() { Mul(D, W) }},
		{"TMulTo/Δᵀ·A", func() { TMulTo(GW, D, A) }},
		{"TMul/Δᵀ·A/plain", func() { TMul(D, A) }},
	}
	for _, c := range cases {
		b.Run(fmt.Sprintf("%s/%dx%dx%d", c.name, m, n, k), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				c.f()
			}
			b.ReportMetric(float64(b.N)*2*float64(m*n*k)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
		})
	}
}

// BenchmarkTrainXOR is the documented XOR run of cmd/nn: 5000 epochs of batch
// gradient descent on the 2-2-1 network.
func BenchmarkTrainXOR(b *testing.B) {
	X, Y := XOR()
	b.ReportAllocs()
	for b.Loop() {
		net, err := New([]int{2, 2, 1}, []Activation{Sigmoid{}, Sigmoid{}}, XavierUniform, rand.New(rand.NewPCG(xorSeed, 0)))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := net.TrainGD(X, Y, MSE{}, xorEta, xorEpochs, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTrainStep is one mini-batch step of Train on the benchmark
// network with Adam: backpropagation, the gradient norm, the copy of the last
// good weights, and the update. It should allocate nothing.
func BenchmarkTrainStep(b *testing.B) {
	net, X, Y := benchNet(b)
	t := net.newTrainer(TrainConfig{Loss: CrossEntropy{}, Optimizer: NewAdam()}, benchBatch, rand.New(rand.NewPCG(1, 1)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, ok := t.step(X, Y, 1e-3); !ok {
			b.Fatal("step diverged")
		}
	}
	b.ReportMetric(float64(b.N*benchBatch)/b.Elapsed().Seconds(), "samples/s")
}

// BenchmarkDigitsEpoch is one epoch of Train on the digits training set
// (1438 samples) with the network and settings of TestDigits.
func BenchmarkDigitsEpoch(b *testing.B) {
	s := loadSplit(b, "testdata/digits.csv.gz", false, 0.2, 1)
	net := newNet(b, []int{64, 256, 10}, []Activation{ReLU{}, Softmax{}}, HeNormal, 1)
	cfg := TrainConfig{Loss: CrossEntropy{}, Optimizer: NewAdam(), Schedule: Constant{1e-3}, BatchSize: 32, Epochs: 1, L2: 1e-4}
	rng := rand.New(rand.NewPCG(1, 1))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := net.Train(s.X, s.Y, cfg, rng); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*s.X.Rows)/b.Elapsed().Seconds(), "samples/s")
}

// BenchmarkKernels times every kernel this CPU runs (portable, and in the
// GOEXPERIMENT=simd build the vector ones) on the three products at the
// shapes of the first layer of the benchmark network, so that their ratios
// are measured in one run. Run it with -cpu 1, then -cpu 2, to see the
// split across cores (one value a command: see -cpu above).
func BenchmarkKernels(b *testing.B) {
	rng := rand.New(rand.NewPCG(2, 2))
	m, n, k := benchBatch, 256, 784
	A, W, D := randMatrix(rng, m, k), randMatrix(rng, n, k), randMatrix(rng, m, n)
	Z, G, GW := NewMatrix(m, n), NewMatrix(m, k), NewMatrix(n, k)
	bias := make([]float64, n)
	for _, kern := range kernels {
		for _, c := range []struct {
			name string
			j    job
		}{
			{"A·Wᵀ+b", job{kind: kindMulT, C: Z, A: A, B: W, bias: bias}},
			{"Δ·W", job{kind: kindMul, C: G, A: D, B: W}},
			{"Δᵀ·A", job{kind: kindTMul, C: GW, A: D, B: A}},
		} {
			b.Run(fmt.Sprintf("%v/%s", kern, c.name), func(b *testing.B) {
				j := c.j
				j.kern = kern
				b.ReportAllocs()
				for b.Loop() {
					run(j)
				}
				b.ReportMetric(float64(b.N)*2*float64(m*n*k)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
			})
		}
	}
}

// BenchmarkSmallNets times the small networks students train, for the ratios
// against PyTorch and scikit-learn in the README (bench/peers.py times
// those): XOR 2-2-1 for 10,000 epochs of batch gradient descent through
// TrainGD, and the digits network 64-32-10 for 100 epochs of Adam (η = 1e-3,
// batch 200, L2 1e-4, as scikit-learn's MLPClassifier defaults). Run it with
// -cpu 1, then -cpu 2 (see -cpu above): two cores must not be slower than one.
func BenchmarkSmallNets(b *testing.B) {
	b.Run("xor-2-2-1/10000-epochs", func(b *testing.B) {
		X, Y := XOR()
		b.ReportAllocs()
		for b.Loop() {
			net, err := New([]int{2, 2, 1}, []Activation{Sigmoid{}, Sigmoid{}}, XavierUniform, rand.New(rand.NewPCG(xorSeed, 0)))
			if err != nil {
				b.Fatal(err)
			}
			if _, err := net.TrainGD(X, Y, MSE{}, xorEta, 10000, nil); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("digits-64-32-10/100-epochs", func(b *testing.B) {
		s := loadSplit(b, "testdata/digits.csv.gz", false, 0.2, 1)
		cfg := TrainConfig{Loss: CrossEntropy{}, Optimizer: NewAdam(), Schedule: Constant{1e-3}, BatchSize: 200, Epochs: 100, L2: 1e-4}
		b.ReportAllocs()
		for b.Loop() {
			net := newNet(b, []int{64, 32, 10}, []Activation{ReLU{}, Softmax{}}, HeNormal, 1)
			cfg.Optimizer = NewAdam()
			if _, err := net.Train(s.X, s.Y, cfg, rand.New(rand.NewPCG(1, 1))); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkStepPhases times each phase of BenchmarkTrainStep on its own, on
// the benchmark network's shapes and data, so that -cpu 1 and -cpu 2 (see
// -cpu above) show which phases two cores speed up and which they do not:
// the products of the forward pass (Z^l = A^{l−1}·(W^l)ᵀ + b^l), the
// activations, the output layer's softmax and cross-entropy, the backward products (G^l = Δ^{l+1}·W^{l+1}
// and ∂L/∂W^l = (Δ^l)ᵀ·A^{l−1}), f′, the bias gradients, the gradient norm,
// and Adam's update with the copy of the weights before it (and without, to
// show what the copy costs).
func BenchmarkStepPhases(b *testing.B) {
	net, X, Y := benchNet(b)
	tr := net.newTrainer(TrainConfig{Loss: CrossEntropy{}, Optimizer: NewAdam()}, benchBatch, rand.New(rand.NewPCG(1, 1)))
	tr.step(X, Y, 1e-3) // fills the workspace and Adam's state
	ws, g, L := tr.ws, tr.g, net.L()
	type phase struct {
		name string
		f    func()
	}
	n := func(l int) float64 { return float64(net.Sizes[l]) }
	flops := map[string]float64{} // of the products, for GFLOP/s
	var phases []phase
	for l := 1; l <= L; l++ {
		name := fmt.Sprintf("forward/Z%d=A%d·W%dᵀ+b", l, l-1, l)
		flops[name] = 2 * benchBatch * n(l) * n(l-1)
		phases = append(phases, phase{name, func() { LinearTo(ws.Z[l], ws.A[l-1], net.W[l], net.B[l]) }})
	}
	phases = append(phases,
		phase{"forward/relu", func() { applyRows(net.Act[1], ws.A[1], ws.Z[1]); applyRows(net.Act[2], ws.A[2], ws.Z[2]) }},
		phase{"output/softmax+CE", func() {
			applyRows(net.Act[L], ws.A[L], ws.Z[L])
			softmaxCrossEntropyRows(ws.Delta[L], ws.Z[L], ws.A[L], Y)
		}},
	)
	for l := L - 1; l >= 1; l-- {
		name := fmt.Sprintf("backward/G%d=Δ%d·W%d", l, l+1, l+1)
		flops[name] = 2 * benchBatch * n(l) * n(l+1)
		phases = append(phases, phase{name, func() { MulTo(ws.G[l], ws.Delta[l+1], net.W[l+1]) }})
	}
	phases = append(phases, phase{"backward/relu′", func() {
		backwardRows(net.Act[2], ws.Delta[2], ws.Z[2], ws.A[2], ws.G[2])
		backwardRows(net.Act[1], ws.Delta[1], ws.Z[1], ws.A[1], ws.G[1])
	}})
	for l := L; l >= 1; l-- {
		name := fmt.Sprintf("grad/∂W%d=Δ%dᵀ·A%d", l, l, l-1)
		flops[name] = 2 * benchBatch * n(l) * n(l-1)
		phases = append(phases, phase{name, func() { TMulTo(g.W[l], ws.Delta[l], ws.A[l-1]) }})
	}
	phases = append(phases,
		phase{"grad/∂b=colsums", func() {
			for l := 1; l <= L; l++ {
				ColSumsTo(g.B[l], ws.Delta[l])
			}
		}},
		phase{"update/norm", func() { GlobalNorm(tr.all) }},
		phase{"update/copy+adam", func() {
			tr.rule.begin(len(tr.theta))
			n := len(tr.theta)
			updates.split(slabUpdate{tr.rule, tr.theta, tr.prev, tr.grad, 1e-9}, n, 8, n*updateCost)
		}},
		phase{"update/adam-alone", func() { // what the copy of the old weights costs: the difference
			tr.rule.begin(len(tr.theta))
			n := len(tr.theta)
			ruleAlone.split(ruleOnly{tr.rule, tr.theta, tr.grad, 1e-9}, n, 8, n*updateCost)
		}},
		phase{"whole step", func() { tr.step(X, Y, 1e-9) }},
	)
	for _, p := range phases {
		b.Run(p.name, func(b *testing.B) {
			for b.Loop() {
				p.f()
			}
			if f := flops[p.name]; f > 0 {
				b.ReportMetric(float64(b.N)*f/b.Elapsed().Seconds()/1e9, "GFLOP/s")
			}
		})
	}
}

// ruleOnly is a slabUpdate without the copy of the old weights, for
// BenchmarkStepPhases.
type ruleOnly struct {
	r        rule
	theta, g []float64
	eta      float64
}

func (u ruleOnly) run(lo, hi int) { u.r.update(u.theta[lo:hi], u.g[lo:hi], lo, u.eta) }

var ruleAlone pool[ruleOnly]

// BenchmarkStepInside times the phases of BenchmarkTrainStep inside the
// whole step, where BenchmarkStepPhases times each alone: what a phase costs
// depends on what ran before it (which CPU's cache holds its operands, and
// whether a worker still watches for work). Each phase that goes through a
// worker pool (the products, the element-wise passes, the optimizer's
// update) is timed from its call to its return; "rest" is everything else
// (the loss and the gradient norm among it, and the benchmark's own naming
// of each call, about 20 a step). Run it with -cpu 1, then
// -cpu 2 (see -cpu above), to compare one CPU with two, phase by phase.
func BenchmarkStepInside(b *testing.B) {
	net, X, Y := benchNet(b)
	tr := net.newTrainer(TrainConfig{Loss: CrossEntropy{}, Optimizer: NewAdam()}, benchBatch, rand.New(rand.NewPCG(1, 1)))
	ws, g, L := tr.ws, tr.g, net.L()
	// name returns the phase a pool's call computes, from what it writes.
	name := func(r any) string {
		j, ok := r.(job)
		if !ok {
			return "update" // the optimizer's update of the parameter slab
		}
		for l := 1; l <= L; l++ {
			switch {
			case j.kind == kindMulT && j.C == ws.Z[l]:
				return fmt.Sprintf("Z%d", l)
			case j.kind == kindApply && j.C == ws.A[l]:
				return fmt.Sprintf("f%d", l)
			case j.kind == kindMul && j.C == ws.G[l]:
				return fmt.Sprintf("G%d", l)
			case j.kind == kindBackward && j.C == ws.Delta[l]:
				return fmt.Sprintf("f′%d", l)
			case j.kind == kindTMul && j.C == g.W[l]:
				return fmt.Sprintf("∂W%d", l)
			case j.kind == kindColSums && &j.sums[0] == &g.B[l][0]:
				return fmt.Sprintf("∂b%d", l)
			}
		}
		b.Fatalf("a pool's call of kind %d that is not a phase of the step", j.kind)
		return ""
	}
	tr.step(X, Y, 1e-9) // fills the workspace and Adam's state
	spent := map[string]time.Duration{}
	var order []string
	splitTimer = func(r any, start time.Time) {
		d := time.Since(start)
		n := name(r)
		if _, ok := spent[n]; !ok {
			order = append(order, n)
		}
		spent[n] += d
	}
	defer func() { splitTimer = nil }()
	start := time.Now()
	for b.Loop() {
		tr.step(X, Y, 1e-9)
	}
	whole := time.Since(start)
	var pools time.Duration
	for _, n := range order {
		b.ReportMetric(float64(spent[n].Microseconds())/float64(b.N), "µs/"+n)
		pools += spent[n]
	}
	b.ReportMetric(float64((whole-pools).Microseconds())/float64(b.N), "µs/rest")
}
