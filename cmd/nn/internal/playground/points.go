package playground

// points.go: the data of a session: the points drawn from a DataConfig
// (the library's toy sets, the notes' curves and patterns), the split into
// training and test points, and the input features of a point.

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"example.com/nn"
)

// dataset is the points of a session and what they are.
type dataset struct {
	points  []Point // training points first, then test points
	classes int     // 0 for a curve
	curve   *curveFn
	domain  Domain
}

// curveFn is a 1-D target function on [lo, hi].
type curveFn struct {
	f      func(float64) float64
	lo, hi float64
}

// curveOf returns the curve of a curve kind, nil for other kinds.
func curveOf(d *DataConfig) *curveFn {
	switch d.Kind {
	case "sin":
		return &curveFn{func(x float64) float64 { return math.Sin(x) + 0.3*math.Sin(3*x) }, -math.Pi, math.Pi}
	case "step":
		return &curveFn{nn.Step{}.F, -1, 1}
	case "abs":
		return &curveFn{math.Abs, -1, 1}
	case "sawtooth":
		saw := nn.Sawtooth(d.K)
		return &curveFn{func(x float64) float64 { return saw.Predict([]float64{x})[0] }, 0, 1}
	}
	return nil
}

// makeData draws the points of a valid DataConfig from its seed. prev, if
// not nil, is the domain the page had: custom points keep it (grown to
// hold every point) so that clicking does not move the plane.
func makeData(d *DataConfig, prev *Domain) (*dataset, *FieldError) {
	ds := &dataset{classes: d.classes(), curve: curveOf(d)}
	rng := rand.New(rand.NewPCG(d.Seed, 0xda7a))
	switch {
	case d.Kind == "custom":
		ds.points = append([]Point(nil), d.Custom...)
		slices.SortStableFunc(ds.points, func(a, b Point) int { return boolInt(a.Test) - boolInt(b.Test) })
	case slices.Contains(fixedKinds, d.Kind):
		ds.points = fixedPoints(d.Kind)
	default:
		all := drawSet(d, ds.curve, rng)
		var err error
		if ds.points, err = split(all, d.TestShare, rng); err != nil {
			return nil, fieldErr("data.test_share", "%v", err)
		}
	}
	ds.domain = ds.fitDomain(prev)
	return ds, nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// drawSet draws the points of a generated kind as a library data set.
func drawSet(d *DataConfig, c *curveFn, rng *rand.Rand) *nn.Dataset {
	n, noise := d.Points, d.Noise
	switch d.Kind {
	case "moons":
		return nn.TwoMoons(n, noise, rng)
	case "circles":
		return nn.Circles(n, noise, rng)
	case "spirals":
		return nn.Spirals(n, noise, rng)
	case "xor":
		return nn.XORBlobs(n, noise, rng)
	case "gauss":
		return blobs(n, 2, noise, rng)
	case "blobs3":
		return blobs(n, 3, noise, rng)
	case "spirals3":
		return spirals3(n, noise, rng)
	}
	X, Y := nn.NewMatrix(n, 1), nn.NewMatrix(n, 1)
	for i := range n {
		x := c.lo + (c.hi-c.lo)*float64(i)/float64(n-1)
		X.Set(i, 0, x)
		Y.Set(i, 0, c.f(x)+noise*rng.NormFloat64())
	}
	return &nn.Dataset{X: X, Y: Y}
}

// blobs returns k Gaussian clouds of standard deviation 0.25 (plus the
// noise) around k points on the circle of radius 0.8: for k = 2 the pair
// (−0.57, −0.57) and (0.57, 0.57), which a straight line separates.
func blobs(n, k int, noise float64, rng *rand.Rand) *nn.Dataset {
	return classSet(n, k, rng, func(c int) (float64, float64) {
		t := 2*math.Pi*float64(c)/float64(k) + math.Pi/4 + math.Pi
		s := math.Hypot(0.25, noise)
		return 0.8*math.Cos(t) + s*rng.NormFloat64(), 0.8*math.Sin(t) + s*rng.NormFloat64()
	})
}

// spirals3 returns three interleaved spirals, as nn.Spirals draws two:
// class c at radius s and angle 3.5π·s + 2πc/3, s uniform in [0.05, 1].
func spirals3(n int, noise float64, rng *rand.Rand) *nn.Dataset {
	return classSet(n, 3, rng, func(c int) (float64, float64) {
		s := 0.05 + 0.95*rng.Float64()
		t := 3.5*math.Pi*s + 2*math.Pi*float64(c)/3
		return s*math.Cos(t) + noise*rng.NormFloat64(), s*math.Sin(t) + noise*rng.NormFloat64()
	})
}

// classSet returns n points of k classes, sample i of class i mod k.
func classSet(n, k int, rng *rand.Rand, point func(c int) (float64, float64)) *nn.Dataset {
	d := &nn.Dataset{X: nn.NewMatrix(n, 2), Labels: make([]int, n), Classes: k}
	for i := range n {
		d.Labels[i] = i % k
		x1, x2 := point(i % k)
		d.X.Set(i, 0, x1)
		d.X.Set(i, 1, x2)
	}
	return d
}

// fixedPoints returns the four patterns of XOR or AND (§1, §8) or the one
// sample of the worked example (§9), all training points.
func fixedPoints(kind string) []Point {
	if kind == "worked" {
		_, x, y := nn.WorkedExample()
		return []Point{{X: x, Label: int(y[0])}}
	}
	X, Y := nn.XOR()
	ps := make([]Point, X.Rows)
	for i := range ps {
		x := X.Row(i)
		ps[i] = Point{X: []float64{x[0], x[1]}, Label: int(Y.At(i, 0))}
		if kind == "and" {
			ps[i].Label = int(x[0]) & int(x[1])
		}
	}
	return ps
}

// split holds out a share of the points of d for testing, by the library's
// StratifiedSplit (classes) or RandomSplit (a curve), and returns the
// training points, then the test points.
func split(d *nn.Dataset, share float64, rng *rand.Rand) ([]Point, error) {
	if share == 0 {
		return pointsOf(d, false), nil
	}
	train, test, err := nn.StratifiedSplit(d, share, rng)
	if err != nil {
		return nil, err
	}
	return append(pointsOf(train, false), pointsOf(test, true)...), nil
}

// pointsOf returns the samples of d as points.
func pointsOf(d *nn.Dataset, test bool) []Point {
	ps := make([]Point, d.X.Rows)
	for i := range ps {
		ps[i] = Point{X: append([]float64(nil), d.X.Row(i)...), Test: test}
		if d.Regression() {
			ps[i].Y = d.Y.At(i, 0)
		} else {
			ps[i].Label = d.Labels[i]
		}
	}
	return ps
}

// fitDomain returns the plane (or interval) to draw: the curve's interval,
// or a square around the points with a margin, at least [−1.6, 1.6]² for
// the toy sets and [−0.5, 1.5]² for the patterns, grown to hold prev.
func (ds *dataset) fitDomain(prev *Domain) Domain {
	if ds.curve != nil {
		return Domain{X1Min: ds.curve.lo, X1Max: ds.curve.hi}
	}
	lo, hi := [2]float64{math.Inf(1), math.Inf(1)}, [2]float64{math.Inf(-1), math.Inf(-1)}
	for _, p := range ds.points {
		for k, v := range p.X {
			lo[k], hi[k] = min(lo[k], v), max(hi[k], v)
		}
	}
	if len(ds.points[0].X) == 1 { // custom curve points
		m := max(0.05*(hi[0]-lo[0]), 0.5)
		return Domain{X1Min: lo[0] - m, X1Max: hi[0] + m}
	}
	m := max(0.1*max(hi[0]-lo[0], hi[1]-lo[1]), 0.1)
	d := Domain{X1Min: lo[0] - m, X1Max: hi[0] + m, X2Min: lo[1] - m, X2Max: hi[1] + m}
	base := Domain{-1.6, 1.6, -1.6, 1.6}
	if hi[0] <= 1 && lo[0] >= 0 && hi[1] <= 1 && lo[1] >= 0 {
		base = Domain{-0.5, 1.5, -0.5, 1.5}
	}
	if prev != nil {
		base = *prev
	}
	return Domain{min(d.X1Min, base.X1Min), max(d.X1Max, base.X1Max), min(d.X2Min, base.X2Min), max(d.X2Max, base.X2Max)}
}

// featureFns computes the input features from a point's coordinates.
var featureFns = map[string]func(x []float64) float64{
	"x1":     func(x []float64) float64 { return x[0] },
	"x2":     func(x []float64) float64 { return x[1] },
	"x1^2":   func(x []float64) float64 { return x[0] * x[0] },
	"x2^2":   func(x []float64) float64 { return x[1] * x[1] },
	"x1x2":   func(x []float64) float64 { return x[0] * x[1] },
	"sin_x1": func(x []float64) float64 { return math.Sin(x[0]) },
	"sin_x2": func(x []float64) float64 { return math.Sin(x[1]) },
}

// inputs returns the network's inputs for the raw points in the rows of
// raw: each standardized by scaler if not nil, then its features.
func inputs(raw *nn.Matrix, features []string, scaler *nn.Standardizer) *nn.Matrix {
	if scaler != nil {
		raw = scaler.Transform(raw)
	}
	X := nn.NewMatrix(raw.Rows, len(features))
	for i := range raw.Rows {
		x, row := raw.Row(i), X.Row(i)
		for k, f := range features {
			row[k] = featureFns[f](x)
		}
	}
	return X
}

// target returns the target row of a point for a network with this output
// and number of output units: the one-hot class for several units, the
// label 0 or 1 for one unit, or y for a curve.
func target(p Point, outUnits int, curve bool) []float64 {
	switch {
	case curve:
		return []float64{p.Y}
	case outUnits == 1:
		return []float64{float64(p.Label)}
	}
	y := make([]float64, outUnits)
	y[p.Label] = 1
	return y
}

// matrices returns the raw coordinates and the targets of the training
// (test = false) or test points.
func (ds *dataset) matrices(test bool, outUnits int) (raw, Y *nn.Matrix) {
	var xs, ys [][]float64
	for _, p := range ds.points {
		if p.Test == test {
			xs = append(xs, p.X)
			ys = append(ys, target(p, outUnits, ds.isCurve()))
		}
	}
	if len(xs) == 0 {
		return nil, nil
	}
	return nn.FromRows(xs), nn.FromRows(ys)
}

// isCurve reports whether the points are 1-D.
func (ds *dataset) isCurve() bool { return ds.classes == 0 }

// String names the data for a model's record.
func (d *DataConfig) String() string {
	if d.Kind == "custom" {
		return fmt.Sprintf("playground: %d custom points", len(d.Custom))
	}
	return fmt.Sprintf("playground: %s, %d points, noise %g, seed %d", d.Kind, d.Points, d.Noise, d.Seed)
}
