package nn

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestStandardizer(t *testing.T) {
	train := FromRows([][]float64{{1, 5}, {3, 5}})
	s := FitStandardizer(train)
	// Means 2 and 5; deviations 1 and 0 (constant: only centred).
	got := s.Transform(FromRows([][]float64{{2, 5}, {4, 7}}))
	mean, std := []float64{2, 5}, []float64{1, 0}
	want := FromRows([][]float64{{(2 - mean[0]) / std[0], 5 - mean[1]}, {(4 - mean[0]) / std[0], 7 - mean[1]}})
	if diff := cmp.Diff(want, got, closed); diff != "" {
		t.Errorf("Transform (-want +got):\n%s", diff)
	}
	if train.At(0, 0) != 1 {
		t.Errorf("Transform changed its input")
	}
}

// TestStandardizerHuge: features near 1e300 give a finite deviation (the
// sum of squares would overflow) and standardize to ±1.
func TestStandardizerHuge(t *testing.T) {
	X := FromRows([][]float64{{1e300, 1}, {3e300, 3}})
	s := FitStandardizer(X)
	want := &Standardizer{Mean: []float64{2e300, 2}, Std: []float64{1e300, 1}}
	if diff := cmp.Diff(want, s, fixTol); diff != "" {
		t.Fatalf("FitStandardizer (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(FromRows([][]float64{{-1, -1}, {1, 1}}), s.Transform(X), fixTol); diff != "" {
		t.Errorf("Transform (-want +got):\n%s", diff)
	}
}
