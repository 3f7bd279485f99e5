package main

// Tests of nn train: runs end to end, interruptions, data sets and the
// progress line.

import (
	"bufio"
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"example.com/nn"
)

// runCtx runs nn in-process with ctx.
func runCtx(t *testing.T, ctx context.Context, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errw strings.Builder
	code = exitCode(run(ctx, args, &out, &errw), &errw)
	return out.String(), errw.String(), code
}

// accuracyIn returns the accuracy of the line "<what> accuracy 0.9722 (350 of 360)".
func accuracyIn(t *testing.T, s, what string) (acc float64, right, n int) {
	t.Helper()
	m := regexp.MustCompile(what + ` accuracy ([0-9.]+) \((\d+) of (\d+)\)`).FindStringSubmatch(s)
	if m == nil {
		t.Fatalf("no %q accuracy line in:\n%s", what, s)
	}
	acc, _ = strconv.ParseFloat(m[1], 64)
	right, _ = strconv.Atoi(m[2])
	n, _ = strconv.Atoi(m[3])
	return acc, right, n
}

// TestTrainPredictDigits: a short training run on digits saves a model;
// predict on the test split gives the accuracy train reported, and the
// library, loading the model itself, counts the same. Catches: a test split
// that differs between train and predict, a model that loses its
// standardization, predictions that are not the model's.
func TestTrainPredictDigits(t *testing.T) {
	path := filepath.Join(t.TempDir(), "digits.json")
	out, errs, code := runArgs(t, "train", "-data", "digits", "-layers", "32", "-epochs", "3", "-lr", "0.01", "-o", path)
	if code != 0 {
		t.Fatalf("nn train: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errs)
	}
	for _, want := range []string{
		"nn train -data digits -layers 32 -act relu -opt adam -lr 0.01 -schedule constant -batch 32 -epochs 3",
		"digits: 1293 training, 145 validation and 359 test samples; 64 features, 10 classes",
		"confusion matrix (rows: true class, columns: predicted class):",
		"model saved to " + path,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks %q:\n%s", want, out)
		}
	}
	if n := strings.Count(errs, "\n"); n != 3 || strings.Contains(errs, "\r") {
		t.Errorf("stderr (not a terminal) has %d lines, want one per epoch without \\r:\n%q", n, errs)
	}
	trainAcc, right, n := accuracyIn(t, out, "test")
	if n != 359 || trainAcc < 0.9 {
		t.Errorf("test accuracy %v (%d of %d) after 3 epochs; want ≥ 0.9 of 359", trainAcc, right, n)
	}

	csvOut, errs, code := runArgs(t, "predict", "-model", path, "-data", "digits")
	if code != 0 {
		t.Fatalf("nn predict: exit %d, stderr:\n%s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(csvOut), "\n")
	if len(lines) != 360 || lines[0] != "class,probability" {
		t.Fatalf("predict wrote %d lines starting %q; want a header and 359 rows", len(lines), lines[0])
	}
	_, right2, n2 := accuracyIn(t, errs, "digits")
	if right2 != right || n2 != n {
		t.Errorf("predict counts %d of %d right, train counted %d of %d", right2, n2, right, n)
	}

	// The library's count, from the model file and the same split.
	m, err := nn.LoadModel(path)
	if err != nil {
		t.Fatal(err)
	}
	_, test, err := nn.StratifiedSplit(nn.Digits(), 0.2, rand.New(rand.NewPCG(splitSeed, 0)))
	if err != nil {
		t.Fatal(err)
	}
	class, prob := m.Classify(test.X)
	lib := 0
	for i, c := range class {
		if c == test.Labels[i] {
			lib++
		}
		want := m.ClassNames[c] + "," + strconv.FormatFloat(prob[i], 'f', 4, 64)
		if lines[i+1] != want {
			t.Fatalf("predict row %d is %q, the library gives %q", i+1, lines[i+1], want)
		}
	}
	if lib != right {
		t.Errorf("the library counts %d of %d right, nn %d", lib, test.X.Rows, right)
	}
	if m.Record.Data != "digits" || len(m.Record.Epochs) != 3 || m.Record.Settings["layers"] != "32" || math.Abs(m.Record.TestAccuracy-float64(right)/359) > 1e-12 {
		t.Errorf("record %+v", m.Record)
	}
}

// stopAfter is a context whose Err reports cancellation from its n-th call
// on: Train's Stop asks once a step, so the run stops after step n.
type stopAfter struct {
	context.Context
	n int
}

func (c *stopAfter) Err() error {
	if c.n--; c.n <= 0 {
		return context.Canceled
	}
	return nil
}

// TestTrainInterrupted: a run interrupted mid-epoch saves the weights of the
// epoch with the lowest validation loss, says so, and exits 1. Catches: an
// interruption that saves nothing, or the weights of the step it stopped at.
func TestTrainInterrupted(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.json")
	// iris: 108 training samples, batches of 16: 7 steps an epoch; stop at
	// the 3rd step of epoch 4 (runTrain asks once before training too).
	ctx := &stopAfter{Context: context.Background(), n: 1 + 3*7 + 3}
	out, errs, code := runCtx(t, ctx, "train", "-data", "iris", "-o", path)
	if code != 1 || !strings.Contains(errs, "nn train: interrupted; "+path+" holds the weights of epoch ") {
		t.Fatalf("exit %d, stderr:\n%s", code, errs)
	}
	m, err := nn.LoadModel(path)
	if err != nil {
		t.Fatal(err)
	}
	ep := m.Record.Epochs
	if len(ep) != 4 || ep[3].Steps != 3 {
		t.Fatalf("record has %d epochs, the last of %d steps; want 4, the last of 3", len(ep), ep[len(ep)-1].Steps)
	}
	best := 1
	for _, e := range ep[:3] {
		if e.ValLoss < ep[best-1].ValLoss {
			best = e.Epoch
		}
	}
	note := fmt.Sprintf("interrupted at epoch 4, step 3; keeping the weights of epoch %d, whose validation loss %.4f is the lowest",
		best, ep[best-1].ValLoss)
	if m.Record.BestEpoch != best || m.Record.Note != note || !strings.Contains(out, note) {
		t.Errorf("best epoch %d, note %q; want %d, %q; stdout:\n%s", m.Record.BestEpoch, m.Record.Note, best, note, out)
	}
	// The saved weights are those of that epoch: their validation loss is the one recorded.
	all := nn.Iris()
	train, _, _ := nn.StratifiedSplit(all, 0.2, rand.New(rand.NewPCG(splitSeed, 0)))
	_, val, _ := nn.StratifiedSplit(train, 0.1, rand.New(rand.NewPCG(1, 1)))
	P := m.PredictBatch(val.X)
	loss := 0.0
	for i, y := range val.Labels {
		loss -= math.Log(P.At(i, y))
	}
	loss /= float64(val.X.Rows)
	if math.Abs(loss-ep[best-1].ValLoss) > 1e-12 {
		t.Errorf("validation loss of the saved weights %v, recorded for epoch %d: %v", loss, best, ep[best-1].ValLoss)
	}
}

// TestTrainInterruptedEarly: Ctrl-C while the data is read (before the
// first step) saves nothing and says so. Catches: a model of one step saved
// as if the user had let it train.
func TestTrainInterruptedEarly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.json")
	ctx := &stopAfter{Context: context.Background(), n: 1}
	_, errs, code := runCtx(t, ctx, "train", "-data", "iris", "-o", path)
	if code != 1 || !strings.Contains(errs, "nn train: interrupted before training began; nothing was saved") {
		t.Errorf("exit %d, stderr:\n%s", code, errs)
	}
	if _, err := os.Stat(path); err == nil {
		t.Errorf("%s was written", path)
	}
}

// TestTrainDiverged: a run whose loss blows up says so, exits 1 and leaves
// the existing model file as it was; the advice continues the error after a
// semicolon, in lower case. Catches: ". Try a smaller -lr" inside an error.
func TestTrainDiverged(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.json")
	if err := os.WriteFile(path, []byte("the old model"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errs, code := runArgs(t, "train", "-data", "iris", "-opt", "sgd", "-lr", "1e300", "-epochs", "5", "-o", path)
	if code != 1 || !strings.Contains(errs, "training diverged") || !strings.Contains(errs, path+" is left as it was; try a smaller -lr (now 1e+300) or -clip") {
		t.Errorf("exit %d, stderr:\n%s", code, errs)
	}
	if b, _ := os.ReadFile(path); string(b) != "the old model" {
		t.Errorf("the model file now holds %.40q", b)
	}
}

// TestTrainUnwritable: a model that cannot be saved is an error, and the
// old file stays.
func TestTrainUnwritable(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root, which may write into a read-only directory")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "m.json")
	if err := os.WriteFile(path, []byte("the old model"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chmod(dir, 0o555)
	defer os.Chmod(dir, 0o755)
	_, errs, code := runArgs(t, "train", "-data", "iris", "-epochs", "1", "-o", path)
	if code != 2 || !strings.Contains(errs, "-o "+path+": cannot write into "+dir) { // found before training (issue 16 item 8)
		t.Errorf("exit %d, stderr:\n%s", code, errs)
	}
	if b, _ := os.ReadFile(path); string(b) != "the old model" {
		t.Errorf("the model file now holds %.40q", b)
	}
}

// TestPredictCSV: a CSV of inputs only gets predictions and no score; one
// with labels gets both, the score on stderr.
func TestPredictCSV(t *testing.T) {
	dir := t.TempDir()
	model := filepath.Join(dir, "iris.json")
	if _, errs, code := runArgs(t, "train", "-data", "iris", "-epochs", "20", "-o", model); code != 0 {
		t.Fatalf("nn train: %s", errs)
	}
	inputs := filepath.Join(dir, "in.csv")
	labelled := filepath.Join(dir, "labelled.csv")
	os.WriteFile(inputs, []byte("5.1,3.5,1.4,0.2\n6.7,3.0,5.2,2.3\n"), 0o644)
	os.WriteFile(labelled, []byte("5.1,3.5,1.4,0.2,setosa\n6.7,3.0,5.2,2.3,virginica\n"), 0o644)
	out, errs, code := runArgs(t, "predict", "-model", model, "-data", inputs)
	if code != 0 || errs != "" || !regexp.MustCompile(`^class,probability\nsetosa,0\.\d{4}\nvirginica,0\.\d{4}\n$`).MatchString(out) {
		t.Errorf("predict on inputs: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	out, errs, code = runArgs(t, "predict", "-model", model, "-data", labelled)
	if code != 0 || !strings.HasPrefix(out, "class,probability\nsetosa,") || !strings.Contains(errs, "accuracy 1.0000 (2 of 2)") {
		t.Errorf("predict on labelled rows: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	os.WriteFile(inputs, []byte("5.1,3.5,1.4\n"), 0o644)
	_, errs, code = runArgs(t, "predict", "-model", model, "-data", inputs)
	if code != 1 || !strings.Contains(errs, "has 3 columns; the model takes 4 inputs") {
		t.Errorf("predict on too few columns: exit %d, stderr %q", code, errs)
	}
	_, errs, code = runArgs(t, "predict", "-model", model, "-data", "Iris")
	if code != 2 || !strings.Contains(errs, "nn predict: -data Iris: no such data set or file; did you mean -data iris?") {
		t.Errorf("predict -data Iris: exit %d, stderr %q", code, errs)
	}
	_, errs, code = runArgs(t, "predict", "-model", model, "-data", "digits")
	if code != 1 || !strings.Contains(errs, "nn predict: digits: 64 features, but the model takes 4") {
		t.Errorf("predict on another data set: exit %d, stderr %q", code, errs)
	}
}

// TestRegressionCSV: -targets trains a regression on a CSV file with a
// header; predict writes the outputs, and with the targets in the file the
// error of each one. The target is linear in the inputs, y = 2x₁ − x₂, so
// that a short run learns it well.
func TestRegressionCSV(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "lin.csv")
	var b strings.Builder
	b.WriteString("x1,x2,y\n")
	rng := rand.New(rand.NewPCG(4, 4))
	for range 200 {
		x1, x2 := rng.Float64(), rng.Float64()
		fmt.Fprintf(&b, "%v,%v,%v\n", x1, x2, 2*x1-x2)
	}
	os.WriteFile(data, []byte(b.String()), 0o644)
	model := filepath.Join(dir, "lin.json")
	if _, errs, code := runArgs(t, "train", "-data", data, "-targets", "2"); code != 1 || !strings.Contains(errs, `column 0 (from 0): "x1" is not a number (if the first line holds column names, add -header)`) {
		t.Errorf("a header read as data: exit %d, stderr %q", code, errs)
	}
	out, errs, code := runArgs(t, "train", "-data", data, "-header", "-targets", "2", "-act", "identity", "-layers", "4", "-lr", "0.01", "-epochs", "100", "-o", model)
	if code != 0 {
		t.Fatalf("nn train: exit %d, stderr:\n%s", code, errs)
	}
	if _, errs, code := runArgs(t, "train", "-data", data, "-header"); code != 1 || !strings.Contains(errs, "column 2 (from 0): the labels do not look like classes") ||
		!strings.Contains(errs, "give -targets") {
		t.Errorf("a regression read as classes: exit %d, stderr %q", code, errs)
	}
	// The diabetes table: 214 distinct integer targets among 442 samples.
	if _, errs, code := runArgs(t, "train", "-data", "../../testdata/diabetes.csv", "-header"); code != 1 ||
		!strings.Contains(errs, "column 10 (from 0): the labels do not look like classes: 214 distinct numbers") || !strings.Contains(errs, "give -targets") {
		t.Errorf("diabetes read as classes: exit %d, stderr %q", code, errs)
	}
	m := regexp.MustCompile(`test RMSE of y: ([0-9.e-]+) \(40 samples\)`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no RMSE line in:\n%s", out)
	}
	if rmse, _ := strconv.ParseFloat(m[1], 64); rmse > 0.05 {
		t.Errorf("test RMSE %v of a linear target; want < 0.05", rmse)
	}
	csvOut, errs, code := runArgs(t, "predict", "-model", model, "-data", data, "-header")
	lines := strings.Split(strings.TrimSpace(csvOut), "\n")
	if code != 0 || len(lines) != 201 || lines[0] != "y" || !strings.Contains(errs, "RMSE of y:") {
		t.Errorf("predict: exit %d, %d lines starting %q, stderr %q", code, len(lines), lines[0], errs)
	}
}

// writeIDX writes an IDX file of unsigned bytes.
func writeIDX(t *testing.T, path string, dims []int, data []byte) {
	t.Helper()
	b := []byte{0, 0, 0x08, byte(len(dims))}
	for _, n := range dims {
		b = binary.BigEndian.AppendUint32(b, uint32(n))
	}
	if err := os.WriteFile(path, append(b, data...), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestIDXDirectory: a directory of IDX files trains with the defaults of
// MNIST, and predict scores its test files, counting what train counted.
// The two classes are dark and bright 2×2 images.
func TestIDXDirectory(t *testing.T) {
	dir := t.TempDir()
	rng := rand.New(rand.NewPCG(6, 6))
	for _, set := range []struct {
		name string
		n    int
	}{{"train", 120}, {"t10k", 30}} {
		labels, pixels := make([]byte, set.n), make([]byte, 4*set.n)
		for i := range labels {
			labels[i] = byte(i % 2)
			for k := range 4 {
				pixels[4*i+k] = byte(100*int(labels[i]) + rng.IntN(100))
			}
		}
		writeIDX(t, filepath.Join(dir, set.name+"-images-idx3-ubyte"), []int{set.n, 2, 2}, pixels)
		writeIDX(t, filepath.Join(dir, set.name+"-labels-idx1-ubyte"), []int{set.n}, labels)
	}
	model := filepath.Join(t.TempDir(), "m.json")
	out, errs, code := runArgs(t, "train", "-data", dir, "-epochs", "20", "-batch", "16", "-o", model)
	if code != 0 {
		t.Fatalf("nn train: exit %d, stderr:\n%s", code, errs)
	}
	if !strings.Contains(out, "-layers 128 -act relu -opt adam -lr 0.001 -schedule cosine -batch 16 -epochs 20") ||
		!strings.Contains(out, "108 training, 12 validation and 30 test samples; 4 features, 2 classes") {
		t.Errorf("stdout:\n%s", out)
	}
	_, right, n := accuracyIn(t, out, "test")
	_, errs, code = runArgs(t, "predict", "-model", model, "-data", dir)
	if code != 0 {
		t.Fatalf("nn predict: exit %d, stderr:\n%s", code, errs)
	}
	if _, right2, n2 := accuracyIn(t, errs, regexp.QuoteMeta(dir)); right2 != right || n2 != n || n != 30 {
		t.Errorf("predict counts %d of %d, train %d of %d", right2, n2, right, n)
	}
}

// TestLossText: a loss prints with 4 decimals, a huge one (a run about to
// diverge) with 4 significant digits, not 150 digits of decimals.
func TestLossText(t *testing.T) {
	for _, tt := range []struct {
		v    float64
		want string
	}{{0.12345, "0.1235"}, {12.5, "12.5000"}, {4.102e70, "4.102e+70"}, {math.Inf(1), "+Inf"}, {math.NaN(), "NaN"}} {
		if got := lossText(tt.v); got != tt.want {
			t.Errorf("lossText(%v) = %q, want %q", tt.v, got, tt.want)
		}
	}
}

// TestProgressWidth: the progress line redrawn on a terminal fits in 80
// columns even for MNIST-sized epochs and a huge loss. Catches: a line that
// wraps, which \r cannot redraw, leaving a trail of half lines.
func TestProgressWidth(t *testing.T) {
	var b strings.Builder
	p := &progress{w: &b, tty: true, epochs: 1000, n: 600000, batch: 1, start: time.Now().Add(-time.Second)}
	p.step(999, 599999, 1.2345e200, 0)
	line := b.String()
	if !strings.HasPrefix(line, "\repoch 999/1000 [") || !strings.HasSuffix(line, "\x1b[K") {
		t.Fatalf("progress line %q", line)
	}
	if n := len([]rune(strings.TrimSuffix(line[1:], "\x1b[K"))); n > 79 {
		t.Errorf("progress line of %d columns: %q", n, line)
	}
}

// TestTrainKeepsInputs: -o or -plot naming the data file (or -plot the -o
// file) is refused before anything is written. Catches: a model saved over
// the user's data.
func TestTrainKeepsInputs(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "d.csv")
	content := "1,2,yes\n3,4,no\n"
	os.WriteFile(data, []byte(content), 0o644)
	for _, args := range [][]string{
		{"-o", data},
		{"-o", filepath.Join(dir, ".", "d.csv")},
		{"-plot", data},
		{"-o", filepath.Join(dir, "m.json"), "-plot", filepath.Join(dir, "m.json")},
	} {
		_, errs, code := runArgs(t, append([]string{"train", "-data", data}, args...)...)
		if code != 2 || !strings.Contains(errs, "it would be overwritten") {
			t.Errorf("nn train -data d.csv %q: exit %d, stderr %q", args, code, errs)
		}
	}
	if b, _ := os.ReadFile(data); string(b) != content {
		t.Errorf("the data file now holds %q", b)
	}
}

// TestRegressionStartsAtMean: a regression network starts with its output at
// the mean training target, so that a run with a negligible learning rate
// scores R² ≈ 0 (predicting about the mean) on the diabetes table, whose
// targets average 152 with deviation 77. Catches: an output starting at 0,
// R² ≈ −(152/77)² ≈ −3.9.
func TestRegressionStartsAtMean(t *testing.T) {
	out, errs, code := runArgs(t, "train", "-data", "../../testdata/diabetes.csv", "-header", "-targets", "-1", "-lr", "1e-9", "-epochs", "1")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	m := regexp.MustCompile(`test RMSE of progression: [0-9.e+]+ \(88 samples\), R² (-?[0-9.]+)`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no RMSE line in:\n%s", out)
	}
	// The test mean differs from the training mean by about σ/√88 ≈ 8 (R²
	// −0.01), and the untrained hidden layer adds a little spread.
	if r2, _ := strconv.ParseFloat(m[1], 64); r2 < -0.1 || r2 > 0.1 {
		t.Errorf("R² %v after a negligible step; want ≈ 0", r2)
	}
}

// TestTrainSmallCSV: a CSV file of 10 samples trains with the default batch
// shrunk to the training set once -val leaves validation samples, and a -val
// too small for it is named as the validation split, not "the test set".
func TestTrainSmallCSV(t *testing.T) {
	data := filepath.Join(t.TempDir(), "small.csv")
	os.WriteFile(data, []byte("w,h,label\n1,2,yes\n1.5,1.8,yes\n3,0.5,no\n3.2,0.7,no\n1.1,2.2,yes\n2.9,0.4,no\n1.3,1.9,yes\n3.1,0.6,no\n1.2,2.1,yes\n3.3,0.3,no\n"), 0o644)
	_, errs, code := runArgs(t, "train", "-data", data, "-header")
	if code != 2 || !strings.Contains(errs, "nn train: -val 0.1 of the 8 training samples: fraction 0.1 of 8 samples leaves the validation set empty; try another -val, or -val 0") {
		t.Errorf("-val 0.1 of 8: exit %d, stderr %q", code, errs)
	}
	out, errs, code := runArgs(t, "train", "-data", data, "-header", "-val", "0.5", "-epochs", "2")
	if code != 0 || !strings.Contains(out, "-batch 32 is more than the 4 training samples: -batch 4") {
		t.Errorf("-val 0.5: exit %d, stdout %q, stderr %q", code, out, errs)
	}
}

// TestOutputStreams: the -h texts of train and predict say which stream
// gets what, and the commands do as they say: train's results (the test
// accuracy, the confusion matrix) on standard output and its progress on
// standard error; predict's CSV alone on standard output and its scores on
// standard error. Catches: a help text that says less than it should or
// differs from what the command does.
func TestOutputStreams(t *testing.T) {
	help, _, code := runArgs(t, "train", "-h")
	flat := strings.Join(strings.Fields(help), " ")
	for _, want := range []string{
		"The results go to standard output:",
		"at the end the test accuracy and the confusion matrix (for regression, the error of each target)",
		"The progress goes to standard error:",
	} {
		if code != 0 || !strings.Contains(flat, want) {
			t.Errorf("nn train -h (exit %d) lacks %q", code, want)
		}
	}
	help, _, code = runArgs(t, "predict", "-h")
	flat = strings.Join(strings.Fields(help), " ")
	for _, want := range []string{
		"It writes CSV to standard output",
		"Standard output gets the CSV only. The scores go to standard error: when the data has labels, the accuracy and the confusion matrix",
	} {
		if code != 0 || !strings.Contains(flat, want) {
			t.Errorf("nn predict -h (exit %d) lacks %q", code, want)
		}
	}

	model := filepath.Join(t.TempDir(), "iris.json")
	out, errs, code := runArgs(t, "train", "-data", "iris", "-epochs", "2", "-o", model)
	if code != 0 {
		t.Fatalf("nn train: exit %d, stderr %q", code, errs)
	}
	for _, s := range []struct {
		name, text string
		has, lacks []string
	}{
		{"train's stdout", out, []string{"test accuracy", "confusion matrix", "model saved to"}, []string{"epoch 1/2"}},
		{"train's stderr", errs, []string{"epoch 1/2", "epoch 2/2"}, []string{"test accuracy", "confusion matrix"}},
	} {
		for _, w := range s.has {
			if !strings.Contains(s.text, w) {
				t.Errorf("%s lacks %q:\n%s", s.name, w, s.text)
			}
		}
		for _, w := range s.lacks {
			if strings.Contains(s.text, w) {
				t.Errorf("%s holds %q:\n%s", s.name, w, s.text)
			}
		}
	}
	out, errs, code = runArgs(t, "predict", "-model", model, "-data", "iris")
	if code != 0 || !regexp.MustCompile(`^class,probability\n([a-z]+,[01]\.\d{4}\n){30}$`).MatchString(out) ||
		!strings.Contains(errs, "iris accuracy") || !strings.Contains(errs, "confusion matrix") || !strings.Contains(errs, "test samples nn train holds out") {
		t.Errorf("predict: exit %d, stdout %q, stderr %q", code, out, errs)
	}
}

// TestTrainClosedPipe: nn train | tee log, and Ctrl-C, which ends tee too
// (issue 16 item 3). Standard output is a pipe whose reader is gone from
// the start, and the run gets a real SIGINT in its second epoch: the model
// is saved and the run says so on standard error. Catches: nn killed by
// SIGPIPE at its first write to standard output, before it saves.
func TestTrainClosedPipe(t *testing.T) {
	if testing.Short() || runtime.GOOS == "windows" {
		t.Skip("a process of its own, and POSIX signals")
	}
	path := filepath.Join(t.TempDir(), "m.json")
	cmd := nnCommand(t, "train", "-data", "iris", "-epochs", "100000", "-o", path)
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	r.Close() // the reader is gone
	cmd.Stdout = w
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	var errs strings.Builder
	sc := bufio.NewScanner(stderr)
	for sc.Scan() {
		errs.WriteString(sc.Text() + "\n")
		if strings.Contains(sc.Text(), " 2/100000 ") {
			cmd.Process.Signal(os.Interrupt)
		}
	}
	err = cmd.Wait()
	if _, statErr := os.Stat(path); statErr != nil {
		t.Fatalf("no model saved (%v); nn ended with %v, stderr ends:\n%s", statErr, err, tail(errs.String()))
	}
	if !strings.Contains(errs.String(), "nn train: interrupted; "+path+" holds the weights of epoch") {
		t.Errorf("nn ended with %v, stderr ends:\n%s", err, tail(errs.String()))
	}
}

// tail is the end of a long output, for a failure message.
func tail(s string) string { return s[max(0, len(s)-400):] }

// TestTrainOutputsFirst (issue 16 item 8): a directory that takes no file
// is found before training, not after; the model is written before the
// plot, so a plot that fails at the end costs no model, and the error names
// the user's path, not a temporary file.
func TestTrainOutputsFirst(t *testing.T) {
	if st, err := os.Stat("/proc"); err == nil && st.IsDir() && canWrite("/proc") != nil {
		_, errs, code := runArgs(t, "train", "-data", "iris", "-epochs", "1", "-o", "/proc/m.json")
		if code != 2 || !strings.Contains(errs, "nn train: -o /proc/m.json: cannot write into /proc") || strings.Contains(errs, "epoch") {
			t.Errorf("-o into /proc: exit %d, stderr %q; want exit 2 before training", code, errs)
		}
	}
	dir := t.TempDir()
	model, plotDir := filepath.Join(dir, "m.json"), filepath.Join(dir, "plots")
	if err := os.Mkdir(plotDir, 0o755); err != nil {
		t.Fatal(err)
	}
	plot := filepath.Join(plotDir, "loss.svg")
	// The plot's directory goes away during training.
	var out strings.Builder
	errw := &onWrite{want: " 2/5 ", f: func() { os.RemoveAll(plotDir) }}
	code := exitCode(run(context.Background(), []string{"train", "-data", "iris", "-epochs", "5", "-o", model, "-plot", plot}, &out, errw), errw)
	errs := errw.b.String()
	if code != 1 || !strings.Contains(errs, "nn train: save "+plot+": ") || strings.Contains(errs, ".tmp") {
		t.Errorf("plot directory removed: exit %d, stderr %q; want exit 1 naming %s", code, errs, plot)
	}
	if _, err := nn.LoadModel(model); err != nil || !strings.Contains(out.String(), "model saved to "+model) {
		t.Errorf("the model was not saved before the plot: %v; stdout:\n%s", err, out.String())
	}
}

// TestTrainMemory (issue 16 item 9): a network too large for the machine
// is refused before anything is allocated, with the figures (it used to
// end in "fatal error: out of memory" and a stack trace), and a layer
// larger than the limit is refused naming the limit.
func TestTrainMemory(t *testing.T) {
	_, errs, code := runArgs(t, "train", "-data", "iris", "-layers", "100000")
	if code != 2 || !strings.Contains(errs, `"100000" is not a layer size (sizes are whole numbers from 1 to 65536`) {
		t.Errorf("-layers 100000: exit %d, stderr %q", code, errs)
	}
	// 4-65536-65536-3: 4.3e9 parameters, 34 GB a copy.
	need, have := trainingBytes([]int{4, 65536, 65536, 3}, 16, 12), availableMemory()
	if have == 0 || have >= need {
		t.Skipf("cannot tell the free memory, or %s is free", bytesText(have))
	}
	_, errs, code = runArgs(t, "train", "-data", "iris", "-layers", "65536,65536")
	if want := "a 4-65536-65536-3 network has 4295557123 parameters; training it takes about 206 GB of memory"; code != 2 || !strings.Contains(errs, want) {
		t.Errorf("-layers 65536,65536: exit %d, stderr %q; want %q", code, errs, want)
	}
}

// TestCommandLinePastes (issue 16 item 11): the command line nn train
// prints, read by a shell, gives back every argument: a path with a space
// and a quote, leakyrelu(0.1), and a few strings a shell would interpret.
func TestCommandLinePastes(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	words := func(line string) []string {
		out, err := exec.Command(sh, "-c", `set -- `+line+`; for a in "$@"; do printf '%s|' "$a"; done`).Output()
		if err != nil {
			t.Fatalf("sh cannot read %s: %v", line, err)
		}
		return strings.Split(strings.TrimSuffix(string(out), "|"), "|")
	}
	for _, s := range []string{"a b", "it's", "$HOME", `x"y`, "wow!", "*.csv", "", "(1)", `back\slash`} {
		if got := words(shellQuote(s)); len(got) != 1 || got[0] != s {
			t.Errorf("shellQuote(%q) = %s, which sh reads as %q", s, shellQuote(s), got)
		}
	}
	dir := filepath.Join(t.TempDir(), "my data's")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	data := filepath.Join(dir, "two classes.csv")
	writeClasses(t, data, 60, 1, "", false)
	out, errs, code := runArgs(t, "train", "-data", data, "-act", "leakyrelu(0.1)", "-epochs", "1")
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	line := strings.SplitN(out, "\n", 2)[0]
	args := words(strings.TrimPrefix(line, "nn "))
	if !slices.Contains(args, data) || !slices.Contains(args, "leakyrelu(0.1)") {
		t.Errorf("the shell reads %q as %q", line, args)
	}
}

// TestProgressLine (issue 16 items 16 and 21): the progress line says its
// loss is the batch's, and its time left is the samples left (of this epoch
// and the next) at the rate so far. Catches: a time left computed from the
// samples done.
func TestProgressLine(t *testing.T) {
	var b strings.Builder
	t0 := time.Now()
	// 2 epochs of 100 samples in batches of 10: 5 steps (50 samples) done
	// in 10 s, 5 samples a second; 150 samples left take 30 s.
	p := &progress{w: &b, tty: true, epochs: 2, n: 100, batch: 10, start: t0, samples: 40,
		now: func() time.Time { return t0.Add(10 * time.Second) }}
	p.step(1, 5, 0.25, 0)
	if want := "\repoch 1/2 [=====     ] 50/100  batch loss 0.2500  5/s  30s left\x1b[K"; b.String() != want {
		t.Errorf("progress line %q, want %q", b.String(), want)
	}
}

// TestProgressShortBatch: the rate counts the samples trained on, a short
// last batch as short, and the time left is rounded, not cut. 95 samples in
// batches of 10 (the tenth holds 5), 2 epochs: after epoch 1 and the first
// batch of epoch 2, 105 samples in 22.2 s, 85 samples left take
// 85·22.2/105 = 17.97 s: "18s". Catches: the short batch counted as 10
// (110 samples, 17.15 s) and the seconds truncated before rounding ("17s").
func TestProgressShortBatch(t *testing.T) {
	var b strings.Builder
	t0 := time.Now()
	at := t0
	p := &progress{w: &b, tty: true, epochs: 2, n: 95, batch: 10, start: t0, now: func() time.Time { return at }}
	for step := 1; step <= 10; step++ {
		p.step(1, step, 0.5, 0)
	}
	at = t0.Add(22200 * time.Millisecond)
	b.Reset()
	p.step(2, 1, 0.25, 0)
	if want := "\repoch 2/2 [=         ] 10/95  batch loss 0.2500  5/s  18s left\x1b[K"; b.String() != want {
		t.Errorf("progress line %q, want %q", b.String(), want)
	}
}

// TestCosineHelp (issue 16 item 16): the help says when the cosine schedule
// reaches 0, and the run shows it: one epoch after the last, so the last
// epoch's rate is η(1 + cos(π(E−1)/E))/2, not 0.
func TestCosineHelp(t *testing.T) {
	help, _, _ := runArgs(t, "help", "train")
	if !strings.Contains(help, "cosine (half a cosine from η down toward 0, which it reaches one epoch after the last)") {
		t.Errorf("help of -schedule:\n%s", help)
	}
	_, errs, code := runArgs(t, "train", "-data", "iris", "-epochs", "4", "-schedule", "cosine", "-val", "0")
	want := fmt.Sprintf("lr %.3g ", 0.01*(1+math.Cos(math.Pi*3/4))/2)
	lines := strings.Split(strings.TrimSpace(errs), "\n")
	if code != 0 || !strings.Contains(lines[len(lines)-1], want) {
		t.Errorf("exit %d; last epoch %q, want %q", code, lines[len(lines)-1], want)
	}
}

// TestClipByNorm (issue 16 item 21): -clip bounds the norm of the whole
// gradient (§7). With plain SGD and a tiny -clip c every step moves the
// parameters by at most η·c, so after S steps they lie within S·η·c of
// their start, which the test rebuilds as nn train does. Clipping each
// component to c instead moves them up to √P times further.
func TestClipByNorm(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.json")
	const eta, c, steps = 0.05, 1e-6, 8 // 120 training samples (-val 0), batches of 16
	if _, errs, code := runArgs(t, "train", "-data", "iris", "-opt", "sgd", "-lr", fmt.Sprint(eta), "-clip", fmt.Sprint(c),
		"-epochs", "1", "-val", "0", "-o", path); code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	m, err := nn.LoadModel(path)
	if err != nil {
		t.Fatal(err)
	}
	start, err := nn.New([]int{4, 16, 3}, []nn.Activation{nn.ReLU{}, nn.Softmax{}}, nn.HeNormal, rand.New(rand.NewPCG(1, 2)))
	if err != nil {
		t.Fatal(err)
	}
	moved := 0.0
	for l := 1; l <= start.L(); l++ {
		for k, w := range start.W[l].Data {
			moved += (m.Net.W[l].Data[k] - w) * (m.Net.W[l].Data[k] - w)
		}
		for j, b := range start.B[l] {
			moved += (m.Net.B[l][j] - b) * (m.Net.B[l][j] - b)
		}
	}
	moved = math.Sqrt(moved)
	// Each step's gradient is far longer than c, so it moves by η·c, in
	// directions that agree: more than half the bound.
	if bound := steps * eta * c; !(moved <= bound*(1+1e-9) && moved > bound/2) {
		t.Errorf("the parameters moved %.3g; clipping the norm to %g bounds it by %d·η·c = %.3g", moved, c, steps, bound)
	}
}

// TestTrainScalerFromTrainingRows (issue 16 item 20): the saved model
// standardizes with FitStandardizer of the training rows alone, as the
// validation split leaves them: not of the validation rows too, nor of the
// test file's (whose features are shifted by 100, so taking them in would
// show).
func TestTrainScalerFromTrainingRows(t *testing.T) {
	dir := t.TempDir()
	iris := readLines(t, "../../testdata/iris.csv")[1:]
	var data, test strings.Builder
	fmt.Fprintln(&data, "a,b,c,d,class")
	fmt.Fprintln(&test, "a,b,c,d,class")
	for i, r := range iris {
		if i%5 != 0 {
			fmt.Fprintln(&data, strings.Join(r, ","))
			continue
		}
		for k := range 4 {
			v, _ := strconv.ParseFloat(r[k], 64)
			r[k] = fmt.Sprint(v + 100)
		}
		fmt.Fprintln(&test, strings.Join(r, ","))
	}
	dataPath, testPath, model := filepath.Join(dir, "data.csv"), filepath.Join(dir, "test.csv"), filepath.Join(dir, "m.json")
	os.WriteFile(dataPath, []byte(data.String()), 0o644)
	os.WriteFile(testPath, []byte(test.String()), 0o644)
	if out, errs, code := runArgs(t, "train", "-data", dataPath, "-header", "-test", testPath, "-val", "0.3", "-seed", "7", "-epochs", "2", "-o", model); code != 0 {
		t.Fatalf("nn train: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errs)
	}
	m, err := nn.LoadModel(model)
	if err != nil {
		t.Fatal(err)
	}
	// The validation split as nn train makes it: its generator is the
	// seed's, and the split is its first use.
	d, err := nn.LoadCSV(dataPath, nn.CSVOptions{Header: true, Label: -1})
	if err != nil {
		t.Fatal(err)
	}
	rest, val, err := split(d, 0.3, rand.New(rand.NewPCG(7, 1)))
	if err != nil {
		t.Fatal(err)
	}
	want := nn.FitStandardizer(rest.X)
	if !slices.Equal(m.Scaler.Mean, want.Mean) || !slices.Equal(m.Scaler.Std, want.Std) {
		t.Errorf("the saved scaler is %+v; want FitStandardizer of the %d training rows (%d held out for validation), %+v", *m.Scaler, rest.X.Rows, val.X.Rows, *want)
	}
}
