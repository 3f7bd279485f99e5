package nn_test

// The README's Go code blocks are the bodies of the Example functions of
// this file, quoted verbatim (TestREADMEBlocks checks it), so every block
// compiles, runs and shows its output.

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"log"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"example.com/nn"
)

// The README's "## Example": the 2-2-1 network of §8 learns XOR by batch
// gradient descent, then one backpropagation step by hand.
func ExampleMLP_TrainGD_readme() {
	X, Y := nn.XOR()
	net, err := nn.New([]int{2, 2, 1}, []nn.Activation{nn.Sigmoid{}, nn.Sigmoid{}},
		nn.XavierUniform, rand.New(rand.NewPCG(17, 0)))
	if err != nil {
		log.Fatal(err)
	}
	loss, err := net.TrainGD(X, Y, nn.MSE{}, 2, 5000, nil) // η = 2, 5000 epochs
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("loss %.4f; hidden units %v, output %v\n", loss, net.Gates(1), net.Gates(2))

	z, a := net.Forward([]float64{1, 0})                          // every z^l and a^l (§5 step 1)
	g, L := net.Backprop([]float64{1, 0}, []float64{1}, nn.MSE{}) // ∂L/∂W^l, ∂L/∂b^l (§5, §10)
	net.Update(g, 0.1)                                            // θ ← θ − η ∂L/∂θ (step 6)
	fmt.Printf("z^2 = %.2f, a^2 = %.4f, L = %.6f\n", z[2], a[2], L)
	// Output:
	// loss 0.0006; hidden units [NAND OR], output [XOR]
	// z^2 = [3.37], a^2 = [0.9668], L = 0.000550
}

// The README's "## Training on real data": the digits, split by class,
// standardized with the training set's statistics, and a 64-64-10 network
// trained with Adam on mini-batches.
func ExampleMLP_Train_readme() {
	rng := rand.New(rand.NewPCG(1, 2))
	d, err := nn.LoadCSV("testdata/digits.csv.gz", nn.CSVOptions{Label: -1})
	if err != nil {
		log.Fatal(err)
	}
	train, test, err := nn.StratifiedSplit(d, 0.2, rng)
	if err != nil {
		log.Fatal(err)
	}
	std := nn.FitStandardizer(train.X) // fitted on the training set only
	Xtrain, Xtest := std.Transform(train.X), std.Transform(test.X)
	net, err := nn.New([]int{64, 64, 10}, []nn.Activation{nn.ReLU{}, nn.Softmax{}}, nn.HeNormal, rng)
	if err != nil {
		log.Fatal(err)
	}
	hist, err := net.Train(Xtrain, train.Targets(), nn.TrainConfig{
		Loss: nn.CrossEntropy{}, Optimizer: nn.NewAdam(),
		Schedule:  nn.CosineAnnealing{LR: 0.003, Period: 15},
		BatchSize: 32, Epochs: 15, L2: 1e-4, // BatchSize N = batch GD, 1 = SGD (§6)
		ValX: Xtest, ValY: test.Targets(),
	}, rng)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%d epochs, test accuracy %.2f\n", len(hist.Epochs), nn.Accuracy(net, Xtest, test.Targets()))
	pred := nn.Classify(net, Xtest)
	fmt.Printf("first test sample: digit %s, predicted %s\n", d.ClassName(test.Labels[0]), d.ClassName(pred[0]))
	// Output:
	// 15 epochs, test accuracy 0.97
	// first test sample: digit 3, predicted 3
}

// Regression (§3's identity output with MSE): disease progression of 442
// diabetes patients from 10 measurements (testdata/diabetes.csv), scored by
// R² on a held-out fifth. Targets are standardized like the features; R²
// does not depend on their scale.
func ExampleRSquared() {
	rng := rand.New(rand.NewPCG(3, 4))
	d, err := nn.LoadCSV("testdata/diabetes.csv", nn.CSVOptions{Header: true, Targets: []int{-1}})
	if err != nil {
		log.Fatal(err)
	}
	train, test, err := nn.RandomSplit(d, 0.2, rng)
	if err != nil {
		log.Fatal(err)
	}
	sx, sy := nn.FitStandardizer(train.X), nn.FitStandardizer(train.Y)
	net, err := nn.New([]int{10, 16, 1}, []nn.Activation{nn.Tanh{}, nn.Identity{}}, nn.XavierUniform, rng)
	if err != nil {
		log.Fatal(err)
	}
	_, err = net.Train(sx.Transform(train.X), sy.Transform(train.Y), nn.TrainConfig{
		Loss: nn.MSE{}, Optimizer: nn.NewAdam(), Schedule: nn.Constant{LR: 0.003},
		BatchSize: 32, Epochs: 60, L2: 1e-3,
	}, rng)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%d×%d features %v, target %v\n", d.X.Rows, d.X.Cols, d.Features[:3], d.TargetNames)
	fmt.Printf("test R² %.2f\n", nn.RSquared(net, sx.Transform(test.X), sy.Transform(test.Y)))
	// Output:
	// 442×10 features [age sex bmi], target [progression]
	// test R² 0.56
}

// The README's "## Keeping a model": a model file holds the network, the
// standardization of its inputs and the class names, and predicts from raw
// inputs once loaded.
func ExampleModel_Save_readme() {
	rng := rand.New(rand.NewPCG(1, 2))
	iris := nn.Iris()
	train, test, err := nn.StratifiedSplit(iris, 0.3, rng)
	if err != nil {
		log.Fatal(err)
	}
	std := nn.FitStandardizer(train.X)
	net, err := nn.New([]int{4, 8, 3}, []nn.Activation{nn.Tanh{}, nn.Softmax{}}, nn.XavierUniform, rng)
	if err != nil {
		log.Fatal(err)
	}
	_, err = net.Train(std.Transform(train.X), train.Targets(), nn.TrainConfig{
		Loss: nn.CrossEntropy{}, Optimizer: nn.NewAdam(), Schedule: nn.Constant{LR: 0.01},
		BatchSize: 16, Epochs: 50,
	}, rng)
	if err != nil {
		log.Fatal(err)
	}
	path := filepath.Join(os.TempDir(), "iris-model.json")
	defer os.Remove(path)
	m := &nn.Model{Net: net, Scaler: std, ClassNames: train.ClassNames}
	if err := m.Save(path); err != nil { // atomic: a failed save keeps the old file
		log.Fatal(err)
	}
	loaded, err := nn.LoadModel(path)
	if err != nil {
		log.Fatal(err)
	}
	class, prob := loaded.Classify(test.X) // raw inputs: the model standardizes them
	fmt.Printf("first test flower: %s, predicted %s (p = %.2f)\n",
		test.ClassName(test.Labels[0]), loaded.ClassNames[class[0]], prob[0])
	// Output:
	// first test flower: virginica, predicted virginica (p = 0.76)
}

// TestREADMEBlocks: each Go block of README.md is the body of an Example of
// this file, output comment included, de-indented by one tab.
func TestREADMEBlocks(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := goBlocks(string(readme))
	bodies := exampleBodies(t, "readme_example_test.go")
	want := map[string]string{ // README section → Example
		"## Example":               "ExampleMLP_TrainGD_readme",
		"## Training on real data": "ExampleMLP_Train_readme",
		"## Keeping a model":       "ExampleModel_Save_readme",
	}
	if len(blocks) != len(want) {
		t.Errorf("README has %d Go blocks, want %d (one per section of %v)", len(blocks), len(want), want)
	}
	for _, b := range blocks {
		name, ok := want[b.section]
		if !ok {
			t.Errorf("README section %q has a Go block that no Example of readme_example_test.go holds", b.section)
			continue
		}
		if body := bodies[name]; body != b.code {
			t.Errorf("README section %q differs from the body of %s:\n--- README\n%s--- %s\n%s", b.section, name, b.code, name, body)
		}
	}
}

type goBlock struct{ section, code string }

// goBlocks returns the ```go blocks of a Markdown text with the "## " heading above each.
func goBlocks(md string) []goBlock {
	var blocks []goBlock
	var section string
	var code *strings.Builder
	for line := range strings.Lines(md) {
		switch {
		case code != nil && strings.TrimSpace(line) == "```":
			blocks = append(blocks, goBlock{section, code.String()})
			code = nil
		case code != nil:
			code.WriteString(line)
		case strings.HasPrefix(line, "## "):
			section = strings.TrimSpace(line)
		case strings.TrimSpace(line) == "```go":
			code = new(strings.Builder)
		}
	}
	return blocks
}

// exampleBodies returns the body of every function of the file, from the
// line after its "{" to the line before its "}", output comment included,
// each line de-indented by one tab.
func exampleBodies(t *testing.T, file string) map[string]string {
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, src, 0)
	if err != nil {
		t.Fatal(err)
	}
	bodies := map[string]string{}
	for _, decl := range f.Decls {
		fn, ok := decl.(*ast.FuncDecl)
		if !ok {
			continue
		}
		text := string(src[fset.Position(fn.Body.Lbrace).Offset+1 : fset.Position(fn.Body.Rbrace).Offset])
		text = strings.TrimPrefix(text, "\n")
		var b strings.Builder
		for line := range strings.Lines(text) {
			b.WriteString(strings.TrimPrefix(line, "\t"))
		}
		bodies[fn.Name.Name] = b.String()
	}
	return bodies
}
