package explain

import (
	"errors"
	"strings"
	"testing"

	"example.com/nn"
)

// TestWriteDefaults: Digits 0 prints as 6, and a Markdown page has the
// headings and tables of every step. The numbers themselves are checked
// through "nn explain"'s golden files in cmd/nn.
func TestWriteDefaults(t *testing.T) {
	net, x, y := nn.WorkedExample()
	tr, err := net.Trace(x, y, nn.MSE{}, 0.5)
	if err != nil {
		t.Fatal(err)
	}
	var zero, six strings.Builder
	if err := Write(&zero, net, tr, Options{Markdown: true}); err != nil {
		t.Fatal(err)
	}
	if err := Write(&six, net, tr, Options{Markdown: true, Digits: 6}); err != nil {
		t.Fatal(err)
	}
	if zero.String() != six.String() {
		t.Errorf("Digits 0 and Digits 6 differ:\n%s\n---\n%s", zero.String(), six.String())
	}
	for _, want := range []string{
		"## One step of backpropagation (notes §5, §9, §10)",
		"### 1. Forward pass", "### 2. Loss: L = ½ ‖a^L − y‖²", "### 3. Output error", "### 4. Backward pass",
		"### 5. Gradients", "| gradient | backprop | central difference | difference |", "### 6. Update",
		"- `L = " + (Numbers{Digits: 6}).Num(tr.Cost) + "`",
	} {
		if !strings.Contains(zero.String(), want) {
			t.Errorf("page lacks %q:\n%s", want, zero.String())
		}
	}
}

// TestModel: Model standardizes x by the model's scaler, traces the
// standardized sample, and says so under the first lines.
func TestModel(t *testing.T) {
	net, x, y := nn.WorkedExample()
	m := &nn.Model{Net: net, Scaler: &nn.Standardizer{Mean: []float64{1, 2}, Std: []float64{2, 4}},
		Record: nn.TrainingRecord{Data: "xor"}}
	raw := []float64{1 + 2*x[0], 2 + 4*x[1]} // (raw − μ)/σ = x
	var got strings.Builder
	if err := Model(&got, m, "m.json", raw, y, nn.MSE{}, 0.5, Options{}); err != nil {
		t.Fatal(err)
	}
	tr, err := net.Trace(x, y, nn.MSE{}, 0.5)
	if err != nil {
		t.Fatal(err)
	}
	var want strings.Builder
	if err := Write(&want, net, tr, Options{Source: "model m.json, trained on xor", RawX: raw}); err != nil {
		t.Fatal(err)
	}
	if got.String() != want.String() {
		t.Errorf("Model:\n%s\nwant:\n%s", got.String(), want.String())
	}
	if line := "model m.json, trained on xor; x = [3, 4] standardized by the model's (x − μ)/σ\n"; !strings.Contains(got.String(), line) {
		t.Errorf("page lacks %q:\n%s", line, got.String())
	}
}

// failWriter fails every write.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteError(t *testing.T) {
	net, x, y := nn.WorkedExample()
	tr, err := net.Trace(x, y, nn.MSE{}, 0.5)
	if err != nil {
		t.Fatal(err)
	}
	if err := Write(failWriter{}, net, tr, Options{}); err == nil || err.Error() != "disk full" {
		t.Errorf("Write to a failing writer: %v, want disk full", err)
	}
}

func TestNumbers(t *testing.T) {
	v := make([]float64, ShowMax+3)
	v[0] = -0.5
	f := Numbers{Digits: 3}
	if got, want := f.Vec(v), "[−0.5, 0, 0, 0, 0, 0, 0, 0, 0, 0, … 3 more]"; got != want {
		t.Errorf("Vec = %q, want %q", got, want)
	}
	f.All = true
	if got := f.Vec(v); strings.Count(got, ",") != len(v)-1 || strings.Contains(got, "more") {
		t.Errorf("Vec with All = %q, want all %d entries", got, len(v))
	}
	M := nn.FromRows([][]float64{{1, 2}, {3, 4}})
	if got, want := f.Mat(M), "[[1, 2], [3, 4]]"; got != want {
		t.Errorf("Mat = %q, want %q", got, want)
	}
}
