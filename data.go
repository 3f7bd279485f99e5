package nn

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

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

// CSVOptions says how to read a CSV data set. Its zero value reads a
// classification set without a header whose label is in column 0.
type CSVOptions struct {
	Header  bool  // the first line holds column names
	Label   int   // column of the class label (negative counts from the end; −1 = last)
	Targets []int // if non-empty: a regression set, these columns (negative from the end) are numeric targets; Label is ignored
	Comma   rune  // field separator; 0 means ','
	// NoLabel: every column is a feature (inputs to predict from); the data
	// set has X only, Labels and Y nil. Label is ignored; Targets must be empty.
	NoLabel bool
}

// manyClasses is the number of classes above which ReadCSV asks for at least
// two samples per class on average: more distinct labels than that are a
// column of numbers to predict, not classes.
const manyClasses = 1000

// ReadCSV reads a CSV data set: one sample per line, every line with the same
// number of fields. It is encoding/csv's format (RFC 4180: fields may be
// quoted, a quoted field may hold the separator or a line break), with
// opt.Comma as separator; blank lines are skipped, a UTF-8 byte order mark at
// the start is skipped, and a gzip stream (a .gz file) is decompressed. Spaces
// around a field are ignored, so with Comma ' ' or '\t' a run of separators
// counts as one, and separators at the end of a line are ignored. Every
// feature and target must be a finite number.
//
// Classification (opt.Targets empty): the field in column opt.Label is the
// class label, any string (trimmed of spaces), and the classes are encoded as
// scikit-learn's LabelEncoder does: class k is the k-th of the distinct
// labels in sorted order, and ClassNames lists them. The order is numeric when
// every label is an integer ("1", "2", "10" are classes 0, 1, 2, so labels
// numbered from 1 make no empty class; "7" and "07" are one class, named as
// first written), otherwise byte-wise string order ("setosa" < "versicolor").
// A label such as "1e2" is a string, not 100, so a typo makes one more class,
// never a million. More than 1000 classes with fewer than 2 samples per class
// on average is an error: such a column holds numbers to predict (set Targets).
//
// The one exception is scikit-learn's own CSV header, as in testdata/iris.csv:
// with opt.Header, a first line "n_samples,n_features,name_0,name_1,…" whose
// two numbers match the file and whose K names are distinct and not empty,
// and labels 0 … K−1 (written "0", "1", …) in the last column, gives
// Classes = K, Labels[i] = the label's number, ClassNames name_0 … name_{K−1},
// and no Features (iris's classes are "setosa", "versicolor", "virginica").
//
// Regression (opt.Targets not empty): those columns, in that order, are the
// columns of Y, and the others are the features.
//
// Inputs only (opt.NoLabel): every column is a feature, and Labels and Y are nil.
//
// name is used in error messages, which give the line and the column (field)
// of the first fault: "iris.csv:7: column 3: "x" is not a number". A file
// whose stream ends early (a truncated .gz) gives an error wrapping
// io.ErrUnexpectedEOF that says the file is truncated. Lines may be of any
// length.
func ReadCSV(r io.Reader, name string, opt CSVOptions) (*Dataset, error) {
	comma := opt.Comma
	if comma == 0 {
		comma = ','
	}
	if comma == '"' || comma == '\r' || comma == '\n' || comma == utf8.RuneError || !utf8.ValidRune(comma) {
		return nil, fmt.Errorf("%s: %q cannot separate fields", name, comma)
	}
	br := bufio.NewReader(r)
	var z *gzip.Reader
	if magic, _ := br.Peek(2); bytes.Equal(magic, []byte{0x1f, 0x8b}) {
		var err error
		z, err = gzip.NewReader(br)
		if err != nil {
			return nil, streamError(name, err, 0)
		}
		defer z.Close()
		br = bufio.NewReader(z)
	}
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\uFEFF")) {
		br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.Comma = comma
	cr.FieldsPerRecord = -1 // ragged lines are reported below, with both counts
	cr.TrimLeadingSpace = true

	p := csvParser{name: name, opt: opt}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			if zerr := corruption(z); zerr != nil && !errors.Is(err, zerr) {
				err = zerr
			}
			return nil, streamError(name, err, p.lastLine)
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // a blank line
		}
		if (comma == ' ' || comma == '\t') && len(rec) > 1 && rec[len(rec)-1] == "" {
			rec = rec[:len(rec)-1] // white space at the end of the line ends it, as it does the fields
		}
		if err := p.record(rec, cr.FieldPos); err != nil {
			if zerr := corruption(z); zerr != nil {
				return nil, streamError(name, zerr, p.lastLine)
			}
			return nil, err
		}
	}
	return p.dataset()
}

// corruption reads the rest of the gzip stream z, if there is one, and
// returns its error: a CSV fault in decompressed garbage is reported as the
// corrupt or truncated file it comes from.
func corruption(z *gzip.Reader) error {
	if z == nil {
		return nil
	}
	_, err := io.Copy(io.Discard, z)
	return err
}

// csvParser is ReadCSV's state between records.
type csvParser struct {
	name      string
	opt       CSVOptions
	lastLine  int      // the line of the last record read
	cols      int      // fields per line, set by the first line
	firstAt   int      // the line of the first record
	header    []string // the header's fields, trimmed
	headerAt  int      // the header's line
	commaHint string   // a guess at the separator when the first line has one column
	isTarget  []bool   // per column: the label or a regression target
	targets   []int    // the target columns, resolved, in opt.Targets' order
	label     int      // the label column, resolved
	data      []float64
	y         []float64
	labels    []string
	rows      int
}

// record takes one non-blank line.
func (p *csvParser) record(rec []string, pos func(int) (int, int)) error {
	line, _ := pos(0)
	p.lastLine = line
	if p.opt.Header && p.header == nil {
		for _, f := range rec {
			p.header = append(p.header, strings.TrimSpace(f))
		}
		p.headerAt = line
		return nil
	}
	if p.cols == 0 {
		p.cols, p.firstAt = len(rec), line
		if len(rec) == 1 {
			for _, sep := range ";\t|, " {
				if strings.ContainsRune(strings.TrimSpace(rec[0]), sep) && sep != p.opt.Comma {
					p.commaHint = fmt.Sprintf(" (the line holds %q: is it the separator? set Comma)", sep)
					break
				}
			}
		}
		if err := p.resolve(); err != nil {
			return err
		}
	}
	if len(rec) != p.cols {
		return fmt.Errorf("%s:%d: %d columns, want %d as on line %d", p.name, line, len(rec), p.cols, p.firstAt)
	}
	for c, f := range rec {
		f = strings.TrimSpace(f)
		if c == p.label {
			if f == "" {
				return fmt.Errorf("%s:%d: column %d: the label is empty", p.name, line, c+1)
			}
			p.labels = append(p.labels, f)
			continue
		}
		v, err := parseValue(f)
		if err != nil {
			l, _ := pos(c)
			if l == p.firstAt && !p.opt.Header && errors.Is(err, errNotNumber) {
				return fmt.Errorf("%s:%d: column %d: %v (if the first line holds column names, set Header)", p.name, l, c+1, err)
			}
			return fmt.Errorf("%s:%d: column %d: %v", p.name, l, c+1, err)
		}
		if !p.isTarget[c] {
			p.data = append(p.data, v)
		}
	}
	for _, c := range p.targets {
		v, _ := parseValue(strings.TrimSpace(rec[c])) // checked above
		p.y = append(p.y, v)
	}
	p.rows++
	return nil
}

// resolve finds the label or target columns once the number of columns is known.
func (p *csvParser) resolve() error {
	p.isTarget = make([]bool, p.cols)
	p.label = -1
	if p.opt.NoLabel {
		if len(p.opt.Targets) > 0 {
			return fmt.Errorf("%s: NoLabel and Targets are both set; a file of inputs only has no targets", p.name)
		}
		return nil
	}
	col := func(c int) (int, bool) {
		if c < 0 {
			c += p.cols
		}
		return c, c >= 0 && c < p.cols
	}
	if len(p.opt.Targets) == 0 {
		c, ok := col(p.opt.Label)
		if !ok {
			return fmt.Errorf("%s:%d: label column %d is out of range for %d columns", p.name, p.firstAt, p.opt.Label, p.cols)
		}
		if p.cols < 2 {
			return fmt.Errorf("%s:%d: 1 column; need features and a label%s", p.name, p.firstAt, p.commaHint)
		}
		p.label, p.isTarget[c] = c, true
		return nil
	}
	for _, t := range p.opt.Targets {
		c, ok := col(t)
		if !ok {
			return fmt.Errorf("%s:%d: target column %d is out of range for %d columns", p.name, p.firstAt, t, p.cols)
		}
		if p.isTarget[c] {
			return fmt.Errorf("%s:%d: target column %d (%d) is given twice", p.name, p.firstAt, c+1, t)
		}
		p.isTarget[c] = true
		p.targets = append(p.targets, c)
	}
	if len(p.targets) >= p.cols {
		return fmt.Errorf("%s:%d: all %d columns are targets; need at least one feature", p.name, p.firstAt, p.cols)
	}
	return nil
}

// dataset builds the data set from the records read.
func (p *csvParser) dataset() (*Dataset, error) {
	if p.rows == 0 {
		if p.header != nil {
			return nil, fmt.Errorf("%s: only a header line, no samples", p.name)
		}
		return nil, fmt.Errorf("%s: no samples", p.name)
	}
	nf := p.cols - len(p.targets)
	if p.label >= 0 {
		nf = p.cols - 1
	}
	d := &Dataset{X: &Matrix{Rows: p.rows, Cols: nf, Data: p.data}}
	names, sklearn := p.sklearnNames()
	if p.header != nil && len(p.header) != p.cols && !sklearn {
		return nil, fmt.Errorf("%s:%d: the header has %d names but line %d has %d columns", p.name, p.headerAt, len(p.header), p.firstAt, p.cols)
	}
	if p.header != nil && !sklearn {
		for c, h := range p.header {
			if !p.isTarget[c] {
				d.Features = append(d.Features, h)
			}
		}
	}
	if p.opt.NoLabel {
		return d, nil
	}
	if p.label < 0 {
		d.Y = &Matrix{Rows: p.rows, Cols: len(p.targets), Data: p.y}
		for _, c := range p.targets {
			if p.header != nil {
				d.TargetNames = append(d.TargetNames, p.header[c])
			}
		}
		return d, nil
	}
	if sklearn {
		d.Classes, d.ClassNames = len(names), names
		d.Labels = make([]int, p.rows)
		for i, s := range p.labels {
			d.Labels[i], _ = strconv.Atoi(s)
		}
		return d, nil
	}
	d.Labels, d.ClassNames = encodeLabels(p.labels)
	d.Classes = len(d.ClassNames)
	if d.Classes > manyClasses && 2*d.Classes > p.rows {
		return nil, fmt.Errorf("%s: column %d has %d distinct labels among %d samples, fewer than 2 samples per class; if it holds numbers to predict, set Targets for a regression set",
			p.name, p.label+1, d.Classes, p.rows)
	}
	return d, nil
}

// sklearnNames recognizes scikit-learn's header "n_samples,n_features,name_0,…"
// (see ReadCSV) and returns the class names it gives.
func (p *csvParser) sklearnNames() ([]string, bool) {
	h := p.header
	if len(h) < 3 || p.label < 0 || p.label != p.cols-1 {
		return nil, false
	}
	m, err1 := strconv.Atoi(h[0])
	n, err2 := strconv.Atoi(h[1])
	if err1 != nil || err2 != nil || m != p.rows || n != p.cols-1 {
		return nil, false
	}
	K := len(h) - 2
	seen := map[string]bool{}
	for _, name := range h[2:] {
		if name == "" || seen[name] {
			return nil, false
		}
		seen[name] = true
	}
	for _, s := range p.labels {
		if k, err := strconv.Atoi(s); err != nil || k < 0 || k >= K || s != strconv.Itoa(k) {
			return nil, false
		}
	}
	return slices.Clone(h[2:]), true
}

// encodeLabels maps label strings to classes 0 … K−1 in sorted order, numeric
// if every label is an integer, byte-wise otherwise (see ReadCSV), and
// returns the classes and their names.
func encodeLabels(strs []string) (labels []int, names []string) {
	labels = make([]int, len(strs))
	ints := make([]int64, len(strs))
	for i, s := range strs {
		v, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			ints = nil
			break
		}
		ints[i] = v
	}
	if ints != nil {
		first := map[int64]string{} // each value's first spelling
		for i, v := range ints {
			if _, ok := first[v]; !ok {
				first[v] = strs[i]
			}
		}
		values := slices.Sorted(maps.Keys(first))
		class := make(map[int64]int, len(values))
		for k, v := range values {
			class[v] = k
			names = append(names, first[v])
		}
		for i, v := range ints {
			labels[i] = class[v]
		}
		return labels, names
	}
	class := map[string]int{}
	for _, s := range strs {
		class[s] = 0
	}
	names = slices.Sorted(maps.Keys(class))
	for k, s := range names {
		class[s] = k
	}
	for i, s := range strs {
		labels[i] = class[s]
	}
	return labels, names
}

var errNotNumber = errors.New("is not a number")

// parseValue parses a feature or target: a finite number.
func parseValue(f string) (float64, error) {
	if f == "" {
		return 0, errors.New("the field is empty")
	}
	v, err := strconv.ParseFloat(f, 64)
	switch {
	case errors.Is(err, strconv.ErrRange):
		return 0, fmt.Errorf("%q is out of the range of float64 (±1.8e308)", f)
	case err != nil:
		return 0, fmt.Errorf("%q %w", f, errNotNumber)
	case bad(v):
		return 0, fmt.Errorf("%q is not a finite number", f)
	}
	return v, nil
}

// streamError describes an error of the underlying stream or of the CSV syntax.
func streamError(name string, err error, line int) error {
	var pe *csv.ParseError
	var corrupt flate.CorruptInputError
	where := fmt.Sprintf("after line %d", line)
	if line == 0 {
		where = "before its first line"
	}
	switch {
	case errors.As(err, &pe):
		return fmt.Errorf("%s:%d: byte %d of the line: %w", name, pe.Line, pe.Column, pe.Err)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("%s: the file is truncated: its compressed data end early, %s: %w", name, where, err)
	case errors.Is(err, gzip.ErrChecksum), errors.Is(err, gzip.ErrHeader), errors.As(err, &corrupt):
		return fmt.Errorf("%s: corrupt gzip data, %s: %w", name, where, err)
	}
	return fmt.Errorf("%s: reading %s: %w", name, where, err)
}

// LoadCSV reads a data set from the file at path with ReadCSV (which
// decompresses a gzip file, such as a .gz).
func LoadCSV(path string, opt CSVOptions) (*Dataset, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadCSV(f, path, opt)
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
// the same classes, class names, feature and target names.
func (d *Dataset) Subset(idx []int) *Dataset {
	s := &Dataset{X: NewMatrix(len(idx), d.X.Cols), Classes: d.Classes,
		ClassNames: slices.Clone(d.ClassNames), Features: slices.Clone(d.Features), TargetNames: slices.Clone(d.TargetNames)}
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
// training sample left. It panics if a label is outside 0 … d.Classes−1.
func StratifiedSplit(d *Dataset, testFrac float64, rng *rand.Rand) (train, test *Dataset, err error) {
	if err := checkSplit("stratified split", testFrac, rng); err != nil {
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
			return nil, nil, fmt.Errorf("stratified split: test fraction %v puts all %d sample(s) of class %q in the test set, none in the training set",
				testFrac, n, d.ClassName(k))
		}
		testIdx = append(testIdx, idx[:n]...)
		trainIdx = append(trainIdx, idx[n:]...)
	}
	if len(testIdx) == 0 {
		return nil, nil, fmt.Errorf("stratified split: test fraction %v of %d samples leaves the test set empty", testFrac, len(d.Labels))
	}
	rng.Shuffle(len(trainIdx), func(i, j int) { trainIdx[i], trainIdx[j] = trainIdx[j], trainIdx[i] })
	rng.Shuffle(len(testIdx), func(i, j int) { testIdx[i], testIdx[j] = testIdx[j], testIdx[i] })
	return d.Subset(trainIdx), d.Subset(testIdx), nil
}

// RandomSplit splits the samples of d into a training and a test set, putting
// round(testFrac · m) samples chosen at random by rng in the test set. It
// returns an error unless 0 < testFrac < 1, if rng is nil, or if either set
// would be empty.
func RandomSplit(d *Dataset, testFrac float64, rng *rand.Rand) (train, test *Dataset, err error) {
	if err := checkSplit("random split", testFrac, rng); err != nil {
		return nil, nil, err
	}
	m := d.X.Rows
	n := int(math.Round(testFrac * float64(m)))
	if n == 0 || n == m {
		return nil, nil, fmt.Errorf("random split: test fraction %v of %d samples leaves a set empty (%d test samples)", testFrac, m, n)
	}
	order := rng.Perm(m)
	return d.Subset(order[n:]), d.Subset(order[:n]), nil
}

func checkSplit(what string, testFrac float64, rng *rand.Rand) error {
	if !(testFrac > 0 && testFrac < 1) {
		return fmt.Errorf("%s: test fraction %v must be in (0, 1)", what, testFrac)
	}
	if rng == nil {
		return fmt.Errorf("%s: rng is nil; the samples are drawn with the caller's generator", what)
	}
	return nil
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

// RSquared returns the coefficient of determination of the network's
// predictions ŷ = net(x_i) for the targets in the rows of Y, for a
// regression set: per target column k
//
//	R²_k = 1 − Σ_i (y_ik − ŷ_ik)² / Σ_i (y_ik − ȳ_k)²
//
// averaged over the columns (scikit-learn's r2_score). 1 is a perfect fit,
// 0 is no better than predicting the mean ȳ_k, and it is negative when
// worse. A column whose targets are all equal scores 1 if predicted exactly,
// else 0. R² does not change when a column of Y and the predictions are
// rescaled together, so it may be computed on standardized targets. It
// panics unless X and Y have the same number of rows, at least one.
func RSquared(net *MLP, X, Y *Matrix) float64 {
	if X.Rows != Y.Rows || X.Rows == 0 {
		panic(fmt.Sprintf("RSquared: X is %s but Y is %s; want one target row per sample, at least one", shape(X), shape(Y)))
	}
	P := net.PredictBatch(X)
	if P.Cols != Y.Cols {
		panic(fmt.Sprintf("RSquared: the network has %d outputs but Y is %s", P.Cols, shape(Y)))
	}
	m := float64(Y.Rows)
	r2 := 0.0
	for k := range Y.Cols {
		mean := 0.0
		for i := range Y.Rows {
			mean += Y.At(i, k) / m
		}
		res, tot := 0.0, 0.0
		for i := range Y.Rows {
			d, e := Y.At(i, k)-P.At(i, k), Y.At(i, k)-mean
			res += d * d
			tot += e * e
		}
		switch {
		case tot > 0:
			r2 += 1 - res/tot
		case res == 0:
			r2++
		}
	}
	return r2 / float64(Y.Cols)
}
