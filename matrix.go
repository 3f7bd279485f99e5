package nn

import "fmt"

// Matrix is a Rows×Cols matrix in row-major order:
// element (i, j) is Data[i*Cols+j].
//
// A layer's weights W^l are an n_l×n_{l−1} Matrix, so w_jk is W.At(j, k).
// A batch of m samples is an m×n Matrix whose rows are the samples.
// Vectors are plain []float64.
type Matrix struct {
	Rows, Cols int
	Data       []float64
}

// NewMatrix returns a rows×cols matrix of zeros.
// It panics if rows or cols is negative.
func NewMatrix(rows, cols int) *Matrix {
	if rows < 0 || cols < 0 {
		panic(fmt.Sprintf("NewMatrix: negative shape %d×%d", rows, cols))
	}
	return &Matrix{Rows: rows, Cols: cols, Data: make([]float64, rows*cols)}
}

// FromRows returns a matrix whose rows are copies of rows.
// It panics if the rows have different lengths.
func FromRows(rows [][]float64) *Matrix {
	if len(rows) == 0 {
		return NewMatrix(0, 0)
	}
	M := NewMatrix(len(rows), len(rows[0]))
	for i, r := range rows {
		if len(r) != M.Cols {
			panic(fmt.Sprintf("FromRows: row 0 has %d entries but row %d has %d", M.Cols, i, len(r)))
		}
		copy(M.Row(i), r)
	}
	return M
}

// At returns element (i, j).
func (M *Matrix) At(i, j int) float64 {
	M.check("At", i, j)
	return M.Data[i*M.Cols+j]
}

// Set sets element (i, j) to v.
func (M *Matrix) Set(i, j int, v float64) {
	M.check("Set", i, j)
	M.Data[i*M.Cols+j] = v
}

func (M *Matrix) check(fn string, i, j int) {
	if i < 0 || i >= M.Rows || j < 0 || j >= M.Cols {
		panic(fmt.Sprintf("%s: index (%d, %d) out of range for %d×%d matrix", fn, i, j, M.Rows, M.Cols))
	}
}

// Row returns row i. It shares storage with M: writing to it changes M.
func (M *Matrix) Row(i int) []float64 {
	if i < 0 || i >= M.Rows {
		panic(fmt.Sprintf("Row: row %d out of range for %d×%d matrix", i, M.Rows, M.Cols))
	}
	return M.Data[i*M.Cols : (i+1)*M.Cols : (i+1)*M.Cols]
}

// Clone returns a deep copy of M.
func (M *Matrix) Clone() *Matrix {
	return &Matrix{Rows: M.Rows, Cols: M.Cols, Data: append([]float64(nil), M.Data...)}
}

// String formats M one row per line, for debugging and examples.
func (M *Matrix) String() string {
	s := ""
	for i := range M.Rows {
		s += fmt.Sprint(M.Row(i))
		if i < M.Rows-1 {
			s += "\n"
		}
	}
	return s
}

func shape(M *Matrix) string { return fmt.Sprintf("%d×%d", M.Rows, M.Cols) }

// One sample: the products of §5 and §10, as plain loops.

// MulVec returns the matrix–vector product W·x (notes §3, §5 step 1):
//
//	(W x)_j = Σ_k w_jk x_k
//
// W is n_l×n_{l−1} and x has length n_{l−1}; the result has length n_l.
func MulVec(W *Matrix, x []float64) []float64 {
	if W.Cols != len(x) {
		panic(fmt.Sprintf("MulVec: W is %s but len(x) = %d", shape(W), len(x)))
	}
	z := make([]float64, W.Rows)
	for j := range W.Rows {
		for k, xk := range x {
			z[j] += W.Data[j*W.Cols+k] * xk
		}
	}
	return z
}

// MulTVec returns Wᵀ·δ, the error sent back through the weights (notes §5 step 4, §9):
//
//	(Wᵀ δ)_k = Σ_j w_jk δ_j
//
// W is n_l×n_{l−1} and δ has length n_l; the result has length n_{l−1}.
func MulTVec(W *Matrix, delta []float64) []float64 {
	if W.Rows != len(delta) {
		panic(fmt.Sprintf("MulTVec: W is %s but len(delta) = %d", shape(W), len(delta)))
	}
	g := make([]float64, W.Cols)
	for j, dj := range delta {
		for k := range W.Cols {
			g[k] += W.Data[j*W.Cols+k] * dj
		}
	}
	return g
}

// Outer returns the outer product δ·aᵀ, the weight gradient of one sample (notes §5 step 5):
//
//	(δ aᵀ)_jk = δ_j a_k
//
// The result is len(delta)×len(a).
func Outer(delta, a []float64) *Matrix {
	G := NewMatrix(len(delta), len(a))
	for j, dj := range delta {
		for k, ak := range a {
			G.Data[j*G.Cols+k] = dj * ak
		}
	}
	return G
}

// Hadamard returns the element-wise product u ⊙ v (notes §5 steps 3 and 4):
//
//	(u ⊙ v)_j = u_j v_j
func Hadamard(u, v []float64) []float64 {
	if len(u) != len(v) {
		panic(fmt.Sprintf("Hadamard: len(u) = %d but len(v) = %d", len(u), len(v)))
	}
	w := make([]float64, len(u))
	for j := range u {
		w[j] = u[j] * v[j]
	}
	return w
}

// A batch: rows are samples. These are the plain, obvious loops; the
// functions ending in To (matmul.go) compute the same products fast and
// without allocating, and a test compares the two.

// MulT returns A·Bᵀ:
//
//	(A Bᵀ)_ij = Σ_k a_ik b_jk
//
// For a batch A (m×n_{l−1}) and weights W^l (n_l×n_{l−1}), MulT(A, W) is the
// m×n_l matrix of pre-activations before the bias (§5 step 1, one row per sample).
func MulT(A, B *Matrix) *Matrix {
	if A.Cols != B.Cols {
		panic(fmt.Sprintf("MulT: A is %s but B is %s", shape(A), shape(B)))
	}
	C := NewMatrix(A.Rows, B.Rows)
	for i := range A.Rows {
		for j := range B.Rows {
			for k := range A.Cols {
				C.Data[i*C.Cols+j] += A.Data[i*A.Cols+k] * B.Data[j*B.Cols+k]
			}
		}
	}
	return C
}

// Linear returns Z = A·Wᵀ + 1·bᵀ, a layer's pre-activations for a batch whose
// rows are samples: row i is z = W a + b for sample i (§5 step 1).
// A is m×n_{l−1}, W is n_l×n_{l−1}, len(b) = n_l; Z is m×n_l.
func Linear(A, W *Matrix, b []float64) *Matrix {
	if len(b) != W.Rows {
		panic(fmt.Sprintf("Linear: W is %s but len(b) = %d", shape(W), len(b)))
	}
	Z := MulT(A, W)
	for i := range Z.Rows {
		for j := range Z.Cols {
			Z.Data[i*Z.Cols+j] += b[j]
		}
	}
	return Z
}

// Mul returns A·B:
//
//	(A B)_ik = Σ_j a_ij b_jk
//
// For a batch of errors Δ^l (m×n_l) and weights W^l (n_l×n_{l−1}), Mul(Δ, W)
// is the m×n_{l−1} matrix whose rows are (W^l)ᵀ δ^l (§5 step 4).
func Mul(A, B *Matrix) *Matrix {
	if A.Cols != B.Rows {
		panic(fmt.Sprintf("Mul: A is %s but B is %s", shape(A), shape(B)))
	}
	C := NewMatrix(A.Rows, B.Cols)
	for i := range A.Rows {
		for j := range A.Cols {
			for k := range B.Cols {
				C.Data[i*C.Cols+k] += A.Data[i*A.Cols+j] * B.Data[j*B.Cols+k]
			}
		}
	}
	return C
}

// TMul returns Aᵀ·B:
//
//	(Aᵀ B)_jk = Σ_i a_ij b_ik
//
// For a batch of errors Δ^l (m×n_l) and inputs A^{l−1} (m×n_{l−1}), TMul(Δ, A)
// is the n_l×n_{l−1} sum over samples of the outer products δ^l (a^{l−1})ᵀ (§5 step 5).
func TMul(A, B *Matrix) *Matrix {
	if A.Rows != B.Rows {
		panic(fmt.Sprintf("TMul: A is %s but B is %s", shape(A), shape(B)))
	}
	C := NewMatrix(A.Cols, B.Cols)
	for i := range A.Rows {
		for j := range A.Cols {
			for k := range B.Cols {
				C.Data[j*C.Cols+k] += A.Data[i*A.Cols+j] * B.Data[i*B.Cols+k]
			}
		}
	}
	return C
}

// ColSums returns 1ᵀ·Δ, the sum of the rows of D: for a batch of errors it is
// the sum over samples of the bias gradients δ^l (§5 step 5).
func ColSums(D *Matrix) []float64 {
	s := make([]float64, D.Cols)
	ColSumsTo(s, D)
	return s
}

// HadamardMatrix returns the element-wise product U ⊙ V of two matrices of the same shape.
func HadamardMatrix(U, V *Matrix) *Matrix {
	if U.Rows != V.Rows || U.Cols != V.Cols {
		panic(fmt.Sprintf("HadamardMatrix: U is %s but V is %s", shape(U), shape(V)))
	}
	return &Matrix{Rows: U.Rows, Cols: U.Cols, Data: Hadamard(U.Data, V.Data)}
}
