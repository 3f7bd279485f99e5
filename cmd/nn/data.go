package main

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"example.com/nn"
	"example.com/nn/cmd/nn/internal/format"
)

// Reading data and models, for every command: a data set from a plain
// description of it (a name, a CSV file or a directory, and a CSV file's
// layout), its test set, its classes, and a saved model.

// splitSeed fixes the test split of data sets without a test set of their
// own, so that "nn predict" can find the same test samples.
const splitSeed = 20240601

// dataSpec is a plain description of a data set to read: what -data
// names, and how its CSV files are laid out.
type dataSpec struct {
	name     string        // iris, digits, fashion-mnist, mnist, a CSV file or a directory of IDX files
	kind     string        // what name is (dataKind): the named set itself, "file" or "idx"
	csv      nn.CSVOptions // the layout of a CSV file, and of testFile; Comma 0: each file's own, guessed
	testFile string        // a CSV file of test samples, "" for none
	testFrac float64       // without testFile or a test set of its own, the fraction held out for testing
}

// namedData are the data sets nn knows by name.
var namedData = []string{"iris", "digits", "fashion-mnist", "mnist"}

// dataKind says what -data names: one of namedData (then the kind is the
// name), a CSV file ("file") or a directory of IDX files ("idx"). Anything
// else is a usage error, which suggests the name it differs from in case only.
func dataKind(name string) (string, error) {
	if slices.Contains(namedData, name) {
		return name, nil
	}
	st, err := os.Stat(name)
	if err != nil {
		if lower := strings.ToLower(name); slices.Contains(namedData, lower) {
			return "", usageError("-data %s: no such data set or file; did you mean -data %s?", name, lower)
		}
		return "", usageError("-data %s: no such data set or file (the names are iris, digits, fashion-mnist and mnist)", name)
	}
	if st.IsDir() {
		return "idx", nil
	}
	return "file", nil
}

// csvFlagNames are the flags of nn train and nn predict that say how a CSV
// file is laid out.
var csvFlagNames = []string{"header", "skip", "label", "targets", "drop", "sep", "decimal-comma", "classes"}

// csvOnly refuses the CSV flags among given for the data set spec, which
// is not a CSV file: they would be dropped without a word.
func csvOnly(given map[string]bool, spec string) error {
	for _, f := range csvFlagNames {
		if given[f] {
			return usageError("-%s is for CSV files; %s is not one", f, spec)
		}
	}
	return nil
}

// loadData reads the data set d describes: the training samples and the
// test samples (its own test set, the test file, or a fraction held out).
func loadData(d dataSpec) (train, test *nn.Dataset, err error) {
	switch d.kind {
	case "idx":
		train, test, err = nn.LoadMNIST(d.name, nil)
	case "file":
		train, err = loadCSV(d.name, d.csv)
	default:
		train, test, err = nn.LoadNamed(d.name)
	}
	if err != nil {
		return nil, nil, err
	}
	switch {
	case d.testFile != "":
		// Read as nn predict reads a file for a model: the training
		// file's layout, its feature names, a first line of numbers
		// kept as a sample.
		if test, err = readSamples(trainingFit(train), d.testFile, csvLayout{opt: d.csv}); err != nil {
			return nil, nil, err
		}
	case test == nil:
		n := train.X.Rows
		train, test, err = split(train, d.testFrac, rand.New(rand.NewPCG(splitSeed, 0)))
		var se *nn.SplitError
		if errors.As(err, &se) {
			return nil, nil, usageError("-test %v of the %d samples of %s: %s; try another -test, or a file of test samples", d.testFrac, n, d.name, splitText(se, "test"))
		}
		if err != nil {
			return nil, nil, fmt.Errorf("%s: -test %v: %w", d.name, d.testFrac, err)
		}
	}
	return train, test, nil
}

// loadCSV is nn.LoadCSV with its errors in nn's words: a column counted
// from 0, as the flags -label, -targets and -drop count, and hints naming
// those flags, not the library's options.
func loadCSV(path string, opt nn.CSVOptions) (*nn.Dataset, error) {
	var err error
	if opt.Comma, err = resolveSep(path, opt.Comma); err != nil {
		return nil, err
	}
	d, err := nn.LoadCSV(path, opt)
	var ce *nn.CSVError
	if errors.As(err, &ce) && (ce.Fix != nn.FixNone || ce.Column > 0) {
		return nil, &csvFlagError{ce}
	}
	return d, err
}

// csvFlagError is a CSV error in nn's words: its column counted from 0, as
// the flags count, and a hint naming the flag that may fix it.
type csvFlagError struct{ *nn.CSVError }

// column names column c of a file (from 0) as nn's messages and flags do.
func column(c int) string { return fmt.Sprintf("column %d (from 0)", c) }

// Error returns the library's message with the column counted from 0 and
// the hint naming nn's flag.
func (e *csvFlagError) Error() string {
	plain := *e.CSVError
	plain.Fix, plain.Column = nn.FixNone, 0
	if e.Column > 0 {
		plain.Err = fmt.Errorf("%s: %w", column(e.Column-1), e.Err)
	}
	msg, c := plain.Error(), e.Column-1
	switch e.Fix {
	case nn.FixHeader:
		return msg + " (if the first line holds column names, add -header)"
	case nn.FixTargets:
		return msg + fmt.Sprintf("; if it holds numbers to predict, give -targets %d for a regression set; if it holds classes after all, give -classes", c)
	case nn.FixComma:
		return msg + fmt.Sprintf(" (the line holds %q: is it the separator? give -sep %s)", e.Sep, shellSep(e.Sep))
	case nn.FixSkip:
		return msg + fmt.Sprintf(" (if this line holds the column names, the file has two header lines: give -skip %d to skip the lines above it)", e.Line-1)
	case nn.FixLabel:
		return msg + fmt.Sprintf(" (if it holds the class labels, give -label %d; if it is a feature written in words, leave it out with -drop %d or write it as numbers)", c, c)
	case nn.FixMissing:
		return msg + fmt.Sprintf("; remove the samples with missing values, or fill them in, or leave the column out with -drop %d", c)
	case nn.FixDecimalComma:
		return msg + " (a decimal comma? give -decimal-comma)"
	case nn.FixDrop:
		return msg + "; if it holds row numbers, leave it out with -drop 0, or write the file without them (pandas: to_csv(index=False))"
	}
	return msg
}

// Unwrap returns the library's error, for errors.As and errors.Is.
func (e *csvFlagError) Unwrap() error { return e.CSVError }

// splitText says what the fraction of a failed split did, in the words of
// the set it was to hold out ("test", "validation"); the library speaks of
// a test set.
func splitText(e *nn.SplitError, set string) string {
	switch {
	case !(e.Frac > 0 && e.Frac < 1):
		return fmt.Sprintf("fraction %v must be in (0, 1)", e.Frac)
	case e.Class >= 0:
		return fmt.Sprintf("fraction %v puts all %d sample(s) of class %q in the %s set, none in the training set", e.Frac, e.Test, e.ClassName, set)
	case e.Stratified:
		return fmt.Sprintf("fraction %v of %d samples leaves the %s set empty", e.Frac, e.Samples, set)
	}
	return fmt.Sprintf("fraction %v of %d samples leaves a set empty", e.Frac, e.Samples)
}

// split holds out a fraction of d: per class for classification, at random
// for regression.
func split(d *nn.Dataset, frac float64, rng *rand.Rand) (rest, held *nn.Dataset, err error) {
	if !d.Regression() {
		return nn.StratifiedSplit(d, frac, rng)
	}
	return nn.RandomSplit(d, frac, rng)
}

// relabel renumbers d's labels to the positions of their names in names.
func relabel(d *nn.Dataset, names []string, name string) error {
	index := map[string]int{}
	for k, n := range names {
		index[n] = k
	}
	to := make([]int, len(d.ClassNames))
	for k, n := range d.ClassNames {
		j, ok := index[n]
		if !ok {
			return fmt.Errorf("%s: class %q is not one of the %d classes of the training data (%s)", name, n, len(names), strings.Join(names, ", "))
		}
		to[k] = j
	}
	for i, y := range d.Labels {
		d.Labels[i] = to[y]
	}
	d.ClassNames, d.Classes = names, len(names)
	return nil
}

// numeric reports whether every name is a number.
func numeric(names []string) bool {
	for _, n := range names {
		if _, err := strconv.ParseFloat(n, 64); err != nil {
			return false
		}
	}
	return true
}

// loadModel is nn.LoadModel with plain words for a path that is not a
// file, or an empty one.
func loadModel(path string) (*nn.Model, error) {
	st, err := os.Stat(path)
	switch {
	case err != nil:
		return nil, fmt.Errorf("-model %s: no such file (nn train -o %s writes one)", path, path)
	case st.IsDir():
		return nil, fmt.Errorf("-model %s is a directory, not a model file", path)
	case st.Size() == 0:
		return nil, fmt.Errorf("-model %s is empty, not a model file", path)
	}
	return nn.LoadModel(path)
}

// loadTestIDX reads only the test set of a directory of IDX files, the
// t10k files, with or without .gz; classNames names labels 0, 1, 2, …
// (nil: the label values).
func loadTestIDX(dir string, classNames []string) (*nn.Dataset, error) {
	var dims [2][]int
	var data [2][]byte
	for i, base := range []string{"t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"} {
		path := filepath.Join(dir, base+".gz")
		if _, err := os.Stat(path); err != nil {
			path = filepath.Join(dir, base)
			if _, err := os.Stat(path); err != nil {
				return nil, fmt.Errorf("%s: no %s or %s.gz: not a directory of IDX files (the test set's are named as MNIST's)", dir, base, base)
			}
		}
		var err error
		if dims[i], data[i], err = nn.LoadIDX(path); err != nil {
			return nil, err
		}
	}
	d, err := nn.IDXDataset(dims[0], data[0], dims[1], data[1], classNames)
	if err != nil {
		return nil, fmt.Errorf("%s: test files: %w", dir, err)
	}
	return d, nil
}

// csvLayout is how a CSV file of samples for a model (or a training set)
// is read: as the flags say, and where they are not given, as the model's
// record says the training file was.
type csvLayout struct {
	opt   nn.CSVOptions // Comma 0: guess from the file; no Targets or TargetNames: the last columns
	given map[string]bool
}

// fit is what the samples of a file must fit: the inputs, feature names and
// classes or targets of a model, or of the training set for nn train's
// test file.
type fit struct {
	inputs     int
	features   []string       // nil: names are not checked
	classes    []string       // a classifier's class names; nil for regression
	outputs    int            // regression: the number of targets
	columns    *nn.CSVColumns // where the training file had its label or targets and dropped columns; nil if unknown
	needLabels bool           // a file of inputs only is refused
	whose      string         // "the model" or "the training data", in messages
	ofOutputs  string         // "a model of 2 outputs", in messages
	headerNote string         // why a header is expected, in messages
}

// modelFit is what samples for the model m must fit.
func modelFit(m *nn.Model) fit {
	out := m.Net.Sizes[m.Net.L()]
	f := fit{inputs: m.Net.Sizes[0], features: m.Features, outputs: out, columns: m.Columns, whose: "the model",
		ofOutputs: fmt.Sprintf("a model of %d outputs", out), headerNote: "the model was trained with -header"}
	if m.Classifier() {
		f.classes = m.ClassNames
	}
	return f
}

// trainingFit is what test samples for a model trained on d must fit:
// d's features, in order, and its classes or targets.
func trainingFit(d *nn.Dataset) fit {
	f := fit{inputs: d.X.Cols, features: d.Features, columns: d.Columns, needLabels: true, whose: "the training data",
		headerNote: "the training file has a header"}
	if d.Regression() {
		f.outputs = d.Y.Cols
		f.ofOutputs = "training data of " + format.Count(f.outputs, "target")
	} else {
		f.classes = d.ClassNames
	}
	return f
}

// readSamples reads a CSV file of inputs, with or without labels or
// targets, as its number of columns says, with nn.LoadCSV: first as lay
// says the label or targets are laid out, then, if that does not give the
// inputs f needs (and f does not need labels), as inputs only. Labels are
// numbered as f's classes. A header must name f's features in order; but
// when lay.header is not the user's own flag, a first line of numbers where
// f has names is taken as a sample, and the columns the training file's
// flags gave by name are then found where that file had them.
func readSamples(f fit, path string, lay csvLayout) (*nn.Dataset, error) {
	d, err := readSamplesAs(f, path, lay)
	if err == nil || !lay.opt.Header || lay.given["header"] {
		return d, err
	}
	sample := errors.Is(err, errFirstLineData) || errors.Is(err, nn.ErrHeaderOnly)
	plain, placed := f.withoutHeader(lay)
	if !sample && !placed {
		return d, err
	}
	// A name may be unknown because the first line is a sample: if the
	// file reads without a header, with the columns where the training
	// file had them, it was one.
	dN, errN := readSamplesAs(f, path, plain)
	if sample || errN == nil {
		return dN, errN
	}
	return d, err
}

// withoutHeader returns lay for a file without its header line, and whether
// it placed a column given by name: a name that comes from the training
// file's flags is replaced by the column f says that file had it in. A name
// given on this command line is left as it is: it may name another column.
func (f fit) withoutHeader(lay csvLayout) (csvLayout, bool) {
	o, c := &lay.opt, f.columns
	o.Header = false
	if c == nil {
		return lay, false
	}
	placed := false
	if o.LabelName != "" && f.classes != nil && !lay.given["label"] {
		o.Label, o.LabelName, placed = c.Label, "", true
	}
	if o.TargetNames != nil && !lay.given["targets"] {
		o.Targets, o.TargetNames, placed = c.Targets, nil, true
	}
	if o.DropNames != nil && !lay.given["drop"] {
		o.Drop, o.DropNames, placed = c.Dropped, nil, true
	}
	return lay, placed
}

// errFirstLineData says that a header not given by the user is a line of
// numbers: a sample.
var errFirstLineData = errors.New("the first line is a sample, not a header")

// readSamplesAs is readSamples without the second try.
func readSamplesAs(f fit, path string, lay csvLayout) (*nn.Dataset, error) {
	sep, err := resolveSep(path, lay.opt.Comma)
	if err != nil {
		return nil, err
	}
	opt := lay.opt
	opt.Comma, opt.ForceClasses = sep, f.classes != nil
	extra, what := 1, fmt.Sprintf("a label in column %d", opt.Label)
	if opt.LabelName != "" {
		what = fmt.Sprintf("a label in column %q", opt.LabelName)
	}
	if f.classes == nil {
		if opt.Targets == nil && opt.TargetNames == nil {
			for k := range f.outputs {
				opt.Targets = append(opt.Targets, k-f.outputs) // the last f.outputs columns
			}
		}
		cols := fmt.Sprint(opt.Targets)
		if opt.TargetNames != nil {
			cols = fmt.Sprintf("%q", opt.TargetNames)
		}
		if n := len(opt.Targets) + len(opt.TargetNames); n != f.outputs {
			return nil, fmt.Errorf("%s: %d target columns (%s) for %s", path, n, cols, f.ofOutputs)
		}
		opt.LabelName = ""
		extra, what = f.outputs, fmt.Sprintf("%s in columns %s", format.Count(f.outputs, "target"), cols)
	}
	d, errL := loadCSV(path, opt)
	if errL == nil && d.X.Cols == f.inputs {
		if err := f.checkFeatures(d, path, opt, lay); err != nil {
			return nil, err
		}
		if f.classes != nil {
			return d, relabel(d, f.classes, path)
		}
		return d, nil
	}
	inputs := nn.CSVOptions{Header: opt.Header, Skip: opt.Skip, Comma: sep, NoLabel: true,
		DropNames: opt.DropNames, DecimalComma: opt.DecimalComma}
	if opt.Drop != nil {
		// The columns to drop were counted in a file with the label or
		// targets; this one has neither. Its number of columns, when a
		// reading without dropping gives it, places columns counted from
		// the end.
		removed := []int{opt.Label}
		if f.classes == nil {
			removed = opt.Targets
		}
		n := 0
		if all, err := loadCSV(path, inputs); err == nil {
			n = all.X.Cols + len(removed)
		}
		inputs.Drop = dropWithout(opt.Drop, removed, n)
	}
	x, errX := loadCSV(path, inputs)
	if errX == nil && x.X.Cols == f.inputs && !f.needLabels {
		return x, f.checkFeatures(x, path, inputs, lay)
	}
	cols := 0 // the file's columns, if either reading got that far
	switch {
	case errX == nil:
		cols = x.X.Cols
	case errL == nil:
		cols = d.X.Cols + extra
		if cols == f.inputs {
			return nil, errX // inputs only, but not all numbers
		}
	default:
		return nil, errL
	}
	if f.needLabels {
		return nil, fmt.Errorf("%s has %d columns; %s has %d features, and the file needs %s besides", path, cols, f.whose, f.inputs, what)
	}
	return nil, fmt.Errorf("%s has %d columns; %s takes %d inputs (and, to score it, %s)", path, cols, f.whose, f.inputs, what)
}

// dropWithout returns the columns drop of a file, counted from 0 (negative
// from the end), as they are numbered in the same file without the columns
// removed: each counted from the start moves one place earlier for each
// removed column before it, each counted from the end one place later for
// each removed column after it. A dropped column that was removed is left
// out. With the file's n columns known (n > 0) every column is counted from
// the start; without (n = 0) a column counted from the end is taken to lie
// after every column counted from the start.
func dropWithout(drop, removed []int, n int) []int {
	at := func(c int) int {
		if n > 0 {
			return (c%n + n) % n
		}
		return c
	}
	before := func(a, b int) bool { // column a lies before column b
		a, b = at(a), at(b)
		if (a < 0) != (b < 0) {
			return b < 0
		}
		return a < b
	}
	var out []int
	for _, c := range drop {
		d, gone := at(c), false
		for _, r := range removed {
			switch {
			case at(r) == at(c):
				gone = true
			case d >= 0 && before(r, c):
				d--
			case d < 0 && before(c, r):
				d++
			}
		}
		if !gone {
			out = append(out, d)
		}
	}
	return out
}

// checkFeatures checks that the header of a CSV file, read into d with opt,
// names f's features in order, if both have names.
func (f fit) checkFeatures(d *nn.Dataset, path string, opt nn.CSVOptions, lay csvLayout) error {
	if f.features == nil || d.Features == nil {
		return nil
	}
	// The file column of each feature: those that are not the label or a
	// target; unknown (nil) where columns are named or dropped.
	var where []int
	if opt.LabelName == "" && opt.TargetNames == nil && opt.Drop == nil && opt.DropNames == nil {
		var other []int
		switch {
		case opt.NoLabel:
		case f.classes != nil:
			other = []int{opt.Label}
		default:
			other = opt.Targets
		}
		cols := len(d.Features) + len(other)
		skip := map[int]bool{}
		for _, c := range other {
			skip[(c+cols)%cols] = true
		}
		for c := range cols {
			if !skip[c] {
				where = append(where, c)
			}
		}
	}
	for k, name := range f.features {
		if k < len(d.Features) && d.Features[k] == name {
			continue
		}
		got := "nothing"
		if k < len(d.Features) {
			got = fmt.Sprintf("%q", d.Features[k])
		}
		col := fmt.Sprintf("feature %d", k+1)
		if where != nil {
			col = column(where[min(k, len(where)-1)])
		}
		msg := fmt.Sprintf("%s: the header names %s %s, but %s's feature %d is %q (its features, in order: %s)",
			path, col, got, f.whose, k+1, name, strings.Join(f.features, ", "))
		if numeric(d.Features) && !lay.given["header"] && !numeric(f.features) {
			return errFirstLineData
		}
		if numeric(d.Features) {
			how := "give -header=false"
			if !lay.given["header"] {
				how += " (" + f.headerNote + ")"
			}
			msg += "; the first line holds numbers: if it is a sample, " + how
		}
		return errors.New(msg)
	}
	return nil
}
