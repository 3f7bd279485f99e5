package nn

import (
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// gateData returns the four inputs of a two-input gate and its truth table.
func gateData(t TruthTable) (*Matrix, []float64) {
	X, _ := XOR()
	y := make([]float64, 4)
	for i, on := range t {
		if on {
			y[i] = 1
		}
	}
	return X, y
}

func TestPerceptronGates(t *testing.T) {
	tests := []struct {
		name      string
		gate      TruthTable
		separable bool
	}{
		{"AND", TruthTable{false, false, false, true}, true},
		{"OR", TruthTable{false, true, true, true}, true},
		{"NAND", TruthTable{true, true, true, false}, true},
		{"XOR", TruthTable{false, true, true, false}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			X, y := gateData(tt.gate)
			p := NewPerceptron(2)
			if !tt.separable {
				// XOR is not linearly separable (§8): after every one of 1000
				// epochs at least one pattern is still wrong.
				for epoch := 1; epoch <= 1000; epoch++ {
					r, err := p.Train(X, y, 1, 1, nil)
					if err != nil {
						t.Fatal(err)
					}
					if r.Converged || correct(p, X, y) == 4 {
						t.Fatalf("epoch %d: perceptron classifies XOR (w = %v, b = %v)", epoch, p.W, p.B)
					}
				}
				return
			}
			r, err := p.Train(X, y, 1, 1000, nil)
			if err != nil {
				t.Fatal(err)
			}
			if !r.Converged || correct(p, X, y) != 4 {
				t.Fatalf("%s: %+v, %d of 4 correct (w = %v, b = %v)", tt.name, r, correct(p, X, y), p.W, p.B)
			}
			t.Logf("%s: converged after %d epochs and %d updates: w = %v, b = %v", tt.name, r.Epochs, r.Updates, p.W, p.B)
		})
	}
}

func correct(p *Perceptron, X *Matrix, y []float64) int {
	n := 0
	for i := range X.Rows {
		if p.Predict(X.Row(i)) == y[i] {
			n++
		}
	}
	return n
}

// TestPerceptronRule checks one step of the learning rule (§1) by hand.
func TestPerceptronRule(t *testing.T) {
	p := &Perceptron{W: []float64{0.5, -1}, B: 0.25}
	x, y, eta := []float64{2, 1}, 0.0, 0.1
	// z = 0.5·2 − 1·1 + 0.25 = 0.25 > 0, so ŷ = 1 ≠ y: an update.
	yhat := 1.0
	if !p.Learn(x, y, eta) {
		t.Fatal("Learn made no update on a mistake")
	}
	want := &Perceptron{
		W: []float64{0.5 + eta*(y-yhat)*x[0], -1 + eta*(y-yhat)*x[1]},
		B: 0.25 + eta*(y-yhat),
	}
	if diff := cmp.Diff(want, p, exact); diff != "" {
		t.Errorf("after one step (-want +got):\n%s", diff)
	}
	// Now z = 0.3·2 − 1.1·1 + 0.15 = −0.35, so ŷ = 0 = y: no update.
	if p.Learn(x, y, eta) {
		t.Errorf("Learn updated a correct prediction")
	}
	if diff := cmp.Diff(want, p, exact); diff != "" {
		t.Errorf("a correct prediction changed the perceptron (-want +got):\n%s", diff)
	}
}

// TestPerceptronIris: setosa is linearly separable from the other two
// species, so the perceptron converges (§1, convergence theorem).
func TestPerceptronIris(t *testing.T) {
	d, err := LoadCSV("testdata/iris.csv", CSVOptions{Header: true, Label: -1})
	if err != nil {
		t.Fatal(err)
	}
	y := make([]float64, len(d.Labels))
	for i, c := range d.Labels {
		if c == 0 { // setosa
			y[i] = 1
		}
	}
	p := NewPerceptron(d.X.Cols)
	r, err := p.Train(d.X, y, 1, 1000, rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		t.Fatal(err)
	}
	if !r.Converged || correct(p, d.X, y) != 150 {
		t.Fatalf("setosa vs rest: %+v, %d of 150 correct", r, correct(p, d.X, y))
	}
	t.Logf("setosa vs rest: converged after %d epochs, %d updates; w = %v, b = %v", r.Epochs, r.Updates, p.W, p.B)
}

func TestPerceptronErrors(t *testing.T) {
	X, y := gateData(TruthTable{})
	tests := []struct {
		name string
		X    *Matrix
		y    []float64
		eta  float64
		want string
	}{
		{"no samples", NewMatrix(0, 2), nil, 1, "perceptron: no samples"},
		{"label count", X, y[:3], 1, "perceptron: 4 samples but 3 labels"},
		{"eta", X, y, 0, "perceptron: learning rate 0 must be > 0"},
		{"label value", X, []float64{0, 1, 2, 0}, 1, "perceptron: label 2 is 2, want 0 or 1"},
		{"features", NewMatrix(4, 3), y, 1, "perceptron: samples have 3 features but the perceptron has 2 inputs"},
	}
	for _, tt := range tests {
		_, err := NewPerceptron(2).Train(tt.X, tt.y, tt.eta, 10, nil)
		if err == nil || err.Error() != tt.want {
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.want)
		}
	}
}
