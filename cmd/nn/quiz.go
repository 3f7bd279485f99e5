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
(the maximum of σ′ by evaluating σ′, the perceptron's updates on AND by
training one, the gates of the XOR network by training it, …), and every
wrong option is checked to differ from it.

It asks one question at a time and reads the answer (a, b, c or d) from the
standard input; after each it says whether the answer was right, with the
computed value and the section to read, and at the end the score. -seed
shuffles the options. -key prints every question with its answer and
explanation instead.

Example:

	nn quiz -seed 7
`,
	Flags: func(fs *flag.FlagSet) func(context.Context, []string, io.Writer, io.Writer) error {
		key := fs.Bool("key", false, "print every question with its answer and explanation")
		seed := fs.Uint64("seed", 1, "seed of the order of the options")
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

// quizQuestions computes the ten questions and shuffles their options with
// seed. It returns an error if a wrong option does not differ from the right
// one, or a computation does not come out as the notes say.
func quizQuestions(seed uint64) ([]question, error) {
	rng := rand.New(rand.NewPCG(seed, 14))
	var qs []question
	for _, mk := range quizMakers {
		it, err := mk()
		if err != nil {
			return nil, fmt.Errorf("quiz: %w", err)
		}
		opts := append([]string{it.right}, it.wrong[:]...)
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

// quizMakers compute the questions, one per section, in the order of the notes.
var quizMakers = []func() (quizItem, error){
	quizPerceptron, quizSigmoidPrime, quizParameters, quizDelta, quizMiniBatch,
	quizClip, quizXORGates, quizVanishing, quizApprox, quizSawtooth,
}

// §1: the perceptron's updates on AND.
func quizPerceptron() (quizItem, error) {
	X, _ := nn.XOR()
	y := []float64{0, 0, 0, 1} // AND
	p := nn.NewPerceptron(2)
	r, err := p.Train(X, y, 1, 100, nil)
	if err != nil {
		return quizItem{}, err
	}
	if !r.Converged {
		return quizItem{}, fmt.Errorf("§1: the perceptron did not converge on AND")
	}
	u := float64(r.Updates)
	return quizItem{section: "§1",
		text:  "A perceptron starts from w = 0, b = 0 and learns AND with η = 1, visiting (0,0), (0,1), (1,0), (1,1) in that order every epoch. How many updates (mistakes) does it make in all before an epoch passes without one?",
		right: qnum(u), wrong: [3]string{qnum(u - 2), qnum(u + 3), qnum(2 * u)}, values: []float64{u, u - 2, u + 3, 2 * u},
		explain: fmt.Sprintf("Training one gives %d updates over %d epochs, ending at w = %s, b = %s; AND is linearly separable, so the convergence theorem promises a finite number.",
			r.Updates, r.Epochs, minus(fmt.Sprint(p.W)), qnum(p.B))}, nil
}

// §2: the maximum of σ′, by evaluating it.
func quizSigmoidPrime() (quizItem, error) {
	best, at := math.Inf(-1), 0.0
	for i := -10000; i <= 10000; i++ {
		z := float64(i) / 1000
		if d := (nn.Sigmoid{}).Prime(z); d > best {
			best, at = d, z
		}
	}
	return quizItem{section: "§2",
		text:  "What is the largest value of the sigmoid's derivative σ′(z), over all z?",
		right: qnum(best), wrong: [3]string{"0.5", "1", "0.1"}, values: []float64{best, 0.5, 1, 0.1},
		explain: fmt.Sprintf("Evaluating σ′ on [−10, 10] gives its maximum %s at z = %s: σ′ = σ(1 − σ) = ½·½ there. So each sigmoid layer shrinks a gradient by at least 4×.",
			qnum(best), qnum(at))}, nil
}

// §3: the parameters of a 2-3-1 network.
func quizParameters() (quizItem, error) {
	net, err := nn.New([]int{2, 3, 1}, []nn.Activation{nn.Sigmoid{}, nn.Sigmoid{}}, nn.XavierUniform, rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		return quizItem{}, err
	}
	n := 0
	for _, p := range net.Params() {
		n += len(p)
	}
	v := float64(n)
	return quizItem{section: "§3",
		text:  "How many parameters (weights and biases) does a network with 2 inputs, 3 hidden units and 1 output have?",
		right: qnum(v), wrong: [3]string{"9", "6", "16"}, values: []float64{v, 9, 6, 16},
		explain: fmt.Sprintf("Counting the network's parameters gives %d: W¹ is 3×2 and b¹ has 3 entries, W² is 1×3 and b² has 1 (each W^l is n_l × n_{l−1}).", n)}, nil
}

// §5: δ^L of a sigmoid output with binary cross-entropy, found by
// differentiating the loss numerically and testing each formula.
func quizDelta() (quizItem, error) {
	z, y := []float64{0.8, -1.3}, []float64{1, 0}
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
	for i, f := range formulas {
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
	it := quizItem{section: "§5",
		text:  "A sigmoid output layer is trained with binary cross-entropy. What is its error δ^L = ∂L/∂z^L?",
		right: formulas[right].text,
		explain: fmt.Sprintf("Differentiating the loss numerically at z = (0.8, −1.3), y = (1, 0) gives δ = (%s, %s), which only %s matches: σ′ = a(1 − a) cancels the denominator of ∇_a L.",
			qnum(num[0]), qnum(num[1]), formulas[right].text)}
	k := 0
	for i, f := range formulas {
		if i != right {
			it.wrong[k] = f.text
			k++
		}
	}
	return it, nil
}

// §6: updates per epoch of mini-batch gradient descent.
func quizMiniBatch() (quizItem, error) {
	rng := rand.New(rand.NewPCG(6, 6))
	d := nn.TwoMoons(100, 0.1, rng)
	Y := nn.NewMatrix(100, 1)
	for i, c := range d.Labels {
		Y.Data[i] = float64(c)
	}
	net, err := nn.New([]int{2, 1}, []nn.Activation{nn.Sigmoid{}}, nn.XavierUniform, rng)
	if err != nil {
		return quizItem{}, err
	}
	h, err := net.Train(d.X, Y, nn.TrainConfig{Loss: nn.BinaryCrossEntropy{}, Optimizer: &nn.SGD{}, Schedule: nn.Constant{LR: 0.1}, BatchSize: 32, Epochs: 1}, rng)
	if err != nil {
		return quizItem{}, err
	}
	s := float64(h.Epochs[0].Steps)
	return quizItem{section: "§6",
		text:  "Mini-batch gradient descent with batch size 32 runs one epoch over 100 samples. How many updates does it make?",
		right: qnum(s), wrong: [3]string{"3", "32", "100"}, values: []float64{s, 3, 32, 100},
		explain: fmt.Sprintf("Training one epoch makes %d updates: three full batches of 32 and a last one of 4 samples. Batch gradient descent would make 1, stochastic 100.", h.Epochs[0].Steps)}, nil
}

// §7: clipping by norm.
func quizClip() (quizItem, error) {
	g := [][]float64{{3, 4}}
	nn.ClipNorm(g, 1)
	right := fmt.Sprintf("(%s, %s)", qnum(g[0][0]), qnum(g[0][1]))
	return quizItem{section: "§7",
		text:  "The gradient g = (3, 4) is clipped by norm to c = 1. What does it become?",
		right: right, wrong: [3]string{"(1, 1)", "(0.75, 1)", "(0.4286, 0.5714)"},
		explain: fmt.Sprintf("ClipNorm gives %s: ‖g‖ = 5 > 1, so g ← g·c/‖g‖, which keeps its direction. (1, 1) is clipping by value.", right)}, nil
}

// §8: the gates the XOR network's hidden units learn.
func quizXORGates() (quizItem, error) {
	X, Y := nn.XOR()
	net, err := nn.New([]int{2, 2, 1}, []nn.Activation{nn.Sigmoid{}, nn.Sigmoid{}}, nn.XavierUniform, rand.New(rand.NewPCG(17, 0)))
	if err != nil {
		return quizItem{}, err
	}
	if _, err := net.TrainGD(X, Y, nn.MSE{}, 2, 5000, nil); err != nil {
		return quizItem{}, err
	}
	var g []string
	for _, t := range net.Gates(1) {
		g = append(g, t.String())
	}
	slices.Sort(g)
	right := strings.Join(g, " and ")
	it := quizItem{section: "§8",
		text:  "The notes' 2-2-1 sigmoid network is trained on XOR (seed 17, η = 2, 5000 epochs of batch gradient descent, as nn xor does). Which gates do its two hidden units compute?",
		right: right,
		explain: fmt.Sprintf("Training it gives %s, and the output computes %s of them: XOR = AND(OR, NAND). No single unit can compute XOR itself.",
			right, net.OutputGate())}
	k := 0
	for _, w := range []string{"AND and OR", "NAND and OR", "NOR and XOR", "AND and NOR", "XNOR and XOR"} {
		if w != right && k < 3 {
			it.wrong[k] = w
			k++
		}
	}
	return it, nil
}

// §11: the factor through 10 sigmoid layers.
func quizVanishing() (quizItem, error) {
	const L = 10
	net := nn.Chain(L, nn.Sigmoid{}, 1)
	// With y = a^L − 1 the output gradient ∂L/∂a^L = a^L − y is 1, so the
	// input gradient is the factor itself.
	aL := net.Predict([]float64{1})[0]
	f := net.InputGrad([]float64{1}, []float64{aL - 1}, nn.MSE{})[0]
	sci := func(v float64) string {
		e := math.Floor(math.Log10(v))
		return fmt.Sprintf("%.2g·10^%d", v/math.Pow(10, e), int(e))
	}
	return quizItem{section: "§11",
		text:  "A gradient flows back through 10 sigmoid layers, one unit each, weights 1, every z = 0. By what factor is it multiplied?",
		right: minus(sci(f)), wrong: [3]string{"0.25", "2.5", minus(sci(math.Pow(0.75, 10)))},
		values: []float64{f, 0.25, 2.5, math.Pow(0.75, 10)},
		explain: fmt.Sprintf("Backpropagating through the chain gives %s = 0.25¹⁰: each layer multiplies by w·σ′(0) = 0.25. The first layers barely learn (vanishing gradient).",
			minus(sci(f)))}, nil
}

// §12: how the sup error falls when N doubles.
func quizApprox() (quizItem, error) {
	r, err := measureApprox([]float64{10, 20, 40, 80})
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
	for i, o := range options {
		if math.Abs(o.v-ratio) < math.Abs(options[best].v-ratio) {
			best = i
		}
	}
	if math.Abs(options[best].v-ratio) > 0.1 {
		return quizItem{}, fmt.Errorf("§12: the error falls by × %.3g per doubling, near none of the options", ratio)
	}
	it := quizItem{section: "§12",
		text:  "f(x) = sin x + 0.3 sin 3x on [0, 2π] is approximated by a sum of N steep sigmoids (one hidden layer of N units, §12). When N doubles, what happens to the largest error?",
		right: options[best].text,
		explain: fmt.Sprintf("Measuring it for N = 10, 20, 40, 80 gives sup errors %s: × %.2f per doubling, a log-log slope of %s, the 1/N of a Lipschitz f.",
			minus(fmt.Sprintf("%.3g", r.err)), ratio, minus(fmt.Sprintf("%.2f", r.slope)))}
	k := 0
	for i, o := range options {
		if i != best {
			it.wrong[k] = o.text
			k++
		}
	}
	return it, nil
}

// §13: units of a one-hidden-layer ReLU network for the sawtooth.
func quizSawtooth() (quizItem, error) {
	const k = 4
	pieces := nn.CountPieces(nn.Sample(nn.Sawtooth(k), 0, 1, 1<<12))
	need := float64(pieces - 1)
	deep := float64(nn.Units(nn.Sawtooth(k)) - 1)
	return quizItem{section: "§13",
		text: fmt.Sprintf("The tent map t(x) = 2ReLU(x) − 4ReLU(x − ½) composed %d times is computed by a deep ReLU network with 2 units per layer. "+
			"How many hidden units does a network with one hidden ReLU layer need, at least, to compute it exactly on [0, 1]?", k),
		right: qnum(need), wrong: [3]string{qnum(deep), qnum(k), qnum(math.Pow(2, 2*k))},
		values: []float64{need, deep, k, math.Pow(2, 2*k)},
		explain: fmt.Sprintf("Counting the pieces of t⁴ gives %d; one hidden layer of n ReLU units on one input makes at most n + 1 pieces, so it needs at least %d units, against %d for the deep network.",
			pieces, pieces-1, int(deep))}, nil
}
