package nn

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// onCurve is the tolerance of a noise-free point on its curve: the formulas
// are evaluated with a few roundings, each within 1e-16 of values of size 1.
const onCurve = 1e-12

// TestToyData: without noise every point lies exactly on its class's curve;
// labels alternate; the same seed gives the same data and noise moves the
// points by about the noise.
func TestToyData(t *testing.T) {
	tests := []struct {
		name string
		make func(int, float64, *rand.Rand) *Dataset
		// on reports how far (x, y) is from the curve of class c.
		on func(x, y float64, c int) float64
	}{
		{"moons", TwoMoons, func(x, y float64, c int) float64 {
			if c == 1 {
				x, y = 1-x, 0.5-y // the second moon, mirrored onto the first
			}
			return math.Abs(math.Hypot(x, y)-1) + math.Max(0, -y)
		}},
		{"circles", Circles, func(x, y float64, c int) float64 {
			return math.Abs(math.Hypot(x, y) - (1 - 0.5*float64(c)))
		}},
		{"spirals", Spirals, func(x, y float64, c int) float64 {
			r := math.Hypot(x, y)
			t := 3.5*math.Pi*r + math.Pi*float64(c)
			return math.Hypot(x-r*math.Cos(t), y-r*math.Sin(t)) + math.Max(0, 0.05-r-onCurve)
		}},
		{"xor", XORBlobs, func(x, y float64, c int) float64 {
			d := math.Abs(math.Abs(x)-0.5) + math.Abs(math.Abs(y)-0.5)
			if (x*y < 0) != (c == 1) {
				d += 1
			}
			return d
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := tt.make(101, 0, rand.New(rand.NewPCG(1, 2)))
			if d.X.Rows != 101 || d.X.Cols != 2 || len(d.Labels) != 101 || d.Classes != 2 {
				t.Fatalf("shape %d×%d, %d labels, %d classes", d.X.Rows, d.X.Cols, len(d.Labels), d.Classes)
			}
			for i := range d.X.Rows {
				if d.Labels[i] != i%2 {
					t.Fatalf("label %d is %d, want %d", i, d.Labels[i], i%2)
				}
				if e := tt.on(d.X.At(i, 0), d.X.At(i, 1), d.Labels[i]); e > onCurve {
					t.Fatalf("point %d %v of class %d is %.3g off its curve", i, d.X.Row(i), d.Labels[i], e)
				}
			}
			again := tt.make(101, 0, rand.New(rand.NewPCG(1, 2)))
			if diff := cmp.Diff(d, again); diff != "" {
				t.Errorf("same seed, different data:\n%s", diff)
			}
			// Noise is added after the point is drawn, from the same stream, so
			// the same seed with noise σ gives the same points moved by σ·N(0, 1):
			// over 2·101 coordinates the mean square of the moves is σ² within
			// 30% (the relative spread of a χ² with 202 degrees of freedom is 10%).
			const σ = 0.1
			noisy := tt.make(101, σ, rand.New(rand.NewPCG(1, 2)))
			ss := 0.0
			for k, v := range noisy.X.Data {
				ss += (v - d.X.Data[k]) * (v - d.X.Data[k])
			}
			if ms := ss / float64(len(d.X.Data)); math.Abs(ms/(σ*σ)-1) > 0.3 {
				t.Errorf("noise %v: mean square move %.3g, want about %.3g", σ, ms, σ*σ)
			}
		})
	}
}

func TestToyPanics(t *testing.T) {
	defer func() {
		if r := recover(); r == nil || !strings.Contains(r.(string), "TwoMoons: n = 1") {
			t.Errorf("panic %v, want TwoMoons: n = 1 …", r)
		}
	}()
	TwoMoons(1, 0, rand.New(rand.NewPCG(1, 1)))
}

// TestTwoMoonsNotSeparable (issue 16, item 21): "no straight line separates
// them", shown by a certificate: a point of one moon inside a triangle of
// three points of the other. Any line w·x + b that puts the triangle's
// corners on one side puts every convex combination of them, the point
// included, on that side too. Moons drawn as quarter circles (t in [0, π/2])
// have no such triangle: a line separates them.
func TestTwoMoonsNotSeparable(t *testing.T) {
	d := TwoMoons(60, 0, rand.New(rand.NewPCG(21, 1)))
	var by [2][][]float64
	for i, c := range d.Labels {
		by[c] = append(by[c], d.X.Row(i))
	}
	// inside reports whether p lies strictly inside the triangle abc: on the
	// same side of each edge, by the signs of three cross products.
	inside := func(p, a, b, c []float64) bool {
		side := func(u, v []float64) float64 { return (v[0]-u[0])*(p[1]-u[1]) - (v[1]-u[1])*(p[0]-u[0]) }
		s1, s2, s3 := side(a, b), side(b, c), side(c, a)
		return s1 > 0 && s2 > 0 && s3 > 0 || s1 < 0 && s2 < 0 && s3 < 0
	}
	for c := range 2 {
		found := false
	search:
		for _, p := range by[1-c] {
			o := by[c]
			for i := range o {
				for j := i + 1; j < len(o); j++ {
					for k := j + 1; k < len(o); k++ {
						if inside(p, o[i], o[j], o[k]) {
							t.Logf("moon %d's point %.3f lies inside moon %d's triangle %.3f %.3f %.3f", 1-c, p, c, o[i], o[j], o[k])
							found = true
							break search
						}
					}
				}
			}
		}
		if !found {
			t.Errorf("no point of moon %d lies inside a triangle of moon %d's points: the moons are not the interleaved half circles", 1-c, c)
		}
	}
}
