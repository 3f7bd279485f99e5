package nn

import (
	"errors"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestTrainRestoresBatchNormStats: when a step goes bad, batch
// normalization's running mean and variance go back with the weights to
// their values from before the last update, on both paths of the trainer.
// Catches: a trainer that saves or restores only the parameters, leaving the
// running statistics of the bad step (which inference would then use).
func TestTrainRestoresBatchNormStats(t *testing.T) {
	X, Y := XOR()
	for _, tt := range []struct {
		name string
		opt  Optimizer
	}{{"rule", &SGD{}}, {"Step", stepOnly{&SGD{}}}} {
		t.Run(tt.name, func(t *testing.T) {
			net := newNet(t, []int{2, 3, 1}, []Activation{Tanh{}, Identity{}}, XavierUniform, 5)
			if err := net.SetBatchNorm(1); err != nil {
				t.Fatal(err)
			}
			bn := net.Norm[1]
			var means, vars [][]float64 // after each good step
			cfg := TrainConfig{Loss: MSE{}, Optimizer: tt.opt, Schedule: Constant{1e150}, BatchSize: 2, Epochs: 50,
				OnStep: func(_, _ int, _, _ float64) {
					means = append(means, append([]float64(nil), bn.Mean...))
					vars = append(vars, append([]float64(nil), bn.Var...))
				}}
			_, err := net.Train(X, Y, cfg, rand.New(rand.NewPCG(1, 1)))
			if !errors.Is(err, ErrDiverged) || len(means) < 2 {
				t.Fatalf("error %v after %d steps, want ErrDiverged after at least 2", err, len(means))
			}
			// The weights kept are those before the last update, which the
			// step before it left: so are the statistics.
			k := len(means) - 2
			if diff := cmp.Diff(means[k], bn.Mean); diff != "" {
				t.Errorf("running mean after divergence (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(vars[k], bn.Var); diff != "" {
				t.Errorf("running variance after divergence (-want +got):\n%s", diff)
			}
		})
	}
}
