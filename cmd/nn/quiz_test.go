package main

// Tests of nn quiz: its questions, key and scoring.

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"example.com/nn"
)

// answers returns the scripted answers: the right letter of each question,
// or a wrong one.
func answers(qs []question, right bool) string {
	var b strings.Builder
	for _, q := range qs {
		k := q.Right
		if !right {
			k = (k + 1) % 4
		}
		b.WriteString(string(letters[k]) + "\n")
	}
	return b.String()
}

func TestQuizScripted(t *testing.T) {
	qs, err := quizQuestions(1)
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) != 10 {
		t.Fatalf("%d questions, want 10", len(qs))
	}
	for _, tt := range []struct {
		name  string
		input string
		want  int
		text  string
	}{
		{"all right", answers(qs, true), 10, "score: 10/10"},
		{"all wrong", answers(qs, false), 0, "score: 0/10"},
		{"a bad answer is asked again", "x\n" + answers(qs, true), 10, "please answer a, b, c or d"},
		{"input ends", answers(qs, true)[:4], 2, "score: 2/2 (the input ended after 2 questions)"},
	} {
		var out strings.Builder
		score, err := runQuiz(strings.NewReader(tt.input), &out, qs, true)
		if err != nil || score != tt.want || !strings.Contains(out.String(), tt.text) {
			t.Errorf("%s: score %d, error %v, output lacks %q? want score %d:\n%s", tt.name, score, err, tt.text, tt.want, out.String())
		}
	}
	// Through the command, with the answers on its input.
	quizInput = strings.NewReader(answers(qs, true))
	defer func() { quizInput = nil }()
	out, errs, code := runArgs(t, "quiz", "-seed", "1")
	if code != 0 || !strings.Contains(out, "score: 10/10") || !strings.Contains(out, "your answer: "+answers(qs, true)[:1]+"\nright. ") {
		t.Errorf("nn quiz: exit %d, stderr %q, output:\n%s", code, errs, out)
	}
}

// TestQuizSections: one question on each section the brief of §14 names,
// options shuffled by the seed.
func TestQuizSections(t *testing.T) {
	qs, err := quizQuestions(1)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, q := range qs {
		got = append(got, q.Section)
	}
	if want := "§1 §2 §3 §5 §6 §7 §8 §11 §12 §13"; strings.Join(got, " ") != want {
		t.Errorf("sections %v, want %s", got, want)
	}
	other, err := quizQuestions(2)
	if err != nil {
		t.Fatal(err)
	}
	moved := 0
	for i := range qs {
		if qs[i].Right != other[i].Right {
			moved++
		}
		if qs[i].Options[qs[i].Right] != other[i].Options[other[i].Right] {
			t.Errorf("question %d: the seed changed the answer %q to %q", i+1, qs[i].Options[qs[i].Right], other[i].Options[other[i].Right])
		}
	}
	if moved == 0 {
		t.Errorf("seeds 1 and 2 put every answer in the same place")
	}
}

// TestQuizKey checks every answer of the key against the library, computed
// here another way (a closed form of the notes, or the library run again),
// so a wrong key, or a library that no longer does what the notes say,
// fails.
func TestQuizKey(t *testing.T) {
	qs, err := quizQuestions(3)
	if err != nil {
		t.Fatal(err)
	}
	key := map[string]string{}
	for _, q := range qs {
		key[q.Section] = q.Options[q.Right]
	}

	// §1: the perceptron rule, by hand: in order, mistakes on (1,1) first,
	// then (0,0), and so on; run the rule here on the four patterns.
	w, b, updates := [2]float64{}, 0.0, 0
	X := [][2]float64{{0, 0}, {0, 1}, {1, 0}, {1, 1}}
	y := []float64{0, 0, 0, 1}
	for mistakes := 1; mistakes > 0; {
		mistakes = 0
		for i, x := range X {
			yhat := 0.0
			if w[0]*x[0]+w[1]*x[1]+b > 0 {
				yhat = 1
			}
			if yhat != y[i] {
				w[0] += (y[i] - yhat) * x[0]
				w[1] += (y[i] - yhat) * x[1]
				b += y[i] - yhat
				mistakes++
				updates++
			}
		}
	}
	// §8: train the network as nn xor does, and name its hidden gates.
	XX, YY := nn.XOR()
	net, err := nn.New([]int{2, 2, 1}, []nn.Activation{nn.Sigmoid{}, nn.Sigmoid{}}, nn.XavierUniform, rand.New(rand.NewPCG(17, 0)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := net.TrainGD(XX, YY, nn.MSE{}, 2, 5000, nil); err != nil {
		t.Fatal(err)
	}
	g := net.Gates(1)
	gates := []string{g[0].String(), g[1].String()}
	if gates[0] > gates[1] {
		gates[0], gates[1] = gates[1], gates[0]
	}
	σ0 := 1 / (1 + math.Exp(0)) // σ(0) = ½
	factor := math.Pow(σ0*(1-σ0), 10)
	e := math.Floor(math.Log10(factor))

	want := map[string]string{
		"§1":  fmt.Sprint(updates),
		"§2":  fmt.Sprint(σ0 * (1 - σ0)),     // σ′(0) = σ(0)(1 − σ(0))
		"§3":  fmt.Sprint(3*2 + 3 + 1*3 + 1), // W¹, b¹, W², b²
		"§5":  "a^L − y",
		"§6":  fmt.Sprint(int(math.Ceil(100.0 / 32))),
		"§7":  fmt.Sprintf("(%v, %v)", 3.0/5, 4.0/5),
		"§8":  gates[0] + " and " + gates[1],
		"§11": minus(fmt.Sprintf("%.2g·10^%d", factor/math.Pow(10, e), int(e))),
		"§12": "it halves (× 0.5)",
		"§13": fmt.Sprint(1<<4 - 1), // 2ᵏ pieces need 2ᵏ − 1 units
	}
	for s, w := range want {
		if key[s] != w {
			t.Errorf("%s: key %q, want %q", s, key[s], w)
		}
	}
	if gates[0] != "NAND" || gates[1] != "OR" {
		t.Errorf("§8: the XOR network learned %v, not the notes' NAND and OR", gates)
	}

	out, _, code := runArgs(t, "quiz", "-key", "-seed", "3")
	if code != 0 || strings.Count(out, "answer: ") != 10 || !strings.Contains(out, "* ") {
		t.Errorf("nn quiz -key: exit %d, output:\n%s", code, out)
	}
}

// TestWrapKeepsFormulas: wrap never breaks a line at "=" or "−" between
// spaces. Catches the quiz printing "at z" on one line and "= (0.8, −1.3)"
// on the next.
func TestWrapKeepsFormulas(t *testing.T) {
	s := strings.Repeat("word ", 14) + "at z = (0.8, −1.3), y = (1, 0) and σ′ = σ(1 − σ) there " + strings.Repeat("word ", 20)
	for _, line := range strings.Split(wrap(s, ""), "\n") {
		line = strings.TrimSpace(line)
		for _, sign := range []string{"=", "−"} {
			if strings.HasPrefix(line, sign+" ") || strings.HasSuffix(line, " "+sign) {
				t.Errorf("line broken at %q: %q", sign, line)
			}
		}
		if n := len([]rune(line)); n > 78 {
			t.Errorf("line of %d runes: %q", n, line)
		}
	}
}
