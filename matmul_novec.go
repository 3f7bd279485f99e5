//go:build !(goexperiment.simd && amd64)

package nn

// Without GOEXPERIMENT=simd on amd64 there are no vector kernels: best stays
// portable, and runVector is never called.
func runVector(j job) { panic("runVector: no vector kernels in this build") }
