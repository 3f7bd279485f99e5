package nn

import "fmt"

// The element-wise passes of a batch: A = f(Z) in the forward pass,
// Δ = f′ applied to G in the backward pass, and the bias gradient 1ᵀΔ. Each
// is split over the CPUs like a product, in the products' pool (matmul.go),
// whose workers may still be watching for work when a pass follows a
// product; a pool of their own would find its workers parked, and waking one
// costs more than the pass (it is not woken for work this small). How much
// the second CPU takes depends on the machine: on a busy 2-vCPU virtual
// machine its worker ran 12% of the passes' chunks in a training step
// (286 of 2400 in 100 steps of BenchmarkTrainStep at -cpu 2). Every entry is
// computed as on one CPU, in the same order, so the split changes no bit
// (TestPassesSplit).

// passCost is about the work of a pass over one entry, in multiply-adds,
// for the pool's decision to split.
const passCost = 4

// applyRows sets A = f(Z) one row (sample) at a time.
func applyRows(f Activation, A, Z *Matrix) {
	products.split(job{kind: kindApply, f: f, C: A, A: Z}, Z.Rows, 1, Z.Rows*Z.Cols*passCost)
}

// backwardRows sets D = f′ applied to G, one row (sample) at a time.
func backwardRows(f Activation, D, Z, A, G *Matrix) {
	products.split(job{kind: kindBackward, f: f, C: D, A: Z, B: A, G: G}, Z.Rows, 1, Z.Rows*Z.Cols*passCost)
}

// ColSumsTo sets s = 1ᵀ·D, the sum of the rows of D. It panics if len(s) ≠ D.Cols.
func ColSumsTo(s []float64, D *Matrix) {
	if len(s) != D.Cols {
		panic(fmt.Sprintf("ColSumsTo: D is %s but len(s) = %d", shape(D), len(s)))
	}
	products.split(job{kind: kindColSums, sums: s, A: D}, D.Cols, 8, D.Rows*D.Cols*passCost)
}

// pass runs the part lo…hi−1 of an element-wise pass: rows of the batch for
// f and f′, columns for the sums. The rows go in blocks of about passBlock
// entries, each after a VZEROUPPER: in the vector build a preemption in the
// middle of a long pass would otherwise slow the rest of it (clearUpper).
func (j job) pass(lo, hi int) {
	clearUpper()               // the vector build: see vzeroupper in matmul_simd.go
	if j.kind == kindColSums { // sums[lo:hi] = Σ_i A[i, lo:hi]
		s := j.sums[lo:hi]
		clear(s)
		for i := range j.A.Rows {
			for k, v := range j.A.Row(i)[lo:hi] {
				s[k] += v
			}
		}
		return
	}
	step := max(1, passBlock/j.A.Cols)
	for b := lo; b < hi; b += step {
		j.rows(b, min(b+step, hi))
		clearUpper()
	}
}

// passBlock is about the number of entries pass computes between two
// VZEROUPPERs.
const passBlock = 4096

// rows computes f or f′ for rows lo…hi−1.
func (j job) rows(lo, hi int) {
	switch j.kind {
	case kindApply: // C = f(A)
		if _, ok := j.f.(Elementwise); ok {
			n := j.A.Cols
			j.f.Apply(j.C.Data[lo*n:hi*n], j.A.Data[lo*n:hi*n])
			return
		}
		for i := lo; i < hi; i++ {
			j.f.Apply(j.C.Row(i), j.A.Row(i))
		}
	case kindBackward: // C = f′ applied to G, at Z = A and f(Z) = B
		if _, ok := j.f.(Elementwise); ok {
			n := j.A.Cols
			j.f.Backward(j.C.Data[lo*n:hi*n], j.A.Data[lo*n:hi*n], j.B.Data[lo*n:hi*n], j.G.Data[lo*n:hi*n])
			return
		}
		for i := lo; i < hi; i++ {
			j.f.Backward(j.C.Row(i), j.A.Row(i), j.B.Row(i), j.G.Row(i))
		}
	}
}
