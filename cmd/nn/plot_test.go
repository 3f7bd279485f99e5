package main

// Tests of nn plot's figures, read back from their SVG, and of the tour.

import (
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"example.com/nn"
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

// tickTol is how far a pixel read from the ticks may be from the one drawn:
// the tick labels' positions and the points are both rounded to 0.005 px.
const tickTol = 0.02

// near reports whether pts has a point within tickTol of (x, y).
func near(pts [][2]float64, x, y float64) bool {
	for _, p := range pts {
		if math.Abs(p[0]-x) <= tickTol && math.Abs(p[1]-y) <= tickTol {
			return true
		}
	}
	return false
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
	// Sigmoid: σ(0) = ½ and σ′(0) = ¼ where the axes' ticks put them.
	s := ps[0]
	cx := s.XAt(t, 0, false)
	if !near(s.Series["f(z)"], cx, s.YAt(t, 0.5, false)) || !near(s.Series["f′(z)"], cx, s.YAt(t, 0.25, false)) {
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
	// Log-log axes: N = 5 lands where the ticks put it.
	r := ps[1]
	m := r.Series["measured"]
	if len(m) != 6 || math.Abs(m[0][0]-r.XAt(t, 5, true)) > tickTol {
		t.Errorf("measured: %v; want 6 points, the first at x = %.2f", m, r.XAt(t, 5, true))
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
	// k = 8 needs 2k = 16 deep units and 2⁸ = 256 in one hidden layer (log y).
	x := r.XAt(t, 8, false)
	if !near(r.Series["deep: 2k"], x, r.YAt(t, 16, true)) ||
		!near(r.Series["one hidden layer: 2ᵏ"], x, r.YAt(t, 256, true)) {
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
	readme, err := filepath.Abs(readmePath)
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	dir := "nn-tour" // the default, as the README shows it
	out, errs, code := runArgs(t, "tour", "-dir", dir)
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	for _, want := range []string{"§1 ", "§2 ", "§3, §4 ", "§5, §9 ", "§6, §7 ", "§8 ", "§11 ", "§12 ", "§13 ", "§14 ",
		"XOR  not converged", "hidden units: NAND and OR", "nn quiz", "nn explain", "nn train -data digits", "installed by go install ./cmd/nn",
		"(1,0) lies on the line w·x + b = 0: it counts as 0 only because step(0) = 0", // AND's w = [2 1], b = −2
		"(0,0) lies on the line w·x + b = 0",                                          // OR's w = [1 1], b = 0
		"weights 8: L = 1: 2, L = 2: 4, L = 5: 32, L = 10: 1024, L = 20: 1048576",     // (8·¼)ᴸ
		"(±128 at k = 6)", "tᵏ starts with slope 2ᵏ (64)",
		"L = ½(a⁽²⁾ − y)²", "δ⁽¹⁾ = (W⁽²⁾)ᵀδ⁽²⁾"} { // the notes' a⁽ˡ⁾: a² would read as a squared

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
	checkREADMETour(t, readme, out)
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

// TestPlotExtension (issue 16 item 16): nn plot and nn train -plot write
// SVG, so a name ending otherwise (a.png) is refused, not filled with SVG.
func TestPlotExtension(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		args   []string
		stderr string
	}{
		{[]string{"plot", "sawtooth", "-o", filepath.Join(dir, "a.png")}, "nn plot: -o " + filepath.Join(dir, "a.png") + ": nn plot writes SVG; give a name ending in .svg"},
		{[]string{"train", "-data", "iris", "-plot", filepath.Join(dir, "loss.png")}, "nn train: -plot " + filepath.Join(dir, "loss.png") + ": the loss plot is SVG"},
	} {
		_, errs, code := runArgs(t, tt.args...)
		if code != 2 || !strings.Contains(errs, tt.stderr) {
			t.Errorf("nn %q: exit %d, stderr %q; want exit 2 and %q", tt.args, code, errs, tt.stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "a.png")); err == nil {
		t.Errorf("a.png was written")
	}
	if _, errs, code := runArgs(t, "plot", "sawtooth", "-o", filepath.Join(dir, "A.SVG")); code != 0 {
		t.Errorf("-o A.SVG: exit %d, stderr %q", code, errs)
	}
}

// figure is one figure of nn plot, by name, with its SVG parsed back.
type figure struct {
	name   string
	root   *svgtest.Node
	panels []svgtest.Panel
}

// allFigures draws every figure of nn plot (the boundary plot on each data
// set) and parses each back, once for all the tests that read them (the
// figures are deterministic; drawing them takes seconds).
func allFigures(t *testing.T) []figure {
	t.Helper()
	figuresOnce.Do(func() { figuresDrawn = drawFigures(t) })
	if figuresDrawn == nil {
		t.Fatal("the figures could not be drawn: see the first test that drew them")
	}
	return figuresDrawn
}

var (
	figuresOnce  sync.Once
	figuresDrawn []figure
)

// drawFigures draws and parses every figure of nn plot.
func drawFigures(t *testing.T) []figure {
	t.Helper()
	var out []figure
	add := func(name string, fig *plot.Figure, err error) {
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var b strings.Builder
		if err := fig.WriteSVG(&b); err != nil {
			t.Fatal(err)
		}
		root := svgtest.Parse(t, b.String())
		out = append(out, figure{name, root, svgtest.Panels(t, root)})
	}
	for _, name := range []string{"activations", "perceptron", "approx", "sawtooth", "gradflow", "loss"} {
		fig, err := plotMakers[name](plotOptions{seed: 1})
		add(name, fig, err)
	}
	for _, data := range []string{"circles", "moons", "spirals", "xor"} {
		fig, err := plotMakers["boundary"](plotOptions{data: data, seed: 1})
		add("boundary "+data, fig, err)
	}
	return out
}

// TestPlotsInsideFrame: every point of every series lies inside its frame,
// at least a pixel from it, where the frame's line would hide it (the ReLU's
// f = 0 and tanh's ±1 once lay on it). The perceptron's line, which crosses
// the whole plane, is the exception.
func TestPlotsInsideFrame(t *testing.T) {
	for _, f := range allFigures(t) {
		for _, p := range f.panels {
			for name, pts := range p.Series {
				if name == "w·x + b = 0" {
					continue
				}
				for _, q := range pts {
					if q[0] < p.X+1 || q[0] > p.X+p.Width-1 || q[1] < p.Y+1 || q[1] > p.Y+p.Height-1 {
						t.Errorf("%s, %q: series %q has a point at (%.2f, %.2f), on or outside the frame [%.2f, %.2f]×[%.2f, %.2f]",
							f.name, p.Title, name, q[0], q[1], p.X, p.X+p.Width, p.Y, p.Y+p.Height)
						break
					}
				}
			}
		}
	}
}

// TestPlotsTickForms: the labels of a log axis are all in one form (10ᵏ, or
// plain numbers, not "1" beside "10¹"), and no text of any figure shows a
// caret for an exponent ("N^−0.96").
func TestPlotsTickForms(t *testing.T) {
	forms := map[string]*regexp.Regexp{
		"10ᵏ":   regexp.MustCompile(`^10[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+$`),
		"m·10ᵏ": regexp.MustCompile(`^[1-9]·10[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+$`),
	}
	for _, f := range allFigures(t) {
		for _, p := range f.panels {
			for _, ticks := range [][]string{p.XTicks, p.YTicks} {
				for form, re := range forms {
					n := 0
					for _, l := range ticks {
						if re.MatchString(l) {
							n++
						}
					}
					if n > 0 && n != len(ticks) {
						t.Errorf("%s, %q: ticks %q mix %s with other forms", f.name, p.Title, ticks, form)
					}
				}
			}
		}
		for _, n := range f.root.Find("text", "") {
			if s := n.AllText(); strings.Contains(s, "^") {
				t.Errorf("%s: text %q shows a caret", f.name, s)
			}
		}
	}
}

// TestPlotsUnderlay: a line drawn over most of an earlier one (the shallow
// sawtooth over the deep, f̂ for N = 80 over f) would hide it; the earlier
// one is drawn at least 3 px wider, so 1.5 px of it show on each side.
func TestPlotsUnderlay(t *testing.T) {
	for _, f := range allFigures(t) {
		for _, p := range f.panels {
			for a, wa := range p.Widths {
				for b, wb := range p.Widths {
					if a == b || seriesIndex(f.root, p.Title, a) > seriesIndex(f.root, p.Title, b) {
						continue
					}
					if on := onTop(p.Series[a], p.Series[b]); on >= 0.5 && wa < wb+3 {
						t.Errorf("%s, %q: %q (width %v) lies on %.0f%% of %q (width %v) drawn before it: want that one ≥ 3 px wider",
							f.name, p.Title, b, wb, 100*on, a, wa)
					}
				}
			}
		}
	}
}

// seriesIndex is the position of the series name among those of the panel titled title.
func seriesIndex(root *svgtest.Node, title, name string) int {
	for _, g := range root.Find("g", "panel") {
		if g.Attr("data-title") == title {
			for i, s := range g.Find("g", "series") {
				if s.Attr("data-name") == name {
					return i
				}
			}
		}
	}
	return -1
}

// onTop is the fraction of the points of b within a pixel of a point of a.
func onTop(a, b [][2]float64) float64 {
	n := 0
	for _, q := range b {
		for _, r := range a {
			if math.Hypot(q[0]-r[0], q[1]-r[1]) <= 1 {
				n++
				break
			}
		}
	}
	return float64(n) / float64(max(len(b), 1))
}

// TestPlotsReadable: drawn 900 px wide, as a README shows it, every text of
// every figure is at least 12 px high (the wide two-panel figures once had
// 9 px); exponents, at 75% of their text, are the exception.
func TestPlotsReadable(t *testing.T) {
	for _, f := range allFigures(t) {
		W := f.root.Num(t, "width")
		base := f.root.Num(t, "font-size")
		for _, n := range f.root.Find("text", "") {
			size := base
			if n.Attr("font-size") != "" {
				size = n.Num(t, "font-size")
			}
			if px := size * 900 / W; px < 12 {
				t.Errorf("%s (%.0f px wide): %q is %.1f px high at 900 px, want ≥ 12", f.name, W, n.AllText(), px)
				break
			}
		}
	}
}

// TestPlotsNotesFree: a note's box inside the frame covers no point of any
// series and no line between two points (they covered points of the moons,
// the XOR blobs and the perceptron's clouds).
func TestPlotsNotesFree(t *testing.T) {
	for _, f := range allFigures(t) {
		for _, p := range f.panels {
			for _, b := range p.Notes {
				in := func(q [2]float64) bool {
					return q[0] > b[0] && q[0] < b[0]+b[2] && q[1] > b[1] && q[1] < b[1]+b[3]
				}
			series:
				for name, pts := range p.Series {
					_, line := p.Widths[name]
					for i, q := range pts {
						if in(q) {
							t.Errorf("%s, %q: the notes' box %v covers the point %v of %q", f.name, p.Title, b, q, name)
							break series
						}
						if !line || i == 0 {
							continue
						}
						// The segment from the previous point, every half pixel.
						r := pts[i-1]
						n := int(math.Hypot(q[0]-r[0], q[1]-r[1])*2) + 1
						for k := range n {
							s := float64(k) / float64(n)
							if in([2]float64{r[0] + s*(q[0]-r[0]), r[1] + s*(q[1]-r[1])}) {
								t.Errorf("%s, %q: the notes' box %v crosses the line of %q", f.name, p.Title, b, name)
								break series
							}
						}
					}
				}
			}
		}
	}
}

// TestPlotsPlane: the boundary and perceptron plots draw the plane of x₁, x₂
// with a unit as long on both axes (the spirals looked stretched), and the
// decision regions in cells of at most 2 px, with the boundary of the
// network's regions traced as a line, so that the edge shows no steps.
func TestPlotsPlane(t *testing.T) {
	for _, f := range allFigures(t) {
		if !strings.HasPrefix(f.name, "boundary") && f.name != "perceptron" {
			continue
		}
		for _, p := range f.panels {
			ux := p.XAt(t, 1, false) - p.XAt(t, 0, false)
			uy := p.YAt(t, 0, false) - p.YAt(t, 1, false)
			if math.Abs(ux-uy) > 1e-3*ux {
				t.Errorf("%s, %q: a unit is %.3f px on x and %.3f px on y", f.name, p.Title, ux, uy)
			}
			if p.Heat == nil {
				t.Errorf("%s, %q: no heat map", f.name, p.Title)
				continue
			}
			if cw, ch := p.HeatBox[2]/float64(p.Heat.Bounds().Dx()), p.HeatBox[3]/float64(p.Heat.Bounds().Dy()); cw > 2 || ch > 2 {
				t.Errorf("%s, %q: heat map cells %.2f×%.2f px, want ≤ 2", f.name, p.Title, cw, ch)
			}
			if strings.HasPrefix(f.name, "boundary") && len(p.Boundary) == 0 {
				t.Errorf("%s, %q: no boundary line", f.name, p.Title)
			}
		}
	}
}

// TestLossFigureRecord: the loss plot of a saved model marks the epoch whose
// weights it holds when that is not the last (early stopping, Ctrl-C), and
// draws a last epoch cut short as a ring where it stopped, not as a whole
// epoch.
func TestLossFigureRecord(t *testing.T) {
	epochs := func(steps ...int) []nn.EpochStats {
		var e []nn.EpochStats
		for i, s := range steps {
			e = append(e, nn.EpochStats{Epoch: i + 1, TrainLoss: 1 / float64(i+1), ValLoss: 1.2 / float64(i+1), Steps: s})
		}
		return e
	}
	for _, tt := range []struct {
		name      string
		rec       nn.TrainingRecord
		whole     int     // epochs drawn as the training curve
		ring      string  // the partial epoch's name, "" for none
		ringX     float64 // and where it is
		mark      string  // the mark's name, "" for none
		markX     float64 // and where it is
		validated int     // points of the validation curve
	}{
		{"finished", nn.TrainingRecord{Epochs: epochs(8, 8, 8), BestEpoch: 3}, 3, "", 0, "", 0, 3},
		{"early stopping", nn.TrainingRecord{Epochs: epochs(8, 8, 8, 8, 8), BestEpoch: 2}, 5, "", 0, "weights kept: epoch 2", 2, 5},
		{"Ctrl-C in epoch 4", nn.TrainingRecord{Epochs: epochs(8, 8, 8, 2), BestEpoch: 3}, 3, "epoch 4, 25% run", 3.25, "weights kept: epoch 3", 3, 3},
		{"Ctrl-C in epoch 1", nn.TrainingRecord{Epochs: epochs(5), BestEpoch: 0}, 0, "epoch 1, cut short", 1, "weights kept: step 5 of epoch 1", 1, 0},
	} {
		fig, err := modelLossFigure("", "m.json", &nn.Model{Record: tt.rec})
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		if err := fig.WriteSVG(&b); err != nil {
			t.Fatal(err)
		}
		root := svgtest.Parse(t, b.String())
		p := svgtest.Panels(t, root)[0]
		if len(p.Series["training"]) != tt.whole || len(p.Series["validation"]) != tt.validated {
			t.Errorf("%s: %d training and %d validation points, want %d and %d", tt.name, len(p.Series["training"]), len(p.Series["validation"]), tt.whole, tt.validated)
		}
		if ring := p.Series[tt.ring]; tt.ring != "" && (len(ring) != 1 || math.Abs(ring[0][0]-p.XAt(t, tt.ringX, false)) > tickTol) {
			t.Errorf("%s: partial epoch %q at %v, want at epoch %v (x = %.2f); series %v", tt.name, tt.ring, ring, tt.ringX, p.XAt(t, tt.ringX, false), p.Series)
		}
		marks := root.Find("line", "mark")
		switch {
		case tt.mark == "" && len(marks) != 0:
			t.Errorf("%s: a mark %q, want none", tt.name, marks[0].Attr("data-name"))
		case tt.mark != "" && (len(marks) != 1 || marks[0].Attr("data-name") != tt.mark || math.Abs(marks[0].Num(t, "x1")-p.XAt(t, tt.markX, false)) > tickTol):
			t.Errorf("%s: marks %v, want one %q at epoch %v", tt.name, marks, tt.mark, tt.markX)
		}
	}
}
