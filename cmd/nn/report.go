package main

import (
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"time"

	"example.com/nn"
)

// Reporting on a run: how a model scores on a data set (accuracy and the
// confusion matrix, or the error of each target), and the progress line of
// training.

// scores are how a model does on a data set: the accuracy and confusion
// matrix of a classifier, or the RMSE and R² of each regression target.
type scores struct {
	n         int // samples
	accuracy  float64
	right     int
	confusion [][]int
	names     []string  // the class names, or the target names (nil if the model has none)
	rmse, r2  []float64 // per target (R² by nn.RSquaredColumns); nil for a classifier
}

// score computes how m does on d. The accuracy of a regression model is NaN.
func score(m *nn.Model, d *nn.Dataset) scores {
	s := scores{n: d.X.Rows, accuracy: math.NaN()}
	if d.Regression() {
		P := m.PredictBatch(d.X)
		for k := range d.Y.Cols {
			se := 0.0
			for i := range d.X.Rows {
				e := P.At(i, k) - d.Y.At(i, k)
				se += e * e
			}
			s.rmse = append(s.rmse, math.Sqrt(se/float64(d.X.Rows)))
		}
		s.r2, s.names = nn.RSquaredColumns(P, d.Y), m.TargetNames
		return s
	}
	pred, _ := m.Classify(d.X)
	for i, y := range d.Labels {
		if pred[i] == y {
			s.right++
		}
	}
	s.accuracy = float64(s.right) / float64(len(pred))
	s.confusion, s.names = nn.ConfusionMatrix(d.Labels, pred, len(m.ClassNames)), m.ClassNames
	return s
}

// write prints the scores of the samples called what ("test").
func (s scores) write(w io.Writer, what string) {
	if s.rmse != nil {
		for k := range s.rmse {
			fmt.Fprintf(w, "%s RMSE of %s: %.6g (%d samples), R² %.3f\n", what, s.target(k), s.rmse[k], s.n, s.r2[k])
		}
		return
	}
	fmt.Fprintf(w, "%s accuracy %.4f (%d of %d)\n", what, s.accuracy, s.right, s.n)
	printConfusion(w, s.confusion, s.names)
}

// target names regression target k by its name in the training file's
// header ("MEDV"), or else by its number ("target 1").
func (s scores) target(k int) string {
	if s.names != nil {
		return s.names[k]
	}
	return fmt.Sprintf("target %d", k+1)
}

// printConfusion prints C[true][predicted], rows named by class, columns
// numbered as the rows.
func printConfusion(w io.Writer, C [][]int, names []string) {
	width := 3
	for _, row := range C {
		for _, v := range row {
			width = max(width, len(fmt.Sprint(v)))
		}
	}
	nameWidth := 0
	for _, n := range names {
		nameWidth = max(nameWidth, len([]rune(n)))
	}
	fmt.Fprintln(w, "confusion matrix (rows: true class, columns: predicted class):")
	fmt.Fprintf(w, "%*s", 4+nameWidth, "")
	for k := range C {
		fmt.Fprintf(w, " %*d", width, k)
	}
	fmt.Fprintln(w)
	for k, row := range C {
		label := fmt.Sprintf("%2d %s", k, names[k])
		if names[k] == strconv.Itoa(k) {
			label = fmt.Sprintf("%2s %s", "", names[k])
		}
		fmt.Fprintf(w, "%s%*s", label, 1+nameWidth-len([]rune(names[k])), "")
		for _, v := range row {
			fmt.Fprintf(w, " %*d", width, v)
		}
		fmt.Fprintln(w)
	}
}

// progress shows training as it goes: on a terminal a line redrawn in
// place, otherwise one line per epoch.
type progress struct {
	w                     io.Writer
	tty                   bool
	epochs, n, batch      int
	start, drawn, epochAt time.Time
	samples               int              // samples trained on so far, all epochs (a short last batch counts its own)
	now                   func() time.Time // the clock; nil: time.Now
}

// clock returns the time now, by p.now if a test set one.
func (p *progress) clock() time.Time {
	if p.now != nil {
		return p.now()
	}
	return time.Now()
}

// newProgress returns the progress of a run of the given number of epochs
// over n samples in batches of batch, written to w (redrawn in place if w
// is a terminal), its clock started now.
func newProgress(w io.Writer, epochs, n, batch int) *progress {
	now := time.Now()
	return &progress{w: w, tty: isTerminal(w), epochs: epochs, n: n, batch: batch, start: now, epochAt: now}
}

// isTerminal reports whether f, an input or an output, is a terminal (a
// character device).
func isTerminal(f any) bool {
	file, ok := f.(*os.File)
	if !ok {
		return false
	}
	st, err := file.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// step redraws the progress line, at most ten times a second: the epoch,
// the samples done, the loss of the current batch (which jumps from batch
// to batch; the epoch's line gives the mean), the speed and the time left.
func (p *progress) step(epoch, step int, loss, _ float64) {
	p.samples += min(p.batch, p.n-(step-1)*p.batch) // the last batch of an epoch may be short
	now := p.clock()
	if !p.tty || now.Sub(p.drawn) < 100*time.Millisecond {
		return
	}
	p.drawn = now
	perEpoch := (p.n + p.batch - 1) / p.batch
	done := min(step*p.batch, p.n)
	const barWidth = 10
	fill := barWidth * step / perEpoch
	bar := strings.Repeat("=", fill) + strings.Repeat(" ", barWidth-fill)
	// The time left: the samples left, of this epoch and the next ones, at
	// the rate so far.
	rate := float64(p.samples) / now.Sub(p.start).Seconds()
	left := time.Duration(float64((p.epochs-epoch)*p.n+p.n-done) / rate * float64(time.Second))
	line := fmt.Sprintf("epoch %d/%d [%s] %d/%d  batch loss %s  %.0f/s  %s left",
		epoch, p.epochs, bar, done, p.n, lossText(loss), rate, left.Round(time.Second))
	// A line longer than the terminal wraps, and \r then redraws only its
	// last part: stay within 80 columns.
	if r := []rune(line); len(r) > progressWidth {
		line = string(r[:progressWidth])
	}
	fmt.Fprintf(p.w, "\r%s\x1b[K", line)
}

// epoch prints the line of a finished epoch.
func (p *progress) epoch(e nn.EpochStats, regression bool) {
	if p.tty {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
	line := fmt.Sprintf("epoch %*d/%d  train loss %s", len(fmt.Sprint(p.epochs)), e.Epoch, p.epochs, lossText(e.TrainLoss))
	if !math.IsNaN(e.ValLoss) {
		line += fmt.Sprintf("  val loss %s", lossText(e.ValLoss))
		if !regression {
			line += fmt.Sprintf("  val acc %.4f", e.ValAccuracy)
		}
	}
	d := e.Time
	switch {
	case d >= 10*time.Second:
		d = d.Round(100 * time.Millisecond)
	case d >= 10*time.Millisecond:
		d = d.Round(time.Millisecond)
	default:
		d = d.Round(10 * time.Microsecond)
	}
	fmt.Fprintf(p.w, "%s  lr %.3g  %v\n", line, e.LR, d)
}

// progressWidth is the longest progress line: one less than the 80
// columns of a terminal, whose last column may wrap.
const progressWidth = 79

// done clears a half-drawn progress line.
func (p *progress) done() {
	if p.tty {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}
