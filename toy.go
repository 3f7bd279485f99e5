package nn

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// Toy data sets of two features and two classes, the kind TensorFlow
// Playground draws: each is linearly separable or not in a way a picture
// shows at once (§1, §3, §8). Each returns n samples, alternately of class 0
// and 1 (so ⌈n/2⌉ of class 0), with Gaussian noise of standard deviation
// noise added to both coordinates, drawn from rng. They panic if n < 2,
// noise < 0 or rng is nil.

func toyCheck(fn string, n int, noise float64, rng *rand.Rand) {
	if n < 2 || !(noise >= 0) || rng == nil {
		panic(fmt.Sprintf("%s: n = %d, noise = %v, rng nil: %v; need n ≥ 2, noise ≥ 0 and a generator", fn, n, noise, rng == nil))
	}
}

// toy fills a data set from point(i, class), adding the noise.
func toy(n int, noise float64, rng *rand.Rand, point func(c int) (x, y float64)) *Dataset {
	d := &Dataset{X: NewMatrix(n, 2), Labels: make([]int, n), Classes: 2}
	for i := range n {
		c := i % 2
		x, y := point(c)
		d.X.Set(i, 0, x+noise*rng.NormFloat64())
		d.X.Set(i, 1, y+noise*rng.NormFloat64())
		d.Labels[i] = c
	}
	return d
}

// TwoMoons returns two interleaved half circles of radius 1: class 0 on
// (cos t, sin t) and class 1 on (1 − cos t, ½ − sin t), t uniform in [0, π].
// No straight line separates them.
func TwoMoons(n int, noise float64, rng *rand.Rand) *Dataset {
	toyCheck("TwoMoons", n, noise, rng)
	return toy(n, noise, rng, func(c int) (float64, float64) {
		t := math.Pi * rng.Float64()
		if c == 0 {
			return math.Cos(t), math.Sin(t)
		}
		return 1 - math.Cos(t), 0.5 - math.Sin(t)
	})
}

// Circles returns two concentric circles around the origin: class 0 on the
// circle of radius 1, class 1 on the circle of radius ½. A perceptron cannot
// separate them; one hidden layer can.
func Circles(n int, noise float64, rng *rand.Rand) *Dataset {
	toyCheck("Circles", n, noise, rng)
	return toy(n, noise, rng, func(c int) (float64, float64) {
		t := 2 * math.Pi * rng.Float64()
		r := 1 - 0.5*float64(c)
		return r * math.Cos(t), r * math.Sin(t)
	})
}

// Spirals returns two interleaved spirals, each turning 1¾ times around the
// origin: class c at radius r = s and angle 3.5π·s + cπ, s uniform in
// [0.05, 1]. The hardest of the four: it takes a deep or wide network.
func Spirals(n int, noise float64, rng *rand.Rand) *Dataset {
	toyCheck("Spirals", n, noise, rng)
	return toy(n, noise, rng, func(c int) (float64, float64) {
		s := 0.05 + 0.95*rng.Float64()
		t := 3.5*math.Pi*s + math.Pi*float64(c)
		return s * math.Cos(t), s * math.Sin(t)
	})
}

// XORBlobs returns XOR (§8) as four clouds of points around the corners
// (±½, ±½): class 1 where the two coordinates have opposite signs (the
// corners (−½, ½) and (½, −½)), class 0 where they have the same sign.
func XORBlobs(n int, noise float64, rng *rand.Rand) *Dataset {
	toyCheck("XORBlobs", n, noise, rng)
	return toy(n, noise, rng, func(c int) (float64, float64) {
		s := float64(2*rng.IntN(2) - 1) // which of the class's two corners
		if c == 0 {
			return s / 2, s / 2
		}
		return s / 2, -s / 2
	})
}
