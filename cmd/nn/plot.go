package main

// nn plot: draw one section of the notes as an SVG picture (figures.go makes
// the figures).

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"path/filepath"
	"slices"
	"strings"

	"example.com/nn"
	"example.com/nn/cmd/nn/internal/plot"
)

var cmdPlot = &command{
	Name:      "plot",
	UsageLine: "plot <activations|boundary|perceptron|approx|sawtooth|gradflow|loss> [-o file.svg] [-data moons] [-seed 1]",
	Short:     "draw a section of the notes as an SVG picture",
	Long: `
Plot draws one section of the notes as an SVG file, which any browser opens:

	activations  §2: each activation f and its derivative f′ on [−5, 5]
	boundary     §3, §8: the decision regions of a small network trained on
	             the spot on a 2-D data set (-data moons, circles, spirals
	             or xor), with the data points
	perceptron   §1, §8: a perceptron's line on a separable set, and its
	             failure on XOR
	approx       §12: f and the sum of N steep sigmoids for N = 5, 20, 80,
	             and the sup error against N on log-log axes with its slope
	sawtooth     §13: the deep network's 2ᵏ linear pieces beside the shallow
	             one, and the units each needs
	gradflow     §11: the gradient norm of every layer of a 10-layer network,
	             for sigmoid, ReLU with He initialization, residual
	             connections and batch normalization
	loss         §6, §7: training and validation loss per epoch of a saved
	             model (-model file.json, from nn train -o), or of a small
	             network trained on the spot; a dashed line marks the epoch
	             whose weights were kept (early stopping), and a last epoch
	             cut short by Ctrl-C is drawn as the part of it that ran

The picture goes to -o (default <name>.svg; "-" writes it to stdout).
Everything random is drawn from -seed, so a plot can be made again.

Example:

	nn plot boundary -data spirals -o spirals.svg
`,
	Flags: func(fs *flag.FlagSet) func(context.Context, []string, io.Writer, io.Writer) error {
		out := fs.String("o", "", "output file (default <name>.svg; - for stdout)")
		data := fs.String("data", "moons", "data set of the boundary plot: moons, circles, spirals or xor")
		seed := fs.Uint64("seed", 1, "seed of the data and the initial weights")
		model := fs.String("model", "", "the loss plot: a saved model whose training history to draw")
		return func(ctx context.Context, args []string, stdout, _ io.Writer) error {
			if len(args) > 1 { // flags after the name: nn plot boundary -data spirals
				if err := fs.Parse(args[1:]); err != nil {
					if errors.Is(err, flag.ErrHelp) {
						return errHelp // runCommand prints the page
					}
					return usageError("%v", err)
				}
				args = append(args[:1], fs.Args()...)
			}
			if len(args) > 1 {
				return usageError("unexpected argument %q after the plot name %s", args[1], args[0])
			}
			if len(args) != 1 {
				return usageError("want one plot name: %s", names(plotMakers))
			}
			name := args[0]
			if _, ok := plotMakers[name]; !ok {
				return usageError("unknown plot %q; the plots are %s", name, names(plotMakers))
			}
			if _, ok := toyData[*data]; !ok {
				return usageError("-data %q: the data sets are %s", *data, names(toyData))
			}
			if err := checkPlotFlags(name, flagsGiven(fs)); err != nil {
				return err
			}
			fig, err := plotMakers[name](plotOptions{data: *data, seed: *seed, model: *model})
			if err != nil {
				return err
			}
			path := *out
			if path != "-" && path != "" && !strings.EqualFold(filepath.Ext(path), ".svg") {
				return usageError("-o %s: nn plot writes SVG; give a name ending in .svg (rsvg-convert -o %s makes a PNG of it)", path, strings.TrimSuffix(path, filepath.Ext(path))+".png")
			}
			if path == "-" {
				return fig.WriteSVG(stdout)
			}
			if path == "" {
				path = name + ".svg"
			}
			if err := nn.WriteFileAtomic(path, fig.WriteSVG); err != nil {
				return writeError(path, err)
			}
			fmt.Fprintf(stdout, "wrote %s\n", path)
			return nil
		}
	},
}

// plotOptions are the settings a plot may use.
type plotOptions struct {
	data  string
	seed  uint64
	model string // a saved model file, for the loss plot
}

// plotFlags names, for each flag besides -o, the plots that use it.
var plotFlags = map[string][]string{
	"data":  {"boundary"},
	"seed":  {"boundary", "perceptron", "gradflow", "loss"},
	"model": {"loss"},
}

// checkPlotFlags refuses a flag that the plot name does not use (it would
// be dropped without a word): -data but for the boundary plot, -model but
// for the loss plot, -seed for a plot with nothing random (and for the loss
// plot of a saved model).
func checkPlotFlags(name string, given map[string]bool) error {
	for _, f := range []string{"data", "model", "seed"} {
		if given[f] && !slices.Contains(plotFlags[f], name) {
			return usageError("-%s is for the %s plot%s, not %s", f, strings.Join(plotFlags[f], ", "), plural(len(plotFlags[f])), name)
		}
	}
	if given["model"] && given["seed"] {
		return usageError("-seed is for the loss plot of a network trained on the spot, not of a saved model (-model)")
	}
	return nil
}

// plural is "s" unless n is 1.
func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// plotMakers builds each plot of "nn plot".
var plotMakers = map[string]func(plotOptions) (*plot.Figure, error){
	"activations": func(plotOptions) (*plot.Figure, error) { return plotActivations(), nil },
	"boundary": func(o plotOptions) (*plot.Figure, error) {
		f, _, err := plotBoundary(o.data, o.seed)
		return f, err
	},
	"perceptron": func(o plotOptions) (*plot.Figure, error) { return plotPerceptron(o.seed) },
	"approx":     func(plotOptions) (*plot.Figure, error) { return plotApprox() },
	"sawtooth":   func(plotOptions) (*plot.Figure, error) { return plotSawtooth(), nil },
	"gradflow":   func(o plotOptions) (*plot.Figure, error) { return plotGradflow(o.seed) },
	"loss": func(o plotOptions) (*plot.Figure, error) {
		if o.model != "" {
			m, err := loadModel(o.model)
			if err != nil {
				return nil, err
			}
			return modelLossFigure(filepath.Base(o.model)+", ", o.model, m)
		}
		return plotLossDemo(o.seed)
	},
}

// names lists the keys of m in order, comma-separated.
func names[V any](m map[string]V) string {
	return strings.Join(slices.Sorted(maps.Keys(m)), ", ")
}
