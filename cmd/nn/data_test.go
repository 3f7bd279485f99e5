package main

// Tests of reading data for every command: nn train's test file read as nn
// predict reads a file for a model.

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeClasses writes n samples of two features a, b and a class, red when
// a + b > 1, else blue; with header, under the given column names.
func writeClasses(t *testing.T, path string, n int, seed uint64, header string, swap bool) {
	t.Helper()
	var b strings.Builder
	if header != "" {
		b.WriteString(header + "\n")
	}
	rng := rand.New(rand.NewPCG(seed, 0))
	for range n {
		x, y := rng.Float64(), rng.Float64()
		class := "blue"
		if x+y > 1 {
			class = "red"
		}
		if swap {
			x, y = y, x
		}
		fmt.Fprintf(&b, "%.4f,%.4f,%s\n", x, y, class)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestTrainTestFile: nn train reads a -test file as nn predict reads a file
// for a model (issue 16 item 4): a header that names the training features
// in another order is refused, not scored (it used to report accuracy near
// 0 and exit 0); a file without a header line keeps its first line as a
// sample (it used to be eaten as a header).
func TestTrainTestFile(t *testing.T) {
	dir := t.TempDir()
	train, swapped, bare := filepath.Join(dir, "train.csv"), filepath.Join(dir, "swapped.csv"), filepath.Join(dir, "bare.csv")
	writeClasses(t, train, 200, 1, "a,b,class", false)
	writeClasses(t, swapped, 50, 2, "b,a,class", true)
	writeClasses(t, bare, 50, 3, "", false)
	_, errs, code := runArgs(t, "train", "-data", train, "-header", "-test", swapped, "-epochs", "2")
	if want := `swapped.csv: the header names column 0 (from 0) "b", but the training data's feature 1 is "a"`; code != 1 || !strings.Contains(errs, want) {
		t.Errorf("columns swapped: exit %d, stderr %q; want exit 1 and %q", code, errs, want)
	}
	out, errs, code := runArgs(t, "train", "-data", train, "-header", "-test", bare, "-epochs", "2")
	if code != 0 || !strings.Contains(out, "and 50 test samples") {
		t.Errorf("no header line: exit %d, stderr %q, stdout:\n%s\nwant 50 test samples", code, errs, out)
	}
}

// TestMeasurementAsLabels (issue 16 item 5): a label column of
// measurements (the diabetes table's progression, 214 distinct numbers) is
// refused with a hint that names the flag and its value, -targets 10, and
// the way to say it holds classes after all, -classes, which the command
// then honours.
func TestMeasurementAsLabels(t *testing.T) {
	const data = "../../testdata/diabetes.csv"
	_, errs, code := runArgs(t, "train", "-data", data, "-header")
	if want := "give -targets 10 for a regression set; if it holds classes after all, give -classes"; code != 1 || !strings.Contains(errs, want) {
		t.Errorf("exit %d, stderr %q; want exit 1 and %q", code, errs, want)
	}
	out, errs, code := runArgs(t, "train", "-data", data, "-header", "-classes", "-epochs", "1")
	if code != 0 || !strings.Contains(out, "214 classes") || !strings.Contains(out, " -header -classes ") {
		t.Errorf("-classes: exit %d, stderr %q, stdout:\n%s", code, errs, out)
	}
	if _, errs, code := runArgs(t, "train", "-data", data, "-header", "-classes", "-targets", "10"); code != 2 || !strings.Contains(errs, "-classes and -targets") {
		t.Errorf("-classes with -targets: exit %d, stderr %q", code, errs)
	}
}

// TestTestSplitHint: a -test fraction that leaves the test set empty (20
// samples in classes of one or two) is a usage error that says what to do,
// as one of -val is, not the library's words about a stratified split.
func TestTestSplitHint(t *testing.T) {
	path := filepath.Join(t.TempDir(), "few.csv")
	var b strings.Builder
	for i := range 20 {
		fmt.Fprintf(&b, "%d,%d,c%d\n", i, 2*i, i/2)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errs, code := runArgs(t, "train", "-data", path, "-classes")
	if want := "nn train: -test 0.2 of the 20 samples of " + path + ": fraction 0.2 of 20 samples leaves the test set empty; try another -test, or a file of test samples"; code != 2 || !strings.Contains(errs, want) {
		t.Errorf("exit %d, stderr %q; want exit 2 and %q", code, errs, want)
	}
}
