package playground

// files.go: what goes in and out through the page: the model as an
// nn-model file (nn.Model.Write, nn.ReadModel) and the points as CSV (read
// with nn.ReadCSV, so its messages reach the page).

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"example.com/nn"
)

// model returns the session's network as a model file holds it: the
// network (in perceptron mode a step unit), the standardization of an
// uploaded model, the class names 0 … K−1 (none for a curve or the
// perceptron) and the configuration.
func (sess *session) model() *nn.Model {
	m := &nn.Model{Net: sess.view().Clone(), Scaler: sess.scaler, Features: slices.Clone(sess.cfg.Features)}
	// The perceptron's step output gives a class, not a class probability,
	// which a classifier's file must: its file is a regression model whose
	// output is step(w·x + b), 0 or 1.
	for k := range sess.data.classes * boolInt(sess.perc == nil) {
		m.ClassNames = append(m.ClassNames, strconv.Itoa(k))
	}
	cfg, _ := json.Marshal(sess.cfg)
	acc := math.NaN()
	if sess.TX != nil && sess.data.classes > 0 {
		acc = nn.Accuracy(m.Net, sess.TX, sess.TY)
	}
	m.Record = nn.TrainingRecord{Data: sess.cfg.Data.String(), Settings: map[string]string{"playground": string(cfg)},
		BestEpoch: sess.epoch, TestAccuracy: acc, Note: fmt.Sprintf("nn serve: epoch %d, step %d", sess.epoch, sess.step)}
	return m
}

func (s *Server) downloadModel(w http.ResponseWriter, _ *http.Request, sess *session) {
	sess.lock()
	m := sess.model()
	sess.mu.Unlock()
	var b bytes.Buffer
	if err := m.Write(&b); err != nil {
		writeError(w, http.StatusConflict, "model", err.Error())
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Disposition", `attachment; filename="`+ModelFile+`"`)
	w.Write(b.Bytes())
}

// uploadModel replaces the network by an uploaded model's, if it fits the
// data and the page: the data stay, the network (inputs, layers, output)
// and weights become the model's, and a reset goes back to them.
func (s *Server) uploadModel(w http.ResponseWriter, r *http.Request, sess *session) {
	b, ok := readBody(w, r, "application/json")
	if !ok {
		return
	}
	m, err := nn.ReadModel(bytes.NewReader(b), "model")
	if err != nil {
		writeError(w, http.StatusBadRequest, "model", err.Error())
		return
	}
	sess.lock()
	defer sess.mu.Unlock()
	cfg, ferr := sess.cfg.forModel(m)
	if ferr != nil {
		writeFieldError(w, ferr)
		return
	}
	sess.scaler = m.Scaler
	sess.setup(cfg, sess.data, m.Net)
	writeJSON(w, http.StatusOK, sess.response())
}

// forModel returns the configuration c with the network of m, or why m
// does not fit: the playground draws plain layers of its activations, at
// most MaxHidden × MaxUnits, with the inputs and output of the data.
func (c Config) forModel(m *nn.Model) (Config, *FieldError) {
	net, L := m.Net, m.Net.L()
	bad := func(format string, args ...any) (Config, *FieldError) {
		return c, fieldErr("model", "the playground cannot show this model: "+format, args...)
	}
	if net.Norm != nil || net.Keep != nil || net.Residual != nil {
		return bad("it has batch normalization, dropout or residual connections, which the playground does not draw")
	}
	if L-1 > MaxHidden {
		return bad("%d hidden layers; at most %d", L-1, MaxHidden)
	}
	c.Hidden, c.Perceptron = []Layer{}, false
	for l := 1; l < L; l++ {
		name := actName(net.Act[l])
		if !slices.Contains(Activations, name) || net.Sizes[l] > MaxUnits {
			return bad("hidden layer %d has %d %s units; the playground has at most %d units of %s",
				l, net.Sizes[l], net.Act[l], MaxUnits, strings.Join(Activations, ", "))
		}
		c.Hidden = append(c.Hidden, Layer{Units: net.Sizes[l], Activation: name})
	}
	if ferr := c.modelInputs(m); ferr != nil {
		return c, ferr
	}
	out, k := actName(net.Act[L]), c.Data.classes()
	fits := map[string]bool{"sigmoid": k == 2 && net.Sizes[L] == 1, "softmax": k >= 2 && net.Sizes[L] == k,
		"identity": (k == 0 || k == 2) && net.Sizes[L] == 1, "step": L == 1 && k == 2 && net.Sizes[L] == 1}
	switch {
	case out != "step" && outputs[out] == nil:
		return bad("its output is %d %s unit(s); the playground's outputs are sigmoid, softmax and identity", net.Sizes[L], net.Act[L])
	case !fits[out] && out == "step":
		return bad("its output is %d step unit(s) after %d hidden layer(s); the playground trains a step output only as the perceptron (§1: one unit, no hidden layer, two classes)", net.Sizes[L], L-1)
	case !fits[out]:
		return bad("its output is %d %s unit(s), but the data are %s: load data it was made for first", net.Sizes[L], net.Act[L], classWord(k))
	case out == "step":
		c.Perceptron = true // the perceptron's own file, as Download model writes it
	case c.Output.Activation != out:
		c.Output = Output{Activation: out}
	}
	if slices.Contains([]string{"worked-example", "hand-xor", "sawtooth", "stepsum"}, c.Training.Init) {
		c.Training.Init = "xavier" // the weights are the model's; a new seed draws these
	}
	if ferr := c.normalize(); ferr != nil {
		return c, fieldErr("model", "the model does not fit: %s", ferr.Error())
	}
	return c, nil
}

// actName returns the name in Activations (or an output's) of an activation,
// "" if the playground has no such activation.
func actName(a nn.Activation) string {
	switch a := a.(type) {
	case nn.LeakyReLU:
		if a.Alpha != 0 && a.Alpha != nn.DefaultLeakySlope {
			return ""
		}
		return "leakyrelu"
	case *nn.PReLU:
		return ""
	}
	return a.String()
}

// modelInputs sets the features from the model's inputs: its feature names
// if they are the playground's, else 2 inputs taken as x1, x2 (1 for a
// curve), which a standardization needs too.
func (c *Config) modelInputs(m *nn.Model) *FieldError {
	n := m.Net.Sizes[0]
	if m.Scaler == nil && len(m.Features) == n && !slices.ContainsFunc(m.Features, func(f string) bool { return !slices.Contains(Features, f) }) {
		c.Features = slices.Clone(m.Features)
		return nil
	}
	want := []string{"x1", "x2"}
	if c.Data.curve() {
		want = want[:1]
	}
	if n != len(want) {
		return fieldErr("model", "the model has %d inputs; the playground's data have %d (%s), or a model of its own names its features", n, len(want), strings.Join(want, ", "))
	}
	c.Features = want
	return nil
}

func (s *Server) exportCSV(w http.ResponseWriter, _ *http.Request, sess *session) {
	sess.lock()
	ps, curve := sess.data.points, sess.data.isCurve()
	sess.mu.Unlock()
	var b strings.Builder
	if curve {
		b.WriteString("x,y\n")
	} else {
		b.WriteString("x1,x2,label\n")
	}
	g := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	for _, p := range ps {
		if curve {
			fmt.Fprintf(&b, "%s,%s\n", g(p.X[0]), g(p.Y))
		} else {
			fmt.Fprintf(&b, "%s,%s,%d\n", g(p.X[0]), g(p.X[1]), p.Label)
		}
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="nn-playground.csv"`)
	w.Write([]byte(b.String()))
}

// importCSV replaces the points by a CSV file's: x1,x2,label (two features
// and a class label) or x,y (a curve), with or without a header line.
func (s *Server) importCSV(w http.ResponseWriter, r *http.Request, sess *session) {
	b, ok := readBody(w, r, "text/csv", "text/plain")
	if !ok {
		return
	}
	d, ferr := readPoints(b)
	if ferr != nil {
		writeFieldError(w, ferr)
		return
	}
	sess.lock()
	defer sess.mu.Unlock()
	cfg := sess.cfg
	cfg.Data.Kind = "custom"
	if cfg.Data.Custom, ferr = splitPoints(d, cfg.Data.TestShare, cfg.Data.Seed); ferr != nil {
		writeFieldError(w, ferr)
		return
	}
	if ferr := sess.changeData(cfg); ferr != nil {
		ferr.Msg, ferr.Field = ferr.Error(), "csv"
		writeFieldError(w, ferr)
		return
	}
	sess.reset()
	writeJSON(w, http.StatusOK, sess.response())
}

// readPoints reads a CSV file with the library's reader: three columns are
// two features and a class label (the last), two columns x and y.
func readPoints(b []byte) (*nn.Dataset, *FieldError) {
	// The first record as a CSV reader reads it ("1" quoted is a number, not
	// a header; a quoted comma is no separator); nn.ReadCSV says what is
	// wrong with a file that has none.
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff"))))
	r.FieldsPerRecord = -1
	fields, err := r.Read()
	if err == nil {
		_, err = strconv.ParseFloat(strings.TrimSpace(fields[0]), 64)
	}
	opt := nn.CSVOptions{Header: err != nil && len(fields) > 0, Label: -1}
	if len(fields) == 2 {
		opt.Targets = []int{-1}
	}
	d, err := nn.ReadCSV(bytes.NewReader(b), "data.csv", opt)
	switch {
	case err != nil:
		return nil, fieldErr("csv", "%v", err)
	case len(fields) != 2 && len(fields) != 3:
		return nil, fieldErr("csv", "%d columns; want x1,x2,label (two features and a class) or x,y (a curve)", len(fields))
	case d.X.Rows > MaxPoints:
		return nil, fieldErr("csv", "%d points; at most %d", d.X.Rows, MaxPoints)
	case d.Classes > MaxClasses:
		return nil, fieldErr("csv", "%d classes; at most %d", d.Classes, MaxClasses)
	}
	return d, farPoint(d)
}

// farPoint returns an error naming the first sample of d with a number
// beyond ±maxCoord, or nil.
func farPoint(d *nn.Dataset) *FieldError {
	for i := range d.X.Rows {
		row := d.X.Row(i)
		if d.Y != nil {
			row = append(slices.Clone(row), d.Y.Row(i)...)
		}
		for k, v := range row {
			if math.Abs(v) > maxCoord {
				return fieldErr("csv", "data.csv: sample %d, column %d: %v is beyond ±1e6", i+1, k+1, v)
			}
		}
	}
	return nil
}

// splitPoints returns the points of d, a share of them held out for testing
// (drawn with the data's seed, stratified by class).
func splitPoints(d *nn.Dataset, share float64, seed uint64) ([]Point, *FieldError) {
	if share > 0 && d.X.Rows >= 4 {
		ps, err := split(d, share, rand.New(rand.NewPCG(seed, 0xda7a)))
		if err == nil {
			return ps, nil
		}
	}
	return pointsOf(d, false), nil
}
