package nn

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
)

// Dataset is a labelled data set for classification: row i of X holds the
// features of sample i and Labels[i] its class, 0 … Classes−1.
type Dataset struct {
	X       *Matrix
	Labels  []int
	Classes int // 1 + the largest label
}

// CSVOptions says how to read a numeric CSV file.
type CSVOptions struct {
	// Header says the first line is a header and is skipped.
	Header bool
	// Label is the column of the class label, counted from 0; a negative
	// value counts from the end, so −1 is the last column.
	Label int
}

// ReadCSV reads a numeric CSV data set: one sample per line, comma-separated
// numbers, with the class label (a non-negative integer) in column opt.Label.
// Blank lines are skipped. name is used in error messages, which give the line
// and column of the first bad value ("iris.csv:7: column 3: …"). Every line must
// have the same number of columns, and all values must be finite.
func ReadCSV(r io.Reader, name string, opt CSVOptions) (*Dataset, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	var data []float64
	var labels []int
	cols, line, lc := -1, 0, 0 // lc: the label's column
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if (line == 1 && opt.Header) || text == "" {
			continue
		}
		fields := strings.Split(text, ",")
		if cols < 0 {
			cols = len(fields)
			if cols < 2 {
				return nil, fmt.Errorf("%s:%d: %d column; need features and a label", name, line, cols)
			}
			lc = opt.Label
			if lc < 0 {
				lc += cols
			}
			if lc < 0 || lc >= cols {
				return nil, fmt.Errorf("%s: label column %d out of range for %d columns", name, opt.Label, cols)
			}
		}
		if len(fields) != cols {
			return nil, fmt.Errorf("%s:%d: %d columns, want %d as on the first line", name, line, len(fields), cols)
		}
		for c, f := range fields {
			v, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
			if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("%s:%d: column %d: %q is not a finite number", name, line, c+1, f)
			}
			if c != lc {
				data = append(data, v)
				continue
			}
			if v != math.Trunc(v) || v < 0 || v > 1e6 {
				return nil, fmt.Errorf("%s:%d: column %d: label %q is not a class number 0, 1, 2, …", name, line, c+1, f)
			}
			labels = append(labels, int(v))
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(labels) == 0 {
		return nil, fmt.Errorf("%s: no samples", name)
	}
	d := &Dataset{X: &Matrix{Rows: len(labels), Cols: cols - 1, Data: data}, Labels: labels}
	for _, y := range labels {
		d.Classes = max(d.Classes, y+1)
	}
	return d, nil
}

// LoadCSV reads a data set from the file at path with ReadCSV; a name ending
// in .gz is decompressed first.
func LoadCSV(path string, opt CSVOptions) (*Dataset, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		z, err := gzip.NewReader(f)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		defer z.Close()
		r = z
	}
	return ReadCSV(r, path, opt)
}

// OneHot returns the m×classes matrix whose row i is 1 in column labels[i]
// and 0 elsewhere: the targets y for a softmax output. It panics if a label
// is outside 0 … classes−1.
func OneHot(labels []int, classes int) *Matrix {
	Y := NewMatrix(len(labels), classes)
	for i, c := range labels {
		if c < 0 || c >= classes {
			panic(fmt.Sprintf("OneHot: label %d of sample %d is outside 0…%d", c, i, classes-1))
		}
		Y.Set(i, c, 1)
	}
	return Y
}

// Subset returns the samples idx of d, in that order, as a new data set.
func (d *Dataset) Subset(idx []int) *Dataset {
	s := &Dataset{X: NewMatrix(len(idx), d.X.Cols), Labels: make([]int, len(idx)), Classes: d.Classes}
	for i, r := range idx {
		copy(s.X.Row(i), d.X.Row(r))
		s.Labels[i] = d.Labels[r]
	}
	return s
}

// OneHot returns the one-hot targets of d's labels.
func (d *Dataset) OneHot() *Matrix { return OneHot(d.Labels, d.Classes) }

// StratifiedSplit splits the samples of d into a training and a test set,
// putting a fraction testFrac of each class (rounded to the nearest sample)
// in the test set, chosen at random by rng; so both sets keep the class
// proportions of d. It returns an error unless 0 < testFrac < 1.
func StratifiedSplit(d *Dataset, testFrac float64, rng *rand.Rand) (train, test *Dataset, err error) {
	if !(testFrac > 0 && testFrac < 1) {
		return nil, nil, fmt.Errorf("stratified split: test fraction %v must be in (0, 1)", testFrac)
	}
	byClass := make([][]int, d.Classes)
	for i, c := range d.Labels {
		byClass[c] = append(byClass[c], i)
	}
	var trainIdx, testIdx []int
	for _, idx := range byClass {
		rng.Shuffle(len(idx), func(i, j int) { idx[i], idx[j] = idx[j], idx[i] })
		n := int(math.Round(testFrac * float64(len(idx))))
		testIdx = append(testIdx, idx[:n]...)
		trainIdx = append(trainIdx, idx[n:]...)
	}
	rng.Shuffle(len(trainIdx), func(i, j int) { trainIdx[i], trainIdx[j] = trainIdx[j], trainIdx[i] })
	rng.Shuffle(len(testIdx), func(i, j int) { testIdx[i], testIdx[j] = testIdx[j], testIdx[i] })
	return d.Subset(trainIdx), d.Subset(testIdx), nil
}

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
func FitStandardizer(X *Matrix) *Standardizer {
	s := &Standardizer{Mean: make([]float64, X.Cols), Std: make([]float64, X.Cols)}
	m := float64(X.Rows)
	for i := range X.Rows {
		for k, v := range X.Row(i) {
			s.Mean[k] += v / m
		}
	}
	for i := range X.Rows {
		for k, v := range X.Row(i) {
			s.Std[k] += (v - s.Mean[k]) * (v - s.Mean[k]) / m
		}
	}
	for k := range s.Std {
		s.Std[k] = math.Sqrt(s.Std[k])
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
