package nn

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
)

// XOR returns the four XOR patterns of notes §8 as a 4×2 input batch X and
// a 4×1 target batch Y, in the order (0,0), (0,1), (1,0), (1,1).
func XOR() (X, Y *Matrix) {
	X = FromRows([][]float64{{0, 0}, {0, 1}, {1, 0}, {1, 1}})
	Y = FromRows([][]float64{{0}, {1}, {1}, {0}})
	return X, Y
}

// TruthTable is a boolean function of two inputs, as its outputs on
// (0,0), (0,1), (1,0), (1,1).
type TruthTable [4]bool

// Gate names for the sixteen truth tables of two inputs.
var gateNames = map[TruthTable]string{
	{false, false, false, true}:  "AND",
	{false, true, true, true}:    "OR",
	{true, true, true, false}:    "NAND",
	{true, false, false, false}:  "NOR",
	{false, true, true, false}:   "XOR",
	{true, false, false, true}:   "XNOR",
	{false, false, true, true}:   "x1",
	{false, true, false, true}:   "x2",
	{true, true, false, false}:   "NOT x1",
	{true, false, true, false}:   "NOT x2",
	{false, false, true, false}:  "x1 AND NOT x2",
	{false, true, false, false}:  "NOT x1 AND x2",
	{true, false, true, true}:    "x1 OR NOT x2",
	{true, true, false, true}:    "NOT x1 OR x2",
	{false, false, false, false}: "FALSE",
	{true, true, true, true}:     "TRUE",
}

// String returns the gate's name: AND, OR, NAND, NOR, XOR, XNOR, or a
// formula in x1 and x2 for the other ten.
func (t TruthTable) String() string { return gateNames[t] }

// Of returns the gate's name as String does, with its inputs named a and b
// instead of x1 and x2: TruthTable{true, true, false, true}.Of("h1", "h2")
// is "NOT h1 OR h2". Use it for a gate of other units, such as the output
// unit's gate of the hidden units.
func (t TruthTable) Of(a, b string) string {
	return strings.NewReplacer("x1", a, "x2", b).Replace(gateNames[t])
}

// Gates returns the truth table of every unit of layer l (1 … L) on the four
// XOR inputs, each unit's output thresholded at 0.5 for sigmoid-like units:
// unit j fires on an input when a^l_j > 0.5. It panics unless the network has 2 inputs.
//
// For a trained XOR network (§8) the hidden units are the two decision
// boundaries it has learned, typically OR and NAND, and the output unit
// their AND.
func (net *MLP) Gates(l int) []TruthTable {
	if net.Sizes[0] != 2 || l < 1 || l > net.L() {
		panic(fmt.Sprintf("MLP.Gates: layer %d of a network with sizes %v; need 2 inputs and 1 ≤ l ≤ %d", l, net.Sizes, net.L()))
	}
	X, _ := XOR()
	t := make([]TruthTable, net.Sizes[l])
	for i := range X.Rows {
		_, a := net.Forward(X.Row(i))
		for j, aj := range a[l] {
			t[j][i] = aj > 0.5
		}
	}
	return t
}

// OutputGate returns the gate the output unit of a 2-2-1 network computes
// of its two hidden units, each read as 0 or 1: the output layer run on the
// four corners h ∈ {0, 1}² (§8: for XOR, the AND of OR and NAND). It panics
// unless the network has 2 inputs, 2 hidden units and 1 output.
func (net *MLP) OutputGate() TruthTable {
	if len(net.Sizes) != 3 || net.Sizes[0] != 2 || net.Sizes[1] != 2 || net.Sizes[2] != 1 {
		panic(fmt.Sprintf("MLP.OutputGate: network has sizes %v; want 2-2-1", net.Sizes))
	}
	out := &MLP{Sizes: net.Sizes[1:], W: []*Matrix{nil, net.W[2]}, B: [][]float64{nil, net.B[2]}, Act: []Activation{nil, net.Act[2]}}
	return out.Gates(1)[0]
}

// HandXOR returns the 2-2-1 sigmoid network of §8 with weights set by hand,
// scaled by k: hidden unit 1 is OR, hidden unit 2 is NAND, and the output is
// their AND. Each unit is σ(k·(a threshold unit)), with the thresholds halfway
// between the inputs it must separate:
//
//	OR:   σ(k(x₁ + x₂ − ½))
//	NAND: σ(k(−x₁ − x₂ + 3/2))
//	AND:  σ(k(h₁ + h₂ − 3/2))
//
// As k grows, each unit approaches the step function of §1, so the network
// computes XOR exactly in the limit; at k = 20 every hidden unit is already
// within σ(−10) < e^{−10} ≈ 4.5e−5 of 0 or 1 on the four patterns (its
// pre-activation is at least k/2 = 10 from 0).
func HandXOR(k float64) *MLP {
	return &MLP{
		Sizes: []int{2, 2, 1},
		W:     []*Matrix{nil, FromRows([][]float64{{k, k}, {-k, -k}}), FromRows([][]float64{{k, k}})},
		B:     [][]float64{nil, {-k / 2, 3 * k / 2}, {-3 * k / 2}},
		Act:   []Activation{nil, Sigmoid{}, Sigmoid{}},
	}
}

// TrainGD trains net on the whole batch (X, Y) by plain gradient descent
// (§5 step 6, batch gradient descent of §6) for the given number of epochs:
// each epoch computes the gradient of the mean loss and takes one step
// θ ← θ − η ∇θ. It is Train with the whole data set as one batch and the SGD
// update rule without momentum (plain gradient descent; SGD in the sense of §6
// would take batches of one). If progress is not nil it is called after every
// epoch with the epoch (1 …) and the loss before that epoch's step.
//
// It returns the loss after the last step. Errors are Train's: a learning
// rate ≤ 0 is an ErrSettings, and a loss that becomes NaN or ±Inf stops
// training with ErrDiverged, net keeping the last weights whose loss was finite.
func (net *MLP) TrainGD(X, Y *Matrix, loss Loss, eta float64, epochs int, progress func(epoch int, loss float64)) (float64, error) {
	cfg := TrainConfig{Loss: loss, Optimizer: &SGD{}, Schedule: Constant{eta}, Epochs: epochs, untimed: true}
	if X != nil {
		cfg.BatchSize = X.Rows
	}
	if progress != nil {
		cfg.Progress = func(s EpochStats) { progress(s.Epoch, s.TrainLoss) }
	}
	// With one batch of all the samples, their order changes the gradient
	// only by rounding; the generator only shuffles them.
	if _, err := net.Train(X, Y, cfg, rand.New(rand.NewPCG(0, 0))); err != nil {
		return math.NaN(), err
	}
	return net.Cost(X, Y, loss), nil
}
