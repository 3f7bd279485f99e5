package main

// Tests of the program as a whole: running it in-process, exit codes and
// messages.

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestMain runs the test binary as nn itself when NN_TEST_MAIN is set, for
// the tests that need nn in a process of its own (signals, pipes).
func TestMain(m *testing.M) {
	if os.Getenv("NN_TEST_MAIN") == "1" {
		main()
	}
	os.Exit(m.Run())
}

// nnCommand returns the command that runs nn with args in a process of its
// own: this test binary, through TestMain.
func nnCommand(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	cmd := exec.Command(self, args...)
	cmd.Env = append(os.Environ(), "NN_TEST_MAIN=1")
	return cmd
}

// runArgs runs nn in-process and returns its stdout, stderr and exit code.
func runArgs(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errw strings.Builder
	code = exitCode(run(context.Background(), args, &out, &errw), &errw)
	return out.String(), errw.String(), code
}

func TestRunXOR(t *testing.T) {
	out, errs, code := runArgs(t, "xor")
	if code != 0 {
		t.Fatalf("nn xor: exit %d, stderr %q", code, errs)
	}
	for _, want := range []string{
		"4 of 4 patterns classified correctly",
		"hidden unit 1: NAND",
		"hidden unit 2: OR",
		"output:        AND of the hidden units, which is XOR",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestExitCodes(t *testing.T) {
	tests := []struct {
		args   []string
		code   int
		stdout string // a part of stdout
		stderr string // a part of stderr
	}{
		{[]string{"help"}, 0, "The commands are:", ""},
		{[]string{"-h"}, 0, "The commands are:", ""},
		{[]string{"help", "xor"}, 0, "usage: nn xor", ""},
		{[]string{"xor", "-h"}, 0, "Example:", ""},
		{[]string{"xor", "-eta"}, 2, "", "nn xor: flag needs an argument: -eta"},
		{[]string{"xor", "-bogus"}, 2, "", "nn xor: flag provided but not defined: -bogus"},
		{[]string{"xor", "stray"}, 2, "", `nn xor: unexpected argument "stray"`},
		{[]string{"xor", "-every", "0"}, 2, "", "nn xor: -every 0 must be ≥ 1"},
		{[]string{"xor", "-eta", "0"}, 2, "", "nn xor: -eta 0 must be > 0 and finite"},
		{[]string{"xor", "-epochs", "0"}, 2, "", "nn xor: -epochs 0 must be ≥ 1"},
		{[]string{"tour", "-dir", "main_test.go"}, 2, "", "nn tour: -dir main_test.go is a file"},
		{[]string{"xor", "-epochs", "x"}, 2, "", "invalid value"},
		{[]string{"train", "-h"}, 0, "nn train -data digits -o digits.json", ""},
		{[]string{"help", "train"}, 0, "-layers string", ""},
		{[]string{"predict", "-h"}, 0, "nn predict -model digits.json -data digits", ""},
		{[]string{"train"}, 2, "", "nn train: -data is required"},
		{[]string{"train", "-data", "digits", "stray"}, 2, "", `nn train: unexpected argument "stray"`},
		{[]string{"train", "-data", "digits", "-bogus"}, 2, "", "nn train: flag provided but not defined: -bogus"},
		{[]string{"train", "-data", "no-such.csv"}, 2, "", "nn train: -data no-such.csv: no such data set or file"},
		{[]string{"predict", "-model", "testdata/none.json", "-data", "Iris"}, 1, "", "nn predict: -model testdata/none.json: no such file"},
		{[]string{"train", "-data", "Fashion-MNIST"}, 2, "", "nn train: -data Fashion-MNIST: no such data set or file; did you mean -data fashion-mnist?"},
		{[]string{"train", "-data", "digits", "-layers", "64,x"}, 2, "", `-layers 64,x: "x" is not a layer size`},
		{[]string{"train", "-data", "digits", "-layers", "0"}, 2, "", `-layers 0: "0" is not a layer size`},
		{[]string{"train", "-data", "digits", "-act", "swish"}, 2, "", `-act: activation "swish": unknown activation`},
		{[]string{"train", "-data", "digits", "-act", "softmax"}, 2, "", "-act softmax cannot be a hidden layer's activation"},
		{[]string{"train", "-data", "digits", "-opt", "lbfgs"}, 2, "", "-opt lbfgs: unknown optimizer"},
		{[]string{"train", "-data", "digits", "-lr", "-1"}, 2, "", "-lr -1 must be > 0"},
		{[]string{"train", "-data", "digits", "-epochs", "-3"}, 2, "", "-epochs -3 must be ≥ 1"},
		{[]string{"train", "-data", "digits", "-batch", "-1"}, 2, "", "-batch -1 must be ≥ 1"},
		{[]string{"train", "-data", "digits", "-batch", "5000"}, 2, "", "-batch 5000 is more than the 1293 training samples"},
		{[]string{"train", "-data", "digits", "-dropout", "1"}, 2, "", "-dropout 1 must be in [0, 1)"},
		{[]string{"train", "-data", "digits", "-val", "1.5"}, 2, "", "-val 1.5 must be in [0, 1)"},
		{[]string{"train", "-data", "digits", "-test", "1"}, 2, "", "-test 1 must be a fraction in (0, 1) or a file"},
		{[]string{"train", "-data", "digits", "-test", "nofile.csv"}, 2, "", "-test nofile.csv: neither a fraction nor a file"},
		{[]string{"train", "-data", "digits", "-schedule", "warm"}, 2, "", "-schedule warm: unknown schedule"},
		{[]string{"train", "-data", "digits", "-patience", "3", "-val", "0"}, 2, "", "-patience needs validation samples"},
		{[]string{"train", "-data", "digits", "-targets", "1"}, 2, "", "-targets is for CSV files"},
		{[]string{"train", "-data", "digits", "-o", "/no/such/dir/m.json"}, 2, "", "-o /no/such/dir/m.json: directory /no/such/dir does not exist"},
		{[]string{"predict"}, 2, "", "nn predict: -model is required"},
		{[]string{"predict", "-model", "m.json"}, 2, "", "nn predict: -data is required"},
		{[]string{"predict", "-model", "no-such.json", "-data", "digits"}, 1, "", "nn predict: -model no-such.json: no such file"},
		{[]string{"frobnicate"}, 2, "", `nn: unknown command "frobnicate"`},
		{[]string{"help", "frobnicate"}, 2, "", `nn help: unknown command "frobnicate"`},
	}
	for _, tt := range tests {
		out, errs, code := runArgs(t, tt.args...)
		if code != tt.code || !strings.Contains(out, tt.stdout) || !strings.Contains(errs, tt.stderr) {
			t.Errorf("nn %q: exit %d, stdout %q, stderr %q; want exit %d, stdout with %q, stderr with %q",
				tt.args, code, out, errs, tt.code, tt.stdout, tt.stderr)
		}
	}
}

// TestFlagsThatDoNotApply (issue 16 item 10): 0 for -epochs, -lr or -batch
// is refused rather than read as "the default", and a flag that does not
// apply is refused rather than dropped without a word.
func TestFlagsThatDoNotApply(t *testing.T) {
	model := savedModel(t, false)
	for _, tt := range []struct {
		args   []string
		stderr string
	}{
		{[]string{"train", "-data", "iris", "-epochs", "0"}, "nn train: -epochs 0: want a value > 0, or leave -epochs out for the data set's default"},
		{[]string{"train", "-data", "iris", "-lr", "0"}, "nn train: -lr 0: want a value > 0"},
		{[]string{"train", "-data", "iris", "-batch", "0"}, "nn train: -batch 0: want a value > 0"},
		{[]string{"train", "-data", "iris", "-header"}, "nn train: -header is for CSV files; iris is not one"},
		{[]string{"train", "-data", "digits", "-label", "3"}, "nn train: -label is for CSV files; digits is not one"},
		{[]string{"train", "-data", "fashion-mnist", "-test", "0.3"}, "nn train: -test: fashion-mnist has a test set of its own"},
		{[]string{"predict", "-model", model, "-data", "iris", "-header"}, "nn predict: -header is for CSV files; iris is not one"},
		{[]string{"plot", "activations", "-data", "spirals"}, "nn plot: -data is for the boundary plot, not activations"},
		{[]string{"plot", "sawtooth", "-seed", "3"}, "nn plot: -seed is for the boundary, perceptron, gradflow, loss plots, not sawtooth"},
		{[]string{"plot", "loss", "-model", model, "-seed", "3"}, "nn plot: -seed is for the loss plot of a network trained on the spot"},
	} {
		_, errs, code := runArgs(t, tt.args...)
		if code != 2 || !strings.Contains(errs, tt.stderr) {
			t.Errorf("nn %q: exit %d, stderr %q; want exit 2 and %q", tt.args, code, errs, tt.stderr)
		}
	}
}

// TestRunXORNamesHiddenUnits: the output's gate is a gate of the hidden
// units, named h1 and h2 (seed 3 learns "NOT h1 OR h2"; it printed x1, x2).
func TestRunXORNamesHiddenUnits(t *testing.T) {
	out, errs, code := runArgs(t, "xor", "-seed", "3")
	if code != 0 {
		t.Fatalf("nn xor -seed 3: exit %d, stderr %q", code, errs)
	}
	_, line, _ := strings.Cut(out, "output:")
	line, _, _ = strings.Cut(line, "of the hidden units")
	if strings.Contains(line, "x1") || strings.Contains(line, "x2") || !strings.Contains(line, "h1") {
		t.Errorf("the output's gate of the hidden units is %q; want it in h1 and h2", strings.TrimSpace(line))
	}
}
