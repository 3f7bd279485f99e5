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
			lay := csvLayout{header: *header, label: *label, sep: sep, given: flagsGiven(fs)}
			if *targetsFlag != "" {
				if lay.targets, err = parseColumns(*targetsFlag); err != nil {
					return usageError("-targets %s: %v", *targetsFlag, err)
				}
			}
			return runPredict(*model, *data, lay, stdout, stderr)
		}
	},
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
		sep, err := parseSep(strings.Trim(v, `"'`)) // quoted by models saved before the record kept raw values
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
