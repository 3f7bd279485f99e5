package main

// nn explain: one step of backpropagation on one sample, every number
// printed (package explain writes the page).

import (
	"context"
	"errors"
	"flag"
	"io"
	"math"
	"strconv"
	"strings"

	"example.com/nn"
	"example.com/nn/cmd/nn/internal/explain"
	"example.com/nn/cmd/nn/internal/format"
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
pass δ^l = ((W^{l+1})ᵀ δ^{l+1}) ⊙ f′(z^l); the gradients
∂L/∂W^l = δ^l (a^{l−1})ᵀ and ∂L/∂b^l = δ^l, each beside its central
difference and the difference of the two, so the trace checks itself; the
parameters after the update θ ← θ − η ∂L/∂θ; and the loss after it.

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
		outFormat := fs.String("format", "text", "output format: text or markdown")
		all := fs.Bool("all", false, "print every entry of long vectors and layers")
		model := fs.String("model", "", "a saved model (nn train -o file.json) to explain instead of the §9 network; needs -x and -y")
		return func(_ context.Context, args []string, stdout, _ io.Writer) error {
			if err := noArgs(args); err != nil {
				return err
			}
			if *outFormat != "text" && *outFormat != "markdown" {
				return usageError("-format %q: want text or markdown", *outFormat)
			}
			if *digits < 1 || *digits > 17 {
				return usageError("-digits %d: want 1 … 17", *digits)
			}
			loss, err := nn.ParseLoss(*lossName)
			if err != nil {
				return usageError("-%v", err) // -loss "x": want …
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
				if !flagsGiven(fs)["loss"] {
					loss = explain.LossFor(net)
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
			var le *nn.LossError
			if err := nn.CheckLoss(loss, net.Act[net.L()]); errors.As(err, &le) {
				return usageError("-loss %v needs a %v output layer; this network's is %v (try -loss mse)", le.Loss, le.Need, le.Out)
			}
			opt := explain.Options{Markdown: *outFormat == "markdown", Digits: *digits, All: *all}
			if m != nil {
				return explain.Model(stdout, m, *model, xs, ys, loss, *eta, opt)
			}
			tr, err := net.Trace(xs, ys, loss, *eta)
			if err != nil {
				return err
			}
			return explain.Write(stdout, net, tr, opt)
		}
	},
}

// parseVector parses a comma-separated flag value of n finite numbers.
func parseVector(flagName, s string, n int, what string) ([]float64, error) {
	fields := strings.Split(s, ",")
	if len(fields) != n {
		return nil, usageError("%s has %s but the network has %s", flagName, format.Count(len(fields), "value"), format.Count(n, what))
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
