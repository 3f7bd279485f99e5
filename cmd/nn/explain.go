package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"example.com/nn"
)

var cmdExplain = &command{
	Name:      "explain",
	UsageLine: "explain [-model file.json] [-x 1,0.5] [-y 1] [-loss mse] [-eta 0.5] [-digits 6] [-format text|markdown]",
	Short:     "print every number of one step of backpropagation (§5, §9)",
	Long: `
Explain runs one step of backpropagation on one sample and prints every
number of it, in the order and notation of the notes (§5, §9, §10): the
forward pass z^l = W^l a^{l−1} + b^l and a^l = f(z^l) for each layer; the
loss; the output error δ^L, saying which formula applies (a^L − y for softmax
with cross-entropy and for sigmoid with binary cross-entropy); the backward
pass δ^l = ((W^{l+1})ᵀ δ^{l+1}) ⊙ f′(z^l); the gradients ∂L/∂W^l = δ^l (a^{l−1})ᵀ
and ∂L/∂b^l = δ^l, each beside its central difference and the difference of
the two, so the trace checks itself; the parameters after the update
θ ← θ − η ∂L/∂θ; and the loss after it.

Without -model it explains the worked example of §9: a 2-2-1 sigmoid network
with the weights of the test TestWorkedExample3Layer, x = (1, 0.5), y = 1,
squared error. -x and -y change the sample.

With -model it explains a saved model (nn train -o model.json) on the
sample -x, -y: x goes through the model's standardization first, -y of a
classifier may name the class (or its index), and the loss is the one the
output layer suggests (cross-entropy for softmax, binary cross-entropy for
sigmoid, squared error otherwise) unless -loss says another. A network with
batch normalization has no one-sample trace and is refused.

-format markdown writes tables a student can paste into a report. Vectors of
more than 10 entries and layers of more than 10 weights are cut short unless
-all is given.

Example:

	nn explain -x 1,0 -y 1 -eta 1 -format markdown
	nn explain -model iris.json -x 5.1,3.5,1.4,0.2 -y setosa
`,
	Flags: func(fs *flag.FlagSet) func(context.Context, []string, io.Writer, io.Writer) error {
		x := fs.String("x", "", "the input x, comma-separated (default 1,0.5 for the §9 network)")
		y := fs.String("y", "", "the target y, comma-separated (default 1 for the §9 network)")
		lossName := fs.String("loss", "mse", "loss: mse (½‖a − y‖², half the squared error summed over the outputs: n_L/2 × PyTorch's MSELoss), cross-entropy (softmax output) or binary-cross-entropy (sigmoid output)")
		eta := fs.Float64("eta", 0.5, "learning rate η of the update")
		digits := fs.Int("digits", 6, "significant digits of the numbers")
		format := fs.String("format", "text", "output format: text or markdown")
		all := fs.Bool("all", false, "print every entry of long vectors and layers")
		model := fs.String("model", "", "a saved model (nn train -o file.json) to explain instead of the §9 network; needs -x and -y")
		return func(_ context.Context, args []string, stdout, _ io.Writer) error {
			if err := noArgs(args); err != nil {
				return err
			}
			if *format != "text" && *format != "markdown" {
				return usageError("-format %q: want text or markdown", *format)
			}
			if *digits < 1 || *digits > 17 {
				return usageError("-digits %d: want 1 … 17", *digits)
			}
			loss, err := lossByName(*lossName)
			if err != nil {
				return usageError("%v", err)
			}
			net, xs, ys := nn.WorkedExample()
			var m *nn.Model
			if *model != "" {
				if *x == "" || *y == "" {
					return usageError("-model needs the sample: -x and -y")
				}
				if m, err = loadModel(*model); err != nil {
					return err
				}
				net = m.Net
				set := false
				fs.Visit(func(f *flag.Flag) { set = set || f.Name == "loss" })
				if !set {
					loss = modelLoss(net)
				}
			}
			if *x != "" {
				if xs, err = parseVector("-x", *x, net.Sizes[0], "input"); err != nil {
					return err
				}
			}
			if *y != "" {
				if ys, err = parseTarget(*y, net.Sizes[net.L()], m); err != nil {
					return err
				}
			}
			if !(*eta >= 0) || math.IsInf(*eta, 0) {
				return usageError("-eta %v: want a finite η ≥ 0", *eta)
			}
			switch out := net.Act[net.L()]; loss.(type) {
			case nn.CrossEntropy:
				if _, ok := out.(nn.Softmax); !ok {
					return usageError("-loss cross-entropy needs a softmax output layer; this network's is %s (try -loss mse)", out)
				}
			case nn.BinaryCrossEntropy:
				if _, ok := out.(nn.Sigmoid); !ok {
					return usageError("-loss binary-cross-entropy needs a sigmoid output layer; this network's is %s (try -loss mse)", out)
				}
			}
			raw := xs
			if m != nil && m.Scaler != nil {
				// The network sees standardized inputs.
				xs = m.Scaler.Transform(nn.FromRows([][]float64{xs})).Row(0)
			}
			tr, err := net.Trace(xs, ys, loss, *eta)
			if err != nil {
				return err
			}
			e := &explainer{w: stdout, md: *format == "markdown", digits: *digits, all: *all}
			if m != nil {
				e.model = fmt.Sprintf("model %s, trained on %s", *model, m.Record.Data)
				if m.Scaler != nil {
					e.model += "; x = " + e.vec(raw) + " standardized by the model's (x − μ)/σ"
				}
			}
			return e.write(net, tr)
		}
	},
}

// lossByName returns the loss a flag names.
func lossByName(name string) (nn.Loss, error) {
	switch name {
	case "mse":
		return nn.MSE{}, nil
	case "cross-entropy":
		return nn.CrossEntropy{}, nil
	case "binary-cross-entropy":
		return nn.BinaryCrossEntropy{}, nil
	}
	return nil, fmt.Errorf("-loss %q: want mse, cross-entropy or binary-cross-entropy", name)
}

// parseVector parses a comma-separated flag value of n finite numbers.
func parseVector(flagName, s string, n int, what string) ([]float64, error) {
	fields := strings.Split(s, ",")
	if len(fields) != n {
		return nil, usageError("%s has %s but the network has %s", flagName, count(len(fields), "value"), count(n, what))
	}
	v := make([]float64, n)
	for i, f := range fields {
		x, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, usageError("%s: value %d, %q, is not a finite number", flagName, i+1, f)
		}
		v[i] = x
	}
	return v, nil
}

// explainer writes a trace as text or Markdown.
type explainer struct {
	w      io.Writer
	md     bool
	digits int
	all    bool
	fresh  bool   // just after a heading
	model  string // where the network came from, if not the §9 example
	err    error
}

// showMax is how many entries of a vector, or rows of a layer's table, are
// printed without -all.
const showMax = 10

func (e *explainer) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}

// num formats one number with the chosen significant digits.
func (e *explainer) num(v float64) string {
	if v == 0 {
		v = 0 // no −0
	}
	return strings.ReplaceAll(strconv.FormatFloat(v, 'g', e.digits, 64), "-", "−")
}

// vec formats a vector, cut short after showMax entries unless -all.
func (e *explainer) vec(v []float64) string {
	var s []string
	for i, x := range v {
		if i == showMax && !e.all {
			s = append(s, fmt.Sprintf("… %d more", len(v)-showMax))
			break
		}
		s = append(s, e.num(x))
	}
	return "[" + strings.Join(s, ", ") + "]"
}

// mat formats a matrix row by row.
func (e *explainer) mat(M *nn.Matrix) string {
	var rows []string
	for i := range M.Rows {
		if i == showMax && !e.all {
			rows = append(rows, fmt.Sprintf("… %d more rows", M.Rows-showMax))
			break
		}
		rows = append(rows, e.vec(M.Row(i)))
	}
	return "[" + strings.Join(rows, ", ") + "]"
}

// heading starts a numbered step.
func (e *explainer) heading(s string) {
	if e.md {
		e.printf("\n### %s\n\n", s)
	} else {
		e.printf("\n%s\n", s)
	}
	e.fresh = true
}

// eq writes one equation line with its numbers.
func (e *explainer) eq(format string, args ...any) {
	s := fmt.Sprintf(format, args...)
	e.fresh = false
	if e.md {
		e.printf("- `%s`\n", s)
	} else {
		e.printf("    %s\n", s)
	}
}

// sub writes a sub-heading (a layer).
func (e *explainer) sub(format string, args ...any) {
	s := fmt.Sprintf(format, args...)
	if e.md {
		if !e.fresh {
			e.printf("\n")
		}
		e.printf("%s:\n\n", s)
	} else {
		e.printf("  %s\n", s)
	}
}

// table writes a table with a header.
func (e *explainer) table(header []string, rows [][]string) {
	if e.md {
		e.printf("| %s |\n| --- |%s\n", strings.Join(header, " | "), strings.Repeat(" ---: |", len(header)-1))
		for _, r := range rows {
			e.printf("| %s |\n", strings.Join(r, " | "))
		}
		return
	}
	width := make([]int, len(header))
	for _, r := range append([][]string{header}, rows...) {
		for i, c := range r {
			width[i] = max(width[i], len([]rune(c)))
		}
	}
	line := func(r []string) {
		var b strings.Builder
		b.WriteString("   ")
		for i, c := range r {
			b.WriteString(" ")
			if i > 0 {
				b.WriteString(strings.Repeat(" ", width[i]-len([]rune(c))) + c) // numbers right-aligned
			} else {
				b.WriteString(c + strings.Repeat(" ", width[i]-len([]rune(c))))
			}
			if i < len(r)-1 {
				b.WriteString(" ")
			}
		}
		e.printf("%s\n", strings.TrimRight(b.String(), " "))
	}
	line(header)
	for _, r := range rows {
		line(r)
	}
}

// lossFormula is the formula of a loss, as the notes write it.
func lossFormula(l nn.Loss) string {
	switch l.(type) {
	case nn.MSE:
		return "L = ½ ‖a^L − y‖²"
	case nn.CrossEntropy:
		return "L = −Σ_k y_k log a^L_k"
	case nn.BinaryCrossEntropy:
		return "L = −Σ_k [y_k log a^L_k + (1 − y_k) log(1 − a^L_k)]"
	}
	return "L(a^L, y)"
}

// actNames lists the activations of layers 1 … L.
func actNames(net *nn.MLP) string {
	var s []string
	for _, f := range net.Act[1:] {
		s = append(s, f.String())
	}
	return strings.Join(s, ", ")
}

// paramRow is one parameter in the gradient and update tables.
type paramRow struct {
	name                    string
	value, grad, num, after float64
}

// paramRows lists the parameters of layer l with their gradients.
func paramRows(net *nn.MLP, tr *nn.Trace, l int) []paramRow {
	var rows []paramRow
	W, G, N, A := net.W[l], tr.Grads.W[l], tr.Numerical.W[l], tr.After.W[l]
	for j := range W.Rows {
		for k := range W.Cols {
			rows = append(rows, paramRow{fmt.Sprintf("W^%d[%d,%d]", l, j+1, k+1), W.At(j, k), G.At(j, k), N.At(j, k), A.At(j, k)})
		}
	}
	for j := range net.B[l] {
		rows = append(rows, paramRow{fmt.Sprintf("b^%d[%d]", l, j+1), net.B[l][j], tr.Grads.B[l][j], tr.Numerical.B[l][j], tr.After.B[l][j]})
	}
	if p, ok := net.Act[l].(*nn.PReLU); ok {
		rows = append(rows, paramRow{fmt.Sprintf("α^%d", l), p.Alpha[0], tr.Grads.Alpha[l][0], tr.Numerical.Alpha[l][0], tr.After.Act[l].(*nn.PReLU).Alpha[0]})
	}
	return rows
}

// write prints the trace.
func (e *explainer) write(net *nn.MLP, tr *nn.Trace) error {
	L := net.L()
	if e.md {
		e.printf("## One step of backpropagation (notes §5, §9, §10)\n\n")
		e.printf("Network %s (%s), loss %v, η = %s. Sample x = `%s`, y = `%s`.\n",
			sizesString(net.Sizes), actNames(net), tr.Loss, e.num(tr.Eta), e.vec(tr.X), e.vec(tr.Y))
	} else {
		e.printf("One step of backpropagation (notes §5, §9, §10)\n")
		e.printf("network %s (%s), loss %v, η = %s\n", sizesString(net.Sizes), actNames(net), tr.Loss, e.num(tr.Eta))
		e.printf("x = a^0 = %s   y = %s\n", e.vec(tr.X), e.vec(tr.Y))
	}
	if e.model != "" {
		if e.md {
			e.printf("\n")
		}
		e.printf("%s\n", e.model)
	}

	e.heading("1. Forward pass: z^l = W^l a^{l−1} + b^l,  a^l = f(z^l)")
	for l := 1; l <= L; l++ {
		e.sub("layer %d (%v)", l, net.Act[l])
		e.eq("W^%d = %s", l, e.mat(net.W[l]))
		e.eq("b^%d = %s", l, e.vec(net.B[l]))
		e.eq("z^%d = W^%d a^%d + b^%d = %s", l, l, l-1, l, e.vec(tr.Z[l]))
		res := ""
		if net.Residual != nil && net.Residual[l] {
			res = fmt.Sprintf(" + a^%d", l-1)
		}
		e.eq("a^%d = %v(z^%d)%s = %s", l, net.Act[l], l, res, e.vec(tr.A[l]))
	}

	e.heading("2. Loss: " + lossFormula(tr.Loss))
	e.eq("L = %s", e.num(tr.Cost))

	e.heading(fmt.Sprintf("3. Output error: δ^%d = %s", L, tr.DeltaRule))
	e.eq("∇_a L = %s", e.vec(tr.GradA[L]))
	if tr.FPrime[L] != nil {
		e.eq("f′(z^%d) = %s", L, e.vec(tr.FPrime[L]))
	}
	e.eq("δ^%d = %s", L, e.vec(tr.Delta[L]))

	if L > 1 {
		e.heading("4. Backward pass: δ^l = ((W^{l+1})ᵀ δ^{l+1}) ⊙ f′(z^l)")
		for l := L - 1; l >= 1; l-- {
			e.sub("layer %d", l)
			res := ""
			if net.Residual != nil && net.Residual[l+1] {
				res = fmt.Sprintf(" + ∂L/∂a^%d", l+1)
			}
			e.eq("∂L/∂a^%d = (W^%d)ᵀ δ^%d%s = %s", l, l+1, l+1, res, e.vec(tr.GradA[l]))
			e.eq("f′(z^%d) = %s", l, e.vec(tr.FPrime[l]))
			e.eq("δ^%d = ∂L/∂a^%d ⊙ f′(z^%d) = %s", l, l, l, e.vec(tr.Delta[l]))
		}
	}

	e.heading(fmt.Sprintf("5. Gradients: ∂L/∂W^l = δ^l (a^{l−1})ᵀ,  ∂L/∂b^l = δ^l, beside central differences (h = %g)", nn.TraceH))
	var grows, urows [][]string
	worst := 0.0
	for l := L; l >= 1; l-- {
		rows := paramRows(net, tr, l)
		for i, r := range rows {
			worst = max(worst, math.Abs(r.grad-r.num)/max(math.Abs(r.grad), math.Abs(r.num), 1e-8))
			if i == showMax && !e.all {
				more := fmt.Sprintf("… %d more of layer %d", len(rows)-showMax, l)
				grows = append(grows, []string{more, "", "", ""})
				urows = append(urows, []string{more, "", "", ""})
				break
			}
			grows = append(grows, []string{"∂L/∂" + r.name, e.num(r.grad), e.num(r.num), diffString(r.grad - r.num)})
			urows = append(urows, []string{r.name, e.num(r.value), e.num(r.after), e.num(r.after - r.value)})
		}
	}
	e.table([]string{"gradient", "backprop", "central difference", "difference"}, grows)
	if e.md {
		e.printf("\n")
	}
	e.eq("largest relative difference %s", diffString(worst))

	e.heading(fmt.Sprintf("6. Update: θ ← θ − η ∂L/∂θ with η = %s", e.num(tr.Eta)))
	e.table([]string{"parameter", "before", "after", "change"}, urows)
	if e.md {
		e.printf("\n")
	}
	e.eq("loss after the update: L = %s (before: %s, change %s)", e.num(tr.CostAfter), e.num(tr.Cost), e.num(tr.CostAfter-tr.Cost))
	return e.err
}

// diffString formats a difference of two gradients: 0, or two digits and
// the exponent.
func diffString(d float64) string {
	if d == 0 {
		return "0"
	}
	return strings.ReplaceAll(fmt.Sprintf("%.1e", d), "-", "−")
}

// modelLoss is the loss explain uses for a saved model unless -loss says
// otherwise: cross-entropy for a softmax output, binary cross-entropy for a
// sigmoid one, squared error for the rest.
func modelLoss(net *nn.MLP) nn.Loss {
	switch net.Act[net.L()].(type) {
	case nn.Softmax:
		return nn.CrossEntropy{}
	case nn.Sigmoid:
		return nn.BinaryCrossEntropy{}
	}
	return nn.MSE{}
}

// parseTarget parses -y: n numbers, or for a classifier with n > 1 outputs
// one class, by its name or its index, which becomes the one-hot vector.
func parseTarget(s string, n int, m *nn.Model) ([]float64, error) {
	if m != nil && m.Classifier() && n > 1 && !strings.Contains(s, ",") {
		for k, name := range m.ClassNames {
			if s == name || s == strconv.Itoa(k) {
				y := make([]float64, n)
				y[k] = 1
				return y, nil
			}
		}
		return nil, usageError("-y %q is none of the model's %d classes %s, nor a class index 0 … %d", s, n, strings.Join(m.ClassNames, ", "), n-1)
	}
	return parseVector("-y", s, n, "output")
}

// count writes n things, in the plural unless n is 1: "1 input", "3 inputs".
func count(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}
