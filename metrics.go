package nn

import "fmt"

// The metrics of a trained network: how often it classifies right, where it
// errs, and how much of a regression target it explains.

// Accuracy returns the fraction of the rows of X the network classifies as
// the rows of Y say: the largest output against the largest target (one-hot
// labels), or for a single output, output > 0.5 against target > 0.5.
// It panics unless X and Y have the same number of rows.
func Accuracy(net *MLP, X, Y *Matrix) float64 {
	if X.Rows != Y.Rows {
		panic(fmt.Sprintf("Accuracy: X is %s but Y is %s; want one target row per sample", shape(X), shape(Y)))
	}
	right := 0
	for i, c := range Classify(net, X) {
		if c == predicted(Y.Row(i)) {
			right++
		}
	}
	return float64(right) / float64(X.Rows)
}

// predicted returns the class of an output (or target) row: its largest
// entry, or for one entry whether it exceeds 0.5.
func predicted(a []float64) int {
	if len(a) == 1 {
		if a[0] > 0.5 {
			return 1
		}
		return 0
	}
	k := 0
	for j, v := range a {
		if v > a[k] {
			k = j
		}
	}
	return k
}

// Classify returns the predicted class of every row of X.
func Classify(net *MLP, X *Matrix) []int {
	P := net.PredictBatch(X)
	c := make([]int, X.Rows)
	for i := range c {
		c[i] = predicted(P.Row(i))
	}
	return c
}

// ConfusionMatrix returns counts C[true][predicted] for the given labels and
// predictions, over classes 0 … classes−1. It panics if the lengths differ or
// a label or prediction is outside 0 … classes−1.
func ConfusionMatrix(labels, predictions []int, classes int) [][]int {
	if len(labels) != len(predictions) {
		panic(fmt.Sprintf("ConfusionMatrix: %d labels but %d predictions", len(labels), len(predictions)))
	}
	C := make([][]int, max(classes, 0))
	for i := range C {
		C[i] = make([]int, classes)
	}
	for i, y := range labels {
		if p := predictions[i]; y < 0 || y >= classes || p < 0 || p >= classes {
			panic(fmt.Sprintf("ConfusionMatrix: sample %d has label %d and prediction %d; classes are 0 … %d", i, y, p, classes-1))
		}
		C[y][predictions[i]]++
	}
	return C
}

// RSquared returns the coefficient of determination of the network's
// predictions ŷ = net(x_i) for the targets in the rows of Y, for a
// regression set: the mean over the target columns of RSquaredColumns
// (scikit-learn's r2_score). 1 is a perfect fit, 0 is no better than
// predicting the mean, and it is negative when worse. R² does not change
// when a column of Y and the predictions are rescaled together, so it may be
// computed on standardized targets. It panics unless X and Y have the same
// number of rows, at least one, and Y one column per output.
func RSquared(net *MLP, X, Y *Matrix) float64 {
	if X.Rows != Y.Rows || X.Rows == 0 {
		panic(fmt.Sprintf("RSquared: X is %s but Y is %s; want one target row per sample, at least one", shape(X), shape(Y)))
	}
	P := net.PredictBatch(X)
	if P.Cols != Y.Cols {
		panic(fmt.Sprintf("RSquared: the network has %d outputs but Y is %s", P.Cols, shape(Y)))
	}
	r2 := 0.0
	for _, r := range RSquaredColumns(P, Y) {
		r2 += r
	}
	return r2 / float64(Y.Cols)
}

// RSquaredColumns returns the coefficient of determination of the
// predictions in the rows of P for the targets in the rows of Y, one per
// column k:
//
//	R²_k = 1 − Σ_i (y_ik − p_ik)² / Σ_i (y_ik − ȳ_k)²
//
// A column whose targets are all equal scores 1 if predicted exactly, else 0.
// It panics unless P and Y have the same shape, with at least one row.
func RSquaredColumns(P, Y *Matrix) []float64 {
	if P.Rows != Y.Rows || P.Cols != Y.Cols || Y.Rows == 0 {
		panic(fmt.Sprintf("RSquaredColumns: P is %s but Y is %s; want the same shape, at least one row", shape(P), shape(Y)))
	}
	r2 := make([]float64, Y.Cols)
	for k := range Y.Cols {
		// ȳ_k = Σ_i y_ik / m, summed first and divided once. The sum
		// overflows only for targets near 1e308/m, whose squares, far
		// earlier (from 1.4e154), already overflow Σ (y − ȳ)²: a guard
		// here would save nothing.
		sum := 0.0
		for i := range Y.Rows {
			sum += Y.At(i, k)
		}
		mean := sum / float64(Y.Rows)
		res, tot, constant := 0.0, 0.0, true
		for i := range Y.Rows {
			d, e := Y.At(i, k)-P.At(i, k), Y.At(i, k)-mean
			res += d * d
			tot += e * e
			constant = constant && Y.At(i, k) == Y.At(0, k)
		}
		// An equal column's mean need not be exact (three 0.1s sum to
		// 0.30000000000000004, a third of which is 0.10000000000000002),
		// so tot would be a rounding error: the column is recognised by
		// its values instead.
		switch {
		case !constant:
			r2[k] = 1 - res/tot
		case res == 0:
			r2[k] = 1
		}
	}
	return r2
}
