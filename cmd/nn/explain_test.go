package main

import (
	"flag"
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"example.com/nn"
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
	net, x, y := workedExample()
	out, _, _ := runArgs(t, "explain", "-digits", "12")
	tr, err := net.Trace(x, y, nn.MSE{}, 0.5)
	if err != nil {
		t.Fatal(err)
	}
	e := &explainer{digits: 12}
	for _, want := range []string{
		"L = " + e.num(tr.Cost),
		"δ^2 = " + e.vec(tr.Delta[2]),
		"δ^1 = ∂L/∂a^1 ⊙ f′(z^1) = " + e.vec(tr.Delta[1]),
		"loss after the update: L = " + e.num(tr.CostAfter),
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
		{[]string{"explain", "-loss", "cross-entropy"}, 1, "nn explain: trace: cross-entropy loss needs a softmax output layer, not sigmoid"},
		{[]string{"explain", "-eta", "-1"}, 1, "learning rate η = -1"},
		{[]string{"explain", "-digits", "0"}, 2, "-digits 0"},
	}
	for _, tt := range tests {
		_, errs, code := runArgs(t, tt.args...)
		if code != tt.code || !strings.Contains(errs, tt.stderr) {
			t.Errorf("nn %q: exit %d, stderr %q; want exit %d, stderr with %q", tt.args, code, errs, tt.code, tt.stderr)
		}
	}
}
