package main

// Formatting helpers of the command's text, under the short names the
// commands use; the formats themselves are package format's and package
// explain's.

import (
	"fmt"
	"math"
	"strings"

	"example.com/nn"
	"example.com/nn/cmd/nn/internal/explain"
	"example.com/nn/cmd/nn/internal/format"
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

// sizesString writes a network's layer sizes as "2-2-1".
func sizesString(sizes []int) string { return format.Sizes(sizes) }

// diffString formats a difference of two gradients as nn explain does.
func diffString(d float64) string { return format.Diff(d) }

// explainer formats the numbers of a trace as nn explain does, with the
// given significant digits, for the tour's brief trace.
type explainer struct{ digits int }

func (e *explainer) num(v float64) string    { return explain.Numbers{Digits: e.digits}.Num(v) }
func (e *explainer) vec(v []float64) string  { return explain.Numbers{Digits: e.digits}.Vec(v) }
func (e *explainer) mat(M *nn.Matrix) string { return explain.Numbers{Digits: e.digits}.Mat(M) }

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
