//go:build !(goexperiment.simd && amd64)

package nn

// Without GOEXPERIMENT=simd on amd64 there is no vector Adam (adam_simd.go):
// adamVector is nil, and Adam takes its scalar loop.
var adamVector func(theta, g, m, v []float64, b1, b2, c1, c2, eta, eps float64)
