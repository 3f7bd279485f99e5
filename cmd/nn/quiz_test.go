package main

// Tests of nn quiz: its questions, key and scoring.

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
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
	}
	if moved == 0 {
		t.Errorf("seeds 1 and 2 put every answer in the same place")
	}
}

// TestQuizKey checks every answer of the key against the library, for
// several seeds (each draws other numbers into the questions): the numbers
// are read back from the question's text and the answer worked out here
// another way (a closed form of the notes, or the rule run by hand), so a
// wrong key, a text that does not state the numbers used, or a library that
// no longer does what the notes say, fails.
func TestQuizKey(t *testing.T) {
	texts := map[string]map[string]bool{} // section → question texts seen
	for seed := range uint64(24) {
		qs, err := quizQuestions(seed)
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range qs {
			if texts[q.Section] == nil {
				texts[q.Section] = map[string]bool{}
			}
			texts[q.Section][q.Text+q.Explain] = true
			want, err := quizAnswer(q.Section, q.Text)
			if err != nil {
				t.Errorf("seed %d %s: %v in %q", seed, q.Section, err, q.Text)
			} else if got := q.Options[q.Right]; got != want {
				t.Errorf("seed %d %s: key %q, want %q\n%s", seed, q.Section, got, want, q.Text)
			}
		}
	}
	for _, s := range []string{"§1", "§3", "§5", "§6", "§7", "§8", "§11", "§13"} {
		if len(texts[s]) < 3 {
			t.Errorf("%s: %d different questions over 24 seeds, want the numbers drawn from the seed", s, len(texts[s]))
		}
	}
	out, _, code := runArgs(t, "quiz", "-key", "-seed", "3")
	if code != 0 || strings.Count(out, "answer: ") != 10 || !strings.Contains(out, "* ") {
		t.Errorf("nn quiz -key: exit %d, output:\n%s", code, out)
	}
}

// quizAnswer works out the answer of a question of section from the numbers
// its text states.
func quizAnswer(section, text string) (string, error) {
	ints := func(pattern string) ([]int, error) {
		m := regexp.MustCompile(pattern).FindStringSubmatch(text)
		if m == nil {
			return nil, fmt.Errorf("no %q", pattern)
		}
		var v []int
		for _, s := range m[1:] {
			n, err := strconv.Atoi(s)
			if err != nil {
				return nil, err
			}
			v = append(v, n)
		}
		return v, nil
	}
	σ0 := 1 / (1 + math.Exp(0)) // σ(0) = ½
	switch section {
	case "§1":
		return perceptronByHand(text)
	case "§2":
		return fmt.Sprint(σ0 * (1 - σ0)), nil // σ′(0) = σ(0)(1 − σ(0))
	case "§3": // W¹, b¹, W², b²
		n, err := ints(`with (\d) inputs, (\d) hidden units and (\d) outputs`)
		if err != nil {
			return "", err
		}
		return fmt.Sprint(n[1]*n[0] + n[1] + n[2]*n[1] + n[2]), nil
	case "§5":
		return "a^L − y", nil
	case "§6": // full batches, and one more for the samples left over
		n, err := ints(`batch size (\d+) runs one epoch over (\d+) samples`)
		if err != nil {
			return "", err
		}
		return fmt.Sprint((n[1] + n[0] - 1) / n[0]), nil
	case "§7": // g·c/‖g‖
		n, err := ints(`g = \((\d+), (\d+)\) is clipped by norm to c = (\d+)\.`)
		if err != nil {
			return "", err
		}
		norm := math.Sqrt(float64(n[0]*n[0] + n[1]*n[1]))
		return fmt.Sprintf("(%s, %s)", qnum(float64(n[0]*n[2])/norm), qnum(float64(n[1]*n[2])/norm)), nil
	case "§8": // from the truth tables, by hand
		m := regexp.MustCompile(`h₁ = (\w+)\(x₁, x₂\) and h₂ = (\w+)\(`).FindStringSubmatch(text)
		if m == nil {
			return "", fmt.Errorf("no hidden gates")
		}
		// OR, NAND on 00 01 10 11: (0,1) (1,1) (1,1) (1,0); XOR 0 1 1 0 is
		// their AND. AND, NOR: (0,1) (0,0) (0,0) (1,0); XOR is their NOR.
		want := map[[2]string]string{{"OR", "NAND"}: "AND", {"NAND", "OR"}: "AND", {"AND", "NOR"}: "NOR", {"NOR", "AND"}: "NOR"}
		if a, ok := want[[2]string{m[1], m[2]}]; ok {
			return a, nil
		}
		return "", fmt.Errorf("hidden gates %s and %s not worked out here", m[1], m[2])
	case "§11": // (w σ′(0))^L
		n, err := ints(`through (\d+) sigmoid layers, one unit each, every weight (\d+),`)
		if err != nil {
			return "", err
		}
		return gnum(math.Pow(float64(n[1])*σ0*(1-σ0), float64(n[0]))), nil
	case "§12":
		return "it halves (× 0.5)", nil
	case "§13": // 2ᵏ: see TestShallowSawtoothMinimum in the root package
		n, err := ints(`composed (\d+) times`)
		if err != nil {
			return "", err
		}
		return fmt.Sprint(1 << n[0]), nil
	}
	return "", fmt.Errorf("no such section")
}

// perceptronByHand runs the perceptron rule of §1, with step(0) = 0, on the
// gate and the order of a §1 question and returns the number of updates.
func perceptronByHand(text string) (string, error) {
	m := regexp.MustCompile(`learns (\w+) with η = 1, visiting \((\d),(\d)\), \((\d),(\d)\), \((\d),(\d)\), \((\d),(\d)\) in`).FindStringSubmatch(text)
	if m == nil {
		return "", fmt.Errorf("no gate and order")
	}
	gate := map[string]func(a, b bool) bool{
		"AND": func(a, b bool) bool { return a && b }, "OR": func(a, b bool) bool { return a || b },
		"NAND": func(a, b bool) bool { return !(a && b) },
	}[m[1]]
	if gate == nil {
		return "", fmt.Errorf("gate %s not worked out here", m[1])
	}
	w, b, updates := [2]float64{}, 0.0, 0
	for mistakes := 1; mistakes > 0; {
		mistakes = 0
		for i := 2; i < 10; i += 2 {
			x := [2]float64{float64(m[i][0] - '0'), float64(m[i+1][0] - '0')}
			y := 0.0
			if gate(x[0] == 1, x[1] == 1) {
				y = 1
			}
			yhat := 0.0
			if w[0]*x[0]+w[1]*x[1]+b > 0 { // step(0) = 0
				yhat = 1
			}
			if yhat != y {
				w[0] += (y - yhat) * x[0]
				w[1] += (y - yhat) * x[1]
				b += y - yhat
				mistakes++
				updates++
			}
		}
	}
	return fmt.Sprint(updates), nil
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

// TestApproxOneMeasurement: the quiz's §12 explanation gives the slope the
// tour prints, measured for the same N, and writes its numbers as a list,
// not a Go slice. Catches: the quiz measuring N = 10 … 80 (slope −0.98)
// while the tour and the plot measure N = 5 … 160 (−0.96).
func TestApproxOneMeasurement(t *testing.T) {
	var b strings.Builder
	tourApprox(&tour{w: &b, dir: t.TempDir()})
	tourSlope := regexp.MustCompile(`log-log slope (-?[0-9.]+)`).FindStringSubmatch(b.String())
	qs, err := quizQuestions(1)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range qs {
		if q.Section != "§12" {
			continue
		}
		quizSlope := regexp.MustCompile(`log-log slope of (-?[0-9.]+)`).FindStringSubmatch(q.Explain)
		if tourSlope == nil || quizSlope == nil || tourSlope[1] != quizSlope[1] {
			t.Errorf("slopes: tour %q, quiz %q\ntour:\n%s\nquiz: %s", tourSlope, quizSlope, b.String(), q.Explain)
		}
		if !strings.Contains(q.Explain, "N = 5, 10, 20, 40, 80, 160 gives") || strings.ContainsAny(q.Explain, "[]") {
			t.Errorf("the quiz's N or errors are not the tour's, as a list: %s", q.Explain)
		}
	}
}

// TestSawtoothVerdict: the §13 explanation's conclusion is built from the
// comparison of the minimum with the counting bound, not written in: a
// slope at 0 that is a multiple of the jump reaches the bound.
func TestSawtoothVerdict(t *testing.T) {
	for _, tt := range []struct {
		m    shallowMinimum
		want string
	}{
		{shallowMinimum{bound: 7, units: 8, jump: 16}, "not a multiple of 16, so one unit more is needed"},
		{shallowMinimum{bound: 7, units: 7, jump: 16}, "a multiple of 16, so the bound is reached"},
	} {
		if got := tt.m.verdict(); got != tt.want {
			t.Errorf("units %d, bound %d: %q, want %q", tt.m.units, tt.m.bound, got, tt.want)
		}
	}
	qs, err := quizQuestions(1)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range qs {
		if q.Section == "§13" && !strings.Contains(q.Explain, ", not a multiple of ") {
			t.Errorf("§13 explanation: %s", q.Explain)
		}
	}
}
