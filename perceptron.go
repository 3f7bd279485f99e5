package nn

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// Perceptron is the binary linear classifier of notes §1. It predicts
//
//	ŷ = step(w·x + b) = 1 if w·x + b > 0, else 0
//
// and so learns the decision boundary w·x + b = 0.
type Perceptron struct {
	W []float64 // weights w, one per input
	B float64   // bias b
}

// NewPerceptron returns a perceptron with n inputs and w = 0, b = 0. It
// panics if n < 0.
func NewPerceptron(n int) *Perceptron {
	if n < 0 {
		panic(fmt.Sprintf("NewPerceptron: n = %d inputs; need n ≥ 0", n))
	}
	return &Perceptron{W: make([]float64, n)}
}

// Predict returns ŷ = step(w·x + b) (§1): 1 if w·x + b > 0, else 0.
// It panics if len(x) ≠ len(w).
func (p *Perceptron) Predict(x []float64) float64 {
	if len(x) != len(p.W) {
		panic(fmt.Sprintf("Perceptron.Predict: len(w) = %d but len(x) = %d", len(p.W), len(x)))
	}
	return Step{}.F(Dot(p.W, x) + p.B)
}

// Learn applies the perceptron learning rule to one sample (§1) and reports
// whether it changed w and b, which it does only when the prediction is wrong:
//
//	w ← w + η (y − ŷ) x
//	b ← b + η (y − ŷ)
//
// y is 0 or 1.
func (p *Perceptron) Learn(x []float64, y, eta float64) bool {
	yhat := p.Predict(x)
	if y == yhat {
		return false
	}
	for k := range p.W {
		p.W[k] += eta * (y - yhat) * x[k]
	}
	p.B += eta * (y - yhat)
	return true
}

// PerceptronResult reports how training went.
type PerceptronResult struct {
	Converged bool // an epoch passed without a mistake
	Epochs    int  // epochs run, including the last, mistake-free one if Converged
	Updates   int  // total number of updates (mistakes) over all epochs
}

// Train runs the learning rule over the samples (rows of X, labels y of 0 or
// 1) for at most maxEpochs epochs, stopping after the first epoch without a
// mistake. If rng is not nil the samples are visited in a new random order
// each epoch; otherwise in order. By the perceptron convergence theorem it
// converges on linearly separable data; on XOR (§8) it never does.
//
// It returns an error if the data are empty or their sizes disagree, a
// feature is NaN or infinite (every comparison with NaN is false, so no
// sample would ever count as a mistake and training would "converge"), a
// label is not 0 or 1, eta is not a finite number > 0, or maxEpochs < 1.
func (p *Perceptron) Train(X *Matrix, y []float64, eta float64, maxEpochs int, rng *rand.Rand) (PerceptronResult, error) {
	var r PerceptronResult
	switch {
	case X.Rows == 0:
		return r, fmt.Errorf("perceptron: no samples")
	case X.Rows != len(y):
		return r, fmt.Errorf("perceptron: %d samples but %d labels", X.Rows, len(y))
	case X.Cols != len(p.W):
		return r, fmt.Errorf("perceptron: samples have %d features but the perceptron has %d inputs", X.Cols, len(p.W))
	case !(eta > 0):
		return r, fmt.Errorf("perceptron: learning rate %v must be > 0", eta)
	case math.IsInf(eta, 0):
		return r, fmt.Errorf("perceptron: learning rate %v must be finite", eta)
	case maxEpochs < 1:
		return r, fmt.Errorf("perceptron: maxEpochs %d must be ≥ 1", maxEpochs)
	}
	for i := range X.Rows {
		for k, v := range X.Row(i) {
			if notFinite(v) {
				return r, fmt.Errorf("perceptron: feature %d of sample %d is %v; the data must be finite", k, i, v)
			}
		}
	}
	for i, yi := range y {
		if yi != 0 && yi != 1 {
			return r, fmt.Errorf("perceptron: label %d is %v, want 0 or 1", i, yi)
		}
	}
	order := make([]int, X.Rows)
	for i := range order {
		order[i] = i
	}
	for r.Epochs < maxEpochs {
		r.Epochs++
		if rng != nil {
			rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		}
		mistakes := 0
		for _, i := range order {
			if p.Learn(X.Row(i), y[i], eta) {
				mistakes++
			}
		}
		r.Updates += mistakes
		if mistakes == 0 {
			r.Converged = true
			break
		}
	}
	return r, nil
}
