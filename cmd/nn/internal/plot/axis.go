package plot

// Axes: the scale that maps data to pixels, linear or logarithmic, and the
// ticks and their labels (Heckbert's nice numbers, 1, 2 or 5 × 10ᵏ).

import (
	"math"
	"strconv"
	"strings"
)

// scale maps data values in [lo, hi] to pixels in [p0, p1]: linearly, or
// linearly in log₁₀ v if log is set (then lo and hi must be > 0). p0 may be
// greater than p1 (a y axis grows upward, pixels downward).
type scale struct {
	lo, hi float64
	p0, p1 float64
	log    bool
}

// at returns the pixel of the data value v; NaN if v cannot be shown (NaN,
// ±Inf, or ≤ 0 on a log scale).
func (s scale) at(v float64) float64 {
	lo, hi := s.lo, s.hi
	if s.log {
		if !(v > 0) {
			return math.NaN()
		}
		v, lo, hi = math.Log10(v), math.Log10(lo), math.Log10(hi)
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return math.NaN()
	}
	return s.p0 + (v-lo)/(hi-lo)*(s.p1-s.p0)
}

// inv returns the data value at the pixel p, the inverse of at.
func (s scale) inv(p float64) float64 {
	lo, hi := s.lo, s.hi
	if s.log {
		lo, hi = math.Log10(lo), math.Log10(hi)
	}
	v := lo + (p-s.p0)/(s.p1-s.p0)*(hi-lo)
	if s.log {
		return math.Pow(10, v)
	}
	return v
}

// niceNum returns a "nice" number near x > 0, 1, 2 or 5 × 10ᵏ (Heckbert,
// Graphics Gems, 1990): the nearest one if round, else the smallest ≥ x.
func niceNum(x float64, round bool) float64 {
	e := math.Floor(math.Log10(x))
	f := x / math.Pow(10, e) // 1 ≤ f < 10
	var nf float64
	if round {
		switch {
		case f < 1.5:
			nf = 1
		case f < 3:
			nf = 2
		case f < 7:
			nf = 5
		default:
			nf = 10
		}
	} else {
		switch {
		case f <= 1:
			nf = 1
		case f <= 2:
			nf = 2
		case f <= 5:
			nf = 5
		default:
			nf = 10
		}
	}
	return nf * math.Pow(10, e)
}

// linearTicks returns an axis range [lo, hi] ⊇ [min, max] whose ends are
// ticks, and the ticks, about n of them, a nice step apart ("loose
// labelling"). A degenerate range is widened around its value.
func linearTicks(min, max float64, n int) (lo, hi float64, ticks []float64) {
	if min == max {
		d := math.Max(math.Abs(min)/2, 1)
		min, max = min-d, max+d
	}
	step := niceNum(niceNum(max-min, false)/float64(n-1), true)
	lo, hi = math.Floor(min/step)*step, math.Ceil(max/step)*step
	for i := 0; ; i++ {
		v := lo + float64(i)*step
		if v > hi+step/2 {
			break
		}
		if math.Abs(v) < step*1e-9 {
			v = 0
		}
		ticks = append(ticks, v)
	}
	return lo, hi, ticks
}

// pad is the margin an axis fitted to its data leaves at each end, as a
// fraction of the data's range (of its logarithm on a log axis): no point or
// line lies on the frame, where the frame would hide it.
const pad = 0.04

// padded returns the data range r widened by pad at each end; a range of one
// value is first widened around it.
func padded(r [2]float64, log bool) [2]float64 {
	if log {
		l := padded([2]float64{math.Log10(r[0]), math.Log10(r[1])}, false)
		return [2]float64{math.Pow(10, l[0]), math.Pow(10, l[1])}
	}
	if r[0] == r[1] {
		d := math.Max(math.Abs(r[0])/2, 1)
		r = [2]float64{r[0] - d, r[1] + d}
	}
	d := pad * (r[1] - r[0])
	return [2]float64{r[0] - d, r[1] + d}
}

// within returns the values of t that lie in [lo, hi].
func within(t []float64, lo, hi float64) []float64 {
	eps := 1e-9 * (hi - lo)
	var in []float64
	for _, v := range t {
		if v >= lo-eps && v <= hi+eps {
			in = append(in, v)
		}
	}
	return in
}

// linearTicksIn returns at least 4 nice ticks (if 12 asked for find them) in
// [lo, hi], about n of them.
func linearTicksIn(lo, hi float64, n int) []float64 {
	for m := n; ; m++ {
		_, _, t := linearTicks(lo, hi, m)
		if in := within(t, lo, hi); len(in) >= 4 || m > 12 {
			return in
		}
	}
}

// logTicksIn returns the ticks of a log axis over [lo, hi] (both > 0): the
// powers of ten in it, thinned to at most 8; with 2 and 5 × 10ᵏ added when
// fewer than 4 powers fit, and every m × 10ᵏ when that still gives fewer
// than 3; nice linear ticks when the range is too narrow for any of these.
func logTicksIn(lo, hi float64) []float64 {
	e0, e1 := math.Floor(math.Log10(lo)), math.Ceil(math.Log10(hi))
	every := math.Max(1, math.Ceil((e1-e0)/8))
	var t []float64
	for _, ms := range [][]float64{{1}, {1, 2, 5}, {1, 2, 3, 4, 5, 6, 7, 8, 9}} {
		t = t[:0]
		for e := e0; e <= e1; e++ {
			for _, m := range ms {
				if m != 1 || math.Mod(e, every) == 0 {
					t = append(t, m*math.Pow(10, e))
				}
			}
		}
		t = within(t, lo, hi)
		if (len(ms) == 1 && len(t) >= 4) || (len(ms) > 1 && len(t) >= 3) {
			return t
		}
	}
	return linearTicksIn(lo, hi, 5)
}

// decade returns k and the mantissa m of v = m × 10ᵏ, 1 ≤ m < 10.
func decade(v float64) (m, k float64) {
	k = math.Floor(math.Log10(v) + 1e-9)
	return v / math.Pow(10, k), k
}

// superscript writes the integer k in superscript digits.
func superscript(k float64) string {
	return strings.NewReplacer("-", "⁻", "0", "⁰", "1", "¹", "2", "²", "3", "³", "4", "⁴",
		"5", "⁵", "6", "⁶", "7", "⁷", "8", "⁸", "9", "⁹").Replace(strconv.Itoa(int(k)))
}

// logLabels labels the ticks of a log axis all in one form: 10ᵏ when every
// tick is a power of ten; else plain decimals (0.05, 200) when all lie
// between 10⁻⁴ and 10⁵; else m·10ᵏ.
func logLabels(t []float64) []string {
	powers, plain := true, true
	for _, v := range t {
		m, k := decade(v)
		powers = powers && math.Abs(m-1) < 1e-9
		plain = plain && k >= -4 && k < 5
	}
	out := make([]string, len(t))
	for i, v := range t {
		m, k := decade(v)
		switch {
		case powers:
			out[i] = "10" + superscript(k)
		case plain:
			out[i] = strconv.FormatFloat(math.Round(m*1e6)/1e6*math.Pow(10, k), 'f', max(0, int(-k)), 64)
		default:
			out[i] = strconv.FormatFloat(math.Round(m*1e6)/1e6, 'g', -1, 64) + "·10" + superscript(k)
		}
	}
	return out
}

// tickLabel formats a tick of a linear axis with as many decimals as its step needs.
func tickLabel(v, step float64) string {
	d := 0
	if step > 0 {
		d = max(0, int(-math.Floor(math.Log10(step)+1e-9)))
	}
	if math.Abs(v) >= 1e5 || (v != 0 && math.Abs(v) < 1e-4) {
		return strconv.FormatFloat(v, 'g', 3, 64)
	}
	s := strconv.FormatFloat(v, 'f', d, 64)
	return strings.Replace(s, "-", "−", 1)
}

// axisTicks returns the ticks of an axis over the range r: on a log axis by
// logTicksIn, else about n nice ones (at least 4).
func axisTicks(r [2]float64, log bool, n int) []float64 {
	if log {
		return logTicksIn(r[0], r[1])
	}
	return linearTicksIn(r[0], r[1], n)
}

// tickTexts are the labels of the ticks t of an axis.
func tickTexts(t []float64, log bool) []string {
	if log {
		return logLabels(t)
	}
	step := 0.0
	if len(t) >= 2 {
		step = t[1] - t[0]
	}
	out := make([]string, len(t))
	for i, v := range t {
		out[i] = tickLabel(v, step)
	}
	return out
}
