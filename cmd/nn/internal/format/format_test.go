package format

import (
	"math"
	"testing"
)

func TestFormat(t *testing.T) {
	for _, tt := range []struct{ got, want string }{
		{Num(-1.5, 6), "−1.5"},
		{Num(math.Copysign(0, -1), 6), "0"},
		{Num(1.0/3, 3), "0.333"},
		{Diff(0), "0"},
		{Diff(-1.24e-11), "−1.2e−11"},
		{Count(1, "input"), "1 input"},
		{Count(3, "input"), "3 inputs"},
		{Sizes([]int{2, 2, 1}), "2-2-1"},
		{Minus("-1e-3"), "−1e−3"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}
