package nn

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
)

// The cases of issue 7 that became right rather than errors are checked
// elsewhere: item 7 (LeakyReLU{} has slope 0.01) by TestLeakyReLUZeroValue,
// item 8 (labels as strings, in sorted order) by TestReadCSV and
// FuzzLabelEncoding, item 9 (regression) by TestReadCSV, TestRSquared and
// ExampleRSquared, item 10's good files (quotes, separators, BOM, gzip, long
// lines) by TestReadCSV, TestReadCSVGzip, TestReadCSVLongLine and
// FuzzReadCSV, item 13 by TestCrossEntropyShift, item 14 by
// TestReduceOnPlateauCooldown, item 16 by TestREADMEBlocks and
// TestConcurrentPredict (run it with -race).

// badInput is one bad input of issue 7 (or one more we thought of): run
// feeds it, and the error it returns, or the message it panics with when
// panics is set, must contain want. A runtime error (index out of range, nil
// dereference) is never an acceptable answer.
type badInput struct {
	name   string
	run    func() error
	want   string
	panics bool
}

// readCSV reads in as the file t.csv.
func readCSV(in string, opt CSVOptions) func() error {
	return func() error {
		_, err := ReadCSV(strings.NewReader(in), "t.csv", opt)
		return err
	}
}

// gzipped returns the first n bytes of in, gzipped (all of it for n < 0).
func gzipped(in string, n int) string {
	var b bytes.Buffer
	z := gzip.NewWriter(&b)
	io.WriteString(z, in)
	z.Close()
	if n < 0 {
		n = b.Len()
	}
	return b.String()[:n]
}

// splitCSV runs StratifiedSplit on the data set the CSV in describes.
func splitCSV(in string, frac float64, rng *rand.Rand) func() error {
	return func() error {
		d, err := ReadCSV(strings.NewReader(in), "t.csv", CSVOptions{Label: -1})
		if err != nil {
			return fmt.Errorf("reading the test's data: %w", err)
		}
		_, _, err = StratifiedSplit(d, frac, rng)
		return err
	}
}

func seeded() *rand.Rand { return rand.New(rand.NewPCG(7, 7)) }

var badInputs = []badInput{
	// Item 8: labels are strings, encoded; not numbers up to 10⁶.
	{name: "8: empty label", run: readCSV("1,2,a\n3,4, \n", CSVOptions{Label: -1}), want: "t.csv:2: column 3: the label is empty"},
	{name: "8: a column of distinct numbers as labels", run: readCSV(distinctRows(1200), CSVOptions{Label: -1}),
		want: `t.csv: column 2: the labels do not look like classes: they are numbers, and "0.5" is not an integer; if it holds numbers to predict, set Targets for a regression set; if it holds classes, set ForceClasses`},

	// Item 10: the reader.
	{name: "10: not a number", run: readCSV("1,2,0\n1,x,1\n", CSVOptions{Label: -1}), want: `t.csv:2: column 2: "x" is not a number`},
	{name: "10: a header without Header", run: readCSV("sepal,petal,class\n1,2,0\n", CSVOptions{Label: -1}),
		want: `t.csv:1: column 1: "sepal" is not a number (if the first line holds column names, set Header)`},
	{name: "10: a header after a BOM without Header", run: readCSV("\uFEFFsepal,petal,class\n1,2,0\n", CSVOptions{Label: -1}),
		want: `t.csv:1: column 1: "sepal" is not a number (if the first line holds column names, set Header)`},
	{name: "10: ragged line", run: readCSV("1,2,0\n1,1\n", CSVOptions{Label: -1}), want: "t.csv:2: 2 columns, want 3 as on line 1"},
	{name: "10: ragged line after a header and blank lines", run: readCSV("a,b,c\n\n1,2,0\n\n1,1\n", CSVOptions{Header: true, Label: -1}), want: "t.csv:5: 2 columns, want 3 as on line 3"},
	{name: "10: header longer than the lines", run: readCSV("a,b,c,d\n1,2,0\n", CSVOptions{Header: true, Label: -1}), want: "t.csv:1: the header has 4 names but line 2 has 3 columns"},
	{name: "10: wrong separator", run: readCSV("1;2;0\n3;4;1\n", CSVOptions{Label: -1}), want: `t.csv:1: 1 column; need features and a label (the line holds ';': is it the separator? set Comma)`},
	{name: "10: bare quote", run: readCSV("1,2,0\n1,2\"3,1\n", CSVOptions{Label: -1}), want: `t.csv:2: byte 4 of the line: bare " in non-quoted-field`},
	{name: "10: unclosed quote", run: readCSV("1,2,0\n1,\"2,1\n", CSVOptions{Label: -1}), want: `t.csv:2: byte 8 of the line: extraneous or missing " in quoted-field`},
	{name: "10: a quote as separator", run: readCSV("1,2,0\n", CSVOptions{Label: -1, Comma: '"'}), want: `t.csv: '"' cannot separate fields`},
	{name: "10: truncated gzip", run: readCSV(gzipped(distinctRows(3000), 2000), CSVOptions{Label: -1}),
		want: "t.csv: the file is truncated: its compressed data end early, after line"},
	{name: "10: gzip header only", run: readCSV(gzipped("1,2,0\n", 5), CSVOptions{Label: -1}), want: "t.csv: the file is truncated: its compressed data end early, before its first line: unexpected EOF"},
	{name: "10: corrupt gzip", run: readCSV(corrupt(gzipped(distinctRows(50), -1)), CSVOptions{Label: -1}), want: "t.csv: corrupt gzip data, after line "},

	// More bad files.
	{name: "more: empty file", run: readCSV("", CSVOptions{Label: -1}), want: "t.csv: no samples"},
	{name: "more: only blank lines", run: readCSV("\n \n\r\n", CSVOptions{Label: -1}), want: "t.csv: no samples"},
	{name: "more: only a header", run: readCSV("a,b,c\n", CSVOptions{Header: true, Label: -1}), want: "t.csv: only a header line, no samples"},
	{name: "more: one column", run: readCSV("1\n2\n", CSVOptions{Label: -1}), want: "t.csv:1: 1 column; need features and a label"},
	{name: "more: label column out of range", run: readCSV("1,2,0\n", CSVOptions{Label: 5}), want: "t.csv:1: label column 5 is out of range for 3 columns"},
	{name: "more: negative label column out of range", run: readCSV("1,2,0\n", CSVOptions{Label: -4}), want: "t.csv:1: label column -4 is out of range for 3 columns"},
	{name: "more: target column out of range", run: readCSV("1,2,0\n", CSVOptions{Targets: []int{3}}), want: "t.csv:1: target column 3 is out of range for 3 columns"},
	{name: "more: target column twice", run: readCSV("1,2,0\n", CSVOptions{Targets: []int{2, -1}}), want: "t.csv:1: target column 3 (-1) is given twice"},
	{name: "more: every column a target", run: readCSV("1,2\n", CSVOptions{Targets: []int{0, 1}}), want: "t.csv:1: all 2 columns are targets; need at least one feature"},
	{name: "more: target not a number", run: readCSV("1,2,0\n1,2,high\n", CSVOptions{Targets: []int{-1}}), want: `t.csv:2: column 3: "high" is not a number`},
	{name: "more: NaN", run: readCSV("1,NaN,0\n", CSVOptions{Label: -1}), want: `t.csv:1: column 2: "NaN" is not a finite number`},
	{name: "more: -Inf", run: readCSV("1,2,0\n-Inf,2,0\n", CSVOptions{Label: -1}), want: `t.csv:2: column 1: "-Inf" is not a finite number`},
	{name: "more: a number beyond float64", run: readCSV("1,2,0\n1e400,2,0\n", CSVOptions{Label: -1}), want: `t.csv:2: column 1: "1e400" is out of the range of float64 (±1.8e308)`},
	{name: "more: empty field", run: readCSV("1,,0\n", CSVOptions{Label: -1}), want: "t.csv:1: column 2: the field is empty"},
	{name: "more: a multi-line quoted field", run: readCSV("1,2,0\n\"3\n4\",5,1\n", CSVOptions{Label: -1}), want: "t.csv:2: column 1: \"3\\n4\" is not a number"},

	// Item 11 and more: StratifiedSplit.
	{name: "11: StratifiedSplit with a nil rng", run: splitCSV("1,a\n2,b\n3,a\n4,b\n", 0.5, nil), want: "stratified split: rng is nil"},
	{name: "more: StratifiedSplit of one class", run: splitCSV("1,a\n2,a\n3,a\n", 0.3, seeded()), want: "stratified split: 1 class; a classifier needs at least 2"},
	{name: "more: StratifiedSplit leaving a class without training samples", run: splitCSV("1,a\n2,a\n3,a\n4,a\n5,b\n", 0.5, seeded()),
		want: `stratified split: test fraction 0.5 puts all 1 sample(s) of class "b" in the test set, none in the training set`},
	{name: "more: StratifiedSplit leaving the test set empty", run: splitCSV("1,a\n2,a\n3,b\n4,b\n", 0.2, seeded()), want: "stratified split: test fraction 0.2 of 4 samples leaves the test set empty"},
	{name: "more: StratifiedSplit fraction 1", run: splitCSV("1,a\n2,b\n", 1, seeded()), want: "stratified split: test fraction 1 must be in (0, 1)"},
	{name: "more: StratifiedSplit fraction NaN", run: splitCSV("1,a\n2,b\n", nan, seeded()), want: "stratified split: test fraction NaN must be in (0, 1)"},
	{name: "more: RandomSplit leaving the training set empty", run: func() error {
		_, _, err := RandomSplit(&Dataset{X: NewMatrix(3, 1), Y: NewMatrix(3, 1)}, 0.9, seeded())
		return err
	}, want: "random split: test fraction 0.9 of 3 samples leaves a set empty (3 test samples)"},
	{name: "more: ClassName out of range", run: func() error { (&Dataset{Classes: 2}).ClassName(2); return nil }, panics: true, want: "Dataset.ClassName: class 2 is outside 0 … 1"},
	{name: "more: OneHot of a regression set", run: func() error { (&Dataset{X: NewMatrix(1, 1), Y: NewMatrix(1, 1)}).OneHot(); return nil }, panics: true,
		want: "Dataset.OneHot: a regression set has no classes; use Targets"},
}

// The training cases of the table: a small network and a good setting,
// spoiled one thing at a time.

// net22 returns a 2-2-k network with output activation out.
func net22(k int, out Activation) *MLP {
	net, err := New([]int{2, 2, k}, []Activation{Tanh{}, out}, XavierUniform, seeded())
	if err != nil {
		panic(err)
	}
	return net
}

// goodConfig is a valid TrainConfig for loss.
func goodConfig(loss Loss) TrainConfig {
	return TrainConfig{Loss: loss, Optimizer: &SGD{}, Schedule: Constant{0.1}, BatchSize: 2, Epochs: 2}
}

// train runs Train on net with the samples X, targets Y and cfg changed by mod.
func train(net *MLP, X, Y *Matrix, loss Loss, mod func(*TrainConfig)) func() error {
	return func() error {
		cfg := goodConfig(loss)
		if mod != nil {
			mod(&cfg)
		}
		_, err := net.Train(X, Y, cfg, seeded())
		return err
	}
}

// x4 is four good samples of two features.
var x4 = FromRows([][]float64{{0, 0}, {0, 1}, {1, 0}, {1, 1}})

var inf = math.Inf(1)

var trainingInputs = []badInput{
	// Item 1.
	{name: "1: softmax with one output", run: func() error {
		_, err := New([]int{2, 1}, []Activation{Softmax{}}, XavierUniform, seeded())
		return err
	}, want: "invalid network configuration: softmax output layer of 1 unit: its output is always 1, so nothing is learned; it needs ≥ 2 outputs"},
	// Item 2.
	{name: "2: cross-entropy targets {5, −3}", run: train(net22(2, Softmax{}), x4, FromRows([][]float64{{1, 0}, {5, -3}, {0, 1}, {1, 0}}), CrossEntropy{}, nil),
		want: "invalid training data: training target 5 (sample 1, output 0) is outside [0, 1]; cross-entropy needs probabilities"},
	{name: "2: cross-entropy target row not summing to 1", run: train(net22(3, Softmax{}), x4, FromRows([][]float64{{1, 0, 0}, {0.33, 0.33, 0.33}, {0, 1, 0}, {0, 0, 1}}), CrossEntropy{}, nil),
		want: "invalid training data: training target row 1 sums to 0.99, not 1; cross-entropy needs a probability vector (one-hot for a class)"},
	{name: "2: binary cross-entropy targets {2, −1}", run: train(net22(2, Sigmoid{}), x4, FromRows([][]float64{{1, 0}, {0, 1}, {2, -1}, {1, 0}}), BinaryCrossEntropy{}, nil),
		want: "invalid training data: training target 2 (sample 2, output 0) is outside [0, 1]; binary-cross-entropy needs probabilities"},
	// Item 3.
	{name: "3: NaN in Y", run: train(net22(1, Identity{}), x4, FromRows([][]float64{{1}, {nan}, {0}, {1}}), MSE{}, nil),
		want: "invalid training data: training targets contain NaN (sample 1, output 0)"},
	{name: "3: +Inf in Y", run: train(net22(1, Identity{}), x4, FromRows([][]float64{{1}, {0}, {0}, {inf}}), MSE{}, nil),
		want: "invalid training data: training targets contain +Inf (sample 3, output 0)"},
	// Item 4.
	{name: "4: empty validation data", run: train(net22(1, Sigmoid{}), x4, FromRows([][]float64{{0}, {1}, {1}, {0}}), MSE{}, func(c *TrainConfig) {
		c.ValX, c.ValY, c.Patience = NewMatrix(0, 2), NewMatrix(0, 1), 3
	}), want: "invalid training data: no validation samples"},
	{name: "4: NaN in ValX", run: train(net22(1, Sigmoid{}), x4, FromRows([][]float64{{0}, {1}, {1}, {0}}), MSE{}, func(c *TrainConfig) {
		c.ValX, c.ValY, c.Patience = FromRows([][]float64{{0, nan}}), FromRows([][]float64{{1}}), 3
	}), want: "invalid training data: validation samples contain NaN (sample 0, feature 1)"},
	{name: "4: −Inf in ValY", run: train(net22(1, Sigmoid{}), x4, FromRows([][]float64{{0}, {1}, {1}, {0}}), MSE{}, func(c *TrainConfig) {
		c.ValX, c.ValY = FromRows([][]float64{{0, 1}}), FromRows([][]float64{{-inf}})
	}), want: "invalid training data: validation targets contain -Inf (sample 0, output 0)"},
	{name: "4: validation targets that cross-entropy cannot use", run: train(net22(2, Softmax{}), x4, OneHot([]int{0, 1, 1, 0}, 2), CrossEntropy{}, func(c *TrainConfig) {
		c.ValX, c.ValY = FromRows([][]float64{{0, 1}}), FromRows([][]float64{{2, -1}})
	}), want: "invalid training data: validation target 2 (sample 0, output 0) is outside [0, 1]; cross-entropy needs probabilities"},
	// Item 5.
	{name: "5: perceptron on NaN data", run: func() error {
		_, err := NewPerceptron(2).Train(FromRows([][]float64{{0, 0}, {1, 1}, {1, nan}}), []float64{0, 1, 1}, 1, 10, nil)
		return err
	}, want: "perceptron: feature 1 of sample 2 is NaN; the data must be finite"},
	{name: "5: perceptron with an infinite learning rate", run: func() error {
		_, err := NewPerceptron(2).Train(x4, []float64{0, 0, 0, 1}, inf, 10, nil)
		return err
	}, want: "perceptron: learning rate +Inf must be finite"},
	// Item 6.
	{name: "6: NumericalGrad with h = 0", run: func() error { NumericalGrad(HandXOR(1), x4, x4, MSE{}, 0); return nil }, panics: true,
		want: "NumericalGrad: step h = 0 must be > 0 and finite"},
	{name: "6: NumericalGrad with h = NaN", run: func() error { NumericalGrad(HandXOR(1), x4, x4, MSE{}, nan); return nil }, panics: true,
		want: "NumericalGrad: step h = NaN must be > 0 and finite"},
	{name: "6: NumericalGrad with h < 0", run: func() error { NumericalGrad(HandXOR(1), x4, x4, MSE{}, -1e-4); return nil }, panics: true,
		want: "NumericalGrad: step h = -0.0001 must be > 0 and finite"},
	// Item 11.
	{name: "11: ConfusionMatrix with a label ≥ classes", run: func() error { ConfusionMatrix([]int{0, 3}, []int{0, 1}, 3); return nil }, panics: true,
		want: "ConfusionMatrix: sample 1 has label 3 and prediction 1; classes are 0 … 2"},
	{name: "11: NewPerceptron(−1)", run: func() error { NewPerceptron(-1); return nil }, panics: true, want: "NewPerceptron: n = -1 inputs; need n ≥ 0"},
	{name: "11: Train with a nil X", run: train(HandXOR(1), nil, FromRows([][]float64{{0}}), MSE{}, nil), want: "invalid training data: training samples or targets are nil"},
	{name: "11: TrainGD with a nil X", run: func() error { _, err := HandXOR(1).TrainGD(nil, nil, MSE{}, 1, 1, nil); return err },
		want: "invalid training data: training samples or targets are nil"},
	{name: "11: Accuracy with mismatched rows", run: func() error { Accuracy(HandXOR(1), x4, NewMatrix(3, 1)); return nil }, panics: true,
		want: "Accuracy: X is 4×2 but Y is 3×1; want one target row per sample"},
	{name: "11: LinearTo names itself", run: func() error { LinearTo(NewMatrix(4, 3), x4, NewMatrix(2, 2), []float64{0, 0}); return nil }, panics: true,
		want: "LinearTo: Z is 4×3, A is 4×2, W is 2×2, len(b) = 2; want Z = A·Wᵀ + 1·bᵀ"},
	{name: "11: Softmax.Backward with mismatched lengths", run: func() error {
		Softmax{}.Backward(make([]float64, 2), nil, []float64{0.5, 0.5}, []float64{1, 2, 3})
		return nil
	}, panics: true, want: "Softmax.Backward: len(delta) = 2, len(a) = 2, len(g) = 3; all must be equal"},
	{name: "11: SetResidual on a net with one hidden layer", run: func() error { return HandXOR(1).SetResidual(1) },
		want: "invalid network configuration: residual connection into layer 1; a network with 1 hidden layer(s) has none to join (it needs hidden layers l−1 and l, 2 ≤ l ≤ L−1)"},
	// Item 12.
	{name: "12: learning rate 0 is a settings error", run: isOnly(ErrSettings, ErrConfig, train(HandXOR(1), x4, FromRows([][]float64{{0}, {1}, {1}, {0}}), MSE{}, func(c *TrainConfig) { c.Schedule = Constant{0} })),
		want: "invalid training settings: constant schedule: learning rate 0 must be > 0 and finite"},
	{name: "12: batch size 0 is a settings error", run: isOnly(ErrSettings, ErrConfig, train(HandXOR(1), x4, FromRows([][]float64{{0}, {1}, {1}, {0}}), MSE{}, func(c *TrainConfig) { c.BatchSize = 0 })),
		want: "invalid training settings: batch size 0 must be between 1 and the 4 training samples"},
	{name: "12: a bad layer size is still a configuration error", run: isOnly(ErrConfig, ErrSettings, func() error {
		_, err := New([]int{2, 0, 1}, []Activation{Tanh{}, Sigmoid{}}, XavierUniform, seeded())
		return err
	}), want: "invalid network configuration: layer 1 has size 0"},

	// More bad training input.
	{name: "more: Train with a nil Y", run: train(HandXOR(1), x4, nil, MSE{}, nil), want: "invalid training data: training samples or targets are nil"},
	{name: "more: a matrix shorter than its shape", run: train(HandXOR(1), &Matrix{Rows: 4, Cols: 2, Data: make([]float64, 5)}, NewMatrix(4, 1), MSE{}, nil),
		want: "invalid training data: training samples 4×2 hold 5 values, targets 4×1 hold 4"},
	{name: "more: L2 = +Inf", run: train(HandXOR(1), x4, NewMatrix(4, 1), MSE{}, func(c *TrainConfig) { c.L2 = inf }),
		want: "invalid training settings: L2 λ +Inf must be ≥ 0 and finite"},
	{name: "more: clipping at NaN", run: train(HandXOR(1), x4, NewMatrix(4, 1), MSE{}, func(c *TrainConfig) { c.ClipNorm = nan }),
		want: "invalid training settings: clipping limits NaN and 0 must be ≥ 0"},
	{name: "more: ReduceOnPlateau with a negative cooldown", run: train(HandXOR(1), x4, NewMatrix(4, 1), MSE{}, func(c *TrainConfig) {
		c.Schedule = &ReduceOnPlateau{LR: 0.1, Factor: 0.5, Cooldown: -1}
	}), want: "invalid training settings: reduce-on-plateau schedule: cooldown -1 must be ≥ 0"},
	{name: "more: features of 1e300 diverge with an error", run: func() error {
		linear, _ := New([]int{2, 2, 1}, []Activation{Identity{}, Identity{}}, XavierUniform, seeded())
		err := train(linear, FromRows([][]float64{{1e300, 0}, {0, 1e300}}), FromRows([][]float64{{1}, {0}}), MSE{}, nil)()
		if !errors.Is(err, ErrDiverged) {
			return fmt.Errorf("not ErrDiverged: %v", err)
		}
		return err
	}, want: "training diverged at epoch 1, step 1"},
	{name: "more: ClassName of a hand-made set out of range", run: func() error { (&Dataset{Classes: 3}).ClassName(-1); return nil }, panics: true,
		want: "Dataset.ClassName: class -1 is outside 0 … 2"},
}

// isOnly wraps run: its error must wrap sentinel and not other.
func isOnly(sentinel, other error, run func() error) func() error {
	return func() error {
		err := run()
		if !errors.Is(err, sentinel) || errors.Is(err, other) {
			return fmt.Errorf("errors.Is(%v) = %v, errors.Is(%v) = %v: %w", sentinel, errors.Is(err, sentinel), other, errors.Is(err, other), err)
		}
		return err
	}
}

var nan = math.NaN()

// distinctRows returns n lines "i,i.5": as a classification set, n classes.
func distinctRows(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "%d,%d.5\n", i, i)
	}
	return b.String()
}

// corrupt flips bits in the middle of a gzip stream's compressed data.
func corrupt(s string) string {
	b := []byte(s)
	for i := len(b) / 3; i < len(b)/3+8; i++ {
		b[i] ^= 0x5a
	}
	return string(b)
}

// TestBadInput feeds every bad input and checks the error text; -v lists them.
func TestBadInput(t *testing.T) {
	seen := map[string]bool{}
	for _, tt := range append(badInputs, trainingInputs...) {
		if seen[tt.name] {
			t.Errorf("two cases named %q", tt.name)
		}
		seen[tt.name] = true
		t.Run(tt.name, func(t *testing.T) {
			msg, err := catch(tt.run)
			switch {
			case err != nil && tt.panics:
				t.Errorf("error %q, want a panic %q", err, tt.want)
			case msg != nil && !tt.panics:
				t.Errorf("panic %v, want an error %q", msg, tt.want)
			case err == nil && msg == nil:
				t.Errorf("no error, want %q", tt.want)
			}
			if re, ok := msg.(runtime.Error); ok {
				t.Fatalf("runtime panic %v, want %q", re, tt.want)
			}
			got := fmt.Sprint(msg)
			if err != nil {
				got = err.Error()
			}
			if !strings.Contains(got, tt.want) {
				t.Errorf("got %q\nwant it to contain %q", got, tt.want)
			}
			t.Logf("%s", got)
		})
	}
}

// catch runs f and returns what it panicked with, or its error.
func catch(f func() error) (panicked any, err error) {
	defer func() { panicked = recover() }()
	return nil, f()
}

// TestBadInputSentinels: the wrapped errors stay testable with errors.Is.
func TestBadInputSentinels(t *testing.T) {
	_, err := ReadCSV(strings.NewReader(gzipped(distinctRows(3000), 2000)), "t.csv", CSVOptions{Label: -1})
	if !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("truncated gzip: %v does not wrap io.ErrUnexpectedEOF", err)
	}
}
