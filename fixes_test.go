package nn

// Tests of the cases of issue 7 that were made right rather than made errors
// (items 7, 13, 14, 16), and of FitStandardizer on huge features.

import (
	"math"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// fixTol compares values that a few roundings separate: relative 1e-14, and
// absolute 1e-300 so that an expected 0 matches only a value that is 0 in
// all but the last bits of the exponent range.
var fixTol = cmpopts.EquateApprox(1e-14, 1e-300)

// TestLeakyReLUZeroValue (item 7): LeakyReLU{} is the notes' leaky ReLU with
// α = 0.01, not plain ReLU; an explicit α is kept, and PReLU with α = 0 is
// still ReLU (its α is learned, and 0 is a value it may take).
func TestLeakyReLUZeroValue(t *testing.T) {
	tests := []struct {
		name      string
		got, want float64
	}{
		{"LeakyReLU{}(−2) = −0.02", LeakyReLU{}.F(-2), -2 * DefaultLeakySlope},
		{"LeakyReLU{}′(−2) = 0.01", LeakyReLU{}.Prime(-2), DefaultLeakySlope},
		{"LeakyReLU{}(3) = 3", LeakyReLU{}.F(3), 3},
		{"LeakyReLU{0.2}(−2) = −0.4", LeakyReLU{Alpha: 0.2}.F(-2), -2 * 0.2},
		{"PReLU(0)(−2) = 0", NewPReLU(0).F(-2), 0},
		{"PReLU(0)′(−2) = 0", NewPReLU(0).Prime(-2), 0},
	}
	for _, tt := range tests {
		if !cmp.Equal(tt.got, tt.want, fixTol) {
			t.Errorf("%s: got %v, want %v", tt.name, tt.got, tt.want)
		}
	}
	if got := (LeakyReLU{}).String(); got != "leakyrelu(0.01)" {
		t.Errorf("LeakyReLU{}.String() = %q, want leakyrelu(0.01)", got)
	}
}

// TestCrossEntropyShift (item 13): the loss is a function of the differences
// of the logits, so shifting every logit by c leaves it unchanged. Logits
// 1, 2, 3 and shifts up to 2⁵⁰ are exact in float64, so every row computes
// the same differences and must agree with the formula to a few roundings
// (exp, log, the sum: shiftTol). The old form (max z + log Σ) − z_k rounded
// log Σ to the spacing of max z: off by 1.3e−11 at c = 1e6.
func TestCrossEntropyShift(t *testing.T) {
	const shiftTol = 4e-16 // relative: ≈ 2 roundings of a value near 2.4
	z := []float64{1, 2, 3}
	const zMax = 3
	logSum := math.Log(math.Exp(z[0]-zMax) + math.Exp(z[1]-zMax) + math.Exp(z[2]-zMax))
	tests := []struct {
		name string
		y    []float64
		want float64
	}{
		{"class 0", []float64{1, 0, 0}, (zMax - z[0]) + logSum},
		{"class 2", []float64{0, 0, 1}, (zMax - z[2]) + logSum},
		{"soft target", []float64{0.5, 0.25, 0.25}, 0.5*((zMax-z[0])+logSum) + 0.25*((zMax-z[1])+logSum) + 0.25*((zMax-z[2])+logSum)},
	}
	for _, tt := range tests {
		for _, c := range []float64{0, 1e6, -1e9, 1 << 40, 1 << 50} {
			shifted := []float64{z[0] + c, z[1] + c, z[2] + c}
			got := CrossEntropy{}.Value(shifted, nil, tt.y)
			if math.Abs(got-tt.want) > shiftTol*tt.want {
				t.Errorf("%s: CrossEntropy.Value(z + %g) = %.17g, want %.17g (off by %.2g)", tt.name, c, got, tt.want, got-tt.want)
			}
		}
	}
}

// TestReduceOnPlateauCooldown (item 14) follows PyTorch's rule by hand:
// factor ½, patience 1, threshold 0, cooldown 2. After a reduction, bad
// epochs are not counted for 2 epochs; an improvement still sets the best.
func TestReduceOnPlateauCooldown(t *testing.T) {
	s := &ReduceOnPlateau{LR: 1, Factor: 0.5, Patience: 1, Cooldown: 2}
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		loss, want float64
		why        string
	}{
		{math.NaN(), 1, "epoch 0: the initial rate"},
		{1, 1, "best = 1"},
		{1, 1, "1 bad epoch"},
		{1, 0.5, "2 bad > patience: halve, cooldown 2"},
		{1, 0.5, "cooldown: not counted (without cooldown: 1 bad)"},
		{1, 0.5, "cooldown: not counted (without cooldown: 2 bad, halve)"},
		{1, 0.5, "1 bad"},
		{1, 0.25, "2 bad: halve, cooldown 2"},
		{0.9, 0.25, "cooldown, but best = 0.9"},
		{0.95, 0.25, "cooldown: not counted"},
		{0.95, 0.25, "1 bad"},
		{0.95, 0.125, "2 bad: halve"},
	}
	for e, st := range steps {
		if got := s.Rate(e, st.loss); !cmp.Equal(got, st.want, fixTol) {
			t.Errorf("epoch %d (%s): rate %v, want %v", e, st.why, got, st.want)
		}
	}
	// Epoch 0 starts again, cooldown included.
	if got := s.Rate(0, math.NaN()); got != 1 {
		t.Errorf("restart: rate %v, want 1", got)
	}
}

// TestConcurrentPredict (item 16): a trained network only reads its weights
// in Predict, Forward, PredictBatch and Cost, and in ForwardBatch and
// BackpropBatch given a Workspace and Grads of its own, so goroutines may share it. Run
// with -race: a write in any of them would be reported. Every goroutine must
// also get the answers of a plain sequential run.
func TestConcurrentPredict(t *testing.T) {
	rng := rand.New(rand.NewPCG(16, 1))
	net, err := New([]int{2, 8, 8, 2}, []Activation{NewPReLU(0.25), Tanh{}, Softmax{}}, HeNormal, rng)
	if err != nil {
		t.Fatal(err)
	}
	if err := net.SetBatchNorm(1); err != nil {
		t.Fatal(err)
	}
	if err := net.SetResidual(2); err != nil {
		t.Fatal(err)
	}
	X := NewMatrix(64, 2)
	labels := make([]int, 64)
	for i := range X.Rows {
		x, y := rng.Float64()*2-1, rng.Float64()*2-1
		X.Set(i, 0, x)
		X.Set(i, 1, y)
		if x*y > 0 {
			labels[i] = 1
		}
	}
	Y := OneHot(labels, 2)
	cfg := TrainConfig{Loss: CrossEntropy{}, Optimizer: NewAdam(), Schedule: Constant{0.01}, BatchSize: 16, Epochs: 5}
	if _, err := net.Train(X, Y, cfg, rng); err != nil {
		t.Fatal(err)
	}
	want := net.PredictBatch(X)
	wantCost := net.Cost(X, Y, CrossEntropy{})
	ws, wantGrads := net.NewWorkspace(X.Rows), net.NewGrads()
	ws.Training = true
	wantGradLoss := net.BackpropBatch(ws, X, Y, CrossEntropy{}, wantGrads)
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := range 8 {
		wg.Go(func() {
			for i := range X.Rows {
				var got []float64
				switch (g + i) % 3 {
				case 0:
					got = net.Predict(X.Row(i))
				case 1:
					_, a := net.Forward(X.Row(i))
					got = a[net.L()]
				case 2:
					got = net.PredictBatch(&Matrix{Rows: 1, Cols: 2, Data: X.Row(i)}).Row(0)
				}
				if !cmp.Equal(want.Row(i), got, fixTol) {
					errs <- "sample differs"
					return
				}
			}
			if !cmp.Equal(net.Cost(X, Y, CrossEntropy{}), wantCost, fixTol) {
				errs <- "cost differs"
			}
			// Batch passes with this goroutine's own Workspace and Grads.
			ws, g := net.NewWorkspace(X.Rows), net.NewGrads()
			if !cmp.Equal(net.ForwardBatch(ws, X), want, fixTol) {
				errs <- "ForwardBatch differs"
			}
			ws.Training = true
			if !cmp.Equal(net.BackpropBatch(ws, X, Y, CrossEntropy{}, g), wantGradLoss, fixTol) || !cmp.Equal(g, wantGrads, fixTol) {
				errs <- "BackpropBatch differs"
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
