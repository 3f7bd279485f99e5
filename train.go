package nn

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"time"
)

// TrainConfig says how MLP.Train trains (notes §6, §7). Loss, Optimizer,
// Schedule, BatchSize and Epochs are required; the rest are off at their
// zero value.
type TrainConfig struct {
	Loss      Loss
	Optimizer Optimizer
	Schedule  Schedule // learning rate per epoch, e.g. Constant{0.1}

	// BatchSize selects the variant of §6: the number of training samples
	// (batch gradient descent), 1 (stochastic gradient descent), or anything
	// between (mini-batch; 32, 64 and 128 are common). The samples are
	// reshuffled every epoch; the last batch of an epoch may be smaller.
	BatchSize int
	Epochs    int

	// L2 is λ of the L2 penalty (λ/2) Σ ‖W‖², ≥ 0. It penalizes the weights
	// only, where an optimizer's WeightDecay decays every parameter.
	L2        float64
	ClipNorm  float64 // if > 0, clip the global gradient norm to this
	ClipValue float64 // if > 0, clamp each gradient component to [−c, c]

	// ValX and ValY, if not nil, are evaluated after every epoch.
	ValX, ValY *Matrix
	// Patience > 0 turns on early stopping: training stops after Patience
	// epochs without a lower validation loss, and the network gets back the
	// weights of its best epoch. It needs validation data.
	Patience int

	// Progress, if not nil, is called after every epoch.
	Progress func(EpochStats)
	// OnStep, if not nil, is called after every step (update) with the epoch
	// (1 …), the step within it (1 …), the batch loss and the global gradient
	// norm before clipping.
	OnStep func(epoch, step int, loss, gradNorm float64)
	// OnBatch, if not nil, is called before every step with the rows of X
	// that make its batch, in the epoch's shuffled order. The slice is
	// Train's own: read or copy it, do not keep or change it.
	OnBatch func(rows []int)
	// Stop, if not nil, is called after every step; when it returns true
	// (the user pressed Ctrl-C, say), training ends there with an error
	// wrapping ErrStopped. The network keeps the weights of that step, or
	// with early stopping those of the best epoch so far.
	Stop func() bool

	// untimed leaves EpochStats.Time at 0 (TrainGD, whose caller never
	// sees it): reading the clock once per epoch took 5% of 10,000 epochs
	// of XOR.
	untimed bool
}

// EpochStats is one epoch of a training history.
type EpochStats struct {
	Epoch       int     // 1 …
	TrainLoss   float64 // mean over the epoch's steps of the batch loss, plus the L2 penalty
	ValLoss     float64 // NaN without validation data
	ValAccuracy float64 // NaN without validation data
	LR          float64 // the learning rate of the epoch
	GradNorm    float64 // mean over the epoch's steps of the global gradient norm, before clipping
	MaxGradNorm float64 // the largest global gradient norm of the epoch, before clipping
	Steps       int     // updates in the epoch
	Time        time.Duration
}

// History is what MLP.Train returns: one EpochStats per epoch run, and
// BestEpoch, the epoch whose weights the network holds at the end: the last
// one, or with early stopping the one with the lowest validation loss. When
// Train stops inside an epoch (ErrStopped, or ErrDiverged at a step) without
// early stopping, the network holds the weights of that step, which its
// error names, and BestEpoch is the last epoch completed before it.
type History struct {
	Epochs    []EpochStats
	BestEpoch int
	Stopped   bool // early stopping ended training before cfg.Epochs
}

// ErrDiverged is wrapped by the error Train returns when the loss or a
// gradient becomes NaN or infinite.
var ErrDiverged = errors.New("training diverged")

// ErrStopped is wrapped by the error Train returns when TrainConfig.Stop
// ended training.
var ErrStopped = errors.New("training stopped")

// Train trains net on the samples in the rows of X with targets in the rows
// of Y, by the variant of gradient descent cfg.BatchSize selects (§6): every
// epoch it shuffles the samples with rng, and for each batch runs
// BackpropBatch, adds the L2 gradient, clips, and lets the optimizer step.
// rng also draws the dropout masks.
//
// Before training it checks the data and the settings, and returns an error
// wrapping ErrData (samples or targets missing, NaN or infinite, of the wrong
// size, or targets the loss cannot use: for CrossEntropy every row must be a
// probability vector, entries in [0, 1] summing to 1 within 1e-6, and for
// BinaryCrossEntropy every entry in [0, 1]), ErrSettings (a setting of cfg;
// a loss the output layer cannot take also gives CheckLoss's *LossError)
// or ErrConfig (the network), naming what is wrong; the validation data are
// checked like the training data. It stops with an
// error wrapping ErrDiverged, naming the epoch and step, if the loss or the
// gradient norm becomes NaN or infinite; the network then keeps its last
// good weights, those before the update that made the loss or gradient
// non-finite. The history up to the end is returned in either case.
func (net *MLP) Train(X, Y *Matrix, cfg TrainConfig, rng *rand.Rand) (History, error) {
	var h History
	if err := net.checkTrain(X, Y, cfg, rng); err != nil {
		return h, err
	}
	h.Epochs = make([]EpochStats, 0, min(cfg.Epochs, 1<<16))
	N, B := X.Rows, cfg.BatchSize
	t := net.newTrainer(cfg, B, rng)
	defer t.settle()
	Xb, Yb := NewMatrix(B, X.Cols), NewMatrix(B, Y.Cols)
	order := make([]int, N)
	for i := range order {
		order[i] = i
	}
	var best [][]float64 // the weights of the best epoch, for early stopping
	bestLoss, bestAt := math.Inf(1), 0
	lastLoss := math.NaN()

	start := time.Now() // of the epoch
	for e := 0; e < cfg.Epochs; e++ {
		eta := cfg.Schedule.Rate(e, lastLoss)
		if !(eta >= 0) || math.IsInf(eta, 0) {
			return h, fmt.Errorf("%w: schedule gave learning rate %v for epoch %d", ErrSettings, eta, e+1)
		}
		rng.Shuffle(N, func(i, j int) { order[i], order[j] = order[j], order[i] })
		s := EpochStats{Epoch: e + 1, LR: eta, ValLoss: math.NaN(), ValAccuracy: math.NaN()}
		sumLoss := 0.0
		for lo := 0; lo < N; lo += B {
			hi := min(lo+B, N)
			if cfg.OnBatch != nil {
				cfg.OnBatch(order[lo:hi])
			}
			gather(Xb, X, order[lo:hi])
			gather(Yb, Y, order[lo:hi])
			loss, norm, ok := t.step(Xb, Yb, eta)
			if !ok {
				s.finish(sumLoss)
				s.Time = time.Since(start)
				h.Epochs = append(h.Epochs, s)
				return h, fmt.Errorf("%w at epoch %d, step %d: loss %v, gradient norm %v; the network keeps the last weights whose loss and gradient were finite",
					ErrDiverged, e+1, s.Steps+1, loss, norm)
			}
			s.Steps++
			sumLoss += loss
			s.GradNorm += norm
			s.MaxGradNorm = max(s.MaxGradNorm, norm)
			if cfg.OnStep != nil {
				cfg.OnStep(e+1, s.Steps, loss, norm)
			}
			if cfg.Stop != nil && cfg.Stop() {
				s.finish(sumLoss)
				s.Time = time.Since(start)
				h.Epochs = append(h.Epochs, s)
				if best != nil {
					t.load(best)
				}
				return h, fmt.Errorf("%w at epoch %d, step %d", ErrStopped, e+1, s.Steps)
			}
		}
		s.finish(sumLoss)
		if k := firstNotFinite(t.current()); k >= 0 {
			s.Time = time.Since(start)
			// The last update overflowed a weight: no later loss will show it.
			t.restore()
			h.Epochs = append(h.Epochs, s)
			return h, fmt.Errorf("%w at epoch %d, step %d: a weight became non-finite; the network keeps the weights from before that step",
				ErrDiverged, e+1, s.Steps)
		}
		lastLoss = s.TrainLoss
		if cfg.ValX != nil {
			s.ValLoss, s.ValAccuracy = t.evaluate(cfg.ValX, cfg.ValY)
			lastLoss = s.ValLoss
			if notFinite(s.ValLoss) {
				// The training loss was finite, so the weights are, but the
				// validation samples overflow them: early stopping cannot
				// compare epochs any more.
				s.Time = time.Since(start)
				h.Epochs = append(h.Epochs, s)
				kept := e + 1
				if best != nil {
					t.load(best)
					kept = bestAt
				}
				h.BestEpoch = kept
				return h, fmt.Errorf("%w at epoch %d: validation loss %v; the network keeps the weights of epoch %d",
					ErrDiverged, e+1, s.ValLoss, kept)
			}
		}
		// One reading of the clock ends this epoch and starts the next: at
		// 10,000 epochs of XOR, each reading per epoch shows in the profile.
		if !cfg.untimed {
			end := time.Now()
			s.Time = end.Sub(start)
			start = end
		}
		h.Epochs = append(h.Epochs, s)
		h.BestEpoch = e + 1
		if cfg.Progress != nil {
			cfg.Progress(s)
			start = time.Now() // the next epoch's time leaves out Progress
		}
		if cfg.Patience > 0 {
			if s.ValLoss < bestLoss {
				bestLoss, bestAt = s.ValLoss, e+1
				if best == nil {
					best = net.Clone().state()
				}
				copyAll(best, t.current())
			} else if e+1-bestAt >= cfg.Patience {
				h.Stopped = true
			}
			h.BestEpoch = bestAt
			if h.Stopped {
				break
			}
		}
	}
	if best != nil {
		t.load(best)
	}
	return h, nil
}

// trainer holds what one training step needs, made once per run so that a
// step allocates nothing.
//
// While it trains, every parameter of the network lives in one slab, theta,
// in the order of Params: W^l, b^l (and γ, β of batch normalization) are
// views into it, as the gradients are views into the slab grad. So the
// optimizer's rule is one loop over plain slices, split across the CPUs
// from outside (updates); the gradient norm and clipping run over one
// slice; and the weights before an update are kept by copying one slab to
// prev, so that a bad step is undone by copying it back. (PReLU's α is an
// array, not a view: setParams copies it from the slab after each change.)
// At the end, settle copies the weights back into the network's own slices.
type trainer struct {
	net  *MLP
	cfg  TrainConfig
	ws   *Workspace // training mode
	eval *Workspace // inference mode, for validation
	g    *Grads     // views into grad
	rule rule       // cfg.Optimizer, if it is one of the package's

	theta, prev, grad []float64   // the parameters, a copy from before the last update, the gradients
	params, grads     [][]float64 // views into theta and grad, in the order of Params
	all               [][]float64 // {grad}: the gradient as one list, for the norm and clipping
	own               [][]float64 // the network's own parameter slices, given back by settle
	stats, good       [][]float64 // batch normalization's running statistics, and a copy from before the last update
	state             [][]float64 // params, then stats: net.state() while training
}

func (net *MLP) newTrainer(cfg TrainConfig, batch int, rng *rand.Rand) *trainer {
	t := &trainer{net: net, cfg: cfg, ws: net.NewWorkspace(batch), eval: net.NewWorkspace(batch), g: net.NewGrads()}
	t.ws.Training, t.ws.Rand = true, rng
	t.rule, _ = cfg.Optimizer.(rule)
	t.own = net.Params()
	n := entries(t.own)
	t.theta, t.prev, t.grad = make([]float64, n), make([]float64, n), make([]float64, n)
	t.params, t.grads, t.all = views(t.theta, t.own), views(t.grad, t.own), [][]float64{t.grad}
	copyAll(t.params, t.own)
	net.setParams(t.params)
	t.g.setParams(t.grads)
	t.stats = net.state()[len(t.own):]
	t.good = net.Clone().state()[len(t.own):]
	t.state = append(append([][]float64(nil), t.params...), t.stats...)
	return t
}

// views cuts slab into consecutive slices as long as those of like.
func views(slab []float64, like [][]float64) [][]float64 {
	vs := make([][]float64, len(like))
	for i, p := range like {
		vs[i], slab = slab[:len(p):len(p)], slab[len(p):]
	}
	return vs
}

// setParams points g's slices at ps, a list in the order of Params.
func (g *Grads) setParams(ps [][]float64) {
	i := 0
	for l := 1; l < len(g.W); l++ {
		g.W[l].Data, g.B[l] = ps[i], ps[i+1]
		i += 2
		if g.Alpha[l] != nil {
			g.Alpha[l] = ps[i]
			i++
		}
		if g.Gamma[l] != nil {
			g.Gamma[l], g.Beta[l] = ps[i], ps[i+1]
			i += 2
		}
	}
}

// current returns net.state() without allocating.
func (t *trainer) current() [][]float64 { return t.state }

// load sets the network's state (Params, then the running statistics) to src.
func (t *trainer) load(src [][]float64) {
	copyAll(t.state, src)
	t.net.setParams(t.params)
}

// restore puts back the weights from before the last update.
func (t *trainer) restore() {
	copy(t.theta, t.prev)
	copyAll(t.stats, t.good)
	t.net.setParams(t.params)
}

// settle gives the network back its own slices, holding the current weights.
func (t *trainer) settle() {
	copyAll(t.own, t.params)
	t.net.setParams(t.own)
}

// step takes one step of training on the batch (X, Y) at learning rate eta:
// backpropagation, the L2 gradient, clipping and the optimizer's update. It
// returns the batch loss (with the L2 penalty) and the gradient norm before
// clipping. If either is NaN or infinite, the current weights are bad: it
// puts back those from before the previous update, the last weights whose
// loss and gradient were finite, and reports ok = false.
func (t *trainer) step(X, Y *Matrix, eta float64) (loss, norm float64, ok bool) {
	clearUpper() // the vector build: see vzeroupper in matmul_simd.go
	net, cfg := t.net, t.cfg
	loss = net.BackpropBatch(t.ws, X, Y, cfg.Loss, t.g)
	if cfg.L2 > 0 {
		loss += L2Penalty(net, cfg.L2)
		AddL2Grad(t.g, net, cfg.L2)
	}
	norm = GlobalNorm(t.all)
	if notFinite(loss) || notFinite(norm) {
		// These weights gave a loss or gradient that is not finite: go back
		// to those before the last update.
		t.restore()
		return loss, norm, false
	}
	if cfg.ClipNorm > 0 {
		ClipNorm(t.all, cfg.ClipNorm)
	}
	if cfg.ClipValue > 0 {
		ClipValue(t.all, cfg.ClipValue)
	}
	copyAll(t.good, t.stats)
	if n := len(t.theta); t.rule != nil {
		// prev ← θ and θ ← the rule's update, in one pass over the slab.
		t.rule.begin(n)
		updates.split(slabUpdate{t.rule, t.theta, t.prev, t.grad, eta}, n, 8, n*updateCost)
	} else {
		copy(t.prev, t.theta)
		cfg.Optimizer.Step(t.params, t.grads, eta)
	}
	net.setParams(t.params) // PReLU's α from the slab
	net.updateStats(t.ws)
	return loss, norm, true
}

// updates is the worker pool of the optimizers' updates.
var updates pool[slabUpdate]

// updateCost is about the work of a rule's update of one parameter, in
// multiply-adds (Adam's: a few products, a square root and a division), for
// the pool's decision to split.
const updateCost = 8

// slabUpdate is one update of the parameter slab theta by a rule, keeping
// the parameters from before it in prev, for the pool.
type slabUpdate struct {
	r              rule
	theta, prev, g []float64
	eta            float64
}

func (u slabUpdate) run(lo, hi int) {
	copy(u.prev[lo:hi], u.theta[lo:hi])
	u.r.update(u.theta[lo:hi], u.g[lo:hi], lo, u.eta)
}

// evaluate returns the mean loss and the accuracy of the network on (X, Y),
// in inference mode, a batch at a time.
func (t *trainer) evaluate(X, Y *Matrix) (loss, accuracy float64) {
	L := t.net.L()
	right := 0
	for lo := 0; lo < X.Rows; lo += t.eval.cap {
		hi := min(lo+t.eval.cap, X.Rows)
		Xb := &Matrix{Rows: hi - lo, Cols: X.Cols, Data: X.Data[lo*X.Cols : hi*X.Cols]}
		A := t.net.ForwardBatch(t.eval, Xb)
		for i := range Xb.Rows {
			y := Y.Row(lo + i)
			loss += t.cfg.Loss.Value(t.eval.Z[L].Row(i), A.Row(i), y)
			if predicted(A.Row(i)) == predicted(y) {
				right++
			}
		}
	}
	n := float64(X.Rows)
	return loss / n, float64(right) / n
}

// finish turns the sums of an epoch's steps into means; with no steps they are NaN.
func (s *EpochStats) finish(sumLoss float64) {
	n := float64(s.Steps)
	s.TrainLoss, s.GradNorm = sumLoss/n, s.GradNorm/n
}

// gather sets the rows of dst to the rows idx of src, and dst's row count to len(idx).
func gather(dst, src *Matrix, idx []int) {
	dst.Rows = len(idx)
	dst.Data = dst.Data[: len(idx)*dst.Cols : cap(dst.Data)]
	for i, r := range idx {
		copy(dst.Row(i), src.Row(r))
	}
}

// ErrSettings is wrapped by the errors Train returns for invalid training
// settings (a TrainConfig field, or the rng); ErrConfig stays for the
// network's architecture.
var ErrSettings = errors.New("invalid training settings")

// ErrData is wrapped by the errors Train returns for training or validation
// data it cannot learn from: missing, NaN or infinite values, counts that do
// not match each other or the network, targets the loss cannot use.
var ErrData = errors.New("invalid training data")

// targetTol is how far the sum of a cross-entropy target row may be from 1:
// rows written with 6 or more digits (or in float32) pass, 0.33+0.33+0.33 fails.
const targetTol = 1e-6

// checkTrain validates the data and the settings of Train.
func (net *MLP) checkTrain(X, Y *Matrix, cfg TrainConfig, rng *rand.Rand) error {
	L := net.L()
	switch {
	case rng == nil:
		return fmt.Errorf("%w: rng is nil", ErrSettings)
	case cfg.Loss == nil:
		return fmt.Errorf("%w: no loss", ErrSettings)
	case cfg.Optimizer == nil:
		return fmt.Errorf("%w: no optimizer", ErrSettings)
	case cfg.Schedule == nil:
		return fmt.Errorf("%w: no learning-rate schedule", ErrSettings)
	}
	if err := CheckLoss(cfg.Loss, net.Act[L]); err != nil {
		return fmt.Errorf("%w: %w", ErrSettings, err)
	}
	if err := net.checkData("training", X, Y, cfg.Loss); err != nil {
		return err
	}
	switch {
	case cfg.BatchSize < 1 || cfg.BatchSize > X.Rows:
		return fmt.Errorf("%w: batch size %d must be between 1 and the %d training samples", ErrSettings, cfg.BatchSize, X.Rows)
	case cfg.Epochs < 1:
		return fmt.Errorf("%w: epochs %d must be ≥ 1", ErrSettings, cfg.Epochs)
	case !(cfg.L2 >= 0) || math.IsInf(cfg.L2, 0):
		return fmt.Errorf("%w: L2 λ %v must be ≥ 0 and finite", ErrSettings, cfg.L2)
	case !(cfg.ClipNorm >= 0) || !(cfg.ClipValue >= 0):
		return fmt.Errorf("%w: clipping limits %v and %v must be ≥ 0", ErrSettings, cfg.ClipNorm, cfg.ClipValue)
	case cfg.Patience < 0:
		return fmt.Errorf("%w: patience %d must be ≥ 0", ErrSettings, cfg.Patience)
	case cfg.Patience > 0 && cfg.ValX == nil:
		return fmt.Errorf("%w: early stopping (patience %d) needs validation data", ErrSettings, cfg.Patience)
	case (cfg.ValX == nil) != (cfg.ValY == nil):
		return fmt.Errorf("%w: validation data needs both samples and targets", ErrData)
	}
	if cfg.ValX != nil {
		if cfg.ValX.Rows != cfg.ValY.Rows || cfg.ValX.Cols != X.Cols || cfg.ValY.Cols != Y.Cols {
			return fmt.Errorf("%w: validation samples are %s and targets %s; training ones are %s and %s",
				ErrData, shape(cfg.ValX), shape(cfg.ValY), shape(X), shape(Y))
		}
		if err := net.checkData("validation", cfg.ValX, cfg.ValY, cfg.Loss); err != nil {
			return err
		}
	}
	for l := 1; l <= L; l++ {
		if p := net.keep(l); !(p > 0 && p <= 1) {
			return fmt.Errorf("%w: dropout keep probability %v of layer %d must be in (0, 1]", ErrConfig, p, l)
		}
	}
	if err := cfg.Optimizer.Validate(); err != nil {
		return fmt.Errorf("%w: %v", ErrSettings, err)
	}
	if err := cfg.Schedule.Validate(); err != nil {
		return fmt.Errorf("%w: %v", ErrSettings, err)
	}
	return nil
}

// checkData validates samples X and targets Y (what names them: "training"
// or "validation") against the network and the loss: both present, one
// target row per sample, the network's input and output sizes, every value
// finite, and targets the loss can use: for CrossEntropy each row a
// probability vector (entries in [0, 1] summing to 1 within targetTol), for
// BinaryCrossEntropy each entry in [0, 1].
func (net *MLP) checkData(what string, X, Y *Matrix, loss Loss) error {
	L := net.L()
	switch {
	case X == nil || Y == nil:
		return fmt.Errorf("%w: %s samples or targets are nil", ErrData, what)
	case X.Rows == 0:
		return fmt.Errorf("%w: no %s samples", ErrData, what)
	case X.Rows != Y.Rows:
		return fmt.Errorf("%w: %d %s samples but %d targets", ErrData, X.Rows, what, Y.Rows)
	case X.Cols != net.Sizes[0]:
		return fmt.Errorf("%w: %s samples have %d features but the network has %d inputs", ErrData, what, X.Cols, net.Sizes[0])
	case Y.Cols != net.Sizes[L]:
		return fmt.Errorf("%w: %s targets have %d columns but the network has %d outputs", ErrData, what, Y.Cols, net.Sizes[L])
	case len(X.Data) < X.Rows*X.Cols || len(Y.Data) < Y.Rows*Y.Cols:
		return fmt.Errorf("%w: %s samples %s hold %d values, targets %s hold %d", ErrData, what, shape(X), len(X.Data), shape(Y), len(Y.Data))
	}
	for i := range X.Rows {
		for k, v := range X.Row(i) {
			if notFinite(v) {
				return fmt.Errorf("%w: %s samples contain %v (sample %d, feature %d)", ErrData, what, v, i, k)
			}
		}
	}
	for i := range Y.Rows {
		y := Y.Row(i)
		sum := 0.0
		for k, v := range y {
			if notFinite(v) {
				return fmt.Errorf("%w: %s targets contain %v (sample %d, output %d)", ErrData, what, v, i, k)
			}
			switch loss.(type) {
			case CrossEntropy, BinaryCrossEntropy:
				if v < 0 || v > 1 {
					return fmt.Errorf("%w: %s target %v (sample %d, output %d) is outside [0, 1]; %v needs probabilities", ErrData, what, v, i, k, loss)
				}
			}
			sum += v
		}
		if _, ok := loss.(CrossEntropy); ok && math.Abs(sum-1) > targetTol {
			return fmt.Errorf("%w: %s target row %d sums to %v, not 1; cross-entropy needs a probability vector (one-hot for a class)", ErrData, what, i, sum)
		}
	}
	return nil
}
