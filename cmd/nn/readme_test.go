package main

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// readmePath is the README, from cmd/nn.
const readmePath = "../../README.md"

// tourExcerpt is the README's copy of the tour's output: the first text block
// after the heading "## See the notes happen".
var tourExcerpt = regexp.MustCompile("(?s)(## See the notes happen\n.*?```text\n)(.*?)(```\n)")

// sectionNumber is how a tour section's heading starts: "§1 ", "§3, §4 ".
var sectionNumber = regexp.MustCompile(`^§[0-9, §]*[0-9] `)

// readmeTour regenerates the README's excerpt of the tour from out, the
// tour's output run with -dir nn-tour: the same sections, chosen by the
// numbers of their headings, each whole, with "…" where sections are left
// out. It returns the excerpt as it is and as it should be.
func readmeTour(t *testing.T, readme, out string) (got, want string) {
	m := tourExcerpt.FindStringSubmatch(readme)
	if m == nil {
		t.Fatalf("the README has no text block after \"## See the notes happen\"")
	}
	sections := map[string]string{} // number → whole section
	var order []string
	for _, s := range strings.Split(out, "\n\n") {
		s = strings.TrimPrefix(s, "\n")
		if n := sectionNumber.FindString(s); n != "" {
			sections[n] = strings.TrimSuffix(s, "\n")
			order = append(order, n)
		}
	}
	chosen := map[string]bool{}
	for _, line := range strings.Split(m[2], "\n") {
		if n := sectionNumber.FindString(line); n != "" {
			if sections[n] == "" {
				t.Errorf("README quotes a tour section %q that the tour does not print", n)
			}
			chosen[n] = true
		}
	}
	var b strings.Builder
	gap := false // a section left out since the last one written
	for _, n := range order {
		if !chosen[n] {
			gap = true
			continue
		}
		if b.Len() > 0 && gap {
			b.WriteString("…\n")
		} else if b.Len() > 0 {
			b.WriteString("\n")
		}
		gap = false
		b.WriteString(sections[n] + "\n")
	}
	b.WriteString("…\n")
	return m[2], b.String()
}

// checkREADMETour fails if the README's excerpt of the tour differs from the
// tour's output out (run with -dir nn-tour); with -update it rewrites the
// excerpt. path is the README's.
func checkREADMETour(t *testing.T, path, out string) {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	got, want := readmeTour(t, readme, out)
	if got == want {
		return
	}
	if *update {
		m := tourExcerpt.FindStringSubmatchIndex(readme)
		readme = readme[:m[4]] + want + readme[m[5]:]
		if err := os.WriteFile(path, []byte(readme), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("README's excerpt of the tour differs from the tour (go test -run TestTour -update rewrites it); want:\n%s", want)
}

// quizExcerpt is the README's copy of a question of nn quiz -key.
var quizExcerpt = regexp.MustCompile("(?s)(`nn quiz` is the self-test.*?```text\n)(.*?)(```\n)")

// TestREADMEQuiz: the README's question of the quiz is the whole question,
// answer and explanation as nn quiz -key (seed 1) prints it; -update
// rewrites it.
func TestREADMEQuiz(t *testing.T) {
	b, err := os.ReadFile(readmePath)
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	m := quizExcerpt.FindStringSubmatchIndex(readme)
	if m == nil {
		t.Fatal("the README has no text block after \"`nn quiz` is the self-test\"")
	}
	got := readme[m[4]:m[5]]
	out, _, code := runArgs(t, "quiz", "-key")
	if code != 0 {
		t.Fatalf("nn quiz -key: exit %d", code)
	}
	number, _, _ := strings.Cut(got, " ")
	want := ""
	for _, q := range strings.Split(out, "\n\n") {
		if strings.HasPrefix(q, number+" ") {
			want = strings.TrimSuffix(q, "\n") + "\n"
		}
	}
	switch {
	case want == "":
		t.Errorf("nn quiz -key has no question %q", number)
	case got == want:
	case *update:
		if err := os.WriteFile(readmePath, []byte(readme[:m[4]]+want+readme[m[5]:]), 0o644); err != nil {
			t.Fatal(err)
		}
	default:
		t.Errorf("README's question of the quiz differs from nn quiz -key (go test -run TestREADMEQuiz -update rewrites it); want:\n%s", want)
	}
}
