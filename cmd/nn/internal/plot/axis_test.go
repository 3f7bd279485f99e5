package plot

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestScale(t *testing.T) {
	tests := []struct {
		name string
		s    scale
		v    float64
		want float64
	}{
		{"linear, low end on the left edge", scale{lo: -5, hi: 5, p0: 100, p1: 460}, -5, 100},
		{"linear, high end on the right edge", scale{lo: -5, hi: 5, p0: 100, p1: 460}, 5, 460},
		{"linear, middle", scale{lo: -5, hi: 5, p0: 100, p1: 460}, 0, 280},
		{"linear, a quarter", scale{lo: 0, hi: 8, p0: 0, p1: 400}, 2, 100},
		{"y axis grows upward", scale{lo: 0, hi: 1, p0: 300, p1: 60}, 0.25, 300 - 0.25*240},
		{"y axis top edge", scale{lo: 0, hi: 1, p0: 300, p1: 60}, 1, 60},
		{"log, low end", scale{lo: 1e-6, hi: 1, p0: 0, p1: 600, log: true}, 1e-6, 0},
		{"log, high end", scale{lo: 1e-6, hi: 1, p0: 0, p1: 600, log: true}, 1, 600},
		{"log, a decade is a sixth", scale{lo: 1e-6, hi: 1, p0: 0, p1: 600, log: true}, 1e-5, 100},
		{"log, √10 is half a decade", scale{lo: 1, hi: 100, p0: 0, p1: 200, log: true}, math.Sqrt(10), 50},
	}
	for _, tt := range tests {
		if got := tt.s.at(tt.v); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("%s: at(%v) = %v, want %v", tt.name, tt.v, got, tt.want)
		}
	}
	for _, v := range []float64{0, -1, math.NaN(), math.Inf(1)} {
		if got := (scale{lo: 1, hi: 10, p0: 0, p1: 1, log: true}).at(v); !math.IsNaN(got) {
			t.Errorf("log scale at(%v) = %v, want NaN (not shown)", v, got)
		}
	}
}

func TestTicks(t *testing.T) {
	for _, tt := range []struct{ x, round, up float64 }{
		{1.2, 1, 2}, {2.5, 2, 5}, {4, 5, 5}, {8, 10, 10}, {0.028, 0.02, 0.05}, {0.031, 0.05, 0.05}, {1, 1, 1}, {300, 500, 500}, {250, 200, 500},
	} {
		if got := niceNum(tt.x, true); math.Abs(got-tt.round) > 1e-12*tt.round {
			t.Errorf("niceNum(%v, true) = %v, want %v", tt.x, got, tt.round)
		}
		if got := niceNum(tt.x, false); math.Abs(got-tt.up) > 1e-12*tt.up {
			t.Errorf("niceNum(%v, false) = %v, want %v", tt.x, got, tt.up)
		}
	}
	approx := cmpopts.EquateApprox(0, 1e-12)
	lin := []struct {
		min, max, lo, hi float64
		ticks            []float64
	}{
		{-5, 5, -6, 6, []float64{-6, -4, -2, 0, 2, 4, 6}}, // a step of 10/4 = 2.5 rounds to 2
		{0.03, 0.97, 0, 1, []float64{0, 0.2, 0.4, 0.6, 0.8, 1}},
		{1, 100, 0, 100, []float64{0, 20, 40, 60, 80, 100}},
		{3, 3, 1, 5, []float64{1, 2, 3, 4, 5}}, // widened to [1.5, 4.5]
	}
	for _, tt := range lin {
		n := 6
		if tt.min == -5 {
			n = 5
		}
		lo, hi, ticks := linearTicks(tt.min, tt.max, n)
		if diff := cmp.Diff([]any{tt.lo, tt.hi, tt.ticks}, []any{lo, hi, ticks}, approx); diff != "" {
			t.Errorf("linearTicks(%v, %v) (-want +got):\n%s", tt.min, tt.max, diff)
		}
	}
	lo, hi, ticks := logTicks(3e-7, 0.4)
	if diff := cmp.Diff([]any{1e-7, 1.0, []float64{1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1}}, []any{lo, hi, ticks}, cmpopts.EquateApprox(1e-12, 0)); diff != "" {
		t.Errorf("logTicks (-want +got):\n%s", diff)
	}
	lo, hi, ticks = logTicks(2, 30)
	if diff := cmp.Diff([]any{1.0, 100.0, []float64{1, 2, 5, 10, 20, 50, 100}}, []any{lo, hi, ticks}, cmpopts.EquateApprox(1e-12, 0)); diff != "" {
		t.Errorf("logTicks over one decade (-want +got):\n%s", diff)
	}
	for _, tt := range []struct {
		v    float64
		want string
	}{{1e-6, "10⁻⁶"}, {1, "1"}, {100, "10²"}, {20, "2·10¹"}} {
		if got := powLabel(tt.v); got != tt.want {
			t.Errorf("powLabel(%v) = %q, want %q", tt.v, got, tt.want)
		}
	}
}
