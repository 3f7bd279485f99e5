// Package playground is the server of `nn serve`: the notes' playground in
// the browser (issue 17). The library trains; the page draws. Each browser
// tab has a session holding its configuration, data and network; training
// runs in the server with the library's own MLP.Train (or Perceptron.Learn in
// perceptron mode) and streams snapshots that the page draws.
//
// protocol.go is the contract between the server and the page: the JSON the
// two exchange and the endpoints. It is kept stable; a change is announced
// in the "Changes" comment below and in the commit message.
//
// # Streaming
//
// Snapshots stream as Server-Sent Events (text/event-stream): the page opens
// new EventSource("/api/sessions/{id}/stream") and receives one event per
// frame,
//
//	event: snapshot
//	id: <Snapshot.Seq>
//	data: <one Snapshot as JSON, on one line>
//
// at most FramesPerSecond a second while training plays, one after every
// control that changes the state (step, epoch, reset, a new setting), and a
// comment line ": keep-alive" every 15 s otherwise. The first event of every
// stream is a full snapshot (HistoryFrom = 0, Points present). A paused
// session sends nothing and uses no CPU. A stream whose client accepts
// nothing for StreamStallSec seconds is closed. When the last stream of a
// session closes (the tab went away), its training pauses and its goroutine ends;
// training started while no stream is open (a request from outside the page)
// pauses after UnwatchedSec seconds unless a stream opens by then; a
// session without a stream and without requests for IdleTimeoutSec seconds
// is dropped.
//
// # Endpoints
//
// Every request and response body is JSON (Content-Type application/json)
// except where noted. Bodies are at most MaxBody bytes (413 beyond); JSON is
// decoded strictly (unknown fields and wrong types are a 400). Every error is
// an ErrorResponse with the HTTP status: 400 bad input (Field names the
// setting), 403 foreign Host or Origin, 404 unknown session (it expired: make
// a new one), 405 wrong method, 408 a body that took longer than
// BodyTimeoutSec to arrive, 409 not possible in this state (a trace while
// training plays, a stream too many), 413 body too large, 415 wrong
// Content-Type, 503 too many sessions (when every one of them has a stream
// open; otherwise the one idle longest is dropped).
//
//	GET  /                                  the page: assets/index.html, embedded
//	GET  /{file}                            assets/{file} (the page's JS, CSS, …), embedded
//	GET  /api/presets                       → []Preset
//	POST /api/sessions                      Config → SessionResponse (201)
//	PUT  /api/sessions/{id}/config          Config → SessionResponse (a change may reset: see Config)
//	POST /api/sessions/{id}/control         Control → Snapshot (after a step or epoch has run)
//	GET  /api/sessions/{id}/snapshot        → Snapshot (full: HistoryFrom 0, Points)
//	GET  /api/sessions/{id}/stream          → text/event-stream of Snapshot
//	POST /api/sessions/{id}/points          PointEdit → SessionResponse (the data become "custom")
//	POST /api/sessions/{id}/trace           TraceRequest → TraceResponse (paused only)
//	POST /api/sessions/{id}/gradcheck       (empty body) → GradCheck
//	GET  /api/sessions/{id}/model           → the nn-model JSON file (nn.Model.Write), as an attachment
//	PUT  /api/sessions/{id}/model           nn-model JSON → SessionResponse; Field "model" on error
//	GET  /api/sessions/{id}/data.csv        → text/csv: x1,x2,label (or x,y for a curve), header line, training points then test points
//	PUT  /api/sessions/{id}/data.csv        text/csv body → SessionResponse; Field "csv" on error, with the line and column
//	DELETE /api/sessions/{id}               ends the session (the page calls it on pagehide; optional)
//
// State-changing requests (POST, PUT, DELETE) must come from the page: a
// request whose Origin header names another site, or whose Sec-Fetch-Site is
// "cross-site", is refused with 403. Every request's Host must be the address
// the server listens on (127.0.0.1:port, localhost:port, [::1]:port, or the
// -addr given), else 403: this defeats DNS rebinding.
package playground

// Changes: each change to this contract after the first commit, with the date.
//   - 2026-12-02: TraceResponse.Command added (a new field; nothing else changed).
//     Snapshot numbers (Floats) carry 5 significant digits; the JSON is the same.
//   - 2026-12-02: MaxStreams: a fifth stream on one session is a 409.
//   - 2026-12-02: UnwatchedSec: training with no stream open pauses after 30 s.
//   - 2026-12-02: 408 for a body that takes longer than BodyTimeoutSec.
//   - 2026-12-02: StreamStallSec: a stream whose client reads nothing for 30 s is closed.
//   - 2026-12-02: a trace's and a gradient check's numbers that are not finite are null
//     (Exact, Num); they were a 500.
//   - 2026-12-02: GradCheck runs over the whole batch of the last step (it took
//     the first 100 training points) and says which step's in Step (a new field).

// Limits of the server and of a configuration.
const (
	MaxBody         = 2 << 20 // bytes of a request body
	MaxSessions     = 16      // sessions at once; the oldest idle one is dropped for a new one
	MaxStreams      = 4       // streams open at once on one session (409 beyond)
	IdleTimeoutSec  = 600     // a session without a stream and without requests this long is dropped
	UnwatchedSec    = 30      // training started with no stream open pauses after this long if none opens
	BodyTimeoutSec  = 30      // a request body must arrive within this (408 beyond)
	StreamStallSec  = 30      // a stream whose client accepts no data this long is closed
	FramesPerSecond = 25      // the most snapshots a second a playing session streams
	MaxHidden       = 6       // hidden layers
	MaxUnits        = 16      // units in a hidden layer
	MaxPoints       = 2000    // points of a data set (generated, custom or imported)
	MaxBatch        = MaxPoints
	GridSize        = 48 // cells per side of the output's heat map
	UnitGridSize    = 16 // cells per side of a hidden unit's heat map
	CurveSamples    = 201
)

// Config is the whole configuration of a session: what the URL holds
// (the page may keep it as JSON in the URL's fragment) and what
// POST /api/sessions and PUT /config take. A field that is missing takes
// its default (shown in brackets); a field that is present is taken as it is
// (noise 0 is no noise, "hidden": [] no hidden layer). So {} is a valid
// configuration: XOR blobs, 2-4-1 tanh, sigmoid with binary cross-entropy,
// SGD η = 0.1.
//
// PUT /config with a changed Data, Features, Hidden, Output, Perceptron,
// Training.Init or Training.Seed rebuilds the network from the seed (a
// reset); a change of only Optimizer, Eta, Batch, L2 or ClipNorm keeps the
// weights and training goes on with the new setting.
type Config struct {
	Data     DataConfig `json:"data"`
	Features []string   `json:"features"` // inputs, a subset of Features in any order ["x1","x2"]; a curve has only "x1", "x1^2", "sin_x1"
	Hidden   []Layer    `json:"hidden"`   // hidden layers, 0 … MaxHidden [[4 tanh]]
	Output   Output     `json:"output"`
	// Perceptron trains a single step unit with the perceptron rule (§1,
	// nn.Perceptron) instead of an MLP: Hidden must be empty, the data two
	// classes; Output and Training except Eta and Seed are ignored.
	Perceptron bool     `json:"perceptron"`
	Training   Training `json:"training"`
}

// Features lists the input features the page offers, in this order.
var Features = []string{"x1", "x2", "x1^2", "x2^2", "x1x2", "sin_x1", "sin_x2"}

// DataConfig chooses the data set. Points are generated from Seed, so the
// same configuration gives the same points.
type DataConfig struct {
	// Kind is one of DataKinds ["xor"].
	Kind      string  `json:"kind"`
	Points    int     `json:"points"`     // number of points, 2 … MaxPoints [200]; ignored for "and", "xor4", "worked" and "custom"
	Noise     float64 `json:"noise"`      // standard deviation of the noise, 0 … 1 [0.1]
	TestShare float64 `json:"test_share"` // share of the points held out for testing, 0 … 0.9 [0.3]; ignored for "custom"
	Seed      uint64  `json:"seed"`       // seed of the points and of the split [1]
	K         int     `json:"k"`          // the sawtooth's folds k, 1 … 6 [3]
	// Custom holds the points of Kind "custom", each with its own Test flag:
	// what clicking, importing a CSV or a preset gave. For a generated kind it
	// must be empty.
	Custom []Point `json:"custom,omitempty"`
}

// DataKinds lists the data sets: the toy sets of toy.go ("moons", "circles",
// "spirals", "xor"), a Gaussian pair ("gauss"), three classes ("blobs3",
// "spirals3": softmax and cross-entropy), the four XOR patterns ("xor4") and
// AND ("and") of §1 and §8, the single sample of §9 ("worked"), the 1-D
// curves of §12 and §13 ("sin": sin x + 0.3 sin 3x on [−π, π], "step",
// "abs", "sawtooth": the k-fold tent map on [0, 1]) and "custom".
var DataKinds = []string{"moons", "circles", "spirals", "xor", "gauss", "blobs3", "spirals3",
	"xor4", "and", "worked", "sin", "step", "abs", "sawtooth", "custom"}

// Point is one sample. A classification point has X = [x1, x2] and Label
// (0 … classes−1); a curve point has X = [x] and Y, the target.
type Point struct {
	X     []float64 `json:"x"`
	Label int       `json:"label"`
	Y     float64   `json:"y"`
	Test  bool      `json:"test"` // held out: drawn, never trained on
}

// Layer is one hidden layer.
type Layer struct {
	Units      int    `json:"units"`      // 1 … MaxUnits
	Activation string `json:"activation"` // one of Activations
}

// Activations lists the hidden layers' activations (nn.Step, nn.Sigmoid,
// nn.Tanh, nn.ReLU, nn.LeakyReLU with slope 0.01, nn.Identity).
var Activations = []string{"step", "sigmoid", "tanh", "relu", "leakyrelu", "identity"}

// Output is the output layer and the loss. The pairs allowed: sigmoid with
// "bce" or "mse" (two classes: one unit), softmax with "ce" or "mse" (K ≥ 2
// classes: K units), identity with "mse" (one unit: curves, or two classes
// with targets 0 and 1). [sigmoid + bce for classes, identity + mse for curves]
type Output struct {
	Activation string `json:"activation"` // "sigmoid", "softmax" or "identity"
	Loss       string `json:"loss"`       // "bce" (binary cross-entropy), "ce" (cross-entropy), "mse" (squared error)
}

// Training holds the optimizer's settings and the seed of the weights.
type Training struct {
	Optimizer string  `json:"optimizer"` // one of Optimizers ["sgd"]
	Eta       float64 `json:"eta"`       // learning rate η > 0, ≤ 10 [0.1]
	Batch     int     `json:"batch"`     // samples per step, 0 … MaxBatch; 0 or more than the training points = all [0]
	L2        float64 `json:"l2"`        // λ of the L2 penalty, 0 … 1 [0]
	ClipNorm  float64 `json:"clip_norm"` // clip the gradient's norm to this if > 0 [0]
	// Init is "xavier" or "he" (uniform), "xavier-normal", "he-normal", or
	// hand-set weights of the notes: "worked-example" (§9: 2-2-1 sigmoid,
	// features x1, x2), "sawtooth" (§13: nn.Sawtooth(k), k hidden layers of 2
	// relu units, identity output, feature x1), "stepsum" (§12: nn.StepSum of
	// the curve on its interval, 1 hidden layer of sigmoids, identity output,
	// feature x1), "hand-xor" (§8: nn.HandXOR(5), 2-2-1 sigmoid). ["xavier"]
	Init string `json:"init"`
	Seed uint64 `json:"seed"` // seed of the weights and of the shuffling [1]; a new seed draws new weights
}

// Optimizers lists the optimizers: plain SGD, momentum (μ = 0.9), Nesterov
// (μ = 0.9), Adam and RMSprop with the library's defaults.
var Optimizers = []string{"sgd", "momentum", "nesterov", "adam", "rmsprop"}

// ErrorResponse is the body of every error. Field, when not empty, is the
// JSON path of the setting at fault, so the page can show Error next to its
// control: "data.noise", "hidden[2].units", "hidden[0].activation",
// "output.loss", "training.eta", "features", "perceptron", "custom[7]",
// "csv", "model", "point", "action", "body".
type ErrorResponse struct {
	Error string `json:"error"`
	Field string `json:"field,omitempty"`
}

// SessionResponse answers the requests that create or change a session:
// the configuration as the server completed it (defaults filled in; the
// page shows this and puts it in the URL) and a full snapshot.
type SessionResponse struct {
	ID       string    `json:"id"`
	Config   Config    `json:"config"`
	Snapshot *Snapshot `json:"snapshot"`
}

// Control is the body of POST /control.
type Control struct {
	// Action: "play" (train until paused), "pause", "step" (one update, or
	// one sample in perceptron mode), "epoch" (to the end of the current
	// epoch: a whole one if none is under way) or "reset" (pause, and the
	// initial weights again: the same seed gives the same weights).
	Action string `json:"action"`
}

// States of a session.
const (
	StatePaused   = "paused"
	StatePlaying  = "playing"
	StateDiverged = "diverged" // paused by a NaN or infinite loss; Snapshot.Message says what to change
	StateDone     = "done"     // the perceptron converged (an epoch without a mistake)
)

// Snapshot is one frame: everything the page draws.
type Snapshot struct {
	Seq     int    `json:"seq"`   // frame number within the session, increasing
	State   string `json:"state"` // one of the State constants
	Message string `json:"message,omitempty"`
	Epoch   int    `json:"epoch"` // epochs completed
	Step    int    `json:"step"`  // updates (steps) so far
	// Version increases with every change of the data, network shape or
	// weights other than training (a reset, a new setting, an upload): the
	// page redraws everything when it changes.
	Version int `json:"version"`

	// History holds the loss curves, one entry per recorded epoch. Only
	// entries from index HistoryFrom on are sent: the page truncates its copy
	// to HistoryFrom entries and appends these. Long runs are thinned (every
	// 2nd, 4th … epoch kept), which a HistoryFrom of 0 announces.
	HistoryFrom int          `json:"history_from"`
	History     []EpochPoint `json:"history"`
	Latest      EpochPoint   `json:"latest"` // the current weights' losses, computed for this frame

	// GradNorms[l−1] is ‖∂L/∂W^l‖ over the training set for l = 1 … L
	// (nn.GradientFlow, §11).
	GradNorms Floats `json:"grad_norms"`
	// Layers[l−1] is layer l = 1 … L: weights, biases and their gradients
	// over the training set (for hovering).
	Layers []LayerState `json:"layers"`

	Domain Domain `json:"domain"`
	// Output is the network's output over the plane: for one output unit its
	// value (a probability for sigmoid), for softmax the class of the
	// largest probability (Grid.Lo = 0, Grid.Hi = classes−1) with its
	// probability in Confidence. Nil in curve mode.
	Output     *Grid `json:"output,omitempty"`
	Confidence *Grid `json:"confidence,omitempty"`
	// Units[l−1][j] is hidden unit j of layer l over the plane, a^l_j
	// (UnitGridSize²), or over the curve's x (CurveSamples×1) in curve mode.
	Units [][]*Grid `json:"units"`
	// Curve is set in curve mode instead of Output.
	Curve *Curve `json:"curve,omitempty"`

	// Points are present in a full snapshot and whenever Version changed.
	Points  []Point  `json:"points,omitempty"`
	Classes int      `json:"classes"` // 0 for a curve
	Inputs  []string `json:"inputs"`  // the features, names as in Features

	Perceptron *PerceptronState `json:"perceptron,omitempty"`
	// Gates: on the four XOR/AND patterns with inputs x1, x2 (§8), the gate
	// each unit of each layer has learned (nn.MLP.Gates: "OR", "NAND", …;
	// "" when not a named gate), Gates[l−1][j].
	Gates [][]string `json:"gates,omitempty"`
}

// Floats is a list of numbers as a snapshot sends them: with 5 significant
// digits (a trace has every digit), NaN and ±Inf as null. The JSON is a
// plain array of numbers.
type Floats []float64

// Exact is a list of numbers as a trace sends them: every digit, NaN and
// ±Inf as null (an update with a large η overflows). Num is one such number.
type (
	Exact []float64
	Num   float64
)

// EpochPoint is one point of the loss curves. Loss is the mean loss over the
// set (without the L2 penalty); Metric the accuracy (0 … 1) for classes or
// R² for a curve. Test values are null without test points.
type EpochPoint struct {
	Epoch      int      `json:"epoch"`
	Step       int      `json:"step"`
	TrainLoss  *float64 `json:"train_loss"`
	TestLoss   *float64 `json:"test_loss"`
	TrainScore *float64 `json:"train_metric"`
	TestScore  *float64 `json:"test_metric"`
}

// LayerState is layer l of the network: W is n_l × n_{l−1} (W[j][k] joins
// input k to unit j), B has n_l entries; GradW and GradB are ∂L/∂W and
// ∂L/∂b of the mean loss over the training set.
type LayerState struct {
	Activation string   `json:"activation"`
	W          []Floats `json:"w"`
	B          Floats   `json:"b"`
	GradW      []Floats `json:"grad_w"`
	GradB      Floats   `json:"grad_b"`
}

// Domain is the part of the plane the grids cover (x2 unused for a curve).
type Domain struct {
	X1Min float64 `json:"x1_min"`
	X1Max float64 `json:"x1_max"`
	X2Min float64 `json:"x2_min"`
	X2Max float64 `json:"x2_max"`
}

// Grid is a map of values over the domain, Cols × Rows cells, quantized to
// bytes: Data is base64 of Rows·Cols bytes, row by row from the top (x2 =
// X2Max) to the bottom, each row from x1 = X1Min to X1Max; the value at cell
// centre is Lo + byte/255·(Hi − Lo).
type Grid struct {
	Cols int     `json:"cols"`
	Rows int     `json:"rows"`
	Lo   float64 `json:"lo"`
	Hi   float64 `json:"hi"`
	Data []byte  `json:"data"` // base64 in JSON
}

// Curve is a 1-D network: X sampled evenly over the domain, the target
// function and the network's output there.
type Curve struct {
	X      Floats `json:"x"`
	Target Floats `json:"target"` // null for custom points (no target function)
	Output Floats `json:"output"`
}

// PerceptronState is the perceptron of §1: w (one weight per input) and b,
// the updates (mistakes corrected) so far, the mistakes in the last complete
// epoch, and whether an epoch passed without one. On XOR it never converges:
// Message says so after 100 epochs.
type PerceptronState struct {
	W         Floats  `json:"w"`
	B         float64 `json:"b"`
	Updates   int     `json:"updates"`
	Mistakes  int     `json:"mistakes"`
	Converged bool    `json:"converged"`
}

// PointEdit is the body of POST /points: Add a point (Add.Test false: a
// training point), or Remove the point with index Remove in Snapshot.Points.
// Exactly one is set. The weights stay (training goes on if it was playing)
// unless the number of classes changes, which resets with the output the
// data now need. (A CSV import, PUT /data.csv, always resets.)
type PointEdit struct {
	Add    *Point `json:"add,omitempty"`
	Remove *int   `json:"remove,omitempty"`
}

// TraceRequest asks for the trace of one point (an index into
// Snapshot.Points) with the session's current weights, loss and η.
type TraceRequest struct {
	Point int `json:"point"`
}

// TraceResponse is nn.MLP.Trace of one sample, in the notes' notation:
// Layers[l−1] is layer l. Markdown is the same text as
// `nn explain -format markdown` prints for this network and sample.
type TraceResponse struct {
	Point     int          `json:"point"`
	X         Exact        `json:"x"` // a^0: the network's input (the features of the point)
	Y         Exact        `json:"y"` // the target
	Loss      string       `json:"loss"`
	Eta       float64      `json:"eta"`
	Cost      Num          `json:"cost"`       // L(a^L, y)
	DeltaRule string       `json:"delta_rule"` // the formula that gave δ^L
	Layers    []TraceLayer `json:"layers"`
	CostAfter Num          `json:"cost_after"` // the loss on the same sample after the update
	H         float64      `json:"h"`          // step of the central differences (nn.TraceH)
	Markdown  string       `json:"markdown"`
	// Command is the nn explain command that prints Markdown from the
	// downloaded model (ModelFile): "nn explain -model nn-playground.json -x … -y … -loss … -eta … -format markdown".
	Command string `json:"command"`
}

// TraceLayer is layer l of a trace: the forward pass z^l, a^l; ∂L/∂a^l,
// f′(z^l) (null for softmax) and δ^l; the gradients beside their central
// differences; the weights before and after the update.
type TraceLayer struct {
	Activation string  `json:"activation"`
	Z          Exact   `json:"z"`
	A          Exact   `json:"a"`
	GradA      Exact   `json:"grad_a"`
	FPrime     Exact   `json:"f_prime"`
	Delta      Exact   `json:"delta"`
	W          []Exact `json:"w"`
	B          Exact   `json:"b"`
	GradW      []Exact `json:"grad_w"`
	NumGradW   []Exact `json:"num_grad_w"`
	GradB      Exact   `json:"grad_b"`
	NumGradB   Exact   `json:"num_grad_b"`
	WAfter     []Exact `json:"w_after"`
	BAfter     Exact   `json:"b_after"`
}

// GradCheck is the gradient check of the current batch: backpropagation
// (nn.MLP.BackpropBatch) against central differences (nn.NumericalGrad, step
// H) for the mean loss over the Samples training points of the batch the
// last step trained on, as MLP.Train reports it (step Step; before the
// first step, Step 0, the first batch-size training points), every
// parameter, with the current weights.
// MaxRelDiff is the largest |g − n| / max(|g|, |n|, 1e-8), at Where
// ("W^2[0][1]", "b^1[0]"). Paused only (409 while training plays, in
// perceptron mode, or while a check of the session runs: a batch of 2000
// points in the largest network takes seconds).
type GradCheck struct {
	Samples    int     `json:"samples"`
	Step       int     `json:"step"`
	Params     int     `json:"params"`
	H          float64 `json:"h"`
	MaxRelDiff Num     `json:"max_rel_diff"` // null when a gradient is not finite
	MaxAbsDiff Num     `json:"max_abs_diff"`
	Where      string  `json:"where"`
	Backprop   Num     `json:"backprop"`  // the gradient at Where
	Numerical  Num     `json:"numerical"` // its central difference
}

// Preset is one button: a section of the notes and the configuration that
// shows it. Text says what to look at.
type Preset struct {
	ID      string `json:"id"`      // "s1-and", "s1-xor", "s8-xor", "s9-worked", "s11-sigmoid", "s11-relu", "s12-sigmoids", "s13-sawtooth"
	Section string `json:"section"` // "§1"
	Title   string `json:"title"`
	Text    string `json:"text"`
	Config  Config `json:"config"`
}
