package main

// nn predict: a saved model's predictions for a data set, as CSV, with the
// scores when the data has labels.

import (
	"bufio"
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"path/filepath"
	"strconv"
	"strings"

	"example.com/nn"
)

var cmdPredict = &command{
	Name:      "predict",
	UsageLine: "predict -model m.json -data name|file|dir [-header] [-label n|name | -targets cols] [-sep ,] …",
	Short:     "predict with a saved model, as CSV",
	Long: `
Predict reads a model saved by "nn train -o" and predicts for every sample of
-data. It writes CSV to standard output, one line a sample after a header:
the predicted class and its probability for a classifier, the outputs for a
regression model, under the names of its targets in the training file.

-data takes what "nn train -data" takes. A CSV file may hold only the
inputs, or the inputs and the class label (in column -label) or the
regression targets (in the columns -targets); which one is told by the
number of columns. -header, -skip, -label, -targets, -drop, -sep and
-decimal-comma default to the settings the model was trained with on a CSV
file (its record says them), so that the training file, or one laid out as
it was, needs no flags; without such a record a label is in the last column,
and targets in the last columns. With a header, its feature names must be
the model's, in order.

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
		var c csvFlags
		c.declare(fs, true)
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
			if _, err := c.options(); err != nil {
				return err
			}
			return runPredict(*model, *data, &c, flagsGiven(fs), stdout, stderr)
		}
	},
}

// withModel fills in, from the settings m was trained with on a CSV file,
// the CSV flags that are not given, and checks that -label and -targets
// suit m.
func (c *csvFlags) withModel(m *nn.Model, given map[string]bool, path string) error {
	switch {
	case given["label"] && !m.Classifier():
		return usageError("-label is for a classifier; %s does regression (its targets' columns are -targets)", path)
	case given["targets"] && m.Classifier():
		return usageError("-targets is for a regression model; %s is a classifier (its label's column is -label)", path)
	}
	s := m.Record.Settings
	_, hasLabel := s["label"]
	_, hasTargets := s["targets"]
	if !hasLabel && !hasTargets {
		return nil // not trained on a CSV file
	}
	bad := func(name string, err error) error {
		return fmt.Errorf("%s: training.settings.%s: %q: %v", path, name, s[name], err)
	}
	record := func(name string) (string, bool) {
		v, ok := s[name]
		return v, ok && !given[name]
	}
	if !given["header"] {
		c.header = s["header"] == "true"
	}
	if !given["decimal-comma"] {
		c.decimalComma = s["decimal-comma"] == "true"
	}
	if v, ok := record("skip"); ok {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return bad("skip", errors.New("not a number of lines"))
		}
		c.skip = n
	}
	if v, ok := record("sep"); ok {
		v = strings.Trim(v, `"'`) // quoted by models saved before the record kept raw values
		if _, err := parseSep(v); err != nil {
			return bad("sep", errors.New("not a separator"))
		}
		c.sep = v
	}
	for _, f := range []struct {
		name string
		v    *string
	}{{"label", &c.label}, {"targets", &c.targets}, {"drop", &c.drop}} {
		if v, ok := record(f.name); ok && v != "" {
			if _, _, err := splitColumns(v); err != nil {
				return bad(f.name, err)
			}
			*f.v = v
		}
	}
	return nil
}

func runPredict(modelPath, spec string, c *csvFlags, given map[string]bool, stdout, stderr io.Writer) error {
	m, err := loadModel(modelPath)
	if err != nil {
		return err
	}
	if err := c.withModel(m, given, modelPath); err != nil {
		return err
	}
	opt, err := c.options()
	if err != nil {
		return err
	}
	lay := csvLayout{opt: opt, given: given}
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
		head := m.TargetNames
		if len(head) != P.Cols {
			head = make([]string, P.Cols)
			for k := range head {
				head[k] = fmt.Sprintf("y%d", k+1)
			}
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
		score(m, d).write(stderr, spec)
	}
	return nil
}

// predictData reads the samples of -data for model m. The returned data set
// has no labels or targets (both nil) if the data has none; labels are
// numbered as m's classes. desc says which samples these are, if that needs
// saying.
func predictData(m *nn.Model, spec string, lay csvLayout) (d *nn.Dataset, desc string, err error) {
	kind, err := dataKind(spec)
	if err != nil {
		return nil, "", err
	}
	if kind == "file" {
		d, err = readSamples(modelFit(m), spec, lay)
		return d, "", err
	}
	if err := csvOnly(lay.given, spec); err != nil {
		return nil, "", err
	}
	switch kind {
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
		if _, d, err = split(all, frac, rand.New(rand.NewPCG(splitSeed, 0))); err != nil {
			return nil, "", err
		}
		desc = fmt.Sprintf("%s: the %d test samples nn train holds out with -test %v", spec, d.X.Rows, frac)
	case "fashion-mnist", "mnist":
		var names []string // mnist: the digits themselves
		if spec == "fashion-mnist" {
			names = nn.FashionMNISTClasses
		}
		if d, err = loadTestIDX(filepath.Join(nn.DatasetDir, spec), names); err != nil {
			_, _, err = nn.LoadNamed(spec) // for its message on how to install the data
			return nil, "", err
		}
		desc = fmt.Sprintf("%s: the test set", spec)
	default: // a directory of IDX files
		if d, err = loadTestIDX(spec, m.ClassNames); err != nil {
			return nil, "", err
		}
		desc = fmt.Sprintf("%s: the test set (t10k files)", spec)
	}
	return d, desc, checkClasses(m, d, spec)
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
