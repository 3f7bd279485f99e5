package nn

import (
	"errors"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"testing"
)

// The documented XOR run (§8): the seed, learning rate and epochs of cmd/nn.
const (
	xorSeed   = 17
	xorEta    = 2.0
	xorEpochs = 5000
)

func trainXOR(t testing.TB, seed uint64) *MLP {
	t.Helper()
	X, Y := XOR()
	net, err := New([]int{2, 2, 1}, []Activation{Sigmoid{}, Sigmoid{}}, XavierUniform, rand.New(rand.NewPCG(seed, 0)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := net.TrainGD(X, Y, MSE{}, xorEta, xorEpochs, nil); err != nil {
		t.Fatal(err)
	}
	return net
}

// hiddenPair names the hidden units' gates in sorted order, "NAND+OR".
func hiddenPair(net *MLP) string {
	var names []string
	for _, g := range net.Gates(1) {
		names = append(names, g.String())
	}
	sort.Strings(names)
	return strings.Join(names, "+")
}

func TestXORDocumentedSeed(t *testing.T) {
	net := trainXOR(t, xorSeed)
	X, Y := XOR()
	for i := range X.Rows {
		if got := net.Predict(X.Row(i))[0]; (got > 0.5) != (Y.At(i, 0) == 1) {
			t.Errorf("XOR%v = %.4f, want %v", X.Row(i), got, Y.At(i, 0))
		}
	}
	if got := hiddenPair(net); got != "NAND+OR" {
		t.Errorf("hidden units learned %s, want the notes' NAND+OR", got)
	}
	if got := net.OutputGate().String(); got != "AND" {
		t.Errorf("output computes %s of the hidden units, want AND", got)
	}
}

// TestXORSeeds trains from 100 seeds and reports how many converge and which
// pairs of gates the hidden layer found. Every network that classifies XOR
// must have made it linearly separable: its output unit, read as a gate of
// the thresholded hidden units, computes XOR of the inputs.
func TestXORSeeds(t *testing.T) {
	if testing.Short() {
		t.Skip("trains 100 networks")
	}
	pairs := map[string]int{}
	converged := 0
	for seed := uint64(1); seed <= 100; seed++ {
		net := trainXOR(t, seed)
		if net.Gates(2)[0].String() != "XOR" {
			continue
		}
		converged++
		pairs[hiddenPair(net)]++
		h := net.Gates(1)
		out := net.OutputGate()
		var composed TruthTable
		for i := range 4 {
			k := 0
			if h[0][i] {
				k += 2
			}
			if h[1][i] {
				k++
			}
			composed[i] = out[k]
		}
		if composed.String() != "XOR" {
			t.Errorf("seed %d: hidden %s, output %s of them gives %s, not XOR", seed, hiddenPair(net), out, composed)
		}
	}
	t.Logf("%d of 100 seeds classify XOR after %d epochs at η = %g; hidden pairs: %v", converged, xorEpochs, xorEta, pairs)
	// About 80 converge (81 measured); the rest sit in the well-known local
	// minimum where one pattern stays near 0.5. Asserted: at least 60, five
	// binomial standard deviations √(100·0.8·0.2) = 4 below 80.
	if converged < 60 {
		t.Errorf("only %d of 100 seeds converged; about 80 do", converged)
	}
}

// TestHandXOR: the hand-set network with large weights has the truth tables
// the notes describe: OR and NAND hidden units, and XOR at the output.
func TestHandXOR(t *testing.T) {
	net := HandXOR(20)
	if got := hiddenPair(net); got != "NAND+OR" {
		t.Errorf("hidden units are %s, want NAND+OR", got)
	}
	if got := net.OutputGate().String(); got != "AND" {
		t.Errorf("output is %s of the hidden units, want AND", got)
	}
	X, Y := XOR()
	for i := range X.Rows {
		// Each unit's |z| ≥ k/2 = 10, so each is within σ(−10) of 0 or 1, and
		// the output within σ(−10 + 2·20·σ(−10)) < 1e-4 + … of its target.
		if got := net.Predict(X.Row(i))[0]; math.Abs(got-Y.At(i, 0)) > 1e-4 {
			t.Errorf("XOR%v = %v, want %v", X.Row(i), got, Y.At(i, 0))
		}
	}
	// The trained network's gates agree with the hand-set one's.
	trained := trainXOR(t, xorSeed)
	if hiddenPair(trained) != hiddenPair(net) || trained.Gates(2)[0] != net.Gates(2)[0] {
		t.Errorf("trained gates %s → %v, hand-set %s → %v", hiddenPair(trained), trained.Gates(2), hiddenPair(net), net.Gates(2))
	}
}

func TestTrainGDErrors(t *testing.T) {
	X, Y := XOR()
	net := HandXOR(1)
	if _, err := net.TrainGD(X, Y, MSE{}, 0, 10, nil); err == nil || !strings.Contains(err.Error(), "learning rate 0") {
		t.Errorf("η = 0: error %v", err)
	}
	// A huge learning rate on a linear output makes the loss overflow; the
	// network keeps the last weights whose loss was finite.
	lin := &MLP{Sizes: []int{2, 1}, W: []*Matrix{nil, FromRows([][]float64{{1, 1}})}, B: [][]float64{nil, {0}}, Act: []Activation{nil, Identity{}}}
	_, err := lin.TrainGD(X, Y, MSE{}, 1e150, 100, nil)
	if !errors.Is(err, ErrDiverged) || !strings.Contains(err.Error(), "loss +Inf") {
		t.Fatalf("diverging run: error %v", err)
	}
	if c := lin.Cost(X, Y, MSE{}); math.IsInf(c, 0) || math.IsNaN(c) {
		t.Errorf("after divergence the loss is %v; want the last finite one", c)
	}
}

// TestTruthTableOf: Of names a gate's inputs as asked, and with x1 and x2
// gives String's names, for all sixteen tables.
func TestTruthTableOf(t *testing.T) {
	if got, want := (TruthTable{true, true, false, true}).Of("h1", "h2"), "NOT h1 OR h2"; got != want {
		t.Errorf(`Of("h1", "h2") = %q, want %q`, got, want)
	}
	if got, want := (TruthTable{false, false, true, false}).Of("h1", "h2"), "h1 AND NOT h2"; got != want {
		t.Errorf(`Of("h1", "h2") = %q, want %q`, got, want)
	}
	for tt, name := range gateNames {
		if got := tt.Of("x1", "x2"); got != name || got != tt.String() {
			t.Errorf("%v.Of(x1, x2) = %q, want %q", tt, got, name)
		}
	}
}

// TestHandXORMargin: at k = 20 every hidden unit of HandXOR is within
// e^{−10} ≈ 4.5e−5 of 0 or 1 on the four patterns, and some unit is no
// closer than e^{−10.1} (so e^{−10} is the bound, not e^{−5}): HandXOR's doc.
func TestHandXORMargin(t *testing.T) {
	net := HandXOR(20)
	X, _ := XOR()
	worst := 0.0
	for i := range X.Rows {
		_, a := net.Forward(X.Row(i))
		for _, h := range a[1] {
			worst = math.Max(worst, math.Min(h, 1-h))
		}
	}
	if worst > math.Exp(-10) || worst < math.Exp(-10.1) {
		t.Errorf("largest distance of a hidden unit from 0 or 1: %v, want within [e^−10.1, e^−10] = [%v, %v]", worst, math.Exp(-10.1), math.Exp(-10))
	}
}
