package nn

import (
	"errors"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestTrainStop: TrainConfig.Stop ends training after the step where it
// returns true, with the weights of that step (with early stopping, those
// of the best epoch) and an error wrapping ErrStopped. Catches: a Stop that
// is not checked, checked only between epochs, or that leaves other weights.
func TestTrainStop(t *testing.T) {
	s := loadSplit(t, "testdata/iris.csv", true, 0.3, 1)
	const stopAt = 12 // steps: the 5th of epoch 2 with 7 steps an epoch
	cfg := func(patience int) (TrainConfig, *MLP, *[][][]float64) {
		net := newNet(t, []int{4, 6, 3}, []Activation{Tanh{}, Softmax{}}, XavierUniform, 3)
		var states [][][]float64 // the weights after each step
		return TrainConfig{Loss: CrossEntropy{}, Optimizer: NewAdam(), Schedule: Constant{0.01}, BatchSize: 16, Epochs: 5,
			ValX: s.Xv, ValY: s.Yv, Patience: patience,
			OnStep: func(int, int, float64, float64) { states = append(states, net.Clone().state()) },
			Stop:   func() bool { return len(states) == stopAt },
		}, net, &states
	}
	c, net, states := cfg(0)
	h, err := net.Train(s.X, s.Y, c, rand.New(rand.NewPCG(1, 1)))
	if !errors.Is(err, ErrStopped) {
		t.Fatalf("Train error %v, want ErrStopped", err)
	}
	if len(h.Epochs) != 2 || h.Epochs[1].Steps != stopAt-7 {
		t.Errorf("history has %d epochs, the last with %d steps; want 2 and %d", len(h.Epochs), h.Epochs[len(h.Epochs)-1].Steps, stopAt-7)
	}
	if diff := cmp.Diff((*states)[stopAt-1], net.state()); diff != "" {
		t.Errorf("weights after the stop differ from those of step %d:\n%s", stopAt, diff)
	}

	// With early stopping, the weights of the best (here the only) epoch.
	c, net, states = cfg(3)
	if _, err := net.Train(s.X, s.Y, c, rand.New(rand.NewPCG(1, 1))); !errors.Is(err, ErrStopped) {
		t.Fatalf("Train error %v, want ErrStopped", err)
	}
	if diff := cmp.Diff((*states)[6], net.state()); diff != "" {
		t.Errorf("weights after the stop differ from those of epoch 1:\n%s", diff)
	}
}
