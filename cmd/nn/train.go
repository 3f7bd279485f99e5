package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"example.com/nn"
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
	                        last column (-label, -header, -sep; -targets for regression)
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
	Flags: trainFlags,
}

// trainSettings are the flags of nn train. Those that default per data set
// are zero until defaults fills them in.
type trainSettings struct {
	data, layers, act, opt, schedule, test, out, targets string
	sep                                                  string // -sep: "" to guess
	lr, l2, dropout, clip, val                           float64
	batch, epochs, patience, label                       int
	seed                                                 uint64
	batchnorm, header                                    bool
	plot                                                 string // -plot loss.svg
}

// dataDefaults are the settings that suit a data set.
type dataDefaults struct {
	layers        string
	batch, epochs int
	adamLR        float64 // -lr for adam, adamw and rmsprop
	schedule      string
}

var defaultsFor = map[string]dataDefaults{
	"iris":          {"16", 16, 50, 0.01, "constant"},
	"digits":        {"128", 32, 30, 0.003, "constant"},
	"fashion-mnist": {"128", 64, 10, 0.001, "cosine"},
	"mnist":         {"128", 64, 10, 0.001, "cosine"},
	"file":          {"32", 32, 50, 0.003, "constant"},
	"idx":           {"128", 64, 10, 0.001, "cosine"},
}

func trainFlags(fs *flag.FlagSet) func(context.Context, []string, io.Writer, io.Writer) error {
	s := &trainSettings{}
	fs.StringVar(&s.data, "data", "", "the data set: iris, digits, fashion-mnist, mnist, a CSV file or a directory of IDX files (required)")
	fs.StringVar(&s.layers, "layers", "", "sizes of the hidden layers, comma-separated (default per data set: 16 iris, 128 digits, MNIST and IDX directories, 32 CSV files)")
	fs.StringVar(&s.act, "act", "relu", "activation of the hidden layers: relu, leakyrelu, leakyrelu(α), prelu, tanh, sigmoid, identity")
	fs.StringVar(&s.opt, "opt", "adam", "optimizer: sgd, momentum, nesterov, adam, adamw, rmsprop, adagrad")
	fs.Float64Var(&s.lr, "lr", 0, "learning rate η (default 0.05 for sgd, momentum and nesterov, 0.01 for adagrad; for adam, adamw and rmsprop per data set: 0.01 iris, 0.003 digits and CSV files, 0.001 MNIST and IDX directories)")
	fs.StringVar(&s.schedule, "schedule", "", "learning-rate schedule: constant, step (÷10 every third of the epochs), exp (×0.95 an epoch), cosine (to 0 at the last epoch), plateau (÷10 after 3 epochs without a lower validation loss) (default per data set: cosine for MNIST and IDX directories, constant for the others)")
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
	fs.BoolVar(&s.header, "header", false, "CSV files: the first line is a header")
	fs.IntVar(&s.label, "label", -1, "CSV files: the column of the class label, from 0 (negative: from the end)")
	fs.StringVar(&s.sep, "sep", "", sepUsage)
	fs.StringVar(&s.targets, "targets", "", "CSV files: regression on these columns, comma-separated, from 0 (instead of -label)")
	fs.StringVar(&s.plot, "plot", "", "draw the training and validation loss of every epoch into this SVG file")
	return func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
		if err := noArgs(args); err != nil {
			return err
		}
		return runTrain(ctx, s, stdout, stderr)
	}
}

// checked is what nn train has made of its flags, before any work.
type checked struct {
	kind         string // "iris", "digits", "fashion-mnist", "mnist" or "file"
	hidden       []int
	act          nn.Activation
	init         nn.Init
	opt          nn.Optimizer
	schedule     nn.Schedule
	testFrac     float64 // 0 when the test set is a file or the data set's own
	testFile     string
	dataSep      rune // the separator of a CSV -data file
	batchDefault bool // -batch not given: at most the training samples
	targets      []int
	csv          nn.CSVOptions
	keep         float64
	settings     map[string]string
	argsShown    string // the command line with every setting
}

// check validates every flag, and fills in the defaults of the data set,
// before any data is read. Its errors are usage errors.
func (s *trainSettings) check() (*checked, error) {
	c := &checked{settings: map[string]string{}}
	if s.data == "" {
		return nil, usageError("-data is required: a name (iris, digits, fashion-mnist, mnist), a CSV file or a directory of IDX files")
	}
	c.kind = s.data
	if _, ok := defaultsFor[s.data]; !ok || s.data == "file" || s.data == "idx" {
		c.kind = "file"
		st, err := os.Stat(s.data)
		if err != nil {
			if _, ok := defaultsFor[strings.ToLower(s.data)]; ok && !strings.EqualFold(s.data, "file") && !strings.EqualFold(s.data, "idx") {
				return nil, usageError("-data %s: no such data set or file; did you mean -data %s?", s.data, strings.ToLower(s.data))
			}
			return nil, usageError("-data %s: no such data set or file (the names are iris, digits, fashion-mnist and mnist)", s.data)
		}
		if st.IsDir() {
			c.kind = "idx"
		}
	}
	def := defaultsFor[c.kind]
	if s.layers == "" {
		s.layers = def.layers
	}
	if s.batch == 0 {
		s.batch = def.batch
		c.batchDefault = true
	}
	if s.epochs == 0 {
		s.epochs = def.epochs
	}
	if s.schedule == "" {
		s.schedule = def.schedule
	}
	for _, f := range strings.Split(s.layers, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 || n > 1<<16 {
			return nil, usageError("-layers %s: %q is not a layer size (sizes are whole numbers ≥ 1, comma-separated)", s.layers, f)
		}
		c.hidden = append(c.hidden, n)
	}
	act, err := nn.ParseActivation(s.act)
	if err != nil {
		return nil, usageError("-act: %v", err)
	}
	switch act.(type) {
	case nn.Softmax, nn.Step:
		return nil, usageError("-act %s cannot be a hidden layer's activation here", s.act)
	case nn.Sigmoid, nn.Tanh, nn.Identity:
		c.init = nn.XavierUniform
	default:
		c.init = nn.HeNormal
	}
	c.act = act
	lr := map[string]float64{"sgd": 0.05, "momentum": 0.05, "nesterov": 0.05, "adam": def.adamLR, "adamw": def.adamLR, "rmsprop": def.adamLR, "adagrad": 0.01}
	if _, ok := lr[s.opt]; !ok {
		return nil, usageError("-opt %s: unknown optimizer (sgd, momentum, nesterov, adam, adamw, rmsprop, adagrad)", s.opt)
	}
	if s.lr == 0 {
		s.lr = lr[s.opt]
	}
	switch s.opt {
	case "sgd":
		c.opt = &nn.SGD{}
	case "momentum":
		c.opt = &nn.SGD{Momentum: 0.9}
	case "nesterov":
		c.opt = &nn.SGD{Momentum: 0.9, Nesterov: true}
	case "adam":
		c.opt = nn.NewAdam()
	case "adamw":
		c.opt = nn.NewAdamW()
	case "rmsprop":
		c.opt = nn.NewRMSprop()
	case "adagrad":
		c.opt = nn.NewAdagrad()
	}
	switch {
	case !(s.lr > 0) || math.IsInf(s.lr, 0):
		return nil, usageError("-lr %v must be > 0", s.lr)
	case s.batch < 1:
		return nil, usageError("-batch %d must be ≥ 1", s.batch)
	case s.epochs < 1:
		return nil, usageError("-epochs %d must be ≥ 1", s.epochs)
	case !(s.l2 >= 0) || math.IsInf(s.l2, 0):
		return nil, usageError("-l2 %v must be ≥ 0", s.l2)
	case !(s.dropout >= 0 && s.dropout < 1):
		return nil, usageError("-dropout %v must be in [0, 1)", s.dropout)
	case !(s.clip >= 0) || math.IsInf(s.clip, 0):
		return nil, usageError("-clip %v must be ≥ 0", s.clip)
	case !(s.val >= 0 && s.val < 1):
		return nil, usageError("-val %v must be in [0, 1)", s.val)
	case s.patience < 0:
		return nil, usageError("-patience %d must be ≥ 0", s.patience)
	case s.patience > 0 && s.val == 0:
		return nil, usageError("-patience needs validation samples (-val > 0)")
	}
	c.keep = 1 - s.dropout
	switch s.schedule {
	case "constant":
		c.schedule = nn.Constant{LR: s.lr}
	case "step":
		c.schedule = nn.StepDecay{LR: s.lr, Every: max(s.epochs/3, 1), Gamma: 0.1}
	case "exp":
		c.schedule = nn.ExponentialDecay{LR: s.lr, Gamma: 0.95}
	case "cosine":
		c.schedule = nn.CosineAnnealing{LR: s.lr, Period: s.epochs}
	case "plateau":
		p := nn.NewReduceOnPlateau(s.lr)
		p.Patience = 2
		c.schedule = p
	default:
		return nil, usageError("-schedule %s: unknown schedule (constant, step, exp, cosine, plateau)", s.schedule)
	}
	if f, err := strconv.ParseFloat(s.test, 64); err == nil {
		if !(f > 0 && f < 1) {
			return nil, usageError("-test %v must be a fraction in (0, 1) or a file", f)
		}
		c.testFrac = f
	} else {
		st, err := os.Stat(s.test)
		if err != nil {
			return nil, usageError("-test %s: neither a fraction nor a file", s.test)
		}
		if st.IsDir() {
			return nil, usageError("-test %s is a directory; give a fraction or a CSV file of test samples", s.test)
		}
		c.testFile = s.test
	}
	if s.targets != "" {
		if c.kind != "file" {
			return nil, usageError("-targets is for CSV files; %s is a classification data set", s.data)
		}
		for _, f := range strings.Split(s.targets, ",") {
			k, err := strconv.Atoi(strings.TrimSpace(f))
			if err != nil {
				return nil, usageError("-targets %s: %q is not a column number", s.targets, f)
			}
			c.targets = append(c.targets, k)
		}
	}
	sep, err := parseSep(s.sep)
	if err != nil {
		return nil, err
	}
	c.csv = nn.CSVOptions{Header: s.header, Label: s.label, Targets: c.targets, Comma: sep}
	if c.kind == "file" {
		// The separator found is shown with the settings; a -test file
		// guesses its own unless -sep is given.
		if c.dataSep, err = resolveSep(s.data, sep); err != nil {
			return nil, err
		}
	}
	for _, f := range []struct{ flag, path string }{{"o", s.out}, {"plot", s.plot}} {
		if f.path == "" {
			continue
		}
		for _, in := range []struct{ flag, path string }{{"data", s.data}, {"test", c.testFile}, {"o", s.out}} {
			if in.flag != f.flag && in.path != "" && sameFile(f.path, in.path) {
				return nil, usageError("-%s %s is the -%s file: it would be overwritten", f.flag, f.path, in.flag)
			}
		}
		if st, err := os.Stat(f.path); err == nil && st.IsDir() {
			return nil, usageError("-%s %s is a directory", f.flag, f.path)
		}
		if st, err := os.Stat(filepath.Dir(f.path)); err != nil || !st.IsDir() {
			return nil, usageError("-%s %s: directory %s does not exist", f.flag, f.path, filepath.Dir(f.path))
		}
	}
	// The command line with every setting, for the log and the model's record.
	var b strings.Builder
	b.WriteString("nn train")
	add := func(name, value string) {
		c.settings[name] = value
		if value != "" {
			fmt.Fprintf(&b, " -%s %s", name, value)
		}
	}
	add("data", s.data)
	add("layers", s.layers)
	add("act", s.act)
	add("opt", s.opt)
	add("lr", fmt.Sprint(s.lr))
	add("schedule", s.schedule)
	add("batch", fmt.Sprint(s.batch))
	add("epochs", fmt.Sprint(s.epochs))
	add("l2", fmt.Sprint(s.l2))
	add("dropout", fmt.Sprint(s.dropout))
	if s.batchnorm {
		b.WriteString(" -batchnorm")
		c.settings["batchnorm"] = "true"
	}
	add("clip", fmt.Sprint(s.clip))
	add("val", fmt.Sprint(s.val))
	if c.kind == "iris" || c.kind == "digits" || c.kind == "file" || c.testFile != "" {
		add("test", s.test)
	}
	add("patience", fmt.Sprint(s.patience))
	add("seed", fmt.Sprint(s.seed))
	if c.kind == "file" {
		if s.header {
			b.WriteString(" -header")
			c.settings["header"] = "true"
		}
		if c.dataSep != ',' {
			add("sep", shellSep(c.dataSep))
		}
		if c.targets != nil {
			add("targets", s.targets)
		} else {
			add("label", fmt.Sprint(s.label))
		}
	}
	add("o", s.out)
	add("plot", s.plot)
	c.argsShown = b.String()
	return c, nil
}

// numeric reports whether every name is a number.
func numeric(names []string) bool {
	for _, n := range names {
		if _, err := strconv.ParseFloat(n, 64); err != nil {
			return false
		}
	}
	return true
}

// sameFile reports whether the paths a and b name the same existing file,
// or the same path if they do not exist.
func sameFile(a, b string) bool {
	sa, errA := os.Stat(a)
	sb, errB := os.Stat(b)
	if errA == nil && errB == nil {
		return os.SameFile(sa, sb)
	}
	return filepath.Clean(a) == filepath.Clean(b)
}

// splitSeed fixes the test split of data sets without a test set of their
// own, so that "nn predict" can find the same test samples.
const splitSeed = 20240601

// loadData reads the data set of -data (and -test): the training samples
// and the test samples.
func loadData(spec string, c *checked) (train, test *nn.Dataset, err error) {
	switch c.kind {
	case "iris", "digits", "fashion-mnist", "mnist":
		train, test, err = nn.LoadNamed(spec)
	case "idx":
		train, test, err = nn.LoadMNIST(spec, nil)
	default:
		opt := c.csv
		opt.Comma = c.dataSep
		train, test, err = loadPath(spec, opt)
		if err == nil && !train.Regression() && train.Classes >= 10 &&
			(2*train.Classes > train.X.Rows || 3*train.Classes > train.X.Rows && numeric(train.ClassNames)) {
			// Most likely a column of numbers to predict, read as labels.
			col := fmt.Sprintf("column %d", opt.Label)
			if opt.Label == -1 {
				col = "the last column"
			}
			return nil, nil, fmt.Errorf("%s: %d classes among %d samples, too few samples a class (labels such as %q, %q): "+
				"to predict the numbers of %s, give -targets %d", spec, train.Classes, train.X.Rows,
				train.ClassNames[0], train.ClassNames[1], col, opt.Label)
		}
	}
	if err != nil {
		return nil, nil, err
	}
	switch {
	case c.testFile != "":
		test, _, err = loadPath(c.testFile, c.csv)
		if err != nil {
			return nil, nil, err
		}
		if err := conform(test, train, c.testFile); err != nil {
			return nil, nil, err
		}
	case test == nil:
		train, test, err = split(train, c.testFrac, rand.New(rand.NewPCG(splitSeed, 0)))
		if err != nil {
			return nil, nil, fmt.Errorf("%s: -test %v: %w", spec, c.testFrac, err)
		}
	}
	return train, test, nil
}

// loadPath reads a CSV file, or a directory of IDX files (whose test set is
// returned too).
func loadPath(path string, opt nn.CSVOptions) (train, test *nn.Dataset, err error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, nil, err
	}
	if st.IsDir() {
		return nn.LoadMNIST(path, nil)
	}
	d, err := loadCSV(path, opt)
	return d, nil, err
}

// loadCSV is nn.LoadCSV with errors that name the flags, not the options.
func loadCSV(path string, opt nn.CSVOptions) (*nn.Dataset, error) {
	var err error
	if opt.Comma, err = resolveSep(path, opt.Comma); err != nil {
		return nil, err
	}
	d, err := nn.LoadCSV(path, opt)
	if err != nil {
		msg := strings.NewReplacer("set Header", "add -header", "set Targets", "give -targets").Replace(err.Error())
		return nil, errors.New(msg)
	}
	return d, nil
}

// split holds out a fraction of d: per class for classification, at random
// for regression.
func split(d *nn.Dataset, frac float64, rng *rand.Rand) (rest, held *nn.Dataset, err error) {
	if !d.Regression() {
		return nn.StratifiedSplit(d, frac, rng)
	}
	return nn.RandomSplit(d, frac, rng)
}

// conform checks that d has the features of ref and renumbers its labels to
// ref's class names.
func conform(d, ref *nn.Dataset, name string) error {
	if d.X.Cols != ref.X.Cols {
		return fmt.Errorf("%s: %d features, but the training data has %d", name, d.X.Cols, ref.X.Cols)
	}
	if d.Regression() != ref.Regression() {
		return fmt.Errorf("%s: targets do not match those of the training data", name)
	}
	if d.Regression() {
		if d.Y.Cols != ref.Y.Cols {
			return fmt.Errorf("%s: %d targets, but the training data has %d", name, d.Y.Cols, ref.Y.Cols)
		}
		return nil
	}
	return relabel(d, ref.ClassNames, name)
}

// relabel renumbers d's labels to the positions of their names in names.
func relabel(d *nn.Dataset, names []string, name string) error {
	index := map[string]int{}
	for k, n := range names {
		index[n] = k
	}
	to := make([]int, len(d.ClassNames))
	for k, n := range d.ClassNames {
		j, ok := index[n]
		if !ok {
			return fmt.Errorf("%s: class %q is not one of the %d classes of the training data (%s)", name, n, len(names), strings.Join(names, ", "))
		}
		to[k] = j
	}
	for i, y := range d.Labels {
		d.Labels[i] = to[y]
	}
	d.ClassNames, d.Classes = names, len(names)
	return nil
}

func runTrain(ctx context.Context, s *trainSettings, stdout, stderr io.Writer) error {
	c, err := s.check()
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, c.argsShown)
	vectorNote(stderr)
	if c.kind == "fashion-mnist" || c.kind == "mnist" || c.kind == "idx" {
		fmt.Fprintf(stderr, "reading %s …\n", s.data) // some seconds for 60,000 images
	}
	train, test, err := loadData(s.data, c)
	if err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(s.seed, 1))
	var val *nn.Dataset
	if s.val > 0 {
		n := train.X.Rows
		if train, val, err = split(train, s.val, rng); err != nil {
			// The library speaks of a test set; here it is the validation set.
			msg := strings.NewReplacer("stratified split: ", "", "random split: ", "", "test fraction", "fraction",
				"test set", "validation set").Replace(err.Error())
			msg = regexp.MustCompile(` \(\d+ test samples\)`).ReplaceAllString(msg, "")
			return usageError("-val %v of the %d training samples: %s; try another -val, or -val 0 for none", s.val, n, msg)
		}
	}
	regression := train.Regression()
	what := fmt.Sprintf("%d classes", train.Classes)
	if regression {
		what = count(train.Y.Cols, "target") + " (regression)"
	}
	nval := 0
	if val != nil {
		nval = val.X.Rows
	}
	fmt.Fprintf(stdout, "%s: %d training, %d validation and %d test samples; %d features, %s\n",
		s.data, train.X.Rows, nval, test.X.Rows, train.X.Cols, what)
	if s.batch > train.X.Rows && c.batchDefault {
		fmt.Fprintf(stdout, "-batch %d is more than the %d training samples: -batch %d (batch gradient descent)\n", s.batch, train.X.Rows, train.X.Rows)
		s.batch = train.X.Rows
		c.settings["batch"] = fmt.Sprint(s.batch)
	}
	if s.batch > train.X.Rows {
		return usageError("-batch %d is more than the %d training samples", s.batch, train.X.Rows)
	}

	scaler := nn.FitStandardizer(train.X)
	if c.kind == "fashion-mnist" || c.kind == "mnist" || c.kind == "idx" {
		// Pixels: one mean and deviation for all, since a border pixel that
		// is almost always 0 would otherwise be scaled up by its tiny deviation.
		scaler = globalStandardizer(train.X)
	}
	X, Y := scaler.Transform(train.X), train.Targets()
	sizes := append(append([]int{train.X.Cols}, c.hidden...), Y.Cols)
	acts := make([]nn.Activation, 0, len(sizes)-1)
	for range c.hidden {
		acts = append(acts, c.act)
	}
	var loss nn.Loss = nn.CrossEntropy{}
	if regression {
		acts, loss = append(acts, nn.Identity{}), nn.MSE{}
	} else {
		acts = append(acts, nn.Softmax{})
	}
	net, err := nn.New(sizes, acts, c.init, rand.New(rand.NewPCG(s.seed, 2)))
	if err != nil {
		return err
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
		if s.batchnorm {
			if err := net.SetBatchNorm(l); err != nil {
				return err
			}
		}
		if c.keep < 1 {
			if err := net.SetDropout(l, c.keep); err != nil {
				return err
			}
		}
	}
	cfg := nn.TrainConfig{Loss: loss, Optimizer: c.opt, Schedule: c.schedule, BatchSize: s.batch, Epochs: s.epochs,
		L2: s.l2, ClipNorm: s.clip, Patience: s.patience}
	if val != nil {
		cfg.ValX, cfg.ValY = scaler.Transform(val.X), val.Targets()
	}

	// The weights with the lowest validation loss so far (without
	// validation, those of the last epoch), for an interrupted run.
	var best *nn.MLP
	bestEpoch, bestLoss := 0, math.Inf(1)
	p := newProgress(stderr, s.epochs, X.Rows, s.batch)
	cfg.OnStep = p.step
	cfg.Progress = func(e nn.EpochStats) {
		p.epoch(e, regression)
		if val == nil || e.ValLoss < bestLoss {
			best, bestEpoch, bestLoss = net.Clone(), e.Epoch, e.ValLoss
		}
	}
	cfg.Stop = func() bool { return ctx.Err() != nil }
	if ctx.Err() != nil {
		return errors.New("interrupted before training began; nothing was saved")
	}
	h, err := net.Train(X, Y, cfg, rng)
	p.done()
	note := ""
	switch {
	case errors.Is(err, nn.ErrDiverged):
		keep := "no model was saved"
		if s.out != "" {
			keep = "no model was saved; " + s.out + " is left as it was"
		}
		return fmt.Errorf("%w; %s; try a smaller -lr (now %v) or -clip", err, keep, s.lr)
	case errors.Is(err, nn.ErrStopped):
		last := h.Epochs[len(h.Epochs)-1]
		note = fmt.Sprintf("interrupted at epoch %d, step %d", last.Epoch, last.Steps)
		switch {
		case best != nil && val != nil:
			net = best
			h.BestEpoch = bestEpoch
			note += fmt.Sprintf("; keeping the weights of epoch %d, whose validation loss %.4f is the lowest", bestEpoch, bestLoss)
		case best != nil:
			net = best
			h.BestEpoch = bestEpoch
			note += fmt.Sprintf("; keeping the weights of epoch %d, the last one finished", bestEpoch)
		default:
			h.BestEpoch = 0
			note += "; keeping the weights of that step (no epoch was finished)"
		}
		fmt.Fprintf(stdout, "%s\n", note)
	case err != nil:
		return err
	case h.Stopped:
		note = fmt.Sprintf("early stopping after epoch %d; the weights of epoch %d", len(h.Epochs), h.BestEpoch)
		fmt.Fprintln(stdout, note)
	}

	m := &nn.Model{Net: net, Scaler: scaler, Features: train.Features,
		Record: nn.TrainingRecord{Data: s.data, Settings: c.settings, Epochs: h.Epochs, BestEpoch: h.BestEpoch,
			TestAccuracy: math.NaN(), Note: note}}
	if !regression {
		m.ClassNames = train.ClassNames
	}
	m.Record.TestAccuracy = report(stdout, m, test, "test")
	if s.plot != "" {
		if err := saveLossPlot(s.plot, m); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "loss plot saved to %s\n", s.plot)
	}
	if s.out != "" {
		if err := m.Save(s.out); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "model saved to %s\n", s.out)
	} else {
		fmt.Fprintln(stdout, "the model was not saved: -o model.json keeps it for nn predict")
	}
	if note != "" && ctx.Err() != nil {
		if s.out == "" {
			return errors.New("interrupted; nothing was saved (no -o)")
		}
		if h.BestEpoch == 0 {
			return fmt.Errorf("interrupted; %s holds the weights of the step it stopped at", s.out)
		}
		return fmt.Errorf("interrupted; %s holds the weights of epoch %d", s.out, h.BestEpoch)
	}
	return nil
}

// globalStandardizer returns the Standardizer that maps every feature with
// the same mean and standard deviation, those of all the entries of X:
//
//	x_k ← (x_k − μ) / s
func globalStandardizer(X *nn.Matrix) *nn.Standardizer {
	mu, ss := 0.0, 0.0
	n := float64(len(X.Data))
	for _, v := range X.Data {
		mu += v / n
	}
	for _, v := range X.Data {
		ss += (v - mu) * (v - mu) / n
	}
	sd := math.Sqrt(ss)
	st := &nn.Standardizer{Mean: make([]float64, X.Cols), Std: make([]float64, X.Cols)}
	for k := range X.Cols {
		st.Mean[k], st.Std[k] = mu, sd
	}
	return st
}

// report prints how m does on d (accuracy and confusion matrix, or the
// error of each target) and returns the accuracy (NaN for regression).
func report(w io.Writer, m *nn.Model, d *nn.Dataset, what string) float64 {
	if d.Regression() {
		P := m.PredictBatch(d.X)
		for k := range d.Y.Cols {
			// R² = 1 − Σ(ŷ − y)² / Σ(y − ȳ)²: 0 for always predicting the mean.
			mean, se, ss := 0.0, 0.0, 0.0
			for i := range d.X.Rows {
				mean += d.Y.At(i, k) / float64(d.X.Rows)
			}
			for i := range d.X.Rows {
				e := P.At(i, k) - d.Y.At(i, k)
				se += e * e
				ss += (d.Y.At(i, k) - mean) * (d.Y.At(i, k) - mean)
			}
			fmt.Fprintf(w, "%s RMSE of target %d: %.6g (%d samples), R² %.3f\n", what, k+1, math.Sqrt(se/float64(d.X.Rows)), d.X.Rows, 1-se/ss)
		}
		return math.NaN()
	}
	pred, _ := m.Classify(d.X)
	right := 0
	for i, y := range d.Labels {
		if pred[i] == y {
			right++
		}
	}
	acc := float64(right) / float64(len(pred))
	fmt.Fprintf(w, "%s accuracy %.4f (%d of %d)\n", what, acc, right, len(pred))
	printConfusion(w, nn.ConfusionMatrix(d.Labels, pred, len(m.ClassNames)), m.ClassNames)
	return acc
}

// printConfusion prints C[true][predicted], rows named by class, columns
// numbered as the rows.
func printConfusion(w io.Writer, C [][]int, names []string) {
	width := 3
	for _, row := range C {
		for _, v := range row {
			width = max(width, len(fmt.Sprint(v)))
		}
	}
	nameWidth := 0
	for _, n := range names {
		nameWidth = max(nameWidth, len([]rune(n)))
	}
	fmt.Fprintln(w, "confusion matrix (rows: true class, columns: predicted class):")
	fmt.Fprintf(w, "%*s", 4+nameWidth, "")
	for k := range C {
		fmt.Fprintf(w, " %*d", width, k)
	}
	fmt.Fprintln(w)
	for k, row := range C {
		label := fmt.Sprintf("%2d %s", k, names[k])
		if names[k] == strconv.Itoa(k) {
			label = fmt.Sprintf("%2s %s", "", names[k])
		}
		fmt.Fprintf(w, "%s%*s", label, 1+nameWidth-len([]rune(names[k])), "")
		for _, v := range row {
			fmt.Fprintf(w, " %*d", width, v)
		}
		fmt.Fprintln(w)
	}
}

// progress shows training as it goes: on a terminal a line redrawn in
// place, otherwise one line per epoch.
type progress struct {
	w                     io.Writer
	tty                   bool
	epochs, n, batch      int
	start, drawn, epochAt time.Time
	steps                 int // steps so far, all epochs
}

func newProgress(w io.Writer, epochs, n, batch int) *progress {
	now := time.Now()
	return &progress{w: w, tty: isTerminal(w), epochs: epochs, n: n, batch: batch, start: now, epochAt: now}
}

// isTerminal reports whether f, an input or an output, is a terminal (a
// character device).
func isTerminal(f any) bool {
	file, ok := f.(*os.File)
	if !ok {
		return false
	}
	st, err := file.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// step redraws the progress line, at most ten times a second.
func (p *progress) step(epoch, step int, loss, _ float64) {
	p.steps++
	if !p.tty || time.Since(p.drawn) < 100*time.Millisecond {
		return
	}
	p.drawn = time.Now()
	perEpoch := (p.n + p.batch - 1) / p.batch
	done := min(step*p.batch, p.n)
	const barWidth = 10
	fill := barWidth * step / perEpoch
	bar := strings.Repeat("=", fill) + strings.Repeat(" ", barWidth-fill)
	elapsed := time.Since(p.start).Seconds()
	rate := float64(p.steps*p.batch) / elapsed
	left := float64((p.epochs-epoch)*p.n+p.n-done) / rate
	line := fmt.Sprintf("epoch %d/%d [%s] %d/%d  loss %s  %.0f/s  %s left",
		epoch, p.epochs, bar, done, p.n, lossText(loss), rate, (time.Duration(left) * time.Second).Round(time.Second))
	// A line longer than the terminal wraps, and \r then redraws only its
	// last part: stay within 80 columns.
	if r := []rune(line); len(r) > progressWidth {
		line = string(r[:progressWidth])
	}
	fmt.Fprintf(p.w, "\r%s\x1b[K", line)
}

// epoch prints the line of a finished epoch.
func (p *progress) epoch(e nn.EpochStats, regression bool) {
	if p.tty {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
	line := fmt.Sprintf("epoch %*d/%d  train loss %s", len(fmt.Sprint(p.epochs)), e.Epoch, p.epochs, lossText(e.TrainLoss))
	if !math.IsNaN(e.ValLoss) {
		line += fmt.Sprintf("  val loss %s", lossText(e.ValLoss))
		if !regression {
			line += fmt.Sprintf("  val acc %.4f", e.ValAccuracy)
		}
	}
	d := e.Time
	switch {
	case d >= 10*time.Second:
		d = d.Round(100 * time.Millisecond)
	case d >= 10*time.Millisecond:
		d = d.Round(time.Millisecond)
	default:
		d = d.Round(10 * time.Microsecond)
	}
	fmt.Fprintf(p.w, "%s  lr %.3g  %v\n", line, e.LR, d)
}

// progressWidth is the longest progress line: one less than the 80
// columns of a terminal, whose last column may wrap.
const progressWidth = 79

// lossText formats a loss with 4 decimals, or 4 significant digits when it
// has grown so large (a run about to diverge) that decimals would fill lines.
func lossText(v float64) string {
	if math.Abs(v) >= 1e5 {
		return fmt.Sprintf("%.4g", v)
	}
	return fmt.Sprintf("%.4f", v)
}

// done clears a half-drawn progress line.
func (p *progress) done() {
	if p.tty {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}
