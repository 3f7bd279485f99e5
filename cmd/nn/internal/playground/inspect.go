package playground

// inspect.go: the backpropagation inspector: the library's trace of one
// sample (MLP.Trace) with its Markdown from the explain package, and the
// gradient check of the last step's batch against central differences.

import (
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"

	"example.com/nn"
	"example.com/nn/cmd/nn/internal/explain"
)

// ModelFile is the name the page gives a downloaded model, and the name the
// Markdown of a trace calls it.
const ModelFile = "nn-playground.json"

// inspectable returns why the network cannot be inspected now, or "".
func (sess *session) inspectable() string {
	switch {
	case sess.perc != nil:
		return "the perceptron has no backward pass: it learns by the perceptron rule w ← w + η(y − ŷ)x (§1); turn perceptron mode off to trace a network"
	case sess.mode != modePaused:
		return "training is running; pause it first, so that the weights stand still"
	}
	return ""
}

func (s *Server) trace(w http.ResponseWriter, r *http.Request, sess *session) {
	var req TraceRequest
	if !readJSON(w, r, &req) {
		return
	}
	sess.lock()
	defer sess.mu.Unlock()
	if msg := sess.inspectable(); msg != "" {
		writeError(w, http.StatusConflict, "", msg)
		return
	}
	if req.Point < 0 || req.Point >= len(sess.data.points) {
		writeError(w, http.StatusBadRequest, "point", fmt.Sprintf("no point %d; there are %d", req.Point, len(sess.data.points)))
		return
	}
	resp, err := sess.trace(req.Point)
	if err != nil {
		writeError(w, http.StatusConflict, "", err.Error())
		return
	}
	writeJSON(w, http.StatusOK, resp)
}

// trace returns the trace of point i with the current weights, loss and η.
func (sess *session) trace(i int) (*TraceResponse, error) {
	p := sess.data.points[i]
	m := sess.model()
	mx := modelInput(m, p.X, sess.cfg.Features)
	x := inputs(nn.FromRows([][]float64{p.X}), sess.cfg.Features, sess.scaler).Row(0)
	y := target(p, sess.cfg.outUnits(), sess.data.isCurve())
	eta := sess.cfg.Training.Eta
	tr, err := sess.net.Trace(x, y, sess.loss, eta)
	if err != nil {
		return nil, err
	}
	var md strings.Builder
	if err := explain.Model(&md, m, ModelFile, mx, y, sess.loss, eta, explain.Options{Markdown: true}); err != nil {
		return nil, err
	}
	resp := &TraceResponse{Point: i, X: x, Y: y, Loss: sess.cfg.Output.Loss, Eta: eta, Cost: Num(tr.Cost),
		DeltaRule: tr.DeltaRule, CostAfter: Num(tr.CostAfter), H: nn.TraceH, Markdown: md.String(),
		Command: fmt.Sprintf("nn explain -model %s -x %s -y %s -loss %v -eta %v -format markdown", ModelFile, joinNums(mx), joinNums(y), sess.loss, eta)}
	net := sess.net
	for l := 1; l <= net.L(); l++ {
		resp.Layers = append(resp.Layers, TraceLayer{Activation: sess.actNames()[l-1],
			Z: tr.Z[l], A: tr.A[l], GradA: tr.GradA[l], FPrime: tr.FPrime[l], Delta: tr.Delta[l],
			W: plainRows(net.W[l]), B: net.B[l],
			GradW: plainRows(tr.Grads.W[l]), NumGradW: plainRows(tr.Numerical.W[l]),
			GradB: tr.Grads.B[l], NumGradB: tr.Numerical.B[l],
			WAfter: plainRows(tr.After.W[l]), BAfter: tr.After.B[l]})
	}
	return resp, nil
}

// modelInput returns what the downloaded model takes for a point: the raw
// coordinates if it standardizes them, else the features.
func modelInput(m *nn.Model, raw []float64, features []string) []float64 {
	if m.Scaler != nil {
		return raw
	}
	return inputs(nn.FromRows([][]float64{raw}), features, nil).Row(0)
}

// joinNums writes numbers as a command-line list, every digit kept.
func joinNums(v []float64) string {
	s := make([]string, len(v))
	for i, x := range v {
		s[i] = strconv.FormatFloat(x, 'g', -1, 64)
	}
	return strings.Join(s, ",")
}

// plainRows returns the rows of M as copies.
func plainRows(M *nn.Matrix) []Exact {
	r := make([]Exact, M.Rows)
	for j := range r {
		r[j] = append([]float64(nil), M.Row(j)...)
	}
	return r
}

func (s *Server) gradCheck(w http.ResponseWriter, r *http.Request, sess *session) {
	if _, ok := readBody(w, r); !ok {
		return
	}
	sess.lock()
	msg := sess.inspectable()
	if msg == "" && sess.checking {
		msg = "a gradient check of this session is running; wait for its answer"
	}
	if msg != "" {
		sess.mu.Unlock()
		writeError(w, http.StatusConflict, "", msg)
		return
	}
	c := sess.checkInput()
	sess.checking = true
	sess.mu.Unlock()
	// The central differences of a large batch take seconds: the session
	// is not held up meanwhile.
	gc := c.run()
	sess.lock()
	sess.checking = false
	sess.mu.Unlock()
	writeJSON(w, http.StatusOK, gc)
}

// check is what a gradient check needs, copied from the session.
type check struct {
	net  *nn.MLP
	X, Y *nn.Matrix
	loss nn.Loss
	step int
}

// checkInput returns the network and the batch of the last step (before
// the first step, the first batch-size training samples).
func (sess *session) checkInput() check {
	rows, step := sess.batches.last, sess.batches.step
	if rows == nil {
		rows, step = identity(min(sess.batch(), sess.X.Rows)), 0
	}
	return check{net: sess.net.Clone(), X: rowsOf(sess.X, rows), Y: rowsOf(sess.Y, rows), loss: sess.loss, step: step}
}

// run compares backpropagation with central differences on the batch,
// every parameter.
func (c check) run() *GradCheck {
	net := c.net
	ws := net.NewWorkspace(c.X.Rows)
	ws.Training = true
	g := net.NewGrads()
	net.BackpropBatch(ws, c.X, c.Y, c.loss, g)
	num := nn.NumericalGrad(net, c.X, c.Y, c.loss, nn.TraceH)
	gc := &GradCheck{Samples: c.X.Rows, Step: c.step, H: nn.TraceH}
	for l := 1; l <= net.L(); l++ {
		for k, v := range g.W[l].Data {
			gc.compare(v, num.W[l].Data[k], fmt.Sprintf("W^%d[%d][%d]", l, k/g.W[l].Cols, k%g.W[l].Cols))
		}
		for j, v := range g.B[l] {
			gc.compare(v, num.B[l][j], fmt.Sprintf("b^%d[%d]", l, j))
		}
	}
	return gc
}

// compare counts one parameter and keeps it if its relative difference
// |g − n| / max(|g|, |n|, 1e-8) is the largest so far; one that is not a
// number (a gradient that overflowed) is larger than any.
func (gc *GradCheck) compare(g, n float64, where string) {
	gc.Params++
	d := math.Abs(g - n)
	gc.MaxAbsDiff = Num(max(float64(gc.MaxAbsDiff), d))
	rel := d / max(math.Abs(g), math.Abs(n), 1e-8)
	if math.IsNaN(rel) {
		rel = math.Inf(1)
	}
	if rel > float64(gc.MaxRelDiff) || gc.Where == "" {
		gc.MaxRelDiff, gc.Where, gc.Backprop, gc.Numerical = Num(rel), where, Num(g), Num(n)
	}
}

// rowsOf returns the rows idx of M.
func rowsOf(M *nn.Matrix, idx []int) *nn.Matrix {
	R := nn.NewMatrix(len(idx), M.Cols)
	for i, k := range idx {
		copy(R.Row(i), M.Row(k))
	}
	return R
}
