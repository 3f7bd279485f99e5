package nn

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
)

// The data set: samples with class labels or numeric targets, and its splits
// into a training and a test set. csv.go reads one from a file.

// Dataset is a data set: row i of X holds the features of sample i, and
// either Labels[i] its class (classification) or row i of Y its numeric
// targets (regression), or neither (inputs only, as CSVOptions.NoLabel reads).
type Dataset struct {
	X *Matrix
	// Classification: Labels[i] in 0 … Classes−1 indexes ClassNames; Y is nil.
	Labels     []int
	Classes    int
	ClassNames []string // len Classes; the distinct labels as written in the file
	// Regression: Y holds the numeric targets (one row per sample, one column
	// per target); Labels is nil, Classes 0.
	Y           *Matrix
	Features    []string // the feature column names from the header, if any
	TargetNames []string // regression: the target column names from the header, if any
	// Columns says where the label, targets and dropped columns were in the
	// CSV file d was read from; nil if it was not read from one.
	Columns *CSVColumns
}

// Regression reports whether d is a regression set (numeric targets Y)
// rather than a classification set (Labels).
func (d *Dataset) Regression() bool { return d.Y != nil }

// Targets returns the targets a network trains on: the one-hot rows of the
// labels for a classification set, Y for a regression set.
func (d *Dataset) Targets() *Matrix {
	if d.Regression() {
		return d.Y
	}
	return d.OneHot()
}

// ClassName returns the name of class k, ClassNames[k]; a data set built
// without names (ClassNames nil) names class k by its number. It panics if k
// is outside 0 … Classes−1.
func (d *Dataset) ClassName(k int) string {
	if k < 0 || k >= d.Classes {
		panic(fmt.Sprintf("Dataset.ClassName: class %d is outside 0 … %d", k, d.Classes-1))
	}
	if d.ClassNames == nil {
		return strconv.Itoa(k)
	}
	return d.ClassNames[k]
}

// OneHot returns the m×classes matrix whose row i is 1 in column labels[i]
// and 0 elsewhere: the targets y for a softmax output. It panics if a label
// is outside 0 … classes−1.
func OneHot(labels []int, classes int) *Matrix {
	Y := NewMatrix(len(labels), classes)
	for i, c := range labels {
		if c < 0 || c >= classes {
			panic(fmt.Sprintf("OneHot: label %d of sample %d is outside 0 … %d", c, i, classes-1))
		}
		Y.Set(i, c, 1)
	}
	return Y
}

// Subset returns the samples idx of d, in that order, as a new data set with
// the same classes, class names, feature and target names and columns.
func (d *Dataset) Subset(idx []int) *Dataset {
	s := &Dataset{X: NewMatrix(len(idx), d.X.Cols), Classes: d.Classes,
		ClassNames: slices.Clone(d.ClassNames), Features: slices.Clone(d.Features), TargetNames: slices.Clone(d.TargetNames),
		Columns: d.Columns.clone()}
	if d.Labels != nil {
		s.Labels = make([]int, len(idx))
	}
	if d.Y != nil {
		s.Y = NewMatrix(len(idx), d.Y.Cols)
	}
	for i, r := range idx {
		copy(s.X.Row(i), d.X.Row(r))
		if d.Labels != nil {
			s.Labels[i] = d.Labels[r]
		}
		if d.Y != nil {
			copy(s.Y.Row(i), d.Y.Row(r))
		}
	}
	return s
}

// OneHot returns the one-hot targets of d's labels. It panics for a
// regression set, which has no classes.
func (d *Dataset) OneHot() *Matrix {
	if d.Regression() {
		panic("Dataset.OneHot: a regression set has no classes; use Targets")
	}
	return OneHot(d.Labels, d.Classes)
}

// StratifiedSplit splits the samples of d into a training and a test set,
// putting a fraction testFrac of each class (rounded to the nearest sample)
// in the test set, chosen at random by rng; so both sets keep the class
// proportions of d. A regression set has no classes: it is split as
// RandomSplit does.
//
// It returns an error unless 0 < testFrac < 1, if rng is nil, if d has fewer
// than 2 classes, if the test set would be empty, or if a class would have no
// training sample left; the errors of the fraction are *SplitError. It panics if a label is outside 0 … d.Classes−1.
func StratifiedSplit(d *Dataset, testFrac float64, rng *rand.Rand) (train, test *Dataset, err error) {
	if err := checkSplit(true, testFrac, rng); err != nil {
		return nil, nil, err
	}
	if d.Regression() {
		return RandomSplit(d, testFrac, rng)
	}
	if d.Classes < 2 {
		return nil, nil, fmt.Errorf("stratified split: %d class; a classifier needs at least 2", d.Classes)
	}
	byClass := make([][]int, d.Classes)
	for i, c := range d.Labels {
		if c < 0 || c >= d.Classes {
			panic(fmt.Sprintf("StratifiedSplit: label %d of sample %d is outside 0 … %d", c, i, d.Classes-1))
		}
		byClass[c] = append(byClass[c], i)
	}
	var trainIdx, testIdx []int
	for k, idx := range byClass {
		rng.Shuffle(len(idx), func(i, j int) { idx[i], idx[j] = idx[j], idx[i] })
		n := int(math.Round(testFrac * float64(len(idx))))
		if n == len(idx) && n > 0 {
			return nil, nil, &SplitError{Stratified: true, Frac: testFrac, Samples: n, Test: n, Class: k, ClassName: d.ClassName(k)}
		}
		testIdx = append(testIdx, idx[:n]...)
		trainIdx = append(trainIdx, idx[n:]...)
	}
	if len(testIdx) == 0 {
		return nil, nil, &SplitError{Stratified: true, Frac: testFrac, Samples: len(d.Labels), Class: -1}
	}
	rng.Shuffle(len(trainIdx), func(i, j int) { trainIdx[i], trainIdx[j] = trainIdx[j], trainIdx[i] })
	rng.Shuffle(len(testIdx), func(i, j int) { testIdx[i], testIdx[j] = testIdx[j], testIdx[i] })
	return d.Subset(trainIdx), d.Subset(testIdx), nil
}

// RandomSplit splits the samples of d into a training and a test set, putting
// round(testFrac · m) samples chosen at random by rng in the test set. It
// returns an error unless 0 < testFrac < 1, if rng is nil, or if either set
// would be empty; the errors of the fraction are *SplitError.
func RandomSplit(d *Dataset, testFrac float64, rng *rand.Rand) (train, test *Dataset, err error) {
	if err := checkSplit(false, testFrac, rng); err != nil {
		return nil, nil, err
	}
	m := d.X.Rows
	n := int(math.Round(testFrac * float64(m)))
	if n == 0 || n == m {
		return nil, nil, &SplitError{Frac: testFrac, Samples: m, Test: n, Class: -1}
	}
	order := rng.Perm(m)
	return d.Subset(order[n:]), d.Subset(order[:n]), nil
}

// checkSplit checks the arguments of StratifiedSplit (stratified) or RandomSplit.
func checkSplit(stratified bool, testFrac float64, rng *rand.Rand) error {
	if !(testFrac > 0 && testFrac < 1) {
		return &SplitError{Stratified: stratified, Frac: testFrac, Class: -1}
	}
	if rng == nil {
		return fmt.Errorf("%s: rng is nil; the samples are drawn with the caller's generator", splitName(stratified))
	}
	return nil
}

// splitName names the split in messages.
func splitName(stratified bool) string {
	if stratified {
		return "stratified split"
	}
	return "random split"
}

// SplitError is the error of StratifiedSplit and RandomSplit when the test
// fraction does not fit the data: it is outside (0, 1), or it leaves the
// test set or the training set empty, or all samples of a class in the test
// set. A caller that holds out a validation set rather than a test set can
// word its own message from the fields.
type SplitError struct {
	Stratified bool    // from StratifiedSplit, per class; else RandomSplit
	Frac       float64 // the test fraction asked for
	Samples    int     // the samples of the data set, or of class Class if Class ≥ 0; 0 if Frac is out of range
	Test       int     // of those, the samples the fraction puts in the test set
	Class      int     // the class left with no training sample, or −1
	ClassName  string  // the name of class Class (Dataset.ClassName)
}

// Error says what the fraction does to the split.
func (e *SplitError) Error() string {
	what := splitName(e.Stratified)
	switch {
	case !(e.Frac > 0 && e.Frac < 1):
		return fmt.Sprintf("%s: test fraction %v must be in (0, 1)", what, e.Frac)
	case e.Class >= 0:
		return fmt.Sprintf("%s: test fraction %v puts all %d sample(s) of class %q in the test set, none in the training set",
			what, e.Frac, e.Test, e.ClassName)
	case e.Stratified:
		return fmt.Sprintf("%s: test fraction %v of %d samples leaves the test set empty", what, e.Frac, e.Samples)
	}
	return fmt.Sprintf("%s: test fraction %v of %d samples leaves a set empty (%d test samples)", what, e.Frac, e.Samples, e.Test)
}
