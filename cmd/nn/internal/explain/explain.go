// Package explain writes one step of backpropagation, an nn.Trace, as text
// or Markdown, in the order and notation of the notes (§5, §9, §10): the
// forward pass, the loss, the output error, the backward pass, the gradients
// beside their central differences, and the update. It is what
// "nn explain" prints, for any program that wants the same page.
package explain

import (
	"fmt"
	"io"
	"math"
	"strings"

	"example.com/nn"
	"example.com/nn/cmd/nn/internal/format"
)

// Options say how Write prints a trace.
type Options struct {
	Markdown bool // Markdown headings, lists and tables, for pasting into a report; plain text otherwise
	Digits   int  // significant digits of the numbers, 1 … 17; 0 means 6
	All      bool // every entry of long vectors and layers; otherwise the first ShowMax

	// Source, if not empty, is a line saying where the network came from
	// ("model iris.json, trained on iris"), printed under the first lines.
	Source string
	// RawX, if not nil, is the sample as given before the standardization
	// that made the trace's x: printed after Source.
	RawX []float64
}

// ShowMax is how many entries of a vector, or rows of a layer's table, are
// printed unless Options.All.
const ShowMax = 10

// Write prints the trace tr of one step of net (the network before the step)
// to w. It returns the first error of writing to w.
func Write(w io.Writer, net *nn.MLP, tr *nn.Trace, opt Options) error {
	if opt.Digits == 0 {
		opt.Digits = 6
	}
	e := &explainer{w: w, md: opt.Markdown, Numbers: Numbers{Digits: opt.Digits, All: opt.All}}
	e.header(net, tr, opt)
	e.forward(net, tr)
	e.heading("2. Loss: " + LossFormula(tr.Loss))
	e.eq("L = %s", e.Num(tr.Cost))
	e.output(net, tr)
	e.backward(net, tr)
	urows := e.gradients(net, tr)
	e.update(tr, urows)
	return e.err
}

// Model traces one step of the saved model m on the sample x, y and writes
// it as "nn explain -model" does: x is given as in the data and goes through
// the model's standardization first, and the page says that the network is
// the model name, trained on m.Record.Data. It returns the trace's error (a
// network with batch normalization has no one-sample trace) or the first
// error of writing to w. Like [nn.MLP.Trace], it panics if x or y does not
// fit the network.
func Model(w io.Writer, m *nn.Model, name string, x, y []float64, loss nn.Loss, eta float64, opt Options) error {
	xs := x
	if m.Scaler != nil {
		// The network sees standardized inputs.
		xs = m.Scaler.Transform(nn.FromRows([][]float64{x})).Row(0)
		opt.RawX = x
	}
	tr, err := m.Net.Trace(xs, y, loss, eta)
	if err != nil {
		return err
	}
	opt.Source = fmt.Sprintf("model %s, trained on %s", name, m.Record.Data)
	return Write(w, m.Net, tr, opt)
}

// LossFor is the loss the output layer of net suggests: cross-entropy for a
// softmax output, binary cross-entropy for a sigmoid one, squared error for
// the rest.
func LossFor(net *nn.MLP) nn.Loss {
	switch net.Act[net.L()].(type) {
	case nn.Softmax:
		return nn.CrossEntropy{}
	case nn.Sigmoid:
		return nn.BinaryCrossEntropy{}
	}
	return nn.MSE{}
}

// LossFormula is the formula of a loss, as the notes write it.
func LossFormula(l nn.Loss) string {
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

// Numbers formats the numbers of a trace: Digits significant digits, and
// vectors and matrices cut short after ShowMax entries unless All.
type Numbers struct {
	Digits int
	All    bool
}

// Num formats one number.
func (f Numbers) Num(v float64) string { return format.Num(v, f.Digits) }

// Vec formats a vector, "[1, −0.5]", cut short after ShowMax entries unless All.
func (f Numbers) Vec(v []float64) string {
	var s []string
	for i, x := range v {
		if i == ShowMax && !f.All {
			s = append(s, fmt.Sprintf("… %d more", len(v)-ShowMax))
			break
		}
		s = append(s, f.Num(x))
	}
	return "[" + strings.Join(s, ", ") + "]"
}

// Mat formats a matrix row by row, "[[1, 2], [3, 4]]".
func (f Numbers) Mat(M *nn.Matrix) string {
	var rows []string
	for i := range M.Rows {
		if i == ShowMax && !f.All {
			rows = append(rows, fmt.Sprintf("… %d more rows", M.Rows-ShowMax))
			break
		}
		rows = append(rows, f.Vec(M.Row(i)))
	}
	return "[" + strings.Join(rows, ", ") + "]"
}

// explainer writes a trace as text or Markdown.
type explainer struct {
	Numbers
	w     io.Writer
	md    bool
	fresh bool // just after a heading
	err   error
}

func (e *explainer) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}

// header writes the first lines: the network, the loss, η and the sample.
func (e *explainer) header(net *nn.MLP, tr *nn.Trace, opt Options) {
	if e.md {
		e.printf("## One step of backpropagation (notes §5, §9, §10)\n\n")
		e.printf("Network %s (%s), loss %v, η = %s. Sample x = `%s`, y = `%s`.\n",
			format.Sizes(net.Sizes), actNames(net), tr.Loss, e.Num(tr.Eta), e.Vec(tr.X), e.Vec(tr.Y))
	} else {
		e.printf("One step of backpropagation (notes §5, §9, §10)\n")
		e.printf("network %s (%s), loss %v, η = %s\n", format.Sizes(net.Sizes), actNames(net), tr.Loss, e.Num(tr.Eta))
		e.printf("x = a^0 = %s   y = %s\n", e.Vec(tr.X), e.Vec(tr.Y))
	}
	source := opt.Source
	if opt.RawX != nil {
		source += "; x = " + e.Vec(opt.RawX) + " standardized by the model's (x − μ)/σ"
		source = strings.TrimPrefix(source, "; ")
	}
	if source != "" {
		if e.md {
			e.printf("\n")
		}
		e.printf("%s\n", source)
	}
}

// forward writes step 1, the forward pass.
func (e *explainer) forward(net *nn.MLP, tr *nn.Trace) {
	e.heading("1. Forward pass: z^l = W^l a^{l−1} + b^l,  a^l = f(z^l)")
	for l := 1; l <= net.L(); l++ {
		e.sub("layer %d (%v)", l, net.Act[l])
		e.eq("W^%d = %s", l, e.Mat(net.W[l]))
		e.eq("b^%d = %s", l, e.Vec(net.B[l]))
		e.eq("z^%d = W^%d a^%d + b^%d = %s", l, l, l-1, l, e.Vec(tr.Z[l]))
		res := ""
		if net.Residual != nil && net.Residual[l] {
			res = fmt.Sprintf(" + a^%d", l-1)
		}
		e.eq("a^%d = %v(z^%d)%s = %s", l, net.Act[l], l, res, e.Vec(tr.A[l]))
	}
}

// output writes step 3, the output error.
func (e *explainer) output(net *nn.MLP, tr *nn.Trace) {
	L := net.L()
	e.heading(fmt.Sprintf("3. Output error: δ^%d = %s", L, tr.DeltaRule))
	e.eq("∇_a L = %s", e.Vec(tr.GradA[L]))
	if tr.FPrime[L] != nil {
		e.eq("f′(z^%d) = %s", L, e.Vec(tr.FPrime[L]))
	}
	e.eq("δ^%d = %s", L, e.Vec(tr.Delta[L]))
}

// backward writes step 4, the backward pass, for a network with hidden layers.
func (e *explainer) backward(net *nn.MLP, tr *nn.Trace) {
	L := net.L()
	if L == 1 {
		return
	}
	e.heading("4. Backward pass: δ^l = ((W^{l+1})ᵀ δ^{l+1}) ⊙ f′(z^l)")
	for l := L - 1; l >= 1; l-- {
		e.sub("layer %d", l)
		res := ""
		if net.Residual != nil && net.Residual[l+1] {
			res = fmt.Sprintf(" + ∂L/∂a^%d", l+1)
		}
		e.eq("∂L/∂a^%d = (W^%d)ᵀ δ^%d%s = %s", l, l+1, l+1, res, e.Vec(tr.GradA[l]))
		e.eq("f′(z^%d) = %s", l, e.Vec(tr.FPrime[l]))
		e.eq("δ^%d = ∂L/∂a^%d ⊙ f′(z^%d) = %s", l, l, l, e.Vec(tr.Delta[l]))
	}
}

// gradients writes step 5, each gradient beside its central difference,
// and returns the rows of step 6's table, cut short alike.
func (e *explainer) gradients(net *nn.MLP, tr *nn.Trace) (urows [][]string) {
	e.heading(fmt.Sprintf("5. Gradients: ∂L/∂W^l = δ^l (a^{l−1})ᵀ,  ∂L/∂b^l = δ^l, beside central differences (h = %g)", nn.TraceH))
	var grows [][]string
	worst := 0.0
	for l := net.L(); l >= 1; l-- {
		rows := paramRows(net, tr, l)
		for i, r := range rows {
			worst = max(worst, math.Abs(r.grad-r.num)/max(math.Abs(r.grad), math.Abs(r.num), 1e-8))
			if i == ShowMax && !e.All {
				more := fmt.Sprintf("… %d more of layer %d", len(rows)-ShowMax, l)
				grows = append(grows, []string{more, "", "", ""})
				urows = append(urows, []string{more, "", "", ""})
				break
			}
			grows = append(grows, []string{"∂L/∂" + r.name, e.Num(r.grad), e.Num(r.num), format.Diff(r.grad - r.num)})
			urows = append(urows, []string{r.name, e.Num(r.value), e.Num(r.after), e.Num(r.after - r.value)})
		}
	}
	e.table([]string{"gradient", "backprop", "central difference", "difference"}, grows)
	if e.md {
		e.printf("\n")
	}
	e.eq("largest relative difference %s", format.Diff(worst))
	return urows
}

// update writes step 6, the parameters before and after the step, and the
// loss after it.
func (e *explainer) update(tr *nn.Trace, urows [][]string) {
	e.heading(fmt.Sprintf("6. Update: θ ← θ − η ∂L/∂θ with η = %s", e.Num(tr.Eta)))
	e.table([]string{"parameter", "before", "after", "change"}, urows)
	if e.md {
		e.printf("\n")
	}
	e.eq("loss after the update: L = %s (before: %s, change %s)", e.Num(tr.CostAfter), e.Num(tr.Cost), e.Num(tr.CostAfter-tr.Cost))
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

// table writes a table with a header: numbers right-aligned in text, a
// pipe table in Markdown.
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
