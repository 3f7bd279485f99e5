package plot

// Tests of the loss plot.

import (
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"example.com/nn/cmd/nn/internal/plot/svgtest"
)

// TestLossPlot: the loss plot has both series, a log axis when the loss falls
// by more than 10×, and leaves out a validation loss that is all NaN.
func TestLossPlot(t *testing.T) {
	train := []float64{1, 0.3, 0.1, 0.05}
	var b strings.Builder
	if err := Loss("run", LossRun{Train: train, Val: []float64{0.9, 0.4, math.NaN(), 0.2}}).WriteSVG(&b); err != nil {
		t.Fatal(err)
	}
	q := svgtest.Panels(t, svgtest.Parse(t, b.String()))[0]
	if len(q.Series["training"]) != 4 || len(q.Series["validation"]) != 3 {
		t.Errorf("series: %d training, %d validation points; want 4 and 3", len(q.Series["training"]), len(q.Series["validation"]))
	}
	// A log axis over [0.05, 1] padded by 4% of its L = log₁₀20 decades at
	// each end: the loss 0.1 lies (1 + 0.04)·L − 1 decades above the bottom.
	if diff := cmp.Diff([]string{"0.05", "0.1", "0.2", "0.5", "1"}, q.YTicks); diff != "" {
		t.Errorf("y ticks (-want +got):\n%s", diff)
	}
	L := math.Log10(20)
	y01 := q.Y + q.Height*(1-((1+pad)*L-1)/((1+2*pad)*L))
	found := false
	for _, p := range q.Series["training"] {
		found = found || math.Abs(p[1]-y01) <= svgtest.Pixel
	}
	if !found {
		t.Errorf("no training point at loss 0.1 (y = %.2f): %v", y01, q.Series["training"])
	}
	b.Reset()
	if err := Loss("run", LossRun{Train: train, Val: []float64{math.NaN(), math.NaN()}}).WriteSVG(&b); err != nil {
		t.Fatal(err)
	}
	if q := svgtest.Panels(t, svgtest.Parse(t, b.String()))[0]; len(q.Series) != 1 {
		t.Errorf("all-NaN validation: series %v, want training only", q.Series)
	}
}

// TestLossPartialKept: a run interrupted a quarter into its 4th epoch, which
// kept the weights of epoch 2: the whole epochs are the curves, the 4th a
// ring at epoch 3.25 joined by a dashed line, and a vertical line marks
// epoch 2.
func TestLossPartialKept(t *testing.T) {
	r := LossRun{Train: []float64{1, 0.5, 0.3, 0.4}, Val: []float64{0.9, 0.6, 0.7, math.NaN()},
		Partial: true, Done: 0.25, Kept: 2, KeptName: "weights kept: epoch 2"}
	var b strings.Builder
	if err := Loss("run", r).WriteSVG(&b); err != nil {
		t.Fatal(err)
	}
	root := svgtest.Parse(t, b.String())
	q := svgtest.Panels(t, root)[0]
	if len(q.Series["training"]) != 3 || len(q.Series["validation"]) != 3 {
		t.Errorf("training %v, validation %v: want the 3 whole epochs", q.Series["training"], q.Series["validation"])
	}
	ring := q.Series["epoch 4, 25% run"]
	if len(ring) != 1 || math.Abs(ring[0][0]-q.XAt(t, 3.25, false)) > 0.02 || math.Abs(ring[0][1]-q.YAt(t, 0.4, false)) > 0.02 {
		t.Errorf("partial epoch %v, want a ring at (3.25, 0.4) = (%.2f, %.2f)", ring, q.XAt(t, 3.25, false), q.YAt(t, 0.4, false))
	}
	marks := root.Find("line", "mark")
	if len(marks) != 1 || marks[0].Attr("data-name") != "weights kept: epoch 2" || math.Abs(marks[0].Num(t, "x1")-q.XAt(t, 2, false)) > 0.02 {
		t.Errorf("want one mark, at epoch 2 (x = %.2f)", q.XAt(t, 2, false))
	}
	legend := root.Find("g", "legend")[0].AllText()
	for _, want := range []string{"epoch 4, 25% run", "weights kept: epoch 2"} {
		if !strings.Contains(legend, want) {
			t.Errorf("legend %q lacks %q", legend, want)
		}
	}
}
