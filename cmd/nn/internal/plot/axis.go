package plot

// Axes: the scale that maps data to pixels, linear or logarithmic, and the
// ticks and their labels (Heckbert's nice numbers, 1, 2 or 5 × 10ᵏ).

import (
	"fmt"
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

// logTicks returns a log axis range [lo, hi] ⊇ [min, max] (both > 0) from
// power of ten to power of ten, and its ticks: every power of ten, thinned
// to at most 8, with 2 and 5 × 10ᵏ added when the range spans two decades or less.
func logTicks(min, max float64) (lo, hi float64, ticks []float64) {
	e0, e1 := math.Floor(math.Log10(min)+1e-9), math.Ceil(math.Log10(max)-1e-9)
	if e1 == e0 {
		e1++
	}
	every := math.Ceil((e1 - e0) / 7)
	for e := e0; e <= e1; e += every {
		ticks = append(ticks, math.Pow(10, e))
		if e1-e0 <= 2 && e < e1 {
			ticks = append(ticks, 2*math.Pow(10, e), 5*math.Pow(10, e))
		}
	}
	return math.Pow(10, e0), math.Pow(10, e0+every*math.Ceil((e1-e0)/every)), ticks
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

// powLabel formats a tick of a log axis: 10ᵏ for powers of ten, else 2·10ᵏ.
func powLabel(v float64) string {
	e := math.Floor(math.Log10(v) + 1e-9)
	m := math.Round(v / math.Pow(10, e))
	sup := strings.NewReplacer("-", "⁻", "0", "⁰", "1", "¹", "2", "²", "3", "³", "4", "⁴",
		"5", "⁵", "6", "⁶", "7", "⁷", "8", "⁸", "9", "⁹").Replace(strconv.Itoa(int(e)))
	if e == 0 && m == 1 {
		return "1"
	}
	if m == 1 {
		return "10" + sup
	}
	return fmt.Sprintf("%g·10%s", m, sup)
}

// axisTicks returns an axis's range and ticks for the data range r: from
// power of ten to power of ten on a log axis, else about n nice ticks. A
// fixed range is kept as it is, with the ticks outside it dropped, and more
// asked for if fewer than 4 are left.
func axisTicks(r [2]float64, log, fixed bool, n int) (lo, hi float64, ticks []float64) {
	if log {
		return logTicks(r[0], r[1])
	}
	lo, hi, ticks = linearTicks(r[0], r[1], n)
	if !fixed {
		return lo, hi, ticks
	}
	for m := n; ; m++ {
		lo, hi, ticks = linearTicks(r[0], r[1], m)
		var in []float64
		for _, v := range ticks {
			if v >= r[0]-1e-9*(hi-lo) && v <= r[1]+1e-9*(hi-lo) {
				in = append(in, v)
			}
		}
		if len(in) >= 4 || m > 12 {
			return r[0], r[1], in
		}
	}
}

// tickText is the label of tick v of an axis whose ticks are t.
func tickText(v float64, log bool, t []float64) string {
	if log {
		return powLabel(v)
	}
	step := 0.0
	if len(t) >= 2 {
		step = t[1] - t[0]
	}
	return tickLabel(v, step)
}
