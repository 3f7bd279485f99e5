package playground

// snapshot.go: a frame for the page: the loss history, the current losses,
// weights and gradients, and the network's output and hidden units over the
// plane (or along the curve), quantized to bytes.

import (
	"math"
	"slices"
	"strconv"

	"example.com/nn"
)

// maxHistory is the most entries the loss history keeps; beyond it every
// other one is dropped and only every 2nd, 4th, … epoch recorded.
const maxHistory = 1000

// history is the loss curves of a session.
type history struct {
	points []EpochPoint
	stride int // epochs that are multiples of stride are recorded
	gen    int // bumped when thinned: streams send it again from the start
}

// add records the point of an epoch, unless thinning leaves it out.
func (h *history) add(p EpochPoint) {
	h.stride = max(h.stride, 1)
	if p.Epoch%h.stride != 0 {
		return
	}
	h.points = append(h.points, p)
	if len(h.points) >= maxHistory {
		h.stride *= 2
		h.points = slices.DeleteFunc(h.points, func(p EpochPoint) bool { return p.Epoch%h.stride != 0 })
		h.gen++
	}
}

// num returns &v, or nil if v is NaN or infinite (null in JSON).
func num(v float64) *float64 {
	if !finite(v) {
		return nil
	}
	return &v
}

// sent is what a stream has sent, so that the next frame sends only what is new.
type sent struct {
	histGen, histLen int
	version          int
	any              bool
}

// snapshot returns the current frame. With prev nil it is full; otherwise
// the history from what prev says was sent, and the points if they changed;
// prev is updated.
func (s *session) snapshot(prev *sent) *Snapshot {
	if prev == nil {
		prev = &sent{}
	}
	snap := &Snapshot{Seq: s.changes, State: s.state, Message: s.message, Epoch: s.epoch, Step: s.step,
		Version: s.version, Domain: s.data.domain, Classes: s.data.classes, Inputs: s.cfg.Features}
	from := prev.histLen
	if !prev.any || prev.histGen != s.hist.gen || from > len(s.hist.points) {
		from = 0
	}
	snap.HistoryFrom, snap.History = from, slices.Clone(s.hist.points[from:])
	if !prev.any || prev.version != s.version {
		snap.Points = s.data.points
	}
	*prev = sent{histGen: s.hist.gen, histLen: len(s.hist.points), version: s.version, any: true}

	net := s.view()
	trainLoss := s.layers(snap, net)
	s.latest(snap, net, trainLoss)
	if s.perc != nil {
		p := s.perc
		snap.Perceptron = &PerceptronState{W: slices.Clone(p.p.W), B: p.p.B, Updates: p.updates, Mistakes: p.mistakes, Converged: p.converged}
	}
	if s.data.isCurve() {
		s.curve(snap, net)
	} else {
		s.plane(snap, net)
	}
	snap.Gates = s.gates(net)
	return snap
}

// view returns the network the page draws: the MLP, or in perceptron mode a
// one-layer step network with the perceptron's weights.
func (s *session) view() *nn.MLP {
	if s.perc == nil {
		return s.net
	}
	p := s.perc.p
	return &nn.MLP{Sizes: []int{len(p.W), 1}, W: []*nn.Matrix{nil, nn.FromRows([][]float64{p.W})},
		B: [][]float64{nil, {p.B}}, Act: []nn.Activation{nil, nn.Step{}}}
}

// latest fills in the current weights' losses (trainLoss computed by layers)
// and accuracy or R².
func (s *session) latest(snap *Snapshot, net *nn.MLP, trainLoss float64) {
	p := EpochPoint{Epoch: s.epoch, Step: s.step}
	metric := func(X, Y *nn.Matrix) *float64 {
		if s.data.isCurve() {
			return num(nn.RSquared(net, X, Y))
		}
		return num(nn.Accuracy(net, X, Y))
	}
	p.TrainScore = metric(s.X, s.Y)
	if s.TX != nil {
		p.TestScore = metric(s.TX, s.TY)
	}
	if s.perc == nil {
		p.TrainLoss = num(trainLoss)
		if s.TX != nil {
			p.TestLoss = num(net.Cost(s.TX, s.TY, s.loss))
		}
	}
	snap.Latest = p
}

// layers fills in every layer's weights and biases and, for a network,
// their gradients of the mean loss over the training set and their norms.
// It returns that mean loss (NaN in perceptron mode).
func (s *session) layers(snap *Snapshot, net *nn.MLP) float64 {
	var g *nn.Grads
	loss := math.NaN()
	if s.perc == nil {
		ws := s.workspace("train", net, s.X.Rows)
		ws.Training = true
		g = net.NewGrads()
		loss = net.BackpropBatch(ws, s.X, s.Y, s.loss, g)
		snap.GradNorms = nn.LayerNorms(g)[1:]
	}
	names := s.actNames()
	for l := 1; l <= net.L(); l++ {
		ls := LayerState{Activation: names[l-1], W: rows(net.W[l]), B: slices.Clone(net.B[l])}
		if g != nil {
			ls.GradW, ls.GradB = rows(g.W[l]), slices.Clone(g.B[l])
		}
		snap.Layers = append(snap.Layers, ls)
	}
	return loss
}

// actNames returns the activation of each layer as Activations names it.
func (s *session) actNames() []string {
	if s.perc != nil {
		return []string{"step"}
	}
	var names []string
	for _, h := range s.cfg.Hidden {
		names = append(names, h.Activation)
	}
	return append(names, s.cfg.Output.Activation)
}

// rows returns the rows of M as copies.
func rows(M *nn.Matrix) []Floats {
	r := make([]Floats, M.Rows)
	for j := range r {
		r[j] = slices.Clone(M.Row(j))
	}
	return r
}

// raster returns the raw points at the centres of a cols × rows raster of
// the domain, row by row from the top.
func raster(d Domain, cols, rows int) *nn.Matrix {
	X := nn.NewMatrix(cols*rows, 2)
	for i := range rows {
		x2 := d.X2Max - (float64(i)+0.5)*(d.X2Max-d.X2Min)/float64(rows)
		for j := range cols {
			X.Set(i*cols+j, 0, d.X1Min+(float64(j)+0.5)*(d.X1Max-d.X1Min)/float64(cols))
			X.Set(i*cols+j, 1, x2)
		}
	}
	return X
}

// forward returns A^l (l = 1 … L) for the raw points in the rows of raw,
// in the workspace kept under key.
func (s *session) forward(key string, net *nn.MLP, raw *nn.Matrix) []*nn.Matrix {
	X := inputs(raw, s.cfg.Features, s.scaler)
	ws := s.workspace(key, net, X.Rows)
	net.ForwardBatch(ws, X)
	return ws.A
}

// workspace returns the session's workspace kept under key for batches of
// m rows of net, a new one if the network's sizes or m changed: a frame of
// the largest network would otherwise allocate megabytes.
func (s *session) workspace(key string, net *nn.MLP, m int) *nn.Workspace {
	w, ok := s.spaces[key]
	if !ok || w.m != m || !slices.Equal(w.sizes, net.Sizes) {
		w = space{m: m, sizes: slices.Clone(net.Sizes), ws: net.NewWorkspace(m)}
		if s.spaces == nil {
			s.spaces = map[string]space{}
		}
		s.spaces[key] = w
	}
	return w.ws
}

// space is a workspace and what it was made for.
type space struct {
	m     int
	sizes []int
	ws    *nn.Workspace
}

// plane fills in the output's heat map and every hidden unit's.
func (s *session) plane(snap *Snapshot, net *nn.MLP) {
	L := net.L()
	out := s.forward("output", net, raster(s.data.domain, GridSize, GridSize))[L]
	if out.Cols == 1 {
		lo, hi := 0.0, 1.0
		if s.perc == nil && s.cfg.Output.Activation == "identity" {
			lo, hi = spread(out.Data, 0, 1)
		}
		snap.Output = quantize(out.Data, GridSize, GridSize, lo, hi)
	} else {
		class, conf := make([]float64, out.Rows), make([]float64, out.Rows)
		for i := range out.Rows {
			k := argmax(out.Row(i))
			class[i], conf[i] = float64(k), out.At(i, k)
		}
		snap.Output = quantize(class, GridSize, GridSize, 0, float64(out.Cols-1))
		snap.Confidence = quantize(conf, GridSize, GridSize, 0, 1)
	}
	A := s.forward("units", net, raster(s.data.domain, UnitGridSize, UnitGridSize))
	snap.Units = s.unitGrids(A[1:L], UnitGridSize, UnitGridSize)
}

// curve fills in the network's curve, the target and each hidden unit along x.
func (s *session) curve(snap *Snapshot, net *nn.MLP) {
	d := s.data.domain
	raw := nn.NewMatrix(CurveSamples, 1)
	c := &Curve{X: make(Floats, CurveSamples)}
	for i := range CurveSamples {
		c.X[i] = d.X1Min + float64(i)*(d.X1Max-d.X1Min)/float64(CurveSamples-1)
		raw.Data[i] = c.X[i]
	}
	A := s.forward("curve", net, raw)
	c.Output = slices.Clone(A[net.L()].Data)
	if f := s.data.curve; f != nil {
		c.Target = make(Floats, CurveSamples)
		for i, x := range c.X {
			c.Target[i] = f.f(x)
		}
	}
	snap.Curve = c
	snap.Units = s.unitGrids(A[1:net.L()], CurveSamples, 1)
}

// unitGrids quantizes each hidden unit's activations (a column of A^l) in
// the range of its activation, or its own range if unbounded.
func (s *session) unitGrids(A []*nn.Matrix, cols, rows int) [][]*Grid {
	units := make([][]*Grid, len(A))
	for l, M := range A {
		act := s.cfg.Hidden[l].Activation
		for j := range M.Cols {
			col := make([]float64, M.Rows)
			for i := range col {
				col[i] = M.At(i, j)
			}
			lo, hi := 0.0, 1.0
			switch act {
			case "tanh":
				lo = -1
			case "relu", "leakyrelu", "identity":
				lo, hi = spread(col, 0, 0)
			}
			units[l] = append(units[l], quantize(col, cols, rows, lo, hi))
		}
	}
	return units
}

// spread returns the smallest and largest of v, a and b.
func spread(v []float64, a, b float64) (lo, hi float64) {
	lo, hi = min(a, b), max(a, b)
	for _, x := range v {
		if finite(x) {
			lo, hi = min(lo, x), max(hi, x)
		}
	}
	return lo, hi
}

// quantize returns v as a Grid of bytes over [lo, hi].
func quantize(v []float64, cols, rows int, lo, hi float64) *Grid {
	g := &Grid{Cols: cols, Rows: rows, Lo: lo, Hi: hi, Data: make([]byte, len(v))}
	if hi <= lo {
		return g
	}
	for i, x := range v {
		q := math.Round(255 * (x - lo) / (hi - lo))
		if math.IsNaN(q) {
			q = 0
		}
		g.Data[i] = byte(min(max(q, 0), 255))
	}
	return g
}

// argmax returns the index of the largest entry of a.
func argmax(a []float64) int {
	k := 0
	for i, v := range a {
		if v > a[k] {
			k = i
		}
	}
	return k
}

// gates returns the gate each unit has learned on the four XOR patterns,
// when the data are XOR or AND of §1 and §8 with inputs x1, x2.
func (s *session) gates(net *nn.MLP) [][]string {
	k := s.cfg.Data.Kind
	if (k != "xor4" && k != "and") || !slices.Equal(s.cfg.Features, []string{"x1", "x2"}) || s.scaler != nil {
		return nil
	}
	g := make([][]string, net.L())
	for l := range g {
		for _, t := range net.Gates(l + 1) {
			g[l] = append(g[l], t.String())
		}
	}
	return g
}

// MarshalJSON writes the numbers with 5 significant digits, NaN and ±Inf as null.
func (f Floats) MarshalJSON() ([]byte, error) { return appendNums(f, 5), nil }

// MarshalJSON writes the numbers with every digit, NaN and ±Inf as null;
// nil (a softmax layer's f′) as null.
func (e Exact) MarshalJSON() ([]byte, error) {
	if e == nil {
		return []byte("null"), nil
	}
	return appendNums(e, -1), nil
}

// MarshalJSON writes the number with every digit, NaN and ±Inf as null.
func (n Num) MarshalJSON() ([]byte, error) { return appendNum(nil, float64(n), -1), nil }

// appendNums returns v as a JSON array, each number with digits significant
// digits (−1: every digit), NaN and ±Inf as null.
func appendNums(v []float64, digits int) []byte {
	b := make([]byte, 0, 2+8*len(v))
	b = append(b, '[')
	for i, x := range v {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendNum(b, x, digits)
	}
	return append(b, ']')
}

// appendNum appends x with digits significant digits, or null.
func appendNum(b []byte, x float64, digits int) []byte {
	if !finite(x) {
		return append(b, "null"...)
	}
	return strconv.AppendFloat(b, x, 'g', digits, 64)
}
