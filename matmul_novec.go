//go:build !(goexperiment.simd && amd64)

package nn

// Without GOEXPERIMENT=simd on amd64 there are no vector kernels: best stays
// portable, and runVector is never called.
func runVector(j job) { panic("runVector: no vector kernels in this build") }

// adamVector is nil: Adam takes its scalar loop.
var adamVector func(dst, theta, g, m, v []float64, b1, b2, c1, c2, eta, eps float64)
