package nn

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// TestGradientCheckRemedies checks the backward pass through batch
// normalization (training mode, batch statistics), residual connections and
// PReLU, alone and together, against central differences of the batch loss.
func TestGradientCheckRemedies(t *testing.T) {
	tests := []struct {
		name   string
		hidden Activation
		bn     bool
		res    bool
	}{
		{"batchnorm/tanh", Tanh{}, true, false},
		{"batchnorm/sigmoid", Sigmoid{}, true, false},
		{"batchnorm/prelu", NewPReLU(0.25), true, false},
		{"residual/tanh", Tanh{}, false, true},
		{"residual/prelu", NewPReLU(0.25), false, true},
		{"residual+batchnorm/tanh", Tanh{}, true, true},
	}
	for ti, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var net *MLP
			var X, Y *Matrix
			for seed := uint64(0); ; seed++ {
				rng := rand.New(rand.NewPCG(uint64(100+ti), seed))
				net, X, Y = randomNet(t, rng, []int{3, 4, 4, 4, 3}, tt.hidden, Softmax{}, CrossEntropy{}, 6)
				for l := 1; l < net.L(); l++ {
					if tt.bn {
						if err := net.SetBatchNorm(l); err != nil {
							t.Fatal(err)
						}
						for j := range net.Norm[l].Gamma { // γ, β away from their start
							net.Norm[l].Gamma[j] = 1 + 0.3*rng.NormFloat64()
							net.Norm[l].Beta[j] = 0.3 * rng.NormFloat64()
						}
					}
					if tt.res && l >= 2 {
						if err := net.SetResidual(l); err != nil {
							t.Fatal(err)
						}
					}
				}
				if minAbsZBatch(net, X) > 1e-2 {
					break
				}
			}
			ws := net.NewWorkspace(X.Rows)
			ws.Training = true
			g := net.NewGrads()
			net.BackpropBatch(ws, X, Y, CrossEntropy{}, g)
			checkGrads(t, g, NumericalGrad(net, X, Y, CrossEntropy{}, 1e-4))
			if !tt.bn {
				// Without batch norm the per-sample pass must agree too.
				checkGrads(t, meanPerSample(net, X, Y, CrossEntropy{}), NumericalGrad(net, X, Y, CrossEntropy{}, 1e-4))
			}
		})
	}
}

// minAbsZBatch is minAbsZ for the training-mode batch pass (after batch norm).
func minAbsZBatch(net *MLP, X *Matrix) float64 {
	ws := net.NewWorkspace(X.Rows)
	ws.Training = true
	net.ForwardBatch(ws, X)
	m := math.Inf(1)
	for l := 1; l <= net.L(); l++ {
		for _, v := range ws.Z[l].Data {
			m = min(m, math.Abs(v))
		}
	}
	return m
}

// TestBatchNormStatistics checks one training step's batch statistics and
// running averages by hand, and that inference then uses the running ones.
func TestBatchNormStatistics(t *testing.T) {
	// One layer of 1 unit with w = 1, b = 0, so u = x; then a linear output.
	net := &MLP{Sizes: []int{1, 1, 1},
		W:   []*Matrix{nil, FromRows([][]float64{{1}}), FromRows([][]float64{{1}})},
		B:   [][]float64{nil, {0}, {0}},
		Act: []Activation{nil, Identity{}, Identity{}}}
	if err := net.SetBatchNorm(1); err != nil {
		t.Fatal(err)
	}
	bn := net.Norm[1]
	bn.Gamma[0], bn.Beta[0] = 2, 0.5
	X := FromRows([][]float64{{1}, {2}, {6}})
	ws := net.NewWorkspace(3)
	ws.Training = true
	net.ForwardBatch(ws, X)

	mu := (1.0 + 2 + 6) / 3                                   // 3
	vr := ((1-mu)*(1-mu) + (2-mu)*(2-mu) + (6-mu)*(6-mu)) / 3 // 14/3
	zhat := []float64{(1 - mu) / math.Sqrt(vr+1e-5), (2 - mu) / math.Sqrt(vr+1e-5), (6 - mu) / math.Sqrt(vr+1e-5)}
	want := []float64{2*zhat[0] + 0.5, 2*zhat[1] + 0.5, 2*zhat[2] + 0.5} // γ ẑ + β
	if diff := cmp.Diff(want, ws.Z[1].Data, closed); diff != "" {
		t.Errorf("training-mode batch norm (-want +got):\n%s", diff)
	}

	net.updateStats(ws)
	wantMean := 0.9*0 + 0.1*mu
	wantVar := 0.9*1 + 0.1*vr*3/2 // unbiased: σ²·m/(m − 1)
	if !cmp.Equal(bn.Mean[0], wantMean, closed) || !cmp.Equal(bn.Var[0], wantVar, closed) {
		t.Errorf("running mean, var = %v, %v; want %v, %v", bn.Mean[0], bn.Var[0], wantMean, wantVar)
	}
	// Inference: the running statistics, for the batch and one sample alike.
	inf := (6-wantMean)/math.Sqrt(wantVar+1e-5)*2 + 0.5
	if got := net.Predict([]float64{6})[0]; !cmp.Equal(got, inf, closed) {
		t.Errorf("inference output %v, want %v", got, inf)
	}
	if got := net.PredictBatch(X).At(2, 0); !cmp.Equal(got, inf, closed) {
		t.Errorf("batch inference output %v, want %v", got, inf)
	}
}

// TestDropout checks inverted dropout: in training about 1 − p of the units
// are zero and the rest are scaled by 1/p; at inference nothing is dropped;
// and backpropagation through a mask equals backpropagation through a
// network whose next-layer weights are multiplied by that mask.
func TestDropout(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	net, X, Y := randomNet(t, rng, []int{5, 400, 3}, Sigmoid{}, Softmax{}, CrossEntropy{}, 1)
	const p = 0.8
	if err := net.SetDropout(1, p); err != nil {
		t.Fatal(err)
	}
	ws := net.NewWorkspace(1)
	ws.Training, ws.Rand = true, rand.New(rand.NewPCG(1, 1))
	g := net.NewGrads()
	net.BackpropBatch(ws, X, Y, CrossEntropy{}, g)
	_, a := net.Forward(X.Row(0)) // inference: no dropout
	kept := 0
	for j, v := range ws.A[1].Data {
		switch ws.Mask[1].Data[j] {
		case 0:
			if v != 0 {
				t.Fatalf("dropped unit %d has output %v", j, v)
			}
		case 1 / p:
			kept++
			if !cmp.Equal(v, a[1][j]/p, closed) {
				t.Fatalf("kept unit %d: %v, want f(z)/p = %v", j, v, a[1][j]/p)
			}
		default:
			t.Fatalf("mask entry %v is neither 0 nor 1/p", ws.Mask[1].Data[j])
		}
	}
	// kept ~ Binomial(400, 0.8): mean 320, standard deviation 8; allow 4 of them.
	if kept < 320-32 || kept > 320+32 {
		t.Errorf("kept %d of 400 units, expected about 320", kept)
	}

	// The same gradient from a plain network with W² scaled by the mask.
	masked := net.Clone()
	masked.Keep = nil
	for j, mj := range ws.Mask[1].Data {
		for k := range masked.W[2].Rows {
			masked.W[2].Data[k*masked.W[2].Cols+j] *= mj
		}
	}
	want, _ := masked.Backprop(X.Row(0), Y.Row(0), CrossEntropy{})
	for j, mj := range ws.Mask[1].Data { // ∂L/∂W² of the dropout net sees f(z)·m
		for k := range want.W[2].Rows {
			want.W[2].Data[k*want.W[2].Cols+j] *= mj
		}
	}
	if diff := cmp.Diff(want.Params(), g.Params(), tight); diff != "" {
		t.Errorf("backprop through dropout (-want +got):\n%s", diff)
	}
}

func TestRemedySettingErrors(t *testing.T) {
	net, err := New([]int{4, 3, 3, 2}, []Activation{ReLU{}, ReLU{}, Softmax{}}, HeNormal, rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"dropout on the output", net.SetDropout(3, 0.5), "invalid network configuration: dropout on layer 3; hidden layers are 1 … 2"},
		{"dropout keep 0", net.SetDropout(1, 0), "invalid network configuration: dropout keep probability 0 for layer 1 must be in (0, 1]"},
		{"dropout keep 1.5", net.SetDropout(1, 1.5), "invalid network configuration: dropout keep probability 1.5 for layer 1 must be in (0, 1]"},
		{"residual into layer 1", net.SetResidual(1), "invalid network configuration: residual connection into layer 1; they join hidden layers 2 … 2 to the one before"},
		{"batch norm on the output", net.SetBatchNorm(3), "invalid network configuration: batch normalization on layer 3; hidden layers are 1 … 2"},
	}
	for _, tt := range tests {
		if tt.err == nil || tt.err.Error() != tt.want {
			t.Errorf("%s: %v, want %q", tt.name, tt.err, tt.want)
		}
	}
	wide, _ := New([]int{4, 3, 5, 2}, []Activation{ReLU{}, ReLU{}, Softmax{}}, HeNormal, rand.New(rand.NewPCG(1, 1)))
	if err := wide.SetResidual(2); err == nil || err.Error() != "invalid network configuration: residual connection into layer 2 needs n_2 = n_1, have 5 and 3" {
		t.Errorf("residual across widths: %v", err)
	}
}

func TestL2(t *testing.T) {
	net := HandXOR(1) // W¹ = [[1 1] [−1 −1]], W² = [[1 1]]
	if got, want := L2Penalty(net, 0.1), 0.1/2*(1+1+1+1+1+1); !cmp.Equal(got, want, closed) {
		t.Errorf("L2Penalty = %v, want %v", got, want)
	}
	g := net.NewGrads()
	AddL2Grad(g, net, 0.1)
	want := []float64{0.1, 0.1, -0.1, -0.1}
	if diff := cmp.Diff(want, g.W[1].Data, closed); diff != "" {
		t.Errorf("AddL2Grad (-want +got):\n%s", diff)
	}
	if g.B[1][0] != 0 {
		t.Errorf("AddL2Grad changed a bias gradient")
	}
}

func ExampleMLP_SetBatchNorm() {
	net, _ := New([]int{2, 3, 1}, []Activation{ReLU{}, Sigmoid{}}, HeNormal, rand.New(rand.NewPCG(1, 1)))
	fmt.Println(net.SetBatchNorm(1), net.SetDropout(1, 0.9), len(net.Params()))
	// Output:
	// <nil> <nil> 6
}

// TestDropoutOffAtInference (issue 16, item 18): with dropout set, every
// inference path is the network without dropout: PredictBatch, Classify and
// Model.Classify give row by row what Forward gives one sample at a time, and
// the validation loss Train reports is the mean loss of Forward's outputs
// with the weights training ended with.
func TestDropoutOffAtInference(t *testing.T) {
	// The batch kernels add in another order than MulVec, so the paths do
	// not give the same bits: outputs below 1 and a loss near 1, each after
	// sums of at most 16 products, differ by a few units of 2⁻⁵² (measured:
	// at most 1.5, in both builds). 1e−15 is 4.5 of them; a unit dropped
	// at inference changes the outputs by far more.
	approx := cmpopts.EquateApprox(0, 1e-15)
	rng := rand.New(rand.NewPCG(18, 1))
	net, X, Y := randomNet(t, rng, []int{4, 16, 16, 3}, Tanh{}, Softmax{}, CrossEntropy{}, 40)
	for l := 1; l < net.L(); l++ {
		if err := net.SetDropout(l, 0.5); err != nil {
			t.Fatal(err)
		}
	}
	forward := func(x []float64) []float64 { _, a := net.Forward(x); return a[net.L()] }

	P := net.PredictBatch(X)
	classes := Classify(net, X)
	m := &Model{Net: net, ClassNames: []string{"a", "b", "c"}}
	mClasses, mProbs := m.Classify(X)
	for i := range X.Rows {
		a := forward(X.Row(i))
		if diff := cmp.Diff(a, P.Row(i), approx); diff != "" {
			t.Errorf("sample %d: PredictBatch differs from Forward (-Forward +PredictBatch):\n%s", i, diff)
		}
		k := predicted(a)
		if classes[i] != k || mClasses[i] != k || !cmp.Equal(mProbs[i], a[k], approx) {
			t.Errorf("sample %d: Classify %d, Model.Classify %d (p = %v); Forward gives class %d (p = %v)",
				i, classes[i], mClasses[i], mProbs[i], k, a[k])
		}
	}

	cfg := TrainConfig{Loss: CrossEntropy{}, Optimizer: &SGD{}, Schedule: Constant{0.1}, BatchSize: 8, Epochs: 2, ValX: X, ValY: Y}
	h, err := net.Train(X, Y, cfg, rand.New(rand.NewPCG(18, 2)))
	if err != nil {
		t.Fatal(err)
	}
	want := 0.0
	for i := range X.Rows {
		z, a := net.Forward(X.Row(i))
		want += CrossEntropy{}.Value(z[net.L()], a[net.L()], Y.Row(i)) / float64(X.Rows)
	}
	if got := h.Epochs[len(h.Epochs)-1].ValLoss; !cmp.Equal(got, want, approx) {
		t.Errorf("validation loss %v, want the mean loss of Forward %v", got, want)
	}
}
