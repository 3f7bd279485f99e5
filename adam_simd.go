//go:build goexperiment.simd && amd64

package nn

import (
	"math"
	"simd/archsimd"
)

// adamVector is Adam's update of the parameters theta in place, 8 entries
// at a time with AVX-512 (nil without it; adam_novec.go is the build without
// vectors), in the same operations and order as the scalar loop of
// Adam.update (no fused multiply-add), so both agree to a few ulp:
// the same bits in a plain build, where the compiler does not fuse the scalar
// loop either, and within rounding under GOAMD64=v3, where it may.
var adamVector func(theta, g, m, v []float64, b1, b2, c1, c2, eta, eps float64)

func init() {
	if archsimd.X86.AVX512() {
		adamVector = adam8
	}
}

func adam8(theta, g, m, v []float64, b1, b2, c1, c2, eta, eps float64) {
	n := len(theta)
	g, m, v = g[:n], m[:n], v[:n]
	k := adam8Vectors(theta, g, m, v, b1, b2, c1, c2, eta, eps)
	archsimd.ClearAVXUpperBits() // see vzeroupper in matmul_simd.go
	for ; k < n; k++ {
		gk := g[k]
		m[k] = b1*m[k] + (1-b1)*gk
		v[k] = b2*v[k] + (1-b2)*gk*gk
		mhat, vhat := m[k]/c1, v[k]/c2
		theta[k] -= eta * mhat / (math.Sqrt(vhat) + eps)
	}
}

// adam8Vectors is adam8's loop over whole vectors of 8; it returns the
// number of entries done. It is a function of its own, not inlined, so that
// no float64 of the scalar tail is live during the vector loop: Go 1.26
// keeps such values in X registers and reloads them each pass with SSE
// instructions (MOVSD), each of which must merge into the upper half of a
// vector register that a division or square root is still writing. On a
// Xeon (AVX-512) that chained the passes through the divider: 43 ns a
// parameter, against 8.6–9.5 for the scalar loop and 4.0–4.2 for this
// function (BenchmarkStepPhases/update/adam-alone, 235,146 parameters).
//
//go:noinline
func adam8Vectors(theta, g, m, v []float64, b1, b2, c1, c2, eta, eps float64) int {
	n := len(theta)
	g, m, v = g[:n], m[:n], v[:n]
	vb1, vb1c := archsimd.BroadcastFloat64x8(b1), archsimd.BroadcastFloat64x8(1-b1)
	vb2, vb2c := archsimd.BroadcastFloat64x8(b2), archsimd.BroadcastFloat64x8(1-b2)
	vc1, vc2 := archsimd.BroadcastFloat64x8(c1), archsimd.BroadcastFloat64x8(c2)
	veta, veps := archsimd.BroadcastFloat64x8(eta), archsimd.BroadcastFloat64x8(eps)
	k := 0
	for ; k+8 <= n; k += 8 {
		gk := archsimd.LoadFloat64x8((*[8]float64)(g[k : k+8]))
		mk := archsimd.LoadFloat64x8((*[8]float64)(m[k : k+8]))
		vk := archsimd.LoadFloat64x8((*[8]float64)(v[k : k+8]))
		th := archsimd.LoadFloat64x8((*[8]float64)(theta[k : k+8]))
		// m ← β₁m + (1 − β₁)g,  v ← β₂v + (1 − β₂)g²
		mk = vb1.Mul(mk).Add(vb1c.Mul(gk))
		vk = vb2.Mul(vk).Add(vb2c.Mul(gk).Mul(gk))
		// θ ← θ − η m̂/(√v̂ + ε)
		mhat, vhat := mk.Div(vc1), vk.Div(vc2)
		th = th.Sub(veta.Mul(mhat).Div(vhat.Sqrt().Add(veps)))
		mk.Store((*[8]float64)(m[k : k+8]))
		vk.Store((*[8]float64)(v[k : k+8]))
		th.Store((*[8]float64)(theta[k : k+8]))
	}
	return k
}
