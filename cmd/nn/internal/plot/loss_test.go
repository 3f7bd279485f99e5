package plot

import (
	"math"
	"strings"
	"testing"

	"example.com/nn/cmd/nn/internal/plot/svgtest"
)

// TestLossPlot: the loss plot has both series, a log axis when the loss falls
// by more than 10×, and leaves out a validation loss that is all NaN.
func TestLossPlot(t *testing.T) {
	train := []float64{1, 0.3, 0.1, 0.05}
	var b strings.Builder
	if err := WriteLoss(&b, "run", train, []float64{0.9, 0.4, math.NaN(), 0.2}); err != nil {
		t.Fatal(err)
	}
	q := svgtest.Panels(t, svgtest.Parse(t, b.String()))[0]
	if len(q.Series["training"]) != 4 || len(q.Series["validation"]) != 3 {
		t.Errorf("series: %d training, %d validation points; want 4 and 3", len(q.Series["training"]), len(q.Series["validation"]))
	}
	// A log axis from 10⁻² to 1: the loss 0.1 is half way up.
	if !(len(q.YTicks) > 0 && q.YTicks[0] == "10⁻²") {
		t.Errorf("y ticks %v, want a log axis from 10⁻²", q.YTicks)
	}
	y01 := q.Y + q.Height/2
	found := false
	for _, p := range q.Series["training"] {
		found = found || math.Abs(p[1]-y01) <= svgtest.Pixel
	}
	if !found {
		t.Errorf("no training point at loss 0.1 (y = %.2f): %v", y01, q.Series["training"])
	}
	b.Reset()
	if err := WriteLoss(&b, "run", train, []float64{math.NaN(), math.NaN()}); err != nil {
		t.Fatal(err)
	}
	if q := svgtest.Panels(t, svgtest.Parse(t, b.String()))[0]; len(q.Series) != 1 {
		t.Errorf("all-NaN validation: series %v, want training only", q.Series)
	}
}
