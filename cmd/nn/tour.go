package main

// nn tour (and nn with no command): the notes section by section, each
// computed as it is printed.

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"

	"example.com/nn"
	"example.com/nn/cmd/nn/internal/explain"
	"example.com/nn/cmd/nn/internal/format"
	"example.com/nn/cmd/nn/internal/plot"
)

var cmdTour = &command{
	Name:      "tour",
	UsageLine: "tour [-dir nn-tour]",
	Short:     "walk through the notes, computing each section (what nn does with no command)",
	Long: `
Tour walks through the notes section by section in a few seconds, printing
what the library computes there: the perceptron converging on AND and OR and
never on XOR (§1); the activations and their derivatives (§2); a network
drawing a curved boundary (§3); the worked example of backpropagation in
brief (§5, §9); a loss curve (§6, §7); the gates XOR's hidden units learn
(§8); the factor through L sigmoid layers, shrinking or growing with the
weights, and the remedies (§11); the error of §12 halving as N doubles; and
the units the sawtooth and parity need with one hidden layer and with many
(§13). It writes the plots into a directory (-dir, default nn-tour) and ends
with what to try next.

Running nn with no command runs the tour.

Example:

	nn tour -dir /tmp/tour
`,
	Flags: func(fs *flag.FlagSet) func(context.Context, []string, io.Writer, io.Writer) error {
		dir := fs.String("dir", "nn-tour", "directory for the plots")
		return func(ctx context.Context, args []string, stdout, _ io.Writer) error {
			if err := noArgs(args); err != nil {
				return err
			}
			return runTour(ctx, stdout, *dir)
		}
	},
}

// tour writes the tour's sections and saves its plots.
type tour struct {
	w     io.Writer
	dir   string
	files []string
	err   error
}

func (t *tour) printf(format string, args ...any) {
	if t.err == nil {
		_, t.err = fmt.Fprintf(t.w, format, args...)
	}
}

func (t *tour) section(title string) { t.printf("\n%s\n", title) }

// save writes a figure into the tour's directory and prints its path.
func (t *tour) save(name string, fig *plot.Figure, err error) {
	if t.err != nil {
		return
	}
	if err != nil {
		t.err = err
		return
	}
	path := filepath.Join(t.dir, name)
	if t.err = nn.WriteFileAtomic(path, fig.WriteSVG); t.err == nil {
		t.files = append(t.files, path)
		t.printf("  picture: %s\n", path)
	}
}

// runTour is the tour: each section computes what it prints.
func runTour(ctx context.Context, w io.Writer, dir string) error {
	if st, err := os.Stat(dir); err == nil && !st.IsDir() {
		return usageError("-dir %s is a file; the tour needs a directory for its plots", dir)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("-dir %s: %w", dir, err)
	}
	t := &tour{w: w, dir: dir}
	t.printf("A tour of the notes: every number below is computed now by the library.\n")
	for _, step := range []func(*tour){tourPerceptron, tourActivations, tourNetworks, tourBackprop, tourTraining,
		tourXOR, tourVanishing, tourApprox, tourDepth} {
		if err := ctx.Err(); err != nil {
			return err
		}
		step(t)
		if t.err != nil {
			return t.err
		}
	}
	t.section("§14 Self-test")
	t.printf("  Ten questions whose answers the library computes: nn quiz\n")
	t.printf("\nThe pictures are in %s (open them in a browser). What to try next:\n", dir)
	for _, s := range [][2]string{
		{"nn quiz", "take the self-test of §14"},
		{"nn explain", "every number of one step of backpropagation (§5, §9)"},
		{"nn explain -format markdown -x 1,0", "the same as tables for a report"},
		{"nn plot boundary -data spirals", "a harder data set for the network of §3"},
		{"nn xor -seed 3", "train XOR from another start (§8)"},
		{"nn train -data digits", "a real data set: handwritten digits"},
		{"nn help", "every command"},
	} {
		t.printf("  %-36s %s\n", s[0], s[1])
	}
	t.printf("(nn is the command installed by go install ./cmd/nn; go run ./cmd/nn does the same from the repository)\n")
	return t.err
}

func tourPerceptron(t *tour) {
	t.section("§1 The perceptron: ŷ = step(w·x + b), w ← w + η(y − ŷ)x on mistakes")
	X, _ := nn.XOR()
	for _, g := range []struct {
		name string
		y    []float64
	}{{"AND", []float64{0, 0, 0, 1}}, {"OR", []float64{0, 1, 1, 1}}, {"XOR", []float64{0, 1, 1, 0}}} {
		p := nn.NewPerceptron(2)
		r, err := p.Train(X, g.y, 1, 1000, nil)
		if err != nil {
			t.err = err
			return
		}
		if r.Converged {
			t.printf("  %-4s converged after %d epochs and %d updates: w = %v, b = %s\n", g.name, r.Epochs, r.Updates, minus(fmt.Sprint(p.W)), qnum(p.B))
			if on := onLine(p, X); on != "" {
				t.printf("       %s lies on the line w·x + b = 0: it counts as 0 only because step(0) = 0\n", on)
			}
		} else {
			wrong := 0
			for i := range X.Rows {
				if p.Predict(X.Row(i)) != g.y[i] {
					wrong++
				}
			}
			t.printf("  %-4s not converged after %d epochs (%d updates); %d of 4 still wrong: no line separates it\n", g.name, r.Epochs, r.Updates, wrong)
		}
	}
	fig, err := plotPerceptron(1)
	t.save("perceptron.svg", fig, err)
}

func tourActivations(t *tour) {
	t.section("§2 Activation functions: f(z) and f′(z)")
	t.printf("  %-16s %9s %9s %9s   %s\n", "f", "f(−2)", "f(0)", "f(2)", "max f′ on [−5, 5]")
	z := grid(-5, 5, 10000)
	for _, f := range []nn.Elementwise{nn.Sigmoid{}, nn.Tanh{}, nn.ReLU{}, nn.LeakyReLU{Alpha: nn.DefaultLeakySlope}} {
		m := math.Inf(-1)
		for _, v := range z {
			m = math.Max(m, f.Prime(v))
		}
		t.printf("  %-16s %9s %9s %9s   %s\n", f, qnum(f.F(-2)), qnum(f.F(0)), qnum(f.F(2)), qnum(m))
	}
	t.printf("  σ′ is at most 0.25: unless the weights make up for it, a gradient shrinks through every sigmoid layer (§11)\n")
	t.save("activations.svg", plotActivations(), nil)
}

func tourNetworks(t *tour) {
	t.section("§3, §4 Multi-layer networks: a curved boundary from two layers of tanh units")
	fig, r, err := plotBoundary("moons", 1)
	if err == nil {
		t.printf("  a %s tanh network, %d epochs of Adam on 200 points of two moons: %.1f%% right, loss %.4f\n",
			format.Sizes(r.sizes), r.epochs, 100*r.accuracy, r.loss)
	}
	t.save("boundary.svg", fig, err)
}

func tourBackprop(t *tour) {
	t.section("§5, §9 Backpropagation: the worked example in brief (nn explain prints every number)")
	net, x, y := nn.WorkedExample()
	tr, err := net.Trace(x, y, nn.MSE{}, 0.5)
	if err != nil {
		t.err = err
		return
	}
	e := explain.Numbers{Digits: 4}
	t.printf("  x = %s, y = %s, 2-2-1 sigmoid network, L = ½(a⁽²⁾ − y)²\n", e.Vec(x), e.Vec(y))
	t.printf("  forward:  z⁽¹⁾ = %s  a⁽¹⁾ = %s  z⁽²⁾ = %s  a⁽²⁾ = %s  L = %s\n", e.Vec(tr.Z[1]), e.Vec(tr.A[1]), e.Vec(tr.Z[2]), e.Vec(tr.A[2]), e.Num(tr.Cost))
	t.printf("  backward: δ⁽²⁾ = (a⁽²⁾ − y) σ′(z⁽²⁾) = %s   δ⁽¹⁾ = (W⁽²⁾)ᵀδ⁽²⁾ ⊙ σ′(z⁽¹⁾) = %s\n", e.Vec(tr.Delta[2]), e.Vec(tr.Delta[1]))
	worst := 0.0
	for l := 1; l <= net.L(); l++ {
		for k, g := range tr.Grads.W[l].Data {
			n := tr.Numerical.W[l].Data[k]
			worst = math.Max(worst, math.Abs(g-n)/math.Max(math.Max(math.Abs(g), math.Abs(n)), 1e-8))
		}
	}
	t.printf("  ∂L/∂W⁽¹⁾ = δ⁽¹⁾xᵀ = %s; every gradient agrees with its central difference to %s\n", e.Mat(tr.Grads.W[1]), format.Diff(worst))
	t.printf("  one step with η = 0.5: L = %s → %s\n", e.Num(tr.Cost), e.Num(tr.CostAfter))
}

func tourTraining(t *tour) {
	t.section("§6, §7 Training: mini-batches, Adam, and a validation set")
	fig, err := plotLossDemo(1)
	if err == nil {
		p := fig.Panels[0]
		tr, va := p.Series[0].Y, p.Series[1].Y
		best := 0
		for i := range va {
			if va[i] < va[best] {
				best = i
			}
		}
		t.printf("  two moons, 2-16-16-1: training loss %.3f → %.3f in %d epochs; validation loss lowest (%.3f) at epoch %d, %.3f at the end\n",
			tr[0], tr[len(tr)-1], len(tr), va[best], best+1, va[len(va)-1])
	}
	t.save("loss.svg", fig, err)
}

func tourXOR(t *tour) {
	t.section("§8 XOR: two hidden units make it separable")
	X, Y := nn.XOR()
	net, err := nn.New([]int{2, 2, 1}, []nn.Activation{nn.Sigmoid{}, nn.Sigmoid{}}, nn.XavierUniform, rand.New(rand.NewPCG(17, 0)))
	if err != nil {
		t.err = err
		return
	}
	loss, err := net.TrainGD(X, Y, nn.MSE{}, 2, 5000, nil)
	if err != nil {
		t.err = err
		return
	}
	var outs []string
	right := 0
	for i := range X.Rows {
		a := net.Predict(X.Row(i))[0]
		outs = append(outs, fmt.Sprintf("%.2f", a))
		if (a > 0.5) == (Y.At(i, 0) == 1) {
			right++
		}
	}
	g := net.Gates(1)
	t.printf("  2-2-1 sigmoid, seed 17, 5000 epochs, η = 2: loss %.4f, outputs on 00 01 10 11: %s (%d of 4 right)\n", loss, strings.Join(outs, " "), right)
	t.printf("  hidden units: %s and %s; the output: %s of them (nn xor shows the truth tables)\n", g[0], g[1], net.OutputGate())
}

func tourVanishing(t *tour) {
	t.section("§11 Vanishing and exploding gradients: the σ′ factors through L sigmoid layers multiply to at most 0.25ᴸ")
	t.printf("  the factor through L sigmoid layers of one unit, every z = 0, each layer w·σ′(0):\n")
	for _, w := range []float64{1, 8} {
		var parts []string
		for _, L := range []int{1, 2, 5, 10, 20} {
			f, format := chainFactor(L, w), "L = %d: %.3g"
			if f >= 1 {
				format = "L = %d: %.0f"
			}
			parts = append(parts, minus(fmt.Sprintf(format, L, f)))
		}
		t.printf("    weights %g: %s\n", w, strings.Join(parts, ", "))
	}
	norms, err := measureGradflow(1)
	if err != nil {
		t.err = err
		return
	}
	t.printf("  10 layers of 32 units, ‖∂L/∂W⁽¹⁾‖ / ‖∂L/∂W⁽¹⁰⁾‖ at initialization:\n")
	for i, g := range gradflowNets {
		t.printf("    %-22s %s\n", g.name, minus(fmt.Sprintf("%.3g", norms[i][0]/norms[i][9])))
	}
	fig, err := plotGradflow(1)
	t.save("gradflow.svg", fig, err)
}

func tourApprox(t *tour) {
	t.section("§12 Universal approximation: N steep sigmoids, error ∝ 1/N")
	r, err := measureApprox()
	if err != nil {
		t.err = err
		return
	}
	t.printf("  f(x) = sin x + 0.3 sin 3x on [0, 2π]\n  %5s  %9s\n", "N", "sup error")
	for i := range r.N {
		ratio := ""
		if i > 0 {
			ratio = fmt.Sprintf("  × %.2f", r.err[i]/r.err[i-1])
		}
		t.printf("  %5g  %9.4f%s\n", r.N[i], r.err[i], ratio)
	}
	t.printf("  log-log slope %s: doubling N halves the error\n", minus(fmt.Sprintf("%.2f", r.slope)))
	fig, err := plotApprox()
	t.save("approx.svg", fig, err)
}

func tourDepth(t *tour) {
	t.section("§13 Depth efficiency: the sawtooth tᵏ has 2ᵏ pieces")
	t.printf("  %3s  %7s  %15s  %22s\n", "k", "pieces", "deep: units", "one hidden layer: units")
	var m shallowMinimum
	for _, r := range measureSawtooth(6) {
		if m, t.err = sawtoothMinimum(r.k); t.err != nil {
			return
		}
		t.printf("  %3d  %7d  %15d  %22d\n", r.k, r.deepPieces, r.deepUnits, r.shallowUnits)
	}
	t.printf("  one hidden layer needs 2ᵏ units, one more than the 2ᵏ − 1 that counting pieces asks: with 2ᵏ − 1,\n"+
		"  every kink sits on a breakpoint and changes the slope by ±2ᵏ⁺¹ (±%g at k = %d), so the slope\n"+
		"  at 0 would be a multiple of 2ᵏ⁺¹, but tᵏ starts with slope 2ᵏ (%g)\n", m.jump, m.k, m.slope0)
	t.printf("  n-bit parity, units (output included):\n")
	t.printf("  %3s  %12s  %16s  %14s\n", "n", "tree of XORs", "one per pattern", "counting units")
	for _, n := range []int{2, 4, 8, 12} {
		t.printf("  %3d  %12d  %16d  %14d\n", n, nn.Units(nn.ParityTree(n)), nn.Units(nn.ParityNaive(n)), nn.Units(nn.ParityCount(n)))
	}
	t.printf("  (parity only illustrates depth: n counting units suffice in one layer; the sawtooth proves it)\n")
	t.save("sawtooth.svg", plotSawtooth(), nil)
}

// onLine names the patterns of X on the perceptron's line w·x + b = 0, which
// it classifies as 0 only because step(0) = 0.
func onLine(p *nn.Perceptron, X *nn.Matrix) string {
	var on []string
	for i := range X.Rows {
		x := X.Row(i)
		if p.W[0]*x[0]+p.W[1]*x[1]+p.B == 0 {
			on = append(on, fmt.Sprintf("(%g,%g)", x[0], x[1]))
		}
	}
	return strings.Join(on, " and ")
}
