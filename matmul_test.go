package nn

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"testing"
)

// productShapes are the m×n×K shapes the kernels are checked on: every size
// 1…17 in each dimension (so every edge of a 4-row tile and of an 8- or
// 16-column tile, and the 2-row tiles of the portable kernels), each of m, n
// and K below, at and past one block over k (kc = 256) and past two, so that
// every product sums over several blocks (the sum of A·Bᵀ and of A·Bᵀ + b runs
// over K, that of A·B over n, that of Aᵀ·B over m), and the shapes of
// training: the Fashion-MNIST network 784-256-128-10 and the digits network
// 64-32-10.
func productShapes() [][3]int {
	var s [][3]int
	for d := 1; d <= 17; d++ {
		s = append(s, [3]int{d, 17, 17}, [3]int{17, d, 17}, [3]int{17, 17, d}, [3]int{d, d, d})
	}
	for _, d := range []int{kc - 1, kc, kc + 1, 2*kc + 3} {
		s = append(s, [3]int{d, 21, 19}, [3]int{19, d, 21}, [3]int{21, 19, d})
	}
	return append(s,
		[3]int{20, 33, kc - 1}, [3]int{21, 40, kc}, [3]int{9, 17, kc + 1}, [3]int{13, 35, 2*kc + 5},
		[3]int{67, 41, 70}, [3]int{33, 257, 65}, [3]int{130, 64, 200},
		[3]int{128, 256, 784}, [3]int{128, 128, 256}, [3]int{128, 10, 128},
		[3]int{32, 32, 64}, [3]int{32, 10, 32},
	)
}

// TestKernelsMatchPlain compares every product kernel this CPU runs (the
// portable ones, and in the GOEXPERIMENT=simd build the vector ones) with
// the plain loops of matrix.go, on productShapes, at GOMAXPROCS 1, 2 and 4
// so that the serial path and the split across goroutines both run on any
// machine. C starts full of NaN, so a kernel that skips an element, or adds
// to C instead of setting it, fails.
//
// The two sum in different orders; each result is within γ_K Σ_k |a_ik b_kj|
// of the exact value, γ_K = Ku/(1 − Ku) ≈ K·u with u = 2⁻⁵³ (Higham, Accuracy and Stability of
// Numerical Algorithms, §3.1), so they may differ by twice that.
func TestKernelsMatchPlain(t *testing.T) {
	shapes := productShapes()
	if testing.Short() {
		shapes = shapes[:len(shapes)-6] // the large training shapes take most of the time under -race
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	rng := rand.New(rand.NewPCG(3, 4))
	for _, s := range shapes {
		m, n, k := s[0], s[1], s[2]
		c := newProductCase(rng, m, n, k)
		for _, kern := range kernels {
			for _, procs := range []int{1, 2, 4} {
				runtime.GOMAXPROCS(procs)
				t.Run(fmt.Sprintf("%v/procs=%d/%dx%dx%d", kern, procs, m, n, k), func(t *testing.T) {
					c.check(t, kern)
				})
			}
		}
	}
}

// productCase holds the operands of the four products at one shape, with
// the plain loops' results and the rounding bounds, computed once for every
// kernel and GOMAXPROCS.
type productCase struct {
	A, B, D, W, E *Matrix
	b             []float64
	want, abs     [4]*Matrix // MulT, Mul, TMul, Linear
	K             [4]int
}

func newProductCase(rng *rand.Rand, m, n, k int) *productCase {
	c := &productCase{}
	c.A, c.B = randMatrix(rng, m, k), randMatrix(rng, n, k) // MulT: m×k · (n×k)ᵀ
	c.D, c.W = randMatrix(rng, m, n), randMatrix(rng, n, k) // Mul: m×n · n×k
	c.E = randMatrix(rng, m, k)                             // TMul: (m×n)ᵀ · m×k
	c.b = randMatrix(rng, 1, n).Data                        // Linear: A·Bᵀ + 1·bᵀ
	c.want = [4]*Matrix{MulT(c.A, c.B), Mul(c.D, c.W), TMul(c.D, c.E), Linear(c.A, c.B, c.b)}
	c.abs[0] = MulT(absMatrix(c.A), absMatrix(c.B))
	c.abs[1] = Mul(absMatrix(c.D), absMatrix(c.W))
	c.abs[2] = TMul(absMatrix(c.D), absMatrix(c.E))
	c.abs[3] = c.abs[0].Clone()
	for i := range c.abs[3].Data {
		c.abs[3].Data[i] += math.Abs(c.b[i%n])
	}
	c.K = [4]int{k, n, m, k + 1}
	return c
}

func (c *productCase) check(t *testing.T, kern kernel) {
	t.Helper()
	jobs := [4]job{
		{kind: kindMulT, A: c.A, B: c.B},
		{kind: kindMul, A: c.D, B: c.W},
		{kind: kindTMul, A: c.D, B: c.E},
		{kind: kindMulT, A: c.A, B: c.B, bias: c.b},
	}
	for i, name := range [4]string{"MulT", "Mul", "TMul", "Linear"} {
		j := jobs[i]
		j.kern, j.C = kern, nanMatrix(c.want[i].Rows, c.want[i].Cols)
		run(j)
		checkProduct(t, name, j.C, c.want[i], c.abs[i], c.K[i])
	}
}

// TestFastProductsMatchPlain checks the exported products, which choose
// their kernel by shape, the same way, into NaN-filled results.
func TestFastProductsMatchPlain(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, s := range [][3]int{{1, 1, 1}, {3, 5, 7}, {17, 16, 15}, {33, 257, 65}, {128, 10, 128}, {130, 64, 200}} {
		m, n, k := s[0], s[1], s[2]
		t.Run(fmt.Sprintf("%dx%dx%d", m, n, k), func(t *testing.T) {
			A, B := randMatrix(rng, m, k), randMatrix(rng, n, k)
			C := nanMatrix(m, n)
			MulTTo(C, A, B)
			checkProduct(t, "MulTTo", C, MulT(A, B), MulT(absMatrix(A), absMatrix(B)), k)

			D, W := randMatrix(rng, m, n), randMatrix(rng, n, k)
			C = nanMatrix(m, k)
			MulTo(C, D, W)
			checkProduct(t, "MulTo", C, Mul(D, W), Mul(absMatrix(D), absMatrix(W)), n)

			E := randMatrix(rng, m, k)
			C = nanMatrix(n, k)
			TMulTo(C, D, E)
			checkProduct(t, "TMulTo", C, TMul(D, E), TMul(absMatrix(D), absMatrix(E)), m)

			b := randMatrix(rng, 1, n).Data
			Z := nanMatrix(m, n)
			LinearTo(Z, A, B, b)
			bound := MulT(absMatrix(A), absMatrix(B))
			for i := range bound.Data {
				bound.Data[i] += math.Abs(b[i%n])
			}
			checkProduct(t, "LinearTo", Z, Linear(A, B, b), bound, k+1)
		})
	}
}

func nanMatrix(rows, cols int) *Matrix {
	M := NewMatrix(rows, cols)
	for i := range M.Data {
		M.Data[i] = math.NaN()
	}
	return M
}

func absMatrix(M *Matrix) *Matrix {
	A := M.Clone()
	for i, v := range A.Data {
		A.Data[i] = math.Abs(v)
	}
	return A
}

func checkProduct(t *testing.T, name string, got, want, abs *Matrix, K int) {
	t.Helper()
	if got.Rows != want.Rows || got.Cols != want.Cols {
		t.Fatalf("%s: result is %s, want %s", name, shape(got), shape(want))
	}
	twoGamma := 2 * float64(K) * 0x1p-53 // 2γ_K, with γ_K ≈ K·u and the unit roundoff u = 2⁻⁵³
	for i := range got.Data {
		// A NaN fails the test: !(d <= bound).
		if d := math.Abs(got.Data[i] - want.Data[i]); !(d <= twoGamma*abs.Data[i]) {
			t.Errorf("%s: element (%d, %d) = %v, plain loop gives %v (differ by %.3g > %.3g)",
				name, i/got.Cols, i%got.Cols, got.Data[i], want.Data[i], d, twoGamma*abs.Data[i])
			return
		}
	}
}

// TestNoAllocations asserts what the doc comments claim: once the workspace,
// the gradients and the optimizer's state exist, a forward pass, a backward
// pass and a training step allocate nothing. (AllocsPerRun runs at
// GOMAXPROCS 1; the benchmarks report allocations with the pool at work.)
func TestNoAllocations(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	sizes := []int{20, 16, 8, 3}
	net, err := New(sizes, []Activation{ReLU{}, Tanh{}, Softmax{}}, HeNormal, rng)
	if err != nil {
		t.Fatal(err)
	}
	X := randMatrix(rng, 12, sizes[0])
	labels := make([]int, X.Rows)
	for i := range labels {
		labels[i] = rng.IntN(sizes[3])
	}
	Y := OneHot(labels, sizes[3])
	ws, g := net.NewWorkspace(X.Rows), net.NewGrads()
	tr := net.newTrainer(TrainConfig{Loss: CrossEntropy{}, Optimizer: NewAdam(), L2: 1e-4, ClipNorm: 1}, X.Rows, rng)
	tr.step(X, Y, 1e-3) // warm-up: creates Adam's moments
	tests := []struct {
		name string
		f    func()
	}{
		{"ForwardBatch", func() { net.ForwardBatch(ws, X) }},
		{"BackpropBatch", func() { net.BackpropBatch(ws, X, Y, CrossEntropy{}, g) }},
		{"training step", func() {
			if _, _, ok := tr.step(X, Y, 1e-3); !ok {
				t.Fatal("step diverged")
			}
		}},
	}
	for _, tt := range tests {
		if n := testing.AllocsPerRun(20, tt.f); n != 0 {
			t.Errorf("%s allocates %v times per call, want 0", tt.name, n)
		}
	}
}

// TestAdamVectorMatchesScalar: the vector Adam of the GOEXPERIMENT=simd
// build against the scalar loop, on spans of every length 1…17 (the tail
// past a multiple of 8), to the rounding of a fused multiply-add the
// compiler may use in the scalar loop: a few ε relative.
func TestAdamVectorMatchesScalar(t *testing.T) {
	if adamVector == nil {
		t.Skip("no vector Adam in this build or on this CPU")
	}
	rng := rand.New(rand.NewPCG(9, 9))
	const tol = 1e-14
	for n := 1; n <= 17; n++ {
		params := randMatrix(rng, 1, n).Data
		grads := randMatrix(rng, 1, n).Data
		vec, scalar := NewAdam(), NewAdam()
		p1, p2 := append([]float64(nil), params...), append([]float64(nil), params...)
		for range 3 {
			vec.Step([][]float64{p1}, [][]float64{grads}, 0.1)
			old := adamVector
			adamVector = nil
			scalar.Step([][]float64{p2}, [][]float64{grads}, 0.1)
			adamVector = old
		}
		for k := range p1 {
			if d := math.Abs(p1[k] - p2[k]); d > tol*math.Abs(p2[k]) {
				t.Errorf("n=%d: vector Adam θ[%d] = %v, scalar %v", n, k, p1[k], p2[k])
			}
		}
	}
}

// TestLinearToPanics: LinearTo names itself and every shape.
func TestLinearToPanics(t *testing.T) {
	defer func() {
		want := "LinearTo: Z is 2×3, A is 2×4, W is 3×4, len(b) = 2; want Z = A·Wᵀ + 1·bᵀ"
		if r := recover(); fmt.Sprint(r) != want {
			t.Errorf("panic = %v, want %q", r, want)
		}
	}()
	LinearTo(NewMatrix(2, 3), NewMatrix(2, 4), NewMatrix(3, 4), make([]float64, 2))
}

// TestSumSquares: the eight partial sums of sumSquares against the plain
// running sum, on every length 0…40 (each tail past a multiple of 8), within
// twice the rounding bound γ_n Σ v_k² of an n-term sum of positive terms.
func TestSumSquares(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for n := range 41 {
		v := randMatrix(rng, 1, n).Data
		want := 0.0
		for _, x := range v {
			want += x * x
		}
		got := sumSquares(v)
		if d := math.Abs(got - want); !(d <= 2*float64(n+1)*0x1p-53*want) {
			t.Errorf("n=%d: sumSquares = %v, plain sum %v", n, got, want)
		}
	}
}
