package playground

// batches.go: the batch of the last step: the session follows the order
// in which MLP.Train takes the samples, so that the gradient check runs on
// the samples the last update was computed from.

import "math/rand/v2"

// batches follows Train's order of the samples. Train draws nothing from
// its generator but one Shuffle of its order per epoch, just after its
// schedule's Rate (the playground's networks have no dropout, which would
// draw masks), and each call of Train starts from the order 0, 1, …, N−1.
// Replaying that Shuffle on a copy of the generator's state gives Train's
// order; TestGradCheckBatchIsLastStep holds this to the library.
type batches struct {
	src   *rand.PCG // the source of the session's generator of the order
	order []int     // Train's order in the current epoch
	last  []int     // the rows of the last step's batch; nil before the first step
	step  int       // the session's step of last
}

// newBatches returns the follower of a new generator, and the generator.
func newBatches(seed uint64) (batches, *rand.Rand) {
	src := shuffleSource(seed)
	return batches{src: src}, rand.New(src)
}

// identity returns 0, 1, …, n−1.
func identity(n int) []int {
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	return order
}

// start is called when a call of Train on n samples starts.
func (b *batches) start(n int) { b.order = identity(n) }

// shuffle is called when Train is about to shuffle its order for an epoch.
func (b *batches) shuffle() { shuffleWith(*b.src, b.order) }

// shuffleWith shuffles order as a generator of the source src would.
func shuffleWith(src rand.PCG, order []int) {
	rand.New(&src).Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
}

// stepped records the batch of step k (1 …) of the epoch, for batches of
// size rows; step is the session's count of steps.
func (b *batches) stepped(k, size, step int) {
	lo := (k - 1) * size
	b.last = append(b.last[:0], b.order[lo:min(lo+size, len(b.order))]...)
	b.step = step
}

// next returns the rows of the batch the first step of a new call of Train
// on n samples will take.
func (b *batches) next(n, size int) []int {
	order := identity(n)
	shuffleWith(*b.src, order)
	return order[:min(size, n)]
}
