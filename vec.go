package nn

import "fmt"

// The small vector helpers every other file uses. They sit here, on the
// ground floor, so that no file reaches up into a higher one for them.

// Dot returns u·v = Σ_j u_j v_j.
func Dot(u, v []float64) float64 {
	if len(u) != len(v) {
		panic(fmt.Sprintf("Dot: len(u) = %d but len(v) = %d", len(u), len(v)))
	}
	s := 0.0
	for j := range u {
		s += u[j] * v[j]
	}
	return s
}

// axpy sets c += x·b.
func axpy(c []float64, x float64, b []float64) {
	b = b[:len(c)]
	for k := range c {
		c[k] += x * b[k]
	}
}

// scale sets v ← c·v.
func scale(v []float64, c float64) {
	for i := range v {
		v[i] *= c
	}
}

// copyAll copies each slice of src into the slice of dst at the same index.
func copyAll(dst, src [][]float64) {
	for i := range dst {
		copy(dst[i], src[i])
	}
}
