package main

// nn train: train a network on a data set and save the model; runTrain
// loads, builds, trains and saves.

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand/v2"

	"example.com/nn"
	"example.com/nn/cmd/nn/internal/format"
)

var cmdTrain = &command{
	Name:      "train",
	UsageLine: "train -data name|file|dir [-layers 256,128] [-act relu] [-opt adam] [-lr η] [-epochs n] [-o model.json] …",
	Short:     "train a network on a data set and save the model",
	Long: `
Train trains a multi-layer network (notes §3, §5–§7) on a data set and, with
-o, saves the model: the network, the standardization of the inputs, the
class names and a record of the run, in a JSON file that "nn predict" reads.

-data is a name, a file or a directory:

	iris, digits            embedded: they work from any directory
	fashion-mnist, mnist    the IDX files in /usr/share/datasets/<name>
	                        (apt-get install -y dataset-fashion-mnist)
	file.csv[.gz]           numbers, one sample a line, the class in the
	                        last column (-header, -label N or NAME, -sep; -targets
	                        for regression; -skip, -drop and -decimal-comma for the
	                        files people have; -classes when numbers that look
	                        measured are classes)
	a directory             IDX files named as MNIST's (train-images-idx3-ubyte.gz, …)

The inputs are standardized with the mean and deviation of the training
samples: each feature with its own, the pixels of images all with the same
(a border pixel that is almost always 0 would be scaled up by its tiny
deviation). A classifier ends in a softmax layer trained on the cross-entropy,
a regression (-targets) in an identity layer trained on the squared error.
Data sets without a test set of their own are split: -test of each class is
held out for testing (always the same samples for the same fraction), and
-val of the rest for validation after every epoch.

The results go to standard output: first the command with every setting,
including those chosen for the data set (so that a run can be repeated from
its log) and the sizes of the data, at the end the test accuracy and the
confusion matrix (for regression, the error of each target) and where the
model and the plot went. The progress goes to standard error: a line redrawn
in place on a terminal, one line per epoch otherwise; errors go there too.
Ctrl-C stops after the current step; with -o the best weights so far (lowest
validation loss) are saved. A run whose loss becomes NaN or infinite says so
and saves nothing.

Example:

	nn train -data digits -o digits.json
	nn train -data fashion-mnist -layers 256,128 -epochs 10 -o fashion.json
`,
	Flags:          trainFlags,
	CatchInterrupt: true,
}

// trainSettings are the flags of nn train, as given: those that default per
// data set are zero (or "") when not given. The plan made of them
// (trainSettings.plan) holds the values used.
type trainSettings struct {
	data, layers, act, opt, schedule, test, out, plot string
	lr, l2, dropout, clip, val                        float64
	batch, epochs, patience                           int
	seed                                              uint64
	batchnorm, classes                                bool
	csv                                               csvFlags // -header, -label, -targets, -sep, …
	given                                             map[string]bool
}

// dataDefaults are the settings that suit a data set.
type dataDefaults struct {
	layers        string
	batch, epochs int
	adamLR        float64 // -lr for adam, adamw and rmsprop
	schedule      string
}

// defaultsFor are the defaults of each kind of data set (dataKind).
var defaultsFor = map[string]dataDefaults{
	"iris":          {"16", 16, 50, 0.01, "constant"},
	"digits":        {"128", 32, 30, 0.003, "constant"},
	"fashion-mnist": {"128", 64, 10, 0.001, "cosine"},
	"mnist":         {"128", 64, 10, 0.001, "cosine"},
	"file":          {"32", 32, 50, 0.003, "constant"},
	"idx":           {"128", 64, 10, 0.001, "cosine"},
}

// trainFlags declares nn train's flags and returns its body.
func trainFlags(fs *flag.FlagSet) func(context.Context, []string, io.Writer, io.Writer) error {
	s := &trainSettings{}
	fs.StringVar(&s.data, "data", "", "the data set: iris, digits, fashion-mnist, mnist, a CSV file or a directory of IDX files (required)")
	fs.StringVar(&s.layers, "layers", "", "sizes of the hidden layers, comma-separated (default per data set: 16 iris, 128 digits, MNIST and IDX directories, 32 CSV files)")
	fs.StringVar(&s.act, "act", "relu", "activation of the hidden layers: relu, leakyrelu, leakyrelu(α), prelu, tanh, sigmoid, identity")
	fs.StringVar(&s.opt, "opt", "adam", "optimizer: sgd, momentum, nesterov, adam, adamw, rmsprop, adagrad")
	fs.Float64Var(&s.lr, "lr", 0, "learning rate η (default 0.05 for sgd, momentum and nesterov, 0.01 for adagrad; for adam, adamw and rmsprop per data set: 0.01 iris, 0.003 digits and CSV files, 0.001 MNIST and IDX directories)")
	fs.StringVar(&s.schedule, "schedule", "", "learning-rate schedule: constant, step (÷10 every third of the epochs), exp (×0.95 an epoch), cosine (half a cosine from η down toward 0, which it reaches one epoch after the last), plateau (÷10 after 3 epochs without a lower validation loss) (default per data set: cosine for MNIST and IDX directories, constant for the others)")
	fs.IntVar(&s.batch, "batch", 0, "samples per mini-batch (default per data set: 16 iris, 32 digits and CSV files, 64 MNIST and IDX directories)")
	fs.IntVar(&s.epochs, "epochs", 0, "passes over the training set (default per data set: 50 iris, 30 digits, 10 MNIST and IDX directories, 50 CSV files)")
	fs.Float64Var(&s.l2, "l2", 0, "λ of the L2 penalty (λ/2)Σ‖W‖²")
	fs.Float64Var(&s.dropout, "dropout", 0, "probability of dropping each hidden unit while training (the notes' keep probability is 1 − this)")
	fs.BoolVar(&s.batchnorm, "batchnorm", false, "batch normalization in every hidden layer")
	fs.Float64Var(&s.clip, "clip", 0, "clip the global gradient norm to this (0: no clipping)")
	fs.Float64Var(&s.val, "val", 0.1, "fraction of the training samples held out for validation, per class (0: none)")
	fs.StringVar(&s.test, "test", "0.2", "fraction held out for testing, per class, or a file of test samples; MNIST data sets have their own test set")
	fs.IntVar(&s.patience, "patience", 0, "stop after this many epochs without a lower validation loss, keeping the best weights (0: never)")
	fs.Uint64Var(&s.seed, "seed", 1, "seed of the initial weights, the validation split, the shuffling and dropout")
	fs.StringVar(&s.out, "o", "", "save the model to this file (JSON)")
	s.csv.declare(fs, false)
	fs.BoolVar(&s.classes, "classes", false, "CSV files: the label column holds classes even if its values look like numbers to predict")
	fs.StringVar(&s.plot, "plot", "", "draw the training and validation loss of every epoch into this SVG file")
	return func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
		if err := noArgs(args); err != nil {
			return err
		}
		s.given = flagsGiven(fs)
		return runTrain(ctx, s, stdout, stderr)
	}
}

// runTrain is nn train: load the data, build the network, train it, and
// save the model.
func runTrain(ctx context.Context, s *trainSettings, stdout, stderr io.Writer) error {
	p, err := s.plan()
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, p.commandLine)
	vectorNote(stderr)
	d, err := p.load(stdout, stderr)
	if err != nil {
		return err
	}
	net, cfg, err := p.build(d)
	if err != nil {
		return err
	}
	r, err := p.train(ctx, net, cfg, d, stderr)
	if err != nil {
		return err
	}
	return p.save(ctx, r, d, stdout)
}

// trainData are the samples of a run: training, validation (nil for none)
// and test, and the standardization fitted to the training samples.
type trainData struct {
	train, val, test *nn.Dataset
	scaler           *nn.Standardizer
}

// load reads the data set, holds out the validation samples, says how many
// of each there are, and fits the batch size and the standardization to
// the training samples.
func (p *trainPlan) load(stdout, stderr io.Writer) (*trainData, error) {
	if p.pixels() {
		fmt.Fprintf(stderr, "reading %s …\n", p.data.name) // some seconds for 60,000 images
	}
	train, test, err := loadData(p.data)
	if err != nil {
		return nil, err
	}
	d := &trainData{train: train, test: test}
	if p.val > 0 {
		n := train.X.Rows
		if d.train, d.val, err = split(train, p.val, p.rng); err != nil {
			var se *nn.SplitError
			if !errors.As(err, &se) {
				return nil, err
			}
			return nil, usageError("-val %v of the %d training samples: %s; try another -val, or -val 0 for none", p.val, n, splitText(se, "validation"))
		}
	}
	fmt.Fprintln(stdout, d.summary(p.data.name))
	if err := p.fitBatch(d.train.X.Rows, stdout); err != nil {
		return nil, err
	}
	d.scaler = nn.FitStandardizer(d.train.X)
	if p.pixels() {
		// Pixels: one mean and deviation for all, since a border pixel that
		// is almost always 0 would otherwise be scaled up by its tiny deviation.
		d.scaler = globalStandardizer(d.train.X)
	}
	return d, nil
}

// summary is the line that says how many samples, features, and classes or
// targets the run has.
func (d *trainData) summary(name string) string {
	what := fmt.Sprintf("%d classes", d.train.Classes)
	if d.train.Regression() {
		what = format.Count(d.train.Y.Cols, "target") + " (regression)"
	}
	nval := 0
	if d.val != nil {
		nval = d.val.X.Rows
	}
	return fmt.Sprintf("%s: %d training, %d validation and %d test samples; %d features, %s",
		name, d.train.X.Rows, nval, d.test.X.Rows, d.train.X.Cols, what)
}

// fitBatch checks the batch size against the n training samples: a default
// larger than n becomes n (batch gradient descent), saying so; a -batch
// larger than n is refused.
func (p *trainPlan) fitBatch(n int, stdout io.Writer) error {
	if p.batch > n && p.batchDefault {
		fmt.Fprintf(stdout, "-batch %d is more than the %d training samples: -batch %d (batch gradient descent)\n", p.batch, n, n)
		p.batch = n
		p.settings["batch"] = fmt.Sprint(p.batch)
	}
	if p.batch > n {
		return usageError("-batch %d is more than the %d training samples", p.batch, n)
	}
	return nil
}

// build makes the network (§3): the hidden layers of the plan, then a
// softmax output trained on the cross-entropy for a classifier, an
// identity output trained on the squared error for regression; and the
// training configuration.
func (p *trainPlan) build(d *trainData) (*nn.MLP, nn.TrainConfig, error) {
	regression := d.train.Regression()
	Y := d.train.Targets()
	sizes := append(append([]int{d.train.X.Cols}, p.hidden...), Y.Cols)
	acts := make([]nn.Activation, 0, len(sizes)-1)
	for range p.hidden {
		acts = append(acts, p.act)
	}
	var loss nn.Loss = nn.CrossEntropy{}
	if regression {
		acts, loss = append(acts, nn.Identity{}), nn.MSE{}
	} else {
		acts = append(acts, nn.Softmax{})
	}
	cfg := nn.TrainConfig{Loss: loss, Optimizer: p.opt, Schedule: p.schedule, BatchSize: p.batch, Epochs: p.epochs,
		L2: p.l2, ClipNorm: p.clip, Patience: p.patience}
	if err := p.checkMemory(sizes, d); err != nil {
		return nil, cfg, err
	}
	net, err := nn.New(sizes, acts, p.init, rand.New(rand.NewPCG(p.seed, 2)))
	if err != nil {
		return nil, cfg, err
	}
	if regression {
		// Start the output at the mean target, so that training learns
		// the variation, not first the offset (the targets are not
		// standardized: the model predicts them as they are).
		for k := range Y.Cols {
			mean := 0.0
			for i := range Y.Rows {
				mean += Y.At(i, k) / float64(Y.Rows)
			}
			net.B[net.L()][k] = mean
		}
	}
	for l := 1; l < net.L(); l++ {
		if p.batchnorm {
			if err := net.SetBatchNorm(l); err != nil {
				return nil, cfg, err
			}
		}
		if p.keep < 1 {
			if err := net.SetDropout(l, p.keep); err != nil {
				return nil, cfg, err
			}
		}
	}
	if d.val != nil {
		cfg.ValX, cfg.ValY = d.scaler.Transform(d.val.X), d.val.Targets()
	}
	return net, cfg, nil
}

// checkMemory refuses, before any allocation, a network whose training
// needs more memory than the machine has available.
func (p *trainPlan) checkMemory(sizes []int, d *trainData) error {
	nval := 0
	if d.val != nil {
		nval = d.val.X.Rows
	}
	need, have := trainingBytes(sizes, p.batch, nval), availableMemory()
	if have == 0 || need <= have {
		return nil
	}
	params := 0
	for l := 1; l < len(sizes); l++ {
		params += sizes[l] * (sizes[l-1] + 1)
	}
	return usageError("-layers %s: a %s network has %d parameters; training it takes about %s of memory, and this machine has %s available; try smaller layers",
		p.layers, format.Sizes(sizes), params, bytesText(need), bytesText(have))
}

// trainResult is how training ended: the weights to keep, the history, and
// a note on an interrupted or early-stopped run ("" for none).
type trainResult struct {
	net  *nn.MLP
	h    nn.History
	note string
}

// train trains net, drawing the progress on stderr. It keeps the weights
// with the lowest validation loss so far (without validation, those of the
// last epoch), which an interrupted run keeps; a run that diverged is an
// error.
func (p *trainPlan) train(ctx context.Context, net *nn.MLP, cfg nn.TrainConfig, d *trainData, stderr io.Writer) (*trainResult, error) {
	X, Y := d.scaler.Transform(d.train.X), d.train.Targets()
	var best *nn.MLP
	bestEpoch, bestLoss := 0, math.Inf(1)
	prog := newProgress(stderr, p.epochs, X.Rows, p.batch)
	cfg.OnStep = prog.step
	cfg.Progress = func(e nn.EpochStats) {
		prog.epoch(e, d.train.Regression())
		if d.val == nil || e.ValLoss < bestLoss {
			best, bestEpoch, bestLoss = net.Clone(), e.Epoch, e.ValLoss
		}
	}
	cfg.Stop = func() bool { return ctx.Err() != nil }
	if ctx.Err() != nil {
		return nil, errors.New("interrupted before training began; nothing was saved")
	}
	h, err := net.Train(X, Y, cfg, p.rng)
	prog.done()
	r := &trainResult{net: net}
	switch {
	case errors.Is(err, nn.ErrDiverged):
		keep := "no model was saved"
		if p.out != "" {
			keep = "no model was saved; " + p.out + " is left as it was"
		}
		return nil, fmt.Errorf("%w; %s; try a smaller -lr (now %v) or -clip", err, keep, p.lr)
	case errors.Is(err, nn.ErrStopped):
		last := h.Epochs[len(h.Epochs)-1]
		r.note = fmt.Sprintf("interrupted at epoch %d, step %d", last.Epoch, last.Steps)
		switch {
		case best != nil && d.val != nil:
			r.net, h.BestEpoch = best, bestEpoch
			r.note += fmt.Sprintf("; keeping the weights of epoch %d, whose validation loss %.4f is the lowest", bestEpoch, bestLoss)
		case best != nil:
			r.net, h.BestEpoch = best, bestEpoch
			r.note += fmt.Sprintf("; keeping the weights of epoch %d, the last one finished", bestEpoch)
		default:
			h.BestEpoch = 0
			r.note += "; keeping the weights of that step (no epoch was finished)"
		}
	case err != nil:
		return nil, err
	case h.Stopped:
		r.note = fmt.Sprintf("early stopping after epoch %d; the weights of epoch %d", len(h.Epochs), h.BestEpoch)
	}
	r.h = h
	return r, nil
}

// save makes the model of the run, scores it on the test samples, writes
// the model and then the loss plot, and only then reports: a standard
// output that fails (a pipe whose reader was ended by the same Ctrl-C)
// never costs the model. An interrupted run ends with an error that says
// what was kept.
func (p *trainPlan) save(ctx context.Context, r *trainResult, d *trainData, stdout io.Writer) error {
	m := &nn.Model{Net: r.net, Scaler: d.scaler, Features: d.train.Features, Columns: d.train.Columns,
		Record: nn.TrainingRecord{Data: p.data.name, Settings: p.settings, Epochs: r.h.Epochs, BestEpoch: r.h.BestEpoch,
			Note: r.note}}
	if d.train.Regression() {
		m.TargetNames = d.train.TargetNames
	} else {
		m.ClassNames = d.train.ClassNames
	}
	test := score(m, d.test)
	m.Record.TestAccuracy = test.accuracy
	var saveErr, plotErr error
	if p.out != "" {
		saveErr = writeError(p.out, m.Save(p.out))
	}
	if p.plot != "" {
		plotErr = writeError(p.plot, saveLossPlot(p.plot, m))
	}
	if r.note != "" {
		fmt.Fprintln(stdout, r.note)
	}
	test.write(stdout, "test")
	switch {
	case p.out == "":
		fmt.Fprintln(stdout, "the model was not saved: -o model.json keeps it for nn predict")
	case saveErr == nil:
		fmt.Fprintf(stdout, "model saved to %s\n", p.out)
	}
	if p.plot != "" && plotErr == nil {
		fmt.Fprintf(stdout, "loss plot saved to %s\n", p.plot)
	}
	if err := cmp.Or(saveErr, plotErr); err != nil {
		return err
	}
	return p.interrupted(ctx, r)
}

// interrupted is the error that ends an interrupted run, saying what was
// kept; nil if the run was not interrupted.
func (p *trainPlan) interrupted(ctx context.Context, r *trainResult) error {
	if r.note == "" || ctx.Err() == nil {
		return nil
	}
	switch {
	case p.out == "":
		return errors.New("interrupted; nothing was saved (no -o)")
	case r.h.BestEpoch == 0:
		return fmt.Errorf("interrupted; %s holds the weights of the step it stopped at", p.out)
	}
	return fmt.Errorf("interrupted; %s holds the weights of epoch %d", p.out, r.h.BestEpoch)
}

// globalStandardizer returns the Standardizer that maps every feature with
// the same mean and standard deviation, those of all the entries of X
// (FitStandardizer of them as one column):
//
//	x_k ← (x_k − μ) / s
func globalStandardizer(X *nn.Matrix) *nn.Standardizer {
	all := nn.FitStandardizer(&nn.Matrix{Rows: len(X.Data), Cols: 1, Data: X.Data})
	st := &nn.Standardizer{Mean: make([]float64, X.Cols), Std: make([]float64, X.Cols)}
	for k := range X.Cols {
		st.Mean[k], st.Std[k] = all.Mean[0], all.Std[0]
	}
	return st
}
