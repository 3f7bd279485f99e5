package main

// The plan of nn train: what its flags and the defaults of the data set
// decide, made step by step before any data is read, and the command line
// that repeats it.

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"example.com/nn"
)

// trainPlan is what nn train will do. The flags stay as given; the plan
// holds the values used, defaults filled in.
type trainPlan struct {
	data           dataSpec
	dataSep        rune // the separator of a CSV -data file, found or given
	hidden         []int
	act            nn.Activation
	init           nn.Init
	opt            nn.Optimizer
	lr             float64
	schedule       nn.Schedule
	batch, epochs  int
	batchDefault   bool // -batch not given: at most the training samples
	l2, clip, keep float64
	val            float64
	patience       int
	batchnorm      bool
	seed           uint64
	rng            *rand.Rand // the validation split, the shuffling and dropout
	out, plot      string
	layers, sched  string            // -layers and -schedule, defaults filled in
	settings       map[string]string // every setting, for the model's record
	commandLine    string            // nn train with every setting, for the log
}

// plan checks every flag and fills in the defaults of the data set, before
// any data is read. Its errors are usage errors.
func (s *trainSettings) plan() (*trainPlan, error) {
	p := &trainPlan{val: s.val, patience: s.patience, l2: s.l2, clip: s.clip, keep: 1 - s.dropout,
		batchnorm: s.batchnorm, seed: s.seed, rng: rand.New(rand.NewPCG(s.seed, 1)), out: s.out, plot: s.plot}
	def, err := p.planData(s.data)
	if err != nil {
		return nil, err
	}
	p.layers, p.sched = cmp.Or(s.layers, def.layers), cmp.Or(s.schedule, def.schedule)
	p.batch, p.batchDefault = cmp.Or(s.batch, def.batch), s.batch == 0
	p.epochs = cmp.Or(s.epochs, def.epochs)
	for _, step := range []func() error{
		func() error { return p.checkGiven(s) },
		func() error { return p.planLayers(p.layers) },
		func() error { return p.planActivation(s.act) },
		func() error { return p.planOptimizer(s.opt, s.lr, def) },
		func() error { return p.checkNumbers(s.dropout) },
		func() error { return p.planSchedule(p.sched) },
		func() error { return p.planCSV(s) },
		p.checkOutputs,
	} {
		if err := step(); err != nil {
			return nil, err
		}
	}
	p.settings, p.commandLine = s.record(p)
	return p, nil
}

// planData finds what -data names and returns the defaults of its kind.
func (p *trainPlan) planData(name string) (dataDefaults, error) {
	if name == "" {
		return dataDefaults{}, usageError("-data is required: a name (iris, digits, fashion-mnist, mnist), a CSV file or a directory of IDX files")
	}
	kind, err := dataKind(name)
	p.data = dataSpec{name: name, kind: kind}
	return defaultsFor[kind], err
}

// checkGiven refuses a 0 given for -epochs, -lr or -batch (left out, they
// take the data set's default), and flags that do not apply to the data
// set, which would be dropped without a word.
func (p *trainPlan) checkGiven(s *trainSettings) error {
	for _, f := range []struct {
		name string
		zero bool
	}{{"epochs", s.epochs == 0}, {"lr", s.lr == 0}, {"batch", s.batch == 0}} {
		if s.given[f.name] && f.zero {
			return usageError("-%s 0: want a value > 0, or leave -%s out for the data set's default", f.name, f.name)
		}
	}
	if p.data.kind != "file" {
		if err := csvOnly(s.given, s.data); err != nil {
			return err
		}
	}
	if s.given["test"] && p.pixels() {
		return usageError("-test: %s has a test set of its own", s.data)
	}
	return nil
}

// pixels reports whether the data are images (MNIST's and other IDX files).
func (p *trainPlan) pixels() bool {
	return p.data.kind == "fashion-mnist" || p.data.kind == "mnist" || p.data.kind == "idx"
}

// maxLayer is the largest size of a hidden layer.
const maxLayer = 1 << 16

// planLayers reads the sizes of the hidden layers.
func (p *trainPlan) planLayers(layers string) error {
	for _, f := range strings.Split(layers, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 || n > maxLayer {
			return usageError("-layers %s: %q is not a layer size (sizes are whole numbers from 1 to %d, comma-separated)", layers, f, maxLayer)
		}
		p.hidden = append(p.hidden, n)
	}
	return nil
}

// planActivation reads the hidden layers' activation and picks the
// initialization that suits it: Xavier for the saturating ones, He for the
// ReLU family.
func (p *trainPlan) planActivation(name string) error {
	act, err := nn.ParseActivation(name)
	if err != nil {
		return usageError("-act: %v", err)
	}
	switch act.(type) {
	case nn.Softmax, nn.Step:
		return usageError("-act %s cannot be a hidden layer's activation here", name)
	case nn.Sigmoid, nn.Tanh, nn.Identity:
		p.init = nn.XavierUniform
	default:
		p.init = nn.HeNormal
	}
	p.act = act
	return nil
}

// planOptimizer makes the optimizer -opt names, and picks its learning
// rate if -lr is not given.
func (p *trainPlan) planOptimizer(name string, lr float64, def dataDefaults) error {
	lrs := map[string]float64{"sgd": 0.05, "momentum": 0.05, "nesterov": 0.05, "adam": def.adamLR, "adamw": def.adamLR, "rmsprop": def.adamLR, "adagrad": 0.01}
	if _, ok := lrs[name]; !ok {
		return usageError("-opt %s: unknown optimizer (sgd, momentum, nesterov, adam, adamw, rmsprop, adagrad)", name)
	}
	p.lr = cmp.Or(lr, lrs[name])
	switch name {
	case "sgd":
		p.opt = &nn.SGD{}
	case "momentum":
		p.opt = &nn.SGD{Momentum: 0.9}
	case "nesterov":
		p.opt = &nn.SGD{Momentum: 0.9, Nesterov: true}
	case "adam":
		p.opt = nn.NewAdam()
	case "adamw":
		p.opt = nn.NewAdamW()
	case "rmsprop":
		p.opt = nn.NewRMSprop()
	case "adagrad":
		p.opt = nn.NewAdagrad()
	}
	return nil
}

// checkNumbers checks the hyperparameters that are numbers.
func (p *trainPlan) checkNumbers(dropout float64) error {
	switch {
	case !(p.lr > 0) || math.IsInf(p.lr, 0):
		return usageError("-lr %v must be > 0", p.lr)
	case p.batch < 1:
		return usageError("-batch %d must be ≥ 1", p.batch)
	case p.epochs < 1:
		return usageError("-epochs %d must be ≥ 1", p.epochs)
	case !(p.l2 >= 0) || math.IsInf(p.l2, 0):
		return usageError("-l2 %v must be ≥ 0", p.l2)
	case !(dropout >= 0 && dropout < 1):
		return usageError("-dropout %v must be in [0, 1)", dropout)
	case !(p.clip >= 0) || math.IsInf(p.clip, 0):
		return usageError("-clip %v must be ≥ 0", p.clip)
	case !(p.val >= 0 && p.val < 1):
		return usageError("-val %v must be in [0, 1)", p.val)
	case p.patience < 0:
		return usageError("-patience %d must be ≥ 0", p.patience)
	case p.patience > 0 && p.val == 0:
		return usageError("-patience needs validation samples (-val > 0)")
	}
	return nil
}

// planSchedule makes the learning-rate schedule -schedule names (§7).
func (p *trainPlan) planSchedule(name string) error {
	switch name {
	case "constant":
		p.schedule = nn.Constant{LR: p.lr}
	case "step":
		p.schedule = nn.StepDecay{LR: p.lr, Every: max(p.epochs/3, 1), Gamma: 0.1}
	case "exp":
		p.schedule = nn.ExponentialDecay{LR: p.lr, Gamma: 0.95}
	case "cosine":
		p.schedule = nn.CosineAnnealing{LR: p.lr, Period: p.epochs}
	case "plateau":
		r := nn.NewReduceOnPlateau(p.lr)
		r.Patience = 2
		p.schedule = r
	default:
		return usageError("-schedule %s: unknown schedule (constant, step, exp, cosine, plateau)", name)
	}
	return nil
}

// planCSV reads -test (a fraction or a file) and the layout of CSV files:
// -header, -label or -targets, and -sep, whose guess for a -data file is
// made now to be shown with the settings (a -test file guesses its own
// unless -sep is given).
func (p *trainPlan) planCSV(s *trainSettings) error {
	if f, err := strconv.ParseFloat(s.test, 64); err == nil {
		if !(f > 0 && f < 1) {
			return usageError("-test %v must be a fraction in (0, 1) or a file", f)
		}
		p.data.testFrac = f
	} else {
		st, err := os.Stat(s.test)
		if err != nil {
			return usageError("-test %s: neither a fraction nor a file", s.test)
		}
		if st.IsDir() {
			return usageError("-test %s is a directory; give a fraction or a CSV file of test samples", s.test)
		}
		p.data.testFile = s.test
	}
	opt, err := s.csv.options()
	if err != nil {
		return err
	}
	if s.classes && (opt.Targets != nil || opt.TargetNames != nil) {
		return usageError("-classes and -targets: the label column holds classes, or the targets are numbers to predict, not both")
	}
	opt.ForceClasses = s.classes
	p.data.csv = opt
	if p.data.kind == "file" {
		if p.dataSep, err = resolveSep(s.data, opt.Comma); err != nil {
			return err
		}
	}
	return nil
}

// checkOutputs checks that -o and -plot overwrite no input, and that their
// directories exist and take a new file, before any training.
func (p *trainPlan) checkOutputs() error {
	for _, f := range []struct{ flag, path string }{{"o", p.out}, {"plot", p.plot}} {
		if f.path == "" {
			continue
		}
		for _, in := range []struct{ flag, path string }{{"data", p.data.name}, {"test", p.data.testFile}, {"o", p.out}} {
			if in.flag != f.flag && in.path != "" && sameFile(f.path, in.path) {
				return usageError("-%s %s is the -%s file: it would be overwritten", f.flag, f.path, in.flag)
			}
		}
		if f.flag == "plot" && !strings.EqualFold(filepath.Ext(f.path), ".svg") {
			return usageError("-plot %s: the loss plot is SVG; give a name ending in .svg", f.path)
		}
		if st, err := os.Stat(f.path); err == nil && st.IsDir() {
			return usageError("-%s %s is a directory", f.flag, f.path)
		}
		if st, err := os.Stat(filepath.Dir(f.path)); err != nil || !st.IsDir() {
			return usageError("-%s %s: directory %s does not exist", f.flag, f.path, filepath.Dir(f.path))
		}
		if err := canWrite(filepath.Dir(f.path)); err != nil {
			return usageError("-%s %s: cannot write into %s: %v", f.flag, f.path, filepath.Dir(f.path), err)
		}
	}
	return nil
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

// record returns every setting of the plan p made of s, for the model's
// record, and the command line that repeats the run, each value quoted as
// a shell needs it.
func (s *trainSettings) record(p *trainPlan) (map[string]string, string) {
	settings := map[string]string{}
	var b strings.Builder
	b.WriteString("nn train")
	add := func(name, value string) {
		settings[name] = value
		if value != "" {
			fmt.Fprintf(&b, " -%s %s", name, shellQuote(value))
		}
	}
	flag := func(name string) {
		b.WriteString(" -" + name)
		settings[name] = "true"
	}
	add("data", s.data)
	add("layers", p.layers)
	add("act", s.act)
	add("opt", s.opt)
	add("lr", fmt.Sprint(p.lr))
	add("schedule", p.sched)
	add("batch", fmt.Sprint(p.batch))
	add("epochs", fmt.Sprint(p.epochs))
	add("l2", fmt.Sprint(s.l2))
	add("dropout", fmt.Sprint(s.dropout))
	if s.batchnorm {
		flag("batchnorm")
	}
	add("clip", fmt.Sprint(s.clip))
	add("val", fmt.Sprint(s.val))
	if k := p.data.kind; k == "iris" || k == "digits" || k == "file" || p.data.testFile != "" {
		add("test", s.test)
	}
	add("patience", fmt.Sprint(s.patience))
	add("seed", fmt.Sprint(s.seed))
	if p.data.kind == "file" {
		c := s.csv
		if c.header {
			flag("header")
		}
		if s.classes {
			flag("classes")
		}
		if c.skip != 0 {
			add("skip", fmt.Sprint(c.skip))
		}
		if p.dataSep != ',' {
			add("sep", sepName(p.dataSep))
		}
		if c.decimalComma {
			flag("decimal-comma")
		}
		if c.targets != "" {
			add("targets", c.targets)
		} else {
			add("label", c.label)
		}
		if c.drop != "" {
			add("drop", c.drop)
		}
	}
	add("o", s.out)
	add("plot", s.plot)
	return settings, b.String()
}
