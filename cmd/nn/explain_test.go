package main

import (
	"flag"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"example.com/nn"
	"example.com/nn/cmd/nn/internal/explain"
	"example.com/nn/cmd/nn/internal/plot/svgtest"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// number matches a number as the commands print it, with "−" or "-".
var number = regexp.MustCompile(`[−-]?[0-9]+(\.[0-9]+)?(e[+−-]?[0-9]+)?`)

// goldenTol is the tolerance of a number in a golden file: the commands print
// 6 significant digits, which a different rounding of the last bit (a fused
// multiply-add on another CPU) can change by one unit, 1e-5 relative; the
// differences beside the central differences are ~1e-13 and may change
// entirely, which the absolute 1e-9 allows.
const goldenRel, goldenAbs = 1e-5, 1e-9

// checkGolden compares got with testdata/name.golden: the text with every
// number replaced by # and runs of spaces by one must be the same, and the
// numbers equal within goldenRel and goldenAbs. With -update it rewrites the file.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := "testdata/" + name + ".golden"
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	want := string(b)
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	if len(wl) != len(gl) {
		t.Fatalf("%s: %d lines, golden file has %d; got:\n%s", name, len(gl), len(wl), got)
	}
	space := regexp.MustCompile(` +`)
	parse := func(s string) float64 {
		v, err := strconv.ParseFloat(strings.ReplaceAll(s, "−", "-"), 64)
		if err != nil {
			t.Fatalf("number %q: %v", s, err)
		}
		return v
	}
	for i := range wl {
		ws, gs := space.ReplaceAllString(number.ReplaceAllString(wl[i], "#"), " "), space.ReplaceAllString(number.ReplaceAllString(gl[i], "#"), " ")
		if ws != gs {
			t.Errorf("%s line %d:\n got %q\nwant %q", name, i+1, gl[i], wl[i])
			continue
		}
		wn, gn := number.FindAllString(wl[i], -1), number.FindAllString(gl[i], -1)
		for k := range wn {
			w, g := parse(wn[k]), parse(gn[k])
			if math.Abs(w-g) > goldenRel*math.Abs(w)+goldenAbs {
				t.Errorf("%s line %d: number %d is %v, want %v:\n got %q\nwant %q", name, i+1, k+1, g, w, gl[i], wl[i])
			}
		}
	}
}

// TestExplainGolden guards the layout of the §9 trace in both formats. The
// numbers themselves are checked against the notes' formulas by the
// library's TestTraceWorkedExample; here the test checks that the printed
// ones are the trace's.
func TestExplainGolden(t *testing.T) {
	for _, tt := range []struct {
		name string
		args []string
	}{
		{"explain", []string{"explain"}},
		{"explain_md", []string{"explain", "-format", "markdown", "-x", "1,0", "-eta", "1"}},
	} {
		out, errs, code := runArgs(t, tt.args...)
		if code != 0 {
			t.Fatalf("nn %v: exit %d: %s", tt.args, code, errs)
		}
		checkGolden(t, tt.name, out)
	}
	net, x, y := nn.WorkedExample()
	out, _, _ := runArgs(t, "explain", "-digits", "12")
	tr, err := net.Trace(x, y, nn.MSE{}, 0.5)
	if err != nil {
		t.Fatal(err)
	}
	e := explain.Numbers{Digits: 12}
	for _, want := range []string{
		"L = " + e.Num(tr.Cost),
		"δ^2 = " + e.Vec(tr.Delta[2]),
		"δ^1 = ∂L/∂a^1 ⊙ f′(z^1) = " + e.Vec(tr.Delta[1]),
		"loss after the update: L = " + e.Num(tr.CostAfter),
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

// TestExplainLosses: the output error names the simplification a − y where
// it applies.
func TestExplainLosses(t *testing.T) {
	out, errs, code := runArgs(t, "explain", "-loss", "binary-cross-entropy")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "3. Output error: δ^2 = a^L − y  (sigmoid with binary cross-entropy)") {
		t.Errorf("binary cross-entropy: no simplification in\n%s", out)
	}
}

func TestExplainErrors(t *testing.T) {
	tests := []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"explain", "-x", "1,2,3"}, 2, "nn explain: -x has 3 values but the network has 2 inputs"},
		{[]string{"explain", "-x", "1,a"}, 2, `nn explain: -x: value 2, "a", is not a finite number`},
		{[]string{"explain", "-y", "NaN"}, 2, "-y: value 1"},
		{[]string{"explain", "-format", "html"}, 2, `-format "html": want text or markdown`},
		{[]string{"explain", "-loss", "hinge"}, 2, `-loss "hinge"`},
		{[]string{"explain", "-x", "1"}, 2, "nn explain: -x has 1 value but the network has 2 inputs"},
		{[]string{"explain", "-y", "1,0"}, 2, "nn explain: -y has 2 values but the network has 1 output ("},
		{[]string{"explain", "-loss", "cross-entropy"}, 2, "nn explain: -loss cross-entropy needs a softmax output layer; this network's is sigmoid"},
		{[]string{"explain", "-eta", "-1"}, 2, "nn explain: -eta -1: want a finite η ≥ 0"},
		{[]string{"explain", "-eta", "+Inf"}, 2, "nn explain: -eta +Inf"},
		{[]string{"explain", "-digits", "0"}, 2, "-digits 0"},
	}
	for _, tt := range tests {
		_, errs, code := runArgs(t, tt.args...)
		if code != tt.code || !strings.Contains(errs, tt.stderr) {
			t.Errorf("nn %q: exit %d, stderr %q; want exit %d, stderr with %q", tt.args, code, errs, tt.code, tt.stderr)
		}
	}
}

// savedModel saves a small classifier (4-12-3, ReLU and softmax, with a
// standardizer and a training record of 3 epochs) and returns its path.
func savedModel(t *testing.T, batchNorm bool) string {
	t.Helper()
	net, err := nn.New([]int{4, 12, 3}, []nn.Activation{nn.ReLU{}, nn.Softmax{}}, nn.HeNormal, rand.New(rand.NewPCG(5, 5)))
	if err != nil {
		t.Fatal(err)
	}
	if batchNorm {
		if err := net.SetBatchNorm(1); err != nil {
			t.Fatal(err)
		}
	}
	m := &nn.Model{Net: net, ClassNames: []string{"setosa", "versicolor", "virginica"},
		Scaler: &nn.Standardizer{Mean: []float64{5, 3, 4, 1}, Std: []float64{1, 0.5, 2, 1}},
		Record: nn.TrainingRecord{Data: "iris", TestAccuracy: math.NaN(), BestEpoch: 3}}
	for e := 1; e <= 3; e++ {
		m.Record.Epochs = append(m.Record.Epochs, nn.EpochStats{Epoch: e, TrainLoss: 1 / float64(e), ValLoss: 1.2 / float64(e), ValAccuracy: 0.9, LR: 0.1})
	}
	path := filepath.Join(t.TempDir(), "m.json")
	if err := m.Save(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestExplainModel(t *testing.T) {
	path := savedModel(t, false)
	out, errs, code := runArgs(t, "explain", "-model", path, "-x", "6,3.5,4,1", "-y", "virginica")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{
		"network 4-12-3 (relu, softmax), loss cross-entropy",
		// (6 − 5)/1, (3.5 − 3)/0.5, (4 − 4)/2, (1 − 1)/1
		"x = a^0 = [1, 1, 0, 0]   y = [0, 0, 1]",
		"x = [6, 3.5, 4, 1] standardized by the model's (x − μ)/σ",
		"δ^2 = a^L − y  (softmax with cross-entropy)",
		"… 2 more",             // 12 hidden units, 10 shown
		"… 50 more of layer 1", // 48 weights + 12 biases, 10 shown
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	out, _, _ = runArgs(t, "explain", "-model", path, "-x", "6,3.5,4,1", "-y", "2", "-all")
	if strings.Contains(out, "more") || strings.Count(out, "∂L/∂W^1[") != 48 {
		t.Errorf("-all: %d rows of ∂L/∂W¹, want 48, and nothing cut short:\n%s", strings.Count(out, "∂L/∂W^1["), out)
	}
	for _, tt := range []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"-model", path, "-x", "6,3.5,4,1"}, 2, "-model needs the sample: -x and -y"},
		{[]string{"-model", path, "-x", "6,3.5,4,1", "-y", "rose"}, 2, `-y "rose" is none of the model's 3 classes setosa, versicolor, virginica`},
		{[]string{"-model", savedModel(t, true), "-x", "6,3.5,4,1", "-y", "0"}, 1, "layer 1 has batch normalization"},
		{[]string{"-model", filepath.Join(t.TempDir(), "none.json"), "-x", "1", "-y", "1"}, 1, "none.json"},
	} {
		_, errs, code := runArgs(t, append([]string{"explain"}, tt.args...)...)
		if code != tt.code || !strings.Contains(errs, tt.stderr) {
			t.Errorf("nn explain %q: exit %d, stderr %q; want %d and %q", tt.args, code, errs, tt.code, tt.stderr)
		}
	}
}

func TestPlotLossModel(t *testing.T) {
	path := savedModel(t, false)
	out, errs, code := runArgs(t, "plot", "loss", "-model", path, "-o", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	q := svgtest.Panels(t, svgtest.Parse(t, out))[0]
	if len(q.Series["training"]) != 3 || len(q.Series["validation"]) != 3 || q.Title != "m.json, trained on iris" {
		t.Errorf("panel %q with series %v", q.Title, q.Series)
	}
	svg := filepath.Join(t.TempDir(), "loss.svg")
	m, err := nn.LoadModel(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := saveLossPlot(svg, m); err != nil {
		t.Fatal(err)
	}
	m.Record.Epochs = nil
	if err := saveLossPlot(svg, m); err == nil || !strings.Contains(err.Error(), "no training history") {
		t.Errorf("a model without history: %v", err)
	}
	if _, errs, code := runArgs(t, "plot", "approx", "-model", path); code != 2 || !strings.Contains(errs, "-model is for the loss plot") {
		t.Errorf("plot approx -model: exit %d, %q", code, errs)
	}
}

// TestTrainPlot: nn train -plot draws the run's training and validation
// loss, one point an epoch, and says where.
func TestTrainPlot(t *testing.T) {
	svg := filepath.Join(t.TempDir(), "loss.svg")
	out, errs, code := runArgs(t, "train", "-data", "iris", "-epochs", "4", "-plot", svg)
	if code != 0 || !strings.Contains(out, "loss plot saved to "+svg) {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
	doc, err := os.ReadFile(svg)
	if err != nil {
		t.Fatal(err)
	}
	q := svgtest.Panels(t, svgtest.Parse(t, string(doc)))[0]
	if len(q.Series["training"]) != 4 || len(q.Series["validation"]) != 4 {
		t.Errorf("panel %q with series %v; want 4 training and 4 validation points", q.Title, q.Series)
	}
}
