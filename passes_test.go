package nn

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"
)

// TestPassesSplit checks that the element-wise passes give the bits of the
// activations' own methods applied one row at a time and of the column sums
// as 1ᵀD is defined, whatever the parts: run by the pool at GOMAXPROCS 1, 2
// and 4 (the shapes are past minParallelWork, with rows and columns that do
// not divide evenly into chunks; whether a worker takes a chunk is up to the
// scheduler), and as explicit parts, 1 to 7 of them, each run on its own.
func TestPassesSplit(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	rng := rand.New(rand.NewPCG(5, 6))
	for _, f := range []Activation{ReLU{}, Sigmoid{}, Tanh{}, Softmax{}, &PReLU{Alpha: [1]float64{0.1}}} {
		for _, shape := range [][2]int{{257, 301}, {1031, 37}} {
			m, n := shape[0], shape[1]
			if m*n*passCost < minParallelWork {
				t.Fatalf("%d×%d is too small to split", m, n)
			}
			Z, G := randMatrix(rng, m, n), randMatrix(rng, m, n)
			A, wantA, D, wantD := NewMatrix(m, n), NewMatrix(m, n), NewMatrix(m, n), NewMatrix(m, n)
			for i := range m {
				f.Apply(wantA.Row(i), Z.Row(i))
				f.Backward(wantD.Row(i), Z.Row(i), wantA.Row(i), G.Row(i))
			}
			wantS := make([]float64, n)
			for j := range n {
				for i := range m {
					wantS[j] += G.At(i, j)
				}
			}
			check := func(t *testing.T, A, D *Matrix, s []float64) {
				t.Helper()
				for k := range A.Data {
					if A.Data[k] != wantA.Data[k] || D.Data[k] != wantD.Data[k] {
						t.Fatalf("entry %d (row %d): f gives %v, want %v; f′ gives %v, want %v",
							k, k/n, A.Data[k], wantA.Data[k], D.Data[k], wantD.Data[k])
					}
				}
				for j := range s {
					if s[j] != wantS[j] {
						t.Fatalf("column sum %d = %v, want %v", j, s[j], wantS[j])
					}
				}
			}
			for _, procs := range []int{1, 2, 4} {
				runtime.GOMAXPROCS(procs)
				t.Run(fmt.Sprintf("%v/%dx%d/procs=%d", f, m, n, procs), func(t *testing.T) {
					clear(A.Data)
					clear(D.Data)
					s := make([]float64, n)
					applyRows(f, A, Z)
					backwardRows(f, D, Z, A, G)
					ColSumsTo(s, G)
					check(t, A, D, s)
				})
			}
			for parts := 1; parts <= 7; parts++ {
				t.Run(fmt.Sprintf("%v/%dx%d/parts=%d", f, m, n, parts), func(t *testing.T) {
					clear(A.Data)
					clear(D.Data)
					s := make([]float64, n)
					each := func(j job, n int) {
						for p := range parts {
							j.pass(p*n/parts, (p+1)*n/parts)
						}
					}
					each(job{kind: kindApply, f: f, C: A, A: Z}, m)
					each(job{kind: kindBackward, f: f, C: D, A: Z, B: A, G: G}, m)
					each(job{kind: kindColSums, sums: s, A: G}, n)
					check(t, A, D, s)
				})
			}
		}
	}
}
