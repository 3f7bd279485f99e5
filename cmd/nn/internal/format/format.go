// Package format writes numbers, counts and layer sizes the way every part
// of the nn command prints them: minus signs as "−", "3 inputs", "2-2-1".
package format

import (
	"fmt"
	"strconv"
	"strings"
)

// Minus writes the minus signs of s as "−".
func Minus(s string) string { return strings.ReplaceAll(s, "-", "−") }

// Num formats v with the given significant digits, a minus sign as "−" and
// no −0.
func Num(v float64, digits int) string {
	if v == 0 {
		v = 0 // no −0
	}
	return Minus(strconv.FormatFloat(v, 'g', digits, 64))
}

// Diff formats a difference of two gradients: 0, or two digits and the
// exponent.
func Diff(d float64) string {
	if d == 0 {
		return "0"
	}
	return Minus(fmt.Sprintf("%.1e", d))
}

// Count writes n things, in the plural unless n is 1: "1 input", "3 inputs".
func Count(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}

// Sizes writes a network's layer sizes as "2-2-1".
func Sizes(sizes []int) string {
	s := make([]string, len(sizes))
	for i, n := range sizes {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, "-")
}
