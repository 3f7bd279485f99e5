package nn

import (
	"errors"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// stepOnly hides the rule methods of the optimizer it wraps, so that Train
// takes the path of any other optimizer: Step on the list of the parameters.
type stepOnly struct{ Optimizer }

// TestTrainKeepsGoodWeights: on both paths of the trainer (the package's
// optimizers, whose rule updates the parameter slab in parts, and any other
// optimizer, whose Step gets the list of parameters), a diverging run ends with the
// weights from before the last update, in the network's own slices; and a
// good run gives the same weights on both paths, in the network's own slices.
func TestTrainKeepsGoodWeights(t *testing.T) {
	X, Y := XOR()
	newNet := func() *MLP {
		return &MLP{Sizes: []int{2, 1}, W: []*Matrix{nil, FromRows([][]float64{{1, 1}})}, B: [][]float64{nil, {0}}, Act: []Activation{nil, Identity{}}}
	}
	for _, tt := range []struct {
		name string
		opt  func() Optimizer
	}{
		{"rule", func() Optimizer { return &SGD{} }},
		{"Step", func() Optimizer { return stepOnly{&SGD{}} }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			net := newNet()
			own := net.W[1].Data
			var snapshots [][][]float64
			cfg := TrainConfig{Loss: MSE{}, Optimizer: tt.opt(), Schedule: Constant{1e100}, BatchSize: 4, Epochs: 100,
				OnStep: func(_, _ int, _, _ float64) { snapshots = append(snapshots, net.Clone().state()) }}
			_, err := net.Train(X, Y, cfg, rand.New(rand.NewPCG(1, 1)))
			if !errors.Is(err, ErrDiverged) || len(snapshots) < 2 {
				t.Fatalf("error %v after %d steps, want ErrDiverged after at least 2", err, len(snapshots))
			}
			if diff := cmp.Diff(snapshots[len(snapshots)-2], net.state()); diff != "" {
				t.Errorf("weights after divergence (-want +got):\n%s", diff)
			}
			if &net.W[1].Data[0] != &own[0] {
				t.Errorf("after Train, W¹ is not the network's own slice")
			}
		})
	}
	var got [2][]float64
	for i, opt := range []Optimizer{NewAdam(), stepOnly{NewAdam()}} {
		net := newNet()
		own := net.W[1].Data
		cfg := TrainConfig{Loss: MSE{}, Optimizer: opt, Schedule: Constant{0.01}, BatchSize: 1, Epochs: 3}
		if _, err := net.Train(X, Y, cfg, rand.New(rand.NewPCG(1, 1))); err != nil {
			t.Fatal(err)
		}
		if &net.W[1].Data[0] != &own[0] {
			t.Errorf("%v: after Train, W¹ is not the network's own slice", opt)
		}
		got[i] = append(net.W[1].Data, net.B[1]...)
	}
	if diff := cmp.Diff(got[1], got[0]); diff != "" { // the same operations in the same order: equal bits
		t.Errorf("Adam: rule (-) and Step (+) give different weights:\n%s", diff)
	}
}
