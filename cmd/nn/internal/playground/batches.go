package playground

// batches.go: the batch of the last step, as MLP.Train reports it
// (TrainConfig.OnBatch), so that the gradient check runs on the samples the
// last update was computed from.

// batches records the rows of the batch Train is about to step on, and, once
// the step is taken, those of the last step.
type batches struct {
	pending []int // the rows of the step Train is taking
	last    []int // the rows of the last step's batch; nil before the first step
	step    int   // the session's step of last
}

// taking is TrainConfig.OnBatch: Train is about to step on rows.
func (b *batches) taking(rows []int) { b.pending = append(b.pending[:0], rows...) }

// stepped records that the pending batch made the session's step.
func (b *batches) stepped(step int) {
	b.last = append(b.last[:0], b.pending...)
	b.step = step
}

// identity returns the rows 0, 1, …, n−1: before the first step, a check
// takes the first batch-size training samples.
func identity(n int) []int {
	rows := make([]int, n)
	for i := range rows {
		rows[i] = i
	}
	return rows
}
