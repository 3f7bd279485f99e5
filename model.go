package nn

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// Model is a trained network with everything needed to predict from raw
// input: the network, the standardization of the inputs fitted on the
// training set, what the outputs mean, and a record of how it was trained.
// Save and LoadModel keep it in a file (the format is described at
// Model.Write).
type Model struct {
	Net *MLP
	// Scaler standardizes the raw inputs before the network sees them;
	// nil means the inputs go in as they are.
	Scaler *Standardizer
	// ClassNames names output k of a classifier: the class whose probability
	// is a^L_k (for a single sigmoid output, the classes of a^L ≤ 0.5 and
	// > 0.5). It is nil for a regression model, whose outputs are the targets.
	ClassNames []string
	// TargetNames names output k of a regression model, if the training data
	// had a header ("MEDV"); it is nil for a classifier.
	TargetNames []string
	// Columns says where the label or the targets, and the dropped columns,
	// were in the CSV file of the training data (its Dataset.Columns), so
	// that a file laid out as it was can be read without its header; nil if
	// unknown.
	Columns *CSVColumns
	// Features names the inputs, if the training data had a header.
	Features []string
	Record   TrainingRecord
}

// TrainingRecord is how a model was trained, kept in its file so that a
// run can be repeated and its loss curve drawn from the file alone.
type TrainingRecord struct {
	Data     string            // the data set's name or path
	Settings map[string]string // flag or setting name → value, e.g. "layers" → "256,128"
	Epochs   []EpochStats      // the history of Train, one entry per epoch run
	// BestEpoch is the epoch whose weights the model holds (0 if it holds
	// those of a step within an unfinished first epoch).
	BestEpoch    int
	TestAccuracy float64 // NaN if not measured (or for regression)
	Note         string  // how training ended: "", "early stopping", "interrupted at epoch 3, step 12", …
}

// Classifier reports whether m predicts classes rather than numbers.
func (m *Model) Classifier() bool { return m.ClassNames != nil }

// PredictBatch returns the network's outputs for the raw inputs in the rows
// of X: standardized with m.Scaler, then through the network in inference
// mode. It panics if X has the wrong number of columns.
func (m *Model) PredictBatch(X *Matrix) *Matrix {
	if X.Cols != m.Net.Sizes[0] {
		panic(fmt.Sprintf("Model.PredictBatch: model has %d inputs but X is %s", m.Net.Sizes[0], shape(X)))
	}
	if m.Scaler != nil {
		X = m.Scaler.Transform(X)
	}
	return m.Net.PredictBatch(X)
}

// Classify returns, for each row of raw inputs X, the predicted class (an
// index into ClassNames) and the probability the network gives it: a^L_k
// for the largest output k, or for a single sigmoid output a or 1 − a.
func (m *Model) Classify(X *Matrix) (class []int, prob []float64) {
	P := m.PredictBatch(X)
	class, prob = make([]int, X.Rows), make([]float64, X.Rows)
	for i := range X.Rows {
		a := P.Row(i)
		k := predicted(a)
		class[i] = k
		switch {
		case len(a) > 1:
			prob[i] = a[k]
		case k == 1:
			prob[i] = a[0]
		default:
			prob[i] = 1 - a[0]
		}
	}
	return class, prob
}

// Model files.
const (
	// ModelFormat is the "format" field that starts every model file.
	ModelFormat = "nn-model"
	// ModelVersion is the version Model.Write writes.
	ModelVersion = 1
)

// Save writes m to the file at path with WriteFileAtomic: if anything
// fails, the previous file at path (if any) is left as it was and the error
// is returned.
func (m *Model) Save(path string) error {
	return WriteFileAtomic(path, m.Write)
}

// WriteFileAtomic writes the file at path through write, atomically: write
// fills a temporary file in the same directory, which is synced to disk,
// closed, given the permissions of the file it replaces (0644 if there is
// none) and renamed over path. If any step fails, the temporary file is
// removed, the previous file at path (if any) is left as it was, and the
// error, which names path, is returned. A reader of path sees either the old
// file or the whole new one, never a part.
func WriteFileAtomic(path string, write func(io.Writer) error) (err error) {
	mode := os.FileMode(0o644)
	if st, err := os.Stat(path); err == nil && st.Mode().IsRegular() {
		mode = st.Mode().Perm()
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
			err = fmt.Errorf("save %s: %w", path, err)
		}
	}()
	if err := write(f); err != nil {
		return err
	}
	if err := syncFile(f); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp, mode); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// syncFile flushes f to the disk: (*os.File).Sync, which a test replaces
// with a failing one.
var syncFile = (*os.File).Sync

// LoadModel reads a model file written by Model.Save.
func LoadModel(path string) (*Model, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadModel(f, path)
}

// The file format, version 1. Each version has its own set of wire types;
// ReadModel reads the format and version first and hands the file to the
// reader of that version. A version 2 would add fileV2 and readV2, keep
// fileV1 and readV1 as they are, and have both return a Model, so that old
// files stay readable.
type fileV1 struct {
	Format       string      `json:"format"`
	Version      int         `json:"version"`
	Task         string      `json:"task"` // "classification" or "regression"
	Sizes        []int       `json:"sizes"`
	Layers       []layerV1   `json:"layers"`
	Standardizer *scalerV1   `json:"standardizer,omitempty"`
	Classes      []string    `json:"classes,omitempty"`
	Targets      []string    `json:"targets,omitempty"`         // optional: files written before it was added have none
	LabelCol     *int        `json:"label_column,omitempty"`    // optional, as targets
	TargetCols   []int       `json:"target_columns,omitempty"`  // optional, as targets
	DroppedCols  []int       `json:"dropped_columns,omitempty"` // optional, as targets
	Features     []string    `json:"features,omitempty"`
	Training     *trainingV1 `json:"training,omitempty"`
}

type layerV1 struct {
	Activation string      `json:"activation"`
	Alpha      *float64    `json:"alpha,omitempty"` // LeakyReLU's and PReLU's α
	W          [][]float64 `json:"W"`
	B          []float64   `json:"b"`
	BatchNorm  *normV1     `json:"batchnorm,omitempty"`
	Keep       *float64    `json:"keep,omitempty"` // dropout: keep probability
	Residual   bool        `json:"residual,omitempty"`
}

type normV1 struct {
	Gamma    []float64 `json:"gamma"`
	Beta     []float64 `json:"beta"`
	Mean     []float64 `json:"mean"`
	Var      []float64 `json:"var"`
	Eps      *float64  `json:"eps"`
	Momentum *float64  `json:"momentum"`
}

type scalerV1 struct {
	Mean []float64 `json:"mean"`
	Std  []float64 `json:"std"`
}

type trainingV1 struct {
	Data         string            `json:"data,omitempty"`
	Settings     map[string]string `json:"settings,omitempty"`
	Epochs       []epochV1         `json:"epochs,omitempty"`
	BestEpoch    int               `json:"best_epoch"`
	TestAccuracy *float64          `json:"test_accuracy"` // null when not measured
	Note         string            `json:"note,omitempty"`
}

// epochV1 is an EpochStats; null stands for NaN, which JSON cannot hold.
type epochV1 struct {
	Epoch       int      `json:"epoch"`
	TrainLoss   *float64 `json:"train_loss"`
	ValLoss     *float64 `json:"val_loss"`
	ValAccuracy *float64 `json:"val_accuracy"`
	LR          *float64 `json:"lr"`
	GradNorm    *float64 `json:"grad_norm"`
	MaxGradNorm *float64 `json:"max_grad_norm"`
	Steps       int      `json:"steps"`
	Seconds     float64  `json:"seconds"`
}

// orNull returns nil for NaN and ±Inf, else &v.
func orNull(v float64) *float64 {
	if notFinite(v) {
		return nil
	}
	return &v
}

// orNaN undoes orNull.
func orNaN(p *float64) float64 {
	if p == nil {
		return math.NaN()
	}
	return *p
}

// Write writes m as JSON, in version 1 of the model format:
//
//	{
//	  "format": "nn-model", "version": 1,
//	  "task": "classification" or "regression",
//	  "sizes": [n_0, n_1, …, n_L],
//	  "layers": [ one object per layer l = 1 … L:
//	    {"activation": "relu", "alpha": α (leakyrelu, prelu),
//	     "W": [n_l rows of n_{l−1} numbers], "b": [n_l numbers],
//	     "batchnorm": {"gamma", "beta", "mean", "var", "eps", "momentum"},
//	     "keep": p (dropout), "residual": true} ],
//	  "standardizer": {"mean": […], "std": […]},
//	  "classes": ["setosa", …], "label_column": 4,
//	  "targets": ["MEDV", …], "target_columns": [13, …],
//	  "dropped_columns": [0, …], "features": […],
//	  "training": {"data", "settings", "epochs": [{"epoch", "train_loss",
//	    "val_loss", "val_accuracy", "lr", "grad_norm", "max_grad_norm",
//	    "steps", "seconds"}], "best_epoch", "test_accuracy", "note"}
//	}
//
// batchnorm, keep and residual appear only on layers that have them; classes
// and label_column only in a classifier, targets and target_columns only in a
// regression model. label_column, target_columns and dropped_columns are
// Columns, the training file's columns (from 0) of the label, of the targets
// and of those left out; they and targets are optional. Numbers
// are written in the shortest form that reads back to the same float64, so a
// loaded model computes bit for bit what the saved one did; NaN (a missing
// validation loss, say) is written as null. Each row of a matrix is one line.
// It returns an error if a parameter is NaN or infinite, or if the model is
// malformed (what LoadModel would reject).
func (m *Model) Write(w io.Writer) error {
	f, err := m.wire()
	if err != nil {
		return err
	}
	b, err := json.Marshal(f)
	if err != nil {
		return err
	}
	var out bytes.Buffer
	indentLeaves(&out, b)
	out.WriteByte('\n')
	_, err = w.Write(out.Bytes())
	return err
}

// wire converts m to the version 1 file, checking it as ReadModel would.
func (m *Model) wire() (*fileV1, error) {
	net := m.Net
	if net == nil {
		return nil, errors.New("model has no network")
	}
	f := &fileV1{Format: ModelFormat, Version: ModelVersion, Task: "regression",
		Sizes: net.Sizes, Classes: m.ClassNames, Targets: m.TargetNames, Features: m.Features}
	if m.Classifier() {
		f.Task = "classification"
	}
	if c := m.Columns; c != nil {
		if m.Classifier() {
			f.LabelCol = &c.Label
		} else {
			f.TargetCols = c.Targets
		}
		f.DroppedCols = c.Dropped
	}
	for l := 1; l <= net.L(); l++ {
		ly := layerV1{B: net.B[l], Residual: net.residual(l)}
		switch a := net.Act[l].(type) {
		case LeakyReLU:
			ly.Activation, ly.Alpha = "leakyrelu", &a.Alpha
		case *PReLU:
			ly.Activation, ly.Alpha = "prelu", &a.Alpha[0]
		case nil:
			return nil, fmt.Errorf("layers[%d] has no activation", l-1)
		default:
			ly.Activation = a.String()
		}
		W := net.W[l]
		ly.W = make([][]float64, W.Rows)
		for j := range W.Rows {
			ly.W[j] = W.Row(j)
		}
		if bn := net.norm(l); bn != nil {
			ly.BatchNorm = &normV1{Gamma: bn.Gamma, Beta: bn.Beta, Mean: bn.Mean, Var: bn.Var, Eps: &bn.Eps, Momentum: &bn.Momentum}
		}
		if p := net.keep(l); p < 1 {
			ly.Keep = &p
		}
		f.Layers = append(f.Layers, ly)
	}
	if s := m.Scaler; s != nil {
		f.Standardizer = &scalerV1{Mean: s.Mean, Std: s.Std}
	}
	r := m.Record
	f.Training = &trainingV1{Data: r.Data, Settings: r.Settings, BestEpoch: r.BestEpoch,
		TestAccuracy: orNull(r.TestAccuracy), Note: r.Note}
	for _, e := range r.Epochs {
		f.Training.Epochs = append(f.Training.Epochs, epochV1{Epoch: e.Epoch,
			TrainLoss: orNull(e.TrainLoss), ValLoss: orNull(e.ValLoss), ValAccuracy: orNull(e.ValAccuracy),
			LR: orNull(e.LR), GradNorm: orNull(e.GradNorm), MaxGradNorm: orNull(e.MaxGradNorm),
			Steps: e.Steps, Seconds: e.Time.Seconds()})
	}
	// Check what was built as a reader would, so that no file is written
	// that LoadModel would refuse.
	if _, err := f.model(); err != nil {
		return nil, fmt.Errorf("model cannot be saved: %w", err)
	}
	return f, nil
}

// indentLeaves writes the compact JSON b indented two spaces a level, but
// keeps each array of numbers or strings on one line: a matrix is one row a line.
func indentLeaves(out *bytes.Buffer, b []byte) {
	depth := 0
	newline := func() {
		out.WriteByte('\n')
		for range depth {
			out.WriteString("  ")
		}
	}
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch c {
		case '"':
			j := i + 1
			for ; b[j] != '"'; j++ {
				if b[j] == '\\' {
					j++
				}
			}
			out.Write(b[i : j+1])
			i = j
		case '[', '{':
			if c == '[' {
				if end, ok := leafArray(b, i); ok {
					out.Write(b[i : end+1])
					i = end
					continue
				}
			}
			out.WriteByte(c)
			depth++
			newline()
		case ']', '}':
			depth--
			newline()
			out.WriteByte(c)
		case ',':
			out.WriteByte(c)
			newline()
		case ':':
			out.WriteString(": ")
		default:
			out.WriteByte(c)
		}
	}
}

// leafArray reports whether the array starting at b[i] holds no array or
// object, and returns the index of its closing bracket.
func leafArray(b []byte, i int) (end int, ok bool) {
	for j := i + 1; j < len(b); j++ {
		switch b[j] {
		case '"':
			for j++; b[j] != '"'; j++ {
				if b[j] == '\\' {
					j++
				}
			}
		case '[', '{':
			return 0, false
		case ']':
			return j, true
		}
	}
	return 0, false
}

// ReadModel reads a model written by Model.Write; name is used in error
// messages. It checks everything and names the place of the first problem
// by its JSON path: an unknown format or version, an unknown activation,
// shapes that do not chain ("layers[2].W is 3×5, want 3×4"), numbers that
// are not finite or out of range, missing fields, unknown fields, a
// classifier whose output layer gives no class probabilities (it must be
// softmax, or one sigmoid unit), and anything after the model.
func ReadModel(r io.Reader, name string) (*Model, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	var head struct {
		Format  *string `json:"format"`
		Version *int    `json:"version"`
	}
	if err := json.NewDecoder(bytes.NewReader(b)).Decode(&head); err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, fmt.Errorf("%s: %s", name, jsonError(b, err))
		}
		return nil, fmt.Errorf("%s: not a model file: %s", name, jsonError(b, err))
	}
	switch {
	case head.Format == nil:
		return nil, fmt.Errorf("%s: not a model file: no \"format\" field", name)
	case *head.Format != ModelFormat:
		return nil, fmt.Errorf("%s: format: %q is not %q", name, *head.Format, ModelFormat)
	case head.Version == nil:
		return nil, fmt.Errorf("%s: version: missing", name)
	}
	switch *head.Version {
	case 1:
		m, err := readV1(b)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		return m, nil
	}
	return nil, fmt.Errorf("%s: version: %d is not one this program reads (it reads version %d); a newer version of nn may read it", name, *head.Version, ModelVersion)
}

// jsonError turns a decoding error into a message with the line and column.
func jsonError(b []byte, err error) string {
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return "the file ends in the middle of the model (truncated?)"
	}
	var off int64 = -1
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		off = syn.Offset
	case errors.As(err, &typ):
		msg := fmt.Sprintf("want %s, found %s", jsonWant(typ.Type), jsonFound(typ.Value))
		if typ.Field == "" {
			return msg // the file as a whole
		}
		return fmt.Sprintf("line %s: %s: %s", where(b, typ.Offset), typ.Field, msg)
	}
	msg := strings.TrimPrefix(err.Error(), "json: ")
	if off < 0 {
		return msg
	}
	return fmt.Sprintf("line %s: %s", where(b, off), msg)
}

// jsonWant describes in JSON's words the value a Go type t decodes: "a
// number", "an array of numbers", "an object", …
func jsonWant(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Pointer:
		return jsonWant(t.Elem())
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "an integer"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		// "a number" → "numbers", "an array of numbers" → "arrays of numbers"
		elem, _ := strings.CutPrefix(jsonWant(t.Elem()), "a ")
		elem, _ = strings.CutPrefix(elem, "an ")
		noun, rest, _ := strings.Cut(elem, " ")
		return strings.TrimSpace("an array of " + noun + "s " + rest)
	}
	return "an object"
}

// jsonFound describes the JSON value encoding/json names v ("array",
// "number 1.5", …): "an array", "1.5".
func jsonFound(v string) string {
	if n, ok := strings.CutPrefix(v, "number "); ok {
		return n
	}
	switch v {
	case "array", "object":
		return "an " + v
	case "bool":
		return "true or false"
	}
	return "a " + v
}

// where returns "line:column" of the byte offset off in b.
func where(b []byte, off int64) string {
	off = min(max(off, 0), int64(len(b)))
	line := 1 + bytes.Count(b[:off], []byte{'\n'})
	col := off - int64(bytes.LastIndexByte(b[:off], '\n'))
	return strconv.Itoa(line) + ":" + strconv.FormatInt(col, 10)
}

// readV1 decodes and checks a version 1 file.
func readV1(b []byte) (*Model, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var f fileV1
	if err := dec.Decode(&f); err != nil {
		return nil, errors.New(jsonError(b, err))
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("line %s: data after the model", where(b, dec.InputOffset()))
	}
	return f.model()
}

// model checks f and builds the Model it describes.
func (f *fileV1) model() (*Model, error) {
	if err := f.checkSizes(); err != nil {
		return nil, err
	}
	net, err := f.network()
	if err != nil {
		return nil, err
	}
	m := &Model{Net: net, Features: f.Features}
	if m.Scaler, err = f.scaler(); err != nil {
		return nil, err
	}
	if f.Features != nil && len(f.Features) != f.Sizes[0] {
		return nil, fmt.Errorf("features: %d names for %d inputs", len(f.Features), f.Sizes[0])
	}
	if err := f.outputs(m); err != nil {
		return nil, err
	}
	if m.Record, err = f.Training.record(); err != nil {
		return nil, err
	}
	return m, nil
}

// checkSizes checks f's task, its sizes and that it has a layer for each.
func (f *fileV1) checkSizes() error {
	sz := f.Sizes
	switch {
	case f.Task == "":
		return errors.New("task: missing")
	case f.Task != "classification" && f.Task != "regression":
		return fmt.Errorf("task: %q is neither \"classification\" nor \"regression\"", f.Task)
	case sz == nil:
		return errors.New("sizes: missing")
	case len(sz) < 2:
		return fmt.Errorf("sizes: %v needs at least 2 entries (inputs and outputs)", sz)
	case len(f.Layers) != len(sz)-1:
		return fmt.Errorf("layers: %d layers, but sizes %v needs %d", len(f.Layers), sz, len(sz)-1)
	}
	for l, n := range sz {
		if n <= 0 || n > 1<<24 {
			return fmt.Errorf("sizes[%d]: %d is not a layer size", l, n)
		}
	}
	return nil
}

// network builds the network of f's layers, checking each.
func (f *fileV1) network() (*MLP, error) {
	sz := f.Sizes
	L := len(sz) - 1
	net := &MLP{Sizes: append([]int(nil), sz...), W: make([]*Matrix, L+1), B: make([][]float64, L+1), Act: make([]Activation, L+1)}
	for i, ly := range f.Layers {
		if err := ly.build(net, i+1, fmt.Sprintf("layers[%d]", i)); err != nil {
			return nil, err
		}
	}
	return net, nil
}

// build sets layer l of net from ly: its activation, weights and biases,
// then its batch normalization, dropout and residual connection; at names
// the layer in errors.
func (ly *layerV1) build(net *MLP, l int, at string) error {
	sz, L := net.Sizes, net.L()
	act, err := activationByName(ly.Activation, ly.Alpha, l == L)
	if err != nil {
		return fmt.Errorf("%s.activation: %w", at, err)
	}
	net.Act[l] = act
	if ly.W == nil {
		return fmt.Errorf("%s.W: missing", at)
	}
	if len(ly.W) != sz[l] {
		return fmt.Errorf("%s.W has %d rows, want %d (sizes[%d])", at, len(ly.W), sz[l], l)
	}
	for j, row := range ly.W {
		if len(row) != sz[l-1] {
			return fmt.Errorf("%s.W is %d×%d at row %d, want %d×%d", at, sz[l], len(row), j, sz[l], sz[l-1])
		}
	}
	W := NewMatrix(sz[l], sz[l-1]) // only now: the sizes are those of the data
	for j, row := range ly.W {
		copy(W.Row(j), row)
	}
	if err := checkFinite(W.Data); err != nil {
		return fmt.Errorf("%s.W: %w", at, err)
	}
	net.W[l] = W
	if err := checkVector(ly.B, sz[l]); err != nil {
		return fmt.Errorf("%s.b: %w", at, err)
	}
	net.B[l] = append([]float64(nil), ly.B...)
	if ly.BatchNorm != nil {
		if err := ly.BatchNorm.set(net, l, at); err != nil {
			return err
		}
	}
	return ly.remedies(net, l, at)
}

// set gives layer l of net the batch normalization fb describes.
func (fb *normV1) set(net *MLP, l int, at string) error {
	if err := net.SetBatchNorm(l); err != nil {
		return fmt.Errorf("%s.batchnorm: only hidden layers 1 … %d have batch normalization", at, net.L()-1)
	}
	bn, n := net.Norm[l], net.Sizes[l]
	for _, v := range []struct {
		name     string
		dst, src []float64
	}{{"gamma", bn.Gamma, fb.Gamma}, {"beta", bn.Beta, fb.Beta}, {"mean", bn.Mean, fb.Mean}, {"var", bn.Var, fb.Var}} {
		if err := checkVector(v.src, n); err != nil {
			return fmt.Errorf("%s.batchnorm.%s: %w", at, v.name, err)
		}
		copy(v.dst, v.src)
	}
	for j, v := range bn.Var {
		if v < 0 {
			return fmt.Errorf("%s.batchnorm.var[%d]: %v is negative", at, j, v)
		}
	}
	switch {
	case fb.Eps == nil:
		return fmt.Errorf("%s.batchnorm.eps: missing", at)
	case !(*fb.Eps > 0) || notFinite(*fb.Eps):
		return fmt.Errorf("%s.batchnorm.eps: %v must be > 0", at, *fb.Eps)
	case fb.Momentum == nil:
		return fmt.Errorf("%s.batchnorm.momentum: missing", at)
	case !(*fb.Momentum >= 0 && *fb.Momentum <= 1):
		return fmt.Errorf("%s.batchnorm.momentum: %v must be in [0, 1]", at, *fb.Momentum)
	}
	bn.Eps, bn.Momentum = *fb.Eps, *fb.Momentum
	return nil
}

// remedies gives layer l of net the dropout and residual connection ly has.
func (ly *layerV1) remedies(net *MLP, l int, at string) error {
	if ly.Keep != nil {
		if l == net.L() {
			return fmt.Errorf("%s.keep: the output layer has no dropout", at)
		}
		if err := net.SetDropout(l, *ly.Keep); err != nil {
			return fmt.Errorf("%s.keep: %v must be in (0, 1]", at, *ly.Keep)
		}
	}
	if ly.Residual {
		if err := net.SetResidual(l); err != nil {
			return fmt.Errorf("%s.residual: %v", at, strings.TrimPrefix(err.Error(), ErrConfig.Error()+": "))
		}
	}
	return nil
}

// scaler returns f's standardizer, checked; nil if it has none.
func (f *fileV1) scaler() (*Standardizer, error) {
	s := f.Standardizer
	if s == nil {
		return nil, nil
	}
	if err := checkVector(s.Mean, f.Sizes[0]); err != nil {
		return nil, fmt.Errorf("standardizer.mean: %w", err)
	}
	if err := checkVector(s.Std, f.Sizes[0]); err != nil {
		return nil, fmt.Errorf("standardizer.std: %w", err)
	}
	for k, v := range s.Std {
		if v < 0 {
			return nil, fmt.Errorf("standardizer.std[%d]: %v is negative", k, v)
		}
	}
	return &Standardizer{Mean: s.Mean, Std: s.Std}, nil
}

// outputs sets what m's outputs mean, from f: a classifier's class names
// (its output layer checked to give probabilities), or a regression
// model's target names; and the columns of either in the training file.
func (f *fileV1) outputs(m *Model) error {
	net, sz := m.Net, f.Sizes
	L := len(sz) - 1
	if f.Task == "classification" {
		if err := classifierOutput(net); err != nil {
			return fmt.Errorf("layers[%d].activation: %w", L-1, err)
		}
		n := len(f.Classes)
		if f.Classes == nil {
			return errors.New("classes: missing; a classifier names its classes")
		}
		if n != sz[L] && !(sz[L] == 1 && n == 2) {
			return fmt.Errorf("classes: %d names for %d outputs", n, sz[L])
		}
		seen := map[string]bool{}
		for k, c := range f.Classes {
			if seen[c] {
				return fmt.Errorf("classes[%d]: %q appears twice", k, c)
			}
			seen[c] = true
		}
		m.ClassNames = f.Classes
	} else if f.Classes != nil {
		return errors.New("classes: a regression model has no classes")
	}
	switch {
	case f.Targets == nil:
	case f.Task == "classification":
		return errors.New("targets: a classifier has classes, not targets")
	case len(f.Targets) != sz[L]:
		return fmt.Errorf("targets: %d names for %d outputs", len(f.Targets), sz[L])
	}
	m.TargetNames = f.Targets
	var err error
	m.Columns, err = f.columns()
	return err
}

// record returns the training record t describes; without one, a record
// whose test accuracy is NaN (not measured).
func (t *trainingV1) record() (TrainingRecord, error) {
	if t == nil {
		return TrainingRecord{TestAccuracy: math.NaN()}, nil
	}
	r := TrainingRecord{Data: t.Data, Settings: t.Settings, BestEpoch: t.BestEpoch,
		TestAccuracy: orNaN(t.TestAccuracy), Note: t.Note}
	for i, e := range t.Epochs {
		if e.Seconds < 0 || notFinite(e.Seconds) || e.Seconds > 1e9 {
			return r, fmt.Errorf("training.epochs[%d].seconds: %v is not a duration", i, e.Seconds)
		}
		r.Epochs = append(r.Epochs, EpochStats{Epoch: e.Epoch,
			TrainLoss: orNaN(e.TrainLoss), ValLoss: orNaN(e.ValLoss), ValAccuracy: orNaN(e.ValAccuracy),
			LR: orNaN(e.LR), GradNorm: orNaN(e.GradNorm), MaxGradNorm: orNaN(e.MaxGradNorm),
			Steps: e.Steps, Time: time.Duration(math.Round(e.Seconds * float64(time.Second)))})
	}
	return r, nil
}

// columns returns the model's Columns from f's optional label_column (a
// classifier's), target_columns (a regression model's, one per output) and
// dropped_columns, which need one of the others beside them: nil if f has
// none. No column is negative or appears twice.
func (f *fileV1) columns() (*CSVColumns, error) {
	dropped := f.DroppedCols
	if len(dropped) == 0 {
		dropped = nil // [] reads as none, for which nothing is written
	}
	if f.LabelCol == nil && f.TargetCols == nil && dropped == nil {
		return nil, nil
	}
	classifier, outputs := f.Task == "classification", f.Sizes[len(f.Sizes)-1]
	switch {
	case classifier && f.TargetCols != nil:
		return nil, errors.New("target_columns: a classifier has a label, not targets")
	case !classifier && f.LabelCol != nil:
		return nil, errors.New("label_column: a regression model has targets, not a label")
	case classifier && f.LabelCol == nil:
		return nil, errors.New("dropped_columns: given without the classifier's label_column")
	case !classifier && f.TargetCols == nil:
		return nil, errors.New("dropped_columns: given without the regression model's target_columns")
	case !classifier && len(f.TargetCols) != outputs:
		return nil, fmt.Errorf("target_columns: %d columns for %d outputs", len(f.TargetCols), outputs)
	}
	c := &CSVColumns{Label: -1, Targets: f.TargetCols, Dropped: dropped}
	seen := map[int]bool{}
	check := func(where string, col int) error {
		switch {
		case col < 0:
			return fmt.Errorf("%s: %d is not a column (they count from 0)", where, col)
		case seen[col]:
			return fmt.Errorf("%s: column %d appears twice among the label, target and dropped columns", where, col)
		}
		seen[col] = true
		return nil
	}
	if classifier {
		c.Label = *f.LabelCol
		if err := check("label_column", c.Label); err != nil {
			return nil, err
		}
	}
	for k, col := range c.Targets {
		if err := check(fmt.Sprintf("target_columns[%d]", k), col); err != nil {
			return nil, err
		}
	}
	for k, col := range c.Dropped {
		if err := check(fmt.Sprintf("dropped_columns[%d]", k), col); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// classifierOutput returns an error unless net's output layer gives class
// probabilities: softmax, or one sigmoid unit (the probability of class 1).
func classifierOutput(net *MLP) error {
	L := net.L()
	switch net.Act[L].(type) {
	case Softmax:
		return nil
	case Sigmoid:
		if net.Sizes[L] == 1 {
			return nil
		}
		return fmt.Errorf("a classifier's output layer is softmax or one sigmoid unit, which give class probabilities, not %d sigmoid units", net.Sizes[L])
	}
	return fmt.Errorf("a classifier's output layer is softmax or one sigmoid unit, which give class probabilities, not %v", net.Act[L])
}
