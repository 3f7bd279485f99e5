package nn

import (
	"bufio"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// golden compares the rows of a table with testdata/name.golden, value by
// value: each row is a line of space-separated numbers, written with %.6g, so
// two values agree if they differ by less than 1e-5 of the larger (the
// rounding of 6 significant digits is at most 5e-6). With -update it
// rewrites the file instead.
func golden(t *testing.T, name, header string, rows [][]float64) {
	t.Helper()
	path := "testdata/" + name + ".golden"
	var b strings.Builder
	b.WriteString("# " + header + "\n")
	for _, r := range rows {
		for i, v := range r {
			if i > 0 {
				b.WriteString(" ")
			}
			fmt.Fprintf(&b, "%.6g", v)
		}
		b.WriteString("\n")
	}
	if *update {
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("%v (run go test -run %s -update to create it)", err, t.Name())
	}
	defer f.Close()
	var want [][]float64
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "#") {
			continue
		}
		var row []float64
		for _, s := range strings.Fields(sc.Text()) {
			v, err := strconv.ParseFloat(s, 64)
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			row = append(row, v)
		}
		want = append(want, row)
	}
	if len(want) != len(rows) {
		t.Fatalf("%s has %d rows, the test computed %d", path, len(want), len(rows))
	}
	for i := range rows {
		for j := range rows[i] {
			g, w := rows[i][j], want[i][j]
			if math.Abs(g-w) > 1e-5*max(math.Abs(g), math.Abs(w)) {
				t.Errorf("%s row %d column %d: got %.6g, golden %.6g", path, i+1, j+1, g, w)
			}
		}
	}
}

// float64Eps is the machine epsilon of float64, 2⁻⁵², the gap between 1 and
// the next float64: a rounding changes a value by at most ε/2 of itself.
const float64Eps = 0x1p-52

var approxTargets = []struct {
	name string
	f    func(float64) float64
	a, b float64
}{
	{"sin on [0, 2π]", math.Sin, 0, 2 * math.Pi},
	{"|x| on [−1, 1]", math.Abs, -1, 1},
	{"bump e^(−8x²) on [−1, 1]", func(x float64) float64 { return math.Exp(-8 * x * x) }, -1, 1},
}

// TestStepSum (§12): the sup error of the sum of N steep sigmoids falls like
// 1/N for these Lipschitz functions once the steepness keeps pace with the
// grid (k = 50 / grid spacing, so each sigmoid rises from 0.01 to 0.99 within
// a tenth of its interval): the fitted log-log slope is −1 within 0.1. A
// fixed shallow k = 1 cannot resolve the grid, and its error stays far above.
func TestStepSum(t *testing.T) {
	Ns := []float64{8, 16, 32, 64, 128, 256}
	var rows [][]float64
	for _, tt := range approxTargets {
		var errs []float64
		for _, N := range Ns {
			k := 50 * N / (tt.b - tt.a)
			net, err := StepSum(tt.f, tt.a, tt.b, int(N), k)
			if err != nil {
				t.Fatal(err)
			}
			e := SupError(net, tt.f, tt.a, tt.b, 20000)
			shallow, _ := StepSum(tt.f, tt.a, tt.b, int(N), 1)
			es := SupError(shallow, tt.f, tt.a, tt.b, 20000)
			errs = append(errs, e)
			rows = append(rows, []float64{N, e, es})
			if N == 8 || N == 64 {
				// The row again, straight from the formula, without StepSum.
				fe := stepSumSupError(tt.f, tt.a, tt.b, int(N), k, 20000)
				fes := stepSumSupError(tt.f, tt.a, tt.b, int(N), 1, 20000)
				if math.Abs(fe-e) > formulaTol || math.Abs(fes-es) > formulaTol {
					t.Errorf("%s, N = %v: StepSum's sup errors %.17g (k = %.4g), %.17g (k = 1); the §12 formula's %.17g, %.17g",
						tt.name, N, e, k, es, fe, fes)
				}
			}
			if N >= 32 && !(es > 4*e) {
				t.Errorf("%s, N = %v: shallow k = 1 error %.3g is not clearly worse than %.3g", tt.name, N, es, e)
			}
		}
		s := LogLogSlope(Ns, errs)
		t.Logf("%s: sup errors %.3g, log-log slope %.3f", tt.name, errs, s)
		if math.Abs(s+1) > 0.1 {
			t.Errorf("%s: slope %.3f, want −1 ± 0.1", tt.name, s)
		}
		for i := 1; i < len(errs); i++ {
			if !(errs[i] < errs[i-1]) {
				t.Errorf("%s: error did not fall from N = %v to %v", tt.name, Ns[i-1], Ns[i])
			}
		}
	}
	golden(t, "stepsum", "N, sup error with k = 50N/(b−a), sup error with k = 1; sin, |x|, bump", rows)
}

// stepSumSupError returns max |f(x) − f̂(x)| over the n+1 points
// x = a + j(b − a)/n, with f̂ evaluated straight from the formula of §12,
//
//	f̂(x) = f(x₀) + Σᵢ₌₁ᴺ (f(xᵢ) − f(xᵢ₋₁)) · σ(k(x − cᵢ)),  xᵢ = a + i(b − a)/N,  cᵢ = (xᵢ₋₁ + xᵢ)/2,
//
// with σ(t) = 1/(1 + e^(−t)) written out: no network, no StepSum, no Sigmoid.
func stepSumSupError(f func(float64) float64, a, b float64, N int, k float64, n int) float64 {
	xi := func(i int) float64 { return a + float64(i)*(b-a)/float64(N) }
	c, v := make([]float64, N+1), make([]float64, N+1) // cᵢ and f(xᵢ) − f(xᵢ₋₁), i = 1 … N
	for i := 1; i <= N; i++ {
		c[i], v[i] = (xi(i-1)+xi(i))/2, f(xi(i))-f(xi(i-1))
	}
	e := 0.0
	for j := 0; j <= n; j++ {
		x := a + float64(j)*(b-a)/float64(n)
		fhat := f(xi(0))
		for i := 1; i <= N; i++ {
			fhat += v[i] / (1 + math.Exp(-k*(x-c[i])))
		}
		e = max(e, math.Abs(f(x)-fhat))
	}
	return e
}

// formulaTol bounds the difference between a StepSum network and the §12
// formula evaluated directly. The network computes k·x + (−k·cᵢ) where the
// formula has k(x − cᵢ); they differ by about ε·k·(|x| + |cᵢ|) ≤ 1.5e-12
// (k·(b − a) = 50N ≤ 3200, |x|, |cᵢ| ≤ 2π). Through σ′ ≤ ¼ and a weight
// |f(xᵢ) − f(xᵢ₋₁)| ≤ 0.1 (at N = 64; at N = 8 the weights are 8 times
// larger and k 8 times smaller) that is 4e-14 per term, and only the two or three
// terms nearest x are not saturated (neighbouring cᵢ are 50 apart in k·x).
// The sums of N ≤ 64 terms of size ≤ 1 round differently by at most N·ε ≈
// 1.4e-14, and σ computed another way differs by an ulp or two per term.
// So 1e-12 absolute, a few times the bound; 2e-16 is measured.
const formulaTol = 1e-12

// TestStepGap (§12): outside a window |x| < w around the jump, a steep
// sigmoid is within σ(−kw) of the step, which shrinks as k grows.
func TestStepGap(t *testing.T) {
	const w = 0.1
	prev := 1.0
	for _, k := range []float64{1, 10, 100, 1000} {
		gap := StepGap(k, w, 1000)
		want := 1 / (1 + math.Exp(k*w)) // σ(−kw)
		if math.Abs(gap-want) > 1e-15*want+1e-300 {
			t.Errorf("StepGap(%v, %v) = %v, want σ(−kw) = %v", k, w, gap, want)
		}
		if !(gap < prev) {
			t.Errorf("StepGap(%v) = %v did not shrink", k, gap)
		}
		prev = gap
	}
}

// TestTrainedSin (§12 by training): a 1-8-1 sigmoid network trained by
// backpropagation from random weights fits sin on [0, 2π] to a sup error
// below 0.02, far better than the constructed sum of 8 steps (about 0.31):
// trained units need not be steps, and overlap smoothly.
func TestTrainedSin(t *testing.T) {
	const N = 8
	X, Y := NewMatrix(256, 1), NewMatrix(256, 1)
	for i := range 256 {
		x := 2 * math.Pi * float64(i) / 255
		X.Set(i, 0, x)
		Y.Set(i, 0, math.Sin(x))
	}
	net := newNet(t, []int{1, N, 1}, []Activation{Sigmoid{}, Identity{}}, XavierNormal, 1)
	if _, err := net.Train(X, Y, TrainConfig{Loss: MSE{}, Optimizer: NewAdam(), Schedule: Constant{0.01}, BatchSize: 32, Epochs: 2000},
		rand.New(rand.NewPCG(2, 2))); err != nil {
		t.Fatal(err)
	}
	built, _ := StepSum(math.Sin, 0, 2*math.Pi, N, 50*N/(2*math.Pi))
	et, eb := SupError(net, math.Sin, 0, 2*math.Pi, 10000), SupError(built, math.Sin, 0, 2*math.Pi, 10000)
	t.Logf("1-%d-1 on sin: trained sup error %.4f, constructed %.4f", N, et, eb)
	if !(et < 0.02 && et < eb) {
		t.Errorf("trained sup error %.4f (constructed %.4f); want < 0.02", et, eb)
	}
}

// towersSupError returns the sup error of §12's towers on [a, b]², off the
// grid lines as SupError2D measures it, with f̂ evaluated straight from the
// formula: with grid lines gᵢ = a + i(b − a)/n, cell centres mᵢ = (gᵢ + gᵢ₊₁)/2
// and σ(t) = 1/(1 + e^(−t)) written out,
//
//	f̂(x, y) = Σᵢⱼ f(mᵢ, mⱼ) · σ(K·(σ(k(x − gᵢ)) − σ(k(x − gᵢ₊₁)) + σ(k(y − gⱼ)) − σ(k(y − gⱼ₊₁)) − 3/2))
func towersSupError(f func(x, y float64) float64, a, b float64, n int, k, K float64, m int) float64 {
	sigma := func(t float64) float64 { return 1 / (1 + math.Exp(-t)) }
	g := func(i int) float64 { return a + float64(i)*(b-a)/float64(n) }
	mid := func(i int) float64 { return (g(i) + g(i+1)) / 2 }
	fm := make([]float64, n*n) // f(mᵢ, mⱼ)
	for i := range n {
		for j := range n {
			fm[i*n+j] = f(mid(i), mid(j))
		}
	}
	h := (b - a) / float64(n)
	offLines := func(v float64) bool { r := math.Mod(v-a, h) / h; return r >= 0.1 && r <= 0.9 }
	bumps := func(v float64) []float64 { // σ(k(v − gᵢ)) − σ(k(v − gᵢ₊₁)), i = 0 … n−1
		bs := make([]float64, n)
		for i := range bs {
			bs[i] = sigma(k*(v-g(i))) - sigma(k*(v-g(i+1)))
		}
		return bs
	}
	e := 0.0
	for p := 0; p <= m; p++ {
		x := a + float64(p)*(b-a)/float64(m)
		if !offLines(x) {
			continue
		}
		xb := bumps(x)
		for q := 0; q <= m; q++ {
			y := a + float64(q)*(b-a)/float64(m)
			if !offLines(y) {
				continue
			}
			yb := bumps(y)
			fhat := 0.0
			for i := range n {
				for j := range n {
					fhat += fm[i*n+j] * sigma(K*(xb[i]+yb[j]-1.5))
				}
			}
			e = max(e, math.Abs(f(x, y)-fhat))
		}
	}
	return e
}

// towersTol bounds the difference between a Towers network and its formula
// evaluated directly, at the points SupError2D uses. There, a tenth of a cell
// or more from every grid line, each first-layer unit has |k(x − gᵢ)| ≥ 10,
// so each bump is within 1e-4 of 0 or 1 and each tower's argument within
// 0.01 of K·(±1/2 or less) = ±25 or beyond: every tower is saturated, with
// σ′ < 2e-11. The arguments of the network (k·x + (−k·gᵢ)) and of the
// formula (k(x − gᵢ)) differ by about ε·k·2 ≤ 4e-13, which then moves no
// output by more than 1e-20; what is left is the rounding of the output sum
// of n² ≤ 64 terms of total size about 1 (one tower is on), n²·ε ≈ 1.4e-14,
// and an ulp or two of each σ computed another way. So 1e-13; 0 is measured.
const towersTol = 1e-13

// TestTowers (§12 in two dimensions): the tower network's error on a smooth
// bump, away from the grid lines (see SupError2D), falls like 1/n with n
// cells per side.
func TestTowers(t *testing.T) {
	bump := func(x, y float64) float64 { return math.Exp(-8 * ((x-0.5)*(x-0.5) + (y-0.5)*(y-0.5))) }
	ns := []float64{4, 8, 16, 32}
	var errs []float64
	var rows [][]float64
	for _, n := range ns {
		net, err := Towers(bump, 0, 1, int(n), 100*n, 50)
		if err != nil {
			t.Fatal(err)
		}
		m := int(n)
		// A unit per grid line, n+1 in x and n+1 in y; a tower per cell; one output.
		checkSizes(t, fmt.Sprintf("towers, n = %d", m), net, []int{2, 2 * (m + 1), m * m, 1}, 2*(m+1)+m*m+1)
		e := SupError2D(net, bump, 0, 1, int(n), 200)
		errs = append(errs, e)
		if n <= 8 {
			// The row again, straight from the formula, without Towers.
			if fe := towersSupError(bump, 0, 1, m, 100*n, 50, 200); math.Abs(fe-e) > towersTol {
				t.Errorf("n = %d: Towers' sup error %.17g, the formula's %.17g", m, e, fe)
			}
		}
		rows = append(rows, []float64{n, float64(Units(net)), e})
	}
	s := LogLogSlope(ns, errs)
	t.Logf("towers on a 2-D bump: n = %v, sup errors %.3g, slope %.3f", ns, errs, s)
	if math.Abs(s+1) > 0.1 {
		t.Errorf("slope %.3f, want −1 ± 0.1", s)
	}
	golden(t, "towers", "cells per side n, units, sup error off the grid lines", rows)
}

// sizesOf returns the layer widths n_0 … n_L of net as its weight matrices
// give them (n_0 = W¹.Cols, n_l = W^l.Rows), for checking both them and
// the Sizes field: a network that claimed fewer units than it computes with
// fails too.
func sizesOf(net *MLP) []int {
	s := []int{net.W[1].Cols}
	for l := 1; l <= net.L(); l++ {
		s = append(s, net.W[l].Rows)
	}
	return s
}

// checkSizes fails unless net's weight matrices and its Sizes both give the
// layer widths want, and Units(net) is units.
func checkSizes(t *testing.T, name string, net *MLP, want []int, units int) {
	t.Helper()
	if got := sizesOf(net); !slices.Equal(got, want) || !slices.Equal(net.Sizes, want) || Units(net) != units {
		t.Errorf("%s: weights give sizes %v, Sizes says %v, Units %d; want %v and %d units", name, got, net.Sizes, Units(net), want, units)
	}
}

// TestSawtooth (§13): the deep network tᵏ has 2ᵏ linear pieces from 2k
// hidden units, 2 in each of k layers; the one-hidden-layer network with 2ᵏ
// units equals it; and no one-hidden-layer ReLU network on one input has more
// than units + 1 pieces. The unit counts are those of the networks the
// constructors return, so a Sawtooth with 3 units per layer fails here.
func TestSawtooth(t *testing.T) {
	var rows [][]float64
	for k := 1; k <= 10; k++ {
		n := 1 << (k + 4) // 16 sample intervals per piece
		deep, shallow := Sawtooth(k), ShallowSawtooth(k)
		yd, ys := Sample(deep, 0, 1, n), Sample(shallow, 0, 1, n)
		pd, ps := CountPieces(yd), CountPieces(ys)
		if pd != 1<<k || ps != 1<<k {
			t.Errorf("k = %d: %d pieces deep, %d shallow; want 2ᵏ = %d", k, pd, ps, 1<<k)
		}
		for i := range yd {
			// Exact: x = i/2ᵏ⁺⁴ and every weight and bias are dyadic, so every
			// product and partial sum is a multiple of 2^−(k+4) below 2^(2k+2),
			// which takes at most 3k+6 ≤ 36 of float64's 53 bits, in any order
			// of summation and with or without fused multiply-add.
			if yd[i] != ys[i] {
				t.Fatalf("k = %d: deep %v ≠ shallow %v at x = %v", k, yd[i], ys[i], float64(i)/float64(n))
			}
		}
		// Deep: 1 input, k hidden layers of 2, 1 output: 2k + 1 units.
		checkSizes(t, fmt.Sprintf("k = %d, deep", k), deep, slices.Concat([]int{1}, slices.Repeat([]int{2}, k), []int{1}), 2*k+1)
		// Shallow: 1 input, 2ᵏ hidden units, 1 output.
		checkSizes(t, fmt.Sprintf("k = %d, shallow", k), shallow, []int{1, 1 << k, 1}, 1<<k+1)
		du, su := Units(deep)-1, Units(shallow)-1 // hidden units
		// The counting bound applied to the shallow network itself.
		if su < ps-1 {
			t.Errorf("k = %d: %d pieces from one hidden layer of %d units > units + 1", k, ps, su)
		}
		rows = append(rows, []float64{float64(k), float64(pd), float64(du), float64(su)})
	}
	golden(t, "sawtooth", "k, linear pieces, deep hidden units (2k), shallow hidden units (2^k)", rows)

	// The counting bound, on random one-hidden-layer ReLU networks: each unit
	// adds at most one breakpoint. (The count can only be too low; see
	// CountPieces.)
	for seed := range uint64(100) {
		rng := rand.New(rand.NewPCG(seed, 9))
		N := 1 + rng.IntN(12)
		net := newNet(t, []int{1, N, 1}, []Activation{ReLU{}, Identity{}}, HeNormal, seed)
		for j := range N {
			net.B[1][j] = rng.NormFloat64()
		}
		if p := CountPieces(Sample(net, -20, 20, 1<<14)); p > N+1 {
			t.Errorf("seed %d: %d units, %d pieces > units + 1", seed, N, p)
		}
	}
}

// TestParity (§13): every parity network is right on all 2ⁿ inputs, and
// has the size the notes give it, counted from the network: the tree, n − 1
// XOR blocks of 2 hidden + 1 output unit over ⌈log₂ n⌉ levels of two layers,
// plus 2 pass-through units for each level with an odd bit out; the naive
// network, one hidden unit per odd-parity pattern, 2ⁿ⁻¹ + 1 units; the
// counting network, n + 1 units.
func TestParity(t *testing.T) {
	check := func(name string, net *MLP, n int) {
		t.Helper()
		x := make([]float64, n)
		for p := range 1 << n {
			ones := 0
			for j := range n {
				x[j] = float64(p >> j & 1)
				ones += p >> j & 1
			}
			if got := net.Predict(x)[0]; got != float64(ones%2) {
				t.Fatalf("%s, n = %d: parity of %v = %v", name, n, x, got)
			}
		}
	}
	var rows [][]float64
	for n := 2; n <= 12; n++ {
		tree, count := ParityTree(n), ParityCount(n)
		check("tree", tree, n)
		check("count", count, n)
		naive := math.NaN()
		if n <= 10 {
			nv := ParityNaive(n)
			check("naive", nv, n)
			naive = float64(Units(nv))
			checkSizes(t, fmt.Sprintf("n = %d, naive", n), nv, []int{n, 1 << (n - 1), 1}, 1<<(n-1)+1)
		}
		checkSizes(t, fmt.Sprintf("n = %d, counting", n), count, []int{n, n, 1}, n+1)

		// The tree, level by level: m bits go in, ⌈m/2⌉ come out.
		levels := int(math.Ceil(math.Log2(float64(n))))
		sizes, odd := []int{n}, 0
		for m := n; m > 1; m = (m + 1) / 2 {
			sizes = append(sizes, m, (m+1)/2) // 2 per pair (+1 odd bit), 1 per pair (+1)
			odd += m % 2
		}
		// n − 1 blocks of 3 units, and 2 per odd bit out.
		checkSizes(t, fmt.Sprintf("n = %d, tree", n), tree, sizes, 3*(n-1)+2*odd)
		if tree.L() != 2*levels {
			t.Errorf("n = %d: tree has %d layers, want 2⌈log₂ n⌉ = %d", n, tree.L(), 2*levels)
		}
		if bound := 3*(n-1) + 2*levels; Units(tree) > bound || slices.Max(tree.Sizes[1:]) > n {
			t.Errorf("n = %d: tree has %d units, widest layer %d; want at most 3(n − 1) + 2⌈log₂ n⌉ = %d, and O(n) per level", n, Units(tree), slices.Max(tree.Sizes[1:]), bound)
		}
		rows = append(rows, []float64{float64(n), float64(tree.L()), float64(Units(tree)), naive, float64(Units(count))})
	}
	for _, r := range rows {
		t.Logf("n = %2.0f: tree %2.0f layers, %2.0f units; naive %6.0f units; counting %2.0f units", r[0], r[1], r[2], r[3], r[4])
	}
}

// TestGradientChain (§11, exactly): through a chain of L one-unit layers whose
// pre-activations are all 0, backpropagation multiplies the output error by
// w·f′(0) per layer. With sigmoid that is 0.25 (vanishing), with tanh 1, and
// with weights 2 and identity units 2 (exploding). Each factor is a power of
// 2 that a correctly rounded f′(0) gives exactly, and so is every product
// (0.25²⁰ ≈ 9e-13 is far from underflow): the result is exact. The test
// allows one rounding per layer, L·ε relative.
func TestGradientChain(t *testing.T) {
	var rows [][]float64
	for L := 1; L <= 20; L++ {
		row := []float64{float64(L)}
		for _, c := range []struct {
			f      Elementwise
			w, per float64
		}{
			{Sigmoid{}, 1, 0.25},
			{Tanh{}, 1, 1},
			{Identity{}, 2, 2},
		} {
			net := Chain(L, c.f, c.w)
			x := []float64{1}
			z, a := net.Forward(x)
			for l := 1; l <= L; l++ {
				if z[l][0] != 0 {
					t.Fatalf("%v chain: z^%d = %v, want 0", c.f, l, z[l][0])
				}
			}
			y := []float64{a[L][0] - 1} // MSE: ∂L/∂a^L = a^L − y = 1
			got := net.InputGrad(x, y, MSE{})[0]
			want := math.Pow(c.per, float64(L))
			if math.Abs(got-want) > float64(L)*float64Eps*want {
				t.Errorf("%v chain, L = %d: ∂L/∂x = %v, want %v^L = %v", c.f, L, got, c.per, want)
			}
			row = append(row, got)
		}
		rows = append(rows, row)
	}
	golden(t, "gradflow", "L, ∂L/∂x through L layers of sigmoid (0.25^L), tanh (1), identity with w = 2 (2^L)", rows)
	// The notes' figure: 0.25¹⁰ ≈ 9.5 × 10⁻⁷.
	if v := rows[9][1]; math.Abs(v-9.5e-7) > 0.05e-7 {
		t.Errorf("0.25¹⁰ = %v, not ≈ 9.5e−7", v)
	}
}

func ExampleStepSum() {
	net, _ := StepSum(math.Sin, 0, 2*math.Pi, 64, 500)
	fmt.Printf("%d hidden units, sup error %.3f\n", net.Sizes[1], SupError(net, math.Sin, 0, 2*math.Pi, 10000))
	// Output:
	// 64 hidden units, sup error 0.039
}

func ExampleSawtooth() {
	for _, k := range []int{1, 4, 8} {
		deep, shallow := Sawtooth(k), ShallowSawtooth(k)
		// Sizes[1 : L] are the hidden layers; each network has one output unit.
		fmt.Printf("k = %d: %d pieces; hidden layers: deep %v (%d units), shallow %v\n",
			k, CountPieces(Sample(deep, 0, 1, 1<<(k+4))), deep.Sizes[1:deep.L()], Units(deep)-1, shallow.Sizes[1:shallow.L()])
	}
	// Output:
	// k = 1: 2 pieces; hidden layers: deep [2] (2 units), shallow [2]
	// k = 4: 16 pieces; hidden layers: deep [2 2 2 2] (8 units), shallow [16]
	// k = 8: 256 pieces; hidden layers: deep [2 2 2 2 2 2 2 2] (16 units), shallow [256]
}

func ExampleParityTree() {
	net := ParityTree(5)
	fmt.Println(net.Sizes, net.Predict([]float64{1, 0, 1, 1, 0}))
	// Output:
	// [5 5 3 3 2 2 1] [1]
}

func ExampleChain() {
	net := Chain(10, Sigmoid{}, 1)
	fmt.Printf("%.3g\n", net.InputGrad([]float64{1}, []float64{-0.5}, MSE{})[0])
	// Output:
	// 9.54e-07
}

func ExampleGradientFlow() {
	X := FromRows([][]float64{{0.5, -1}, {1, 0.2}})
	Y := FromRows([][]float64{{1}, {0}})
	net, _ := New([]int{2, 8, 8, 8, 1}, []Activation{Sigmoid{}, Sigmoid{}, Sigmoid{}, Sigmoid{}}, XavierNormal, rand.New(rand.NewPCG(1, 1)))
	for l, n := range GradientFlow(net, X, Y, MSE{}) {
		if l > 0 {
			fmt.Printf("layer %d: %.2g\n", l, n)
		}
	}
	// Output:
	// layer 1: 0.00065
	// layer 2: 0.0014
	// layer 3: 0.008
	// layer 4: 0.042
}

func ExampleTowers() {
	bump := func(x, y float64) float64 { return math.Exp(-8 * ((x-0.5)*(x-0.5) + (y-0.5)*(y-0.5))) }
	for _, n := range []int{4, 8, 16} {
		net, _ := Towers(bump, 0, 1, n, 100*float64(n), 50)
		fmt.Printf("n = %2d: %4d units, sup error %.3f\n", n, Units(net), SupError2D(net, bump, 0, 1, n, 200))
	}
	// Output:
	// n =  4:   27 units, sup error 0.334
	// n =  8:   83 units, sup error 0.161
	// n = 16:  291 units, sup error 0.081
}

func ExampleParityCount() {
	net := ParityCount(4)
	fmt.Println(net.Sizes, net.Predict([]float64{1, 1, 0, 1}), net.Predict([]float64{1, 1, 0, 0}))
	// Output:
	// [4 4 1] [1] [0]
}

func TestLogLogSlope(t *testing.T) {
	tests := []struct {
		name   string
		xs, ys []float64
		want   float64
	}{
		{"y = 3/x²", []float64{1, 2, 4, 8}, []float64{3, 3.0 / 4, 3.0 / 16, 3.0 / 64}, -2},
		{"y = √x", []float64{1, 4, 9}, []float64{1, 2, 3}, 0.5},
		{"y = 5", []float64{1, 10, 100}, []float64{5, 5, 5}, 0},
		// Off a power law the fit is the least-squares line through the
		// three log points (0, 0), (ln 2, ln 2), (ln 4, 0): slope 0.
		{"up and down", []float64{1, 2, 4}, []float64{1, 2, 1}, 0},
	}
	const tol = 1e-14 // a few roundings of logarithms of order 1
	for _, tt := range tests {
		if got := LogLogSlope(tt.xs, tt.ys); math.Abs(got-tt.want) > tol {
			t.Errorf("%s: LogLogSlope = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// lstsqResidual returns the largest |A·c − y| at the least-squares solution c
// of A·c ≈ y (columns of A given as vectors), by modified Gram–Schmidt with a
// second pass, which keeps the residual of a consistent system at rounding.
func lstsqResidual(cols [][]float64, y []float64) float64 {
	r := append([]float64(nil), y...)
	var q [][]float64
	for _, c := range cols {
		v := append([]float64(nil), c...)
		for range 2 {
			for _, u := range q {
				d := Dot(u, v)
				for i := range v {
					v[i] -= d * u[i]
				}
			}
		}
		n := math.Sqrt(Dot(v, v))
		for i := range v {
			v[i] /= n
		}
		q = append(q, v)
	}
	for range 2 {
		for _, u := range q {
			d := Dot(u, r)
			for i := range r {
				r[i] -= d * u[i]
			}
		}
	}
	worst := 0.0
	for _, v := range r {
		worst = math.Max(worst, math.Abs(v))
	}
	return worst
}

// TestShallowSawtoothMinimum: one hidden ReLU layer needs 2ᵏ units for the
// sawtooth tᵏ on [0, 1], not the 2ᵏ − 1 of the counting bound (notes §13,
// the quiz's §13 key, ShallowSawtooth's doc), for k = 1 … 4, by least
// squares over every network that could do it with 2ᵏ − 1 units.
//
// A one-hidden-layer ReLU network on one input, c + Σᵢ vᵢ ReLU(wᵢx + bᵢ),
// is linear on [0, 1] except for one kink per unit whose kink −bᵢ/wᵢ lies in
// (0, 1). tᵏ has a kink at each of the 2ᵏ − 1 points j/2ᵏ, so with 2ᵏ − 1
// units each unit has its kink on a different one of them, and is then
// vᵢ|wᵢ|·ReLU(±(x − j/2ᵏ)): a column ReLU(x − j/2ᵏ) or ReLU(j/2ᵏ − x) with a
// free coefficient. Both sides are linear between the points j/2ᵏ, so they
// are equal on [0, 1] if and only if they are equal at x = j/2ᵏ, j = 0 … 2ᵏ.
// The test solves the least-squares problem at those points for each of
// the 2^(2ᵏ − 1) choices of the directions: none leaves a residual below
// 1e−3 (the slope argument says none can be 0), and the smallest, rounded
// to the digits docs/notes.md prints (0.5, 0.25, 0.083, 0.036), is the
// number printed there. With 2ᵏ units, kinks at
// 0, 1/2ᵏ, …, (2ᵏ − 1)/2ᵏ all opening to the right (ShallowSawtooth's),
// the residual is rounding, below 1e−13.
func TestShallowSawtoothMinimum(t *testing.T) {
	notes := []string{"0.5", "0.25", "0.083", "0.036"} // docs/notes.md §13, "In the code"
	for k := 1; k <= 4; k++ {
		n := 1 << k
		y := Sample(Sawtooth(k), 0, 1, n) // tᵏ at j/2ᵏ, j = 0 … 2ᵏ
		x := make([]float64, n+1)
		for j := range x {
			x[j] = float64(j) / float64(n)
		}
		column := func(p float64, right bool) []float64 {
			c := make([]float64, n+1)
			for j, xj := range x {
				if right {
					c[j] = math.Max(0, xj-p)
				} else {
					c[j] = math.Max(0, p-xj)
				}
			}
			return c
		}
		ones := make([]float64, n+1) // the output bias c
		for j := range ones {
			ones[j] = 1
		}
		best := math.Inf(1)
		for dirs := range 1 << (n - 1) {
			cols := [][]float64{ones}
			for i := 1; i < n; i++ {
				cols = append(cols, column(x[i], dirs>>(i-1)&1 == 1))
			}
			best = math.Min(best, lstsqResidual(cols, y))
		}
		if best < 1e-3 {
			t.Errorf("k = %d: %d units reach tᵏ to %.3g", k, n-1, best)
		}
		printed := notes[k-1]
		digits := len(strings.TrimLeft(strings.TrimPrefix(printed, "0."), "0")) // significant digits printed
		if got := strconv.FormatFloat(best, 'g', digits, 64); got != printed {
			t.Errorf("k = %d: the closest fit of %d units is off by %.4g, which rounds to %s; docs/notes.md says %s", k, n-1, best, got, printed)
		}
		cols := [][]float64{ones}
		for i := range n {
			cols = append(cols, column(x[i], true))
		}
		if r := lstsqResidual(cols, y); r > 1e-13 {
			t.Errorf("k = %d: %d units leave a residual of %.3g", k, n, r)
		}
		t.Logf("k = %d: with %d units the closest fit is off by %.3g at a breakpoint; with %d units exact", k, n-1, best, n)
		if got := Units(ShallowSawtooth(k)) - 1; got != n {
			t.Errorf("k = %d: ShallowSawtooth has %d hidden units, want %d", k, got, n)
		}
	}
}

// chainFactor is the factor by which backpropagation through
// Chain(L, f, w) multiplies the output error (with ∂L/∂a^L = 1).
func chainFactor(L int, f Elementwise, w float64) float64 {
	net := Chain(L, f, w)
	aL := net.Predict([]float64{1})[0]
	return net.InputGrad([]float64{1}, []float64{aL - 1}, MSE{})[0]
}

// TestSigmoidLayersNeedNotShrink: σ′ ≤ ¼ bounds only the σ′ factor of a
// sigmoid layer; the layer multiplies the error by diag(σ′)·Wᵀ, and weights
// above 4 make the gradient grow (the tour's §2 and §11 lines, the quiz's
// §2 and §11 explanations, notes §11). With w = 8 the factors are 2, 32 and
// 1024 for L = 1, 5, 10; with w = 1 they are 0.25ᴸ.
func TestSigmoidLayersNeedNotShrink(t *testing.T) {
	σ0 := 1 / (1 + math.Exp(0))
	for _, L := range []int{1, 5, 10} {
		for _, w := range []float64{1, 8} {
			want := math.Pow(w*σ0*(1-σ0), float64(L)) // (w σ′(0))ᴸ
			if got := chainFactor(L, Sigmoid{}, w); math.Abs(got-want) > 1e-12*want {
				t.Errorf("L = %d, w = %g: factor %v, want %v", L, w, got, want)
			}
		}
		if f := chainFactor(L, Sigmoid{}, 8); f <= 1 {
			t.Errorf("L = %d, w = 8: factor %v, want a gradient that grows", L, f)
		}
	}
}

// TestTowersCrossings: the 2-D towers of §12 fail at the grid crossings and
// on the outer edge, for every n, and away from them the error is ordinary,
// below max|∇f|·h/√2 (the distance to a cell's centre times the slope
// bound), both inside the cells and on an interior line: at the crossing (0, 0) of
// a grid on [−1, 1]², f(x, y) = e^{−(x²+y²)} is 1 and the network gives
// about 0 (each of the four cells around sees half its x-bump and half its
// y-bump, 1/2 + 1/2 < 3/2); on the edge x = −1 it gives half the tower's
// value, ½ f(cell centre); on the interior line x = 0, away from crossings,
// it gives the mean of the two cells' values; inside a cell (from 0.1 to
// 0.9 of it along each axis) it gives f(cell centre), at most 0.4·√2·h from
// the point.
// Towers' and SupError2D's docs and notes §12.
func TestTowersCrossings(t *testing.T) {
	f := func(x, y float64) float64 { return math.Exp(-(x*x + y*y)) }
	lip := math.Sqrt2 * math.Exp(-0.5) // max |∇f| = max 2r e^{−r²}, at r = 1/√2
	for _, n := range []int{4, 8, 16} {
		net, err := Towers(f, -1, 1, n, 100*float64(n), 50)
		if err != nil {
			t.Fatal(err)
		}
		at := func(x, y float64) float64 { return net.Predict([]float64{x, y})[0] }
		h := 2 / float64(n)
		if v := at(0, 0); v > 1e-9 {
			t.Errorf("n = %d: at the crossing (0, 0) the towers give %v, want ≈ 0 (f = 1)", n, v)
		}
		line := 0.0
		for j := range n { // cell j of the line x = 0, from 0.1 to 0.9 of the cell
			for s := 0.1; s <= 0.9; s += 0.05 {
				y := -1 + (float64(j)+s)*h
				line = math.Max(line, math.Abs(at(0, y)-f(0, y)))
				yc := -1 + (float64(j)+0.5)*h // the edge cell's centre: (−1 + h/2, yc)
				if v, want := at(-1, y), f(-1+h/2, yc)/2; math.Abs(v-want) > 1e-6 {
					t.Errorf("n = %d: on the edge at (−1, %.3f) the towers give %v, want ½ f(centre) = %v", n, y, v, want)
				}
			}
		}
		inside := 0.0
		for i := range n {
			for j := range n {
				for _, s := range []float64{0.1, 0.3, 0.5, 0.7, 0.9} {
					for _, r := range []float64{0.1, 0.5, 0.9} {
						x, y := -1+(float64(i)+s)*h, -1+(float64(j)+r)*h
						inside = math.Max(inside, math.Abs(at(x, y)-f(x, y)))
					}
				}
			}
		}
		bound := lip * h / math.Sqrt2
		if line > bound {
			t.Errorf("n = %d: error on the line x = 0 away from crossings %v, want below max|∇f|·h/√2 = %v", n, line, bound)
		}
		if inside > bound {
			t.Errorf("n = %d: error inside the cells %v, want below max|∇f|·h/√2 = %v", n, inside, bound)
		}
		t.Logf("n = %d: crossing error 1, interior-line error %.3g, inside the cells %.3g, off-line sup error %.3g", n, line, inside, SupError2D(net, f, -1, 1, n, 100))
	}
}
