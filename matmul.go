package nn

import "fmt"

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
// Built with GOEXPERIMENT=simd on amd64, the products run vector kernels
// instead (matmul_simd.go), AVX-512 or AVX2 as the CPU has them, and these
// loops remain for other CPUs and for products too small for a vector tile.
//
// The summation order differs from the plain loops, so results agree up to
// rounding, not bit for bit; TestKernelsMatchPlain checks every kernel
// against them within the rounding bound.

// MulTTo sets C = A·Bᵀ (see MulT). C must be A.Rows×B.Rows and must not
// overlap A or B. It panics on a shape mismatch.
func MulTTo(C, A, B *Matrix) {
	if A.Cols != B.Cols || C.Rows != A.Rows || C.Cols != B.Rows {
		panic(fmt.Sprintf("MulTTo: C is %s, A is %s, B is %s; want C = A·Bᵀ", shape(C), shape(A), shape(B)))
	}
	product(job{kind: kindMulT, C: C, A: A, B: B})
}

// LinearTo sets Z = A·Wᵀ + 1·bᵀ (see Linear). Z must be A.Rows×W.Rows and
// must not overlap A or W. It panics on a shape mismatch. The bias is the
// accumulators' starting value, so Z is written once.
func LinearTo(Z, A, W *Matrix, b []float64) {
	if A.Cols != W.Cols || Z.Rows != A.Rows || Z.Cols != W.Rows || len(b) != W.Rows {
		panic(fmt.Sprintf("LinearTo: Z is %s, A is %s, W is %s, len(b) = %d; want Z = A·Wᵀ + 1·bᵀ", shape(Z), shape(A), shape(W), len(b)))
	}
	product(job{kind: kindMulT, C: Z, A: A, B: W, bias: b})
}

// MulTo sets C = A·B (see Mul). C must be A.Rows×B.Cols and must not overlap
// A or B. It panics on a shape mismatch.
func MulTo(C, A, B *Matrix) {
	if A.Cols != B.Rows || C.Rows != A.Rows || C.Cols != B.Cols {
		panic(fmt.Sprintf("MulTo: C is %s, A is %s, B is %s; want C = A·B", shape(C), shape(A), shape(B)))
	}
	product(job{kind: kindMul, C: C, A: A, B: B})
}

// TMulTo sets C = Aᵀ·B (see TMul). C must be A.Cols×B.Cols and must not
// overlap A or B. It panics on a shape mismatch.
func TMulTo(C, A, B *Matrix) {
	if A.Rows != B.Rows || C.Rows != A.Cols || C.Cols != B.Cols {
		panic(fmt.Sprintf("TMulTo: C is %s, A is %s, B is %s; want C = Aᵀ·B", shape(C), shape(A), shape(B)))
	}
	product(job{kind: kindTMul, C: C, A: A, B: B})
}

// inner returns the length of the sums of a product: the K of C = A·Bᵀ, A·B or Aᵀ·B.
func (j *job) inner() int {
	if j.kind == kindTMul {
		return j.A.Rows
	}
	return j.A.Cols
}

// product runs j with the fastest kernel that suits its shape, split across
// the worker pool when it is large enough.
func product(j job) {
	j.kern = chooseKernel(j.C.Rows, j.C.Cols, j.inner())
	if j.kern == portable && j.C.Rows*j.C.Cols*j.inner() < minParallelWork {
		// The small products of small networks: straight to the loops.
		j.run(0, j.C.Rows)
		return
	}
	run(j)
}

// products is the worker pool of the products.
var products pool[job]

// run runs j with the kernel j.kern. The portable kernels split the rows of
// C across the pool, the vector kernels its columns (so that each part
// packs only its own panels of B).
func run(j job) {
	work := j.C.Rows * j.C.Cols * j.inner()
	if j.kern == portable {
		products.split(j, j.C.Rows, 2, work)
		return
	}
	// A vector kernel does the same work in about a quarter of the time,
	// so a split pays only for 4× the work.
	products.split(j, j.C.Cols, j.kern.width(), work/4)
}

// mulTRows sets rows lo…hi−1 of C = A·Bᵀ + 1·biasᵀ (no bias if bias is
// nil). Each pass takes 2 rows of A and 4 rows of B and forms their 8 dot
// products at once, in accumulators that start at the bias.
func mulTRows(C, A, B *Matrix, bias []float64, lo, hi int) {
	n, K := B.Rows, A.Cols
	var zero [4]float64
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
			start := zero[:]
			if bias != nil {
				start = bias[j : j+4]
			}
			s00, s01, s02, s03 := start[0], start[1], start[2], start[3]
			s10, s11, s12, s13 := s00, s01, s02, s03
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
			if bias != nil {
				c0[j], c1[j] = bias[j]+c0[j], bias[j]+c1[j]
			}
		}
	}
	for ; i < hi; i++ {
		a := A.Data[i*K : i*K+K]
		for j := range n {
			C.Data[i*n+j] = dot(a, B.Data[j*K:j*K+K])
			if bias != nil {
				C.Data[i*n+j] += bias[j]
			}
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

// The kernels.

// kernel names a set of product kernels: the portable ones above, or the
// vector ones of the GOEXPERIMENT=simd build (matmul_simd.go).
type kernel uint8

const (
	portable kernel = iota
	avx2            // 4 float64 lanes, tiles of 4×8
	avx512          // 8 float64 lanes, tiles of 8×16 (4×16 for the last rows)
)

// width is the number of columns of C in one tile of the kernel's inner loop.
func (k kernel) width() int {
	switch k {
	case avx2:
		return 8
	case avx512:
		return 16
	}
	return 4
}

// String names the kernel, as benchmarks and tests print it.
func (k kernel) String() string {
	return [...]string{"portable", "avx2", "avx512"}[k]
}

// best is the fastest kernel this CPU runs. The vector build sets it at
// start-up from the CPU's features; the portable build leaves it portable.
var best = portable

// kernels lists every kernel this CPU runs, portable first, for the tests.
var kernels = []kernel{portable}

// chooseKernel returns the kernel for a product of m×n results, each a sum
// of K terms: best, unless the product is too small for a vector kernel to
// pay. A tile's columns past n, and its rows past m, are padded
// (vectorBlocks), which pays for narrow products: 128×n×128 ran 1.2× (n = 1)
// to 8.6× (n = 15) faster in a padded AVX-512 tile than in the portable loops
// (their last columns are dot products of one running sum each). It does not
// pay for fewer than 4 rows, where the padding is most of the tile (1×10×128:
// 5–7 µs against 1.2), nor for fewer than minVectorWork multiply-adds.
func chooseKernel(m, n, K int) kernel {
	if best == portable || m < 4 || m*n*K < minVectorWork {
		return portable
	}
	return best
}

// minVectorWork is the number of multiply-adds below which the portable
// loops are faster than a vector kernel, which costs about a microsecond to
// set up (its buffers on the stack): on one CPU of an Intel Xeon, 8×4×16
// took 1.1–2.3 µs in a vector kernel and 0.4–0.7 in the loops, 16×16×16
// 2.0–3.4 against 3.1–4.4.
const minVectorWork = 1 << 12

type kind uint8

const (
	kindMulT kind = iota
	kindMul
	kindTMul
	kindApply    // passes.go: C = f(A), a row at a time
	kindBackward // passes.go: C = f′ applied to G at (Z, A) = (A, B)
	kindColSums  // passes.go: sums = the sum of the rows of A
)

// job is one product: C = A·Bᵀ (+ 1·biasᵀ), A·B or Aᵀ·B, with the kernel
// kern; or one of the element-wise passes of passes.go, which share the
// products' pool.
type job struct {
	kind    kind
	kern    kernel
	C, A, B *Matrix
	bias    []float64  // kindMulT only: C = A·Bᵀ + 1·biasᵀ
	f       Activation // kindApply and kindBackward
	G       *Matrix    // kindBackward
	sums    []float64  // kindColSums
	lo, hi  int        // the part being computed: rows of C for the portable kernels, columns for the vector kernels (passes: see pass)
}

// run computes the part lo…hi−1 of the product: rows of C for the portable
// kernels, columns for the vector kernels; or of the pass (see pass).
func (j job) run(lo, hi int) {
	j.lo, j.hi = lo, hi
	if j.kind >= kindApply {
		j.pass(lo, hi)
		return
	}
	if j.kern != portable {
		runVector(j)
		return
	}
	switch j.kind {
	case kindMulT:
		mulTRows(j.C, j.A, j.B, j.bias, lo, hi)
	case kindMul:
		mulRows(j.C, j.A, j.B, lo, hi)
	case kindTMul:
		tmulRows(j.C, j.A, j.B, lo, hi)
	}
}

// kc is the length of the blocks over k of the vector kernels: a kc×16
// panel of B (32 KB) stays in the L1 cache while every row of A passes it.
const kc = 256
