package main

// Formatting helpers of the command's own text: losses, the quiz's and the
// tour's values, the minus of text output, lists of numbers and words
// quoted for a shell (package format holds the formats package explain
// shares).

import (
	"fmt"
	"math"
	"strings"
)

// lossText formats a loss with 4 decimals, or 4 significant digits when it
// has grown so large (a run about to diverge) that decimals would fill lines.
func lossText(v float64) string {
	if math.Abs(v) >= 1e5 {
		return fmt.Sprintf("%.4g", v)
	}
	return fmt.Sprintf("%.4f", v)
}

// qnum formats a value of the quiz and the tour, 4 significant digits.
func qnum(v float64) string { return fmt.Sprintf("%.4g", v) }

// minus is the minus sign of text output, where the tour and the quiz
// pass their numbers: it leaves the ASCII "-", which Python and
// spreadsheets read back as a minus (U+2212 "−" is for pictures:
// format.Minus).
func minus(s string) string { return s }

// shellQuote writes s as a shell reads it back as one word: as it is if it
// holds only letters, digits and -_./,:=+@%; else in double quotes, or in
// single quotes if it holds a character special inside double quotes
// ($ ` \ " !), a single quote inside written '\”.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./,:=+@%") == "" {
		return s
	}
	if !strings.ContainsAny(s, "$`\\\"!") {
		return `"` + s + `"`
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// list writes each of vs in the format f, comma-separated, with the ASCII
// minus of text output.
func list(f string, vs []float64) string {
	s := make([]string, len(vs))
	for i, v := range vs {
		s[i] = minus(fmt.Sprintf(f, v))
	}
	return strings.Join(s, ", ")
}
