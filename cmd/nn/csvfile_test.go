package main

// Tests of CSV files as people have them: separators, compressed files,
// hints.

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func TestSepOf(t *testing.T) {
	tests := []struct {
		line string
		want rune
	}{
		{"1,2,yes", ','},
		{`"width";"height";"label"`, ';'},
		{`"a,b";"c,d";x`, ';'}, // commas inside quotes do not count
		{"1\t2\tyes", '\t'},
		{"1 2  yes", ' '},
		{"1|2|yes", '|'},
		{"42", ','},
	}
	for _, tt := range tests {
		if got := sepOf(tt.line); got != tt.want {
			t.Errorf("sepOf(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
}

// TestTrainPredictSemicolons: a CSV file as a spreadsheet in many countries
// writes it (';' between fields, quoted fields, a byte order mark, string
// labels) trains without -sep, and predict reads it and a file of inputs
// only in the same style. Catches: a separator that is not guessed, a
// predict that splits on ',' or chokes on quotes or the byte order mark.
func TestTrainPredictSemicolons(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("\uFEFF\"width\";\"height\";\"label\"\n")
	for i := range 60 {
		d := float64(i%10) / 20
		if i%2 == 0 {
			b.WriteString(ftoa(1+d) + ";" + ftoa(2-d) + ";\"yes\"\n")
		} else {
			b.WriteString(ftoa(3-d) + ";" + ftoa(0.5+d) + ";\"no\"\n")
		}
	}
	data := filepath.Join(dir, "yn.csv")
	os.WriteFile(data, []byte(b.String()), 0o644)
	model := filepath.Join(dir, "yn.json")
	out, errs, code := runArgs(t, "train", "-data", data, "-header", "-epochs", "5", "-o", model)
	if code != 0 || !strings.Contains(out, `-header -sep ";" -label -1`) || !strings.Contains(out, "2 features, 2 classes") {
		t.Fatalf("nn train: exit %d, stdout:\n%s\nstderr:\n%s", code, out, errs)
	}
	_, errs, code = runArgs(t, "predict", "-model", model, "-data", data, "-header")
	if code != 0 || !regexp.MustCompile(`yn.csv accuracy [01]\.\d{4} \(\d+ of 60\)`).MatchString(errs) {
		t.Errorf("predict on the training file: exit %d, stderr %q", code, errs)
	}
	inputs := filepath.Join(dir, "in.csv")
	os.WriteFile(inputs, []byte("\uFEFF\"1.0\";\"2.0\"\n3.0;0.5\n"), 0o644)
	out, errs, code = runArgs(t, "predict", "-model", model, "-data", inputs)
	if code != 0 || errs != "" || !regexp.MustCompile(`^class,probability\n(yes|no),[01]\.\d{4}\n(yes|no),[01]\.\d{4}\n$`).MatchString(out) {
		t.Errorf("predict on inputs: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	_, errs, code = runArgs(t, "predict", "-model", model, "-data", inputs, "-sep", "x")
	if code != 2 || !strings.Contains(errs, `-sep "x"`) {
		t.Errorf("predict -sep x: exit %d, stderr %q", code, errs)
	}
}

func ftoa(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// TestPredictGzipByContent: predict reads its CSV files as nn train does,
// with nn.ReadCSV, which knows a gzip file by its magic number: gzip data
// under a name without .gz, and plain text under a name ending in .gz, both
// predict, with and without labels. Catches: predict's own reader, which
// went by the name (and so read gzip bytes as text, or failed to gunzip
// plain text).
func TestPredictGzipByContent(t *testing.T) {
	dir := t.TempDir()
	model := filepath.Join(dir, "iris.json")
	if _, errs, code := runArgs(t, "train", "-data", "iris", "-epochs", "20", "-o", model); code != 0 {
		t.Fatalf("nn train: %s", errs)
	}
	gz := func(s string) string {
		var b bytes.Buffer
		z := gzip.NewWriter(&b)
		z.Write([]byte(s))
		z.Close()
		return b.String()
	}
	const inputs = "5.1,3.5,1.4,0.2\n6.7,3.0,5.2,2.3\n"
	const labelled = "5.1,3.5,1.4,0.2,setosa\n6.7,3.0,5.2,2.3,virginica\n"
	for _, tt := range []struct {
		name, content string
		scored        bool
	}{
		{"inputs.dat", gz(inputs), false},
		{"inputs.csv.gz", inputs, false},
		{"labelled.dat", gz(labelled), true},
		{"labelled.csv.gz", labelled, true},
	} {
		path := filepath.Join(dir, tt.name)
		os.WriteFile(path, []byte(tt.content), 0o644)
		out, errs, code := runArgs(t, "predict", "-model", model, "-data", path)
		if code != 0 || !regexp.MustCompile(`^class,probability\nsetosa,[01]\.\d{4}\nvirginica,[01]\.\d{4}\n$`).MatchString(out) {
			t.Errorf("%s: exit %d, stdout %q, stderr %q", tt.name, code, out, errs)
		}
		if scored := strings.Contains(errs, "accuracy 1.0000 (2 of 2)"); scored != tt.scored {
			t.Errorf("%s: scored %v, want %v; stderr %q", tt.name, scored, tt.scored, errs)
		}
	}
}

// TestSepHint: a file read with the wrong separator gets a hint that names
// the flag, -sep, with the value a shell reads back, not the library's
// option (issue 16 item 12).
func TestSepHint(t *testing.T) {
	path := filepath.Join(t.TempDir(), "semi.csv")
	if err := os.WriteFile(path, []byte("a;b;c\n1;2;x\n3;4;y\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errs, code := runArgs(t, "train", "-data", path, "-sep", ",")
	if code != 1 || !strings.Contains(errs, `is it the separator? give -sep ";")`) || strings.Contains(errs, "Comma") {
		t.Errorf("exit %d, stderr %q; want the hint give -sep \";\"", code, errs)
	}
}

// TestFilesPeopleHave (issue 16 item 13): CSV files as people have them,
// each refused with a hint that names the flag which reads it, and read
// with that flag: two header lines (-skip), a decimal comma
// (-decimal-comma), a pandas index (-drop), a label in the middle named in
// the header (-label NAME), targets by name (-targets NAME) whose name
// predict then writes; a missing value is refused with what to do.
func TestFilesPeopleHave(t *testing.T) {
	dir := t.TempDir()
	rows := func(head string, line func(i int, x, y float64, class string) string) string {
		var b strings.Builder
		b.WriteString(head)
		rng := rand.New(rand.NewPCG(9, 9))
		for i := range 80 {
			x, y := rng.Float64(), rng.Float64()
			class := "low"
			if x+y > 1 {
				class = "high"
			}
			b.WriteString(line(i, x, y, class))
		}
		return b.String()
	}
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	twoHeads := write("boston.csv", rows("80,2\nx,y,MEDV\n", func(_ int, x, y float64, _ string) string {
		return fmt.Sprintf("%.3f,%.3f,%.3f\n", x, y, 2*x+y)
	}))
	decimal := write("decimal.csv", rows("x;y;class\n", func(_ int, x, y float64, c string) string {
		return strings.ReplaceAll(fmt.Sprintf("%.3f;%.3f;%s\n", x, y, c), ".", ",")
	}))
	pandas := write("pandas.csv", rows(",x,y,class\n", func(i int, x, y float64, c string) string {
		return fmt.Sprintf("%d,%.3f,%.3f,%s\n", i, x, y, c)
	}))
	middle := write("middle.csv", rows("x,class,y\n", func(_ int, x, y float64, c string) string {
		return fmt.Sprintf("%.3f,%s,%.3f\n", x, c, y)
	}))
	missing := write("missing.csv", "x,y,class\n0.1,0.2,low\n0.5,NA,high\n0.9,0.8,high\n")
	model := filepath.Join(dir, "boston.json")
	for _, tt := range []struct {
		args      []string
		hint      string // of the refusal without the flag
		withFlags []string
	}{
		{[]string{"-data", twoHeads, "-header", "-targets", "2"}, "the file has two header lines: give -skip 1", []string{"-skip", "1", "-o", model}},
		{[]string{"-data", decimal, "-header"}, "(a decimal comma? give -decimal-comma)", []string{"-decimal-comma"}},
		{[]string{"-data", pandas, "-header"}, "leave it out with -drop 0", []string{"-drop", "0"}},
		{[]string{"-data", middle, "-header"}, "column 1 (from 0): \"high\" is not a number (if it holds the class labels, give -label 1", []string{"-label", "class"}},
		{[]string{"-data", missing, "-header"}, "remove the samples with missing values, or fill them in", nil},
	} {
		args := append([]string{"train", "-epochs", "2"}, tt.args...)
		_, errs, code := runArgs(t, args...)
		if code != 1 || !strings.Contains(errs, tt.hint) {
			t.Errorf("nn %q: exit %d, stderr %q; want exit 1 and %q", args, code, errs, tt.hint)
		}
		if tt.withFlags == nil {
			continue
		}
		args = append(args, tt.withFlags...)
		if out, errs, code := runArgs(t, args...); code != 0 {
			t.Errorf("nn %q: exit %d, stderr %q, stdout:\n%s", args, code, errs, out)
		}
	}
	// The targets by name, and predict reads the file as trained (-skip 1)
	// and writes the target's name.
	if _, errs, code := runArgs(t, "train", "-data", twoHeads, "-skip", "1", "-header", "-targets", "MEDV", "-epochs", "2", "-o", model); code != 0 {
		t.Fatalf("-targets MEDV: exit %d, stderr %q", code, errs)
	}
	out, errs, code := runArgs(t, "predict", "-model", model, "-data", twoHeads)
	if code != 0 || !strings.HasPrefix(out, "MEDV\n") || strings.Count(out, "\n") != 81 {
		t.Errorf("predict: exit %d, stderr %q, stdout starts %.30q; want MEDV and 80 predictions", code, errs, out)
	}
}

// TestColumnNumberInMessage: the column a message names is the number the
// flags take: a user who reads "column N" in the refusal of a missing value
// and gives -drop N leaves out that column and trains. Catches: messages
// counting from 1 while -label, -targets and -drop count from 0 (-drop 2
// dropped the target).
func TestColumnNumberInMessage(t *testing.T) {
	var b strings.Builder
	b.WriteString("a,b,y\n")
	for i := range 40 {
		bv := fmt.Sprint(i % 3)
		if i == 7 {
			bv = "NA"
		}
		fmt.Fprintf(&b, "%d,%s,%d\n", i, bv, 2*i)
	}
	data := filepath.Join(t.TempDir(), "na.csv")
	os.WriteFile(data, []byte(b.String()), 0o644)
	_, errs, code := runArgs(t, "train", "-data", data, "-header", "-targets", "y", "-epochs", "1")
	m := regexp.MustCompile(`column (\d+)\b.*"NA"`).FindStringSubmatch(errs)
	if code != 1 || m == nil {
		t.Fatalf("a missing value: exit %d, stderr %q", code, errs)
	}
	if out, errs, code := runArgs(t, "train", "-data", data, "-header", "-targets", "y", "-epochs", "1", "-drop", m[1]); code != 0 {
		t.Errorf("-drop %s, the column the message names: exit %d\nstdout:\n%s\nstderr:\n%s", m[1], code, out, errs)
	}
}
