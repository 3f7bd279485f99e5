package playground

// perceptron.go: perceptron mode (§1): the library's Perceptron, trained
// one sample at a time by its learning rule, Perceptron.Learn.

import (
	"fmt"
	"slices"

	"example.com/nn"
)

// notConverged is the epoch after which a run that still makes mistakes is
// said not to converge.
const notConverged = 100

// percRun is a perceptron and its count of updates.
type percRun struct {
	p         *nn.Perceptron
	order     []int // the samples in the order of the current epoch
	updates   int   // mistakes corrected so far
	mistakes  int   // in the last complete epoch
	converged bool
}

func newPercRun(inputs int) *percRun { return &percRun{p: nn.NewPerceptron(inputs)} }

func (r *percRun) clone() *percRun {
	c := *r
	c.p = &nn.Perceptron{W: slices.Clone(r.p.W), B: r.p.B}
	c.order = slices.Clone(r.order)
	return &c
}

// perceptronEpoch runs one epoch of the perceptron rule in a new random
// order, as Perceptron.Train does, a sample per step; an epoch without a
// mistake ends training (the convergence theorem of §1).
func (s *session) perceptronEpoch(r *run) {
	pr, eta := s.perc, s.cfg.Training.Eta
	if len(pr.order) != s.X.Rows {
		pr.order = make([]int, s.X.Rows)
		for i := range pr.order {
			pr.order[i] = i
		}
	}
	s.rng.Shuffle(len(pr.order), func(i, j int) { pr.order[i], pr.order[j] = pr.order[j], pr.order[i] })
	mistakes := 0
	for _, i := range pr.order {
		if !s.mayStep(r) {
			return
		}
		if pr.p.Learn(s.X.Row(i), s.Y.At(i, 0), eta) {
			mistakes++
			pr.updates++
		}
		s.step++
		s.inEpoch++
		s.changed()
	}
	s.inEpoch = 0
	s.epoch++
	pr.mistakes = mistakes
	// The accuracy during the epoch: the share of samples it got right.
	s.hist.add(EpochPoint{Epoch: s.epoch, Step: s.step, TrainScore: num(1 - float64(mistakes)/float64(s.X.Rows))})
	switch {
	case mistakes == 0:
		pr.converged = true
		s.mode, s.state = modePaused, StateDone
		s.message = fmt.Sprintf("converged: epoch %d made no mistake, after %d updates; the line separates the training points (§1)", s.epoch, pr.updates)
	case s.epoch >= notConverged:
		s.message = fmt.Sprintf("not converged after %d epochs (%d updates, %d mistakes in the last epoch): if no line separates the classes, as for XOR, the rule never stops (§1)",
			s.epoch, pr.updates, mistakes)
	}
	s.changed()
	s.broadcast()
}
