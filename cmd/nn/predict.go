package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"example.com/nn"
	"example.com/nn/cmd/nn/internal/format"
)

var cmdPredict = &command{
	Name:      "predict",
	UsageLine: "predict -model m.json -data name|file|dir [-header] [-label n | -targets cols] [-sep ,]",
	Short:     "predict with a saved model, as CSV",
	Long: `
Predict reads a model saved by "nn train -o" and predicts for every sample of
-data. It writes CSV to standard output, one line a sample after a header:
the predicted class and its probability for a classifier, the outputs for a
regression model.

-data takes what "nn train -data" takes. A CSV file may hold only the
inputs, or the inputs and the class label (in column -label) or the
regression targets (in the columns -targets); which one is told by the
number of columns. -header, -label, -targets and -sep default to the
settings the model was trained with on a CSV file (its record says them), so
that the training file, or one laid out as it was, needs no flags; without
such a record a label is in the last column, and targets in the last
columns. With a header, its feature names must be the model's, in order.
For iris and digits, predict uses the test samples that "nn train" held out
(the same -test fraction gives the same samples); for fashion-mnist, mnist
and a directory of IDX files, the test set.

Standard output gets the CSV only. The scores go to standard error: when the
data has labels, the accuracy and the confusion matrix (for regression, the
error of each target), and for a named data set which samples were used; so
a pipe gets clean CSV.

Example:

	nn train -data digits -o digits.json
	nn predict -model digits.json -data digits > predictions.csv
`,
	Flags: func(fs *flag.FlagSet) func(context.Context, []string, io.Writer, io.Writer) error {
		model := fs.String("model", "", "the model file written by \"nn train -o\" (required)")
		data := fs.String("data", "", "the samples: iris, digits, fashion-mnist, mnist, a CSV file or a directory of IDX files (required)")
		header := fs.Bool("header", false, "CSV files: the first line is a header (default: as the model was trained; -header=false for none)")
		label := fs.Int("label", -1, "CSV files with labels: the column of the class label, from 0 (negative: from the end); a model trained on a CSV file gives its own")
		targetsFlag := fs.String("targets", "", "CSV files with regression targets: their columns, comma-separated, from 0 (negative: from the end) (default: the model's -targets, else the last columns)")
		sepFlag := fs.String("sep", "", `CSV files: the field separator: ",", ";", "tab", "space" or "|" (default: the model's -sep, else guessed from the first line)`)
		return func(_ context.Context, args []string, stdout, stderr io.Writer) error {
			if err := noArgs(args); err != nil {
				return err
			}
			if *model == "" {
				return usageError("-model is required")
			}
			if *data == "" {
				return usageError("-data is required")
			}
			sep, err := parseSep(*sepFlag)
			if err != nil {
				return err
			}
			lay := csvLayout{header: *header, label: *label, sep: sep, given: map[string]bool{}}
			fs.Visit(func(f *flag.Flag) { lay.given[f.Name] = true })
			if *targetsFlag != "" {
				if lay.targets, err = parseColumns(*targetsFlag); err != nil {
					return usageError("-targets %s: %v", *targetsFlag, err)
				}
			}
			return runPredict(*model, *data, lay, stdout, stderr)
		}
	},
}

// csvLayout is how predict reads a CSV file: as its flags say, and where
// they are not given, as the model's record says the training file was.
type csvLayout struct {
	header  bool
	label   int
	targets []int // nil: the last columns
	sep     rune  // 0: guess from the file
	given   map[string]bool
}

// parseColumns reads a comma-separated list of column numbers, as -targets.
func parseColumns(s string) ([]int, error) {
	var cols []int
	for _, f := range strings.Split(s, ",") {
		k, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil {
			return nil, fmt.Errorf("%q is not a column number", f)
		}
		cols = append(cols, k)
	}
	return cols, nil
}

// withModel fills in, from the settings m was trained with on a CSV file,
// what the flags do not say, and checks that -label and -targets suit m.
func (l csvLayout) withModel(m *nn.Model, path string) (csvLayout, error) {
	switch {
	case l.given["label"] && !m.Classifier():
		return l, usageError("-label is for a classifier; %s does regression (its targets' columns are -targets)", path)
	case l.given["targets"] && m.Classifier():
		return l, usageError("-targets is for a regression model; %s is a classifier (its label's column is -label)", path)
	}
	s := m.Record.Settings
	label, hasLabel := s["label"]
	targets, hasTargets := s["targets"]
	if !hasLabel && !hasTargets {
		return l, nil // not trained on a CSV file
	}
	bad := func(name, v string, err error) error {
		return fmt.Errorf("%s: training.settings.%s: %q: %v", path, name, v, err)
	}
	if !l.given["header"] {
		l.header = s["header"] == "true"
	}
	if v, ok := s["sep"]; ok && !l.given["sep"] {
		sep, err := parseSep(strings.Trim(v, `"`))
		if err != nil {
			return l, bad("sep", v, errors.New("not a separator"))
		}
		l.sep = sep
	}
	if hasLabel && !l.given["label"] {
		n, err := strconv.Atoi(label)
		if err != nil {
			return l, bad("label", label, errors.New("not a column number"))
		}
		l.label = n
	}
	if hasTargets && !l.given["targets"] {
		cols, err := parseColumns(targets)
		if err != nil {
			return l, bad("targets", targets, err)
		}
		l.targets = cols
	}
	return l, nil
}

func runPredict(modelPath, spec string, lay csvLayout, stdout, stderr io.Writer) error {
	m, err := loadModel(modelPath)
	if err != nil {
		return err
	}
	if lay, err = lay.withModel(m, modelPath); err != nil {
		return err
	}
	d, desc, err := predictData(m, spec, lay)
	if err != nil {
		return err
	}
	if d.X.Cols != m.Net.Sizes[0] {
		return fmt.Errorf("%s: %d features, but the model takes %d", spec, d.X.Cols, m.Net.Sizes[0])
	}
	if desc != "" {
		fmt.Fprintln(stderr, desc)
	}
	out := bufio.NewWriter(stdout)
	w := csv.NewWriter(out)
	if m.Classifier() {
		w.Write([]string{"class", "probability"})
		class, prob := m.Classify(d.X)
		for i := range class {
			w.Write([]string{m.ClassNames[class[i]], strconv.FormatFloat(prob[i], 'f', 4, 64)})
		}
	} else {
		P := m.PredictBatch(d.X)
		head := make([]string, P.Cols)
		for k := range head {
			head[k] = fmt.Sprintf("y%d", k+1)
		}
		w.Write(head)
		for i := range P.Rows {
			row := make([]string, P.Cols)
			for k, v := range P.Row(i) {
				row[k] = strconv.FormatFloat(v, 'g', 6, 64)
			}
			w.Write(row)
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	if err := out.Flush(); err != nil {
		return err
	}
	if d.Labels != nil || d.Y != nil {
		report(stderr, m, d, spec)
	}
	return nil
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

// predictData reads the samples of -data for model m. The returned data set
// has no labels or targets (both nil) if the data has none; labels are
// numbered as m's classes. desc says which samples these are, if that needs
// saying.
func predictData(m *nn.Model, spec string, lay csvLayout) (d *nn.Dataset, desc string, err error) {
	switch spec {
	case "iris", "digits":
		all, _, err := nn.LoadNamed(spec)
		if err != nil {
			return nil, "", err
		}
		frac := 0.2
		if m.Record.Data == spec {
			if f, err := strconv.ParseFloat(m.Record.Settings["test"], 64); err == nil {
				frac = f
			}
		}
		_, d, err = split(all, frac, rand.New(rand.NewPCG(splitSeed, 0)))
		if err != nil {
			return nil, "", err
		}
		desc = fmt.Sprintf("%s: the %d test samples nn train holds out with -test %v", spec, d.X.Rows, frac)
	case "fashion-mnist", "mnist":
		var names []string // mnist: the digits themselves
		if spec == "fashion-mnist" {
			names = nn.FashionMNISTClasses
		}
		d, err = loadTestIDX(filepath.Join(nn.DatasetDir, spec), names)
		if err != nil {
			_, _, err = nn.LoadNamed(spec) // for its message on how to install the data
		}
		desc = fmt.Sprintf("%s: the test set", spec)
	default:
		st, err := os.Stat(spec)
		if err != nil {
			if hint := strings.ToLower(spec); hint == "iris" || hint == "digits" || hint == "fashion-mnist" || hint == "mnist" {
				return nil, "", usageError("-data %s: no such data set or file; did you mean -data %s?", spec, hint)
			}
			return nil, "", usageError("-data %s: no such data set or file (the names are iris, digits, fashion-mnist and mnist)", spec)
		}
		if st.IsDir() {
			d, err = loadTestIDX(spec, m.ClassNames)
			desc = fmt.Sprintf("%s: the test set (t10k files)", spec)
			if err != nil {
				return nil, "", err
			}
			return d, desc, checkClasses(m, d, spec)
		}
		d, err = predictCSV(m, spec, lay)
		return d, "", err
	}
	if err != nil {
		return nil, "", err
	}
	return d, desc, checkClasses(m, d, spec)
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

// checkClasses renumbers d's labels as m's classes.
func checkClasses(m *nn.Model, d *nn.Dataset, spec string) error {
	if d.X.Cols != m.Net.Sizes[0] {
		return fmt.Errorf("%s: %d features, but the model takes %d", spec, d.X.Cols, m.Net.Sizes[0])
	}
	if !m.Classifier() {
		return fmt.Errorf("%s is a classification data set but the model does regression", spec)
	}
	return relabel(d, m.ClassNames, spec)
}

// predictCSV reads a CSV file of inputs, with or without labels or targets,
// as its number of columns says, with nn.LoadCSV: first as lay says the
// label or targets are laid out, then, if that does not give the model's
// number of inputs, as inputs only. A header must name m's features; but
// when -header is only the model's setting, a first line of numbers where
// the model has names is taken as a sample.
func predictCSV(m *nn.Model, path string, lay csvLayout) (*nn.Dataset, error) {
	d, err := readPredictCSV(m, path, lay)
	if errors.Is(err, errFirstLineData) || err != nil && lay.header && !lay.given["header"] && strings.Contains(err.Error(), "only a header line") {
		lay.header = false
		return readPredictCSV(m, path, lay)
	}
	return d, err
}

// errFirstLineData says that a header taken from the model's record is a
// line of numbers: a sample.
var errFirstLineData = errors.New("the first line is a sample, not a header")

// readPredictCSV is predictCSV without the second try.
func readPredictCSV(m *nn.Model, path string, lay csvLayout) (*nn.Dataset, error) {
	sep, err := resolveSep(path, lay.sep)
	if err != nil {
		return nil, err
	}
	in, out := m.Net.Sizes[0], m.Net.Sizes[m.Net.L()]
	opt := nn.CSVOptions{Header: lay.header, Label: lay.label, Targets: lay.targets, Comma: sep}
	extra, what := 1, fmt.Sprintf("a label in column %d", lay.label)
	if !m.Classifier() {
		if opt.Targets == nil {
			for k := range out {
				opt.Targets = append(opt.Targets, k-out) // the last out columns
			}
		}
		if len(opt.Targets) != out {
			return nil, fmt.Errorf("%s: %d target columns (%v) for a model of %d outputs", path, len(opt.Targets), opt.Targets, out)
		}
		extra, what = out, fmt.Sprintf("%s in columns %v", format.Count(out, "target"), opt.Targets)
	}
	d, errL := loadCSV(path, opt)
	if errL == nil && d.X.Cols == in {
		if err := checkFeatures(m, d, path, opt, lay); err != nil {
			return nil, err
		}
		if m.Classifier() {
			return d, relabel(d, m.ClassNames, path)
		}
		return d, nil
	}
	inputs := nn.CSVOptions{Header: lay.header, Comma: sep, NoLabel: true}
	x, errX := loadCSV(path, inputs)
	if errX == nil && x.X.Cols == in {
		return x, checkFeatures(m, x, path, inputs, lay)
	}
	cols := 0 // the file's columns, if either reading got that far
	switch {
	case errX == nil:
		cols = x.X.Cols
	case errL == nil:
		cols = d.X.Cols + extra
		if cols == in {
			return nil, errX // inputs only, but not all numbers
		}
	default:
		return nil, errL
	}
	return nil, fmt.Errorf("%s has %d columns; the model takes %d inputs (and, to score it, %s)", path, cols, in, what)
}

// checkFeatures checks that the header of a CSV file, read into d with opt,
// names the model's features in order, if both have names.
func checkFeatures(m *nn.Model, d *nn.Dataset, path string, opt nn.CSVOptions, lay csvLayout) error {
	if m.Features == nil || d.Features == nil {
		return nil
	}
	// The file column of each feature: those that are not the label or a target.
	var other []int
	switch {
	case opt.NoLabel:
	case m.Classifier():
		other = []int{opt.Label}
	default:
		other = opt.Targets
	}
	cols := len(d.Features) + len(other)
	skip := map[int]bool{}
	for _, c := range other {
		skip[(c+cols)%cols] = true
	}
	var where []int
	for c := range cols {
		if !skip[c] {
			where = append(where, c)
		}
	}
	for k, name := range m.Features {
		if k < len(d.Features) && d.Features[k] == name {
			continue
		}
		got := "nothing"
		if k < len(d.Features) {
			got = fmt.Sprintf("%q", d.Features[k])
		}
		msg := fmt.Sprintf("%s: the header names column %d %s, but the model's feature %d is %q (its features, in order: %s)",
			path, where[min(k, len(where)-1)]+1, got, k+1, name, strings.Join(m.Features, ", "))
		if numeric(d.Features) && !lay.given["header"] && !numeric(m.Features) {
			return errFirstLineData
		}
		if numeric(d.Features) {
			how := "give -header=false"
			if !lay.given["header"] {
				how += " (the model was trained with -header)"
			}
			msg += "; the first line holds numbers: if it is a sample, " + how
		}
		return errors.New(msg)
	}
	return nil
}
