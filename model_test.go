package nn

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// trainedModel returns a small model of the given hidden activations,
// trained for a few epochs on iris so that every parameter (α, γ, β, the
// running statistics) has moved from its initial value. setup adds the
// remedies of §7 to the network before training.
func trainedModel(t testing.TB, hidden []Activation, out Activation, setup func(*MLP) error) *Model {
	t.Helper()
	s := loadSplit(t, "testdata/iris.csv", true, 0.3, 1)
	sizes := []int{4}
	for range hidden {
		sizes = append(sizes, 5)
	}
	acts := append(append([]Activation(nil), hidden...), out)
	Y, Yv, loss, classes := s.Y, s.Yv, Loss(CrossEntropy{}), []string{"setosa", "versicolor", "virginica"}
	switch out.(type) {
	case Softmax:
		sizes = append(sizes, 3)
	case Sigmoid: // setosa or not
		sizes = append(sizes, 1)
		Y, Yv, loss, classes = firstColumn(s.Y), firstColumn(s.Yv), BinaryCrossEntropy{}, []string{"other", "setosa"}
	default: // regression on the one-hot targets
		sizes = append(sizes, 3)
		loss, classes = MSE{}, nil
	}
	net := newNet(t, sizes, acts, XavierUniform, 5)
	if setup != nil {
		if err := setup(net); err != nil {
			t.Fatal(err)
		}
	}
	h, err := net.Train(s.X, Y, TrainConfig{Loss: loss, Optimizer: NewAdam(), Schedule: Constant{0.01},
		BatchSize: 16, Epochs: 3, ValX: s.Xv, ValY: Yv}, rand.New(rand.NewPCG(5, 5)))
	if err != nil {
		t.Fatal(err)
	}
	for i := range h.Epochs {
		h.Epochs[i].Time = time.Duration(i+1) * 1234567 * time.Microsecond
	}
	return &Model{Net: net, Scaler: FitStandardizer(s.train.X), ClassNames: classes,
		Features: []string{"sepal length", "sepal width", "petal length", "petal width"},
		Record: TrainingRecord{Data: "iris", Settings: map[string]string{"epochs": "3", "opt": "adam"},
			Epochs: h.Epochs, BestEpoch: h.BestEpoch, TestAccuracy: math.NaN(), Note: "a test"}}
}

func firstColumn(Y *Matrix) *Matrix {
	c := NewMatrix(Y.Rows, 1)
	for i := range Y.Rows {
		c.Data[i] = Y.At(i, 0)
	}
	return c
}

// TestModelRoundTrip: every kind of layer saves and loads to a model whose
// predictions are bit-identical, and whose every field is equal. (Equality
// of bits is the claim here: the same program computes the same function
// of the same float64s.) Catches: a parameter not written (PReLU α, the
// running statistics), a float written with too few digits, a setting lost,
// the training file's columns (label, targets, dropped) lost.
func TestModelRoundTrip(t *testing.T) {
	tests := []struct {
		name   string
		hidden []Activation
		out    Activation
		setup  func(*MLP) error
	}{
		{"sigmoid", []Activation{Sigmoid{}}, Softmax{}, nil},
		{"tanh", []Activation{Tanh{}}, Softmax{}, nil},
		{"relu", []Activation{ReLU{}}, Softmax{}, nil},
		{"leakyrelu", []Activation{LeakyReLU{Alpha: 0.2}}, Softmax{}, nil},
		{"prelu", []Activation{NewPReLU(0.25), NewPReLU(0.1)}, Softmax{}, nil},
		{"identity", []Activation{Identity{}}, Softmax{}, nil},
		{"step", []Activation{Step{}}, Softmax{}, nil},
		{"sigmoid output", []Activation{Tanh{}}, Sigmoid{}, nil},
		{"regression", []Activation{Tanh{}}, Identity{}, nil},
		{"batch norm", []Activation{ReLU{}, ReLU{}}, Softmax{}, func(n *MLP) error { return errors.Join(n.SetBatchNorm(1), n.SetBatchNorm(2)) }},
		{"dropout", []Activation{ReLU{}, ReLU{}}, Softmax{}, func(n *MLP) error { return n.SetDropout(1, 0.8) }},
		{"residual", []Activation{Tanh{}, Tanh{}, Tanh{}}, Softmax{}, func(n *MLP) error { return errors.Join(n.SetResidual(2), n.SetResidual(3)) }},
		{"everything", []Activation{NewPReLU(0.25), ReLU{}, Tanh{}}, Softmax{}, func(n *MLP) error {
			return errors.Join(n.SetBatchNorm(1), n.SetBatchNorm(2), n.SetDropout(2, 0.7), n.SetResidual(2), n.SetResidual(3))
		}},
	}
	X := NewMatrix(50, 4)
	rng := rand.New(rand.NewPCG(9, 9))
	for i := range X.Data {
		X.Data[i] = 3 * rng.NormFloat64()
	}
	path := filepath.Join(t.TempDir(), "m.json")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := trainedModel(t, tt.hidden, tt.out, tt.setup)
			m.Columns = &CSVColumns{Label: 4, Dropped: []int{0, 2}}
			if !m.Classifier() {
				m.TargetNames = []string{"y1", "y2", "y3"}
				m.Columns = &CSVColumns{Label: -1, Targets: []int{5, 1, 7}, Dropped: []int{3}}
			}
			if err := m.Save(path); err != nil {
				t.Fatal(err)
			}
			got, err := LoadModel(path)
			if err != nil {
				t.Fatal(err)
			}
			want, have := m.PredictBatch(X), got.PredictBatch(X)
			for i, v := range want.Data {
				if math.Float64bits(v) != math.Float64bits(have.Data[i]) {
					t.Fatalf("prediction %d: saved model gives %v, loaded one %v", i, v, have.Data[i])
				}
			}
			if diff := cmp.Diff(m, got, cmpopts.EquateNaNs()); diff != "" {
				t.Errorf("loaded model differs (-saved +loaded):\n%s", diff)
			}
		})
	}
}

// TestModelFileReadable: the file starts with its format and version and
// writes a matrix one row a line.
func TestModelFileReadable(t *testing.T) {
	m := trainedModel(t, []Activation{Tanh{}}, Softmax{}, nil)
	var b bytes.Buffer
	if err := m.Write(&b); err != nil {
		t.Fatal(err)
	}
	s := b.String()
	if !strings.HasPrefix(s, "{\n  \"format\": \"nn-model\",\n  \"version\": 1,\n") {
		t.Errorf("file starts %q, want the format and version first", s[:min(len(s), 60)])
	}
	// 5 rows of W^1, 3 of W^2, each on a line of its own.
	if n := strings.Count(s, "\n        ["); n != 8 {
		t.Errorf("%d matrix rows on lines of their own, want 8:\n%s", n, s)
	}
}

// mutate returns the JSON of m with change applied to it as a generic map.
func mutate(t *testing.T, m *Model, change func(f map[string]any)) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := m.Write(&b); err != nil {
		t.Fatal(err)
	}
	var f map[string]any
	if err := json.Unmarshal(b.Bytes(), &f); err != nil {
		t.Fatal(err)
	}
	change(f)
	out, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func layer(f map[string]any, i int) map[string]any { return f["layers"].([]any)[i].(map[string]any) }

// TestReadModelErrors: each kind of damage is reported with its JSON path.
// Catches: a check left out (each row has its own), and messages that do not
// say where.
func TestReadModelErrors(t *testing.T) {
	m := trainedModel(t, []Activation{ReLU{}, ReLU{}}, Softmax{}, func(n *MLP) error { return n.SetBatchNorm(1) })
	tests := []struct {
		name   string
		change func(f map[string]any)
		want   string
	}{
		{"format", func(f map[string]any) { f["format"] = "keras" }, `m.json: format: "keras" is not "nn-model"`},
		{"no format", func(f map[string]any) { delete(f, "format") }, `no "format" field`},
		{"version", func(f map[string]any) { f["version"] = 2 }, "version: 2 is not one this program reads (it reads version 1); a newer version of nn may read it"},
		{"no version", func(f map[string]any) { delete(f, "version") }, "version: missing"},
		{"task", func(f map[string]any) { delete(f, "task") }, "task: missing"},
		{"activation", func(f map[string]any) { layer(f, 1)["activation"] = "swish" }, `layers[1].activation: unknown activation "swish"`},
		{"softmax inside", func(f map[string]any) { layer(f, 0)["activation"] = "softmax" }, "layers[0].activation: softmax is only for the output layer"},
		{"leaky without alpha", func(f map[string]any) { layer(f, 0)["activation"] = "leakyrelu" }, `layers[0].activation: leakyrelu needs "alpha"`},
		{"W rows", func(f map[string]any) { l := layer(f, 2); l["W"] = l["W"].([]any)[:2] }, "layers[2].W has 2 rows, want 3 (sizes[3])"},
		{"W columns", func(f map[string]any) {
			W := layer(f, 2)["W"].([]any)
			W[1] = W[1].([]any)[:4]
		}, "layers[2].W is 3×4 at row 1, want 3×5"},
		{"no W", func(f map[string]any) { delete(layer(f, 0), "W") }, "layers[0].W: missing"},
		{"b", func(f map[string]any) { layer(f, 1)["b"] = []float64{1} }, "layers[1].b: has 1 entries, want 5"},
		{"sizes", func(f map[string]any) { f["sizes"] = []int{4, 5, 3} }, "layers: 3 layers, but sizes [4 5 3] needs 2"},
		{"batch norm var", func(f map[string]any) { layer(f, 0)["batchnorm"].(map[string]any)["var"].([]any)[2] = -1.0 }, "layers[0].batchnorm.var[2]: -1 is negative"},
		{"batch norm eps", func(f map[string]any) { delete(layer(f, 0)["batchnorm"].(map[string]any), "eps") }, "layers[0].batchnorm.eps: missing"},
		{"batch norm on output", func(f map[string]any) { layer(f, 2)["batchnorm"] = layer(f, 0)["batchnorm"] }, "layers[2].batchnorm: only hidden layers"},
		{"keep", func(f map[string]any) { layer(f, 0)["keep"] = 1.5 }, "layers[0].keep: 1.5 must be in (0, 1]"},
		{"residual", func(f map[string]any) { layer(f, 0)["residual"] = true }, "layers[0].residual: residual connection into layer 1"},
		{"classes", func(f map[string]any) { f["classes"] = []string{"a", "b"} }, "classes: 2 names for 3 outputs"},
		{"classes twice", func(f map[string]any) { f["classes"] = []string{"a", "b", "a"} }, `classes[2]: "a" appears twice`},
		{"no classes", func(f map[string]any) { delete(f, "classes") }, "classes: missing"},
		{"targets on a classifier", func(f map[string]any) { f["targets"] = []string{"y"} }, "targets: a classifier has classes, not targets"},
		{"relu output in a classifier", func(f map[string]any) { layer(f, 2)["activation"] = "relu" },
			"layers[2].activation: a classifier's output layer is softmax or one sigmoid unit, which give class probabilities, not relu"},
		{"sigmoid outputs in a classifier", func(f map[string]any) { layer(f, 2)["activation"] = "sigmoid" },
			"layers[2].activation: a classifier's output layer is softmax or one sigmoid unit, which give class probabilities, not 3 sigmoid units"},
		{"standardizer", func(f map[string]any) { f["standardizer"].(map[string]any)["std"] = []float64{1, 2} }, "standardizer.std: has 2 entries, want 4"},
		{"unknown field", func(f map[string]any) { layer(f, 0)["dropout"] = 0.5 }, `unknown field "dropout"`},
		{"wrong type", func(f map[string]any) { layer(f, 0)["b"] = "zero" }, "layers.b: want an array of numbers, found a string"},
		{"wrong type in a matrix", func(f map[string]any) { layer(f, 0)["W"].([]any)[1].([]any)[2] = true }, "layers.W: want a number, found true or false"},
		{"matrix of the wrong depth", func(f map[string]any) { layer(f, 0)["W"] = 1 }, "layers.W: want an array of arrays of numbers, found a number"},
		{"fraction for an integer", func(f map[string]any) { f["sizes"].([]any)[1] = 2.5 }, "sizes: want an integer, found 2.5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadModel(bytes.NewReader(mutate(t, m, tt.change)), "m.json")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ReadModel error %v, want one with %q", err, tt.want)
			}
			noGo(t, err)
		})
	}
	good := mutate(t, m, func(map[string]any) {})
	for _, tt := range []struct{ name, text, want string }{
		{"trailing garbage", string(good) + "x", "data after the model"},
		{"second model", string(good) + string(good), "data after the model"},
		{"infinity", strings.Replace(string(good), `"b":[`, `"b":[1e999,`, 1), "1e999"},
		{"truncated", string(good[:len(good)/2]), "the file ends in the middle of the model"},
		{"not json", "hello", "not a model file"},
		{"an array", "[1,2,3]", "m.json: not a model file: want an object, found an array"},
		{"a string", `"nn-model"`, "m.json: not a model file: want an object, found a string"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadModel(strings.NewReader(tt.text), "m.json")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ReadModel error %v, want one with %q", err, tt.want)
			}
			noGo(t, err)
		})
	}
}

// noGo fails t if err's message speaks of Go rather than of the file: a Go
// type, "json:" from encoding/json, "Go value".
func noGo(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	msg := strings.TrimPrefix(err.Error(), "m.json: ")
	for _, w := range []string{"Go ", "json:", "struct", "float64", "[]", "*string", "int "} {
		if strings.Contains(msg, w) {
			t.Errorf("ReadModel error %q speaks of Go (%q)", err, w)
		}
	}
}

// TestModelWriteRefusesNaN: a model with a NaN weight is not written.
func TestModelWriteRefusesNaN(t *testing.T) {
	m := trainedModel(t, []Activation{Tanh{}}, Softmax{}, nil)
	m.Net.W[1].Data[3] = math.NaN()
	err := m.Write(&bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "layers[0].W: entry 3 is NaN") {
		t.Errorf("Write of a NaN weight: error %v, want one naming layers[0].W entry 3", err)
	}
}

// failAfter is a writer that accepts n bytes, then fails.
type failAfter struct{ n int }

var errDiskFull = errors.New("disk full")

func (w *failAfter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		k := w.n
		w.n = 0
		return k, errDiskFull
	}
	w.n -= len(p)
	return len(p), nil
}

// TestWriteFileAtomic: WriteFileAtomic replaces a file with the new content
// and keeps its permissions (a 0600 file stays private); a new file is 0644;
// a write that fails leaves the old content and mode and no temporary file.
// Catches: a replaced file whose mode is reset to 0644 (world-readable), a
// temporary file left behind, writing in place.
func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "secret.json")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	os.Chmod(path, 0o600) // whatever the umask
	writeString := func(s string) func(io.Writer) error {
		return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
	}
	check := func(t *testing.T, p, content string, mode os.FileMode) {
		t.Helper()
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if b, _ := os.ReadFile(p); string(b) != content {
			t.Errorf("%s holds %q, want %q", p, b, content)
		}
		if st.Mode().Perm() != mode {
			t.Errorf("%s has mode %v, want %v", p, st.Mode().Perm(), mode)
		}
	}
	entries := func(t *testing.T, want int) {
		t.Helper()
		if es, _ := os.ReadDir(dir); len(es) != want {
			var names []string
			for _, e := range es {
				names = append(names, e.Name())
			}
			t.Errorf("directory holds %q, want %d entries", names, want)
		}
	}
	if err := WriteFileAtomic(path, writeString("new")); err != nil {
		t.Fatal(err)
	}
	check(t, path, "new", 0o600)
	entries(t, 1)

	err := WriteFileAtomic(path, func(w io.Writer) error {
		io.WriteString(w, "half")
		return errDiskFull
	})
	if !errors.Is(err, errDiskFull) || !strings.Contains(err.Error(), path) {
		t.Errorf("failed write: error %v, want the write error naming %s", err, path)
	}
	check(t, path, "new", 0o600)
	entries(t, 1)

	fresh := filepath.Join(dir, "fresh.json")
	if err := WriteFileAtomic(fresh, writeString("x")); err != nil {
		t.Fatal(err)
	}
	check(t, fresh, "x", 0o644)
	entries(t, 2)

	// Model.Save goes through it too.
	m := trainedModel(t, []Activation{Tanh{}}, Softmax{}, nil)
	if err := m.Save(path); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Errorf("Model.Save over a 0600 file left mode %v", st.Mode().Perm())
	}
	entries(t, 2)
}

// TestSaveFailureKeepsOldFile: a save that fails, in the middle of writing
// or at the rename, leaves the previous file as it was and no temporary
// file behind. Catches: writing in place, and a temporary file left over.
func TestSaveFailureKeepsOldFile(t *testing.T) {
	m := trainedModel(t, []Activation{Tanh{}}, Softmax{}, nil)
	dir := t.TempDir()
	path := filepath.Join(dir, "m.json")
	if err := os.WriteFile(path, []byte("the old model"), 0o644); err != nil {
		t.Fatal(err)
	}
	check := func(t *testing.T, err error) {
		t.Helper()
		if err == nil {
			t.Fatal("save did not fail")
		}
		if b, _ := os.ReadFile(path); string(b) != "the old model" {
			t.Errorf("after the failed save the file holds %q", b)
		}
		if es, _ := os.ReadDir(dir); len(es) != 1 {
			t.Errorf("directory holds %d entries after a failed save, want 1", len(es))
		}
	}
	t.Run("write error midway", func(t *testing.T) {
		err := WriteFileAtomic(path, func(w io.Writer) error {
			return m.Write(io.MultiWriter(w, &failAfter{n: 100}))
		})
		check(t, err)
		if !errors.Is(err, errDiskFull) || !strings.Contains(err.Error(), "save "+path) {
			t.Errorf("error %v, want the write error and the path", err)
		}
	})
	t.Run("sync fails", func(t *testing.T) {
		// Without the sync before the rename, a crash could leave a renamed
		// file whose data never reached the disk; a failing sync must stop
		// the save before the rename.
		errSync := errors.New("sync: input/output error")
		defer func(f func(*os.File) error) { syncFile = f }(syncFile)
		synced := 0
		syncFile = func(*os.File) error { synced++; return errSync }
		err := m.Save(path)
		check(t, err)
		if !errors.Is(err, errSync) || synced != 1 {
			t.Errorf("error %v after %d syncs, want the sync's error after 1", err, synced)
		}
	})
	t.Run("rename fails", func(t *testing.T) {
		target := filepath.Join(dir, "sub")
		if err := os.MkdirAll(filepath.Join(target, "x"), 0o755); err != nil {
			t.Fatal(err)
		}
		defer os.RemoveAll(target)
		err := m.Save(target) // a non-empty directory cannot be replaced by a file
		if err == nil {
			t.Fatal("save over a directory did not fail")
		}
		if es, _ := os.ReadDir(dir); len(es) != 2 {
			t.Errorf("directory holds %d entries after a failed save, want 2", len(es))
		}
	})
	t.Run("unwritable directory", func(t *testing.T) {
		if os.Geteuid() == 0 {
			t.Skip("running as root, which may write into a read-only directory")
		}
		if err := os.Chmod(dir, 0o555); err != nil {
			t.Fatal(err)
		}
		defer os.Chmod(dir, 0o755)
		check(t, m.Save(path))
	})
}

// FuzzLoadModel: ReadModel never panics, and a model it accepts writes and
// reads back to the same model.
func FuzzLoadModel(f *testing.F) {
	m := trainedModel(f, []Activation{NewPReLU(0.25), Tanh{}}, Softmax{}, func(n *MLP) error {
		return errors.Join(n.SetBatchNorm(1), n.SetDropout(1, 0.5), n.SetResidual(2))
	})
	var b bytes.Buffer
	if err := m.Write(&b); err != nil {
		f.Fatal(err)
	}
	f.Add(b.Bytes())
	small := `{"format":"nn-model","version":1,"task":"regression","sizes":[1,1],"layers":[{"activation":"identity","W":[[2]],"b":[0.5]}]}`
	f.Add([]byte(small))
	f.Add([]byte(strings.Replace(small, `"sizes"`, `"targets":["MEDV"],"target_columns":[3],"dropped_columns":[0],"sizes"`, 1)))
	f.Add([]byte(strings.Replace(smallClassifier, `"sizes"`, `"label_column":2,"dropped_columns":[0],"sizes"`, 1)))
	f.Add([]byte(`{"format":"nn-model","version":1}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := ReadModel(bytes.NewReader(data), "fuzz")
		if err != nil {
			return
		}
		var b bytes.Buffer
		if err := m.Write(&b); err != nil {
			t.Fatalf("a model ReadModel accepted cannot be written: %v", err)
		}
		again, err := ReadModel(&b, "again")
		if err != nil {
			t.Fatalf("a model written cannot be read back: %v\n%s", err, b.String())
		}
		if diff := cmp.Diff(m, again, cmpopts.EquateNaNs()); diff != "" {
			t.Fatalf("model changed on writing and reading back (-first +second):\n%s", diff)
		}
		m.PredictBatch(NewMatrix(1, m.Net.Sizes[0]))
	})
}

// smallClassifier is a model file of a classifier with one input and two
// classes.
const smallClassifier = `{"format":"nn-model","version":1,"task":"classification","sizes":[1,2],"classes":["a","b"],` +
	`"layers":[{"activation":"softmax","W":[[2],[1]],"b":[0.5,0]}]}`

// TestModelOptionalFields (issue 16, items 4 and 13): a regression model
// keeps the names of its targets in the optional "targets" field; a model
// keeps where the training file had its label or targets and its dropped
// columns in the optional "label_column", "target_columns" and
// "dropped_columns". A version-1 file written before the fields existed
// still loads, without names and with Columns nil. Each field is checked
// against the task and the others.
func TestModelOptionalFields(t *testing.T) {
	small := `{"format":"nn-model","version":1,"task":"regression","sizes":[1,1],"layers":[{"activation":"identity","W":[[2]],"b":[0.5]}]}`
	with := func(file, fields string) string { return strings.Replace(file, `"sizes"`, fields+`,"sizes"`, 1) }
	for _, tt := range []struct {
		name, file string
		names      []string
		cols       *CSVColumns
		err        string
	}{
		{"no names", small, nil, nil, ""},
		{"MEDV", with(small, `"targets":["MEDV"]`), []string{"MEDV"}, nil, ""},
		{"two names for one output", with(small, `"targets":["a","b"]`), nil, nil, "m.json: targets: 2 names for 1 outputs"},
		{"classifier, no columns", smallClassifier, nil, nil, ""},
		{"MEDV in column 13", with(small, `"targets":["MEDV"],"target_columns":[13]`), []string{"MEDV"}, &CSVColumns{Label: -1, Targets: []int{13}}, ""},
		{"and columns 0 and 2 dropped", with(small, `"target_columns":[13],"dropped_columns":[0,2]`), nil, &CSVColumns{Label: -1, Targets: []int{13}, Dropped: []int{0, 2}}, ""},
		{"label in column 4", with(smallClassifier, `"label_column":4`), nil, &CSVColumns{Label: 4}, ""},
		{"label in column 0, column 1 dropped", with(smallClassifier, `"label_column":0,"dropped_columns":[1]`), nil, &CSVColumns{Label: 0, Dropped: []int{1}}, ""},
		{"none dropped", with(smallClassifier, `"label_column":0,"dropped_columns":[]`), nil, &CSVColumns{Label: 0}, ""},
		{"two columns for one output", with(small, `"target_columns":[1,2]`), nil, nil, "m.json: target_columns: 2 columns for 1 outputs"},
		{"a negative target column", with(small, `"target_columns":[-1]`), nil, nil, "m.json: target_columns[0]: -1 is not a column (they count from 0)"},
		{"a negative label column", with(smallClassifier, `"label_column":-1`), nil, nil, "m.json: label_column: -1 is not a column (they count from 0)"},
		{"a classifier's targets", with(smallClassifier, `"target_columns":[1]`), nil, nil, "m.json: target_columns: a classifier has a label, not targets"},
		{"a regression model's label", with(small, `"target_columns":[1],"label_column":0`), nil, nil, "m.json: label_column: a regression model has targets, not a label"},
		{"dropped, label unknown", with(smallClassifier, `"dropped_columns":[1]`), nil, nil, "m.json: dropped_columns: given without the classifier's label_column"},
		{"dropped, targets unknown", with(small, `"dropped_columns":[1]`), nil, nil, "m.json: dropped_columns: given without the regression model's target_columns"},
		{"the label dropped", with(smallClassifier, `"label_column":1,"dropped_columns":[0,1]`), nil, nil, "m.json: dropped_columns[1]: column 1 appears twice among the label, target and dropped columns"},
		{"a target dropped", with(small, `"target_columns":[2],"dropped_columns":[2]`), nil, nil, "m.json: dropped_columns[0]: column 2 appears twice among the label, target and dropped columns"},
	} {
		m, err := ReadModel(strings.NewReader(tt.file), "m.json")
		switch {
		case tt.err != "" && (err == nil || err.Error() != tt.err):
			t.Errorf("%s: error %v, want %s", tt.name, err, tt.err)
		case tt.err == "" && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.err == "" && !cmp.Equal(m.TargetNames, tt.names):
			t.Errorf("%s: TargetNames %q, want %q", tt.name, m.TargetNames, tt.names)
		case tt.err == "" && !cmp.Equal(m.Columns, tt.cols):
			t.Errorf("%s: Columns %+v, want %+v", tt.name, m.Columns, tt.cols)
		}
	}
}
