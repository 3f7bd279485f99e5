package nn

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestTrainValidationOverflow: finite validation samples so large that the
// validation loss overflows end training with ErrDiverged, and with early
// stopping the network keeps the best epoch's weights. Catches: a NaN or
// +Inf validation loss that early stopping silently never beats, ending with
// BestEpoch 0 and no error.
func TestTrainValidationOverflow(t *testing.T) {
	X := NewMatrix(8, 1)
	Y := NewMatrix(8, 1)
	for i := range 8 {
		X.Set(i, 0, float64(i)/8)
		Y.Set(i, 0, 2*float64(i)/8)
	}
	ValX, ValY := NewMatrix(1, 1), NewMatrix(1, 1)
	ValX.Set(0, 0, 1e154) // (w·1e154)² overflows once |w| > 1.34, as w grows towards 2
	for _, patience := range []int{0, 1000} {
		net := newNet(t, []int{1, 1}, []Activation{Identity{}}, XavierUniform, 1)
		h, err := net.Train(X, Y, TrainConfig{Loss: MSE{}, Optimizer: &SGD{}, Schedule: Constant{0.5},
			BatchSize: 8, Epochs: 500, ValX: ValX, ValY: ValY, Patience: patience}, rand.New(rand.NewPCG(1, 2)))
		if !errors.Is(err, ErrDiverged) || !strings.Contains(err.Error(), "validation loss +Inf") {
			t.Fatalf("patience %d: Train error %v; want ErrDiverged naming the validation loss", patience, err)
		}
		t.Logf("patience %d: %v", patience, err)
		n := len(h.Epochs)
		want := n // without early stopping: the epoch that overflowed (its training loss was finite)
		if patience > 0 {
			want = 1 // with it: the epoch of the lowest finite validation loss
			for _, s := range h.Epochs[:n-1] {
				if s.ValLoss < h.Epochs[want-1].ValLoss {
					want = s.Epoch
				}
			}
		}
		if n < 2 || h.BestEpoch != want {
			t.Errorf("patience %d: BestEpoch %d after %d epochs; want %d after at least 2", patience, h.BestEpoch, n, want)
		}
		// The weights kept are those of that epoch: their validation loss is the one recorded then.
		if got, rec := net.Cost(ValX, ValY, MSE{}), h.Epochs[want-1].ValLoss; math.Abs(got-rec) > 1e-12*rec { // relative: the batch and per-sample passes may round differently
			t.Errorf("patience %d: validation loss of the weights kept %v, want %v as recorded at epoch %d", patience, got, rec, want)
		}
	}
}
