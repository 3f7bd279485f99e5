//go:build !(goexperiment.simd && amd64)

package nn

// Without GOEXPERIMENT=simd on amd64 there are no vector kernels: best stays
// portable, and runVector is never called.
func runVector(j job) { panic("runVector: no vector kernels in this build") }

// clearUpper is the vector build's VZEROUPPER (matmul_simd.go); this build
// leaves the vector registers' upper halves clean.
func clearUpper() {}
