package nn

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// exact compares results of a few exactly representable multiply-adds: small
// integers and halves, where every rounding is exact, so only a fused
// multiply-add could change the last bit.
var exact = cmpopts.EquateApprox(1e-15, 1e-15)

func TestOneSampleProducts(t *testing.T) {
	W := FromRows([][]float64{{1, 2, 3}, {4, 5, 6}})
	tests := []struct {
		name string
		got  any
		want any
	}{
		{"MulVec W·x", MulVec(W, []float64{1, 0, -1}), []float64{1*1 + 2*0 + 3*-1, 4*1 + 5*0 + 6*-1}},
		{"MulTVec Wᵀ·δ", MulTVec(W, []float64{0.5, -1}), []float64{1*0.5 + 4*-1, 2*0.5 + 5*-1, 3*0.5 + 6*-1}},
		{"Outer δ·aᵀ", Outer([]float64{2, -1}, []float64{1, 3, 0.5}).Data, []float64{2 * 1, 2 * 3, 2 * 0.5, -1 * 1, -1 * 3, -1 * 0.5}},
		{"Hadamard u⊙v", Hadamard([]float64{1, 2, 3}, []float64{4, -5, 0.5}), []float64{4, -10, 1.5}},
		{"Dot u·v", Dot([]float64{1, 2, 3}, []float64{4, -5, 0.5}), 4 - 10 + 1.5},
		{"ColSums 1ᵀD", ColSums(W), []float64{1 + 4, 2 + 5, 3 + 6}},
		{"MulT A·Bᵀ", MulT(W, W).Data, []float64{1 + 4 + 9, 4 + 10 + 18, 4 + 10 + 18, 16 + 25 + 36}},
		{"Mul A·B", Mul(W, FromRows([][]float64{{1, 0}, {0, 1}, {1, 1}})).Data, []float64{1 + 3, 2 + 3, 4 + 6, 5 + 6}},
		{"TMul Aᵀ·B", TMul(W, W).Data, []float64{1 + 16, 2 + 20, 3 + 24, 2 + 20, 4 + 25, 6 + 30, 3 + 24, 6 + 30, 9 + 36}},
		{"Linear A·Wᵀ+b", Linear(FromRows([][]float64{{1, 1, 1}}), W, []float64{0.5, -6}).Data, []float64{6 + 0.5, 15 - 6}},
		{"HadamardMatrix", HadamardMatrix(W, W).Data, []float64{1, 4, 9, 16, 25, 36}},
		{"At", W.At(1, 2), 6.0},
		{"Row", W.Row(1), []float64{4, 5, 6}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, tt.got, exact); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestBatchIsPerSample checks that the batch products are the one-sample
// products applied to each row, as the notes say: row i of A·Wᵀ + b is
// W a_i + b, row i of Δ·W is Wᵀ δ_i, and Δᵀ·A is Σ_i δ_i a_iᵀ.
func TestBatchIsPerSample(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	A, W, D := randMatrix(rng, 5, 3), randMatrix(rng, 4, 3), randMatrix(rng, 5, 4)
	b := randMatrix(rng, 1, 4).Data
	Z, G, S := Linear(A, W, b), Mul(D, W), TMul(D, A)
	sum := NewMatrix(4, 3)
	for i := range A.Rows {
		z := MulVec(W, A.Row(i))
		for j := range z {
			z[j] += b[j]
		}
		if diff := cmp.Diff(z, Z.Row(i), tight); diff != "" {
			t.Errorf("Linear row %d ≠ W a + b (-want +got):\n%s", i, diff)
		}
		if diff := cmp.Diff(MulTVec(W, D.Row(i)), G.Row(i), tight); diff != "" {
			t.Errorf("Mul(Δ, W) row %d ≠ Wᵀ δ (-want +got):\n%s", i, diff)
		}
		o := Outer(D.Row(i), A.Row(i))
		for k := range sum.Data {
			sum.Data[k] += o.Data[k]
		}
	}
	if diff := cmp.Diff(sum.Data, S.Data, tight); diff != "" {
		t.Errorf("TMul(Δ, A) ≠ Σ δ aᵀ (-want +got):\n%s", diff)
	}
}

// tight allows for a few roundings of values of order 1 done in a different order.
var tight = cmpopts.EquateApprox(1e-13, 1e-14)

func randMatrix(rng *rand.Rand, rows, cols int) *Matrix {
	M := NewMatrix(rows, cols)
	for i := range M.Data {
		M.Data[i] = rng.NormFloat64()
	}
	return M
}

func TestShapePanics(t *testing.T) {
	W := NewMatrix(2, 3)
	tests := []struct {
		name string
		f    func()
		want string
	}{
		{"MulVec", func() { MulVec(W, make([]float64, 2)) }, "MulVec: W is 2×3 but len(x) = 2"},
		{"MulTVec", func() { MulTVec(W, make([]float64, 3)) }, "MulTVec: W is 2×3 but len(delta) = 3"},
		{"Hadamard", func() { Hadamard(make([]float64, 2), make([]float64, 3)) }, "Hadamard: len(u) = 2 but len(v) = 3"},
		{"MulT", func() { MulT(W, NewMatrix(3, 2)) }, "MulT: A is 2×3 but B is 3×2"},
		{"Mul", func() { Mul(W, W) }, "Mul: A is 2×3 but B is 2×3"},
		{"TMul", func() { TMul(W, NewMatrix(3, 3)) }, "TMul: A is 2×3 but B is 3×3"},
		{"MulTTo", func() { MulTTo(NewMatrix(2, 3), W, W) }, "MulTTo: C is 2×3, A is 2×3, B is 2×3; want C = A·Bᵀ"},
		{"MulTo", func() { MulTo(NewMatrix(2, 2), W, NewMatrix(3, 3)) }, "MulTo: C is 2×2, A is 2×3, B is 3×3; want C = A·B"},
		{"TMulTo", func() { TMulTo(NewMatrix(2, 3), W, W) }, "TMulTo: C is 2×3, A is 2×3, B is 2×3; want C = Aᵀ·B"},
		{"FromRows", func() { FromRows([][]float64{{1, 2}, {3}}) }, "FromRows: row 0 has 2 entries but row 1 has 1"},
		{"At", func() { W.At(2, 0) }, "At: index (2, 0) out of range for 2×3 matrix"},
		{"Forward", func() { HandXOR(1).Forward([]float64{1}) }, "MLP.Forward: network has 2 inputs but len(x) = 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				r := recover()
				if r == nil || !strings.Contains(fmt.Sprint(r), tt.want) {
					t.Errorf("panic = %v, want %q", r, tt.want)
				}
			}()
			tt.f()
		})
	}
}
