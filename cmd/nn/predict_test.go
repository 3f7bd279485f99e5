package main

// Tests of nn predict on files laid out as the model was trained.

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"example.com/nn"
)

// rmseLine is the line predict writes for the first target, named as the
// model names it, computed here from the model and the data the test reads
// itself.
func rmseLine(t *testing.T, model, data string, opt nn.CSVOptions) string {
	t.Helper()
	m, err := nn.LoadModel(model)
	if err != nil {
		t.Fatal(err)
	}
	d, err := nn.LoadCSV(data, opt)
	if err != nil {
		t.Fatal(err)
	}
	P := m.PredictBatch(d.X)
	se := 0.0
	for i := range d.X.Rows {
		e := P.At(i, 0) - d.Y.At(i, 0)
		se += e * e
	}
	name := "target 1"
	if m.TargetNames != nil {
		name = m.TargetNames[0]
	}
	return fmt.Sprintf("RMSE of %s: %.6g (%d samples)", name, math.Sqrt(se/float64(d.X.Rows)), d.X.Rows)
}

// TestPredictTrainedLayout: the diabetes table with its target moved to
// column 0, trained with -targets 0, predicts on the same file without
// flags: predict takes -header and -targets from the model's record, so its
// RMSE is the one the model gives on the right columns. A file of the
// inputs alone works with or without a header; a header whose names differ
// from the model's is refused, naming the first difference; a flag given
// overrides the record. Catches: predict taking the last column as the
// target whatever the model was trained with (it fed the target in as a
// feature and reported a wrong RMSE), a header that is not checked.
func TestPredictTrainedLayout(t *testing.T) {
	dir := t.TempDir()
	b, err := os.ReadFile("../../testdata/diabetes.csv")
	if err != nil {
		t.Fatal(err)
	}
	// moved: the last column first; inputs: without it; swapped: moved, with
	// two names of the header exchanged.
	var moved, inputs, swapped strings.Builder
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	for i, line := range lines {
		f := strings.Split(line, ",")
		n := len(f) - 1
		fmt.Fprintf(&moved, "%s,%s\n", f[n], strings.Join(f[:n], ","))
		fmt.Fprintf(&inputs, "%s\n", strings.Join(f[:n], ","))
		if i == 0 {
			f[0], f[1] = f[1], f[0] // the header names age and sex the other way round
		}
		fmt.Fprintf(&swapped, "%s,%s\n", f[n], strings.Join(f[:n], ","))
	}
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	data := write("moved.csv", moved.String())
	model := filepath.Join(dir, "m.json")
	if out, errs, code := runArgs(t, "train", "-data", data, "-header", "-targets", "0", "-epochs", "3", "-o", model); code != 0 {
		t.Fatalf("nn train: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errs)
	}

	want := rmseLine(t, model, data, nn.CSVOptions{Header: true, Targets: []int{0}})
	for _, flags := range [][]string{nil, {"-header"}} {
		out, errs, code := runArgs(t, append([]string{"predict", "-model", model, "-data", data}, flags...)...)
		if code != 0 || !strings.Contains(errs, want) || strings.Count(out, "\n") != 443 {
			t.Errorf("predict %q on the training file: exit %d, %d lines, stderr %q; want %q", flags, code, strings.Count(out, "\n"), errs, want)
		}
	}

	withHeader := write("inputs.csv", inputs.String())
	noHeader := write("plain.csv", strings.SplitN(inputs.String(), "\n", 2)[1])
	for _, p := range []string{withHeader, noHeader} {
		out, errs, code := runArgs(t, "predict", "-model", model, "-data", p)
		if code != 0 || errs != "" || strings.Count(out, "\n") != 443 || !strings.HasPrefix(out, "progression\n") { // the target's name in the training file
			t.Errorf("predict on %s: exit %d, %d lines, stderr %q", filepath.Base(p), code, strings.Count(out, "\n"), errs)
		}
	}

	_, errs, code := runArgs(t, "predict", "-model", model, "-data", write("swapped.csv", swapped.String()))
	if code != 1 || !strings.Contains(errs, `the header names column 1 (from 0) "sex", but the model's feature 1 is "age" (its features, in order: age, sex, bmi,`) {
		t.Errorf("predict on a header of other names: exit %d, stderr %q", code, errs)
	}

	// The original table, target last: -targets says so, over the record.
	orig := "../../testdata/diabetes.csv"
	_, errs, code = runArgs(t, "predict", "-model", model, "-data", orig, "-targets", "-1")
	want = rmseLine(t, model, orig, nn.CSVOptions{Header: true, Targets: []int{-1}})
	if code != 0 || !strings.Contains(errs, want) {
		t.Errorf("predict -targets -1: exit %d, stderr %q; want %q", code, errs, want)
	}
	_, errs, code = runArgs(t, "predict", "-model", model, "-data", orig, "-label", "0")
	if code != 2 || !strings.Contains(errs, "-label is for a classifier") {
		t.Errorf("predict -label with a regression model: exit %d, stderr %q", code, errs)
	}
}

// TestPredictTrainedLabelAndSep: a classifier trained with -label 0 and
// -sep "|" on a file whose labels hold commas (so that the separator
// guessed from the first line would be ",") predicts on that file without
// flags, scoring every sample; -label overrides the record for a file with
// the label last. Catches: a label assumed in the last column, a separator
// guessed when the model's record says it.
func TestPredictTrainedLabelAndSep(t *testing.T) {
	dir := t.TempDir()
	var first, last strings.Builder
	first.WriteString("class|w|h\n")
	last.WriteString("w|h|class\n")
	for i := range 40 {
		d := float64(i%10) / 20
		label, w, h := "a,b,c", 1+d, 2-d
		if i%2 == 1 {
			label, w, h = "d,e,f", 3-d, 0.5+d
		}
		fmt.Fprintf(&first, "%s|%v|%v\n", label, w, h)
		fmt.Fprintf(&last, "%v|%v|%s\n", w, h, label)
	}
	data := filepath.Join(dir, "first.csv")
	os.WriteFile(data, []byte(first.String()), 0o644)
	model := filepath.Join(dir, "m.json")
	if out, errs, code := runArgs(t, "train", "-data", data, "-header", "-label", "0", "-sep", "|", "-epochs", "20", "-o", model); code != 0 {
		t.Fatalf("nn train: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errs)
	}
	for _, flags := range [][]string{nil, {"-header"}} {
		out, errs, code := runArgs(t, append([]string{"predict", "-model", model, "-data", data}, flags...)...)
		if code != 0 || !strings.Contains(errs, "of 40)") || !strings.HasPrefix(out, "class,probability\n") {
			t.Errorf("predict %q on the training file: exit %d, stdout %.60q, stderr %q", flags, code, out, errs)
		}
	}
	other := filepath.Join(dir, "last.csv")
	os.WriteFile(other, []byte(last.String()), 0o644)
	_, errs, code := runArgs(t, "predict", "-model", model, "-data", other, "-label", "-1")
	if code != 0 || !strings.Contains(errs, "of 40)") {
		t.Errorf("predict -label -1: exit %d, stderr %q", code, errs)
	}
}

// TestPredictDefaultTargets (issue 16 item 21): a regression model saved
// through the library, with no record of -targets, reads its targets from
// the last columns of a file: with 2 outputs, the last two, in order. The
// scores are those the test computes from those columns. Catches: the
// columns taken one off.
func TestPredictDefaultTargets(t *testing.T) {
	dir := t.TempDir()
	net, err := nn.New([]int{3, 4, 2}, []nn.Activation{nn.Tanh{}, nn.Identity{}}, nn.XavierUniform, rand.New(rand.NewPCG(3, 3)))
	if err != nil {
		t.Fatal(err)
	}
	model := filepath.Join(dir, "m.json")
	if err := (&nn.Model{Net: net}).Save(model); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	rng := rand.New(rand.NewPCG(4, 4))
	for range 30 {
		fmt.Fprintf(&b, "%.3f,%.3f,%.3f,%.3f,%.3f\n", rng.Float64(), rng.Float64(), rng.Float64(), 10*rng.Float64(), -5*rng.Float64())
	}
	data := filepath.Join(dir, "d.csv")
	if err := os.WriteFile(data, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := nn.LoadCSV(data, nn.CSVOptions{Targets: []int{3, 4}})
	if err != nil {
		t.Fatal(err)
	}
	s := score(&nn.Model{Net: net}, d)
	_, errs, code := runArgs(t, "predict", "-model", model, "-data", data)
	for k := range 2 {
		if want := fmt.Sprintf("RMSE of target %d: %.6g (30 samples), R² %.3f\n", k+1, s.rmse[k], s.r2[k]); code != 0 || !strings.Contains(errs, want) {
			t.Errorf("exit %d, stderr %q; want %q", code, errs, want)
		}
	}
}

// TestRSquaredConstantTargets (issue 15): the report's R² is the library's
// (RSquaredColumns), with its guard for targets that do not vary: predicting a
// constant column other than exactly scores 0, not −Inf or NaN as the
// report's own copy of the formula gave.
func TestRSquaredConstantTargets(t *testing.T) {
	dir := t.TempDir()
	var train, test strings.Builder
	for i := range 60 {
		x := float64(i) / 60
		fmt.Fprintf(&train, "%v,%v\n", x, 2*x)
	}
	for i := range 8 { // 8 samples: the mean of the targets, Σ 1/8, is exactly 1
		fmt.Fprintf(&test, "%v,1\n", float64(i)/8)
	}
	trainPath, testPath := filepath.Join(dir, "train.csv"), filepath.Join(dir, "test.csv")
	os.WriteFile(trainPath, []byte(train.String()), 0o644)
	os.WriteFile(testPath, []byte(test.String()), 0o644)
	out, errs, code := runArgs(t, "train", "-data", trainPath, "-targets", "1", "-test", testPath, "-epochs", "2")
	if code != 0 || !regexp.MustCompile(`test RMSE of target 1: [0-9.e+-]+ \(8 samples\), R² 0\.000\n`).MatchString(out) {
		t.Errorf("exit %d, stderr %q, stdout:\n%s", code, errs, out)
	}
}

// TestPredictHeaderlessNamedColumns: a model trained on a file with a
// header, its target, label or dropped columns given by name, reads that
// file without its header line, in nn predict and as nn train's -test file:
// the model (and the training set) keeps those columns' places beside their
// names. The scores are those of the model on the file read here with the
// columns given by number. Catches: the names looked for in a first line of
// numbers ("no column is named"), and the file refused as having a column
// too many (issue 16 items 4 and 13). A name given again on predict's
// command line is not placed: it names a header the file does not have.
func TestPredictHeaderlessNamedColumns(t *testing.T) {
	dir := t.TempDir()
	diabetes, iris := readLines(t, "../../testdata/diabetes.csv"), readLines(t, "../../testdata/iris.csv")
	// iris as a table with a header, its class names in its last column
	// (testdata/iris.csv has scikit-learn's header: n_samples, n_features,
	// the class names; and the classes' numbers).
	classes := iris[0][2:]
	iris[0] = []string{"f0", "f1", "f2", "f3", "species"}
	for _, row := range iris[1:] {
		row[4] = classes[atoi(t, row[4])]
	}
	// relaid writes a table, header first, with its columns in the order
	// the layout gives: a number is a column of the table (negative from
	// the end), "id" a column of row names in words.
	relaid := func(table [][]string, layout ...any) string {
		var b strings.Builder
		for i, row := range table {
			var fields []string
			for _, c := range layout {
				switch {
				case c == "id" && i == 0:
					fields = append(fields, "id")
				case c == "id":
					fields = append(fields, fmt.Sprintf("r%d", i))
				default:
					fields = append(fields, row[(c.(int)+len(row))%len(row)])
				}
			}
			b.WriteString(strings.Join(fields, ",") + "\n")
		}
		return b.String()
	}
	for _, tt := range []struct {
		name  string
		data  string   // the training file, with its header
		flags []string // nn train's, besides -header
		opt   nn.CSVOptions
	}{
		{"-targets by name", relaid(diabetes, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9), []string{"-targets", "progression"}, nn.CSVOptions{Targets: []int{0}}},
		{"-label by name", relaid(iris, 0, 1, -1, 2, 3), []string{"-label", "species"}, nn.CSVOptions{Label: 2}},
		{"-drop by name", relaid(iris, "id", 0, 1, 2, 3, 4), []string{"-drop", "id"}, nn.CSVOptions{Label: -1, Drop: []int{0}}},
		{"-targets and -drop by name", relaid(diabetes, 0, 1, "id", 2, 3, 4, 5, 6, 7, 8, 9, -1),
			[]string{"-targets", "progression", "-drop", "id"}, nn.CSVOptions{Targets: []int{11}, Drop: []int{2}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			data, plain := filepath.Join(dir, "data.csv"), filepath.Join(dir, "plain.csv")
			os.WriteFile(data, []byte(tt.data), 0o644)
			os.WriteFile(plain, []byte(strings.SplitN(tt.data, "\n", 2)[1]), 0o644)
			train := append([]string{"train", "-data", data, "-header", "-epochs", "3"}, tt.flags...)
			model := filepath.Join(dir, "m.json")
			if out, errs, code := runArgs(t, append(train, "-o", model)...); code != 0 {
				t.Fatalf("nn train: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errs)
			}
			d, err := nn.LoadCSV(plain, tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			out, errs, code := runArgs(t, "predict", "-model", model, "-data", plain)
			if want := scoreText(t, model, d, plain); code != 0 || !strings.Contains(errs, want) || strings.Count(out, "\n") != d.X.Rows+1 {
				t.Errorf("predict on the file without its header: exit %d, %d lines, stderr:\n%s\nwant:\n%s", code, strings.Count(out, "\n"), errs, want)
			}
			// The names given again on predict's command line name a
			// header, which the file does not have: the error quotes one.
			_, errs, code = runArgs(t, append([]string{"predict", "-model", model, "-data", plain}, tt.flags...)...)
			if code != 1 || !strings.Contains(errs, strconv.Quote(tt.flags[len(tt.flags)-1])) {
				t.Errorf("predict %q on the file without its header: exit %d, stderr %q", tt.flags, code, errs)
			}
			out, errs, code = runArgs(t, append(train, "-test", plain, "-o", model)...)
			if code != 0 {
				t.Fatalf("train -test on the file without its header: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errs)
			}
			if want := scoreText(t, model, d, "test"); !strings.Contains(out, want) {
				t.Errorf("train -test on the file without its header: stdout:\n%s\nwant:\n%s", out, want)
			}
		})
	}
}

// readLines reads a CSV file into its lines' fields (split at commas).
func readLines(t *testing.T, path string) [][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var lines [][]string
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		lines = append(lines, strings.Split(line, ","))
	}
	return lines
}

// atoi is strconv.Atoi for a test's own data.
func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// scoreText is the report of the model at path on d, as nn writes it for
// the samples called what.
func scoreText(t *testing.T, path string, d *nn.Dataset, what string) string {
	t.Helper()
	m, err := nn.LoadModel(path)
	if err != nil {
		t.Fatal(err)
	}
	if !d.Regression() {
		if err := relabel(d, m.ClassNames, "plain.csv"); err != nil {
			t.Fatal(err)
		}
	}
	var b strings.Builder
	score(m, d).write(&b, what)
	return b.String()
}

// TestPredictInputsOnlyDropped: a model trained with its label in column 0
// and -drop 3 reads a file of inputs only (no label column) with the dropped
// column one place earlier, so its predictions are those of the labelled
// file; the column after it was dropped instead, silently, when the numbers
// were taken as they were.
func TestPredictInputsOnlyDropped(t *testing.T) {
	dir := t.TempDir()
	iris := readLines(t, "../../testdata/iris.csv")[1:]
	var full, inputs strings.Builder
	for i, r := range iris {
		junk := fmt.Sprint(i % 7) // a number, so dropping the wrong column is no error
		fmt.Fprintln(&full, strings.Join([]string{r[4], r[0], r[1], junk, r[2], r[3]}, ","))
		fmt.Fprintln(&inputs, strings.Join([]string{r[0], r[1], junk, r[2], r[3]}, ","))
	}
	fullPath, inputsPath, model := filepath.Join(dir, "full.csv"), filepath.Join(dir, "inputs.csv"), filepath.Join(dir, "m.json")
	os.WriteFile(fullPath, []byte(full.String()), 0o644)
	os.WriteFile(inputsPath, []byte(inputs.String()), 0o644)
	if out, errs, code := runArgs(t, "train", "-data", fullPath, "-label", "0", "-drop", "3", "-epochs", "5", "-o", model); code != 0 {
		t.Fatalf("nn train: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errs)
	}
	want, errs, code := runArgs(t, "predict", "-model", model, "-data", fullPath)
	if code != 0 {
		t.Fatalf("predict on the labelled file: exit %d, stderr %q", code, errs)
	}
	got, errs, code := runArgs(t, "predict", "-model", model, "-data", inputsPath)
	if code != 0 || got != want {
		t.Errorf("predict on the inputs only: exit %d, stderr %q; its predictions differ from the labelled file's:\n%.200s\nwant:\n%.200s", code, errs, got, want)
	}
}

// TestDropWithout: dropped columns renumbered for a file without the label
// or targets, counted from the start or from the end, with the file's width
// known or not.
func TestDropWithout(t *testing.T) {
	for _, tt := range []struct {
		drop, removed []int
		n             int
		want          []int
	}{
		{[]int{3}, []int{0}, 6, []int{2}},          // label first: one place earlier
		{[]int{3}, []int{0}, 0, []int{2}},          // the same, width unknown
		{[]int{1}, []int{-1}, 0, []int{1}},         // label last: nothing before it moves
		{[]int{-1}, []int{-2}, 0, []int{-1}},       // label before a dropped last column
		{[]int{-2}, []int{-1}, 0, []int{-1}},       // label after it: one place later from the end
		{[]int{5}, []int{-3}, 6, []int{4}},         // width known: −3 is column 3, before 5
		{[]int{0, 5}, []int{1, 3}, 6, []int{0, 3}}, // two targets before column 5
		{[]int{2}, []int{2}, 6, nil},               // the dropped column was the label
	} {
		got := dropWithout(tt.drop, tt.removed, tt.n)
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("dropWithout(%v, %v, %d) = %v, want %v", tt.drop, tt.removed, tt.n, got, tt.want)
		}
	}
}
