package playground

// session.go: one browser tab's session: its configuration, data and
// network, and the training goroutine that runs the library's MLP.Train
// (or the perceptron rule) one step at a time as play, pause, step, epoch
// and reset say.

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"example.com/nn"
)

// Modes of the training goroutine.
const (
	modePaused  = iota
	modePlaying // until paused
	modeUntil   // until step ≥ untilStep and epoch ≥ untilEpoch
)

// session is one tab's playground. Every field is guarded by mu. The
// training goroutine holds mu while it computes and lets go of it between
// steps (at once when a handler waits: see lock), so a handler that holds
// mu sees the network between two steps.
type session struct {
	id      string
	mu      sync.Mutex
	cond    *sync.Cond // the training goroutine waits on it while paused; see broadcast
	waiting atomic.Int32

	cfg    Config
	data   *dataset
	scaler *nn.Standardizer // of an uploaded model, applied before the features
	loss   nn.Loss
	X, Y   *nn.Matrix // training inputs (features) and targets
	TX, TY *nn.Matrix // test inputs and targets; nil without test points

	net     *nn.MLP // nil in perceptron mode
	initial *nn.MLP // the weights a reset restores
	opt     nn.Optimizer
	rng     *rand.Rand       // the order of the samples
	batches batches          // the batch of the last step, as Train reports it
	perc    *percRun         // perceptron mode
	percAt  *nn.Perceptron   // the perceptron's weights a reset restores; nil: w = 0, b = 0
	recent  recent           // the weights after the last two steps
	spaces  map[string]space // the workspaces of snapshots

	mode                  int
	untilStep, untilEpoch int
	state, message        string
	run                   *run // the training goroutine, nil when none runs
	epoch, step, inEpoch  int  // epochs completed, updates, updates into the current epoch
	hist                  history
	version               int             // bumped by every change other than training
	changes               int             // bumped by every change: streams send a frame
	wake                  []chan struct{} // streams waiting for a change
	await                 []chan struct{} // handlers waiting for a broadcast

	// used (the time of the last request, in Unix nanoseconds) and streams
	// (the streams open) are read by the server without mu; streams changes
	// with mu held.
	used     atomic.Int64
	streams  atomic.Int32
	closed   bool
	checking bool // a gradient check runs (without mu)

	unwatched   time.Duration // how long training may run with no stream open
	unwatchedAt time.Time     // when training with no stream open pauses
	unwatchedT  *time.Timer
}

// run is one life of the training goroutine; done closes when it returns.
type run struct{ done chan struct{} }

// lock locks mu, telling the training goroutine that a handler waits.
func (s *session) lock() {
	s.waiting.Add(1)
	s.mu.Lock()
	s.waiting.Add(-1)
}

// newSession returns a paused session of a valid configuration.
func newSession(id string, cfg Config, ds *dataset) *session {
	s := &session{id: id, unwatched: UnwatchedSec * time.Second}
	s.used.Store(time.Now().UnixNano())
	s.cond = sync.NewCond(&s.mu)
	s.setup(cfg, ds, nil)
	return s
}

// setup puts in place a configuration, its data and a network (net, or a
// new one from the configuration if nil), paused at epoch 0.
func (s *session) setup(cfg Config, ds *dataset, net *nn.MLP) {
	s.endRun()
	s.cfg, s.data = cfg, ds
	s.loss = lossOf(cfg.Output.Loss)
	s.prepareData()
	if cfg.Perceptron {
		s.net, s.initial, s.percAt = nil, nil, nil
		if net != nil { // an uploaded perceptron: a step unit
			s.percAt = &nn.Perceptron{W: slices.Clone(net.W[1].Data), B: net.B[1][0]}
		}
	} else {
		if net == nil {
			net = newNetwork(&cfg, ds)
		}
		s.initial = net
	}
	s.reset()
}

// prepareData computes the network's inputs and targets from the points.
func (s *session) prepareData() {
	units := s.cfg.outUnits()
	raw, Y := s.data.matrices(false, units)
	X := inputs(raw, s.cfg.Features, s.scaler)
	if s.X == nil || !slices.Equal(X.Data, s.X.Data) || !slices.Equal(Y.Data, s.Y.Data) {
		s.batches.last = nil // its rows are other samples now
	}
	s.X, s.Y = X, Y
	s.TX, s.TY = nil, nil
	if raw, Y := s.data.matrices(true, units); raw != nil {
		s.TX, s.TY = inputs(raw, s.cfg.Features, s.scaler), Y
	}
}

// reset pauses and restores the initial weights, a fresh optimizer and the
// seed's order of samples: the run starts again exactly as it first did.
func (s *session) reset() {
	s.endRun()
	if s.cfg.Perceptron {
		s.perc = newPercRun(len(s.cfg.Features))
		if s.percAt != nil {
			copy(s.perc.p.W, s.percAt.W)
			s.perc.p.B = s.percAt.B
		}
	} else {
		s.perc = nil // the page draws the perceptron whenever there is one
		s.net = s.initial.Clone()
		s.recent = recent{}
		s.recent.save(s.net)
	}
	s.opt = optimizerOf(s.cfg.Training.Optimizer)
	s.batches, s.rng = batches{}, shuffleRand(s.cfg.Training.Seed)
	s.mode, s.state, s.message = modePaused, StatePaused, ""
	s.epoch, s.step, s.inEpoch = 0, 0, 0
	s.hist = history{}
	s.bump()
}

// bump records a change other than a training step.
func (s *session) bump() {
	s.version++
	s.changed()
}

// changed wakes the streams waiting for a new frame.
func (s *session) changed() {
	s.changes++
	for _, c := range s.wake {
		close(c)
	}
	s.wake = s.wake[:0]
}

// broadcast tells the training goroutine and the handlers waiting in wait
// that the mode, the run or the state changed.
func (s *session) broadcast() {
	s.cond.Broadcast()
	for _, c := range s.await {
		close(c)
	}
	s.await = s.await[:0]
}

// wait lets go of mu until the next broadcast, then takes it again as
// every handler does, with lock. (A handler waiting in cond.Wait took mu
// back unseen by the training goroutine, which, playing, let go of mu only
// when someone waited: the handler hung.)
func (s *session) wait() {
	c := make(chan struct{})
	s.await = append(s.await, c)
	s.mu.Unlock()
	<-c
	s.lock()
}

// endRun ends the training goroutine, if any. The network is copied, so
// that the goroutine (which returns at its next step) keeps its own; the
// epoch under way is given up.
func (s *session) endRun() {
	if s.run == nil {
		return
	}
	s.run = nil
	if s.net != nil {
		s.net = s.net.Clone()
	}
	if s.perc != nil {
		s.perc = s.perc.clone()
	}
	s.inEpoch = 0
	s.broadcast()
}

// control applies an action. step and epoch return when it has run.
func (s *session) control(action string) *FieldError {
	if s.state == StateDone && (action == "play" || action == "step" || action == "epoch") {
		return nil // the perceptron has converged: nothing changes any more
	}
	switch action {
	case "play":
		s.mode = modePlaying
	case "pause":
		s.mode = modePaused
	case "step":
		s.mode, s.untilStep, s.untilEpoch = modeUntil, s.step+1, 0
	case "epoch":
		s.mode, s.untilStep, s.untilEpoch = modeUntil, 0, s.epoch+1
	case "reset":
		s.reset()
		return nil
	default:
		return fieldErr("action", "%q; want play, pause, step, epoch or reset", action)
	}
	if s.mode != modePaused {
		s.state, s.message = StatePlaying, ""
		s.startRun()
	}
	s.changed()
	s.broadcast()
	for s.mode == modeUntil && s.run != nil {
		s.wait()
	}
	if s.mode == modePaused && s.state == StatePlaying {
		s.state = StatePaused
	}
	return nil
}

// startRun starts the training goroutine unless it runs or the session
// has ended (a request that found it just before it was dropped).
func (s *session) startRun() {
	if s.run != nil || s.closed {
		return
	}
	r := &run{done: make(chan struct{})}
	s.run = r
	go s.train(r)
	if s.streams.Load() == 0 {
		s.watchUnwatched()
	}
}

// watchUnwatched pauses training s.unwatched from now if no stream is open
// then: a session's training stops when no page shows it.
func (s *session) watchUnwatched() {
	s.unwatchedAt = time.Now().Add(s.unwatched)
	if s.unwatchedT == nil {
		s.unwatchedT = time.AfterFunc(s.unwatched, s.pauseUnwatched)
	} else {
		s.unwatchedT.Reset(s.unwatched)
	}
}

// pauseUnwatched is watchUnwatched's timer: it pauses a session playing
// with no stream open, once the time has come.
func (s *session) pauseUnwatched() {
	s.lock()
	defer s.mu.Unlock()
	if s.closed || s.streams.Load() > 0 || s.mode != modePlaying {
		return
	}
	if d := time.Until(s.unwatchedAt); d > 0 {
		s.unwatchedT.Reset(d)
		return
	}
	s.pause()
	s.endRun()
	s.message = fmt.Sprintf("paused: no page has shown this session for %v (training stops when its page goes away)", s.unwatched)
}

// mayStep is called by the training goroutine before each step: it lets a
// waiting handler in, then returns true when the step may be taken, false
// when the run has ended, and waits (using no CPU) while the session is
// paused.
func (s *session) mayStep(r *run) bool {
	s.yield()
	for s.run == r {
		switch {
		case s.mode == modePlaying:
			return true
		case s.mode == modeUntil && (s.step < s.untilStep || s.epoch < s.untilEpoch):
			return true
		case s.mode == modeUntil:
			s.pause()
		}
		s.cond.Wait()
	}
	return false
}

// pause stops training where it is.
func (s *session) pause() {
	s.mode = modePaused
	if s.state == StatePlaying {
		s.state = StatePaused
	}
	s.changed()
	s.broadcast()
}

// train is the training goroutine: runs of Train (or epochs of the
// perceptron) while mayStep allows.
func (s *session) train(r *run) {
	s.lock()
	defer s.mu.Unlock()
	defer close(r.done)
	for s.mayStep(r) {
		if s.cfg.Perceptron {
			s.perceptronEpoch(r)
		} else {
			s.mlpEpochs(r)
		}
	}
}

// stepsPerEpoch returns the number of updates in an epoch.
func (s *session) stepsPerEpoch() int {
	if s.cfg.Perceptron {
		return s.X.Rows
	}
	b := s.batch()
	return (s.X.Rows + b - 1) / b
}

// batch returns the batch size: Training.Batch, or all training points.
func (s *session) batch() int {
	if b := s.cfg.Training.Batch; b > 0 && b < s.X.Rows {
		return b
	}
	return s.X.Rows
}

// chunk is the number of epochs of one call of Train. Train keeps the
// statistics of every epoch it runs, so a call does not run for ever.
const chunk = 1000

// mlpEpochs runs MLP.Train for up to chunk epochs, one step at a time:
// before the first step of an epoch the schedule (gate) waits while the
// session is paused, before each other step Stop does.
func (s *session) mlpEpochs(r *run) {
	t := s.cfg.Training
	per := s.stepsPerEpoch()
	cfg := nn.TrainConfig{Loss: s.loss, Optimizer: s.opt, Schedule: gate{s, r, t.Eta},
		BatchSize: s.batch(), Epochs: chunk, L2: t.L2, ClipNorm: t.ClipNorm, ValX: s.TX, ValY: s.TY,
		OnBatch: s.batches.taking,
		OnStep: func(int, int, float64, float64) {
			s.step++
			s.inEpoch++
			s.batches.stepped(s.step)
			s.recent.save(s.net)
			s.changed()
		},
		Stop: func() bool {
			if s.inEpoch == per { // the epoch's last step: the gate waits before the next
				return s.run != r
			}
			return !s.mayStep(r)
		},
		Progress: func(e nn.EpochStats) {
			s.inEpoch = 0
			s.epoch++
			// Train's figures: the mean batch loss of the epoch (with the L2
			// penalty), the test loss and accuracy at its end.
			p := EpochPoint{Epoch: s.epoch, Step: s.step, TrainLoss: num(e.TrainLoss), TestLoss: num(e.ValLoss)}
			if !s.data.isCurve() {
				p.TestScore = num(e.ValAccuracy)
			}
			s.hist.add(p)
			s.changed()
		},
	}
	h, err := s.net.Train(s.X, s.Y, cfg, s.rng)
	if s.run != r { // ended at the gate or at a step
		return
	}
	s.inEpoch = 0
	switch {
	case err == nil:
		return // the chunk is done: the next goes on
	case errors.Is(err, nn.ErrDiverged):
		if len(h.Epochs) == 1 && h.Epochs[0].Steps == 0 {
			// The first step of this call of Train failed: Train had no
			// weights of its own to go back to; these are the weights
			// before the last update, which the call before made.
			s.recent.restore(s.net)
		}
		s.diverged(err)
	default:
		s.mode, s.state, s.message = modePaused, StatePaused, err.Error()
	}
	s.changed()
	s.broadcast()
}

// gate is the learning-rate schedule of the session's Train: η in every
// epoch, but Rate, which Train calls at the start of each epoch before it
// draws the epoch's order, first waits while the session is paused, and
// returns NaN when the run has ended, which makes Train return at once.
type gate struct {
	s   *session
	r   *run
	eta float64
}

// Rate returns η once the session lets the epoch start, NaN if it ends.
func (g gate) Rate(int, float64) float64 {
	if !g.s.mayStep(g.r) {
		return math.NaN()
	}
	return g.eta
}

// Validate checks η as nn.Constant does.
func (g gate) Validate() error { return nn.Constant{LR: g.eta}.Validate() }

// diverged pauses after a NaN or infinite loss: Train has kept the last
// finite weights; the message says what to change.
func (s *session) diverged(err error) {
	t := s.cfg.Training
	s.mode, s.state = modePaused, StateDiverged
	advice := fmt.Sprintf("try a smaller learning rate η (now %v)", t.Eta)
	if t.ClipNorm == 0 {
		advice += ", or clip the gradient's norm (clip_norm, say 1)"
	}
	if t.Optimizer == "sgd" || t.Optimizer == "momentum" || t.Optimizer == "nesterov" {
		advice += ", or Adam"
	}
	s.message = fmt.Sprintf("%v; %s, then press play", err, advice)
}

// yield lets a waiting handler take mu between two steps.
func (s *session) yield() {
	if s.waiting.Load() > 0 {
		s.mu.Unlock()
		runtime.Gosched()
		s.mu.Lock()
	}
}

// recent keeps the weights after the last two steps, so that a divergence
// at the first step of an epoch (a Train call of its own) can go back to
// the weights before the last update, as Train does within an epoch.
type recent struct {
	w [2][][]float64 // w[1] after the last step, w[0] after the one before
	n int
}

// save copies the network's weights as those after the last step.
func (r *recent) save(net *nn.MLP) {
	if r.w[0] == nil {
		for i := range r.w {
			r.w[i] = net.Clone().Params()
		}
	}
	r.w[0], r.w[1] = r.w[1], r.w[0]
	i := 0
	for l := 1; l <= net.L(); l++ {
		copy(r.w[1][i], net.W[l].Data)
		copy(r.w[1][i+1], net.B[l])
		i += 2
	}
	r.n++
}

// restore puts back the weights before the last update (reset saves the
// initial ones first), if there was one.
func (r *recent) restore(net *nn.MLP) {
	if r.n < 2 {
		return
	}
	i := 0
	for l := 1; l <= net.L(); l++ {
		copy(net.W[l].Data, r.w[0][i])
		copy(net.B[l], r.w[0][i+1])
		i += 2
	}
	r.w[1], r.n = nil, 0
	r.w[0] = nil
}
