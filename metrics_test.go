package nn

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestConfusionMatrix(t *testing.T) {
	got := ConfusionMatrix([]int{0, 0, 1, 2, 2}, []int{0, 1, 1, 2, 0}, 3)
	want := [][]int{{1, 1, 0}, {0, 1, 0}, {1, 0, 1}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ConfusionMatrix (-want +got):\n%s", diff)
	}
}

// TestRSquared: the network ŷ = 2x + 1 (one identity unit) against targets
// written out, R² by its formula; a perfect column scores 1, a constant one
// 1 or 0, and the score is the mean over columns.
func TestRSquared(t *testing.T) {
	const tol = 1e-15 // relative: a few roundings of numbers near 1
	line := &MLP{Sizes: []int{1, 2}, W: []*Matrix{nil, FromRows([][]float64{{2}, {0}})}, B: [][]float64{nil, {1, 5}}, Act: []Activation{nil, Identity{}}}
	X := FromRows([][]float64{{0}, {1}, {2}})
	// ŷ = (1, 3, 5) in column 0, and 5 always in column 1.
	tests := []struct {
		name string
		Y    *Matrix
		want float64
	}{
		{"perfect, constant hit", FromRows([][]float64{{1, 5}, {3, 5}, {5, 5}}), 1},
		{"off by one once, constant hit", FromRows([][]float64{{1, 5}, {3, 5}, {6, 5}}),
			((1 - 1.0/((1-10.0/3)*(1-10.0/3)+(3-10.0/3)*(3-10.0/3)+(6-10.0/3)*(6-10.0/3))) + 1) / 2},
		{"perfect, constant missed", FromRows([][]float64{{1, 4}, {3, 4}, {5, 4}}), (1 + 0) / 2.0},
		{"worse than the mean", FromRows([][]float64{{5, 5}, {3, 5}, {1, 5}}), (1 - (16.0+0+16)/(4+0+4) + 1) / 2},
	}
	for _, tt := range tests {
		if got := RSquared(line, X, tt.Y); math.Abs(got-tt.want) > tol*math.Max(1, math.Abs(tt.want)) {
			t.Errorf("%s: RSquared = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestRSquaredColumns: R²_k of each column by its formula, with the
// constant column's 1 or 0, for predictions given directly.
func TestRSquaredColumns(t *testing.T) {
	const tol = 1e-15
	P := FromRows([][]float64{{1, 5}, {3, 5}, {5, 5}})
	tests := []struct {
		name string
		Y    *Matrix
		want []float64
	}{
		{"perfect, constant hit", FromRows([][]float64{{1, 5}, {3, 5}, {5, 5}}), []float64{1, 1}},
		{"worse than the mean, constant missed", FromRows([][]float64{{5, 4}, {3, 4}, {1, 4}}), []float64{1 - (16.0+0+16)/(4+0+4), 0}},
		{"off by one once", FromRows([][]float64{{1, 5}, {3, 5}, {6, 5}}),
			[]float64{1 - 1.0/((1-10.0/3)*(1-10.0/3)+(3-10.0/3)*(3-10.0/3)+(6-10.0/3)*(6-10.0/3)), 1}},
	}
	for _, tt := range tests {
		got := RSquaredColumns(P, tt.Y)
		for k := range tt.want {
			if math.Abs(got[k]-tt.want[k]) > tol*math.Max(1, math.Abs(tt.want[k])) {
				t.Errorf("%s: R²_%d = %v, want %v", tt.name, k, got[k], tt.want[k])
			}
		}
	}
}

// TestRSquaredColumnsConstant: equal targets whose mean rounds (three
// 0.1s: Σ y / m = 0.10000000000000002), and ten 1s, score 0 when missed
// and 1 when hit, not the −5e31 that a rounding error in Σ (y − ȳ)² gives.
func TestRSquaredColumnsConstant(t *testing.T) {
	for _, c := range []struct {
		m    int
		v, w float64 // the targets, a missing prediction
	}{{3, 0.1, 0.2}, {10, 1, 2}} {
		Y, miss := NewMatrix(c.m, 1), NewMatrix(c.m, 1)
		for i := range c.m {
			Y.Data[i], miss.Data[i] = c.v, c.w
		}
		if got := RSquaredColumns(miss, Y)[0]; got != 0 {
			t.Errorf("%d × %v: R² of a missed constant column = %v, want 0", c.m, c.v, got)
		}
		if got := RSquaredColumns(Y, Y)[0]; got != 1 {
			t.Errorf("%d × %v: R² of a hit constant column = %v, want 1", c.m, c.v, got)
		}
	}
}
