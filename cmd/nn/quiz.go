package main

// nn quiz: the self-test of §14, whose answers the library computes.

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strings"

	"example.com/nn"
)

var cmdQuiz = &command{
	Name:      "quiz",
	UsageLine: "quiz [-key] [-seed 1]",
	Short:     "take the self-test of §14: ten questions the library answers",
	Long: `
Quiz is the self-test of §14: ten multiple-choice questions, one on each of
§1, §2, §3, §5, §6, §7, §8, §11, §12 and §13, with four options each. The
right answer is not written in: the library computes it when the quiz runs
(the maximum of σ′ by evaluating σ′, the perceptron's updates on a gate by
training one, the updates of an epoch by running it, …), and every wrong
option is checked to differ from it.

It asks one question at a time and reads the answer (a, b, c or d) from the
standard input; after each it says whether the answer was right, with the
computed value and the section to read, and at the end the score. -seed
draws the numbers of the questions (the order of the samples, the sizes, the
weights, k) and shuffles the options, so that each seed is another quiz.
-key prints every question with its answer and explanation instead.

Example:

	nn quiz -seed 7
`,
	Flags: func(fs *flag.FlagSet) func(context.Context, []string, io.Writer, io.Writer) error {
		key := fs.Bool("key", false, "print every question with its answer and explanation")
		seed := fs.Uint64("seed", 1, "seed of the questions' numbers and the order of the options")
		return func(_ context.Context, args []string, stdout, _ io.Writer) error {
			if err := noArgs(args); err != nil {
				return err
			}
			qs, err := quizQuestions(*seed)
			if err != nil {
				return err
			}
			if *key {
				return writeKey(stdout, qs)
			}
			_, err = runQuiz(quizInput, stdout, qs, !isTerminal(quizInput))
			return err
		}
	},
}

// quizInput is where the quiz reads the answers; tests replace it.
var quizInput io.Reader = os.Stdin

// question is one question of the quiz, its options shuffled.
type question struct {
	Section string
	Text    string
	Options [4]string
	Right   int    // index of the right option
	Explain string // the computed value, and why
}

// quizItem is a question before shuffling: the right option, three wrong
// ones, and, if the options are numbers, their values (the right one first)
// so that the wrong ones can be checked to differ.
type quizItem struct {
	section, text, right string
	wrong                [3]string
	values               []float64
	explain              string
}

// letters name the options.
const letters = "abcd"

// quizQuestions computes the ten questions, their numbers drawn from seed
// (each question from its own generator, so that one question's draws do
// not change another's), and shuffles their options with seed. It returns an
// error if a wrong option does not differ from the right one, or a
// computation does not come out as the notes say.
func quizQuestions(seed uint64) ([]question, error) {
	rng := rand.New(rand.NewPCG(seed, 14))
	var qs []question
	for i, mk := range quizMakers {
		it, err := mk(rand.New(rand.NewPCG(seed, uint64(i))))
		if err != nil {
			return nil, fmt.Errorf("quiz: %w", err)
		}
		opts := append([]string{it.right}, it.wrong[:]...)
		if i := slices.Index(opts, ""); i >= 0 {
			return nil, fmt.Errorf("quiz %s: option %d is empty (too few wrong options)", it.section, i+1)
		}
		for i := range opts {
			for j := range i {
				if opts[i] == opts[j] {
					return nil, fmt.Errorf("quiz %s: options %d and %d are both %q", it.section, j+1, i+1, opts[i])
				}
			}
		}
		for i := 1; i < len(it.values); i++ {
			if v := it.values[i]; math.Abs(v-it.values[0]) <= 1e-9*math.Abs(it.values[0]) {
				return nil, fmt.Errorf("quiz %s: wrong option %q has the right value %v", it.section, it.wrong[i-1], it.values[0])
			}
		}
		q := question{Section: it.section, Text: it.text, Explain: it.explain}
		for i, p := range rng.Perm(4) {
			q.Options[i] = opts[p]
			if p == 0 {
				q.Right = i
			}
		}
		qs = append(qs, q)
	}
	return qs, nil
}

// writeKey prints every question with its answer and explanation.
func writeKey(w io.Writer, qs []question) error {
	for i, q := range qs {
		fmt.Fprintf(w, "%s\n", wrap(fmt.Sprintf("%d. (%s) %s", i+1, q.Section, q.Text), "   "))
		for k, o := range q.Options {
			mark := " "
			if k == q.Right {
				mark = "*"
			}
			fmt.Fprintf(w, "   %s %c) %s\n", mark, letters[k], o)
		}
		if _, err := fmt.Fprintf(w, "   answer: %c) %s\n%s\n\n", letters[q.Right], q.Options[q.Right], wrap("   "+q.Explain, "   ")); err != nil {
			return err
		}
	}
	return nil
}

// runQuiz asks the questions one at a time, reading answers from in, and
// returns the score. At the end of the input it stops and scores the
// questions answered. If echo is set (the answers do not come from a
// terminal, which would show them) each answer is written after the prompt.
func runQuiz(in io.Reader, w io.Writer, qs []question, echo bool) (int, error) {
	sc := bufio.NewScanner(in)
	score, asked := 0, 0
	fmt.Fprintf(w, "The self-test of the notes (§14): %d questions; answer a, b, c or d.\n", len(qs))
	for i, q := range qs {
		fmt.Fprintf(w, "\n%s\n", wrap(fmt.Sprintf("%d/%d (%s) %s", i+1, len(qs), q.Section, q.Text), ""))
		for k, o := range q.Options {
			fmt.Fprintf(w, "  %c) %s\n", letters[k], o)
		}
		answer := -1
		for answer < 0 {
			fmt.Fprint(w, "your answer: ")
			if !sc.Scan() {
				if err := sc.Err(); err != nil {
					return score, err
				}
				fmt.Fprintf(w, "\n\nscore: %d/%d (the input ended after %d questions)\n", score, asked, asked)
				return score, nil
			}
			a := strings.ToLower(strings.TrimSpace(sc.Text()))
			if echo {
				fmt.Fprintln(w, a)
			}
			if len(a) == 1 && strings.Contains(letters, a) {
				answer = strings.Index(letters, a)
			} else if len(a) == 1 && a[0] >= '1' && a[0] <= '4' {
				answer = int(a[0] - '1')
			} else {
				fmt.Fprintf(w, "please answer a, b, c or d\n")
			}
		}
		asked++
		if answer == q.Right {
			score++
			fmt.Fprintf(w, "%s\n", wrap("right. "+q.Explain, ""))
		} else {
			fmt.Fprintf(w, "%s\n", wrap(fmt.Sprintf("not quite: the answer is %c) %s. %s Read %s again.", letters[q.Right], q.Options[q.Right], q.Explain, q.Section), ""))
		}
	}
	fmt.Fprintf(w, "\nscore: %d/%d\n", score, len(qs))
	return score, nil
}

// wrap breaks s into lines of at most 78 characters at spaces, starting every
// line after the first with indent.
func wrap(s, indent string) string {
	var b strings.Builder
	n := 0
	for i, word := range glued(strings.Fields(s)) {
		l := len([]rune(word))
		switch {
		case i == 0:
			if strings.HasPrefix(s, indent) {
				b.WriteString(indent)
				n = len([]rune(indent))
			}
		case n+1+l > 78:
			b.WriteString("\n" + indent)
			n = len([]rune(indent))
		default:
			b.WriteString(" ")
			n++
		}
		b.WriteString(word)
		n += l
	}
	return b.String()
}

// glued joins a sign (=, −, +) written between spaces to the words on both
// sides of it, so that "w = [2 1]", "z = (0.8, −1.3)" and "σ(1 − σ)" are
// never broken at the sign.
func glued(words []string) []string {
	var out []string
	join := false
	for _, w := range words {
		switch {
		case (w == "=" || w == "−" || w == "+") && len(out) > 0:
			out[len(out)-1] += " " + w
			join = true
		case join:
			out[len(out)-1] += " " + w
			join = false
		default:
			out = append(out, w)
		}
	}
	return out
}

// quizMakers compute the questions, one per section, in the order of the
// notes. Each draws the numbers of its question from rng.
var quizMakers = []func(rng *rand.Rand) (quizItem, error){
	quizPerceptron, quizSigmoidPrime, quizParameters, quizDelta, quizMiniBatch,
	quizClip, quizXORGates, quizVanishing, quizApprox, quizSawtooth,
}

// textItem makes a question whose options are texts: the right one and the
// first three others that differ from it.
func textItem(section, text, right string, others []string, explain string) quizItem {
	it := quizItem{section: section, text: text, right: right, explain: explain}
	k := 0
	for _, o := range others {
		if o != right && k < len(it.wrong) {
			it.wrong[k] = o
			k++
		}
	}
	return it
}

// numItem makes a question whose options are numbers, written by format: the
// right one and the first three others that differ from it and from each
// other (by more than 1e−9 relative, and as text).
func numItem(section, text string, right float64, others []float64, format func(float64) string, explain string) quizItem {
	it := quizItem{section: section, text: text, right: format(right), values: []float64{right}, explain: explain}
	for _, v := range others {
		if len(it.values) == 4 {
			break
		}
		s, ok := format(v), true
		for i, u := range it.values {
			ok = ok && math.Abs(v-u) > 1e-9*math.Abs(u) && s != it.right && (i == 0 || s != it.wrong[i-1])
		}
		if ok {
			it.wrong[len(it.values)-1] = s
			it.values = append(it.values, v)
		}
	}
	return it
}

// gateData returns the four patterns of §1 with the labels of gate.
func gateData(gate nn.TruthTable) (*nn.Matrix, []float64) {
	X, _ := nn.XOR()
	y := make([]float64, 4)
	for i, on := range gate {
		if on {
			y[i] = 1
		}
	}
	return X, y
}

// §1: the perceptron's updates on AND, OR or NAND, visiting the four
// patterns in an order drawn from rng.
func quizPerceptron(rng *rand.Rand) (quizItem, error) {
	gates := []nn.TruthTable{{false, false, false, true}, {false, true, true, true}, {true, true, true, false}}
	gate := gates[rng.IntN(len(gates))]
	X0, y0 := gateData(gate)
	order := rng.Perm(4)
	X, y := nn.NewMatrix(4, 2), make([]float64, 4)
	var names []string
	for i, r := range order {
		copy(X.Row(i), X0.Row(r))
		y[i] = y0[r]
		names = append(names, fmt.Sprintf("(%g,%g)", X0.At(r, 0), X0.At(r, 1)))
	}
	p := nn.NewPerceptron(2)
	r, err := p.Train(X, y, 1, 100, nil)
	if err != nil {
		return quizItem{}, err
	}
	if !r.Converged {
		return quizItem{}, fmt.Errorf("§1: the perceptron did not converge on %s", gate)
	}
	u := float64(r.Updates)
	return numItem("§1",
		fmt.Sprintf("A perceptron ŷ = step(w·x + b), with step(0) = 0, starts from w = 0, b = 0 and learns %s with η = 1, visiting %s in that order every epoch. "+
			"How many updates (mistakes) does it make in all before an epoch passes without one?", gate, strings.Join(names, ", ")),
		u, slices.DeleteFunc([]float64{u - 2, u + 3, 2 * u, u + 1, u - 1}, func(v float64) bool { return v < 1 }), qnum,
		fmt.Sprintf("Training one gives %d updates over %d epochs, ending at w = %s, b = %s; %s is linearly separable, so the convergence theorem promises a finite number. "+
			"A point with w·x + b = 0 counts as ŷ = 0: that is where step(0) = 0 matters.",
			r.Updates, r.Epochs, minus(fmt.Sprint(p.W)), qnum(p.B), gate)), nil
}

// §2: the maximum of σ′, by evaluating it.
func quizSigmoidPrime(*rand.Rand) (quizItem, error) {
	best, at := math.Inf(-1), 0.0
	for i := -10000; i <= 10000; i++ {
		z := float64(i) / 1000
		if d := (nn.Sigmoid{}).Prime(z); d > best {
			best, at = d, z
		}
	}
	return numItem("§2", "What is the largest value of the sigmoid's derivative σ′(z), over all z?",
		best, []float64{0.5, 1, 0.1}, qnum,
		fmt.Sprintf("Evaluating σ′ on [−10, 10] gives its maximum %s at z = %s: σ′ = σ(1 − σ) = ½·½ there. "+
			"So the σ′ factor of each sigmoid layer is at most ¼; unless the weights make up for it, the gradient shrinks layer by layer (§11).",
			qnum(best), qnum(at))), nil
}

// §3: the parameters of an n₀-n₁-n₂ network, the sizes drawn from rng.
func quizParameters(rng *rand.Rand) (quizItem, error) {
	n0, n1, n2 := 2+rng.IntN(3), 2+rng.IntN(4), 1+rng.IntN(3)
	net, err := nn.New([]int{n0, n1, n2}, []nn.Activation{nn.Sigmoid{}, nn.Sigmoid{}}, nn.XavierUniform, rng)
	if err != nil {
		return quizItem{}, err
	}
	n := 0
	for _, p := range net.Params() {
		n += len(p)
	}
	w := float64(n0*n1 + n1*n2)
	return numItem("§3",
		fmt.Sprintf("How many parameters (weights and biases) does a network with %d inputs, %d hidden units and %d outputs have?", n0, n1, n2),
		float64(n), []float64{w, w + float64(n0+n1), float64(n0 * n1 * n2), float64(n0 + n1 + n2), w + float64(n0+n1+n2)}, qnum,
		fmt.Sprintf("Counting the network's parameters gives %d: W¹ is %d×%d and b¹ has %d entries, W² is %d×%d and b² has %d (each W^l is n_l × n_{l−1}, each b^l has n_l).",
			n, n1, n0, n1, n2, n1, n2)), nil
}

// §5: δ^L of a sigmoid output with binary cross-entropy, found by
// differentiating the loss numerically at a z and y drawn from rng and
// testing each formula.
func quizDelta(rng *rand.Rand) (quizItem, error) {
	z := []float64{float64(1+rng.IntN(20)) / 10, -float64(1+rng.IntN(20)) / 10}
	y := []float64{1, 0}
	if rng.IntN(2) == 1 {
		y = []float64{0, 1}
	}
	a := make([]float64, 2)
	nn.Sigmoid{}.Apply(a, z)
	formulas := []struct {
		text string
		f    func(a, y, z float64) float64
	}{
		{"a^L − y", func(a, y, _ float64) float64 { return a - y }},
		{"(a^L − y) ⊙ σ′(z^L)", func(a, y, z float64) float64 { return (a - y) * nn.Sigmoid{}.Prime(z) }},
		{"(a^L − y) / (a^L (1 − a^L))", func(a, y, _ float64) float64 { return (a - y) / (a * (1 - a)) }},
		{"y − a^L", func(a, y, _ float64) float64 { return y - a }},
	}
	// ∂L/∂z_k by central differences of L(z) = BinaryCrossEntropy(σ(z), y).
	const h = 1e-5
	loss := func(z []float64) float64 {
		a := make([]float64, len(z))
		nn.Sigmoid{}.Apply(a, z)
		return nn.BinaryCrossEntropy{}.Value(z, a, y)
	}
	num := make([]float64, 2)
	for k := range z {
		zp, zm := slices.Clone(z), slices.Clone(z)
		zp[k] += h
		zm[k] -= h
		num[k] = (loss(zp) - loss(zm)) / (2 * h)
	}
	right := -1
	var texts []string
	for i, f := range formulas {
		texts = append(texts, f.text)
		ok := true
		for k := range z {
			ok = ok && math.Abs(f.f(a[k], y[k], z[k])-num[k]) < 1e-8
		}
		if ok {
			if right >= 0 {
				return quizItem{}, fmt.Errorf("§5: two formulas match the numerical δ")
			}
			right = i
		}
	}
	if right < 0 {
		return quizItem{}, fmt.Errorf("§5: no formula matches the numerical δ %v", num)
	}
	return textItem("§5", "A sigmoid output layer is trained with binary cross-entropy. What is its error δ^L = ∂L/∂z^L?",
		texts[right], texts,
		fmt.Sprintf("Differentiating the loss numerically at z = (%s, %s), y = (%g, %g) gives δ = (%s, %s), which only %s matches: σ′ = a(1 − a) cancels the denominator of ∇_a L.",
			qnum(z[0]), qnum(z[1]), y[0], y[1], qnum(num[0]), qnum(num[1]), texts[right])), nil
}

// §6: updates per epoch of mini-batch gradient descent, with the number of
// samples and the batch size drawn from rng.
func quizMiniBatch(rng *rand.Rand) (quizItem, error) {
	B := []int{16, 32, 64}[rng.IntN(3)]
	N := 2*B + 1 + rng.IntN(3*B-1) // 2B < N < 5B
	if N%B == 0 {
		N++
	}
	d := nn.TwoMoons(N, 0.1, rng)
	Y := labelColumn(d)
	net, err := nn.New([]int{2, 1}, []nn.Activation{nn.Sigmoid{}}, nn.XavierUniform, rng)
	if err != nil {
		return quizItem{}, err
	}
	h, err := net.Train(d.X, Y, nn.TrainConfig{Loss: nn.BinaryCrossEntropy{}, Optimizer: &nn.SGD{}, Schedule: nn.Constant{LR: 0.1}, BatchSize: B, Epochs: 1}, rng)
	if err != nil {
		return quizItem{}, err
	}
	s := h.Epochs[0].Steps
	return numItem("§6",
		fmt.Sprintf("Mini-batch gradient descent with batch size %d runs one epoch over %d samples: it shuffles them, takes the batches in turn, "+
			"and makes one update per batch, the last batch (the samples left over, fewer than %d) included. How many updates does it make?", B, N, B),
		float64(s), []float64{float64(N / B), float64(B), float64(N), 1}, qnum,
		fmt.Sprintf("Training one epoch makes %d updates: %d full batches of %d and a last one of %d samples. Batch gradient descent would make 1, stochastic %d.",
			s, N/B, B, N%B, N)), nil
}

// §7: clipping by norm, the gradient and the threshold drawn from rng.
func quizClip(rng *rand.Rand) (quizItem, error) {
	triples := [][3]float64{{3, 4, 5}, {5, 12, 13}, {8, 6, 10}, {12, 9, 15}}
	t := triples[rng.IntN(len(triples))]
	c := float64(1 + rng.IntN(2))
	g := [][]float64{{t[0], t[1]}}
	nn.ClipNorm(g, c)
	pair := func(u, v float64) string { return fmt.Sprintf("(%s, %s)", qnum(u), qnum(v)) }
	right := pair(g[0][0], g[0][1])
	l1, mx := t[0]+t[1], math.Max(t[0], t[1])
	return textItem("§7",
		fmt.Sprintf("The gradient g = (%g, %g) is clipped by norm to c = %g. What does it become?", t[0], t[1], c),
		right, []string{pair(math.Min(t[0], c), math.Min(t[1], c)), pair(c*t[0]/mx, c*t[1]/mx), pair(c*t[0]/l1, c*t[1]/l1)},
		fmt.Sprintf("ClipNorm gives %s: ‖g‖ = %g > %g, so g ← g·c/‖g‖, which keeps its direction. %s is clipping by value.",
			right, t[2], c, pair(math.Min(t[0], c), math.Min(t[1], c)))), nil
}

// §8: which gate of two hidden gates (the pair drawn from rng), computed by
// the output unit, gives XOR, found from the truth tables. Other gates may
// work too (XNOR where the hidden pair never is (0, 0)); the first that
// works among AND, OR, NAND, NOR, XOR, XNOR is the right option and only
// gates that do not work are offered beside it.
func quizXORGates(rng *rand.Rand) (quizItem, error) {
	and, or := nn.TruthTable{false, false, false, true}, nn.TruthTable{false, true, true, true}
	nand, nor := nn.TruthTable{true, true, true, false}, nn.TruthTable{true, false, false, false}
	xor, xnor := nn.TruthTable{false, true, true, false}, nn.TruthTable{true, false, false, true}
	pairs := [][2]nn.TruthTable{{or, nand}, {nand, or}, {and, nor}, {nor, and}}
	h := pairs[rng.IntN(len(pairs))]
	// out computes XOR through (h1, h2) if out(h1(x), h2(x)) = XOR(x) on
	// the four patterns; a pair (h1, h2) = (p, q) is pattern 2p + q of out.
	computes := func(out nn.TruthTable) bool {
		for i := range 4 {
			if out[2*b2i(h[0][i])+b2i(h[1][i])] != xor[i] {
				return false
			}
		}
		return true
	}
	var right string
	var wrong []string
	for _, g := range []nn.TruthTable{and, or, nand, nor, xor, xnor} {
		switch {
		case computes(g) && right == "":
			right = g.String()
		case !computes(g):
			wrong = append(wrong, g.String())
		}
	}
	if right == "" || len(wrong) < 3 {
		return quizItem{}, fmt.Errorf("§8: %d of the gates compute XOR from %s and %s", 6-len(wrong), h[0], h[1])
	}
	return textItem("§8",
		fmt.Sprintf("The two hidden units of a 2-2-1 network of step units compute h₁ = %s(x₁, x₂) and h₂ = %s(x₁, x₂). "+
			"Which of these gates of (h₁, h₂), computed by the output unit, makes the network compute XOR?", h[0], h[1]),
		right, wrong,
		fmt.Sprintf("On (0,0), (0,1), (1,0), (1,1) the hidden pair is %s; %s of it gives 0 1 1 0, XOR, and none of the other options does. "+
			"XOR itself is not linearly separable, so no single unit computes it (§1); nn xor shows the pair a trained network finds.",
			hiddenPairs(h), right)), nil
}

// hiddenPairs writes the values (h₁, h₂) of two gates on the four patterns.
func hiddenPairs(h [2]nn.TruthTable) string {
	var s []string
	for i := range 4 {
		s = append(s, fmt.Sprintf("(%d,%d)", b2i(h[0][i]), b2i(h[1][i])))
	}
	return strings.Join(s, ", ")
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// gnum formats a factor of §11: plainly between 0.001 and 10⁴, as m·10^e
// outside.
func gnum(v float64) string {
	if a := math.Abs(v); a >= 1e-3 && a < 1e4 {
		return qnum(v)
	}
	e := math.Floor(math.Log10(math.Abs(v)))
	return minus(fmt.Sprintf("%.2g·10^%d", v/math.Pow(10, e), int(e)))
}

// §11: the factor through L sigmoid layers of weight w, both drawn from rng.
func quizVanishing(rng *rand.Rand) (quizItem, error) {
	L := 4 + rng.IntN(7)
	w := []float64{1, 2, 8}[rng.IntN(3)]
	f, Lf := chainFactor(L, w), float64(L)
	return numItem("§11",
		fmt.Sprintf("A gradient flows back through %d sigmoid layers, one unit each, every weight %g, the biases set so that every z = 0. By what factor is it multiplied?", L, w),
		f, []float64{math.Pow(0.25, Lf), math.Pow(w/2, Lf), w / 4, math.Pow(0.75*w, Lf), w * Lf / 4}, gnum,
		fmt.Sprintf("Backpropagating through the chain gives %s = (%g·¼)^%d: each layer multiplies by w·σ′(0) = %g·¼. "+
			"σ′ ≤ ¼ shrinks the gradient (vanishing) unless the weights are larger than 4, which make it grow (exploding).",
			gnum(f), w, L, w)), nil
}

// §12: how the sup error falls when N doubles.
func quizApprox(*rand.Rand) (quizItem, error) {
	r, err := measureApprox()
	if err != nil {
		return quizItem{}, err
	}
	ratio := math.Pow(2, r.slope)
	options := []struct {
		text string
		v    float64
	}{
		{"it halves (× 0.5)", 0.5}, {"it quarters (× 0.25)", 0.25}, {"it falls by 1/√2 (× 0.71)", 1 / math.Sqrt2}, {"it stays the same", 1},
	}
	best := 0
	var texts []string
	for i, o := range options {
		texts = append(texts, o.text)
		if math.Abs(o.v-ratio) < math.Abs(options[best].v-ratio) {
			best = i
		}
	}
	if math.Abs(options[best].v-ratio) > 0.1 {
		return quizItem{}, fmt.Errorf("§12: the error falls by × %.3g per doubling, near none of the options", ratio)
	}
	return textItem("§12",
		"f(x) = sin x + 0.3 sin 3x on [0, 2π] is approximated by a sum of N steep sigmoids (one hidden layer of N units, §12). When N doubles, what happens to the largest error?",
		texts[best], texts,
		fmt.Sprintf("Measuring it for N = %s gives sup errors %s: × %.2f per doubling, a log-log slope of %s, the 1/N of a Lipschitz f.",
			list("%g", r.N), list("%.3g", r.err), ratio, minus(fmt.Sprintf("%.2f", r.slope)))), nil
}

// §13: units of a one-hidden-layer ReLU network for the sawtooth tᵏ, k drawn
// from rng.
func quizSawtooth(rng *rand.Rand) (quizItem, error) {
	k := 3 + rng.IntN(3)
	m, err := sawtoothMinimum(k)
	if err != nil {
		return quizItem{}, err
	}
	deep := nn.Units(nn.Sawtooth(k)) - 1
	return numItem("§13",
		fmt.Sprintf("The tent map t(x) = 2ReLU(x) − 4ReLU(x − ½) composed %d times is computed by a deep ReLU network with 2 units per layer. "+
			"How many hidden units does a network with one hidden ReLU layer need, at least, to compute it exactly on [0, 1]?", k),
		float64(m.units), []float64{float64(m.bound), float64(deep), float64(2 * m.units), float64(k)}, qnum,
		fmt.Sprintf("t%s has %d linear pieces, and each unit adds one kink at most, so at least %d units. "+
			"With exactly %d, every kink sits on a breakpoint and changes the slope by ±%g there, so the slope just right of 0 is a multiple of %g; "+
			"t%s starts with slope %g, %s: %d (nn.ShallowSawtooth has %d), against %d for the deep network.",
			superscript(k), m.pieces, m.bound, m.bound, m.jump, m.jump, superscript(k), m.slope0, m.verdict(), m.units, m.built, deep)), nil
}

// verdict says what the slope argument of m concludes: whether the
// counting bound is reached or one unit more is needed, as m.units says.
func (m shallowMinimum) verdict() string {
	switch m.units - m.bound {
	case 0:
		return fmt.Sprintf("a multiple of %g, so the bound is reached", m.jump)
	case 1:
		return fmt.Sprintf("not a multiple of %g, so one unit more is needed", m.jump)
	}
	return fmt.Sprintf("so %d units more are needed", m.units-m.bound)
}

// superscript writes n ≥ 0 in superscript digits: 5 → ⁵.
func superscript(n int) string {
	return strings.Map(func(r rune) rune { return []rune("⁰¹²³⁴⁵⁶⁷⁸⁹")[r-'0'] }, fmt.Sprint(n))
}
