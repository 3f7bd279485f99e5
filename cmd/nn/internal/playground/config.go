package playground

// config.go: the defaults of a Config, its strict decoding, and its
// validation, each error naming the setting at fault.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"slices"
	"strings"
)

// FieldError is a bad setting: Field is its JSON path (as in ErrorResponse),
// Msg what is wrong with it.
type FieldError struct {
	Field string
	Msg   string
}

// Error returns "field: message", or the message alone without a field.
func (e *FieldError) Error() string {
	if e.Field == "" {
		return e.Msg
	}
	return e.Field + ": " + e.Msg
}

// fieldErr returns a *FieldError with a formatted message.
func fieldErr(field, format string, args ...any) *FieldError {
	return &FieldError{Field: field, Msg: fmt.Sprintf(format, args...)}
}

// DefaultConfig returns the configuration {} stands for. The output and
// the features are left empty: they default to what the data need.
func DefaultConfig() Config {
	return Config{
		Data:     DataConfig{Kind: "xor", Points: 200, Noise: 0.1, TestShare: 0.3, Seed: 1, K: 3},
		Hidden:   []Layer{{Units: 4, Activation: "tanh"}},
		Training: Training{Optimizer: "sgd", Eta: 0.1, Init: "xavier", Seed: 1},
	}
}

// decodeStrict decodes one JSON value from b into v: unknown fields, wrong
// types and anything after the value are errors, named by their JSON path
// where encoding/json says it.
func decodeStrict(b []byte, v any) *FieldError {
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	if err := d.Decode(v); err != nil {
		return jsonFieldError(b, v, err)
	}
	if _, err := d.Token(); !errors.Is(err, io.EOF) {
		return &FieldError{Field: "body", Msg: "more than one JSON value in the body"}
	}
	return nil
}

// jsonFieldError turns encoding/json's error in decoding b into v into a
// FieldError naming the field. encoding/json has no error type of its own
// for an unknown field: a document that is valid JSON but does not decode
// is searched for the first key v has no field for.
func jsonFieldError(b []byte, v any, err error) *FieldError {
	var te *json.UnmarshalTypeError
	var se *json.SyntaxError
	switch {
	case errors.As(err, &te) && te.Field == "": // the body is not an object
		return fieldErr("body", "is %s; want a JSON object", te.Value)
	case errors.As(err, &te):
		return fieldErr(te.Field, "is %s, want %s", te.Value, te.Type)
	case errors.Is(err, io.EOF):
		return &FieldError{Field: "body", Msg: "empty body; want a JSON object"}
	case errors.As(err, &se) || errors.Is(err, io.ErrUnexpectedEOF):
		return fieldErr("body", "not valid JSON: %v", err)
	}
	var tree any
	if json.Unmarshal(b, &tree) == nil {
		if path := unknownPath(tree, reflect.TypeOf(v).Elem(), ""); path != "" {
			return fieldErr(path, "unknown field %q", path[strings.LastIndexAny(path, ".]")+1:])
		}
	}
	return fieldErr("body", "not valid: %v", err)
}

// unknownPath returns the JSON path of the first key of tree that the type
// t has no field for, "" if there is none.
func unknownPath(tree any, t reflect.Type, path string) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch tree := tree.(type) {
	case map[string]any:
		if t.Kind() != reflect.Struct {
			return ""
		}
		for key, sub := range tree {
			f, ok := fieldByTag(t, key)
			if !ok {
				return strings.TrimPrefix(path+"."+key, ".")
			}
			if p := unknownPath(sub, f.Type, strings.TrimPrefix(path+"."+key, ".")); p != "" {
				return p
			}
		}
	case []any:
		if t.Kind() != reflect.Slice {
			return ""
		}
		for i, sub := range tree {
			if p := unknownPath(sub, t.Elem(), fmt.Sprintf("%s[%d]", path, i)); p != "" {
				return p
			}
		}
	}
	return ""
}

// fieldByTag returns the field of struct type t whose JSON name is key
// (case-insensitively, as encoding/json matches).
func fieldByTag(t reflect.Type, key string) (reflect.StructField, bool) {
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if strings.EqualFold(name, key) {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

// decodeConfig decodes a Config over the defaults and validates it.
func decodeConfig(b []byte) (Config, *FieldError) {
	cfg := DefaultConfig()
	if err := decodeStrict(b, &cfg); err != nil {
		return cfg, err
	}
	return cfg, cfg.normalize()
}

// curveKinds are the 1-D data sets.
var curveKinds = []string{"sin", "step", "abs", "sawtooth"}

// fixedKinds are the data sets whose points are given, not drawn.
var fixedKinds = []string{"xor4", "and", "worked"}

// curve reports whether the data are a 1-D curve.
func (d *DataConfig) curve() bool {
	if d.Kind == "custom" {
		return len(d.Custom) > 0 && len(d.Custom[0].X) == 1
	}
	return slices.Contains(curveKinds, d.Kind)
}

// classes returns the number of classes of the data (0 for a curve).
func (d *DataConfig) classes() int {
	switch {
	case d.curve():
		return 0
	case d.Kind == "blobs3" || d.Kind == "spirals3":
		return 3
	case d.Kind == "custom":
		k := 2
		for _, p := range d.Custom {
			k = max(k, p.Label+1)
		}
		return k
	}
	return 2
}

// MaxClasses is the most classes a data set may have.
const MaxClasses = 8

// normalize fills in what depends on the data (output, features) and checks
// every setting, returning the first bad one.
func (c *Config) normalize() *FieldError {
	if err := c.Data.validate(); err != nil {
		return err
	}
	if c.Features == nil {
		c.Features = []string{"x1", "x2"}
		if c.Data.curve() {
			c.Features = []string{"x1"}
		}
	}
	if err := c.validateFeatures(); err != nil {
		return err
	}
	if c.Hidden == nil { // "hidden": null; the page reads a list
		c.Hidden = []Layer{}
	}
	if len(c.Hidden) > MaxHidden {
		return fieldErr("hidden", "%d hidden layers; at most %d", len(c.Hidden), MaxHidden)
	}
	for l, h := range c.Hidden {
		if h.Units < 1 || h.Units > MaxUnits {
			return fieldErr(fmt.Sprintf("hidden[%d].units", l), "%d units; want 1 … %d", h.Units, MaxUnits)
		}
		if !slices.Contains(Activations, h.Activation) {
			return fieldErr(fmt.Sprintf("hidden[%d].activation", l), "%q; want one of %s", h.Activation, strings.Join(Activations, ", "))
		}
	}
	if err := c.normalizeOutput(); err != nil {
		return err
	}
	if c.Perceptron {
		switch {
		case len(c.Hidden) > 0:
			return fieldErr("perceptron", "the perceptron has no hidden layer; remove the %d hidden layer(s)", len(c.Hidden))
		case c.Data.classes() != 2:
			return fieldErr("perceptron", "the perceptron separates two classes; these data have %s", classWord(c.Data.classes()))
		}
	}
	if err := c.Training.validate(); err != nil {
		return err
	}
	return c.checkHandInit()
}

// classWord says how many classes there are, or that the data are a curve.
func classWord(k int) string {
	if k == 0 {
		return "a curve (numeric targets)"
	}
	return fmt.Sprintf("%d classes", k)
}

func (d *DataConfig) validate() *FieldError {
	if !slices.Contains(DataKinds, d.Kind) {
		return fieldErr("data.kind", "%q; want one of %s", d.Kind, strings.Join(DataKinds, ", "))
	}
	switch {
	case d.Points < 2 || d.Points > MaxPoints:
		return fieldErr("data.points", "%d points; want 2 … %d", d.Points, MaxPoints)
	case !(d.Noise >= 0 && d.Noise <= 1):
		return fieldErr("data.noise", "%v; want 0 … 1", d.Noise)
	case !(d.TestShare >= 0 && d.TestShare <= 0.9):
		return fieldErr("data.test_share", "%v; want 0 … 0.9", d.TestShare)
	case d.K < 1 || d.K > 6:
		return fieldErr("data.k", "%d folds; want 1 … 6", d.K)
	case d.Kind != "custom" && len(d.Custom) > 0:
		return fieldErr("data.custom", "points are given only with kind \"custom\", not %q", d.Kind)
	case d.Kind == "custom":
		return validatePoints(d.Custom)
	}
	return nil
}

// maxCoord bounds a point's coordinates and target.
const maxCoord = 1e6 // the messages say ±1e6

// validatePoints checks custom points: all of one dimension (1 or 2),
// finite, labels 0 … MaxClasses−1, at least one training point.
func validatePoints(ps []Point) *FieldError {
	if len(ps) == 0 || len(ps) > MaxPoints {
		return fieldErr("data.custom", "%d points; want 1 … %d", len(ps), MaxPoints)
	}
	dim, train := len(ps[0].X), 0
	for i, p := range ps {
		field := fmt.Sprintf("data.custom[%d]", i)
		if len(p.X) != dim || dim < 1 || dim > 2 {
			return fieldErr(field, "x has %d coordinates; every point needs 2 (x1, x2), or 1 for a curve", len(p.X))
		}
		for _, v := range p.X {
			if !finite(v) || math.Abs(v) > maxCoord {
				return fieldErr(field, "x = %v is not a number within ±1e6", v)
			}
		}
		if !finite(p.Y) || math.Abs(p.Y) > maxCoord {
			return fieldErr(field, "y = %v is not a number within ±1e6", p.Y)
		}
		if p.Label < 0 || p.Label >= MaxClasses || (dim == 1 && p.Label != 0) {
			return fieldErr(field, "label %d; want 0 … %d (and 0 for a curve)", p.Label, MaxClasses-1)
		}
		if !p.Test {
			train++
		}
	}
	if train == 0 {
		return fieldErr("data.custom", "every point is a test point; training needs at least one training point")
	}
	return nil
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

func (c *Config) validateFeatures() *FieldError {
	if len(c.Features) == 0 {
		return fieldErr("features", "no input; turn on at least one")
	}
	for i, f := range c.Features {
		switch {
		case !slices.Contains(Features, f):
			return fieldErr("features", "%q; want some of %s", f, strings.Join(Features, ", "))
		case slices.Contains(c.Features[:i], f):
			return fieldErr("features", "%q twice", f)
		case c.Data.curve() && strings.Contains(f, "x2"):
			return fieldErr("features", "%s: a curve has one input x1", f)
		}
	}
	return nil
}

// outputs lists the allowed output activations with their losses, the first
// loss being the default.
var outputs = map[string][]string{"sigmoid": {"bce", "mse"}, "softmax": {"ce", "mse"}, "identity": {"mse"}}

// normalizeOutput chooses the output and loss the data need if they are
// not given, and checks the pair against the data.
func (c *Config) normalizeOutput() *FieldError {
	o, k := &c.Output, c.Data.classes()
	if o.Activation == "" {
		switch {
		case k == 0:
			o.Activation = "identity"
		case k == 2:
			o.Activation = "sigmoid"
		default:
			o.Activation = "softmax"
		}
	}
	losses, ok := outputs[o.Activation]
	if !ok {
		return fieldErr("output.activation", "%q; want sigmoid, softmax or identity", o.Activation)
	}
	if o.Loss == "" {
		o.Loss = losses[0]
	}
	if !slices.Contains(losses, o.Loss) {
		return fieldErr("output.loss", "%s does not go with a %s output; it takes %s", o.Loss, o.Activation, strings.Join(losses, " or "))
	}
	switch {
	case k == 0 && o.Activation != "identity":
		return fieldErr("output.activation", "a curve's targets are numbers: the output is identity with squared error, not %s", o.Activation)
	case k > 2 && o.Activation != "softmax":
		return fieldErr("output.activation", "%d classes need a softmax output (one unit per class), not %s", k, o.Activation)
	}
	return nil
}

func (t *Training) validate() *FieldError {
	switch {
	case !slices.Contains(Optimizers, t.Optimizer):
		return fieldErr("training.optimizer", "%q; want one of %s", t.Optimizer, strings.Join(Optimizers, ", "))
	case !(t.Eta > 0 && t.Eta <= 10):
		return fieldErr("training.eta", "%v; the learning rate must be > 0 and ≤ 10", t.Eta)
	case t.Batch < 0 || t.Batch > MaxBatch:
		return fieldErr("training.batch", "%d; want 0 (all) … %d", t.Batch, MaxBatch)
	case !(t.L2 >= 0 && t.L2 <= 1):
		return fieldErr("training.l2", "%v; want 0 … 1", t.L2)
	case !(t.ClipNorm >= 0 && t.ClipNorm <= 1e6):
		return fieldErr("training.clip_norm", "%v; want 0 (off) … 1e6", t.ClipNorm)
	case !slices.Contains(Inits, t.Init):
		return fieldErr("training.init", "%q; want one of %s", t.Init, strings.Join(Inits, ", "))
	}
	return nil
}

// Inits lists the values of Training.Init.
var Inits = []string{"xavier", "he", "xavier-normal", "he-normal", "worked-example", "hand-xor", "sawtooth", "stepsum"}

// checkHandInit checks that a hand-set initialization fits the network.
func (c *Config) checkHandInit() *FieldError {
	want := ""
	switch c.Training.Init {
	case "worked-example", "hand-xor":
		if !c.shaped([]string{"x1", "x2"}, []Layer{{2, "sigmoid"}}, "sigmoid") {
			want = "inputs x1, x2, one hidden layer of 2 sigmoid units and a sigmoid output (2-2-1)"
		}
	case "sawtooth":
		hidden := slices.Repeat([]Layer{{2, "relu"}}, c.Data.K)
		if c.Data.Kind != "sawtooth" || !c.shaped([]string{"x1"}, hidden, "identity") {
			want = fmt.Sprintf("the sawtooth data, input x1, k = %d hidden layers of 2 relu units and an identity output", c.Data.K)
		}
	case "stepsum":
		if !c.Data.curve() || c.Data.Kind == "custom" || len(c.Hidden) != 1 ||
			!c.shaped([]string{"x1"}, []Layer{{c.Hidden[0].Units, "sigmoid"}}, "identity") {
			want = "a curve (sin, step, abs, sawtooth), input x1, one hidden layer of sigmoid units and an identity output"
		}
	}
	if want != "" {
		return fieldErr("training.init", "%s needs %s", c.Training.Init, want)
	}
	return nil
}

// shaped reports whether the network has exactly these inputs, hidden
// layers and output activation.
func (c *Config) shaped(features []string, hidden []Layer, out string) bool {
	return !c.Perceptron && slices.Equal(c.Features, features) && slices.Equal(c.Hidden, hidden) && c.Output.Activation == out
}
