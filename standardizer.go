package nn

import (
	"fmt"
	"math"
)

// The Standardizer: each feature rescaled to mean 0 and standard deviation 1
// with the statistics of the training set.

// Standardizer rescales each feature to mean 0 and standard deviation 1,
// with the mean and deviation of the training set:
//
//	x_k ← (x_k − μ_k) / s_k
//
// A feature that is constant in the training set (s_k = 0) is only centred.
type Standardizer struct {
	Mean, Std []float64
}

// FitStandardizer computes the mean and (population) standard deviation of
// each column of X. Fit it on the training set only, and apply it to both.
// The deviation is computed in a form that does not overflow for features
// as large as 1e300:
//
//	s_k = M · √( Σ_i ((x_ik − μ_k)/M)² / m ),   M = max_i |x_ik − μ_k|
func FitStandardizer(X *Matrix) *Standardizer {
	s := &Standardizer{Mean: make([]float64, X.Cols), Std: make([]float64, X.Cols)}
	m := float64(X.Rows)
	for i := range X.Rows {
		for k, v := range X.Row(i) {
			s.Mean[k] += v / m
		}
	}
	M := make([]float64, X.Cols)
	for i := range X.Rows {
		for k, v := range X.Row(i) {
			M[k] = max(M[k], math.Abs(v-s.Mean[k]))
		}
	}
	for i := range X.Rows {
		for k, v := range X.Row(i) {
			if M[k] > 0 {
				d := (v - s.Mean[k]) / M[k]
				s.Std[k] += d * d / m
			}
		}
	}
	for k := range s.Std {
		s.Std[k] = M[k] * math.Sqrt(s.Std[k])
	}
	return s
}

// Transform returns a standardized copy of X. It panics if X has a
// different number of columns than the data s was fitted on.
func (s *Standardizer) Transform(X *Matrix) *Matrix {
	if X.Cols != len(s.Mean) {
		panic(fmt.Sprintf("Standardizer.Transform: fitted on %d features but X is %s", len(s.Mean), shape(X)))
	}
	Z := X.Clone()
	for i := range Z.Rows {
		for k, v := range Z.Row(i) {
			v -= s.Mean[k]
			if s.Std[k] > 0 {
				v /= s.Std[k]
			}
			Z.Data[i*Z.Cols+k] = v
		}
	}
	return Z
}
