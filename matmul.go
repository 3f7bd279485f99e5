package nn

import (
	"fmt"
	"runtime"
	"sync"
)

// The fast batch products. Each computes exactly what its plain twin in
// matrix.go computes (MulT, Mul, TMul, Linear), writing into dst without
// allocating. Two things make them fast:
//
//   - register blocking: each pass of the inner loop reads a few rows once and
//     updates several outputs, so the CPU does arithmetic instead of waiting on
//     memory; every inner loop runs over contiguous rows;
//   - the rows of dst are split across a small pool of goroutines, one per
//     CPU, when the product is large enough to pay for it.
//
// The summation order differs from the plain loops, so results agree up to
// rounding, not bit for bit.

// MulTTo sets C = A·Bᵀ (see MulT). C must be A.Rows×B.Rows and must not
// overlap A or B. It panics on a shape mismatch.
func MulTTo(C, A, B *Matrix) {
	if A.Cols != B.Cols || C.Rows != A.Rows || C.Cols != B.Rows {
		panic(fmt.Sprintf("MulTTo: C is %s, A is %s, B is %s; want C = A·Bᵀ", shape(C), shape(A), shape(B)))
	}
	parallel(job{kind: kindMulT, C: C, A: A, B: B}, C.Rows, A.Rows*B.Rows*A.Cols)
}

// LinearTo sets Z = A·Wᵀ + 1·bᵀ (see Linear). Z must be A.Rows×W.Rows and
// must not overlap A or W. It panics on a shape mismatch.
func LinearTo(Z, A, W *Matrix, b []float64) {
	if len(b) != W.Rows || A.Cols != W.Cols || Z.Rows != A.Rows || Z.Cols != W.Rows {
		panic(fmt.Sprintf("LinearTo: Z is %s, A is %s, W is %s, len(b) = %d; want Z = A·Wᵀ + 1·bᵀ", shape(Z), shape(A), shape(W), len(b)))
	}
	MulTTo(Z, A, W)
	for i := range Z.Rows {
		z := Z.Row(i)
		for j := range z {
			z[j] += b[j]
		}
	}
}

// MulTo sets C = A·B (see Mul). C must be A.Rows×B.Cols and must not overlap
// A or B. It panics on a shape mismatch.
func MulTo(C, A, B *Matrix) {
	if A.Cols != B.Rows || C.Rows != A.Rows || C.Cols != B.Cols {
		panic(fmt.Sprintf("MulTo: C is %s, A is %s, B is %s; want C = A·B", shape(C), shape(A), shape(B)))
	}
	parallel(job{kind: kindMul, C: C, A: A, B: B}, C.Rows, A.Rows*A.Cols*B.Cols)
}

// TMulTo sets C = Aᵀ·B (see TMul). C must be A.Cols×B.Cols and must not
// overlap A or B. It panics on a shape mismatch.
func TMulTo(C, A, B *Matrix) {
	if A.Rows != B.Rows || C.Rows != A.Cols || C.Cols != B.Cols {
		panic(fmt.Sprintf("TMulTo: C is %s, A is %s, B is %s; want C = Aᵀ·B", shape(C), shape(A), shape(B)))
	}
	parallel(job{kind: kindTMul, C: C, A: A, B: B}, C.Rows, A.Rows*A.Cols*B.Cols)
}

// mulTRows sets rows lo…hi−1 of C = A·Bᵀ. Each pass takes 2 rows of A and 4
// rows of B and forms their 8 dot products at once.
func mulTRows(C, A, B *Matrix, lo, hi int) {
	n, K := B.Rows, A.Cols
	i := lo
	for ; i+2 <= hi; i += 2 {
		a0 := A.Data[i*K : i*K+K]
		a1 := A.Data[(i+1)*K : (i+1)*K+K]
		c0 := C.Data[i*n : i*n+n]
		c1 := C.Data[(i+1)*n : (i+1)*n+n]
		j := 0
		for ; j+4 <= n; j += 4 {
			b0 := B.Data[j*K : j*K+K]
			b1 := B.Data[(j+1)*K : (j+1)*K+K]
			b2 := B.Data[(j+2)*K : (j+2)*K+K]
			b3 := B.Data[(j+3)*K : (j+3)*K+K]
			a1 := a1[:len(a0)]
			b0, b1, b2, b3 = b0[:len(a0)], b1[:len(a0)], b2[:len(a0)], b3[:len(a0)]
			var s00, s01, s02, s03, s10, s11, s12, s13 float64
			for k, x0 := range a0 {
				x1 := a1[k]
				y0, y1, y2, y3 := b0[k], b1[k], b2[k], b3[k]
				s00 += x0 * y0
				s01 += x0 * y1
				s02 += x0 * y2
				s03 += x0 * y3
				s10 += x1 * y0
				s11 += x1 * y1
				s12 += x1 * y2
				s13 += x1 * y3
			}
			c0[j], c0[j+1], c0[j+2], c0[j+3] = s00, s01, s02, s03
			c1[j], c1[j+1], c1[j+2], c1[j+3] = s10, s11, s12, s13
		}
		for ; j < n; j++ {
			b := B.Data[j*K : j*K+K]
			c0[j], c1[j] = dot(a0, b), dot(a1, b)
		}
	}
	for ; i < hi; i++ {
		a := A.Data[i*K : i*K+K]
		for j := range n {
			C.Data[i*n+j] = dot(a, B.Data[j*K:j*K+K])
		}
	}
}

func dot(u, v []float64) float64 {
	v = v[:len(u)]
	s := 0.0
	for k, x := range u {
		s += x * v[k]
	}
	return s
}

// mulRows sets rows lo…hi−1 of C = A·B: row i of C is Σ_j a_ij (row j of B).
func mulRows(C, A, B *Matrix, lo, hi int) {
	J, K := A.Cols, B.Cols
	for i := lo; i < hi; i++ {
		c := C.Data[i*K : i*K+K]
		clear(c)
		a := A.Data[i*J : i*J+J]
		j := 0
		for ; j+4 <= J; j += 4 {
			axpy4(c, a[j], a[j+1], a[j+2], a[j+3],
				B.Data[j*K:j*K+K], B.Data[(j+1)*K:(j+1)*K+K], B.Data[(j+2)*K:(j+2)*K+K], B.Data[(j+3)*K:(j+3)*K+K])
		}
		for ; j < J; j++ {
			axpy(c, a[j], B.Data[j*K:j*K+K])
		}
	}
}

// tmulRows sets rows lo…hi−1 of C = Aᵀ·B: row j of C is Σ_i a_ij (row i of B).
func tmulRows(C, A, B *Matrix, lo, hi int) {
	m, J, K := A.Rows, A.Cols, B.Cols
	for j := lo; j < hi; j++ {
		c := C.Data[j*K : j*K+K]
		clear(c)
		i := 0
		for ; i+4 <= m; i += 4 {
			axpy4(c, A.Data[i*J+j], A.Data[(i+1)*J+j], A.Data[(i+2)*J+j], A.Data[(i+3)*J+j],
				B.Data[i*K:i*K+K], B.Data[(i+1)*K:(i+1)*K+K], B.Data[(i+2)*K:(i+2)*K+K], B.Data[(i+3)*K:(i+3)*K+K])
		}
		for ; i < m; i++ {
			axpy(c, A.Data[i*J+j], B.Data[i*K:i*K+K])
		}
	}
}

// axpy4 sets c += x0·b0 + x1·b1 + x2·b2 + x3·b3, reading and writing c once
// for four rows of B.
func axpy4(c []float64, x0, x1, x2, x3 float64, b0, b1, b2, b3 []float64) {
	b0, b1, b2, b3 = b0[:len(c)], b1[:len(c)], b2[:len(c)], b3[:len(c)]
	for k := range c {
		c[k] += x0*b0[k] + x1*b1[k] + x2*b2[k] + x3*b3[k]
	}
}

// axpy sets c += x·b.
func axpy(c []float64, x float64, b []float64) {
	b = b[:len(c)]
	for k := range c {
		c[k] += x * b[k]
	}
}

// The worker pool. A product splits the rows of its result into one range per
// CPU; the caller runs one range and the workers the others. Jobs are plain
// structs sent over channels, so a product allocates nothing.

type kind uint8

const (
	kindMulT kind = iota
	kindMul
	kindTMul
)

type job struct {
	kind    kind
	C, A, B *Matrix
	lo, hi  int
}

func (j job) run() {
	switch j.kind {
	case kindMulT:
		mulTRows(j.C, j.A, j.B, j.lo, j.hi)
	case kindMul:
		mulRows(j.C, j.A, j.B, j.lo, j.hi)
	case kindTMul:
		tmulRows(j.C, j.A, j.B, j.lo, j.hi)
	}
}

// minParallelWork is the number of multiply-adds below which a product runs
// on the calling goroutine: handing work to another goroutine costs a few
// microseconds.
const minParallelWork = 1 << 16

var pool struct {
	once sync.Once
	mu   sync.Mutex // held while the workers run one product's jobs
	jobs chan job
	done chan struct{}
	n    int // number of workers
}

func startPool() {
	pool.n = runtime.GOMAXPROCS(0) - 1
	pool.jobs = make(chan job, pool.n)
	pool.done = make(chan struct{}, pool.n)
	for range pool.n {
		go func() {
			for j := range pool.jobs {
				j.run()
				pool.done <- struct{}{}
			}
		}()
	}
}

// parallel runs j over rows 0…rows−1 of its result, split across the pool
// when work (multiply-adds) is large enough. If another goroutine is using
// the pool, it runs on the calling goroutine instead.
func parallel(j job, rows, work int) {
	pool.once.Do(startPool)
	if pool.n == 0 || work < minParallelWork || rows < 4 || !pool.mu.TryLock() {
		j.lo, j.hi = 0, rows
		j.run()
		return
	}
	defer pool.mu.Unlock()
	parts := min(pool.n+1, rows/2)
	// Split on even boundaries so that the 2-row blocks of mulTRows stay whole.
	chunk := (rows/parts + 1) &^ 1
	lo := 0
	sent := 0
	for ; sent < parts-1 && lo+chunk < rows; sent++ {
		w := j
		w.lo, w.hi = lo, lo+chunk
		pool.jobs <- w
		lo += chunk
	}
	j.lo, j.hi = lo, rows
	j.run()
	for range sent {
		<-pool.done
	}
}
