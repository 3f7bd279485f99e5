package main

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"example.com/nn/cmd/nn/internal/plot"
	"example.com/nn/cmd/nn/internal/plot/svgtest"
)

// render writes a figure and parses it back.
func render(t *testing.T, fig *plot.Figure, err error) []svgtest.Panel {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := fig.WriteSVG(&b); err != nil {
		t.Fatal(err)
	}
	return svgtest.Panels(t, svgtest.Parse(t, b.String()))
}

// inFrame reports whether every point of every series lies in the frame.
func inFrame(p svgtest.Panel, name string) bool {
	for _, q := range p.Series[name] {
		if q[0] < p.X-svgtest.Pixel || q[0] > p.X+p.Width+svgtest.Pixel || q[1] < p.Y-svgtest.Pixel || q[1] > p.Y+p.Height+svgtest.Pixel {
			return false
		}
	}
	return true
}

func TestPlotActivations(t *testing.T) {
	ps := render(t, plotActivations(), nil)
	if len(ps) != 4 {
		t.Fatalf("%d panels, want 4", len(ps))
	}
	for _, p := range ps {
		if len(p.Series["f(z)"]) != 401 || len(p.Series["f′(z)"]) != 401 {
			t.Errorf("%s: series %d and %d points, want 401 each", p.Title, len(p.Series["f(z)"]), len(p.Series["f′(z)"]))
		}
	}
	// Sigmoid: the axes are [−5, 5] × [0, 1]; σ(0) = ½ is the centre of the
	// frame and σ′(0) = ¼ a quarter of the way up.
	s := ps[0]
	cx := s.X + s.Width/2
	if !svgtest.Near(s.Series["f(z)"], cx, s.Y+s.Height/2) || !svgtest.Near(s.Series["f′(z)"], cx, s.Y+s.Height*3/4) {
		t.Errorf("sigmoid: no point at σ(0) or σ′(0)")
	}
	if !strings.Contains(s.Note, "max f′ = 0.25 at z = 0") {
		t.Errorf("sigmoid note %q", s.Note)
	}
}

func TestPlotBoundary(t *testing.T) {
	fig, r, err := plotBoundary("xor", 1)
	ps := render(t, fig, err)
	p := ps[0]
	if len(p.Series["class 0"]) != 100 || len(p.Series["class 1"]) != 100 || !inFrame(p, "class 0") || !inFrame(p, "class 1") {
		t.Errorf("points: %d and %d, want 100 each inside the frame", len(p.Series["class 0"]), len(p.Series["class 1"]))
	}
	// A 2-8-8-1 network separates the four XOR blobs (noise 0.15, centres 1 apart).
	if r.accuracy < 0.97 {
		t.Errorf("accuracy %.3f on the XOR blobs, want ≥ 0.97", r.accuracy)
	}
}

func TestPlotPerceptron(t *testing.T) {
	fig, res, err := perceptronFigure(1)
	ps := render(t, fig, err)
	if len(ps) != 2 || len(ps[0].Series["w·x + b = 0"]) != 2 || len(ps[1].Series["w·x + b = 0"]) != 2 {
		t.Fatalf("want two panels each with the perceptron's line")
	}
	if !res[0].result.Converged || res[0].wrong != 0 {
		t.Errorf("separable clouds: %+v", res[0])
	}
	// No line gets more than 3 of the 4 XOR clouds right: at least a quarter wrong.
	if res[1].result.Converged || res[1].wrong < 40 {
		t.Errorf("XOR: %+v, want not converged with ≥ 40 of 200 wrong", res[1])
	}
	if !strings.Contains(ps[1].Note, "not converged after 100 epochs") {
		t.Errorf("XOR note %q", ps[1].Note)
	}
}

func TestPlotApprox(t *testing.T) {
	fig, err := plotApprox()
	ps := render(t, fig, err)
	if len(ps) != 2 {
		t.Fatalf("%d panels", len(ps))
	}
	for _, s := range []string{"f(x) = sin x + 0.3 sin 3x", "N = 5", "N = 20", "N = 80"} {
		if len(ps[0].Series[s]) != 601 {
			t.Errorf("series %q has %d points, want 601", s, len(ps[0].Series[s]))
		}
	}
	// Log-log axes from 1 to 10³ in N: N = 5 lands log₁₀5/3 of the way across.
	r := ps[1]
	m := r.Series["measured"]
	if len(m) != 6 || math.Abs(m[0][0]-(r.X+r.Width*math.Log10(5)/3)) > svgtest.Pixel {
		t.Errorf("measured: %v; want 6 points, the first at x = %.2f", m, r.X+r.Width*math.Log10(5)/3)
	}
	var fit string
	for name := range r.Series {
		if strings.HasPrefix(name, "fit: slope") {
			fit = name
		}
	}
	if fit != "fit: slope −0.96" {
		t.Errorf("fit %q, want slope −0.96", fit)
	}
}

func TestPlotSawtooth(t *testing.T) {
	ps := render(t, plotSawtooth(), nil)
	r := ps[1]
	// x from 0 to 8, log y from 1 to 10³: k = 8 with 2k = 16 deep units lands
	// on the right edge, log₁₀16/3 of the way up; the shallow 2⁸ = 256 at log₁₀256/3.
	x := r.X + r.Width
	if !svgtest.Near(r.Series["deep: 2k"], x, r.Y+r.Height*(1-math.Log10(16)/3)) ||
		!svgtest.Near(r.Series["one hidden layer: 2ᵏ"], x, r.Y+r.Height*(1-math.Log10(256)/3)) {
		t.Errorf("k = 8 not where the units say: %v %v", r.Series["deep: 2k"], r.Series["one hidden layer: 2ᵏ"])
	}
	if !strings.Contains(ps[0].Title, "8 linear pieces") {
		t.Errorf("title %q", ps[0].Title)
	}
}

func TestPlotGradflow(t *testing.T) {
	fig, err := plotGradflow(1)
	ps := render(t, fig, err)
	for _, g := range gradflowNets {
		if n := len(ps[0].Series[g.name]); n != 10 {
			t.Errorf("series %q has %d points, want 10", g.name, n)
		}
	}
	norms, err := measureGradflow(1)
	if err != nil {
		t.Fatal(err)
	}
	// Sigmoid vanishes (ratio below 0.25⁵); the remedies keep it within 10³ of 1.
	if r := norms[0][0] / norms[0][9]; r > math.Pow(0.25, 5) {
		t.Errorf("sigmoid: ratio %.3g", r)
	}
	for i := 1; i < len(norms); i++ {
		if r := norms[i][0] / norms[i][9]; r < 1e-3 || r > 1e3 {
			t.Errorf("%s: ratio %.3g", gradflowNets[i].name, r)
		}
	}
}

func TestPlotCommand(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "saw.svg")
	out, errs, code := runArgs(t, "plot", "sawtooth", "-o", path)
	if code != 0 || out != "wrote "+path+"\n" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	svgtest.Parse(t, string(b))
	out, _, code = runArgs(t, "plot", "activations", "-o", "-")
	if code != 0 || !strings.HasPrefix(out, "<svg") {
		t.Errorf("-o -: exit %d, stdout starts %q", code, out[:min(len(out), 20)])
	}
	for _, tt := range []struct {
		args   []string
		stderr string
	}{
		{[]string{"plot"}, "nn plot: want one plot name: activations, approx, boundary"},
		{[]string{"plot", "pie"}, `nn plot: unknown plot "pie"`},
		{[]string{"plot", "boundary", "-data", "iris"}, `-data "iris": the data sets are circles, moons, spirals, xor`},
		{[]string{"plot", "boundary", "extra"}, `nn plot: unexpected argument "extra" after the plot name boundary`},
	} {
		_, errs, code := runArgs(t, tt.args...)
		if code != 2 || !strings.Contains(errs, tt.stderr) {
			t.Errorf("nn %q: exit %d, stderr %q; want 2 and %q", tt.args, code, errs, tt.stderr)
		}
	}
	// -h after the plot name is help, as anywhere else.
	out, errs, code = runArgs(t, "plot", "boundary", "-data", "xor", "-h")
	if code != 0 || errs != "" || !strings.HasPrefix(out, "usage: nn plot ") {
		t.Errorf("nn plot boundary -data xor -h: exit %d, stdout %.40q, stderr %q", code, out, errs)
	}
	// A plot written over a private file keeps it private (the command
	// writes with nn.WriteFileAtomic, not a copy that reset the mode to 0644).
	os.Chmod(path, 0o600)
	if _, errs, code := runArgs(t, "plot", "sawtooth", "-o", path); code != 0 {
		t.Fatalf("plot over a 0600 file: exit %d, stderr %q", code, errs)
	}
	if st, err := os.Stat(path); err != nil {
		t.Error(err)
	} else if st.Mode().Perm() != 0o600 {
		t.Errorf("plot over a 0600 file: mode %v, want 0600", st.Mode().Perm())
	}
	// A plot that cannot be written leaves no file behind.
	_, errs, code = runArgs(t, "plot", "sawtooth", "-o", filepath.Join(dir, "no", "such", "dir.svg"))
	if code != 1 || !strings.Contains(errs, "nn plot: ") {
		t.Errorf("unwritable: exit %d, stderr %q", code, errs)
	}
}

// TestTour runs the tour into a temporary directory: every section, every
// picture written and well formed, and what to try next.
func TestTour(t *testing.T) {
	dir := t.TempDir()
	out, errs, code := runArgs(t, "tour", "-dir", dir)
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	for _, want := range []string{"§1 ", "§2 ", "§3, §4 ", "§5, §9 ", "§6, §7 ", "§8 ", "§11 ", "§12 ", "§13 ", "§14 ",
		"XOR  not converged", "hidden units: NAND and OR", "nn quiz", "nn explain", "nn train -data digits"} {
		if !strings.Contains(out, want) {
			t.Errorf("tour output lacks %q", want)
		}
	}
	for _, name := range []string{"perceptron", "activations", "boundary", "loss", "gradflow", "approx", "sawtooth"} {
		path := filepath.Join(dir, name+".svg")
		if !strings.Contains(out, "picture: "+path) {
			t.Errorf("tour does not print %s", path)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Error(err)
			continue
		}
		svgtest.Parse(t, string(b))
	}
}

// TestNoArgsRunsTour: nn with no command is the tour, into ./nn-tour.
// Skipped under -short: TestTour runs the same tour.
func TestNoArgsRunsTour(t *testing.T) {
	if testing.Short() {
		t.Skip("TestTour runs the tour")
	}
	t.Chdir(t.TempDir())
	out, errs, code := runArgs(t)
	if code != 0 || !strings.HasPrefix(out, "A tour of the notes") {
		t.Fatalf("nn: exit %d, stderr %q, stdout starts %q", code, errs, out[:min(len(out), 40)])
	}
	if _, err := os.Stat(filepath.Join("nn-tour", "approx.svg")); err != nil {
		t.Error(err)
	}
}
